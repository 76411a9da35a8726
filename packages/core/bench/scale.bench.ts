/**
 * Rules at scale: full evaluation (all rules) of generated 36-month programs, from parsed ProgramData with the
 * indexing included, against the baseline of the issue in the same run: a plain loop that parses each contact's
 * ISO start with `Date.parse` and buckets it into integer peer-months. Watch the ratio (hz of a task / hz of the
 * baseline) and the time per contact across sizes, not absolute times (the machine is shared).
 *
 * Run: `pnpm bench` (all benchmarks) or `npx vitest bench --run --project core packages/core/bench/scale.bench.ts`.
 * Sizes: `BENCH_PEERS=1000,10000` (the default); `BENCH_PEERS=100000` once, watching RSS (several GB of input).
 */
import { bench, describe } from 'vitest';
import type { ProgramData } from '../src/model/domain';
import {
  createProgramBuilder,
  evaluateProgram,
  indexProgram,
  PROGRAM_RECORD_KINDS,
} from '../src/rules/index';
import { generateProgramData } from '../src/synthetic/index';

const SIZES = (process.env.BENCH_PEERS ?? '1000,10000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const AS_OF = '2026-12-31';

/** The baseline: Date.parse of every contact start, counted per (enrolment, UTC month) integer key. */
function dateParseBuckets(data: ProgramData): number {
  const peerOf = new Map<string, number>();
  for (const [i, e] of data.enrolments.entries()) peerOf.set(e.id, i);
  const counts = new Map<number, number>();
  for (const c of data.contacts) {
    const ms = Date.parse(c.start);
    const d = new Date(ms);
    const key = (peerOf.get(c.enrolmentId) ?? -1) * 12_000 + d.getUTCFullYear() * 12 + d.getUTCMonth();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts.size;
}

for (const peers of SIZES) {
  const data = generateProgramData({ peers, seed: 7, start: '2024-01-01', years: 3 });
  const heavy = peers >= 5_000;
  const options = heavy
    ? { time: 0, iterations: 3, warmupIterations: 1 }
    : { time: 1_000, warmupIterations: 2 };
  describe(`${peers} peers, 36 months, ${data.contacts.length} contacts (per contact: divide the mean by the count)`, () => {
    bench(
      'baseline: Date.parse bucketing loop',
      () => {
        dateParseBuckets(data);
      },
      options,
    );
    bench(
      'evaluateProgram from ProgramData (indexing included)',
      () => {
        evaluateProgram(data, { asOf: AS_OF });
      },
      options,
    );
    bench(
      'evaluateProgram, then every enrolment read (its lists made)',
      () => {
        const r = evaluateProgram(data, { asOf: AS_OF });
        if (r.success) for (const ev of r.data.enrolments) ev.timeline.length;
      },
      options,
    );
    bench(
      'indexProgram only',
      () => {
        indexProgram(data);
      },
      options,
    );
    bench(
      'createProgramBuilder: add every record, build',
      () => {
        const b = createProgramBuilder(data.program);
        if (!b.success) throw new Error('builder refused the program');
        for (const kind of PROGRAM_RECORD_KINDS) for (const r of data[kind]) b.data.add(kind, r as never);
        b.data.build();
      },
      options,
    );
  });
}

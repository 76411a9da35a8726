/**
 * `validate-outcomes` over a generated 50,000-row assessment CSV (25,000 enrolments, two BARC-10 rows each, one
 * planted out-of-window row at the end): wall time per run (vitest bench) and the growth of the reachable heap while
 * the file streams (printed after the runs; collected before each sample when `--expose-gc` is available). The
 * command keeps per-enrolment state, not rows: the heap growth should stay well under 100 MB at this size.
 *
 * Run: `npx vitest bench --run --project cli packages/cli/bench/outcomes.bench.ts`; `BENCH_PEOPLE=25000` (default).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bench, describe } from 'vitest';
import { runValidateOutcomes } from '../src/commands/outcomes';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 25_000);
let dir = '';
let enrolments = '';
let file = '';

/** Writes the two CSV files into a fresh temporary folder (before the runs; not measured). */
function writeFiles(): void {
  dir = mkdtempSync(join(tmpdir(), 'peer-recovery-outcomes-bench-'));
  enrolments = join(dir, 'enrolments.csv');
  file = join(dir, 'assessments.csv');
  const e: string[] = ['enrolment_id,peer_id,enrolled_on,exited_on'];
  for (let i = 0; i < PEOPLE; i++) e.push(`enr-${i},peer-${i},2025-01-01,`);
  writeFileSync(enrolments, `${e.join('\n')}\n`);
  const rows: string[] = [
    'assessment_id,enrolment_id,instrument,completed_on,item_1,item_2,item_3,item_4,item_5,item_6,item_7,item_8,item_9,item_10',
  ];
  for (let i = 0; i < PEOPLE; i++) {
    const answers = Array.from({ length: 10 }, (_, k) => 1 + ((i + k) % 6)).join(',');
    rows.push(`a${2 * i},enr-${i},barc-10,2025-01-0${1 + (i % 9)},${answers}`);
    rows.push(`a${2 * i + 1},enr-${i},barc-10,2025-07-0${1 + (i % 9)},${answers}`);
  }
  rows.push('a-last,enr-0,barc-10,2025-04-15,1,2,3,4,5,6,1,2,3,4');
  writeFileSync(file, `${rows.join('\n')}\n`);
}

let gc: () => void = () => undefined;
try {
  setFlagsFromString('--expose-gc');
  const exposed: unknown = runInNewContext('gc');
  if (typeof exposed === 'function') gc = exposed as () => void;
} catch {
  // Without gc the heap figure only gets looser (garbage counts too).
}

let worstGrowthMb = 0;

describe(`validate-outcomes, ${2 * PEOPLE + 1} rows`, () => {
  bench(
    'validate (json output)',
    async () => {
      gc();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      let out = 0;
      const code = await runValidateOutcomes(
        { file, enrolments, format: 'json' },
        {
          write: (s) => {
            out += s.length;
          },
          progress: false,
          onRows: (n) => {
            if (n % 10_000 !== 0) return;
            gc();
            peak = Math.max(peak, process.memoryUsage().heapUsed);
          },
        },
      );
      if (code !== 1 || out === 0) throw new Error(`unexpected exit code ${code}`);
      worstGrowthMb = Math.max(worstGrowthMb, (peak - before) / 2 ** 20);
    },
    {
      iterations: 3,
      warmupIterations: 0,
      setup: writeFiles,
      teardown: () => {
        rmSync(dir, { recursive: true, force: true });
        process.stderr.write(
          `validate-outcomes ${2 * PEOPLE + 1} rows: peak reachable heap growth ${worstGrowthMb.toFixed(1)} MB\n`,
        );
      },
    },
  );
});

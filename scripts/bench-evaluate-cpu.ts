/**
 * CPU time of `evaluateProgram` against the scale benchmark's baseline (a `Date.parse` bucketing loop), measured in
 * alternation in one process, for an A/B of two checkouts on a shared machine (CPU time moves less than wall time
 * when other processes compete for the cores):
 *
 *   node --import tsx scripts/bench-evaluate-cpu.ts <checkout> [peers] [rounds] [mode] [warm-ups]
 *
 * `<checkout>` is the root of a checkout of this repository (its TypeScript sources are imported), e.g. `.` and a
 * `git worktree` of the commit to compare with. The program is `generateProgramData({ peers, seed: 7, start:
 * '2024-01-01', years: 3 })`, evaluated as of 2026-12-31 (as in `packages/core/bench/scale.bench.ts`); `warm-ups`
 * rounds (3 unless given; 1 is enough at 100,000 peers, where a round takes a minute), then `rounds` rounds of five
 * baseline loops and one evaluation. Prints one line of JSON: CPU milliseconds
 * per baseline loop and per evaluation (median, min, max), the ratio of each round (evaluation / baseline) and the
 * CPU microseconds per contact. With `rounds` 0 (for large programs, under `/usr/bin/time -v`): no warm-up and no
 * baseline, one evaluation, and the RSS after generating the program and after evaluating it. With a fourth argument
 * `read`, each evaluation also reads every enrolment's lists (`timeline`, which makes the objects of a lazy result),
 * so that a checkout with lazy results and one without compare on the same work. With `parsed` instead, the program
 * is the generator's written as JSON and parsed back (`JSON.parse(JSON.stringify(...))`), as a program read from a
 * file is: flat strings, in parse order, where the generator's are built by concatenation (both the evaluation and
 * the baseline read them faster). With `stream`, the program is never whole in memory: each round generates it
 * enrolment by enrolment (`generateProgramParts`), reads each enrolment back from its JSON (flat strings, as a
 * streaming reader of a file gives them) and evaluates batches of 1,000 peers with `createProgramStreamEvaluator`;
 * the baseline loop runs on each batch's contacts, before the batch's evaluation in one batch and after it in the
 * next, and only the loop and the evaluation are timed (not generating nor reading back). With `stream` and
 * `rounds` 0: one streamed evaluation, no warm-up, for the peak RSS (and, under `node --expose-gc`, the heap still
 * alive at the end). A sixth argument sets the peers per batch (1,000 unless given), e.g.
 * `node --import tsx scripts/bench-evaluate-cpu.ts . 10000 2 stream 1 100`. A seventh, `check`, checks each batch
 * with the evaluator's `check` (`fromJson: true`) before it is pushed, as a batch read from a file is, and reports
 * the CPU time of the checks apart (`checkMs`, `checkUsPerContact`; not in `evaluateMs`).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpuMs as cpu, stats } from './bench-stats';

const [
  root = '.',
  peersArg = '1000',
  roundsArg = '7',
  modeArg = '',
  warmupsArg = '3',
  batchArg = '1000',
  checkArg = '',
] = process.argv.slice(2);
/** `evaluate` names the default mode, so that `warm-ups` can follow it. */
const mode = modeArg === 'evaluate' ? '' : modeArg;
const warmups = Number(warmupsArg);
const peers = Number(peersArg);
const rounds = Number(roundsArg);
const from = (path: string) => pathToFileURL(resolve(root, path)).href;
const { generateProgramData, generateProgramParts } = await import(
  from('packages/core/src/synthetic/index.ts')
);
const { createProgramStreamEvaluator, evaluateProgram } = await import(
  from('packages/core/src/rules/index.ts')
);

interface Data {
  readonly enrolments: readonly { readonly id: string }[];
  readonly contacts: readonly { readonly start: string; readonly enrolmentId: string }[];
}

/** The baseline of the scale benchmark: Date.parse of every contact start, counted per (enrolment, UTC month). */
function baseline(data: Data): number {
  const peerOf = new Map<string, number>();
  for (const [i, e] of data.enrolments.entries()) peerOf.set(e.id, i);
  const counts = new Map<number, number>();
  for (const c of data.contacts) {
    const d = new Date(Date.parse(c.start));
    const key = (peerOf.get(c.enrolmentId) ?? -1) * 12_000 + d.getUTCFullYear() * 12 + d.getUTCMonth();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts.size;
}

const programOptions = { peers, seed: 7, start: '2024-01-01', years: 3 } as const;

/** Peers per batch of the `stream` mode (the sixth argument; 1,000 unless given). */
const BATCH = Number(batchArg);
/** Whether the `stream` mode checks each batch before pushing it (the seventh argument, `check`). */
const CHECK = checkArg === 'check';
const BATCH_KINDS = ['plans', 'contacts', 'messages', 'referrals', 'consents', 'assessments'] as const;

/** With `node --expose-gc`: the heap still alive after a forced collection, in MB (nothing otherwise). */
function liveHeap(): { readonly liveHeapMB?: number } {
  if (typeof globalThis.gc !== 'function') return {};
  globalThis.gc();
  return { liveHeapMB: Math.round(process.memoryUsage().heapUsed / 1e6) };
}

/**
 * One streamed evaluation (see the `stream` mode above): the CPU milliseconds of the evaluation (every batch and the
 * summary) and of the baseline loop over the same batches, and the number of contacts.
 */
function streamRound(): {
  readonly evaluateMs: number;
  readonly checkMs: number;
  readonly baselineMs: number;
  readonly contacts: number;
  readonly liveHeapMB?: number;
} {
  const parts = generateProgramParts(programOptions);
  const ev = createProgramStreamEvaluator(parts.head, { asOf: '2026-12-31' });
  if (!ev.success) throw new Error('the stream evaluator failed');
  let evaluateMs = 0;
  let checkMs = 0;
  let baselineMs = 0;
  let contacts = 0;
  let batches = 0;
  type Lists = Record<'peers' | 'enrolments' | (typeof BATCH_KINDS)[number], unknown[]>;
  const empty = () =>
    Object.fromEntries(['peers', 'enrolments', ...BATCH_KINDS].map((k) => [k, []])) as Lists;
  let batch = empty();
  const flush = () => {
    const loop = () => {
      const t = cpu();
      baseline(batch as unknown as Data);
      baselineMs += cpu() - t;
    };
    const evaluate = () => {
      let checked: unknown = batch;
      if (CHECK) {
        const t = cpu();
        const c = ev.data.check(batch, { fromJson: true });
        checkMs += cpu() - t;
        if (!c.success) throw new Error('a batch did not pass its check');
        checked = c.data;
      }
      const t = cpu();
      const r = ev.data.push(checked as never);
      evaluateMs += cpu() - t;
      if (!r.success) throw new Error('a batch failed');
    };
    if (batches++ % 2 === 0) {
      loop();
      evaluate();
    } else {
      evaluate();
      loop();
    }
    contacts += batch.contacts.length;
    batch = empty();
  };
  for (const generated of parts.enrolments()) {
    const e = JSON.parse(JSON.stringify(generated));
    batch.peers.push(e.peer);
    batch.enrolments.push(e.enrolment);
    for (const kind of BATCH_KINDS) for (const record of e[kind]) batch[kind].push(record);
    if (batch.enrolments.length === BATCH) flush();
  }
  if (batch.enrolments.length > 0) flush();
  const t = cpu();
  ev.data.summary();
  evaluateMs += cpu() - t;
  // Measured while the evaluator (its state per enrolment) is still alive.
  return { evaluateMs, checkMs, baselineMs, contacts, ...(rounds === 0 ? liveHeap() : {}) };
}

if (mode === 'stream') {
  if (rounds === 0) {
    const r = streamRound();
    console.log(
      JSON.stringify({
        peers,
        mode,
        contacts: r.contacts,
        evaluateMs: Math.round(r.evaluateMs),
        usPerContact: +((1000 * r.evaluateMs) / r.contacts).toFixed(2),
        ...(CHECK ? { checkMs: Math.round(r.checkMs) } : {}),
        rssMB: Math.round(process.resourceUsage().maxRSS / 1e3),
        ...(r.liveHeapMB === undefined ? {} : { liveHeapMB: r.liveHeapMB }),
      }),
    );
    process.exit(0);
  }
  for (let i = 0; i < warmups; i++) streamRound();
  const runs = Array.from({ length: rounds }, streamRound);
  const evals = runs.map((r) => r.evaluateMs);
  const contacts = runs[0]?.contacts ?? 0;
  console.log(
    JSON.stringify({
      peers,
      mode,
      contacts,
      baselineMs: stats(
        runs.map((r) => r.baselineMs),
        1,
      ),
      evaluateMs: stats(evals, 0),
      ratio: stats(
        runs.map((r) => r.evaluateMs / r.baselineMs),
        1,
      ),
      usPerContact: +((1000 * stats(evals).median) / contacts).toFixed(2),
      ...(CHECK
        ? {
            checkMs: stats(
              runs.map((r) => r.checkMs),
              0,
            ),
            checkUsPerContact: +((1000 * stats(runs.map((r) => r.checkMs)).median) / contacts).toFixed(2),
          }
        : {}),
    }),
  );
  process.exit(0);
}

const generate = (): Data => generateProgramData(programOptions);
// Parsed: only the parsed copy stays alive.
const data: Data = mode === 'parsed' ? JSON.parse(JSON.stringify(generate())) : generate();
const evaluate = () => {
  const r = evaluateProgram(data, { asOf: '2026-12-31' });
  if (!r.success) throw new Error('the evaluation failed');
  if (mode === 'read') {
    let n = 0;
    for (const ev of r.data.enrolments) n += ev.timeline.length;
    if (n === 0) throw new Error('no obligation read');
  }
};
if (rounds === 0) {
  const rssGenerated = process.memoryUsage().rss;
  const t = cpu();
  evaluate();
  const ms = cpu() - t;
  console.log(
    JSON.stringify({
      peers,
      contacts: data.contacts.length,
      evaluateMs: Math.round(ms),
      usPerContact: +((1000 * ms) / data.contacts.length).toFixed(2),
      rssGeneratedMB: Math.round(rssGenerated / 1e6),
      rssEvaluatedMB: Math.round(process.memoryUsage().rss / 1e6),
    }),
  );
  process.exit(0);
}
for (let i = 0; i < warmups; i++) {
  baseline(data);
  evaluate();
}
const base: number[] = [];
const evals: number[] = [];
for (let i = 0; i < rounds; i++) {
  let t = cpu();
  for (let k = 0; k < 5; k++) baseline(data);
  base.push((cpu() - t) / 5);
  t = cpu();
  evaluate();
  evals.push(cpu() - t);
}
const ratios = evals.map((e, i) => e / (base[i] ?? Number.NaN));
console.log(
  JSON.stringify({
    peers,
    mode: mode || 'evaluate',
    contacts: data.contacts.length,
    baselineMs: stats(base, 1),
    evaluateMs: stats(evals, 0),
    ratio: stats(ratios, 1),
    usPerContact: +((1000 * stats(evals).median) / data.contacts.length).toFixed(2),
  }),
);

/**
 * The performance targets, each measured against its baseline in the same run, in one command:
 *
 *   pnpm -r build && pnpm bench:targets [--quick] [--large] [--runs N] [--only name,name] [--json file]
 *
 * Whole commands run as child processes of the built packages, in turn with their baseline (A B A B ...), so a
 * machine that speeds up or slows down during the call moves both. Each child reports its own CPU time and peak
 * RSS at exit (`process.resourceUsage()`, read by a preloaded module; the threads of `check --jobs` are in the same
 * process); wall time is taken here around the child. Figures are medians with their range. Nothing here passes or
 * fails: the last column says whether the figure meets the issue's target on this machine, or `reference` for a
 * figure with no target of its own: two one-thread `check` runs started side by side against one alone, the most two
 * threads could give `check --jobs 2` on this machine (nothing shared, nothing copied).
 *
 * Data is generated once into a folder under the system temporary folder (reused by later calls): programs from
 * `peer-recovery generate --peers N --seed 7` (36 months from 2024-01-01), outcome CSVs from
 * `scripts/gen-outcomes-csv.ts`. The evaluation runs on the generated program as it is and on the same program
 * parsed back from JSON (as a file is read), and streamed: batch by batch, never whole in memory (the `stream` mode
 * of `scripts/bench-evaluate-cpu.ts`). Default sizes: 2,000 and 10,000 peers, a 1,000,000-row outcome file;
 * `--quick` uses 1,000 peers and 100,000 rows; `--large` adds the evaluation of 100,000 peers, twice as a whole
 * program (after a warm-up round, like the smaller sizes, for time per contact; once in a fresh process, for peak
 * memory) and twice streamed (the same two ways); about fifteen minutes and 8 GB.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Stats, stats } from './bench-stats';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const bin = join(root, 'packages/cli/dist/bin.js');
const coreDist = join(root, 'packages/core/dist/index.js');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const value = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('quick');
const runs = Number(value('runs') ?? (quick ? 3 : 5));
const only = value('only')?.split(',');
const peerSizes = quick ? [1_000] : [2_000, 10_000];
const outcomeRows = quick ? 100_000 : 1_000_000;
const work = join(tmpdir(), 'peer-recovery-bench');
const usageFile = join(work, 'usage.jsonl');
const preload = join(work, 'report-usage.cjs');

if (!existsSync(bin) || !existsSync(coreDist)) {
  console.error('bench:targets measures the built packages: run `pnpm -r build` first.');
  process.exit(2);
}
mkdirSync(work, { recursive: true });
// Written at each start so that it is always the one of this checkout; kept outside the repository's tree.
writeFileSync(
  preload,
  `process.on('exit', () => {
  const u = process.resourceUsage();
  require('node:fs').appendFileSync(${JSON.stringify(usageFile)},
    JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKiB: u.maxRSS }) + '\\n');
});
`,
);

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
  readonly status: number | null;
  readonly stdout: string;
}

/** Runs `node [--require preload] ...args` once and returns its wall time, CPU time, peak RSS and output. */
function run(args: readonly string[]): Run {
  rmSync(usageFile, { force: true });
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--require', preload, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wallMs = performance.now() - start;
  const usage = existsSync(usageFile)
    ? (JSON.parse(readFileSync(usageFile, 'utf8').trim().split('\n').at(-1) ?? '{}') as {
        cpuMs: number;
        maxRssKiB: number;
      })
    : { cpuMs: Number.NaN, maxRssKiB: Number.NaN };
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`node ${args.join(' ')} exited with ${child.status}: ${child.stderr.slice(0, 500)}`);
  }
  return {
    wallMs,
    cpuMs: usage.cpuMs,
    rssMiB: usage.maxRssKiB / 1024,
    status: child.status,
    stdout: child.stdout,
  };
}

/**
 * Starts two copies of `node ...args` at once and gives the wall time until both have exited: the work of two
 * independent one-thread runs side by side, with nothing shared or copied between them. Against one run alone it
 * gives the most any two threads can get from this machine for that work (see the `check --jobs` rows).
 */
async function together(args: readonly string[]): Promise<number> {
  const start = performance.now();
  await Promise.all(
    [0, 1].map(
      () =>
        new Promise<void>((done, failed) => {
          const child = spawn(process.execPath, [...args], { cwd: root, stdio: 'ignore' });
          child.on('error', failed);
          child.on('exit', (code) =>
            code === 0 || code === 1
              ? done()
              : failed(new Error(`node ${args.join(' ')} exited with ${code}`)),
          );
        }),
    ),
  );
  return performance.now() - start;
}

/** Runs A and B in turn `runs` times (after one warm-up each) and gives each one's figures and the pairwise ratios. */
function pair(a: readonly string[], b: readonly string[]) {
  run(a);
  run(b);
  const as: Run[] = [];
  const bs: Run[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(run(a));
    bs.push(run(b));
  }
  const of = (rs: Run[], key: 'wallMs' | 'cpuMs' | 'rssMiB') => stats(rs.map((r) => r[key]));
  return {
    a: { wall: of(as, 'wallMs'), cpu: of(as, 'cpuMs'), rss: of(as, 'rssMiB'), last: as.at(-1) },
    b: { wall: of(bs, 'wallMs'), cpu: of(bs, 'cpuMs'), rss: of(bs, 'rssMiB'), last: bs.at(-1) },
    wallRatio: stats(as.map((r, i) => r.wallMs / (bs[i]?.wallMs ?? Number.NaN))),
    /** B's wall time over A's, pair by pair: how many times faster A is. */
    speedup: stats(as.map((r, i) => (bs[i]?.wallMs ?? Number.NaN) / r.wallMs)),
    cpuRatio: stats(as.map((r, i) => r.cpuMs / (bs[i]?.cpuMs ?? Number.NaN))),
  };
}

interface Row {
  readonly target: string;
  readonly measured: string;
  readonly baseline: string;
  readonly ratio: string;
  /** Whether the issue's target is met; undefined for a reference figure that has no target of its own. */
  readonly met: boolean | undefined;
}
const rows: Row[] = [];
const figures: Record<string, unknown> = {};
const want = (name: string) => !only || only.includes(name);
const f = (x: number, digits = 2) => x.toFixed(digits);
const range = (s: Stats, digits = 2, scale = 1) =>
  `${f(s.median * scale, digits)} (${f(s.min * scale, digits)} to ${f(s.max * scale, digits)})`;
const report = (row: Row) => {
  rows.push(row);
  const verdict = row.met === undefined ? 'reference' : row.met ? 'met' : 'NOT met';
  console.error(`  ${verdict}: ${row.target}: ${row.measured}`);
};

/** A generated program file, made once with the built command line. */
function programFile(peers: number): string {
  const file = join(work, `program-${peers}.json`);
  if (!existsSync(file)) run([bin, 'generate', '--peers', String(peers), '--seed', '7', '-o', file]);
  return file;
}

console.error(`bench:targets: ${runs} runs each, data in ${work}`);

/**
 * Where and when the figures were made, printed above the table and kept in the `--json` file: the machine (CPU
 * model, cores, memory), Node, the commit measured (with `+changes` when the checkout differs from it), the start and
 * end, and the load average at each (other work on the machine moves every figure).
 */
function commitOf(): string {
  const git = (...args: string[]) =>
    spawnSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'not a git checkout';
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' +changes' : ''}`;
}
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const setting = {
  machine: `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  node: process.version,
  commit: commitOf(),
  start: new Date().toISOString(),
  loadAtStart: load(),
};

/** What `scripts/bench-evaluate-cpu.ts` prints (its rounds-0 run prints `contacts` and `usPerContact` only). */
interface EvaluationFigures {
  readonly contacts: number;
  readonly evaluateMs: Stats;
  readonly baselineMs: Stats;
  readonly ratio: Stats;
  readonly usPerContact: number;
}

/** Runs `scripts/bench-evaluate-cpu.ts . ...args` in a child process and keeps its figures under `key`. */
function evaluateCpu(key: string, args: readonly string[], nodeFlags: readonly string[] = []) {
  const r = run([...nodeFlags, '--import', 'tsx', 'scripts/bench-evaluate-cpu.ts', '.', ...args]);
  const out = JSON.parse(r.stdout) as EvaluationFigures;
  figures[key] = { ...out, peakRssMiB: r.rssMiB };
  return { out, rssMiB: r.rssMiB };
}

/** The speed target's row for one evaluation run: contacts per CPU second and the ratio to the loop. */
function reportSpeed(what: string, out: EvaluationFigures, entry = 'evaluateProgram'): void {
  const perSecond = (out.contacts / out.evaluateMs.median) * 1000;
  report({
    target: `${entry} at ${what}: 3M contacts/s on one core and 2x faster than the loop`,
    measured: `${Math.round(perSecond).toLocaleString('en')} contacts per CPU second, ${out.usPerContact} us each`,
    baseline: `loop ${range(out.baselineMs, 1)} ms, evaluation ${range(out.evaluateMs, 0)} ms`,
    ratio: `${range(out.ratio, 1)}x the loop's time`,
    met: perSecond >= 3_000_000 && out.ratio.median <= 0.5,
  });
}

if (want('evaluation')) {
  console.error('evaluation against the Date.parse bucketing loop (CPU time, one process)');
  // Time per contact in steady state (after warm-up rounds, on the generator's program), and the evaluation's time
  // over the loop's in the same rounds, at each size: the loop reads the same contacts, so it shows how much of a
  // change with size is the machine's (a larger heap, more cache and TLB misses) rather than the evaluation's.
  const perContact: { us: number; overLoop: number }[] = [];
  const sizes = [...(quick ? [1_000] : [1_000, 10_000]), ...(flag('large') ? [100_000] : [])];
  for (const [peers, parsed] of sizes
    .filter((p) => p < 100_000)
    .flatMap((p) => [[p, false] as const, [p, true] as const])) {
    const { out } = evaluateCpu(`evaluation-${peers}${parsed ? '-parsed' : ''}`, [
      String(peers),
      String(runs),
      ...(parsed ? ['parsed'] : []),
    ]);
    if (!parsed) perContact.push({ us: out.usPerContact, overLoop: out.ratio.median });
    reportSpeed(`${peers} peers${parsed ? ' (the program parsed from JSON, as from a file)' : ''}`, out);
  }
  if (flag('large')) {
    // The generated input alone is about 2.9 GB of objects: a heap limit above V8's default (about 4 GB here), so
    // that the figures are measured rather than the process stopped near the default limit.
    const heap = ['--max-old-space-size=12288'];
    // Steady state at 100,000 peers as at the smaller sizes, with one warm-up round and one measured round (each
    // about a minute; about 8 GB peak).
    const warm = evaluateCpu('evaluation-100000-warm', ['100000', '1', 'evaluate', '1'], heap).out;
    perContact.push({ us: warm.usPerContact, overLoop: warm.ratio.median });
    reportSpeed('100000 peers (after a warm-up round)', warm);
    const { out, rssMiB } = evaluateCpu('evaluation-100000', ['100000', '0'], heap);
    report({
      target: 'evaluateProgram at 100,000 peers under 2 GB RSS (one evaluation, in a fresh process)',
      measured: `${f(rssMiB / 1024)} GiB peak, ${out.usPerContact} us CPU per contact (first evaluation, code not yet optimised)`,
      baseline: '',
      ratio: '',
      met: rssMiB < 2 * 1024,
    });
  }
  // The same sizes streamed: generated and read back enrolment by enrolment, evaluated in batches of 100 peers
  // (createProgramStreamEvaluator), so that the heap holds one batch and not the program. Batches of 100 peers take
  // less time per contact than batches of 1,000 at every size (a smaller working set; docs/performance.md).
  const batchPeers = 100;
  const streamed: { us: number; overLoop: number }[] = [];
  for (const peers of sizes) {
    const large = peers >= 100_000;
    const { out } = evaluateCpu(`evaluation-stream-${peers}`, [
      String(peers),
      String(large ? 1 : runs),
      'stream',
      peers >= 10_000 ? '1' : '3',
      String(batchPeers),
    ]);
    streamed.push({ us: out.usPerContact, overLoop: out.ratio.median });
    reportSpeed(
      `${peers} peers, streamed in batches of ${batchPeers} peers`,
      out,
      'createProgramStreamEvaluator',
    );
  }
  if (flag('large')) {
    const { out, rssMiB } = evaluateCpu('evaluation-stream-100000-fresh', [
      '100000',
      '0',
      'stream',
      '0',
      String(batchPeers),
    ]);
    report({
      target: `100,000 peers evaluated under 2 GB RSS, streamed in batches of ${batchPeers} peers (in a fresh process)`,
      measured: `${f(rssMiB / 1024)} GiB peak, ${out.usPerContact} us CPU per contact (first evaluation, code not yet optimised)`,
      baseline: '',
      ratio: '',
      met: rssMiB < 2 * 1024,
    });
  }
  if (streamed.length > 1) {
    const us = streamed.map((p) => p.us);
    const spread = Math.max(...us) / Math.min(...us);
    const loops = streamed.map((p) => p.overLoop);
    report({
      target: `time per contact within 20% across ${sizes.join(', ')} peers, streamed, after warm-up rounds at each size`,
      measured: `${us.join(', ')} us CPU per contact`,
      baseline: `evaluation / loop in the same batches: ${loops.map((x) => `${f(x)}x`).join(', ')}`,
      ratio: `largest / smallest ${f(spread)} (of the ratios to the loop: ${f(Math.max(...loops) / Math.min(...loops))})`,
      met: spread <= 1.2,
    });
  }
  if (perContact.length > 1) {
    const us = perContact.map((p) => p.us);
    const spread = Math.max(...us) / Math.min(...us);
    const loops = perContact.map((p) => p.overLoop);
    report({
      target: `time per contact within 20% across ${sizes.join(', ')} peers${flag('large') ? '' : ' (100,000 with --large)'}, after warm-up rounds at each size`,
      measured: `${us.join(', ')} us CPU per contact`,
      baseline: `evaluation / loop in the same rounds: ${loops.map((x) => `${f(x)}x`).join(', ')}`,
      ratio: `largest / smallest ${f(spread)} (of the ratios to the loop: ${f(Math.max(...loops) / Math.min(...loops))})`,
      met: spread <= 1.2,
    });
  }
}

if (want('check')) {
  for (const peers of peerSizes) {
    const file = programFile(peers);
    const size = statSync(file).size / 2 ** 20;
    console.error(`check at ${peers} peers (${f(size, 0)} MiB) against JSON.parse of the file`);
    const check = (jobs: number) => [
      bin,
      'check',
      file,
      '--as-of',
      '2026-12-31',
      '--format',
      'csv',
      '--jobs',
      String(jobs),
    ];
    const parse = ['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`];
    const p = pair(check(1), parse);
    figures[`check-${peers}`] = {
      fileMiB: size,
      ...p,
      a: { ...p.a, last: undefined },
      b: { ...p.b, last: undefined },
    };
    report({
      target: `check at ${peers} peers: at most 2x JSON.parse, peak RSS at most 2.5x the file`,
      measured: `${range(p.a.wall, 2, 1e-3)} s, ${f(p.a.rss.median, 0)} MiB (${f(p.a.rss.median / size, 1)}x the file)`,
      baseline: `JSON.parse ${range(p.b.wall, 2, 1e-3)} s, ${f(p.b.rss.median, 0)} MiB`,
      ratio: `${range(p.wallRatio)}x wall`,
      met: p.wallRatio.median <= 2 && p.a.rss.median <= 2.5 * size,
    });
    console.error(`check --low-memory at ${peers} peers against JSON.parse of the file`);
    const lm = pair([...check(1), '--low-memory'], parse);
    const lmSame = lm.a.last?.stdout === p.a.last?.stdout && lm.a.last?.status === p.a.last?.status;
    figures[`check-low-memory-${peers}`] = {
      fileMiB: size,
      identical: lmSame,
      ...lm,
      a: { ...lm.a, last: undefined },
      b: { ...lm.b, last: undefined },
    };
    report({
      target: `check --low-memory at ${peers} peers: at most 2x JSON.parse, peak RSS at most 2.5x the file`,
      measured: `${range(lm.a.wall, 2, 1e-3)} s, ${f(lm.a.rss.median, 0)} MiB (${f(lm.a.rss.median / size, 1)}x the file), output ${lmSame ? 'identical' : 'DIFFERENT'}`,
      baseline: `JSON.parse ${range(lm.b.wall, 2, 1e-3)} s, ${f(lm.b.rss.median, 0)} MiB`,
      ratio: `${range(lm.wallRatio)}x wall`,
      met: lmSame && lm.wallRatio.median <= 2 && lm.a.rss.median <= 2.5 * size,
    });
    console.error(`check --jobs 2 at ${peers} peers against --jobs 1`);
    const j = pair(check(2), check(1));
    const same = j.a.last?.stdout === j.b.last?.stdout && j.a.last?.status === j.b.last?.status;
    const speedup = j.speedup;
    figures[`check-jobs-${peers}`] = { speedup, identical: same, wall2: j.a.wall, wall1: j.b.wall };
    report({
      target: `check --jobs 2 at ${peers} peers: 1.7x one worker, identical output`,
      measured: `${range(j.a.wall, 2, 1e-3)} s, output ${same ? 'identical' : 'DIFFERENT'}`,
      baseline: `--jobs 1 ${range(j.b.wall, 2, 1e-3)} s`,
      ratio: `${range(speedup)}x faster`,
      met: same && speedup.median >= 1.7,
    });
    console.error(`two one-thread checks side by side at ${peers} peers against one alone`);
    const alone: number[] = [];
    const both: number[] = [];
    for (let i = 0; i < runs; i++) {
      alone.push(run(check(1)).wallMs);
      both.push(await together(check(1)));
    }
    const throughput = stats(both.map((ms, i) => (2 * (alone[i] ?? Number.NaN)) / ms));
    figures[`check-side-by-side-${peers}`] = { alone: stats(alone), both: stats(both), throughput };
    report({
      target: `the most two threads can give check at ${peers} peers here: two one-thread runs side by side`,
      measured: `${range(stats(both), 2, 1e-3)} s until both end`,
      baseline: `one alone ${range(stats(alone), 2, 1e-3)} s`,
      ratio: `${range(throughput)}x the work per second of one`,
      met: undefined,
    });
  }
}

if (want('generate')) {
  console.error('generate: peak RSS against the number of peers');
  const sizes = quick ? [1_000, 5_000] : peerSizes;
  const rss = sizes.map((peers) => {
    const out = join(work, `generated-${peers}.json`);
    const r = stats(
      Array.from(
        { length: Math.min(runs, 3) },
        () => run([bin, 'generate', '--peers', String(peers), '--seed', '7', '-o', out]).rssMiB,
      ),
    );
    rmSync(out, { force: true });
    return r;
  });
  figures.generate = Object.fromEntries(sizes.map((p, i) => [p, rss[i]]));
  const first = rss[0]?.median ?? Number.NaN;
  const last = rss.at(-1)?.median ?? Number.NaN;
  report({
    target: 'generate streams its output (peak RSS independent of --peers)',
    measured: sizes.map((p, i) => `${p} peers ${f(rss[i]?.median ?? Number.NaN, 0)} MiB`).join(', '),
    baseline: '',
    ratio: `${f(last / first)}x the memory for ${f((sizes.at(-1) ?? 1) / (sizes[0] ?? 1), 0)}x the peers`,
    met: last / first < 1.5,
  });
}

if (want('outcomes')) {
  const dir = join(work, 'outcomes');
  const assessments = join(dir, `assessments-${outcomeRows}.csv`);
  const enrolments = join(dir, `enrolments-${outcomeRows}.csv`);
  if (!existsSync(assessments)) {
    mkdirSync(dir, { recursive: true });
    run(['--import', 'tsx', 'scripts/gen-outcomes-csv.ts', String(outcomeRows), dir]);
  }
  console.error(`validate-outcomes on ${outcomeRows.toLocaleString('en')} rows`);
  const validate = [
    bin,
    'validate-outcomes',
    assessments,
    '--enrolments',
    enrolments,
    '--as-of',
    '2026-11-20',
    '--format',
    'json',
  ];
  const read = [
    '-e',
    `require('node:fs').readFileSync(${JSON.stringify(assessments)}, 'utf8').split('\\n').length`,
  ];
  const p = pair(validate, read);
  const rowsPerSecond = stats(
    [p.a.wall.median, p.a.wall.max, p.a.wall.min].map((ms) => (outcomeRows / ms) * 1000),
  );
  figures.outcomes = {
    rows: outcomeRows,
    rowsPerSecond,
    rss: p.a.rss,
    wall: p.a.wall,
    baselineWall: p.b.wall,
  };
  report({
    target: `validate-outcomes: 100,000 rows/s, ${outcomeRows.toLocaleString('en')} rows under 300 MB RSS`,
    measured: `${Math.round(rowsPerSecond.median).toLocaleString('en')} rows/s (${Math.round(rowsPerSecond.min).toLocaleString('en')} to ${Math.round(rowsPerSecond.max).toLocaleString('en')}), ${f(p.a.rss.median, 0)} MiB`,
    baseline: `reading the file and splitting its lines ${range(p.b.wall, 2, 1e-3)} s`,
    ratio: `${range(p.wallRatio, 1)}x the baseline`,
    met: rowsPerSecond.median >= 100_000 && p.a.rss.median * 2 ** 20 < 300e6,
  });
}

if (want('startup')) {
  console.error('start-up');
  const importMs = [
    '--input-type=module',
    '-e',
    `const t = performance.now(); await import(${JSON.stringify(coreDist)}); console.log(performance.now() - t)`,
  ];
  const times = Array.from({ length: Math.max(runs, 7) }, () => Number(run(importMs).stdout));
  const imp = stats(times);
  const help = pair([bin, '--help'], ['-e', '0']);
  figures.startup = { importMs: imp, help: help.a.wall, emptyNode: help.b.wall };
  report({
    target: 'importing @peer-recovery/core under 100 ms',
    measured: `${range(imp, 0)} ms in process`,
    baseline: '',
    ratio: '',
    met: imp.median < 100,
  });
  report({
    target: 'peer-recovery --help under 300 ms',
    measured: `${range(help.a.wall, 3, 1e-3)} s`,
    baseline: `node -e 0 ${range(help.b.wall, 3, 1e-3)} s`,
    ratio: `${range(help.wallRatio)}x`,
    met: help.a.wall.median < 300,
  });
}

const cell = (s: string) => s.replaceAll('|', '\\|');
const end = { end: new Date().toISOString(), loadAtEnd: load() };
console.log(
  `${setting.machine}; Node ${setting.node}; commit ${setting.commit}; ${setting.start} to ${end.end}; load average ` +
    `(1, 5, 15 min) ${setting.loadAtStart} at the start, ${end.loadAtEnd} at the end; ${runs} run${runs === 1 ? '' : 's'} each.\n`,
);
console.log('| target | measured, median (range) | baseline in the same run | ratio | target met |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${cell(r.target)} | ${cell(r.measured)} | ${cell(r.baseline)} | ${cell(r.ratio)} | ${r.met === undefined ? 'reference' : r.met ? 'yes' : 'no'} |`,
  );
}
const json = value('json');
if (json) writeFileSync(json, `${JSON.stringify({ ...setting, ...end, runs, figures }, null, 2)}\n`);

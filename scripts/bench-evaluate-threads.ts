/**
 * Whether threads pay for the evaluation on this machine: the wall time of evaluating every enrolment of a program
 * on one thread, against the same enrolments cut in equal ranges evaluated at once on that many threads (the main
 * thread and workers, as `check --jobs` shares them, without its parse, check, copies or merge):
 *
 *   node --import tsx scripts/bench-evaluate-threads.ts [peers] [rounds] [threads]
 *
 * Every thread generates the same program (`generateProgramData({ peers, seed: 7, start: '2024-01-01', years: 3 })`,
 * 2,000 peers by default), makes an evaluator for it as of 2026-12-31 (`createEnrolmentRangeEvaluator`) and warms it
 * up on its range; then, `rounds` times (default 5) in turn: all the enrolments on the main thread alone, and each
 * thread its range, all started together (default 2 threads). Prints one line of JSON: the wall milliseconds of each
 * (median, min, max) and the speedup of each round (alone / together). A speedup near the number of threads says
 * the cores and the memory keep up; near 1 or below, that the evaluation waits on memory shared by the threads.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createEnrolmentRangeEvaluator } from '../packages/core/src/rules/index';
import { generateProgramData } from '../packages/core/src/synthetic/index';
import { stats } from './bench-stats';

interface Setup {
  readonly peers: number;
  readonly threads: number;
  readonly part: number;
}

function evaluator(setup: Setup) {
  const data = generateProgramData({ peers: setup.peers, seed: 7, start: '2024-01-01', years: 3 });
  const ev = createEnrolmentRangeEvaluator(data, { asOf: '2026-12-31' });
  if (!ev.success) throw new Error('the evaluation failed');
  const n = ev.data.count;
  const size = Math.ceil(n / setup.threads);
  const mine = { from: setup.part * size, to: Math.min(n, (setup.part + 1) * size) };
  const time = (range: { from: number; to: number }) => {
    const start = performance.now();
    const out = ev.data.evaluate(range);
    if (out.length !== range.to - range.from) throw new Error('an enrolment was not evaluated');
    return performance.now() - start;
  };
  for (let i = 0; i < 2; i++) time(mine);
  return { all: () => time({ from: 0, to: n }), mine: () => time(mine) };
}

/**
 * A worker's entry: it registers the TypeScript loader this script runs under (a worker does not inherit it), then
 * runs this file.
 */
const WORKER = new URL(
  `data:text/javascript,${encodeURIComponent(
    `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
register();
await import(${JSON.stringify(import.meta.url)});`,
  )}`,
);

if (isMainThread) {
  const [peersArg = '2000', roundsArg = '5', threadsArg = '2'] = process.argv.slice(2);
  const peers = Number(peersArg);
  const rounds = Number(roundsArg);
  const threads = Math.max(1, Math.trunc(Number(threadsArg)));
  const own = evaluator({ peers, threads, part: 0 });
  own.all();
  const workers = Array.from(
    { length: threads - 1 },
    (_, i) => new Worker(WORKER, { workerData: { peers, threads, part: i + 1 } }),
  );
  const next = (w: Worker) => new Promise<number>((resolve) => w.once('message', resolve));
  await Promise.all(workers.map(next)); // each worker is ready (generated, warmed up)
  const alone: number[] = [];
  const together: number[] = [];
  for (let r = 0; r < rounds; r++) {
    alone.push(own.all());
    const start = performance.now();
    const theirs = workers.map(next);
    for (const w of workers) w.postMessage('go');
    own.mine();
    await Promise.all(theirs);
    together.push(performance.now() - start);
  }
  for (const w of workers) await w.terminate();
  console.log(
    JSON.stringify({
      peers,
      threads,
      aloneMs: stats(alone, 2),
      togetherMs: stats(together, 2),
      speedup: stats(
        alone.map((a, i) => a / (together[i] ?? Number.NaN)),
        2,
      ),
    }),
  );
} else {
  const mine = evaluator(workerData as Setup);
  parentPort?.on('message', () => parentPort?.postMessage(mine.mine()));
  parentPort?.postMessage(0);
}

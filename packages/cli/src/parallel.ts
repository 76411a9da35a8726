import { Worker } from 'node:worker_threads';
import {
  assembleProgramEvaluation,
  type EnrolmentEvaluation,
  type EnrolmentRange,
  type EvaluationOptions,
  evaluateEnrolmentRange,
  indexProgram,
  type ProgramData,
  type ProgramEvaluation,
  type RulePack,
} from '@peer-recovery/core';
import { CliError, EXIT, formatIssues } from './errors';

/**
 * Splits `n` enrolments into at most `jobs` contiguous ranges whose sizes differ by at most one (no empty range).
 *
 * @example
 * partition(5, 2); // [{ from: 0, to: 3 }, { from: 3, to: 5 }]
 */
export function partition(n: number, jobs: number): EnrolmentRange[] {
  const parts = Math.max(1, Math.min(Math.trunc(jobs), n));
  const out: EnrolmentRange[] = [];
  let from = 0;
  for (let i = 0; i < parts; i++) {
    const to = from + Math.floor(n / parts) + (i < n % parts ? 1 : 0);
    out.push({ from, to });
    from = to;
  }
  return out;
}

/**
 * What a check worker is sent first: the program as ProgramData JSON text, which it parses and indexes while the
 * main thread checks the same document.
 */
export interface CheckWorkerProgram {
  readonly text: string;
}

/** What a check worker is asked next, once the main thread has checked the program: its range and the options. */
export interface CheckWorkerTask {
  readonly range: EnrolmentRange;
  readonly asOf: EvaluationOptions['asOf'];
  readonly pack: RulePack;
}

/** A check worker's answer: the evaluations of its range, or a message that names no data. */
export type CheckWorkerReply =
  | { readonly ok: true; readonly data: EnrolmentEvaluation[] }
  | { readonly ok: false; readonly message: string };

/**
 * A worker for the module next to this one. The built package runs `check-worker.js`; from TypeScript sources (the
 * repository's `pnpm cli` and tests) a small bootstrap registers tsx in the worker first, since Node 20 does not
 * apply `--import` loaders to worker threads.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./check-worker.js', here));
  const tsx = import.meta.resolve('tsx/esm/api');
  const target = new URL('./check-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(boot, {
    eval: true,
    execArgv: ['--conditions=@peer-recovery/source'],
  });
}

function ask(worker: Worker, task: CheckWorkerTask): Promise<EnrolmentEvaluation[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (m: CheckWorkerReply) => {
      settled = true;
      if (m.ok) resolve(m.data);
      else reject(new CliError(m.message, EXIT.badInput));
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new CliError(`a check worker stopped (exit code ${code})`));
    });
    worker.postMessage(task);
  });
}

/**
 * Worker threads for `check --jobs`, started before the program is read so that they load their modules meanwhile.
 * {@link CheckWorkerPool.load} sends them the program's JSON text, which each parses and indexes while the main thread
 * checks the same document; {@link CheckWorkerPool.evaluate} then gives each its range. Close the pool when done (or
 * when the program turns out to be invalid); closing stops the threads.
 *
 * @example
 * const pool = CheckWorkerPool.start(1);
 * try { pool.load(text); ev = await evaluateInWorkers(data, { asOf, pack }, 2, pool); } finally { pool.close(); }
 */
export class CheckWorkerPool {
  private loaded = false;
  private constructor(private readonly workers: Worker[]) {}

  /** Starts `count` workers. */
  static start(count: number): CheckWorkerPool {
    const workers: Worker[] = [];
    for (let i = 0; i < count; i++) workers.push(startWorker());
    return new CheckWorkerPool(workers);
  }

  /** How many workers the pool has. */
  get size(): number {
    return this.workers.length;
  }

  /** True once the program was sent (see {@link CheckWorkerPool.load}). */
  get hasProgram(): boolean {
    return this.loaded;
  }

  /** Sends every worker the program as ProgramData JSON text (once). */
  load(text: string): void {
    if (this.loaded) return;
    this.loaded = true;
    const message: CheckWorkerProgram = { text };
    for (const w of this.workers) w.postMessage(message);
  }

  /** Evaluates one range on each worker (at most as many ranges as workers), once the program was sent. */
  evaluate(
    ranges: readonly EnrolmentRange[],
    options: { readonly asOf: EvaluationOptions['asOf']; readonly pack: RulePack },
  ): Promise<EnrolmentEvaluation[][]> {
    return Promise.all(
      ranges.map((range, i) =>
        ask(this.workers[i] as Worker, { range, asOf: options.asOf, pack: options.pack }),
      ),
    );
  }

  /** Stops every worker. */
  close(): void {
    for (const w of this.workers) void w.terminate();
  }
}

/**
 * Evaluates a program on `jobs` threads, each over a contiguous range of enrolments: the main thread indexes the
 * program and evaluates the first range while `jobs - 1` workers evaluate the others, and the ranges are merged with
 * `assembleProgramEvaluation`: the result equals `evaluateProgram` with the same options. `pool` gives workers
 * started earlier, perhaps already sent this program's JSON text (see {@link CheckWorkerPool}); without it they are
 * started here, and without the text they are sent the program written as JSON. The pool is closed at the end.
 *
 * @example
 * const ev = await evaluateInWorkers(data, { asOf: '2026-11-20', pack }, 2);
 */
export async function evaluateInWorkers(
  data: ProgramData,
  options: { readonly asOf: EvaluationOptions['asOf']; readonly pack: RulePack },
  jobs: number,
  pool?: CheckWorkerPool,
): Promise<ProgramEvaluation> {
  const ranges = partition(data.enrolments.length, jobs);
  const [mine, ...theirs] = ranges as [EnrolmentRange, ...EnrolmentRange[]];
  const workers =
    pool !== undefined && pool.size >= theirs.length ? pool : CheckWorkerPool.start(theirs.length);
  if (workers !== pool) pool?.close();
  try {
    if (theirs.length > 0 && !workers.hasProgram) workers.load(JSON.stringify(data));
    const pending = workers.evaluate(theirs, options);
    // Rejections are awaited below; until then the main thread is busy with its own range.
    pending.catch(() => undefined);
    const index = indexProgram(data);
    const own = evaluateEnrolmentRange(index, mine, options);
    if (!own.success) throw new CliError(formatIssues('input', own.issues), EXIT.badInput, own.issues);
    const parts = await pending;
    const r = assembleProgramEvaluation(index, [...own.data, ...parts.flat()], options);
    if (!r.success) throw new CliError(formatIssues('input', r.issues), EXIT.badInput, r.issues);
    return r.data;
  } finally {
    workers.close();
  }
}

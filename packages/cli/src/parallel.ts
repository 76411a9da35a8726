import { Worker } from 'node:worker_threads';
import {
  assembleProgramEvaluation,
  type EnrolmentEvaluation,
  type EnrolmentRange,
  type EvaluationOptions,
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

/** What a check worker is given: the program as ProgramData JSON text, its range and the evaluation options. */
export interface CheckWorkerInput {
  readonly text: string;
  readonly range: EnrolmentRange;
  readonly asOf: EvaluationOptions['asOf'];
  readonly pack: RulePack;
}

/**
 * A worker for the module next to this one. The built package runs `check-worker.js`; from TypeScript sources (the
 * repository's `pnpm cli` and tests) a small bootstrap registers tsx in the worker first, since Node 20 does not
 * apply `--import` loaders to worker threads.
 */
function startWorker(input: CheckWorkerInput): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./check-worker.js', here), { workerData: input });
  const tsx = import.meta.resolve('tsx/esm/api');
  const target = new URL('./check-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(boot, {
    eval: true,
    workerData: input,
    execArgv: ['--conditions=@peer-recovery/source'],
  });
}

function runWorker(input: CheckWorkerInput): Promise<EnrolmentEvaluation[]> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(input);
    let settled = false;
    worker.once(
      'message',
      (m: { ok: true; data: EnrolmentEvaluation[] } | { ok: false; message: string }) => {
        settled = true;
        if (m.ok) resolve(m.data);
        else reject(new CliError(m.message, EXIT.badInput));
        void worker.terminate();
      },
    );
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new CliError(`a check worker stopped (exit code ${code})`));
    });
  });
}

/**
 * Evaluates a program on `jobs` worker threads, each over a contiguous range of enrolments, and merges the ranges
 * with `assembleProgramEvaluation`: the result equals `evaluateProgram` with the same options. The main thread
 * indexes the program for the merge while the workers run.
 *
 * @example
 * const ev = await evaluateInWorkers(data, { asOf: '2026-11-20', pack }, 2);
 */
export async function evaluateInWorkers(
  data: ProgramData,
  options: { readonly asOf: EvaluationOptions['asOf']; readonly pack: RulePack },
  jobs: number,
): Promise<ProgramEvaluation> {
  const text = JSON.stringify(data);
  const ranges = partition(data.enrolments.length, jobs);
  const pending = ranges.map((range) => runWorker({ text, range, asOf: options.asOf, pack: options.pack }));
  const index = indexProgram(data);
  const parts = await Promise.all(pending);
  const r = assembleProgramEvaluation(index, parts.flat(), options);
  if (!r.success) throw new CliError(formatIssues('input', r.issues), EXIT.badInput, r.issues);
  return r.data;
}

/**
 * Starting the worker threads of `check --jobs`, as early as the executable can: before it loads its own modules, so
 * that the workers load theirs meanwhile. Imports nothing but `node:worker_threads`.
 *
 * @module
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A worker running `check-worker` next to this module. The built package runs `check-worker.js`; from TypeScript
 * sources (the repository's `pnpm cli` and tests) a small bootstrap registers tsx in the worker first, since Node 20
 * does not apply `--import` loaders to worker threads.
 *
 * @example
 * const w = startCheckWorker(); // then sent its setup and the program (see parallel.ts)
 */
export function startCheckWorker(): Worker {
  const here: string | undefined = import.meta.url;
  // The CommonJS build has no import.meta: its worker is the CommonJS one beside it.
  if (here === undefined) return new Worker(join(__dirname, 'check-worker.cjs'));
  if (!here.endsWith('.ts')) return new Worker(new URL('./check-worker.js', here));
  const tsx = import.meta.resolve('tsx/esm/api');
  const target = new URL('./check-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(boot, { eval: true, execArgv: ['--conditions=@peer-recovery/source'] });
}

/** Workers started by {@link prestartCheckWorkers} and not yet taken. */
let prestarted: Worker[] = [];

/**
 * Starts the workers of `peer-recovery check ... --jobs <n>` (n from 2 to 64) when the command line reads so, before
 * anything else is loaded; the command takes them with {@link takePrestartedWorkers}. They do not keep the process
 * alive until taken, so a command line that turns out to be another command or invalid exits as usual.
 *
 * @example
 * prestartCheckWorkers(['node', 'peer-recovery', 'check', 'program.json', '--jobs', '2']); // starts 1 worker
 */
export function prestartCheckWorkers(argv: readonly string[]): void {
  if (argv[2] !== 'check') return;
  let jobs: number | undefined;
  argv.forEach((a, i) => {
    const value = a === '--jobs' ? argv[i + 1] : a.startsWith('--jobs=') ? a.slice(7) : undefined;
    if (value !== undefined) jobs = /^\d{1,2}$/.test(value) ? Number(value) : undefined;
  });
  if (jobs === undefined || jobs < 2 || jobs > 64) return;
  try {
    for (let i = 1; i < jobs; i++) {
      const w = startCheckWorker();
      w.unref();
      prestarted.push(w);
    }
  } catch {
    // Started again, with the error reported, when the command runs.
  }
}

/**
 * Takes `count` workers: those started early (see {@link prestartCheckWorkers}), then new ones. Early workers not
 * taken are stopped.
 *
 * @example
 * const workers = takePrestartedWorkers(1);
 */
export function takePrestartedWorkers(count: number): Worker[] {
  const early = prestarted;
  prestarted = [];
  const out = early.slice(0, count);
  for (const w of early.slice(count)) void w.terminate();
  for (const w of out) w.ref();
  while (out.length < count) out.push(startCheckWorker());
  return out;
}

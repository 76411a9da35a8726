/**
 * Small helpers of the command line that load nothing of the library: the executable and the command definitions
 * use them before any command runs, so that `peer-recovery --help` starts without loading `@peer-recovery/core`.
 *
 * @module
 */
import { CliError } from './errors';

/**
 * Parses a whole number option in a range, or fails naming the option.
 *
 * @example
 * intOption('--peers', '200', 1, 100000); // 200
 */
export function intOption(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new CliError(`${name}: expected a whole number`);
  const n = Number(raw);
  if (n < min || n > max) throw new CliError(`${name}: expected a number from ${min} to ${max}`);
  return n;
}

/**
 * The options that were given: a copy without its `undefined` members, so that optional properties stay absent
 * (`exactOptionalPropertyTypes`) instead of each being spread in with its own `=== undefined` test.
 *
 * @example
 * given({ asOf: '2026-11-20', out: undefined }); // { asOf: '2026-11-20' }
 */
export function given<T extends Record<string, unknown>>(
  options: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * Makes a closed reader of an output stream (`peer-recovery check ... | head`) end the process quietly with the
 * exit code so far, as other command-line tools do, instead of an EPIPE stack trace. Other stream errors are
 * rethrown. Installed once, for standard output, by the `peer-recovery` executable.
 *
 * @example
 * exitQuietlyOnEpipe(process.stdout, (code) => process.exit(code));
 */
export function exitQuietlyOnEpipe(
  stream: NodeJS.EventEmitter,
  exit: (code: number) => void,
  exitCode: () => number | string | undefined = () => process.exitCode,
): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    const code = exitCode();
    exit(typeof code === 'number' ? code : 0);
  });
}

import { readFile, stat, writeFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { type ProgramData, parseJsonText, parseProgramData } from '@peer-recovery/core';
import { CliError, formatIssues } from './errors';

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

/**
 * Reads a file, or standard input when the path is `-`.
 *
 * @example
 * const json = await readInput('-');
 */
export async function readInput(path: string): Promise<string> {
  if (path === '-') return text(process.stdin);
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * True when a path names a directory (a Bulk Data NDJSON folder); `-` and missing paths are not.
 *
 * @example
 * await isDirectory('bulk/'); // true
 */
export async function isDirectory(path: string): Promise<boolean> {
  if (path === '-') return false;
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Parses JSON text, turning a syntax error into a {@link CliError} naming the file (not its content).
 *
 * @example
 * parseJson('program.json', '{"a":1}'); // { a: 1 }
 */
export function parseJson(file: string, body: string): unknown {
  const r = parseJsonText(body);
  if (!r.success) {
    const issue = r.issues[0];
    throw new CliError(`${file}: ${issue?.message.replace(/^\(root\): /, '') ?? 'is not valid JSON'}`);
  }
  return r.data;
}

/**
 * Reads and checks a ProgramData JSON document.
 *
 * @example
 * const data = await readProgramData('examples/sample-program/program.json');
 */
export async function readProgramData(path: string): Promise<ProgramData> {
  const file = path === '-' ? '<stdin>' : path;
  const value = parseJson(file, await readInput(path));
  const r = parseProgramData(value);
  if (!r.success) throw new CliError(formatIssues(file, r.issues), 2, r.issues);
  return r.data;
}

/**
 * Writes text to a file, or to standard output when no path (or `-`) is given.
 *
 * @example
 * await writeOutput(undefined, 'hello\n');
 */
export async function writeOutput(path: string | undefined, body: string): Promise<void> {
  if (path === undefined || path === '-') {
    process.stdout.write(body);
    return;
  }
  await writeFile(path, body, 'utf8');
}

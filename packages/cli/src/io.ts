import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { getHeapStatistics } from 'node:v8';
import {
  createJsonDocumentReader,
  type DataIssue,
  DEFAULT_INPUT_LIMITS,
  decodeUtf8,
  INPUT_LIMIT_NAMES,
  type InputLimits,
  type ProgramData,
  parseJsonText,
  parseProgramData,
  resolveInputLimits,
} from '@peer-recovery/core';
import { CliError, EXIT, formatIssues } from './errors';

/** The input limits of the current run (`--limit`), set by {@link setInputLimits}. */
let limits: InputLimits = DEFAULT_INPUT_LIMITS;

/**
 * Reads the `--limit name=value` options (repeatable) into {@link InputLimits}: the defaults of core with each named
 * limit replaced. An unknown name or a value that is not a whole number is an exit-2 {@link CliError} naming the
 * option.
 *
 * @example
 * limitOptions(['maxStringLength=100000']).maxStringLength; // 100000
 */
export function limitOptions(specs: readonly string[] = []): InputLimits {
  const overrides: Record<string, number> = {};
  for (const spec of specs) {
    const m = /^([A-Za-z]+)=(\d{1,16})$/.exec(spec.trim());
    if (!m)
      throw new CliError(
        `--limit: expected name=value with a whole number (limits: ${INPUT_LIMIT_NAMES.join(', ')})`,
      );
    overrides[m[1] as string] = Number(m[2]);
  }
  const r = resolveInputLimits(overrides);
  if (r.limits === undefined)
    throw new CliError(`--limit: ${r.issues[0]?.message.replace(/^limits\./, '') ?? 'not valid'}`);
  return r.limits;
}

/**
 * Sets the input limits every reader of this run applies (the file size, and the limits of `parseProgramData`).
 * The `peer-recovery` command sets it from `--limit` before each command.
 *
 * @example
 * setInputLimits(limitOptions(['maxFileBytes=1073741824']));
 */
export function setInputLimits(value: InputLimits): void {
  limits = value;
}

/**
 * The input limits of the current run (see {@link setInputLimits}).
 *
 * @example
 * inputLimits().maxStringLength; // 20000 unless --limit raised it
 */
export function inputLimits(): InputLimits {
  return limits;
}

function tooBig(file: string, size: number): CliError {
  const issue: DataIssue = {
    code: 'limit-exceeded',
    path: [],
    pointer: '(root)',
    severity: 'error',
    message: `(root): is ${size} bytes, over the limit maxFileBytes (${limits.maxFileBytes})`,
    location: { file },
  };
  return new CliError(
    `${file}: is ${size} bytes, over the limit maxFileBytes (${limits.maxFileBytes}); raise it with --limit maxFileBytes=<bytes> [limit-exceeded]`,
    EXIT.badInput,
    [issue],
  );
}

/**
 * Reads a file, or standard input when the path is `-`, as strict UTF-8: invalid bytes are an exit-2
 * {@link CliError} naming the file and the byte offset (and line) of the first ill-formed sequence, with an
 * `invalid-encoding` issue (`location.byteOffset`), never a silent U+FFFD. A file larger than the `maxFileBytes`
 * limit (see {@link setInputLimits}) is refused before it is read.
 *
 * @example
 * const json = await readInput('-');
 */
export async function readInput(path: string): Promise<string> {
  let bytes: Uint8Array;
  if (path === '-') {
    bytes = await buffer(process.stdin);
    if (bytes.length > limits.maxFileBytes) throw tooBig('<stdin>', bytes.length);
  } else
    try {
      const size = (await stat(path)).size;
      if (size > limits.maxFileBytes) throw tooBig(path, size);
      bytes = await readFile(path);
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  return decodeInput(path === '-' ? '<stdin>' : path, bytes);
}

/**
 * Decodes the bytes of an input file as strict UTF-8 (see {@link readInput}).
 *
 * @example
 * decodeInput('program.json', Buffer.from('{}')); // '{}'
 */
export function decodeInput(file: string, bytes: Uint8Array): string {
  const r = decodeUtf8(bytes, file);
  if (r.success) return r.data;
  throw encodingError(file, r.issues);
}

/** The exit-2 error of bytes that are not UTF-8, naming the file and the byte offset, never the content. */
const encodingError = (file: string, issues: readonly DataIssue[]) =>
  new CliError(formatIssues(file, issues).replace(/: \(root\): /, ': '), EXIT.badInput, issues);

/** The exit-2 error of a JSON syntax error, naming the file and where the JSON breaks, never the content. */
const syntaxError = (file: string, issue: DataIssue | undefined) =>
  new CliError(`${file}: ${issue?.message.replace(/^\(root\): /, '') ?? 'is not valid JSON'}`);

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
  if (!r.success) throw syntaxError(file, r.issues[0]);
  return r.data;
}

/**
 * The longest input, in bytes, read as one text (V8's longest string, in UTF-16 code units: 2^29 - 24 on 64-bit
 * Node; a UTF-8 file never decodes to more units than it has bytes). A larger JSON document is read in chunks.
 *
 * @example
 * const chunked = (await stat('program.json')).size > WHOLE_TEXT_BYTES;
 */
export const WHOLE_TEXT_BYTES = 2 ** 29 - 24;

/**
 * The note for a JSON input of `bytes` when Node's heap limit (`heapLimit` bytes) is under four times its size, with
 * a limit to run with instead: four times the input in whole GiB, at most three quarters of `totalMemory`;
 * undefined when the limit is large enough, or the machine has no larger limit to give. A program's objects and its evaluation take about 2.6
 * times its file at their peak (`check` of a generated 100,000-peer file of 1.65 GB: 4.3 GB of RSS), and near its
 * limit V8 collects over and over: that `check` took 1.4x to 1.9x the time with Node 20's default limit here (4 GiB)
 * as with 7 or 8 GiB, for the same peak RSS.
 *
 * @example
 * heapAdvice(1_650_000_000, 2 ** 32, 2 ** 34); // 'at 1,650 MB this input may use ... --max-old-space-size=7168 ...'
 * heapAdvice(160_000_000, 2 ** 32, 2 ** 34); // undefined
 */
export function heapAdvice(bytes: number, heapLimit: number, totalMemory: number): string | undefined {
  if (bytes * 4 <= heapLimit) return undefined;
  const mib = 2 ** 20;
  const wanted = Math.ceil((bytes * 4) / 2 ** 30) * 1024;
  const limit = Math.min(wanted, Math.floor((totalMemory * 0.75) / mib / 1024) * 1024);
  if (limit * mib <= heapLimit) return undefined;
  return (
    `at ${Math.round(bytes / 1e6).toLocaleString('en')} MB this input may use most of Node's heap ` +
    `(${Math.round(heapLimit / mib).toLocaleString('en')} MiB), where collecting garbage slows the work down or ` +
    `stops it; run with NODE_OPTIONS=--max-old-space-size=${limit} for a larger heap`
  );
}

/**
 * Reads a JSON file, or standard input for `-`, as strict UTF-8 (see {@link readInput}) and parses it: the value,
 * and the text when the input was read as one text. An input larger than `wholeTextBytes` (default
 * {@link WHOLE_TEXT_BYTES}, which one string cannot hold) is read in chunks by the core's
 * `createJsonDocumentReader` instead, so any size up to the `maxFileBytes` limit can be read: the same value, no
 * text. Encoding and syntax errors are exit-2 {@link CliError}s naming the file, never quoting it.
 *
 * @example
 * const { value, text } = await readJsonValue('program.json');
 */
export async function readJsonValue(
  path: string,
  options: {
    /** Inputs above this many bytes are read in chunks (default {@link WHOLE_TEXT_BYTES}). */
    readonly wholeTextBytes?: number;
    /** Called with the text of an input read as one text, before it is parsed. */
    readonly onText?: (text: string) => void;
  } = {},
): Promise<{ readonly value: unknown; readonly text?: string }> {
  const file = path === '-' ? '<stdin>' : path;
  const whole = options.wholeTextBytes ?? WHOLE_TEXT_BYTES;
  const parsed = (text: string) => {
    options.onText?.(text);
    return { value: parseJson(file, text), text };
  };
  if (path === '-') {
    const bytes = await buffer(process.stdin);
    if (bytes.length > limits.maxFileBytes) throw tooBig(file, bytes.length);
    if (bytes.length > whole) return { value: readInChunks(file, [bytes]) };
    return parsed(decodeInput(file, bytes));
  }
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new CliError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const advice = heapAdvice(size, getHeapStatistics().heap_size_limit, totalmem());
  if (advice !== undefined) process.stderr.write(`peer-recovery: ${file}: note: ${advice}\n`);
  if (size <= whole) return parsed(await readInput(path));
  if (size > limits.maxFileBytes) throw tooBig(file, size);
  const reader = createJsonDocumentReader();
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
      reader.push(chunk as Buffer);
  } catch (e) {
    throw new CliError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return { value: documentOf(file, reader.end()) };
}

/** Reads bytes already in memory with the chunked reader (standard input over the whole-text size). */
function readInChunks(file: string, chunks: readonly Uint8Array[]): unknown {
  const reader = createJsonDocumentReader();
  for (const chunk of chunks) reader.push(chunk);
  return documentOf(file, reader.end());
}

function documentOf(
  file: string,
  r: ReturnType<ReturnType<typeof createJsonDocumentReader>['end']>,
): unknown {
  if (r.success) return r.data;
  // The errors of the whole-text path: decodeInput's for bytes that are not UTF-8, parseJson's for syntax.
  throw r.issues[0]?.code === 'invalid-encoding'
    ? encodingError(file, r.issues)
    : syntaxError(file, r.issues[0]);
}

/**
 * Reads and checks a ProgramData JSON document (of any size up to the `maxFileBytes` limit; see
 * {@link readJsonValue}).
 *
 * @example
 * const data = await readProgramData('examples/sample-program/program.json');
 */
export async function readProgramData(path: string): Promise<ProgramData> {
  const file = path === '-' ? '<stdin>' : path;
  return checkProgramData(file, (await readJsonValue(path)).value);
}

/**
 * Checks a parsed ProgramData document with the run's input limits: the data, with any warnings (records dated
 * outside their enrolment) written to standard error, one line each, naming the field; or an exit-2
 * {@link CliError} with the issues. `value` is a fresh `JSON.parse` result handed over: a valid document is used as
 * it is, not copied.
 *
 * @example
 * const data = checkProgramData('program.json', JSON.parse(text));
 */
export function checkProgramData(file: string, value: unknown): ProgramData {
  const r = parseProgramData(value, { limits, fromJson: true });
  if (!r.success) throw new CliError(formatIssues(file, r.issues), 2, r.issues);
  if (r.issues !== undefined && r.issues.length > 0)
    process.stderr.write(`${formatIssues(file, r.issues).replace(/^(.*?: )/gm, '$1warning: ')}\n`);
  return r.data;
}

/**
 * Writes text to a file, or to standard output when no path (or `-`) is given; the text may come in pieces,
 * written in order (an output longer than one string can be), each piece read from the iterable as the previous
 * one is written.
 *
 * @example
 * await writeOutput(undefined, 'hello\n');
 */
export async function writeOutput(path: string | undefined, body: string | Iterable<string>): Promise<void> {
  if (path === undefined || path === '-') {
    if (typeof body === 'string') process.stdout.write(body);
    else
      for (const piece of body)
        if (!process.stdout.write(piece)) await new Promise((go) => process.stdout.once('drain', go));
    return;
  }
  await writeFileAtomic(path, body);
}

/** About how many characters an output gathers (per NDJSON file, or of a Bundle) before it is written. */
const WRITE_CHARS = 1 << 20;

/**
 * Gathers pieces of an output (NDJSON lines, Bundle entries) into chunks of about `chars` characters (a megabyte
 * unless given), so that a large output is written a chunk at a time: one write per line costs a system call, and a
 * wait for the stream to drain every few lines. `add` gives a chunk when one is full, `take` what is left (for
 * several outputs filled in turn, as the NDJSON files of an export; {@link inChunks} for one).
 *
 * @example
 * const pending = gatherer();
 * for (const line of lines) { const chunk = pending.add(line); if (chunk !== undefined) out.write(chunk); }
 * out.write(pending.take() ?? '');
 */
export function gatherer(chars = WRITE_CHARS): {
  add(piece: string): string | undefined;
  take(): string | undefined;
} {
  let pieces: string[] = [];
  let size = 0;
  const take = (): string | undefined => {
    if (pieces.length === 0) return undefined;
    const chunk = pieces.join('');
    pieces = [];
    size = 0;
    return chunk;
  };
  const add = (piece: string): string | undefined => {
    pieces.push(piece);
    size += piece.length;
    return size >= chars ? take() : undefined;
  };
  return { add, take };
}

/**
 * The pieces of one output gathered into chunks of about `chars` characters (see {@link gatherer}).
 *
 * @example
 * await writeFile('bundle.json', inChunks(transactionBundleChunks(resources)));
 */
export function* inChunks(pieces: Iterable<string>, chars = WRITE_CHARS): Generator<string> {
  const pending = gatherer(chars);
  for (const piece of pieces) {
    const chunk = pending.add(piece);
    if (chunk !== undefined) yield chunk;
  }
  const rest = pending.take();
  if (rest !== undefined) yield rest;
}

/**
 * Writes a file atomically: the text goes to a temporary file beside it (`.<name>.<random>.tmp`), which is then
 * renamed over the target, so a crash or Ctrl-C leaves either the old file or the complete new one, never a half
 * written file that looks complete. A failure names the file and the error code, never the content.
 *
 * @example
 * await writeFileAtomic('out/report.json', JSON.stringify(report));
 */
export async function writeFileAtomic(path: string, body: string | Iterable<string>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, body, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new CliError(`${path}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * Appends one line to a log file (created when missing). A failure names the file, never the content.
 *
 * @example
 * await appendLine('disclosures.log', JSON.stringify(entry));
 */
export async function appendLine(path: string, line: string): Promise<void> {
  try {
    await appendFile(path, `${line}\n`, 'utf8');
  } catch (e) {
    throw new CliError(`${path}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

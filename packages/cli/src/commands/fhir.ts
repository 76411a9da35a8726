import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type ProgramData, parseProgramData } from '@peer-recovery/core';
import {
  type ExportOptions,
  exportProgram,
  exportProgramStream,
  type FhirIssue,
  type ImportResult,
  importBundle,
  importNdjson,
  ndjsonLines,
  pushBundle,
  toTransactionBundle,
  transactionBundleChunks,
} from '@peer-recovery/fhir';
import { Presets, SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { CliError, EXIT, formatIssues } from '../errors';
import { isDirectory, parseJson, readInput, writeOutput } from '../io';
import { asOfOption } from '../options';
import { intOption } from './generate';

/**
 * Formats FHIR issues for stderr, one line each, prefixed by the file: resource type, id, location, message and
 * code. Issue messages of `@peer-recovery/fhir` name fields and rules, never values from the data.
 *
 * @example
 * formatFhirIssues('bundle.json', issues); // 'bundle.json: error: Patient/3f2… Patient.gender: Code is not in the required value set [code-invalid]'
 */
export function formatFhirIssues(file: string, issues: readonly FhirIssue[], limit = 20): string {
  const lines = issues.slice(0, limit).map((i) => {
    const resource = i.resourceType === undefined ? undefined : `${i.resourceType}${i.id ? `/${i.id}` : ''}`;
    const expression = i.expression === i.resourceType ? undefined : i.expression;
    const where = [resource, expression].filter((x) => x !== undefined).join(' ');
    return `${file}: ${i.severity}: ${where === '' ? '' : `${where}: `}${i.message} [${i.code}]`;
  });
  if (issues.length > limit) lines.push(`${file}: ... and ${issues.length - limit} more issue(s)`);
  return lines.join('\n');
}

type Bundle = ReturnType<typeof toTransactionBundle>;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads every `*.ndjson` file of a directory (Bulk Data layout), keyed by file name. */
async function readNdjsonDir(dir: string): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.ndjson')).sort();
  } catch (e) {
    throw new CliError(`${dir}: cannot read the directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (names.length === 0) throw new CliError(`${dir}: no .ndjson files in the directory`);
  const files = new Map<string, string>();
  for (const name of names) files.set(name, await readInput(join(dir, name)));
  return files;
}

function imported(file: string, r: ImportResult): ProgramData {
  if (!r.success) throw new CliError(formatFhirIssues(file, r.issues));
  const warnings = r.issues.filter((i) => i.severity === 'warning');
  if (warnings.length > 0) process.stderr.write(`${formatFhirIssues(file, warnings)}\n`);
  return r.data;
}

/**
 * Reads program data from any input the commands accept: a directory is read as FHIR Bulk Data NDJSON (one
 * `<Type>.ndjson` file per resource type) and imported; a JSON file whose `resourceType` is `Bundle` is imported as
 * a FHIR Bundle; any other JSON file (or standard input, `-`) is read as a ProgramData document. Errors name the file
 * and the field, never a value.
 *
 * @example
 * const data = await readProgramInput('out/fhir'); // a folder of NDJSON files
 * const same = await readProgramInput('bundle.json');
 */
export async function readProgramInput(
  path: string,
  options: { programId?: string } = {},
): Promise<ProgramData> {
  const input = await readAny(path);
  return input.kind === 'ndjson'
    ? importedNdjson(input.file, input.files, options)
    : programFromJson(input.file, input.value, options);
}

type AnyInput =
  | { readonly kind: 'ndjson'; readonly file: string; readonly files: Map<string, string> }
  | { readonly kind: 'json'; readonly file: string; readonly value: unknown };

/** Reads a directory of NDJSON files, or a JSON file (standard input for `-`). */
async function readAny(path: string): Promise<AnyInput> {
  if (await isDirectory(path)) return { kind: 'ndjson', file: path, files: await readNdjsonDir(path) };
  const file = path === '-' ? '<stdin>' : path;
  return { kind: 'json', file, value: parseJson(file, await readInput(path)) };
}

const importOptionsOf = (o: { programId?: string }) =>
  o.programId === undefined ? {} : { programId: o.programId };

function importedNdjson(
  dir: string,
  files: Map<string, string>,
  options: { programId?: string },
): ProgramData {
  return imported(dir, importNdjson(files, importOptionsOf(options)));
}

/** A FHIR Bundle is imported; any other JSON value is checked as a ProgramData document. */
function programFromJson(file: string, value: unknown, options: { programId?: string }): ProgramData {
  if (isObj(value) && value.resourceType === 'Bundle')
    return imported(file, importBundle(value, importOptionsOf(options)));
  if (isObj(value) && typeof value.resourceType === 'string')
    throw new CliError(`${file}: resourceType: expected a Bundle or a ProgramData document`);
  const r = parseProgramData(value);
  if (!r.success) throw new CliError(formatIssues(file, r.issues), EXIT.badInput, r.issues);
  return r.data;
}

/**
 * Resolves `--as-of` for an export (with {@link asOfOption}): the instant, in UTC, that `exportProgram` takes.
 *
 * @example
 * exportAsOf('2026-11-20', data); // '2026-11-21T07:59:59.999Z' for a program in Los Angeles
 */
export function exportAsOf(spec: string, data: ProgramData): string {
  return new Date(asOfOption(spec, data.program.timeZone).ms).toISOString();
}

/**
 * Options of {@link runExportFhir}, as the command line gives them.
 *
 * @example
 * const opts: ExportFhirOptions = { outDir: 'out/fhir', asOf: '2026-11-20', sensitivity: 'SUD' };
 */
export interface ExportFhirOptions {
  readonly outDir?: string;
  readonly out?: string;
  readonly format?: 'bundle' | 'ndjson';
  readonly asOf?: string;
  readonly sensitivity?: 'ETH' | 'SUD';
  readonly includeNotes?: boolean;
  readonly redactFreeText?: boolean;
  readonly instruments?: boolean;
}

function exportOrFail(file: string, data: ProgramData, options: ExportOptions) {
  const r = exportProgram(data, options);
  if (!r.success) throw new CliError(formatFhirIssues(file, r.issues));
  return r.resources;
}

/** Writes a chunk to a stream, waiting for it to drain when its buffer is full. */
async function writeChunk(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

async function closeAll(streams: Iterable<WriteStream>): Promise<void> {
  for (const s of streams) {
    s.end();
    await once(s, 'close');
  }
}

/**
 * `export-fhir`: exports a program to validated FHIR R4 resources, as a transaction Bundle (to `-o` or standard
 * output, or `bundle.json` in `--out-dir`) or as Bulk Data NDJSON (one file per resource type in `--out-dir`).
 * Resources are made, validated and written one at a time (a Bundle is streamed entry by entry, NDJSON line by
 * line), so the size of a program is bounded by memory for the program, not for its export. At the first invalid
 * resource the export stops, the files it wrote are removed, and the issues are reported. Returns the exit code.
 *
 * @example
 * await runExportFhir('program.json', { outDir: 'out/fhir', asOf: '2026-11-20' });
 */
export async function runExportFhir(input: string, opts: ExportFhirOptions): Promise<number> {
  if (opts.out !== undefined && opts.outDir !== undefined)
    throw new CliError('-o and --out-dir: give one of them, not both');
  const format = opts.format ?? (opts.outDir === undefined ? 'bundle' : 'ndjson');
  if (format === 'ndjson' && opts.outDir === undefined)
    throw new CliError('--format ndjson: needs --out-dir (one file per resource type)');
  const data = await readProgramInput(input);
  const stream = exportProgramStream(data, {
    ...(opts.asOf === undefined ? {} : { asOf: exportAsOf(opts.asOf, data) }),
    ...(opts.sensitivity === undefined ? {} : { sensitivity: opts.sensitivity }),
    includeNotes: opts.includeNotes === true,
    redactFreeText: opts.redactFreeText === true,
    includeInstruments: opts.instruments !== false,
  });
  if (!stream.success) throw new CliError(formatFhirIssues(input, stream.issues));
  const counts = new Map<string, number>();
  const issues: FhirIssue[] = [];
  let total = 0;
  const resources = (function* () {
    for (const { resource, issues: found } of stream.data) {
      for (const i of found) issues.push(i);
      if (found.some((i) => i.severity === 'error')) return;
      counts.set(resource.resourceType, (counts.get(resource.resourceType) ?? 0) + 1);
      total++;
      yield resource;
    }
  })();
  const failed = () => issues.some((i) => i.severity === 'error');
  const summary = () => `${total} resources (${[...counts].map(([t, n]) => `${t} ${n}`).join(', ')})`;
  const written: string[] = [];
  const discard = async () => {
    for (const f of written) await rm(f, { force: true });
    throw new CliError(formatFhirIssues(input, issues));
  };

  if (format === 'ndjson') {
    const dir = opts.outDir as string;
    await mkdir(dir, { recursive: true });
    const files = new Map<string, WriteStream>();
    for (const { resourceType, line } of ndjsonLines(resources)) {
      let out = files.get(resourceType);
      if (!out) {
        const file = join(dir, `${resourceType}.ndjson`);
        out = createWriteStream(file, 'utf8');
        files.set(resourceType, out);
        written.push(file);
      }
      await writeChunk(out, line);
    }
    await closeAll(files.values());
    if (failed()) return discard();
    process.stdout.write(`${summary()}: ${files.size} NDJSON file(s) written to ${dir}\n`);
    return EXIT.ok;
  }
  const file =
    opts.outDir !== undefined
      ? join(opts.outDir, 'bundle.json')
      : opts.out !== undefined && opts.out !== '-'
        ? opts.out
        : undefined;
  if (opts.outDir !== undefined) await mkdir(opts.outDir, { recursive: true });
  const out = file === undefined ? undefined : createWriteStream(file, 'utf8');
  if (file !== undefined) written.push(file);
  for (const chunk of transactionBundleChunks(resources)) await writeChunk(out ?? process.stdout, chunk);
  if (out) await closeAll([out]);
  if (failed()) return discard();
  if (file !== undefined) process.stdout.write(`${summary()}: transaction bundle written to ${file}\n`);
  else process.stderr.write(`${summary()}\n`);
  return EXIT.ok;
}

/**
 * `import-fhir`: imports a FHIR Bundle (JSON file) or a folder of Bulk Data NDJSON files back to a ProgramData
 * document, written to `-o` or standard output. Returns the exit code.
 *
 * @example
 * await runImportFhir('out/fhir', { out: 'program.json' });
 */
export async function runImportFhir(
  input: string,
  opts: { out?: string; program?: string },
): Promise<number> {
  const read = await readAny(input);
  const options = opts.program === undefined ? {} : { programId: opts.program };
  if (read.kind === 'json' && (!isObj(read.value) || read.value.resourceType !== 'Bundle'))
    throw new CliError(
      `${read.file}: resourceType: expected a FHIR Bundle (or give a folder of NDJSON files)`,
    );
  const data =
    read.kind === 'ndjson'
      ? importedNdjson(read.file, read.files, options)
      : programFromJson(read.file, read.value, options);
  await writeOutput(opts.out, `${JSON.stringify(data, null, 2)}\n`);
  if (opts.out !== undefined && opts.out !== '-')
    process.stdout.write(
      `${data.peers.length} peers, ${data.enrolments.length} enrolments, ${data.contacts.length} contacts written to ${opts.out}\n`,
    );
  return EXIT.ok;
}

/**
 * Options of {@link runPush}, as the command line gives them.
 *
 * @example
 * const opts: PushOptions = { server: 'http://127.0.0.1:8103', retries: '2', asOf: '2026-11-20' };
 */
export interface PushOptions {
  readonly server: string;
  readonly token?: string;
  readonly retries?: string;
  readonly asOf?: string;
  /** Show progress on stderr (default: when stderr is a terminal). */
  readonly progress?: boolean;
}

/**
 * `push`: sends a transaction or batch Bundle as it is, or a program (a ProgramData document, another Bundle, or a
 * folder of NDJSON files: exported on the fly) to a FHIR server. Progress (resources pushed) is shown on stderr when
 * it is a terminal; the whole bundle goes as one transaction, so the count moves when the server answers. Every
 * failed entry is reported on stderr; the exit code is 1 when anything failed, 0 otherwise.
 *
 * @example
 * await runPush('program.json', { server: 'http://127.0.0.1:8103', retries: '2' });
 */
export async function runPush(input: string, opts: PushOptions): Promise<number> {
  let server: URL;
  try {
    server = new URL(opts.server);
  } catch {
    throw new CliError('--server: expected an http(s) URL');
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:')
    throw new CliError('--server: expected an http(s) URL');
  const retries = opts.retries === undefined ? 3 : intOption('--retries', opts.retries, 0, 20);
  const read = await readAny(input);
  const file = read.file;
  let bundle: Bundle;
  if (
    read.kind === 'json' &&
    isObj(read.value) &&
    read.value.resourceType === 'Bundle' &&
    (read.value.type === 'transaction' || read.value.type === 'batch')
  ) {
    bundle = read.value as unknown as Bundle; // sent as it is
  } else {
    const data =
      read.kind === 'ndjson' ? importedNdjson(file, read.files, {}) : programFromJson(file, read.value, {});
    bundle = toTransactionBundle(
      exportOrFail(file, data, opts.asOf === undefined ? {} : { asOf: exportAsOf(opts.asOf, data) }),
    );
  }
  const total = bundle.entry?.length ?? 0;
  const base = server.toString().replace(/\/+$/, '');
  const token = opts.token ?? process.env.PEER_RECOVERY_FHIR_TOKEN;
  const showProgress = opts.progress ?? process.stderr.isTTY === true;
  let bar: SingleBar | undefined;
  if (showProgress) {
    bar = new SingleBar(
      {
        stream: process.stderr,
        format: `push [{bar}] {value}/{total} resources pushed`,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0);
  }
  const result = await pushBundle(base, bundle, { retries, ...(token === undefined ? {} : { token }) });
  bar?.update(result.created + result.existing);
  bar?.stop();
  if (result.issues.length > 0) process.stderr.write(`${formatFhirIssues(file, result.issues, 50)}\n`);
  process.stdout.write(
    `${total} resources sent to ${base}: created ${result.created}, already there ${result.existing}, failed ${result.failed}\n`,
  );
  return result.success && result.failed === 0 ? EXIT.ok : EXIT.findings;
}

/**
 * Options of {@link runServe}.
 *
 * @example
 * const opts: ServeOptions = { port: '0', host: '127.0.0.1' };
 */
export interface ServeOptions {
  readonly port?: string;
  readonly host?: string;
  readonly token?: string;
  /** Resolves when the server should stop (default: Ctrl-C or SIGTERM). */
  readonly until?: Promise<unknown>;
}

function signalled(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

/**
 * `serve`: runs the embedded in-memory FHIR R4 server until Ctrl-C (SIGINT) or SIGTERM, and prints its base URL.
 * Data lives in memory only and is gone when it stops. Returns the exit code.
 *
 * @example
 * await runServe({ port: '8103' });
 */
export async function runServe(opts: ServeOptions): Promise<number> {
  const port = opts.port === undefined ? 0 : intOption('--port', opts.port, 0, 65_535);
  const host = opts.host ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(host))
    throw new CliError('--host: expected a host name or an IP address');
  const token = opts.token === '' ? undefined : opts.token;
  // loaded here, not at start-up: the server brings @medplum/fhir-router and its GraphQL stack
  const { isLoopbackHost, startFhirServer } = await import('@peer-recovery/fhir/server');
  if (token === undefined && !isLoopbackHost(host))
    throw new CliError(
      '--host: refusing to listen beyond this machine without --token (anyone who can reach the port could read and write the data); give --token or use --host 127.0.0.1',
    );
  const until = opts.until ?? signalled();
  let server: Awaited<ReturnType<typeof startFhirServer>>;
  try {
    server = await startFhirServer({
      port,
      host,
      ...(token === undefined ? {} : { token }),
    });
  } catch (e) {
    throw new CliError(`--port/--host: cannot listen (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  process.stdout.write(`FHIR R4 server (in memory) listening at ${server.url}\nPress Ctrl-C to stop.\n`);
  await until;
  await server.close();
  process.stdout.write('FHIR server stopped.\n');
  return EXIT.ok;
}

/**
 * Adds the FHIR commands to the command line: `export-fhir`, `import-fhir`, `push` and `serve`.
 *
 * @example
 * registerFhirCommands(new Command('peer-recovery'));
 */
export function registerFhirCommands(program: Command): void {
  program
    .command('export-fhir')
    .description('Export a program to FHIR R4: a transaction Bundle, or Bulk Data NDJSON files (validated).')
    .argument(
      '<program.json>',
      'ProgramData JSON file ("-" for standard input), a FHIR Bundle, or an NDJSON folder',
    )
    .option(
      '--out-dir <dir>',
      'write into this folder (NDJSON files by default, or bundle.json with --format bundle)',
    )
    .option('-o, --out <file>', 'write the transaction bundle to this file (default standard output)')
    .addOption(
      new Option(
        '--format <format>',
        'bundle or ndjson (default: ndjson with --out-dir, else bundle)',
      ).choices(['bundle', 'ndjson']),
    )
    .option(
      '--as-of <date>',
      "statuses as of a date YYYY-MM-DD (end of that day in the program zone) or an instant; also attests the coaches' recovery minimum",
    )
    .addOption(
      new Option('--sensitivity <code>', 'DS4P sensitivity label').choices(['ETH', 'SUD']).default('ETH'),
    )
    .option('--include-notes', 'also export progress-note text (DocumentReference); off by default')
    .option('--redact-free-text', 'replace goal descriptions with neutral placeholders')
    .option('--no-instruments', 'leave out the Questionnaires and the Observations with instrument totals')
    .addHelpText(
      'after',
      `
Every resource is validated before it is written; on any error nothing is written and the exit code is 2.
The coach's recovery date is never exported. Give --as-of so that imported data can still show the minimum
recovery duration as verified.
Examples:
  $ peer-recovery export-fhir examples/sample-program/program.json --as-of 2026-11-20 -o bundle.json
  $ peer-recovery export-fhir program.json --out-dir out/fhir --sensitivity SUD
  $ peer-recovery export-fhir program.json --out-dir out --format bundle --redact-free-text`,
    )
    .action(
      async (
        input: string,
        opts: {
          outDir?: string;
          out?: string;
          format?: 'bundle' | 'ndjson';
          asOf?: string;
          sensitivity?: 'ETH' | 'SUD';
          includeNotes?: boolean;
          redactFreeText?: boolean;
          instruments?: boolean;
        },
      ) => {
        process.exitCode = await runExportFhir(input, opts);
      },
    );

  program
    .command('import-fhir')
    .description('Import a FHIR Bundle or a folder of Bulk Data NDJSON files back to a ProgramData document.')
    .argument('<input>', 'bundle.json ("-" for standard input) or a folder of <Type>.ndjson files')
    .option('-o, --out <file>', 'write the ProgramData JSON to this file (default standard output)')
    .option('--program <id>', 'which program to import when the resources hold more than one')
    .addHelpText(
      'after',
      `
Records are recognised by this project's identifier systems, so ids assigned by a server do not matter.
Problems are reported with the file, resource type, id and field, never with values; the exit code is then 2.
Examples:
  $ peer-recovery import-fhir bundle.json -o program.json
  $ peer-recovery import-fhir out/fhir -o program.json`,
    )
    .action(async (input: string, opts: { out?: string; program?: string }) => {
      process.exitCode = await runImportFhir(input, opts);
    });

  program
    .command('push')
    .description('Send a program (exported on the fly) or a transaction Bundle to a FHIR R4 server.')
    .argument('<input>', 'ProgramData JSON, a FHIR transaction/batch Bundle, or an NDJSON folder')
    .requiredOption('--server <url>', 'FHIR base URL, e.g. http://127.0.0.1:8103')
    .option('--token <token>', 'bearer token (default: the PEER_RECOVERY_FHIR_TOKEN environment variable)')
    .option('--retries <n>', 'retries after network errors, timeouts, 429 and 5xx', '3')
    .option(
      '--as-of <date>',
      'when exporting a program: statuses as of this date YYYY-MM-DD or ISO instant with Z or offset',
    )
    .addHelpText(
      'after',
      `
Entries are sent as one transaction with conditional creates: pushing the same data again creates nothing new.
Each failed entry is reported on stderr; the exit code is 1 if anything failed, 2 for bad input.
Prefer the environment variable to --token: command lines end up in shell history.
Examples:
  $ peer-recovery push program.json --server http://127.0.0.1:8103 --as-of 2026-11-20
  $ PEER_RECOVERY_FHIR_TOKEN=... peer-recovery push bundle.json --server https://fhir.example.org/R4 --retries 5`,
    )
    .action(
      async (input: string, opts: { server: string; token?: string; retries?: string; asOf?: string }) => {
        process.exitCode = await runPush(input, opts);
      },
    );

  program
    .command('serve')
    .description('Run the embedded in-memory FHIR R4 server until Ctrl-C (for tests, demos and development).')
    .option('--port <n>', 'TCP port (0: any free port)', '8103')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--token <token>', 'require this bearer token on every request')
    .addHelpText(
      'after',
      `
Data lives in memory only and is lost when the server stops. Every write is validated (invalid: 400 with an
OperationOutcome); GET /metadata gives its CapabilityStatement (see docs/fhir.md, "Server capabilities").
Listening beyond this machine (any --host but 127.0.0.1, ::1 or localhost) is refused without --token.
Examples:
  $ peer-recovery serve
  $ peer-recovery serve --port 0
  $ peer-recovery serve --port 8200 --token dev-secret`,
    )
    .action(async (opts: { port?: string; host?: string; token?: string }) => {
      process.exitCode = await runServe(opts);
    });
}

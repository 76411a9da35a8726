import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataIssue, DisclosureDecision, DisclosureRecipient, ProgramData } from '@peer-recovery/core';
import {
  type BatchPushOptions,
  type BatchPushResult,
  bulkManifest,
  checkServerUrl,
  type ExportOptions,
  exportForRecipientStream,
  exportProgramStream,
  type FhirIssue,
  formatImportCounts,
  type ImportOptions,
  type ImportReport,
  type ImportResult,
  importBundle,
  importNdjsonStream,
  type MappingProfile,
  ndjsonLines,
  parseMappingProfile,
  pushEntriesInBatches,
  pushInBatches,
  safeFileName,
  type toTransactionBundle,
  transactionBundleChunks,
  transactionEntries,
} from '@peer-recovery/fhir';
import { Presets, SingleBar } from 'cli-progress';
import { intOption } from '../args';
import { type DisclosureCliOptions, describeDecision, logDisclosure, overrideOf } from '../disclosure';
import { CliError, EXIT } from '../errors';
import { gatherer, inChunks, inputLimits, parseJson, readInput, writeFileAtomic, writeOutput } from '../io';
import { asOfOption } from '../options';
import {
  type FhirInputOptions,
  isObj,
  type ProgramInput,
  programDocument,
  readAny,
  readProgramInput,
} from '../program-input';
import { pushReportJournal, readPushReport } from '../push-report';

export type { FhirInputOptions } from '../program-input';

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

/**
 * Reads and checks a mapping profile file (`--profile`); problems name the file and the field, never a value.
 *
 * @example
 * const profile = await readMappingProfile('examples/fhir-exchange/mapping-profile.json');
 */
export async function readMappingProfile(file: string): Promise<MappingProfile> {
  const r = parseMappingProfile(parseJson(file, await readInput(file)));
  if (!r.success)
    throw new CliError(
      r.issues
        .slice(0, 20)
        .map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message} [${i.code}]`)
        .join('\n'),
    );
  return r.data;
}

/**
 * The import report as written by `--import-report`: counts by type and in total, and one entry per resource with
 * its type, id, where it was read, outcome, the list it went into and the skip reason. Ids and codes only: no
 * message, no value from the data.
 *
 * @example
 * JSON.stringify(importReportFile(r.report)); // '{"format":"peer-recovery-import-report/1","total":{...},...}'
 */
export function importReportFile(report: ImportReport): Record<string, unknown> {
  return {
    format: 'peer-recovery-import-report/1',
    total: report.total,
    byType: report.byType,
    entries: report.entries.map((e) => ({
      resourceType: e.resourceType,
      ...(e.id === undefined ? {} : { id: e.id }),
      where: e.where,
      outcome: e.outcome,
      ...(e.into === undefined ? {} : { into: e.into }),
      ...(e.reason === undefined ? {} : { reason: e.reason }),
    })),
  };
}

/** What an import gave: the data and whether any resource was in error (the rest imported). */
export interface Imported {
  readonly data: ProgramData;
  readonly resourceErrors: number;
}

/**
 * Reports an import on stderr (issues, then the counts by type and outcome), writes `--import-report`, and returns
 * the data; throws a CliError (exit 2) when the import failed.
 */
async function imported(file: string, r: ImportResult, options: FhirInputOptions): Promise<Imported> {
  if (options.importReport !== undefined && r.report !== undefined)
    await writeFileAtomic(options.importReport, `${JSON.stringify(importReportFile(r.report), null, 2)}\n`);
  const counts = r.report === undefined ? '' : `\n${prefixed(file, formatImportCounts(r.report))}`;
  if (!r.success) throw new CliError(`${formatFhirIssues(file, r.issues)}${counts}`);
  if (r.issues.length > 0) process.stderr.write(`${formatFhirIssues(file, r.issues)}\n`);
  process.stderr.write(`${prefixed(file, formatImportCounts(r.report))}\n`);
  return { data: r.data, resourceErrors: r.report.total.error };
}

const prefixed = (file: string, text: string): string =>
  text
    .split('\n')
    .map((line) => `${file}: ${line}`)
    .join('\n');

const importOptionsOf = async (o: FhirInputOptions): Promise<ImportOptions> => ({
  ...(o.programId === undefined ? {} : { programId: o.programId }),
  ...(o.strict === true ? { strict: true } : {}),
  // Without --import-report only the problems are kept (the counts still cover every resource).
  report: o.importReport === undefined ? ('problems' as const) : ('all' as const),
  ...(o.profile === undefined ? {} : { profile: await readMappingProfile(o.profile) }),
  limits: inputLimits(),
});

/**
 * Imports a folder of NDJSON files, each read as a stream line by line (`importNdjsonStream`): no file is held as
 * one string, and each Encounter is dropped once mapped. Bytes that are not UTF-8 refuse the input (exit 2), naming
 * the file, byte offset and line, as every reader of the command line does.
 */
async function importedNdjson(
  dir: string,
  names: readonly string[],
  options: FhirInputOptions,
): Promise<Imported> {
  const sources = names.map((name) => ({ name, open: () => createReadStream(join(dir, name)) }));
  const r = await importNdjsonStream(sources, await importOptionsOf(options));
  const bad = r.issues.find((i) => i.location?.byteOffset !== undefined);
  if (bad?.location?.byteOffset !== undefined) {
    const named = names.find((n) => safeFileName(n) === bad.location?.file);
    const file = join(dir, named ?? bad.location.file ?? 'file');
    const { byteOffset, line } = bad.location;
    const message = `is not valid UTF-8 (byte offset ${byteOffset}${line === undefined ? '' : `, line ${line}`}); save the file as UTF-8`;
    const issue: DataIssue = {
      code: 'invalid-encoding',
      path: [],
      pointer: '(root)',
      severity: 'error',
      message: `(root): ${message}`,
      location: { file, byteOffset, ...(line === undefined ? {} : { line }) },
    };
    throw new CliError(`${file}: ${message} [invalid-encoding]`, EXIT.badInput, [issue]);
  }
  return imported(dir, r, options);
}

/** A FHIR Bundle is imported; any other JSON value is checked as a ProgramData document. */
async function programFromJson(file: string, value: unknown, options: FhirInputOptions): Promise<Imported> {
  if (isObj(value) && value.resourceType === 'Bundle')
    return imported(file, importBundle(value, await importOptionsOf(options)), options);
  if (isObj(value) && typeof value.resourceType === 'string')
    throw new CliError(`${file}: resourceType: expected a Bundle or a ProgramData document`);
  return { data: programDocument(file, value, options), resourceErrors: 0 };
}

/**
 * Imports a FHIR input as `readProgramInput` reads it (loaded by it for FHIR input only): a folder of NDJSON files,
 * or a JSON value (a Bundle is imported, any other resource refused, any other value checked as a ProgramData
 * document).
 *
 * @example
 * const { data } = await importProgramInput(await readAny('out/fhir'), {});
 */
export async function importProgramInput(input: ProgramInput, options: FhirInputOptions): Promise<Imported> {
  return input.kind === 'ndjson'
    ? importedNdjson(input.file, input.files, options)
    : programFromJson(input.file, input.value, options);
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
export interface ExportFhirOptions extends DisclosureCliOptions {
  readonly outDir?: string;
  readonly out?: string;
  readonly format?: 'bundle' | 'ndjson';
  readonly asOf?: string;
  readonly sensitivity?: 'ETH' | 'SUD';
  readonly includeNotes?: boolean;
  readonly redactFreeText?: boolean;
  readonly instruments?: boolean;
  /** Also export the coaches' HR records (attestations, interview, background check, incidents). */
  readonly includeCoachRecords?: boolean;
}

/** Writes a chunk to a stream (nothing for `undefined`), waiting for it to drain when its buffer is full. */
async function writeChunk(out: NodeJS.WritableStream, chunk: string | undefined): Promise<void> {
  if (chunk !== undefined && !out.write(chunk)) await once(out, 'drain');
}

async function closeAll(streams: Iterable<WriteStream>): Promise<void> {
  for (const s of streams) {
    s.end();
    await once(s, 'close');
  }
}

/**
 * A streamed export for a recipient (see `exportForRecipientStream`), its decision told on stderr; a refused
 * request or an invalid program is a CliError.
 */
function exportStreamForOrFail(
  file: string,
  data: ProgramData,
  recipient: DisclosureRecipient,
  opts: DisclosureCliOptions & { readonly asOf?: string | undefined },
  options: ExportOptions,
) {
  const override = overrideOf(opts);
  const r = exportForRecipientStream(
    data,
    {
      recipient,
      purpose: opts.purpose ?? 'treatment',
      at: opts.asOf === undefined ? Date.now() : exportAsOf(opts.asOf, data),
      ...(override === undefined ? {} : { override }),
    },
    options,
  );
  if (!r.success)
    throw new CliError(
      formatFhirIssues(file, r.issues).replace(
        /: (recipient\.organizationId|recipient\.endpoint|recipient|purpose|at|override): /g,
        (_, f) => `: ${cliName(f)}: `,
      ),
    );
  process.stderr.write(describeDecision(r.data.decision));
  return r;
}

const cliName = (field: string) =>
  ({
    recipient: '--recipient',
    'recipient.organizationId': '--recipient',
    'recipient.endpoint': '--recipient-endpoint',
    purpose: '--purpose',
    at: '--as-of',
    override: '--override',
  })[field] ?? field;

/**
 * `export-fhir`: exports a program to validated FHIR R4 resources, as a transaction Bundle (to `-o` or standard
 * output, or `bundle.json` in `--out-dir`) or as Bulk Data NDJSON (one file per resource type in `--out-dir`).
 * Resources are made and validated one at a time and written as they come, about a megabyte at a time (a Bundle
 * streamed entry by entry, NDJSON line by line, per file), so the size of a program is bounded by memory for the
 * program, not for its export. At the first invalid
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
  const forRecipient =
    opts.recipient !== undefined || opts.recipientEndpoint !== undefined || opts.override !== undefined;
  if (!forRecipient && (opts.purpose !== undefined || opts.disclosureLog !== undefined))
    throw new CliError(
      '--purpose and --disclosure-log: need --recipient or --recipient-endpoint (or --override)',
    );
  const data = await readProgramInput(input);
  const exportOptions: ExportOptions = {
    ...(opts.asOf === undefined ? {} : { asOf: exportAsOf(opts.asOf, data) }),
    ...(opts.sensitivity === undefined ? {} : { sensitivity: opts.sensitivity }),
    includeNotes: opts.includeNotes === true,
    includeCoachRecords: opts.includeCoachRecords === true,
    redactFreeText: opts.redactFreeText === true,
    includeInstruments: opts.instruments !== false,
    limits: inputLimits(),
  };
  // For a recipient, the consent-checked export (its decision told on stderr), with its labels and notice.
  const recipient = forRecipient
    ? exportStreamForOrFail(
        input,
        data,
        {
          ...(opts.recipient === undefined ? {} : { organizationId: opts.recipient }),
          ...(opts.recipientEndpoint === undefined ? {} : { endpoint: opts.recipientEndpoint }),
        },
        opts,
        exportOptions,
      ).data
    : undefined;
  const stream = recipient === undefined ? exportProgramStream(data, exportOptions) : undefined;
  if (stream?.success === false) throw new CliError(formatFhirIssues(input, stream.issues));
  const items = recipient?.resources ?? (stream?.success ? stream.data : []);
  const logged = async (destination: string) => {
    if (recipient !== undefined && opts.disclosureLog !== undefined)
      await logDisclosure(opts.disclosureLog, 'export-fhir', recipient.decision, {
        resources: total,
        destination,
      });
  };
  const counts = new Map<string, number>();
  const issues: FhirIssue[] = [];
  let total = 0;
  const resources = (function* () {
    for (const { resource, issues: found } of items) {
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
    const files = new Map<
      string,
      { readonly out: WriteStream; readonly pending: ReturnType<typeof gatherer> }
    >();
    for (const { resourceType, line } of ndjsonLines(resources)) {
      let f = files.get(resourceType);
      if (!f) {
        const file = join(dir, `${resourceType}.ndjson`);
        f = { out: createWriteStream(file, 'utf8'), pending: gatherer() };
        files.set(resourceType, f);
        written.push(file);
      }
      const chunk = f.pending.add(line);
      if (chunk !== undefined) await writeChunk(f.out, chunk);
    }
    for (const f of files.values()) await writeChunk(f.out, f.pending.take());
    await closeAll([...files.values()].map((f) => f.out));
    if (failed()) return discard();
    if (recipient !== undefined)
      await writeFileAtomic(
        join(dir, 'manifest.json'),
        `${JSON.stringify(
          bulkManifest(
            [...files.keys()].map((t) => `${t}.ndjson`),
            recipient.bundleMeta,
            new Date().toISOString(),
          ),
          null,
          2,
        )}\n`,
      );
    await logged(dir);
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
  for (const chunk of inChunks(transactionBundleChunks(resources, recipient?.bundleMeta)))
    await writeChunk(out ?? process.stdout, chunk);
  if (out) await closeAll([out]);
  if (failed()) return discard();
  await logged(file ?? '<stdout>');
  if (file !== undefined) process.stdout.write(`${summary()}: transaction bundle written to ${file}\n`);
  else process.stderr.write(`${summary()}\n`);
  return EXIT.ok;
}

/**
 * `import-fhir`: imports a FHIR Bundle (JSON file) or a folder of Bulk Data NDJSON files back to a ProgramData
 * document, written to `-o` or standard output; the counts by resource type and outcome go to stderr. Returns the
 * exit code: 0, 1 when some resources were in error (the rest was imported and written), 2 when nothing could be
 * imported (or, with `strict`, anything was skipped or in error).
 *
 * @example
 * await runImportFhir('out/fhir', { out: 'program.json', strict: true, importReport: 'import-report.json' });
 */
export async function runImportFhir(
  input: string,
  opts: { out?: string; program?: string; strict?: boolean; importReport?: string; profile?: string },
): Promise<number> {
  const read = await readAny(input);
  const options: FhirInputOptions = {
    ...(opts.profile === undefined ? {} : { profile: opts.profile }),
    ...(opts.program === undefined ? {} : { programId: opts.program }),
    ...(opts.strict === true ? { strict: true } : {}),
    ...(opts.importReport === undefined ? {} : { importReport: opts.importReport }),
  };
  if (read.kind === 'json' && (!isObj(read.value) || read.value.resourceType !== 'Bundle'))
    throw new CliError(
      `${read.file}: resourceType: expected a FHIR Bundle (or give a folder of NDJSON files)`,
    );
  const { data, resourceErrors } =
    read.kind === 'ndjson'
      ? await importedNdjson(read.file, read.files, options)
      : await programFromJson(read.file, read.value, options);
  await writeOutput(opts.out, `${JSON.stringify(data, null, 2)}\n`);
  if (opts.out !== undefined && opts.out !== '-')
    process.stdout.write(
      `${data.peers.length} peers, ${data.enrolments.length} enrolments, ${data.contacts.length} contacts written to ${opts.out}\n`,
    );
  return resourceErrors > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * Options of {@link runPush}, as the command line gives them.
 *
 * @example
 * const opts: PushOptions = { server: 'http://127.0.0.1:8103', retries: '2', asOf: '2026-11-20', batchSize: '200' };
 */
export interface PushOptions extends DisclosureCliOptions {
  readonly server: string;
  readonly token?: string;
  readonly retries?: string;
  readonly asOf?: string;
  /** Entries per transaction (default 500). */
  readonly batchSize?: string;
  /** The resumable push report: read when it exists (done batches are skipped), rewritten after each batch. */
  readonly report?: string;
  /** Allow a token over plain http to a host other than this machine. */
  readonly allowInsecureHttp?: boolean;
  /** Show progress on stderr (default: when stderr is a terminal). */
  readonly progress?: boolean;
  /** Also send the coaches' HR records (attestations, interview, background check, incidents). */
  readonly includeCoachRecords?: boolean;
}

const isReadyBundle = (v: unknown) =>
  isObj(v) && v.resourceType === 'Bundle' && (v.type === 'transaction' || v.type === 'batch');

/**
 * `push`: sends a program to a FHIR server for that server as recipient. The program (a ProgramData document, a
 * Bundle or an NDJSON folder) is exported on the fly with only the peers whose consent in force names the server
 * (`recipientEndpoint`) or `--recipient` organisation for `--purpose` (see `decideDisclosure`; withheld peers are
 * listed by id on stderr), or everyone with a loud `--override`. A ready transaction Bundle cannot be checked
 * against consents, so it is sent as it is only with `--override`. The server URL is checked first (no
 * credentials or query; no token over plain http to another host unless `--allow-insecure-http`); redirects are
 * followed within the same origin only. Entries go in batches (`--batch-size`), with a progress bar on a terminal
 * and a resumable `--report`; `--disclosure-log` records what went to whom under which consent. Every failed entry
 * is reported on stderr; the exit code is 1 when anything failed, 0 otherwise.
 *
 * @example
 * await runPush('program.json', { server: 'http://127.0.0.1:8103', recipient: 'county-hospital', purpose: 'referral' });
 */
export async function runPush(input: string, opts: PushOptions): Promise<number> {
  const token = opts.token ?? process.env.PEER_RECOVERY_FHIR_TOKEN;
  const checked = checkServerUrl(opts.server, {
    ...(token === undefined ? {} : { token }),
    allowInsecureHttp: opts.allowInsecureHttp === true,
  });
  if (!checked.success)
    throw new CliError(
      checked.issues
        .map(
          (i) =>
            `--server: ${i.message.replace(/^Server URL: /, '')}${i.message.includes('insecure') ? ' (--allow-insecure-http)' : ''}`,
        )
        .join('\n'),
    );
  const base = checked.data;
  const retries = opts.retries === undefined ? 3 : intOption('--retries', opts.retries, 0, 20);
  const batchSize =
    opts.batchSize === undefined ? 500 : intOption('--batch-size', opts.batchSize, 1, 100_000);
  const override = overrideOf(opts);
  const read = await readAny(input);
  const file = read.file;
  const exchange = {
    retries,
    batchSize,
    ...(token === undefined ? {} : { token }),
    allowInsecureHttp: opts.allowInsecureHttp === true,
  };
  let send: (options: BatchPushOptions) => Promise<BatchPushResult>;
  let total: number;
  let decision: DisclosureDecision | undefined;
  if (read.kind === 'json' && isReadyBundle(read.value)) {
    if (override === undefined)
      throw new CliError(
        `${file}: a ready transaction Bundle cannot be checked against consents: push the program instead, or give --override internal|de-identified`,
      );
    process.stderr.write(
      `WARNING: --override ${override}: consent was NOT checked; the Bundle is sent as it is.\n`,
    );
    const bundle = read.value as unknown as Bundle; // sent as it is
    total = bundle.entry?.length ?? 0;
    send = (options) => pushInBatches(base, bundle, options);
  } else {
    const { data } =
      read.kind === 'ndjson'
        ? await importedNdjson(file, read.files, {})
        : await programFromJson(file, read.value, {});
    const r = exportStreamForOrFail(
      file,
      data,
      { endpoint: base, ...(opts.recipient === undefined ? {} : { organizationId: opts.recipient }) },
      opts,
      {
        ...(opts.asOf === undefined ? {} : { asOf: exportAsOf(opts.asOf, data) }),
        includeCoachRecords: opts.includeCoachRecords === true,
        limits: inputLimits(),
        order: 'peer',
      },
    );
    decision = r.data.decision;
    // First every resource is made and validated (nothing is sent when one is invalid), counted, and its
    // `Type/id` kept so that references are rewritten as `toTransactionBundle` rewrites them; then the export runs
    // again as it is sent, batch by batch, so the push never holds the program's export.
    const targets = new Set<string>();
    total = 0;
    const issues: FhirIssue[] = [];
    for (const { resource, issues: found } of r.data.resources) {
      for (const i of found) issues.push(i);
      if (found.some((i) => i.severity === 'error')) throw new CliError(formatFhirIssues(file, issues));
      if (resource.id !== undefined) targets.add(`${resource.resourceType}/${resource.id}`);
      total++;
    }
    const resources = r.data.resources;
    send = (options) =>
      pushEntriesInBatches(
        base,
        transactionEntries(
          (function* () {
            for (const item of resources) yield item.resource;
          })(),
          targets,
        ),
        { ...options, meta: r.data.bundleMeta },
      );
  }
  const resume = await readPushReport(opts.report);
  const journal = opts.report === undefined ? undefined : pushReportJournal(opts.report);
  await journal?.start(
    { server: base, batchSize },
    resume !== undefined && resume.server === base && resume.batchSize === batchSize,
  );
  const showProgress = opts.progress ?? process.stderr.isTTY === true;
  let bar: SingleBar | undefined;
  if (showProgress) {
    bar = new SingleBar(
      {
        stream: process.stderr,
        format: `push [{bar}] {value}/{total} resources, batch {batch}`,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0, { batch: '-' });
  }
  let through = 0;
  const result = await send({
    ...exchange,
    ...(resume === undefined ? {} : { resume }),
    onBatch: async (report) => {
      const last = report.batches[report.batches.length - 1];
      if (last === undefined) return;
      if (last.status === 'done') through = report.batches.reduce((n, b) => n + b.entries, 0);
      bar?.update(through, { batch: `${report.batches.length}` });
      await journal?.add(last);
    },
  });
  bar?.stop();
  const outcome = result.success ? result.data : result.outcome;
  if (decision !== undefined && opts.disclosureLog !== undefined)
    await logDisclosure(opts.disclosureLog, 'push', decision, {
      resources: outcome.created + outcome.existing,
      destination: base,
      complete: result.success,
    });
  if (result.issues.length > 0) process.stderr.write(`${formatFhirIssues(file, result.issues, 50)}\n`);
  const batches = outcome.report.batches;
  const done = batches.filter((b) => b.status === 'done').length;
  const counts = `created ${outcome.created}, already there ${outcome.existing}, failed ${outcome.failed}${outcome.skipped > 0 ? `, skipped ${outcome.skipped} (done in an earlier run)` : ''}`;
  process.stdout.write(
    result.success && done === batches.length
      ? `${total} resources for ${base} in ${batches.length} batch(es), ${done} done: ${counts}\n`
      : `${total} resources for ${base}: stopped at batch ${done + 1} (${done} done before it): ${counts}\n`,
  );
  if (!(result.success && done === batches.length) && opts.report !== undefined)
    process.stdout.write(
      `run the same command again to resume from batch ${done + 1} (report: ${opts.report})\n`,
    );
  return result.success && outcome.failed === 0 ? EXIT.ok : EXIT.findings;
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

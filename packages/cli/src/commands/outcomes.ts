import { constants, createReadStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline, Transform } from 'node:stream';
import {
  type Assessment,
  type AssessmentDatasetSummary,
  createAssessmentRowValidator,
  createContactRowValidator,
  createEnrolmentRowValidator,
  type DatasetIssue,
  type DatasetSummary,
  type Enrolment,
  type LocalDate,
  type OutcomeSummary,
  type ProgramData,
  type RowValidator,
  type ScheduleEnrolment,
  summarizeOutcomes,
} from '@peer-recovery/core';
import { Presets, SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { CsvError, parse } from 'csv-parse';
import { CliError, EXIT } from '../errors';
import { readProgramData } from '../io';
import { asOfOption } from '../options';
import { paint, table } from '../style';

/**
 * Row formats the outcome commands read.
 *
 * @example
 * const f: RowInputFormat = detectInputFormat('export.jsonl'); // 'ndjson'
 */
export type RowInputFormat = 'csv' | 'ndjson';

/**
 * Output formats of the outcome commands.
 *
 * @example
 * const f: OutcomesOutputFormat = 'json';
 */
export type OutcomesOutputFormat = 'table' | 'json';

/**
 * The format tag of `validate-outcomes --format json`.
 *
 * @example
 * JSON.parse(output).format === OUTCOMES_VALIDATION_FORMAT; // 'peer-recovery/outcomes-validation@1'
 */
export const OUTCOMES_VALIDATION_FORMAT = 'peer-recovery/outcomes-validation@1' as const;

/**
 * The format tag of `summarize-outcomes --format json`.
 *
 * @example
 * JSON.parse(output).format === OUTCOMES_SUMMARY_FORMAT; // 'peer-recovery/outcomes-summary@1'
 */
export const OUTCOMES_SUMMARY_FORMAT = 'peer-recovery/outcomes-summary@1' as const;

/**
 * Where the outcome commands write and read besides files. Tests pass their own; the command line uses the process.
 *
 * - `write`: standard output.
 * - `stdin`: read for the path `-`.
 * - `progress`: show a progress indicator on stderr (default: only when stderr is a terminal).
 * - `onRows`: called with the number of rows read so far, every 1,000 rows and at the end of each file.
 *
 * @example
 * const io: OutcomesIo = { write: (s) => process.stdout.write(s) };
 */
export interface OutcomesIo {
  readonly write: (text: string) => void;
  readonly stdin?: NodeJS.ReadableStream;
  readonly progress?: boolean;
  readonly onRows?: (rows: number) => void;
}

/**
 * The row format of a file: `--input-format` when given, else from the extension (`.csv`; `.ndjson` or `.jsonl`).
 * Standard input (`-`) needs `--input-format`.
 *
 * @example
 * detectInputFormat('assessments.csv'); // 'csv'
 * detectInputFormat('-', 'ndjson'); // 'ndjson'
 */
export function detectInputFormat(path: string, explicit?: string): RowInputFormat {
  if (explicit !== undefined) {
    if (explicit === 'csv' || explicit === 'ndjson') return explicit;
    throw new CliError('--input-format: expected csv or ndjson');
  }
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (path === '-') throw new CliError('standard input: pass --input-format csv or ndjson');
  throw new CliError(`${path}: cannot tell the format from the extension; pass --input-format csv or ndjson`);
}

type RowEvent =
  | { readonly kind: 'header'; readonly names: readonly string[]; readonly line: number }
  | { readonly kind: 'row'; readonly record: unknown; readonly line: number }
  | { readonly kind: 'reject'; readonly code: 'invalid-json' | 'field-count'; readonly line: number };

/** Turns CRLF into LF (byte-wise: safe for UTF-8) and counts the bytes read. */
function lineEndings(onBytes: (n: number) => void): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      const out = Buffer.allocUnsafe(chunk.length + 1);
      let j = 0;
      if (pendingCr) {
        if (chunk[0] !== 0x0a) out[j++] = 0x0d;
        pendingCr = false;
      }
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i] as number;
        if (b === 0x0d) {
          if (i + 1 === chunk.length) {
            pendingCr = true;
            continue;
          }
          if (chunk[i + 1] === 0x0a) continue;
        }
        out[j++] = b;
      }
      done(null, out.subarray(0, j));
    },
    flush(done) {
      done(null, pendingCr ? Buffer.from([0x0d]) : undefined);
    },
  });
}

function displayName(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

async function openInput(
  path: string,
  io: OutcomesIo,
): Promise<{ stream: NodeJS.ReadableStream; size?: number }> {
  if (path === '-') return { stream: io.stdin ?? process.stdin };
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new CliError(`${path}: is not a file`);
    return { stream: createReadStream(path), size: s.size };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Fails early (exit code 2, before any output) when a named input file cannot be read. */
async function ensureReadable(paths: readonly (string | undefined)[]): Promise<void> {
  for (const path of paths) {
    if (path === undefined || path === '-') continue;
    try {
      await access(path, constants.R_OK);
    } catch (e) {
      throw new CliError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!(await stat(path)).isFile()) throw new CliError(`${path}: is not a file`);
  }
}

function countNewlines(record: Record<string, unknown>): number {
  let n = 0;
  for (const v of Object.values(record))
    if (typeof v === 'string' && v.includes('\n')) for (const ch of v) if (ch === '\n') n++;
  return n;
}

/**
 * Reads a CSV or NDJSON file (or standard input) as a stream of header, row and rejected-row events, in constant
 * memory. CSV: the first line is the header; lines are counted from 1 (the header), a row's line is the line it
 * starts on; CRLF and a byte-order mark are accepted; empty lines are skipped; a row with fewer fields than the
 * header has its missing cells blank, one with more is rejected (`field-count`). NDJSON: one JSON object per line,
 * blank lines skipped, a line that is not JSON rejected (`invalid-json`). A file that cannot be opened, or CSV that
 * cannot be parsed at all (an unclosed quote), throws a {@link CliError} (exit code 2).
 */
async function* readRows(
  path: string,
  format: RowInputFormat,
  io: OutcomesIo,
  onBytes: (n: number) => void,
): AsyncGenerator<RowEvent> {
  const { stream } = await openInput(path, io);
  // pipeline (not pipe): an error of any stage ends the iteration below with that error.
  const ignore = () => undefined;
  const name = displayName(path);
  const failed = (e: unknown): never => {
    if (e instanceof CliError) throw e;
    if (e instanceof CsvError)
      throw new CliError(`${name}: line ${String(e.lines ?? '?')}: not readable as CSV (${e.code})`);
    throw new CliError(`${name}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  };
  try {
    if (format === 'csv') {
      let header: string[] | undefined;
      let headerSent = false;
      let invalidLengths = 0;
      const parser = pipeline(
        stream,
        lineEndings(onBytes),
        parse({
          bom: true,
          columns: (names: string[]) => {
            header = names.map((n) => String(n).trim());
            return header;
          },
          info: true,
          relax_column_count: true,
          skip_empty_lines: true,
        }),
        ignore,
      );
      for await (const { record, info } of parser as AsyncIterable<{
        record: Record<string, unknown>;
        info: { lines: number; invalid_field_length: number };
      }>) {
        if (!headerSent) {
          headerSent = true;
          yield { kind: 'header', names: header ?? [], line: 1 };
        }
        const line = info.lines - countNewlines(record);
        if (info.invalid_field_length > invalidLengths) {
          invalidLengths = info.invalid_field_length;
          if (Object.keys(record).length >= (header?.length ?? 0)) {
            yield { kind: 'reject', code: 'field-count', line };
            continue;
          }
        }
        yield { kind: 'row', record, line };
      }
      if (!headerSent) yield { kind: 'header', names: header ?? [], line: 1 };
    } else {
      const source = pipeline(stream, lineEndings(onBytes), ignore);
      const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
      let line = 0;
      for await (const raw of lines) {
        line++;
        const text = line === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
        if (text.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          yield { kind: 'reject', code: 'invalid-json', line };
          continue;
        }
        yield { kind: 'row', record: value, line };
      }
    }
  } catch (e) {
    failed(e);
  }
}

interface Progress {
  /** Clears the bar's line before standard output writes to the same terminal (the bar redraws below). */
  readonly clear: () => void;
  readonly tick: (rows: number) => void;
  readonly bytes: (n: number) => void;
  readonly stop: (rows: number) => void;
}

function startProgress(io: OutcomesIo, label: string, size: number | undefined): Progress {
  const enabled = io.progress ?? process.stderr.isTTY === true;
  let read = 0;
  let bar: SingleBar | undefined;
  if (enabled) {
    const known = size !== undefined && size > 0;
    bar = new SingleBar(
      {
        stream: process.stderr,
        format: known ? `${label} [{bar}] {percentage}% | {rows} rows` : `${label} {rows} rows`,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 30,
      },
      Presets.shades_classic,
    );
    bar.start(known ? size : 1, 0, { rows: 0 });
  }
  const sameTerminal = enabled && process.stdout.isTTY === true;
  return {
    clear: () => {
      if (bar !== undefined && sameTerminal) process.stderr.write('\r\u001b[2K');
    },
    bytes: (n) => {
      read += n;
    },
    tick: (rows) => {
      io.onRows?.(rows);
      bar?.update(size !== undefined && size > 0 ? Math.min(read, size) : 0, { rows });
    },
    stop: (rows) => {
      io.onRows?.(rows);
      bar?.update(size !== undefined && size > 0 ? size : 0, { rows });
      bar?.stop();
    },
  };
}

/** Streams a row file through a validator; calls `onResult` per row and `onIssue` per issue, in file order. */
async function runRows<R extends { issues: readonly DatasetIssue[] }>(
  path: string,
  format: RowInputFormat,
  validator: RowValidator<R, DatasetSummary>,
  io: OutcomesIo,
  label: string,
  onIssue: (issue: DatasetIssue) => void,
  onResult?: (result: R) => void,
): Promise<void> {
  const size = path === '-' ? undefined : (await stat(path).catch(() => undefined))?.size;
  const progress = startProgress(io, label, size);
  const issue = (i: DatasetIssue) => {
    progress.clear();
    onIssue(i);
  };
  let rows = 0;
  try {
    for await (const event of readRows(path, format, io, progress.bytes)) {
      if (event.kind === 'header') {
        for (const i of validator.columns(event.names, event.line)) issue(i);
        continue;
      }
      rows++;
      if (event.kind === 'reject') {
        for (const i of validator.rejectRow(event.line, event.code)) issue(i);
      } else {
        const result = validator.row(event.record, event.line);
        for (const i of result.issues) issue(i);
        onResult?.(result);
      }
      if (rows % 1000 === 0) progress.tick(rows);
    }
  } finally {
    progress.stop(rows);
  }
}

/** `--enrolments` names a ProgramData document when it ends in `.json` (not `.jsonl`). */
function isProgramDataPath(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}

/** The enrolment data given with `--enrolments`: a ProgramData document, or enrolment rows. */
interface LoadedEnrolments {
  readonly source: 'program-data' | 'rows';
  readonly enrolments: readonly Pick<Enrolment, 'id' | 'enrolledOn' | 'exit' | 'coachAssignments'>[];
  readonly data?: ProgramData;
  readonly summary?: DatasetSummary;
}

async function loadEnrolments(
  spec: string,
  inputFormat: string | undefined,
  io: OutcomesIo,
  onIssue: (issue: DatasetIssue) => void,
): Promise<LoadedEnrolments> {
  if (spec === '-') throw new CliError('--enrolments: standard input is not supported; name a file');
  if (isProgramDataPath(spec)) {
    const data = await readProgramData(spec);
    return { source: 'program-data', enrolments: data.enrolments, data };
  }
  const format = detectInputFormat(spec, inputFormat);
  const validator = createEnrolmentRowValidator();
  const enrolments: ScheduleEnrolment[] = [];
  await runRows(spec, format, validator, io, 'enrolments', onIssue, (r) => {
    if (r.enrolment !== undefined) enrolments.push(r.enrolment);
  });
  return {
    source: 'rows',
    // summarizeOutcomes reads only `exit.on` of an exit; enrolment rows carry no coach assignments.
    enrolments: enrolments.map(
      (e) => ({ ...e, coachAssignments: [] }) as unknown as LoadedEnrolments['enrolments'][number],
    ),
    summary: validator.finish().summary,
  };
}

/**
 * `--as-of` of the outcome commands, read by {@link asOfOption}, as the calendar date in `timeZone` that outcome
 * summaries and row validators take. Checked before any input is read (in UTC: a date means the same day in any
 * zone), then read again in the zone of the enrolments once they are known.
 */
function outcomesAsOf(spec: string | undefined, timeZone = 'UTC'): LocalDate | undefined {
  return spec === undefined ? undefined : asOfOption(spec, timeZone).date;
}

// ---------------------------------------------------------------------------------------------------------------
// Output of validate-outcomes.

type InputRole = 'assessments' | 'enrolments' | 'contacts';

interface InputMeta {
  readonly input: InputRole;
  readonly path: string;
  readonly inputFormat: RowInputFormat | 'program-data';
}

interface Sink {
  begin(meta: { asOf: string | null; inputs: readonly InputMeta[] }): void;
  issue(input: InputRole, issue: DatasetIssue): void;
  end(result: {
    summaries: Partial<Record<InputRole, unknown>>;
    schedule: { id: string; version: string } | null;
    errors: number;
    warnings: number;
  }): void;
}

function jsonSink(write: (s: string) => void): Sink {
  let count = 0;
  return {
    begin(meta) {
      write(
        `{\n  "format": ${JSON.stringify(OUTCOMES_VALIDATION_FORMAT)},\n  "asOf": ${JSON.stringify(meta.asOf)},\n` +
          `  "inputs": ${JSON.stringify(meta.inputs)},\n  "issues": [`,
      );
    },
    issue(input, issue) {
      write(`${count === 0 ? '\n' : ',\n'}    ${JSON.stringify({ input, ...issue })}`);
      count++;
    },
    end(result) {
      const rest = JSON.stringify(
        {
          schedule: result.schedule,
          summaries: result.summaries,
          errors: result.errors,
          warnings: result.warnings,
          ok: result.errors === 0,
        },
        null,
        2,
      );
      write(`${count === 0 ? '' : '\n  '}],\n${rest.slice(2)}\n`);
    },
  };
}

const WIDTHS = { input: 13, line: 6, column: 15, severity: 9, code: 20 } as const;

function tableSink(write: (s: string) => void, showInput: boolean): Sink {
  let count = 0;
  const row = (
    input: string,
    line: string,
    column: string,
    severity: string,
    code: string,
    message: string,
  ) =>
    `${showInput ? input.padEnd(WIDTHS.input) : ''}${line.padEnd(WIDTHS.line)}${column.padEnd(WIDTHS.column)}${severity}${code.padEnd(WIDTHS.code)}${message}`.trimEnd();
  const inputs: InputMeta[] = [];
  return {
    begin(meta) {
      inputs.push(...meta.inputs);
      const label = (i: InputMeta) =>
        `${displayName(i.path)} (${i.inputFormat === 'program-data' ? 'program data' : i.inputFormat})`;
      const parts: string[] = [];
      for (const i of meta.inputs) if (i.input === 'assessments') parts.push(`Validating ${label(i)}`);
      for (const i of meta.inputs) if (i.input !== 'assessments') parts.push(`${i.input}: ${label(i)}`);
      parts.push(meta.asOf === null ? 'no as-of date' : `as of ${meta.asOf}`);
      write(`${paint('bold', parts.join(' · '))}\n\n`);
      write(`${row('input', 'line', 'column', 'severity'.padEnd(WIDTHS.severity), 'code', 'message')}\n`);
      write(`${row('-----', '----', '------', '--------'.padEnd(WIDTHS.severity), '----', '-------')}\n`);
    },
    issue(input, issue) {
      count++;
      // Pad before colouring, so that colour codes do not break the alignment.
      const pad = ' '.repeat(Math.max(1, WIDTHS.severity - issue.severity.length));
      const severity = `${paint(issue.severity === 'error' ? 'red' : 'yellow', issue.severity)}${pad}`;
      write(`${row(input, String(issue.line), issue.column ?? '-', severity, issue.code, issue.message)}\n`);
    },
    end(result) {
      if (count === 0) write('(no issues)\n');
      write('\n');
      for (const meta of inputs) {
        const s = result.summaries[meta.input] as
          | (DatasetSummary & Partial<AssessmentDatasetSummary>)
          | undefined;
        if (s === undefined) continue;
        if (!('rows' in s)) {
          const n = (s as { enrolments?: number }).enrolments;
          write(`${meta.input}: ${displayName(meta.path)}: program data, ${String(n ?? 0)} enrolments\n`);
          continue;
        }
        write(
          `${meta.input}: ${displayName(meta.path)}: ${s.rows} row(s): ${s.validRows} valid` +
            `${s.rowsWithWarningsOnly > 0 ? ` (${s.rowsWithWarningsOnly} with warnings only)` : ''}, ${s.rowsWithErrors} with errors\n`,
        );
        for (const c of s.instruments ?? [])
          write(
            `  ${c.abbreviation.padEnd(9)} ${c.rows} row(s): ${c.scored} complete, ${c.incomplete} incomplete, ${c.invalid} invalid\n`,
          );
        if ((s.unknownInstrumentRows ?? 0) > 0)
          write(`  unknown instrument: ${String(s.unknownInstrumentRows)} row(s)\n`);
      }
      write(
        result.schedule === null
          ? 'Schedule windows: not checked (needs --enrolments)\n'
          : `Schedule windows: checked against ${result.schedule.id} ${result.schedule.version}\n`,
      );
      const verdict = `${result.errors} error(s), ${result.warnings} warning(s)`;
      write(`${result.errors > 0 ? paint('red', verdict) : verdict}\n`);
    },
  };
}

/**
 * Options of {@link runValidateOutcomes}.
 *
 * @example
 * const o: ValidateOutcomesOptions = { file: 'assessments.csv', format: 'table', enrolments: 'program.json' };
 */
export interface ValidateOutcomesOptions {
  /** Assessment rows: CSV or NDJSON, `-` for standard input. */
  readonly file: string;
  /** Enrolments: a ProgramData JSON document (`.json`), or enrolment rows (CSV or NDJSON). */
  readonly enrolments?: string;
  /** Contact rows to check as well (CSV or NDJSON). */
  readonly contacts?: string;
  readonly format: OutcomesOutputFormat;
  /** Rows dated after it are errors; without it no row is judged to be in the future. */
  readonly asOf?: string;
  /** Row format of `file` when its extension does not tell (or it is `-`). */
  readonly inputFormat?: string;
}

/**
 * `validate-outcomes`: streams an assessment file (and optionally enrolment and contact rows) through the row
 * validators of `@peer-recovery/core`, writing each issue as soon as it is found (table or JSON), then the summary.
 * Returns the exit code: 1 when an error was found, 0 otherwise; unreadable input throws a {@link CliError}
 * (exit code 2).
 *
 * @example
 * const code = await runValidateOutcomes(
 *   { file: 'examples/research-outcomes/assessments.csv', enrolments: 'examples/sample-program/program.json',
 *     format: 'json', asOf: '2026-11-20' },
 *   { write: (s) => process.stdout.write(s) },
 * );
 */
export async function runValidateOutcomes(options: ValidateOutcomesOptions, io: OutcomesIo): Promise<number> {
  outcomesAsOf(options.asOf);
  const format = detectInputFormat(options.file, options.inputFormat);
  if (options.contacts === '-')
    throw new CliError('--contacts: standard input is not supported; name a file');
  if (options.enrolments === '-')
    throw new CliError('--enrolments: standard input is not supported; name a file');
  const contactsFormat = options.contacts === undefined ? undefined : detectInputFormat(options.contacts);
  await ensureReadable([options.file, options.enrolments, options.contacts]);
  const inputs: InputMeta[] = [];
  if (options.enrolments !== undefined)
    inputs.push({
      input: 'enrolments',
      path: options.enrolments,
      inputFormat: isProgramDataPath(options.enrolments)
        ? 'program-data'
        : detectInputFormat(options.enrolments),
    });
  inputs.push({ input: 'assessments', path: options.file, inputFormat: format });
  if (options.contacts !== undefined && contactsFormat !== undefined)
    inputs.push({ input: 'contacts', path: options.contacts, inputFormat: contactsFormat });

  // Read the enrolment document first: a bad one stops with exit code 2 before any output.
  let errors = 0;
  let warnings = 0;
  let loaded: LoadedEnrolments | undefined;
  if (options.enrolments !== undefined && isProgramDataPath(options.enrolments))
    loaded = await loadEnrolments(options.enrolments, undefined, io, () => undefined);

  const asOf = outcomesAsOf(options.asOf, loaded?.data?.program.timeZone);
  const showInput =
    (options.enrolments !== undefined && loaded === undefined) || options.contacts !== undefined;
  const sink = options.format === 'json' ? jsonSink(io.write) : tableSink(io.write, showInput);
  sink.begin({ asOf: asOf ?? null, inputs });
  const emit = (input: InputRole) => (issue: DatasetIssue) => {
    if (issue.severity === 'error') errors++;
    else warnings++;
    sink.issue(input, issue);
  };

  if (options.enrolments !== undefined && loaded === undefined)
    loaded = await loadEnrolments(options.enrolments, undefined, io, emit('enrolments'));

  const validator = createAssessmentRowValidator({
    ...(loaded === undefined ? {} : { enrolments: loaded.enrolments }),
    ...(asOf === undefined ? {} : { asOf }),
  });
  await runRows(options.file, format, validator, io, 'assessments', emit('assessments'));
  const report = validator.finish();
  for (const i of report.issues) emit('assessments')(i);

  let contactsSummary: DatasetSummary | undefined;
  if (options.contacts !== undefined && contactsFormat !== undefined) {
    const contacts = createContactRowValidator(loaded === undefined ? {} : { enrolments: loaded.enrolments });
    await runRows(options.contacts, contactsFormat, contacts, io, 'contacts', emit('contacts'));
    contactsSummary = contacts.finish().summary;
  }

  const summaries: Partial<Record<InputRole, unknown>> = {};
  if (loaded !== undefined)
    summaries.enrolments =
      loaded.source === 'program-data' ? { enrolments: loaded.enrolments.length } : loaded.summary;
  summaries.assessments = report.summary;
  if (contactsSummary !== undefined) summaries.contacts = contactsSummary;
  sink.end({ summaries, schedule: report.summary.schedule, errors, warnings });
  return errors > 0 ? EXIT.findings : EXIT.ok;
}

// ---------------------------------------------------------------------------------------------------------------
// summarize-outcomes.

/**
 * Options of {@link runSummarizeOutcomes}.
 *
 * @example
 * const o: SummarizeOutcomesCommandOptions = { file: 'assessments.csv', format: 'table', asOf: '2026-11-20' };
 */
export interface SummarizeOutcomesCommandOptions {
  readonly file: string;
  readonly enrolments?: string;
  readonly format: OutcomesOutputFormat;
  /** Summary date; default today (in the program's time zone with a ProgramData document, else the machine's). */
  readonly asOf?: string;
  readonly inputFormat?: string;
}

/** Per-instrument counts of the rows used, for a summary without enrolment data. */
interface UsedRowCounts {
  instrumentId: string;
  abbreviation: string;
  n: number;
  scored: number;
  incomplete: number;
}

function pct(num: number, den: number): string {
  return den === 0 ? 'n/a' : `${Math.round((100 * num) / den)}%`;
}

function num(v: number | null, digits = 1): string {
  return v === null ? 'n/a' : v.toFixed(digits);
}

function signed(v: number | null): string {
  if (v === null) return 'n/a';
  return `${v > 0 ? '+' : ''}${v.toFixed(1)}`;
}

function pValue(p: number | undefined): string {
  if (p === undefined) return 'n/a';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** One table of change by time point: pairs, mean change and 95% CI, tests, effect size, median (IQR), retention. */
function formatChangeByPoint(points: OutcomeSummary['instruments'][number]['changeByPoint']): string[] {
  const rows = points.map((p) => {
    const c = p.change;
    const a = p.attrition;
    const ci = c.confidenceInterval;
    const q = c.changeQuartiles;
    return [
      p.occurrence > 1 ? `${p.pointId} #${p.occurrence}` : p.pointId,
      String(c.n),
      c.n === 0
        ? 'n/a'
        : `${signed(c.meanChange)}${ci === null ? '' : ` (${num(ci.lower)} to ${num(ci.upper)})`}`,
      pValue(c.pairedT?.p),
      pValue(c.wilcoxon?.p),
      c.cohensDz === null ? 'n/a' : c.cohensDz.toFixed(2),
      q === null ? 'n/a' : `${num(q.median)} (${num(q.q1)} to ${num(q.q3)})`,
      `${a.done} of ${a.due}${a.due === 0 ? '' : ` (${pct(a.done, a.due)})`}`,
      String(a.baselineNoPair),
    ];
  });
  return table(
    [
      'time point',
      'pairs',
      'mean change (95% CI)',
      'paired t p',
      'Wilcoxon p',
      'd_z',
      'median change (IQR)',
      'done of due (intake basis)',
      'baseline, no pair',
    ],
    rows,
  )
    .split('\n')
    .map((l) => `  ${l}`);
}

/**
 * The readable text of an outcome summary: per instrument, the responses, the paired change from baseline, the
 * threshold crossings and the follow-up rate, each with its `n`; a share is shown only over a non-zero count.
 *
 * @example
 * process.stdout.write(formatOutcomeSummary(summarizeOutcomes(data, { asOf: '2026-11-20' })));
 */
export function formatOutcomeSummary(summary: OutcomeSummary): string {
  const out: string[] = [];
  out.push(
    paint(
      'bold',
      `Outcome summary as of ${summary.asOf} (schedule ${summary.scheduleId} ${summary.scheduleVersion})`,
    ),
  );
  out.push(`Enrolments started by ${summary.asOf}: ${summary.enrolments}`);
  if (summary.instruments.length === 0) out.push('', 'No assessment of a known instrument.');
  for (const s of summary.instruments) {
    const r = s.responses;
    out.push('', paint('bold', `${s.abbreviation} (${s.instrumentId}, definition ${s.instrumentVersion})`));
    out.push(
      `  responses             n=${r.n}: ${r.scored} complete, ${r.incomplete} incomplete, ${r.invalid} invalid`,
    );
    const c = s.change;
    out.push(
      c.n === 0
        ? '  change from baseline  n=0 pairs: no complete baseline and follow-up pair yet'
        : `  change from baseline  n=${c.n} pair(s): baseline mean ${num(c.meanBaseline)}, follow-up mean ${num(c.meanFollowUp)}, change ${signed(c.meanChange)} (SD ${c.sdChange === null ? 'n/a, n < 2' : num(c.sdChange)})`,
    );
    if (s.changeByPoint.length > 0) out.push(...formatChangeByPoint(s.changeByPoint));
    for (const t of s.thresholds)
      out.push(
        `  threshold ${t.value} (${t.comparison.replaceAll('-', ' ')})  n=${t.n} pair(s): ${t.metAtBaseline} met at baseline, ${t.metAtFollowUp} at follow-up; crossed ${t.crossed} of ${t.notMetAtBaseline}${t.notMetAtBaseline === 0 ? '' : ` (${pct(t.crossed, t.notMetAtBaseline)})`}`,
      );
    const f = s.followUp;
    out.push(
      f.denominator === 0
        ? `  follow-up rate        n=${f.n} enrolments: no follow-up due yet (no rate)${f.inWindow > 0 ? `; ${f.inWindow} in window now` : ''}`
        : `  follow-up rate        n=${f.n} enrolment(s): ${f.numerator} of ${f.denominator} due follow-ups done (${pct(f.numerator, f.denominator)}); target ${Math.round(f.target * 100)}%: ${f.meetsTarget ? 'met' : 'not met'}${f.inWindow > 0 ? `; ${f.inWindow} in window now` : ''}`,
    );
  }
  const withGoals = summary.domains.filter((d) => d.n > 0);
  if (withGoals.length > 0) {
    out.push('', paint('bold', 'Goals of the latest plans, by NOMs domain'));
    const rows = withGoals.map((d) => {
      const open = d.n - (d.byStatus.cancelled ?? 0);
      const achieved = d.byStatus.achieved ?? 0;
      return [
        d.label,
        String(d.n),
        String(d.enrolments),
        `${achieved} of ${open}${open === 0 ? '' : ` (${pct(achieved, open)})`}`,
      ];
    });
    out.push(
      table(['domain', 'goals (n)', 'enrolments', 'achieved (of goals not cancelled)'], rows)
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
    if (summary.untaggedGoals > 0) out.push(`  goals with no expected-outcome tag: ${summary.untaggedGoals}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * `summarize-outcomes`: reads an assessment file (streamed and validated as by `validate-outcomes`), keeps the rows
 * without error (a partial response is kept, as incomplete) and prints the summary of `summarizeOutcomes` from
 * `@peer-recovery/core` as of a date. Without enrolment data only the response counts can be given (the paired
 * change and the follow-up rate need intake dates). Returns the exit code (0); unreadable input throws a
 * {@link CliError} (exit code 2).
 *
 * @example
 * await runSummarizeOutcomes(
 *   { file: 'examples/research-outcomes/assessments.csv', enrolments: 'examples/sample-program/program.json',
 *     format: 'table', asOf: '2026-11-20' },
 *   { write: (s) => process.stdout.write(s) },
 * );
 */
export async function runSummarizeOutcomes(
  options: SummarizeOutcomesCommandOptions,
  io: OutcomesIo,
  now: number = Date.now(),
): Promise<number> {
  outcomesAsOf(options.asOf);
  const format = detectInputFormat(options.file, options.inputFormat);
  await ensureReadable([options.file, options.enrolments]);
  const loaded =
    options.enrolments === undefined
      ? undefined
      : await loadEnrolments(options.enrolments, undefined, io, () => undefined);
  const zone = loaded?.data?.program.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const asOf = asOfOption(options.asOf, zone, now).date;
  const validator = createAssessmentRowValidator({
    ...(loaded === undefined ? {} : { enrolments: loaded.enrolments }),
    asOf,
    schedule: null,
  });
  const used: Assessment[] = [];
  const counts = new Map<string, UsedRowCounts>();
  await runRows(
    options.file,
    format,
    validator,
    io,
    'assessments',
    () => undefined,
    (r) => {
      if (r.assessment === undefined) return;
      if (loaded !== undefined) used.push(r.assessment);
      else if (r.score !== undefined) {
        const c = counts.get(r.score.instrumentId) ?? {
          instrumentId: r.score.instrumentId,
          abbreviation: r.assessment.instrument,
          n: 0,
          scored: 0,
          incomplete: 0,
        };
        c.n++;
        if (r.score.status === 'scored') c.scored++;
        if (r.score.status === 'incomplete') c.incomplete++;
        counts.set(c.instrumentId, c);
      }
    },
  );
  const { summary: validation } = validator.finish();
  const abbreviations = new Map(validation.instruments.map((i) => [i.instrumentId, i.abbreviation]));
  const responses = [...counts.values()]
    .sort((a, b) => (a.instrumentId < b.instrumentId ? -1 : 1))
    .map((c) => ({ ...c, abbreviation: abbreviations.get(c.instrumentId) ?? c.abbreviation }));
  const usedRows = validation.validRows;
  const summary =
    loaded === undefined
      ? null
      : summarizeOutcomes(
          {
            enrolments: loaded.enrolments,
            assessments: used,
            ...(loaded.data === undefined ? {} : { plans: loaded.data.plans }),
          },
          { asOf },
        );
  const rows = { read: validation.rows, used: usedRows, leftOut: validation.rowsWithErrors };

  if (options.format === 'json') {
    io.write(
      `${JSON.stringify(
        {
          format: OUTCOMES_SUMMARY_FORMAT,
          asOf,
          rows,
          enrolments:
            loaded === undefined
              ? null
              : {
                  source: loaded.source,
                  used: loaded.enrolments.length,
                  rowsWithErrors: loaded.summary?.rowsWithErrors ?? 0,
                },
          summary,
          responses: summary === null ? responses : null,
        },
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  const head = [
    `Assessments: ${displayName(options.file)}: ${rows.read} row(s) read, ${rows.used} used` +
      (rows.leftOut > 0
        ? `, ${rows.leftOut} left out (rows with errors; run validate-outcomes for the list)`
        : ''),
  ];
  if (loaded?.source === 'rows' && (loaded.summary?.rowsWithErrors ?? 0) > 0)
    head.push(`Enrolments: ${loaded.summary?.rowsWithErrors ?? 0} row(s) with errors left out`);
  io.write(`${head.join('\n')}\n\n`);
  if (summary !== null) {
    io.write(formatOutcomeSummary(summary));
    return EXIT.ok;
  }
  const lines = [
    paint('bold', `Responses as of ${asOf} (no enrolment data: pass --enrolments for change and follow-up)`),
  ];
  if (responses.length === 0) lines.push('No usable assessment of a known instrument.');
  for (const c of responses)
    lines.push(`  ${c.abbreviation.padEnd(9)} n=${c.n}: ${c.scored} complete, ${c.incomplete} incomplete`);
  io.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

// ---------------------------------------------------------------------------------------------------------------
// Registration.

/** Standard output (a closed reader, as with `| head`, is handled once for every command in `bin.ts`). */
function processIo(): OutcomesIo {
  return { write: (s) => process.stdout.write(s) };
}

/**
 * Adds `validate-outcomes` and `summarize-outcomes` to the command line.
 *
 * @example
 * registerOutcomeCommands(new Command('peer-recovery'));
 */
export function registerOutcomeCommands(program: Command): void {
  const inputFormat = () =>
    new Option('--input-format <format>', 'row format of <file> when the extension does not tell').choices([
      'csv',
      'ndjson',
    ]);
  const outputFormat = () =>
    new Option('--format <format>', 'output format').choices(['table', 'json']).default('table');

  program
    .command('validate-outcomes')
    .description(
      'Check an outcome data set row by row: columns, dates, answers on the instrument scale, duplicates, dates inside the enrolment, schedule windows.',
    )
    .argument(
      '<file>',
      'assessment rows: .csv, .ndjson or .jsonl ("-" for standard input, with --input-format)',
    )
    .option(
      '--enrolments <file>',
      'enrolments: a ProgramData JSON document, or enrolment rows (.csv, .ndjson)',
    )
    .option('--contacts <file>', 'contact rows to check as well (.csv, .ndjson)')
    .option(
      '--as-of <date>',
      'rows dated after this day are errors: a date YYYY-MM-DD or an ISO instant with Z or offset (default: no such check)',
    )
    .addOption(inputFormat())
    .addOption(outputFormat())
    .addHelpText(
      'after',
      `
Columns: assessment_id, enrolment_id, instrument, completed_on, item_1 ... item_10 (see docs/research.md).
Window checks (out-of-window) and before-enrolment need --enrolments.
Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 unreadable input or bad usage.
Examples:
  $ peer-recovery validate-outcomes examples/research-outcomes/assessments.csv \\
      --enrolments examples/sample-program/program.json --as-of 2026-11-20
  $ peer-recovery validate-outcomes export.ndjson --enrolments enrolments.csv --format json > report.json
  $ cat export.csv | peer-recovery validate-outcomes - --input-format csv`,
    )
    .action(
      async (
        file: string,
        opts: {
          enrolments?: string;
          contacts?: string;
          asOf?: string;
          inputFormat?: string;
          format: OutcomesOutputFormat;
        },
      ) => {
        process.exitCode = await runValidateOutcomes(
          {
            file,
            format: opts.format,
            ...(opts.enrolments === undefined ? {} : { enrolments: opts.enrolments }),
            ...(opts.contacts === undefined ? {} : { contacts: opts.contacts }),
            ...(opts.asOf === undefined ? {} : { asOf: opts.asOf }),
            ...(opts.inputFormat === undefined ? {} : { inputFormat: opts.inputFormat }),
          },
          processIo(),
        );
      },
    );

  program
    .command('summarize-outcomes')
    .description(
      'Score the valid rows of an outcome data set and summarize: responses, change from baseline, thresholds, follow-up rate.',
    )
    .argument(
      '<file>',
      'assessment rows: .csv, .ndjson or .jsonl ("-" for standard input, with --input-format)',
    )
    .option(
      '--enrolments <file>',
      'enrolments: a ProgramData JSON document, or enrolment rows (.csv, .ndjson)',
    )
    .option(
      '--as-of <date>',
      'summary date: a date YYYY-MM-DD or an ISO instant with Z or offset (default: today)',
    )
    .addOption(inputFormat())
    .addOption(outputFormat())
    .addHelpText(
      'after',
      `
Rows with errors are left out (run validate-outcomes for the list); partial responses count as incomplete.
Every figure shows its n; no share is computed over zero.
Examples:
  $ peer-recovery summarize-outcomes examples/research-outcomes/assessments.csv \\
      --enrolments examples/sample-program/program.json --as-of 2026-11-20
  $ peer-recovery summarize-outcomes export.ndjson --enrolments enrolments.csv --format json`,
    )
    .action(
      async (
        file: string,
        opts: { enrolments?: string; asOf?: string; inputFormat?: string; format: OutcomesOutputFormat },
      ) => {
        process.exitCode = await runSummarizeOutcomes(
          {
            file,
            format: opts.format,
            ...(opts.enrolments === undefined ? {} : { enrolments: opts.enrolments }),
            ...(opts.asOf === undefined ? {} : { asOf: opts.asOf }),
            ...(opts.inputFormat === undefined ? {} : { inputFormat: opts.inputFormat }),
          },
          processIo(),
        );
      },
    );
}

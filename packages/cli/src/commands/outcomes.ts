import { constants, createReadStream } from 'node:fs';
import { access, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline, Transform } from 'node:stream';
import {
  type Assessment,
  type AssessmentDatasetReport,
  type AssessmentDatasetSummary,
  type AssessmentRowValidator,
  type AssessmentRowValidatorOptions,
  type AssessmentSchedule,
  builtInInstruments,
  type ColumnMapper,
  type ColumnMappingIssueCode,
  createAssessmentRowValidator,
  createColumnMapper,
  createContactRowValidator,
  createEnrolmentRowValidator,
  createOutcomeSummarizer,
  createUtf8Checker,
  type DatasetIssue,
  type DatasetSeverityPolicy,
  type DatasetSummary,
  dataIssue,
  datasetIssue,
  type Enrolment,
  type InstrumentDefinition,
  type Issue,
  type LocalDate,
  markdownCodebook,
  type OutcomeSummary,
  type ProgramData,
  parseColumnMapping,
  REDCAP_DICTIONARY_COLUMNS,
  type ResearchExportIssueCode,
  type ResearchRows,
  type ResearchTable,
  type ResearchValue,
  type Result,
  type RowValidator,
  redcapDataDictionary,
  researchLongRows,
  researchWideRows,
  SURVEY_MISSING_CODES,
  suppressSmallCells,
  type Utf8Error,
  validateInstrumentDefinition,
  withThresholds,
} from '@peer-recovery/core';
import { Presets, SingleBar } from 'cli-progress';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CsvReadError, readCsvCells, recordOf } from '../csv-rows';
import { CliError, EXIT } from '../errors';
import { decodeInput, inChunks, readProgramData } from '../io';
import { asOfOption } from '../options';
import { paint, table } from '../style';
import { DEFAULT_MIN_CELL } from './outcome-commands';

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
 * - `note`: notes and warnings for people (default: standard error).
 *
 * @example
 * const io: OutcomesIo = { write: (s) => process.stdout.write(s) };
 */
export interface OutcomesIo {
  readonly write: (text: string) => void;
  readonly stdin?: NodeJS.ReadableStream;
  readonly progress?: boolean;
  readonly onRows?: (rows: number) => void;
  readonly note?: (text: string) => void;
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
  | { readonly kind: 'cells'; readonly cells: readonly string[]; readonly line: number }
  | { readonly kind: 'reject'; readonly code: 'invalid-json' | 'field-count'; readonly line: number };

/**
 * Passes bytes through unchanged and fails, with a CliError naming the file and the byte offset and line of the
 * first ill-formed sequence, on bytes that are not UTF-8 (before any decoding could replace them with U+FFFD).
 */
function strictUtf8(file: string): Transform {
  const checker = createUtf8Checker();
  const failed = (e: Utf8Error) =>
    new CliError(
      `${file}: is not valid UTF-8 (byte offset ${e.byteOffset}, line ${e.line}); save the file as UTF-8 [invalid-encoding]`,
      EXIT.badInput,
      [
        {
          ...dataIssue(
            'invalid-encoding',
            [],
            `is not valid UTF-8 (byte offset ${e.byteOffset}, line ${e.line}); save the file as UTF-8`,
          ),
          location: { file, byteOffset: e.byteOffset, line: e.line },
        },
      ],
    );
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const e = checker.push(chunk);
      done(e === undefined ? null : failed(e), e === undefined ? chunk : undefined);
    },
    flush(done) {
      const e = checker.end();
      done(e === undefined ? null : failed(e));
    },
  });
}

/** Turns CRLF into LF (byte-wise: safe for UTF-8) and counts the bytes read. */
function lineEndings(onBytes: (n: number) => void): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      // Most files have no CR: pass the chunk on as it is (no copy, no second buffer per chunk to collect).
      if (!pendingCr && chunk.indexOf(0x0d) === -1) {
        done(null, chunk);
        return;
      }
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

/**
 * Reads a CSV or NDJSON file (or standard input) as a stream of header, row and rejected-row events, in batches
 * (one per chunk read), in constant memory. CSV: the first line is the header; lines are counted from 1 (the
 * header), a row's line is the line it starts on; CRLF and a byte-order mark are accepted; empty lines are skipped;
 * a row with fewer fields than the header has its missing cells blank, one with more is rejected (`field-count`).
 * NDJSON: one JSON object per line, blank lines skipped, a line that is not JSON rejected (`invalid-json`). A file
 * that cannot be opened, or CSV that cannot be parsed at all (an unclosed quote), throws a {@link CliError} (exit
 * code 2).
 */
async function* readRows(
  path: string,
  format: RowInputFormat,
  io: OutcomesIo,
  onBytes: (n: number) => void,
): AsyncGenerator<readonly RowEvent[]> {
  const { stream } = await openInput(path, io);
  // pipeline (not pipe): an error of any stage ends the iteration below with that error.
  const ignore = () => undefined;
  const name = displayName(path);
  const failed = (e: unknown): never => {
    if (e instanceof CliError) throw e;
    if (e instanceof CsvReadError)
      throw new CliError(`${name}: line ${String(e.lines ?? '?')}: not readable as CSV (${e.code})`);
    throw new CliError(`${name}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  };
  try {
    const source = pipeline(stream, strictUtf8(name), lineEndings(onBytes), ignore);
    if (format === 'csv') {
      yield* readCsvCells(source as AsyncIterable<Buffer>);
    } else {
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
          yield [{ kind: 'reject', code: 'invalid-json', line }];
          continue;
        }
        yield [{ kind: 'row', record: value, line }];
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

/**
 * Streams a row file through a validator; calls `onResult` per row (with the row's record, made on demand) and
 * `onIssue` per issue, in file order. CSV rows come as their cells: the validator checks them as the record they
 * make (`cells`), or, through a column mapping, the record is made first.
 */
async function runRows<R extends { issues: readonly DatasetIssue[] }>(
  path: string,
  format: RowInputFormat,
  validator: RowValidator<R, DatasetSummary>,
  io: OutcomesIo,
  label: string,
  onIssue: (issue: DatasetIssue) => void,
  onResult?: (result: R, line: number, record: () => unknown) => void,
  mapper?: ColumnMapper,
): Promise<void> {
  const size = path === '-' ? undefined : (await stat(path).catch(() => undefined))?.size;
  const progress = startProgress(io, label, size);
  const issue = (i: DatasetIssue) => {
    progress.clear();
    onIssue(i);
  };
  let rows = 0;
  let names: readonly string[] = [];
  try {
    for await (const batch of readRows(path, format, io, progress.bytes))
      for (const event of batch) {
        if (event.kind === 'header') {
          names = event.names;
          if (mapper !== undefined)
            for (const i of mapper.header(event.names)) issue(mappingIssue(i, event.line));
          for (const i of validator.columns(mapper?.columns ?? event.names, event.line)) issue(i);
          continue;
        }
        rows++;
        if (event.kind === 'reject') {
          for (const i of validator.rejectRow(event.line, event.code)) issue(i);
        } else if (event.kind === 'cells' && mapper === undefined) {
          const result = validator.cells(event.cells, event.line);
          for (const i of result.issues) issue(i);
          if (onResult !== undefined) {
            const cells = event.cells;
            onResult(result, event.line, () => recordOf(names, cells));
          }
        } else {
          const source = event.kind === 'cells' ? recordOf(names, event.cells) : event.record;
          if (mapper !== undefined && isObject(source)) {
            // One source row (a REDCap event) can give several assessment rows, each checked on the source line.
            const mapped = mapper.row(source, event.line);
            for (const i of mapped.issues) issue(mappingIssue(i, event.line));
            for (const record of mapped.records) {
              const result = validator.row(record, event.line);
              for (const i of result.issues) issue(i);
              onResult?.(result, event.line, () => record);
            }
          } else {
            const result = validator.row(source, event.line);
            for (const i of result.issues) issue(i);
            onResult?.(result, event.line, () => source);
          }
        }
        if (rows % 1000 === 0) progress.tick(rows);
      }
  } finally {
    progress.stop(rows);
  }
}

/** A column-mapping issue as a data-set issue of the source file. */
function mappingIssue(i: Issue<ColumnMappingIssueCode>, line: number): DatasetIssue {
  const column = i.code === 'missing-column' && typeof i.path[1] === 'string' ? i.path[1] : null;
  return datasetIssue(
    line,
    column,
    i.code === 'no-mapped-data' ? 'no-mapped-data' : 'missing-column',
    i.severity === 'error' ? 'error' : 'warning',
    column === null ? i.message : i.message.slice(column.length + 2),
  );
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

const NO_ASSIGNMENTS: readonly never[] = Object.freeze([]);

async function loadEnrolments(
  spec: string,
  inputFormat: string | undefined,
  io: OutcomesIo,
  onIssue: (issue: DatasetIssue) => void,
  lean = false,
): Promise<LoadedEnrolments> {
  if (spec === '-') throw new CliError('--enrolments: standard input is not supported; name a file');
  if (isProgramDataPath(spec)) {
    const data = await readProgramData(spec);
    return { source: 'program-data', enrolments: data.enrolments, data };
  }
  const format = detectInputFormat(spec, inputFormat);
  const validator = createEnrolmentRowValidator();
  // summarizeOutcomes reads only `exit.on` of an exit; enrolment rows carry no coach assignments (one shared,
  // frozen empty list: no array per enrolment).
  const enrolments: LoadedEnrolments['enrolments'][number][] = [];
  // Intake dates repeat (one string per distinct day, not per row). `lean` (validation only) leaves out the peer id.
  const dates = new Map<string, string>();
  const date = (d: string) => {
    const known = dates.get(d);
    if (known !== undefined) return known;
    dates.set(d, d);
    return d;
  };
  await runRows(spec, format, validator, io, 'enrolments', onIssue, (r) => {
    const e = r.enrolment;
    if (e === undefined) return;
    const peerId = lean ? '' : e.peerId;
    // Object literals with fixed keys, not `{ ...e, coachAssignments }`: past some 100,000 objects V8 gave each
    // spread copy a hidden class of its own (measured: about 200 bytes more per enrolment).
    enrolments.push(
      (e.exit === undefined
        ? { id: e.id, peerId, enrolledOn: date(e.enrolledOn), coachAssignments: NO_ASSIGNMENTS }
        : {
            id: e.id,
            peerId,
            enrolledOn: date(e.enrolledOn),
            exit: e.exit,
            coachAssignments: NO_ASSIGNMENTS,
          }) as unknown as LoadedEnrolments['enrolments'][number],
    );
  });
  return { source: 'rows', enrolments, summary: validator.finish().summary };
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
// The one validation every outcome command runs.

/**
 * Options of the one validation that `validate-outcomes`, `summarize-outcomes` and `export-outcomes` share: given the
 * same options, the rows one command flags are the rows the others leave out.
 *
 * @example
 * const o: OutcomeValidationOptions = { schedule: 'schedule.json', thresholds: { sustainedRemissionThreshold: 50 } };
 */
export interface OutcomeValidationOptions {
  /** An assessment schedule as JSON (default: the built-in SAMHSA SUPRT schedule). */
  readonly schedule?: string;
  /** Instrument definitions as JSON (an array; sum scoring), replacing built-ins with the same id. */
  readonly instruments?: string;
  /** Threshold values by threshold id, for every instrument that has the id. */
  readonly thresholds?: Readonly<Record<string, number>>;
  /**
   * `row` (default): an error in a response's items (out of range, not whole, 0-based, unknown item) leaves the whole
   * row out; `score`: the row is kept as an administered response (it fills its schedule point) with no score.
   */
  readonly itemErrors?: 'row' | 'score';
  /** A column-mapping file (JSON): how a REDCap export's, or any other file's, columns become assessment rows. */
  readonly mapping?: string;
  /** `survey`: recode the 77/88/99 missing-value codes ({@link SURVEY_MISSING_CODES}) instead of rejecting them. */
  readonly missingCodes?: 'none' | 'survey';
}

const ITEM_ERROR_CODES = [
  'unknown-item',
  'not-integer',
  'out-of-range',
  'zero-based-scale',
  'scoring-failed',
] as const;

interface ValidationSetup {
  readonly mapper?: ColumnMapper;
  readonly survey: boolean;
  readonly schedule?: AssessmentSchedule;
  readonly instruments: readonly InstrumentDefinition[];
  readonly severity: DatasetSeverityPolicy;
}

async function readJsonFile(path: string, option: string): Promise<unknown> {
  let text: string;
  try {
    text = decodeInput(`${option}: ${path}`, await readFile(path));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      `${option}: ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${option}: ${path}: not valid JSON`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isWhole = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** Checks the shape of a schedule document; the messages name the field, never a value. */
function checkSchedule(value: unknown): AssessmentSchedule {
  const bad = (where: string, what: string): never => {
    throw new CliError(`--schedule: ${where}: ${what}`);
  };
  if (!isObject(value)) return bad('(root)', 'expected an object with id, version, source and points');
  for (const k of ['id', 'version'] as const)
    if (typeof value[k] !== 'string' || value[k] === '') bad(k, 'expected a non-empty string');
  if (!Array.isArray(value.points) || value.points.length === 0) bad('points', 'expected a non-empty array');
  (value.points as unknown[]).forEach((p, i) => {
    const at = `points[${i}]`;
    if (!isObject(p)) {
      bad(at, 'expected an object');
      return;
    }
    if (typeof p.id !== 'string' || p.id === '') bad(`${at}.id`, 'expected a non-empty string');
    if (typeof p.label !== 'string') bad(`${at}.label`, 'expected a string');
    if (p.anchor !== 'intake' && p.anchor !== 'end-of-care')
      bad(`${at}.anchor`, 'expected intake or end-of-care');
    if (!isWhole(p.offsetDays, Number.MIN_SAFE_INTEGER)) bad(`${at}.offsetDays`, 'expected a whole number');
    for (const k of ['windowBeforeDays', 'windowAfterDays'])
      if (!isWhole(p[k], 0)) bad(`${at}.${k}`, 'expected a whole number, 0 or more');
    if (typeof p.followUp !== 'boolean') bad(`${at}.followUp`, 'expected true or false');
    if (p.recurring !== undefined && !(isObject(p.recurring) && isWhole(p.recurring.everyDays, 1)))
      bad(`${at}.recurring.everyDays`, 'expected a whole number, 1 or more');
    if (p.whileInCareOnly !== undefined && typeof p.whileInCareOnly !== 'boolean')
      bad(`${at}.whileInCareOnly`, 'expected true or false');
  });
  return { source: '', ...value } as unknown as AssessmentSchedule;
}

/** Checks the shape of instrument definitions, then their consistency with validateInstrumentDefinition. */
function checkInstruments(value: unknown): InstrumentDefinition[] {
  const bad = (where: string, what: string): never => {
    throw new CliError(`--instruments: ${where}: ${what}`);
  };
  if (!Array.isArray(value)) return bad('(root)', 'expected an array of instrument definitions');
  return value.map((d, i) => {
    const at = `[${i}]`;
    if (!isObject(d)) return bad(at, 'expected an object');
    for (const k of ['id', 'version', 'abbreviation', 'title', 'citation', 'license'])
      if (typeof d[k] !== 'string' || d[k] === '') bad(`${at}.${k}`, 'expected a non-empty string');
    if (!Array.isArray(d.items)) bad(`${at}.items`, 'expected an array');
    (d.items as unknown[]).forEach((item, j) => {
      if (!isObject(item) || typeof item.id !== 'string' || typeof item.label !== 'string')
        bad(`${at}.items[${j}]`, 'expected an object with id, label, min and max');
    });
    if (!isObject(d.scoring) || d.scoring.kind !== 'sum')
      bad(`${at}.scoring`, 'expected { "kind": "sum", ... } (custom scoring needs the library)');
    if (d.thresholds !== undefined && !Array.isArray(d.thresholds))
      bad(`${at}.thresholds`, 'expected an array');
    const def = { thresholds: [], ...d } as unknown as InstrumentDefinition;
    const issues = validateInstrumentDefinition(def);
    if (issues.length > 0) bad(at, issues.map((x) => `${x.message} (${x.code})`).join('; '));
    return def;
  });
}

async function validationSetup(options: OutcomeValidationOptions): Promise<ValidationSetup> {
  const schedule =
    options.schedule === undefined
      ? undefined
      : checkSchedule(await readJsonFile(options.schedule, '--schedule'));
  let instruments =
    options.instruments === undefined
      ? []
      : checkInstruments(await readJsonFile(options.instruments, '--instruments'));
  if (options.thresholds !== undefined) {
    const all = [
      ...instruments,
      ...builtInInstruments.filter((b) => !instruments.some((d) => d.id === b.id)),
    ];
    for (const id of Object.keys(options.thresholds))
      if (!all.some((d) => d.thresholds.some((t) => t.id === id)))
        throw new CliError(
          `--threshold: no instrument has a threshold with this id (known: ${all.flatMap((d) => d.thresholds.map((t) => t.id)).join(', ')})`,
        );
    instruments = all.map((d) => withThresholds(d, options.thresholds ?? {}));
  }
  const severity: DatasetSeverityPolicy =
    options.itemErrors === 'score' ? Object.fromEntries(ITEM_ERROR_CODES.map((c) => [c, 'warning'])) : {};
  let mapper: ColumnMapper | undefined;
  if (options.mapping !== undefined) {
    const r = parseColumnMapping(await readJsonFile(options.mapping, '--mapping'));
    if (!r.success) throw new CliError(`--mapping: ${r.issues.map((i) => i.message).join('; ')}`);
    mapper = createColumnMapper(r.data);
  }
  return {
    instruments,
    severity,
    survey: options.missingCodes === 'survey',
    ...(schedule === undefined ? {} : { schedule }),
    ...(mapper === undefined ? {} : { mapper }),
  };
}

function validatorOptions(
  setup: ValidationSetup,
  loaded: LoadedEnrolments | undefined,
  asOf: string | undefined,
  issuesOnly = false,
): AssessmentRowValidatorOptions {
  return {
    ...(loaded === undefined ? {} : { enrolments: loaded.enrolments }),
    ...(asOf === undefined ? {} : { asOf }),
    ...(setup.schedule === undefined ? {} : { schedule: setup.schedule }),
    instruments: setup.instruments,
    severity: setup.severity,
    ...(setup.survey ? { missingCodes: SURVEY_MISSING_CODES } : {}),
    ...(issuesOnly ? { issuesOnly } : {}),
  };
}

/**
 * Rows left out of an analysis, and why: `rows` left out, by error code (`byCode` counts rows, a row once per code
 * it has), the enrolments those rows name (`enrolments`) and, of them, the ones left with no usable row at all
 * (`enrolmentsWithoutUsableRow`): people are never dropped silently.
 *
 * @example
 * const e: OutcomeExclusions = { rows: 8, byCode: { 'out-of-window': 1 }, enrolments: 6, enrolmentsWithoutUsableRow: 0 };
 */
export interface OutcomeExclusions {
  readonly rows: number;
  readonly byCode: Readonly<Record<string, number>>;
  readonly enrolments: number;
  readonly enrolmentsWithoutUsableRow: number;
}

interface Collected {
  /** How many rows were used: passed to `onUsed` and not left out at the end. */
  readonly used: number;
  /** Ids of rows passed to `onUsed` that the end-of-file checks then found in error: drop them. */
  readonly leftOutIds: ReadonlySet<string>;
  readonly report: AssessmentDatasetReport;
  readonly excluded: OutcomeExclusions;
  readonly rowsByInstrument: Map<string, { n: number; scored: number; incomplete: number }>;
}

/**
 * Streams an assessment file through the one validation (against the loaded enrolments, as of `asOf`); gives each
 * row without error to `onUsed` as it is read, accounts for the others. Rows the end-of-file checks find in error
 * (`out-of-window`) have been given to `onUsed` by then: their ids are in `leftOutIds`. Of each row given, only its
 * id and two small numbers are kept here, so the caller decides how much of a row it holds.
 */
async function collectAssessments(
  file: string,
  format: RowInputFormat,
  setup: ValidationSetup,
  loaded: LoadedEnrolments | undefined,
  asOf: string | undefined,
  io: OutcomesIo,
  onUsed: (assessment: Assessment) => void,
  onIssue: (issue: DatasetIssue) => void = () => undefined,
): Promise<Collected> {
  const mapper = setup.mapper;
  const validator = createAssessmentRowValidator(validatorOptions(setup, loaded, asOf));
  // Per row given to onUsed: its id, and its instrument and enrolment as numbers into the two name lists.
  const keptIds: string[] = [];
  const keptInstrument: number[] = [];
  const keptEnrolment: number[] = [];
  const keptStatus: (string | undefined)[] = [];
  const numbers = new Map<string, number>();
  const names: string[] = [];
  const numberOf = (name: string): number => {
    let n = numbers.get(name);
    if (n === undefined) {
      n = names.length;
      numbers.set(name, n);
      names.push(name);
    }
    return n;
  };
  const leftOut = new Map<number, { codes: Set<string>; enrolment: string | undefined }>();
  const enrolmentOf = (record: unknown): string | undefined => {
    const v = isObject(record) ? record.enrolment_id : undefined;
    const text = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
    return text === '' ? undefined : text;
  };
  let rowIndex = 0;
  await runRows(
    file,
    format,
    validator,
    io,
    'assessments',
    onIssue,
    (r, _line, record) => {
      rowIndex++;
      const a = r.assessment;
      if (a !== undefined) {
        keptIds.push(a.id);
        keptInstrument.push(numberOf(a.instrument));
        keptEnrolment.push(numberOf(a.enrolmentId));
        keptStatus.push(r.score?.status);
        onUsed(a);
      } else
        leftOut.set(rowIndex, {
          codes: new Set(r.issues.filter((i) => i.severity === 'error').map((i) => i.code)),
          enrolment: enrolmentOf(record()),
        });
    },
    mapper,
  );
  const report = validator.finish();
  for (const i of report.issues) onIssue(i);
  const late = new Map<string, string[]>();
  for (const e of report.lateErrors) late.set(e.assessmentId, [...(late.get(e.assessmentId) ?? []), e.code]);
  let used = 0;
  const usedPeople = new Set<string>();
  const rowsByInstrument = new Map<string, { n: number; scored: number; incomplete: number }>();
  for (let j = 0; j < keptIds.length; j++) {
    const enrolment = names[keptEnrolment[j] as number] as string;
    const codes = late.get(keptIds[j] as string);
    if (codes !== undefined) {
      leftOut.set(-(j + 1), { codes: new Set(codes), enrolment });
      continue;
    }
    used++;
    usedPeople.add(enrolment);
    const instrument = names[keptInstrument[j] as number] as string;
    const c = rowsByInstrument.get(instrument) ?? { n: 0, scored: 0, incomplete: 0 };
    c.n++;
    if (keptStatus[j] === 'scored') c.scored++;
    if (keptStatus[j] === 'incomplete') c.incomplete++;
    rowsByInstrument.set(instrument, c);
  }
  const byCode: Record<string, number> = {};
  const excludedPeople = new Set<string>();
  for (const x of leftOut.values()) {
    for (const code of x.codes) byCode[code] = (byCode[code] ?? 0) + 1;
    if (x.enrolment !== undefined) excludedPeople.add(x.enrolment);
  }
  return {
    used,
    leftOutIds: new Set(late.keys()),
    report,
    rowsByInstrument,
    excluded: {
      rows: leftOut.size,
      byCode: Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => (a < b ? -1 : 1))),
      enrolments: excludedPeople.size,
      enrolmentsWithoutUsableRow: [...excludedPeople].filter((e) => !usedPeople.has(e)).length,
    },
  };
}

/** The assessments a caller of {@link collectAssessments} kept, without those it then left out. */
function usedOf(kept: readonly Assessment[], collected: Collected): Assessment[] {
  return collected.leftOutIds.size === 0 ? [...kept] : kept.filter((a) => !collected.leftOutIds.has(a.id));
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
        const recoded = Object.entries(s.missingCodes ?? {});
        if (recoded.length > 0)
          write(
            `  missing-value codes recoded: ${recoded.map(([meaning, n]) => `${meaning} ${n}`).join(', ')}\n`,
          );
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
export interface ValidateOutcomesOptions extends OutcomeValidationOptions {
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
  const setup = await validationSetup(options);
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

  const prepared = await prepareAssessmentValidator(
    options.enrolments !== undefined && loaded === undefined
      ? () => loadEnrolments(options.enrolments as string, undefined, io, emit('enrolments'), true)
      : async () => loaded,
    // validate-outcomes reports issues and keeps no row.
    (l) => createAssessmentRowValidator(validatorOptions(setup, l, asOf, true)),
    options.contacts !== undefined,
  );
  loaded = prepared.loaded;
  const { validator, enrolmentCount } = prepared;
  await runRows(
    options.file,
    format,
    validator,
    io,
    'assessments',
    emit('assessments'),
    undefined,
    setup.mapper,
  );
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
    summaries.enrolments = loaded.source === 'program-data' ? { enrolments: enrolmentCount } : loaded.summary;
  summaries.assessments = report.summary;
  if (contactsSummary !== undefined) summaries.contacts = contactsSummary;
  sink.end({ summaries, schedule: report.summary.schedule, errors, warnings });
  return errors > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * Loads the enrolments and creates the assessment validator in a frame of its own, so that the enrolment objects
 * are not held by the suspended command while a large file is read: the validator keeps what it needs of them (ids
 * and day numbers), and the objects are returned only when `keep` (the contact check needs them). At a million rows
 * they were most of the memory.
 */
async function prepareAssessmentValidator(
  load: () => Promise<LoadedEnrolments | undefined>,
  create: (loaded: LoadedEnrolments | undefined) => AssessmentRowValidator,
  keep: boolean,
): Promise<{
  validator: AssessmentRowValidator;
  loaded: LoadedEnrolments | undefined;
  enrolmentCount: number;
}> {
  const loaded = await load();
  const validator = create(loaded);
  const enrolmentCount = loaded?.enrolments.length ?? 0;
  return {
    validator,
    loaded: loaded === undefined || keep ? loaded : { ...loaded, enrolments: [] },
    enrolmentCount,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// summarize-outcomes.

/**
 * Options of {@link runSummarizeOutcomes}.
 *
 * @example
 * const o: SummarizeOutcomesCommandOptions = { file: 'assessments.csv', format: 'table', asOf: '2026-11-20' };
 */
export interface SummarizeOutcomesCommandOptions extends OutcomeValidationOptions {
  readonly file: string;
  readonly enrolments?: string;
  readonly format: OutcomesOutputFormat;
  /** Summary date; default today (in the program's time zone with a ProgramData document, else the machine's). */
  readonly asOf?: string;
  readonly inputFormat?: string;
  /** Break each instrument down by coach (needs a ProgramData document) or by site (needs `sites`). */
  readonly groupBy?: 'coach' | 'site';
  /** A CSV of `enrolment_id,site`, for `groupBy: 'site'`. */
  readonly sites?: string;
  /** Expected follow-up rate, 0-1 (default 0.8). */
  readonly followUpTarget?: number;
  /**
   * Small-cell suppression (`suppressSmallCells` of `@peer-recovery/core`): counts from 1 to `minCell - 1`, figures
   * over so few, and the counts that would give them away are shown as suppressed (default 11; 0 or 1: off, with a
   * warning through `io.note`).
   */
  readonly minCell?: number;
}

/**
 * What `--min-cell 0` (or 1) says on standard error: the output is no longer fit to leave the program.
 *
 * @example
 * process.stderr.write(minCellOffWarning(0)); // 'WARNING: --min-cell 0: small-cell suppression is OFF. ...'
 */
export function minCellOffWarning(minCell: number): string {
  return `WARNING: --min-cell ${minCell}: small-cell suppression is OFF. Counts of 1 to ${DEFAULT_MIN_CELL - 1} people are shown and can identify them; keep this output inside the program.\n`;
}

function pct(num: number, den: number): string {
  return den === 0 ? 'n/a' : `${Math.round((100 * num) / den)}%`;
}

/** A count as shown: `suppressed` when small-cell suppression hid it (`null`). */
function count(v: number | null): string {
  return v === null ? 'suppressed' : String(v);
}

/** ` (75%)` after a count shown with its total; nothing when either is hidden or the total is 0. */
function share(num: number | null, den: number | null): string {
  return num === null || den === null || den === 0 ? '' : ` (${pct(num, den)})`;
}

function num(v: number | null, digits = 1): string {
  return v === null ? 'n/a' : v.toFixed(digits);
}

function signed(v: number | null): string {
  if (v === null) return 'n/a';
  return `${v > 0 ? '+' : ''}${v.toFixed(1)}`;
}

function hidden(x: unknown): boolean {
  return isObject(x) && x.suppressed === true;
}

function hiddenText(x: unknown): string {
  const k = isObject(x) && typeof x.minCell === 'number' ? x.minCell : DEFAULT_MIN_CELL;
  return `suppressed (fewer than ${k})`;
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
    const name = p.occurrence > 1 ? `${p.pointId} #${p.occurrence}` : p.pointId;
    const retention = hidden(a) ? hiddenText(a) : `${count(a.done)} of ${a.due}${share(a.done, a.due)}`;
    if (hidden(c))
      return [name, hiddenText(c), '', '', '', '', '', retention, hidden(a) ? '' : count(a.baselineNoPair)];
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
      retention,
      hidden(a) ? '' : count(a.baselineNoPair),
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

/** A count that small-cell suppression may have hidden (typed as a number in the summary it came from). */
function nullable(v: number | undefined): number | null | undefined {
  return v as number | null | undefined;
}

/** The follow-up rate line: done of due, the rate, the target, and those in their window now. */
function formatFollowUp(f: OutcomeSummary['instruments'][number]['followUp']): string {
  if (hidden(f)) return hiddenText(f);
  const inWindow = nullable(f.inWindow);
  const now = inWindow === 0 ? '' : `; ${count(inWindow ?? null)} in window now`;
  if (f.denominator === 0) return `n=${f.n} enrolments: no follow-up due yet (no rate)${now}`;
  const verdict = f.meetsTarget === null ? 'suppressed' : f.meetsTarget ? 'met' : 'not met';
  const done =
    nullable(f.denominator) === null
      ? 'due follow-ups done suppressed'
      : `${count(f.numerator)} of ${f.denominator} due follow-ups done${share(f.numerator, f.denominator)}`;
  return `n=${count(f.n)} enrolment(s): ${done}; target ${Math.round(f.target * 100)}%: ${verdict}${now}`;
}

/** The groups of an instrument (by coach or site): pairs and mean change, and the follow-up rate, one row each. */
function formatGroups(groups: OutcomeSummary['instruments'][number]['groups']): string[] {
  const rows = groups.map((g) => {
    if (hidden(g)) return [g.key, hiddenText(g), ''];
    const c = g.change;
    const change = hidden(c) ? hiddenText(c) : c.n === 0 ? '0' : `${c.n}: ${signed(c.meanChange)}`;
    return [g.key, change, formatFollowUp(g.followUp)];
  });
  const by = groups[0]?.groupBy ?? 'group';
  return table([by, 'pairs: mean change', 'follow-up rate'], rows)
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
  out.push(`Enrolments started by ${summary.asOf}: ${count(summary.enrolments)}`);
  if (summary.instruments.length === 0) out.push('', 'No assessment of a known instrument.');
  for (const s of summary.instruments) {
    const r = s.responses;
    out.push('', paint('bold', `${s.abbreviation} (${s.instrumentId}, definition ${s.instrumentVersion})`));
    out.push(
      hidden(r)
        ? `  responses             ${hiddenText(r)}`
        : `  responses             n=${r.n}: ${count(r.scored)} complete, ${count(r.incomplete)} incomplete, ${count(r.invalid)} invalid`,
    );
    const c = s.change;
    out.push(
      hidden(c)
        ? `  change from baseline  ${hiddenText(c)}`
        : c.n === 0
          ? '  change from baseline  n=0 pairs: no complete baseline and follow-up pair yet'
          : `  change from baseline  n=${c.n} pair(s): baseline mean ${num(c.meanBaseline)}, follow-up mean ${num(c.meanFollowUp)}, change ${signed(c.meanChange)} (SD ${c.sdChange === null ? 'n/a, n < 2' : num(c.sdChange)})`,
    );
    if (s.changeByPoint.length > 0) out.push(...formatChangeByPoint(s.changeByPoint));
    for (const t of s.thresholds)
      if (hidden(t)) out.push(`  threshold ${t.thresholdId}  ${hiddenText(t)}`);
      else
        out.push(
          `  threshold ${t.value} (${t.comparison.replaceAll('-', ' ')})  n=${t.n} pair(s): ${count(t.metAtBaseline)} met at baseline, ${count(t.metAtFollowUp)} at follow-up; crossed ${count(t.crossed)} of ${count(t.notMetAtBaseline)}${share(t.crossed, t.notMetAtBaseline)}`,
        );
    out.push(`  follow-up rate        ${formatFollowUp(s.followUp)}`);
    if (s.groups.length > 0) out.push(...formatGroups(s.groups));
  }
  const withGoals = summary.domains.filter((d) => hidden(d) || d.n > 0);
  if (withGoals.length > 0) {
    out.push('', paint('bold', 'Goals of the latest plans, by NOMs domain'));
    const rows = withGoals.map((d) => {
      if (hidden(d)) return [d.label, hiddenText(d), '', ''];
      const cancelled = nullable(d.byStatus.cancelled) ?? 0;
      const open = cancelled === null ? null : d.n - cancelled;
      const achieved = nullable(d.byStatus.achieved) ?? 0;
      return [
        d.label,
        String(d.n),
        count(d.enrolments),
        `${count(achieved)} of ${count(open)}${share(achieved, open)}`,
      ];
    });
    out.push(
      table(['domain', 'goals (n)', 'enrolments', 'achieved (of goals not cancelled)'], rows)
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
    if (summary.untaggedGoals !== 0)
      out.push(`  goals with no expected-outcome tag: ${count(summary.untaggedGoals)}`);
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
  const minCell = options.minCell ?? DEFAULT_MIN_CELL;
  if (!isWhole(minCell, 0)) throw new CliError('--min-cell: expected a whole number, 0 or more');
  const target = options.followUpTarget;
  if (target !== undefined && !(target >= 0 && target <= 1))
    throw new CliError('--follow-up-target: expected a number from 0 to 1');
  if (options.groupBy === 'site' && options.sites === undefined)
    throw new CliError('--group-by site: pass --sites <file> (a CSV of enrolment_id,site)');
  await ensureReadable([options.file, options.enrolments, options.sites]);
  const setup = await validationSetup(options);
  const loaded =
    options.enrolments === undefined
      ? undefined
      : await loadEnrolments(options.enrolments, undefined, io, () => undefined);
  if (options.groupBy === 'coach' && loaded?.source !== 'program-data')
    throw new CliError(
      '--group-by coach: needs --enrolments with a ProgramData document (coach assignments)',
    );
  const asOf = asOfOption(options.asOf, loaded?.data?.program.timeZone ?? localZone(), now).date;
  const sites = options.sites === undefined ? undefined : await readSites(options.sites);
  // Each used row goes to the summarizer as it is read, which keeps a small record of it, not the row.
  const summarizer =
    loaded === undefined
      ? undefined
      : createOutcomeSummarizer(loaded.enrolments, {
          asOf,
          instruments: setup.instruments,
          ...(setup.schedule === undefined ? {} : { schedule: setup.schedule }),
          ...(options.groupBy === undefined ? {} : { groupBy: options.groupBy }),
          ...(sites === undefined ? {} : { siteByEnrolment: sites }),
          ...(target === undefined ? {} : { followUpTarget: target }),
        });
  const collected = await collectAssessments(options.file, format, setup, loaded, asOf, io, (a) =>
    summarizer?.add(a),
  );
  const validation = collected.report.summary;
  const abbreviations = new Map(validation.instruments.map((i) => [i.instrumentId, i.abbreviation]));
  const responses = [...collected.rowsByInstrument.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([instrumentId, c]) => ({
      instrumentId,
      abbreviation: abbreviations.get(instrumentId) ?? instrumentId,
      ...c,
    }));
  const full =
    summarizer === undefined
      ? null
      : summarizer.finish({
          ...(loaded?.data === undefined ? {} : { plans: loaded.data.plans }),
          leaveOut: collected.leftOutIds,
        });
  // Every figure of the document leaves the program: one suppression over all of it (counts of rows read and left
  // out, enrolments, the summary and its groups), not only over the summary.
  const doc = suppressSmallCells(
    {
      format: OUTCOMES_SUMMARY_FORMAT,
      asOf,
      minCell,
      rows: { read: validation.rows, used: collected.used, leftOut: collected.excluded.rows },
      excluded: collected.excluded,
      enrolments:
        loaded === undefined
          ? null
          : {
              source: loaded.source,
              used: loaded.enrolments.length,
              rowsWithErrors: loaded.summary?.rowsWithErrors ?? 0,
            },
      summary: full,
      responses: full === null ? responses : null,
    },
    minCell,
  );
  if (minCell <= 1) (io.note ?? ((t: string) => process.stderr.write(t)))(minCellOffWarning(minCell));
  if (options.format === 'json') {
    io.write(`${JSON.stringify(doc, null, 2)}\n`);
    return EXIT.ok;
  }
  const { rows, summary } = doc;
  const x = doc.excluded;
  const leftOut = nullable(rows.leftOut);
  const head = [
    `Assessments: ${displayName(options.file)}: ${rows.read} row(s) read, ${count(nullable(rows.used) ?? null)} used` +
      (leftOut !== 0
        ? `, ${count(leftOut ?? null)} left out (rows with errors; run validate-outcomes for the list)`
        : ''),
  ];
  if (leftOut !== 0)
    head.push(
      `  left out by reason: ${Object.entries(x.byCode)
        .map(([code, n]) => `${code} ${count(nullable(n) ?? null)}`)
        .join(', ')}`,
      `  enrolments named by rows left out: ${count(nullable(x.enrolments) ?? null)}; left with no usable row: ${count(nullable(x.enrolmentsWithoutUsableRow) ?? null)} (still counted in the intake-basis denominators)`,
    );
  const enrolmentErrors = nullable(doc.enrolments?.rowsWithErrors) ?? 0;
  if (loaded?.source === 'rows' && enrolmentErrors !== 0)
    head.push(`Enrolments: ${count(enrolmentErrors)} row(s) with errors left out`);
  if (minCell > 1)
    head.push(`Small-cell suppression: figures over fewer than ${minCell} people or pairs are suppressed`);
  io.write(`${head.join('\n')}\n\n`);
  if (summary !== null) {
    io.write(formatOutcomeSummary(summary));
    return EXIT.ok;
  }
  const lines = [
    paint('bold', `Responses as of ${asOf} (no enrolment data: pass --enrolments for change and follow-up)`),
  ];
  if (responses.length === 0) lines.push('No usable assessment of a known instrument.');
  for (const c of doc.responses ?? [])
    lines.push(
      hidden(c)
        ? `  ${c.abbreviation.padEnd(9)} ${hiddenText(c)}`
        : `  ${c.abbreviation.padEnd(9)} n=${c.n}: ${count(c.scored)} complete, ${count(c.incomplete)} incomplete`,
    );
  io.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

/** The machine's time zone: "today" when there is no ProgramData document to give the program's. */
function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Reads `--sites`: a CSV with the columns enrolment_id and site. */
async function readSites(path: string): Promise<Record<string, string>> {
  let records: Record<string, string>[];
  let text: string;
  try {
    text = decodeInput(`--sites: ${path}`, await readFile(path));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      `--sites: ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    records = parseCsvSync(text, {
      bom: true,
      columns: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch {
    throw new CliError(`--sites: ${path}: not readable as CSV with the columns enrolment_id,site`);
  }
  const out: Record<string, string> = {};
  records.forEach((r, i) => {
    if (typeof r.enrolment_id !== 'string' || typeof r.site !== 'string' || r.enrolment_id === '')
      throw new CliError(`--sites: ${path}: row ${i + 2}: expected the columns enrolment_id and site`);
    out[r.enrolment_id] = r.site;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// export-outcomes and outcomes-codebook.

/**
 * Options of {@link runExportOutcomes}.
 *
 * @example
 * const o: ExportOutcomesOptions = { file: 'assessments.csv', enrolments: 'program.json', layout: 'wide', to: 'csv' };
 */
export interface ExportOutcomesOptions extends OutcomeValidationOptions {
  readonly file: string;
  readonly enrolments: string;
  /** `long`: one row per response; `wide`: one row per enrolment and instrument. */
  readonly layout: 'long' | 'wide';
  /** `parquet` needs `out` (a binary file). */
  readonly to: 'csv' | 'ndjson' | 'parquet';
  readonly asOf?: string;
  readonly inputFormat?: string;
  /** Output file; standard output when absent. */
  readonly out?: string;
}

/**
 * The text of a research table as CSV (a header, blank for `null`) or NDJSON (one object per line, `null` kept).
 *
 * @example
 * formatResearchTable({ columns: ['a', 'b'], rows: [{ a: 'x', b: null }] }, 'csv'); // 'a,b\nx,\n'
 */
export function formatResearchTable(t: ResearchTable, to: 'csv' | 'ndjson'): string {
  return [...researchTablePieces(t, to)].join('');
}

/** Rows per piece of {@link researchTablePieces}. */
const ROWS_PER_PIECE = 256;

/**
 * The text of a research table in pieces of a few hundred rows (CSV with its header in the first piece, or
 * NDJSON), made as the rows are read: joined, they are {@link formatResearchTable}'s text. For tables too large to
 * hold as one string or one array of records ({@link researchLongRows} makes such rows one at a time).
 *
 * @example
 * for (const piece of researchTablePieces({ columns: ['a'], rows: [{ a: 1 }, { a: 2 }] }, 'csv')) write(piece);
 */
export function* researchTablePieces(t: ResearchRows, to: 'csv' | 'ndjson'): Generator<string> {
  let chunk: Readonly<Record<string, ResearchValue>>[] = [];
  let first = true;
  const piece = (): string => {
    const text =
      to === 'ndjson'
        ? chunk.map((r) => `${JSON.stringify(r)}\n`).join('')
        : stringify(
            chunk.map((r) => t.columns.map((c) => r[c] ?? '')),
            { header: first, columns: [...t.columns] },
          );
    first = false;
    chunk = [];
    return text;
  };
  for (const row of t.rows) {
    chunk.push(row);
    if (chunk.length === ROWS_PER_PIECE) yield piece();
  }
  if (chunk.length > 0 || first) yield piece();
}

/**
 * A research table as a Parquet file (hyparquet-writer, pure JavaScript): whole-number columns as INT32, other
 * number columns as DOUBLE, the rest as UTF-8 strings; `null` stays null. Loaded only when Parquet is asked for.
 *
 * @example
 * await writeFile('people.parquet', await researchTableToParquet(table));
 */
export async function researchTableToParquet(t: ResearchTable): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const columnData = t.columns.map((name) => {
    const data = t.rows.map((r) => r[name] ?? null);
    const present = data.filter((v) => v !== null);
    const numbers = present.length > 0 && present.every((v) => typeof v === 'number');
    const whole = numbers && present.every((v) => Number.isInteger(v) && Math.abs(v as number) < 2 ** 31);
    if (numbers) return { name, data, type: whole ? ('INT32' as const) : ('DOUBLE' as const) };
    return { name, data: data.map((v) => (v === null ? null : String(v))), type: 'STRING' as const };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}

/**
 * `export-outcomes`: the rows of an assessment file that pass the one validation (as `validate-outcomes` would judge
 * them with the same options), written as the long (per-response) or wide (per-person) research table of
 * `@peer-recovery/core`, as CSV or NDJSON. A note on standard error says how many rows were left out and why.
 * Returns 0; unreadable input throws a {@link CliError} (exit code 2).
 *
 * @example
 * await runExportOutcomes(
 *   { file: 'examples/research-outcomes/assessments.csv', enrolments: 'examples/sample-program/program.json',
 *     layout: 'wide', to: 'csv', asOf: '2026-11-20' },
 *   { write: (s) => process.stdout.write(s) },
 * );
 */
export async function runExportOutcomes(
  options: ExportOutcomesOptions,
  io: OutcomesIo & { readonly note?: (text: string) => void },
  now: number = Date.now(),
): Promise<number> {
  outcomesAsOf(options.asOf);
  const format = detectInputFormat(options.file, options.inputFormat);
  await ensureReadable([options.file, options.enrolments]);
  const setup = await validationSetup(options);
  const loaded = await loadEnrolments(options.enrolments, undefined, io, () => undefined);
  const asOf = asOfOption(options.asOf, loaded.data?.program.timeZone ?? localZone(), now).date;
  const kept: Assessment[] = [];
  const collected = await collectAssessments(options.file, format, setup, loaded, asOf, io, (a) =>
    kept.push(a),
  );
  const peers = new Map((loaded.data?.enrolments ?? []).map((e) => [e.id, e.peerId]));
  const input = {
    enrolments: loaded.enrolments.map((e) => {
      const peerId = peers.get(e.id) ?? (e as { peerId?: string }).peerId;
      return peerId === undefined ? e : { ...e, peerId };
    }),
    assessments: usedOf(kept, collected),
  };
  const tableOptions = {
    asOf,
    instruments: setup.instruments,
    ...(setup.schedule === undefined ? {} : { schedule: setup.schedule }),
  };
  // The table's rows are made as they are written, a few hundred at a time (a million-row data set makes a million
  // long rows); Parquet is written whole.
  const r: Result<ResearchRows, Issue<ResearchExportIssueCode>> = options.layout === 'wide'
    ? researchWideRows(input, tableOptions)
    : researchLongRows(input, tableOptions);
  if (!r.success) throw new CliError(r.issues.map((i) => i.message).join('; '));
  let written = 0;
  if (options.to === 'parquet') {
    if (options.out === undefined) throw new CliError('--to parquet: pass -o <file> (Parquet is binary)');
    const table = { columns: r.data.columns, rows: [...r.data.rows] };
    written = table.rows.length;
    await writeFile(options.out, await researchTableToParquet(table));
  } else {
    const counted: ResearchRows = {
      columns: r.data.columns,
      rows: {
        *[Symbol.iterator]() {
          for (const row of r.data.rows) {
            written++;
            yield row;
          }
        },
      },
    };
    const pieces = researchTablePieces(counted, options.to);
    if (options.out === undefined) for (const piece of pieces) io.write(piece);
    else await writeFile(options.out, pieces);
  }
  const x = collected.excluded;
  (io.note ?? ((t: string) => process.stderr.write(t)))(
    `${written} ${options.layout} row(s) written; ${collected.used} of ${collected.report.summary.rows} assessment row(s) used` +
      (x.rows > 0
        ? `; ${x.rows} left out (${Object.entries(x.byCode)
            .map(([c, n]) => `${c} ${n}`)
            .join(', ')})`
        : '') +
      (r.issues.length > 0
        ? `; ${r.issues.length} record(s) skipped (${[...new Set(r.issues.map((i) => i.code))].join(', ')})`
        : '') +
      '\n',
  );
  return EXIT.ok;
}

/**
 * Options of {@link runOutcomesToFhir}.
 *
 * @example
 * const o: OutcomesToFhirOptions = { file: 'assessments.csv', program: 'program.json', out: 'bundle.json' };
 */
export interface OutcomesToFhirOptions extends OutcomeValidationOptions {
  readonly file: string;
  /** The ProgramData document the assessments belong to (peers, enrolments, program). */
  readonly program: string;
  readonly asOf?: string;
  readonly inputFormat?: string;
  /** Only the QuestionnaireResponse and Observation resources (the others are on the server already). */
  readonly onlyOutcomes?: boolean;
  readonly out?: string;
}

/**
 * `outcomes-to-fhir`: the rows of an assessment file that pass the one validation, exported with the FHIR mapping of
 * `@peer-recovery/fhir` (each assessment a QuestionnaireResponse, each total an Observation, as `export-fhir` maps a
 * program's assessments) in a transaction Bundle. The program document gives the peers and enrolments; its own
 * assessments are replaced by the file's. Returns 0, or 1 when the export fails validation (the issues on stderr).
 *
 * @example
 * await runOutcomesToFhir(
 *   { file: 'examples/research-outcomes/assessments.csv', program: 'examples/sample-program/program.json',
 *     asOf: '2026-11-20', onlyOutcomes: true },
 *   { write: (s) => process.stdout.write(s) },
 * );
 */
export async function runOutcomesToFhir(
  options: OutcomesToFhirOptions,
  io: OutcomesIo & { readonly note?: (text: string) => void },
  now: number = Date.now(),
): Promise<number> {
  outcomesAsOf(options.asOf);
  if (!isProgramDataPath(options.program))
    throw new CliError('--program: expected a ProgramData JSON document');
  const format = detectInputFormat(options.file, options.inputFormat);
  await ensureReadable([options.file, options.program]);
  const setup = await validationSetup(options);
  const loaded = await loadEnrolments(options.program, undefined, io, () => undefined);
  const data = loaded.data as ProgramData;
  const asOf = asOfOption(options.asOf, data.program.timeZone, now).date;
  const kept: Assessment[] = [];
  const collected = await collectAssessments(options.file, format, setup, loaded, asOf, io, (a) =>
    kept.push(a),
  );
  // Streamed as export-fhir streams a Bundle: a whole program's export (a million resources at 10,000 peers) is
  // never one array nor one string. The first resource that fails validation stops it; a file is then removed.
  const { exportProgramStream, transactionBundleChunks } = await import('@peer-recovery/fhir');
  const r = exportProgramStream({ ...data, assessments: usedOf(kept, collected) }, { asOf });
  const note = io.note ?? ((t: string) => process.stderr.write(t));
  const failed = (issues: readonly { readonly severity: string; readonly message: string }[]) => {
    note(`${issues.map((i) => `${i.severity}: ${i.message}`).join('\n')}\n`);
    return EXIT.findings;
  };
  if (!r.success) return failed(r.issues);
  const outcomes = new Set(['QuestionnaireResponse', 'Observation']);
  const issues: { readonly severity: string; readonly message: string }[] = [];
  let written = 0;
  const resources = (function* () {
    for (const { resource, issues: found } of r.data) {
      issues.push(...found);
      if (found.some((i) => i.severity === 'error')) return;
      if (options.onlyOutcomes === true && !outcomes.has(resource.resourceType)) continue;
      written++;
      yield resource;
    }
  })();
  const chunks = inChunks(transactionBundleChunks(resources));
  if (options.out === undefined) for (const chunk of chunks) io.write(chunk);
  else await writeFile(options.out, chunks);
  if (issues.some((i) => i.severity === 'error')) {
    if (options.out !== undefined) await rm(options.out, { force: true });
    return failed(issues);
  }
  const x = collected.excluded;
  note(
    `${written} resource(s) from ${collected.used} assessment row(s)` +
      (x.rows > 0
        ? `; ${x.rows} row(s) left out (${Object.entries(x.byCode)
            .map(([c, n]) => `${c} ${n}`)
            .join(', ')})`
        : '') +
      '\n',
  );
  return EXIT.ok;
}

/**
 * `outcomes-codebook`: the data dictionary of the instruments (built-in, or `--instruments` replacing and adding),
 * as a REDCap data dictionary CSV (REDCap's own columns) or as Markdown. Never licensed item wording.
 *
 * @example
 * await runOutcomesCodebook({ format: 'redcap' }, { write: (s) => process.stdout.write(s) });
 */
export async function runOutcomesCodebook(
  options: { readonly format: 'redcap' | 'markdown'; readonly instruments?: string; readonly out?: string },
  io: OutcomesIo,
): Promise<number> {
  const setup = await validationSetup(
    options.instruments === undefined ? {} : { instruments: options.instruments },
  );
  const defs = [
    ...setup.instruments,
    ...builtInInstruments.filter((b) => !setup.instruments.some((d) => d.id === b.id)),
  ];
  const text =
    options.format === 'markdown'
      ? markdownCodebook(defs)
      : stringify(
          redcapDataDictionary(defs).map((r) => REDCAP_DICTIONARY_COLUMNS.map((c) => r[c])),
          { header: true, columns: [...REDCAP_DICTIONARY_COLUMNS] },
        );
  if (options.out === undefined) io.write(text);
  else await writeFile(options.out, text);
  return EXIT.ok;
}

import type { Assessment } from '../model/domain';
import { Id, Instant, type LocalDate } from '../model/primitives';
import type { Issue } from '../model/result';
import { plainRecord } from '../model/unreadable';
import { ContactMode, LocationType } from '../model/vocabulary';
import { numberOrText } from './cells';
import { dateOfDay, dayNumber } from './dates';
import type { InstrumentDefinition } from './instrument';
import { builtInInstruments, instrumentById } from './instruments';
import {
  type AssessmentSchedule,
  evaluateSchedule,
  type ScheduleEnrolment,
  samhsaSuprt2025,
  scheduleWindows,
} from './schedule';
import { createInstrumentScorer, type InstrumentScoreIssue, type InstrumentScoreResult } from './score';
import { FirstLines, StringTable } from './string-table';
import { sumPlan } from './sum-plan';

/**
 * One column of a data-set layout: its header name, whether a value is required, the kind of value and a
 * description for people.
 *
 * @example
 * const c: DatasetColumn = { name: 'completed_on', required: true, kind: 'date', description: 'Date completed' };
 */
export interface DatasetColumn {
  /** Header name (CSV) or key (NDJSON), lower case with `_`. */
  readonly name: string;
  /** A blank or absent value is an error (`missing-value`). */
  readonly required: boolean;
  /** What the value must be: an id, a calendar date, an ISO instant with offset, a code, or an answer. */
  readonly kind: 'id' | 'date' | 'instant' | 'code' | 'answer';
  /** For people. */
  readonly description: string;
}

/**
 * The fixed columns of an assessment row, in order. They are followed by one answer column per item,
 * `item_<item id>` (see {@link itemColumn}): `item_1` ... `item_10` for the built-in instruments. One row is one
 * administration of one instrument ("wide" layout): items the instrument does not have are left blank, a blank item
 * of the instrument is a missing answer.
 *
 * @example
 * ASSESSMENT_ROW_COLUMNS.map((c) => c.name); // ['assessment_id', 'enrolment_id', 'instrument', 'completed_on']
 */
export const ASSESSMENT_ROW_COLUMNS: readonly DatasetColumn[] = Object.freeze([
  {
    name: 'assessment_id',
    required: true,
    kind: 'id',
    description: 'Id of the administration, unique in the file',
  },
  { name: 'enrolment_id', required: true, kind: 'id', description: 'Enrolment (episode of care) assessed' },
  { name: 'instrument', required: true, kind: 'code', description: 'Instrument id, e.g. barc-10 or hrqol-4' },
  { name: 'completed_on', required: true, kind: 'date', description: 'Date completed, YYYY-MM-DD' },
]);

/**
 * The columns of an enrolment row, in order: one row per enrolment. `exited_on` is blank while the enrolment is open.
 *
 * @example
 * ENROLMENT_ROW_COLUMNS.map((c) => c.name); // ['enrolment_id', 'peer_id', 'enrolled_on', 'exited_on']
 */
export const ENROLMENT_ROW_COLUMNS: readonly DatasetColumn[] = Object.freeze([
  {
    name: 'enrolment_id',
    required: true,
    kind: 'id',
    description: 'Id of the enrolment, unique in the file',
  },
  { name: 'peer_id', required: true, kind: 'id', description: 'Peer enrolled' },
  { name: 'enrolled_on', required: true, kind: 'date', description: 'Intake date, YYYY-MM-DD' },
  {
    name: 'exited_on',
    required: false,
    kind: 'date',
    description: 'End of care, YYYY-MM-DD; blank when open',
  },
]);

/**
 * The columns of a contact row, in order: one row per contact between coach and peer. `start` and `end` are ISO
 * instants with a UTC offset; `mode` and `location` are codes of the domain vocabulary (`ContactMode`,
 * `LocationType`).
 *
 * @example
 * CONTACT_ROW_COLUMNS.map((c) => c.name);
 * // ['contact_id', 'enrolment_id', 'coach_id', 'start', 'end', 'mode', 'location']
 */
export const CONTACT_ROW_COLUMNS: readonly DatasetColumn[] = Object.freeze([
  { name: 'contact_id', required: true, kind: 'id', description: 'Id of the contact, unique in the file' },
  { name: 'enrolment_id', required: true, kind: 'id', description: 'Enrolment the contact belongs to' },
  { name: 'coach_id', required: true, kind: 'id', description: 'Coach who met the peer' },
  { name: 'start', required: true, kind: 'instant', description: 'Start, ISO 8601 with offset' },
  { name: 'end', required: true, kind: 'instant', description: 'End, ISO 8601 with offset' },
  {
    name: 'mode',
    required: true,
    kind: 'code',
    description: 'in-person, phone, video, text, email, social-media',
  },
  { name: 'location', required: true, kind: 'code', description: 'Location type code' },
]);

/** Prefix of the answer columns of an assessment row. */
const ITEM_PREFIX = 'item_';

/**
 * The answer column of an item: `item_` followed by the item id.
 *
 * @example
 * itemColumn('7'); // 'item_7'
 */
export function itemColumn(itemId: string): string {
  return `${ITEM_PREFIX}${itemId}`;
}

function knownInstruments(extra: readonly InstrumentDefinition[]): InstrumentDefinition[] {
  const out: InstrumentDefinition[] = [];
  for (const def of [...extra, ...builtInInstruments]) if (!out.some((d) => d.id === def.id)) out.push(def);
  return out;
}

function compareItemIds(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : Number.NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : Number.NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (!Number.isNaN(na)) return -1;
  if (!Number.isNaN(nb)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The full header of an assessment file: the fixed columns ({@link ASSESSMENT_ROW_COLUMNS}) and one answer column
 * per item id of the known instruments (the built-ins and `instruments`), numeric ids in numeric order first, then the others in alphabetical order.
 *
 * @example
 * assessmentHeader();
 * // ['assessment_id', 'enrolment_id', 'instrument', 'completed_on', 'item_1', ..., 'item_10']
 */
export function assessmentHeader(instruments: readonly InstrumentDefinition[] = []): string[] {
  const ids = new Set<string>();
  for (const def of knownInstruments(instruments)) for (const item of def.items) ids.add(item.id);
  return [...ASSESSMENT_ROW_COLUMNS.map((c) => c.name), ...[...ids].sort(compareItemIds).map(itemColumn)];
}

/**
 * An assessment written as a row of the assessment layout: every column of {@link assessmentHeader} present, blank
 * (`''`) where there is no value. Use it to export assessments for validation or analysis.
 *
 * @example
 * toAssessmentRow({ id: 'a1', enrolmentId: 'enr-1', instrument: 'hrqol-4', completedOn: '2026-02-01',
 *   answers: { '1': 3, '2': 4, '3': 10, '4': null } });
 * // { assessment_id: 'a1', enrolment_id: 'enr-1', instrument: 'hrqol-4', completed_on: '2026-02-01',
 * //   item_1: '3', item_2: '4', item_3: '10', item_4: '', item_5: '', ..., item_10: '' }
 */
export function toAssessmentRow(
  assessment: Pick<Assessment, 'id' | 'enrolmentId' | 'instrument' | 'completedOn' | 'answers'>,
  instruments: readonly InstrumentDefinition[] = [],
): Record<string, string> {
  const row: Record<string, string> = {};
  for (const name of assessmentHeader(instruments)) row[name] = '';
  row.assessment_id = assessment.id;
  row.enrolment_id = assessment.enrolmentId;
  row.instrument = assessment.instrument;
  row.completed_on = assessment.completedOn;
  for (const [id, value] of Object.entries(assessment.answers))
    row[itemColumn(id)] = value === null ? '' : String(value);
  return row;
}

/**
 * Every code a {@link DatasetIssue} can carry. Stable API: codes are never renamed, only added.
 *
 * File structure:
 * - `missing-column`: a required column is not in the header (reported once, on the header line).
 * - `duplicate-column`: a column name appears twice in the header.
 * - `unknown-column`: a column this layout does not have (warning; its values are ignored).
 * - `field-count`: a CSV row has more fields than the header (the row is not read further).
 * - `invalid-json`: an NDJSON line is not valid JSON (the row is not read further).
 * - `invalid-record`: a row is not a record of column names to values (e.g. an NDJSON array).
 *
 * Cells:
 * - `missing-value`: a required value is blank or absent.
 * - `invalid-id`: not an id (1-64 letters, digits, `-` or `.`, starting with a letter or digit).
 * - `invalid-date`: not a calendar date `YYYY-MM-DD`.
 * - `invalid-instant`: not an ISO 8601 date-time with `Z` or a UTC offset.
 * - `invalid-code`: not one of the codes allowed in the column.
 * - `unknown-instrument`: names no known instrument (its answers are not checked).
 *
 * Answers (the scoring rules of {@link scoreAssessment}):
 * - `unknown-item`: an answer in an item column the instrument does not have.
 * - `missing-item`: an item needed for the total is blank: the response is incomplete and has no total (warning).
 * - `not-integer`, `out-of-range`: an answer that is not a whole number, or is outside the item's range.
 * - `zero-based-scale`: every answer one below a 1-based scale with at least one 0 (e.g. BARC-10 coded 0-5).
 * - `scoring-failed`: a program's custom scoring function failed.
 *
 * Records:
 * - `duplicate-id`: the id of an earlier row.
 * - `duplicate-response`: the same enrolment, instrument and date as an earlier row.
 * - `period-reversed`: ends before it starts (an exit before the intake, a contact ending before its start).
 * - `unknown-enrolment`: names an enrolment the enrolment data does not have.
 * - `before-enrolment`: dated before the intake of its enrolment.
 * - `after-exit`: a contact dated after the end of care of its enrolment (warning).
 * - `after-as-of`: dated after the as-of date.
 * - `out-of-window`: an assessment inside no window of the assessment schedule: it fulfils no schedule point.
 *
 * Reading through a column mapping:
 * - `no-mapped-data`: a source row has no date or answer of any mapped instrument (warning; it gives no row).
 *
 * @example
 * DATASET_ISSUE_CODES.includes('zero-based-scale'); // true
 */
export const DATASET_ISSUE_CODES = [
  'missing-column',
  'duplicate-column',
  'unknown-column',
  'field-count',
  'invalid-json',
  'invalid-record',
  'missing-value',
  'invalid-id',
  'invalid-date',
  'invalid-instant',
  'invalid-code',
  'unknown-instrument',
  'unknown-item',
  'missing-item',
  'not-integer',
  'out-of-range',
  'zero-based-scale',
  'scoring-failed',
  'duplicate-id',
  'duplicate-response',
  'period-reversed',
  'unknown-enrolment',
  'before-enrolment',
  'after-exit',
  'after-as-of',
  'out-of-window',
  'no-mapped-data',
] as const;

/**
 * A stable data-set issue code (see {@link DATASET_ISSUE_CODES}).
 *
 * @example
 * const code: DatasetIssueCode = 'out-of-window';
 */
export type DatasetIssueCode = (typeof DATASET_ISSUE_CODES)[number];

/**
 * How serious an issue is. An `error` makes the row unusable (it is left out of summaries); a `warning` does not.
 *
 * @example
 * const s: DatasetIssueSeverity = 'warning';
 */
export type DatasetIssueSeverity = 'error' | 'warning';

/**
 * The default severity of each code: everything is an error except `unknown-column`, `missing-item` (a partial
 * response is a faithful record of what was answered; it is kept, counted as incomplete and given no total) and
 * `after-exit` (a contact after the end of care can be a closing contact).
 *
 * @example
 * DEFAULT_DATASET_SEVERITY['missing-item']; // 'warning'
 * DEFAULT_DATASET_SEVERITY['zero-based-scale']; // 'error'
 */
export const DEFAULT_DATASET_SEVERITY: Readonly<Record<DatasetIssueCode, DatasetIssueSeverity>> =
  Object.freeze(
    Object.fromEntries(
      DATASET_ISSUE_CODES.map((code) => [
        code,
        code === 'unknown-column' ||
        code === 'missing-item' ||
        code === 'after-exit' ||
        code === 'no-mapped-data'
          ? 'warning'
          : 'error',
      ]),
    ) as Record<DatasetIssueCode, DatasetIssueSeverity>,
  );

/**
 * A program's severity policy: per code, `error`, `warning` or `off` (not reported); codes not named keep their
 * {@link DEFAULT_DATASET_SEVERITY}.
 *
 * @example
 * const policy: DatasetSeverityPolicy = { 'missing-item': 'error', 'out-of-window': 'warning' };
 */
export type DatasetSeverityPolicy = Readonly<Partial<Record<DatasetIssueCode, DatasetIssueSeverity | 'off'>>>;

/**
 * A problem found in one row (or the header) of a data set: a base {@link Issue} (stable `code`, `path` = the
 * column, or `[]` for the row as a whole, `severity`, `message`, and `location.line`) with the data set's own
 * `line` in the file (1 is the header of a CSV file; 0 for a problem of the options, not of the file) and `column`
 * (`null` when it is the row as a whole). Messages say what is wrong ("is not a date (YYYY-MM-DD)"), never the value
 * found: cells may hold personal data.
 *
 * @example
 * const issue: DatasetIssue = {
 *   line: 7, column: 'completed_on', code: 'invalid-date', severity: 'error',
 *   message: 'is not a date (expected YYYY-MM-DD)', path: ['completed_on'], location: { line: 7 },
 * };
 */
export interface DatasetIssue extends Issue<DatasetIssueCode> {
  readonly line: number;
  readonly column: string | null;
  readonly severity: DatasetIssueSeverity;
}

/**
 * Builds a {@link DatasetIssue}: the base issue's `path` and `location` from the line and column.
 *
 * @example
 * datasetIssue(7, 'completed_on', 'invalid-date', 'error', 'is not a date (expected YYYY-MM-DD)').path; // ['completed_on']
 */
export function datasetIssue(
  line: number,
  column: string | null,
  code: DatasetIssueCode,
  severity: DatasetIssueSeverity,
  message: string,
): DatasetIssue {
  return { line, column, code, severity, message, path: column === null ? [] : [column], location: { line } };
}

/**
 * Counts of a validated data set. Every row is counted once: `validRows` (no error, warnings allowed) plus
 * `rowsWithErrors`; `rowsWithWarningsOnly` are the valid rows with at least one warning. `errors` and `warnings`
 * count issues, header issues included; `byCode` counts issues by code.
 *
 * @example
 * const s: DatasetSummary = {
 *   rows: 20, validRows: 12, rowsWithErrors: 8, rowsWithWarningsOnly: 1, errors: 9, warnings: 1,
 *   byCode: { 'invalid-date': 1, 'missing-item': 1 },
 * };
 */
export interface DatasetSummary {
  readonly rows: number;
  readonly validRows: number;
  readonly rowsWithErrors: number;
  readonly rowsWithWarningsOnly: number;
  readonly errors: number;
  readonly warnings: number;
  readonly byCode: Readonly<Partial<Record<DatasetIssueCode, number>>>;
}

/**
 * Scoring counts of one instrument in an assessment file: rows naming it, and how their answers scored
 * ({@link scoreAssessment}): complete (`scored`), `incomplete` (a needed item blank) or `invalid`.
 *
 * @example
 * const c: InstrumentRowCounts = {
 *   instrumentId: 'barc-10', instrumentVersion: '1.0.0', abbreviation: 'BARC-10',
 *   rows: 10, scored: 8, incomplete: 1, invalid: 1,
 * };
 */
export interface InstrumentRowCounts {
  readonly instrumentId: string;
  readonly instrumentVersion: string;
  readonly abbreviation: string;
  readonly rows: number;
  readonly scored: number;
  readonly incomplete: number;
  readonly invalid: number;
}

/**
 * The summary of a validated assessment file: the {@link DatasetSummary} counts, per-instrument scoring counts (in
 * order of instrument id), rows naming no known instrument, the number of distinct enrolments among rows with a valid
 * enrolment id, the schedule checked (`null` when none was: no enrolment data, or the schedule turned off) and the
 * as-of date used (`null` when none was given).
 *
 * @example
 * const { summary } = validator.finish();
 * summary.instruments.map((i) => `${i.abbreviation}: ${i.scored} of ${i.rows} scored`);
 */
export interface AssessmentDatasetSummary extends DatasetSummary {
  readonly instruments: readonly InstrumentRowCounts[];
  /** Answers recoded by the `missingCodes` option, by meaning (e.g. `{ none: 3, refused: 1 }`). */
  readonly missingCodes: Readonly<Record<string, number>>;
  readonly unknownInstrumentRows: number;
  readonly enrolments: number;
  readonly schedule: { readonly id: string; readonly version: string } | null;
  readonly asOf: LocalDate | null;
}

/**
 * What `finish()` of a row validator returns: the issues only found at the end of the file (for assessments: rows
 * outside their schedule window; issues of the options, on line 0), in line order, and the summary.
 *
 * @example
 * const { issues, summary } = validator.finish();
 */
export interface DatasetReport<S extends DatasetSummary = DatasetSummary> {
  readonly issues: readonly DatasetIssue[];
  readonly summary: S;
}

/**
 * The members every row validator has.
 *
 * - `columns(names, line?)`: checks a CSV header (missing, duplicate and unknown columns). Call it once, before the
 *   rows; without it (NDJSON) each row's keys are checked instead, each unknown key reported once.
 * - `row(record, line)`: checks one row; returns its issues and, when it has no error, the typed record.
 * - `cells(cells, line)`: checks one CSV row given as its cell texts, in the order of the header last passed to
 *   `columns`: the same as `row` on the record those cells make (each header name to its cell, a later cell of a
 *   repeated name over an earlier one, the cells a short row lacks absent, cells past the header ignored), with the
 *   same result, counts and file-wide state. A reader that splits lines into cells calls it instead of building a
 *   record per row; the validators check most rows on a path of their own (a property test compares it with
 *   `row`).
 * - `rejectRow(line, code)`: counts a row a reader could not read (`invalid-json`, or `field-count`) and returns
 *   its issue.
 * - `finish()`: the end-of-file issues and the summary. Call it once, after the last row.
 *
 * @example
 * const v: RowValidator<{ issues: readonly DatasetIssue[] }> = createEnrolmentRowValidator();
 */
export interface RowValidator<R, S extends DatasetSummary = DatasetSummary> {
  columns(names: readonly unknown[], line?: number): DatasetIssue[];
  row(record: unknown, line: number): R;
  cells(cells: readonly string[], line: number): R;
  rejectRow(line: number, code: 'invalid-json' | 'field-count'): DatasetIssue[];
  finish(): DatasetReport<S>;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared machinery: cells, counting, header checks.

/** Column names shown as they are: like a column name (starting lower case), never like a personal name. */
const SAFE_NAME = /^[a-z][A-Za-z0-9_.-]{0,63}$/;
const MAX_REPORTED_UNKNOWN_KEYS = 100;

type Cell =
  | { readonly kind: 'absent' }
  | { readonly kind: 'blank' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'other' };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ABSENT: Cell = Object.freeze({ kind: 'absent' });
const BLANK: Cell = Object.freeze({ kind: 'blank' });
const OTHER: Cell = Object.freeze({ kind: 'other' });

function cellOf(record: Record<string, unknown>, name: string): Cell {
  if (!Object.hasOwn(record, name)) return ABSENT;
  const v = record[name];
  if (v === undefined || v === null) return BLANK;
  if (typeof v === 'string') {
    const text = v.trim();
    return text === '' ? BLANK : { kind: 'text', text };
  }
  if (typeof v === 'number' && Number.isFinite(v)) return { kind: 'text', text: String(v) };
  return OTHER;
}

function shownName(name: unknown): string {
  return typeof name === 'string' && SAFE_NAME.test(name) ? name : '?';
}

interface Counter {
  readonly issue: (
    line: number,
    column: string | null,
    code: DatasetIssueCode,
    text: string,
  ) => DatasetIssue | undefined;
  /** Counts a finished row; returns its state: 0 clean, 1 warnings only, 2 errors. */
  readonly endRow: (issues: readonly DatasetIssue[], unusable?: boolean) => 0 | 1 | 2;
  /** Raises the state of an earlier row after a late issue; returns the new state. */
  readonly raise: (state: 0 | 1 | 2, severity: DatasetIssueSeverity) => 0 | 1 | 2;
  readonly summary: () => DatasetSummary;
}

function createCounter(policy: DatasetSeverityPolicy | undefined): Counter {
  const byCode: Partial<Record<DatasetIssueCode, number>> = {};
  let rows = 0;
  let rowsWithErrors = 0;
  let rowsWithWarningsOnly = 0;
  let errors = 0;
  let warnings = 0;
  const severityOf = (code: DatasetIssueCode): DatasetIssueSeverity | 'off' => {
    const own = policy !== undefined && Object.hasOwn(policy, code) ? policy[code] : undefined;
    return own === 'error' || own === 'warning' || own === 'off' ? own : DEFAULT_DATASET_SEVERITY[code];
  };
  return {
    issue(line, column, code, text) {
      const severity = severityOf(code);
      if (severity === 'off') return undefined;
      if (severity === 'error') errors++;
      else warnings++;
      byCode[code] = (byCode[code] ?? 0) + 1;
      return datasetIssue(line, column, code, severity, text);
    },
    endRow(issues, unusable = false) {
      rows++;
      if (unusable || issues.some((i) => i.severity === 'error')) {
        rowsWithErrors++;
        return 2;
      }
      if (issues.length > 0) {
        rowsWithWarningsOnly++;
        return 1;
      }
      return 0;
    },
    raise(state, severity) {
      if (severity === 'error' && state !== 2) {
        if (state === 1) rowsWithWarningsOnly--;
        rowsWithErrors++;
        return 2;
      }
      if (severity === 'warning' && state === 0) {
        rowsWithWarningsOnly++;
        return 1;
      }
      return state;
    },
    summary: () => ({
      rows,
      validRows: rows - rowsWithErrors,
      rowsWithErrors,
      rowsWithWarningsOnly,
      errors,
      warnings,
      byCode: { ...byCode },
    }),
  };
}

/** Header and key checks shared by the validators. */
function createColumnChecks(
  counter: Counter,
  fixed: readonly DatasetColumn[],
  isExtraKnown: (name: string) => boolean,
) {
  const fixedNames = new Set(fixed.map((c) => c.name));
  const known = (name: string) => fixedNames.has(name) || isExtraKnown(name);
  let header: Set<string> | undefined;
  const missingFromHeader = new Set<string>();
  const reportedKeys = new Set<string>();
  return {
    get headerSeen() {
      return header !== undefined;
    },
    /** Required columns missing from the header: rows cannot be used, and are not reported one by one. */
    missingFromHeader,
    columns(names: readonly unknown[], line = 1): DatasetIssue[] {
      const issues: DatasetIssue[] = [];
      const add = (i: DatasetIssue | undefined) => {
        if (i !== undefined) issues.push(i);
      };
      const seen = new Set<string>();
      for (const raw of names) {
        const name = typeof raw === 'string' ? raw.trim() : '';
        if (seen.has(name)) {
          add(
            counter.issue(line, shownName(name), 'duplicate-column', 'appears more than once in the header'),
          );
          continue;
        }
        seen.add(name);
        if (!known(name))
          add(
            counter.issue(
              line,
              shownName(name),
              'unknown-column',
              'is not a column of this layout; its values are ignored',
            ),
          );
      }
      for (const c of fixed) {
        if (c.required && !seen.has(c.name)) {
          missingFromHeader.add(c.name);
          add(counter.issue(line, c.name, 'missing-column', 'is a required column and is not in the header'));
        }
      }
      header = seen;
      return issues;
    },
    /** Without a header: reports each unknown key of a record once. */
    keys(record: Record<string, unknown>, line: number, issues: DatasetIssue[]): void {
      if (header !== undefined) return;
      for (const key of Object.keys(record)) {
        if (known(key) || reportedKeys.has(key) || reportedKeys.size >= MAX_REPORTED_UNKNOWN_KEYS) continue;
        reportedKeys.add(key);
        const i = counter.issue(
          line,
          shownName(key),
          'unknown-column',
          'is not a column of this layout; its values are ignored',
        );
        if (i !== undefined) issues.push(i);
      }
    },
  };
}

type ColumnChecks = ReturnType<typeof createColumnChecks>;

/** The pattern of {@link Id}, tested directly: the fast path of {@link isId}. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;

/**
 * Whether a text is an {@link Id}: a direct test of its pattern, with the zod schema asked only when the fast test
 * fails (so the schema stays the one definition; a property test checks both always agree).
 *
 * @example
 * isId('enr-001'); // true
 * isId('-x'); // false
 */
export function isId(text: string): boolean {
  return ID_PATTERN.test(text) || Id.safeParse(text).success;
}

/** Reads a required id cell; pushes issues; returns the id or undefined. */
function readId(
  record: Record<string, unknown>,
  name: string,
  line: number,
  counter: Counter,
  checks: ColumnChecks,
  issues: DatasetIssue[],
  required = true,
): string | undefined {
  const cell = cellOf(record, name);
  const add = (i: DatasetIssue | undefined) => {
    if (i !== undefined) issues.push(i);
  };
  if (cell.kind === 'absent' || cell.kind === 'blank') {
    if (required && !checks.missingFromHeader.has(name))
      add(counter.issue(line, name, 'missing-value', 'is required and is blank'));
    return undefined;
  }
  if (cell.kind === 'text' && isId(cell.text)) return cell.text;
  add(
    counter.issue(
      line,
      name,
      'invalid-id',
      'is not an id (1-64 letters, digits, "-" or ".", starting with a letter or digit)',
    ),
  );
  return undefined;
}

/** Reads a date cell; returns the date and its day number, or undefined (blank, or invalid: then reported). */
function readDate(
  record: Record<string, unknown>,
  name: string,
  line: number,
  counter: Counter,
  checks: ColumnChecks,
  issues: DatasetIssue[],
  required: boolean,
): { date: string; day: number } | undefined {
  const cell = cellOf(record, name);
  if (cell.kind === 'absent' || cell.kind === 'blank') {
    if (required && !checks.missingFromHeader.has(name)) {
      const i = counter.issue(line, name, 'missing-value', 'is required and is blank');
      if (i !== undefined) issues.push(i);
    }
    return undefined;
  }
  const day = cell.kind === 'text' ? dayNumber(cell.text) : null;
  if (cell.kind === 'text' && day !== null) return { date: cell.text, day };
  const i = counter.issue(line, name, 'invalid-date', 'is not a date (expected a calendar date YYYY-MM-DD)');
  if (i !== undefined) issues.push(i);
  return undefined;
}

function reject(counter: Counter, line: number, code: 'invalid-json' | 'field-count'): DatasetIssue[] {
  const text =
    code === 'invalid-json'
      ? 'the line is not valid JSON; the row was not read'
      : 'the row has more fields than the header; the row was not read';
  const i = counter.issue(line, null, code, text);
  const issues = i === undefined ? [] : [i];
  counter.endRow(issues, true);
  return issues;
}

/** A row that threw while it was read (a Proxy, a getter): reported, never rethrown. */
function unreadableRow(counter: Counter, line: number): DatasetIssue[] {
  const i = counter.issue(line, null, 'invalid-record', 'could not be read (a getter or a Proxy threw)');
  const issues = i === undefined ? [] : [i];
  counter.endRow(issues, true);
  return issues;
}

/** Header names as a plain array (an unreadable list gives none, so every required column is missing). */
function plainNames(names: readonly unknown[]): readonly unknown[] {
  try {
    return Array.from(names, (n) => (typeof n === 'object' && n !== null ? {} : n));
  } catch {
    return [];
  }
}

function notRecord(counter: Counter, line: number): DatasetIssue[] {
  const i = counter.issue(line, null, 'invalid-record', 'is not a record of column names to values');
  const issues = i === undefined ? [] : [i];
  counter.endRow(issues, true);
  return issues;
}

/** The record a CSV row's cells make: each name to its cell (the last of a repeated name), up to the shorter list. */
function recordOf(names: readonly unknown[], cells: readonly string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const n = Math.min(names.length, cells.length);
  for (let i = 0; i < n; i++) record[names[i] as string] = cells[i];
  return record;
}

/**
 * A validator's own path for rows given as cells: `columns` is told each header (after the header checks), `cells`
 * checks a row or gives undefined, leaving it to the general path (`row` on the record the cells make). It must
 * change nothing before it knows it will give a result.
 */
interface CellsPath<R> {
  columns(names: readonly unknown[]): void;
  cells(cells: readonly string[], line: number): R | undefined;
}

/**
 * What every row validator does around its own row check: header names read as a plain list; each row copied
 * first ({@link plainRecord}), a row that cannot be read or is not a record reported as such; rejected rows counted;
 * rows given as cells checked on the validator's own path when it has one, else made into a record.
 */
function readRows<R extends { readonly issues: readonly DatasetIssue[] }>(
  counter: Counter,
  checks: ColumnChecks,
  row: (record: Record<string, unknown>, line: number) => R,
  fast?: CellsPath<R>,
): Pick<RowValidator<R | { issues: DatasetIssue[] }>, 'columns' | 'row' | 'cells' | 'rejectRow'> {
  let names: readonly unknown[] = [];
  const general = (record: unknown, line: number): R | { issues: DatasetIssue[] } => {
    const plain = plainRecord(record);
    if (plain === 'unreadable') return { issues: unreadableRow(counter, line) };
    const r = plain ?? record;
    return isRecord(r) ? row(r, line) : { issues: notRecord(counter, line) };
  };
  return {
    columns: (given, line) => {
      names = plainNames(given);
      const issues = checks.columns(names, line);
      fast?.columns(names);
      return issues;
    },
    row: general,
    cells: (cells, line) => {
      let record: Record<string, unknown>;
      try {
        if (!Array.isArray(cells)) return { issues: notRecord(counter, line) };
        const done = fast?.cells(cells, line);
        if (done !== undefined) return done;
        record = recordOf(names, cells);
      } catch {
        return { issues: unreadableRow(counter, line) };
      }
      return general(record, line);
    },
    rejectRow: (line, code) => reject(counter, line, code),
  };
}

/** The result of a row the validators' own paths found clean, when the caller wants the issues only. */
const NO_ISSUES: readonly DatasetIssue[] = Object.freeze([]);
const CLEAN_ROW: { readonly issues: readonly DatasetIssue[] } = Object.freeze({ issues: NO_ISSUES });

/** Whether `text` is an id as written by a machine: {@link ID_PATTERN} (no space to trim), tested code by code. */
function isPlainId(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const n = text.length;
  if (n === 0 || n > 64) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // 0-9, A-Z, a-z; after the first also '-' and '.'.
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) continue;
    if (i > 0 && (c === 45 || c === 46)) continue;
    return false;
  }
  return true;
}

/** The value of a cell of 1 to 9 ASCII digits (what {@link numberOrText} reads as that whole number), else NaN. */
function digitsValue(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  const n = text.length;
  if (n === 0 || n > 9) return Number.NaN;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The positions of `wanted` column names in a header, or undefined when the header is not one the cells paths take:
 * every name a distinct string (not `__proto__`), each wanted name present (an optional one may be missing: -1).
 */
function positionsIn(
  names: readonly unknown[],
  required: readonly string[],
  optional: readonly string[] = [],
): Map<string, number> | undefined {
  const at = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (typeof name !== 'string' || name === '__proto__' || at.has(name)) return undefined;
    at.set(name, i);
  }
  for (const name of required) if (!at.has(name)) return undefined;
  for (const name of optional) if (!at.has(name)) at.set(name, -1);
  return at;
}

/** The indexes of `from`, stably sorted by `key` (a whole number from 0 to `buckets - 1`): a counting sort. */
function stableByKey(from: Int32Array, key: (r: number) => number, buckets: number): Int32Array {
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < from.length; i++) (start[key(from[i] as number) + 1] as number)++;
  for (let b = 0; b < buckets; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  const out = new Int32Array(from.length);
  for (let i = 0; i < from.length; i++) {
    const r = from[i] as number;
    const k = key(r);
    out[start[k] as number] = r;
    start[k] = (start[k] as number) + 1;
  }
  return out;
}

function byLine(a: DatasetIssue, b: DatasetIssue): number {
  return a.line - b.line;
}

// ---------------------------------------------------------------------------------------------------------------
// Assessments.

/**
 * A survey missing-value code: an answer equal to `code` that is outside the item's range means `meaning` (don't
 * know, refused, none...). It is recoded, not rejected: to `recode.value` on items whose `unit` is `recode.unit`
 * (88 = none means 0 days), otherwise to a blank answer (a missing item: the response is incomplete when the item is
 * needed). An answer inside the item's range is never recoded (HRQOL-4 allows 0-30; 77 is outside it).
 *
 * @example
 * const c: MissingValueCode = { code: 88, meaning: 'none', recode: { value: 0, unit: 'days' } };
 */
export interface MissingValueCode {
  readonly code: number;
  readonly meaning: string;
  readonly recode?: { readonly value: number; readonly unit: string };
}

/**
 * The common survey conventions: 77 don't know and 99 refused (answers left blank), 88 none (0 on day-count items,
 * blank on others). Pass them as the `missingCodes` option of {@link createAssessmentRowValidator}.
 *
 * @example
 * SURVEY_MISSING_CODES.map((c) => c.code); // [77, 88, 99]
 */
export const SURVEY_MISSING_CODES: readonly MissingValueCode[] = Object.freeze([
  Object.freeze({ code: 77, meaning: 'dont-know' }),
  Object.freeze({ code: 88, meaning: 'none', recode: Object.freeze({ value: 0, unit: 'days' }) }),
  Object.freeze({ code: 99, meaning: 'refused' }),
]);

/**
 * Options of {@link createAssessmentRowValidator}.
 *
 * @example
 * const o: AssessmentRowValidatorOptions = { enrolments: data.enrolments, asOf: '2026-11-20' };
 */
export interface AssessmentRowValidatorOptions {
  /** A program's own or changed instrument definitions; they replace built-ins with the same id. */
  readonly instruments?: readonly InstrumentDefinition[];
  /**
   * The enrolments the assessments belong to (a `ProgramData`'s `enrolments`, or rows read with
   * {@link createEnrolmentRowValidator}). With them, rows are checked for `unknown-enrolment`, `before-enrolment`
   * and, at the end of the file, `out-of-window`. Enrolments whose dates are not calendar dates are known by id
   * only.
   */
  readonly enrolments?: readonly ScheduleEnrolment[];
  /** The assessment schedule of the window check (default {@link samhsaSuprt2025}); `null` turns the check off. */
  readonly schedule?: AssessmentSchedule | null;
  /** Rows dated after this day are `after-as-of`; without it, no row is judged to be in the future. */
  readonly asOf?: LocalDate;
  /** Severity per code (see {@link DatasetSeverityPolicy}). */
  readonly severity?: DatasetSeverityPolicy;
  /** Survey missing-value codes to recode instead of rejecting (see {@link SURVEY_MISSING_CODES}). */
  readonly missingCodes?: readonly MissingValueCode[];
  /**
   * `row` and `cells` return each row's issues only, without its `assessment` and `score`: for a caller that
   * reports issues and keeps no row (`validate-outcomes`). The checks, issues, counts and report are the same.
   */
  readonly issuesOnly?: boolean;
}

/**
 * What {@link createAssessmentRowValidator}'s `row` returns: the row's issues, the assessment when the row has no
 * error (a partial response, with warnings only, is returned), and the scoring result when the instrument is known.
 *
 * @example
 * const r: AssessmentRowResult = validator.row(record, 2);
 * if (r.assessment && r.score?.status === 'scored') console.log(r.score.total);
 */
export interface AssessmentRowResult {
  readonly issues: readonly DatasetIssue[];
  readonly assessment?: Assessment;
  readonly score?: InstrumentScoreResult;
}

/**
 * A validator of assessment rows (see {@link createAssessmentRowValidator}).
 *
 * @example
 * const v: AssessmentRowValidator = createAssessmentRowValidator();
 */
export interface AssessmentRowValidator extends RowValidator<AssessmentRowResult, AssessmentDatasetSummary> {
  finish(): AssessmentDatasetReport;
}

/**
 * What `finish()` of an assessment validator returns: the {@link DatasetReport}, and the rows that only the
 * end-of-file checks found in error (`out-of-window`), by line and assessment id. A reader that kept the rows
 * `row()` returned drops these (several assessment rows can share a source line when read through a column mapping).
 *
 * @example
 * const { lateErrors } = validator.finish();
 * const dropped = new Set(lateErrors.map((e) => e.assessmentId));
 */
export interface AssessmentDatasetReport extends DatasetReport<AssessmentDatasetSummary> {
  readonly lateErrors: readonly {
    readonly line: number;
    readonly assessmentId: string;
    readonly code: DatasetIssueCode;
  }[];
}

/**
 * The rows the end-of-file schedule check needs, as typed columns (about 19 bytes a row instead of an object per
 * row): interned enrolment, instrument and assessment id numbers (the id's number in the duplicate check's table),
 * the day number, the line and the row state.
 */
class ScheduleRows {
  length = 0;
  enrolment = new Int32Array(1024);
  instrument = new Uint16Array(1024);
  day = new Int32Array(1024);
  line = new Int32Array(1024);
  state = new Uint8Array(1024);

  id = new Int32Array(1024);

  push(enrolment: number, instrument: number, day: number, line: number, state: 0 | 1 | 2, id: number): void {
    if (this.length === this.day.length) {
      const grow = <T extends Int32Array | Uint16Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.enrolment = grow(this.enrolment);
      this.instrument = grow(this.instrument);
      this.day = grow(this.day);
      this.line = grow(this.line);
      this.state = grow(this.state);
      this.id = grow(this.id);
    }
    const i = this.length++;
    this.enrolment[i] = enrolment;
    this.instrument[i] = instrument;
    this.day[i] = day;
    this.line[i] = line;
    this.state[i] = state;
    this.id[i] = id;
  }
}

/**
 * A map from whole-number keys below 2^53 (the response keys) to lines, in two typed arrays with open addressing:
 * about 12 bytes a row at most half full, where a `Map` takes some 40 (an entry and a boxed number per key) and
 * makes the garbage collector walk a million entries.
 */
class NumberTable {
  private keys = new Float64Array(1024).fill(-1);
  private values = new Int32Array(1024);
  private size = 0;

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    // Mix the high and low halves of the key (Math.imul keeps it in 32 bits), then probe linearly.
    let i = (Math.imul((key % 0x100000000) ^ Math.floor(key / 0x100000000), 0x9e3779b1) >>> 0) & mask;
    while (this.keys[i] !== -1 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  get(key: number): number | undefined {
    const i = this.slot(key);
    return this.keys[i] === key ? this.values[i] : undefined;
  }

  set(key: number, value: number): void {
    let i = this.slot(key);
    if (this.keys[i] !== key) {
      if (2 * (this.size + 1) > this.keys.length) {
        const keys = this.keys;
        const values = this.values;
        this.keys = new Float64Array(keys.length * 2).fill(-1);
        this.values = new Int32Array(keys.length * 2);
        this.size = 0;
        for (let j = 0; j < keys.length; j++)
          if (keys[j] !== -1) this.set(keys[j] as number, values[j] as number);
        i = this.slot(key);
      }
      this.size++;
      this.keys[i] = key;
    }
    this.values[i] = value;
  }
}

/** Interns strings as small whole numbers (first seen, first numbered). */
function createInterner(): StringTable {
  return new StringTable();
}

/** No day: in the enrolment columns, a blank date or one that is not a calendar date. */
const NO_DAY = -(2 ** 31);

/** Bits of the day number in a response key: every day of the years 0000-9999 fits, offset to be positive. */
const DAY_BITS = 2 ** 23;
const DAY_OFFSET = 2 ** 22;
/** Up to 2^20 enrolments and 2^10 instruments make keys below 2^53; beyond that, a text key is used. */
const MAX_KEYED_ENROLMENTS = 2 ** 20;
const MAX_KEYED_INSTRUMENTS = 2 ** 10;

function answerValue(cell: Cell, record: Record<string, unknown>, name: string): unknown {
  if (cell.kind === 'absent' || cell.kind === 'blank') return null;
  if (cell.kind === 'other') return record[name];
  return numberOrText(cell.text);
}

function scoreIssueColumn(issue: InstrumentScoreIssue): string | null {
  const [first, second] = issue.path;
  return first === 'answers' && typeof second === 'string' ? itemColumn(second) : null;
}

function scoreIssueText(issue: InstrumentScoreIssue): string {
  const prefix = `${issue.pointer}: `;
  return issue.message.startsWith(prefix) ? issue.message.slice(prefix.length) : issue.message;
}

const SCORE_CODES: ReadonlySet<string> = new Set([
  'unknown-item',
  'missing-item',
  'not-integer',
  'out-of-range',
  'zero-based-scale',
  'scoring-failed',
]);

/**
 * Creates a stateful validator of assessment rows in the layout of {@link ASSESSMENT_ROW_COLUMNS} (`assessment_id`,
 * `enrolment_id`, `instrument`, `completed_on`, then `item_1` ... `item_N`). Feed it rows one at a time, in file
 * order, from a CSV reader (`columns` first, with the header) or an NDJSON reader (objects with the same keys);
 * it never throws, keeps no row after checking it, and holds only what the file-wide checks need: the ids and
 * (enrolment, instrument, date) keys seen, for duplicates, and, when enrolments are given, the id, date and line
 * of each usable row, for the schedule check at the end.
 *
 * Each row is checked for, in order:
 * 1. schema: required values present (`missing-value`), ids (`invalid-id`), the date (`invalid-date`), a known
 *    instrument (`unknown-instrument`);
 * 2. answers, with {@link scoreAssessment}: answers in item columns the instrument does not have (`unknown-item`),
 *    whole numbers (`not-integer`) on the item's scale (`out-of-range`), a 1-based scale coded from 0
 *    (`zero-based-scale`, reported once for the row); blank needed items (`missing-item`, a warning: the response is
 *    kept as incomplete and has no total). Cells may be numbers or text; surrounding spaces are ignored;
 * 3. duplicates: the id of an earlier row (`duplicate-id`), or else the enrolment, instrument and date of an
 *    earlier row (`duplicate-response`); the message names the earlier line;
 * 4. with `enrolments`: an enrolment they have (`unknown-enrolment`), not dated before its intake
 *    (`before-enrolment`); with `asOf`: not dated after it (`after-as-of`).
 *
 * At `finish()`, with `enrolments` and a schedule: for each enrolment and instrument, the usable rows (known
 * enrolment and instrument, valid date, not before the intake, not after `asOf`, not a duplicate) are placed in the
 * schedule with {@link evaluateSchedule} (as of `asOf`, or else as of the enrolment's latest row), and each row
 * inside no window is `out-of-window`, with the nearest window in the message. Answers do not matter for this check:
 * an administered assessment counts. Rows after the end of care are not flagged by themselves: the schedule expects
 * a closeout (and the reassessment) after it.
 *
 * @example
 * const v = createAssessmentRowValidator({ enrolments: data.enrolments, asOf: '2026-11-20' });
 * v.columns(['assessment_id', 'enrolment_id', 'instrument', 'completed_on', 'item_1']);
 * const r = v.row({ assessment_id: 'a1', enrolment_id: 'enr-001', instrument: 'barc-10', completed_on: '2026-02-30' }, 2);
 * r.issues; // [{ line: 2, column: 'completed_on', code: 'invalid-date', severity: 'error', ... }, ...]
 * const { issues, summary } = v.finish();
 */
export function createAssessmentRowValidator(
  options: AssessmentRowValidatorOptions = {},
): AssessmentRowValidator {
  const counter = createCounter(options.severity);
  const extra = options.instruments ?? [];
  const instruments = knownInstruments(extra);
  const itemColumns = new Set(assessmentHeader(extra).slice(ASSESSMENT_ROW_COLUMNS.length));
  const checks = createColumnChecks(counter, ASSESSMENT_ROW_COLUMNS, (name) => itemColumns.has(name));
  const schedule = options.schedule === undefined ? samhsaSuprt2025 : options.schedule;
  // `row` and `finish` read only these locals, never `options`: a closure over `options` would keep the caller's
  // enrolment objects alive for the whole file (at a million rows, most of the memory).
  const asOfText = options.asOf;
  const lateIssues: DatasetIssue[] = [];
  let asOfDay: number | null = null;
  if (options.asOf !== undefined) {
    asOfDay = dayNumber(options.asOf);
    if (asOfDay === null) {
      const i = counter.issue(
        0,
        null,
        'invalid-date',
        'the as-of date is not a date (YYYY-MM-DD); it was ignored',
      );
      if (i !== undefined) lateIssues.push(i);
    }
  }
  // Enrolments as columns, not objects: the interned id's number indexes its intake and exit day (NO_DAY: none,
  // or not a date; an exit that is not a date is no exit to the schedule, as evaluateSchedule reads it). The first
  // of a repeated id counts. Ids met only in rows get the numbers after the known ones.
  const enrolmentNames = createInterner();
  const listed = options.enrolments ?? [];
  const intakeDay = new Int32Array(listed.length);
  const exitDay = new Int32Array(listed.length);
  for (const e of listed) {
    const before = enrolmentNames.size;
    const no = enrolmentNames.of(e.id);
    if (no < before) continue;
    intakeDay[no] = dayNumber(e.enrolledOn) ?? NO_DAY;
    exitDay[no] = e.exit === undefined ? NO_DAY : (dayNumber(e.exit.on) ?? NO_DAY);
  }
  const knownEnrolments = enrolmentNames.size;
  const checkEnrolments = options.enrolments !== undefined;
  // Enrolments named by rows (the summary's count), one flag per interned number.
  let seenEnrolments = new Uint8Array(Math.max(1024, knownEnrolments));
  let enrolmentsInRows = 0;
  const markEnrolment = (no: number) => {
    if (no >= seenEnrolments.length) {
      const grown = new Uint8Array(seenEnrolments.length * 2);
      grown.set(seenEnrolments);
      seenEnrolments = grown;
    }
    if (seenEnrolments[no] === 0) {
      seenEnrolments[no] = 1;
      enrolmentsInRows++;
    }
  };
  const issuesOnly = options.issuesOnly === true;

  const ids = new FirstLines();
  // (enrolment, instrument, day) as one number: no string is built per row for the duplicate check.
  const responses = new NumberTable();
  const responsesByText = new Map<string, number>();
  const instrumentNames = createInterner();
  const scheduleRows = new ScheduleRows();
  const counts = new Map<string, { rows: number; scored: number; incomplete: number; invalid: number }>();
  const countsOf = (id: string) => {
    let c = counts.get(id);
    if (c === undefined) {
      c = { rows: 0, scored: 0, incomplete: 0, invalid: 0 };
      counts.set(id, c);
    }
    return c;
  };
  // What depends only on an instrument definition, worked out once per definition rather than once per row.
  const prepared = new Map<
    InstrumentDefinition,
    { own: ReadonlySet<string>; score: ReturnType<typeof createInstrumentScorer> }
  >();
  const prepare = (def: InstrumentDefinition) => {
    let p = prepared.get(def);
    if (p === undefined) {
      p = { own: new Set(def.items.map((i) => i.id)), score: createInstrumentScorer(def) };
      prepared.set(def, p);
    }
    return p;
  };
  // Instrument ids met in rows, resolved once each (a file names a handful; at most 1,024 are remembered).
  const definitions = new Map<string, InstrumentDefinition | undefined>();
  const definitionOf = (id: string): InstrumentDefinition | undefined => {
    if (definitions.has(id)) return definitions.get(id);
    const def = instrumentById(id, extra);
    if (definitions.size < 1024) definitions.set(id, def);
    return def;
  };
  let unknownInstrumentRows = 0;
  const missingCodes = options.missingCodes ?? [];
  const recoded: Record<string, number> = {};
  const knownList = instruments
    .map((d) => d.id)
    .slice(0, 10)
    .join(', ');

  // The item columns of a row's keys (key, item id, key, item id...), kept for the last list of keys seen: the rows
  // of a file share one.
  let lastKeys: readonly string[] = [];
  let lastColumns: readonly string[] = [];
  const itemColumnsOf = (keys: readonly string[]): readonly string[] => {
    if (keys.length === lastKeys.length && keys.every((k, i) => k === lastKeys[i])) return lastColumns;
    const columns: string[] = [];
    for (const key of keys) if (key.startsWith(ITEM_PREFIX)) columns.push(key, key.slice(ITEM_PREFIX.length));
    lastKeys = keys;
    lastColumns = columns;
    return columns;
  };

  function row(record: Record<string, unknown>, line: number): AssessmentRowResult {
    const issues: DatasetIssue[] = [];
    const add = (i: DatasetIssue | undefined) => {
      if (i !== undefined) issues.push(i);
    };
    checks.keys(record, line, issues);
    const id = readId(record, 'assessment_id', line, counter, checks, issues);
    const enrolmentId = readId(record, 'enrolment_id', line, counter, checks, issues);
    const enrolmentNo = enrolmentId === undefined ? -1 : enrolmentNames.of(enrolmentId);
    if (enrolmentNo >= 0) markEnrolment(enrolmentNo);

    const instrumentCell = cellOf(record, 'instrument');
    let def: InstrumentDefinition | undefined;
    if (instrumentCell.kind === 'absent' || instrumentCell.kind === 'blank') {
      if (!checks.missingFromHeader.has('instrument'))
        add(counter.issue(line, 'instrument', 'missing-value', 'is required and is blank'));
    } else {
      def = instrumentCell.kind === 'text' ? definitionOf(instrumentCell.text) : undefined;
      if (def === undefined) {
        unknownInstrumentRows++;
        add(
          counter.issue(
            line,
            'instrument',
            'unknown-instrument',
            `is not a known instrument id (known: ${knownList}); the answers were not checked`,
          ),
        );
      }
    }
    const completed = readDate(record, 'completed_on', line, counter, checks, issues, true);

    // Answers.
    let score: InstrumentScoreResult | undefined;
    let answers: Record<string, number | null> | undefined;
    if (def !== undefined) {
      const given: Record<string, unknown> = {};
      const { own, score: scoreOf } = prepare(def);
      const columns = itemColumnsOf(Object.keys(record));
      for (let k = 0; k < columns.length; k += 2) {
        const key = columns[k] as string;
        const itemId = columns[k + 1] as string;
        const cell = cellOf(record, key);
        if (!own.has(itemId) && (cell.kind === 'absent' || cell.kind === 'blank')) continue;
        given[itemId] = answerValue(cell, record, key);
      }
      if (missingCodes.length > 0)
        for (const item of def.items) {
          const v = given[item.id];
          if (typeof v !== 'number' || (v >= item.min && v <= item.max)) continue;
          const code = missingCodes.find((m) => m.code === v);
          if (code === undefined) continue;
          const r = code.recode;
          given[item.id] =
            r !== undefined && item.unit === r.unit && r.value >= item.min && r.value <= item.max
              ? r.value
              : null;
          recoded[code.meaning] = (recoded[code.meaning] ?? 0) + 1;
        }
      score = scoreOf({ instrument: def.id, answers: given as Record<string, number | null> });
      const c = countsOf(def.id);
      c.rows++;
      c[score.status]++;
      if (score.status !== 'scored')
        for (const si of score.issues)
          add(
            counter.issue(
              line,
              scoreIssueColumn(si),
              SCORE_CODES.has(si.code) ? (si.code as DatasetIssueCode) : 'invalid-record',
              scoreIssueText(si),
            ),
          );
      answers = {};
      for (const item of def.items) {
        const v = given[item.id];
        answers[item.id] = typeof v === 'number' && Number.isFinite(v) ? v : null;
      }
    }

    // Duplicates.
    let duplicate = false;
    if (id !== undefined) {
      const first = ids.seen(id, line);
      if (first !== undefined) {
        duplicate = true;
        add(
          counter.issue(line, 'assessment_id', 'duplicate-id', `repeats the assessment id of line ${first}`),
        );
      }
    }
    const instrumentNo = def === undefined ? -1 : instrumentNames.of(def.id);
    if (!duplicate && enrolmentId !== undefined && def !== undefined && completed !== undefined) {
      const numeric = enrolmentNo < MAX_KEYED_ENROLMENTS && instrumentNo < MAX_KEYED_INSTRUMENTS;
      const key = numeric
        ? (enrolmentNo * MAX_KEYED_INSTRUMENTS + instrumentNo) * DAY_BITS + completed.day + DAY_OFFSET
        : `${enrolmentId}\u0000${def.id}\u0000${completed.date}`;
      const first = typeof key === 'number' ? responses.get(key) : responsesByText.get(key);
      if (first !== undefined) {
        duplicate = true;
        add(
          counter.issue(
            line,
            'completed_on',
            'duplicate-response',
            `repeats the enrolment, instrument and date of line ${first}`,
          ),
        );
      } else if (typeof key === 'number') responses.set(key, line);
      else responsesByText.set(key, line);
    }

    // Enrolment and as-of date.
    let datedOk = completed !== undefined;
    const known = enrolmentNo >= 0 && enrolmentNo < knownEnrolments;
    const intake = known ? (intakeDay[enrolmentNo] as number) : NO_DAY;
    if (checkEnrolments && enrolmentId !== undefined && !known)
      add(
        counter.issue(line, 'enrolment_id', 'unknown-enrolment', 'names no enrolment of the enrolment data'),
      );
    if (completed !== undefined && intake !== NO_DAY && completed.day < intake) {
      datedOk = false;
      add(
        counter.issue(line, 'completed_on', 'before-enrolment', 'is before the intake date of the enrolment'),
      );
    }
    if (completed !== undefined && asOfDay !== null && completed.day > asOfDay) {
      datedOk = false;
      add(counter.issue(line, 'completed_on', 'after-as-of', 'is after the as-of date'));
    }

    const state = counter.endRow(issues, checks.missingFromHeader.size > 0);

    if (
      schedule !== null &&
      intake !== NO_DAY &&
      def !== undefined &&
      id !== undefined &&
      completed !== undefined &&
      datedOk &&
      !duplicate
    )
      scheduleRows.push(enrolmentNo, instrumentNo, completed.day, line, state, ids.no);

    if (issuesOnly) return { issues };
    const result: { issues: DatasetIssue[]; assessment?: Assessment; score?: InstrumentScoreResult } = {
      issues,
    };
    if (score !== undefined) result.score = score;
    if (
      state !== 2 &&
      id !== undefined &&
      enrolmentId !== undefined &&
      def !== undefined &&
      completed !== undefined &&
      answers !== undefined
    )
      result.assessment = { id, enrolmentId, instrument: def.id, completedOn: completed.date, answers };
    return result;
  }

  function finish(): AssessmentDatasetReport {
    const issues: DatasetIssue[] = [...lateIssues];
    const lateErrors: { line: number; assessmentId: string; code: DatasetIssueCode }[] = [];
    const checked = schedule !== null && checkEnrolments;
    if (schedule !== null) {
      const rows = scheduleRows;
      // Rows grouped by enrolment and instrument (by their numbers), in file order within a group: two stable
      // counting sorts (by instrument, then by enrolment).
      const inFileOrder = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) inFileOrder[i] = i;
      const order = stableByKey(
        stableByKey(inFileOrder, (r) => rows.instrument[r] as number, instrumentNames.size),
        (r) => rows.enrolment[r] as number,
        enrolmentNames.size,
      );
      // Windows depend only on the intake, the exit and the as-of day: worked out once per such triple (keyed by
      // the as-of day, then by intake and exit as one number).
      const windowsCache = new Map<
        number,
        Map<number, readonly { readonly opens: number; readonly closes: number }[]>
      >();
      // The groups with a row outside every window (their first and end positions in `order`): only they are
      // placed in the schedule, in enrolment id, then instrument id order (numbers compared by their names).
      const flagged: number[] = [];
      let g = 0;
      while (g < order.length) {
        const first = order[g] as number;
        let end = g + 1;
        while (
          end < order.length &&
          rows.enrolment[order[end] as number] === rows.enrolment[first] &&
          rows.instrument[order[end] as number] === rows.instrument[first]
        )
          end++;
        const from = g;
        g = end;
        const no = rows.enrolment[first] as number;
        if (no >= knownEnrolments) continue;
        const exit = exitDay[no] as number;
        const intake = intakeDay[no] as number;
        // Fast path: a row is out-of-window exactly when it is dated by the as-of day and inside no window of the
        // schedule; when no row of the group is, evaluateSchedule (which also names the nearest window) is skipped.
        let latestDay = rows.day[first] as number;
        for (let k = from; k < end; k++)
          latestDay = Math.max(latestDay, rows.day[order[k] as number] as number);
        const asOfNo = asOfDay !== null && asOfText !== undefined ? asOfDay : latestDay;
        let byPeriod = windowsCache.get(asOfNo);
        if (byPeriod === undefined) {
          byPeriod = new Map();
          windowsCache.set(asOfNo, byPeriod);
        }
        // Days are below 2^23 in size: intake and exit (NO_DAY: none) make one key below 2^53.
        const periodKey = (intake + DAY_OFFSET) * DAY_BITS + (exit === NO_DAY ? 0 : exit + DAY_OFFSET + 1);
        let windows = byPeriod.get(periodKey);
        if (windows === undefined) {
          windows = scheduleWindows(intake, exit === NO_DAY ? null : exit, schedule, asOfNo);
          byPeriod.set(periodKey, windows);
        }
        let outside = false;
        for (let k = from; k < end && !outside; k++) {
          const day = rows.day[order[k] as number] as number;
          if (day > asOfNo) continue;
          let inside = false;
          for (const w of windows)
            if (day >= w.opens && day <= w.closes) {
              inside = true;
              break;
            }
          outside = !inside;
        }
        if (outside) flagged.push(from, end);
      }
      const groups = Array.from({ length: flagged.length / 2 }, (_, k) => 2 * k).sort((a, b) => {
        const ra = order[flagged[a] as number] as number;
        const rb = order[flagged[b] as number] as number;
        return (
          enrolmentNames.compare(rows.enrolment[ra] as number, rows.enrolment[rb] as number) ||
          instrumentNames.compare(rows.instrument[ra] as number, rows.instrument[rb] as number)
        );
      });
      for (const k of groups) {
        const from = flagged[k] as number;
        const end = flagged[k + 1] as number;
        const first = order[from] as number;
        const no = rows.enrolment[first] as number;
        const exit = exitDay[no] as number;
        const intake = intakeDay[no] as number;
        const group = Array.from(order.subarray(from, end));
        const enrolmentId = enrolmentNames.name(no);
        const instrument = instrumentNames.name(rows.instrument[first] as number);
        const enrolment: ScheduleEnrolment = {
          id: enrolmentId,
          enrolledOn: dateOfDay(intake),
          ...(exit === NO_DAY ? {} : { exit: { on: dateOfDay(exit) } }),
        };
        const idOf = (r: number) => ids.ids.name(rows.id[r] as number);
        const byId = new Map(group.map((r) => [idOf(r), r]));
        let latest = first;
        for (const r of group) if ((rows.day[r] as number) > (rows.day[latest] as number)) latest = r;
        const asOf =
          asOfDay !== null && asOfText !== undefined ? asOfText : dateOfDay(rows.day[latest] as number);
        const evaluation = evaluateSchedule(
          enrolment,
          group.map((r) => ({
            id: idOf(r),
            enrolmentId,
            instrument,
            completedOn: dateOfDay(rows.day[r] as number),
          })),
          schedule,
          { asOf, instrument },
        );
        for (const u of evaluation.unassigned) {
          if (u.reason !== 'out-of-window') continue;
          const r = byId.get(u.assessmentId);
          if (r === undefined) continue;
          let where = `is outside every window of the assessment schedule (${schedule.id} ${schedule.version})`;
          if (u.nearest !== undefined && u.daysFromWindow !== undefined) {
            const n = Math.abs(u.daysFromWindow);
            const days = `${n} day${n === 1 ? '' : 's'}`;
            where += `; nearest window: ${u.nearest.pointId}${u.nearest.occurrence > 1 ? ` #${u.nearest.occurrence}` : ''}, ${
              u.daysFromWindow < 0 ? `${days} before it opens` : `${days} after it closes`
            }`;
          }
          const line = rows.line[r] as number;
          const i = counter.issue(line, 'completed_on', 'out-of-window', where);
          if (i !== undefined) {
            rows.state[r] = counter.raise(rows.state[r] as 0 | 1 | 2, i.severity);
            issues.push(i);
            if (i.severity === 'error') lateErrors.push({ line, assessmentId: idOf(r), code: i.code });
          }
        }
      }
    }
    issues.sort(byLine);
    const instrumentCounts: InstrumentRowCounts[] = [];
    for (const id of [...counts.keys()].sort()) {
      const def = instrumentById(id, extra);
      const c = counts.get(id);
      if (def === undefined || c === undefined) continue;
      instrumentCounts.push({
        instrumentId: def.id,
        instrumentVersion: def.version,
        abbreviation: def.abbreviation,
        ...c,
      });
    }
    return {
      issues,
      lateErrors,
      summary: {
        ...counter.summary(),
        instruments: instrumentCounts,
        missingCodes: { ...recoded },
        unknownInstrumentRows,
        enrolments: enrolmentsInRows,
        schedule: checked && schedule !== null ? { id: schedule.id, version: schedule.version } : null,
        asOf: asOfDay !== null && asOfText !== undefined ? asOfText : null,
      },
    };
  }

  // Rows given as cells: a row in the layout a machine writes (every cell there, ids and a date with no space around
  // them, every answer of a summed instrument a whole number of 1 to 9 digits on its scale, the item columns of
  // other instruments empty) that has no issue at all is checked here, with no record, no copy and no result object;
  // any other row (and every row unless `issuesOnly`) goes the general way, which reports it. Nothing is changed
  // before the row is known to be clean, but interning its enrolment and instrument ids, which `row` does for it too.
  interface Layout {
    readonly width: number;
    readonly id: number;
    readonly enrolment: number;
    readonly instrument: number;
    readonly completed: number;
    /** Item columns: position, item id. */
    readonly items: readonly (readonly [number, string])[];
  }
  interface ItemPlan {
    /** Positions of the instrument's items, in its order, and their scales. */
    readonly at: Int32Array;
    readonly min: Float64Array;
    readonly max: Float64Array;
    /** Positions of the item columns the instrument does not have (blank on a clean row). */
    readonly blank: Int32Array;
  }
  let layout: Layout | undefined;
  let plans = new Map<InstrumentDefinition, ItemPlan | null>();
  let lastInstrument: string | undefined;
  let lastDef: InstrumentDefinition | undefined;
  let lastPlan: ItemPlan | null = null;
  const planOf = (def: InstrumentDefinition, l: Layout): ItemPlan | null => {
    let plan = plans.get(def);
    if (plan !== undefined) return plan;
    plan = null;
    const sum = sumPlan(def);
    if (sum !== undefined) {
      const own = new Map(l.items.map(([at, itemId]) => [itemId, at]));
      const at = sum.items.map((item) => own.get(item.id) ?? -1);
      if (!at.includes(-1))
        plan = {
          at: Int32Array.from(at),
          min: Float64Array.from(sum.items, (item) => item.min),
          max: Float64Array.from(sum.items, (item) => item.max),
          blank: Int32Array.from(l.items.filter(([, itemId]) => !sum.index.has(itemId)).map(([at]) => at)),
        };
    }
    plans.set(def, plan);
    return plan;
  };
  const fast: CellsPath<AssessmentRowResult> = {
    columns(names) {
      plans = new Map();
      lastInstrument = undefined;
      lastDef = undefined;
      lastPlan = null;
      layout = undefined;
      const at = positionsIn(names, ['assessment_id', 'enrolment_id', 'instrument', 'completed_on']);
      if (!issuesOnly || at === undefined || checks.missingFromHeader.size > 0) return;
      const items: (readonly [number, string])[] = [];
      for (const [name, i] of at)
        if (name.startsWith(ITEM_PREFIX)) items.push([i, name.slice(ITEM_PREFIX.length)]);
      layout = {
        width: names.length,
        id: at.get('assessment_id') as number,
        enrolment: at.get('enrolment_id') as number,
        instrument: at.get('instrument') as number,
        completed: at.get('completed_on') as number,
        items,
      };
    },
    cells(cells, line) {
      const l = layout;
      if (l === undefined || cells.length !== l.width) return undefined;
      const id = cells[l.id];
      const enrolmentId = cells[l.enrolment];
      if (!isPlainId(id) || !isPlainId(enrolmentId)) return undefined;
      const instrument = cells[l.instrument];
      if (instrument !== lastInstrument) {
        if (typeof instrument !== 'string' || instrument === '' || instrument.trim() !== instrument)
          return undefined;
        lastDef = definitionOf(instrument);
        lastPlan = lastDef === undefined ? null : planOf(lastDef, l);
        lastInstrument = instrument;
      }
      const def = lastDef;
      const plan = lastPlan;
      if (def === undefined || plan === null) return undefined;
      const day = dayNumber(cells[l.completed]);
      if (day === null) return undefined;
      for (let k = 0; k < plan.at.length; k++) {
        const v = digitsValue(cells[plan.at[k] as number]);
        if (!(v >= (plan.min[k] as number) && v <= (plan.max[k] as number))) return undefined;
      }
      for (let k = 0; k < plan.blank.length; k++) if (cells[plan.blank[k] as number] !== '') return undefined;
      const enrolmentNo = enrolmentNames.of(enrolmentId);
      const known = enrolmentNo < knownEnrolments;
      if (checkEnrolments && !known) return undefined;
      const intake = known ? (intakeDay[enrolmentNo] as number) : NO_DAY;
      if (intake !== NO_DAY && day < intake) return undefined;
      if (asOfDay !== null && day > asOfDay) return undefined;
      const instrumentNo = instrumentNames.of(def.id);
      if (enrolmentNo >= MAX_KEYED_ENROLMENTS || instrumentNo >= MAX_KEYED_INSTRUMENTS) return undefined;
      const key = (enrolmentNo * MAX_KEYED_INSTRUMENTS + instrumentNo) * DAY_BITS + day + DAY_OFFSET;
      if (responses.get(key) !== undefined) return undefined;
      // From here the row is clean: its id is recorded (a repeated one leaves everything as it was).
      if (ids.seen(id, line) !== undefined) return undefined;
      responses.set(key, line);
      markEnrolment(enrolmentNo);
      const c = countsOf(def.id);
      c.rows++;
      c.scored++;
      counter.endRow(NO_ISSUES);
      if (schedule !== null && intake !== NO_DAY)
        scheduleRows.push(enrolmentNo, instrumentNo, day, line, 0, ids.no);
      return CLEAN_ROW;
    },
  };

  return {
    ...readRows(counter, checks, row, fast),
    finish,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Enrolments.

/**
 * An enrolment read from an enrolment row. It fits {@link ScheduleEnrolment}, so it can be passed to
 * {@link createAssessmentRowValidator} and {@link evaluateSchedule}.
 *
 * @example
 * const e: EnrolmentRow = { id: 'enr-001', peerId: 'peer-001', enrolledOn: '2026-01-31' };
 */
export interface EnrolmentRow {
  readonly id: string;
  readonly peerId: string;
  readonly enrolledOn: LocalDate;
  readonly exit?: { readonly on: LocalDate };
}

/**
 * What {@link createEnrolmentRowValidator}'s `row` returns: the issues, and the enrolment when the row has no error.
 *
 * @example
 * const r: EnrolmentRowResult = validator.row(record, 2);
 */
export interface EnrolmentRowResult {
  readonly issues: readonly DatasetIssue[];
  readonly enrolment?: EnrolmentRow;
}

/**
 * Options of {@link createEnrolmentRowValidator} and {@link createContactRowValidator}.
 *
 * @example
 * const o: DatasetValidatorOptions = { severity: { 'after-exit': 'off' } };
 */
export interface DatasetValidatorOptions {
  /** Severity per code (see {@link DatasetSeverityPolicy}). */
  readonly severity?: DatasetSeverityPolicy;
}

/**
 * Creates a stateful validator of enrolment rows ({@link ENROLMENT_ROW_COLUMNS}: `enrolment_id`, `peer_id`,
 * `enrolled_on`, `exited_on`). Each row: ids (`missing-value`, `invalid-id`), dates (`invalid-date`), an exit not
 * before the intake (`period-reversed`), an id not used by an earlier row (`duplicate-id`). Rows without error give an
 * {@link EnrolmentRow}; collect them for {@link createAssessmentRowValidator}. Never throws.
 *
 * @example
 * const v = createEnrolmentRowValidator();
 * const r = v.row({ enrolment_id: 'enr-1', peer_id: 'peer-1', enrolled_on: '2026-01-05', exited_on: '' }, 2);
 * r.enrolment; // { id: 'enr-1', peerId: 'peer-1', enrolledOn: '2026-01-05' }
 */
export function createEnrolmentRowValidator(
  options: DatasetValidatorOptions = {},
): RowValidator<EnrolmentRowResult> {
  const counter = createCounter(options.severity);
  const checks = createColumnChecks(counter, ENROLMENT_ROW_COLUMNS, () => false);
  const ids = new FirstLines();
  function row(record: Record<string, unknown>, line: number): EnrolmentRowResult {
    const issues: DatasetIssue[] = [];
    checks.keys(record, line, issues);
    const id = readId(record, 'enrolment_id', line, counter, checks, issues);
    const peerId = readId(record, 'peer_id', line, counter, checks, issues);
    const enrolled = readDate(record, 'enrolled_on', line, counter, checks, issues, true);
    const exited = readDate(record, 'exited_on', line, counter, checks, issues, false);
    if (enrolled !== undefined && exited !== undefined && exited.day < enrolled.day) {
      const i = counter.issue(line, 'exited_on', 'period-reversed', 'is before the intake date');
      if (i !== undefined) issues.push(i);
    }
    if (id !== undefined) {
      const first = ids.seen(id, line);
      if (first !== undefined) {
        const i = counter.issue(
          line,
          'enrolment_id',
          'duplicate-id',
          `repeats the enrolment id of line ${first}`,
        );
        if (i !== undefined) issues.push(i);
      }
    }
    const state = counter.endRow(issues, checks.missingFromHeader.size > 0);
    if (state === 2 || id === undefined || peerId === undefined || enrolled === undefined) return { issues };
    return {
      issues,
      enrolment:
        exited === undefined
          ? { id, peerId, enrolledOn: enrolled.date }
          : { id, peerId, enrolledOn: enrolled.date, exit: { on: exited.date } },
    };
  }
  // Rows given as cells: a clean row in the layout a machine writes (ids and dates with no space around them, the
  // exit empty or not before the intake, a new id) is checked here without a record or a copy; any other row goes
  // the general way, which reports it.
  let layout: { width: number; id: number; peer: number; enrolled: number; exited: number } | undefined;
  const fast: CellsPath<EnrolmentRowResult> = {
    columns(names) {
      const at = positionsIn(names, ['enrolment_id', 'peer_id', 'enrolled_on'], ['exited_on']);
      layout =
        at === undefined || checks.missingFromHeader.size > 0
          ? undefined
          : {
              width: names.length,
              id: at.get('enrolment_id') as number,
              peer: at.get('peer_id') as number,
              enrolled: at.get('enrolled_on') as number,
              exited: at.get('exited_on') as number,
            };
    },
    cells(cells, line) {
      const l = layout;
      if (l === undefined || cells.length !== l.width) return undefined;
      const id = cells[l.id];
      const peerId = cells[l.peer];
      if (!isPlainId(id) || !isPlainId(peerId)) return undefined;
      const enrolledOn = cells[l.enrolled] as string;
      const enrolled = dayNumber(enrolledOn);
      if (enrolled === null) return undefined;
      const exitedOn = l.exited < 0 ? '' : cells[l.exited];
      if (exitedOn !== '') {
        const exited = dayNumber(exitedOn);
        if (exited === null || exited < enrolled) return undefined;
      }
      if (ids.seen(id, line) !== undefined) return undefined;
      counter.endRow(NO_ISSUES);
      return {
        issues: NO_ISSUES,
        enrolment:
          exitedOn === ''
            ? { id, peerId, enrolledOn }
            : { id, peerId, enrolledOn, exit: { on: exitedOn as string } },
      };
    },
  };
  return {
    ...readRows(counter, checks, row, fast),
    finish: () => ({ issues: [], summary: counter.summary() }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Contacts.

/**
 * A contact read from a contact row (the fields of the domain `Contact` that the contact layout carries).
 *
 * @example
 * const c: ContactRow = {
 *   id: 'con-001', enrolmentId: 'enr-001', coachId: 'coach-01', start: '2026-02-02T10:00:00-08:00',
 *   end: '2026-02-02T11:00:00-08:00', mode: 'in-person', location: 'recovery-center',
 * };
 */
export interface ContactRow {
  readonly id: string;
  readonly enrolmentId: string;
  readonly coachId: string;
  readonly start: string;
  readonly end: string;
  readonly mode: ContactMode;
  readonly location: LocationType;
}

/**
 * What {@link createContactRowValidator}'s `row` returns: the issues, and the contact when the row has no error.
 *
 * @example
 * const r: ContactRowResult = validator.row(record, 2);
 */
export interface ContactRowResult {
  readonly issues: readonly DatasetIssue[];
  readonly contact?: ContactRow;
}

/**
 * Options of {@link createContactRowValidator}.
 *
 * @example
 * const o: ContactRowValidatorOptions = { enrolments: data.enrolments };
 */
export interface ContactRowValidatorOptions extends DatasetValidatorOptions {
  /** With them, contacts are checked for `unknown-enrolment`, `before-enrolment` and `after-exit`. */
  readonly enrolments?: readonly ScheduleEnrolment[];
}

/**
 * Creates a stateful validator of contact rows ({@link CONTACT_ROW_COLUMNS}). Each row: ids (`missing-value`,
 * `invalid-id`), `start` and `end` ISO instants with an offset (`invalid-instant`), an end not before the start
 * (`period-reversed`), `mode` and `location` codes (`invalid-code`; the message lists the allowed codes), an id not
 * used by an earlier row (`duplicate-id`); with `enrolments`: a known enrolment (`unknown-enrolment`), a start not
 * before the intake (`before-enrolment`) and not after the end of care (`after-exit`, a warning). The date of a
 * start is its own local date (the date written before its offset). Never throws.
 *
 * @example
 * const v = createContactRowValidator({ enrolments: [{ id: 'enr-1', enrolledOn: '2026-01-05' }] });
 * v.row({ contact_id: 'c1', enrolment_id: 'enr-1', coach_id: 'coach-1', start: '2026-01-04T10:00:00-08:00',
 *   end: '2026-01-04T11:00:00-08:00', mode: 'in-person', location: 'recovery-center' }, 2).issues;
 * // [{ line: 2, column: 'start', code: 'before-enrolment', ... }]
 */
export function createContactRowValidator(
  options: ContactRowValidatorOptions = {},
): RowValidator<ContactRowResult> {
  const counter = createCounter(options.severity);
  const checks = createColumnChecks(counter, CONTACT_ROW_COLUMNS, () => false);
  const ids = new FirstLines();
  const enrolments = new Map<string, { intake: number | null; exit: number | null }>();
  for (const e of options.enrolments ?? [])
    if (!enrolments.has(e.id))
      enrolments.set(e.id, {
        intake: dayNumber(e.enrolledOn),
        exit: e.exit === undefined ? null : dayNumber(e.exit.on),
      });
  const checkEnrolments = options.enrolments !== undefined;

  function instant(record: Record<string, unknown>, name: string, line: number, issues: DatasetIssue[]) {
    const cell = cellOf(record, name);
    if (cell.kind === 'absent' || cell.kind === 'blank') {
      if (!checks.missingFromHeader.has(name)) {
        const i = counter.issue(line, name, 'missing-value', 'is required and is blank');
        if (i !== undefined) issues.push(i);
      }
      return undefined;
    }
    if (cell.kind === 'text' && Instant.safeParse(cell.text).success) {
      const ms = Date.parse(cell.text);
      const day = dayNumber(cell.text.slice(0, 10));
      if (!Number.isNaN(ms) && day !== null) return { text: cell.text, ms, day };
    }
    const i = counter.issue(
      line,
      name,
      'invalid-instant',
      'is not an ISO 8601 date-time with Z or a UTC offset (e.g. 2026-02-02T10:00:00-08:00)',
    );
    if (i !== undefined) issues.push(i);
    return undefined;
  }

  function code<T extends string>(
    record: Record<string, unknown>,
    name: string,
    allowed: readonly T[],
    line: number,
    issues: DatasetIssue[],
  ): T | undefined {
    const cell = cellOf(record, name);
    if (cell.kind === 'absent' || cell.kind === 'blank') {
      if (!checks.missingFromHeader.has(name)) {
        const i = counter.issue(line, name, 'missing-value', 'is required and is blank');
        if (i !== undefined) issues.push(i);
      }
      return undefined;
    }
    const found = cell.kind === 'text' ? allowed.find((a) => a === cell.text) : undefined;
    if (found !== undefined) return found;
    const i = counter.issue(line, name, 'invalid-code', `is not one of: ${allowed.join(', ')}`);
    if (i !== undefined) issues.push(i);
    return undefined;
  }

  function row(record: Record<string, unknown>, line: number): ContactRowResult {
    const issues: DatasetIssue[] = [];
    const add = (i: DatasetIssue | undefined) => {
      if (i !== undefined) issues.push(i);
    };
    checks.keys(record, line, issues);
    const id = readId(record, 'contact_id', line, counter, checks, issues);
    const enrolmentId = readId(record, 'enrolment_id', line, counter, checks, issues);
    const coachId = readId(record, 'coach_id', line, counter, checks, issues);
    const start = instant(record, 'start', line, issues);
    const end = instant(record, 'end', line, issues);
    const mode = code(record, 'mode', ContactMode.options, line, issues);
    const location = code(record, 'location', LocationType.options, line, issues);
    if (start !== undefined && end !== undefined && end.ms < start.ms)
      add(counter.issue(line, 'end', 'period-reversed', 'is before the start'));
    if (id !== undefined) {
      const first = ids.seen(id, line);
      if (first !== undefined)
        add(counter.issue(line, 'contact_id', 'duplicate-id', `repeats the contact id of line ${first}`));
    }
    const known = enrolmentId === undefined ? undefined : enrolments.get(enrolmentId);
    if (checkEnrolments && enrolmentId !== undefined && known === undefined)
      add(
        counter.issue(line, 'enrolment_id', 'unknown-enrolment', 'names no enrolment of the enrolment data'),
      );
    if (start !== undefined && known !== undefined) {
      if (known.intake !== null && start.day < known.intake)
        add(counter.issue(line, 'start', 'before-enrolment', 'is before the intake date of the enrolment'));
      else if (known.exit !== null && start.day > known.exit)
        add(counter.issue(line, 'start', 'after-exit', 'is after the end of care of the enrolment'));
    }
    const state = counter.endRow(issues, checks.missingFromHeader.size > 0);
    if (
      state === 2 ||
      id === undefined ||
      enrolmentId === undefined ||
      coachId === undefined ||
      start === undefined ||
      end === undefined ||
      mode === undefined ||
      location === undefined
    )
      return { issues };
    return {
      issues,
      contact: { id, enrolmentId, coachId, start: start.text, end: end.text, mode, location },
    };
  }

  return {
    ...readRows(counter, checks, row),
    finish: () => ({ issues: [], summary: counter.summary() }),
  };
}

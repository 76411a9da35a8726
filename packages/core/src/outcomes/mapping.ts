import { fail, type Issue, ok, type Result } from '../model/result';
import { findUnreadable } from '../model/unreadable';
import { itemColumn } from './dataset';

/**
 * How one instrument is laid out in a source file (e.g. a REDCap form): the column of its completion date and the
 * column of each item. `form` is the REDCap form name, matched against the repeating-instrument column.
 *
 * @example
 * const m: InstrumentColumns = { instrument: 'hrqol-4', form: 'hrqol', completedOn: 'hrqol_date',
 *   items: { '1': 'hrqol_1', '2': 'hrqol_2', '3': 'hrqol_3', '4': 'hrqol_4' } };
 */
export interface InstrumentColumns {
  readonly instrument: string;
  readonly form?: string;
  readonly completedOn: string;
  readonly items: Readonly<Record<string, string>>;
}

/**
 * A column-mapping file: how the columns of a source file (a REDCap raw export, or any other header names) become
 * assessment rows ({@link ASSESSMENT_ROW_COLUMNS}). One source row can hold several instruments (a REDCap event with
 * two forms): it gives one assessment row per instrument with any value. `assessmentId` names a column with an id;
 * without it the id is built from the enrolment, the event, the repeat instance and the instrument
 * (`enr-001.baseline-arm-1.1.barc-10`, characters other than letters, digits, `.` and `-` written `-`).
 *
 * @example
 * const m: ColumnMapping = {
 *   enrolmentId: 'record_id', event: 'redcap_event_name',
 *   repeatInstrument: 'redcap_repeat_instrument', repeatInstance: 'redcap_repeat_instance',
 *   instruments: [{ instrument: 'barc-10', form: 'barc10', completedOn: 'barc_date',
 *     items: { '1': 'barc_1', '2': 'barc_2' } }],
 * };
 */
export interface ColumnMapping {
  readonly enrolmentId: string;
  readonly assessmentId?: string;
  readonly event?: string;
  readonly repeatInstrument?: string;
  readonly repeatInstance?: string;
  readonly instruments: readonly InstrumentColumns[];
}

/**
 * The code of an issue of a column mapping: the mapping document is malformed (`invalid-mapping`), a column it names
 * is not in the source header (`missing-column`), or a source row has no value for any mapped instrument
 * (`no-mapped-data`, a warning: the row is reported, not silently dropped), or the document threw while it was
 * read (`unreadable-input`: a Proxy or a getter; plain data, such as the result of `JSON.parse`, never does).
 *
 * @example
 * const code: ColumnMappingIssueCode = 'no-mapped-data';
 */
export type ColumnMappingIssueCode =
  | 'invalid-mapping'
  | 'missing-column'
  | 'no-mapped-data'
  | 'unreadable-input';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Checks a column-mapping document (parsed JSON) and returns a plain copy of it, typed, or the issues naming each
 * bad field. Never throws, for any JavaScript value: one that throws while it is read is an `unreadable-input`
 * issue at the path where it threw.
 *
 * @example
 * parseColumnMapping({ enrolmentId: 'record_id', instruments: [] }).success; // false: no instrument
 */
export function parseColumnMapping(value: unknown): Result<ColumnMapping, Issue<ColumnMappingIssueCode>> {
  try {
    return checkColumnMapping(value);
  } catch {
    const path = findUnreadable(value) ?? [];
    return fail([
      {
        code: 'unreadable-input',
        path,
        severity: 'error',
        message: `${path.join('.') || '(root)'}: could not be read (a getter or a Proxy threw); pass plain data, such as the result of JSON.parse`,
      },
    ]);
  }
}

function checkColumnMapping(value: unknown): Result<ColumnMapping, Issue<ColumnMappingIssueCode>> {
  const issues: Issue<ColumnMappingIssueCode>[] = [];
  const bad = (path: (string | number)[], text: string) =>
    issues.push({
      code: 'invalid-mapping',
      path,
      severity: 'error',
      message: `${path.join('.') || '(root)'}: ${text}`,
    });
  if (!isObject(value)) {
    bad([], 'expected an object with enrolmentId and instruments');
    return fail(issues);
  }
  if (!isName(value.enrolmentId)) bad(['enrolmentId'], 'expected a column name');
  for (const k of ['assessmentId', 'event', 'repeatInstrument', 'repeatInstance'])
    if (value[k] !== undefined && !isName(value[k])) bad([k], 'expected a column name');
  if (!Array.isArray(value.instruments) || value.instruments.length === 0)
    bad(['instruments'], 'expected a non-empty array');
  else
    value.instruments.forEach((m: unknown, i: number) => {
      if (!isObject(m)) {
        bad(['instruments', i], 'expected an object');
        return;
      }
      if (!isName(m.instrument)) bad(['instruments', i, 'instrument'], 'expected an instrument id');
      if (m.form !== undefined && !isName(m.form)) bad(['instruments', i, 'form'], 'expected a form name');
      if (!isName(m.completedOn)) bad(['instruments', i, 'completedOn'], 'expected a column name');
      if (!isObject(m.items) || Object.keys(m.items).length === 0)
        bad(['instruments', i, 'items'], 'expected an object of item id to column name');
      else
        for (const [id, col] of Object.entries(m.items))
          if (!isName(col)) bad(['instruments', i, 'items', id], 'expected a column name');
    });
  if (issues.length > 0) return fail(issues);
  // A copy of the checked fields, so that the mapper never reads the caller's object again.
  const optional = (o: Record<string, unknown>, keys: readonly string[]) =>
    Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  const copy = {
    enrolmentId: value.enrolmentId,
    ...optional(value, ['assessmentId', 'event', 'repeatInstrument', 'repeatInstance']),
    instruments: (value.instruments as Record<string, unknown>[]).map((m) => ({
      instrument: m.instrument,
      ...optional(m, ['form']),
      completedOn: m.completedOn,
      items: Object.fromEntries(Object.entries(m.items as Record<string, unknown>)),
    })),
  };
  return ok(copy as unknown as ColumnMapping);
}

/**
 * A mapper of source rows to assessment rows (see {@link createColumnMapper}).
 *
 * @example
 * const mapper: ColumnMapper = createColumnMapper(mapping);
 */
export interface ColumnMapper {
  /** The source columns the mapping names that the header lacks (`missing-column`, on line 1). */
  header(names: readonly string[]): Issue<ColumnMappingIssueCode>[];
  /** The assessment rows of one source row, or a `no-mapped-data` warning when it has none. */
  row(
    record: Readonly<Record<string, unknown>>,
    line: number,
  ): {
    readonly records: Record<string, string>[];
    readonly issues: Issue<ColumnMappingIssueCode>[];
  };
  /** The header of the assessment rows it gives. */
  readonly columns: readonly string[];
}

function text(record: Readonly<Record<string, unknown>>, column: string | undefined): string {
  if (column === undefined) return '';
  const v = record[column];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

function idPart(value: string): string {
  return value.replace(/[^A-Za-z0-9.-]+/g, '-');
}

/**
 * Creates a mapper from a checked {@link ColumnMapping}: each source row gives one assessment row per mapped
 * instrument that has a date or an answer in it (on a REDCap repeating-instrument row, only the instrument of that
 * form), with the layout's columns (`assessment_id`, `enrolment_id`, `instrument`, `completed_on`, `item_<id>`).
 * Values are passed as they are (trimmed): the assessment validator judges them. Pure; never throws.
 *
 * @example
 * const mapper = createColumnMapper({ enrolmentId: 'record_id', event: 'redcap_event_name',
 *   instruments: [{ instrument: 'hrqol-4', completedOn: 'hrqol_date', items: { '2': 'pud', '3': 'mud' } }] });
 * mapper.row({ record_id: 'enr-1', redcap_event_name: 'baseline_arm_1', hrqol_date: '2026-02-01', pud: '3', mud: '4' }, 2)
 *   .records[0];
 * // { assessment_id: 'enr-1.baseline-arm-1.hrqol-4', enrolment_id: 'enr-1', instrument: 'hrqol-4',
 * //   completed_on: '2026-02-01', item_2: '3', item_3: '4' }
 */
export function createColumnMapper(mapping: ColumnMapping): ColumnMapper {
  const itemIds = [...new Set(mapping.instruments.flatMap((m) => Object.keys(m.items)))];
  const columns = ['assessment_id', 'enrolment_id', 'instrument', 'completed_on', ...itemIds.map(itemColumn)];
  const named = [
    mapping.enrolmentId,
    mapping.assessmentId,
    mapping.event,
    mapping.repeatInstrument,
    mapping.repeatInstance,
    ...mapping.instruments.flatMap((m) => [m.completedOn, ...Object.values(m.items)]),
  ].filter((c): c is string => c !== undefined);
  return {
    columns,
    header(names) {
      const have = new Set(names.map((n) => n.trim()));
      return [...new Set(named)]
        .filter((c) => !have.has(c))
        .map((c) => ({
          code: 'missing-column' as const,
          path: ['header', c.replace(/[^A-Za-z0-9_.-]/g, '?')],
          severity: 'error' as const,
          message: `${c.replace(/[^A-Za-z0-9_.-]/g, '?')}: is named by the column mapping and is not in the header`,
          location: { line: 1 },
        }));
    },
    row(record, line) {
      const repeat = text(record, mapping.repeatInstrument);
      const records: Record<string, string>[] = [];
      for (const m of mapping.instruments) {
        if (repeat !== '' && m.form !== repeat) continue;
        const date = text(record, m.completedOn);
        const answers = Object.entries(m.items).map(
          ([id, col]) => [itemColumn(id), text(record, col)] as const,
        );
        if (date === '' && answers.every(([, v]) => v === '')) continue;
        const enrolment = text(record, mapping.enrolmentId);
        const given = text(record, mapping.assessmentId);
        const parts = [
          enrolment,
          text(record, mapping.event),
          text(record, mapping.repeatInstance),
          m.instrument,
        ];
        const row: Record<string, string> = {};
        for (const c of columns) row[c] = '';
        row.assessment_id =
          given !== '' || mapping.assessmentId !== undefined
            ? given
            : idPart(parts.filter((p) => p !== '').join('.')).slice(0, 64);
        row.enrolment_id = enrolment;
        row.instrument = m.instrument;
        row.completed_on = date;
        for (const [col, v] of answers) row[col] = v;
        records.push(row);
      }
      const issues: Issue<ColumnMappingIssueCode>[] =
        records.length > 0
          ? []
          : [
              {
                code: 'no-mapped-data',
                path: [],
                severity: 'warning',
                message: 'the row has no date or answer of any mapped instrument; it gives no assessment',
                location: { line },
              },
            ];
      return { records, issues };
    },
  };
}

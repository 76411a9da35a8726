import type { Assessment } from '../model/domain';
import type { LocalDate } from '../model/primitives';
import { fail, type Issue, ok, type Result } from '../model/result';
import { assessmentHeader, itemColumn } from './dataset';
import { dayNumber } from './dates';
import type { InstrumentDefinition } from './instrument';
import { instrumentById } from './instruments';
import { enrolmentPoints } from './points';
import {
  type AssessmentSchedule,
  evaluateSchedule,
  type ScheduleEnrolment,
  type SchedulePointResult,
  samhsaSuprt2025,
} from './schedule';
import { type InstrumentScoreResult, scoreAssessment } from './score';

/**
 * A value of an analysis-ready record: text, a number, or `null` (blank in CSV, `null` in NDJSON).
 *
 * @example
 * const v: ResearchValue = 47;
 */
export type ResearchValue = string | number | null;

/**
 * Analysis-ready records: the column names in order and one record per row (every column present).
 *
 * @example
 * const t: ResearchTable = { columns: ['enrolment_id', 'total'], rows: [{ enrolment_id: 'enr-1', total: 40 }] };
 */
export interface ResearchTable {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, ResearchValue>>[];
}

/**
 * The records the research exports read: enrolments (with the peer when known) and assessments (a
 * {@link ProgramData} fits, and so do rows read with the data-set validators).
 *
 * @example
 * const input: ResearchExportInput = { enrolments: data.enrolments, assessments: data.assessments };
 */
export interface ResearchExportInput {
  readonly enrolments: readonly (ScheduleEnrolment & { readonly peerId?: string })[];
  readonly assessments: readonly Pick<
    Assessment,
    'id' | 'enrolmentId' | 'instrument' | 'completedOn' | 'answers'
  >[];
}

/**
 * Options of {@link researchLongTable} and {@link researchWideTable}.
 *
 * @example
 * const o: ResearchExportOptions = { asOf: '2026-11-20', thresholds: { sustainedRemissionThreshold: 50 } };
 */
export interface ResearchExportOptions {
  /** Records dated after it are not read; windows are judged as of it. */
  readonly asOf: LocalDate;
  /** The assessment schedule (default {@link samhsaSuprt2025}). */
  readonly schedule?: AssessmentSchedule;
  /** A program's own or changed instrument definitions; they replace built-ins with the same id. */
  readonly instruments?: readonly InstrumentDefinition[];
  /** Threshold values by threshold id (see {@link scoreAssessment}). */
  readonly thresholds?: Readonly<Record<string, number>>;
  /** Id of the schedule point that is the baseline (default `baseline`). */
  readonly baselinePointId?: string;
}

/**
 * The code of an issue of the research exports: a bad as-of date, or a record skipped because its enrolment is
 * unknown, its date is not a calendar date, or its instrument is unknown (every record read is used or reported).
 *
 * @example
 * const code: ResearchExportIssueCode = 'unknown-enrolment';
 */
export type ResearchExportIssueCode =
  | 'invalid-as-of'
  | 'invalid-date'
  | 'unknown-enrolment'
  | 'unknown-instrument';

/** The status of a response in the research exports (`scored` is written `complete`). */
const STATUS: Readonly<Record<InstrumentScoreResult['status'], string>> = {
  scored: 'complete',
  incomplete: 'incomplete',
  invalid: 'invalid',
};

/**
 * A column-name form of a schedule point occurrence for R, pandas, SPSS and REDCap: lower case, `_` for anything but
 * letters and digits, the occurrence appended for recurring points (`annual_1`, `annual_2`).
 *
 * @example
 * pointColumn('reassessment-6m', 1, false); // 'reassessment_6m'
 * pointColumn('annual', 2, true); // 'annual_2'
 */
export function pointColumn(pointId: string, occurrence: number, recurring: boolean): string {
  const base =
    pointId
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'point';
  return recurring ? `${base}_${occurrence}` : base;
}

/** One response with what its score says (the score itself is not kept: a data set can have a million). */
interface Entry {
  readonly a: ResearchExportInput['assessments'][number];
  readonly day: number;
  readonly status: InstrumentScoreResult['status'];
  /** The total and threshold flags of a complete (scored) response; `undefined` otherwise. */
  readonly total: number | undefined;
  readonly flags: Readonly<Record<string, boolean>> | undefined;
}

interface Prepared {
  readonly issues: Issue<ResearchExportIssueCode>[];
  readonly enrolments: ReadonlyMap<string, ResearchExportInput['enrolments'][number]>;
  /** enrolment id -> instrument id -> responses with their scores, in date then id order. */
  readonly byEnrolment: ReadonlyMap<string, ReadonlyMap<string, readonly Entry[]>>;
  readonly defs: ReadonlyMap<string, InstrumentDefinition>;
  readonly schedule: AssessmentSchedule;
  readonly baselineId: string;
}

function prepare(
  input: ResearchExportInput,
  options: ResearchExportOptions,
): Result<Prepared, Issue<ResearchExportIssueCode>> {
  const issues: Issue<ResearchExportIssueCode>[] = [];
  const asOf = dayNumber(options.asOf);
  if (asOf === null)
    return fail([
      {
        code: 'invalid-as-of',
        path: ['asOf'],
        severity: 'error',
        message: 'asOf: expected a calendar date YYYY-MM-DD',
      },
    ]);
  const warn = (code: ResearchExportIssueCode, path: (string | number)[], text: string) =>
    issues.push({
      code,
      path,
      severity: 'warning',
      message: `${path.join('.')}: ${text}; the record was skipped`,
    });
  const enrolments = new Map<string, ResearchExportInput['enrolments'][number]>();
  input.enrolments.forEach((e, i) => {
    const d = dayNumber(e.enrolledOn);
    if (d === null)
      warn('invalid-date', ['enrolments', i, 'enrolledOn'], 'is not a calendar date YYYY-MM-DD');
    else if (d <= asOf && !enrolments.has(e.id)) enrolments.set(e.id, e);
  });
  const defs = new Map<string, InstrumentDefinition>();
  const byEnrolment = new Map<string, Map<string, Entry[]>>();
  for (const [i, a] of input.assessments.entries()) {
    const day = dayNumber(a.completedOn);
    if (day === null) {
      warn('invalid-date', ['assessments', i, 'completedOn'], 'is not a calendar date YYYY-MM-DD');
      continue;
    }
    if (day > asOf) continue;
    if (!enrolments.has(a.enrolmentId)) {
      warn(
        'unknown-enrolment',
        ['assessments', i, 'enrolmentId'],
        'names no enrolment started by the as-of date',
      );
      continue;
    }
    const def = defs.get(a.instrument) ?? instrumentById(a.instrument, options.instruments ?? []);
    if (def === undefined) {
      warn('unknown-instrument', ['assessments', i, 'instrument'], 'is not a known instrument');
      continue;
    }
    defs.set(def.id, def);
    const score = scoreAssessment(
      a,
      def,
      options.thresholds === undefined ? {} : { thresholds: options.thresholds },
    );
    const perInstrument = byEnrolment.get(a.enrolmentId) ?? new Map<string, Entry[]>();
    const list = perInstrument.get(def.id) ?? [];
    const scored = score.status === 'scored';
    list.push({
      a,
      day,
      status: score.status,
      total: scored ? score.total : undefined,
      flags: scored ? score.flags : undefined,
    });
    perInstrument.set(def.id, list);
    byEnrolment.set(a.enrolmentId, perInstrument);
  }
  for (const perInstrument of byEnrolment.values())
    for (const list of perInstrument.values())
      list.sort((x, y) => x.day - y.day || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0));
  return ok({
    issues,
    enrolments,
    byEnrolment,
    defs,
    schedule: options.schedule ?? samhsaSuprt2025,
    baselineId: options.baselinePointId ?? 'baseline',
  });
}

function placeResponses(
  enrolment: ScheduleEnrolment,
  list: readonly Entry[],
  instrumentId: string,
  schedule: AssessmentSchedule,
  asOf: LocalDate,
  baselineId: string,
) {
  return enrolmentPoints(
    enrolment,
    list.map((x) => x.a),
    totalsOf(list),
    schedule,
    asOf,
    instrumentId,
    baselineId,
  );
}

function totalsOf(list: readonly Entry[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const x of list) if (x.total !== undefined) totals.set(x.a.id, x.total);
  return totals;
}

function isRecurring(schedule: AssessmentSchedule, pointId: string): boolean {
  return schedule.points.some((p) => p.id === pointId && p.recurring !== undefined);
}

/**
 * The long (per-assessment) research table: one row per response, in enrolment, instrument, date order, with the
 * item answers, the status (`complete`, `incomplete`, `invalid`), the total (complete responses only), one 0/1
 * column per threshold flag (`flag_<flag>`, blank when it does not apply), the schedule point the response fills
 * (`schedule_point`, `occurrence`, `days_from_target`; blank with `schedule_note` `out-of-window` or
 * `extra-in-window` when it fills none), and the days from intake. Pure; never throws: records that cannot be placed
 * are skipped and reported as warnings (`unknown-enrolment`, `unknown-instrument`, `invalid-date`); a bad `asOf`
 * fails.
 *
 * @example
 * const r = researchLongTable(data, { asOf: '2026-11-20' });
 * if (r.success) r.data.rows[0]; // { enrolment_id: 'enr-001', instrument: 'barc-10', status: 'complete', total: 38, schedule_point: 'baseline', ... }
 */
export function researchLongTable(
  input: ResearchExportInput,
  options: ResearchExportOptions,
): Result<ResearchTable, Issue<ResearchExportIssueCode>> {
  const r = researchLongRows(input, options);
  return r.success ? ok({ columns: r.data.columns, rows: [...r.data.rows] }, r.issues) : r;
}

/**
 * A research table whose rows are made one at a time as they are read (see {@link researchLongRows}): iterate
 * `rows` (again, for a second pass) instead of holding them all.
 *
 * @example
 * const t: ResearchRows = { columns: ['enrolment_id'], rows: [{ enrolment_id: 'enr-1' }] };
 */
export interface ResearchRows {
  readonly columns: readonly string[];
  readonly rows: Iterable<Readonly<Record<string, ResearchValue>>>;
}

/**
 * {@link researchLongTable} with its rows made as they are read, for writing a large table a piece at a time: a
 * million-response table need not be held as a million records. The columns and the issues are known at once;
 * each pass over `rows` places each enrolment's responses in the schedule again. The rows, and their order, are
 * those of {@link researchLongTable}.
 *
 * @example
 * const r = researchLongRows(data, { asOf: '2026-11-20' });
 * if (r.success) for (const row of r.data.rows) write(row);
 */
export function researchLongRows(
  input: ResearchExportInput,
  options: ResearchExportOptions,
): Result<ResearchRows, Issue<ResearchExportIssueCode>> {
  const prepared = prepare(input, options);
  if (!prepared.success) return prepared;
  const { issues, enrolments, byEnrolment, defs, schedule, baselineId } = prepared.data;
  const itemColumns = assessmentHeader([...defs.values()]).slice(4);
  const flags = [...new Set([...defs.values()].flatMap((d) => d.thresholds.map((t) => t.flag)))].sort();
  const columns = [
    'enrolment_id',
    'peer_id',
    'assessment_id',
    'instrument',
    'instrument_version',
    'completed_on',
    'days_from_intake',
    'status',
    'total',
    ...flags.map((f) => `flag_${f}`),
    'schedule_point',
    'occurrence',
    'days_from_target',
    'schedule_note',
    ...itemColumns,
  ];
  // Column names made once, not once per row.
  const itemColumnsOf = new Map(
    [...defs.values()].map((d) => [d.id, d.items.map((item) => [item.id, itemColumn(item.id)] as const)]),
  );
  const flagColumn = new Map(flags.map((f) => [f, `flag_${f}`]));
  function* rows(): Generator<Record<string, ResearchValue>> {
    for (const enrolmentId of [...byEnrolment.keys()].sort()) {
      const enrolment = enrolments.get(enrolmentId);
      const perInstrument = byEnrolment.get(enrolmentId);
      if (enrolment === undefined || perInstrument === undefined) continue;
      const intake = dayNumber(enrolment.enrolledOn) ?? 0;
      for (const instrumentId of [...perInstrument.keys()].sort()) {
        const list = perInstrument.get(instrumentId) ?? [];
        const def = defs.get(instrumentId);
        if (def === undefined) continue;
        const placed = placeResponses(enrolment, list, instrumentId, schedule, options.asOf, baselineId);
        const filled = new Map<string, SchedulePointResult>();
        for (const p of placed.all.points) if (p.assessmentId !== undefined) filled.set(p.assessmentId, p);
        const notes = new Map(placed.all.unassigned.map((u) => [u.assessmentId, u.reason]));
        for (const { a, day, status, total, flags: flagged } of list) {
          const row: Record<string, ResearchValue> = {};
          for (const c of columns) row[c] = null;
          row.enrolment_id = enrolmentId;
          row.peer_id = enrolment.peerId ?? null;
          row.assessment_id = a.id;
          row.instrument = def.id;
          row.instrument_version = def.version;
          row.completed_on = a.completedOn;
          row.days_from_intake = day - intake;
          row.status = STATUS[status];
          if (total !== undefined) {
            row.total = total;
            for (const [flag, v] of Object.entries(flagged ?? {}))
              row[flagColumn.get(flag) ?? `flag_${flag}`] = v ? 1 : 0;
          }
          const point = filled.get(a.id);
          const target = dayNumber(point?.window?.target);
          if (point !== undefined) {
            row.schedule_point = point.pointId;
            row.occurrence = point.occurrence;
            row.days_from_target = target === null ? null : day - target;
          } else row.schedule_note = notes.get(a.id) ?? null;
          for (const [itemId, column] of itemColumnsOf.get(def.id) ?? []) {
            const v = a.answers[itemId];
            row[column] = typeof v === 'number' && Number.isFinite(v) ? v : null;
          }
          yield row;
        }
      }
    }
  }
  return ok({ columns, rows: { [Symbol.iterator]: rows } }, issues);
}

/**
 * The wide (per-person) research table: one row per enrolment and instrument (every enrolment started by `asOf`,
 * for each instrument met in the data, so people with no response are rows too), with the baseline and each
 * follow-up point side by side: `<point>_status` (done, missed, in-window, upcoming, not-applicable),
 * `<point>_on`, `<point>_total` and, for follow-ups, `<point>_change` (total minus the baseline total). A total is
 * that of the complete response filling the point when the schedule is evaluated over complete responses (the pair
 * used by the summary's change by time point). Point columns are named with {@link pointColumn}. Pure; never throws
 * (see {@link researchLongTable} for the issues).
 *
 * @example
 * const r = researchWideTable(data, { asOf: '2026-11-20' });
 * if (r.success) r.data.columns; // ['enrolment_id', 'peer_id', 'instrument', 'enrolled_on', 'exited_on', 'baseline_status', ...]
 */
export function researchWideTable(
  input: ResearchExportInput,
  options: ResearchExportOptions,
): Result<ResearchTable, Issue<ResearchExportIssueCode>> {
  const r = researchWideRows(input, options);
  return r.success ? ok({ columns: r.data.columns, rows: [...r.data.rows] }, r.issues) : r;
}

/**
 * {@link researchWideTable} with its rows made as they are read (see {@link researchLongRows}). The point columns
 * are known before any row is made: which occurrences of the schedule's points an enrolment has depends only on its
 * dates and `asOf`, not on its responses. The rows, and their order, are those of {@link researchWideTable}.
 *
 * @example
 * const r = researchWideRows(data, { asOf: '2026-11-20' });
 * if (r.success) for (const row of r.data.rows) write(row);
 */
export function researchWideRows(
  input: ResearchExportInput,
  options: ResearchExportOptions,
): Result<ResearchRows, Issue<ResearchExportIssueCode>> {
  const prepared = prepare(input, options);
  if (!prepared.success) return prepared;
  const { issues, enrolments, byEnrolment, defs, schedule, baselineId } = prepared.data;
  const instrumentIds = [...defs.keys()].sort();
  const enrolmentIds = [...enrolments.keys()].sort();
  const baseKey = pointColumn(baselineId, 1, isRecurring(schedule, baselineId));
  const keyOf = (p: SchedulePointResult) =>
    pointColumn(p.pointId, p.occurrence, isRecurring(schedule, p.pointId));
  // The point columns, from the occurrences of each distinct pair of intake and exit dates.
  const pointOrder = new Map<string, number>();
  if (instrumentIds.length > 0 && enrolmentIds.length > 0) {
    pointOrder.set(baseKey, -1);
    const seen = new Set<string>();
    for (const enrolment of enrolments.values()) {
      const dates = `${enrolment.enrolledOn}/${enrolment.exit?.on ?? ''}`;
      if (seen.has(dates)) continue;
      seen.add(dates);
      for (const p of evaluateSchedule(enrolment, [], schedule, { asOf: options.asOf }).points) {
        if (p.pointId === baselineId && p.occurrence === 1) continue;
        const key = keyOf(p);
        const index = schedule.points.findIndex((s) => s.id === p.pointId);
        if (!pointOrder.has(key)) pointOrder.set(key, index * 10_000 + p.occurrence);
      }
    }
  }
  const keys = [...pointOrder.entries()].sort((a, b) => a[1] - b[1]).map(([k]) => k);
  const columns = [
    'enrolment_id',
    'peer_id',
    'instrument',
    'enrolled_on',
    'exited_on',
    ...keys.flatMap((k) =>
      k === baseKey
        ? [`${k}_status`, `${k}_on`, `${k}_total`]
        : [`${k}_status`, `${k}_on`, `${k}_total`, `${k}_change`],
    ),
  ];
  function* rows(): Generator<Record<string, ResearchValue>> {
    for (const instrumentId of instrumentIds) {
      for (const enrolmentId of enrolmentIds) {
        const enrolment = enrolments.get(enrolmentId);
        if (enrolment === undefined) continue;
        const list = byEnrolment.get(enrolmentId)?.get(instrumentId) ?? [];
        const placed = placeResponses(enrolment, list, instrumentId, schedule, options.asOf, baselineId);
        const row: Record<string, ResearchValue> = {
          enrolment_id: enrolmentId,
          peer_id: enrolment.peerId ?? null,
          instrument: instrumentId,
          enrolled_on: enrolment.enrolledOn,
          exited_on: enrolment.exit?.on ?? null,
        };
        const base = placed.all.points.find((p) => p.pointId === baselineId && p.occurrence === 1);
        row[`${baseKey}_status`] = base?.status ?? null;
        row[`${baseKey}_on`] =
          placed.baseline === undefined ? null : dateOf(list, placed.baseline.assessmentId);
        row[`${baseKey}_total`] = placed.baseline?.total ?? null;
        for (const p of placed.points) {
          const key = keyOf(p.point);
          row[`${key}_status`] = p.point.status;
          row[`${key}_on`] = p.complete === undefined ? null : dateOf(list, p.complete.assessmentId);
          row[`${key}_total`] = p.complete?.total ?? null;
          row[`${key}_change`] =
            p.complete === undefined || placed.baseline === undefined
              ? null
              : p.complete.total - placed.baseline.total;
        }
        yield Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
      }
    }
  }
  return ok({ columns, rows: { [Symbol.iterator]: rows } }, issues);
}

function dateOf(list: readonly { a: { id: string; completedOn: string } }[], id: string): string | null {
  return list.find((x) => x.a.id === id)?.a.completedOn ?? null;
}

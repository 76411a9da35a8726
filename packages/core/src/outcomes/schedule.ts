import type { Assessment } from '../model/domain';
import { type DataIssue, dataIssue } from '../model/issues';
import type { LocalDate } from '../model/primitives';
import { dateOfDay, dayNumber } from './dates';

/**
 * What a schedule point is counted from: the intake (`Enrolment.enrolledOn`) or the end of care
 * (`Enrolment.exit.on`).
 *
 * @example
 * const anchor: ScheduleAnchor = 'end-of-care';
 */
export type ScheduleAnchor = 'intake' | 'end-of-care';

/**
 * Id of a schedule point. The built-in schedule uses `baseline`, `reassessment-6m`, `annual` and `closeout`; a
 * program's schedule may use others.
 *
 * @example
 * const id: SchedulePointId = 'reassessment-6m';
 */
export type SchedulePointId = 'baseline' | 'reassessment-6m' | 'annual' | 'closeout' | (string & {});

/**
 * One assessment point of a schedule. Its window runs from `anchor + offsetDays - windowBeforeDays` to
 * `anchor + offsetDays + windowAfterDays`, both ends inclusive, in whole days.
 *
 * - `recurring`: the point repeats every `everyDays` days after the first (e.g. an annual assessment).
 * - `whileInCareOnly`: an occurrence is expected only when its target day is on or before the end of care (when
 *   the enrolment has an exit date). Without it the point is expected whether or not care has ended.
 * - `followUp`: the point counts toward the follow-up rate ({@link followUpRate}).
 *
 * @example
 * const p: AssessmentSchedulePoint = {
 *   id: 'reassessment-6m', label: 'Reassessment at 6 months', anchor: 'intake',
 *   offsetDays: 180, windowBeforeDays: 30, windowAfterDays: 30, followUp: true,
 * };
 */
export interface AssessmentSchedulePoint {
  readonly id: SchedulePointId;
  readonly label: string;
  readonly anchor: ScheduleAnchor;
  /** Days from the anchor to the target day (whole days; 0 = the anchor day). */
  readonly offsetDays: number;
  /** Days the window opens before the target day. */
  readonly windowBeforeDays: number;
  /** Days the window stays open after the target day. */
  readonly windowAfterDays: number;
  /** Repeats every `everyDays` days after the first occurrence. */
  readonly recurring?: { readonly everyDays: number };
  /** Expected only while the person is in care on the target day. */
  readonly whileInCareOnly?: boolean;
  /** Counts toward the follow-up rate. */
  readonly followUp: boolean;
}

/**
 * An assessment schedule as versioned data: which assessments are due when. Replace it (new `id` or `version`)
 * when a funder's instructions change; evaluations name the schedule and version they used.
 *
 * @example
 * const s: AssessmentSchedule = { ...samhsaSuprt2025, id: 'my-program', version: '2026-01' };
 */
export interface AssessmentSchedule {
  readonly id: string;
  readonly version: string;
  /** Where the schedule comes from and how sure it is. */
  readonly source: string;
  readonly points: readonly AssessmentSchedulePoint[];
  /**
   * When care ends (the closeout), follow-up points whose target day is after the end of care are waived
   * (`not-applicable`, reason `waived-by-closeout`) instead of still being expected.
   */
  readonly closeoutWaivesLaterFollowUps?: boolean;
}

/**
 * The SAMHSA SUPRT client-level reporting schedule (discretionary grants, from October 2025), as far as it is
 * publicly described: baseline within 30 days of intake; reassessment at 180 days (plus or minus 30); an annual
 * assessment at 365 days (plus or minus 30), repeated every 365 days while the person is in care; closeout within
 * 30 days after the end of care. Reassessment and annual are follow-ups (they count toward the 80% follow-up rate);
 * baseline and closeout are not. An early end of care waives the later follow-ups (`closeoutWaivesLaterFollowUps`):
 * the closeout takes their place, so a reassessment whose target is after the end of care is not expected and does
 * not lower the follow-up rate.
 *
 * The SUPRT codebook is not public: check this against your award's instructions and supply a new version of the
 * schedule when they differ.
 *
 * @example
 * samhsaSuprt2025.points.map((p) => p.id); // ['baseline', 'reassessment-6m', 'annual', 'closeout']
 */
export const samhsaSuprt2025: AssessmentSchedule = Object.freeze({
  id: 'samhsa-suprt',
  version: '2025-10.2',
  source:
    'SAMHSA SUPRT client-level reporting for discretionary grants (replaced GPRA tools in October 2025), as publicly ' +
    'described: baseline within 30 days of intake, reassessment at 180 days +/- 30, annual +/- 30, closeout within ' +
    '30 days after end of care, 80% follow-up expected. The SUPRT codebook is not public; annual recurrence while ' +
    'in care and the closeout waiving later follow-ups are this library\u2019s reading. Verify against your ' +
    'award instructions.',
  points: Object.freeze([
    Object.freeze({
      id: 'baseline',
      label: 'Baseline (within 30 days of intake)',
      anchor: 'intake',
      offsetDays: 0,
      windowBeforeDays: 0,
      windowAfterDays: 30,
      followUp: false,
    }),
    Object.freeze({
      id: 'reassessment-6m',
      label: 'Reassessment at 180 days (+/- 30)',
      anchor: 'intake',
      offsetDays: 180,
      windowBeforeDays: 30,
      windowAfterDays: 30,
      followUp: true,
    }),
    Object.freeze({
      id: 'annual',
      label: 'Annual assessment (+/- 30), each year in care',
      anchor: 'intake',
      offsetDays: 365,
      windowBeforeDays: 30,
      windowAfterDays: 30,
      recurring: Object.freeze({ everyDays: 365 }),
      whileInCareOnly: true,
      followUp: true,
    }),
    Object.freeze({
      id: 'closeout',
      label: 'Closeout (within 30 days after end of care)',
      anchor: 'end-of-care',
      offsetDays: 0,
      windowBeforeDays: 0,
      windowAfterDays: 30,
      followUp: false,
    }),
  ] satisfies AssessmentSchedulePoint[]),
  closeoutWaivesLaterFollowUps: true,
} satisfies AssessmentSchedule);

/**
 * Status of one schedule point occurrence, as of the evaluation date.
 *
 * - `done`: an assessment falls inside the window (edges inclusive).
 * - `in-window`: the window is open on `asOf` and no assessment is inside it yet.
 * - `upcoming`: the window opens after `asOf`.
 * - `missed`: the window closed before `asOf` with no assessment inside it. An assessment outside every window
 *   never fulfils a point; it is listed in `unassigned` as `out-of-window`.
 * - `not-applicable`: the point does not apply (closeout before care has ended; an in-care-only point whose target
 *   is after the end of care; a follow-up waived by an earlier closeout). `reason` says which.
 *
 * @example
 * const s: SchedulePointStatus = 'missed';
 */
export type SchedulePointStatus = 'done' | 'in-window' | 'upcoming' | 'missed' | 'not-applicable';

/**
 * One occurrence of a schedule point for one enrolment. `occurrence` counts from 1 (the second annual assessment is
 * occurrence 2). `window` is absent only when the point is `not-applicable`.
 *
 * @example
 * const r: SchedulePointResult = {
 *   enrolmentId: 'enr-1', pointId: 'reassessment-6m', occurrence: 1, followUp: true, status: 'done',
 *   window: { opens: '2026-06-30', target: '2026-07-30', closes: '2026-08-29' },
 *   assessmentId: 'a7', completedOn: '2026-07-21',
 * };
 */
export interface SchedulePointResult {
  readonly enrolmentId: string;
  readonly pointId: SchedulePointId;
  readonly occurrence: number;
  readonly followUp: boolean;
  readonly status: SchedulePointStatus;
  readonly window?: { readonly opens: LocalDate; readonly target: LocalDate; readonly closes: LocalDate };
  /** The assessment that fulfilled the point (when `done`). */
  readonly assessmentId?: string;
  /** Its date (when `done`). */
  readonly completedOn?: LocalDate;
  /** Why the point does not apply (when `not-applicable`). */
  readonly reason?: 'care-not-ended' | 'care-ended-before-target' | 'waived-by-closeout';
}

/**
 * An assessment that fulfils no schedule point: `out-of-window` (inside no window; `nearest` names the closest
 * window and `daysFromWindow` how far outside it is, negative when early), or `extra-in-window` (inside a window
 * another assessment already fulfilled).
 *
 * @example
 * const u: UnassignedAssessment = {
 *   assessmentId: 'a3', completedOn: '2026-03-04', reason: 'out-of-window',
 *   nearest: { pointId: 'baseline', occurrence: 1 }, daysFromWindow: 1,
 * };
 */
export interface UnassignedAssessment {
  readonly assessmentId: string;
  readonly completedOn: LocalDate;
  readonly reason: 'out-of-window' | 'extra-in-window';
  readonly nearest?: { readonly pointId: SchedulePointId; readonly occurrence: number };
  readonly daysFromWindow?: number;
}

/**
 * The schedule of one enrolment evaluated on a date: one result per point occurrence (in schedule order), the
 * assessments that fulfil no point, and any data problems met (dates that are not calendar dates).
 *
 * @example
 * const e: ScheduleEvaluation = evaluateSchedule(enrolment, assessments, samhsaSuprt2025, { asOf: '2026-09-01' });
 * e.points.filter((p) => p.status === 'missed').length;
 */
export interface ScheduleEvaluation {
  readonly enrolmentId: string;
  readonly scheduleId: string;
  readonly scheduleVersion: string;
  readonly asOf: LocalDate;
  readonly points: readonly SchedulePointResult[];
  readonly unassigned: readonly UnassignedAssessment[];
  readonly issues: readonly DataIssue[];
}

/**
 * Options of {@link evaluateSchedule}.
 *
 * @example
 * const o: EvaluateScheduleOptions = { asOf: '2026-09-01', instrument: 'barc-10' };
 */
export interface EvaluateScheduleOptions {
  /** The evaluation date: windows are judged as of this day; assessments dated after it are not seen. */
  readonly asOf: LocalDate;
  /** Only assessments of this instrument id count (all instruments when absent). */
  readonly instrument?: string;
}

/**
 * The enrolment fields a schedule needs (an {@link Enrolment} fits).
 *
 * @example
 * const e: ScheduleEnrolment = { id: 'enr-1', enrolledOn: '2026-01-05' };
 */
export interface ScheduleEnrolment {
  readonly id: string;
  readonly enrolledOn: LocalDate;
  readonly exit?: { readonly on: LocalDate } | undefined;
}

interface Occurrence {
  readonly index: number;
  readonly point: AssessmentSchedulePoint;
  readonly occurrence: number;
  readonly opens: number;
  readonly target: number;
  readonly closes: number;
}

const MAX_OCCURRENCES = 1000;

function wholeDays(v: unknown, min: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min;
}

/** Step 1 of {@link evaluateSchedule}: each point's occurrences and their windows (or why it does not apply). */
function pointOccurrences(
  enrolmentId: string,
  intake: number,
  exit: number | null,
  asOf: number,
  schedule: AssessmentSchedule,
  issues: DataIssue[],
): { results: (SchedulePointResult | Occurrence)[][]; occurrences: Occurrence[] } {
  const results: (SchedulePointResult | Occurrence)[][] = [];
  const occurrences: Occurrence[] = [];
  schedule.points.forEach((point, index) => {
    const own: (SchedulePointResult | Occurrence)[] = [];
    results.push(own);
    if (
      !wholeDays(point.offsetDays, Number.MIN_SAFE_INTEGER) ||
      !wholeDays(point.windowBeforeDays, 0) ||
      !wholeDays(point.windowAfterDays, 0)
    ) {
      issues.push(
        dataIssue(
          'invalid-value',
          ['schedule', 'points', index],
          'offset and window days must be whole numbers',
        ),
      );
      return;
    }
    // Results are written out field by field, not spread from a common base: in optimised code, V8 (Node 20) gives
    // each object whose literal starts with a spread and goes on a hidden class of its own (a few hundred bytes each,
    // and slow to make).
    const notApplicable = (reason: NonNullable<SchedulePointResult['reason']>): SchedulePointResult => ({
      enrolmentId,
      pointId: point.id,
      occurrence: 1,
      followUp: point.followUp === true,
      status: 'not-applicable',
      reason,
    });
    let anchor: number;
    if (point.anchor === 'end-of-care') {
      if (exit === null) {
        own.push(notApplicable('care-not-ended'));
        return;
      }
      anchor = exit;
    } else {
      anchor = intake;
    }
    const every =
      point.recurring !== undefined && wholeDays(point.recurring.everyDays, 1)
        ? point.recurring.everyDays
        : 0;
    const inCareOnly = point.whileInCareOnly === true && exit !== null;
    const waivable = schedule.closeoutWaivesLaterFollowUps === true && point.followUp === true;
    for (let k = 0; k < MAX_OCCURRENCES; k++) {
      const target = anchor + point.offsetDays + k * every;
      if ((inCareOnly || waivable) && exit !== null && target > exit) {
        const reason = inCareOnly ? 'care-ended-before-target' : 'waived-by-closeout';
        if (k === 0) own.push(notApplicable(reason));
        break;
      }
      const occ: Occurrence = {
        index,
        point,
        occurrence: k + 1,
        opens: target - point.windowBeforeDays,
        target,
        closes: target + point.windowAfterDays,
      };
      own.push(occ);
      occurrences.push(occ);
      if (every === 0 || occ.opens > asOf) break;
    }
  });

  return { results, occurrences };
}

/**
 * The windows of a schedule for one enrolment as of a day, as {@link evaluateSchedule} places assessments in them:
 * day numbers (days since 1970-01-01) of each occurrence's first and last day. An assessment dated on or before
 * `asOf` inside none of them is one `evaluateSchedule` reports as `out-of-window`. For callers that check many
 * enrolments (the data-set validator) and need `evaluateSchedule` only for the rare rows outside every window.
 *
 * @internal
 * @example
 * scheduleWindows(20_454, null, samhsaSuprt2025, 20_800); // [{ opens: 20454, closes: 20484 }, ...]
 */
export function scheduleWindows(
  intake: number,
  exit: number | null,
  schedule: AssessmentSchedule,
  asOf: number,
): readonly { readonly opens: number; readonly closes: number }[] {
  return pointOccurrences('', intake, exit, asOf, schedule, []).occurrences;
}

/** A {@link ScheduleEvaluation} written out field by field (one hidden class for all of them). */
function evaluation(
  enrolmentId: string,
  schedule: AssessmentSchedule,
  asOf: LocalDate,
  points: readonly SchedulePointResult[],
  unassigned: readonly UnassignedAssessment[],
  issues: readonly DataIssue[],
): ScheduleEvaluation {
  return {
    enrolmentId,
    scheduleId: schedule.id,
    scheduleVersion: schedule.version,
    asOf,
    points,
    unassigned,
    issues,
  };
}

/**
 * Evaluates an assessment schedule for one enrolment as of a date.
 *
 * Days are whole calendar days counted on the `YYYY-MM-DD` dates (no time zone; intake is day 0). A window
 * includes both edges: the 180 +/- 30 reassessment accepts days 150 to 210 after intake; baseline accepts days 0 to
 * 30. Only the enrolment's assessments (and, with `instrument`, only that instrument's) dated on or before `asOf`
 * are seen. Each assessment fulfils at most one point occurrence: occurrences are taken in order of closing day and
 * each takes the earliest free assessment inside its window (this fulfils as many points as possible). An
 * assessment inside no window fulfils nothing and is listed in `unassigned` as `out-of-window` with the nearest
 * window; a point with only such assessments is `missed` once its window has closed. Recurring points (annual)
 * are listed up to the first occurrence whose window has not opened yet. Holds do not move windows. Whether a
 * response is complete is not judged here (see {@link scoreAssessment}). Never throws: invalid dates are reported
 * in `issues` and skipped.
 *
 * @example
 * const e = evaluateSchedule(
 *   { id: 'enr-1', enrolledOn: '2026-01-01' },
 *   [{ id: 'a1', enrolmentId: 'enr-1', instrument: 'barc-10', completedOn: '2026-01-31' }],
 *   samhsaSuprt2025,
 *   { asOf: '2026-03-01' },
 * );
 * e.points[0]; // { pointId: 'baseline', status: 'done', assessmentId: 'a1', ... } (day 30: last day of the window)
 * e.points[1]?.status; // 'upcoming' (the reassessment window opens on day 150)
 */
export function evaluateSchedule(
  enrolment: ScheduleEnrolment,
  assessments: readonly Pick<Assessment, 'id' | 'enrolmentId' | 'instrument' | 'completedOn'>[],
  schedule: AssessmentSchedule,
  options: EvaluateScheduleOptions,
): ScheduleEvaluation {
  const issues: DataIssue[] = [];
  const asOf = dayNumber(options.asOf);
  const intake = dayNumber(enrolment.enrolledOn);
  if (asOf === null) issues.push(dataIssue('invalid-date', ['asOf'], 'expected a calendar date YYYY-MM-DD'));
  if (intake === null)
    issues.push(
      dataIssue('invalid-date', ['enrolment', 'enrolledOn'], 'expected a calendar date YYYY-MM-DD'),
    );
  let exit: number | null = null;
  if (enrolment.exit !== undefined) {
    exit = dayNumber(enrolment.exit.on);
    if (exit === null)
      issues.push(
        dataIssue('invalid-date', ['enrolment', 'exit', 'on'], 'expected a calendar date YYYY-MM-DD'),
      );
  }
  if (asOf === null || intake === null)
    return evaluation(enrolment.id, schedule, options.asOf, [], [], issues);

  // 1. Point occurrences and their windows.
  const { results, occurrences } = pointOccurrences(enrolment.id, intake, exit, asOf, schedule, issues);

  // 2. The enrolment's assessments as of asOf, in date order (then id, so input order does not matter).
  const candidates: { id: string; day: number; date: string }[] = [];
  assessments.forEach((a, i) => {
    if (a.enrolmentId !== enrolment.id) return;
    if (options.instrument !== undefined && a.instrument !== options.instrument) return;
    const day = dayNumber(a.completedOn);
    if (day === null) {
      issues.push(
        dataIssue('invalid-date', ['assessments', i, 'completedOn'], 'expected a calendar date YYYY-MM-DD'),
      );
      return;
    }
    if (day <= asOf) candidates.push({ id: a.id, day, date: a.completedOn });
  });
  candidates.sort((x, y) => x.day - y.day || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

  // 3. Assignment: occurrences by closing day, each takes the earliest free assessment inside its window.
  const byClose = [...occurrences].sort(
    (x, y) => x.closes - y.closes || x.opens - y.opens || x.index - y.index || x.occurrence - y.occurrence,
  );
  const used = new Set<number>();
  const fulfilled = new Map<Occurrence, number>();
  for (const occ of byClose) {
    const at = candidates.findIndex((c, i) => !used.has(i) && c.day >= occ.opens && c.day <= occ.closes);
    if (at >= 0) {
      used.add(at);
      fulfilled.set(occ, at);
    }
  }

  // 4. Results in schedule order.
  const points: SchedulePointResult[] = [];
  for (const own of results) {
    for (const r of own) {
      if (!('opens' in r)) {
        points.push(r);
        continue;
      }
      const window = { opens: dateOfDay(r.opens), target: dateOfDay(r.target), closes: dateOfDay(r.closes) };
      const c = fulfilled.get(r);
      const hit = c === undefined ? undefined : candidates[c];
      const followUp = r.point.followUp === true;
      if (hit !== undefined)
        points.push({
          enrolmentId: enrolment.id,
          pointId: r.point.id,
          occurrence: r.occurrence,
          followUp,
          window,
          status: 'done',
          assessmentId: hit.id,
          completedOn: hit.date,
        });
      else
        points.push({
          enrolmentId: enrolment.id,
          pointId: r.point.id,
          occurrence: r.occurrence,
          followUp,
          window,
          status: asOf > r.closes ? 'missed' : asOf >= r.opens ? 'in-window' : 'upcoming',
        });
    }
  }

  // 5. Assessments that fulfil nothing.
  const unassigned: UnassignedAssessment[] = [];
  candidates.forEach((c, i) => {
    if (used.has(i)) return;
    if (occurrences.some((o) => c.day >= o.opens && c.day <= o.closes)) {
      unassigned.push({ assessmentId: c.id, completedOn: c.date, reason: 'extra-in-window' });
      return;
    }
    let best: { occ: Occurrence; signed: number } | undefined;
    for (const o of byClose) {
      const signed = c.day < o.opens ? c.day - o.opens : c.day - o.closes;
      if (best === undefined || Math.abs(signed) < Math.abs(best.signed)) best = { occ: o, signed };
    }
    unassigned.push(
      best === undefined
        ? { assessmentId: c.id, completedOn: c.date, reason: 'out-of-window' }
        : {
            assessmentId: c.id,
            completedOn: c.date,
            reason: 'out-of-window',
            nearest: { pointId: best.occ.point.id, occurrence: best.occ.occurrence },
            daysFromWindow: best.signed,
          },
    );
  });

  return evaluation(enrolment.id, schedule, options.asOf, points, unassigned, issues);
}

/**
 * A follow-up rate: among follow-up occurrences that are due (window closed, or already done), the share done
 * inside the window. `n` is the number of enrolments with at least one due follow-up. `rate` is `null` when
 * nothing is due (never NaN), and so is `meetsTarget`. `inWindow` counts follow-ups whose window is open now and
 * not yet done (not in the denominator).
 *
 * @example
 * const r: FollowUpRateResult = { n: 4, numerator: 3, denominator: 4, rate: 0.75, target: 0.8, meetsTarget: false, inWindow: 1 };
 */
export interface FollowUpRateResult {
  readonly n: number;
  readonly numerator: number;
  readonly denominator: number;
  readonly rate: number | null;
  readonly target: number;
  readonly meetsTarget: boolean | null;
  readonly inWindow: number;
}

/**
 * The follow-up rate of schedule evaluations (or of point results): of follow-up points (`followUp: true`) that
 * are `done` or `missed`, the share `done`. Points `in-window`, `upcoming` or `not-applicable` are not counted.
 * `target` is the expected share (SAMHSA expects 0.8).
 *
 * @example
 * followUpRate([evaluation1, evaluation2]);
 * // { n: 2, numerator: 1, denominator: 2, rate: 0.5, target: 0.8, meetsTarget: false, inWindow: 0 }
 * followUpRate([]); // { n: 0, numerator: 0, denominator: 0, rate: null, target: 0.8, meetsTarget: null, inWindow: 0 }
 */
export function followUpRate(
  results: readonly (ScheduleEvaluation | SchedulePointResult)[],
  target = 0.8,
): FollowUpRateResult {
  const tally = followUpTally();
  for (const r of results) {
    if ('points' in r) for (const p of r.points) tally.add(p);
    else tally.add(r);
  }
  return tally.result(target);
}

/**
 * A follow-up rate counted one point at a time, so that a summary over many enrolments need not keep their
 * evaluations: `add` each point result, `result` gives what {@link followUpRate} gives over the same points.
 *
 * @internal
 * @example
 * const t = followUpTally();
 * for (const p of evaluation.points) t.add(p);
 * t.result(0.8); // { n: 1, numerator: 1, denominator: 1, rate: 1, target: 0.8, meetsTarget: true, inWindow: 0 }
 */
export function followUpTally(): {
  add(point: SchedulePointResult): void;
  result(target: number): FollowUpRateResult;
} {
  let numerator = 0;
  let denominator = 0;
  let inWindow = 0;
  const people = new Set<string>();
  return {
    add(p) {
      if (!p.followUp) return;
      if (p.status === 'in-window') inWindow++;
      if (p.status !== 'done' && p.status !== 'missed') return;
      denominator++;
      if (p.status === 'done') numerator++;
      people.add(p.enrolmentId);
    },
    result(target) {
      const rate = denominator === 0 ? null : numerator / denominator;
      return {
        n: people.size,
        numerator,
        denominator,
        rate,
        target,
        meetsTarget: rate === null ? null : rate >= target,
        inWindow,
      };
    },
  };
}

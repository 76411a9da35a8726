import type { Assessment } from '../model/domain';
import type { LocalDate } from '../model/primitives';
import { dayNumber } from './dates';
import {
  type AssessmentSchedule,
  evaluateSchedule,
  type ScheduleEnrolment,
  type ScheduleEvaluation,
  type SchedulePointResult,
} from './schedule';

/**
 * Shared by the summary and the research exports (not re-exported): where an enrolment's responses to one instrument
 * fall in the schedule, and which complete totals pair with the baseline.
 *
 * @internal
 */

/** One follow-up point occurrence of an enrolment: its status over all responses and its complete score, if any. */
export interface PointScore {
  readonly point: SchedulePointResult;
  /** Due: the window has closed, or the point is already done. */
  readonly due: boolean;
  /** The complete response that fills the point when the schedule is evaluated over complete responses only. */
  readonly complete?: { readonly assessmentId: string; readonly total: number; readonly day: number };
}

/** The schedule of one enrolment for one instrument, over all responses and over complete responses. */
export interface EnrolmentPoints {
  readonly all: ScheduleEvaluation;
  readonly baseline?: { readonly assessmentId: string; readonly total: number; readonly day: number };
  /** Every point occurrence but the baseline, in schedule order. */
  readonly points: readonly PointScore[];
}

/**
 * Evaluates the schedule of one enrolment for one instrument twice: over every response (what was administered:
 * statuses, follow-up rates) and over complete responses only (what pairs with the baseline). `totals` maps the id of
 * each complete response to its total.
 *
 * @internal
 */
export function enrolmentPoints(
  enrolment: ScheduleEnrolment,
  own: readonly Pick<Assessment, 'id' | 'enrolmentId' | 'instrument' | 'completedOn'>[],
  totals: ReadonlyMap<string, number>,
  schedule: AssessmentSchedule,
  asOf: LocalDate,
  instrument: string,
  baselineId: string,
): EnrolmentPoints {
  const isBaseline = (p: SchedulePointResult) => p.pointId === baselineId && p.occurrence === 1;
  const all = evaluateSchedule(enrolment, own, schedule, { asOf, instrument });
  const scored = evaluateSchedule(
    enrolment,
    own.filter((a) => totals.has(a.id)),
    schedule,
    { asOf, instrument },
  );
  const completeOf = (p: SchedulePointResult | undefined) => {
    const total = p?.assessmentId === undefined ? undefined : totals.get(p.assessmentId);
    const day = dayNumber(p?.completedOn);
    return p?.assessmentId === undefined || total === undefined || day === null
      ? undefined
      : { assessmentId: p.assessmentId, total, day };
  };
  const baseline = completeOf(scored.points.find(isBaseline));
  const points: PointScore[] = [];
  all.points.forEach((point, i) => {
    if (isBaseline(point)) return;
    // Occurrences depend on the enrolment's dates and asOf only, so both evaluations list the same ones.
    const other = scored.points[i];
    const complete =
      other?.pointId === point.pointId && other.status === 'done' ? completeOf(other) : undefined;
    const due = point.status === 'done' || point.status === 'missed';
    points.push(complete === undefined ? { point, due } : { point, due, complete });
  });
  return baseline === undefined ? { all, points } : { all, baseline, points };
}

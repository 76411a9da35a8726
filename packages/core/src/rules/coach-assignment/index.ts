import { addDays, addMonths } from '../../calendar/index';
import { parseLocalDateParts, toDayNumber } from '../../calendar/localDate';
import type { LocalDate } from '../../model/primitives';
import { coachEligibility } from '../coach-eligibility/index';
import {
  dateOfDay,
  dayEnd,
  type EnrolmentRecords,
  makeFinding,
  makeObligation,
  type RuleContext,
  visible,
} from '../context';
import { type FindingSpec, rowFinding } from '../lazy';
import type { Finding, Obligation, RuleResult } from '../result';
import {
  coachStatusIn,
  countAtOrBefore,
  enrolmentSubject,
  notApplicable,
  result,
  visibleExit,
} from '../shared';

const RULE = 'coach-assignment';

/**
 * A contact with a coach not eligible that day, as a row: `index` the contact's, `a` its day, `b` the coach id, `c`
 * the reasons (see `lazy.ts`).
 */
const NOT_ELIGIBLE: FindingSpec = {
  ruleId: RULE,
  code: 'coach-assignment.coach-not-eligible',
  path: (r) => `contacts[${r.index}].coachId`,
  expected: () => ({ eligibleCoach: true }),
  found: (r) => ({ coachId: r.b as string, reasons: [...(r.c as readonly string[])] }),
  params: (r) => ({
    on: r.a as string,
    coachId: r.b as string,
    reasons: (r.c as readonly string[]).join(', '),
  }),
};

/** Eligibility codes about the recovery minimum or lived experience, left to the evaluation day. */
const RECOVERY_CODES: ReadonlySet<string> = new Set([
  'coach-eligibility.recovery-too-short',
  'coach-eligibility.recovery-date-unknown',
  'coach-eligibility.lived-experience-missing',
  'coach-eligibility.recovery-attestation-missing',
  'coach-eligibility.recovery-attestation-expired',
]);

/**
 * The reference: why a coach was not eligible on a day, as the `coach-eligibility` rule sees it evaluated on that
 * day: the codes of its findings (without the rule prefix), or the coach's status when they were not active or on
 * notice. Empty when eligible. One full eligibility evaluation per call; {@link ineligibility} gives the same answer
 * from a per-coach timeline.
 *
 * @example
 * ineligibilityOn(ctx, 'coach-1', '2026-03-02'); // ['training-expired']
 */
export function ineligibilityOn(ctx: RuleContext, coachId: string, day: LocalDate): readonly string[] {
  const coach = ctx.index.coaches.get(coachId);
  if (!coach) return ['not-recorded'];
  const status = coachStatusIn(ctx, coach.record, day)?.status;
  if (status !== 'active' && status !== 'on-notice') return [`status-${status ?? 'none'}`];
  const onDay: RuleContext = { ...ctx, asOfDate: day, asOfMs: dayEnd(ctx, day) };
  // The dated requirements only: the recovery minimum is judged on the evaluation day by coach-eligibility
  // (its date is sensitive, and data read from FHIR carries only a verification dated at export).
  return coachEligibility(onDay, coach)
    .findings.filter((f) => f.severity !== 'info' && !RECOVERY_CODES.has(f.code))
    .map((f) => f.code.replace('coach-eligibility.', ''));
}

/**
 * A coach's eligibility over time: `changes` are the sorted local day numbers on which the answer may change (the
 * dates of the coach record but its commitment, and the recovery dates moved by the pack's month counts), and
 * `reasons[i]` the answer on the days from `changes[i - 1]` (inclusive) to `changes[i]` (exclusive), filled the
 * first time a day of that interval is asked.
 */
interface EligibilityTimeline {
  readonly changes: readonly number[];
  readonly reasons: (readonly string[] | undefined)[];
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every calendar date in a record (any field, any depth). */
function datesIn(value: unknown, out: LocalDate[]): void {
  if (typeof value === 'string') {
    if (LOCAL_DATE.test(value)) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) datesIn(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) datesIn(v, out);
}

/** `addMonths`, or undefined when the result would leave the supported years (the rule then never reaches it). */
function monthsLater(date: LocalDate, months: number): LocalDate | undefined {
  try {
    return addMonths(date, months);
  } catch {
    return undefined;
  }
}

function timelineOf(ctx: RuleContext, coachId: string): EligibilityTimeline {
  const coach = ctx.index.coaches.get(coachId)?.record;
  if (!coach) return { changes: [], reasons: [] };
  // Every date of the record but the commitment (read by coach-commitment only; the property test probes it too).
  const { commitment: _commitment, ...read } = coach;
  const dates: LocalDate[] = [];
  datesIn(read, dates);
  // The dates eligibility computes with addMonths: the recovery minimum, and the re-attestation due day.
  const settings = ctx.pack.rules['coach-eligibility'];
  const minMonths = Math.round(settings.minRecoveryYears.value * 12);
  const reattest = settings.recoveryReattestMonths?.value ?? 0;
  const moved = (d: LocalDate | undefined, months: number) => {
    if (d !== undefined && months > 0 && parseLocalDateParts(d) !== undefined) {
      const m = monthsLater(d, months);
      if (m !== undefined) dates.push(m);
    }
  };
  moved(coach.recoveryStartDate, minMonths);
  moved(coach.continuingRecoveryAttestedOn, reattest);
  moved(coach.recoveryMinimumVerifiedOn, reattest);
  const days = new Set<number>();
  for (const d of dates) if (parseLocalDateParts(d) !== undefined) days.add(toDayNumber(d));
  const changes = [...days].sort((a, b) => a - b);
  return { changes, reasons: new Array(changes.length + 1).fill(undefined) };
}

/** Per evaluation: each coach's eligibility timeline. Keyed by context, so pure per call. */
const memo = new WeakMap<RuleContext, Map<string, EligibilityTimeline>>();

/**
 * Why a coach was not eligible on a day (given as a local day number and its date): the answer of
 * {@link ineligibilityOn}, computed once per interval of days on which nothing in the coach record changes (looked up
 * by binary search on the coach's timeline, built once per evaluation).
 *
 * @example
 * ineligibility(ctx, 'coach-1', 20514, '2026-03-02'); // ['training-expired']
 */
export function ineligibility(
  ctx: RuleContext,
  coachId: string,
  dayNumber: number,
  day: LocalDate,
): readonly string[] {
  let byCoach = memo.get(ctx);
  if (!byCoach) {
    byCoach = new Map();
    memo.set(ctx, byCoach);
  }
  let timeline = byCoach.get(coachId);
  if (!timeline) {
    timeline = timelineOf(ctx, coachId);
    byCoach.set(coachId, timeline);
  }
  // The interval of the day: the number of change days on or before it.
  const { changes, reasons } = timeline;
  const lo = countAtOrBefore(changes, dayNumber);
  let known = reasons[lo];
  if (known === undefined) {
    known = ineligibilityOn(ctx, coachId, day);
    reasons[lo] = known;
  }
  return known;
}

/**
 * Coach assignment: an active enrolment has a coach (the service is "one on one"); each contact is given by a coach
 * who is eligible on the contact's day; optionally (`lifeExperienceMatch`), the peer's coach shares at least one of
 * the life experiences the peer declared.
 *
 * Sources: the service definition, Service activities: "the mutual relationship (one on one relationship)"; Recovery
 * Connect Peer Recovery Coaching Program guidelines, program description: coaches "have life experiences similar to
 * the Peer".
 *
 * Decisions: on a contact's day the dated requirements are checked (status, trainings, interview, background check,
 * agreements); the recovery minimum is left to `coach-eligibility` on the evaluation day. A peer whose last coach withdrew or was removed is the `coach-commitment` rule's
 * (`peer-needs-reassignment`), not reported twice here. Otherwise, an enrolment active on the evaluation day with no
 * assignment covering it has an obligation to assign a coach, due on its first day without one (the enrolment day, or
 * the day after the last assignment ended), and a `no-coach` finding once that day has passed. Eligibility on a
 * contact's day is the `coach-eligibility` rule evaluated on that day (its status, trainings, checks and agreements);
 * the finding lists the reasons by code. Life experiences are compared only when the peer declared some; they are
 * never echoed.
 *
 * @example
 * coachAssignment(ctx, records).findings.map((f) => f.code); // ['coach-assignment.coach-not-eligible']
 */
export function coachAssignment(
  ctx: RuleContext,
  rec: EnrolmentRecords,
  reasonsOf: (
    ctx: RuleContext,
    coachId: string,
    dayNumber: number,
    day: LocalDate,
  ) => readonly string[] = ineligibility,
): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const e = rec.enrolment;
  const subject = enrolmentSubject(e);
  const day = ctx.asOfDate;
  if (e.enrolledOn > day) return notApplicable(RULE, subject);
  const findings: Finding[] = [];
  const obligations: Obligation[] = [];
  const started = e.coachAssignments.filter((a) => a.from <= day);
  const covering = started.filter((a) => a.to === undefined || a.to >= day);
  if (!visibleExit(ctx, e) && covering.length === 0) {
    let last: (typeof started)[number] | undefined;
    for (const a of started) if (!last || a.from >= last.from) last = a;
    const lastCoach = last && ctx.index.coaches.get(last.coachId)?.record;
    const left = lastCoach && coachStatusIn(ctx, lastCoach, day);
    const leftProgram = left && (left.status === 'withdrawn' || left.status === 'removed');
    if (!leftProgram) {
      let since = e.enrolledOn;
      for (const a of started) if (a.to !== undefined && addDays(a.to, 1) > since) since = addDays(a.to, 1);
      const o = makeObligation(ctx, {
        id: `${RULE}:assign`,
        ruleId: RULE,
        subject,
        label: 'Assign a coach to the peer',
        dueOn: since,
        kind: 'catch-up',
      });
      obligations.push(o);
      if (o.status === 'overdue')
        findings.push(
          makeFinding(ctx, {
            ruleId: RULE,
            code: 'coach-assignment.no-coach',
            subject,
            path: `enrolments[${rec.index}].coachAssignments`,
            expected: { coachAssigned: true },
            found: { coachAssigned: false, since },
            params: { since },
            dueOn: since,
            dueAt: o.dueAt,
          }),
        );
    }
  }
  if (settings.eligibleOnContactDay.value) {
    for (const item of rec.contacts) {
      if (!visible(ctx, item)) continue;
      const on = dateOfDay(ctx, item.day);
      const reasons = reasonsOf(ctx, item.record.coachId, item.day, on);
      if (reasons.length === 0) continue;
      findings.push(
        rowFinding(
          ctx,
          NOT_ELIGIBLE,
          subject,
          settings.eligibleOnContactDay.source,
          undefined,
          Number.NaN,
          item.index,
          on,
          item.record.coachId,
          reasons,
        ),
      );
    }
  }
  if (settings.lifeExperienceMatch.value && !visibleExit(ctx, e)) {
    const declared = rec.peer?.lifeExperiences ?? [];
    if (declared.length > 0)
      for (const a of covering) {
        const shared = ctx.index.coaches
          .get(a.coachId)
          ?.record.lifeExperiences?.some((x) => declared.includes(x));
        if (shared === true) continue;
        findings.push(
          makeFinding(ctx, {
            ruleId: RULE,
            code: 'coach-assignment.no-shared-life-experience',
            subject,
            path: `enrolments[${rec.index}].coachAssignments[${e.coachAssignments.indexOf(a)}]`,
            expected: { sharedLifeExperience: true },
            found: { sharedLifeExperience: false, coachId: a.coachId },
            params: { coachId: a.coachId },
            source: settings.lifeExperienceMatch.source,
          }),
        );
      }
  }
  const checked =
    findings.length > 0 || obligations.length > 0 || rec.contacts.length > 0 || covering.length > 0;
  return result(RULE, subject, findings, obligations, checked);
}

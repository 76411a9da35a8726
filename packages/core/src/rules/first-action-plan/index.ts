import { addDays, addMonths } from '../../calendar/index';
import type { LocalDate } from '../../model/primitives';
import type { PlanDeadline } from '../../packs/schema';
import { catchUpObligation, planSignedLate } from '../catch-up';
import { type EnrolmentRecords, makeFinding, type RuleContext } from '../context';
import type { ObligationSpec } from '../lazy';
import type { Finding, RuleResult } from '../result';
import { dueAfterHolds, enrolmentSubject, notApplicable, result, signedPlans } from '../shared';

const RULE = 'first-action-plan';

/** The first plan's obligation as a row: `flag` the minimum of goals (see `lazy.ts`). */
const FIRST_PLAN: ObligationSpec = {
  ruleId: RULE,
  counted: false,
  id: () => RULE,
  key: () => undefined,
  label: (r) => `First action plan (${r.flag}+ goals, signed by the peer)`,
};

/**
 * The day by which the first action plan is due: `days` after enrolment, or calendar months after it (date-fns
 * `addMonths`: one month after 31 January is 28 or 29 February).
 *
 * @example
 * firstPlanDueOn('2026-01-31', { unit: 'days', amount: 30 }); // '2026-03-02'
 * firstPlanDueOn('2024-01-31', { unit: 'days', amount: 30 }); // '2024-03-01'
 * firstPlanDueOn('2026-01-31', { unit: 'calendar-months', amount: 1 }); // '2026-02-28'
 */
export function firstPlanDueOn(enrolledOn: LocalDate, deadline: PlanDeadline): LocalDate {
  return deadline.unit === 'days'
    ? addDays(enrolledOn, deadline.amount)
    : addMonths(enrolledOn, deadline.amount);
}

/**
 * First action plan: a plan with at least the minimum number of goals (3), signed by the peer within the deadline
 * after enrolment (30 days by default).
 *
 * Source: Recovery Connect Peer Recovery Coaching Program guidelines, Peer-Mentor Responsibilities item 2: "at least
 * three goals/objectives", "signed by the Peer within one month of entering program".
 *
 * Decisions: the plan counts from the instant the peer signs it, read as a local date in the program's time zone, so
 * a signature at 23:59 local on the due day is on time. Signed versions with too few goals do not meet the
 * obligation and each gets a finding. A plan signed late meets the obligation late (`met`, `lateByDays`, and a
 * `first-action-plan.late` finding). If the enrolment ends before the due day with no plan, the obligation lapses
 * (`not-applicable`); if it ends after, the obligation is `missed`. Holds move the due day later only when the
 * pack's `holdsPause` names this rule (see `dueAfterHolds`); no built-in pack does.
 *
 * @example
 * const r = firstActionPlan(ctx, records);
 * r.obligations[0]; // { id: 'first-action-plan', dueOn: '2026-03-02', status: 'met', ... }
 */
export function firstActionPlan(ctx: RuleContext, rec: EnrolmentRecords): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const e = rec.enrolment;
  const subject = enrolmentSubject(e);
  if (e.enrolledOn > ctx.asOfDate) return notApplicable(RULE, subject);
  const minGoals = settings.minGoals.value;
  const dueOn = dueAfterHolds(
    ctx,
    e,
    RULE,
    e.enrolledOn,
    firstPlanDueOn(e.enrolledOn, settings.deadline.value),
  );
  const findings: Finding[] = [];
  const signed = signedPlans(ctx, rec);
  const qualifying = signed.find((s) => s.plan.record.goals.length >= minGoals);
  for (const s of signed) {
    if (s === qualifying) break;
    findings.push(
      makeFinding(ctx, {
        ruleId: RULE,
        code: 'first-action-plan.too-few-goals',
        subject,
        path: `plans[${s.plan.index}]`,
        expected: { minGoals },
        found: { goals: s.plan.record.goals.length },
        params: { version: s.plan.record.version, goals: s.plan.record.goals.length, minGoals },
        source: settings.minGoals.source,
      }),
    );
  }
  const { obligation, lapsed } = catchUpObligation(
    ctx,
    { spec: FIRST_PLAN, flag: minGoals, subject, dueOn },
    qualifying,
    e,
    findings,
    {
      late: planSignedLate('first-action-plan.late', dueOn),
      overdue: (daysLate) => ({
        code: 'first-action-plan.overdue',
        path: `enrolments[${rec.index}]`,
        expected: { signedBy: dueOn, minGoals },
        found: { signedPlanWithEnoughGoals: false, daysLate },
        params: { minGoals, dueOn, daysLate },
      }),
    },
  );
  if (lapsed) return result(RULE, subject, findings, [obligation], findings.length > 0);
  return result(RULE, subject, findings, [obligation], true);
}

import { addMonths } from '../../calendar/index';
import { catchUpObligation, planSignedLate } from '../catch-up';
import { type EnrolmentRecords, makeFinding, type RuleContext } from '../context';
import type { ObligationSpec } from '../lazy';
import type { Finding, Obligation, RuleResult } from '../result';
import { dueAfterHolds, enrolmentSubject, notApplicable, result, signedPlans } from '../shared';

const RULE = 'plan-revision';

/** A revision's obligation as a row: `flag` the version it revises (see `lazy.ts`). */
const REVISION: ObligationSpec = {
  ruleId: RULE,
  counted: false,
  id: (r) => `${RULE}:after-v${r.flag}`,
  key: (r) => ({ planVersion: r.flag }),
  label: (r) => `Revise action plan version ${r.flag}`,
};

/**
 * Plan revision: after each signed version of the action plan, the next version is due the interval later (3 months
 * by default), counted from the day the peer signed the last one.
 *
 * Sources: Recovery Connect Peer Recovery Coaching Program guidelines, Peer-Mentor Responsibilities item 2: "revised
 * every three months"; the service definition, Documentation Requirements: "updated quarterly".
 *
 * Decisions: the chain follows the versions the peer actually signed, in signature order; a version signed late
 * meets its obligation late (`plan-revision.late`) and restarts the clock from its own signature. A revision must have
 * the minimum number of goals, else a `plan-revision.too-few-goals` finding and it does not count as a revision (as
 * a first plan with too few goals does not count). The
 * obligation after the last version lapses when the enrolment ends before it is due, and is `missed` when the
 * enrolment ended after it was due without a revision. Holds pause the plan clock only when the pack's `holdsPause`
 * names this rule: the due day then moves later by the days on hold (see `dueAfterHolds`); no built-in pack does.
 *
 * @example
 * const r = planRevision(ctx, records);
 * r.obligations.map((o) => [o.id, o.dueOn, o.status]); // [['plan-revision:after-v1', '2026-06-02', 'met'], ...]
 */
export function planRevision(ctx: RuleContext, rec: EnrolmentRecords): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const e = rec.enrolment;
  const subject = enrolmentSubject(e);
  const interval = settings.intervalMonths.value;
  const minGoals = settings.minGoals.value;
  const findings: Finding[] = [];
  // As for the first plan, a version counts only with the minimum number of goals: the chain starts at the first
  // such version (earlier ones are the first-action-plan rule's), and a later version with too few is a finding and
  // does not meet the revision due before it.
  const signed: ReturnType<typeof signedPlans> = [];
  for (const s of signedPlans(ctx, rec)) {
    const goals = s.plan.record.goals.length;
    if (goals >= minGoals) signed.push(s);
    else if (signed.length > 0)
      findings.push(
        makeFinding(ctx, {
          ruleId: RULE,
          code: 'plan-revision.too-few-goals',
          subject,
          path: `plans[${s.plan.index}]`,
          expected: { minGoals },
          found: { goals },
          params: { version: s.plan.record.version, goals, minGoals },
          source: settings.minGoals.source,
        }),
      );
  }
  if (signed.length === 0) return notApplicable(RULE, subject);
  const obligations: Obligation[] = [];
  for (let k = 0; k < signed.length; k++) {
    const cur = signed[k]!;
    const next = signed[k + 1];
    const dueOn = dueAfterHolds(ctx, e, RULE, cur.signedOn, addMonths(cur.signedOn, interval));
    const version = cur.plan.record.version;
    const { obligation, lapsed } = catchUpObligation(
      ctx,
      { spec: REVISION, flag: version, subject, dueOn },
      next,
      e,
      findings,
      {
        late: planSignedLate('plan-revision.late', dueOn, true),
        overdue: (daysLate) => ({
          code: 'plan-revision.overdue',
          path: `plans[${cur.plan.index}]`,
          expected: { revisedBy: dueOn },
          found: { revised: false, daysLate },
          params: { version, dueOn, daysLate },
        }),
      },
    );
    obligations.push(obligation);
    if (lapsed) break;
  }
  return result(RULE, subject, findings, obligations, true);
}

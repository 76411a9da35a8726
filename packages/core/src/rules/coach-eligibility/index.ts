import { addDays, addMonths } from '../../calendar/index';
import type { Coach } from '../../model/domain';
import type { LocalDate } from '../../model/primitives';
import { type Indexed, makeFinding, makeObligation, type RuleContext } from '../context';
import type { Finding, Obligation, RuleResult } from '../result';
import { coachStatusIn, coachSubject, notApplicable, result } from '../shared';

const RULE = 'coach-eligibility';

/**
 * Coach eligibility: minimum recovery duration, a personal program, the required trainings (unexpired), interview,
 * background check (unexpired) and signed agreements. The result's `facts` say whether the coach is eligible, until
 * when (`eligibleUntil`, the last eligible day) and which item expires first.
 *
 * Sources: Recovery Connect Peer Recovery Coaching Program guidelines, program description: "in long-term recovery ...
 * (min 2 years), have a personal program of their own"; Participation Requirements item 1: "complete all required
 * training, interviews, and background checks and agree to provide mentorship services". The service definition,
 * Staffing Requirements: "lived experience in recovery".
 *
 * Guidelines, Participation Requirements item 1: coaches "must maintain their personal recovery": a recovery start
 * date recorded after a verification (a return to use) voids that verification, and a pack may ask coaches to
 * re-attest their continuing recovery every `recoveryReattestMonths` (off unless set). The service definition's
 * "lived experience" is checked when `livedExperienceRequired`: an attestation, or a recorded recovery start or
 * verification, shows it.
 *
 * Guidelines, Peer-Mentor Responsibilities item 5: the coach "acknowledges that any views ... are personal". With
 * `personalViewsRequired`, that acknowledgement (`agreements.personalViews`, signed by the evaluation day) is a
 * prerequisite like the other agreements, cited to item 5 rather than item 1.
 *
 * Decisions: checked for coaches who are `active` or `on-notice` on the evaluation day (applicants are not yet
 * bound, withdrawn and removed coaches no longer coach). An item with `expiresOn` is valid up to the day before that
 * date. The recovery date is compared, never reported: findings say only that the minimum is not met. Where no
 * recovery date is kept, `recoveryMinimumVerifiedOn` counts from that day. Each expiring item is also an obligation
 * (renew before it expires), so it shows on the timeline as due soon.
 *
 * @example
 * const r = coachEligibility(ctx, { record: coach, index: 0 });
 * r.facts; // { eligible: true, eligibleUntil: '2027-01-05', firstExpiring: 'background-check' }
 */
export function coachEligibility(ctx: RuleContext, indexed: Indexed<Coach>): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const coach = indexed.record;
  const subject = coachSubject(coach);
  const status = coachStatusIn(ctx, coach, ctx.asOfDate)?.status;
  if (status !== 'active' && status !== 'on-notice') return notApplicable(RULE, subject);
  const day = ctx.asOfDate;
  const path = `coaches[${indexed.index}]`;
  const findings: Finding[] = [];
  const obligations: Obligation[] = [];
  const expiries: { item: string; expiresOn: LocalDate }[] = [];
  const add = (
    code: Parameters<typeof makeFinding>[1]['code'],
    at: string,
    params: Record<string, string | number>,
    source: { document: string; section: string; quote: string },
  ) =>
    findings.push(
      makeFinding(ctx, {
        ruleId: RULE,
        code,
        subject,
        path: `${path}${at}`,
        expected: { met: true, ...params },
        found: { met: false },
        params,
        source,
      }),
    );

  const minYears = settings.minRecoveryYears.value;
  // A recovery start recorded after the verification (a return to use, known by the evaluation day) voids it.
  const verifiedOn = coach.recoveryMinimumVerifiedOn;
  const restart = coach.recoveryStartDate;
  const verified =
    verifiedOn !== undefined &&
    verifiedOn <= day &&
    !(restart !== undefined && restart > verifiedOn && restart <= day);
  if (minYears > 0) {
    if (coach.recoveryStartDate !== undefined) {
      const meetsOn = addMonths(coach.recoveryStartDate, Math.round(minYears * 12));
      if (meetsOn > day && !verified)
        add(
          'coach-eligibility.recovery-too-short',
          '.recoveryStartDate',
          { minYears },
          settings.minRecoveryYears.source,
        );
    } else if (!verified) {
      add('coach-eligibility.recovery-date-unknown', '', { minYears }, settings.minRecoveryYears.source);
    }
  }
  if (settings.livedExperienceRequired?.value === true) {
    const evident =
      coach.livedExperienceAttested === true || verified || (restart !== undefined && restart <= day);
    if (!evident)
      add(
        'coach-eligibility.lived-experience-missing',
        '.livedExperienceAttested',
        {},
        settings.livedExperienceRequired.source,
      );
  }
  const reattest = settings.recoveryReattestMonths;
  if (reattest !== undefined && reattest.value > 0) {
    // The latest attestation of continuing recovery (or verification of the minimum) by the evaluation day.
    let latest: LocalDate | undefined;
    for (const d of [coach.continuingRecoveryAttestedOn, verified ? verifiedOn : undefined])
      if (d !== undefined && d <= day && (latest === undefined || d > latest)) latest = d;
    if (latest !== undefined && restart !== undefined && restart <= day && restart > latest)
      latest = undefined;
    if (latest === undefined) {
      add(
        'coach-eligibility.recovery-attestation-missing',
        '.continuingRecoveryAttestedOn',
        { months: reattest.value },
        reattest.source,
      );
    } else {
      const dueOn = addMonths(latest, reattest.value);
      if (dueOn <= day)
        add(
          'coach-eligibility.recovery-attestation-expired',
          '.continuingRecoveryAttestedOn',
          { months: reattest.value, dueOn },
          reattest.source,
        );
      else expiries.push({ item: 'recovery-attestation', expiresOn: dueOn });
    }
  }
  if (settings.personalProgramRequired.value && !coach.personalProgramAttested)
    add(
      'coach-eligibility.no-personal-program',
      '.personalProgramAttested',
      {},
      settings.personalProgramRequired.source,
    );

  for (const training of settings.requiredTrainings.value) {
    let latest: { t: Coach['trainings'][number]; j: number } | undefined;
    coach.trainings.forEach((t, j) => {
      if (t.code === training && t.completedOn <= day && (!latest || t.completedOn >= latest.t.completedOn))
        latest = { t, j };
    });
    if (!latest) {
      add(
        'coach-eligibility.training-missing',
        '.trainings',
        { training },
        settings.requiredTrainings.source,
      );
    } else if (latest.t.expiresOn !== undefined) {
      if (latest.t.expiresOn <= day)
        add(
          'coach-eligibility.training-expired',
          `.trainings[${latest.j}].expiresOn`,
          { training, expiredOn: latest.t.expiresOn },
          settings.requiredTrainings.source,
        );
      else expiries.push({ item: `training:${training}`, expiresOn: latest.t.expiresOn });
    }
  }
  if (settings.interviewRequired.value && !(coach.interview && coach.interview.completedOn <= day))
    add('coach-eligibility.interview-missing', '.interview', {}, settings.interviewRequired.source);
  if (settings.backgroundCheckRequired.value) {
    const check = coach.backgroundCheck;
    if (!check || check.completedOn > day)
      add(
        'coach-eligibility.background-check-missing',
        '.backgroundCheck',
        {},
        settings.backgroundCheckRequired.source,
      );
    else if (check.expiresOn !== undefined && check.expiresOn <= day)
      add(
        'coach-eligibility.background-check-expired',
        '.backgroundCheck.expiresOn',
        { expiredOn: check.expiresOn },
        settings.backgroundCheckRequired.source,
      );
    else if (check.expiresOn !== undefined)
      expiries.push({ item: 'background-check', expiresOn: check.expiresOn });
  }
  for (const agreement of settings.requiredAgreements.value) {
    const signed = coach.agreements[agreement];
    if (signed === undefined || signed > day)
      add(
        'coach-eligibility.agreement-missing',
        `.agreements.${agreement}`,
        { agreement },
        settings.requiredAgreements.source,
      );
  }
  const views = settings.personalViewsRequired;
  if (views?.value === true && !settings.requiredAgreements.value.includes('personalViews')) {
    const signed = coach.agreements.personalViews;
    if (signed === undefined || signed > day)
      add(
        'coach-eligibility.agreement-missing',
        '.agreements.personalViews',
        { agreement: 'personalViews' },
        views.source,
      );
  }
  expiries.sort((a, b) => (a.expiresOn < b.expiresOn ? -1 : a.expiresOn > b.expiresOn ? 1 : 0));
  for (const x of expiries) {
    obligations.push(
      makeObligation(ctx, {
        id: `${RULE}:renew:${x.item}`,
        key: { requirement: x.item },
        ruleId: RULE,
        subject,
        label: `Renew ${x.item.replace('training:', 'training ')}`,
        dueOn: addDays(x.expiresOn, -1),
        kind: 'catch-up',
      }),
    );
  }
  const eligible = findings.every((f) => f.severity === 'info');
  const first = expiries[0];
  const r = result(RULE, subject, findings, obligations, true, {
    eligible,
    eligibleUntil: eligible && first ? addDays(first.expiresOn, -1) : null,
    firstExpiring: first ? first.item : null,
  });
  // Upcoming renewals do not make eligibility pending: the coach is eligible now.
  return r.status === 'pending' ? { ...r, status: 'pass' } : r;
}

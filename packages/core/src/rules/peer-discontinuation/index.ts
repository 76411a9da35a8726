import { disclosureSettingOf } from '../../disclosure/decide';
import type { Consent } from '../../model/domain';
import type { LocalDate } from '../../model/primitives';
import { type EnrolmentRecords, type FindingInput, makeFinding, type RuleContext } from '../context';
import type { Finding, RuleResult } from '../result';
import { enrolmentSubject, notApplicable, result, visibleExit } from '../shared';

const RULE = 'peer-discontinuation';

/** Treatment, payment and operations: purposes a consent may name that cover the notice outside Part 2. */
const TPO: ReadonlySet<string> = new Set(['treatment', 'payment', 'operations']);

/**
 * True when a consent permits notifying `organizationId` of a discontinuation on `day`: a release of information
 * naming that recipient, for the `discontinuation-notice` purpose, signed by then, in its period and not revoked.
 *
 * @example
 * consentPermitsNotice(consent, 'county-hospital', '2026-05-02'); // true or false
 */
export function consentPermitsNotice(
  consent: Consent,
  organizationId: string,
  day: LocalDate,
  part2 = true,
): boolean {
  return (
    consent.kind === 'release-of-information' &&
    consent.recipientOrganizationId === organizationId &&
    consent.purposes.some((p) => p === 'discontinuation-notice' || (!part2 && TPO.has(p))) &&
    consent.signedOn <= day &&
    consent.period.start <= day &&
    (consent.period.end === undefined || day <= consent.period.end) &&
    (consent.revokedOn === undefined || day < consent.revokedOn)
  );
}

/**
 * Peer discontinuation: when services are discontinued, referrals are made for continuity, and the referral source
 * is notified where applicable, but only with the peer's consent naming it.
 *
 * Source: Recovery Connect Peer Recovery Coaching Program guidelines, Peer Responsibilities item 4: "SRP will take
 * responsibility for referrals ... to ensure continuity", "Notification of discontinued services will also be provided
 * to Peer's referral source as applicable". The notice discloses substance-use information, so under 42 CFR Part 2 it
 * needs a consent naming the recipient.
 *
 * Decisions: "as applicable" means the enrolment has a referral source that is an organisation (not a self-referral).
 * With a consent that permits it, a missing notice is a finding. Without one, the finding is advice (`info`) that the
 * notice must NOT be sent; a notice sent anyway is an error whatever the pack's severity. A sent notice is judged by the
 * consent in force on the day it was sent, a notice not yet sent by the consent in force on the evaluation day.
 *
 * @example
 * peerDiscontinuation(ctx, records).findings[0]?.code; // 'peer-discontinuation.notice-not-permitted'
 */
export function peerDiscontinuation(ctx: RuleContext, rec: EnrolmentRecords): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const e = rec.enrolment;
  const subject = enrolmentSubject(e);
  const exit = visibleExit(ctx, e);
  const part2 = disclosureSettingOf(ctx.program).part2;
  if (exit === undefined && e.enrolledOn <= ctx.asOfDate) return releaseAtIntake(ctx, rec, part2);
  if (exit?.kind !== 'discontinued') return notApplicable(RULE, subject);
  const findings: Finding[] = [];
  const path = `enrolments[${rec.index}].exit`;
  if (settings.continuityReferralRequired.value) {
    const referred =
      exit.referralsMade.length > 0 ||
      rec.referrals.some((r) => r.record.forContinuity === true && r.record.madeOn <= ctx.asOfDate);
    if (!referred) {
      findings.push(
        makeFinding(ctx, {
          ruleId: RULE,
          code: 'peer-discontinuation.no-continuity-referral',
          subject,
          path: `${path}.referralsMade`,
          expected: { continuityReferrals: '1 or more' },
          found: { continuityReferrals: 0 },
          params: { on: exit.on },
          source: settings.continuityReferralRequired.source,
        }),
      );
    }
  }
  const source = e.referralSource;
  const organizationId = source?.organizationId;
  if (settings.referralSourceNoticeRequired.value && source && source.kind !== 'self' && organizationId) {
    const sentOn =
      exit.referralSourceNoticeSentOn !== undefined && exit.referralSourceNoticeSentOn <= ctx.asOfDate
        ? exit.referralSourceNoticeSentOn
        : undefined;
    // A sent notice is judged by the consent in force the day it was sent; a notice still to send by the consent in
    // force now (a consent revoked since the exit no longer permits it; one signed since then does).
    const day = sentOn ?? ctx.asOfDate;
    const permitted = rec.consents.some(
      (c) => c.record.signedOn <= ctx.asOfDate && consentPermitsNotice(c.record, organizationId, day, part2),
    );
    // Sent with consent: nothing to say; else the notice is missing, sent without consent, or not permitted.
    let notice: Pick<FindingInput, 'code' | 'expected' | 'found' | 'params' | 'severity'> | undefined;
    if (permitted && sentOn === undefined)
      notice = {
        code: 'peer-discontinuation.notice-missing',
        expected: { noticeSent: true },
        found: { noticeSent: false, consent: true },
        params: { on: exit.on },
      };
    else if (!permitted && sentOn !== undefined)
      notice = {
        code: 'peer-discontinuation.notice-sent-without-consent',
        expected: { consentNamingRecipient: true },
        found: { consentNamingRecipient: false, noticeSent: true },
        params: { on: exit.on, sentOn },
        severity: 'error',
      };
    else if (!permitted)
      notice = {
        code: 'peer-discontinuation.notice-not-permitted',
        expected: { consentNamingRecipient: true },
        found: { consentNamingRecipient: false, noticeSent: false },
        params: { on: exit.on },
        severity: 'info',
      };
    if (notice)
      findings.push(
        makeFinding(ctx, {
          ...notice,
          ruleId: RULE,
          subject,
          path: `${path}.referralSourceNoticeSentOn`,
          source: settings.referralSourceNoticeRequired.source,
        }),
      );
  }
  return result(RULE, subject, findings, [], true);
}

/**
 * While an enrolment runs: a warning when its referral source is an organisation and no consent in force would
 * permit the notice of discontinuation to it, so that the release can be asked for at intake rather than found
 * missing at discharge.
 */
function releaseAtIntake(ctx: RuleContext, rec: EnrolmentRecords, part2: boolean): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const e = rec.enrolment;
  const subject = enrolmentSubject(e);
  const source = e.referralSource;
  const organizationId = source?.organizationId;
  if (!settings.referralSourceNoticeRequired.value || !source || source.kind === 'self' || !organizationId)
    return notApplicable(RULE, subject);
  const released = rec.consents.some((c) =>
    consentPermitsNotice(c.record, organizationId, ctx.asOfDate, part2),
  );
  if (released) return result(RULE, subject, [], [], true);
  const f = makeFinding(ctx, {
    ruleId: RULE,
    code: 'peer-discontinuation.no-release-at-intake',
    subject,
    path: `enrolments[${rec.index}].referralSource`,
    expected: { consentNamingRecipient: true },
    found: { consentNamingRecipient: false },
    params: { enrolledOn: e.enrolledOn },
    source: settings.referralSourceNoticeRequired.source,
    severity: 'warning',
  });
  return result(RULE, subject, [f], [], true);
}

import { describe, expect, it } from 'vitest';
import type { Consent, Enrolment, Referral } from '../../model/domain';
import { prssServiceDefinition, srpRecoveryConnect } from '../../packs/builtin';
import { enrolment, programData } from '../../testing/builders';
import { codesOf, enrolmentRule, evalEnrolment, packWith } from '../rules.test-support';
import { consentPermitsNotice } from './index';

const RULE = 'peer-discontinuation';
const item4 = { document: 'srp-guidelines', section: 'Peer Responsibilities, item 4' };
const EXIT = '2026-05-01';
const consent = (over: Partial<Consent> = {}): Consent => ({
  id: 'cons-1',
  peerId: 'peer-1',
  kind: 'release-of-information',
  recipientOrganizationId: 'county-hospital',
  purposes: ['discontinuation-notice'],
  signedOn: '2026-01-05',
  period: { start: '2026-01-05' },
  ...over,
});
const continuity: Referral = {
  id: 'r1',
  enrolmentId: 'enr-1',
  kind: 'treatment',
  madeOn: EXIT,
  forContinuity: true,
};
interface Case {
  readonly consents?: Consent[];
  readonly referrals?: Referral[];
  readonly exit?: Partial<NonNullable<Enrolment['exit']>>;
  readonly source?: Enrolment['referralSource'];
}
const data = (c: Case = {}) =>
  programData({
    organizations: [
      { id: 'county-hospital', kind: 'hospital', name: 'County Hospital' },
      { id: 'other-clinic', kind: 'treatment-program', name: 'Other Clinic' },
    ],
    enrolments: [
      enrolment({
        enrolledOn: '2026-01-05',
        referralSource: c.source ?? { organizationId: 'county-hospital', kind: 'hospital' },
        exit: {
          on: EXIT,
          kind: 'discontinued',
          reason: 'guidelines-breach',
          referralsMade: ['r1'],
          ...c.exit,
        },
      }),
    ],
    referrals: c.referrals ?? [continuity],
    consents: c.consents ?? [],
  });
const discontinuation = (c: Case = {}, asOf = '2026-05-10', pack = srpRecoveryConnect) =>
  enrolmentRule(data(c), RULE, asOf, { pack });

describe('consentPermitsNotice', () => {
  it('needs a release of information naming the recipient, for the discontinuation notice, in force on the day', () => {
    expect(consentPermitsNotice(consent(), 'county-hospital', EXIT)).toBe(true);
    expect(consentPermitsNotice(consent(), 'other-clinic', EXIT)).toBe(false);
    expect(
      consentPermitsNotice(consent({ purposes: ['referral', 'treatment'] }), 'county-hospital', EXIT),
    ).toBe(false);
    expect(consentPermitsNotice(consent({ kind: 'confidentiality' }), 'county-hospital', EXIT)).toBe(false);
    expect(
      consentPermitsNotice(
        consent({ signedOn: '2026-05-02', period: { start: '2026-05-02' } }),
        'county-hospital',
        EXIT,
      ),
    ).toBe(false);
    expect(
      consentPermitsNotice(
        consent({ period: { start: '2026-01-05', end: '2026-04-30' } }),
        'county-hospital',
        EXIT,
      ),
    ).toBe(false);
    expect(
      consentPermitsNotice(consent({ period: { start: '2026-01-05', end: EXIT } }), 'county-hospital', EXIT),
    ).toBe(true);
  });
  it('stops on the day the consent is revoked', () => {
    expect(consentPermitsNotice(consent({ revokedOn: '2026-05-02' }), 'county-hospital', EXIT)).toBe(true);
    expect(consentPermitsNotice(consent({ revokedOn: EXIT }), 'county-hospital', EXIT)).toBe(false);
  });
});

describe('peer-discontinuation: the release asked for at intake', () => {
  it('warns while the enrolment runs when no consent names the referral source for the notice', () => {
    const r = discontinuation({}, '2026-01-05');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'peer-discontinuation.no-release-at-intake',
        severity: 'warning',
        path: 'enrolments[0].referralSource',
        params: { enrolledOn: '2026-01-05' },
      }),
    ]);
    expect(discontinuation({ source: { kind: 'self' } }, '2026-01-05').status).toBe('not-applicable');
    // a consent for referral only does not cover the notice under Part 2
    expect(
      codesOf(discontinuation({ consents: [consent({ purposes: ['referral'] })] }, '2026-01-05')),
    ).toEqual(['peer-discontinuation.no-release-at-intake']);
  });
});

describe('peer-discontinuation: programs not under 42 CFR Part 2', () => {
  it('accept a treatment, payment or operations consent naming the referral source', () => {
    const tpo = consent({ purposes: ['treatment', 'payment', 'operations'] });
    expect(consentPermitsNotice(tpo, 'county-hospital', EXIT)).toBe(false);
    expect(consentPermitsNotice(tpo, 'county-hospital', EXIT, false)).toBe(true);
    expect(consentPermitsNotice(consent({ purposes: ['research'] }), 'county-hospital', EXIT, false)).toBe(
      false,
    );
    const d = data({ consents: [tpo] });
    const notPart2 = { ...d, program: { ...d.program, disclosure: { part2: false } } };
    expect(codesOf(enrolmentRule(notPart2, RULE, '2026-05-10'))).toEqual([
      'peer-discontinuation.notice-missing',
    ]);
    expect(codesOf(enrolmentRule(d, RULE, '2026-05-10'))).toEqual([
      'peer-discontinuation.notice-not-permitted',
    ]);
  });
});

describe('peer-discontinuation: scope', () => {
  it('applies only to a discontinuation visible at asOf', () => {
    expect(discontinuation({ exit: { kind: 'completed' } })).toMatchObject({
      status: 'not-applicable',
      findings: [],
    });
    // before the exit, only the release asked for at intake is checked
    expect(codesOf(discontinuation({}, '2026-04-30'))).toEqual(['peer-discontinuation.no-release-at-intake']);
    expect(discontinuation({ consents: [consent()] }, '2026-04-30')).toMatchObject({
      status: 'pass',
      findings: [],
    });
  });

  it('passes with a continuity referral and a notice sent under a consent naming the recipient', () => {
    const r = discontinuation({ consents: [consent()], exit: { referralSourceNoticeSentOn: '2026-05-03' } });
    expect(r).toMatchObject({ status: 'pass', findings: [], obligations: [] });
  });

  it('is off under the service definition pack', () => {
    const ev = evalEnrolment(data(), '2026-05-10', { pack: prssServiceDefinition });
    expect(ev.results.map((x) => x.ruleId)).not.toContain(RULE);
  });
});

describe('peer-discontinuation: referrals for continuity', () => {
  it('reports a discontinuation without a continuity referral', () => {
    const r = discontinuation({ referrals: [], exit: { referralsMade: [] }, source: { kind: 'self' } });
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'peer-discontinuation.no-continuity-referral',
        severity: 'error',
        message:
          'Services were discontinued on 2026-05-01 without a referral recorded for continuity of services and support.',
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'enrolments[0].exit.referralsMade',
        source: { ...item4, quote: 'to ensure continuity of services and support' },
        expected: { continuityReferrals: '1 or more' },
        found: { continuityReferrals: 0 },
        params: { on: EXIT },
      },
    ]);
  });

  it('accepts a referral marked for continuity even when the exit does not name it, once it is made', () => {
    const c: Case = {
      referrals: [{ ...continuity, madeOn: '2026-05-02' }],
      exit: { referralsMade: [] },
      source: { kind: 'self' },
    };
    expect(codesOf(discontinuation(c, EXIT))).toEqual(['peer-discontinuation.no-continuity-referral']);
    expect(discontinuation(c, '2026-05-02').findings).toEqual([]);
  });
});

describe('peer-discontinuation: notice to the referral source', () => {
  it('asks for the notice when a consent naming the recipient permits it', () => {
    const r = discontinuation({ consents: [consent()] });
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'peer-discontinuation.notice-missing',
        severity: 'error',
        message:
          'Services were discontinued on 2026-05-01; the referral source has not been notified although a consent permits it.',
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'enrolments[0].exit.referralSourceNoticeSentOn',
        source: { ...item4, quote: "provided to Peer's referral source as applicable" },
        expected: { noticeSent: true },
        found: { noticeSent: false, consent: true },
        params: { on: EXIT },
      },
    ]);
    // a notice dated after asOf is not seen yet
    expect(
      codesOf(discontinuation({ consents: [consent()], exit: { referralSourceNoticeSentOn: '2026-05-12' } })),
    ).toEqual(['peer-discontinuation.notice-missing']);
  });

  it('advises (info) NOT to send the notice without such a consent', () => {
    for (const consents of [
      [],
      [consent({ recipientOrganizationId: 'other-clinic' })],
      [consent({ purposes: ['referral'] })],
      [consent({ kind: 'confidentiality' })],
      [consent({ period: { start: '2026-01-05', end: '2026-04-30' } })],
      [consent({ revokedOn: '2026-04-15' })],
    ]) {
      const r = discontinuation({ consents });
      expect(r.status).toBe('pass');
      expect(r.findings).toEqual([
        {
          ruleId: RULE,
          code: 'peer-discontinuation.notice-not-permitted',
          severity: 'info',
          message:
            'Services were discontinued on 2026-05-01; the referral source must NOT be notified: no consent names it as recipient (42 CFR Part 2).',
          subject: { type: 'enrolment', id: 'enr-1' },
          path: 'enrolments[0].exit.referralSourceNoticeSentOn',
          source: { ...item4, quote: "provided to Peer's referral source as applicable" },
          expected: { consentNamingRecipient: true },
          found: { consentNamingRecipient: false, noticeSent: false },
          params: { on: EXIT },
        },
      ]);
    }
  });

  it('reports a notice sent without consent as an error, whatever the pack severity', () => {
    const pack = packWith(RULE, { severity: 'warning' });
    const r = discontinuation(
      { referrals: [], exit: { referralsMade: [], referralSourceNoticeSentOn: '2026-05-03' } },
      '2026-05-10',
      pack,
    );
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([
      ['peer-discontinuation.no-continuity-referral', 'warning'],
      ['peer-discontinuation.notice-sent-without-consent', 'error'],
    ]);
    expect(r.findings[1]).toMatchObject({
      path: 'enrolments[0].exit.referralSourceNoticeSentOn',
      expected: { consentNamingRecipient: true },
      found: { consentNamingRecipient: false, noticeSent: true },
      params: { on: EXIT, sentOn: '2026-05-03' },
      message:
        'The referral source was notified on 2026-05-03 without a consent naming it as recipient (42 CFR Part 2).',
    });
  });

  it('judges a sent notice by the consent in force on the day it was sent', () => {
    const sent = { referralSourceNoticeSentOn: '2026-05-03' };
    expect(
      discontinuation({ consents: [consent({ revokedOn: '2026-05-05' })], exit: sent }).findings,
    ).toEqual([]);
    expect(
      codesOf(discontinuation({ consents: [consent({ revokedOn: '2026-05-03' })], exit: sent })),
    ).toEqual(['peer-discontinuation.notice-sent-without-consent']);
    expect(
      codesOf(
        discontinuation({
          consents: [consent({ signedOn: '2026-05-04', period: { start: '2026-05-04' } })],
          exit: sent,
        }),
      ),
    ).toEqual(['peer-discontinuation.notice-sent-without-consent']);
  });

  it('judges a notice not yet sent by the consent in force at asOf', () => {
    // revoked after the exit: the notice may no longer be sent
    expect(
      codesOf(discontinuation({ consents: [consent({ revokedOn: '2026-05-05' })] }, '2026-05-04')),
    ).toEqual(['peer-discontinuation.notice-missing']);
    expect(
      codesOf(discontinuation({ consents: [consent({ revokedOn: '2026-05-05' })] }, '2026-05-10')),
    ).toEqual(['peer-discontinuation.notice-not-permitted']);
    // signed after the exit: the notice may now be sent
    const late = [consent({ signedOn: '2026-05-05', period: { start: '2026-05-05' } })];
    expect(codesOf(discontinuation({ consents: late }, '2026-05-04'))).toEqual([
      'peer-discontinuation.notice-not-permitted',
    ]);
    expect(codesOf(discontinuation({ consents: late }, '2026-05-10'))).toEqual([
      'peer-discontinuation.notice-missing',
    ]);
  });

  it('does not apply to a self-referral or a referral source that names no organisation', () => {
    const sent = { referralSourceNoticeSentOn: '2026-05-03' };
    expect(discontinuation({ source: { kind: 'self' }, exit: sent }).findings).toEqual([]);
    expect(discontinuation({ source: { kind: 'hospital' }, exit: sent }).findings).toEqual([]);
    const noSource = programData({
      enrolments: [
        enrolment({
          enrolledOn: '2026-01-05',
          exit: { on: EXIT, kind: 'discontinued', referralsMade: ['r1'] },
        }),
      ],
      referrals: [continuity],
    });
    expect(enrolmentRule(noSource, RULE, '2026-05-10')).toMatchObject({ status: 'pass', findings: [] });
  });

  it('is not checked when the pack does not ask for notices or referrals', () => {
    const pack = packWith(RULE, {
      referralSourceNoticeRequired: { value: false, source: srpRecoveryConnect.rules[RULE].source },
      continuityReferralRequired: { value: false, source: srpRecoveryConnect.rules[RULE].source },
    });
    const r = discontinuation(
      { referrals: [], exit: { referralsMade: [], referralSourceNoticeSentOn: '2026-05-03' } },
      '2026-05-10',
      pack,
    );
    expect(r).toMatchObject({ status: 'pass', findings: [] });
  });
});

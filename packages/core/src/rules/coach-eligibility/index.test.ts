import { describe, expect, it } from 'vitest';
import type { Coach } from '../../model/domain';
import { prssServiceDefinition, srpRecoveryConnect } from '../../packs/builtin';
import { coach, programData } from '../../testing/builders';
import { coachRule, codesOf, evalCoach, obligationOf, packWith } from '../rules.test-support';

const RULE = 'coach-eligibility';
const item1 = {
  document: 'srp-guidelines',
  section: 'Participation Requirements, item 1',
};
const eligibility = (over: Partial<Coach>, asOf: string, pack = srpRecoveryConnect) =>
  coachRule(programData({ coaches: [coach(over)] }), RULE, asOf, { pack });

describe('coach-eligibility: an eligible coach', () => {
  it('passes, with eligibleUntil the day before the first expiry and a renewal obligation per expiring item', () => {
    const r = eligibility({}, '2026-06-01');
    expect(r.status).toBe('pass');
    expect(r.findings).toEqual([]);
    // background check expires 2028-01-06, training 2028-01-10: the background check comes first
    expect(r.facts).toEqual({
      eligible: true,
      eligibleUntil: '2028-01-05',
      firstExpiring: 'background-check',
    });
    expect(r.obligations.map((o) => [o.id, o.label, o.dueOn, o.status])).toEqual([
      ['coach-eligibility:renew:background-check', 'Renew background-check', '2028-01-05', 'open'],
      [
        'coach-eligibility:renew:training:core-training',
        'Renew training core-training',
        '2028-01-09',
        'open',
      ],
    ]);
    // end of 5 January 2028 in Los Angeles (UTC-8)
    expect(obligationOf(r, 'coach-eligibility:renew:background-check').dueAt).toBe(
      '2028-01-06T07:59:59.999Z',
    );
  });

  it('stays eligible (pass, not pending) on the day before expiry, with the renewal due soon', () => {
    const r = eligibility({}, '2028-01-05');
    expect(r.status).toBe('pass');
    expect(r.facts).toMatchObject({ eligible: true, eligibleUntil: '2028-01-05' });
    expect(obligationOf(r, 'coach-eligibility:renew:background-check').status).toBe('due-soon');
  });

  it('has no eligibleUntil when nothing expires', () => {
    const r = eligibility(
      {
        trainings: [{ code: 'core-training', completedOn: '2025-01-10' }],
        backgroundCheck: { completedOn: '2025-01-06' },
      },
      '2030-01-01',
    );
    expect(r.facts).toEqual({ eligible: true, eligibleUntil: null, firstExpiring: null });
    expect(r.obligations).toEqual([]);
    expect(r.status).toBe('pass');
  });
});

describe('coach-eligibility: expiring items are valid up to the day before expiresOn', () => {
  it('reports the background check as expired on its expiry day', () => {
    const r = eligibility({}, '2028-01-06');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'coach-eligibility.background-check-expired',
        severity: 'error',
        message: 'The background check expired on 2028-01-06.',
        subject: { type: 'coach', id: 'coach-1' },
        path: 'coaches[0].backgroundCheck.expiresOn',
        source: { ...item1, quote: 'background checks' },
        expected: { met: true, expiredOn: '2028-01-06' },
        found: { met: false },
        params: { expiredOn: '2028-01-06' },
      },
    ]);
    // the training (2028-01-10) is still valid: it is now the first expiring item, but the coach is not eligible
    expect(r.facts).toEqual({
      eligible: false,
      eligibleUntil: null,
      firstExpiring: 'training:core-training',
    });
  });

  it('reports an expired training with the path of the latest completion', () => {
    const r = eligibility(
      {
        trainings: [
          { code: 'other-training', completedOn: '2024-01-01' },
          { code: 'core-training', completedOn: '2025-01-10', expiresOn: '2028-01-10' },
        ],
      },
      '2028-01-10',
    );
    const f = r.findings.find((x) => x.code === 'coach-eligibility.training-expired');
    expect(f).toMatchObject({
      path: 'coaches[0].trainings[1].expiresOn',
      params: { training: 'core-training', expiredOn: '2028-01-10' },
      expected: { met: true, training: 'core-training', expiredOn: '2028-01-10' },
      found: { met: false },
      severity: 'error',
      source: { ...item1, quote: 'complete all required training' },
      message: 'Required training "core-training" expired on 2028-01-10.',
    });
    expect(codesOf(r)).toEqual([
      'coach-eligibility.training-expired',
      'coach-eligibility.background-check-expired',
    ]);
    expect(r.facts).toEqual({ eligible: false, eligibleUntil: null, firstExpiring: null });
  });

  it('uses the most recent completion of a training, so a renewal clears the expiry', () => {
    const r = eligibility(
      {
        trainings: [
          { code: 'core-training', completedOn: '2027-12-01', expiresOn: '2030-12-01' },
          { code: 'core-training', completedOn: '2025-01-10', expiresOn: '2028-01-10' },
        ],
        backgroundCheck: { completedOn: '2025-01-06' },
      },
      '2028-02-01',
    );
    expect(r.findings).toEqual([]);
    expect(r.facts).toEqual({
      eligible: true,
      eligibleUntil: '2030-11-30',
      firstExpiring: 'training:core-training',
    });
  });

  it('does not count a training completed after the evaluation day', () => {
    const r = eligibility(
      { trainings: [{ code: 'core-training', completedOn: '2026-07-01' }] },
      '2026-06-01',
    );
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'coach-eligibility.training-missing',
        path: 'coaches[0].trainings',
        params: { training: 'core-training' },
        expected: { met: true, training: 'core-training' },
        message: 'Required training "core-training" is not recorded as completed.',
      }),
    ]);
    expect(r.facts).toMatchObject({ eligible: false, eligibleUntil: null });
  });
});

describe('coach-eligibility: minimum recovery duration', () => {
  it('counts whole calendar months from the recovery start date, never reporting the date', () => {
    const early = evalCoach(
      programData({ coaches: [coach({ recoveryStartDate: '2024-06-10' })] }),
      '2026-06-09T12:00:00-07:00',
    );
    const r = early.results.find((x) => x.ruleId === RULE);
    expect(r?.findings).toEqual([
      {
        ruleId: RULE,
        code: 'coach-eligibility.recovery-too-short',
        severity: 'error',
        message: 'The coach has not yet been in recovery for the required 2 year(s).',
        subject: { type: 'coach', id: 'coach-1' },
        path: 'coaches[0].recoveryStartDate',
        source: { document: 'srp-guidelines', section: 'Program description', quote: 'min 2 years' },
        expected: { met: true, minYears: 2 },
        found: { met: false },
        params: { minYears: 2 },
      },
    ]);
    const json = JSON.stringify(early);
    // neither the recovery date nor the day the minimum is reached (which would reveal it) is in the output
    expect(json).not.toContain('2024-06-10');
    expect(json).not.toContain('2026-06-10');
    expect(json).not.toContain('2024-06');
    expect(eligibility({ recoveryStartDate: '2024-06-10' }, '2026-06-10').findings).toEqual([]);
  });

  it('reaches two years from a 29 February start on 28 February', () => {
    expect(codesOf(eligibility({ recoveryStartDate: '2024-02-29' }, '2026-02-27'))).toEqual([
      'coach-eligibility.recovery-too-short',
    ]);
    expect(eligibility({ recoveryStartDate: '2024-02-29' }, '2026-02-28').findings).toEqual([]);
  });

  it('accepts recoveryMinimumVerifiedOn from that day on when no date is kept', () => {
    const noDate: Partial<Coach> = { recoveryMinimumVerifiedOn: '2026-03-01' };
    const { recoveryStartDate: _, ...base } = coach(noDate);
    const data = programData({ coaches: [base] });
    const before = coachRule(data, RULE, '2026-02-28');
    expect(before.findings).toEqual([
      expect.objectContaining({
        code: 'coach-eligibility.recovery-date-unknown',
        path: 'coaches[0]',
        expected: { met: true, minYears: 2 },
        found: { met: false },
        params: { minYears: 2 },
        message:
          'No recovery start date (or verification of the minimum recovery duration) is recorded for the coach.',
      }),
    ]);
    expect(coachRule(data, RULE, '2026-03-01').findings).toEqual([]);
  });

  it('accepts a verification even when the recorded date is too recent', () => {
    const r = eligibility(
      { recoveryStartDate: '2025-06-01', recoveryMinimumVerifiedOn: '2026-01-15' },
      '2026-02-01',
    );
    expect(r.findings).toEqual([]);
  });

  it('is not checked when the pack asks for no minimum (service definition pack), but lived experience is', () => {
    const { recoveryStartDate: _, ...base } = coach();
    const attested = coachRule(
      programData({ coaches: [{ ...base, livedExperienceAttested: true }] }),
      RULE,
      '2026-06-01',
      { pack: prssServiceDefinition },
    );
    expect(attested.findings).toEqual([]);
    expect(attested.status).toBe('pass');
    const silent = coachRule(programData({ coaches: [base] }), RULE, '2026-06-01', {
      pack: prssServiceDefinition,
    });
    expect(silent.findings).toEqual([
      expect.objectContaining({
        code: 'coach-eligibility.lived-experience-missing',
        path: 'coaches[0].livedExperienceAttested',
        source: {
          document: 'prss-service-definition',
          section: 'Staffing Requirements',
          quote: 'Providers should have lived experience in recovery',
        },
      }),
    ]);
  });
});

describe('coach-eligibility: program, interview, background check, agreements', () => {
  it('reports each missing item with its path and source', () => {
    const {
      interview: _i,
      backgroundCheck: _b,
      ...base
    } = coach({
      personalProgramAttested: false,
      agreements: { volunteer: '2025-01-10', mentorship: '2026-09-01' },
    });
    // the coach checked is the second of the list, so paths say coaches[1]
    const bad = coachRule(programData({ coaches: [coach({ id: 'coach-0' }), base] }), RULE, '2026-06-01');
    expect(bad.subject).toEqual({ type: 'coach', id: 'coach-1' });
    expect(bad.findings.map((f) => [f.code, f.path, f.message, f.source.quote])).toEqual([
      [
        'coach-eligibility.no-personal-program',
        'coaches[1].personalProgramAttested',
        'The coach has not attested a personal program of recovery.',
        'have a personal program of their own',
      ],
      [
        'coach-eligibility.interview-missing',
        'coaches[1].interview',
        'The coach interview is not recorded.',
        'interviews',
      ],
      [
        'coach-eligibility.background-check-missing',
        'coaches[1].backgroundCheck',
        'The background check is not recorded.',
        'background checks',
      ],
      [
        'coach-eligibility.agreement-missing',
        'coaches[1].agreements.mentorship',
        'The mentorship agreement is not signed.',
        'agree to provide mentorship services',
      ],
      [
        'coach-eligibility.agreement-missing',
        'coaches[1].agreements.guidelines',
        'The guidelines agreement is not signed.',
        'agree to provide mentorship services',
      ],
      [
        'coach-eligibility.agreement-missing',
        'coaches[1].agreements.personalViews',
        'The personalViews agreement is not signed.',
        'acknowledges that any views ... are personal',
      ],
    ]);
    expect(bad.findings.find((f) => f.code === 'coach-eligibility.agreement-missing')?.params).toEqual({
      agreement: 'mentorship',
    });
    expect(bad.status).toBe('fail');
    expect(bad.facts).toMatchObject({ eligible: false });
  });

  it('treats an interview or background check dated after the evaluation day as missing', () => {
    const r = eligibility(
      { interview: { completedOn: '2026-06-02' }, backgroundCheck: { completedOn: '2026-06-02' } },
      '2026-06-01',
    );
    expect(codesOf(r)).toEqual([
      'coach-eligibility.interview-missing',
      'coach-eligibility.background-check-missing',
    ]);
  });

  it('asks only for the training under the service definition pack', () => {
    const {
      interview: _i,
      backgroundCheck: _b,
      ...base
    } = coach({
      personalProgramAttested: false,
      agreements: {},
    });
    const r = coachRule(programData({ coaches: [base] }), RULE, '2026-06-01', {
      pack: prssServiceDefinition,
    });
    expect(r.findings).toEqual([]);
    expect(r.facts).toEqual({
      eligible: true,
      eligibleUntil: '2028-01-09',
      firstExpiring: 'training:core-training',
    });
  });

  it('takes the severity from the pack: a warning makes the coach ineligible too', () => {
    const pack = packWith(RULE, { severity: 'warning' });
    const r = eligibility({ personalProgramAttested: false }, '2026-06-01', pack);
    expect(r.findings.map((f) => f.severity)).toEqual(['warning']);
    expect(r.status).toBe('fail');
    expect(r.facts).toMatchObject({ eligible: false });
  });
});

describe('coach-eligibility: applies only to active and on-notice coaches', () => {
  const incomplete: Partial<Coach> = { personalProgramAttested: false, agreements: {} };
  it('is not applicable to an applicant, a withdrawn coach or before the history starts', () => {
    const applicant = eligibility(
      { ...incomplete, statusHistory: [{ status: 'applicant', from: '2026-01-01' }] },
      '2026-06-01',
    );
    expect(applicant).toMatchObject({ status: 'not-applicable', findings: [], obligations: [] });
    expect(applicant.facts).toBeUndefined();
    const withdrawn = eligibility(
      {
        ...incomplete,
        statusHistory: [
          { status: 'active', from: '2025-01-15' },
          { status: 'withdrawn', from: '2026-05-01', writtenNoticeOn: '2026-04-20' },
        ],
      },
      '2026-06-01',
    );
    expect(withdrawn.status).toBe('not-applicable');
    expect(eligibility(incomplete, '2025-01-14').status).toBe('not-applicable');
    expect(eligibility(incomplete, '2025-01-15').status).toBe('fail');
  });

  it('is checked for an on-notice coach', () => {
    const r = eligibility(
      {
        ...incomplete,
        statusHistory: [
          { status: 'active', from: '2025-01-15' },
          { status: 'on-notice', from: '2026-05-01', writtenNoticeOn: '2026-05-01' },
        ],
      },
      '2026-06-01',
    );
    expect(r.status).toBe('fail');
  });

  it('is not applicable once a boundary violation removes the coach', () => {
    const r = eligibility(
      { ...incomplete, incidents: [{ id: 'i1', on: '2026-03-01', kind: 'boundary-violation' }] },
      '2026-06-01',
    );
    expect(r.status).toBe('not-applicable');
  });
});

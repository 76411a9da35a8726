import { describe, expect, it } from 'vitest';
import type { Enrolment, PlanVersion } from '../../model/domain';
import { illustrativeSixMonthReview, srpRecoveryConnect } from '../../packs/builtin';
import { enrolment, plan, programData } from '../../testing/builders';
import { codesOf, enrolmentRule, obligationOf } from '../rules.test-support';

const RULE = 'plan-revision';
const item2 = { document: 'srp-guidelines', section: 'Peer-Mentor Responsibilities, item 2' };
const revision = (
  plans: PlanVersion[],
  asOf: string,
  e: Partial<Enrolment> & { enrolledOn?: string } = {},
  pack = srpRecoveryConnect,
) =>
  enrolmentRule(
    programData({ enrolments: [enrolment({ enrolledOn: '2026-01-05', ...e })], plans }),
    RULE,
    asOf,
    {
      pack,
    },
  );
const v1 = plan({ id: 'p1', version: 1, signedByPeerAt: '2026-01-20T10:00:00-08:00' });

describe('plan-revision: the next version is due the interval after the last signature', () => {
  it('is not applicable before any version is signed by the peer', () => {
    const draft = plan({ id: 'p1', version: 1, signedByCoachAt: '2026-01-20T10:00:00-08:00' });
    expect(revision([draft], '2026-06-01')).toMatchObject({ status: 'not-applicable', obligations: [] });
  });

  it('is open three months after version 1, then due soon', () => {
    const r = revision([v1], '2026-03-01');
    expect(r.status).toBe('pending');
    expect(r.obligations).toEqual([
      {
        id: 'plan-revision:after-v1',
        key: { planVersion: 1 },
        ruleId: RULE,
        subject: { type: 'enrolment', id: 'enr-1' },
        label: 'Revise action plan version 1',
        dueOn: '2026-04-20',
        dueAt: '2026-04-21T06:59:59.999Z',
        status: 'open',
      },
    ]);
    expect(obligationOf(revision([v1], '2026-04-12'), 'plan-revision:after-v1').status).toBe('open');
    expect(obligationOf(revision([v1], '2026-04-13'), 'plan-revision:after-v1').status).toBe('due-soon');
  });

  it('reports an overdue revision on the last signed version', () => {
    const r = revision([v1], '2026-04-25');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'plan-revision.overdue',
        severity: 'error',
        message: 'Plan revision after version 1 was due on 2026-04-20 and is 5 day(s) overdue.',
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'plans[0]',
        source: { ...item2, quote: 'revised every three months' },
        expected: { revisedBy: '2026-04-20' },
        found: { revised: false, daysLate: 5 },
        params: { version: 1, dueOn: '2026-04-20', daysLate: 5 },
        dueOn: '2026-04-20',
        dueAt: '2026-04-21T06:59:59.999Z',
      },
    ]);
    expect(obligationOf(r, 'plan-revision:after-v1')).toMatchObject({ status: 'overdue', lateByDays: 5 });
  });

  it('clamps to the end of a shorter month and reports a late revision on the new version', () => {
    const plans = [
      plan({ id: 'p1', version: 1, signedByPeerAt: '2025-11-30T10:00:00-08:00' }),
      plan({ id: 'p2', version: 2, replaces: 'p1', signedByPeerAt: '2026-03-02T10:00:00-08:00' }),
    ];
    const r = revision(plans, '2026-03-10', { enrolledOn: '2025-11-01' });
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'plan-revision.late',
        severity: 'error',
        message: 'Plan version 2 was signed 2 day(s) late (due 2026-02-28, signed 2026-03-02).',
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'plans[1]',
        source: { ...item2, quote: 'revised every three months' },
        expected: { signedBy: '2026-02-28' },
        found: { signedOn: '2026-03-02', daysLate: 2 },
        params: { version: 2, daysLate: 2, dueOn: '2026-02-28', signedOn: '2026-03-02' },
        dueOn: '2026-02-28',
        dueAt: '2026-03-01T07:59:59.999Z',
      },
    ]);
    expect(r.obligations.map((o) => [o.id, o.dueOn, o.status, o.lateByDays])).toEqual([
      ['plan-revision:after-v1', '2026-02-28', 'met', 2],
      // the clock restarts from the late signature
      ['plan-revision:after-v2', '2026-06-02', 'open', undefined],
    ]);
  });

  it('accepts a revision signed at 23:59 local on the due day', () => {
    const plans = [
      v1,
      plan({ id: 'p2', version: 2, replaces: 'p1', signedByPeerAt: '2026-04-20T23:59:00-07:00' }),
    ];
    const r = revision(plans, '2026-05-01');
    expect(r.findings).toEqual([]);
    expect(obligationOf(r, 'plan-revision:after-v1')).toMatchObject({ status: 'met' });
    expect(obligationOf(r, 'plan-revision:after-v1').lateByDays).toBeUndefined();
  });

  it('does not pause the plan clock during a hold', () => {
    const r = revision([v1], '2026-04-25', {
      holds: [{ from: '2026-02-01', to: '2026-03-31', reason: 'inpatient-treatment' }],
    });
    expect(obligationOf(r, 'plan-revision:after-v1')).toMatchObject({
      dueOn: '2026-04-20',
      status: 'overdue',
    });
  });
});

describe('plan-revision: goals', () => {
  it('reports a revision with too few goals, which does not count as a revision (as for a first plan)', () => {
    const plans = [
      v1,
      plan({ id: 'p2', version: 2, replaces: 'p1', signedByPeerAt: '2026-04-10T10:00:00-07:00' }, 2),
    ];
    const r = revision(plans, '2026-05-01');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'plan-revision.too-few-goals',
        path: 'plans[1]',
        expected: { minGoals: 3 },
        found: { goals: 2 },
        params: { version: 2, goals: 2, minGoals: 3 },
        source: { ...item2, quote: 'at least three goals/objectives' },
        message: 'Plan version 2 has 2 goal(s); at least 3 are required.',
      }),
      expect.objectContaining({
        code: 'plan-revision.overdue',
        params: { version: 1, dueOn: '2026-04-20', daysLate: 11 },
      }),
    ]);
    expect(r.obligations.map((o) => [o.id, o.dueOn, o.status])).toEqual([
      ['plan-revision:after-v1', '2026-04-20', 'overdue'],
    ]);
    // A later version with enough goals meets the revision, late.
    const fixed = revision(
      [...plans, plan({ id: 'p3', version: 3, replaces: 'p2', signedByPeerAt: '2026-04-25T10:00:00-07:00' })],
      '2026-05-01',
    );
    expect(codesOf(fixed)).toEqual(['plan-revision.too-few-goals', 'plan-revision.late']);
    expect(fixed.obligations.map((o) => [o.id, o.dueOn, o.status])).toEqual([
      ['plan-revision:after-v1', '2026-04-20', 'met'],
      ['plan-revision:after-v3', '2026-07-25', 'open'],
    ]);
  });

  it('leaves a first version with too few goals to the first-action-plan rule: the chain starts at one with enough', () => {
    const thin = plan({ id: 'p1', version: 1, signedByPeerAt: '2026-01-20T10:00:00-08:00' }, 1);
    const alone = revision([thin], '2026-03-01');
    expect(alone.findings).toEqual([]);
    expect(alone.status).toBe('not-applicable');
    const r = revision(
      [thin, plan({ id: 'p2', version: 2, replaces: 'p1', signedByPeerAt: '2026-02-10T10:00:00-08:00' })],
      '2026-03-01',
    );
    expect(r.findings).toEqual([]);
    expect(r.obligations.map((o) => [o.id, o.dueOn])).toEqual([['plan-revision:after-v2', '2026-05-10']]);
  });
});

describe('plan-revision: the enrolment ends', () => {
  const exit = (on: string): Partial<Enrolment> => ({ exit: { on, kind: 'completed', referralsMade: [] } });
  it('lapses when the enrolment ends before the revision is due', () => {
    const r = revision([v1], '2026-06-01', exit('2026-04-10'));
    expect(obligationOf(r, 'plan-revision:after-v1').status).toBe('not-applicable');
    expect(r.findings).toEqual([]);
    expect(r.status).toBe('pass');
  });

  it('is missed when the enrolment ends after the due day, the delay counted up to the exit', () => {
    const r = revision([v1], '2026-06-01', exit('2026-05-05'));
    expect(obligationOf(r, 'plan-revision:after-v1').status).toBe('missed');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'plan-revision.overdue',
        found: { revised: false, daysLate: 15 },
        params: { version: 1, dueOn: '2026-04-20', daysLate: 15 },
      }),
    ]);
  });
});

describe('plan-revision: versions signed after the exit', () => {
  it('do not count, so the missed revision stays missed', () => {
    const plans = [
      v1,
      plan({ id: 'p2', version: 2, replaces: 'p1', signedByPeerAt: '2026-05-10T10:00:00-07:00' }),
    ];
    const r = revision(plans, '2026-06-01', {
      exit: { on: '2026-05-05', kind: 'completed', referralsMade: [] },
    });
    expect(r.obligations.map((o) => [o.id, o.status])).toEqual([['plan-revision:after-v1', 'missed']]);
    expect(codesOf(r)).toEqual(['plan-revision.overdue']);
  });
});

describe('plan-revision: the illustrative six-month variant', () => {
  it('is due six months after the signature and cites the example', () => {
    expect(
      obligationOf(revision([v1], '2026-06-01', {}, illustrativeSixMonthReview), 'plan-revision:after-v1'),
    ).toMatchObject({ dueOn: '2026-07-20', status: 'open' });
    const late = revision([v1], '2026-07-21', {}, illustrativeSixMonthReview);
    expect(codesOf(late)).toEqual(['plan-revision.overdue']);
    expect(late.findings[0]?.source).toEqual({
      document: 'illustrative-example',
      section: 'Plan review interval (example)',
      quote: 'every 6 months',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Enrolment, PlanVersion } from '../../model/domain';
import { prssServiceDefinition, srpRecoveryConnect } from '../../packs/builtin';
import { enrolment, plan, programData } from '../../testing/builders';
import { codesOf, enrolmentRule, obligationOf, packWith, TEST_SOURCE } from '../rules.test-support';

const RULE = 'first-action-plan';
const item2 = { document: 'srp-guidelines', section: 'Peer-Mentor Responsibilities, item 2' };
/** End of 2 March 2026 in Los Angeles (UTC-8). */
const DUE_AT = '2026-03-03T07:59:59.999Z';
const firstPlan = (
  plans: PlanVersion[],
  asOf: string,
  e: Partial<Enrolment> = {},
  pack = srpRecoveryConnect,
) =>
  enrolmentRule(
    programData({ enrolments: [enrolment({ enrolledOn: '2026-01-31', ...e })], plans }),
    RULE,
    asOf,
    {
      pack,
    },
  );

describe('first-action-plan: the obligation', () => {
  it('is due 30 days after enrolment and pending until then', () => {
    const r = firstPlan([], '2026-02-10');
    expect(r.status).toBe('pending');
    expect(r.findings).toEqual([]);
    expect(r.obligations).toEqual([
      {
        id: 'first-action-plan',
        ruleId: RULE,
        subject: { type: 'enrolment', id: 'enr-1' },
        label: 'First action plan (3+ goals, signed by the peer)',
        dueOn: '2026-03-02',
        dueAt: DUE_AT,
        status: 'open',
      },
    ]);
  });

  it('is due soon from exactly dueSoonDays (7) before the due instant', () => {
    expect(obligationOf(firstPlan([], '2026-02-22'), RULE).status).toBe('open');
    expect(obligationOf(firstPlan([], '2026-02-23'), RULE).status).toBe('due-soon');
  });

  it('is met (pass) by a plan with three goals signed on time', () => {
    const r = firstPlan([plan({ id: 'p1', signedByPeerAt: '2026-02-20T10:00:00-08:00' })], '2026-03-10');
    expect(r.status).toBe('pass');
    expect(r.findings).toEqual([]);
    expect(obligationOf(r, RULE)).toMatchObject({ status: 'met', metAt: '2026-02-20T18:00:00.000Z' });
    expect(obligationOf(r, RULE).lateByDays).toBeUndefined();
  });

  it('is not applicable before the enrolment date', () => {
    expect(firstPlan([], '2026-01-30')).toMatchObject({ status: 'not-applicable', obligations: [] });
  });

  it('does not count a plan signed only by the coach', () => {
    const r = firstPlan([plan({ id: 'p1', signedByCoachAt: '2026-02-20T10:00:00-08:00' })], '2026-03-04');
    expect(codesOf(r)).toEqual(['first-action-plan.overdue']);
  });
});

describe('first-action-plan: findings', () => {
  it('reports an overdue plan on the enrolment, counting days from the due day', () => {
    const data = programData({
      enrolments: [
        enrolment({ id: 'enr-0', enrolledOn: '2026-01-01' }),
        enrolment({ enrolledOn: '2026-01-31' }),
      ],
    });
    const r = enrolmentRule(data, RULE, '2026-03-12');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'first-action-plan.overdue',
        severity: 'error',
        message:
          'No action plan with at least 3 goals signed by the peer: it was due on 2026-03-02 and is 10 day(s) overdue.',
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'enrolments[1]',
        source: { ...item2, quote: 'signed by the Peer within one month' },
        expected: { signedBy: '2026-03-02', minGoals: 3 },
        found: { signedPlanWithEnoughGoals: false, daysLate: 10 },
        params: { minGoals: 3, dueOn: '2026-03-02', daysLate: 10 },
        dueOn: '2026-03-02',
        dueAt: DUE_AT,
      },
    ]);
    expect(obligationOf(r, RULE)).toMatchObject({ status: 'overdue', lateByDays: 10 });
  });

  it('reports a late plan on the plan, by its index in the document', () => {
    const other = plan({ id: 'p0', enrolmentId: 'enr-0', signedByPeerAt: '2026-01-10T10:00:00-08:00' });
    const late = plan({ id: 'p1', signedByPeerAt: '2026-03-11T10:00:00-07:00' });
    const data = programData({
      enrolments: [
        enrolment({ id: 'enr-0', enrolledOn: '2026-01-01' }),
        enrolment({ enrolledOn: '2026-01-31' }),
      ],
      plans: [other, late],
    });
    const r = enrolmentRule(data, RULE, '2026-03-20');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'first-action-plan.late',
        severity: 'error',
        message: 'The first action plan was signed 9 day(s) late (due 2026-03-02, signed 2026-03-11).',
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'plans[1]',
        source: { ...item2, quote: 'signed by the Peer within one month' },
        expected: { signedBy: '2026-03-02' },
        found: { signedOn: '2026-03-11', daysLate: 9 },
        params: { daysLate: 9, dueOn: '2026-03-02', signedOn: '2026-03-11' },
        dueOn: '2026-03-02',
        dueAt: DUE_AT,
      },
    ]);
    expect(obligationOf(r, RULE)).toMatchObject({
      status: 'met',
      metAt: '2026-03-11T17:00:00.000Z',
      lateByDays: 9,
    });
  });

  it('reports each signed version with too few goals before the first that has enough', () => {
    const plans = [
      plan({ id: 'p1', version: 1, signedByPeerAt: '2026-02-10T10:00:00-08:00' }, 2),
      plan({ id: 'p2', version: 2, replaces: 'p1', signedByPeerAt: '2026-02-20T10:00:00-08:00' }, 3),
      plan({ id: 'p3', version: 3, replaces: 'p2', signedByPeerAt: '2026-02-25T10:00:00-08:00' }, 1),
    ];
    const r = firstPlan(plans, '2026-03-01');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'first-action-plan.too-few-goals',
        severity: 'error',
        path: 'plans[0]',
        expected: { minGoals: 3 },
        found: { goals: 2 },
        params: { version: 1, goals: 2, minGoals: 3 },
        source: { ...item2, quote: 'at least three goals/objectives' },
        message: 'Plan version 1 has 2 goal(s); at least 3 are required.',
      }),
    ]);
    expect(r.findings[0]?.dueOn).toBeUndefined();
    expect(obligationOf(r, RULE)).toMatchObject({ status: 'met', metAt: '2026-02-20T18:00:00.000Z' });
    expect(r.status).toBe('fail');
  });

  it('takes the severity from the pack', () => {
    const pack = packWith(RULE, { severity: 'warning' });
    const r = firstPlan([], '2026-03-12', {}, pack);
    expect(r.findings.map((f) => f.severity)).toEqual(['warning']);
    expect(r.status).toBe('fail');
  });
});

describe('first-action-plan: the enrolment ends', () => {
  const exit = (on: string): Partial<Enrolment> => ({ exit: { on, kind: 'completed', referralsMade: [] } });
  it('lapses (not applicable) when the enrolment ends on or before the due day without a plan', () => {
    for (const on of ['2026-02-20', '2026-03-02']) {
      const r = firstPlan([], '2026-04-01', exit(on));
      expect(r.status).toBe('not-applicable');
      expect(r.findings).toEqual([]);
      expect(obligationOf(r, RULE)).toMatchObject({ dueOn: '2026-03-02', status: 'not-applicable' });
    }
  });

  it('is missed when the enrolment ends after the due day, counting the delay up to the exit', () => {
    const r = firstPlan([], '2026-05-01', exit('2026-03-20'));
    expect(obligationOf(r, RULE).status).toBe('missed');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'first-action-plan.overdue',
        found: { signedPlanWithEnoughGoals: false, daysLate: 18 },
        params: { minGoals: 3, dueOn: '2026-03-02', daysLate: 18 },
      }),
    ]);
  });

  it('stays missed: a plan signed after the enrolment ended does not count', () => {
    const plans = [plan({ id: 'p1', signedByPeerAt: '2026-03-25T10:00:00-07:00' })];
    for (const asOf of ['2026-03-22', '2026-03-30']) {
      const r = firstPlan(plans, asOf, exit('2026-03-20'));
      expect(obligationOf(r, RULE).status).toBe('missed');
      expect(codesOf(r)).toEqual(['first-action-plan.overdue']);
      expect(r.findings[0]?.found).toEqual({ signedPlanWithEnoughGoals: false, daysLate: 18 });
    }
    // signed on the exit day itself, it still counts
    const onExitDay = [plan({ id: 'p1', signedByPeerAt: '2026-03-20T18:00:00-07:00' })];
    expect(obligationOf(firstPlan(onExitDay, '2026-03-30', exit('2026-03-20')), RULE)).toMatchObject({
      status: 'met',
      lateByDays: 18,
    });
  });

  it('does not see an exit dated after the evaluation day', () => {
    const r = firstPlan([], '2026-02-10', exit('2026-02-20'));
    expect(obligationOf(r, RULE).status).toBe('open');
  });
});

describe('first-action-plan: as-of semantics', () => {
  it('does not see a plan before it was recorded, then counts it at its signature time', () => {
    const plans = [
      plan({
        id: 'p1',
        signedByPeerAt: '2026-02-20T10:00:00-08:00',
        recordedAt: '2026-03-05T09:00:00-08:00',
      }),
    ];
    const before = firstPlan(plans, '2026-03-04');
    expect(codesOf(before)).toEqual(['first-action-plan.overdue']);
    expect(before.findings[0]?.found).toEqual({ signedPlanWithEnoughGoals: false, daysLate: 2 });
    const after = firstPlan(plans, '2026-03-06');
    expect(after.findings).toEqual([]);
    expect(obligationOf(after, RULE).status).toBe('met');
  });
});

describe('first-action-plan: pack options', () => {
  const oneMonth = packWith(RULE, {
    deadline: { value: { unit: 'calendar-months', amount: 1 }, source: TEST_SOURCE },
  });
  it('with one calendar month, is due on the last day of February after 31 January', () => {
    const onTime = firstPlan(
      [plan({ id: 'p1', signedByPeerAt: '2026-02-28T23:59:00-08:00' })],
      '2026-03-10',
      {},
      oneMonth,
    );
    expect(obligationOf(onTime, RULE)).toMatchObject({ dueOn: '2026-02-28', status: 'met' });
    expect(onTime.findings).toEqual([]);
    const late = firstPlan(
      [plan({ id: 'p1', signedByPeerAt: '2026-03-01T00:00:30-08:00' })],
      '2026-03-10',
      {},
      oneMonth,
    );
    expect(late.findings).toEqual([
      expect.objectContaining({
        code: 'first-action-plan.late',
        dueOn: '2026-02-28',
        found: { signedOn: '2026-03-01', daysLate: 1 },
      }),
    ]);
    const leap = firstPlan([], '2024-02-01', { enrolledOn: '2024-01-31' }, oneMonth);
    expect(obligationOf(leap, RULE).dueOn).toBe('2024-02-29');
  });

  it('under the service definition pack, one goal is enough', () => {
    const r = firstPlan(
      [plan({ id: 'p1', signedByPeerAt: '2026-02-20T10:00:00-08:00' }, 1)],
      '2026-03-10',
      {},
      prssServiceDefinition,
    );
    expect(r.findings).toEqual([]);
    expect(obligationOf(r, RULE)).toMatchObject({
      label: 'First action plan (1+ goals, signed by the peer)',
      status: 'met',
    });
  });
});

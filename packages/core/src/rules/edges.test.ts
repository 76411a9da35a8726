import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { ProgramData } from '../model/domain';
import { parseProgramData } from '../model/parse';
import { parseAsOf } from '../model/result';
import { derivePack, srpRecoveryConnect } from '../packs/builtin';
import { coach, contact, enrolment, message, plan, programData } from '../testing/builders';
import type { AsOf } from './context';
import type { EnrolmentEvaluation } from './evaluate';
import { evaluateCoach, evaluateEnrollment, evaluateProgram } from './evaluate';
import { firstPlanDueOn } from './first-action-plan/index';
import { leavingCoach } from './rules.test-support';

function evalOk(
  data: ProgramData,
  asOf: string,
  id = 'enr-1',
  pack = srpRecoveryConnect,
): EnrolmentEvaluation {
  const parsed = parseProgramData(data);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
  const r = evaluateEnrollment(parsed.data, id, { asOf, pack });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}
const obligation = (ev: EnrolmentEvaluation, id: string) => ev.timeline.find((o) => o.id === id);
const codes = (ev: EnrolmentEvaluation) => ev.findings.map((f) => f.code);

describe('first action plan deadline', () => {
  it('is 2 March after a 31 January enrolment, 1 March in a leap year', () => {
    expect(firstPlanDueOn('2026-01-31', { unit: 'days', amount: 30 })).toBe('2026-03-02');
    expect(firstPlanDueOn('2024-01-31', { unit: 'days', amount: 30 })).toBe('2024-03-01');
  });
  it('is the end of February with the one-calendar-month option', () => {
    expect(firstPlanDueOn('2026-01-31', { unit: 'calendar-months', amount: 1 })).toBe('2026-02-28');
    expect(firstPlanDueOn('2024-01-31', { unit: 'calendar-months', amount: 1 })).toBe('2024-02-29');
  });
  it('accepts a plan signed at 23:59 local on the deadline day', () => {
    const ev = evalOk(
      programData({
        enrolments: [enrolment({ enrolledOn: '2026-01-31' })],
        plans: [plan({ id: 'p1', signedByPeerAt: '2026-03-02T23:59:00-08:00' })],
      }),
      '2026-03-20',
    );
    expect(obligation(ev, 'first-action-plan')).toMatchObject({ dueOn: '2026-03-02', status: 'met' });
    expect(codes(ev)).not.toContain('first-action-plan.late');
  });
  it('reports a plan signed one minute after the deadline day as 1 day late', () => {
    const ev = evalOk(
      programData({
        enrolments: [enrolment({ enrolledOn: '2026-01-31' })],
        plans: [plan({ id: 'p1', signedByPeerAt: '2026-03-03T00:00:30-08:00' })],
      }),
      '2026-03-20',
    );
    const late = ev.findings.find((f) => f.code === 'first-action-plan.late');
    expect(late).toMatchObject({
      dueOn: '2026-03-02',
      found: { signedOn: '2026-03-03', daysLate: 1 },
      path: 'plans[0]',
    });
    expect(obligation(ev, 'first-action-plan')).toMatchObject({ status: 'met', lateByDays: 1 });
  });
  it('uses the UTC instant in the program zone: 07:30 UTC on 3 March is still 2 March in Los Angeles', () => {
    const ev = evalOk(
      programData({
        enrolments: [enrolment({ enrolledOn: '2026-01-31' })],
        plans: [plan({ id: 'p1', signedByPeerAt: '2026-03-03T07:30:00Z' })],
      }),
      '2026-03-20',
    );
    expect(obligation(ev, 'first-action-plan')?.status).toBe('met');
    expect(codes(ev)).not.toContain('first-action-plan.late');
  });
  it('is open, then due soon, then overdue with no plan', () => {
    const data = programData({ enrolments: [enrolment({ enrolledOn: '2026-01-31' })] });
    expect(obligation(evalOk(data, '2026-02-10'), 'first-action-plan')?.status).toBe('open');
    expect(obligation(evalOk(data, '2026-02-27'), 'first-action-plan')?.status).toBe('due-soon');
    const late = evalOk(data, '2026-03-12');
    expect(obligation(late, 'first-action-plan')).toMatchObject({ status: 'overdue', lateByDays: 10 });
    expect(late.findings.find((f) => f.code === 'first-action-plan.overdue')?.found).toEqual({
      signedPlanWithEnoughGoals: false,
      daysLate: 10,
    });
  });
  it('does not count a plan with too few goals', () => {
    const ev = evalOk(
      programData({
        enrolments: [enrolment({ enrolledOn: '2026-01-31' })],
        plans: [plan({ id: 'p1', signedByPeerAt: '2026-02-10T10:00:00-08:00' }, 2)],
      }),
      '2026-03-12',
    );
    expect(codes(ev)).toEqual(
      expect.arrayContaining(['first-action-plan.too-few-goals', 'first-action-plan.overdue']),
    );
  });
  it('ignores a signature made after asOf (as-of semantics)', () => {
    const data = programData({
      enrolments: [enrolment({ enrolledOn: '2026-01-31' })],
      plans: [plan({ id: 'p1', signedByPeerAt: '2026-03-10T10:00:00-08:00' })],
    });
    expect(obligation(evalOk(data, '2026-03-05'), 'first-action-plan')?.status).toBe('overdue');
    expect(obligation(evalOk(data, '2026-03-11'), 'first-action-plan')).toMatchObject({
      status: 'met',
      lateByDays: 8,
    });
  });
});

describe('plan revision chain', () => {
  const data = programData({
    enrolments: [enrolment({ enrolledOn: '2026-01-05' })],
    plans: [
      plan({ id: 'p1', version: 1, signedByPeerAt: '2026-01-20T10:00:00-08:00' }),
      plan({ id: 'p2', version: 2, replaces: 'p1', signedByPeerAt: '2026-04-18T10:00:00-07:00' }),
      plan({ id: 'p3', version: 3, replaces: 'p2', signedByPeerAt: '2026-07-25T10:00:00-07:00' }),
    ],
  });
  it('restarts the clock from each signature and reports the late version', () => {
    const ev = evalOk(data, '2026-09-01');
    expect(obligation(ev, 'plan-revision:after-v1')).toMatchObject({ dueOn: '2026-04-20', status: 'met' });
    expect(obligation(ev, 'plan-revision:after-v2')).toMatchObject({
      dueOn: '2026-07-18',
      status: 'met',
      lateByDays: 7,
    });
    expect(obligation(ev, 'plan-revision:after-v3')).toMatchObject({ dueOn: '2026-10-25', status: 'open' });
    const late = ev.findings.filter((f) => f.code === 'plan-revision.late');
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ path: 'plans[2]', found: { signedOn: '2026-07-25', daysLate: 7 } });
  });
  it('uses six months under the Pennsylvania variant', () => {
    const pa = derivePack(
      srpRecoveryConnect,
      { id: 'pa' },
      {
        'plan-revision': {
          intervalMonths: { value: 6, source: { document: 'x', section: 'y', quote: 'every 6 months' } },
        },
      },
    );
    const ev = evalOk(data, '2026-09-01', 'enr-1', pa);
    expect(obligation(ev, 'plan-revision:after-v1')?.dueOn).toBe('2026-07-20');
    expect(codes(ev)).not.toContain('plan-revision.late');
  });
});

describe('in-person contact per calendar month', () => {
  it('misses a month with only phone contacts', () => {
    const ev = evalOk(
      programData({
        enrolments: [enrolment({ enrolledOn: '2026-03-01' })],
        contacts: [
          contact({ id: 'c1', start: '2026-03-10T10:00:00-07:00' }),
          contact({ id: 'c2', start: '2026-04-10T10:00:00-07:00', mode: 'phone', location: 'remote' }),
          contact({ id: 'c3', start: '2026-04-20T10:00:00-07:00', mode: 'video', location: 'remote' }),
        ],
      }),
      '2026-05-10',
    );
    expect(obligation(ev, 'in-person-contact:2026-03')?.status).toBe('met');
    expect(obligation(ev, 'in-person-contact:2026-04')).toMatchObject({
      status: 'missed',
      count: 0,
      required: 1,
    });
    expect(obligation(ev, 'in-person-contact:2026-05')?.status).toBe('open');
    const f = ev.findings.filter((x) => x.code === 'in-person-contact.missed-month');
    expect(f.map((x) => x.params.month)).toEqual(['2026-04']);
  });
  it('counts a meeting at 23:30 local on the last day of a month for that month, though UTC says the next', () => {
    const ev = evalOk(
      programData({
        enrolments: [enrolment({ enrolledOn: '2026-03-01' })],
        contacts: [contact({ id: 'c1', start: '2026-03-31T23:30:00-07:00' })],
      }),
      '2026-05-10',
    );
    expect(obligation(ev, 'in-person-contact:2026-03')?.status).toBe('met');
    expect(obligation(ev, 'in-person-contact:2026-04')?.status).toBe('missed');
  });
  it('keeps the current month pending, never missed', () => {
    const ev = evalOk(
      programData({ enrolments: [enrolment({ enrolledOn: '2026-03-01' })] }),
      '2026-03-31T23:00:00-07:00',
    );
    expect(obligation(ev, 'in-person-contact:2026-03')?.status).toBe('due-soon');
    expect(codes(ev)).not.toContain('in-person-contact.missed-month');
  });
  it('treats a short first month as not applicable and a hold as paused', () => {
    const ev = evalOk(
      programData({
        enrolments: [
          enrolment({
            enrolledOn: '2026-01-31',
            holds: [{ from: '2026-03-05', to: '2026-04-25', reason: 'inpatient-treatment' }],
          }),
        ],
        contacts: [contact({ id: 'c1', start: '2026-02-10T10:00:00-08:00' })],
      }),
      '2026-05-31T23:59:59.999-07:00',
    );
    expect(obligation(ev, 'in-person-contact:2026-01')?.status).toBe('not-applicable');
    expect(obligation(ev, 'in-person-contact:2026-02')?.status).toBe('met');
    expect(obligation(ev, 'in-person-contact:2026-03')?.status).toBe('not-applicable');
    expect(obligation(ev, 'in-person-contact:2026-04')?.status).toBe('not-applicable');
    expect(obligation(ev, 'in-person-contact:2026-05')?.status).toBe('due-soon');
  });
  it('asks for two meetings a month in the start period when the pack says so', () => {
    const pack = derivePack(
      srpRecoveryConnect,
      { id: 'start' },
      {
        'in-person-contact': {
          startPeriod: {
            value: { months: 2, minPerMonth: 2 },
            source: { document: 'x', section: 'y', quote: 'z' },
          },
        },
      },
    );
    const ev = evalOk(
      programData({
        enrolments: [enrolment({ enrolledOn: '2026-03-01' })],
        contacts: [
          contact({ id: 'c1', start: '2026-03-10T10:00:00-07:00' }),
          contact({ id: 'c2', start: '2026-05-10T10:00:00-07:00' }),
        ],
      }),
      '2026-06-10',
      'enr-1',
      pack,
    );
    expect(obligation(ev, 'in-person-contact:2026-03')).toMatchObject({
      status: 'missed',
      required: 2,
      count: 1,
    });
    expect(obligation(ev, 'in-person-contact:2026-05')).toMatchObject({ status: 'met', required: 1 });
  });
});

describe('replies within one business day', () => {
  const friday = '2026-05-22T18:30:00-07:00'; // Memorial Day is Monday 25 May 2026
  it('gives a Friday-evening message before a Monday holiday until the end of Tuesday', () => {
    const ev = evalOk(
      programData({
        enrolments: [enrolment({ enrolledOn: '2026-05-01' })],
        messages: [
          message({ id: 'm1', receivedAt: friday, repliedAt: '2026-05-26T23:00:00-07:00' }),
          message({ id: 'm2', receivedAt: friday, repliedAt: '2026-05-27T08:00:00-07:00' }),
          message({ id: 'm3', receivedAt: friday }),
        ],
      }),
      '2026-05-28',
    );
    expect(obligation(ev, 'reply-timeliness:m1')).toMatchObject({ dueOn: '2026-05-26', status: 'met' });
    expect(obligation(ev, 'reply-timeliness:m2')).toMatchObject({ status: 'met', lateByDays: 1 });
    expect(obligation(ev, 'reply-timeliness:m3')).toMatchObject({ status: 'overdue' });
    expect(codes(ev).filter((c) => c.startsWith('reply'))).toEqual([
      'reply-timeliness.late',
      'reply-timeliness.overdue',
    ]);
    expect(ev.findings.find((f) => f.code === 'reply-timeliness.late')?.severity).toBe('warning');
  });
  it('becomes overdue exactly at the end of the due day', () => {
    const data = programData({
      enrolments: [enrolment({ enrolledOn: '2026-05-01' })],
      messages: [message({ id: 'm1', receivedAt: friday })],
    });
    expect(obligation(evalOk(data, '2026-05-26T23:59:59.999-07:00'), 'reply-timeliness:m1')?.status).toBe(
      'due-soon',
    );
    expect(obligation(evalOk(data, '2026-05-27T00:00:00-07:00'), 'reply-timeliness:m1')?.status).toBe(
      'overdue',
    );
  });
  it('handles the daylight-saving weekend: a Saturday 7 March message is due by the end of Monday 9 March (PDT)', () => {
    const ev = evalOk(
      programData({
        enrolments: [enrolment({ enrolledOn: '2026-03-01' })],
        messages: [message({ id: 'm1', receivedAt: '2026-03-07T12:00:00-08:00' })],
      }),
      '2026-03-08',
    );
    expect(obligation(ev, 'reply-timeliness:m1')).toMatchObject({
      dueOn: '2026-03-09',
      dueAt: new Date(Date.parse('2026-03-09T23:59:59.999-07:00')).toISOString(),
    });
  });
});

describe('a coach who leaves mid-month', () => {
  const leaving = leavingCoach();
  const base = {
    coaches: [coach(), leaving],
    peers: [
      { id: 'peer-1', ageBand: '26-34' as const, populations: ['adult-substance-use-disorder' as const] },
    ],
  };
  it('puts the peer in need of reassignment until a new coach is assigned', () => {
    const data = programData({
      ...base,
      enrolments: [
        enrolment({
          enrolledOn: '2026-05-01',
          coachAssignments: [{ coachId: 'coach-2', from: '2026-05-01' }],
        }),
      ],
      contacts: [contact({ id: 'c1', coachId: 'coach-2', start: '2026-07-10T10:00:00-07:00' })],
    });
    const ev = evalOk(data, '2026-07-20');
    expect(codes(ev)).toContain('coach-commitment.peer-needs-reassignment');
    expect(obligation(ev, 'in-person-contact:2026-07')?.status).toBe('met');
    const coachEval = evaluateCoach(data, 'coach-2', { asOf: '2026-07-20', pack: srpRecoveryConnect });
    expect(coachEval.success && coachEval.data.caseload.peersAwaitingReassignment).toEqual(['enr-1']);
    expect(coachEval.success && coachEval.data.findings.map((f) => f.code)).toEqual([]);
  });
  it('clears once the peer is reassigned', () => {
    const data = programData({
      ...base,
      enrolments: [
        enrolment({
          enrolledOn: '2026-05-01',
          coachAssignments: [
            { coachId: 'coach-2', from: '2026-05-01', to: '2026-07-15' },
            { coachId: 'coach-1', from: '2026-07-16' },
          ],
        }),
      ],
    });
    expect(codes(evalOk(data, '2026-07-20'))).not.toContain('coach-commitment.peer-needs-reassignment');
  });
  it('reports a withdrawal without written notice', () => {
    const data = programData({
      coaches: [
        coach({
          statusHistory: [
            { status: 'active', from: '2025-01-15' },
            { status: 'withdrawn', from: '2026-07-15' },
          ],
        }),
      ],
    });
    const r = evaluateCoach(data, 'coach-1', { asOf: '2026-07-20', pack: srpRecoveryConnect });
    expect(r.success && r.data.findings.map((f) => f.code)).toEqual(['coach-commitment.no-written-notice']);
  });
});

describe('evaluation results', () => {
  it('are plain JSON data', () => {
    const data = programData({
      enrolments: [enrolment({ enrolledOn: '2026-01-31' })],
      contacts: [contact({ id: 'c1', start: '2026-02-10T10:00:00-08:00', activities: ['drug-testing'] })],
    });
    const r = evaluateProgram(data, { asOf: '2026-04-01' });
    expect(r.success).toBe(true);
    if (r.success) expect(JSON.parse(JSON.stringify(r.data))).toEqual(r.data);
  });
  it('report an unknown enrolment or pack as data', () => {
    const data = programData();
    const r = evaluateEnrollment(data, 'nope', { asOf: '2026-04-01' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]?.code).toBe('unknown-reference');
    const p = evaluateProgram(
      { ...data, program: { ...data.program, rulePack: 'missing' } },
      { asOf: '2026-04-01' },
    );
    expect(!p.success && p.issues[0]?.pointer).toBe('program.rulePack');
  });
});

describe('bad evaluation options', () => {
  const data = programData({ enrolments: [enrolment({ enrolledOn: '2026-01-31' })], coaches: [coach()] });
  const evaluators = {
    evaluateProgram: (asOf: AsOf) => evaluateProgram(data, { asOf }),
    evaluateEnrollment: (asOf: AsOf) => evaluateEnrollment(data, 'enr-1', { asOf }),
    evaluateCoach: (asOf: AsOf) => evaluateCoach(data, 'coach-1', { asOf }),
  };
  const bad = ['not a date', '2026-02-30', '2027-13-45', 'yesterday', 'NaN', '1e20', '2027-03-10T10:00:00'];
  describe.each(Object.entries(evaluators))('%s', (_name, run) => {
    it.each([...bad, Number.NaN, 1e20])(
      'asOf %s is an invalid-as-of issue at asOf, not an exception',
      (asOf) => {
        const r = run(asOf as AsOf);
        expect(r.success).toBe(false);
        expect(r.issues[0]).toMatchObject({ code: 'invalid-as-of', pointer: 'asOf', severity: 'error' });
      },
    );
    // Valid dates stay near the data: an evaluation decades later is correct but slow (one obligation a month).
    test.prop(
      [fc.oneof(fc.string(), fc.stringMatching(/^2026-[01]\d-[0-3]\d(T[0-2]\d:[0-5]\d(:\d{2})?Z?)?$/))],
      {
        numRuns: 60,
      },
    )('any string gives a result: the evaluation, or exactly the issues of parseAsOf', (asOf) => {
      const r = run(asOf);
      const parsed = parseAsOf(asOf, data.program.timeZone);
      expect(r.success).toBe(parsed.success);
      if (!parsed.success) expect(r.issues).toEqual(parsed.issues);
    });
  });
});

describe('lateness and removal after the end', () => {
  it('counts a missed first plan late only up to the exit day', () => {
    const ev = evalOk(
      programData({
        enrolments: [
          enrolment({
            enrolledOn: '2026-01-31',
            exit: { on: '2026-03-20', kind: 'completed', referralsMade: [] },
          }),
        ],
      }),
      '2026-06-01',
    );
    expect(obligation(ev, 'first-action-plan')).toMatchObject({ status: 'missed', lateByDays: 18 });
    expect(ev.findings.find((f) => f.code === 'first-action-plan.overdue')?.found).toMatchObject({
      daysLate: 18,
    });
  });
  it('does not report an ended term for a coach removed by a boundary violation', () => {
    const data = programData({
      coaches: [
        coach({
          commitment: { startOn: '2025-01-15', endOn: '2026-01-14', extensions: [] },
          incidents: [{ id: 'inc-1', on: '2025-12-01', kind: 'boundary-violation' }],
        }),
      ],
    });
    const r = evaluateCoach(data, 'coach-1', { asOf: '2026-03-01', pack: srpRecoveryConnect });
    expect(r.success && r.data.findings.map((f) => f.code)).toEqual([
      'coach-commitment.violation-not-removed',
    ]);
    expect(r.success && r.data.status).toBe('removed');
  });
});

describe('progress', () => {
  it('reports every 100 enrolments and at the end, without changing the result', () => {
    const enrolments = Array.from({ length: 250 }, (_, i) =>
      enrolment({ id: `enr-${i}`, peerId: 'peer-1', enrolledOn: '2026-01-05' }),
    );
    const data = programData({ enrolments });
    const calls: [number, number][] = [];
    const a = evaluateProgram(data, {
      asOf: '2026-03-01',
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls).toEqual([
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
    expect(a).toEqual(evaluateProgram(data, { asOf: '2026-03-01' }));
  });
});

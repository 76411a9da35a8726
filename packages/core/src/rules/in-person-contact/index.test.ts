import { describe, expect, it } from 'vitest';
import type { Contact, Enrolment } from '../../model/domain';
import { illustrativeSixMonthReview, srpRecoveryConnect } from '../../packs/builtin';
import { coach, contact, enrolment, programData } from '../../testing/builders';
import { enrolmentRule, obligationOf, packWith, TEST_SOURCE } from '../rules.test-support';

const RULE = 'in-person-contact';
const item3 = { document: 'srp-guidelines', section: 'Peer-Mentor Responsibilities, item 3' };
const meetings = (
  contacts: Contact[],
  asOf: string,
  e: Partial<Enrolment> & { enrolledOn?: string } = {},
  pack = srpRecoveryConnect,
) =>
  enrolmentRule(
    programData({
      coaches: [coach(), coach({ id: 'coach-2' })],
      enrolments: [enrolment({ enrolledOn: '2026-03-01', ...e })],
      contacts,
    }),
    RULE,
    asOf,
    { pack },
  );
const month = (r: ReturnType<typeof meetings>, ym: string) => obligationOf(r, `${RULE}:${ym}`);
const statuses = (r: ReturnType<typeof meetings>) => r.obligations.map((o) => [o.id.slice(-7), o.status]);

describe('in-person-contact: one obligation per calendar month', () => {
  it('meets a month with its in-person meeting and reports a month without one', () => {
    const r = meetings(
      [
        contact({ id: 'c1', start: '2026-03-10T10:00:00-07:00' }),
        contact({ id: 'c2', start: '2026-04-10T10:00:00-07:00', mode: 'phone', location: 'remote' }),
      ],
      '2026-05-10',
    );
    expect(r.status).toBe('fail');
    expect(month(r, '2026-03')).toEqual({
      id: 'in-person-contact:2026-03',
      key: { month: '2026-03' },
      ruleId: RULE,
      subject: { type: 'enrolment', id: 'enr-1' },
      label: 'In-person meeting in 2026-03',
      dueOn: '2026-03-31',
      dueAt: '2026-04-01T06:59:59.999Z',
      status: 'met',
      metAt: '2026-03-10T17:00:00.000Z',
      required: 1,
      count: 1,
    });
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'in-person-contact.missed-month',
        severity: 'error',
        message: 'In 2026-04: 0 in-person meeting(s) recorded, 1 required.',
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'enrolments[0]',
        source: { ...item3, quote: 'at least once a month' },
        expected: { inPersonMeetings: 1, month: '2026-04' },
        found: { inPersonMeetings: 0 },
        params: { month: '2026-04', count: 0, required: 1, stage: 'initiation' },
        dueOn: '2026-04-30',
        dueAt: '2026-05-01T06:59:59.999Z',
      },
    ]);
    expect(month(r, '2026-04')).toMatchObject({ status: 'missed', count: 0, required: 1 });
    expect(month(r, '2026-04').lateByDays).toBeUndefined();
    expect(month(r, '2026-05').status).toBe('open');
  });

  it('counts a meeting by any coach of the program', () => {
    const r = meetings(
      [contact({ id: 'c1', coachId: 'coach-2', start: '2026-03-10T10:00:00-07:00' })],
      '2026-04-02',
    );
    expect(month(r, '2026-03').status).toBe('met');
  });

  it('does not count a meeting before the enrolment date, after asOf, or not yet recorded', () => {
    const before = meetings([contact({ id: 'c1', start: '2026-03-05T10:00:00-08:00' })], '2026-04-05', {
      enrolledOn: '2026-03-10',
    });
    expect(month(before, '2026-03')).toMatchObject({ status: 'missed', count: 0 });
    const late = [
      contact({ id: 'c1', start: '2026-04-10T10:00:00-07:00', recordedAt: '2026-05-02T09:00:00-07:00' }),
    ];
    expect(month(meetings(late, '2026-05-01T12:00:00-07:00'), '2026-04').status).toBe('missed');
    expect(month(meetings(late, '2026-05-03'), '2026-04').status).toBe('met');
    const future = [contact({ id: 'c1', start: '2026-04-20T10:00:00-07:00' })];
    expect(month(meetings(future, '2026-04-19'), '2026-04')).toMatchObject({ status: 'open', count: 0 });
  });

  it('is not applicable before the enrolment date', () => {
    expect(meetings([], '2026-02-28')).toMatchObject({ status: 'not-applicable', obligations: [] });
  });
});

describe('in-person-contact: the current month', () => {
  it('is pending, never missed, until its last day ends', () => {
    const r = meetings([contact({ id: 'c1', start: '2026-03-05T10:00:00-08:00' })], '2026-04-03');
    expect(month(r, '2026-04').status).toBe('open');
    expect(r.status).toBe('pending');
    expect(month(meetings([], '2026-03-31'), '2026-03').status).toBe('due-soon');
    expect(month(meetings([], '2026-04-01T00:00:00-07:00'), '2026-03').status).toBe('missed');
  });

  it('is met as soon as the meeting is recorded', () => {
    const r = meetings(
      [
        contact({ id: 'c1', start: '2026-03-05T10:00:00-08:00' }),
        contact({ id: 'c2', start: '2026-04-02T10:00:00-07:00' }),
      ],
      '2026-04-03',
    );
    expect(month(r, '2026-04').status).toBe('met');
    expect(r.status).toBe('pass');
  });
});

describe('in-person-contact: partial months (minActiveDaysInMonth = 14)', () => {
  it('counts a first month with 14 active days and not one with 13', () => {
    expect(month(meetings([], '2026-05-10', { enrolledOn: '2026-04-17' }), '2026-04').status).toBe('missed');
    const short = meetings([], '2026-05-10', { enrolledOn: '2026-04-18' });
    expect(month(short, '2026-04')).toMatchObject({
      dueOn: '2026-04-30',
      status: 'not-applicable',
      required: 1,
      count: 0,
    });
    expect(short.findings.map((f) => f.params.month)).toEqual([]);
    // February 2026 has 28 days: from the 15th is 14 days
    expect(month(meetings([], '2026-03-10', { enrolledOn: '2026-02-15' }), '2026-02').status).toBe('missed');
  });

  it('ends with the exit day: the last month is due on it, and counts only with 14 active days', () => {
    const contacts = [
      contact({ id: 'c1', start: '2026-03-05T10:00:00-08:00' }),
      contact({ id: 'c2', start: '2026-04-05T10:00:00-07:00' }),
      contact({ id: 'c3', start: '2026-05-05T10:00:00-07:00' }),
    ];
    const exit = (on: string): Partial<Enrolment> => ({ exit: { on, kind: 'completed', referralsMade: [] } });
    const r = meetings(contacts, '2026-07-10', exit('2026-06-14'));
    expect(statuses(r)).toEqual([
      ['2026-03', 'met'],
      ['2026-04', 'met'],
      ['2026-05', 'met'],
      ['2026-06', 'missed'],
    ]);
    expect(r.findings[0]).toMatchObject({ dueOn: '2026-06-14', dueAt: '2026-06-15T06:59:59.999Z' });
    expect(month(meetings(contacts, '2026-07-10', exit('2026-06-13')), '2026-06').status).toBe(
      'not-applicable',
    );
  });
});

describe('in-person-contact: holds', () => {
  it('pauses the obligation: a month mostly on hold is not applicable, but meetings during a hold count', () => {
    const r = meetings(
      [
        contact({ id: 'c1', start: '2026-03-05T10:00:00-08:00' }),
        contact({ id: 'c2', start: '2026-04-25T10:00:00-07:00' }),
      ],
      '2026-06-20',
      { holds: [{ from: '2026-04-20', to: '2026-05-31', reason: 'inpatient-treatment' }] },
    );
    expect(statuses(r)).toEqual([
      ['2026-03', 'met'],
      ['2026-04', 'met'],
      ['2026-05', 'not-applicable'],
      ['2026-06', 'open'],
    ]);
    // April counts (19 active days); the meeting on 25 April, in hospital, meets it (the service definition lists
    // inpatient settings as places of service)
    expect(month(r, '2026-04')).toMatchObject({ dueOn: '2026-04-30', count: 1 });
    expect(r.findings).toEqual([]);
    const without = meetings([contact({ id: 'c1', start: '2026-03-05T10:00:00-08:00' })], '2026-06-20', {
      holds: [{ from: '2026-04-20', to: '2026-05-31', reason: 'inpatient-treatment' }],
    });
    expect(without.findings.map((f) => [f.code, f.dueOn])).toEqual([
      ['in-person-contact.missed-month', '2026-04-30'],
    ]);
  });

  it('leaves every later month not applicable under an open hold', () => {
    const r = meetings([contact({ id: 'c1', start: '2026-03-05T10:00:00-08:00' })], '2026-06-20', {
      holds: [{ from: '2026-04-10', reason: 'incarceration' }],
    });
    expect(statuses(r)).toEqual([
      ['2026-03', 'met'],
      ['2026-04', 'not-applicable'],
      ['2026-05', 'not-applicable'],
      ['2026-06', 'not-applicable'],
    ]);
    expect(r.status).toBe('pass');
  });
});

describe('in-person-contact: required meetings per stage and in the start period', () => {
  it('takes the minimum of the stage in force on the first active day of the month', () => {
    const pack = packWith(RULE, {
      minPerMonthByStage: { value: { initiation: 2, stabilization: 1, maintenance: 0 }, source: TEST_SOURCE },
    });
    const r = meetings(
      [
        contact({ id: 'c1', start: '2026-03-05T10:00:00-08:00' }),
        contact({ id: 'c2', start: '2026-04-05T10:00:00-07:00' }),
        contact({ id: 'c3', start: '2026-05-05T10:00:00-07:00' }),
      ],
      '2026-07-10',
      {
        stages: [
          { stage: 'initiation', from: '2026-03-01' },
          { stage: 'stabilization', from: '2026-04-15' },
          { stage: 'maintenance', from: '2026-06-01' },
        ],
      },
      pack,
    );
    expect(r.obligations.map((o) => [o.id.slice(-7), o.label, o.required, o.status])).toEqual([
      ['2026-03', 'In-person meetings (2) in 2026-03', 2, 'missed'],
      ['2026-04', 'In-person meetings (2) in 2026-04', 2, 'missed'],
      ['2026-05', 'In-person meeting in 2026-05', 1, 'met'],
      ['2026-06', 'In-person meeting in 2026-06', 0, 'not-applicable'],
      ['2026-07', 'In-person meeting in 2026-07', 0, 'not-applicable'],
    ]);
    expect(r.findings.map((f) => [f.params, f.source])).toEqual([
      [{ month: '2026-03', count: 1, required: 2, stage: 'initiation' }, TEST_SOURCE],
      [{ month: '2026-04', count: 1, required: 2, stage: 'initiation' }, TEST_SOURCE],
    ]);
  });

  it('asks for two meetings in each of the first three months under the illustrative six-month variant', () => {
    const r = meetings(
      [
        contact({ id: 'c1', start: '2026-02-05T10:00:00-08:00' }),
        contact({ id: 'c2', start: '2026-02-20T10:00:00-08:00' }),
        contact({ id: 'c3', start: '2026-03-10T10:00:00-07:00' }),
        contact({ id: 'c4', start: '2026-04-10T10:00:00-07:00' }),
      ],
      '2026-05-05',
      { enrolledOn: '2026-01-20' },
      illustrativeSixMonthReview,
    );
    // January (12 active days) is not applicable but is the first of the three start months
    expect(r.obligations.map((o) => [o.id.slice(-7), o.required, o.count, o.status])).toEqual([
      ['2026-01', 2, 0, 'not-applicable'],
      ['2026-02', 2, 2, 'met'],
      ['2026-03', 2, 1, 'missed'],
      ['2026-04', 1, 1, 'met'],
      ['2026-05', 1, 0, 'open'],
    ]);
    expect(month(r, '2026-02').metAt).toBe('2026-02-20T18:00:00.000Z');
    expect(r.findings).toEqual([
      expect.objectContaining({
        params: { month: '2026-03', count: 1, required: 2, stage: 'initiation' },
        source: {
          document: 'illustrative-example',
          section: 'Start period (example)',
          quote: 'two meetings a month for the first three months',
        },
        message: 'In 2026-03: 1 in-person meeting(s) recorded, 2 required.',
      }),
    ]);
  });

  it('is not applicable when no stage asks for a meeting', () => {
    const pack = packWith(RULE, {
      minPerMonthByStage: { value: { initiation: 0, stabilization: 0, maintenance: 0 }, source: TEST_SOURCE },
    });
    expect(meetings([], '2026-06-10', {}, pack).status).toBe('not-applicable');
  });
});

import { describe, expect, it } from 'vitest';
import type { Enrolment, Message, ProgramData } from '../../model/domain';
import { prssServiceDefinition, srpRecoveryConnect } from '../../packs/builtin';
import { enrolment, message, programData } from '../../testing/builders';
import {
  codesOf,
  enrolmentRule,
  evalEnrolment,
  obligationOf,
  packWith,
  TEST_SOURCE,
} from '../rules.test-support';

const RULE = 'reply-timeliness';
const item4 = { document: 'srp-guidelines', section: 'Peer-Mentor Responsibilities, item 4' };
/** Wednesday 20 May 2026, 10:00 in Los Angeles: due by the end of Thursday 21 May. */
const WEDNESDAY = '2026-05-20T10:00:00-07:00';
const THURSDAY_END = '2026-05-22T06:59:59.999Z';
const data = (messages: Message[], e: Partial<Enrolment> = {}, program?: Partial<ProgramData['program']>) => {
  const base = programData({ enrolments: [enrolment({ enrolledOn: '2026-05-01', ...e })], messages });
  return program ? { ...base, program: { ...base.program, ...program } } : base;
};
const replies = (messages: Message[], asOf: string, e: Partial<Enrolment> = {}, pack = srpRecoveryConnect) =>
  enrolmentRule(data(messages, e), RULE, asOf, { pack });

describe('reply-timeliness: within one business day', () => {
  it('is due by the end of the next business day and pending until then', () => {
    const r = replies([message({ id: 'm1', receivedAt: WEDNESDAY })], '2026-05-20T12:00:00-07:00');
    expect(r.status).toBe('pending');
    expect(r.obligations).toEqual([
      {
        id: 'reply-timeliness:m1',
        key: { messageId: 'm1' },
        ruleId: RULE,
        subject: { type: 'enrolment', id: 'enr-1' },
        label: 'Reply to message m1',
        dueOn: '2026-05-21',
        dueAt: THURSDAY_END,
        status: 'due-soon',
      },
    ]);
  });

  it('passes with a reply on time', () => {
    const r = replies(
      [message({ id: 'm1', receivedAt: WEDNESDAY, repliedAt: '2026-05-21T16:59:00-07:00' })],
      '2026-05-26',
    );
    expect(r).toMatchObject({ status: 'pass', findings: [] });
    expect(obligationOf(r, 'reply-timeliness:m1')).toMatchObject({
      status: 'met',
      metAt: '2026-05-21T23:59:00.000Z',
    });
  });

  it('reports an unanswered message as overdue, as a warning', () => {
    const r = replies(
      [
        message({
          id: 'm0',
          receivedAt: '2026-05-04T09:00:00-07:00',
          repliedAt: '2026-05-04T10:00:00-07:00',
        }),
        message({ id: 'm1', receivedAt: WEDNESDAY }),
      ],
      '2026-05-26',
    );
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'reply-timeliness.overdue',
        severity: 'warning',
        message:
          'A message received on 2026-05-20 has no reply; it was due by the end of 2026-05-21 (1 business day(s)).',
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'messages[1]',
        source: { ...item4, quote: 'preferably within one business day' },
        expected: { repliedBy: THURSDAY_END, businessDays: 1 },
        found: { replied: false, daysLate: 5 },
        params: { receivedOn: '2026-05-20', dueOn: '2026-05-21', businessDays: 1 },
        dueOn: '2026-05-21',
        dueAt: THURSDAY_END,
      },
    ]);
    expect(obligationOf(r, 'reply-timeliness:m1')).toMatchObject({ status: 'overdue', lateByDays: 5 });
  });

  it('replaces the overdue finding by a late one once the late reply is made', () => {
    const m = [message({ id: 'm1', receivedAt: WEDNESDAY, repliedAt: '2026-05-22T09:00:00-07:00' })];
    expect(codesOf(replies(m, '2026-05-22T08:00:00-07:00'))).toEqual(['reply-timeliness.overdue']);
    const r = replies(m, '2026-05-22T10:00:00-07:00');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'reply-timeliness.late',
        severity: 'warning',
        path: 'messages[0]',
        expected: { repliedBy: THURSDAY_END, businessDays: 1 },
        found: { repliedOn: '2026-05-22', daysLate: 1 },
        params: { receivedOn: '2026-05-20', repliedOn: '2026-05-22', dueOn: '2026-05-21', businessDays: 1 },
        message:
          'A message received on 2026-05-20 was answered on 2026-05-22, after the end of 2026-05-21 (1 business day(s)).',
        dueOn: '2026-05-21',
        dueAt: THURSDAY_END,
      }),
    ]);
    expect(obligationOf(r, 'reply-timeliness:m1')).toMatchObject({
      status: 'met',
      metAt: '2026-05-22T16:00:00.000Z',
      lateByDays: 1,
    });
  });
});

describe('reply-timeliness: the program calendar', () => {
  it('gives a Saturday message until the end of Monday', () => {
    const r = replies([message({ id: 'm1', receivedAt: '2026-05-16T11:00:00-07:00' })], '2026-05-16');
    expect(obligationOf(r, 'reply-timeliness:m1').dueOn).toBe('2026-05-18');
  });

  it('reads the day of receipt in the program zone, not in UTC', () => {
    // Thursday 23:30 in Los Angeles is Friday in UTC; Friday would give until Tuesday (Memorial Day Monday)
    const r = replies([message({ id: 'm1', receivedAt: '2026-05-22T06:30:00Z' })], '2026-05-22');
    expect(obligationOf(r, 'reply-timeliness:m1').dueOn).toBe('2026-05-22');
  });

  it("skips the program's own holidays", () => {
    const d = data(
      [message({ id: 'm1', receivedAt: WEDNESDAY })],
      {},
      {
        calendar: { weekendDays: [0, 6], holidays: ['2026-05-21'] },
      },
    );
    expect(obligationOf(enrolmentRule(d, RULE, '2026-05-20'), 'reply-timeliness:m1').dueOn).toBe(
      '2026-05-22',
    );
  });

  it('takes the number of business days and the severity from the pack', () => {
    const two = packWith(RULE, { severity: 'error', businessDays: { value: 2, source: TEST_SOURCE } });
    const r = replies([message({ id: 'm1', receivedAt: WEDNESDAY })], '2026-05-27', {}, two);
    expect(obligationOf(r, 'reply-timeliness:m1').dueOn).toBe('2026-05-22');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'reply-timeliness.overdue',
        severity: 'error',
        params: { receivedOn: '2026-05-20', dueOn: '2026-05-22', businessDays: 2 },
      }),
    ]);
    const sameDay = packWith(RULE, { businessDays: { value: 0, source: TEST_SOURCE } });
    expect(
      obligationOf(
        replies([message({ id: 'm1', receivedAt: WEDNESDAY })], '2026-05-20', {}, sameDay),
        'reply-timeliness:m1',
      ).dueOn,
    ).toBe('2026-05-20');
  });
});

describe('reply-timeliness: scope', () => {
  it('does not count messages before the enrolment, after the exit, or after asOf', () => {
    const messages = [
      message({ id: 'm0', receivedAt: '2026-04-30T10:00:00-07:00' }),
      message({ id: 'm1', receivedAt: '2026-05-20T10:00:00-07:00' }),
      message({ id: 'm2', receivedAt: '2026-05-21T10:00:00-07:00' }),
    ];
    const exited = replies(messages, '2026-06-01', {
      exit: { on: '2026-05-20', kind: 'completed', referralsMade: [] },
    });
    expect(exited.obligations.map((o) => o.id)).toEqual(['reply-timeliness:m1']);
    const early = replies(messages, '2026-05-20T09:00:00-07:00');
    expect(early).toMatchObject({ status: 'not-applicable', obligations: [], findings: [] });
  });

  it('is off under the service definition pack', () => {
    const ev = evalEnrolment(data([message({ id: 'm1', receivedAt: WEDNESDAY })]), '2026-06-01', {
      pack: prssServiceDefinition,
    });
    expect(ev.results.map((r) => r.ruleId)).not.toContain(RULE);
    expect(ev.timeline.some((o) => o.ruleId === RULE)).toBe(false);
  });
});

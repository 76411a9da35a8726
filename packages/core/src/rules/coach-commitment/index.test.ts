import { describe, expect, it } from 'vitest';
import type { Coach } from '../../model/domain';
import { srpRecoveryConnect } from '../../packs/builtin';
import { coach, enrolment, peer, programData } from '../../testing/builders';
import { coachRule, codesOf, enrolmentRule, evalCoach, obligationOf, packWith } from '../rules.test-support';
import { commitmentEndOn } from './index';

const RULE = 'coach-commitment';
const item8 = { document: 'srp-guidelines', section: 'Peer-Mentor Responsibilities, item 8' };
const commitment = (over: Partial<Coach>, asOf: string, pack = srpRecoveryConnect) =>
  coachRule(programData({ coaches: [coach(over)] }), RULE, asOf, { pack });

describe('commitmentEndOn', () => {
  const c = coach({
    commitment: {
      startOn: '2025-01-15',
      endOn: '2026-01-14',
      extensions: [
        { agreedOn: '2025-12-20', untilOn: '2027-01-14' },
        { agreedOn: '2026-12-01', untilOn: '2028-01-14' },
      ],
    },
  });
  it('extends the term by the extensions agreed by the day', () => {
    expect(commitmentEndOn(c, '2025-12-19')).toBe('2026-01-14');
    expect(commitmentEndOn(c, '2025-12-20')).toBe('2027-01-14');
    expect(commitmentEndOn(c, '2026-12-01')).toBe('2028-01-14');
  });
  it('is undefined without a commitment', () => {
    const { commitment: _, ...none } = c;
    expect(commitmentEndOn(none, '2026-01-01')).toBeUndefined();
  });
});

describe('coach-commitment: the term', () => {
  it('is an obligation due on the last day of the term: open, then due soon (pending)', () => {
    const open = commitment({}, '2026-06-01');
    expect(open.status).toBe('pending');
    expect(open.findings).toEqual([]);
    expect(obligationOf(open, 'coach-commitment:term')).toEqual({
      id: 'coach-commitment:term',
      ruleId: RULE,
      subject: { type: 'coach', id: 'coach-1' },
      label: 'Commitment term ends: extend it or plan the handover',
      dueOn: '2027-12-31',
      dueAt: '2028-01-01T07:59:59.999Z',
      status: 'open',
    });
    const soon = commitment({}, '2027-12-25');
    expect(obligationOf(soon, 'coach-commitment:term').status).toBe('due-soon');
    expect(soon.status).toBe('pending');
    // the last day of the term is still inside it
    expect(commitment({}, '2027-12-31').findings).toEqual([]);
  });

  it('reports an active coach whose term ended without an extension', () => {
    const r = commitment({}, '2028-01-01');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'coach-commitment.term-ended',
        severity: 'error',
        message:
          "The coach's commitment ended on 2027-12-31 and has not been extended; the coach is still active.",
        subject: { type: 'coach', id: 'coach-1' },
        path: 'coaches[0].commitment',
        source: { ...item8, quote: 'commitment is for a year' },
        expected: { commitmentUntil: '2028-01-01 or later' },
        found: { commitmentEndedOn: '2027-12-31' },
        params: { endedOn: '2027-12-31' },
        dueOn: '2027-12-31',
      },
    ]);
    expect(obligationOf(r, 'coach-commitment:term')).toMatchObject({ status: 'overdue', lateByDays: 1 });
  });

  it('counts an extension from the day it was agreed', () => {
    const extended = (agreedOn: string) => ({
      commitment: {
        startOn: '2025-01-15',
        endOn: '2027-12-31',
        extensions: [{ agreedOn, untilOn: '2028-12-31', peerAgreedOn: agreedOn }],
      },
    });
    const r = commitment(extended('2027-12-15'), '2028-01-01');
    expect(r.findings).toEqual([]);
    expect(obligationOf(r, 'coach-commitment:term').dueOn).toBe('2028-12-31');
    expect(codesOf(commitment(extended('2028-02-01'), '2028-01-01'))).toEqual([
      'coach-commitment.term-ended',
    ]);
  });

  it('does not report an ended term for a coach on notice', () => {
    const r = commitment(
      {
        statusHistory: [
          { status: 'active', from: '2025-01-15' },
          { status: 'on-notice', from: '2027-12-01', writtenNoticeOn: '2027-12-01' },
        ],
      },
      '2028-01-10',
    );
    expect(r.findings).toEqual([]);
    expect(obligationOf(r, 'coach-commitment:term').status).toBe('overdue');
    expect(r.status).toBe('pass');
  });

  it('reports an active coach with no commitment term', () => {
    const { commitment: _, ...none } = coach();
    const r = coachRule(programData({ coaches: [none] }), RULE, '2026-06-01');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'coach-commitment.no-commitment',
        path: 'coaches[0].commitment',
        expected: { termMonths: 12 },
        found: { commitment: null },
        params: {},
        message: 'No commitment term is recorded for this active coach.',
        severity: 'error',
      }),
    ]);
    expect(r.obligations).toEqual([]);
  });
});

describe('coach-commitment: written notice', () => {
  const history = (notice?: string): Coach['statusHistory'] => [
    { status: 'active', from: '2025-01-15' },
    notice === undefined
      ? { status: 'on-notice', from: '2026-07-01' }
      : { status: 'on-notice', from: '2026-07-01', writtenNoticeOn: notice },
    { status: 'withdrawn', from: '2026-07-31' },
  ];

  it('reports a coach on notice without written notice, pointing at the current entry', () => {
    const r = commitment({ statusHistory: history() }, '2026-07-10');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'coach-commitment.no-written-notice',
        path: 'coaches[0].statusHistory[1].writtenNoticeOn',
        expected: { writtenNotice: true },
        found: { writtenNotice: false },
        params: { status: 'on-notice', from: '2026-07-01' },
        source: { ...item8, quote: 'promptly notify ... in writing' },
        message:
          'The coach left (status on-notice from 2026-07-01) without the written notice the program requires.',
      }),
    ]);
    expect(commitment({ statusHistory: history() }, '2026-08-01').findings[0]).toMatchObject({
      path: 'coaches[0].statusHistory[2].writtenNoticeOn',
      params: { status: 'withdrawn', from: '2026-07-31' },
    });
  });

  it('accepts the notice given on the on-notice entry for the later withdrawal', () => {
    expect(commitment({ statusHistory: history('2026-06-28') }, '2026-08-01').findings).toEqual([]);
  });

  it('does not see a notice dated after the evaluation day', () => {
    expect(codesOf(commitment({ statusHistory: history('2026-07-20') }, '2026-07-10'))).toEqual([
      'coach-commitment.no-written-notice',
    ]);
  });

  it('is not required when the pack says so', () => {
    const pack = packWith(RULE, {
      writtenNoticeRequired: { value: false, source: srpRecoveryConnect.rules[RULE].termMonths.source },
    });
    expect(commitment({ statusHistory: history() }, '2026-08-01', pack).findings).toEqual([]);
  });
});

describe('coach-commitment: boundary violations', () => {
  const violation = { id: 'inc-1', on: '2026-03-01', kind: 'boundary-violation' as const };
  it('reports a violation that did not remove the coach', () => {
    const r = commitment(
      { incidents: [{ id: 'inc-0', on: '2026-01-01', kind: 'other-conduct' }, violation] },
      '2026-03-05',
    );
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'coach-commitment.violation-not-removed',
        path: 'coaches[0].incidents[1]',
        expected: { status: 'removed' },
        found: { status: 'active' },
        params: { on: '2026-03-01' },
        source: {
          document: 'srp-guidelines',
          section: 'Peer-Mentor Responsibilities, item 6',
          quote: 'an emotional or sexual relationship',
        },
        message:
          'A boundary violation was recorded on 2026-03-01; the coach must be removed, but the status history does not say so.',
      }),
    ]);
  });

  it('is satisfied by a removal on or after the violation', () => {
    const removed: Coach['statusHistory'] = [
      { status: 'active', from: '2025-01-15' },
      { status: 'removed', from: '2026-03-01' },
    ];
    const r = commitment({ incidents: [violation], statusHistory: removed }, '2026-03-05');
    expect(r.findings).toEqual([]);
    expect(r.status).toBe('pass');
    expect(r.obligations).toEqual([]);
  });

  it('does not ask to remove a coach who is already removed', () => {
    const removedBefore: Coach['statusHistory'] = [
      { status: 'active', from: '2025-01-15' },
      { status: 'removed', from: '2026-02-01' },
    ];
    expect(
      commitment({ incidents: [violation], statusHistory: removedBefore }, '2026-03-05').findings,
    ).toEqual([]);
  });

  it('ignores a violation dated after the evaluation day, or when the pack does not remove for it', () => {
    expect(commitment({ incidents: [violation] }, '2026-02-28').findings).toEqual([]);
    const pack = packWith(RULE, {
      boundaryViolationRemoves: { value: false, source: srpRecoveryConnect.rules[RULE].termMonths.source },
    });
    expect(commitment({ incidents: [violation] }, '2026-03-05', pack).findings).toEqual([]);
    expect(
      evalCoach(programData({ coaches: [coach({ incidents: [violation] })] }), '2026-03-05', { pack }).status,
    ).toBe('active');
  });

  it('is not applicable before the status history starts', () => {
    expect(commitment({}, '2025-01-14').status).toBe('not-applicable');
  });
});

describe('coach-commitment: peers left without a coach (enrolment)', () => {
  const coach2 = (over: Partial<Coach>) => coach({ id: 'coach-2', ...over });
  const data = (c2: Coach, exit?: boolean) =>
    programData({
      coaches: [coach(), c2],
      peers: [peer()],
      enrolments: [
        enrolment({
          enrolledOn: '2026-01-05',
          coachAssignments: [{ coachId: 'coach-2', from: '2026-01-05' }],
          ...(exit ? { exit: { on: '2026-04-01', kind: 'completed' as const, referralsMade: [] } } : {}),
        }),
      ],
    });

  it('reports the peer of a coach removed by a boundary violation, due the day of the violation', () => {
    const c2 = coach2({ incidents: [{ id: 'inc-1', on: '2026-03-01', kind: 'boundary-violation' }] });
    const r = enrolmentRule(data(c2), RULE, '2026-03-10');
    expect(r.status).toBe('fail');
    expect(r.subject).toEqual({ type: 'enrolment', id: 'enr-1' });
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'coach-commitment.peer-needs-reassignment',
        severity: 'error',
        message: "The peer's coach (coach-2) is removed since 2026-03-01; the peer needs a new coach.",
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'enrolments[0].coachAssignments[0]',
        source: { ...item8, quote: 'promptly notify ... in writing' },
        expected: { activeCoach: true },
        found: { coachId: 'coach-2', coachStatus: 'removed' },
        params: { coachId: 'coach-2', coachStatus: 'removed', since: '2026-03-01' },
        dueOn: '2026-03-01',
      },
    ]);
    expect(obligationOf(r, 'coach-commitment:reassign:coach-2')).toMatchObject({
      label: 'Assign a new coach (coach coach-2 left)',
      dueOn: '2026-03-01',
      status: 'overdue',
      lateByDays: 9,
    });
  });

  it('passes while the coach is active or on notice', () => {
    const onNotice = coach2({
      statusHistory: [
        { status: 'active', from: '2025-01-15' },
        { status: 'on-notice', from: '2026-03-01', writtenNoticeOn: '2026-03-01' },
      ],
    });
    expect(enrolmentRule(data(onNotice), RULE, '2026-03-10')).toMatchObject({ status: 'pass', findings: [] });
  });

  it('is not applicable to an ended enrolment, an enrolment not yet started, or one with no assignment', () => {
    const withdrawn = coach2({
      statusHistory: [
        { status: 'active', from: '2025-01-15' },
        { status: 'withdrawn', from: '2026-05-01', writtenNoticeOn: '2026-04-01' },
      ],
    });
    expect(enrolmentRule(data(withdrawn, true), RULE, '2026-05-10').status).toBe('not-applicable');
    expect(enrolmentRule(data(withdrawn), RULE, '2026-01-04').status).toBe('not-applicable');
    const unassigned = programData({
      enrolments: [enrolment({ enrolledOn: '2026-01-05', coachAssignments: [] })],
    });
    expect(enrolmentRule(unassigned, RULE, '2026-05-10').status).toBe('not-applicable');
  });
});

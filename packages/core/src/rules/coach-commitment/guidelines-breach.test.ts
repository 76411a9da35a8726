import { describe, expect, it } from 'vitest';
import { coachStatusAt } from '../../lifecycle/coach';
import type { Coach } from '../../model/domain';
import { prssServiceDefinition, srpRecoveryConnect } from '../../packs/builtin';
import { coach, enrolment, programData } from '../../testing/builders';
import { coachRule, codesOf, enrolmentRule, evalCoach, packWith, TEST_SOURCE } from '../rules.test-support';
import { coachStatusOn, removingIncidents } from '../shared';

const RULE = 'coach-commitment';
const breach: Coach['incidents'][number] = { id: 'inc-7', on: '2026-03-01', kind: 'guidelines-breach' };
const commitment = (over: Partial<Coach>, asOf: string, pack = srpRecoveryConnect) =>
  coachRule(programData({ coaches: [coach(over)] }), RULE, asOf, { pack });

describe('coach-commitment: a guidelines breach removes the coach (item 7)', () => {
  it('reports a breach with the coach still active, citing item 7', () => {
    const r = commitment({ incidents: [breach] }, '2026-03-05');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'coach-commitment.breach-not-removed',
        severity: 'error',
        path: 'coaches[0].incidents[0]',
        expected: { status: 'removed' },
        found: { status: 'active' },
        params: { on: '2026-03-01' },
        source: {
          document: 'srp-guidelines',
          section: 'Peer-Mentor Responsibilities, item 7',
          quote: 'Failure to adhere to these guidelines will result in',
        },
      }),
    ]);
  });

  it('is satisfied by a removal on or after the breach, and ignores a breach after the evaluation day', () => {
    const removed: Coach['statusHistory'] = [
      { status: 'active', from: '2025-01-15' },
      { status: 'removed', from: '2026-03-02' },
    ];
    expect(commitment({ incidents: [breach], statusHistory: removed }, '2026-03-05').findings).toEqual([]);
    expect(commitment({ incidents: [breach] }, '2026-02-28').findings).toEqual([]);
  });

  it('makes the coach removed from the breach day: status, eligibility and the peers left behind', () => {
    const data = programData({
      coaches: [coach({ incidents: [breach] })],
      enrolments: [enrolment({ enrolledOn: '2026-01-31' })],
    });
    expect(evalCoach(data, '2026-03-05').status).toBe('removed');
    expect(evalCoach(data, '2026-02-28').status).toBe('active');
    expect(coachRule(data, 'coach-eligibility', '2026-03-05').status).toBe('not-applicable');
    expect(codesOf(enrolmentRule(data, RULE, '2026-03-05'))).toEqual([
      'coach-commitment.peer-needs-reassignment',
    ]);
  });

  it('follows the pack: with guidelinesBreachRemoves false (or absent) a breach removes only through the history', () => {
    const off = packWith(RULE, { guidelinesBreachRemoves: { value: false, source: TEST_SOURCE } });
    expect(commitment({ incidents: [breach] }, '2026-03-05', off).findings).toEqual([]);
    const { guidelinesBreachRemoves: _, ...rest } = srpRecoveryConnect.rules[RULE];
    const absent = { ...srpRecoveryConnect, rules: { ...srpRecoveryConnect.rules, [RULE]: rest } };
    expect(removingIncidents(absent)).toEqual(['boundary-violation']);
    expect(
      evalCoach(programData({ coaches: [coach({ incidents: [breach] })] }), '2026-03-05', { pack: absent })
        .status,
    ).toBe('active');
  });

  it('never removes for other conduct', () => {
    expect(
      commitment({ incidents: [{ id: 'inc-0', on: '2026-01-01', kind: 'other-conduct' }] }, '2026-03-05')
        .findings,
    ).toEqual([]);
  });
});

describe('coach lifecycle: removing incident kinds', () => {
  const c = coach({ incidents: [breach] });
  it('removes on a boundary violation only by default, on the kinds given otherwise', () => {
    expect(coachStatusAt(c, '2026-03-05')).toEqual({ status: 'active', since: '2025-01-15' });
    expect(coachStatusAt(c, '2026-03-05', ['boundary-violation', 'guidelines-breach'])).toEqual({
      status: 'removed',
      since: '2026-03-01',
      reason: 'guidelines-breach',
      incidentId: 'inc-7',
    });
    expect(coachStatusOn(c, '2026-03-05', true)).toEqual({ status: 'active', since: '2025-01-15' });
    expect(coachStatusOn(c, '2026-03-05', removingIncidents(srpRecoveryConnect))).toEqual({
      status: 'removed',
      since: '2026-03-01',
    });
  });
});

describe('coach-commitment: the service-definition pack sets no commitment term', () => {
  it('does not ask a staff coach for a term', () => {
    const { commitment: _, ...noTerm } = coach();
    const run = (pack = srpRecoveryConnect) =>
      coachRule(programData({ coaches: [noTerm] }), RULE, '2026-06-01', { pack });
    expect(srpRecoveryConnect.rules[RULE].termMonths.value).toBe(12);
    expect(codesOf(run())).toEqual(['coach-commitment.no-commitment']);
    const r = run(prssServiceDefinition);
    expect(r.findings).toEqual([]);
    expect(r.obligations).toEqual([]);
  });
});

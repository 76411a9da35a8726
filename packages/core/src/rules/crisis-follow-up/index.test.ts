import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../calendar/index';
import type { Contact, Enrolment } from '../../model/domain';
import { srpRecoveryConnect } from '../../packs/builtin';
import { RulePack } from '../../packs/schema';
import { contact, enrolment, programData } from '../../testing/builders';
import { codesOf, enrolmentRule, obligationOf, packWith, TEST_SOURCE } from '../rules.test-support';

const RULE = 'crisis-follow-up';
const followUp = (
  events: NonNullable<Enrolment['events']>,
  contacts: Contact[],
  asOf: string,
  over: Partial<Enrolment> = {},
  pack = srpRecoveryConnect,
) =>
  enrolmentRule(
    programData({ enrolments: [enrolment({ enrolledOn: '2026-01-31', events, ...over })], contacts }),
    RULE,
    asOf,
    { pack },
  );

describe('crisis-follow-up: contact after a recorded lapse or crisis', () => {
  const lapse = { on: '2026-05-01', kind: 'lapse' as const };

  it('is due within withinDays (7, a program choice) and met by a contact in any mode', () => {
    expect(srpRecoveryConnect.rules[RULE].withinDays).toMatchObject({
      value: 7,
      source: { document: 'program-choice' },
    });
    const phone = contact({
      id: 'c1',
      start: '2026-05-04T10:00:00-07:00',
      mode: 'phone',
      location: 'remote',
    });
    const r = followUp([lapse], [phone], '2026-05-20');
    expect(r.status).toBe('pass');
    expect(obligationOf(r, 'crisis-follow-up:event-0')).toMatchObject({ dueOn: '2026-05-08', status: 'met' });
  });

  it('is overdue without a contact, and a late contact meets it late', () => {
    const none = followUp([lapse], [], '2026-05-10');
    expect(none.findings).toEqual([
      expect.objectContaining({
        code: 'crisis-follow-up.no-contact',
        severity: 'warning',
        path: 'enrolments[0].events[0]',
        params: { dueOn: '2026-05-08', withinDays: 7, daysLate: 2 },
        source: srpRecoveryConnect.rules[RULE].withinDays.source,
      }),
    ]);
    // the event's date is health information: only the due day is given
    expect(JSON.stringify(none.findings)).not.toContain(lapse.on);
    const late = followUp([lapse], [contact({ id: 'c1', start: '2026-05-11T10:00:00-07:00' })], '2026-05-20');
    expect(late.findings).toEqual([
      expect.objectContaining({
        code: 'crisis-follow-up.late',
        path: 'contacts[0]',
        params: { dueOn: '2026-05-08', contactOn: '2026-05-11', withinDays: 7, daysLate: 3 },
      }),
    ]);
  });

  it('counts contacts from the start of the event day in the program zone, not before', () => {
    // 23:30 on 30 April in Los Angeles is 1 May in UTC: before the event day, it does not count
    const before = contact({ id: 'c1', start: '2026-05-01T06:30:00Z' });
    expect(codesOf(followUp([lapse], [before], '2026-05-10'))).toEqual(['crisis-follow-up.no-contact']);
    const sameDay = contact({ id: 'c2', start: '2026-05-01T07:30:00Z' });
    expect(followUp([lapse], [sameDay], '2026-05-10').findings).toEqual([]);
  });

  it('ignores events after asOf, before enrolment or after the exit, and lapses at the exit', () => {
    expect(followUp([lapse], [], '2026-04-30').status).toBe('not-applicable');
    expect(followUp([{ on: '2026-01-10', kind: 'crisis' }], [], '2026-05-10').status).toBe('not-applicable');
    const exit = { exit: { on: '2026-05-03', kind: 'completed' as const, referralsMade: [] } };
    const r = followUp([lapse], [], '2026-05-20', exit);
    expect(obligationOf(r, 'crisis-follow-up:event-0').status).toBe('not-applicable');
    expect(r.findings).toEqual([]);
  });

  it('is off in a pack that does not set it (packs written before the rule)', () => {
    const { 'crisis-follow-up': _, ...rules } = JSON.parse(JSON.stringify(srpRecoveryConnect.rules));
    const parsed = RulePack.parse({ ...srpRecoveryConnect, rules });
    expect(parsed.rules[RULE].severity).toBe('off');
    const ev = programData({ enrolments: [enrolment({ enrolledOn: '2026-01-31', events: [lapse] })] });
    expect(() => enrolmentRule(ev, RULE, '2026-05-20', { pack: parsed })).toThrow(/did not run/);
  });

  test.prop([
    fc.integer({ min: 0, max: 30 }),
    fc.integer({ min: 0, max: 40 }),
    fc.integer({ min: 0, max: 60 }),
  ])(
    'meets the obligation exactly when a contact falls between the event day and the due day',
    (within, contactAfter, asOfAfter) => {
      const pack = packWith(RULE, { withinDays: { value: within, source: TEST_SOURCE } });
      const contactDay = addDays(lapse.on, contactAfter);
      const asOf = addDays(lapse.on, asOfAfter);
      const r = followUp(
        [lapse],
        [contact({ id: 'c1', start: `${contactDay}T12:00:00-07:00` })],
        asOf,
        {},
        pack,
      );
      const o = obligationOf(r, 'crisis-follow-up:event-0');
      const seen = contactAfter <= asOfAfter;
      if (seen && contactAfter <= within) expect(o.status).toBe('met');
      if (!seen && asOfAfter > within) expect(o.status).toBe('overdue');
      const noFinding = r.findings.length === 0;
      expect(noFinding).toBe((seen && contactAfter <= within) || (!seen && asOfAfter <= within));
    },
  );
});

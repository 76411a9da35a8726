import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../calendar/index';
import type { Enrolment } from '../model/domain';
import { derivePack, srpRecoveryConnect } from '../packs/builtin';
import { type HoldPausedRule, holdsPausedBy, RulePack } from '../packs/schema';
import { contact, enrolment, message, plan, programData } from '../testing/builders';
import type { RuleContext } from './context';
import { enrolmentRule, obligationOf, TEST_SOURCE } from './rules.test-support';
import { dueAfterHolds } from './shared';

const pausing = (...rules: HoldPausedRule[]) =>
  derivePack(srpRecoveryConnect, { id: 'pausing', holdsPause: { value: rules, source: TEST_SOURCE } }, {});
const hold = (from: string, to?: string): Enrolment['holds'][number] => ({
  from,
  ...(to === undefined ? {} : { to }),
  reason: 'inpatient-treatment',
});
const held = (holds: Enrolment['holds']) => enrolment({ enrolledOn: '2026-01-01', holds });
// dueAfterHolds reads only the pack and the evaluation day of a context.
const ctxFor = (pack = pausing('first-action-plan'), asOf = '2026-12-31') =>
  ({ pack, asOfDate: asOf }) as unknown as RuleContext;

describe('holdsPause: which clocks a hold pauses is the pack’s, one setting', () => {
  it('defaults to the monthly meeting only, the reading of every built-in pack', () => {
    expect([...holdsPausedBy(srpRecoveryConnect)]).toEqual(['in-person-contact']);
    const { holdsPause: _, ...unset } = srpRecoveryConnect;
    expect(RulePack.safeParse(unset).success).toBe(true);
    expect([...holdsPausedBy(unset)]).toEqual(['in-person-contact']);
    expect(
      RulePack.safeParse({
        ...srpRecoveryConnect,
        holdsPause: { value: ['documentation'], source: TEST_SOURCE },
      }).success,
    ).toBe(false);
  });
});

describe('dueAfterHolds', () => {
  it('moves the due day by the days on hold, counting again over the days it adds', () => {
    const ctx = ctxFor();
    expect(
      dueAfterHolds(
        ctx,
        held([hold('2026-01-10', '2026-01-19')]),
        'first-action-plan',
        '2026-01-01',
        '2026-01-31',
      ),
    ).toBe('2026-02-10');
    // a second hold that starts inside the added days is counted too
    const two = held([hold('2026-01-10', '2026-01-19'), hold('2026-02-05', '2026-02-06')]);
    expect(dueAfterHolds(ctx, two, 'first-action-plan', '2026-01-01', '2026-01-31')).toBe('2026-02-12');
    // overlapping holds count each day once; a hold before the clock starts or after the due day does not count
    const overlap = held([
      hold('2026-01-10', '2026-01-19'),
      hold('2026-01-15', '2026-01-24'),
      hold('2026-03-01', '2026-03-05'),
    ]);
    expect(dueAfterHolds(ctx, overlap, 'first-action-plan', '2026-01-01', '2026-01-31')).toBe('2026-02-15');
    expect(
      dueAfterHolds(
        ctx,
        held([hold('2025-12-01', '2026-01-01')]),
        'first-action-plan',
        '2026-01-01',
        '2026-01-31',
      ),
    ).toBe('2026-01-31');
  });

  it('runs an open hold through the evaluation day, and ignores a hold that starts after it', () => {
    const open = held([hold('2026-01-20')]);
    expect(
      dueAfterHolds(ctxFor(undefined, '2026-03-01'), open, 'first-action-plan', '2026-01-01', '2026-01-31'),
    ).toBe('2026-03-13');
    expect(
      dueAfterHolds(ctxFor(undefined, '2026-01-15'), open, 'first-action-plan', '2026-01-01', '2026-01-31'),
    ).toBe('2026-01-31');
  });

  it('leaves the due day alone for a rule the pack does not pause', () => {
    const e = held([hold('2026-01-10', '2026-01-19')]);
    expect(
      dueAfterHolds(ctxFor(pausing('in-person-contact')), e, 'first-action-plan', '2026-01-01', '2026-01-31'),
    ).toBe('2026-01-31');
  });

  test.prop([
    fc.integer({ min: 0, max: 1500 }),
    fc.integer({ min: 1, max: 120 }),
    fc.array(fc.tuple(fc.integer({ min: -30, max: 200 }), fc.integer({ min: 0, max: 60 }), fc.boolean()), {
      maxLength: 4,
    }),
  ])(
    'the moved due day is never earlier, and exceeds the base by exactly the held days inside it',
    (s, span, hs) => {
      const start = addDays('2023-01-01', s);
      const base = addDays(start, span);
      const holds = hs.map(([from, len, open]) =>
        hold(addDays(start, from), open ? undefined : addDays(start, from + len)),
      );
      const ctx = ctxFor(undefined, addDays(start, 400));
      const e = enrolment({ enrolledOn: start, holds });
      const due = dueAfterHolds(ctx, e, 'first-action-plan', start, base);
      expect(due >= base).toBe(true);
      let heldDays = 0;
      for (let d = addDays(start, 1); d <= due; d = addDays(d, 1))
        if (holds.some((h) => h.from <= d && (h.to === undefined ? d <= addDays(start, 400) : d <= h.to)))
          heldDays++;
      expect(daysBetween(base, due)).toBe(heldDays);
      expect(dueAfterHolds(ctx, e, 'first-action-plan', start, base)).toBe(due); // deterministic
    },
  );
});

describe('each clock follows the pack', () => {
  const data = (over: Partial<Parameters<typeof programData>[0]> = {}) =>
    programData({
      enrolments: [held([hold('2026-01-10', '2026-01-19')])],
      ...over,
    });

  it('first-action-plan: due 31 January without pausing, 10 February with', () => {
    const signed = { plans: [plan({ id: 'p1', signedByPeerAt: '2026-02-08T10:00:00-08:00' })] };
    const plain = enrolmentRule(data(signed), 'first-action-plan', '2026-03-01');
    expect(obligationOf(plain, 'first-action-plan')).toMatchObject({ dueOn: '2026-01-31', lateByDays: 8 });
    const paused = enrolmentRule(data(signed), 'first-action-plan', '2026-03-01', {
      pack: pausing('first-action-plan'),
    });
    expect(obligationOf(paused, 'first-action-plan')).toMatchObject({ dueOn: '2026-02-10', status: 'met' });
    expect(paused.findings).toEqual([]);
  });

  it('plan-revision: the three months after a version move by the days on hold in them', () => {
    const over = {
      enrolments: [held([hold('2026-03-01', '2026-03-10')])],
      plans: [plan({ id: 'p1', signedByPeerAt: '2026-01-15T10:00:00-08:00' })],
    };
    const plain = enrolmentRule(data(over), 'plan-revision', '2026-04-01');
    expect(obligationOf(plain, 'plan-revision:after-v1').dueOn).toBe('2026-04-15');
    const paused = enrolmentRule(data(over), 'plan-revision', '2026-04-01', {
      pack: pausing('plan-revision'),
    });
    expect(obligationOf(paused, 'plan-revision:after-v1').dueOn).toBe('2026-04-25');
  });

  it('reply-timeliness: a message received on a day on hold asks for no reply only when replies pause', () => {
    const over = { messages: [message({ id: 'm1', receivedAt: '2026-01-12T10:00:00-08:00' })] };
    const plain = enrolmentRule(data(over), 'reply-timeliness', '2026-02-01');
    expect(obligationOf(plain, 'reply-timeliness:m1').status).toBe('overdue');
    const paused = enrolmentRule(data(over), 'reply-timeliness', '2026-02-01', {
      pack: pausing('reply-timeliness'),
    });
    expect(paused.obligations).toEqual([]);
    expect(paused.findings).toEqual([]);
  });

  it('in-person-contact: a month on hold is not applicable only while the pack pauses meetings', () => {
    const over = {
      enrolments: [enrolment({ enrolledOn: '2026-01-01', holds: [hold('2026-02-01', '2026-02-28')] })],
      contacts: [contact({ id: 'c1', start: '2026-01-10T10:00:00-08:00' })],
    };
    const paused = enrolmentRule(data(over), 'in-person-contact', '2026-03-15');
    expect(obligationOf(paused, 'in-person-contact:2026-02').status).toBe('not-applicable');
    const counted = enrolmentRule(data(over), 'in-person-contact', '2026-03-15', { pack: pausing() });
    expect(obligationOf(counted, 'in-person-contact:2026-02').status).toBe('missed');
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { LocalDate } from '../model/primitives';
import { type CoachStatus, IncidentKind } from '../model/vocabulary';
import { arbCoach, arbLocalDate } from '../testing/arbitraries';
import { type CoachEvent, type CoachState, canAssignPeer, coachStatusAt, transitionCoach } from './coach';
import { addDaysToLocalDate } from './dates';
import { LIFECYCLE_ERROR_CODES, type LifecycleErrorCode } from './result';

/** The model: an independent, table-driven statement of the coach lifecycle. */
interface Model {
  status: CoachStatus;
  since: LocalDate;
  notice: LocalDate | undefined;
}
interface Real {
  state: CoachState;
}

const NEXT: Partial<Record<CoachStatus, Partial<Record<CoachEvent['type'], CoachStatus>>>> = {
  applicant: { approve: 'active', withdraw: 'withdrawn', remove: 'removed' },
  active: { 'give-notice': 'on-notice', withdraw: 'withdrawn', remove: 'removed' },
  'on-notice': { withdraw: 'withdrawn', remove: 'removed', reinstate: 'active' },
  withdrawn: { remove: 'removed', reinstate: 'active' },
};

type Expected = { ok: true; status: CoachStatus } | { ok: false; code: LifecycleErrorCode };

function expectedOutcome(m: Model, e: CoachEvent): Expected {
  if (m.status === 'removed') return { ok: false, code: 'terminal-state' };
  const next = NEXT[m.status]?.[e.type];
  if (next === undefined) return { ok: false, code: 'invalid-transition' };
  if (e.at < m.since) return { ok: false, code: 'date-before-state' };
  if ((e.type === 'approve' || e.type === 'reinstate') && !e.eligible)
    return { ok: false, code: 'not-eligible' };
  if (e.type === 'give-notice') {
    if (e.writtenNoticeOn > e.at) return { ok: false, code: 'invalid-notice-date' };
    if (e.writtenNoticeOn < m.since) return { ok: false, code: 'date-before-state' };
  }
  return { ok: true, status: next };
}

type Build = (at: LocalDate) => CoachEvent;

class EventCommand implements fc.Command<Model, Real> {
  constructor(
    private readonly build: Build,
    private readonly offset: number,
  ) {}

  check(): boolean {
    return true;
  }

  run(m: Model, r: Real): void {
    const before = r.state;
    const snapshot = JSON.stringify(before);
    const event = Object.freeze(this.build(addDaysToLocalDate(m.since, this.offset)));
    const result = transitionCoach(before, event);
    const expected = expectedOutcome(m, event);

    expect(JSON.stringify(before)).toBe(snapshot);
    // A removed coach stays removed.
    if (before.status === 'removed')
      expect(result).toMatchObject({ success: false, issues: [{ code: 'terminal-state' }] });

    if (expected.ok) {
      expect(result.success, `${before.status} + ${event.type}`).toBe(true);
      if (!result.success) return;
      expect(result.data.status).toBe(expected.status);
      expect(result.data.since).toBe(event.at);
      expect(result.data.since >= before.since).toBe(true);
      // The written notice is kept from on-notice into withdrawn, and dropped otherwise.
      const notice =
        event.type === 'give-notice'
          ? event.writtenNoticeOn
          : expected.status === 'withdrawn' && m.status === 'on-notice'
            ? m.notice
            : undefined;
      expect('writtenNoticeOn' in result.data ? result.data.writtenNoticeOn : undefined).toBe(notice);
      m.status = result.data.status;
      m.since = result.data.since;
      m.notice = notice;
      r.state = Object.freeze(result.data);
    } else {
      expect(result.success, `${before.status} + ${event.type}`).toBe(false);
      if (result.success) return;
      expect(result.issues[0]?.code).toBe(expected.code);
      expect(result.issues[0]?.from).toBe(before.status);
      expect(result.issues[0]?.event).toBe(event.type);
    }
    // The assignment guard follows the state.
    expect(canAssignPeer(r.state).success).toBe(r.state.status === 'active');
  }

  toString(): string {
    return `${this.build('YYYY-MM-DD').type}(+${this.offset})`;
  }
}

const arbBuild: fc.Arbitrary<Build> = fc.oneof(
  fc.boolean().map(
    (eligible) =>
      (at: LocalDate): CoachEvent => ({ type: 'approve', at, eligible }),
  ),
  fc.integer({ min: -10, max: 3 }).map(
    (d) =>
      (at: LocalDate): CoachEvent => ({
        type: 'give-notice',
        at,
        writtenNoticeOn: addDaysToLocalDate(at, d),
      }),
  ),
  fc.constant((at: LocalDate): CoachEvent => ({ type: 'withdraw', at })),
  fc
    .tuple(
      fc.constantFrom(...IncidentKind.options),
      fc.option(fc.constantFrom('inc-1', 'inc-2'), { nil: undefined }),
    )
    .map(
      ([reason, incidentId]) =>
        (at: LocalDate): CoachEvent =>
          incidentId === undefined
            ? { type: 'remove', at, reason }
            : { type: 'remove', at, reason, incidentId },
    ),
  fc.boolean().map(
    (eligible) =>
      (at: LocalDate): CoachEvent => ({ type: 'reinstate', at, eligible }),
  ),
);

const arbCommand = fc
  .tuple(arbBuild, fc.integer({ min: -5, max: 60 }))
  .map(([build, offset]) => new EventCommand(build, offset));

describe('coach lifecycle: model-based', () => {
  test.prop([
    fc.constantFrom<CoachStatus>('applicant', 'active', 'withdrawn', 'removed'),
    arbLocalDate({ min: '2020-01-01', max: '2027-12-31' }),
    fc.commands([arbCommand], { maxCommands: 40 }),
  ])('transitions agree with the model; removed is final; since never decreases', (status, since, cmds) => {
    fc.modelRun(
      () => ({
        model: { status, since, notice: undefined },
        real: { state: Object.freeze({ status, since }) as CoachState },
      }),
      cmds,
    );
  });

  test.prop([
    fc.constantFrom<CoachStatus>('applicant', 'active', 'on-notice', 'withdrawn', 'removed'),
    arbLocalDate(),
    arbBuild,
    fc.oneof(
      arbLocalDate(),
      fc.string({ minLength: 4 }).map((s) => `ZQ${s}`),
    ),
  ])('is total, codes are stable, and messages never echo a date', (status, since, build, at) => {
    const r = transitionCoach({ status, since }, build(at));
    if (!r.success) {
      expect(LIFECYCLE_ERROR_CODES).toContain(r.issues[0]?.code);
      expect(r.issues[0]?.message).not.toContain(at);
      expect(r.issues[0]?.message).not.toContain(since);
    }
  });
});

describe('coachStatusAt: properties', () => {
  test.prop([arbCoach(), arbLocalDate({ min: '2018-01-01', max: '2029-12-31' })])(
    'is deterministic and total, and never dated after asOf',
    (coach, asOf) => {
      const a = coachStatusAt(coach, asOf);
      const b = coachStatusAt(structuredClone(coach), asOf);
      expect(a).toEqual(b);
      const first = coach.statusHistory.map((s) => s.from).sort()[0] as string;
      const violations = coach.incidents.filter((i) => i.kind === 'boundary-violation' && i.on <= asOf);
      if (asOf < first && violations.length === 0) expect(a).toBeUndefined();
      else {
        expect(a).toBeDefined();
        expect((a as CoachState).since <= asOf).toBe(true);
      }
      if (violations.length > 0) expect(a?.status).toBe('removed');
    },
  );

  test.prop([
    arbCoach(),
    arbLocalDate({ min: '2018-01-01', max: '2029-12-31' }),
    fc.integer({ min: 0, max: 2000 }),
  ])('removal is final', (coach, asOf, later) => {
    if (coachStatusAt(coach, asOf)?.status === 'removed')
      expect(coachStatusAt(coach, addDaysToLocalDate(asOf, later))).toEqual(coachStatusAt(coach, asOf));
  });

  test.prop([arbCoach(), fc.nat(), fc.integer({ min: -2, max: 1 })])(
    'the state changes only on the day its since says',
    (coach, n, offset) => {
      // A day around a history entry or an incident, where changes happen.
      const dates = [...coach.statusHistory.map((s) => s.from), ...coach.incidents.map((i) => i.on)];
      const day = addDaysToLocalDate(dates[n % dates.length] as string, offset);
      const next = addDaysToLocalDate(day, 1);
      const a = coachStatusAt(coach, day);
      const b = coachStatusAt(coach, next);
      if (b === undefined) return;
      if (a?.status === b.status) expect(b.since).toBe(a.since);
      else expect(b.since).toBe(next);
    },
  );
});

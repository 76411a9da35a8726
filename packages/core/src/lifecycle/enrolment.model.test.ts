import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { LocalDate } from '../model/primitives';
import { DiscontinuationReason, HoldReason } from '../model/vocabulary';
import { arbLocalDate } from '../testing/arbitraries';
import { addDaysToLocalDate } from './dates';
import {
  ENROLMENT_DOCUMENTS,
  ENROLMENT_STATUSES,
  type EnrolmentEvent,
  type EnrolmentState,
  type EnrolmentStatus,
  transitionEnrolment,
} from './enrolment';
import { LIFECYCLE_ERROR_CODES, LIFECYCLE_ERROR_PATH, type LifecycleErrorCode } from './result';

/**
 * The model: an independent, table-driven statement of the enrolment lifecycle. The real system is the state a
 * caller keeps, replaced only by an accepted transition.
 */
interface Model {
  status: EnrolmentStatus;
  since: LocalDate;
  resumesTo: 'enrolled' | 'active' | undefined;
}
interface Real {
  state: EnrolmentState;
}

const TERMINAL: readonly EnrolmentStatus[] = ['discontinued', 'completed', 'transferred'];
const NEXT: Partial<Record<EnrolmentStatus, Partial<Record<EnrolmentEvent['type'], EnrolmentStatus>>>> = {
  referred: { enrol: 'enrolled', discontinue: 'discontinued' },
  enrolled: { activate: 'active', hold: 'on-hold', discontinue: 'discontinued', transfer: 'transferred' },
  active: { hold: 'on-hold', discontinue: 'discontinued', complete: 'completed', transfer: 'transferred' },
  'on-hold': { resume: 'active', discontinue: 'discontinued', transfer: 'transferred' },
};

/** A date is a calendar date when it survives a round trip through a UTC timestamp. */
function isCalendarDate(s: string): boolean {
  const ms = Date.parse(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

type Expected = { ok: true; status: EnrolmentStatus } | { ok: false; code: LifecycleErrorCode };

function expectedOutcome(m: Model, e: EnrolmentEvent, asOf: LocalDate | undefined): Expected {
  if (TERMINAL.includes(m.status)) return { ok: false, code: 'terminal-state' };
  if (!isCalendarDate(e.at)) return { ok: false, code: 'invalid-date' };
  let next = NEXT[m.status]?.[e.type];
  if (next === undefined) return { ok: false, code: 'invalid-transition' };
  if (e.at < m.since) return { ok: false, code: 'date-before-state' };
  if (asOf !== undefined && e.at > asOf) return { ok: false, code: 'date-after-as-of' };
  if (e.type === 'activate') {
    const required = e.requiredDocuments ?? ENROLMENT_DOCUMENTS;
    if (required.some((d) => !e.completedDocuments.includes(d)))
      return { ok: false, code: 'prerequisites-incomplete' };
  }
  if (e.type === 'resume') next = m.resumesTo ?? 'active';
  return { ok: true, status: next };
}

/** One command: an event dated `offset` days from the model's `since` (possibly before it), maybe with an asOf. */
class EventCommand implements fc.Command<Model, Real> {
  constructor(
    private readonly build: (at: LocalDate) => EnrolmentEvent,
    private readonly offset: number,
    private readonly asOfOffset: number | undefined,
    private readonly badDate: boolean,
  ) {}

  check(): boolean {
    return true;
  }

  run(m: Model, r: Real): void {
    const before = r.state;
    const snapshot = JSON.stringify(before);
    const at = this.badDate ? `${m.since.slice(0, 4)}-02-30` : addDaysToLocalDate(m.since, this.offset);
    const asOf = this.asOfOffset === undefined ? undefined : addDaysToLocalDate(m.since, this.asOfOffset);
    const event = Object.freeze(this.build(at));
    const result = transitionEnrolment(before, event, asOf);
    const expected = expectedOutcome(m, event, asOf);

    // The input is never mutated (it is frozen, and still equal to its snapshot).
    expect(JSON.stringify(before)).toBe(snapshot);
    // Terminal states never change.
    if (TERMINAL.includes(before.status)) expect(result.success).toBe(false);

    if (expected.ok) {
      expect(result.success, `${before.status} + ${event.type}`).toBe(true);
      if (!result.success) return;
      expect(result.data.status).toBe(expected.status);
      expect(result.data.since).toBe(event.at);
      // since never decreases.
      expect(result.data.since >= before.since).toBe(true);
      m.status = result.data.status;
      m.since = result.data.since;
      m.resumesTo = result.data.status === 'on-hold' ? (before.status as 'enrolled' | 'active') : undefined;
      r.state = Object.freeze(result.data);
    } else {
      expect(result.success, `${before.status} + ${event.type}`).toBe(false);
      if (result.success) return;
      expect(result.issues[0]?.code).toBe(expected.code);
      expect(result.issues[0]?.from).toBe(before.status);
      expect(result.issues[0]?.event).toBe(event.type);
      // A refused transition leaves the state unchanged: the model is not updated, and neither is the real state.
    }
  }

  toString(): string {
    const sample = this.build('YYYY-MM-DD');
    return `${sample.type}(${this.badDate ? 'bad date' : `+${this.offset}`}${this.asOfOffset === undefined ? '' : `, asOf +${this.asOfOffset}`})`;
  }
}

const arbDocs = fc.subarray([...ENROLMENT_DOCUMENTS]);
const arbEvent: fc.Arbitrary<(at: LocalDate) => EnrolmentEvent> = fc.oneof(
  fc.constant((at: LocalDate): EnrolmentEvent => ({ type: 'enrol', at })),
  fc.tuple(arbDocs, fc.option(arbDocs, { nil: undefined })).map(
    ([completed, required]) =>
      (at: LocalDate): EnrolmentEvent =>
        required === undefined
          ? { type: 'activate', at, completedDocuments: completed }
          : { type: 'activate', at, completedDocuments: completed, requiredDocuments: required },
  ),
  fc.constantFrom(...HoldReason.options).map(
    (reason) =>
      (at: LocalDate): EnrolmentEvent => ({ type: 'hold', at, reason }),
  ),
  fc.constant((at: LocalDate): EnrolmentEvent => ({ type: 'resume', at })),
  fc.constantFrom(...DiscontinuationReason.options).map(
    (reason) =>
      (at: LocalDate): EnrolmentEvent => ({ type: 'discontinue', at, reason }),
  ),
  fc.constant((at: LocalDate): EnrolmentEvent => ({ type: 'complete', at })),
  fc.constant((at: LocalDate): EnrolmentEvent => ({ type: 'transfer', at })),
);

const arbCommand = fc
  .tuple(
    arbEvent,
    fc.integer({ min: -5, max: 40 }),
    fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined, freq: 4 }),
  )
  .map(([build, offset, asOf]) => new EventCommand(build, offset, asOf, false));
const arbBadDateCommand = arbEvent.map((build) => new EventCommand(build, 0, undefined, true));

const arbInitial: fc.Arbitrary<EnrolmentState> = fc
  .tuple(fc.constantFrom(...ENROLMENT_STATUSES), arbLocalDate({ min: '2020-01-01', max: '2027-12-31' }))
  .map(([status, since]): EnrolmentState => {
    if (status === 'on-hold') return { status, since, reason: 'other', resumesTo: 'active' };
    return { status, since };
  });

/** Values that are not calendar dates, none of which can occur in a message by chance. */
const arbNotADate = fc.oneof(
  fc.constantFrom('2024-02-30', '2023-13-01', '2026-1-5', '20260105'),
  fc.string({ minLength: 4 }).map((s) => `ZQ${s}`),
);

describe('enrolment lifecycle: model-based', () => {
  test.prop([
    arbInitial,
    fc.commands([arbCommand, arbCommand, arbCommand, arbBadDateCommand], { maxCommands: 40 }),
  ])('transitions agree with the model; terminal states hold; since never decreases', (initial, cmds) => {
    fc.modelRun(
      () => ({
        model: {
          status: initial.status,
          since: initial.since,
          resumesTo: initial.status === 'on-hold' ? initial.resumesTo : undefined,
        },
        real: { state: Object.freeze(initial) },
      }),
      cmds,
    );
  });

  test.prop([
    arbInitial,
    arbEvent,
    fc.oneof(arbLocalDate(), arbNotADate),
    fc.option(fc.oneof(arbLocalDate(), arbNotADate), { nil: undefined }),
  ])('is total, codes are stable, and messages never echo a date', (state, build, at, asOf) => {
    const r = transitionEnrolment(state, build(at), asOf);
    if (r.success) {
      expect(ENROLMENT_STATUSES).toContain(r.data.status);
    } else {
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]?.severity).toBe('error');
      const paths = [...Object.values(LIFECYCLE_ERROR_PATH).map((x) => x.join('.')), 'asOf'];
      expect(paths).toContain(r.issues[0]?.path.join('.'));
      expect(LIFECYCLE_ERROR_CODES).toContain(r.issues[0]?.code);
      expect(r.issues[0]?.message).not.toContain(at);
      expect(r.issues[0]?.message).not.toContain(state.since);
      if (asOf !== undefined) expect(r.issues[0]?.message).not.toContain(asOf);
    }
  });
});

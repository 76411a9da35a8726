/**
 * fast-check arbitraries for the domain model, for property tests. Every arbitrary produces schema-valid values;
 * {@link arbProgramData} produces whole documents that also pass the integrity checks of `parseProgramData`
 * (unique ids, resolved references, chained plan versions, forward periods, ordered histories, coach assignments
 * that do not overlap).
 *
 * Records begin on dates in {@link PROGRAM_DATA_WINDOW} unless another window is given (referral, document and
 * training dates may precede a start by a few weeks or months; expiry and end dates may run past the window).
 * Personal dates (`birthDate` from 1945, `recoveryStartDate` a year or more before the coach applied) are never
 * generated before 1900. Instants carry the UTC offset of the program's time zone at
 * that instant, as a real system would write them.
 *
 * Records are built from dependent random choices drawn from a seed that does not shrink: a failing property
 * reports the record as generated (ids and overrides still shrink). Replay a failure with the `seed` and `path` fast-check prints.
 *
 * Not exported from the package index: import it from tests.
 *
 * @module
 */
import fc from 'fast-check';
import { coachStatusAt } from '../lifecycle/coach';
import type {
  BusinessCalendar,
  Coach,
  Consent,
  Contact,
  Enrolment,
  Message,
  Organization,
  Peer,
  PlanVersion,
  Program,
  ProgramData,
  Referral,
} from '../model/domain';
import type { HumanName, Id, Instant, LocalDate, TimeZone } from '../model/primitives';
import type { RecoveryStage } from '../model/vocabulary';
import {
  ConsentPurpose,
  DiscontinuationReason,
  ExitKind,
  HoldReason,
  ReferralKind,
  ReferralSourceKind,
} from '../model/vocabulary';
import { generateCoach } from '../synthetic/coaches';
import {
  contactOf,
  drawContact,
  drawMessage,
  generateAssessments,
  generatePeer,
  generatePlans,
  type MessageSetting,
  messageOf,
  type Timed,
} from '../synthetic/enrolment';
import { FAMILY_NAMES, GIVEN_NAMES_ANY, SYNTHETIC_ORGANIZATIONS } from '../synthetic/lists';
import type { SyntheticQuality } from '../synthetic/options';
import { QUALITY_PROFILES, type QualityProfile } from '../synthetic/profile';
import { createRandom, type Random } from '../synthetic/random';
import { createBusinessDays, createZoneClock, formatDay, parseDay, type ZoneClock } from '../synthetic/time';
import { widenAssessments, widenContact, widenMessage, widenName, widenPlans } from '../synthetic/widen';
import { emptyProgramData } from './builders';
import { anyScriptText, anyShapes, mixOffsets, reuseIds } from './variety';

/**
 * Overrides of a generated record: for each field, an arbitrary that replaces the generated value
 * (`fc.constant(x)` for a fixed value; an arbitrary of `undefined` removes an optional field). Overrides are
 * applied after generation, so they can break consistency with other fields: that is the caller's choice.
 *
 * @example
 * const o: Overrides<Peer> = { id: fc.constant('peer-1'), birthDate: fc.constant(undefined) };
 */
export type Overrides<T> = { readonly [K in keyof T]?: fc.Arbitrary<T[K]> };

/**
 * An inclusive range of calendar dates.
 *
 * @example
 * const r: DateRange = { min: '2026-01-01', max: '2026-12-31' };
 */
export interface DateRange {
  readonly min?: LocalDate;
  readonly max?: LocalDate;
}

/**
 * The default window in which the records of {@link arbProgramData} begin (inclusive).
 *
 * @example
 * PROGRAM_DATA_WINDOW.min; // '2019-01-01'
 */
export const PROGRAM_DATA_WINDOW = { min: '2019-01-01', max: '2027-12-31' } as const;

/**
 * The time zones {@link arbProgramData} draws a program's zone from: several with daylight-saving changes, one
 * with a half-hour offset and UTC.
 *
 * @example
 * PROGRAM_TIME_ZONES.includes('America/Los_Angeles'); // true
 */
export const PROGRAM_TIME_ZONES: readonly TimeZone[] = [
  'America/Los_Angeles',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'Europe/London',
  'Asia/Kolkata',
  'UTC',
];

/** Rule pack ids of the built-in packs; a program names one. */
const RULE_PACKS = ['srp-recovery-connect', 'prss-service-definition', 'illustrative-six-month-review'];
// Organisation names are the synthetic generator's (one source of test words).
const ORG_NAMES = SYNTHETIC_ORGANIZATIONS.map((o) => o.name);
const PROGRAM_NAMES = ['Recovery Connect', 'Peer Bridges', 'Second Wind Coaching', 'Pathways Peer Support'];

/**
 * The dependent choices of a record come from the synthetic generator's PRNG (`createRandom`, sfc32) and its
 * helpers, seeded by fast-check: one generator of random numbers for the package's test data and its synthetic
 * data. Instants are written by the synthetic generator's zone clock.
 * The seed does not shrink: shrinking the many dependent choices of a realistic record does not converge in useful
 * time, so a failing property reports the record as generated (replay it with the seed and path fast-check prints).
 * (`fc.gen()` was tried first: its values are cloned between runs, which does not mix well with `filter` and
 * `record` in fast-check 4.10.)
 */
const arbSeed: fc.Arbitrary<number> = fc.noShrink(fc.integer());

const dayOf = parseDay;
const dateOf = formatDay;

/** A zone clock that writes `Z` for UTC, as the arbitraries always have. */
const clockOf = (zone: TimeZone): ZoneClock => createZoneClock(zone, { utcAsZ: true });

function withOverrides<T extends object>(base: fc.Arbitrary<T>, overrides?: Overrides<T>): fc.Arbitrary<T> {
  const entries = Object.entries(overrides ?? {}).filter(([, a]) => a !== undefined);
  if (entries.length === 0) return base;
  const record = fc.record(Object.fromEntries(entries) as Record<string, fc.Arbitrary<unknown>>);
  return fc.tuple(base, record).map(([b, o]) => {
    const out = { ...b } as Record<string, unknown>;
    for (const [key, value] of Object.entries(o)) {
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
    return out as T;
  });
}

function rangeDays(range: DateRange | undefined, fallback: { min: LocalDate; max: LocalDate }) {
  const min = dayOf(range?.min ?? fallback.min);
  const max = dayOf(range?.max ?? fallback.max);
  return { min, max: Math.max(min, max) };
}

/**
 * Calendar dates `YYYY-MM-DD` in a range (default 1970-01-01 to 2099-12-31), leap days included.
 *
 * @example
 * fc.assert(fc.property(arbLocalDate({ min: '2024-02-01', max: '2024-03-31' }), (d) => LocalDate.safeParse(d).success));
 */
export function arbLocalDate(range?: DateRange): fc.Arbitrary<LocalDate> {
  const { min, max } = rangeDays(range, { min: '1970-01-01', max: '2099-12-31' });
  return fc.integer({ min, max }).map(dateOf);
}

const FIXED_OFFSETS = [
  'Z',
  '+00:00',
  '-08:00',
  '-07:00',
  '-05:00',
  '-04:00',
  '+01:00',
  '+05:30',
  '+09:00',
  '-03:30',
];

/**
 * Instants (ISO 8601 date-times with an offset) on dates in a range (default {@link PROGRAM_DATA_WINDOW}). With a
 * `zone`, the offset is the one the zone has at that instant (so `America/Los_Angeles` gives `-08:00` in winter
 * and `-07:00` in summer; `UTC` gives `Z`); without one, a random fixed offset.
 *
 * @example
 * fc.sample(arbInstant('America/Los_Angeles'), 1); // e.g. ['2026-01-31T23:30:00-08:00']
 */
export function arbInstant(zone?: TimeZone, range?: DateRange): fc.Arbitrary<Instant> {
  const { min, max } = rangeDays(range, PROGRAM_DATA_WINDOW);
  const day = fc.integer({ min, max });
  const minute = fc.integer({ min: 0, max: 1439 });
  const second = fc.integer({ min: 0, max: 59 });
  if (zone !== undefined) {
    const clock = clockOf(zone);
    return fc.tuple(day, minute, second).map(([d, m, s]) => clock.instant(clock.epochAt(d, m) + s * 1000));
  }
  return fc
    .tuple(day, minute, second, fc.constantFrom(...FIXED_OFFSETS))
    .map(
      ([d, m, s, off]) =>
        `${dateOf(d)}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:${String(s).padStart(2, '0')}${off}`,
    );
}

/**
 * Record ids in the FHIR id alphabet: `prefix-n`.
 *
 * @example
 * fc.sample(arbId('peer'), 1); // e.g. ['peer-17']
 */
export function arbId(prefix = 'id'): fc.Arbitrary<Id> {
  return fc.integer({ min: 1, max: 99_999 }).map((n) => `${prefix}-${n}`);
}

/**
 * People's names drawn from short lists of common names.
 *
 * @example
 * fc.sample(arbHumanName(), 1); // e.g. [{ given: ['Maria'], family: 'Garcia' }]
 */
export function arbHumanName(): fc.Arbitrary<HumanName> {
  return arbSeed.map((seed) => {
    const g = createRandom(seed);
    return widenName({ given: [g.pick(GIVEN_NAMES_ANY)], family: g.pick(FAMILY_NAMES) }, g);
  });
}

interface Window {
  readonly min: number;
  readonly max: number;
}

/** Coach `index` of `count` from the synthetic generator, with its variety. */
function genCoach(seed: number, index: number, count: number, w: Window, quality: SyntheticQuality): Coach {
  const input = { seedLo: seed >>> 0, seedHi: 0, first: w.min, last: w.max, count, width: 1 };
  return generateCoach({ ...input, profile: QUALITY_PROFILES[quality], variety: true }, index).coach;
}

const QUALITIES: readonly SyntheticQuality[] = ['good', 'mixed', 'poor'];

/**
 * Coaches: a status history in date order (applicant, then mostly active; some on notice, withdrawn or removed,
 * a removal with its conduct incident), trainings, interview, background check and agreements around the
 * application date, a one-year commitment from approval with extensions. Periods run forward.
 *
 * @example
 * fc.assert(fc.property(arbCoach({ id: fc.constant('coach-1') }), (c) => c.id === 'coach-1'));
 */
export function arbCoach(overrides?: Overrides<Coach>): fc.Arbitrary<Coach> {
  const w = rangeDays(undefined, PROGRAM_DATA_WINDOW);
  return withOverrides(
    fc.tuple(arbId('coach'), arbSeed).map(([id, seed]) => {
      const g = createRandom(seed);
      const count = g.int(1, 8);
      return { ...genCoach(seed, g.int(0, count - 1), count, w, g.pick(QUALITIES)), id };
    }),
    overrides,
  );
}

/**
 * Peers: target populations, a birth date or an age band (sometimes both), and optional name, gender and
 * contact preferences.
 *
 * @example
 * fc.assert(fc.property(arbPeer(), (p) => p.populations.length > 0));
 */
export function arbPeer(overrides?: Overrides<Peer>): fc.Arbitrary<Peer> {
  const w = rangeDays(undefined, PROGRAM_DATA_WINDOW);
  return withOverrides(
    fc.tuple(arbId('peer'), arbSeed).map(([id, seed]) => {
      const g = createRandom(seed);
      return generatePeer(g, id, g.int(w.min, w.max), formatDay, true).peer;
    }),
    overrides,
  );
}

interface AssignmentContext {
  readonly coachIds: readonly Id[];
  /** When given, assignments go to a coach active on the day when there is one. */
  readonly coaches?: readonly Coach[];
}

/** A coach for an assignment starting on `day`: one active then if any, else any coach. */
function coachFor(g: Random, day: number, ctx: AssignmentContext): Id {
  const date = dateOf(day);
  const active = (ctx.coaches ?? [])
    .filter((c) => coachStatusAt(c, date)?.status === 'active')
    .map((c) => c.id);
  return g.pick(active.length > 0 ? active : ctx.coachIds);
}

interface EnrolmentPlan {
  readonly enrolment: Enrolment;
  /** Last day of the enrolment's span (the exit date, or the planned end of an open one). */
  readonly end: number;
}

function genEnrolment(
  g: Random,
  ids: { id: Id; peerId: Id },
  ctx: AssignmentContext & { readonly organizationIds: readonly Id[] },
  w: Window,
): EnrolmentPlan {
  const enrolledOn = g.int(w.min, w.max - 30);
  const end = Math.min(enrolledOn + g.int(30, 720), w.max);
  const exits = g.chance(0.4);
  const e: Enrolment = {
    id: ids.id,
    peerId: ids.peerId,
    enrolledOn: dateOf(enrolledOn),
    documents: {},
    coachAssignments: [],
    stages: [],
    holds: [],
  };
  if (g.chance(0.7)) e.referredOn = dateOf(enrolledOn - g.int(0, 30));
  if (g.chance(0.7)) {
    const kind = g.pick(ReferralSourceKind.options);
    e.referralSource =
      ctx.organizationIds.length > 0 && kind !== 'self' && g.chance(0.7)
        ? { kind, organizationId: g.pick(ctx.organizationIds) }
        : { kind };
  }
  const documents: Enrolment['documents'] = {};
  if (g.chance(0.92)) documents.guidelinesAgreement = dateOf(enrolledOn + g.int(-7, 14));
  if (g.chance(0.92)) documents.application = dateOf(enrolledOn + g.int(-7, 14));
  if (g.chance(0.88)) documents.assessments = dateOf(enrolledOn + g.int(-7, 21));
  if (g.chance(0.92)) documents.confidentialityForms = dateOf(enrolledOn + g.int(-7, 14));
  if (g.chance(0.4)) documents.coachPeerContract = dateOf(enrolledOn + g.int(0, 40));
  e.documents = documents;

  // Recovery stages, in order.
  let stageDay = enrolledOn;
  for (const stage of ['initiation', 'stabilization', 'maintenance'] as const) {
    if (stage !== 'initiation') {
      if (!g.chance(0.5)) break;
      stageDay += g.int(30, 240);
      if (stageDay > end) break;
    } else if (!g.chance(0.9)) continue;
    e.stages.push({ stage, from: dateOf(stageDay) });
  }

  // Coach assignments: consecutive, never overlapping.
  if (ctx.coachIds.length > 0) {
    const count = g.pick([0, 1, 1, 1, 2, 2, 3]);
    let from = enrolledOn;
    for (let k = 0; k < count && from <= end; k++) {
      const coachId = coachFor(g, from, ctx);
      const last = k === count - 1;
      if (last && !exits && g.chance(0.7)) {
        e.coachAssignments.push({ coachId, from: dateOf(from) });
        break;
      }
      const to = last ? end : Math.min(end, from + g.int(0, Math.max(0, Math.floor((end - from) / 2))));
      e.coachAssignments.push({ coachId, from: dateOf(from), to: dateOf(to) });
      from = to + 1 + g.int(0, 10);
    }
  }

  // Holds: in order, after one another.
  if (g.chance(0.3)) {
    let from = enrolledOn + g.int(10, 120);
    const count = g.int(1, 2);
    for (let k = 0; k < count && from <= end; k++) {
      const reason = g.pick(HoldReason.options);
      if (k === count - 1 && !exits && g.chance(0.2)) {
        e.holds.push({ from: dateOf(from), reason });
        break;
      }
      const to = Math.min(end, from + g.int(0, 60));
      e.holds.push({ from: dateOf(from), to: dateOf(to), reason });
      from = to + g.int(2, 90);
    }
  }

  if (exits) {
    const kind = g.pick(ExitKind.options);
    const exit: NonNullable<Enrolment['exit']> = {
      on: dateOf(end),
      kind,
      referralsMade: [],
    };
    if (kind === 'discontinued' && g.chance(0.85)) exit.reason = g.pick(DiscontinuationReason.options);
    if (kind === 'discontinued' && g.chance(0.5))
      exit.referralSourceNoticeSentOn = dateOf(end + g.int(0, 14));
    e.exit = exit;
  }
  return { enrolment: e, end };
}

/**
 * Enrolment context of {@link arbEnrolment}: the coaches and organisations it may refer to.
 *
 * @example
 * const ctx: EnrolmentContext = { coachIds: ['coach-1'], organizationIds: [] };
 */
export interface EnrolmentContext {
  /** Coaches the assignments name (default `coach-1`, `coach-2`; empty: no assignments). */
  readonly coachIds?: readonly Id[];
  /** Organisations a referral source may name (default none). */
  readonly organizationIds?: readonly Id[];
}

/**
 * Enrolments: referral and enrolment dates, enrolment documents around the enrolment date (some missing),
 * recovery stages in order, coach assignments that never overlap, holds in order, and sometimes an exit. The
 * exit names no referrals (only {@link arbProgramData} links them).
 *
 * @example
 * fc.assert(fc.property(arbEnrolment({ peerId: fc.constant('peer-1') }), (e) => e.peerId === 'peer-1'));
 */
export function arbEnrolment(
  overrides?: Overrides<Enrolment>,
  context?: EnrolmentContext,
): fc.Arbitrary<Enrolment> {
  const w = rangeDays(undefined, PROGRAM_DATA_WINDOW);
  const ctx = {
    coachIds: context?.coachIds ?? ['coach-1', 'coach-2'],
    organizationIds: context?.organizationIds ?? [],
  };
  return withOverrides(
    fc
      .tuple(arbId('enr'), arbId('peer'), arbSeed)
      .map(([id, peerId, seed]) => genEnrolment(createRandom(seed), { id, peerId }, ctx, w).enrolment),
    overrides,
  );
}

/** Writes wall-clock local times and instants of a zone clock (with `Z` for UTC). */
const writers = (clock: ZoneClock) => ({
  at: (t: Timed): string => clock.instant(clock.epochAt(t.day, t.minute)),
  iso: formatDay,
});

function coachOn(day: number, e: Enrolment, fallback: readonly Id[], g: Random): Id {
  const date = dateOf(day);
  const covering = e.coachAssignments.find((a) => a.from <= date && (a.to === undefined || date <= a.to));
  return covering?.coachId ?? e.coachAssignments[0]?.coachId ?? g.pick(fallback);
}

/** The enrolment's recovery stage on a day (initiation before the first recorded stage). */
function stageOn(e: Enrolment, day: number): RecoveryStage {
  const date = dateOf(day);
  let stage: RecoveryStage = 'initiation';
  for (const s of e.stages) if (s.from <= date) stage = s.stage;
  return stage;
}

/** A contact on `day` from the synthetic generator's contact builder, with its variety. */
function genContact(
  g: Random,
  id: Id,
  e: Enrolment,
  day: number,
  coachIds: readonly Id[],
  clock: ZoneClock,
  profile: QualityProfile,
): Contact {
  const setting = {
    stage: stageOn(e, day),
    sourceKind: e.referralSource?.kind ?? ('none' as const),
    preferredLocations: [],
    profile,
    last: day + 3,
    coach: 0,
  };
  const draft = drawContact(g, day, g.chance(0.55), dateOf(day) === e.enrolledOn && g.chance(0.5), setting);
  const contact = contactOf(draft, id, e.id, coachOn(day, e, coachIds, g), writers(clock).at);
  return widenContact(contact, day, g, clock);
}

/**
 * Contacts on their own (not linked to a document), from the synthetic generator's contact builder with its
 * variety: an in-person contact at a place, or a remote one; coded activities (rarely an excluded one); a progress
 * note flag and sometimes its text; mostly in the daytime, sometimes at any time (23:30 and past midnight
 * included). Times are in `zone` (default `America/Los_Angeles`).
 *
 * @example
 * fc.assert(fc.property(arbContact(), (c) => Date.parse(c.end) >= Date.parse(c.start)));
 */
export function arbContact(
  overrides?: Overrides<Contact>,
  zone: TimeZone = 'America/Los_Angeles',
): fc.Arbitrary<Contact> {
  const w = rangeDays(undefined, PROGRAM_DATA_WINDOW);
  const clock = clockOf(zone);
  return withOverrides(
    fc.tuple(arbId('contact'), arbId('enr'), arbSeed).map(([id, enrolmentId, seed]) => {
      const g = createRandom(seed);
      const e: Enrolment = {
        id: enrolmentId,
        peerId: 'peer-1',
        enrolledOn: dateOf(w.min),
        documents: {},
        coachAssignments: [],
        stages: [],
        holds: [],
      };
      const profile = QUALITY_PROFILES[g.pick(QUALITIES)];
      return genContact(g, id, e, g.int(w.min, w.max), ['coach-1', 'coach-2'], clock, profile);
    }),
    overrides,
  );
}

/** A message on `day` from the synthetic generator's message builder, with its variety. */
function genMessage(
  g: Random,
  id: Id,
  enrolmentId: Id,
  day: number,
  clock: ZoneClock,
  setting: Omit<MessageSetting, 'last'>,
): Message {
  const draft = drawMessage(g, day, { ...setting, last: day + 10 });
  return widenMessage(messageOf(draft, id, enrolmentId, writers(clock).at), day, g, clock);
}

/** The business calendar of {@link arbMessage}'s replies. */
const DEFAULT_CALENDAR: BusinessCalendar = { weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal'] };

/**
 * Messages from a peer on their own, from the synthetic generator's message builder with its variety: received at
 * an instant in `zone` (default `America/Los_Angeles`), mostly in the day, sometimes at any minute; mostly replied
 * to, within a business day or later (five minutes to four days), with or without a reply channel. *
 * @example
 * fc.assert(fc.property(arbMessage(), (m) => m.repliedAt === undefined || Date.parse(m.repliedAt) >= Date.parse(m.receivedAt)));
 */
export function arbMessage(
  overrides?: Overrides<Message>,
  zone: TimeZone = 'America/Los_Angeles',
): fc.Arbitrary<Message> {
  const w = rangeDays(undefined, PROGRAM_DATA_WINDOW);
  const clock = clockOf(zone);
  const business = createBusinessDays(DEFAULT_CALENDAR);
  return withOverrides(
    fc.tuple(arbId('msg'), arbId('enr'), arbSeed).map(([id, enrolmentId, seed]) => {
      const g = createRandom(seed);
      const setting = {
        hasPreferences: false,
        channels: [],
        business,
        profile: QUALITY_PROFILES[g.pick(QUALITIES)],
      };
      return genMessage(g, id, enrolmentId, g.int(w.min, w.max), clock, setting);
    }),
    overrides,
  );
}

/**
 * A chain of action plan versions of one enrolment from the synthetic generator's plan builder (version 1 due
 * within 30 days, then a revision about every three months, each replacing the one before), signed in `zone`
 * (default `America/Los_Angeles`), with its variety (unsigned versions, a time of recording, goals in any status or
 * free text). The chain may be empty.
 *
 * @example
 * fc.assert(fc.property(arbPlanChain('enr-1', '2026-01-31'), (plans) => plans.every((p, i) => p.version === i + 1)));
 */
export function arbPlanChain(
  enrolmentId: Id,
  enrolledOn: LocalDate,
  zone: TimeZone = 'America/Los_Angeles',
): fc.Arbitrary<PlanVersion[]> {
  const E = dayOf(enrolledOn);
  const clock = clockOf(zone);
  return arbSeed.map((seed) => {
    const g = createRandom(seed);
    const span = { num: enrolmentId, enrolmentId, E, serviceEnd: E + 720, exitOn: undefined, last: E + 720 };
    const plans = generatePlans(g, {
      ...span,
      profile: QUALITY_PROFILES[g.pick(QUALITIES)],
      ...writers(clock),
    });
    return widenPlans(plans, g, clock.instant);
  });
}

/**
 * Options of {@link arbProgramData}.
 *
 * @example
 * const o: ProgramDataOptions = { timeZone: 'America/New_York', minEnrolments: 2, maxEnrolments: 3 };
 */
export interface ProgramDataOptions {
  /** The program's time zone (default: one of {@link PROGRAM_TIME_ZONES}). */
  readonly timeZone?: TimeZone;
  /** Fewest enrolments (default 1). */
  readonly minEnrolments?: number;
  /** Most enrolments (default 4). */
  readonly maxEnrolments?: number;
  /** Most coaches (default 4; at least 1 are generated). */
  readonly maxCoaches?: number;
  /** Most peers (default 4); there is always one peer per enrolment, and at least one peer. */
  readonly maxPeers?: number;
  /** Dates of the records (default {@link PROGRAM_DATA_WINDOW}); at least 120 days. */
  readonly window?: DateRange;
  /** Replaces the generated program (its time zone is then used for the instants). */
  readonly program?: fc.Arbitrary<Program>;
  /** Time zones to draw the program's zone from (default {@link PROGRAM_TIME_ZONES}; ignored with `timeZone`). */
  readonly timeZones?: readonly TimeZone[];
  /**
   * Gives every record type the same ids (`r0`, `r1`, ..., with a suffix such as `.a` or `-X9` for the whole
   * document), so that identifiers must be scoped by record type (default false).
   */
  readonly reuseIds?: boolean;
  /** Writes each instant with a UTC offset of its own (not the zone's), some with milliseconds (default false). */
  readonly mixedOffsets?: boolean;
  /** Replaces every free text (names, notes, telecom, addresses, goals) by text in any script (default false). */
  readonly anyScriptText?: boolean;
  /**
   * Adds combinations the schema accepts that a realistic program rarely records: enrolments sharing a peer,
   * coach histories in any order, remote contacts at in-person places, replies channels without replies, odd
   * assessment answers, consents outside enrolments, weekends of any days (default false).
   */
  readonly anyShapes?: boolean;
}

/**
 * The options of {@link arbProgramData} for tests of exchange formats: every variation on, and zones with
 * quarter-hour offsets.
 *
 * @example
 * test.prop([arbProgramData(EVERY_VARIATION)])('round trips', (d) => expect(roundTrip(d)).toEqual(d));
 */
export const EVERY_VARIATION: ProgramDataOptions = {
  reuseIds: true,
  mixedOffsets: true,
  anyScriptText: true,
  anyShapes: true,
  timeZones: [...PROGRAM_TIME_ZONES, 'Pacific/Chatham'],
};

/** Text in any script with at least one visible character. */
const arbTextPool: fc.Arbitrary<string[]> = fc.array(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }).filter((s) => /\S/.test(s)),
  { minLength: 1, maxLength: 12 },
);

function genProgram(g: Random, zone: TimeZone, w: Window): Program {
  const holidays = Array.from({ length: g.int(0, 4) }, () => dateOf(g.int(w.min, w.max))).sort();
  return {
    id: g.pick(['srp', 'prog-1', 'county-peer']),
    name: g.pick(PROGRAM_NAMES),
    timeZone: zone,
    calendar: g.chance(0.5)
      ? { weekendDays: g.chance(0.9) ? [0, 6] : [5, 6], holidays, holidaySets: ['us-federal'] }
      : { weekendDays: g.chance(0.9) ? [0, 6] : [0], holidays },
    rulePack: g.pick(RULE_PACKS),
  };
}

function genProgramData(g: Random, program: Program, o: ProgramDataOptions, clock: ZoneClock): ProgramData {
  const w = rangeDays(o.window, PROGRAM_DATA_WINDOW);
  const window = { min: w.min, max: Math.max(w.max, w.min + 120) };
  const organizations: Organization[] = Array.from({ length: g.int(0, 3) }, (_, k) => ({
    id: `org-${k + 1}`,
    kind: g.pick(ReferralSourceKind.options.filter((s) => s !== 'self')),
    name: ORG_NAMES[k % ORG_NAMES.length] as string,
  }));
  const orgIds = organizations.map((x) => x.id);
  const coachCount = g.int(1, Math.max(1, o.maxCoaches ?? 4));
  const coachSeed = g.int(0, 0xffffffff);
  const quality = g.pick(QUALITIES);
  const profile = QUALITY_PROFILES[quality];
  const business = createBusinessDays(program.calendar);
  const coaches = Array.from({ length: coachCount }, (_, k) =>
    genCoach(coachSeed, k, coachCount, window, quality),
  );
  const coachIds = coaches.map((c) => c.id);
  const min = Math.max(0, o.minEnrolments ?? 1);
  const count = g.int(min, Math.max(min, o.maxEnrolments ?? 4));
  const peerCount = Math.max(count, g.int(1, Math.max(1, o.maxPeers ?? 4)));
  const peers = Array.from(
    { length: peerCount },
    (_, k) => generatePeer(g, `peer-${k + 1}`, g.int(window.min, window.max), formatDay, true).peer,
  );

  const data: ProgramData = {
    ...emptyProgramData(),
    program,
    organizations,
    coaches,
    peers,
  };
  for (let i = 0; i < count; i++) {
    const id = `enr-${i + 1}`;
    const peer = peers[i] as Peer;
    const peerId = peer.id;
    const channels = peer.contactPreferences?.channels ?? [];
    const messageSetting = { hasPreferences: channels.length > 0, channels, business, profile };
    const { enrolment, end } = genEnrolment(
      g,
      { id, peerId },
      { coachIds, organizationIds: orgIds, coaches },
      window,
    );
    const start = dayOf(enrolment.enrolledOn);
    const span = () => g.int(start, end);

    const referrals: Referral[] = [];
    for (let k = 0, n = g.pick([0, 0, 1, 1, 2]); k < n; k++) {
      const r: Referral = {
        id: `${id}-ref-${k + 1}`,
        enrolmentId: id,
        kind: g.pick(ReferralKind.options),
        madeOn: dateOf(span()),
      };
      if (g.chance(0.6)) r.status = g.pick(['made', 'accepted', 'completed', 'declined'] as const);
      referrals.push(r);
    }
    const exit = enrolment.exit;
    if (exit !== undefined && exit.kind !== 'completed' && g.chance(0.8)) {
      const made: Id[] = [];
      for (let k = 0, n = g.int(1, 2); k < n; k++) {
        const rid = `${id}-cont-${k + 1}`;
        referrals.push({
          id: rid,
          enrolmentId: id,
          kind: g.pick(ReferralKind.options),
          madeOn: dateOf(Math.max(start, end - g.int(0, 7))),
          forContinuity: true,
        });
        made.push(rid);
      }
      data.enrolments.push({ ...enrolment, exit: { ...exit, referralsMade: made } });
    } else data.enrolments.push(enrolment);
    data.referrals.push(...referrals);

    const enrolmentSpan = {
      num: String(i + 1),
      enrolmentId: id,
      E: start,
      serviceEnd: end,
      exitOn: enrolment.exit === undefined ? undefined : end,
      last: window.max,
      profile,
      ...writers(clock),
    };
    data.plans.push(...widenPlans(generatePlans(g, enrolmentSpan), g, clock.instant));
    for (let k = 0, n = g.int(0, 8); k < n; k++)
      data.contacts.push(genContact(g, `${id}-c-${k + 1}`, enrolment, span(), coachIds, clock, profile));
    for (let k = 0, n = g.int(0, 5); k < n; k++)
      data.messages.push(genMessage(g, `${id}-m-${k + 1}`, id, span(), clock, messageSetting));

    if (g.chance(0.6)) {
      const signedOn = enrolment.documents.confidentialityForms ?? enrolment.enrolledOn;
      data.consents.push({
        id: `${id}-cons-1`,
        peerId,
        enrolmentId: id,
        kind: 'confidentiality',
        purposes: [],
        signedOn,
        period: { start: signedOn },
      });
    }
    if (orgIds.length > 0 && g.chance(0.4)) {
      const signed = span();
      const consent: Consent = {
        id: `${id}-cons-2`,
        peerId,
        enrolmentId: id,
        kind: 'release-of-information',
        recipientOrganizationId: g.pick(orgIds),
        purposes: g.subset(ConsentPurpose.options, 0.3, true),
        signedOn: dateOf(signed),
        period: g.chance(0.5)
          ? { start: dateOf(signed), end: dateOf(signed + g.int(30, 730)) }
          : { start: dateOf(signed) },
      };
      if (g.chance(0.1)) consent.revokedOn = dateOf(signed + g.int(1, 200));
      data.consents.push(consent);
    }
    const assessments = generateAssessments(g, {
      ...enrolmentSpan,
      discontinued: enrolment.exit?.kind === 'discontinued',
      lostContact: enrolment.exit?.reason === 'lost-contact',
    });
    data.assessments.push(...widenAssessments(assessments, g));
  }
  return data;
}

/**
 * Whole program documents that pass `parseProgramData` (schema and integrity): a program in a real time zone with
 * a business calendar; up to three organisations; coaches with histories; peers; a few enrolments, each of its own
 * peer, assigned to coaches active on the assignment's first day when there are any, each with its plan versions
 * chained (version 1, then each replacing the previous), contacts with coaches assigned on the day
 * when there is one, messages and replies, referrals (continuity referrals named by a discontinuation or transfer
 * exit), consents and outcome assessments. Ids are predictable (`coach-1`, `enr-2`, `enr-2-plan-1`, ...).
 *
 * @example
 * test.prop([arbProgramData()])('parses', (doc) => { expect(parseProgramData(doc).success).toBe(true); });
 */
export function arbProgramData(options: ProgramDataOptions = {}): fc.Arbitrary<ProgramData> {
  const w = rangeDays(options.window, PROGRAM_DATA_WINDOW);
  const program =
    options.program ??
    fc
      .tuple(
        options.timeZone === undefined
          ? fc.constantFrom(...(options.timeZones ?? PROGRAM_TIME_ZONES))
          : fc.constant(options.timeZone),
        arbSeed,
      )
      .map(([zone, seed]) => genProgram(createRandom(seed), zone, w));
  // One clock per zone for this arbitrary (a clock only caches what it computed).
  const clocks = new Map<TimeZone, ZoneClock>();
  const build = (p: Program, seed: number): ProgramData => {
    let clock = clocks.get(p.timeZone);
    if (clock === undefined) {
      clock = clockOf(p.timeZone);
      clocks.set(p.timeZone, clock);
    }
    return genProgramData(createRandom(seed), p, options, clock);
  };
  const varied = options.reuseIds || options.mixedOffsets || options.anyScriptText || options.anyShapes;
  if (!varied) return fc.tuple(program, arbSeed).map(([p, seed]) => build(p, seed));
  return fc
    .tuple(program, arbSeed, arbSeed, options.anyScriptText ? arbTextPool : fc.constant([]))
    .map(([p, seed, variationSeed, pool]) => {
      const g = createRandom(variationSeed);
      let data = build(p, seed);
      if (options.anyShapes) data = anyShapes(data, g);
      if (options.anyScriptText) data = anyScriptText(data, g, pool);
      if (options.mixedOffsets) data = mixOffsets(data, g);
      if (options.reuseIds) data = reuseIds(data, g);
      return data;
    });
}

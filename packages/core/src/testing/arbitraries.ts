/**
 * fast-check arbitraries for the domain model, for property tests. Every arbitrary produces schema-valid values;
 * {@link arbProgramData} produces whole documents that also pass the integrity checks of `parseProgramData`
 * (unique ids, resolved references, chained plan versions, forward periods, ordered histories, coach assignments
 * that do not overlap).
 *
 * Every record comes from the synthetic generator's record builders (`generateCoach`, `generateEnrolment` and the
 * parts it is made of) with their opt-in variety, which draws the rarer shapes the schema accepts; the random
 * choices come from the synthetic generator's PRNG, seeded by fast-check.
 *
 * Enrolments begin on dates in {@link PROGRAM_DATA_WINDOW} unless another window is given (referral, document,
 * training and coach status dates may precede them by weeks or years; expiry and end dates may run past the
 * window). Personal dates (`birthDate` 16 to 71 years before an enrolment, `recoveryStartDate` months to 25 years
 * before the coach became active) are never generated before 1900 in the default window. Instants carry the UTC
 * offset of the program's time zone at that instant, as a real system would write them.
 *
 * Records are built from dependent random choices drawn from a seed that does not shrink: a failing property
 * reports the record as generated (ids and overrides still shrink). Replay a failure with the `seed` and `path`
 * fast-check prints.
 *
 * Not exported from the package index: import it from tests.
 *
 * @module
 */
import fc from 'fast-check';
import type {
  BusinessCalendar,
  Coach,
  Contact,
  Enrolment,
  Message,
  Peer,
  PlanVersion,
  Program,
  ProgramData,
} from '../model/domain';
import type { HumanName, Id, Instant, LocalDate, TimeZone } from '../model/primitives';
import type { RecoveryStage } from '../model/vocabulary';
import { builtInPacks } from '../packs/builtin';
import { type CoachTimeline, generateCoach } from '../synthetic/coaches';
import {
  contactOf,
  drawContact,
  drawMessage,
  type EnrolmentBundle,
  generateEnrolment,
  generatePeer,
  generatePlans,
  type MessageSetting,
  messageOf,
  type Timed,
} from '../synthetic/enrolment';
import { syntheticProgram } from '../synthetic/generate';
import { FAMILY_NAMES, GIVEN_NAMES_ANY, SYNTHETIC_ORGANIZATIONS } from '../synthetic/lists';
import type { SyntheticQuality } from '../synthetic/options';
import { QUALITY_PROFILES, type QualityProfile } from '../synthetic/profile';
import { createRandom, type Random } from '../synthetic/random';
import {
  type BusinessDays,
  createBusinessDays,
  createZoneClock,
  formatDay,
  parseDay,
  type ZoneClock,
} from '../synthetic/time';
import { widenContact, widenMessage, widenName, widenPlans, widenProgram } from '../synthetic/widen';
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
const RULE_PACKS = Object.keys(builtInPacks);

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

/** The business calendar of records generated outside a program ({@link arbMessage}, {@link arbEnrolment}). */
const DEFAULT_CALENDAR: BusinessCalendar = { weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal'] };

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

/** One enrolment of a program from the synthetic generator's enrolment builder, with its variety. */
function genEnrolment(
  seed: number,
  index: number,
  span: { readonly first: number; readonly last: number },
  program: {
    readonly profile: QualityProfile;
    readonly clock: ZoneClock;
    readonly business: BusinessDays;
    readonly coachIds: readonly Id[];
    readonly coaches: readonly CoachTimeline[];
    readonly organizationIds?: readonly Id[];
  },
): EnrolmentBundle {
  const context = { seedLo: seed >>> 0, seedHi: 0, ...span, ...program, peerWidth: 1, variety: true };
  return generateEnrolment(context, index);
}

/** A span of 30 days to two years in a window, for one enrolment. */
function spanIn(g: Random, w: Window): { first: number; last: number } {
  const first = g.int(w.min, w.max - 30);
  return { first, last: Math.min(w.max, first + g.int(30, 720)) };
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
 * Enrolments from the synthetic generator's enrolment builder with its variety, beginning in
 * {@link PROGRAM_DATA_WINDOW} and lasting 30 days to two years: referral and enrolment dates, enrolment documents
 * around the enrolment date (some missing), recovery stages in order, coach assignments that never overlap (to any
 * of the context's coaches), holds in order, and sometimes an exit. The exit names no referrals (only
 * {@link arbProgramData} links them).
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
  const clock = clockOf('America/Los_Angeles');
  const business = createBusinessDays(DEFAULT_CALENDAR);
  // Coaches always available: an assignment may start on any day.
  const coaches = ctx.coachIds.map(() => ({
    availableFrom: Number.NEGATIVE_INFINITY,
    availableTo: Number.POSITIVE_INFINITY,
    serviceTo: Number.POSITIVE_INFINITY,
  }));
  return withOverrides(
    fc.tuple(arbId('enr'), arbId('peer'), arbSeed).map(([id, peerId, seed]) => {
      const g = createRandom(seed);
      const profile = QUALITY_PROFILES[g.pick(QUALITIES)];
      const program = { ...ctx, profile, clock, business, coaches };
      const { enrolment } = genEnrolment(seed, 0, spanIn(g, w), program);
      return {
        ...enrolment,
        id,
        peerId,
        ...(enrolment.exit === undefined ? {} : { exit: { ...enrolment.exit, referralsMade: [] } }),
      };
    }),
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

function genProgramData(g: Random, program: Program, o: ProgramDataOptions, clock: ZoneClock): ProgramData {
  const w = rangeDays(o.window, PROGRAM_DATA_WINDOW);
  const window = { min: w.min, max: Math.max(w.max, w.min + 120) };
  const coachCount = g.int(1, Math.max(1, o.maxCoaches ?? 4));
  const seed = g.int(0, 0xffffffff);
  const profile = QUALITY_PROFILES[g.pick(QUALITIES)];
  const generated = Array.from({ length: coachCount }, (_, k) => {
    const input = {
      seedLo: seed,
      seedHi: 0,
      first: window.min,
      last: window.max,
      count: coachCount,
      width: 1,
    };
    return generateCoach({ ...input, profile, variety: true }, k);
  });
  const coaches = generated.map((x) => x.coach);
  const min = Math.max(0, o.minEnrolments ?? 1);
  const count = g.int(min, Math.max(min, o.maxEnrolments ?? 4));
  const peerCount = Math.max(count, g.int(1, Math.max(1, o.maxPeers ?? 4)));
  const context = {
    profile,
    clock,
    business: createBusinessDays(program.calendar),
    coachIds: coaches.map((c) => c.id),
    coaches: generated.map((x) => x.timeline),
  };

  const data: ProgramData = { ...emptyProgramData(), program, coaches };
  for (let i = 0; i < count; i++) {
    const b = genEnrolment(seed, i, spanIn(g, window), context);
    data.peers.push(b.peer);
    data.enrolments.push(b.enrolment);
    data.plans.push(...b.plans);
    data.contacts.push(...b.contacts);
    data.messages.push(...b.messages);
    data.referrals.push(...b.referrals);
    data.consents.push(...b.consents);
    data.assessments.push(...b.assessments);
  }
  for (let k = count; k < peerCount; k++)
    data.peers.push(generatePeer(g, `peer-${k + 1}`, g.int(window.min, window.max), formatDay, true).peer);
  // The organisations the records name, and up to two more.
  const named = new Set<string>();
  for (const e of data.enrolments)
    if (e.referralSource?.organizationId !== undefined) named.add(e.referralSource.organizationId);
  for (const c of data.consents)
    if (c.recipientOrganizationId !== undefined) named.add(c.recipientOrganizationId);
  for (let k = 0, n = g.int(0, 2); k < n; k++) named.add(g.pick(SYNTHETIC_ORGANIZATIONS).id);
  data.organizations = SYNTHETIC_ORGANIZATIONS.filter((x) => named.has(x.id)).map((x) => ({ ...x }));
  return data;
}

/**
 * Whole program documents that pass `parseProgramData` (schema and integrity), drawn from the synthetic
 * generator's record builders with their variety: a program in a real time zone with a business calendar and any
 * built-in rule pack; the organisations its records name and a few more; coaches with histories; peers; a few
 * enrolments of 30 days to two years, each of its own peer, assigned to coaches available on the assignment's first
 * day (sometimes to any coach), each with its plan versions chained (version 1, then each replacing the previous),
 * a few of its contacts (mostly with the coach assigned that day) and messages with replies, referrals (continuity
 * referrals named by a discontinuation or transfer exit), consents and outcome assessments. Ids are predictable
 * (`coach-1`, `peer-2`, `enr-2`, `plan-2-01`, `con-2-0003`, ...).
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
      .map(([zone, seed]) => widenProgram(syntheticProgram(zone), createRandom(seed), w, RULE_PACKS));
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

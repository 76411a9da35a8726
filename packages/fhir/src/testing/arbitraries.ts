import { fc } from '@fast-check/vitest';
import type {
  Assessment,
  Coach,
  Consent,
  Contact,
  Enrolment,
  Goal,
  HumanName,
  Message,
  Peer,
  PlanVersion,
  ProgramData,
  Referral,
} from '@peer-recovery/core';
import {
  ActivityCode,
  AgeBand,
  CoachStatus,
  ConsentPurpose,
  ContactMode,
  DiscontinuationReason,
  ExitKind,
  ExpectedOutcome,
  Gender,
  GoalStatus,
  HoldReason,
  IncidentKind,
  LocationType,
  MessageChannel,
  RecoveryStage,
  ReferralKind,
  ReferralSourceKind,
  TargetPopulation,
} from '@peer-recovery/core';

/**
 * Test helpers for this package: a fast-check arbitrary of whole, referentially consistent programs. Not exported
 * from the package entry point (fast-check is a development dependency).
 *
 * @packageDocumentation
 */

const BASE_DAY = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

/** `YYYY-MM-DD` of a day number counted from 2024-01-01. */
function day(n: number): string {
  return new Date(BASE_DAY + n * DAY).toISOString().slice(0, 10);
}

/** An instant written with a given UTC offset (minutes), optionally with milliseconds. */
function instant(ms: number, offsetMinutes: number, withMillis: boolean): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString();
  const clock = withMillis ? local.slice(0, 23) : local.slice(0, 19);
  if (offsetMinutes === 0 && !withMillis) return `${clock}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${clock}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;
const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

/** Free text with at least one visible character (FHIR strings need non-whitespace content). */
const text = (max: number): fc.Arbitrary<string> =>
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);

const arbName: fc.Arbitrary<HumanName> = fc
  .record({
    given: opt(fc.array(text(12), { minLength: 1, maxLength: 2 })),
    family: opt(text(16)),
    text: opt(text(24)),
  })
  .map((n) => ({
    ...(n.given ? { given: n.given } : {}),
    ...(n.family ? { family: n.family } : {}),
    ...(n.text ? { text: n.text } : {}),
  }));

const OFFSETS = [0, -480, -420, 330, 765, 60];
const ZONES = ['UTC', 'America/Los_Angeles', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'];
const SUFFIXES = ['', '.a', '-X9', '.0-b'];

const GENDERS = Gender.options;
const AGE_BANDS = AgeBand.options;
const POPULATIONS = TargetPopulation.options;
const CHANNELS = MessageChannel.options;
const LOCATIONS = LocationType.options;
const MODES = ContactMode.options;
const ACTIVITIES = ActivityCode.options;
const OUTCOMES = ExpectedOutcome.options;
const REFERRAL_KINDS = ReferralKind.options;
const SOURCE_KINDS = ReferralSourceKind.options;
const COACH_STATUSES = CoachStatus.options;
const INCIDENTS = IncidentKind.options;
const HOLD_REASONS = HoldReason.options;
const EXIT_KINDS = ExitKind.options;
const DISCONTINUATION = DiscontinuationReason.options;
const STAGES = RecoveryStage.options;
const GOAL_STATUSES = GoalStatus.options;
const PURPOSES = ConsentPurpose.options;

/** National Provider Identifiers with valid check digits (made up for tests). */
const VALID_NPIS = ['1234567893', '1245319599', '1003000126'] as const;
const n = (max: number) => fc.nat({ max });
const bool = fc.boolean();
const maybe = <T>(arb: fc.Arbitrary<T>) => opt(arb);

/** Raw random material; {@link arbProgramData} turns it into a consistent program. */
const raw = fc.record({
  zone: n(ZONES.length - 1),
  suffix: n(SUFFIXES.length - 1),
  programName: text(30),
  weekend: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
  holidays: fc.array(n(900), { maxLength: 2 }),
  holidaySets: maybe(fc.boolean()),
  orgs: fc.array(fc.record({ kind: n(6), name: text(20) }), { maxLength: 2 }),
  coaches: fc.array(
    fc.record({
      name: maybe(arbName),
      npi: maybe(n(VALID_NPIS.length - 1)),
      phone: maybe(text(12)),
      email: maybe(text(12)),
      recovery: maybe(n(3000)),
      verified: maybe(n(900)),
      attested: bool,
      trainings: fc.array(fc.record({ on: n(900), lasts: maybe(n(800)) }), { maxLength: 2 }),
      interview: maybe(n(900)),
      background: maybe(fc.record({ on: n(900), lasts: maybe(n(800)) })),
      agreements: fc.record({
        volunteer: maybe(n(900)),
        mentorship: maybe(n(900)),
        guidelines: maybe(n(900)),
        personalViews: maybe(n(900)),
      }),
      commitment: maybe(
        fc.record({ on: n(900), lasts: n(400), renewals: fc.array(n(400), { maxLength: 2 }) }),
      ),
      statuses: fc.array(fc.record({ s: n(4), gap: n(200), notice: maybe(n(30)) }), {
        minLength: 1,
        maxLength: 3,
      }),
      incidents: fc.array(fc.record({ on: n(900), kind: n(2) }), { maxLength: 2 }),
    }),
    { maxLength: 3 },
  ),
  peers: fc.array(
    fc.record({
      name: maybe(arbName),
      gender: maybe(n(3)),
      birth: maybe(n(9000)),
      ageBand: maybe(n(7)),
      phone: maybe(text(12)),
      email: maybe(text(12)),
      address: maybe(
        fc.record({
          line: maybe(fc.array(text(20), { minLength: 1, maxLength: 2 })),
          city: maybe(text(12)),
          state: maybe(text(2)),
          postalCode: maybe(text(5)),
        }),
      ),
      populations: fc.uniqueArray(n(3), { minLength: 1, maxLength: 2 }),
      prefs: maybe(
        fc.record({
          channels: fc.array(n(4), { maxLength: 2 }),
          locations: maybe(fc.array(n(10), { maxLength: 2 })),
        }),
      ),
    }),
    { maxLength: 3 },
  ),
  enrolments: fc.array(
    fc.record({
      peer: n(10),
      referred: maybe(n(30)),
      source: maybe(fc.record({ kind: n(6), org: maybe(n(5)) })),
      on: n(700),
      docs: fc.record({
        a: maybe(n(10)),
        b: maybe(n(10)),
        c: maybe(n(10)),
        d: maybe(n(10)),
        k: maybe(n(40)),
      }),
      assignments: fc.array(fc.record({ coach: n(10), gap: n(60), len: n(90) }), { maxLength: 3 }),
      lastOpen: bool,
      stages: fc.array(fc.record({ s: n(2), gap: n(60) }), { maxLength: 3 }),
      holds: fc.array(fc.record({ gap: n(60), len: maybe(n(30)), reason: n(3) }), { maxLength: 2 }),
      exit: maybe(
        fc.record({
          after: n(400),
          kind: n(2),
          reason: maybe(n(4)),
          refs: fc.array(n(10), { maxLength: 2 }),
          notice: maybe(n(20)),
        }),
      ),
      plans: fc.array(
        fc.record({
          created: n(60),
          peerSigned: maybe(fc.record({ ms: n(5_000_000), off: n(5), millis: bool })),
          coachSigned: maybe(fc.record({ ms: n(5_000_000), off: n(5), millis: bool })),
          recorded: maybe(fc.record({ ms: n(5_000_000), off: n(5), millis: bool })),
          goals: fc.array(
            fc.record({
              key: n(4),
              description: text(40),
              outcome: maybe(n(17)),
              target: maybe(n(200)),
              status: n(4),
            }),
            { maxLength: 4 },
          ),
        }),
        { maxLength: 3 },
      ),
      contacts: fc.array(
        fc.record({
          coach: n(10),
          at: n(400),
          minute: n(1439),
          minutes: n(180),
          off: n(5),
          millis: bool,
          mode: n(5),
          location: n(10),
          activities: fc.array(n(17), { maxLength: 3 }),
          permission: maybe(bool),
          note: maybe(text(60)),
          progressNote: bool,
          peerInitiated: bool,
          billable: maybe(bool),
          recorded: maybe(n(1_000_000)),
        }),
        { maxLength: 3 },
      ),
      messages: fc.array(
        fc.record({
          at: n(400),
          minute: n(1439),
          off: n(5),
          channel: n(4),
          reply: maybe(fc.record({ after: n(10_000), off: n(5) })),
          replyChannel: maybe(n(4)),
        }),
        { maxLength: 3 },
      ),
      referrals: fc.array(
        fc.record({ kind: n(9), after: n(300), continuity: maybe(bool), status: maybe(n(3)) }),
        { maxLength: 2 },
      ),
      assessments: fc.array(
        fc.record({
          instrument: fc.constantFrom('barc-10', 'hrqol-4', 'mirc-28'),
          after: n(300),
          answers: fc.dictionary(
            fc.stringMatching(/^[A-Za-z0-9.-]{1,6}$/),
            fc.option(
              fc.oneof(fc.integer({ min: -5, max: 60 }), fc.double({ min: 0, max: 10, noNaN: true })),
              {
                nil: null,
              },
            ),
            { maxKeys: 4 },
          ),
        }),
        { maxLength: 2 },
      ),
    }),
    { maxLength: 3 },
  ),
  consents: fc.array(
    fc.record({
      peer: n(10),
      enrolment: maybe(n(10)),
      roi: bool,
      org: maybe(n(5)),
      purposes: fc.uniqueArray(n(5), { maxLength: 3 }),
      on: n(700),
      lasts: maybe(n(400)),
      revoked: maybe(n(400)),
    }),
    { maxLength: 3 },
  ),
});

type Raw = typeof raw extends fc.Arbitrary<infer T> ? T : never;

function assemble(r: Raw): ProgramData {
  const sfx = pick(SUFFIXES, r.suffix);
  const rid = (i: number) => `r${i}${sfx}`;
  const tz = pick(ZONES, r.zone);
  const organizations = r.orgs.map((o, i) => ({
    id: rid(i),
    kind: pick(SOURCE_KINDS, o.kind),
    name: o.name,
  }));

  const coaches: Coach[] = r.coaches.map((c, i) => {
    let from = 0;
    const statusHistory = c.statuses.map((s) => {
      from += s.gap;
      return {
        status: pick(COACH_STATUSES, s.s),
        from: day(from),
        ...(s.notice === undefined ? {} : { writtenNoticeOn: day(from + s.notice) }),
      };
    });
    const telecom =
      c.phone === undefined && c.email === undefined
        ? undefined
        : { ...(c.phone ? { phone: c.phone } : {}), ...(c.email ? { email: c.email } : {}) };
    const name = c.name && Object.keys(c.name).length > 0 ? c.name : undefined;
    return {
      id: rid(i),
      ...(name ? { name } : {}),
      ...(c.npi === undefined ? {} : { npi: pick(VALID_NPIS, c.npi) }),
      ...(telecom ? { telecom } : {}),
      ...(c.recovery === undefined ? {} : { recoveryStartDate: day(-c.recovery) }),
      ...(c.verified === undefined ? {} : { recoveryMinimumVerifiedOn: day(c.verified) }),
      personalProgramAttested: c.attested,
      trainings: c.trainings.map((t, j) => ({
        code: `training-${j}`,
        completedOn: day(t.on),
        ...(t.lasts === undefined ? {} : { expiresOn: day(t.on + t.lasts) }),
      })),
      ...(c.interview === undefined ? {} : { interview: { completedOn: day(c.interview) } }),
      ...(c.background
        ? {
            backgroundCheck: {
              completedOn: day(c.background.on),
              ...(c.background.lasts === undefined
                ? {}
                : { expiresOn: day(c.background.on + c.background.lasts) }),
            },
          }
        : {}),
      agreements: {
        ...(c.agreements.volunteer === undefined ? {} : { volunteer: day(c.agreements.volunteer) }),
        ...(c.agreements.mentorship === undefined ? {} : { mentorship: day(c.agreements.mentorship) }),
        ...(c.agreements.guidelines === undefined ? {} : { guidelines: day(c.agreements.guidelines) }),
        ...(c.agreements.personalViews === undefined
          ? {}
          : { personalViews: day(c.agreements.personalViews) }),
      },
      ...(c.commitment
        ? {
            commitment: {
              startOn: day(c.commitment.on),
              endOn: day(c.commitment.on + c.commitment.lasts),
              extensions: c.commitment.renewals.map((x) => ({
                agreedOn: day(c.commitment!.on + x),
                untilOn: day(c.commitment!.on + c.commitment!.lasts + x + 1),
              })),
            },
          }
        : {}),
      statusHistory,
      incidents: c.incidents.map((x, j) => ({
        id: `inc-${j}`,
        on: day(x.on),
        kind: pick(INCIDENTS, x.kind),
      })),
    };
  });

  const peers: Peer[] = r.peers.map((p, i) => {
    const name = p.name && Object.keys(p.name).length > 0 ? p.name : undefined;
    return {
      id: rid(i),
      ...(name ? { name } : {}),
      ...(p.gender === undefined ? {} : { gender: pick(GENDERS, p.gender) }),
      ...(p.birth === undefined ? {} : { birthDate: day(-p.birth) }),
      ...(p.ageBand === undefined ? {} : { ageBand: pick(AGE_BANDS, p.ageBand) }),
      ...(p.phone || p.email
        ? { telecom: { ...(p.phone ? { phone: p.phone } : {}), ...(p.email ? { email: p.email } : {}) } }
        : {}),
      ...(p.address && Object.values(p.address).some((v) => v !== undefined)
        ? {
            address: Object.fromEntries(
              Object.entries(p.address).filter(([, v]) => v !== undefined),
            ) as Peer['address'],
          }
        : {}),
      populations: p.populations.map((x) => pick(POPULATIONS, x)),
      ...(p.prefs
        ? {
            contactPreferences: {
              channels: p.prefs.channels.map((x) => pick(CHANNELS, x)),
              ...(p.prefs.locations
                ? { inPersonLocations: p.prefs.locations.map((x) => pick(LOCATIONS, x)) }
                : {}),
            },
          }
        : {}),
    };
  });

  const enrolments: Enrolment[] = [];
  const plans: PlanVersion[] = [];
  const contacts: Contact[] = [];
  const messages: Message[] = [];
  const referrals: Referral[] = [];
  const assessments: Assessment[] = [];
  const enrolmentInputs = peers.length === 0 ? [] : r.enrolments;
  enrolmentInputs.forEach((e, i) => {
    const id = rid(i);
    const on = e.on;
    referrals.push(
      ...e.referrals.map((x, j) => ({
        id: `${id}-ref${j}`,
        enrolmentId: id,
        kind: pick(REFERRAL_KINDS, x.kind),
        madeOn: day(on + x.after),
        ...(x.continuity === undefined ? {} : { forContinuity: x.continuity }),
        ...(x.status === undefined
          ? {}
          : { status: pick(['made', 'accepted', 'completed', 'declined'] as const, x.status) }),
      })),
    );
  });
  enrolmentInputs.forEach((e, i) => {
    const id = rid(i);
    const on = e.on;
    let cursor = on;
    const assignments =
      coaches.length === 0
        ? []
        : e.assignments.map((a, j) => {
            const from = cursor + a.gap;
            const to = from + a.len;
            cursor = to + 1;
            const open = j === e.assignments.length - 1 && e.lastOpen;
            return { coachId: pick(coaches, a.coach).id, from: day(from), ...(open ? {} : { to: day(to) }) };
          });
    let stageCursor = on;
    let holdCursor = on;
    const source = e.source
      ? {
          kind: pick(SOURCE_KINDS, e.source.kind),
          ...(e.source.org === undefined || organizations.length === 0
            ? {}
            : { organizationId: pick(organizations, e.source.org).id }),
        }
      : undefined;
    const ownRefIds = referrals.filter((x) => x.enrolmentId === id).map((x) => x.id);
    enrolments.push({
      id,
      peerId: pick(peers, e.peer).id,
      ...(e.referred === undefined ? {} : { referredOn: day(on - e.referred) }),
      ...(source ? { referralSource: source } : {}),
      enrolledOn: day(on),
      documents: {
        ...(e.docs.a === undefined ? {} : { guidelinesAgreement: day(on - e.docs.a) }),
        ...(e.docs.b === undefined ? {} : { application: day(on - e.docs.b) }),
        ...(e.docs.c === undefined ? {} : { assessments: day(on - e.docs.c) }),
        ...(e.docs.d === undefined ? {} : { confidentialityForms: day(on - e.docs.d) }),
        ...(e.docs.k === undefined ? {} : { coachPeerContract: day(on + e.docs.k) }),
      },
      coachAssignments: assignments,
      stages: e.stages.map((s) => {
        stageCursor += s.gap;
        return { stage: pick(STAGES, s.s), from: day(stageCursor) };
      }),
      // Holds do not overlap (parseProgramData checks it): only the last may be open-ended, and each starts
      // after the one before it ends.
      holds: e.holds.map((h, j) => {
        const from = holdCursor + h.gap;
        const len = h.len ?? (j < e.holds.length - 1 ? 0 : undefined);
        holdCursor = from + (len ?? 0) + 1;
        return {
          from: day(from),
          ...(len === undefined ? {} : { to: day(from + len) }),
          reason: pick(HOLD_REASONS, h.reason),
        };
      }),
      ...(e.exit
        ? {
            exit: {
              on: day(on + e.exit.after),
              kind: pick(EXIT_KINDS, e.exit.kind),
              ...(e.exit.reason === undefined ? {} : { reason: pick(DISCONTINUATION, e.exit.reason) }),
              // Only the enrolment's own referrals (parseProgramData checks it).
              referralsMade:
                ownRefIds.length === 0 ? [] : [...new Set(e.exit.refs.map((x) => pick(ownRefIds, x)))],
              ...(e.exit.notice === undefined
                ? {}
                : { referralSourceNoticeSentOn: day(on + e.exit.after + e.exit.notice) }),
            },
          }
        : {}),
    });
    const at = (x: { ms: number; off: number; millis: boolean }) =>
      instant(BASE_DAY + on * DAY + x.ms * 1000, pick(OFFSETS, x.off), x.millis);
    e.plans.forEach((p, j) => {
      const goals: Goal[] = [];
      const seen = new Set<string>();
      for (const g of p.goals) {
        const gid = `g${g.key}`;
        if (seen.has(gid)) continue;
        seen.add(gid);
        goals.push({
          id: gid,
          description: g.description,
          ...(g.outcome === undefined ? {} : { outcome: pick(OUTCOMES, g.outcome) }),
          ...(g.target === undefined ? {} : { targetDate: day(on + g.target) }),
          status: pick(GOAL_STATUSES, g.status),
        });
      }
      plans.push({
        id: `${id}-p${j}`,
        enrolmentId: id,
        version: j + 1,
        ...(j === 0 ? {} : { replaces: `${id}-p${j - 1}` }),
        createdOn: day(on + p.created),
        ...(p.peerSigned ? { signedByPeerAt: at(p.peerSigned) } : {}),
        ...(p.coachSigned ? { signedByCoachAt: at(p.coachSigned) } : {}),
        ...(p.recorded ? { recordedAt: at(p.recorded) } : {}),
        goals,
      });
    });
    if (coaches.length > 0)
      e.contacts.forEach((c, j) => {
        const start = BASE_DAY + (on + c.at) * DAY + c.minute * 60_000;
        const off = pick(OFFSETS, c.off);
        contacts.push({
          id: `${id}-c${j}`,
          enrolmentId: id,
          coachId: pick(coaches, c.coach).id,
          start: instant(start, off, c.millis),
          end: instant(start + c.minutes * 60_000, off, false),
          mode: pick(MODES, c.mode),
          location: pick(LOCATIONS, c.location),
          activities: c.activities.map((x) => pick(ACTIVITIES, x)),
          ...(c.permission === undefined ? {} : { actingOnBehalfWithPermission: c.permission }),
          progressNote: c.progressNote,
          ...(c.note === undefined ? {} : { note: c.note }),
          initiatedBy: c.peerInitiated ? 'peer' : 'coach',
          ...(c.billable === undefined ? {} : { billable: c.billable }),
          ...(c.recorded === undefined ? {} : { recordedAt: instant(start + c.recorded * 1000, off, false) }),
        });
      });
    e.messages.forEach((m, j) => {
      const received = BASE_DAY + (on + m.at) * DAY + m.minute * 60_000;
      messages.push({
        id: `${id}-m${j}`,
        enrolmentId: id,
        receivedAt: instant(received, pick(OFFSETS, m.off), false),
        channel: pick(CHANNELS, m.channel),
        ...(m.reply
          ? { repliedAt: instant(received + m.reply.after * 60_000, pick(OFFSETS, m.reply.off), false) }
          : {}),
        ...(m.replyChannel === undefined ? {} : { replyChannel: pick(CHANNELS, m.replyChannel) }),
      });
    });
    e.assessments.forEach((a, j) => {
      assessments.push({
        id: `${id}-a${j}`,
        enrolmentId: id,
        instrument: a.instrument,
        completedOn: day(on + a.after),
        answers: { ...a.answers },
      });
    });
  });

  const consents: Consent[] =
    peers.length === 0
      ? []
      : r.consents.map((c, i) => ({
          id: rid(i),
          peerId: pick(peers, c.peer).id,
          ...(c.enrolment === undefined || enrolments.length === 0
            ? {}
            : { enrolmentId: pick(enrolments, c.enrolment).id }),
          kind: c.roi ? 'release-of-information' : 'confidentiality',
          ...(c.org === undefined || organizations.length === 0
            ? {}
            : { recipientOrganizationId: pick(organizations, c.org).id }),
          purposes: c.purposes.map((x) => pick(PURPOSES, x)),
          signedOn: day(c.on),
          period: { start: day(c.on), ...(c.lasts === undefined ? {} : { end: day(c.on + c.lasts) }) },
          ...(c.revoked === undefined ? {} : { revokedOn: day(c.on + c.revoked) }),
        }));

  return {
    format: 'peer-recovery/program-data@1',
    program: {
      id: `prog${sfx}`,
      name: r.programName,
      timeZone: tz,
      calendar: {
        weekendDays: r.weekend,
        holidays: r.holidays.map((h) => day(h)),
        ...(r.holidaySets === undefined ? {} : { holidaySets: r.holidaySets ? ['us-federal' as const] : [] }),
      },
      rulePack: 'srp-recovery-connect',
    },
    organizations,
    coaches,
    peers,
    enrolments,
    plans,
    contacts,
    messages,
    referrals,
    consents,
    assessments,
  };
}

/**
 * An arbitrary of whole programs that pass `parseProgramData`: every reference resolves, ids are unique (and the
 * same id is reused across record types, to test type-scoped identifiers), plan versions chain, periods run forward,
 * coach assignments do not overlap. Exercises optional fields both present and absent, instants with several
 * offsets and with milliseconds, and free text in any script.
 *
 * @example
 * test.prop([arbProgramData()])('exports', (data) => { expect(exportProgram(data).success).toBe(true); });
 */
export function arbProgramData(): fc.Arbitrary<ProgramData> {
  return raw.map(assemble);
}

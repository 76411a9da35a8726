/**
 * Variations of a realistic program document for tests of exchange formats (FHIR round trips, parsers): the same
 * facts written in every way the schema allows. Used by `arbProgramData`'s options; each variation keeps the
 * document valid for `parseProgramData`.
 *
 * @module
 */
import type { ProgramData } from '../model/domain';
import type { HumanName, Id, Instant, PostalAddress, Telecom } from '../model/primitives';
import {
  ActivityCode,
  CoachStatus,
  IncidentKind,
  LocationType,
  MessageChannel,
  ReferralSourceKind,
} from '../model/vocabulary';
import type { Random } from '../synthetic/random';

/** Id suffixes that use the rest of the FHIR id alphabet (`.` and `-`, upper case, digits). */
const ID_SUFFIXES = ['', '.a', '-X9', '.0-b'];
/** UTC offsets in minutes: negative, half-hour, quarter-hour (+12:45) and zero. */
const OFFSETS = [0, -480, -420, 330, 765, 60, -210];

/**
 * Gives every record type the same ids (`r0`, `r1`, ... with one suffix for the document): the coach, the peer,
 * the enrolment, the organisation and the consent numbered 0 all have id `r0`, so identifiers must be scoped by
 * type. References follow the renaming.
 *
 * @example
 * reuseIds(doc, createRandom(1)).peers[0]?.id; // e.g. 'r0.a'
 */
export function reuseIds(data: ProgramData, g: Random): ProgramData {
  const sfx = g.pick(ID_SUFFIXES);
  const rename = (list: readonly { id: Id }[]) => new Map(list.map((x, i) => [x.id, `r${i}${sfx}`]));
  const orgs = rename(data.organizations);
  const coaches = rename(data.coaches);
  const peers = rename(data.peers);
  const enrolments = rename(data.enrolments);
  const consents = rename(data.consents);
  const at = (map: Map<Id, Id>, id: Id): Id => map.get(id) ?? id;
  return {
    ...data,
    program: { ...data.program, id: `prog${sfx}` },
    organizations: data.organizations.map((o) => ({ ...o, id: at(orgs, o.id) })),
    coaches: data.coaches.map((c) => ({ ...c, id: at(coaches, c.id) })),
    peers: data.peers.map((p) => ({ ...p, id: at(peers, p.id) })),
    enrolments: data.enrolments.map((e) => ({
      ...e,
      id: at(enrolments, e.id),
      peerId: at(peers, e.peerId),
      ...(e.referralSource
        ? {
            referralSource: {
              ...e.referralSource,
              ...(e.referralSource.organizationId === undefined
                ? {}
                : { organizationId: at(orgs, e.referralSource.organizationId) }),
            },
          }
        : {}),
      coachAssignments: e.coachAssignments.map((a) => ({ ...a, coachId: at(coaches, a.coachId) })),
    })),
    plans: data.plans.map((p) => ({ ...p, enrolmentId: at(enrolments, p.enrolmentId) })),
    contacts: data.contacts.map((c) => ({
      ...c,
      enrolmentId: at(enrolments, c.enrolmentId),
      coachId: at(coaches, c.coachId),
    })),
    messages: data.messages.map((m) => ({ ...m, enrolmentId: at(enrolments, m.enrolmentId) })),
    referrals: data.referrals.map((r) => ({ ...r, enrolmentId: at(enrolments, r.enrolmentId) })),
    consents: data.consents.map((c) => ({
      ...c,
      id: at(consents, c.id),
      peerId: at(peers, c.peerId),
      ...(c.enrolmentId === undefined ? {} : { enrolmentId: at(enrolments, c.enrolmentId) }),
      ...(c.recipientOrganizationId === undefined
        ? {}
        : { recipientOrganizationId: at(orgs, c.recipientOrganizationId) }),
    })),
    assessments: data.assessments.map((a) => ({ ...a, enrolmentId: at(enrolments, a.enrolmentId) })),
  };
}

/**
 * An instant written with a given UTC offset (minutes), with or without milliseconds.
 *
 * @example
 * writeInstant(Date.UTC(2026, 0, 31, 12), 330, true); // '2026-01-31T17:30:00.000+05:30'
 */
export function writeInstant(ms: number, offsetMinutes: number, withMillis: boolean): Instant {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString();
  const clock = withMillis ? local.slice(0, 23) : local.slice(0, 19);
  if (offsetMinutes === 0 && (!withMillis || ms % 2 === 0)) return `${clock}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${clock}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Rewrites every instant with a UTC offset of its own (not the program zone's), some with milliseconds. Each record
 * moves all its instants by the same number of milliseconds (0 to 999), so their order within the record holds.
 *
 * @example
 * mixOffsets(doc, createRandom(1)).contacts[0]?.start; // e.g. '2026-02-03T01:15:00.512+12:45'
 */
export function mixOffsets(data: ProgramData, g: Random): ProgramData {
  const record = () => {
    const millis = g.chance(0.4);
    const shift = millis && g.chance(0.7) ? g.int(1, 999) : 0;
    return (i: Instant): Instant => writeInstant(Date.parse(i) + shift, g.pick(OFFSETS), millis);
  };
  return {
    ...data,
    plans: data.plans.map((p) => {
      const w = record();
      return {
        ...p,
        ...(p.signedByPeerAt === undefined ? {} : { signedByPeerAt: w(p.signedByPeerAt) }),
        ...(p.signedByCoachAt === undefined ? {} : { signedByCoachAt: w(p.signedByCoachAt) }),
        ...(p.recordedAt === undefined ? {} : { recordedAt: w(p.recordedAt) }),
      };
    }),
    contacts: data.contacts.map((c) => {
      const w = record();
      return {
        ...c,
        start: w(c.start),
        end: w(c.end),
        ...(c.recordedAt === undefined ? {} : { recordedAt: w(c.recordedAt) }),
      };
    }),
    messages: data.messages.map((m) => {
      const w = record();
      return {
        ...m,
        receivedAt: w(m.receivedAt),
        ...(m.repliedAt === undefined ? {} : { repliedAt: w(m.repliedAt) }),
      };
    }),
  };
}

/**
 * Replaces every free text (program and organisation names, people's names, telecom, addresses, goal descriptions,
 * contact notes) by text drawn from `pool`: strings of graphemes in any script, each with a visible character.
 *
 * @example
 * anyScriptText(doc, createRandom(1), ['Zoë', '王芳', 'أمل']).program.name; // e.g. '王芳'
 */
export function anyScriptText(data: ProgramData, g: Random, pool: readonly string[]): ProgramData {
  const t = () => g.pick(pool);
  const name = (n: HumanName): HumanName => ({
    ...(n.given ? { given: n.given.map(t) } : {}),
    ...(n.family === undefined ? {} : { family: t() }),
    ...(n.text === undefined ? {} : { text: t() }),
  });
  const telecom = (x: Telecom): Telecom => ({
    ...x,
    ...(x.phone === undefined ? {} : { phone: t() }),
    ...(x.email === undefined ? {} : { email: t() }),
  });
  return {
    ...data,
    program: { ...data.program, name: t() },
    organizations: data.organizations.map((o) => ({ ...o, name: t() })),
    coaches: data.coaches.map((c) => ({
      ...c,
      ...(c.name ? { name: name(c.name) } : {}),
      ...(c.telecom ? { telecom: telecom(c.telecom) } : {}),
    })),
    peers: data.peers.map((p) => ({
      ...p,
      ...(p.name ? { name: name(p.name) } : {}),
      ...(p.telecom ? { telecom: telecom(p.telecom) } : {}),
      ...(p.address
        ? {
            address: Object.fromEntries(
              Object.entries(p.address).map(([k, v]) => [k, Array.isArray(v) ? v.map(t) : t()]),
            ) as PostalAddress,
          }
        : {}),
    })),
    plans: data.plans.map((p) => ({ ...p, goals: p.goals.map((x) => ({ ...x, description: t() })) })),
    contacts: data.contacts.map((c) => (c.note === undefined ? c : { ...c, note: t() })),
  };
}

const ANSWER_KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-';

/**
 * Combinations the schema accepts that a realistic program would rarely record: enrolments of the same peer,
 * status histories in any order with written notices on any status, a remote contact at an in-person place,
 * excluded activities, notes without a progress note, a reply channel without a reply, assessments with
 * out-of-range or non-integer answers (or a third instrument), weekends of any days, an empty list of holiday sets,
 * a `self` organisation, referrals for continuity that no exit names, consents outside any enrolment, a program
 * without coaches.
 *
 * @example
 * parseProgramData(anyShapes(doc, createRandom(1))).success; // true
 */
export function anyShapes(input: ProgramData, g: Random): ProgramData {
  let data = input;
  const peerIds = data.peers.map((p) => p.id);
  // Sometimes a program without coaches (then without assignments and contacts).
  if (g.chance(0.08))
    data = {
      ...data,
      coaches: [],
      enrolments: data.enrolments.map((e) => ({ ...e, coachAssignments: [] })),
      contacts: [],
    };
  const weekend = [...new Set(Array.from({ length: g.int(0, 2) }, () => g.int(0, 6)))];
  return {
    ...data,
    program: {
      ...data.program,
      calendar: g.chance(0.5)
        ? {
            ...data.program.calendar,
            weekendDays: weekend,
            ...(g.chance(0.5) ? { holidaySets: [] } : {}),
          }
        : data.program.calendar,
    },
    organizations: data.organizations.map((o) =>
      g.chance(0.2) ? { ...o, kind: g.pick(ReferralSourceKind.options) } : o,
    ),
    coaches: data.coaches.map((c) => {
      if (!g.chance(0.4)) return c;
      let from = Date.parse(`${c.statusHistory[0]?.from ?? '2024-01-01'}T00:00:00Z`);
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      const statusHistory = Array.from({ length: g.int(1, 3) }, () => {
        from += g.int(0, 200) * 86_400_000;
        return {
          status: g.pick(CoachStatus.options),
          from: day(from),
          ...(g.chance(0.3) ? { writtenNoticeOn: day(from + g.int(0, 30) * 86_400_000) } : {}),
        };
      });
      return {
        ...c,
        statusHistory,
        incidents: c.incidents.map((x) => ({ ...x, kind: g.pick(IncidentKind.options) })),
      };
    }),
    enrolments: data.enrolments.map((e) =>
      g.chance(0.3) && peerIds.length > 0 ? { ...e, peerId: g.pick(peerIds) } : e,
    ),
    contacts: data.contacts.map((c) => {
      if (!g.chance(0.4)) return c;
      const activities = [
        ...new Set(Array.from({ length: g.int(0, 3) }, () => g.pick(ActivityCode.options))),
      ];
      const { note, actingOnBehalfWithPermission: _p, ...rest } = c;
      const permission = g.chance(0.5) ? { actingOnBehalfWithPermission: g.chance(0.5) } : {};
      return {
        ...rest,
        location: g.pick(LocationType.options),
        activities,
        ...permission,
        progressNote: g.chance(0.5),
        ...(note === undefined ? {} : { note }),
      };
    }),
    messages: data.messages.map((m) => {
      if (!g.chance(0.2)) return m;
      const { repliedAt: _r, ...rest } = m;
      return { ...rest, replyChannel: g.pick(MessageChannel.options) };
    }),
    referrals: data.referrals.map((r) =>
      r.forContinuity === undefined && g.chance(0.3) ? { ...r, forContinuity: g.chance(0.5) } : r,
    ),
    consents: data.consents.map((c) => {
      if (!g.chance(0.2)) return c;
      const { enrolmentId: _e, ...rest } = c;
      return rest;
    }),
    assessments: data.assessments.map((a) => {
      if (!g.chance(0.4)) return a;
      const answers: Record<string, number | null> = {};
      for (let k = 0, n = g.int(0, 4); k < n; k++) {
        const key = Array.from({ length: g.int(1, 6) }, () => g.pick([...ANSWER_KEY])).join('');
        const kind = g.int(0, 2);
        answers[key] = kind === 0 ? null : kind === 1 ? g.int(-5, 60) : g.next() * 10;
      }
      return { ...a, instrument: g.pick(['barc-10', 'hrqol-4', 'mirc-28']), answers };
    }),
  };
}

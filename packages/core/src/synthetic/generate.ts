import {
  type Assessment,
  type BusinessCalendar,
  type Coach,
  type Consent,
  type Contact,
  type Enrolment,
  type Message,
  type Peer,
  type PlanVersion,
  PROGRAM_DATA_FORMAT,
  type ProgramData,
  type Referral,
} from '../model/domain';
import { type CoachTimeline, generateCoach } from './coaches';
import { type EnrolmentContext, generateEnrolment } from './enrolment';
import { SYNTHETIC_ORGANIZATIONS } from './lists';
import { resolveOptions, type SyntheticOptions } from './options';
import { QUALITY_PROFILES } from './profile';
import { createBusinessDays, createZoneClock } from './time';

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function sortedById<T extends { id: string }>(list: T[]): T[] {
  for (let i = 1; i < list.length; i++) {
    if (byId(list[i - 1] as T, list[i] as T) > 0) return list.sort(byId);
  }
  return list;
}

/**
 * Generates a whole synthetic program: coaches, peers with one enrolment each (staggered over the period), action
 * plans, contacts, messages, referrals, consents and outcome assessments, in the `peer-recovery/program-data@1`
 * format. The data is fake (names from small built-in lists, ids like `peer-00042`) but realistic, and contains
 * the irregular records a real program has (late and missing plans, months without an in-person contact, late
 * replies, excluded activities, coaches leaving, referral-source notices sent without consent), more or fewer
 * according to `quality`.
 *
 * Pure and deterministic: the same options always give deeply equal data (its own seeded generator; no clock, no
 * `Math.random`). Every record is dated within the period `start` .. `start + years` (exclusive); instants carry the
 * program zone's UTC offset at that instant (daylight saving time included). Every list is sorted by id; ids are
 * zero-padded so that id order is enrolment order, then time order. The result passes {@link parseProgramData}.
 * Invalid options fall back to their defaults (see {@link SyntheticOptions}); it never throws.
 *
 * @example
 * const data = generateProgramData({ peers: 50, seed: 42, start: '2026-01-01', years: 1 });
 * data.peers[41]?.id; // 'peer-00042'
 * parseProgramData(data).success; // true
 */
export function generateProgramData(options: SyntheticOptions): ProgramData {
  const o = resolveOptions(options);
  const calendar: BusinessCalendar = { weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal'] };
  const profile = QUALITY_PROFILES[o.quality];

  const coachWidth = Math.max(4, String(o.coaches).length);
  const coaches: Coach[] = [];
  const timelines: CoachTimeline[] = [];
  for (let j = 0; j < o.coaches; j++) {
    const { coach, timeline } = generateCoach(
      {
        seedLo: o.seedLo,
        seedHi: o.seedHi,
        first: o.first,
        last: o.last,
        count: o.coaches,
        width: coachWidth,
        profile,
      },
      j,
    );
    coaches.push(coach);
    timelines.push(timeline);
  }

  const context: EnrolmentContext = {
    seedLo: o.seedLo,
    seedHi: o.seedHi,
    first: o.first,
    last: o.last,
    profile,
    clock: createZoneClock(o.timeZone),
    business: createBusinessDays(calendar),
    peerWidth: Math.max(5, String(o.peers).length),
    coachIds: coaches.map((c) => c.id),
    coaches: timelines,
  };
  const peers: Peer[] = [];
  const enrolments: Enrolment[] = [];
  const plans: PlanVersion[] = [];
  const contacts: Contact[] = [];
  const messages: Message[] = [];
  const referrals: Referral[] = [];
  const consents: Consent[] = [];
  const assessments: Assessment[] = [];
  const append = <T>(target: T[], items: readonly T[]): void => {
    for (const item of items) target.push(item);
  };
  for (let i = 0; i < o.peers; i++) {
    const b = generateEnrolment(context, i);
    peers.push(b.peer);
    enrolments.push(b.enrolment);
    append(plans, b.plans);
    append(contacts, b.contacts);
    append(messages, b.messages);
    append(referrals, b.referrals);
    append(consents, b.consents);
    append(assessments, b.assessments);
  }

  return {
    format: PROGRAM_DATA_FORMAT,
    program: {
      id: 'recovery-connect-synthetic',
      name: 'Recovery Connect (synthetic)',
      timeZone: o.timeZone,
      calendar,
      rulePack: 'srp-recovery-connect',
    },
    organizations: sortedById(
      SYNTHETIC_ORGANIZATIONS.map((org) => ({ id: org.id, kind: org.kind, name: org.name })),
    ),
    coaches: sortedById(coaches),
    peers: sortedById(peers),
    enrolments: sortedById(enrolments),
    plans: sortedById(plans),
    contacts: sortedById(contacts),
    messages: sortedById(messages),
    referrals: sortedById(referrals),
    consents: sortedById(consents),
    assessments: sortedById(assessments),
  };
}

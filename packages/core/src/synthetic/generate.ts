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
  type Program,
  type ProgramData,
  type Referral,
} from '../model/domain';
import { PROGRAM_RECORD_KINDS, type ProgramRecordKind } from '../rules/builder';
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
 * The records of one generated enrolment, each list sorted by id: a peer, their enrolment and what belongs to it.
 * Ids are zero-padded by enrolment, so the lists of successive enrolments, concatenated, are in id order.
 *
 * @example
 * const first = generateProgramParts({ peers: 3, seed: 1 }).enrolments().next().value;
 * first?.peer.id; // 'peer-00001'
 */
export interface GeneratedEnrolment {
  readonly peer: Peer;
  readonly enrolment: Enrolment;
  readonly plans: readonly PlanVersion[];
  readonly contacts: readonly Contact[];
  readonly messages: readonly Message[];
  readonly referrals: readonly Referral[];
  readonly consents: readonly Consent[];
  readonly assessments: readonly Assessment[];
}

/**
 * The record lists of a generated program that grow with the number of peers, in document order.
 *
 * @example
 * GENERATED_ENROLMENT_LISTS[0]; // 'peers'
 */
export const GENERATED_ENROLMENT_LISTS: readonly Exclude<ProgramRecordKind, 'organizations' | 'coaches'>[] =
  PROGRAM_RECORD_KINDS.filter(
    (k): k is Exclude<ProgramRecordKind, 'organizations' | 'coaches'> =>
      k !== 'organizations' && k !== 'coaches',
  );

/**
 * The program record of a synthetic program: Recovery Connect's rule pack and a Monday-to-Friday calendar with the
 * US federal holidays, in `timeZone`.
 *
 * @example
 * syntheticProgram('America/Los_Angeles').rulePack; // 'srp-recovery-connect'
 */
export function syntheticProgram(timeZone: string): Program {
  const calendar: BusinessCalendar = { weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal'] };
  return {
    id: 'recovery-connect-synthetic',
    name: 'Recovery Connect (synthetic)',
    timeZone,
    calendar,
    rulePack: 'srp-recovery-connect',
  };
}

/**
 * A synthetic program in parts, for writers that must not hold it whole: `head` (format, program, organisations,
 * coaches: a few hundred records at most) and `enrolments()`, which generates the enrolments one at a time, in id
 * order. Collecting every part gives exactly {@link generateProgramData} (which is built on it), so a streaming
 * writer that writes `head`, then each of {@link GENERATED_ENROLMENT_LISTS} from the enrolments in order, writes the
 * same document with memory that does not grow with the number of peers. Each call of `enrolments()` starts over.
 * Pure and deterministic.
 *
 * @example
 * const parts = generateProgramParts({ peers: 10_000, seed: 42 });
 * parts.head.coaches.length; // the coaches, generated up front
 * for (const e of parts.enrolments()) count += e.contacts.length; // one enrolment in memory at a time
 */
export function generateProgramParts(options: SyntheticOptions): {
  readonly head: Pick<ProgramData, 'format' | 'program' | 'organizations' | 'coaches'>;
  enrolments(): IterableIterator<GeneratedEnrolment>;
} {
  const o = resolveOptions(options);
  const program = syntheticProgram(o.timeZone);
  const calendar = program.calendar;
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
  const head = {
    format: PROGRAM_DATA_FORMAT,
    program,
    organizations: sortedById(
      SYNTHETIC_ORGANIZATIONS.map((org) => ({ id: org.id, kind: org.kind, name: org.name })),
    ),
    coaches: sortedById(coaches),
  } as const;
  function* enrolments(): IterableIterator<GeneratedEnrolment> {
    for (let i = 0; i < o.peers; i++) {
      const b = generateEnrolment(context, i);
      yield {
        peer: b.peer,
        enrolment: b.enrolment,
        plans: sortedById(b.plans),
        contacts: sortedById(b.contacts),
        messages: sortedById(b.messages),
        referrals: sortedById(b.referrals),
        consents: sortedById(b.consents),
        assessments: sortedById(b.assessments),
      };
    }
  }
  return { head, enrolments };
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
 * Invalid options fall back to their defaults (see {@link SyntheticOptions}); it never throws. For programs too
 * large to hold whole, write the parts of {@link generateProgramParts} instead.
 *
 * @example
 * const data = generateProgramData({ peers: 50, seed: 42, start: '2026-01-01', years: 1 });
 * data.peers[41]?.id; // 'peer-00042'
 * parseProgramData(data).success; // true
 */
export function generateProgramData(options: SyntheticOptions): ProgramData {
  const { head, enrolments } = generateProgramParts(options);
  const peers: Peer[] = [];
  const enrolmentList: Enrolment[] = [];
  const plans: PlanVersion[] = [];
  const contacts: Contact[] = [];
  const messages: Message[] = [];
  const referrals: Referral[] = [];
  const consents: Consent[] = [];
  const assessments: Assessment[] = [];
  const append = <T>(target: T[], items: readonly T[]): void => {
    for (const item of items) target.push(item);
  };
  for (const b of enrolments()) {
    peers.push(b.peer);
    enrolmentList.push(b.enrolment);
    append(plans, b.plans);
    append(contacts, b.contacts);
    append(messages, b.messages);
    append(referrals, b.referrals);
    append(consents, b.consents);
    append(assessments, b.assessments);
  }
  // Already in id order (see generateProgramParts); sortedById only checks.
  return {
    ...head,
    peers: sortedById(peers),
    enrolments: sortedById(enrolmentList),
    plans: sortedById(plans),
    contacts: sortedById(contacts),
    messages: sortedById(messages),
    referrals: sortedById(referrals),
    consents: sortedById(consents),
    assessments: sortedById(assessments),
  };
}

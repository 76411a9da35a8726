import type {
  Assessment,
  Consent,
  Contact,
  Enrolment,
  Goal,
  Message,
  Peer,
  PlanVersion,
  Referral,
} from '../model/domain';
import type {
  ActivityCode,
  AgeBand,
  ContactMode,
  DiscontinuationReason,
  ExitKind,
  Gender,
  GoalStatus,
  HoldReason,
  LocationType,
  MessageChannel,
  RecoveryStage,
  ReferralKind,
  ReferralSourceKind,
  TargetPopulation,
} from '../model/vocabulary';
import type { CoachTimeline } from './coaches';
import { drawName, GOAL_TEMPLATES, PROGRESS_NOTES, SYNTHETIC_ORGANIZATIONS } from './lists';
import type { QualityProfile } from './profile';
import { createRandom, type Random } from './random';
import {
  addMonths,
  type BusinessDays,
  civilFromDay,
  dayFromCivil,
  monthEnd,
  monthStart,
  weekday,
  type ZoneClock,
} from './time';
import { chooseIndexes, widenEnrolmentBundle, widenPeer } from './widen';

/**
 * Everything {@link generateEnrolment} needs about the program being generated.
 *
 * @example
 * const context: EnrolmentContext = {
 *   seedLo: 42, seedHi: 0, first: parseDay('2026-01-01'), last: parseDay('2026-12-31'),
 *   profile: QUALITY_PROFILES.mixed, clock: createZoneClock('America/Los_Angeles'),
 *   business: createBusinessDays({ weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal'] }),
 *   peerWidth: 5, coachIds: ['coach-0001'], coaches: [{ availableFrom: 0, availableTo: Infinity, serviceTo: Infinity }],
 * };
 */
export interface EnrolmentContext {
  readonly seedLo: number;
  readonly seedHi: number;
  /** First and last day of the period (day numbers, inclusive). */
  readonly first: number;
  readonly last: number;
  readonly profile: QualityProfile;
  readonly clock: ZoneClock;
  readonly business: BusinessDays;
  readonly peerWidth: number;
  readonly coachIds: readonly string[];
  readonly coaches: readonly CoachTimeline[];
  /**
   * Draws the rarer shapes property tests need after the default draws (see {@link widenEnrolmentBundle}), with
   * fewer contacts and messages. Off by default: the default output does not change.
   */
  readonly variety?: boolean | undefined;
  /** The organisations a referral source may name, of any kind (default: the built-in organisations of its kind). */
  readonly organizationIds?: readonly string[] | undefined;
}

/**
 * The records of one generated peer and their enrolment, each list in chronological order.
 *
 * @example
 * const b: EnrolmentBundle = generateEnrolment(context, 0);
 * b.enrolment.id; // 'enr-00001'
 */
export interface EnrolmentBundle {
  readonly peer: Peer;
  readonly enrolment: Enrolment;
  readonly plans: PlanVersion[];
  readonly contacts: Contact[];
  readonly messages: Message[];
  readonly referrals: Referral[];
  readonly consents: Consent[];
  readonly assessments: Assessment[];
}

const STREAM_ENROLMENT = 0xe4201;

const POPULATION_ORDER: readonly TargetPopulation[] = [
  'adult-serious-mental-illness',
  'adult-substance-use-disorder',
  'adult-self-identified',
  'transitional-age-youth',
];

const IN_PERSON_LOCATIONS: readonly (readonly [LocationType, number])[] = [
  ['community-setting', 30],
  ['recovery-center', 25],
  ['home', 12],
  ['outpatient-facility', 10],
  ['other-community', 5],
  ['acute-or-primary-care', 4],
  ['inpatient-facility', 3],
  ['emergency-room', 3],
  ['crisis-or-detox-unit', 3],
  ['correctional-facility', 2],
];

const REMOTE_MODES: readonly (readonly [ContactMode, number])[] = [
  ['phone', 60],
  ['text', 20],
  ['video', 10],
  ['email', 5],
  ['social-media', 5],
];

const IN_PERSON_ACTIVITIES: readonly (readonly [ActivityCode, number])[] = [
  ['recovery-support', 30],
  ['education', 10],
  ['recovery-planning', 8],
  ['linking-to-services', 10],
  ['accompanying', 5],
  ['mutual-aid-introduction', 8],
  ['natural-supports-engagement', 6],
  ['system-navigation', 8],
  ['advocacy', 5],
  ['crisis-support', 2],
  ['recovery-capital-assessment', 3],
];

const REMOTE_ACTIVITIES: readonly (readonly [ActivityCode, number])[] = [
  ['recovery-support', 50],
  ['education', 10],
  ['linking-to-services', 10],
  ['recovery-planning', 5],
  ['system-navigation', 5],
  ['natural-supports-engagement', 5],
  ['crisis-support', 5],
];

const EXCLUDED_ACTIVITIES: readonly (readonly [ActivityCode, number])[] = [
  ['giving-advice', 35],
  ['drug-testing', 20],
  ['doing-for-peer', 15],
  ['clinical-counseling', 10],
  ['diagnosis', 8],
  ['trauma-processing', 7],
  ['clinical-treatment', 5],
];

const MESSAGE_CHANNELS: readonly (readonly [MessageChannel, number])[] = [
  ['text', 40],
  ['phone-call', 20],
  ['voicemail', 20],
  ['email', 12],
  ['social-media', 8],
];

const REFERRAL_KINDS: readonly (readonly [ReferralKind, number])[] = [
  ['mutual-aid', 20],
  ['treatment', 15],
  ['housing', 15],
  ['employment', 10],
  ['social-services', 12],
  ['medical', 8],
  ['mental-health', 8],
  ['education', 6],
  ['legal', 4],
  ['other', 2],
];

const CONTINUITY_KINDS: readonly (readonly [ReferralKind, number])[] = [
  ['treatment', 40],
  ['mental-health', 15],
  ['mutual-aid', 25],
  ['social-services', 10],
  ['housing', 10],
];

const pad2 = (n: number): string => String(n).padStart(2, '0');

function ageBandOf(age: number): AgeBand {
  if (age < 16) return 'under-16';
  if (age < 18) return '16-17';
  if (age <= 25) return '18-25';
  if (age <= 34) return '26-34';
  if (age <= 44) return '35-44';
  if (age <= 54) return '45-54';
  if (age <= 64) return '55-64';
  return '65-plus';
}

function pickCoach(context: EnrolmentContext, r: Random, day: number, exclude: number): number {
  const list = context.coaches;
  if (list.length === 0) return -1;
  const ok = (i: number): boolean => {
    const t = list[i] as CoachTimeline;
    return i !== exclude && t.availableFrom <= day && day <= t.availableTo;
  };
  for (let k = 0; k < 16; k++) {
    const i = r.int(0, list.length - 1);
    if (ok(i)) return i;
  }
  const s = r.int(0, list.length - 1);
  for (let k = 0; k < list.length; k++) {
    const i = (s + k) % list.length;
    if (ok(i)) return i;
  }
  return -1;
}

function distinctWeighted<T>(r: Random, items: readonly (readonly [T, number])[], count: number): T[] {
  const out: T[] = [];
  for (let tries = 0; out.length < count && tries < count * 6; tries++) {
    const x = r.weighted(items);
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

interface Segment {
  readonly coach: number;
  readonly from: number;
  readonly to: number | undefined;
}

interface GoalState {
  readonly id: string;
  readonly template: number;
  status: GoalStatus;
  readonly target: number | undefined;
}

/**
 * A local day and minute of the program's zone.
 *
 * @example
 * const t: Timed = { day: 20454, minute: 9 * 60 };
 */
export interface Timed {
  readonly day: number;
  readonly minute: number;
}

/**
 * A contact drawn by {@link drawContact}, before it gets its id and instants: local day, start and end minutes,
 * the index of the coach, and the rest of the record.
 *
 * @example
 * const d: DraftContact = drawContact(createRandom(1), 20454, true, false, setting);
 */
export interface DraftContact extends Timed {
  readonly endMinute: number;
  readonly coach: number;
  readonly mode: ContactMode;
  readonly location: LocationType;
  readonly activities: ActivityCode[];
  readonly permission: boolean | undefined;
  readonly progressNote: boolean;
  readonly note: string | undefined;
  readonly initiatedBy: 'coach' | 'peer';
  readonly recorded: Timed | undefined;
}

/**
 * What {@link drawContact} needs to know of the enrolment on the contact's day.
 *
 * @example
 * const setting: ContactSetting = { stage: 'initiation', sourceKind: 'self', preferredLocations: [], profile: QUALITY_PROFILES.mixed, last: 21000, coach: 0 };
 */
export interface ContactSetting {
  readonly stage: RecoveryStage;
  readonly sourceKind: ReferralSourceKind | 'none';
  readonly preferredLocations: readonly LocationType[];
  readonly profile: QualityProfile;
  /** The last day of the period (a recording time never passes it). */
  readonly last: number;
  /** The index of the coach assigned that day. */
  readonly coach: number;
}

/**
 * Draws a contact on local `day` from `r`: in person (at a place the peer prefers, or at intake where the referral
 * came from) or remote; daytime (now and then late in the evening), activities that fit the mode and stage, now and
 * then an excluded one, advocacy permission, progress note, and often a later time of recording.
 *
 * @example
 * drawContact(createRandom(1), 20454, true, false, setting).mode; // 'in-person'
 */
export function drawContact(
  r: Random,
  day: number,
  inPerson: boolean,
  intake: boolean,
  setting: ContactSetting,
): DraftContact {
  const { stage, sourceKind, preferredLocations, profile: p, last, coach } = setting;
  const late = r.chance(0.02);
  const minute = late ? r.int(80, 94) * 15 : inPerson ? r.int(36, 69) * 15 : r.int(32, 79) * 15;
  const duration = inPerson ? r.int(2, 6) * 15 : r.int(1, 6) * 5;
  const mode: ContactMode = inPerson ? 'in-person' : r.weighted(REMOTE_MODES);
  let location: LocationType = 'remote';
  if (inPerson) {
    if (intake && (sourceKind === 'emergency-department' || sourceKind === 'hospital') && r.chance(0.4))
      location = sourceKind === 'hospital' ? 'acute-or-primary-care' : 'emergency-room';
    else if (intake) location = 'recovery-center';
    else if (preferredLocations.length > 0 && r.chance(0.5)) location = r.pick(preferredLocations);
    else location = r.weighted(IN_PERSON_LOCATIONS);
  }
  const activities: ActivityCode[] = intake
    ? ['recovery-planning', 'recovery-capital-assessment']
    : distinctWeighted(
        r,
        inPerson ? IN_PERSON_ACTIVITIES : REMOTE_ACTIVITIES,
        inPerson ? r.int(1, stage === 'initiation' ? 3 : 2) : r.int(1, 2),
      );
  if (r.chance(p.excludedActivity)) {
    const excluded = r.weighted(EXCLUDED_ACTIVITIES);
    if (!activities.includes(excluded)) activities.push(excluded);
  }
  let permission: boolean | undefined;
  if (activities.includes('advocacy')) {
    permission = r.chance(p.advocacyWithoutPermission) ? (r.chance(0.5) ? false : undefined) : true;
  }
  const progressNote = !r.chance(p.progressNoteMissing);
  const note = progressNote && r.chance(0.01) ? r.pick(PROGRESS_NOTES) : undefined;
  const endMinute = Math.min(1439, minute + duration);
  let recorded: Timed | undefined;
  if (r.chance(0.5)) {
    const lag = r.int(0, 3);
    const rd = day + lag;
    const rm = lag === 0 ? Math.min(1439, endMinute + r.int(5, 120)) : r.int(32, 72) * 15;
    if (rd <= last) recorded = { day: rd, minute: rm };
  }
  return {
    day,
    minute,
    endMinute,
    coach,
    mode,
    location,
    activities,
    permission,
    progressNote,
    note,
    initiatedBy: intake || r.chance(0.8) ? 'coach' : 'peer',
    recorded,
  };
}

/**
 * A contact record from its draft: instants written by `at`.
 *
 * @example
 * contactOf(draft, 'con-1', 'enr-1', 'coach-1', (t) => clock.at(t.day, t.minute)).id; // 'con-1'
 */
export function contactOf(
  c: DraftContact,
  id: string,
  enrolmentId: string,
  coachId: string,
  at: (t: Timed) => string,
): Contact {
  return {
    id,
    enrolmentId,
    coachId,
    start: at({ day: c.day, minute: c.minute }),
    end: at({ day: c.day, minute: c.endMinute }),
    mode: c.mode,
    location: c.location,
    activities: c.activities,
    ...(c.permission === undefined ? {} : { actingOnBehalfWithPermission: c.permission }),
    progressNote: c.progressNote,
    ...(c.note === undefined ? {} : { note: c.note }),
    initiatedBy: c.initiatedBy,
    ...(c.recorded === undefined ? {} : { recordedAt: at(c.recorded) }),
  };
}

/**
 * A message drawn by {@link drawMessage}: when it came, on which channel, and when and how it was answered.
 *
 * @example
 * const m: DraftMessage = drawMessage(createRandom(1), 20454, setting);
 */
export interface DraftMessage {
  readonly received: Timed;
  readonly channel: MessageChannel;
  readonly reply: Timed | undefined;
  readonly replyChannel: MessageChannel;
}

/**
 * What {@link drawMessage} needs: the peer's channels (when they have preferences), the program's business days,
 * the quality profile and the last day of the period.
 *
 * @example
 * const setting: MessageSetting = { hasPreferences: false, channels: [], business, profile: QUALITY_PROFILES.mixed, last: 21000 };
 */
export interface MessageSetting {
  readonly hasPreferences: boolean;
  readonly channels: readonly MessageChannel[];
  readonly business: BusinessDays;
  readonly profile: QualityProfile;
  readonly last: number;
}

/**
 * Draws a message from the peer on local `day` from `r`, and its reply: mostly within a business day, now and then
 * late or never.
 *
 * @example
 * drawMessage(createRandom(1), 20454, setting).received.day; // 20454
 */
export function drawMessage(r: Random, day: number, setting: MessageSetting): DraftMessage {
  const { hasPreferences, channels, business, profile: p, last } = setting;
  const minute = r.int(28, 88) * 15;
  const channel = hasPreferences ? r.pick(channels) : r.weighted(MESSAGE_CHANNELS);
  let reply: Timed | undefined;
  const roll = r.next();
  if (roll >= p.replyNever) {
    if (roll < p.replyNever + p.replyLate) {
      reply = { day: business.after(day, r.int(3, 6)), minute: r.int(36, 68) * 15 };
    } else if (business.isBusinessDay(day) && minute < 16 * 60) {
      reply = { day, minute: Math.min(19 * 60, minute + r.int(20, 240)) };
    } else {
      reply = { day: business.after(day, 1), minute: r.int(34, 48) * 15 };
    }
    if (reply.day > last) reply = undefined;
  }
  const replyChannel: MessageChannel = channel === 'email' ? 'email' : r.chance(0.6) ? 'phone-call' : 'text';
  return { received: { day, minute }, channel, reply, replyChannel };
}

/**
 * A message record from its draft: instants written by `at`.
 *
 * @example
 * messageOf(draft, 'msg-1', 'enr-1', (t) => clock.at(t.day, t.minute)).id; // 'msg-1'
 */
export function messageOf(
  m: DraftMessage,
  id: string,
  enrolmentId: string,
  at: (t: Timed) => string,
): Message {
  return {
    id,
    enrolmentId,
    receivedAt: at(m.received),
    channel: m.channel,
    ...(m.reply === undefined ? {} : { repliedAt: at(m.reply), replyChannel: m.replyChannel }),
  };
}

/**
 * What {@link generatePlans} and {@link generateAssessments} need to know of an enrolment: the number in its
 * record ids, its id, the day it began (`E`), the last day of service, the exit day (if any), the last day of the
 * period, the quality profile and the writers of dates and instants.
 *
 * @example
 * const input: EnrolmentSpan = { num: '00001', enrolmentId: 'enr-00001', E: 20454, serviceEnd: 20800, exitOn: undefined, last: 21000, profile: QUALITY_PROFILES.mixed, at: (t) => clock.at(t.day, t.minute), iso: formatDay };
 */
export interface EnrolmentSpan {
  readonly num: string;
  readonly enrolmentId: string;
  readonly E: number;
  readonly serviceEnd: number;
  readonly exitOn: number | undefined;
  readonly last: number;
  readonly profile: QualityProfile;
  readonly at: (t: Timed) => string;
  readonly iso: (day: number) => string;
}

/**
 * Draws the action plans of an enrolment from `r`: a first version due within 30 days of the start (sometimes late,
 * missing or an unsigned draft), then a revision about every three months until service ends, each replacing the
 * one before, with goals carried over and updated. Ids: `plan-<num>-01`, goals `goal-<num>-01`.
 *
 * @example
 * generatePlans(createRandom(1), span)[0]?.version; // 1 (when there is a plan)
 */
export function generatePlans(r: Random, input: EnrolmentSpan): PlanVersion[] {
  const { num, enrolmentId, E, serviceEnd, exitOn, last, profile: p, at, iso } = input;
  const plans: PlanVersion[] = [];
  let goalSeq = 0;
  const newGoal = (used: Set<number>, status: GoalStatus, signedDay: number): GoalState => {
    let template = r.int(0, GOAL_TEMPLATES.length - 1);
    for (let k = 0; k < 8 && used.has(template); k++) template = r.int(0, GOAL_TEMPLATES.length - 1);
    used.add(template);
    goalSeq += 1;
    return {
      id: `goal-${num}-${pad2(goalSeq)}`,
      template,
      status,
      target: r.chance(0.5) ? signedDay + r.int(60, 180) : undefined,
    };
  };
  const toGoal = (g: GoalState): Goal => {
    const t = GOAL_TEMPLATES[g.template] as (typeof GOAL_TEMPLATES)[number];
    return {
      id: g.id,
      description: t.description,
      outcome: t.outcome,
      ...(g.target === undefined ? {} : { targetDate: iso(g.target) }),
      status: g.status,
    };
  };
  const signature = (day: number): { peer: Timed; coach: Timed | undefined } => {
    const minute = r.chance(0.03) ? r.int(80, 95) * 15 : r.int(36, 71) * 15;
    return {
      peer: { day, minute },
      coach: r.chance(0.9) ? { day, minute: Math.min(1439, minute + r.int(0, 20)) } : undefined,
    };
  };
  const push = (
    version: number,
    created: number,
    signedDay: number | undefined,
    goals: GoalState[],
  ): void => {
    const sig = signedDay === undefined ? undefined : signature(signedDay);
    plans.push({
      id: `plan-${num}-${pad2(version)}`,
      enrolmentId,
      version,
      ...(version > 1 ? { replaces: `plan-${num}-${pad2(version - 1)}` } : {}),
      createdOn: iso(created),
      ...(sig ? { signedByPeerAt: at(sig.peer) } : {}),
      ...(sig?.coach ? { signedByCoachAt: at(sig.coach) } : {}),
      goals: goals.map(toGoal),
    });
  };

  const carry = (previous: readonly GoalState[], day: number): GoalState[] => {
    const next: GoalState[] = [];
    const inUse = new Set<number>();
    for (const g of previous) {
      if (g.status !== 'in-progress' && g.status !== 'proposed') continue;
      let status: GoalStatus = g.status;
      const x = r.next();
      if (g.status === 'in-progress') {
        if (x < 0.25) status = 'achieved';
        else if (x < 0.3) status = 'not-achieved';
        else if (x < 0.37) status = 'cancelled';
      } else if (x < 0.7) status = 'in-progress';
      else if (x < 0.8) status = 'cancelled';
      inUse.add(g.template);
      next.push({ ...g, status });
    }
    const want = r.int(3, 4);
    let open = next.filter((g) => g.status === 'in-progress' || g.status === 'proposed').length;
    while (open < want) {
      next.push(newGoal(inUse, r.chance(0.5) ? 'in-progress' : 'proposed', day));
      open += 1;
    }
    return next;
  };

  const roll = r.next();
  const missing = roll < p.planFirstMissing;
  const late = !missing && roll < p.planFirstMissing + p.planFirstLate;
  const used = new Set<number>();
  const goalCount = r.chance(p.planTwoGoals) ? 2 : r.int(3, 5);
  if (missing) {
    const created = E + r.int(5, 25);
    if (created <= serviceEnd && r.chance(0.5)) {
      const goals = Array.from({ length: goalCount }, () => newGoal(used, 'proposed', created));
      push(1, created, undefined, goals);
    }
  } else {
    const signedDay = late ? E + 30 + r.int(1, 35) : E + r.int(0, 27);
    const created = Math.max(E, signedDay - r.int(0, 6));
    if (created <= serviceEnd) {
      let goals = Array.from({ length: goalCount }, () =>
        newGoal(used, r.chance(0.6) ? 'in-progress' : 'proposed', signedDay),
      );
      if (signedDay > serviceEnd) push(1, created, undefined, goals);
      else {
        push(1, created, signedDay, goals);
        let version = 1;
        let lastSigned = signedDay;
        for (let guard = 0; guard < 1000; guard++) {
          const due = addMonths(lastSigned, 3);
          if (r.chance(p.planRevisionMissing)) break;
          const signed = r.chance(p.planRevisionLate) ? due + r.int(5, 40) : due - r.int(3, 21);
          if (signed > serviceEnd) {
            const draft = due - r.int(0, 20);
            if (exitOn === undefined && draft > lastSigned && draft <= last && r.chance(0.15)) {
              push(version + 1, draft, undefined, carry(goals, draft));
            }
            break;
          }
          version += 1;
          goals = carry(goals, signed);
          push(version, Math.max(lastSigned + 1, signed - r.int(0, 5)), signed, goals);
          lastSigned = signed;
        }
      }
    }
  }
  return plans;
}

/**
 * Draws the outcome assessments of an enrolment from `r`: a BARC-10 (and mostly an HRQOL-4) at baseline, at about
 * 180 days, then yearly, and sometimes at exit, with answers that improve over time unless services were
 * discontinued. Ids: `asmt-<num>-01`.
 *
 * @example
 * generateAssessments(createRandom(1), { ...span, discontinued: false, lostContact: false })[0]?.instrument; // 'barc-10'
 */
export function generateAssessments(
  r: Random,
  input: Omit<EnrolmentSpan, 'at'> & { readonly discontinued: boolean; readonly lostContact: boolean },
): Assessment[] {
  const { num, enrolmentId, E, serviceEnd, exitOn, last, profile: p, iso, discontinued, lostContact } = input;
  const assessments: Assessment[] = [];
  const capital = 2.4 + r.next() * 2;
  const gain = discontinued ? r.next() * 0.4 - 0.2 : 0.4 + r.next() * 0.9;
  const days: number[] = [];
  if (!r.chance(p.assessmentMissing * 0.5)) days.push(E + r.int(0, 14));
  if (!r.chance(p.assessmentMissing)) days.push(E + 180 + r.int(-20, 25));
  for (let year = 1; E + 365 * year - 30 <= serviceEnd; year++) {
    if (!r.chance(p.assessmentMissing)) days.push(E + 365 * year + r.int(-25, 25));
  }
  const usable = days.filter((d) => d <= serviceEnd && d <= last);
  if (exitOn !== undefined && !lostContact && r.chance(0.5)) {
    const closeout = exitOn + r.int(0, 20);
    if (closeout <= last) usable.push(closeout);
  }
  usable.sort((a, b) => a - b);
  let seq = 0;
  let previous = -1;
  for (const day of usable) {
    if (day <= previous) continue;
    previous = day;
    const level = Math.min(5.8, Math.max(1.2, capital + gain * Math.min(3, (day - E) / 365)));
    const barc: Record<string, number | null> = {};
    for (let item = 1; item <= 10; item++) {
      barc[String(item)] = Math.min(6, Math.max(1, Math.round(level + (r.next() - 0.5) * 2.4)));
    }
    if (r.chance(0.03)) barc[String(r.int(1, 10))] = null;
    seq += 1;
    assessments.push({
      id: `asmt-${num}-${pad2(seq)}`,
      enrolmentId,
      instrument: 'barc-10',
      completedOn: iso(day),
      answers: barc,
    });
    if (r.chance(0.9)) {
      const days30 = (bias: number): number =>
        Math.min(30, Math.max(0, Math.round((6 - level) * bias + (r.next() - 0.3) * 8)));
      const physical = days30(2.5);
      const mental = days30(4);
      const hrqol: Record<string, number | null> = {
        '1': Math.min(5, Math.max(1, Math.round(5.4 - level * 0.75 + (r.next() - 0.5) * 1.5))),
        '2': physical,
        '3': mental,
        '4': Math.min(30, Math.round(Math.max(physical, mental) * r.next())),
      };
      if (r.chance(0.03)) hrqol[String(r.int(1, 4))] = null;
      seq += 1;
      assessments.push({
        id: `asmt-${num}-${pad2(seq)}`,
        enrolmentId,
        instrument: 'hrqol-4',
        completedOn: iso(day),
        answers: hrqol,
      });
    }
  }
  return assessments;
}

/**
 * A generated peer and the contact preferences later draws use (which channels they message on, where they like to
 * meet).
 *
 * @example
 * const { peer }: GeneratedPeer = generatePeer(createRandom(1), 'peer-1', parseDay('2026-01-31'), formatDay);
 */
export interface GeneratedPeer {
  readonly peer: Peer;
  readonly channels: MessageChannel[];
  readonly hasPreferences: boolean;
  readonly preferredLocations: LocationType[];
}

/**
 * Draws a peer enrolling on day `E` from `r`: gender and a matching given name, an age at enrolment (16 to 70) with
 * a birth date or an age band, target populations that fit the age, and often contact preferences. With `variety`,
 * then draws the rarer shapes property tests need (see {@link widenPeer}).
 *
 * @example
 * generatePeer(createRandom(1), 'peer-1', parseDay('2026-01-31'), formatDay).peer.id; // 'peer-1'
 */
export function generatePeer(
  r: Random,
  peerId: string,
  E: number,
  iso: (day: number) => string,
  variety = false,
): GeneratedPeer {
  const gender = r.weighted<Gender>([
    ['female', 46],
    ['male', 50],
    ['other', 2],
    ['unknown', 2],
  ]);
  const { given, family } = drawName(r, gender);
  const age = r.chance(0.1) ? r.int(16, 25) : 18 + Math.floor(((r.next() + r.next()) / 2) * 53);
  const [ey, em, ed] = civilFromDay(E);
  const birthDay = dayFromCivil(ey - age, em, ed) - r.int(1, 364);
  const populations = new Set<TargetPopulation>();
  if (age < 18) populations.add('transitional-age-youth');
  else {
    if (age <= 25 && r.chance(0.5)) populations.add('transitional-age-youth');
    if (r.chance(0.8)) populations.add('adult-substance-use-disorder');
    if (r.chance(0.25)) populations.add('adult-serious-mental-illness');
    if (r.chance(0.15)) populations.add('adult-self-identified');
    if (populations.size === 0) populations.add('adult-self-identified');
  }
  const channels: MessageChannel[] = distinctWeighted(r, MESSAGE_CHANNELS, r.int(1, 3));
  const hasPreferences = r.chance(0.7);
  const preferredLocations = r.chance(0.4)
    ? distinctWeighted(r, IN_PERSON_LOCATIONS.slice(0, 3), r.int(1, 2))
    : [];
  const peer: Peer = {
    id: peerId,
    name: { given: [given], family },
    gender,
    ...(r.chance(0.85) ? { birthDate: iso(birthDay) } : { ageBand: ageBandOf(age) }),
    populations: POPULATION_ORDER.filter((x) => populations.has(x)),
    ...(hasPreferences
      ? {
          contactPreferences: {
            channels,
            ...(preferredLocations.length > 0 ? { inPersonLocations: preferredLocations } : {}),
          },
        }
      : {}),
  };
  return { peer: variety ? widenPeer(peer, r) : peer, channels, hasPreferences, preferredLocations };
}

/**
 * Generates peer number `index` (0-based) with one enrolment and all its records, from its own random stream (so a
 * peer's records depend only on the seed, its index and the coaches). Every date lies within the period.
 *
 * @example
 * const bundle = generateEnrolment(context, 41);
 * bundle.peer.id; // 'peer-00042'
 */
export function generateEnrolment(context: EnrolmentContext, index: number): EnrolmentBundle {
  const r = createRandom(context.seedLo, context.seedHi, STREAM_ENROLMENT, index);
  const { first, last, profile: p, clock, business } = context;
  const num = String(index + 1).padStart(context.peerWidth, '0');
  const peerId = `peer-${num}`;
  const enrolmentId = `enr-${num}`;
  const at = (t: Timed): string => clock.at(t.day, t.minute);
  const iso = clock.date;

  // Enrolment date: any day of the period, with extra weight on month ends.
  let enrolledOn = first + r.int(0, last - first);
  if (r.chance(0.06) && monthEnd(enrolledOn) <= last) enrolledOn = monthEnd(enrolledOn);
  const E = enrolledOn;

  // How and when the enrolment ends (if it ends within the period).
  let exitKind: ExitKind | undefined;
  let reason: DiscontinuationReason | undefined;
  let exitOn: number | undefined;
  const exitRoll = r.next();
  if (exitRoll < 0.22) {
    exitKind = 'completed';
    exitOn = E + r.int(300, 640);
  } else if (exitRoll < 0.28) {
    exitKind = 'transferred';
    exitOn = E + r.int(45, 400);
  } else if (exitRoll < 0.46) {
    exitKind = 'discontinued';
    exitOn = E + r.int(30, 420);
    reason = r.weighted<DiscontinuationReason>([
      ['guidelines-breach', 15],
      ['peer-request', 25],
      ['lost-contact', 35],
      ['moved', 15],
      ['other', 10],
    ]);
  }
  if (exitOn !== undefined && exitOn > last) {
    exitKind = undefined;
    reason = undefined;
    exitOn = undefined;
  }
  const lastDay = exitOn ?? last;
  const serviceEnd =
    reason === 'lost-contact' && exitOn !== undefined ? Math.max(E, exitOn - r.int(30, 60)) : lastDay;

  // The peer.
  const { peer, channels, hasPreferences, preferredLocations } = generatePeer(
    r,
    peerId,
    E,
    iso,
    context.variety === true,
  );

  // Referral source.
  const sourceKind = r.weighted<ReferralSourceKind | 'none'>([
    ['none', 8],
    ['self', 22],
    ['hospital', 12],
    ['emergency-department', 14],
    ['treatment-program', 18],
    ['criminal-justice', 14],
    ['community-organization', 9],
    ['other', 3],
  ]);
  const orgChoices =
    sourceKind === 'none' || sourceKind === 'self'
      ? []
      : (context.organizationIds ??
        SYNTHETIC_ORGANIZATIONS.filter((o) => o.kind === sourceKind).map((o) => o.id));
  const sourceOrg = orgChoices.length > 0 ? r.pick(orgChoices) : undefined;
  const referredOn = sourceKind !== 'none' && r.chance(0.85) ? Math.max(first, E - r.int(0, 21)) : undefined;

  // Enrolment documents: completed at enrolment, now and then one missing.
  const documents: Record<
    'guidelinesAgreement' | 'application' | 'assessments' | 'confidentialityForms',
    number
  > = {
    guidelinesAgreement: E,
    application: Math.max(first, referredOn ?? first, E - r.int(0, 7)),
    assessments: E,
    confidentialityForms: E,
  };
  const docKeys = ['guidelinesAgreement', 'application', 'assessments', 'confidentialityForms'] as const;
  const missingDoc = r.chance(p.documentMissing) ? r.pick(docKeys) : undefined;

  // Holds.
  const holds: { from: number; to: number | undefined; reason: HoldReason }[] = [];
  if (r.chance(0.07)) {
    const from = E + r.int(30, 300);
    if (from < serviceEnd) {
      let to = from + r.int(14, 75);
      if (exitOn !== undefined) to = Math.min(to, exitOn - 1);
      holds.push({
        from,
        to: exitOn === undefined && to > last ? undefined : to,
        reason: r.weighted<HoldReason>([
          ['inpatient-treatment', 45],
          ['incarceration', 20],
          ['peer-request', 25],
          ['other', 10],
        ]),
      });
    }
  }
  const onHold = (d: number): boolean => holds.some((h) => d >= h.from && (h.to === undefined || d <= h.to));

  // Recovery stages.
  const stages: { stage: RecoveryStage; from: number }[] = [{ stage: 'initiation', from: E }];
  const stabilization = E + r.int(60, 150);
  if (stabilization <= serviceEnd) {
    stages.push({ stage: 'stabilization', from: stabilization });
    const maintenance = stabilization + r.int(120, 300);
    if (maintenance <= serviceEnd) stages.push({ stage: 'maintenance', from: maintenance });
  }
  const stageAt = (d: number): RecoveryStage => {
    let s: RecoveryStage = 'initiation';
    for (const x of stages) if (x.from <= d) s = x.stage;
    return s;
  };

  // Coach assignments: a coach available at enrolment; when that coach leaves, the peer is usually reassigned.
  const segments: Segment[] = [];
  {
    let from = E;
    let coach = pickCoach(context, r, E, -1);
    for (let guard = 0; guard < 64 && coach >= 0 && from <= lastDay; guard++) {
      const timeline = context.coaches[coach] as CoachTimeline;
      let end = Math.min(timeline.serviceTo, lastDay);
      let voluntary = false;
      if (r.chance(0.04)) {
        const change = from + r.int(60, 300);
        if (change < end) {
          end = change;
          voluntary = true;
        }
      }
      if (end >= lastDay) {
        segments.push({ coach, from, to: exitOn });
        break;
      }
      segments.push({ coach, from, to: end });
      let next: number | undefined = end + 1;
      if (!voluntary) {
        if (r.chance(0.8)) next = end + 1 + (r.chance(0.6) ? 0 : r.int(1, 21));
        else next = r.chance(0.5) ? end + 1 + r.int(30, 90) : undefined;
      }
      if (next === undefined || next > lastDay) break;
      coach = pickCoach(context, r, next, coach);
      from = next;
    }
  }
  const coachAt = (d: number): number => {
    for (const s of segments) if (d >= s.from && (s.to === undefined || d <= s.to)) return s.coach;
    return -1;
  };

  // Contacts and messages, month by month in the program's zone.
  const drafts: DraftContact[] = [];
  const messageDrafts: DraftMessage[] = [];
  const serviceDays: number[] = [];

  const makeContact = (day: number, inPerson: boolean, intake: boolean): void => {
    const setting = {
      stage: stageAt(day),
      sourceKind,
      preferredLocations,
      profile: p,
      last,
      coach: coachAt(day),
    };
    drafts.push(drawContact(r, day, inPerson, intake, setting));
  };

  const chooseDay = (days: readonly number[]): number => {
    let d = r.pick(days);
    for (let k = 0; k < 3; k++) {
      const wd = weekday(d);
      if ((wd !== 0 && wd !== 6) || r.chance(0.25)) break;
      d = r.pick(days);
    }
    return d;
  };

  const makeMessage = (day: number): void => {
    messageDrafts.push(drawMessage(r, day, { hasPreferences, channels, business, profile: p, last }));
  };

  for (let m = monthStart(E); m <= serviceEnd; m = monthEnd(m) + 1) {
    const lo = Math.max(m, E);
    const hi = Math.min(monthEnd(m), serviceEnd);
    const days: number[] = [];
    for (const s of segments) {
      const to = Math.min(hi, s.to ?? hi);
      for (let d = Math.max(lo, s.from); d <= to; d++) if (holds.length === 0 || !onHold(d)) days.push(d);
    }
    if (days.length === 0) continue;
    for (const d of days) serviceDays.push(d);
    // With variety, contacts and messages are drafted in a quarter of the months only (few are kept anyway).
    if (context.variety === true && lo !== E && !r.chance(0.25)) continue;
    const stage = stageAt(days[Math.floor(days.length / 2)] as number);
    let inPerson =
      stage === 'initiation' ? r.int(2, 4) : stage === 'stabilization' ? r.int(1, 2) : r.chance(0.2) ? 2 : 1;
    let remote = stage === 'initiation' ? r.int(1, 3) : r.int(0, 2);
    const roll = r.next();
    if (roll < p.monthNoContact) {
      inPerson = 0;
      remote = 0;
    } else if (roll < p.monthNoContact + p.monthRemoteOnly) {
      inPerson = 0;
      remote = Math.max(1, remote);
    }
    const cap = Math.ceil(days.length / 7);
    inPerson = Math.min(inPerson, cap);
    remote = Math.min(remote, cap);
    if (lo === E && days[0] === E) {
      makeContact(E, true, true);
      inPerson = Math.max(0, inPerson - 1);
    }
    for (let k = 0; k < inPerson; k++) makeContact(chooseDay(days), true, false);
    for (let k = 0; k < remote; k++) makeContact(chooseDay(days), false, false);
    const messages = r.int(0, 2) + (stage === 'initiation' ? r.int(0, 1) : 0);
    for (let k = 0; k < Math.min(messages, cap + 1); k++) makeMessage(r.pick(days));
  }
  drafts.sort((a, b) => a.day - b.day || a.minute - b.minute);
  messageDrafts.sort((a, b) => a.received.day - b.received.day || a.received.minute - b.received.minute);

  // With variety, only a few of the contacts and messages are kept (chosen before their instants are written).
  const keptContacts = context.variety === true ? chooseIndexes(drafts.length, r.int(0, 8), r) : undefined;
  const keptMessages =
    context.variety === true ? chooseIndexes(messageDrafts.length, r.int(0, 5), r) : undefined;
  const contacts: Contact[] = (keptContacts ?? drafts.map((_, i) => i)).map((i) => {
    const c = drafts[i] as DraftContact;
    const id = `con-${num}-${String(i + 1).padStart(4, '0')}`;
    return contactOf(c, id, enrolmentId, context.coachIds[c.coach] as string, at);
  });
  const messages: Message[] = (keptMessages ?? messageDrafts.map((_, i) => i)).map((i) =>
    messageOf(
      messageDrafts[i] as DraftMessage,
      `msg-${num}-${String(i + 1).padStart(4, '0')}`,
      enrolmentId,
      at,
    ),
  );

  // Action plans: a first version due within 30 days, then a revision every three months.
  const plans = generatePlans(r, { num, enrolmentId, E, serviceEnd, exitOn, last, profile: p, at, iso });

  // Referrals during the enrolment, and continuity referrals at exit.
  const referralDrafts: {
    day: number;
    kind: ReferralKind;
    continuity: boolean;
    status: Referral['status'];
  }[] = [];
  const referralCount = r.weighted([
    [0, 40],
    [1, 35],
    [2, 18],
    [3, 7],
  ]);
  for (let k = 0; k < referralCount && serviceDays.length > 0; k++) {
    referralDrafts.push({
      day: r.pick(serviceDays),
      kind: r.weighted(REFERRAL_KINDS),
      continuity: false,
      status: r.weighted<NonNullable<Referral['status']>>([
        ['made', 25],
        ['accepted', 30],
        ['completed', 30],
        ['declined', 15],
      ]),
    });
  }
  if (exitOn !== undefined) {
    const continuity =
      exitKind === 'discontinued'
        ? r.chance(p.continuityReferral)
          ? r.int(1, 2)
          : 0
        : exitKind === 'transferred'
          ? 1
          : 0;
    const kinds = exitKind === 'transferred' ? [['treatment', 1] as const] : CONTINUITY_KINDS;
    const exitDay = exitOn;
    for (let k = 0; k < continuity; k++) {
      referralDrafts.push({
        day: Math.max(E, exitDay - r.int(0, 5)),
        kind: r.weighted<ReferralKind>(kinds),
        continuity: true,
        status: 'made',
      });
    }
  }
  referralDrafts.sort((a, b) => a.day - b.day);
  const referrals: Referral[] = referralDrafts.map((x, i) => ({
    id: `ref-${num}-${pad2(i + 1)}`,
    enrolmentId,
    kind: x.kind,
    madeOn: iso(x.day),
    ...(x.continuity ? { forContinuity: true } : {}),
    ...(x.status === undefined ? {} : { status: x.status }),
  }));

  // Consents: the confidentiality form at enrolment; often a release of information naming the referral source.
  const consentDrafts: Omit<Consent, 'id'>[] = [];
  if (missingDoc !== 'confidentialityForms') {
    consentDrafts.push({
      peerId,
      enrolmentId,
      kind: 'confidentiality',
      purposes: [],
      signedOn: iso(E),
      period: { start: iso(E) },
    });
  }
  let noticeConsentValidAtExit = false;
  if (sourceOrg !== undefined && r.chance(0.6)) {
    const signed = E + r.int(0, 10);
    if (signed <= lastDay) {
      const withNotice = r.chance(0.8);
      const end = r.chance(0.35) ? signed + 365 : undefined;
      const revoked = r.chance(0.03) ? signed + r.int(30, 300) : undefined;
      consentDrafts.push({
        peerId,
        enrolmentId,
        kind: 'release-of-information',
        recipientOrganizationId: sourceOrg,
        purposes: withNotice ? ['referral', 'discontinuation-notice'] : ['referral'],
        signedOn: iso(signed),
        period: { start: iso(signed), ...(end === undefined ? {} : { end: iso(end) }) },
        ...(revoked !== undefined && revoked <= lastDay ? { revokedOn: iso(revoked) } : {}),
      });
      noticeConsentValidAtExit =
        exitOn !== undefined &&
        withNotice &&
        (end === undefined || end >= exitOn) &&
        (revoked === undefined || revoked > exitOn);
    }
  }
  consentDrafts.sort((a, b) => (a.signedOn < b.signedOn ? -1 : a.signedOn > b.signedOn ? 1 : 0));
  const consents: Consent[] = consentDrafts.map((c, i) => ({ id: `cons-${num}-${i + 1}`, ...c }));

  // Exit record, with the notice to the referral source when one is sent.
  let exit: Enrolment['exit'];
  if (exitOn !== undefined && exitKind !== undefined) {
    let noticeOn: number | undefined;
    if (exitKind === 'discontinued' && sourceOrg !== undefined) {
      const send = noticeConsentValidAtExit
        ? r.chance(p.noticeWithConsent)
        : r.chance(p.noticeWithoutConsent);
      if (send) {
        const day = exitOn + r.int(0, 7);
        if (day <= last) noticeOn = day;
      }
    }
    exit = {
      on: iso(exitOn),
      kind: exitKind,
      ...(reason === undefined ? {} : { reason }),
      referralsMade: referrals.filter((x) => x.forContinuity === true).map((x) => x.id),
      ...(noticeOn === undefined ? {} : { referralSourceNoticeSentOn: iso(noticeOn) }),
    };
  }

  // Outcome assessments: baseline, about 180 days, then yearly, and sometimes at exit.
  const assessments = generateAssessments(r, {
    num,
    enrolmentId,
    E,
    serviceEnd,
    exitOn,
    last,
    profile: p,
    iso,
    discontinued: exitKind === 'discontinued',
    lostContact: reason === 'lost-contact',
  });

  const enrolment: Enrolment = {
    id: enrolmentId,
    peerId,
    ...(referredOn === undefined ? {} : { referredOn: iso(referredOn) }),
    ...(sourceKind === 'none'
      ? {}
      : {
          referralSource: {
            ...(sourceOrg === undefined ? {} : { organizationId: sourceOrg }),
            kind: sourceKind,
          },
        }),
    enrolledOn: iso(E),
    documents: {
      ...(Object.fromEntries(
        docKeys.filter((k) => k !== missingDoc).map((k) => [k, iso(documents[k])]),
      ) as Enrolment['documents']),
      // The written coach-peer contract, signed at enrolment (drawn without the generator's random stream, so
      // programs generated before the field existed are unchanged otherwise).
      coachPeerContract: iso(E),
    },
    coachAssignments: segments.map((s) => ({
      coachId: context.coachIds[s.coach] as string,
      from: iso(s.from),
      ...(s.to === undefined ? {} : { to: iso(s.to) }),
    })),
    stages: stages.map((s) => ({ stage: s.stage, from: iso(s.from) })),
    holds: holds.map((h) => ({
      from: iso(h.from),
      ...(h.to === undefined ? {} : { to: iso(h.to) }),
      reason: h.reason,
    })),
    ...(exit === undefined ? {} : { exit }),
  };

  const bundle = { peer, enrolment, plans, contacts, messages, referrals, consents, assessments };
  if (context.variety !== true) return bundle;
  return widenEnrolmentBundle(bundle, r, {
    num,
    clock,
    contactDays: (keptContacts ?? []).map((i) => (drafts[i] as DraftContact).day),
    messageDays: (keptMessages ?? []).map((i) => (messageDrafts[i] as DraftMessage).received.day),
    E,
    lastDay,
    coachIds: context.coachIds,
    extraContact: (day, id) => {
      const coach = coachAt(day);
      const setting = { stage: stageAt(day), sourceKind, preferredLocations, profile: p, last, coach };
      const coachId = context.coachIds[coach < 0 ? r.int(0, context.coachIds.length - 1) : coach] as string;
      return contactOf(drawContact(r, day, r.chance(0.5), false, setting), id, enrolmentId, coachId, at);
    },
  });
}

/**
 * Variety for property tests: the rarer shapes the schema accepts that the synthetic generator does not draw by
 * default (optional fields left out or added, any code of a vocabulary, unusual combinations). The generator draws
 * them only when asked (`variety`), after its own draws, so its default output is unchanged.
 *
 * @module
 */
import type {
  Assessment,
  Coach,
  Consent,
  Contact,
  Enrolment,
  Message,
  Peer,
  PlanVersion,
  Program,
} from '../model/domain';
import type { HumanName } from '../model/primitives';
import {
  ActivityCode,
  AgeBand,
  ConsentPurpose,
  DiscontinuationReason,
  ExitKind,
  Gender,
  GoalStatus,
  LocationType,
  MessageChannel,
  TargetPopulation,
} from '../model/vocabulary';
import type { EnrolmentBundle } from './enrolment';
import {
  GIVEN_NAMES_ANY,
  PROGRESS_NOTES,
  SYNTHETIC_CITIES,
  SYNTHETIC_NPIS,
  SYNTHETIC_PROGRAM_NAMES,
  SYNTHETIC_STREETS,
} from './lists';
import type { Random } from './random';
import { formatDay, parseDay, type ZoneClock } from './time';

const IN_PERSON_LOCATIONS: readonly LocationType[] = LocationType.options.filter((l) => l !== 'remote');
/** The peer support activities, then the excluded ones (see `ActivityCode`). */
const PEER_SUPPORT: readonly ActivityCode[] = ActivityCode.options.slice(0, 11);
const EXCLUDED: readonly ActivityCode[] = ActivityCode.options.slice(11);
const MINUTE = 60_000;

/**
 * A name with a part left out or added: no given name, no family name, a second given name or a `text`.
 *
 * @example
 * widenName({ given: ['Maria'], family: 'Garcia' }, createRandom(3)); // e.g. { given: ['Maria', 'Sam'], family: 'Garcia' }
 */
export function widenName(name: HumanName, r: Random): HumanName {
  const out: { given?: string[]; family?: string; text?: string } = {};
  const given = name.given?.[0] ?? r.pick(GIVEN_NAMES_ANY);
  if (r.chance(0.9)) out.given = r.chance(0.8) ? [given] : [given, r.pick(GIVEN_NAMES_ANY)];
  if (name.family !== undefined && (r.chance(0.85) || out.given === undefined)) out.family = name.family;
  if (out.given === undefined && out.family === undefined) out.given = [given];
  if (r.chance(0.2)) out.text = `${out.given?.join(' ') ?? ''} ${out.family ?? ''}`.trim();
  return out;
}

/**
 * A generated peer with rarer shapes: sometimes no name or gender, any target populations, an age band with or
 * without the birth date, contact preferences with any (or no) channels and places, a telephone or email, a postal address.
 *
 * @example
 * widenPeer(peer, createRandom(3)).populations.length > 0; // true
 */
export function widenPeer(peer: Peer, r: Random): Peer {
  const { name, gender, contactPreferences, ...rest } = peer;
  const out: Peer = { ...rest };
  if (name !== undefined && r.chance(0.8)) out.name = widenName(name, r);
  if (r.chance(0.7)) out.gender = r.chance(0.8) && gender !== undefined ? gender : r.pick(Gender.options);
  if (r.chance(0.3)) out.populations = r.subset(TargetPopulation.options, 0.3, true);
  const dates = r.int(0, 9);
  if (out.birthDate !== undefined && dates < 4) {
    out.ageBand = r.pick(AgeBand.options);
    if (dates < 2) delete out.birthDate;
  }
  const preferences = r.int(0, 9);
  if (preferences < 5 && contactPreferences !== undefined) out.contactPreferences = contactPreferences;
  else if (preferences < 8) {
    const channels = r.subset(MessageChannel.options, 0.4, false);
    out.contactPreferences = r.chance(0.5)
      ? { channels, inPersonLocations: r.subset(IN_PERSON_LOCATIONS, 0.2, false) }
      : { channels };
  }
  if (r.chance(0.4)) {
    const phone = r.chance(0.7) ? { phone: `555-02${r.int(10, 99)}` } : {};
    out.telecom = r.chance(0.5) || !phone.phone ? { ...phone, email: `${peer.id}@example.net` } : phone;
  }
  if (r.chance(0.4)) {
    const address: { line?: string[]; city?: string; state?: string; postalCode?: string } = {};
    if (r.chance(0.8)) address.line = [`${r.int(1, 999)} ${r.pick(SYNTHETIC_STREETS)}`];
    if (r.chance(0.8)) address.city = r.pick(SYNTHETIC_CITIES);
    if (r.chance(0.7)) address.state = r.pick(['CA', 'NY', 'TX', 'OR']);
    if (r.chance(0.6) || Object.keys(address).length === 0) address.postalCode = String(r.int(10000, 99999));
    out.address = address;
  }
  return out;
}

/**
 * What {@link widenCoach} needs to know of a generated coach: the day they applied, the day they became active
 * (if they did), the last day of the period and the number in their ids.
 *
 * @example
 * const facts: CoachFacts = { applicantFrom: 20000, activeFrom: 20030, last: 21000, num: '1' };
 */
export interface CoachFacts {
  readonly applicantFrom: number;
  readonly activeFrom: number | undefined;
  readonly last: number;
  readonly num: string;
}

/**
 * A generated coach with rarer shapes: sometimes no name, one telecom or none, no recovery start date, a verified
 * recovery minimum, an NPI, no personal-program attestation, trainings or checks missing or without expiry,
 * agreements or the commitment missing, a written notice given days before the notice period, a coach still on
 * notice, a conduct incident
 * that did not lead to removal, a removal for a guidelines breach, an applicant who withdrew.
 *
 * @example
 * widenCoach(coach, createRandom(3), { applicantFrom: 20000, activeFrom: 20030, last: 21000, num: '1' }).id === coach.id; // true
 */
export function widenCoach(coach: Coach, r: Random, f: CoachFacts): Coach {
  const capped = (day: number): number => Math.min(day, f.last);
  const { name, telecom, recoveryStartDate, interview, backgroundCheck, commitment, ...rest } = coach;
  const out: Coach = { ...rest, statusHistory: [...coach.statusHistory], incidents: [...coach.incidents] };
  if (name !== undefined && r.chance(0.8)) out.name = widenName(name, r);
  const t = r.int(0, 9);
  if (telecom !== undefined && t >= 4) {
    const { phone, email } = telecom;
    out.telecom =
      t < 6 && phone !== undefined ? { phone } : t < 8 && email !== undefined ? { email } : telecom;
  }
  if (recoveryStartDate !== undefined && r.chance(0.92)) {
    out.recoveryStartDate = recoveryStartDate;
    if (r.chance(0.4)) out.recoveryMinimumVerifiedOn = formatDay(capped(f.applicantFrom + r.int(0, 30)));
  }
  if (r.chance(0.3)) out.npi = r.pick(SYNTHETIC_NPIS);
  if (r.chance(0.1)) out.personalProgramAttested = false;
  // The last one or two completions of each training (older renewals are often not on record), some without
  // their expiry date.
  const kept = new Map<string, number>();
  for (const x of coach.trainings) if (!kept.has(x.code)) kept.set(x.code, r.int(1, 2));
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  for (const x of coach.trainings) total.set(x.code, (total.get(x.code) ?? 0) + 1);
  out.trainings = coach.trainings.flatMap((x) => {
    const at = (seen.get(x.code) ?? 0) + 1;
    seen.set(x.code, at);
    if (at <= (total.get(x.code) ?? 0) - (kept.get(x.code) ?? 0)) return [];
    if (r.chance(0.15)) return [];
    if (r.chance(0.25)) return [{ code: x.code, completedOn: x.completedOn }];
    return [x];
  });
  if (interview !== undefined && r.chance(0.85)) out.interview = interview;
  if (backgroundCheck !== undefined && r.chance(0.85))
    out.backgroundCheck = r.chance(0.3) ? { completedOn: backgroundCheck.completedOn } : backgroundCheck;
  const agreements: Coach['agreements'] = {};
  for (const key of ['volunteer', 'mentorship', 'guidelines'] as const) {
    const on = coach.agreements[key];
    if (on !== undefined && r.chance(0.85)) agreements[key] = on;
  }
  if (coach.agreements.personalViews !== undefined && r.chance(0.3))
    agreements.personalViews = coach.agreements.personalViews;
  out.agreements = agreements;
  if (commitment !== undefined && r.chance(0.8)) out.commitment = commitment;

  const history = out.statusHistory;
  history.forEach((entry, i) => {
    if (entry.writtenNoticeOn === undefined || i === 0) return;
    const before = parseDay((history[i - 1] as (typeof history)[number]).from);
    const written = Math.max(before, parseDay(entry.from) - r.int(0, 3));
    history[i] = { ...entry, writtenNoticeOn: formatDay(written) };
  });
  const lastTwo = history.slice(-2).map((x) => x.status);
  if (lastTwo[0] === 'on-notice' && lastTwo[1] === 'withdrawn' && r.chance(0.4)) history.pop();
  if (history.length === 1 && r.chance(0.4))
    history.push({ status: 'withdrawn', from: formatDay(capped(f.applicantFrom + r.int(1, 60))) });
  out.incidents = out.incidents.map((x) =>
    x.kind === 'boundary-violation' && r.chance(0.4) ? { ...x, kind: 'guidelines-breach' } : x,
  );
  if (f.activeFrom !== undefined && r.chance(0.1)) {
    const on = capped(f.activeFrom + r.int(0, 300));
    const next = out.incidents[0];
    if (next === undefined || formatDay(on) < next.on)
      out.incidents.unshift({
        id: `inc-${f.num}-0`,
        on: formatDay(on),
        kind: r.chance(0.5) ? 'other-conduct' : 'guidelines-breach',
      });
  }
  return out;
}

/**
 * Printable ASCII text that is never blank (the schema refuses blank free text), of `min` to `max` characters.
 *
 * @example
 * asciiText(createRandom(1), 1, 60).trim().length > 0; // true
 */
export function asciiText(r: Random, min: number, max: number): string {
  const rest = Array.from({ length: r.int(min, max) - 1 }, () => String.fromCharCode(r.int(32, 126)));
  return String.fromCharCode(r.int(33, 126)) + rest.join('');
}

/**
 * A chain of generated plan versions with rarer shapes: the first zero to four versions of it (as short as property
 * tests need), some unsigned or signed by the peer only, some with a time of recording; goals with any status,
 * without an expected outcome, in free text, one to five goals. `instant` writes epoch milliseconds in the program's
 * zone.
 *
 * @example
 * widenPlans(plans, createRandom(3), (ms) => new Date(ms).toISOString()).every((p, i) => p.version === i + 1); // true
 */
export function widenPlans(
  plans: readonly PlanVersion[],
  r: Random,
  instant: (epochMs: number) => string,
): PlanVersion[] {
  const kept = plans.slice(0, r.pick([0, 1, 1, 2, 2, 3, 4]));
  return kept.map((plan) => {
    const { signedByPeerAt, signedByCoachAt, recordedAt: _recorded, goals, ...rest } = plan;
    const out: PlanVersion = {
      ...rest,
      goals: goals.slice(0, r.pick([1, 2, 3, 3, 3, 4, 5])).map((goal) => {
        const { outcome, ...g } = goal;
        return {
          ...g,
          ...(outcome !== undefined && r.chance(0.7) ? { outcome } : {}),
          ...(r.chance(0.2) ? { status: r.pick(GoalStatus.options) } : {}),
          ...(r.chance(0.1) ? { description: asciiText(r, 1, 60) } : {}),
        };
      }),
    };
    if (signedByPeerAt !== undefined && r.chance(0.9)) {
      out.signedByPeerAt = signedByPeerAt;
      if (signedByCoachAt !== undefined && r.chance(0.8)) out.signedByCoachAt = signedByCoachAt;
      if (r.chance(0.3)) out.recordedAt = instant(Date.parse(signedByPeerAt) + r.int(1, 72 * 60) * 60_000);
    }
    return out;
  });
}

/**
 * Generated outcome assessments with rarer shapes: the first zero to three of them, some BARC-10 left out (an
 * HRQOL-4 on its own), some answers missing.
 *
 * @example
 * widenAssessments(assessments, createRandom(3)).length <= 3; // true
 */
export function widenAssessments(assessments: readonly Assessment[], r: Random): Assessment[] {
  return assessments
    .slice(0, r.int(0, 3))
    .filter((a) => a.instrument !== 'barc-10' || r.chance(0.8))
    .map((a) => {
      const keys = Object.keys(a.answers);
      if (keys.length === 0 || !r.chance(0.1)) return a;
      return { ...a, answers: { ...a.answers, [r.pick(keys)]: null } };
    });
}

/**
 * A generated contact on local `day` with rarer shapes: sometimes at any time of day (23:30 included) and of any
 * length (past midnight too), any set of activities (rarely an excluded one), a permission recorded for doing
 * something for the peer, a note, a billable flag, started by the peer.
 *
 * @example
 * widenContact(contact, 20454, createRandom(3), clock).id === contact.id; // true
 */
export function widenContact(contact: Contact, day: number, r: Random, clock: ZoneClock): Contact {
  const out: Contact = { ...contact };
  if (r.chance(0.25)) {
    const start = clock.epochAt(day, r.chance(0.3) ? 23 * 60 + 30 : r.int(0, 1439));
    const end = start + r.int(5, 180) * MINUTE;
    out.start = clock.instant(start);
    out.end = clock.instant(end);
    if (out.recordedAt !== undefined) out.recordedAt = clock.instant(end + r.int(5, 3 * 24 * 60) * MINUTE);
  }
  if (r.chance(0.1)) {
    out.activities = r.subset(PEER_SUPPORT, 0.15, true);
  }
  if (r.chance(0.04)) {
    const excluded = r.pick(EXCLUDED);
    if (!out.activities.includes(excluded)) out.activities = [...out.activities, excluded];
  }
  const onBehalf = out.activities.includes('advocacy') || out.activities.includes('doing-for-peer');
  if (onBehalf && out.actingOnBehalfWithPermission === undefined && r.chance(0.8))
    out.actingOnBehalfWithPermission = r.chance(0.7);
  if (out.progressNote && out.note === undefined && r.chance(0.3)) out.note = r.pick(PROGRESS_NOTES);
  if (r.chance(0.3)) out.billable = r.chance(0.8);
  if (r.chance(0.1)) out.initiatedBy = 'peer';
  return out;
}

/**
 * A generated message received on local `day` with rarer shapes: sometimes at any minute of the day with a reply
 * five minutes to four days later, no reply, or a reply channel of any kind or none.
 *
 * @example
 * widenMessage(message, 20454, createRandom(3), clock).id === message.id; // true
 */
export function widenMessage(message: Message, day: number, r: Random, clock: ZoneClock): Message {
  const { repliedAt, replyChannel: _channel, ...rest } = message;
  const out: Message = { ...rest };
  let replied = repliedAt;
  if (r.chance(0.5)) {
    const received = clock.epochAt(day, r.int(0, 1439));
    out.receivedAt = clock.instant(received);
    replied = r.chance(0.8) ? clock.instant(received + r.int(5, 4 * 24 * 60) * MINUTE) : undefined;
  }
  if (replied !== undefined && r.chance(0.9)) {
    out.repliedAt = replied;
    const channel = r.int(0, 9);
    if (channel < 4 && message.replyChannel !== undefined) out.replyChannel = message.replyChannel;
    else if (channel < 7) out.replyChannel = r.pick(MessageChannel.options);
  }
  return out;
}

/**
 * The indexes of a random selection of at most `n` of `length` items, in increasing order.
 *
 * @example
 * chooseIndexes(10, 3, createRandom(1)).length; // 3
 */
export function chooseIndexes(length: number, n: number, r: Random): number[] {
  if (length <= n) return Array.from({ length }, (_, i) => i);
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(r.int(0, length - 1));
  return [...chosen].sort((a, b) => a - b);
}

/**
 * A generated enrolment record with rarer shapes: sometimes no referral date, a referral source without its
 * organisation, enrolment documents missing or dated around the enrolment, no contract, no initiation stage, an
 * assignment to any coach, an exit of any kind (closing open assignments and holds), any discontinuation reason,
 * a notice to the referral source.
 *
 * @example
 * widenEnrolment(enrolment, createRandom(3), { lastDay: 21000, coachIds: ['coach-1'] }).id === enrolment.id; // true
 */
export function widenEnrolment(
  enrolment: Enrolment,
  r: Random,
  f: { readonly lastDay: number; readonly coachIds: readonly string[] },
): Enrolment {
  const { referredOn, referralSource, exit, ...rest } = enrolment;
  const out: Enrolment = { ...rest };
  if (referredOn !== undefined && r.chance(0.8)) out.referredOn = referredOn;
  if (referralSource !== undefined)
    out.referralSource = r.chance(0.15) ? { kind: referralSource.kind } : referralSource;
  const E = parseDay(enrolment.enrolledOn);
  const documents: Record<string, string> = {};
  for (const [key, on] of Object.entries(enrolment.documents)) {
    if (on === undefined) continue;
    if (key === 'coachPeerContract') {
      if (r.chance(0.4)) documents[key] = r.chance(0.3) ? formatDay(E + r.int(0, 40)) : on;
    } else if (r.chance(0.92)) documents[key] = r.chance(0.3) ? formatDay(E + r.int(-7, 14)) : on;
  }
  out.documents = documents;
  if (r.chance(0.1)) out.stages = out.stages.slice(1);
  if (f.coachIds.length > 0)
    out.coachAssignments = out.coachAssignments.map((a) =>
      r.chance(0.15) ? { ...a, coachId: r.pick(f.coachIds) } : a,
    );
  if (exit !== undefined) {
    out.exit = { ...exit };
    if (exit.kind === 'discontinued' && r.chance(0.2)) {
      const { reason: _reason, ...kept } = out.exit;
      out.exit = r.chance(0.5) ? kept : { ...kept, reason: r.pick(DiscontinuationReason.options) };
    }
    if (exit.referralSourceNoticeSentOn === undefined && r.chance(0.2))
      out.exit = { ...out.exit, referralSourceNoticeSentOn: formatDay(parseDay(exit.on) + r.int(0, 14)) };
  } else if (r.chance(0.25)) {
    const on = formatDay(f.lastDay);
    const kind = r.pick(ExitKind.options);
    out.exit = { on, kind, referralsMade: [] };
    if (kind === 'discontinued' && r.chance(0.85)) out.exit.reason = r.pick(DiscontinuationReason.options);
    if (kind === 'discontinued' && r.chance(0.5))
      out.exit.referralSourceNoticeSentOn = formatDay(f.lastDay + r.int(0, 14));
    out.coachAssignments = out.coachAssignments.map((a) => (a.to === undefined ? { ...a, to: on } : a));
    out.holds = out.holds.map((h) => (h.to === undefined ? { ...h, to: on } : h));
  }
  return out;
}

/**
 * What {@link widenEnrolmentBundle} needs of the enrolment being generated.
 *
 * @example
 * const facts: BundleFacts = { num: '1', clock, contactDays: [], messageDays: [], E: 20454, lastDay: 20800, coachIds: [], extraContact };
 */
export interface BundleFacts {
  readonly num: string;
  readonly clock: ZoneClock;
  /** The local day of each contact and message of the bundle, in list order. */
  readonly contactDays: readonly number[];
  readonly messageDays: readonly number[];
  readonly E: number;
  readonly lastDay: number;
  readonly coachIds: readonly string[];
  /** Draws a contact on any day of the enrolment (on hold, or with no coach assigned, too). */
  readonly extraContact: (day: number, id: string) => Contact;
}

/**
 * The records of a generated enrolment (of which the generator kept up to eight contacts and five messages) with
 * rarer shapes: sometimes a contact on any day of the enrolment (on hold or unassigned), each record widened
 * (see {@link widenEnrolment}, {@link widenContact}, {@link widenMessage}, {@link widenPlans},
 * {@link widenAssessments}), referrals without a status, releases of information for any purposes, revoked or
 * ending.
 *
 * @example
 * widenEnrolmentBundle(bundle, createRandom(3), facts).contacts.length <= 10; // true
 */
export function widenEnrolmentBundle(b: EnrolmentBundle, r: Random, f: BundleFacts): EnrolmentBundle {
  const contacts = b.contacts.map((c, i) => widenContact(c, f.contactDays[i] as number, r, f.clock));
  if (f.coachIds.length > 0 && r.chance(0.3))
    for (let k = 1, n = r.int(1, 2); k <= n; k++)
      contacts.push(f.extraContact(r.int(f.E, f.lastDay), `con-${f.num}-x${k}`));
  const messages = b.messages.map((m, i) => widenMessage(m, f.messageDays[i] as number, r, f.clock));
  const consents = b.consents.map((c): Consent => {
    if (c.kind !== 'release-of-information') return c;
    const out: Consent = { ...c };
    if (r.chance(0.3)) out.purposes = r.subset(ConsentPurpose.options, 0.3, true);
    const signed = parseDay(c.signedOn);
    if (out.revokedOn === undefined && r.chance(0.1)) out.revokedOn = formatDay(signed + r.int(1, 200));
    if (out.period.end === undefined && r.chance(0.3))
      out.period = { ...out.period, end: formatDay(signed + r.int(30, 730)) };
    return out;
  });
  return {
    peer: b.peer,
    enrolment: widenEnrolment(b.enrolment, r, f),
    plans: widenPlans(b.plans, r, f.clock.instant),
    contacts,
    messages,
    referrals: b.referrals.map((x) => {
      if (x.status === undefined || !r.chance(0.3)) return x;
      const { status: _status, ...rest } = x;
      return rest;
    }),
    consents,
    assessments: widenAssessments(b.assessments, r),
  };
}

/**
 * A program record with rarer shapes: another id and name, any of `rulePacks`, up to four holidays of its own in
 * `days` (day numbers), a Friday-and-Saturday or Sunday-only weekend, sometimes no holiday sets.
 *
 * @example
 * widenProgram(program, createRandom(3), { min: 17897, max: 21184 }, ['srp-recovery-connect']).rulePack; // 'srp-recovery-connect'
 */
export function widenProgram(
  program: Program,
  r: Random,
  days: { readonly min: number; readonly max: number },
  rulePacks: readonly string[],
): Program {
  const holidays = Array.from({ length: r.int(0, 4) }, () => formatDay(r.int(days.min, days.max))).sort();
  return {
    id: r.pick(['srp', 'prog-1', 'county-peer', program.id]),
    name: r.pick([...SYNTHETIC_PROGRAM_NAMES, program.name]),
    timeZone: program.timeZone,
    calendar: r.chance(0.5)
      ? { weekendDays: r.chance(0.9) ? [0, 6] : [5, 6], holidays, holidaySets: ['us-federal'] }
      : { weekendDays: r.chance(0.9) ? [0, 6] : [0], holidays },
    rulePack: r.pick(rulePacks),
  };
}

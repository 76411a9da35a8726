/**
 * The shapes a program document can take that exchange-format tests must meet: one predicate per shape, for
 * coverage checks of `arbProgramData`'s variations.
 *
 * @module
 */
import type { ProgramData } from '../model/domain';

const instants = (d: ProgramData): string[] =>
  [
    ...d.plans.flatMap((p) => [p.signedByPeerAt, p.signedByCoachAt, p.recordedAt]),
    ...d.contacts.flatMap((c) => [c.start, c.end, c.recordedAt]),
    ...d.messages.flatMap((m) => [m.receivedAt, m.repliedAt]),
  ].filter((x): x is string => x !== undefined);
const texts = (d: ProgramData): string[] =>
  [
    d.program.name,
    ...d.organizations.map((o) => o.name),
    ...[...d.coaches, ...d.peers].flatMap((p) => [...(p.name?.given ?? []), p.name?.family, p.name?.text]),
    ...d.plans.flatMap((p) => p.goals.map((g) => g.description)),
    ...d.contacts.map((c) => c.note),
  ].filter((x): x is string => x !== undefined);
const idsOf = (list: readonly { id: string }[]) => new Set(list.map((x) => x.id));

/**
 * Named predicates over program documents: each says whether a document shows one shape (an optional field
 * present, an id reused across record types, an instant with milliseconds, text outside ASCII, ...).
 *
 * @example
 * const seen = Object.entries(PROGRAM_SHAPES).filter(([, has]) => has(doc)).map(([name]) => name);
 */
export const PROGRAM_SHAPES: Readonly<Record<string, (d: ProgramData) => boolean>> = {
  'id reused across record types': (d) => {
    const peers = idsOf(d.peers);
    return d.coaches.some((c) => peers.has(c.id)) && d.enrolments.some((e) => peers.has(e.id));
  },
  'id with . or upper case': (d) => [...d.peers, ...d.coaches].some((x) => /[.A-Z]/.test(x.id)),
  'instant with milliseconds': (d) => instants(d).some((i) => /\.\d{3}/.test(i)),
  'instant with Z': (d) => instants(d).some((i) => i.endsWith('Z')),
  'instant with negative offset': (d) => instants(d).some((i) => /-\d\d:\d\d$/.test(i)),
  'instant with half- or quarter-hour offset': (d) => instants(d).some((i) => /:(30|45)$/.test(i)),
  'instant offset other than the zone (two offsets in a record)': (d) =>
    d.contacts.some((c) => c.start.slice(19).replace(/^\.\d+/, '') !== c.end.slice(19).replace(/^\.\d+/, '')),
  'text outside ASCII': (d) => texts(d).some((t) => /[^\x20-\x7e]/.test(t)),
  'text with astral-plane characters': (d) => texts(d).some((t) => /[\u{10000}-\u{10FFFF}]/u.test(t)),
  'coach npi': (d) => d.coaches.some((c) => c.npi !== undefined),
  'coach phone and email': (d) => d.coaches.some((c) => c.telecom?.phone && c.telecom.email),
  'coach recoveryMinimumVerifiedOn': (d) => d.coaches.some((c) => c.recoveryMinimumVerifiedOn !== undefined),
  'coach personalViews agreement': (d) => d.coaches.some((c) => c.agreements.personalViews !== undefined),
  'coach without name': (d) => d.coaches.some((c) => c.name === undefined),
  'coach writtenNoticeOn': (d) => d.coaches.some((c) => c.statusHistory.some((s) => s.writtenNoticeOn)),
  'coach commitment with extension': (d) => d.coaches.some((c) => (c.commitment?.extensions.length ?? 0) > 0),
  'coach incident': (d) => d.coaches.some((c) => c.incidents.length > 0),
  'peer telecom': (d) => d.peers.some((p) => p.telecom !== undefined),
  'peer address': (d) => d.peers.some((p) => p.address !== undefined),
  'peer address with line': (d) => d.peers.some((p) => p.address?.line !== undefined),
  'peer without name': (d) => d.peers.some((p) => p.name === undefined),
  'peer name with text': (d) => d.peers.some((p) => p.name?.text !== undefined),
  'peer birthDate and ageBand': (d) => d.peers.some((p) => p.birthDate && p.ageBand),
  'peer in-person locations': (d) =>
    d.peers.some((p) => p.contactPreferences?.inPersonLocations !== undefined),
  'peer with two enrolments': (d) => new Set(d.enrolments.map((e) => e.peerId)).size < d.enrolments.length,
  'enrolment coachPeerContract': (d) => d.enrolments.some((e) => e.documents.coachPeerContract !== undefined),
  'enrolment referral source with organisation': (d) =>
    d.enrolments.some((e) => e.referralSource?.organizationId !== undefined),
  'enrolment open assignment': (d) => d.enrolments.some((e) => e.coachAssignments.some((a) => !a.to)),
  'enrolment open hold': (d) => d.enrolments.some((e) => e.holds.some((h) => !h.to)),
  'enrolment exit with referrals': (d) => d.enrolments.some((e) => (e.exit?.referralsMade.length ?? 0) > 0),
  'enrolment exit reason and notice': (d) =>
    d.enrolments.some((e) => e.exit?.reason && e.exit.referralSourceNoticeSentOn),
  'plan replaces': (d) => d.plans.some((p) => p.replaces !== undefined),
  'plan recordedAt': (d) => d.plans.some((p) => p.recordedAt !== undefined),
  'goal with outcome and target': (d) => d.plans.some((p) => p.goals.some((g) => g.outcome && g.targetDate)),
  'contact remote at an in-person place': (d) =>
    d.contacts.some((c) => c.mode !== 'in-person' && c.location !== 'remote'),
  'contact note without progress note': (d) =>
    d.contacts.some((c) => c.note !== undefined && !c.progressNote),
  'contact permission': (d) => d.contacts.some((c) => c.actingOnBehalfWithPermission !== undefined),
  'contact billable': (d) => d.contacts.some((c) => c.billable !== undefined),
  'contact recordedAt': (d) => d.contacts.some((c) => c.recordedAt !== undefined),
  'contact without activities': (d) => d.contacts.some((c) => c.activities.length === 0),
  'message reply with channel': (d) => d.messages.some((m) => m.repliedAt && m.replyChannel),
  'message reply channel without reply': (d) => d.messages.some((m) => !m.repliedAt && m.replyChannel),
  'referral for continuity not named by an exit': (d) =>
    d.referrals.some(
      (r) => r.forContinuity !== undefined && !d.enrolments.some((e) => e.exit?.referralsMade.includes(r.id)),
    ),
  'referral status': (d) => d.referrals.some((r) => r.status !== undefined),
  'consent without enrolment': (d) => d.consents.some((c) => c.enrolmentId === undefined),
  'consent release of information': (d) => d.consents.some((c) => c.kind === 'release-of-information'),
  'consent revoked': (d) => d.consents.some((c) => c.revokedOn !== undefined),
  'consent period end': (d) => d.consents.some((c) => c.period.end !== undefined),
  'assessment mirc-28': (d) => d.assessments.some((a) => a.instrument === 'mirc-28'),
  'assessment non-integer answer': (d) =>
    d.assessments.some((a) => Object.values(a.answers).some((v) => v !== null && !Number.isInteger(v))),
  'assessment null answer': (d) => d.assessments.some((a) => Object.values(a.answers).includes(null)),
  'calendar holidaySets empty': (d) => d.program.calendar.holidaySets?.length === 0,
  'calendar without holidaySets': (d) => d.program.calendar.holidaySets === undefined,
  'calendar weekend not Sat/Sun': (d) => d.program.calendar.weekendDays.some((x) => x !== 0 && x !== 6),
  'organisation self': (d) => d.organizations.some((o) => o.kind === 'self'),
  'no coaches': (d) => d.coaches.length === 0,
  'zone with quarter-hour offset': (d) => d.program.timeZone === 'Pacific/Chatham',
};

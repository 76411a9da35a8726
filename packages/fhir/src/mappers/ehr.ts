import type {
  ContactRuleProfile,
  MappingProfile,
  ProfileCoding,
  SignatureSourceProfile,
} from '../importing/profile';
import { NPI_SYSTEM } from '../importing/profile';
import { carePlanStatusDecision, encounterStatusDecision } from '../importing/status';
import {
  asArray,
  ext1,
  humanNameOf,
  type ImportContext,
  identifierValue,
  isObj,
  type Json,
  objs,
  periodOf,
  put,
} from './from-fhir';
import { goalFromResource } from './goal';
import { localDateOf } from './to-fhir';

/**
 * True when a resource carries no identifier or tag of any program (this project's namespace): it was written by
 * another system, an EHR.
 *
 * @example
 * isEhrAuthored({ resourceType: 'Encounter', identifier: [{ system: 'http://ehr.example/enc', value: '1' }] }); // true
 */
export function isEhrAuthored(r: Json, programNamespace: string, programTagSystem: string): boolean {
  for (const i of objs(r.identifier))
    if (typeof i.system === 'string' && i.system.startsWith(programNamespace)) return false;
  for (const t of objs(isObj(r.meta) ? r.meta.tag : undefined))
    if (t.system === programTagSystem) return false;
  return true;
}

/** True when any coding of a Coding or CodeableConcept (or list of them) is one of `codes`. */
function hasCode(value: unknown, codes: readonly ProfileCoding[] | undefined): boolean {
  if (codes === undefined) return true;
  for (const v of asArray(value)) {
    if (!isObj(v)) continue;
    for (const c of [v, ...objs(v.coding)])
      if (codes.some((x) => x.system === c.system && x.code === c.code)) return true;
  }
  return false;
}

const localDay = (instant: unknown, timeZone: string): string | undefined =>
  typeof instant === 'string' && !Number.isNaN(Date.parse(instant))
    ? /^\d{4}-\d{2}-\d{2}$/.test(instant)
      ? instant
      : localDateOf(instant, timeZone)
    : undefined;

/** What the EHR mapping adds to the lists of the import, each record with the resource it came from. */
export interface EhrRecords {
  readonly peers: Json[];
  readonly coaches: Json[];
  readonly enrolments: Json[];
  readonly plans: Json[];
  readonly contacts: Json[];
}

/**
 * Reads EHR-authored resources as program records with a mapping profile (see docs/fhir.md, "Mapping profiles"):
 * Patients with the profile's identifier system are peers, Encounters about them that match a contact rule (class,
 * type, service type, participant type) are contacts, in the rule's mode, with the coach matched by NPI or
 * identifier; enrolments come from EpisodeOfCare managed by the program Organization or from the first contact;
 * CarePlans of an action-plan category are plan versions with their Goals, signatures from the profile's sources.
 * Records already present in the program's own data (same peer or coach id) are matched, not duplicated. Each new
 * record is tracked to its resource (`ictx.track`), each resource not used is skipped with a reason
 * (`not-about-a-peer`, `not-a-peer-contact`, status), and a resource that cannot be read is an error for it alone.
 * `existing` holds the records mapped so far from the program's own resources; the result is appended to them.
 * Local days are taken in `timeZone` (the program's; the profile's by default).
 *
 * @example
 * ehrRecordsFromFhir(ictx, profile, (r) => isEhrAuthored(r, ns, tagSystem), mapped, 'America/Chicago');
 */
export function ehrRecordsFromFhir(
  ictx: ImportContext,
  profile: MappingProfile,
  ehr: (r: Json) => boolean,
  existing: Readonly<Record<'peers' | 'coaches' | 'enrolments' | 'plans' | 'contacts', Json[]>>,
  timeZone: string = profile.program.timeZone,
): void {
  const { imp } = ictx;
  const tz = timeZone;
  const programOrgs = new Set(
    imp
      .of('Organization')
      .filter(
        (o) => identifierValue(o, profile.program.organization.system) === profile.program.organization.value,
      ),
  );
  programOrgs.add(ictx.programOrg);

  // Peers: Patients with the profile's identifier system (matched to the program's own peers by id).
  const peerOf = new Map<Json, string>();
  // The program's own Patients and Practitioners are peers and coaches too (an EHR may refer to them).
  for (const p of ictx.records('Patient', 'peer')) peerOf.set(p, ictx.idOf(p, 'peer') as string);
  const knownPeers = new Set(existing.peers.map((p) => p.id as string));
  for (const p of imp.of('Patient').filter(ehr)) {
    const id = identifierValue(p, profile.patients.identifierSystem);
    if (id === undefined) continue;
    peerOf.set(p, id);
    if (knownPeers.has(id)) {
      imp.parts.set(p, peerRecordOrigin(ictx, existing.peers, id) ?? p);
      continue;
    }
    knownPeers.add(id);
    ictx.track('peers', existing.peers.length, p);
    const peer: Json = { id, populations: [...profile.patients.populations] };
    put(peer, 'name', humanNameOf(p.name));
    put(peer, 'gender', typeof p.gender === 'string' ? p.gender : undefined);
    put(peer, 'birthDate', p.birthDate);
    existing.peers.push(peer);
  }
  imp.current = undefined;
  const subjectPeer = (_r: Json, field: unknown): string | undefined => {
    const target = imp.resolve(field);
    return target ? peerOf.get(target) : undefined;
  };

  // Coaches: Practitioners matched by NPI or the profile's identifier systems, made when a contact needs one.
  const systems = [
    ...(profile.practitioners.npi ? [NPI_SYSTEM] : []),
    ...profile.practitioners.identifierSystems,
  ];
  const knownCoaches = new Set(existing.coaches.map((c) => c.id as string));
  const coachOf = (individual: unknown, day: string): string | undefined => {
    let p = imp.resolve(individual);
    if (p?.resourceType === 'PractitionerRole') p = imp.resolve(p.practitioner);
    if (p?.resourceType !== 'Practitioner') return undefined;
    const own = ictx.idOf(p, 'coach');
    if (own !== undefined) return own;
    if (!ehr(p)) return undefined;
    const id = systems.map((s) => identifierValue(p, s)).find((v) => v !== undefined);
    if (id === undefined || knownCoaches.has(id)) return id;
    knownCoaches.add(id);
    const saved = imp.current;
    ictx.track('coaches', existing.coaches.length, p);
    const coach: Json = {
      id,
      personalProgramAttested: false,
      trainings: [],
      agreements: {},
      statusHistory: [{ status: 'active', from: day }],
      incidents: [],
    };
    put(coach, 'name', humanNameOf(p.name));
    existing.coaches.push(coach);
    imp.current = saved;
    return id;
  };

  // Enrolments: EpisodeOfCare managed by the program Organization, or (first-contact) made from the first contact.
  const enrolmentsOf = new Map<string, Json[]>();
  for (const e of existing.enrolments) {
    const list = enrolmentsOf.get(e.peerId as string) ?? [];
    list.push(e);
    enrolmentsOf.set(e.peerId as string, list);
  }
  if (profile.enrolments.from === 'episode-of-care')
    for (const eoc of imp.of('EpisodeOfCare').filter(ehr)) {
      const managed = imp.resolve(eoc.managingOrganization);
      if (!managed || !programOrgs.has(managed)) continue;
      const peerId = subjectPeer(eoc, eoc.patient);
      if (peerId === undefined) {
        ictx.usable(eoc, notAboutAPeer('EpisodeOfCare.patient'));
        continue;
      }
      const idx = existing.enrolments.length;
      ictx.track('enrolments', idx, eoc);
      const enrolment: Json = {
        id: `ehr-${String(eoc.id ?? idx)}`,
        peerId,
        enrolledOn: localDay(periodOf(eoc.period).start, tz),
        documents: {},
        coachAssignments: [],
        stages: [],
        holds: [],
      };
      existing.enrolments.push(enrolment);
      enrolmentsOf.set(peerId, [...(enrolmentsOf.get(peerId) ?? []), enrolment]);
      imp.current = undefined;
    }
  const enrolmentAt = (peerId: string, day: string): Json | undefined =>
    (enrolmentsOf.get(peerId) ?? [])
      .filter((e) => typeof e.enrolledOn === 'string' && e.enrolledOn <= day)
      .sort((a, b) => ((a.enrolledOn as string) < (b.enrolledOn as string) ? 1 : -1))[0];

  // Contacts: Encounters about a peer that a contact rule matches and whose status says they took place.
  const candidates: { enc: Json; peerId: string; rule: ContactRuleProfile; day: string | undefined }[] = [];
  for (const enc of imp.of('Encounter').filter(ehr)) {
    const peerId = subjectPeer(enc, enc.subject);
    if (peerId === undefined) {
      ictx.usable(enc, notAboutAPeer('Encounter.subject'));
      continue;
    }
    const rule = profile.contacts.find(
      (r) =>
        hasCode(enc.class, r.class) &&
        hasCode(enc.type, r.type) &&
        hasCode(enc.serviceType, r.serviceType) &&
        (r.participantType === undefined ||
          objs(enc.participant).some((p) => hasCode(p.type, r.participantType))),
    );
    if (!rule) {
      ictx.usable(enc, {
        use: false,
        reason: 'not-a-peer-contact',
        message:
          'Encounter class, type, service type or participants match no contact rule of the mapping profile',
      });
      continue;
    }
    if (!ictx.usable(enc, encounterStatusDecision(enc.status))) continue;
    candidates.push({ enc, peerId, rule, day: localDay(periodOf(enc.period).start, tz) });
  }
  candidates.sort((a, b) => ((a.day ?? '') < (b.day ?? '') ? -1 : (a.day ?? '') > (b.day ?? '') ? 1 : 0));
  for (const { enc, peerId, rule, day } of candidates) {
    const idx = existing.contacts.length;
    ictx.track('contacts', idx, enc);
    const period = periodOf(enc.period);
    if (day === undefined || typeof period.end !== 'string') {
      imp.issue('error', 'required', 'Encounter.period needs a start and an end to be a contact', {
        resource: enc,
        expression: 'Encounter.period',
      });
      existing.contacts.push({});
      continue;
    }
    const participants = objs(enc.participant);
    const coachParticipant =
      (rule.participantType && participants.find((p) => hasCode(p.type, rule.participantType))) ??
      participants.find((p) => coachOf(p.individual, day) !== undefined);
    const coachId = coachParticipant ? coachOf(coachParticipant.individual, day) : undefined;
    ictx.track('contacts', idx, enc);
    if (coachId === undefined)
      imp.issue('error', 'not-found', 'No participant of the Encounter is a coach by the mapping profile', {
        resource: enc,
        expression: 'Encounter.participant',
      });
    let enrolment = enrolmentAt(peerId, day);
    if (!enrolment && profile.enrolments.from === 'first-contact' && coachId !== undefined) {
      // Made from the contacts, so it has no resource of its own (the report counts it under the Encounter).
      enrolment = {
        id: `ehr-${peerId}`.slice(0, 64),
        peerId,
        enrolledOn: day,
        documents: {},
        coachAssignments: [{ coachId, from: day }],
        stages: [],
        holds: [],
      };
      existing.enrolments.push(enrolment);
      enrolmentsOf.set(peerId, [...(enrolmentsOf.get(peerId) ?? []), enrolment]);
    }
    if (!enrolment)
      imp.issue('error', 'not-found', 'The peer has no enrolment on the day of the Encounter', {
        resource: enc,
        expression: 'Encounter.period.start',
      });
    else if (coachId !== undefined && objs(enrolment.coachAssignments).length === 0)
      enrolment.coachAssignments = [{ coachId, from: enrolment.enrolledOn }];
    existing.contacts.push({
      id: `ehr-${String(enc.id ?? idx)}`.slice(0, 64),
      enrolmentId: enrolment?.id,
      coachId,
      start: period.start,
      end: period.end,
      mode: rule.mode,
      location: rule.location,
      activities: [...rule.activities],
      progressNote: false,
      initiatedBy: rule.initiatedBy,
    });
  }
  imp.current = undefined;

  // Action plans: CarePlans of an action-plan category about a peer, numbered per enrolment by date.
  const plans = profile.actionPlans;
  if (!plans) return;
  const versions: { c: Json; peerId: string; day: string | undefined }[] = [];
  for (const c of imp.of('CarePlan').filter(ehr)) {
    if (!hasCode(c.category, plans.category)) continue;
    const peerId = subjectPeer(c, c.subject);
    if (peerId === undefined) {
      ictx.usable(c, notAboutAPeer('CarePlan.subject'));
      continue;
    }
    if (!ictx.usable(c, carePlanStatusDecision(c.status))) continue;
    versions.push({ c, peerId, day: localDay(c.created ?? periodOf(c.period).start, tz) });
  }
  versions.sort((a, b) => ((a.day ?? '') < (b.day ?? '') ? -1 : (a.day ?? '') > (b.day ?? '') ? 1 : 0));
  const provenances = new Map<Json, Json[]>();
  for (const prov of imp.of('Provenance').filter(ehr))
    for (const t of objs(prov.target)) {
      const target = imp.resolve(t);
      if (target) provenances.set(target, [...(provenances.get(target) ?? []), prov]);
    }
  const planIdOf = new Map<Json, string>();
  for (const { c } of versions) planIdOf.set(c, `ehr-${String(c.id ?? planIdOf.size)}`.slice(0, 64));
  const nextVersion = new Map<string, number>();
  for (const p of existing.plans)
    nextVersion.set(
      p.enrolmentId as string,
      Math.max(nextVersion.get(p.enrolmentId as string) ?? 1, (p.version as number) + 1),
    );
  for (const { c, peerId, day } of versions) {
    const idx = existing.plans.length;
    ictx.track('plans', idx, c);
    const enrolment = day === undefined ? undefined : enrolmentAt(peerId, day);
    if (day === undefined)
      imp.issue('error', 'required', 'CarePlan needs created or period.start to be a plan version', {
        resource: c,
        expression: 'CarePlan.created',
      });
    else if (!enrolment)
      imp.issue('error', 'not-found', 'The peer has no enrolment on the day the CarePlan was created', {
        resource: c,
        expression: 'CarePlan.subject',
      });
    const enrolmentId = enrolment?.id as string | undefined;
    const version = enrolmentId === undefined ? 1 : (nextVersion.get(enrolmentId) ?? 1);
    if (enrolmentId !== undefined) nextVersion.set(enrolmentId, version + 1);
    const plan: Json = { id: planIdOf.get(c), enrolmentId, version, createdOn: day };
    const replaced = imp.resolve(objs(c.replaces)[0]);
    if (replaced && planIdOf.has(replaced)) plan.replaces = planIdOf.get(replaced);
    put(plan, 'signedByPeerAt', signatureAt(ictx, c, plans.signatures.peer, provenances));
    put(plan, 'signedByCoachAt', signatureAt(ictx, c, plans.signatures.coach, provenances));
    plan.goals = objs(c.goal).flatMap((ref, j) => {
      const goal = imp.resolve(ref);
      if (goal?.resourceType !== 'Goal') {
        imp.issue('error', 'not-found', 'Reference does not resolve to a Goal', {
          resource: c,
          expression: `CarePlan.goal[${j}]`,
        });
        return [];
      }
      imp.parts.set(goal, c);
      const g = goalFromResource(ictx, goal, `ehr-${String(goal.id ?? j)}`.slice(0, 64));
      return g ? [g] : [];
    });
    existing.plans.push(plan);
  }
  imp.current = undefined;
}

function notAboutAPeer(expression: string) {
  return {
    use: false as const,
    reason: 'not-about-a-peer' as const,
    message: `${expression} is not a Patient with the peer identifier system of the mapping profile`,
  };
}

function peerRecordOrigin(ictx: ImportContext, peers: Json[], id: string): Json | undefined {
  const i = peers.findIndex((p) => p.id === id);
  return i < 0 ? undefined : ictx.origin.get(`peers[${i}]`);
}

/** A plan signature instant from the profile's source: a Provenance signature of a type, or an extension. */
function signatureAt(
  ictx: ImportContext,
  c: Json,
  source: SignatureSourceProfile,
  provenances: ReadonlyMap<Json, Json[]>,
): string | undefined {
  if ('none' in source) return undefined;
  if ('extension' in source) {
    const v = ext1(c, source.extension)?.valueDateTime;
    return typeof v === 'string' ? v : undefined;
  }
  for (const prov of provenances.get(c) ?? []) {
    for (const sig of objs(prov.signature))
      if (hasCode(sig.type, [source.provenanceSignatureType]) && typeof sig.when === 'string') {
        ictx.imp.parts.set(prov, c);
        return sig.when;
      }
  }
  return undefined;
}

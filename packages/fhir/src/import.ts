import { PROGRAM_DATA_FORMAT, type ProgramData, parseProgramData } from '@peer-recovery/core';
import {
  CANONICAL_BASE,
  CODES,
  CONSENT_PURPOSE_V3,
  EXTENSIONS,
  type IdentifierKind,
  identifierSystem,
  PROGRAM_IDENTIFIER_SYSTEM,
  SYSTEMS,
} from './codes';
import { type FhirIssue, type FhirIssueCode, fhirIssue } from './issues';

/**
 * Options of the importers.
 *
 * @example
 * importBundle(bundle, { programId: 'srp' });
 */
export interface ImportOptions {
  /** Which program to import when the resources hold more than one program Organization. */
  readonly programId?: string;
}

/**
 * The outcome of an import: the program data (parsed and checked with `parseProgramData`) with any warnings, or the
 * issues that stopped it. Issues name the resource type, id and location, never a value from the data.
 *
 * @example
 * const r: ImportResult = importBundle(bundle);
 * if (r.success) console.log(r.data.peers.length);
 */
export type ImportResult =
  | { readonly success: true; readonly data: ProgramData; readonly issues: readonly FhirIssue[] }
  | { readonly success: false; readonly issues: readonly FhirIssue[] };

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const objs = (v: unknown): Json[] => asArray(v).filter(isObj);

interface Item {
  readonly resource: Json;
  readonly fullUrl?: string;
  /** Where the resource came from, for messages: `Bundle.entry[3]`, `Patient.ndjson line 4`. */
  readonly where: string;
}

/** Extensions of a node with a URL. */
const exts = (node: unknown, url: string): Json[] =>
  isObj(node) ? objs(node.extension).filter((e) => e.url === url) : [];
const ext1 = (node: unknown, url: string): Json | undefined => exts(node, url)[0];
/** A code of a given system in a Coding or CodeableConcept (or a list of them). */
function codeIn(value: unknown, system: string): string | undefined {
  for (const v of asArray(value)) {
    if (!isObj(v)) continue;
    if (v.system === system && typeof v.code === 'string') return v.code;
    for (const c of objs(v.coding)) if (c.system === system && typeof c.code === 'string') return c.code;
  }
  return undefined;
}
/** Sets `key` on `target` when `value` is not undefined. */
function put(target: Json, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

class Importer {
  readonly issues: FhirIssue[] = [];
  private readonly byKey = new Map<string, Json>();
  private readonly labels = new Map<Json, { resourceType: string; id?: string }>();
  readonly items: Item[];

  constructor(items: Item[]) {
    this.items = [];
    for (const item of items) {
      const r = item.resource;
      if (typeof r.resourceType !== 'string') {
        this.issue('error', 'structure', `${item.where}: not a FHIR resource (resourceType is missing)`, {});
        continue;
      }
      this.items.push(item);
      const id = typeof r.id === 'string' ? r.id : undefined;
      this.labels.set(r, { resourceType: r.resourceType, ...(id ? { id } : {}) });
      if (item.fullUrl) this.byKey.set(item.fullUrl, r);
      if (id) this.byKey.set(`${r.resourceType}/${id}`, r);
      const abs = item.fullUrl
        ? /([A-Za-z]+\/[A-Za-z0-9.-]{1,64})$/.exec(item.fullUrl.replace(/\/_history\/.*$/, ''))
        : null;
      if (abs?.[1] && !this.byKey.has(abs[1])) this.byKey.set(abs[1], r);
    }
  }

  issue(
    severity: FhirIssue['severity'],
    code: FhirIssueCode,
    message: string,
    where: { resource?: Json; expression?: string },
  ): void {
    const label = where.resource ? this.labels.get(where.resource) : undefined;
    this.issues.push(
      fhirIssue(severity, code, message, {
        resourceType: label?.resourceType,
        id: label?.id,
        expression: where.expression,
      }),
    );
  }

  label(r: Json): { resourceType: string; id?: string } | undefined {
    return this.labels.get(r);
  }

  /** The resource a reference points to (urn:uuid, relative `Type/id`, or absolute URL ending in `Type/id`). */
  resolve(reference: unknown): Json | undefined {
    const raw = isObj(reference) ? reference.reference : undefined;
    if (typeof raw !== 'string') return undefined;
    const direct = this.byKey.get(raw);
    if (direct) return direct;
    const trimmed = raw.replace(/\/_history\/.*$/, '');
    const m = /([A-Za-z]+\/[A-Za-z0-9.-]{1,64})$/.exec(trimmed);
    return m?.[1] ? this.byKey.get(m[1]) : undefined;
  }

  of(resourceType: string): Json[] {
    return this.items.map((i) => i.resource).filter((r) => r.resourceType === resourceType);
  }
}

/** Reads identifiers: the value of the first identifier with the given system. */
function identifierValue(r: Json | undefined, system: string): string | undefined {
  if (!r) return undefined;
  for (const i of objs(r.identifier)) if (i.system === system && typeof i.value === 'string') return i.value;
  return undefined;
}

function humanNameOf(names: unknown): Json | undefined {
  const n = objs(names)[0];
  if (!n) return undefined;
  const out: Json = {};
  put(out, 'text', n.text);
  put(out, 'family', n.family);
  if (Array.isArray(n.given)) out.given = [...n.given];
  return Object.keys(out).length > 0 ? out : undefined;
}

function periodOf(v: unknown): { start?: unknown; end?: unknown } {
  return isObj(v) ? { start: v.start, end: v.end } : {};
}

const REFERRAL_STATUS_FROM_TASK: Record<string, string> = {
  requested: 'made',
  accepted: 'accepted',
  completed: 'completed',
  rejected: 'declined',
};
const V3_PURPOSE: Record<string, string> = Object.fromEntries(
  Object.entries(CONSENT_PURPOSE_V3).map(([purpose, v]) => [v.code, purpose]),
);

function decodeBase64Utf8(data: unknown): string | undefined {
  if (typeof data !== 'string') return undefined;
  return Buffer.from(data, 'base64').toString('utf8');
}

function build(imp: Importer, options: ImportOptions): ImportResult {
  // ---- the program ------------------------------------------------------------------------------------------
  const programs = imp.of('Organization').filter((o) => {
    const v = identifierValue(o, PROGRAM_IDENTIFIER_SYSTEM);
    return v !== undefined && (options.programId === undefined || v === options.programId);
  });
  if (programs.length !== 1) {
    imp.issue(
      'error',
      programs.length === 0 ? 'not-found' : 'duplicate',
      programs.length === 0
        ? 'No program Organization (identifier system <base>/NamingSystem/program) was found'
        : 'More than one program Organization was found: pass options.programId',
      {},
    );
    return { success: false, issues: imp.issues };
  }
  const programOrg = programs[0] as Json;
  const programId = identifierValue(programOrg, PROGRAM_IDENTIFIER_SYSTEM) as string;
  const ns = (kind: IdentifierKind): string => identifierSystem(programId, kind);
  const idOf = (r: Json | undefined, kind: IdentifierKind): string | undefined =>
    identifierValue(r, ns(kind));
  /** Resolves a reference to a record of `kind` and returns its domain id; reports a dangling reference. */
  const refId = (
    from: Json,
    reference: unknown,
    kind: IdentifierKind,
    expression: string,
  ): string | undefined => {
    if (reference === undefined) return undefined;
    const target = imp.resolve(reference);
    const value = idOf(target, kind);
    if (value === undefined)
      imp.issue('error', 'not-found', `Reference does not resolve to a ${kind} record of this program`, {
        resource: from,
        expression,
      });
    return value;
  };
  const records = (resourceType: string, kind: IdentifierKind): Json[] =>
    imp.of(resourceType).filter((r) => idOf(r, kind) !== undefined);
  const origin = new Map<string, Json>();
  const track = (list: string, index: number, r: Json): void => {
    origin.set(`${list}[${index}]`, r);
  };

  const calendar = ext1(programOrg, EXTENSIONS.programCalendar);
  const holidaySetsStated = exts(calendar, 'holidaySetsStated')[0]?.valueBoolean === true;
  const program: Json = {
    id: programId,
    name: programOrg.name,
    timeZone: ext1(programOrg, EXTENSIONS.programTimeZone)?.valueCode,
    calendar: {
      weekendDays: exts(calendar, 'weekendDay').map((e) => e.valueInteger),
      holidays: exts(calendar, 'holiday').map((e) => e.valueDate),
      ...(holidaySetsStated ? { holidaySets: exts(calendar, 'holidaySet').map((e) => e.valueCode) } : {}),
    },
    rulePack: ext1(programOrg, EXTENSIONS.programRulePack)?.valueId,
  };

  // ---- organizations ----------------------------------------------------------------------------------------
  const organizations = records('Organization', 'organization').map((o, i) => {
    track('organizations', i, o);
    return { id: idOf(o, 'organization'), kind: codeIn(o.type, SYSTEMS.organizationKind), name: o.name };
  });

  // ---- coaches ----------------------------------------------------------------------------------------------
  const roles = new Map<string, Json>();
  for (const r of records('PractitionerRole', 'coach-role')) roles.set(idOf(r, 'coach-role') as string, r);
  const coaches = records('Practitioner', 'coach').map((p, i) => {
    track('coaches', i, p);
    const id = idOf(p, 'coach') as string;
    const coach: Json = { id };
    put(coach, 'name', humanNameOf(p.name));
    const role = roles.get(id);
    const telecom: Json = {};
    for (const t of objs(role?.telecom)) {
      if (t.system === 'phone' && telecom.phone === undefined) put(telecom, 'phone', t.value);
      if (t.system === 'email' && telecom.email === undefined) put(telecom, 'email', t.value);
    }
    if (Object.keys(telecom).length > 0) coach.telecom = telecom;
    coach.personalProgramAttested = ext1(p, EXTENSIONS.coachPersonalProgram)?.valueBoolean;
    put(coach, 'recoveryMinimumVerifiedOn', ext1(p, EXTENSIONS.coachRecoveryVerified)?.valueDate);
    coach.trainings = objs(p.qualification)
      .filter((q) => codeIn(q.code, SYSTEMS.training) !== undefined)
      .map((q) => {
        const period = periodOf(q.period);
        const t: Json = { code: codeIn(q.code, SYSTEMS.training), completedOn: period.start };
        put(t, 'expiresOn', period.end);
        return t;
      });
    const interview = ext1(p, EXTENSIONS.coachInterview)?.valueDate;
    if (interview !== undefined) coach.interview = { completedOn: interview };
    const bg = ext1(p, EXTENSIONS.coachBackgroundCheck);
    if (bg) {
      const period = periodOf(bg.valuePeriod);
      const check: Json = { completedOn: period.start };
      put(check, 'expiresOn', period.end);
      coach.backgroundCheck = check;
    }
    const agreements: Json = {};
    for (const a of exts(p, EXTENSIONS.coachAgreement)) {
      const type = exts(a, 'type')[0]?.valueCode;
      if (typeof type === 'string') agreements[type] = exts(a, 'date')[0]?.valueDate;
    }
    coach.agreements = agreements;
    const commitment = ext1(p, EXTENSIONS.coachCommitment);
    if (commitment) {
      const period = periodOf(exts(commitment, 'period')[0]?.valuePeriod);
      coach.commitment = {
        startOn: period.start,
        endOn: period.end,
        extensions: exts(commitment, 'renewal').map((x) => ({
          agreedOn: exts(x, 'agreedOn')[0]?.valueDate,
          untilOn: exts(x, 'untilOn')[0]?.valueDate,
        })),
      };
    }
    coach.statusHistory = exts(p, EXTENSIONS.coachStatus).map((s) => {
      const entry: Json = { status: exts(s, 'status')[0]?.valueCode, from: exts(s, 'from')[0]?.valueDate };
      put(entry, 'writtenNoticeOn', exts(s, 'writtenNoticeOn')[0]?.valueDate);
      return entry;
    });
    coach.incidents = exts(p, EXTENSIONS.coachIncident).map((x) => ({
      id: exts(x, 'id')[0]?.valueId,
      on: exts(x, 'on')[0]?.valueDate,
      kind: exts(x, 'kind')[0]?.valueCode,
    }));
    return coach;
  });

  // ---- peers ------------------------------------------------------------------------------------------------
  const peers = records('Patient', 'peer').map((p, i) => {
    track('peers', i, p);
    const peer: Json = { id: idOf(p, 'peer') };
    const firstName = objs(p.name)[0];
    if (firstName && exts(firstName, EXTENSIONS.dataAbsentReason).length === 0)
      put(peer, 'name', humanNameOf(p.name));
    const genderAbsent = exts(p._gender, EXTENSIONS.dataAbsentReason).length > 0;
    if (!genderAbsent) put(peer, 'gender', p.gender);
    put(peer, 'birthDate', p.birthDate);
    put(peer, 'ageBand', codeIn(ext1(p, EXTENSIONS.ageBand)?.valueCoding, SYSTEMS.ageBand));
    peer.populations = exts(p, EXTENSIONS.targetPopulation).map((e) =>
      codeIn(e.valueCoding, SYSTEMS.targetPopulation),
    );
    const prefs = ext1(p, EXTENSIONS.contactPreferences);
    if (prefs) {
      const out: Json = {
        channels: exts(prefs, 'channel').map((e) => codeIn(e.valueCoding, SYSTEMS.messageChannel)),
      };
      if (exts(prefs, 'inPersonLocationsStated')[0]?.valueBoolean === true)
        out.inPersonLocations = exts(prefs, 'inPersonLocation').map((e) =>
          codeIn(e.valueCoding, SYSTEMS.locationType),
        );
      peer.contactPreferences = out;
    }
    return peer;
  });

  // ---- enrolments -------------------------------------------------------------------------------------------
  const enrolments = records('EpisodeOfCare', 'enrolment').map((e, i) => {
    track('enrolments', i, e);
    const enrolment: Json = { id: idOf(e, 'enrolment') };
    enrolment.peerId = refId(e, e.patient, 'peer', 'EpisodeOfCare.patient');
    const referral = objs(e.referralRequest)
      .map((r) => imp.resolve(r))
      .find((r) => idOf(r, 'program-referral') !== undefined);
    if (referral) {
      put(enrolment, 'referredOn', referral.authoredOn);
      const kind = codeIn(
        ext1(referral, EXTENSIONS.referralSourceKind)?.valueCoding,
        SYSTEMS.organizationKind,
      );
      if (kind !== undefined) {
        const source: Json = { kind };
        const requester = imp.resolve(referral.requester);
        if (requester?.resourceType === 'Organization')
          put(
            source,
            'organizationId',
            refId(referral, referral.requester, 'organization', 'ServiceRequest.requester'),
          );
        enrolment.referralSource = source;
      }
    }
    const period = periodOf(e.period);
    enrolment.enrolledOn = period.start;
    const documents: Json = {};
    const docs = ext1(e, EXTENSIONS.enrolmentDocuments);
    for (const k of ['guidelinesAgreement', 'application', 'assessments', 'confidentialityForms'])
      put(documents, k, exts(docs, k)[0]?.valueDate);
    enrolment.documents = documents;
    enrolment.coachAssignments = exts(e, EXTENSIONS.coachAssignment).map((a, j) => {
      const p = periodOf(exts(a, 'period')[0]?.valuePeriod);
      const out: Json = {
        coachId: refId(
          e,
          exts(a, 'coach')[0]?.valueReference,
          'coach',
          `EpisodeOfCare.extension(coach-assignment)[${j}]`,
        ),
        from: p.start,
      };
      put(out, 'to', p.end);
      return out;
    });
    enrolment.stages = exts(e, EXTENSIONS.recoveryStage).map((s) => ({
      stage: codeIn(exts(s, 'stage')[0]?.valueCoding, SYSTEMS.recoveryStage),
      from: exts(s, 'from')[0]?.valueDate,
    }));
    enrolment.holds = objs(e.statusHistory)
      .filter((h) => h.status === 'onhold')
      .map((h) => {
        const p = periodOf(h.period);
        const out: Json = { from: p.start };
        put(out, 'to', p.end);
        out.reason = codeIn(ext1(h, EXTENSIONS.holdReason)?.valueCoding, SYSTEMS.holdReason);
        return out;
      });
    const exit = ext1(e, EXTENSIONS.enrolmentExit);
    if (exit) {
      const out: Json = {
        on: period.end,
        kind: codeIn(exts(exit, 'kind')[0]?.valueCoding, SYSTEMS.exitKind),
      };
      put(out, 'reason', codeIn(exts(exit, 'reason')[0]?.valueCoding, SYSTEMS.discontinuationReason));
      out.referralsMade = exts(exit, 'referralMade').map((r, j) =>
        refId(e, r.valueReference, 'referral', `EpisodeOfCare.extension(enrolment-exit).referralMade[${j}]`),
      );
      put(out, 'referralSourceNoticeSentOn', exts(exit, 'referralSourceNoticeSentOn')[0]?.valueDate);
      enrolment.exit = out;
    }
    return enrolment;
  });

  // ---- plans and goals --------------------------------------------------------------------------------------
  const signatures = new Map<Json, { peer?: unknown; coach?: unknown }>();
  for (const prov of imp.of('Provenance')) {
    for (const t of objs(prov.target)) {
      const target = imp.resolve(t);
      if (!target) continue;
      const entry = signatures.get(target) ?? {};
      for (const sig of objs(prov.signature)) {
        if (codeIn(sig.type, SYSTEMS.signatureType) === undefined) continue;
        const types = objs(sig.type).map((c) => c.code);
        if (types.includes(CODES.signatureAuthor.code)) entry.peer = sig.when;
        else if (types.includes(CODES.signatureReview.code)) entry.coach = sig.when;
      }
      signatures.set(target, entry);
    }
  }
  const plans = records('CarePlan', 'plan').map((c, i) => {
    track('plans', i, c);
    const planId = idOf(c, 'plan') as string;
    const plan: Json = { id: planId };
    plan.enrolmentId = refId(
      c,
      ext1(c, EXTENSIONS.episodeOfCare)?.valueReference,
      'enrolment',
      'CarePlan.extension(workflow-episodeOfCare)',
    );
    plan.version = ext1(c, EXTENSIONS.planVersion)?.valuePositiveInt;
    const replaces = objs(c.replaces)[0];
    if (replaces) put(plan, 'replaces', refId(c, replaces, 'plan', 'CarePlan.replaces[0]'));
    plan.createdOn = c.created;
    const sig = signatures.get(c);
    put(plan, 'signedByPeerAt', sig?.peer);
    put(plan, 'signedByCoachAt', sig?.coach);
    put(plan, 'recordedAt', ext1(c, EXTENSIONS.recordedAt)?.valueDateTime);
    plan.goals = objs(c.goal).map((g, j) => {
      const goal = imp.resolve(g);
      const key = idOf(goal, 'goal');
      if (!goal || key === undefined) {
        imp.issue('error', 'not-found', 'Reference does not resolve to a goal record of this program', {
          resource: c,
          expression: `CarePlan.goal[${j}]`,
        });
        return {};
      }
      const prefix = `${planId}/`;
      const out: Json = { id: key.startsWith(prefix) ? key.slice(prefix.length) : key };
      out.description = isObj(goal.description) ? goal.description.text : undefined;
      put(out, 'outcome', codeIn(goal.category, SYSTEMS.expectedOutcome));
      put(out, 'targetDate', objs(goal.target)[0]?.dueDate);
      const achievement = codeIn(goal.achievementStatus, SYSTEMS.goalAchievement);
      out.status =
        goal.lifecycleStatus === 'proposed'
          ? 'proposed'
          : goal.lifecycleStatus === 'cancelled'
            ? 'cancelled'
            : goal.lifecycleStatus === 'active'
              ? 'in-progress'
              : goal.lifecycleStatus === 'completed'
                ? achievement === 'not-achieved'
                  ? 'not-achieved'
                  : 'achieved'
                : undefined;
      if (out.status === undefined)
        imp.issue('error', 'code-invalid', 'Goal lifecycleStatus has no domain equivalent', {
          resource: goal,
          expression: 'Goal.lifecycleStatus',
        });
      return out;
    });
    return plan;
  });

  // ---- contacts ---------------------------------------------------------------------------------------------
  const notes = new Map<Json, string | undefined>();
  for (const doc of records('DocumentReference', 'progress-note')) {
    const encounter = imp.resolve(objs(isObj(doc.context) ? doc.context.encounter : undefined)[0]);
    const attachment = objs(doc.content)[0]?.attachment;
    if (encounter) notes.set(encounter, decodeBase64Utf8(isObj(attachment) ? attachment.data : undefined));
  }
  const contacts = records('Encounter', 'contact').map((enc, i) => {
    track('contacts', i, enc);
    const c: Json = { id: idOf(enc, 'contact') };
    c.enrolmentId = refId(enc, objs(enc.episodeOfCare)[0], 'enrolment', 'Encounter.episodeOfCare[0]');
    c.coachId = refId(
      enc,
      objs(enc.participant)[0]?.individual,
      'coach',
      'Encounter.participant[0].individual',
    );
    const period = periodOf(enc.period);
    c.start = period.start;
    c.end = period.end;
    c.mode = codeIn(ext1(enc, EXTENSIONS.contactMode)?.valueCoding, SYSTEMS.contactMode);
    c.location = refId(enc, objs(enc.location)[0]?.location, 'location', 'Encounter.location[0].location');
    c.activities = exts(enc, EXTENSIONS.contactActivity).map((e) => codeIn(e.valueCoding, SYSTEMS.activity));
    put(c, 'actingOnBehalfWithPermission', ext1(enc, EXTENSIONS.actingWithPermission)?.valueBoolean);
    c.progressNote = ext1(enc, EXTENSIONS.progressNote)?.valueBoolean;
    put(c, 'note', notes.get(enc));
    c.initiatedBy = ext1(enc, EXTENSIONS.initiatedBy)?.valueCode;
    put(c, 'billable', ext1(enc, EXTENSIONS.billable)?.valueBoolean);
    put(c, 'recordedAt', ext1(enc, EXTENSIONS.recordedAt)?.valueDateTime);
    return c;
  });

  // ---- messages ---------------------------------------------------------------------------------------------
  const replies = new Map<Json, Json>();
  for (const reply of records('Communication', 'message-reply')) {
    const to = imp.resolve(objs(reply.inResponseTo)[0]);
    if (to) replies.set(to, reply);
    else
      imp.issue('error', 'not-found', 'Reply does not resolve to a message of this program', {
        resource: reply,
        expression: 'Communication.inResponseTo[0]',
      });
  }
  const messages = records('Communication', 'message').map((m, i) => {
    track('messages', i, m);
    const msg: Json = { id: idOf(m, 'message') };
    msg.enrolmentId = refId(
      m,
      ext1(m, EXTENSIONS.episodeOfCare)?.valueReference,
      'enrolment',
      'Communication.extension(workflow-episodeOfCare)',
    );
    msg.receivedAt = m.received;
    msg.channel = codeIn(m.medium, SYSTEMS.messageChannel);
    const reply = replies.get(m);
    if (reply) {
      put(msg, 'repliedAt', reply.sent);
      put(msg, 'replyChannel', codeIn(reply.medium, SYSTEMS.messageChannel));
    } else {
      put(msg, 'replyChannel', codeIn(ext1(m, EXTENSIONS.replyChannel)?.valueCoding, SYSTEMS.messageChannel));
    }
    return msg;
  });

  // ---- referrals --------------------------------------------------------------------------------------------
  const tasks = new Map<Json, Json>();
  for (const t of records('Task', 'referral-task')) {
    const focus = imp.resolve(t.focus);
    if (focus) tasks.set(focus, t);
  }
  const referrals = records('ServiceRequest', 'referral').map((sr, i) => {
    track('referrals', i, sr);
    const r: Json = { id: idOf(sr, 'referral') };
    r.enrolmentId = refId(
      sr,
      ext1(sr, EXTENSIONS.episodeOfCare)?.valueReference,
      'enrolment',
      'ServiceRequest.extension(workflow-episodeOfCare)',
    );
    r.kind = codeIn(sr.code, SYSTEMS.referralKind);
    r.madeOn = sr.authoredOn;
    put(r, 'forContinuity', ext1(sr, EXTENSIONS.forContinuity)?.valueBoolean);
    const task = tasks.get(sr);
    if (task) {
      const status = typeof task.status === 'string' ? REFERRAL_STATUS_FROM_TASK[task.status] : undefined;
      if (status === undefined)
        imp.issue('error', 'code-invalid', 'Task status has no referral status equivalent', {
          resource: task,
          expression: 'Task.status',
        });
      put(r, 'status', status);
    }
    return r;
  });

  // ---- consents ---------------------------------------------------------------------------------------------
  const consents = records('Consent', 'consent').map((c, i) => {
    track('consents', i, c);
    const consent: Json = { id: idOf(c, 'consent') };
    consent.peerId = refId(c, c.patient, 'peer', 'Consent.patient');
    const enrolment = ext1(c, EXTENSIONS.consentEnrolment);
    if (enrolment)
      put(
        consent,
        'enrolmentId',
        refId(c, enrolment.valueReference, 'enrolment', 'Consent.extension(consent-enrolment)'),
      );
    const category = codeIn(c.category, SYSTEMS.loinc);
    consent.kind =
      category === CODES.loincPatientConsent.code
        ? 'confidentiality'
        : category === CODES.loincReleaseOfInformation.code
          ? 'release-of-information'
          : undefined;
    const provision = isObj(c.provision) ? c.provision : {};
    const actor = objs(provision.actor)[0];
    if (actor)
      put(
        consent,
        'recipientOrganizationId',
        refId(c, actor.reference, 'organization', 'Consent.provision.actor[0].reference'),
      );
    consent.purposes = objs(provision.purpose).map((p) =>
      p.system === SYSTEMS.v3ActReason && typeof p.code === 'string'
        ? V3_PURPOSE[p.code]
        : p.system === SYSTEMS.consentPurpose
          ? p.code
          : undefined,
    );
    consent.signedOn = c.dateTime;
    const period = periodOf(provision.period);
    const p: Json = { start: period.start };
    put(p, 'end', period.end);
    consent.period = p;
    put(consent, 'revokedOn', ext1(c, EXTENSIONS.consentRevokedOn)?.valueDate);
    return consent;
  });

  // ---- assessments ------------------------------------------------------------------------------------------
  const qPrefix = `${CANONICAL_BASE}/Questionnaire/`;
  const assessments = records('QuestionnaireResponse', 'assessment').map((q, i) => {
    track('assessments', i, q);
    const a: Json = { id: idOf(q, 'assessment') };
    a.enrolmentId = refId(
      q,
      ext1(q, EXTENSIONS.episodeOfCare)?.valueReference,
      'enrolment',
      'QuestionnaireResponse.extension(workflow-episodeOfCare)',
    );
    a.instrument =
      typeof q.questionnaire === 'string' && q.questionnaire.startsWith(qPrefix)
        ? q.questionnaire.slice(qPrefix.length)
        : undefined;
    a.completedOn = q.authored;
    const answers: Json = {};
    for (const item of objs(q.item)) {
      if (typeof item.linkId !== 'string') continue;
      const answer = objs(item.answer)[0];
      const v = answer?.valueDecimal ?? answer?.valueInteger;
      answers[item.linkId] = typeof v === 'number' ? v : null;
    }
    a.answers = answers;
    return a;
  });

  const candidate = {
    format: PROGRAM_DATA_FORMAT,
    program,
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
  if (imp.issues.some((x) => x.severity === 'error')) return { success: false, issues: imp.issues };
  const parsed = parseProgramData(candidate);
  if (!parsed.success) {
    const issues = parsed.issues.map((di) => {
      const [list, index] = di.path;
      const r =
        typeof list === 'string' && typeof index === 'number'
          ? origin.get(`${list}[${index}]`)
          : list === 'program'
            ? programOrg
            : undefined;
      const label = r ? imp.label(r) : undefined;
      return fhirIssue('error', 'invalid', `Imported data is not valid: ${di.message}`, {
        resourceType: label?.resourceType,
        id: label?.id,
        expression: label?.resourceType,
      });
    });
    return { success: false, issues: [...imp.issues, ...issues] };
  }
  return { success: true, data: parsed.data, issues: imp.issues };
}

function run(items: Item[], options: ImportOptions, early: FhirIssue[]): ImportResult {
  try {
    const imp = new Importer(items);
    imp.issues.unshift(...early);
    if (early.some((i) => i.severity === 'error')) return { success: false, issues: imp.issues };
    return build(imp, options);
  } catch {
    return {
      success: false,
      issues: [...early, fhirIssue('error', 'exception', 'The import failed unexpectedly')],
    };
  }
}

/**
 * Imports program data from a FHIR Bundle: a `transaction` bundle (as written by `toTransactionBundle`, with
 * `urn:uuid:` references), or a `searchset`/`collection` bundle read from a server (relative or absolute
 * references). Records are recognised by their identifier systems (see docs/fhir.md), so ids assigned by a server
 * do not matter. The result is checked with `parseProgramData`. Never throws; issues carry the resource type,
 * id and location, never a value from the data.
 *
 * What cannot come back: the coach's recovery start date (never exported), note text when notes were not
 * exported, goal descriptions that were redacted (the placeholder comes back instead).
 *
 * @example
 * const r = importBundle(toTransactionBundle(exported.resources));
 * if (r.success) console.log(r.data.enrolments.length);
 */
export function importBundle(bundle: unknown, options: ImportOptions = {}): ImportResult {
  if (!isObj(bundle) || bundle.resourceType !== 'Bundle')
    return {
      success: false,
      issues: [fhirIssue('error', 'structure', 'Not a FHIR Bundle', { expression: 'Bundle' })],
    };
  const items: Item[] = [];
  const early: FhirIssue[] = [];
  asArray(bundle.entry).forEach((entry, i) => {
    const where = `Bundle.entry[${i}]`;
    if (!isObj(entry) || !isObj(entry.resource)) {
      early.push(
        fhirIssue('warning', 'structure', 'Bundle entry without a resource was skipped', {
          expression: where,
        }),
      );
      return;
    }
    items.push({
      resource: entry.resource,
      ...(typeof entry.fullUrl === 'string' ? { fullUrl: entry.fullUrl } : {}),
      where,
    });
  });
  return run(items, options, early);
}

/**
 * Imports program data from FHIR Bulk Data NDJSON: one text per resource type (a Map or a plain object, keyed by
 * type or file name), one resource per line; blank lines are skipped. A line that is not JSON is reported with its
 * file and line number (never its content). See {@link importBundle} for the rest.
 *
 * @example
 * const r = importNdjson(toNdjson(exported.resources));
 */
export function importNdjson(
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  options: ImportOptions = {},
): ImportResult {
  const entries: [string, string][] =
    files instanceof Map ? [...files.entries()] : Object.entries(files as Record<string, string>);
  const items: Item[] = [];
  const early: FhirIssue[] = [];
  for (const [name, text] of entries) {
    const safeName = /^[A-Za-z0-9._-]{1,80}$/.test(name) ? name : 'file';
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${safeName} line ${i + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        early.push(fhirIssue('error', 'structure', `${where}: not valid JSON`, { expression: where }));
        return;
      }
      if (!isObj(value)) {
        early.push(fhirIssue('error', 'structure', `${where}: not a JSON object`, { expression: where }));
        return;
      }
      items.push({ resource: value, where });
    });
  }
  return run(items, options, early);
}

/**
 * Imports program data from a list of resources with relative references (for example a server's search results).
 * See {@link importBundle}.
 *
 * @example
 * const r = importResources(exported.resources);
 */
export function importResources(resources: readonly unknown[], options: ImportOptions = {}): ImportResult {
  const items: Item[] = [];
  const early: FhirIssue[] = [];
  resources.forEach((r, i) => {
    if (isObj(r)) items.push({ resource: r, where: `resources[${i}]` });
    else
      early.push(
        fhirIssue('error', 'structure', `resources[${i}]: not a JSON object`, {
          expression: `resources[${i}]`,
        }),
      );
  });
  return run(items, options, early);
}

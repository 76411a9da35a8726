import type { DocumentReference, Encounter, Resource } from '@medplum/fhirtypes';
import type { Contact } from '@peer-recovery/core';
import {
  CODES,
  ENCOUNTER_CLASS_BY_LOCATION,
  ENCOUNTER_CLASS_DISPLAY,
  EXTENSIONS,
  PROFILES,
  SYSTEMS,
} from '../codes';
import { encounterStatusDecision } from '../importing/status';
import {
  codeIn,
  ext1,
  exts,
  type ImportContext,
  Importer,
  isObj,
  type Json,
  objs,
  periodOf,
  put,
} from './from-fhir';
import { coding, concept, type ExportContext, ext, local, ref } from './to-fhir';

function utf8Base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function decodeBase64Utf8(data: unknown): string | undefined {
  if (typeof data !== 'string') return undefined;
  return Buffer.from(data, 'base64').toString('utf8');
}

/**
 * A contact as a US Core Encounter (class by mode and place, H0038 only when billable; `serviceProvider`, must
 * support, the program Organization), and its progress note as a
 * DocumentReference only with `includeNotes`.
 *
 * @example
 * const [encounter] = contactToFhir(exportContext(data, {}), data.contacts[0]);
 */
export function contactToFhir(ctx: ExportContext, c: Contact): Resource[] {
  const subject = ctx.peerOfEnrolment(c.enrolmentId);
  const cls = c.mode === 'in-person' ? ENCOUNTER_CLASS_BY_LOCATION[c.location] : 'VR';
  const encounterId = ctx.id('Encounter', 'contact', c.id);
  const minutes = (Date.parse(c.end) - Date.parse(c.start)) / 60000;
  const encounter: Encounter = {
    resourceType: 'Encounter',
    id: encounterId,
    meta: ctx.meta(true, [PROFILES.usCoreEncounter]),
    extension: [
      ext(EXTENSIONS.contactMode, { valueCoding: local(SYSTEMS.contactMode, c.mode) }),
      ...c.activities.map((a) =>
        ext(EXTENSIONS.contactActivity, { valueCoding: local(SYSTEMS.activity, a) }),
      ),
      ...(c.actingOnBehalfWithPermission === undefined
        ? []
        : [ext(EXTENSIONS.actingWithPermission, { valueBoolean: c.actingOnBehalfWithPermission })]),
      ext(EXTENSIONS.progressNote, { valueBoolean: c.progressNote }),
      ext(EXTENSIONS.initiatedBy, { valueCode: c.initiatedBy }),
      ...(c.billable === undefined ? [] : [ext(EXTENSIONS.billable, { valueBoolean: c.billable })]),
      ...(c.recordedAt === undefined ? [] : [ext(EXTENSIONS.recordedAt, { valueDateTime: c.recordedAt })]),
    ],
    identifier: ctx.identifier('contact', c.id),
    status: 'finished',
    class: { system: SYSTEMS.v3ActCode, code: cls, display: ENCOUNTER_CLASS_DISPLAY[cls] },
    type: [
      concept(coding(CODES.encounterForProblem), 'Peer recovery coaching contact'),
      ...(c.billable === true ? [concept(coding(CODES.hcpcsPeerServices))] : []),
    ],
    serviceType: concept(coding(CODES.serviceTypeCoaching)),
    subject,
    episodeOfCare: [ctx.episodeRef(c.enrolmentId)],
    participant: [{ type: [concept(coding(CODES.primaryPerformer))], individual: ctx.coachRef(c.coachId) }],
    period: { start: c.start, end: c.end },
    length: { value: minutes, unit: 'min', system: SYSTEMS.ucum, code: 'min' },
    location: [{ location: ctx.locationRef(c.location) }],
    serviceProvider: ctx.programRef,
  };
  if (!ctx.options.includeNotes || c.note === undefined) return [encounter];
  const doc: DocumentReference = {
    resourceType: 'DocumentReference',
    id: ctx.id('DocumentReference', 'progress-note', c.id),
    meta: ctx.meta(true),
    identifier: ctx.identifier('progress-note', c.id),
    status: 'current',
    docStatus: 'final',
    type: concept(coding(CODES.loincProgressNote)),
    subject,
    date: c.end,
    author: [ctx.coachRef(c.coachId)],
    content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: utf8Base64(c.note) } }],
    context: { encounter: [ref('Encounter', encounterId)], period: { start: c.start, end: c.end } },
  };
  return [encounter, doc];
}

/**
 * The progress notes of the DocumentReferences read, by the Encounter each points to: the resource when it was
 * read, else the reference key (`Encounter/<id>`) for an Encounter still to come (a streamed import).
 *
 * @example
 * const notes = progressNotes(ictx);
 */
export function progressNotes(ictx: ImportContext): Map<Json | string, string | undefined> {
  const notes = new Map<Json | string, string | undefined>();
  for (const doc of ictx.records('DocumentReference', 'progress-note')) {
    const reference = objs(isObj(doc.context) ? doc.context.encounter : undefined)[0];
    const encounter = ictx.imp.resolve(reference) ?? Importer.referenceKey(reference);
    const attachment = objs(doc.content)[0]?.attachment;
    if (encounter) notes.set(encounter, decodeBase64Utf8(isObj(attachment) ? attachment.data : undefined));
  }
  return notes;
}

/**
 * Reads one contact back from its Encounter (already known to be held, see `encounterStatusDecision`), with its
 * progress note when one was read. Dangling references are reported on the Encounter.
 *
 * @example
 * const contact = contactFromFhir(ictx, encounter, undefined);
 */
export function contactFromFhir(ictx: ImportContext, enc: Json, note: string | undefined): Json {
  const { idOf, refId } = ictx;
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
  put(c, 'note', note);
  c.initiatedBy = ext1(enc, EXTENSIONS.initiatedBy)?.valueCode;
  put(c, 'billable', ext1(enc, EXTENSIONS.billable)?.valueBoolean);
  put(c, 'recordedAt', ext1(enc, EXTENSIONS.recordedAt)?.valueDateTime);
  return c;
}

/**
 * Reads the contacts back from Encounters, with the note of the DocumentReference that points to each. Only a
 * meeting that took place is a contact: an Encounter whose status is `planned`, `cancelled`, `entered-in-error` or
 * `unknown` is skipped (see `encounterStatusDecision`).
 *
 * @example
 * const contacts = contactsFromFhir(ictx);
 */
export function contactsFromFhir(ictx: ImportContext): Json[] {
  const notes = progressNotes(ictx);
  const held = ictx
    .records('Encounter', 'contact')
    .filter((enc) => ictx.usable(enc, encounterStatusDecision(enc.status)));
  return held.map((enc, i) => {
    ictx.track('contacts', i, enc);
    return contactFromFhir(ictx, enc, notes.get(enc));
  });
}

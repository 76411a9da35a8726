import type { Resource } from '@medplum/fhirtypes';
import {
  type InputLimits,
  type InstrumentDefinition,
  type ProgramData,
  parseAsOf,
  parseProgramData,
  type Result,
  type RulePack,
} from '@peer-recovery/core';
import { fastValidateResource } from './compiled-validate';
import { type FhirIssue, fhirIssue } from './issues';
import { planToFhir } from './mappers/care-plan';
import { messageToFhir } from './mappers/communication';
import { consentToFhir } from './mappers/consent';
import { contactToFhir } from './mappers/encounter';
import { enrolmentToFhir } from './mappers/episode-of-care';
import { locationsToFhir } from './mappers/location';
import { organizationToFhir, programToFhir } from './mappers/organization';
import { peerToFhir } from './mappers/patient';
import { coachToFhir } from './mappers/practitioner';
import { assessmentToFhir, instrumentsUsed, questionnairesToFhir } from './mappers/questionnaire-response';
import { referralToFhir } from './mappers/service-request';
import { exportContext } from './mappers/to-fhir';
import { validateResource } from './validate';

export { redactedGoalText } from './mappers/goal';
export { attestedRecoveryMinimum } from './mappers/practitioner';
export { localDateOf } from './mappers/to-fhir';

/**
 * Options of {@link exportProgram}.
 *
 * @example
 * const options: ExportOptions = { asOf: '2026-03-01T00:00:00-08:00', sensitivity: 'SUD', includeNotes: false };
 */
export interface ExportOptions {
  /**
   * The instant (ISO 8601 with offset) as of which statuses are computed: EpisodeOfCare.status and careManager,
   * CarePlan.status, Consent.status, Practitioner.active. Default: the latest state the data records.
   *
   * With `asOf`, a coach whose recovery start date (never exported) shows the rule pack's minimum recovery
   * duration met by that day, and who has no verification recorded on or before it, is exported with
   * `recoveryMinimumVerifiedOn` = the local day of `asOf` (see {@link attestedRecoveryMinimum}), so that the
   * eligibility rule gives the same answer on imported data as of `asOf` and later.
   */
  readonly asOf?: string;
  /**
   * The rule pack whose minimum recovery duration the `asOf` attestation uses (default: the built-in pack named by
   * `program.rulePack`; with neither, no attestation is made).
   */
  readonly pack?: RulePack;
  /** DS4P sensitivity label on substance-use-derived resources: v3-ActCode `ETH` (default) or `SUD`. */
  readonly sensitivity?: 'ETH' | 'SUD';
  /** Also label those resources with the privacy law v3-ActCode `42CFRPart2` (default `true`). */
  readonly part2?: boolean;
  /**
   * Also export each coach's HR records as Practitioner extensions (default `false`): the personal-program and
   * recovery-minimum attestations, interview, background check and conduct incidents. Without it, a coach removed
   * by an incident is exported with a `removed` status entry instead of the incident, and an import of the export
   * says the records are absent. Turn it on to exchange a program with its own server (a round trip that must give
   * the same findings); leave it off for anyone else.
   */
  readonly includeCoachRecords?: boolean;
  /** Export progress-note free text as DocumentReference resources (default `false`: notes stay home). */
  readonly includeNotes?: boolean;
  /**
   * Replace each goal's description (the peer's own words) with a neutral placeholder such as
   * "Goal 2 of action plan version 1", and label the Goal `REDACTED` (default `false`).
   */
  readonly redactFreeText?: boolean;
  /**
   * Also export the instruments (default `true`): one Questionnaire per instrument used by an assessment and known
   * (built-in, or in `instruments`), and one Observation with the total of each assessment that scores (category
   * `survey`, `derivedFrom` its QuestionnaireResponse; none for an incomplete or invalid response). Import ignores
   * both: the answers come back from the QuestionnaireResponses.
   */
  readonly includeInstruments?: boolean;
  /**
   * A program's own instrument definitions, or built-ins with licensed item wording added (`withItemText`); they
   * replace the built-ins with the same id (see `instrumentById` of `@peer-recovery/core`).
   */
  readonly instruments?: readonly InstrumentDefinition[];
  /**
   * Which validator checks every resource: `compiled` (default; {@link fastValidateResource}, checks compiled from
   * the R4 StructureDefinitions, 10x and more faster) or `medplum` ({@link validateResource}, the reference).
   */
  readonly validator?: 'compiled' | 'medplum';
  /**
   * Input limits the program is checked against before it is exported (see `InputLimits` of core; default
   * `DEFAULT_INPUT_LIMITS`), so that data accepted with raised limits can be exported with the same.
   */
  readonly limits?: Partial<InputLimits>;
  /**
   * The order of the resources: `kind` (default) gives all peers, then all enrolments, plans, contacts and so on;
   * `peer` gives the shared resources (the program, organisations, locations, coaches, instruments) first, then each
   * peer's resources together (Patient, enrolments, plans, contacts, messages, referrals, consents, assessments).
   * The same resources either way. With `peer`, every reference between a peer's resources stays within their group,
   * so a stream can be cut into transactions at group ends (see `batchEntries`) without holding the whole export.
   */
  readonly order?: 'kind' | 'peer';
}

/**
 * The outcome of {@link exportProgram} (the library's one `Result` shape): valid resources in `data` (and any warnings), or the issues that stopped the export.
 *
 * @example
 * const r: ExportResult = exportProgram(data);
 * if (r.success) console.log(r.data.length); else console.error(r.issues);
 */
export type ExportResult = Result<Resource[], FhirIssue>;

/**
 * Maps a whole program (domain) to FHIR R4 resources: Organization (the program, with its time zone, calendar and
 * rule pack; and each organisation), Location (one per location type used), Practitioner + PractitionerRole
 * (coaches), Patient (peers), ServiceRequest + Task (the referral into the program, and referrals the coach made),
 * EpisodeOfCare (enrolments), CarePlan + Goal + Provenance (each plan version, its goals and signatures), Encounter
 * (contacts), DocumentReference (notes, only with `includeNotes`), Communication (messages and replies), Consent
 * and QuestionnaireResponse (assessments). Ids are name-based UUIDs, so the output is the same on every run.
 *
 * Privacy: the coach's recovery start date is never exported; references carry no `display`; resources derived from
 * a peer's records carry DS4P labels in `meta.security` (`ETH` or `SUD`, `R`, and `42CFRPart2` unless turned off);
 * notes are exported only on request. Every resource is validated (see `options.validator`); if any fails, the
 * result is a failure with the issues and no resources. Never throws. For large programs, {@link exportProgramStream}
 * gives the same resources one at a time.
 *
 * @example
 * const r = exportProgram(data, { asOf: '2026-03-01T00:00:00Z' });
 * if (r.success) console.log(r.data.map((x) => x.resourceType));
 */
export function exportProgram(data: ProgramData, options: ExportOptions = {}): ExportResult {
  const stream = exportProgramStream(data, options);
  return stream.success ? collectExport(stream.data) : stream;
}

/**
 * Reads a streamed export (see {@link exportProgramStream}) into the shape of {@link exportProgram}: every resource
 * and the issues of their validation, or a failure with those issues when any is an error (or when the export
 * fails unexpectedly). Never throws.
 *
 * @example
 * const s = exportProgramStream(data);
 * const r = s.success ? collectExport(s.data) : s;
 */
export function collectExport(items: Iterable<ExportedResource>): ExportResult {
  const resources: Resource[] = [];
  const issues: FhirIssue[] = [];
  try {
    for (const item of items) {
      resources.push(item.resource);
      for (const i of item.issues) issues.push(i);
    }
  } catch {
    return { success: false, issues: [fhirIssue('error', 'exception', 'The export failed unexpectedly')] };
  }
  if (issues.some((i) => i.severity === 'error')) return { success: false, issues };
  return { success: true, data: resources, issues };
}

/**
 * One resource of {@link exportProgramStream} with the issues its validation found (errors make the export invalid).
 *
 * @example
 * const item: ExportedResource = { resource: { resourceType: 'Patient', id: 'p' }, issues: [] };
 */
export interface ExportedResource {
  readonly resource: Resource;
  readonly issues: readonly FhirIssue[];
}

/**
 * The outcome of {@link exportProgramStream}: the resources, produced and validated one at a time as they are read
 * (an iterable that can be read once), or the issues that stopped the export before any resource was made.
 *
 * @example
 * const r: ExportStreamResult = exportProgramStream(data);
 * if (r.success) for (const { resource } of r.data) write(resource);
 */
export type ExportStreamResult =
  | {
      readonly success: true;
      readonly data: Iterable<ExportedResource>;
      readonly issues: readonly FhirIssue[];
    }
  | { readonly success: false; readonly issues: readonly FhirIssue[] };

/**
 * {@link exportProgram} without holding the export in memory: checks the program and `options.asOf` at once, then
 * yields each resource (same resources, same order) with the issues of its validation. A consumer writes each
 * resource out (see `ndjsonLines` and `transactionBundleChunks`) and stops, or discards what it wrote, at the first
 * error. May throw only while iterating, on an internal failure.
 *
 * @example
 * const r = exportProgramStream(data, { asOf: '2026-03-01T00:00:00Z' });
 * if (r.success) for (const { resource, issues } of r.data) if (issues.length === 0) write(resource);
 */
export function exportProgramStream(data: ProgramData, options: ExportOptions = {}): ExportStreamResult {
  const parsed = parseProgramData(data, options.limits === undefined ? {} : { limits: options.limits });
  if (!parsed.success)
    return {
      success: false,
      issues: parsed.issues.map((i) => fhirIssue('error', 'invalid', i.message, { expression: i.pointer })),
    };
  const d = parsed.data;
  let resolved = options;
  if (options.asOf !== undefined) {
    const asOf = parseAsOf(options.asOf, d.program.timeZone, ['options', 'asOf']);
    if (!asOf.success)
      return {
        success: false,
        issues: asOf.issues.map((i) =>
          fhirIssue('error', 'value', i.message, { expression: 'options.asOf' }),
        ),
      };
    resolved = { ...options, asOf: new Date(asOf.data.ms).toISOString() };
  }
  const validate = options.validator === 'medplum' ? validateResource : fastValidateResource;
  function* items(): Generator<ExportedResource> {
    for (const resource of programResources(d, resolved)) yield { resource, issues: validate(resource) };
  }
  return { success: true, data: items(), issues: [] };
}

/**
 * All resources of a program, in a fixed order: the program and its organisations, locations, coaches, then by
 * kind (peers, enrolments, plans, contacts, messages, referrals, consents, instruments and assessments) or, with
 * `order: 'peer'`, the instruments and then each peer's records together. Each mapper lives in `mappers/` with its
 * inverse.
 */
function* programResources(d: ProgramData, options: ExportOptions): Generator<Resource> {
  const ctx = exportContext(d, options);
  yield programToFhir(ctx);
  for (const o of d.organizations) yield organizationToFhir(ctx, o);
  yield* locationsToFhir(ctx);
  for (const c of d.coaches) yield* coachToFhir(ctx, c);
  const definitions = instrumentsUsed(ctx);
  /** The records of a program or of one peer (the same lists), but for the assessments. */
  function* recordsOf(g: PeerRecords | undefined): Generator<Resource> {
    if (g === undefined) return;
    for (const e of g.enrolments) yield* enrolmentToFhir(ctx, e);
    for (const x of g.plans) yield* planToFhir(ctx, x);
    for (const c of g.contacts) yield* contactToFhir(ctx, c);
    for (const m of g.messages) yield* messageToFhir(ctx, m);
    for (const r of g.referrals) yield* referralToFhir(ctx, r);
    for (const c of g.consents) yield consentToFhir(ctx, c);
  }
  const assessmentsOf = function* (g: PeerRecords | undefined): Generator<Resource> {
    for (const a of g?.assessments ?? []) yield* assessmentToFhir(ctx, a, definitions);
  };
  if (options.order !== 'peer') {
    for (const p of d.peers) yield peerToFhir(ctx, p);
    yield* recordsOf(d);
    yield* questionnairesToFhir(ctx, definitions);
    yield* assessmentsOf(d);
    return;
  }
  yield* questionnairesToFhir(ctx, definitions);
  const groups = recordsByPeer(d);
  for (const p of d.peers) {
    const g = groups.get(p.id);
    yield peerToFhir(ctx, p);
    yield* recordsOf(g);
    yield* assessmentsOf(g);
    groups.delete(p.id);
  }
  // A checked program has no records of an unknown peer or enrolment; were there any, they would still go, last.
  for (const g of groups.values()) {
    yield* recordsOf(g);
    yield* assessmentsOf(g);
  }
}

/** One peer's records, each list in document order. */
interface PeerRecords {
  readonly enrolments: ProgramData['enrolments'][number][];
  readonly plans: ProgramData['plans'][number][];
  readonly contacts: ProgramData['contacts'][number][];
  readonly messages: ProgramData['messages'][number][];
  readonly referrals: ProgramData['referrals'][number][];
  readonly consents: ProgramData['consents'][number][];
  readonly assessments: ProgramData['assessments'][number][];
}

/** The records of a checked program grouped by peer (through their enrolment where they name one). */
function recordsByPeer(d: ProgramData): Map<string, PeerRecords> {
  const groups = new Map<string, PeerRecords>();
  const groupOf = (peerId: string): PeerRecords => {
    let g = groups.get(peerId);
    if (g === undefined) {
      g = {
        enrolments: [],
        plans: [],
        contacts: [],
        messages: [],
        referrals: [],
        consents: [],
        assessments: [],
      };
      groups.set(peerId, g);
    }
    return g;
  };
  const peerOfEnrolment = new Map<string, string>();
  for (const e of d.enrolments) {
    peerOfEnrolment.set(e.id, e.peerId);
    groupOf(e.peerId).enrolments.push(e);
  }
  const byEnrolment = (enrolmentId: string) => groupOf(peerOfEnrolment.get(enrolmentId) ?? '');
  for (const x of d.plans) byEnrolment(x.enrolmentId).plans.push(x);
  for (const c of d.contacts) byEnrolment(c.enrolmentId).contacts.push(c);
  for (const m of d.messages) byEnrolment(m.enrolmentId).messages.push(m);
  for (const r of d.referrals) byEnrolment(r.enrolmentId).referrals.push(r);
  // A consent names its peer and may name an enrolment (whose peer could be another): it goes with the later of
  // the two, so that what it refers to comes before it or in its group.
  const order = new Map(d.peers.map((p, i) => [p.id, i]));
  const later = (a: string, b: string) => ((order.get(b) ?? -1) > (order.get(a) ?? -1) ? b : a);
  for (const c of d.consents)
    groupOf(
      c.enrolmentId === undefined
        ? c.peerId
        : later(c.peerId, peerOfEnrolment.get(c.enrolmentId) ?? c.peerId),
    ).consents.push(c);
  for (const a of d.assessments) byEnrolment(a.enrolmentId).assessments.push(a);
  return groups;
}

import type { Resource } from '@medplum/fhirtypes';
import {
  type InstrumentDefinition,
  type ProgramData,
  parseAsOf,
  parseProgramData,
  type RulePack,
} from '@peer-recovery/core';
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
import { assessmentsToFhir } from './mappers/questionnaire-response';
import { referralToFhir } from './mappers/service-request';
import { exportContext } from './mappers/to-fhir';
import { validateResources } from './validate';

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
}

/**
 * The outcome of {@link exportProgram}: valid resources (and any warnings), or the issues that stopped the export.
 *
 * @example
 * const r: ExportResult = exportProgram(data);
 * if (r.success) console.log(r.resources.length); else console.error(r.issues);
 */
export type ExportResult =
  | { readonly success: true; readonly resources: Resource[]; readonly issues: readonly FhirIssue[] }
  | { readonly success: false; readonly issues: readonly FhirIssue[] };

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
 * notes are exported only on request. Every resource is validated (see `validateResource`); if any fails, the
 * result is a failure with the issues and no resources. Never throws.
 *
 * @example
 * const r = exportProgram(data, { asOf: '2026-03-01T00:00:00Z' });
 * if (r.success) console.log(r.resources.map((x) => x.resourceType));
 */
export function exportProgram(data: ProgramData, options: ExportOptions = {}): ExportResult {
  const parsed = parseProgramData(data);
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

  let resources: Resource[];
  try {
    resources = buildResources(d, resolved);
  } catch {
    return { success: false, issues: [fhirIssue('error', 'exception', 'The export failed unexpectedly')] };
  }
  const issues = validateResources(resources);
  if (issues.some((i) => i.severity === 'error')) return { success: false, issues };
  return { success: true, resources, issues };
}

/**
 * All resources of a program, in a fixed order: the program and its organisations, locations, coaches, peers,
 * enrolments, plans, contacts, messages, referrals, consents, instruments and assessments. Each mapper lives in
 * `mappers/` with its inverse.
 */
function buildResources(d: ProgramData, options: ExportOptions): Resource[] {
  const ctx = exportContext(d, options);
  return [
    programToFhir(ctx),
    ...d.organizations.map((o) => organizationToFhir(ctx, o)),
    ...locationsToFhir(ctx),
    ...d.coaches.flatMap((c) => coachToFhir(ctx, c)),
    ...d.peers.map((p) => peerToFhir(ctx, p)),
    ...d.enrolments.flatMap((e) => enrolmentToFhir(ctx, e)),
    ...d.plans.flatMap((p) => planToFhir(ctx, p)),
    ...d.contacts.flatMap((c) => contactToFhir(ctx, c)),
    ...d.messages.flatMap((m) => messageToFhir(ctx, m)),
    ...d.referrals.flatMap((r) => referralToFhir(ctx, r)),
    ...d.consents.map((c) => consentToFhir(ctx, c)),
    ...assessmentsToFhir(ctx),
  ];
}

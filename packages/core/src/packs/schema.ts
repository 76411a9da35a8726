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
 * EnrolmentDocument.options;
 * // ['guidelinesAgreement', 'application', 'assessments', 'confidentialityForms', 'coachPeerContract']
 */
export const EnrolmentDocument = z.enum([
  'guidelinesAgreement',
  'application',
  'assessments',
  'confidentialityForms',
  'coachPeerContract',
]);
/** An enrolment document key (see {@link EnrolmentDocument}). */
export type EnrolmentDocument = z.infer<typeof EnrolmentDocument>;

/**
 * Agreements a coach signs (the fields of `Coach.agreements`). `personalViews` is the coach's acknowledgement that
 * the views they share are personal, not the program's (guidelines, Peer-Mentor Responsibilities item 5).
 *
 * @example
 * CoachAgreement.parse('mentorship');
 * CoachAgreement.options; // ['volunteer', 'mentorship', 'guidelines', 'personalViews']
 */
export const CoachAgreement = z.enum(['volunteer', 'mentorship', 'guidelines', 'personalViews']);
/** A coach agreement key (see {@link CoachAgreement}). */
export type CoachAgreement = z.infer<typeof CoachAgreement>;

/**
 * The rules whose obligations a hold can pause (a pack's `holdsPause`). Pausing means:
 * - `in-person-contact`: days on hold are not active days, and a month with fewer than `minActiveDaysInMonth`
 *   active days is not applicable (meetings held during a hold still count);
 * - `first-action-plan` and `plan-revision`: the due day moves later by the number of days on hold between the
 *   start of the clock (enrolment, or the last signed version) and the due day, counted again over the added days;
 * - `reply-timeliness`: a message received on a day on hold creates no reply obligation.
 *
 * @example
 * HoldPausedRule.options; // ['in-person-contact', 'first-action-plan', 'plan-revision', 'reply-timeliness']
 */
export const HoldPausedRule = z.enum([
  'in-person-contact',
  'first-action-plan',
  'plan-revision',
  'reply-timeliness',
]);
/** A rule a hold can pause (see {@link HoldPausedRule}). */
export type HoldPausedRule = z.infer<typeof HoldPausedRule>;

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
    personalViewsRequired: Bool.optional(),
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
    writtenContractDeadline: param(PlanDeadline).optional(),
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
 * rule its severity. Serialisable to JSON; load a program's own with {@link parseRulePack}. `holdsPause` names the
 * rules whose obligations a hold pauses (see {@link HoldPausedRule}); a pack that does not set it pauses only
 * `in-person-contact` (see {@link holdsPausedBy}).
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
  holdsPause: param(z.array(HoldPausedRule)).optional(),
  rules: RuleSettings,
});
/** A rule pack (see {@link RulePack}). */
export type RulePack = z.infer<typeof RulePack>;

/**
 * The rules whose obligations a hold pauses under a pack: its `holdsPause`, or `['in-person-contact']` when the pack
 * does not set it (the reading of every pack written before the setting existed).
 *
 * @example
 * holdsPausedBy(srpRecoveryConnect).has('in-person-contact'); // true
 * holdsPausedBy(srpRecoveryConnect).has('reply-timeliness'); // false
 */
export function holdsPausedBy(pack: RulePack): ReadonlySet<HoldPausedRule> {
  return new Set(pack.holdsPause?.value ?? ['in-person-contact']);
}

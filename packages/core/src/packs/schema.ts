import * as z from 'zod';
import { Id } from '../model/primitives';
import { SETTINGS as coachAssignment } from '../rules/coach-assignment/settings';
import { SETTINGS as coachCommitment } from '../rules/coach-commitment/settings';
import { SETTINGS as coachEligibility } from '../rules/coach-eligibility/settings';
import { SETTINGS as crisisFollowUp } from '../rules/crisis-follow-up/settings';
import { SETTINGS as documentation } from '../rules/documentation/settings';
import { SETTINGS as enrolmentPrerequisites } from '../rules/enrolment-prerequisites/settings';
import { SETTINGS as firstActionPlan } from '../rules/first-action-plan/settings';
import { SETTINGS as inPersonContact } from '../rules/in-person-contact/settings';
import { SETTINGS as peerDiscontinuation } from '../rules/peer-discontinuation/settings';
import { SETTINGS as planRevision } from '../rules/plan-revision/settings';
import { SETTINGS as replyTimeliness } from '../rules/reply-timeliness/settings';
import { SETTINGS as serviceExclusions } from '../rules/service-exclusions/settings';
import { param } from './params';

export { CoachAgreement } from '../rules/coach-eligibility/settings';
export { EnrolmentDocument } from '../rules/enrolment-prerequisites/settings';
export { PlanDeadline, param, RuleSeverity } from './params';

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
 * The parameters of every rule, each with its source, and each rule's severity.
 *
 * @example
 * // see builtInPacks for complete packs
 */
export const RuleSettings = z.strictObject({
  'coach-eligibility': coachEligibility,
  'coach-commitment': coachCommitment,
  'coach-assignment': coachAssignment,
  'enrolment-prerequisites': enrolmentPrerequisites,
  'first-action-plan': firstActionPlan,
  'plan-revision': planRevision,
  'in-person-contact': inPersonContact,
  'crisis-follow-up': crisisFollowUp,
  'reply-timeliness': replyTimeliness,
  'service-exclusions': serviceExclusions,
  documentation: documentation,
  'peer-discontinuation': peerDiscontinuation,
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

import * as z from 'zod';
import { Id } from '../../model/primitives';
import { Bool, Count, param, ruleBase } from '../../packs/params';

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
 * The settings of the `coach-eligibility` rule in a rule pack: its severity and source, and each of its parameters with the
 * source it is quoted from. `RuleSettings` (the `rules` of a pack) is assembled from every rule folder's `SETTINGS`.
 *
 * @example
 * RuleSettings.shape['coach-eligibility'] === SETTINGS; // true
 */
export const SETTINGS = z.strictObject({
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
});

import * as z from 'zod';
import { TargetPopulation } from '../../model/vocabulary';
import { Count, PlanDeadline, param, ruleBase } from '../../packs/params';

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
 * The settings of the `enrolment-prerequisites` rule in a rule pack: its severity and source, and each of its parameters with the
 * source it is quoted from. `RuleSettings` (the `rules` of a pack) is assembled from every rule folder's `SETTINGS`.
 *
 * @example
 * RuleSettings.shape['enrolment-prerequisites'] === SETTINGS; // true
 */
export const SETTINGS = z.strictObject({
  ...ruleBase,
  requiredDocuments: param(z.array(EnrolmentDocument)),
  writtenContractDeadline: param(PlanDeadline).optional(),
  eligiblePopulations: param(z.array(TargetPopulation).min(1)),
  adultMinAge: Count(30),
  youthAgeRange: param(z.strictObject({ min: z.int().min(0).max(30), max: z.int().min(0).max(40) })),
});

import * as z from 'zod';
import { ContactMode, RecoveryStage } from '../../model/vocabulary';
import { param, ruleBase } from '../../packs/params';

/**
 * The settings of the `in-person-contact` rule in a rule pack: its severity and source, and each of its parameters with the
 * source it is quoted from. `RuleSettings` (the `rules` of a pack) is assembled from every rule folder's `SETTINGS`.
 *
 * @example
 * RuleSettings.shape['in-person-contact'] === SETTINGS; // true
 */
export const SETTINGS = z.strictObject({
  ...ruleBase,
  minPerMonthByStage: param(z.record(RecoveryStage, z.int().min(0).max(31))),
  startPeriod: param(z.strictObject({ months: z.int().min(0).max(24), minPerMonth: z.int().min(0).max(31) })),
  minActiveDaysInMonth: param(z.int().min(1).max(31)),
  countedModes: param(z.array(ContactMode).min(1)).optional(),
  faceToFaceMinShare: param(z.number().min(0).max(1)).optional(),
});

import * as z from 'zod';
import { param, ruleBase } from '../../packs/params';

/**
 * The settings of the `plan-revision` rule in a rule pack: its severity and source, and each of its parameters with the
 * source it is quoted from. `RuleSettings` (the `rules` of a pack) is assembled from every rule folder's `SETTINGS`.
 *
 * @example
 * RuleSettings.shape['plan-revision'] === SETTINGS; // true
 */
export const SETTINGS = z.strictObject({
  ...ruleBase,
  intervalMonths: param(z.int().min(1).max(24)),
  minGoals: param(z.int().min(1).max(50)),
});

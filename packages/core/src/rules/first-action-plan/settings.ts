import * as z from 'zod';
import { PlanDeadline, param, ruleBase } from '../../packs/params';

/**
 * The settings of the `first-action-plan` rule in a rule pack: its severity and source, and each of its parameters with the
 * source it is quoted from. `RuleSettings` (the `rules` of a pack) is assembled from every rule folder's `SETTINGS`.
 *
 * @example
 * RuleSettings.shape['first-action-plan'] === SETTINGS; // true
 */
export const SETTINGS = z.strictObject({
  ...ruleBase,
  minGoals: param(z.int().min(1).max(50)),
  deadline: param(PlanDeadline),
});

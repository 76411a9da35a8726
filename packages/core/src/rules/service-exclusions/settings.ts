import * as z from 'zod';
import { ActivityCode } from '../../model/vocabulary';
import { param, ruleBase } from '../../packs/params';

/**
 * The settings of the `service-exclusions` rule in a rule pack: its severity and source, and each of its parameters with the
 * source it is quoted from. `RuleSettings` (the `rules` of a pack) is assembled from every rule folder's `SETTINGS`.
 *
 * @example
 * RuleSettings.shape['service-exclusions'] === SETTINGS; // true
 */
export const SETTINGS = z.strictObject({
  ...ruleBase,
  excluded: param(z.array(ActivityCode)),
  excludedAlso: param(z.array(ActivityCode)).optional(),
  requirePermission: param(z.array(ActivityCode)),
});

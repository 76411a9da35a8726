import * as z from 'zod';
import { Bool, Count, ruleBase } from '../../packs/params';

/**
 * The settings of the `coach-commitment` rule in a rule pack: its severity and source, and each of its parameters with the
 * source it is quoted from. `RuleSettings` (the `rules` of a pack) is assembled from every rule folder's `SETTINGS`.
 *
 * @example
 * RuleSettings.shape['coach-commitment'] === SETTINGS; // true
 */
export const SETTINGS = z.strictObject({
  ...ruleBase,
  termMonths: Count(120),
  writtenNoticeRequired: Bool,
  boundaryViolationRemoves: Bool,
  guidelinesBreachRemoves: Bool.optional(),
  extensionNeedsPeerAgreement: Bool.optional(),
});

import * as z from 'zod';
import { Bool, ruleBase } from '../../packs/params';

/**
 * The settings of the `peer-discontinuation` rule in a rule pack: its severity and source, and each of its parameters with the
 * source it is quoted from. `RuleSettings` (the `rules` of a pack) is assembled from every rule folder's `SETTINGS`.
 *
 * @example
 * RuleSettings.shape['peer-discontinuation'] === SETTINGS; // true
 */
export const SETTINGS = z.strictObject({
  ...ruleBase,
  continuityReferralRequired: Bool,
  referralSourceNoticeRequired: Bool,
});

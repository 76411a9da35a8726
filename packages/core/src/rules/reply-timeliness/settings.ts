import * as z from 'zod';
import { Count, ruleBase } from '../../packs/params';

/**
 * The settings of the `reply-timeliness` rule in a rule pack: its severity and source, and each of its parameters with the
 * source it is quoted from. `RuleSettings` (the `rules` of a pack) is assembled from every rule folder's `SETTINGS`.
 *
 * @example
 * RuleSettings.shape['reply-timeliness'] === SETTINGS; // true
 */
export const SETTINGS = z.strictObject({ ...ruleBase, businessDays: Count(30) });

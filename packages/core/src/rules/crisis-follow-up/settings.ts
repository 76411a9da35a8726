import * as z from 'zod';
import { Count, NOT_SET, ruleBase } from '../../packs/params';

/**
 * The settings of the `crisis-follow-up` rule in a rule pack: its severity and source, and each of its parameters with the
 * source it is quoted from. `RuleSettings` (the `rules` of a pack) is assembled from every rule folder's `SETTINGS`.
 *
 * @example
 * RuleSettings.shape['crisis-follow-up'] === SETTINGS; // true
 */
export const SETTINGS = z
  .strictObject({ ...ruleBase, withinDays: Count(90) })
  .default({ ...NOT_SET, withinDays: { value: 7, source: NOT_SET.source } });

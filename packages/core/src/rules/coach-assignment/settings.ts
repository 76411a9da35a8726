import * as z from 'zod';
import { Bool, NOT_SET, ruleBase } from '../../packs/params';

/**
 * The settings of the `coach-assignment` rule in a rule pack: its severity and source, and each of its parameters with the
 * source it is quoted from. `RuleSettings` (the `rules` of a pack) is assembled from every rule folder's `SETTINGS`.
 *
 * @example
 * RuleSettings.shape['coach-assignment'] === SETTINGS; // true
 */
export const SETTINGS = z
  .strictObject({ ...ruleBase, eligibleOnContactDay: Bool, lifeExperienceMatch: Bool })
  .default({
    ...NOT_SET,
    eligibleOnContactDay: { value: false, source: NOT_SET.source },
    lifeExperienceMatch: { value: false, source: NOT_SET.source },
  });

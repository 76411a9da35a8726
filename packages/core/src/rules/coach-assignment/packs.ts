import type * as z from 'zod';
import { choice, prss, srp } from '../../packs/refs';
import type { SETTINGS } from './settings';

type Settings = z.infer<typeof SETTINGS>;

/**
 * The `coach-assignment` settings of the Recovery Connect pack (`srpRecoveryConnect`), each value with its source.
 *
 * @example
 * srpRecoveryConnect.rules['coach-assignment'] === RECOVERY_CONNECT; // true
 */
export const RECOVERY_CONNECT: Settings = {
  severity: 'error',
  source: prss('Service activities', 'the mutual relationship (one on one relationship)'),
  eligibleOnContactDay: {
    value: true,
    source: srp(
      'Participation Requirements, item 1',
      'complete all required training, interviews, and background checks',
    ),
  },
  lifeExperienceMatch: {
    value: false,
    source: choice('Off by default: the program description says coaches "have life experiences similar"'),
  },
};

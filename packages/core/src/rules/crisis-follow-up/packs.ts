import type * as z from 'zod';
import { choice, MENTOR, srp } from '../../packs/refs';
import type { SETTINGS } from './settings';

type Settings = z.infer<typeof SETTINGS>;

/**
 * The `crisis-follow-up` settings of the Recovery Connect pack (`srpRecoveryConnect`), each value with its source.
 *
 * @example
 * srpRecoveryConnect.rules['crisis-follow-up'] === RECOVERY_CONNECT; // true
 */
export const RECOVERY_CONNECT: Settings = {
  severity: 'warning',
  source: srp(`${MENTOR}, item 3`, 'more frequent in the beginning or if necessary'),
  withinDays: {
    value: 7,
    source: choice('Days to contact the peer after a recorded lapse or crisis (item 3: "if necessary")'),
  },
};

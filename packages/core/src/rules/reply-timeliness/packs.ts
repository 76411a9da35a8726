import type * as z from 'zod';
import type { RuleOverride } from '../../packs/params';
import { choice, MENTOR, srp } from '../../packs/refs';
import type { SETTINGS } from './settings';

type Settings = z.infer<typeof SETTINGS>;

/**
 * The `reply-timeliness` settings of the Recovery Connect pack (`srpRecoveryConnect`), each value with its source.
 *
 * @example
 * srpRecoveryConnect.rules['reply-timeliness'] === RECOVERY_CONNECT; // true
 */
export const RECOVERY_CONNECT: Settings = {
  severity: 'warning',
  source: srp(`${MENTOR}, item 4`, 'preferably within one business day'),
  businessDays: { value: 1, source: srp(`${MENTOR}, item 4`, 'within one business day') },
};

/**
 * What the service-definition pack (`prssServiceDefinition`) changes in Recovery Connect's `reply-timeliness` settings.
 *
 * @example
 * derivePack(srpRecoveryConnect, {}, { 'reply-timeliness': SERVICE_DEFINITION });
 */
export const SERVICE_DEFINITION: RuleOverride<Settings> = {
  severity: 'off',
  source: choice('The service definition sets no reply time'),
};

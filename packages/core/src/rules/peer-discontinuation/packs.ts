import type * as z from 'zod';
import type { RuleOverride } from '../../packs/params';
import { choice, srp } from '../../packs/refs';
import type { SETTINGS } from './settings';

type Settings = z.infer<typeof SETTINGS>;

/**
 * The `peer-discontinuation` settings of the Recovery Connect pack (`srpRecoveryConnect`), each value with its source.
 *
 * @example
 * srpRecoveryConnect.rules['peer-discontinuation'] === RECOVERY_CONNECT; // true
 */
export const RECOVERY_CONNECT: Settings = {
  severity: 'error',
  source: srp('Peer Responsibilities, item 4', 'services will be discontinued'),
  continuityReferralRequired: {
    value: true,
    source: srp('Peer Responsibilities, item 4', 'to ensure continuity of services and support'),
  },
  referralSourceNoticeRequired: {
    value: true,
    source: srp('Peer Responsibilities, item 4', "provided to Peer's referral source as applicable"),
  },
};

/**
 * What the service-definition pack (`prssServiceDefinition`) changes in Recovery Connect's `peer-discontinuation` settings.
 *
 * @example
 * derivePack(srpRecoveryConnect, {}, { 'peer-discontinuation': SERVICE_DEFINITION });
 */
export const SERVICE_DEFINITION: RuleOverride<Settings> = {
  severity: 'off',
  source: choice('The service definition has no discontinuation procedure'),
};

import type * as z from 'zod';
import type { RuleOverride } from '../../packs/params';
import { choice, MENTOR, prss, srp } from '../../packs/refs';
import type { SETTINGS } from './settings';

type Settings = z.infer<typeof SETTINGS>;

/**
 * The `first-action-plan` settings of the Recovery Connect pack (`srpRecoveryConnect`), each value with its source.
 *
 * @example
 * srpRecoveryConnect.rules['first-action-plan'] === RECOVERY_CONNECT; // true
 */
export const RECOVERY_CONNECT: Settings = {
  severity: 'error',
  source: srp(`${MENTOR}, item 2`, 'signed by the Peer within one month'),
  minGoals: { value: 3, source: srp(`${MENTOR}, item 2`, 'at least three goals/objectives') },
  deadline: {
    value: { unit: 'days', amount: 30 },
    source: srp(`${MENTOR}, item 2`, 'within one month of entering program'),
  },
};

/**
 * What the service-definition pack (`prssServiceDefinition`) changes in Recovery Connect's `first-action-plan` settings.
 *
 * @example
 * derivePack(srpRecoveryConnect, {}, { 'first-action-plan': SERVICE_DEFINITION });
 */
export const SERVICE_DEFINITION: RuleOverride<Settings> = {
  source: prss('Documentation Requirements', 'Individualized Recovery/Wellness Plans'),
  deadline: { value: { unit: 'days', amount: 30 }, source: choice('First-plan deadline (30 days)') },
  minGoals: { value: 1, source: choice('The service definition sets no minimum number of goals') },
};

import type * as z from 'zod';
import type { RuleOverride } from '../../packs/params';
import { choice, example, MENTOR, prss, srp } from '../../packs/refs';
import type { SETTINGS } from './settings';

type Settings = z.infer<typeof SETTINGS>;

/**
 * The `plan-revision` settings of the Recovery Connect pack (`srpRecoveryConnect`), each value with its source.
 *
 * @example
 * srpRecoveryConnect.rules['plan-revision'] === RECOVERY_CONNECT; // true
 */
export const RECOVERY_CONNECT: Settings = {
  severity: 'error',
  source: srp(`${MENTOR}, item 2`, 'revised every three months'),
  intervalMonths: { value: 3, source: srp(`${MENTOR}, item 2`, 'revised every three months') },
  minGoals: { value: 3, source: srp(`${MENTOR}, item 2`, 'at least three goals/objectives') },
};

/**
 * What the service-definition pack (`prssServiceDefinition`) changes in Recovery Connect's `plan-revision` settings.
 *
 * @example
 * derivePack(srpRecoveryConnect, {}, { 'plan-revision': SERVICE_DEFINITION });
 */
export const SERVICE_DEFINITION: RuleOverride<Settings> = {
  source: prss('Documentation Requirements', 'updated quarterly'),
  intervalMonths: { value: 3, source: prss('Documentation Requirements', 'updated quarterly') },
  minGoals: { value: 1, source: choice('The service definition sets no minimum number of goals') },
};

/**
 * What the illustrative pack (`illustrativeSixMonthReview`) changes in Recovery Connect's `plan-revision` settings.
 *
 * @example
 * derivePack(srpRecoveryConnect, {}, { 'plan-revision': ILLUSTRATIVE });
 */
export const ILLUSTRATIVE: RuleOverride<Settings> = {
  source: example('Plan review interval (example)', 'every 6 months'),
  intervalMonths: { value: 6, source: example('Plan review interval (example)', 'every 6 months') },
};

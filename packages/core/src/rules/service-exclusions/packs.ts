import type * as z from 'zod';
import { prss } from '../../packs/refs';
import type { SETTINGS } from './settings';

type Settings = z.infer<typeof SETTINGS>;

/**
 * The `service-exclusions` settings of the Recovery Connect pack (`srpRecoveryConnect`), each value with its source.
 *
 * @example
 * srpRecoveryConnect.rules['service-exclusions'] === RECOVERY_CONNECT; // true
 */
export const RECOVERY_CONNECT: Settings = {
  severity: 'error',
  source: prss('Service Exclusions', 'should NOT occur'),
  excluded: {
    value: ['clinical-counseling', 'clinical-treatment', 'drug-testing', 'diagnosis', 'giving-advice'],
    source: prss('Service Exclusions', 'drug testing should be avoided'),
  },
  excludedAlso: {
    value: ['trauma-processing'],
    source: {
      document: 'what-is-recovery-coaching',
      section: 'Recovery coaching and therapy',
      quote: 'do not address the past, do not address trauma',
    },
  },
  requirePermission: {
    value: ['advocacy', 'doing-for-peer'],
    source: prss('Service Requirements', 'may give permission ... to perform an activity for them'),
  },
};

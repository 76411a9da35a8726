import type * as z from 'zod';
import type { RuleOverride } from '../../packs/params';
import { prss, srp } from '../../packs/refs';
import type { SETTINGS } from './settings';

type Settings = z.infer<typeof SETTINGS>;

/**
 * The `documentation` settings of the Recovery Connect pack (`srpRecoveryConnect`), each value with its source.
 *
 * @example
 * srpRecoveryConnect.rules['documentation'] === RECOVERY_CONNECT; // true
 */
export const RECOVERY_CONNECT: Settings = {
  severity: 'warning',
  source: srp('Program description', 'documentation regarding progression'),
  progressNotePerContact: {
    value: true,
    source: prss('Documentation Requirements', 'and progress notes'),
  },
};

/**
 * What the service-definition pack (`prssServiceDefinition`) changes in Recovery Connect's `documentation` settings.
 *
 * @example
 * derivePack(srpRecoveryConnect, {}, { 'documentation': SERVICE_DEFINITION });
 */
export const SERVICE_DEFINITION: RuleOverride<Settings> = {
  severity: 'error',
  source: prss('Documentation Requirements', 'and progress notes'),
};

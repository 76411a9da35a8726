import type * as z from 'zod';
import type { RuleOverride } from '../../packs/params';
import { choice, example, MENTOR, prss, srp } from '../../packs/refs';
import type { SETTINGS } from './settings';

type Settings = z.infer<typeof SETTINGS>;

/**
 * The `in-person-contact` settings of the Recovery Connect pack (`srpRecoveryConnect`), each value with its source.
 *
 * @example
 * srpRecoveryConnect.rules['in-person-contact'] === RECOVERY_CONNECT; // true
 */
export const RECOVERY_CONNECT: Settings = {
  severity: 'error',
  source: srp(`${MENTOR}, item 3`, 'In-person meeting with Peer at least once a month'),
  minPerMonthByStage: {
    value: { initiation: 1, stabilization: 1, maintenance: 1 },
    source: srp(`${MENTOR}, item 3`, 'at least once a month'),
  },
  startPeriod: {
    value: { months: 0, minPerMonth: 1 },
    source: choice('None added: item 3 says "more frequent in the beginning" but gives no number'),
  },
  minActiveDaysInMonth: {
    value: 14,
    source: choice('Active days that make a partial month (first, last, or with a hold) count as a month'),
  },
};

/**
 * What the service-definition pack (`prssServiceDefinition`) changes in Recovery Connect's `in-person-contact` settings.
 *
 * @example
 * derivePack(srpRecoveryConnect, {}, { 'in-person-contact': SERVICE_DEFINITION });
 */
export const SERVICE_DEFINITION: RuleOverride<Settings> = {
  source: prss('Recommended Duration', 'no less than monthly'),
  minPerMonthByStage: {
    value: { initiation: 1, stabilization: 1, maintenance: 1 },
    source: prss('Recommended Duration', 'no less than monthly'),
  },
  startPeriod: {
    value: { months: 0, minPerMonth: 1 },
    source: prss('Recommended Duration', 'depends on where the person is in their stage of recovery'),
  },
  countedModes: {
    value: ['in-person', 'phone', 'video', 'text', 'email', 'social-media'],
    source: prss('Service Requirements', 'secondarily by telephone, or via social media'),
  },
  faceToFaceMinShare: {
    value: 0.5,
    source: choice('At least half in person, for "primarily face-to-face" (Service Requirements)'),
  },
};

/**
 * What the illustrative pack (`illustrativeSixMonthReview`) changes in Recovery Connect's `in-person-contact` settings.
 *
 * @example
 * derivePack(srpRecoveryConnect, {}, { 'in-person-contact': ILLUSTRATIVE });
 */
export const ILLUSTRATIVE: RuleOverride<Settings> = {
  startPeriod: {
    value: { months: 3, minPerMonth: 2 },
    source: example('Start period (example)', 'two meetings a month for the first three months'),
  },
};

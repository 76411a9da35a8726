import type * as z from 'zod';
import type { RuleOverride } from '../../packs/params';
import { choice, MENTOR, srp } from '../../packs/refs';
import type { SETTINGS } from './settings';

type Settings = z.infer<typeof SETTINGS>;

/**
 * The `coach-commitment` settings of the Recovery Connect pack (`srpRecoveryConnect`), each value with its source.
 *
 * @example
 * srpRecoveryConnect.rules['coach-commitment'] === RECOVERY_CONNECT; // true
 */
export const RECOVERY_CONNECT: Settings = {
  severity: 'error',
  source: srp(`${MENTOR}, item 8`, 'commitment is for a year'),
  termMonths: { value: 12, source: srp(`${MENTOR}, item 8`, 'commitment is for a year') },
  writtenNoticeRequired: {
    value: true,
    source: srp(`${MENTOR}, item 8`, 'promptly notify ... in writing'),
  },
  boundaryViolationRemoves: {
    value: true,
    source: srp(`${MENTOR}, item 6`, 'an emotional or sexual relationship'),
  },
  guidelinesBreachRemoves: {
    value: true,
    source: srp(`${MENTOR}, item 7`, 'Failure to adhere to these guidelines will result in'),
  },
  extensionNeedsPeerAgreement: { value: true, source: srp(`${MENTOR}, item 8`, 'if agreeable to Peer') },
};

/**
 * What the service-definition pack (`prssServiceDefinition`) changes in Recovery Connect's `coach-commitment` settings.
 *
 * @example
 * derivePack(srpRecoveryConnect, {}, { 'coach-commitment': SERVICE_DEFINITION });
 */
export const SERVICE_DEFINITION: RuleOverride<Settings> = {
  termMonths: { value: 0, source: choice('No commitment term: the service definition sets none') },
};

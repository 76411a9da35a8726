import type * as z from 'zod';
import type { RuleOverride } from '../../packs/params';
import { choice, MENTOR, prss, srp } from '../../packs/refs';
import type { SETTINGS } from './settings';

type Settings = z.infer<typeof SETTINGS>;

/**
 * The `coach-eligibility` settings of the Recovery Connect pack (`srpRecoveryConnect`), each value with its source.
 *
 * @example
 * srpRecoveryConnect.rules['coach-eligibility'] === RECOVERY_CONNECT; // true
 */
export const RECOVERY_CONNECT: Settings = {
  severity: 'error',
  source: srp(
    'Participation Requirements, item 1',
    'complete all required training, interviews, and background checks',
  ),
  minRecoveryYears: { value: 2, source: srp('Program description', 'min 2 years') },
  recoveryReattestMonths: {
    value: 0,
    source: choice('Re-attestation interval for "maintain their personal recovery" (item 1): none set, off'),
  },
  personalProgramRequired: {
    value: true,
    source: srp('Program description', 'have a personal program of their own'),
  },
  requiredTrainings: {
    value: ['core-training'],
    source: srp('Participation Requirements, item 1', 'complete all required training'),
  },
  interviewRequired: { value: true, source: srp('Participation Requirements, item 1', 'interviews') },
  backgroundCheckRequired: {
    value: true,
    source: srp('Participation Requirements, item 1', 'background checks'),
  },
  requiredAgreements: {
    value: ['volunteer', 'mentorship', 'guidelines'],
    source: srp('Participation Requirements, item 1', 'agree to provide mentorship services'),
  },
  personalViewsRequired: {
    value: true,
    source: srp(`${MENTOR}, item 5`, 'acknowledges that any views ... are personal'),
  },
};

/**
 * What the service-definition pack (`prssServiceDefinition`) changes in Recovery Connect's `coach-eligibility` settings.
 *
 * @example
 * derivePack(srpRecoveryConnect, {}, { 'coach-eligibility': SERVICE_DEFINITION });
 */
export const SERVICE_DEFINITION: RuleOverride<Settings> = {
  source: prss('Staffing Requirements', 'lived experience in recovery'),
  minRecoveryYears: { value: 0, source: prss('Staffing Requirements', 'lived experience in recovery') },
  personalProgramRequired: { value: false, source: choice('Not required by the service definition') },
  requiredTrainings: {
    value: ['core-training'],
    source: prss('Staffing Requirements', 'core competencies'),
  },
  interviewRequired: { value: false, source: choice('Not required by the service definition') },
  backgroundCheckRequired: { value: false, source: choice('Not required by the service definition') },
  requiredAgreements: { value: [], source: choice('Not required by the service definition') },
  personalViewsRequired: { value: false, source: choice('Not required by the service definition') },
  livedExperienceRequired: {
    value: true,
    source: prss('Staffing Requirements', 'Providers should have lived experience in recovery'),
  },
};

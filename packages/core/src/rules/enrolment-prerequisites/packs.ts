import type * as z from 'zod';
import type { RuleOverride } from '../../packs/params';
import { choice, MENTOR, prss, srp } from '../../packs/refs';
import type { SETTINGS } from './settings';

type Settings = z.infer<typeof SETTINGS>;

/**
 * The `enrolment-prerequisites` settings of the Recovery Connect pack (`srpRecoveryConnect`), each value with its source.
 *
 * @example
 * srpRecoveryConnect.rules['enrolment-prerequisites'] === RECOVERY_CONNECT; // true
 */
export const RECOVERY_CONNECT: Settings = {
  severity: 'error',
  source: srp(
    'Participation Requirements, item 2',
    'complete all required applications, assessments, and confidentiality forms',
  ),
  requiredDocuments: {
    value: ['guidelinesAgreement', 'application', 'assessments', 'confidentialityForms'],
    source: srp('Participation Requirements, item 2', 'understand and agree to the program guidelines'),
  },
  writtenContractDeadline: {
    value: { unit: 'days', amount: 30 },
    source: srp(`${MENTOR}, item 2`, 'written contracts and Action Plans ... within one month'),
  },
  eligiblePopulations: {
    value: ['adult-substance-use-disorder', 'adult-self-identified', 'transitional-age-youth'],
    source: prss('Target Population', 'adults who self-identify ... transitional aged youth'),
  },
  adultMinAge: {
    value: 18,
    source: choice('Age at which a peer counts as an adult (the service definition says "Adults")'),
  },
  youthAgeRange: {
    value: { min: 16, max: 25 },
    source: choice('Ages of the service definition\'s "transitional aged youth", which it does not give'),
  },
};

/**
 * What the service-definition pack (`prssServiceDefinition`) changes in Recovery Connect's `enrolment-prerequisites` settings.
 *
 * @example
 * derivePack(srpRecoveryConnect, {}, { 'enrolment-prerequisites': SERVICE_DEFINITION });
 */
export const SERVICE_DEFINITION: RuleOverride<Settings> = {
  source: prss(
    'Target Population',
    'Adults with serious mental illness and/or a chronic substance use disorder',
  ),
  requiredDocuments: {
    value: [],
    source: choice('No enrolment documents named by the service definition'),
  },
  writtenContractDeadline: undefined,
  eligiblePopulations: {
    value: [
      'adult-serious-mental-illness',
      'adult-substance-use-disorder',
      'adult-self-identified',
      'transitional-age-youth',
    ],
    source: prss('Target Population', 'transitional aged youth'),
  },
};

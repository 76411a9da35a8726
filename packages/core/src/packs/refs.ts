import type { SourceRef } from './sources';

/**
 * Cites the Recovery Connect program guidelines (Solano Recovery Project). Used by the rule folders' `packs.ts`.
 *
 * @example
 * srp('Peer-Mentor Responsibilities, item 2', 'within one month').document; // 'srp-guidelines'
 */
export const srp = (section: string, quote: string): SourceRef => ({
  document: 'srp-guidelines',
  section,
  quote,
});

/**
 * Cites the Peer Recovery Support Coaching service definition.
 *
 * @example
 * prss('Documentation Requirements', 'updated quarterly').document; // 'prss-service-definition'
 */
export const prss = (section: string, quote: string): SourceRef => ({
  document: 'prss-service-definition',
  section,
  quote,
});

/**
 * Marks a value as the program's choice (no number in the sources); `section` says what was chosen.
 *
 * @example
 * choice('Not required by the service definition').document; // 'program-choice'
 */
export const choice = (section: string, quote = ''): SourceRef => ({
  document: 'program-choice',
  section,
  quote,
});

/**
 * Cites an illustrative example (a number chosen to show how packs vary; not any program or state rule).
 *
 * @example
 * example('Plan review interval (example)', 'every 6 months').document; // 'illustrative-example'
 */
export const example = (section: string, quote: string): SourceRef => ({
  document: 'illustrative-example',
  section,
  quote,
});

/**
 * The section of the Recovery Connect guidelines most rules cite, followed by `, item N`.
 *
 * @example
 * srp(`${MENTOR}, item 8`, 'commitment is for a year');
 */
export const MENTOR = 'Peer-Mentor Responsibilities';

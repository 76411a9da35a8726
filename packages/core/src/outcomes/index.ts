/**
 * Outcomes and the research toolkit: expected outcomes mapped to SAMHSA NOMs domains, outcome instruments as data
 * with a scorer (BARC-10, CDC HRQOL-4), assessment schedules with windows and follow-up rates, and outcome
 * summaries, and streaming validation of assessment, enrolment and contact data sets.
 *
 * @module
 */
export * from './codebook';
export * from './dataset';
export * from './expected-outcomes';
export * from './export';
export * from './instrument';
export * from './instruments';
export * from './mapping';
export * from './schedule';
export * from './score';
export * from './statistics';
export * from './summary';
export * from './suppress';

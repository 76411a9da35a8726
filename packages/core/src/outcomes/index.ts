/**
 * Outcomes and the research toolkit: expected outcomes mapped to SAMHSA NOMs domains, outcome instruments as data
 * with a scorer (BARC-10, CDC HRQOL-4), assessment schedules with windows and follow-up rates, and outcome
 * summaries.
 *
 * @module
 */
export * from './expected-outcomes';
export * from './instrument';
export * from './instruments';
export * from './schedule';
export * from './score';
export * from './summary';

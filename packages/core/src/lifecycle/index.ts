/**
 * Lifecycles of enrolments and coaches: `match([state, event])` reducers that return results instead of throwing,
 * and derivations of the state on a date from a stored record.
 *
 * @module
 */
export * from './coach';
export * from './enrolment';
export * from './result';

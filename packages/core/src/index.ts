/**
 * `@peer-recovery/core`: the rules of peer recovery coaching programs as pure, typed functions.
 *
 * @packageDocumentation
 */
export * from './model/index';

/**
 * `@peer-recovery/core`: the rules of peer recovery coaching programs as pure, typed functions.
 *
 * @packageDocumentation
 */

export * from './calendar/index';
export * from './disclosure/index';
export * from './lifecycle/index';
export * from './model/index';
export * from './outcomes/index';
export * from './packs/index';
export * from './rules/index';
export * from './synthetic/index';

/**
 * `@peer-recovery/core/limits`: the input limits and their defaults (also exported by the main entry), in an entry
 * that loads nothing else, for a command line that shows them in its help without loading the library.
 *
 * @example
 * import { DEFAULT_INPUT_LIMITS, INPUT_LIMIT_NAMES } from '@peer-recovery/core/limits';
 * INPUT_LIMIT_NAMES.map((n) => `${n}=${DEFAULT_INPUT_LIMITS[n]}`).join(', ');
 *
 * @module
 */
export { DEFAULT_INPUT_LIMITS, INPUT_LIMIT_NAMES, type InputLimits } from './model/limit-defaults';

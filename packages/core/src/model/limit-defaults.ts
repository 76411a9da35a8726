/**
 * The input limits and their defaults, with no other code: the command line reads them for its help text without
 * loading the rest of the library (`@peer-recovery/core/limits`). The checks that apply them are in `limits.ts`.
 *
 * @module
 */

/**
 * The size and plausibility limits of input, in one place: checked when a program is parsed (and, for the file
 * size, when the command line reads a file). A value over a limit is a `limit-exceeded` error that names the limit
 * and the path; a date outside the plausible years is an `implausible-date` error. Each limit can be raised (or
 * lowered) per call: `parseProgramData(value, { limits: { maxStringLength: 100_000 } })`, or on the command line
 * `--limit maxStringLength=100000`.
 *
 * - `maxStringLength`: characters in any one string (names, notes, descriptions, telecom, ...). Fields with a
 *   narrower limit of their own in the schema (for example `program.name`, 200) keep it.
 * - `maxListLength`: items in any one list (peers, contacts, goals, holidays, ...).
 * - `maxFileBytes`: bytes of one input file (the command line).
 * - `minYear`, `maxYear`: the plausible years of every date and instant (a birth date in year 0000 or an enrolment on
 *   9999-12-31 is a typing error, not data).
 *
 * @example
 * const limits: InputLimits = { ...DEFAULT_INPUT_LIMITS, maxStringLength: 100_000 };
 */
export interface InputLimits {
  readonly maxStringLength: number;
  readonly maxListLength: number;
  readonly maxFileBytes: number;
  readonly minYear: number;
  readonly maxYear: number;
}

/**
 * The default {@link InputLimits}: 20,000 characters per string (the longest progress note the schema allows),
 * 1,000,000 items per list, 512 MiB per file, years 1900 to 2200.
 *
 * @example
 * DEFAULT_INPUT_LIMITS.maxStringLength; // 20000
 */
export const DEFAULT_INPUT_LIMITS: InputLimits = Object.freeze({
  maxStringLength: 20_000,
  maxListLength: 1_000_000,
  maxFileBytes: 512 * 1024 * 1024,
  minYear: 1900,
  maxYear: 2200,
});

/**
 * The names of the {@link InputLimits}, for options that set them by name.
 *
 * @example
 * INPUT_LIMIT_NAMES.includes('maxStringLength'); // true
 */
export const INPUT_LIMIT_NAMES = Object.freeze(
  Object.keys(DEFAULT_INPUT_LIMITS),
) as readonly (keyof InputLimits)[];

import { daysFromCivil, fromDayNumber, parseLocalDateParts } from '../calendar/localDate';
/**
 * Day numbers on `YYYY-MM-DD` strings for the outcomes module (days since 1970-01-01, no zone, no clock), built on
 * the calendar module's civil-date arithmetic; total on any input. Not re-exported.
 *
 * @internal
 */

/**
 * The day number of a `YYYY-MM-DD` date (1970-01-01 is 0), or `null` when the value is not a real calendar date.
 * Never throws, whatever the input. Built on the calendar module's civil-date arithmetic.
 *
 * @internal
 * @example
 * dayNumber('1970-01-02'); // 1
 * dayNumber('2023-02-29'); // null
 */
export function dayNumber(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const parts = parseLocalDateParts(value);
  return parts === undefined ? null : daysFromCivil(parts[0], parts[1], parts[2]);
}

/**
 * The `YYYY-MM-DD` date of a day number (inverse of {@link dayNumber} for years 0000-9999).
 *
 * @internal
 * @example
 * dateOfDay(0); // '1970-01-01'
 */
export const dateOfDay: (day: number) => string = fromDayNumber;

import { fromDayNumber, parseLocalDateParts, toDayNumber } from '../calendar/localDate';
import { LocalDate } from '../model/primitives';

const MAX_DAY = toDayNumber('9999-12-31');
const MIN_DAY = toDayNumber('0000-01-01');

/**
 * True when `value` is a real calendar date `YYYY-MM-DD` (internal helper of the lifecycles).
 *
 * @example
 * isLocalDate('2024-02-29'); // true
 * isLocalDate('2023-02-29'); // false
 */
export function isLocalDate(value: unknown): value is LocalDate {
  return LocalDate.safeParse(value).success;
}

/**
 * Adds `days` (may be negative) to a calendar date, in the proleptic Gregorian calendar, with no time zone.
 * Years stay within 0000-9999: a result outside that range is clamped to the nearest end.
 *
 * @example
 * addDaysToLocalDate('2024-02-28', 1); // '2024-02-29'
 * addDaysToLocalDate('2024-03-01', -1); // '2024-02-29'
 */
export function addDaysToLocalDate(date: LocalDate, days: number): LocalDate {
  // Total: a string that is not a real date comes back unchanged (the transition then refuses it as invalid).
  if (parseLocalDateParts(date) === undefined || !Number.isFinite(days)) return date;
  const n = toDayNumber(date) + Math.trunc(days);
  if (n > MAX_DAY) return '9999-12-31';
  if (n < MIN_DAY) return '0000-01-01';
  return fromDayNumber(n);
}

/**
 * The later of two calendar dates (ISO dates compare as strings).
 *
 * @example
 * laterDate('2026-01-31', '2026-02-01'); // '2026-02-01'
 */
export function laterDate(a: LocalDate, b: LocalDate): LocalDate {
  return a < b ? b : a;
}

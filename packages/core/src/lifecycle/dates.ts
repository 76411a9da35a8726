import { LocalDate } from '../model/primitives';

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
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const t = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  t.setUTCFullYear(y, m - 1, d + days);
  const year = t.getUTCFullYear();
  if (year > 9999) return '9999-12-31';
  if (year < 0) return '0000-01-01';
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
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

import type { LocalDate } from '../model/index';

/**
 * Pure arithmetic on calendar dates (`YYYY-MM-DD`, no zone). Dates are converted to a day number (days since
 * 1970-01-01 in the proleptic Gregorian calendar) with integer formulas, so no `Date` object, no zone and no
 * two-digit-year quirk of `Date.UTC` is involved. Supported range: years 0000 to 9999, the range of `LocalDate`.
 *
 * Invalid input is a programmer error (parse data with the model's schemas first): a string that is not a real
 * `YYYY-MM-DD` date, a non-integer count, or a result outside years 0000–9999 throws a `RangeError` whose message
 * never contains the offending value (dates may be personal data, e.g. a date of birth).
 */

/**
 * Milliseconds in a day of 24 hours (a UTC day; local days may be 23 or 25 hours long).
 *
 * @example
 * MS_PER_DAY; // 86400000
 */
export const MS_PER_DAY = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * True when `year` is a Gregorian leap year.
 *
 * @example
 * isLeapYear(2024); // true
 * isLeapYear(2100); // false
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Number of days in `month` (1–12) of `year`.
 *
 * @example
 * monthLength(2024, 2); // 29
 */
export function monthLength(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 31);
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (month 1–12); valid for any integer year.
 *
 * @example
 * daysFromCivil(1970, 1, 2); // 1
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The `[year, month (1–12), day]` of a day number (days since 1970-01-01).
 *
 * @example
 * civilFromDays(-1); // [1969, 12, 31]
 */
export function civilFromDays(days: number): [number, number, number] {
  const packed = packedCivil(days);
  const year = Math.floor(packed / 10_000);
  const md = packed - year * 10_000;
  return [year, Math.floor(md / 100), md % 100];
}

/**
 * The civil date of a day number as one integer, `year * 10000 + month * 100 + day` (no array: the hot paths
 * below unpack it); for negative years too, since `month * 100 + day` is always below 10000.
 */
function packedCivil(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (month <= 2 ? 1 : 0)) * 10_000 + month * 100 + day;
}

/**
 * The month key (`year * 12 + month - 1`) of a day number: the month of `civilFromDays(days)` as one integer, so
 * that consecutive months have consecutive keys. No array is made (a hot path).
 *
 * @example
 * monthKeyOfDay(daysFromCivil(2026, 1, 31)); // 24312 (2026 * 12 + 0)
 */
export function monthKeyOfDay(days: number): number {
  const packed = packedCivil(days);
  const year = Math.floor(packed / 10_000);
  return year * 12 + Math.floor((packed - year * 10_000) / 100) - 1;
}

/** Day numbers of 0000-01-01 and 9999-12-31, the range of `LocalDate`. */
const MIN_DAY = daysFromCivil(0, 1, 1);
const MAX_DAY = daysFromCivil(9999, 12, 31);

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/**
 * Parses `YYYY-MM-DD` into `[year, month, day]`, or `undefined` when it is not a real calendar date.
 *
 * @example
 * parseLocalDateParts('2024-02-29'); // [2024, 2, 29]
 * parseLocalDateParts('2023-02-29'); // undefined
 */
export function parseLocalDateParts(date: string): [number, number, number] | undefined {
  if (typeof date !== 'string' || date.length !== 10 || date[4] !== '-' || date[7] !== '-') return undefined;
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const month = digit(date, 5) * 10 + digit(date, 6);
  const day = digit(date, 8) * 10 + digit(date, 9);
  // NaN fails every comparison below.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= monthLength(year, month))) return undefined;
  return [year, month, day];
}

/**
 * The day number (days since 1970-01-01) of a `LocalDate`; throws a `RangeError` when it is not a real date.
 *
 * @example
 * toDayNumber('1970-01-11'); // 10
 */
export function toDayNumber(date: LocalDate): number {
  const days = dayNumberOf(date);
  if (days === undefined) throw new RangeError('Invalid LocalDate: expected a real calendar date YYYY-MM-DD');
  return days;
}

/**
 * True when `value` is a real calendar date `YYYY-MM-DD` with four ASCII digits of year, two of month and two of day
 * (the dates the model's `LocalDate` schema accepts), checked without making an array or running a pattern.
 *
 * @example
 * isRealLocalDate('2024-02-29'); // true
 * isRealLocalDate('2023-02-29'); // false
 */
export function isRealLocalDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const days = dayNumberOf(value);
  return days !== undefined && !Number.isNaN(days);
}

/**
 * `daysFromCivil` of the parts {@link parseLocalDateParts} reads, or undefined when it reads none: the same checks,
 * without making the parts array (a hot path: rules turn many dates into day numbers).
 */
function dayNumberOf(date: string): number | undefined {
  if (
    typeof date !== 'string' ||
    date.length !== 10 ||
    date.charCodeAt(4) !== 45 ||
    date.charCodeAt(7) !== 45
  )
    return undefined;
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const month = digit(date, 5) * 10 + digit(date, 6);
  const day = digit(date, 8) * 10 + digit(date, 9);
  // NaN fails every comparison below.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= monthLength(year, month))) return undefined;
  return daysFromCivil(year, month, day);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return n < 10 ? `000${n}` : n < 100 ? `00${n}` : n < 1000 ? `0${n}` : String(n);
}

/**
 * Formats year and month (1–12) as `YYYY-MM`; throws a `RangeError` outside years 0000–9999.
 *
 * @example
 * formatYearMonth(812, 3); // '0812-03'
 */
export function formatYearMonth(year: number, month: number): string {
  if (!(year >= 0 && year <= 9999)) {
    throw new RangeError('Date out of range: LocalDate supports years 0000 to 9999');
  }
  return `${pad4(year)}-${pad2(month)}`;
}

/**
 * The `LocalDate` of a day number; throws a `RangeError` outside years 0000–9999.
 *
 * @example
 * fromDayNumber(10); // '1970-01-11'
 */
export function fromDayNumber(days: number): LocalDate {
  if (!(days >= MIN_DAY && days <= MAX_DAY)) {
    throw new RangeError('Date out of range: LocalDate supports years 0000 to 9999');
  }
  const packed = packedCivil(days);
  const year = Math.floor(packed / 10_000);
  const md = packed - year * 10_000;
  const month = Math.floor(md / 100);
  const day = md % 100;
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

function requireInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Invalid ${what}: expected a safe integer`);
}

/**
 * The date `days` calendar days after `date` (before it when negative). Pure date arithmetic: no zone, no
 * daylight-saving time. Throws a `RangeError` for an invalid date, a non-integer count, or a result outside
 * years 0000–9999.
 *
 * @example
 * addDays('2024-02-28', 1); // '2024-02-29'
 * addDays('2026-03-01', -1); // '2026-02-28'
 */
export function addDays(date: LocalDate, days: number): LocalDate {
  requireInteger(days, 'day count');
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * The date `months` calendar months after `date` (before it when negative), with date-fns semantics: the day of
 * the month is kept, or clamped to the last day of a shorter month. Throws a `RangeError` for an invalid date, a
 * non-integer count, or a result outside years 0000–9999.
 *
 * @example
 * addMonths('2026-01-31', 1); // '2026-02-28'
 * addMonths('2024-01-31', 1); // '2024-02-29'
 * addMonths('2026-05-15', -6); // '2025-11-15'
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  requireInteger(months, 'month count');
  const parts = parseLocalDateParts(date);
  if (parts === undefined)
    throw new RangeError('Invalid LocalDate: expected a real calendar date YYYY-MM-DD');
  const total = parts[0] * 12 + (parts[1] - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  if (!(year >= 0 && year <= 9999)) {
    throw new RangeError('Date out of range: LocalDate supports years 0000 to 9999');
  }
  return `${pad4(year)}-${pad2(month)}-${pad2(Math.min(parts[2], monthLength(year, month)))}`;
}

/**
 * The number of calendar days from `from` to `to`: positive when `to` is later, negative when earlier, 0 on the
 * same date. `addDays(from, daysBetween(from, to)) === to`.
 *
 * @example
 * daysBetween('2024-02-28', '2024-03-01'); // 2
 * daysBetween('2026-01-10', '2026-01-03'); // -7
 */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Compares two dates in calendar order: -1 when `a` is earlier, 1 when later, 0 when equal. Usable with
 * `Array.prototype.sort`. For speed it does not validate: for valid `LocalDate`s (four-digit years) the string
 * order is the calendar order, so it compares the strings.
 *
 * @example
 * ['2026-03-01', '2025-12-31'].sort(compareLocalDates); // ['2025-12-31', '2026-03-01']
 * compareLocalDates('2026-01-01', '2026-01-01'); // 0
 */
export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The day of the week of a date: 0 = Sunday, 1 = Monday, … 6 = Saturday (the numbering of
 * `BusinessCalendar.weekendDays` and of `Date.prototype.getDay`). Throws a `RangeError` for an invalid date.
 *
 * @example
 * dayOfWeek('2026-03-08'); // 0 (a Sunday)
 * dayOfWeek('2024-02-29'); // 4 (a Thursday)
 */
export function dayOfWeek(date: LocalDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

/**
 * Day of the week (0 = Sunday) of a day number; 1970-01-01 was a Thursday.
 *
 * @example
 * weekdayOfDayNumber(0); // 4
 */
export function weekdayOfDayNumber(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

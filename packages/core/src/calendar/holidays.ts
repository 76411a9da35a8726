import type { LocalDate } from '../model/index';
import { daysFromCivil, fromDayNumber, parseLocalDateParts, weekdayOfDayNumber } from './localDate';

const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;
const SATURDAY = 6;

/** Day number of the `n`-th (1-based) `weekday` of a month, or of the last one when `n` is -1. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n === -1) {
    const last = daysFromCivil(year, month + 1, 1) - 1; // month + 1 = 13 is January of the next year: still exact
    return last - ((weekdayOfDayNumber(last) - weekday + 7) % 7);
  }
  const first = daysFromCivil(year, month, 1);
  return first + ((weekday - weekdayOfDayNumber(first) + 7) % 7) + (n - 1) * 7;
}

/** The day a fixed-date federal holiday is observed: Saturday moves to the Friday before, Sunday to the Monday after. */
function observed(days: number): number {
  const weekday = weekdayOfDayNumber(days);
  return weekday === SATURDAY ? days - 1 : weekday === SUNDAY ? days + 1 : days;
}

/**
 * The days off of the US federal holidays of 5 U.S.C. 6103(a) falling in `year`, in date order, as observed by
 * federal offices: a holiday on a Saturday is observed on the Friday before, one on a Sunday on the Monday after.
 * The holidays: New Year's Day (1 Jan), Birthday of Martin Luther King Jr. (third Monday of January, from 1986),
 * Washington's Birthday (third Monday of February), Memorial Day (last Monday of May), Juneteenth National
 * Independence Day (19 June, from 2021), Independence Day (4 July), Labor Day (first Monday of September), Columbus
 * Day (second Monday of October), Veterans Day (11 November), Thanksgiving Day (fourth Thursday of November),
 * Christmas Day (25 December).
 *
 * A list holds the dates that fall IN `year`: when 1 January of the next year is a Saturday, its observed day,
 * 31 December, is in this year's list (2021 ends with '2021-12-31'), and that New Year's Day is in no list as a
 * Saturday. Not included: Inauguration Day (a holiday only for federal employees in and around Washington, DC,
 * 5 U.S.C. 6103(c)) and one-off closures by executive order (add those to a calendar's `holidays`). The rules are
 * today's; they match the law from 1978 on (earlier years had other dates for several of these holidays).
 * Throws a `RangeError` when `year` is not an integer from 0 to 9999.
 *
 * @example
 * usFederalHolidays(2026);
 * // ['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03',
 * //  '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25']
 * usFederalHolidays(2021).at(-1); // '2021-12-31' (New Year's Day 2022 is a Saturday)
 */
export function usFederalHolidays(year: number): LocalDate[] {
  if (!(Number.isInteger(year) && year >= 0 && year <= 9999)) {
    throw new RangeError('Invalid year: expected an integer from 0 to 9999');
  }
  const first = daysFromCivil(year, 1, 1);
  const last = daysFromCivil(year, 12, 31);
  const days = [
    observed(first),
    year >= 1986 ? nthWeekday(year, 1, MONDAY, 3) : undefined,
    nthWeekday(year, 2, MONDAY, 3),
    nthWeekday(year, 5, MONDAY, -1),
    year >= 2021 ? observed(daysFromCivil(year, 6, 19)) : undefined,
    observed(daysFromCivil(year, 7, 4)),
    nthWeekday(year, 9, MONDAY, 1),
    nthWeekday(year, 10, MONDAY, 2),
    observed(daysFromCivil(year, 11, 11)),
    nthWeekday(year, 11, THURSDAY, 4),
    observed(daysFromCivil(year, 12, 25)),
    observed(last + 1), // New Year's Day of the next year, observed on 31 December when it is a Saturday
  ];
  const result: LocalDate[] = [];
  for (const d of days) if (d !== undefined && d >= first && d <= last) result.push(fromDayNumber(d));
  return result;
}

/**
 * A PURE MEMO CACHE of `usFederalHolidays` as sets, per year (bounded: restarts after 1000 years). Results never
 * depend on its content.
 */
const federalByYear = new Map<number, ReadonlySet<LocalDate>>();

/**
 * True when `date` is an observed US federal holiday (see {@link usFederalHolidays}), including 31 December when
 * the next New Year's Day is a Saturday. Throws a `RangeError` for an invalid date.
 *
 * @example
 * isUsFederalHoliday('2026-07-03'); // true (4 July 2026 is a Saturday)
 * isUsFederalHoliday('2026-07-04'); // false (not a day off: observed the day before)
 * isUsFederalHoliday('2021-12-31'); // true
 */
export function isUsFederalHoliday(date: LocalDate): boolean {
  const parts = parseLocalDateParts(date);
  if (parts === undefined)
    throw new RangeError('Invalid LocalDate: expected a real calendar date YYYY-MM-DD');
  const year = parts[0];
  let set = federalByYear.get(year);
  if (set === undefined) {
    set = new Set(usFederalHolidays(year));
    if (federalByYear.size >= 1000) federalByYear.clear();
    federalByYear.set(year, set);
  }
  return set.has(date);
}

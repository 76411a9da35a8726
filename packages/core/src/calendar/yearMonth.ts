import type { LocalDate } from '../model/index';
import { formatYearMonth, monthLength, parseLocalDateParts, toDayNumber } from './localDate';

/**
 * A calendar month, `YYYY-MM` (years 0000–9999). Months in the rules are calendar months in the program's time
 * zone: map an instant to its month with `toYearMonth(instant, program.timeZone)`.
 *
 * @example
 * const month: YearMonth = '2026-02';
 */
export type YearMonth = string;

/**
 * True when `value` is a `YearMonth`: `YYYY-MM` with a month from 01 to 12.
 *
 * @example
 * isYearMonth('2026-02'); // true
 * isYearMonth('2026-13'); // false
 */
export function isYearMonth(value: string): boolean {
  return parseYearMonth(value) !== undefined;
}

/** `[year, month]` of a `YearMonth`, or `undefined`. */
function parseYearMonth(ym: string): [number, number] | undefined {
  if (typeof ym !== 'string' || ym.length !== 7) return undefined;
  const parts = parseLocalDateParts(`${ym}-01`);
  return parts === undefined ? undefined : [parts[0], parts[1]];
}

function requireYearMonth(ym: YearMonth): [number, number] {
  const parts = parseYearMonth(ym);
  if (parts === undefined) throw new RangeError('Invalid YearMonth: expected YYYY-MM');
  return parts;
}

/**
 * The calendar month `YYYY-MM` of a date. Throws a `RangeError` for an invalid date.
 *
 * @example
 * yearMonthOf('2024-02-29'); // '2024-02'
 */
export function yearMonthOf(date: LocalDate): YearMonth {
  toDayNumber(date);
  return date.slice(0, 7);
}

/**
 * The first day of a calendar month. Throws a `RangeError` for an invalid `YearMonth`.
 *
 * @example
 * firstDayOfMonth('2026-02'); // '2026-02-01'
 */
export function firstDayOfMonth(ym: YearMonth): LocalDate {
  requireYearMonth(ym);
  return `${ym}-01`;
}

/**
 * The last day of a calendar month (29 February in leap years). Throws a `RangeError` for an invalid `YearMonth`.
 *
 * @example
 * lastDayOfMonth('2024-02'); // '2024-02-29'
 * lastDayOfMonth('2026-02'); // '2026-02-28'
 */
export function lastDayOfMonth(ym: YearMonth): LocalDate {
  const [year, month] = requireYearMonth(ym);
  return `${ym}-${monthLength(year, month)}`;
}

/**
 * The month after `ym`. Throws a `RangeError` for an invalid `YearMonth` or after 9999-12.
 *
 * @example
 * nextYearMonth('2025-12'); // '2026-01'
 */
export function nextYearMonth(ym: YearMonth): YearMonth {
  const [year, month] = requireYearMonth(ym);
  return month === 12 ? formatYearMonth(year + 1, 1) : formatYearMonth(year, month + 1);
}

/**
 * The month before `ym`. Throws a `RangeError` for an invalid `YearMonth` or before 0000-01.
 *
 * @example
 * previousYearMonth('2026-01'); // '2025-12'
 */
export function previousYearMonth(ym: YearMonth): YearMonth {
  const [year, month] = requireYearMonth(ym);
  return month === 1 ? formatYearMonth(year - 1, 12) : formatYearMonth(year, month - 1);
}

/**
 * Every calendar month touched by the date range `from`–`to`, both ends included, in order; empty when `to` is
 * before `from`. A range that starts on the last day of a month and ends on the first day of the next touches two
 * months. Throws a `RangeError` for an invalid date.
 *
 * @example
 * monthsInRange('2025-11-30', '2026-02-01'); // ['2025-11', '2025-12', '2026-01', '2026-02']
 * monthsInRange('2026-03-05', '2026-03-05'); // ['2026-03']
 * monthsInRange('2026-03-05', '2026-02-05'); // []
 */
export function monthsInRange(from: LocalDate, to: LocalDate): YearMonth[] {
  if (toDayNumber(to) < toDayNumber(from)) return [];
  const last = to.slice(0, 7);
  const months: YearMonth[] = [];
  for (let ym = from.slice(0, 7); ; ym = nextYearMonth(ym)) {
    months.push(ym);
    if (ym === last) return months;
  }
}

/**
 * The number of calendar months from `from` to `to` (negative when `to` is earlier).
 *
 * @example
 * monthsBetween('2025-11', '2026-02'); // 3
 */
export function monthsBetween(from: YearMonth, to: YearMonth): number {
  const [fy, fm] = requireYearMonth(from);
  const [ty, tm] = requireYearMonth(to);
  return (ty - fy) * 12 + (tm - fm);
}

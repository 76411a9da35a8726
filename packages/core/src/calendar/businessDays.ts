import type { BusinessCalendar, LocalDate } from '../model/index';
import { isUsFederalHoliday } from './holidays';
import { fromDayNumber, toDayNumber, weekdayOfDayNumber } from './localDate';
import { endOfLocalDay, type InstantInput, localDayNumber } from './zone';

type HolidaySetName = NonNullable<BusinessCalendar['holidaySets']>[number];

/** The ready-made holiday sets a calendar can name; a new set name in the model fails to compile until added. */
const HOLIDAY_SETS: Readonly<Record<HolidaySetName, (date: LocalDate) => boolean>> = {
  'us-federal': isUsFederalHoliday,
};

/**
 * True when `date` is a holiday of the calendar: listed in `calendar.holidays`, or in one of its
 * `holidaySets` (`'us-federal'`: the observed US federal holidays, see `usFederalHolidays`). A holiday may fall on
 * a weekend day; it is still a holiday. Throws a `RangeError` for an invalid date.
 *
 * @example
 * const calendar = { weekendDays: [0, 6], holidays: ['2026-12-24'], holidaySets: ['us-federal' as const] };
 * isHoliday('2026-12-24', calendar); // true (listed)
 * isHoliday('2026-05-25', calendar); // true (Memorial Day)
 * isHoliday('2026-05-26', calendar); // false
 */
export function isHoliday(date: LocalDate, calendar: BusinessCalendar): boolean {
  toDayNumber(date);
  return holidayOf(date, calendar);
}

function holidayOf(date: LocalDate, calendar: BusinessCalendar): boolean {
  if (calendar.holidays.includes(date)) return true;
  for (const set of calendar.holidaySets ?? []) if (HOLIDAY_SETS[set](date)) return true;
  return false;
}

function businessDay(days: number, calendar: BusinessCalendar): boolean {
  return (
    !calendar.weekendDays.includes(weekdayOfDayNumber(days)) && !holidayOf(fromDayNumber(days), calendar)
  );
}

/**
 * True when `date` is a business day of the calendar: not one of its `weekendDays` (0 = Sunday … 6 = Saturday)
 * and not a holiday (see {@link isHoliday}). Throws a `RangeError` for an invalid date.
 *
 * @example
 * const calendar = { weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal' as const] };
 * isBusinessDay('2026-05-22', calendar); // true (a Friday)
 * isBusinessDay('2026-05-23', calendar); // false (a Saturday)
 * isBusinessDay('2026-05-25', calendar); // false (Memorial Day)
 */
export function isBusinessDay(date: LocalDate, calendar: BusinessCalendar): boolean {
  return businessDay(toDayNumber(date), calendar);
}

/**
 * The `n`-th business day strictly after `date` (`date` itself need not be a business day); `n = 0` returns
 * `date` unchanged; a negative `n` counts back: the `|n|`-th business day strictly before `date`. Throws a
 * `RangeError` for an invalid date, a non-integer `n`, a calendar whose weekend is the whole week (not
 * schema-valid), or a result outside years 0000–9999.
 *
 * @example
 * const calendar = { weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal' as const] };
 * addBusinessDays('2026-05-22', 1, calendar); // '2026-05-26' (Friday -> Tuesday: weekend, then Memorial Day)
 * addBusinessDays('2026-05-23', 1, calendar); // '2026-05-26' (from a Saturday)
 * addBusinessDays('2026-05-20', 1, calendar); // '2026-05-21'
 * addBusinessDays('2026-05-26', -1, calendar); // '2026-05-22'
 */
export function addBusinessDays(date: LocalDate, n: number, calendar: BusinessCalendar): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError('Invalid business day count: expected a safe integer');
  let days = toDayNumber(date);
  if (n === 0) return date;
  if (new Set(calendar.weekendDays.filter((d) => Number.isInteger(d) && d >= 0 && d <= 6)).size >= 7) {
    throw new RangeError('Invalid business calendar: every day of the week is a weekend day');
  }
  // Terminates: at least one weekday is not a weekend day, and a calendar has finitely many holidays a year.
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0; ) {
    days += step;
    if (businessDay(days, calendar)) left -= 1;
  }
  return fromDayNumber(days);
}

/**
 * When a reply to a peer's message is due: the end (last millisecond) of the local day of the `businessDays`-th
 * business day strictly after the local date on which the message was received, in the program's time zone.
 * The time of day of receipt does not matter, only its local date. `businessDays = 0` gives the end of the day of
 * receipt. Returns epoch ms. Throws a `RangeError` for an invalid instant or zone (see {@link addBusinessDays}).
 *
 * @example
 * const calendar = { weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal' as const] };
 * // Friday 22 May 2026, 18:30 in Los Angeles; Monday is Memorial Day: due at the end of Tuesday 26 May.
 * replyDeadline('2026-05-22T18:30:00-07:00', 1, calendar, 'America/Los_Angeles');
 * // 1779865199999 (2026-05-26T23:59:59.999-07:00)
 */
export function replyDeadline(
  receivedAt: InstantInput,
  businessDays: number,
  calendar: BusinessCalendar,
  timeZone: string,
): number {
  return replyDeadlineOfDay(localDayNumber(receivedAt, timeZone), businessDays, calendar, timeZone);
}

/**
 * {@link replyDeadline} from the local day number of receipt (days since 1970-01-01 in the program's zone), for
 * callers that parsed the instant once already (the rules' index). Returns epoch ms; throws like `replyDeadline`.
 *
 * @example
 * const calendar = { weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal' as const] };
 * replyDeadlineOfDay(20595, 1, calendar, 'America/Los_Angeles'); // 1779865199999 (Friday 22 May 2026 -> end of Tuesday 26 May)
 */
export function replyDeadlineOfDay(
  receivedDay: number,
  businessDays: number,
  calendar: BusinessCalendar,
  timeZone: string,
): number {
  return endOfLocalDay(addBusinessDays(fromDayNumber(receivedDay), businessDays, calendar), timeZone);
}

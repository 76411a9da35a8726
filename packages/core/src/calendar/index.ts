/**
 * The calendar of a program: instants mapped to local dates and calendar months in the program's time zone,
 * pure date arithmetic, business days and holidays (explicit dates plus the US federal set), and reply deadlines.
 *
 * @module
 */
export {
  addBusinessDays,
  isBusinessDay,
  isHoliday,
  replyDeadline,
  replyDeadlineOfDay,
} from './businessDays';
export { isUsFederalHoliday, usFederalHolidays } from './holidays';
export {
  addDays,
  addMonths,
  compareLocalDates,
  dayOfWeek,
  daysBetween,
} from './localDate';
export {
  firstDayOfMonth,
  isYearMonth,
  lastDayOfMonth,
  monthsBetween,
  monthsInRange,
  nextYearMonth,
  previousYearMonth,
  type YearMonth,
  yearMonthOf,
} from './yearMonth';
export {
  endOfLocalDay,
  type InstantInput,
  startOfLocalDay,
  timeZoneOffset,
  toEpoch,
  toLocalDate,
  toYearMonth,
} from './zone';

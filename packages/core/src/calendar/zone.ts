import type { Instant, LocalDate } from '../model/index';
import { daysFromCivil, fromDayNumber, MS_PER_DAY, monthLength, toDayNumber } from './localDate';
import type { YearMonth } from './yearMonth';

/**
 * An instant as the calendar functions accept it: an ISO 8601 string with `Z` or an offset (a schema-valid
 * `Instant`), or epoch milliseconds.
 *
 * @example
 * const a: InstantInput = '2026-01-31T23:30:00-08:00';
 * const b: InstantInput = 1_769_931_000_000;
 */
export type InstantInput = Instant | number;

/** The largest distance from the epoch a JavaScript date can have (ECMAScript TimeClip). */
const MAX_EPOCH_MS = 8.64e15;
const MS_PER_HOUR = 3_600_000;
/** Bound of each zone's memo of hourly offsets (about 23 years of hours); the memo restarts when full. */
const MAX_MEMO_HOURS = 200_000;
/** Bound of each zone's memo of daily offsets (about 270 years of days); the memo restarts when full. */
const MAX_MEMO_DAYS = 100_000;

/**
 * Per-zone memo. `hours` maps a UTC hour (epoch ms / 3 600 000, floored) to the zone's offset in ms when the
 * offset is the same at the first and the last millisecond of that hour, or to NaN when it differs (the hour holds
 * a transition: every instant in it is then computed exactly). It rests on one assumption: no zone changes its
 * offset twice within one hour and back to the same value (in IANA release 2025b, the closest two offset changes
 * of one zone are four days apart).
 */
interface ZoneMemo {
  readonly formatter: Intl.DateTimeFormat;
  readonly hours: Map<number, number>;
  /** The same per UTC day (epoch ms / 86 400 000, floored): most instants are found here, 24 times fewer entries. */
  readonly days: Map<number, number>;
}

/**
 * A PURE MEMO CACHE, the only module-level state of the calendar: one `Intl.DateTimeFormat` per time zone (costly
 * to build) and the zone's offsets per UTC hour. Results never depend on what it holds: it only saves the cost of
 * asking `Intl` again. Bounded: zones are finitely many, and each zone's hour map restarts at `MAX_MEMO_HOURS`.
 */
const zoneMemos = new Map<string, ZoneMemo>();

function zoneMemo(timeZone: string): ZoneMemo {
  const found = zoneMemos.get(timeZone);
  if (found !== undefined) return found;
  // `timeZone: undefined` would silently mean the machine's zone: refuse anything but a non-empty string.
  if (typeof timeZone !== 'string' || timeZone.length === 0) {
    throw new RangeError('Invalid time zone: expected an IANA time zone name');
  }
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  } catch {
    throw new RangeError('Invalid time zone: expected an IANA time zone name known to this runtime');
  }
  const memo: ZoneMemo = { formatter, hours: new Map(), days: new Map() };
  zoneMemos.set(timeZone, memo);
  return memo;
}

const OFFSET_PATTERN = /^GMT(?:([+\-\u2212])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/;

/** The zone's offset from UTC in ms at `t`, asked of `Intl` (`GMT-04:56:02` style, seconds kept). */
function intlOffset(formatter: Intl.DateTimeFormat, t: number): number {
  for (const part of formatter.formatToParts(t)) {
    if (part.type !== 'timeZoneName') continue;
    const m = OFFSET_PATTERN.exec(part.value);
    if (m === null) break;
    if (m[1] === undefined) return 0;
    const abs = (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) * 1000;
    return m[1] === '+' ? abs : -abs;
  }
  throw new Error('Unexpected UTC offset format from Intl.DateTimeFormat in this runtime');
}

/**
 * The zone's offset in ms at epoch ms `t`: memoised per UTC day when the offset is the same at the day's first and
 * last millisecond (the hour memo's assumption, for a day: no zone changes its offset twice within one day and back),
 * else per UTC hour, and exact inside hours holding a transition.
 */
function offsetAt(memo: ZoneMemo, t: number): number {
  const daily = spanOffset(memo, memo.days, MS_PER_DAY, MAX_MEMO_DAYS, t);
  if (!Number.isNaN(daily)) return daily;
  const hourly = spanOffset(memo, memo.hours, MS_PER_HOUR, MAX_MEMO_HOURS, t);
  return Number.isNaN(hourly) ? intlOffset(memo.formatter, t) : hourly;
}

/** The offset over the span (`span` ms long) holding `t` when constant over it, else NaN; memoised in `spans`. */
function spanOffset(
  memo: ZoneMemo,
  spans: Map<number, number>,
  span: number,
  bound: number,
  t: number,
): number {
  const key = Math.floor(t / span);
  let offset = spans.get(key);
  if (offset === undefined) {
    const first = Math.max(key * span, -MAX_EPOCH_MS);
    const last = Math.min(key * span + span - 1, MAX_EPOCH_MS);
    const atFirst = intlOffset(memo.formatter, first);
    offset = atFirst === intlOffset(memo.formatter, last) ? atFirst : Number.NaN;
    if (spans.size >= bound) spans.clear();
    spans.set(key, offset);
  }
  return offset;
}

/** Value of the `length` ASCII digits of `text` from `at`, or NaN when one is not a digit. */
function digits(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Epoch ms of an `Instant` string, or NaN when it is not one. Accepts exactly the shape of the model's
 * `z.iso.datetime({ offset: true })`: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with a real date, hours to 23,
 * minutes and seconds to 59. A hand-written scanner: no `Date.parse` leniency. The readable reference of
 * {@link parseInstantFast}, which {@link toEpoch} tries first (exported for the property test comparing them).
 *
 * @example
 * parseInstant('2026-01-31T23:30:00.5-08:00'); // 1769931000500
 * parseInstant('2026-01-31 23:30:00Z'); // NaN
 */
export function parseInstant(text: string): number {
  const n = text.length;
  if (
    n < 20 ||
    text[4] !== '-' ||
    text[7] !== '-' ||
    text[10] !== 'T' ||
    text[13] !== ':' ||
    text[16] !== ':'
  ) {
    return Number.NaN;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let i = 19;
  let millis = 0;
  if (text[i] === '.') {
    const from = ++i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === from) return Number.NaN;
    millis = digits(`${text.slice(from, Math.min(i, from + 3))}00`, 0, 3); // digits beyond ms are truncated
  }
  let offsetMinutes = 0;
  if (text[i] === 'Z') {
    if (i + 1 !== n) return Number.NaN;
  } else if ((text[i] === '+' || text[i] === '-') && i + 6 === n && text[i + 3] === ':') {
    const oh = digits(text, i + 1, 2);
    const om = digits(text, i + 4, 2);
    if (!(oh <= 23 && om <= 59)) return Number.NaN;
    offsetMinutes = (text[i] === '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return Number.NaN;
  }
  // NaN fails every comparison.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= monthLength(year, month))) return Number.NaN;
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    millis -
    offsetMinutes * 60_000
  );
}

/** Days of a common year before the first of each month (index: month - 1). */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334] as const;

/** Value of the two ASCII digits of `text` at `at`, or -1 when one is not a digit. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The fast path of {@link parseInstant} for the fixed-width shapes data carries: `YYYY-MM-DDTHH:MM:SS` with no
 * fraction or exactly three fraction digits, then `Z` or `±HH:MM` (20, 24, 25 or 29 characters). Every character is
 * read by position and every value computed with integer arithmetic. Returns the epoch ms `parseInstant` gives, or
 * NaN for any other string (a longer fraction, another shape, an invalid date or time): the caller then asks
 * `parseInstant`, which decides. Exported for the property test that compares the two.
 *
 * @example
 * parseInstantFast('2026-01-31T23:30:00-08:00'); // 1769931000000
 * parseInstantFast('2026-01-31T23:30:00.5-08:00'); // NaN (one fraction digit: not a fast shape)
 */
export function parseInstantFast(text: string): number {
  const n = text.length;
  let at = 19; // where the zone designator starts
  let millis = 0;
  if (n === 24 || n === 29) {
    if (text.charCodeAt(19) !== 46) return Number.NaN; // '.'
    const hi = twoDigits(text, 20);
    const lo = text.charCodeAt(22) - 48;
    if (hi < 0 || !(lo >= 0 && lo <= 9)) return Number.NaN;
    millis = hi * 10 + lo;
    at = 23;
  } else if (n !== 20 && n !== 25) return Number.NaN;
  if (
    text.charCodeAt(4) !== 45 || // '-'
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // 'T'
    text.charCodeAt(13) !== 58 || // ':'
    text.charCodeAt(16) !== 58
  )
    return Number.NaN;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  const year = century * 100 + yy;
  const leap = (year & 3) === 0 && (yy !== 0 || (century & 3) === 0);
  if (day > (month === 2 ? (leap ? 29 : 28) : (MONTH_LENGTHS[month - 1] as number))) return Number.NaN;
  let offsetMinutes = 0;
  const sign = text.charCodeAt(at);
  if (sign === 90) {
    // 'Z'
    if (at + 1 !== n) return Number.NaN;
  } else if ((sign === 43 || sign === 45) && at + 6 === n && text.charCodeAt(at + 3) === 58) {
    const oh = twoDigits(text, at + 1);
    const om = twoDigits(text, at + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
    offsetMinutes = sign === 45 ? -(oh * 60 + om) : oh * 60 + om;
  } else return Number.NaN;
  // Days since 1970-01-01: whole years from year 0 (leap days before this year), then the day of the year.
  const before = year - 1;
  const leapDays =
    year === 0 ? 0 : Math.floor(before / 4) - Math.floor(before / 100) + Math.floor(before / 400) + 1;
  const days =
    year * 365 +
    leapDays +
    (DAYS_BEFORE_MONTH[month - 1] as number) +
    (leap && month > 2 ? 1 : 0) +
    day -
    1 -
    DAYS_0000_TO_1970;
  return days * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}

/** Common-year month lengths (index: month - 1). */
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
/** Days from 0000-01-01 to 1970-01-01. */
const DAYS_0000_TO_1970 = 719_528;

/** {@link parseInstantFast}, else the full {@link parseInstant}. */
function fastOrFull(text: string): number {
  const fast = parseInstantFast(text);
  return Number.isNaN(fast) ? parseInstant(text) : fast;
}

/**
 * Epoch milliseconds of an instant. A string must be a schema-valid `Instant`:
 * `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, a real date and time (fraction digits beyond milliseconds are
 * truncated); unlike `Date.parse`, nothing else is accepted. A number is truncated to whole milliseconds, like
 * `new Date(n)`. Throws a `RangeError` (without echoing the value) for any other string, or a number that is not
 * finite or is beyond ±8.64e15 ms.
 *
 * @example
 * toEpoch('2026-01-31T23:30:00-08:00'); // 1769931000000
 * toEpoch(1769931000000); // 1769931000000
 */
export function toEpoch(instant: InstantInput): number {
  const ms =
    typeof instant === 'number'
      ? Math.trunc(instant)
      : typeof instant === 'string'
        ? fastOrFull(instant)
        : Number.NaN;
  if (!(Math.abs(ms) <= MAX_EPOCH_MS)) {
    throw new RangeError('Invalid instant: expected an ISO 8601 date-time with offset or epoch milliseconds');
  }
  return ms === 0 ? 0 : ms;
}

/**
 * The offset of `timeZone` from UTC at an instant, in milliseconds (positive east of Greenwich), as the runtime's
 * time-zone database gives it. Throws a `RangeError` for an invalid instant or an unknown zone.
 *
 * @example
 * timeZoneOffset('2026-07-01T12:00:00Z', 'America/New_York'); // -14400000 (UTC-4, daylight time)
 * timeZoneOffset('2026-01-01T12:00:00Z', 'Asia/Kathmandu'); // 20700000 (UTC+5:45)
 */
export function timeZoneOffset(instant: InstantInput, timeZone: string): number {
  const t = toEpoch(instant);
  return offsetAt(zoneMemo(timeZone), t);
}

/**
 * The calendar date of an instant in a time zone: what a wall calendar in that zone showed at that instant.
 * This is how an event is placed in a day or a month of a program. Throws a `RangeError` for an invalid instant,
 * an unknown zone, or a date outside years 0000–9999.
 *
 * Hot path: after the first call for a zone and hour it does no `Intl` call (see the memo in this module).
 *
 * @example
 * // 23:30 on 31 January in Los Angeles is already 1 February in UTC:
 * toLocalDate('2026-02-01T07:30:00Z', 'America/Los_Angeles'); // '2026-01-31'
 * toLocalDate('2026-02-01T07:30:00Z', 'UTC'); // '2026-02-01'
 */
export function toLocalDate(instant: InstantInput, timeZone: string): LocalDate {
  return fromDayNumber(localDayNumber(instant, timeZone));
}

/**
 * The local day number (days since 1970-01-01) of an instant in a time zone: the integer form of
 * {@link toLocalDate}, for indexes and tables that compare days without building date strings. Throws like
 * `toLocalDate` for an invalid instant or an unknown zone.
 *
 * @example
 * localDayNumber('2026-02-01T07:30:00Z', 'America/Los_Angeles'); // 20484 (2026-01-31)
 */
export function localDayNumber(instant: InstantInput, timeZone: string): number {
  const t = toEpoch(instant);
  return Math.floor((t + offsetAt(zoneMemo(timeZone), t)) / MS_PER_DAY);
}

/** Days a {@link createLocalDayReader} keeps in its own table (about 22 years, centred on the first instant read). */
const READER_DAYS = 8192;

/**
 * A reader of local day numbers in one time zone for many instants in turn (e.g. every record a program builder
 * adds): `read(t)` is exactly `localDayNumber(t, timeZone)` for epoch ms `t` (an integer, as {@link toEpoch} gives),
 * but the zone's offset of each UTC day it has read (constant over that day, or not) is kept in a dense table of its
 * own, so most instants need no map lookup and no `Intl` call. The table covers about 22 years around the first
 * instant read; other instants are read as `localDayNumber` reads them. Throws a `RangeError` for an unknown zone.
 *
 * @example
 * const read = createLocalDayReader('America/Los_Angeles');
 * read(Date.UTC(2026, 1, 1, 7, 30)); // 20484 (2026-01-31 in Los Angeles)
 */
export function createLocalDayReader(timeZone: string): (t: number) => number {
  const memo = zoneMemo(timeZone);
  // The daily offset by UTC day from `base`: Infinity not read yet, NaN when the offset changes within the day.
  const offsets = new Float64Array(READER_DAYS).fill(Number.POSITIVE_INFINITY);
  let base = Number.NaN;
  return (t: number): number => {
    const key = Math.floor(t / MS_PER_DAY);
    if (Number.isNaN(base)) base = key - READER_DAYS / 2;
    const i = key - base;
    if (i >= 0 && i < READER_DAYS) {
      let daily = offsets[i] as number;
      if (daily === Number.POSITIVE_INFINITY) {
        daily = spanOffset(memo, memo.days, MS_PER_DAY, MAX_MEMO_DAYS, t);
        offsets[i] = daily;
      }
      if (!Number.isNaN(daily)) return Math.floor((t + daily) / MS_PER_DAY);
    }
    return Math.floor((t + offsetAt(memo, t)) / MS_PER_DAY);
  };
}

/**
 * The calendar month `YYYY-MM` of an instant in a time zone (the month of {@link toLocalDate}). Throws like
 * `toLocalDate`.
 *
 * @example
 * toYearMonth('2026-02-01T07:30:00Z', 'America/Los_Angeles'); // '2026-01'
 */
export function toYearMonth(instant: InstantInput, timeZone: string): YearMonth {
  return toLocalDate(instant, timeZone).slice(0, 7);
}

/**
 * Epoch ms of the first instant of local day `days` (days since 1970-01-01) in a zone. Usually local midnight;
 * when midnight does not exist (a daylight-saving gap at midnight, or a skipped day), the first instant whose local
 * date is that day or later: the transition itself. When midnight happens twice, the earlier one.
 */
function startOfDayNumber(days: number, memo: ZoneMemo): number {
  const midnight = days * MS_PER_DAY; // local midnight, read as if it were UTC
  const before = offsetAt(memo, midnight - MS_PER_DAY);
  const after = offsetAt(memo, midnight + MS_PER_DAY);
  let first = Number.POSITIVE_INFINITY;
  for (const offset of [before, after]) {
    const t = midnight - offset;
    if (t < first && t + offsetAt(memo, t) === midnight) first = t;
  }
  if (first !== Number.POSITIVE_INFINITY) return first;
  // Midnight falls in a gap: find the first instant whose local time is at or after midnight.
  let lo = Math.min(midnight - before, midnight - after);
  let hi = Math.max(midnight - before, midnight - after);
  if (lo + offsetAt(memo, lo) >= midnight) return lo;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + offsetAt(memo, mid) >= midnight) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Epoch ms of the first instant of a local day in a time zone. Usually local midnight; correct on
 * daylight-saving days, including zones that change the clock AT midnight: when 00:00 does not exist (e.g.
 * America/Santiago in September, America/Havana in March) the day starts at the transition, 01:00 local; when
 * 00:00 happens twice, the earlier one. For a day a zone skipped entirely (Pacific/Apia, 2011-12-30) it is the
 * first instant of the next day, so `endOfLocalDay` of that day is earlier than its start. Throws a `RangeError`
 * for an invalid date or an unknown zone.
 *
 * @example
 * startOfLocalDay('2026-03-08', 'America/New_York'); // 1772946000000 (2026-03-08T05:00:00Z)
 * startOfLocalDay('2026-09-06', 'America/Santiago'); // 1788667200000 (2026-09-06T04:00:00Z, 01:00 local)
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  return startOfDayNumber(toDayNumber(date), zoneMemo(timeZone));
}

/**
 * Epoch ms of the last millisecond of a local day in a time zone: one millisecond before the next local day
 * starts, so `endOfLocalDay(d) + 1 === startOfLocalDay(addDays(d, 1))`. A daylight-saving day is 23 or 25 hours
 * long. Throws a `RangeError` for an invalid date or an unknown zone.
 *
 * @example
 * endOfLocalDay('2026-03-08', 'America/New_York'); // 1773028799999 (2026-03-09T03:59:59.999Z)
 * endOfLocalDay('2026-03-08', 'America/New_York') + 1 - startOfLocalDay('2026-03-08', 'America/New_York'); // 82800000 (23 h)
 */
export function endOfLocalDay(date: LocalDate, timeZone: string): number {
  return startOfDayNumber(toDayNumber(date) + 1, zoneMemo(timeZone)) - 1;
}

/**
 * Calendar arithmetic for the synthetic generator. Dates are day numbers (days since 1970-01-01, no zone), local
 * times are minutes after local midnight; instants are written with the program zone's UTC offset at that instant.
 * Internal to the generator: the rules use the calendar module.
 */

import { addBusinessDays, isBusinessDay } from '../calendar/businessDays';
import {
  civilFromDays,
  daysFromCivil,
  fromDayNumber,
  toDayNumber,
  weekdayOfDayNumber,
} from '../calendar/localDate';
import type { BusinessCalendar } from '../model/domain';

/**
 * Milliseconds in a day.
 *
 * @example
 * new Date(20_454 * DAY_MS).toISOString(); // '2026-01-01T00:00:00.000Z'
 */
export const DAY_MS = 86_400_000;

// Day arithmetic is the calendar module's (one implementation of the civil-date algorithms in the library).
/** Day number of a civil date (see `daysFromCivil` in the calendar module). */
export const dayFromCivil = daysFromCivil;
/** Civil date `[year, month, day]` of a day number (see `civilFromDays`). */
export const civilFromDay = civilFromDays;
/** `YYYY-MM-DD` of a day number (see `fromDayNumber`). */
export const formatDay = fromDayNumber;
/** Day number of a valid `YYYY-MM-DD` (see `toDayNumber`). */
export const parseDay = toDayNumber;
/** Weekday of a day number, 0 = Sunday … 6 = Saturday (see `weekdayOfDayNumber`). */
export const weekday = weekdayOfDayNumber;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * First day of the month holding `dayNumber`.
 *
 * @example
 * formatDay(monthStart(parseDay('2026-02-17'))); // '2026-02-01'
 */
export function monthStart(dayNumber: number): number {
  const [y, m] = civilFromDay(dayNumber);
  return dayFromCivil(y, m, 1);
}

/**
 * Last day of the month holding `dayNumber`.
 *
 * @example
 * formatDay(monthEnd(parseDay('2026-02-17'))); // '2026-02-28'
 */
export function monthEnd(dayNumber: number): number {
  const [y, m] = civilFromDay(dayNumber);
  return m === 12 ? dayFromCivil(y + 1, 1, 1) - 1 : dayFromCivil(y, m + 1, 1) - 1;
}

/**
 * Adds calendar months, keeping the day of month and clamping to the month's last day (like date-fns `addMonths`).
 *
 * @example
 * formatDay(addMonths(parseDay('2026-01-31'), 1)); // '2026-02-28'
 */
export function addMonths(dayNumber: number, months: number): number {
  const [y, m, d] = civilFromDay(dayNumber);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  const first = dayFromCivil(ty, tm, 1);
  const last = monthEnd(first);
  return Math.min(first + d - 1, last);
}

/**
 * Writes local wall-clock times of one IANA zone as ISO instants with the zone's offset at that instant. Offsets
 * are read from `Intl.DateTimeFormat` and cached per UTC day (with the minute of the change on a day the offset
 * changes); the cache belongs to the clock instance, never global.
 *
 * @example
 * const clock: ZoneClock = createZoneClock('America/Los_Angeles');
 * clock.at(parseDay('2026-06-30'), 23 * 60 + 30); // '2026-06-30T23:30:00-07:00'
 * clock.instant(clock.epochAt(parseDay('2026-06-30'), 23 * 60 + 30) + 5_000); // '2026-06-30T23:30:05-07:00'
 */
export interface ZoneClock {
  /** The instant at local `minute` (0-1439) of local `day`, e.g. `2026-03-08T14:00:00-07:00`. */
  at(day: number, minute: number): string;
  /** The zone's offset from UTC in minutes at an instant (epoch milliseconds). */
  offsetAt(epochMs: number): number;
  /** `YYYY-MM-DD` of a day number (cached {@link formatDay}). */
  date(day: number): string;
  /**
   * Epoch milliseconds of local `minute` of local `day` (`minute` may pass 1439 into the next days); a wall time
   * skipped by a daylight-saving change moves on by the change.
   */
  epochAt(day: number, minute: number): number;
  /**
   * An instant (epoch milliseconds; milliseconds are dropped) written with the zone's offset at it, to the second:
   * `2026-03-08T14:00:27-07:00` (`Z` instead of `+00:00` for the zone `UTC` when the clock was created with
   * `utcAsZ`).
   */
  instant(epochMs: number): string;
}

/**
 * Options of {@link createZoneClock}.
 *
 * @example
 * const o: ZoneClockOptions = { utcAsZ: true };
 */
export interface ZoneClockOptions {
  /** Writes instants of the zone `UTC` with `Z` in {@link ZoneClock.instant} (default `+00:00`). */
  readonly utcAsZ?: boolean;
}

/**
 * Creates a {@link ZoneClock} for an IANA zone known to the runtime.
 *
 * @example
 * createZoneClock('America/Los_Angeles').at(parseDay('2026-03-08'), 14 * 60); // '2026-03-08T14:00:00-07:00'
 */
export function createZoneClock(timeZone: string, options: ZoneClockOptions = {}): ZoneClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  // Per UTC day: the offset at its start, the first minute of a new offset (if the offset changes that day) and
  // the offset after it. Offsets change at most once a day in every zone in use.
  const days = new Map<
    number,
    { readonly before: number; readonly change: number; readonly after: number }
  >();
  // `format` and a pattern read the wall time about three times faster than `formatToParts`; the parts are the
  // fallback for text the pattern does not read (years before 1000, eras).
  const wallText = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;
  const compute = (t: number): number => {
    const m = wallText.exec(format.format(t));
    if (m !== null) {
      const local =
        dayFromCivil(Number(m[3]), Number(m[1]), Number(m[2])) * DAY_MS +
        ((Number(m[4]) * 60 + Number(m[5])) * 60 + Number(m[6])) * 1000;
      return Math.round((local - t) / 60_000);
    }
    return computeFromParts(t);
  };
  const computeFromParts = (t: number): number => {
    let y = 0;
    let mo = 1;
    let d = 1;
    let h = 0;
    let mi = 0;
    let s = 0;
    for (const part of format.formatToParts(t)) {
      const v = Number(part.value);
      if (part.type === 'year') y = v;
      else if (part.type === 'month') mo = v;
      else if (part.type === 'day') d = v;
      else if (part.type === 'hour') h = v;
      else if (part.type === 'minute') mi = v;
      else if (part.type === 'second') s = v;
    }
    const local = dayFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000;
    return Math.round((local - t) / 60_000);
  };
  const offsetAt = (epochMs: number): number => {
    const day = Math.floor(epochMs / DAY_MS);
    let info = days.get(day);
    if (info === undefined) {
      const before = compute(day * DAY_MS);
      const after = compute((day + 1) * DAY_MS);
      let change = Number.POSITIVE_INFINITY;
      if (before !== after) {
        let lo = 0;
        let hi = 1440;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (compute(day * DAY_MS + mid * 60_000) === before) lo = mid + 1;
          else hi = mid;
        }
        change = day * DAY_MS + lo * 60_000;
      }
      info = { before, change, after };
      days.set(day, info);
    }
    return epochMs < info.change ? info.before : info.after;
  };
  const dates = new Map<number, string>();
  const date = (day: number): string => {
    let text = dates.get(day);
    if (text === undefined) {
      text = formatDay(day);
      dates.set(day, text);
    }
    return text;
  };
  const instants = new Map<number, string>();
  const at = (day: number, minute: number): string => {
    const key = day * 1440 + minute;
    const known = instants.get(key);
    if (known !== undefined) return known;
    const wall = day * DAY_MS + minute * 60_000;
    const o1 = offsetAt(wall);
    const o2 = offsetAt(wall - o1 * 60_000);
    const utc = wall - o2 * 60_000;
    const off = offsetAt(utc);
    const local = utc + off * 60_000;
    const localDay = Math.floor(local / DAY_MS);
    const localMinute = Math.round((local - localDay * DAY_MS) / 60_000);
    const abs = Math.abs(off);
    const text = `${date(localDay)}T${pad2(Math.floor(localMinute / 60))}:${pad2(localMinute % 60)}:00${
      off < 0 ? '-' : '+'
    }${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
    instants.set(key, text);
    return text;
  };
  const epochAt = (day: number, minute: number): number => {
    const wall = day * DAY_MS + minute * 60_000;
    return wall - offsetAt(wall - offsetAt(wall) * 60_000) * 60_000;
  };
  const zulu = options.utcAsZ === true && timeZone === 'UTC';
  const instant = (epochMs: number): string => {
    const utc = Math.floor(epochMs / 1000) * 1000;
    const off = offsetAt(utc);
    const local = utc + off * 60_000;
    const localDay = Math.floor(local / DAY_MS);
    const second = (local - localDay * DAY_MS) / 1000;
    const abs = Math.abs(off);
    const time = `${pad2(Math.floor(second / 3600))}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)}`;
    const zone = zulu ? 'Z' : `${off < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
    return `${date(localDay)}T${time}${zone}`;
  };
  return { at, offsetAt, date, epochAt, instant };
}

/**
 * Business days of a program calendar, on day numbers: a thin layer over the calendar module's `isBusinessDay`
 * and `addBusinessDays`, so that generated replies are timely by the same calendar the rules use.
 *
 * @example
 * const days: BusinessDays = createBusinessDays({ weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal'] });
 * days.isBusinessDay(parseDay('2026-05-25')); // false (Memorial Day)
 */
export interface BusinessDays {
  /** True when `day` is neither a weekend day nor a holiday of the calendar. */
  isBusinessDay(day: number): boolean;
  /** The `n`-th business day strictly after `day` (n >= 1). */
  after(day: number, n: number): number;
}

/**
 * Creates a {@link BusinessDays} view of a (schema-valid) business calendar.
 *
 * @example
 * const days = createBusinessDays({ weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal'] });
 * formatDay(days.after(parseDay('2026-05-22'), 1)); // '2026-05-26'
 */
export function createBusinessDays(calendar: BusinessCalendar): BusinessDays {
  return {
    isBusinessDay: (day) => isBusinessDay(formatDay(day), calendar),
    after: (day, n) => parseDay(addBusinessDays(formatDay(day), Math.max(1, Math.trunc(n)), calendar)),
  };
}

import { TZDate } from '@date-fns/tz';
import { fc, test } from '@fast-check/vitest';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { Instant } from '../model/index';
import { addDays, compareLocalDates } from './localDate';
import { endOfLocalDay, startOfLocalDay, timeZoneOffset, toEpoch, toLocalDate, toYearMonth } from './zone';

const HOUR = 3_600_000;

/** Zones with daylight saving, odd offsets (:30, :45), 30-minute DST, and clock changes at midnight. */
const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'America/Santiago',
  'America/Havana',
  'Europe/London',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
] as const;
const zone = fc.constantFrom(...ZONES);

const localDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const instant = fc.date({
  min: new Date('1900-01-01T00:00:00Z'),
  max: new Date('2100-12-31T00:00:00Z'),
  noInvalidDate: true,
});

/** Oracle 1: the date fields of a fresh Intl.DateTimeFormat (no memo, a different code path from offsets). */
function intlDate(t: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(t);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '?';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/** Oracle 2: date-fns with @date-fns/tz. */
function tzDate(t: number, timeZone: string): string {
  return format(new TZDate(t, timeZone), 'yyyy-MM-dd');
}

/** Known clock changes (UTC instants, from the IANA database), used to test instants around them. */
const TRANSITIONS: readonly (readonly [string, string])[] = [
  ['America/New_York', '2026-03-08T07:00:00Z'],
  ['America/New_York', '2026-11-01T06:00:00Z'],
  ['America/Santiago', '2026-04-05T03:00:00Z'], // Sunday 00:00 -03 becomes Saturday 23:00 -04
  ['America/Santiago', '2026-09-06T04:00:00Z'], // Sunday 00:00 -04 becomes 01:00 -03
  ['America/Havana', '2026-03-08T05:00:00Z'], // 00:00 becomes 01:00
  ['America/Havana', '2026-11-01T05:00:00Z'],
  ['America/St_Johns', '2026-03-08T05:30:00Z'],
  ['America/St_Johns', '2026-11-01T04:30:00Z'],
  ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'], // 30-minute change
  ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
  ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
  ['Pacific/Chatham', '2026-09-26T14:00:00Z'],
  ['Pacific/Apia', '2011-12-30T10:00:00Z'], // Samoa skipped 30 December 2011
  ['America/Toronto', '1919-03-31T04:30:00Z'], // 23:30 became 00:30
];

describe('instants to local dates: examples', () => {
  it('places 23:30 on 31 January in Los Angeles in January, though UTC says February', () => {
    const t = '2026-01-31T23:30:00-08:00';
    expect(toLocalDate(t, 'America/Los_Angeles')).toBe('2026-01-31');
    expect(toYearMonth(t, 'America/Los_Angeles')).toBe('2026-01');
    expect(toLocalDate(t, 'UTC')).toBe('2026-02-01');
    expect(toYearMonth(t, 'UTC')).toBe('2026-02');
    expect(toLocalDate(toEpoch(t), 'America/Los_Angeles')).toBe('2026-01-31');
  });

  it('reads instants written with any offset', () => {
    expect(toEpoch('2026-01-31T23:30:00-08:00')).toBe(Date.UTC(2026, 1, 1, 7, 30));
    expect(toEpoch('2026-02-01T07:30:00Z')).toBe(Date.UTC(2026, 1, 1, 7, 30));
    expect(toEpoch('2026-02-01T13:15:00.5+05:45')).toBe(Date.UTC(2026, 1, 1, 7, 30, 0, 500));
    expect(toEpoch(1.9)).toBe(1);
    expect(Object.is(toEpoch(-0.5), 0)).toBe(true);
    expect(toLocalDate('2026-06-30T23:59:59.999+14:00', 'Pacific/Kiritimati')).toBe('2026-06-30');
    expect(toLocalDate('2026-06-30T10:00:00Z', 'Pacific/Kiritimati')).toBe('2026-07-01');
  });

  it('gives offsets with seconds for local mean time', () => {
    expect(timeZoneOffset('2026-07-01T12:00:00Z', 'America/New_York')).toBe(-4 * HOUR);
    expect(timeZoneOffset('2026-01-01T12:00:00Z', 'Asia/Kathmandu')).toBe(5.75 * HOUR);
    expect(timeZoneOffset('1800-01-01T00:00:00Z', 'America/New_York')).toBe(-(4 * 3600 + 56 * 60 + 2) * 1000);
  });

  it('makes the daylight-saving days of New York 23 and 25 hours long (8 March and 1 November 2026)', () => {
    const z = 'America/New_York';
    expect(startOfLocalDay('2026-03-08', z)).toBe(Date.parse('2026-03-08T00:00:00-05:00'));
    expect(endOfLocalDay('2026-03-08', z)).toBe(Date.parse('2026-03-08T23:59:59.999-04:00'));
    expect(endOfLocalDay('2026-03-08', z) + 1 - startOfLocalDay('2026-03-08', z)).toBe(23 * HOUR);
    expect(startOfLocalDay('2026-11-01', z)).toBe(Date.parse('2026-11-01T00:00:00-04:00'));
    expect(endOfLocalDay('2026-11-01', z)).toBe(Date.parse('2026-11-01T23:59:59.999-05:00'));
    expect(endOfLocalDay('2026-11-01', z) + 1 - startOfLocalDay('2026-11-01', z)).toBe(25 * HOUR);
    expect(endOfLocalDay('2026-03-09', z) + 1 - startOfLocalDay('2026-03-09', z)).toBe(24 * HOUR);
  });

  it('starts a day at 01:00 when the clock jumps from 00:00 to 01:00 (Santiago, Havana)', () => {
    expect(startOfLocalDay('2026-09-06', 'America/Santiago')).toBe(Date.parse('2026-09-06T01:00:00-03:00'));
    expect(toLocalDate(startOfLocalDay('2026-09-06', 'America/Santiago') - 1, 'America/Santiago')).toBe(
      '2026-09-05',
    );
    expect(startOfLocalDay('2026-03-08', 'America/Havana')).toBe(Date.parse('2026-03-08T01:00:00-04:00'));
    expect(endOfLocalDay('2026-03-07', 'America/Havana')).toBe(Date.parse('2026-03-07T23:59:59.999-05:00'));
  });

  it('ends a day at the second 23:59:59.999 when the clock goes back from 00:00 to 23:00 (Santiago)', () => {
    // Saturday 4 April 2026 has 25 hours in Santiago; it ends at 23:59:59.999 -04, not -03.
    expect(endOfLocalDay('2026-04-04', 'America/Santiago')).toBe(Date.parse('2026-04-04T23:59:59.999-04:00'));
    expect(startOfLocalDay('2026-04-05', 'America/Santiago')).toBe(Date.parse('2026-04-05T00:00:00-04:00'));
    const length =
      endOfLocalDay('2026-04-04', 'America/Santiago') + 1 - startOfLocalDay('2026-04-04', 'America/Santiago');
    expect(length).toBe(25 * HOUR);
  });

  it('starts a day at the transition when the gap begins before midnight (Toronto, 30 March 1919 23:30)', () => {
    // Clocks went from 23:30 EST to 00:30 EDT: 31 March 1919 began at 00:30 local, 04:30 UTC.
    const z = 'America/Toronto';
    expect(startOfLocalDay('1919-03-31', z)).toBe(Date.parse('1919-03-31T04:30:00Z'));
    expect(endOfLocalDay('1919-03-30', z)).toBe(Date.parse('1919-03-31T04:29:59.999Z'));
    expect(toLocalDate(Date.parse('1919-03-31T04:29:59.999Z'), z)).toBe('1919-03-30');
  });

  it('handles a skipped day: Samoa had no 30 December 2011', () => {
    const z = 'Pacific/Apia';
    const transition = Date.parse('2011-12-30T10:00:00Z');
    expect(toLocalDate(transition - 1, z)).toBe('2011-12-29');
    expect(toLocalDate(transition, z)).toBe('2011-12-31');
    expect(startOfLocalDay('2011-12-30', z)).toBe(transition);
    expect(startOfLocalDay('2011-12-31', z)).toBe(transition);
    expect(endOfLocalDay('2011-12-29', z)).toBe(transition - 1);
    expect(endOfLocalDay('2011-12-30', z)).toBe(transition - 1);
  });

  it('throws a RangeError for an unknown zone or an invalid instant, without echoing the input', () => {
    expect(() => toLocalDate(0, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => startOfLocalDay('2026-01-01', '')).toThrow(RangeError);
    expect(() => toLocalDate(0, undefined as unknown as string)).toThrow(RangeError);
    // Strings Date.parse would accept, but that are not schema-valid instants:
    for (const bad of [
      'not an instant 1987-05-12',
      '1987-05-12',
      '1987-05-12T10:00:00', // no zone
      '1987-05-12T10:00Z', // no seconds
      '1987-05-12 10:00:00Z',
      '1987-05-12t10:00:00z',
      '1987-02-30T10:00:00Z',
      '1987-05-12T24:00:00Z',
      '1987-05-12T10:00:00+0530',
      '+001987-05-12T10:00:00Z',
      '1987-05-12T10:00:00.Z',
      '1987-05-12T10:00:00Z ',
      '1987-05-12T10:00:00+05:30:00',
      '1987-05-12T10:00:00+24:00',
    ]) {
      expect(() => toEpoch(bad)).toThrow(RangeError);
      expect(() => toEpoch(bad)).not.toThrow(/1987/);
    }
    expect(() => toEpoch(Number.NaN)).toThrow(RangeError);
    expect(() => toEpoch(undefined as unknown as string)).toThrow(RangeError);
    expect(() => toEpoch(new Date(0) as unknown as string)).toThrow(RangeError);
    expect(() => toEpoch(8.64e15 + 1)).toThrow(RangeError);
    expect(toEpoch(-8.64e15)).toBe(-8.64e15);
    expect(() => toLocalDate(-8.64e15, 'UTC')).toThrow(RangeError); // year -271821: not a LocalDate
    expect(() => startOfLocalDay('2026-02-30', 'UTC')).toThrow(RangeError);
  });
});

describe('instants to local dates: properties', () => {
  test.prop([instant, zone])('toLocalDate agrees with Intl date fields and with date-fns TZDate', (d, z) => {
    const t = d.getTime();
    const expected = intlDate(t, z);
    expect(toLocalDate(t, z)).toBe(expected);
    expect(toLocalDate(d.toISOString(), z)).toBe(expected);
    expect(tzDate(t, z)).toBe(expected);
    expect(toYearMonth(t, z)).toBe(expected.slice(0, 7));
  });

  test.prop([fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * HOUR, max: 3 * HOUR })])(
    'toLocalDate is exact to the millisecond around clock changes',
    ([z, at], delta) => {
      const transition = Date.parse(at);
      // The listed instants really are clock changes (else this test would prove nothing).
      expect(timeZoneOffset(transition - 1, z)).not.toBe(timeZoneOffset(transition, z));
      expect(toLocalDate(transition + delta, z)).toBe(intlDate(transition + delta, z));
    },
  );

  test.prop([
    instant,
    fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
    fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
    fc.boolean(),
  ])(
    'toEpoch reads every schema-valid Instant, whatever its offset and fraction',
    (d, offsetMinutes, fraction, z) => {
      const t = Math.floor(d.getTime() / 1000) * 1000;
      const local = new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 19);
      const abs = Math.abs(offsetMinutes);
      const hh = String(Math.floor(abs / 60)).padStart(2, '0');
      const zoneText =
        z && offsetMinutes === 0
          ? 'Z'
          : `${offsetMinutes < 0 ? '-' : '+'}${hh}:${String(abs % 60).padStart(2, '0')}`;
      const text = `${local}${fraction === undefined ? '' : `.${fraction}`}${zoneText}`;
      expect(Instant.safeParse(text).success).toBe(true);
      const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
      expect(toEpoch(text)).toBe(t + millis);
      expect(toEpoch(text)).toBe(Date.parse(text)); // V8's parser truncates extra digits too
    },
  );

  test.prop(
    [
      instant,
      fc.integer({ min: 0, max: 30 }),
      fc.constantFrom(...'0123456789-:TZ+.x '),
      fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
    ],
    { numRuns: 300 },
  )('toEpoch accepts a string exactly when the Instant schema does', (d, position, char, offsetMinutes) => {
    const abs = Math.abs(offsetMinutes);
    const zoneText =
      offsetMinutes === 0
        ? 'Z'
        : `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    const valid = `${d.toISOString().slice(0, 19)}${zoneText}`;
    const text = `${valid.slice(0, position)}${char}${valid.slice(position + 1)}`; // one character changed
    const accepted = (() => {
      try {
        toEpoch(text);
        return true;
      } catch {
        return false;
      }
    })();
    expect(accepted).toBe(Instant.safeParse(text).success);
  });

  test.prop([localDate, zone])(
    'a local day starts and ends on that day, and the next day follows',
    (date, z) => {
      fc.pre(!(z === 'Pacific/Kiritimati' && date === '1994-12-31')); // a skipped day (tested above, with Samoa's)
      const start = startOfLocalDay(date, z);
      const end = endOfLocalDay(date, z);
      expect(toLocalDate(start, z)).toBe(date);
      expect(toLocalDate(end, z)).toBe(date);
      expect(end + 1).toBe(startOfLocalDay(addDays(date, 1), z));
      // It is the FIRST instant of the day: the millisecond before belongs to an earlier day.
      expect(compareLocalDates(toLocalDate(start - 1, z), date)).toBe(-1);
      expect(compareLocalDates(toLocalDate(end + 1, z), date)).toBe(1);
      const hours = (end + 1 - start) / HOUR;
      expect(hours).toBeGreaterThanOrEqual(22);
      expect(hours).toBeLessThanOrEqual(26);
    },
  );

  test.prop([fc.constantFrom(...TRANSITIONS)])(
    'days around clock changes start and end on that day',
    ([z, at]) => {
      const around = toLocalDate(Date.parse(at), z);
      for (const k of [-2, -1, 0, 1, 2]) {
        const date = addDays(around, k);
        if (z === 'Pacific/Apia' && date === '2011-12-30') continue; // the skipped day, tested above
        expect(toLocalDate(startOfLocalDay(date, z), z)).toBe(date);
        expect(toLocalDate(endOfLocalDay(date, z), z)).toBe(date);
        expect(compareLocalDates(toLocalDate(startOfLocalDay(date, z) - 1, z), date)).toBe(-1);
      }
    },
  );

  test.prop([instant, zone])('an instant lies within its local day', (d, z) => {
    const t = d.getTime();
    const date = toLocalDate(t, z);
    expect(startOfLocalDay(date, z)).toBeLessThanOrEqual(t);
    expect(endOfLocalDay(date, z)).toBeGreaterThanOrEqual(t);
  });

  test.prop([instant, instant, zone])('toLocalDate is monotone and deterministic', (a, b, z) => {
    const [x, y] = a.getTime() <= b.getTime() ? [a.getTime(), b.getTime()] : [b.getTime(), a.getTime()];
    expect(compareLocalDates(toLocalDate(x, z), toLocalDate(y, z))).toBeLessThanOrEqual(0);
    expect(toLocalDate(x, z)).toBe(toLocalDate(x, z));
    expect(startOfLocalDay(toLocalDate(x, z), z)).toBe(startOfLocalDay(toLocalDate(x, z), z));
  });
});

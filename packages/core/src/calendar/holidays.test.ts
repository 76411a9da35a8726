import { fc, test } from '@fast-check/vitest';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { isUsFederalHoliday, usFederalHolidays } from './holidays';
import { addDays, dayOfWeek } from './localDate';

/**
 * The oracle: the `date-holidays` package (US, no state). How it reports observed days, and how we read it:
 * - a fixed-date holiday on a weekend is listed twice, on its date and as "… (substitute day)" on the observed day,
 *   both of type `public`; the federal day off is the weekday one, so weekend dates are dropped;
 * - the substitute of 1 January falling on a Saturday is listed in the previous year (e.g. 2021-12-31), as here;
 * - one documented difference: the observed day of Veterans Day is of type `bank` ("Federal Government offices
 *   are closed"), while 5 U.S.C. 6103(b) makes it the federal day off: it is taken in;
 * - Inauguration Day is in neither list (it is a holiday only in and around Washington, DC).
 */
function oracle(year: number): string[] {
  const holidays = new Holidays('US');
  return holidays
    .getHolidays(year)
    .filter((h) => h.type === 'public' || (h.type === 'bank' && h.name.startsWith('Veterans Day')))
    .map((h) => h.date.slice(0, 10))
    .filter((date) => dayOfWeek(date) !== 0 && dayOfWeek(date) !== 6)
    .filter((date, i, all) => all.indexOf(date) === i)
    .sort();
}

describe('US federal holidays', () => {
  it('match the date-holidays package for every year from 2000 to 2040', () => {
    for (let year = 2000; year <= 2040; year++) {
      expect(usFederalHolidays(year), String(year)).toEqual(oracle(year));
    }
  });

  it('isUsFederalHoliday is true exactly on the oracle dates, every day from December 1999 to January 2041', () => {
    const expected = new Set<string>();
    for (let year = 1999; year <= 2041; year++) for (const d of oracle(year)) expected.add(d);
    let holidays = 0;
    for (let date = '1999-12-01'; date <= '2041-01-31'; date = addDays(date, 1)) {
      expect(isUsFederalHoliday(date), date).toBe(expected.has(date));
      if (expected.has(date)) holidays += 1;
    }
    expect(holidays).toBeGreaterThan(42 * 10);
  });

  it('are the observed days off for 2026', () => {
    expect(usFederalHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-01-19', // Martin Luther King Jr.
      '2026-02-16', // Washington's Birthday
      '2026-05-25', // Memorial Day
      '2026-06-19', // Juneteenth
      '2026-07-03', // Independence Day, 4 July is a Saturday
      '2026-09-07', // Labor Day
      '2026-10-12', // Columbus Day
      '2026-11-11', // Veterans Day
      '2026-11-26', // Thanksgiving
      '2026-12-25',
    ]);
  });

  it('put the New Year observed on 31 December in the year it falls in', () => {
    expect(usFederalHolidays(2021)).toContain('2021-12-31');
    expect(usFederalHolidays(2022)).not.toContain('2022-01-01');
    expect(usFederalHolidays(2022)).not.toContain('2021-12-31');
    expect(usFederalHolidays(2022)).toHaveLength(10);
    expect(isUsFederalHoliday('2021-12-31')).toBe(true);
    expect(isUsFederalHoliday('2022-01-01')).toBe(false);
    expect(isUsFederalHoliday('1999-12-31')).toBe(true); // 1 January 2000 was a Saturday
    expect(isUsFederalHoliday('2027-12-31')).toBe(true); // 1 January 2028 is a Saturday
    expect(usFederalHolidays(2023)[0]).toBe('2023-01-02'); // 1 January 2023 was a Sunday
  });

  it('observe Saturday holidays on Friday and Sunday holidays on Monday', () => {
    expect(isUsFederalHoliday('2021-06-18')).toBe(true); // Juneteenth 2021, a Saturday
    expect(isUsFederalHoliday('2021-06-19')).toBe(false);
    expect(isUsFederalHoliday('2022-06-20')).toBe(true); // Juneteenth 2022, a Sunday
    expect(isUsFederalHoliday('2023-11-10')).toBe(true); // Veterans Day 2023, a Saturday
    expect(isUsFederalHoliday('2022-12-26')).toBe(true); // Christmas 2022, a Sunday
  });

  it('add Juneteenth from 2021 and Martin Luther King Jr. Day from 1986', () => {
    expect(usFederalHolidays(2020)).not.toContain('2020-06-19');
    expect(usFederalHolidays(2020)).toHaveLength(10);
    expect(usFederalHolidays(1985)).not.toContain('1985-01-21');
    expect(usFederalHolidays(1986)).toContain('1986-01-20');
  });

  it('throws a RangeError for an invalid year or date', () => {
    expect(() => usFederalHolidays(2026.5)).toThrow(RangeError);
    expect(() => usFederalHolidays(10_000)).toThrow(RangeError);
    expect(() => usFederalHolidays(-1)).toThrow(RangeError);
    expect(() => isUsFederalHoliday('2026-02-30')).toThrow(RangeError);
    expect(usFederalHolidays(0).length).toBeGreaterThan(0);
    expect(usFederalHolidays(9999).length).toBeGreaterThan(0);
  });

  test.prop([fc.integer({ min: 0, max: 9999 })])(
    'every year: weekdays only, in order, in the year, as many as the law lists',
    (year) => {
      const yyyy = String(year).padStart(4, '0');
      const list = usFederalHolidays(year);
      for (const d of list) {
        expect(d.slice(0, 4)).toBe(yyyy);
        expect([0, 6]).not.toContain(dayOfWeek(d));
        expect(isUsFederalHoliday(d)).toBe(true);
      }
      expect([...list].sort()).toEqual(list);
      expect(new Set(list).size).toBe(list.length);
      const statutory = 9 + (year >= 1986 ? 1 : 0) + (year >= 2021 ? 1 : 0);
      const newYearMovedOut = dayOfWeek(`${yyyy}-01-01`) === 6 ? 1 : 0; // observed 31 December of the year before
      const newYearMovedIn = dayOfWeek(`${yyyy}-12-31`) === 5 ? 1 : 0; // next 1 January is a Saturday
      expect(list.length).toBe(statutory - newYearMovedOut + newYearMovedIn);
      expect(list.includes(`${yyyy}-12-31`)).toBe(newYearMovedIn === 1);
      expect(usFederalHolidays(year)).toEqual(list); // deterministic
    },
  );
});

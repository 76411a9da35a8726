import { tzOffset } from '@date-fns/tz';
import { fc, test } from '@fast-check/vitest';
import { addMonths as dfAddMonths } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  civilFromDay,
  createBusinessDays,
  createZoneClock,
  DAY_MS,
  dayFromCivil,
  formatDay,
  parseDay,
  weekday,
} from './time';

const day = fc.integer({ min: -25_000, max: 60_000 });

describe('day arithmetic', () => {
  test.prop([day])('matches the JavaScript calendar', (d) => {
    const js = new Date(d * DAY_MS);
    expect(formatDay(d)).toBe(js.toISOString().slice(0, 10));
    expect(weekday(d)).toBe(js.getUTCDay());
    expect(parseDay(formatDay(d))).toBe(d);
    const [y, m, dd] = civilFromDay(d);
    expect(dayFromCivil(y, m, dd)).toBe(d);
  });

  test.prop([day, fc.integer({ min: -40, max: 40 })])('adds months like date-fns', (d, n) => {
    const expected = dfAddMonths(new Date(d * DAY_MS), n);
    expect(formatDay(addMonths(d, n))).toBe(
      `${String(expected.getFullYear()).padStart(4, '0')}-${String(expected.getMonth() + 1).padStart(2, '0')}-${String(expected.getDate()).padStart(2, '0')}`,
    );
  });

  it('clamps to the end of shorter months', () => {
    expect(formatDay(addMonths(parseDay('2026-01-31'), 1))).toBe('2026-02-28');
    expect(formatDay(addMonths(parseDay('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatDay(addMonths(parseDay('2026-03-02'), 3))).toBe('2026-06-02');
  });
});

describe('zone clock', () => {
  const zones = [
    'America/Los_Angeles',
    'Europe/Berlin',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Asia/Kolkata',
  ];
  test.prop([
    fc.constantFrom(...zones),
    fc.integer({ min: parseDay('1990-01-01'), max: parseDay('2040-12-31') }),
    fc.integer({ min: 6 * 60, max: 1439 }),
  ])('writes the offset in force at the instant, and the wall time asked for', (zone, d, minute) => {
    const text = createZoneClock(zone).at(d, minute);
    const m = /^(\d{4}-\d\d-\d\d)T(\d\d):(\d\d):00([+-])(\d\d):(\d\d)$/.exec(text);
    expect(m).not.toBeNull();
    const [, date, hh, mm, sign, oh, om] = m as RegExpExecArray;
    const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    expect(offset).toBe(tzOffset(zone, new Date(text)));
    expect(date).toBe(formatDay(d));
    expect(Number(hh) * 60 + Number(mm)).toBe(minute);
  });

  test.prop([
    fc.constantFrom(...zones, 'UTC'),
    fc.integer({ min: parseDay('1990-01-01'), max: parseDay('2040-12-31') }),
    fc.integer({ min: 0, max: 1439 }),
    fc.integer({ min: -86_400_000, max: 86_400_000 }),
  ])(
    'writes any instant with the offset in force, and epochAt is the instant at',
    (zone, d, minute, shift) => {
      const clock = createZoneClock(zone);
      expect(clock.instant(clock.epochAt(d, minute))).toBe(clock.at(d, minute));
      const ms = clock.epochAt(d, minute) + shift;
      const text = clock.instant(ms);
      expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(Date.parse(text)).toBe(Math.floor(ms / 1000) * 1000);
      expect(clock.offsetAt(ms)).toBe(tzOffset(zone, new Date(ms)));
      const zulu = createZoneClock(zone, { utcAsZ: true }).instant(ms);
      expect(zulu).toBe(zone === 'UTC' ? text.replace('+00:00', 'Z') : text);
    },
  );

  it('follows daylight saving time in Los Angeles in 2026', () => {
    const clock = createZoneClock('America/Los_Angeles');
    expect(clock.at(parseDay('2026-03-07'), 10 * 60)).toBe('2026-03-07T10:00:00-08:00');
    expect(clock.at(parseDay('2026-03-08'), 9 * 60)).toBe('2026-03-08T09:00:00-07:00');
    expect(clock.at(parseDay('2026-03-08'), 14 * 60)).toBe('2026-03-08T14:00:00-07:00');
    expect(clock.at(parseDay('2026-10-31'), 23 * 60 + 30)).toBe('2026-10-31T23:30:00-07:00');
    expect(clock.at(parseDay('2026-11-01'), 5 * 60)).toBe('2026-11-01T05:00:00-08:00');
    expect(clock.at(parseDay('2026-11-01'), 12 * 60)).toBe('2026-11-01T12:00:00-08:00');
    expect(clock.date(parseDay('2026-11-01'))).toBe('2026-11-01');
  });
});

describe('business days', () => {
  it('follow the program calendar: weekends and Memorial Day are skipped', () => {
    const b = createBusinessDays({ weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal'] });
    expect(b.isBusinessDay(parseDay('2026-05-22'))).toBe(true);
    expect(b.isBusinessDay(parseDay('2026-05-23'))).toBe(false);
    expect(b.isBusinessDay(parseDay('2026-05-25'))).toBe(false);
    expect(formatDay(b.after(parseDay('2026-05-22'), 1))).toBe('2026-05-26');
    expect(formatDay(b.after(parseDay('2026-06-09'), 3))).toBe('2026-06-12');
    const noHolidays = createBusinessDays({ weekendDays: [0, 6], holidays: [] });
    expect(formatDay(noHolidays.after(parseDay('2026-05-22'), 1))).toBe('2026-05-25');
  });
});

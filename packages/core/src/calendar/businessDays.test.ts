import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../model/index';
import { addBusinessDays, isBusinessDay, isHoliday, replyDeadline } from './businessDays';
import { addDays, compareLocalDates, daysBetween } from './localDate';
import { endOfLocalDay, toEpoch, toLocalDate } from './zone';

const US: BusinessCalendar = { weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal'] };
const PLAIN: BusinessCalendar = { weekendDays: [0, 6], holidays: [] };

/** Dates in a narrow range, so that generated holidays often fall next to generated dates. */
const nearDate = fc
  .date({ min: new Date('2025-11-01T00:00:00Z'), max: new Date('2027-02-28T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const calendar: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    weekendDays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }),
    holidays: fc.array(nearDate, { maxLength: 40 }),
    federal: fc.boolean(),
  })
  .map(({ weekendDays, holidays, federal }) =>
    federal ? { weekendDays, holidays, holidaySets: ['us-federal' as const] } : { weekendDays, holidays },
  );

const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];
const zone = fc.constantFrom(...ZONES);
const received = fc.date({
  min: new Date('2025-11-01T00:00:00Z'),
  max: new Date('2027-01-31T00:00:00Z'),
  noInvalidDate: true,
});

/** Business days in the half-open range (from, to], counted one day at a time. */
function businessDaysAfter(from: string, to: string, cal: BusinessCalendar): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isBusinessDay(d, cal)) count += 1;
  return count;
}

describe('business days: examples', () => {
  it('knows weekends and holidays, explicit or from the US federal set', () => {
    const cal: BusinessCalendar = {
      weekendDays: [0, 6],
      holidays: ['2026-12-24'],
      holidaySets: ['us-federal'],
    };
    expect(isHoliday('2026-12-24', cal)).toBe(true);
    expect(isHoliday('2026-12-25', cal)).toBe(true);
    expect(isHoliday('2026-05-25', cal)).toBe(true);
    expect(isHoliday('2026-05-26', cal)).toBe(false);
    expect(isHoliday('2026-05-25', PLAIN)).toBe(false);
    expect(isBusinessDay('2026-05-22', cal)).toBe(true); // Friday
    expect(isBusinessDay('2026-05-23', cal)).toBe(false); // Saturday
    expect(isBusinessDay('2026-05-25', cal)).toBe(false); // Memorial Day
    expect(isBusinessDay('2026-05-25', PLAIN)).toBe(true);
    // A holiday on a weekend is still a holiday.
    expect(isHoliday('2026-07-04', { weekendDays: [0, 6], holidays: ['2026-07-04'] })).toBe(true);
    // The observed New Year's Day on 31 December of the year before.
    expect(isHoliday('2021-12-31', US)).toBe(true);
    expect(isBusinessDay('2021-12-31', US)).toBe(false);
  });

  it('counts business days strictly after the date', () => {
    expect(addBusinessDays('2026-05-22', 1, US)).toBe('2026-05-26'); // Friday -> Tuesday (Memorial Day)
    expect(addBusinessDays('2026-05-22', 1, PLAIN)).toBe('2026-05-25');
    expect(addBusinessDays('2026-05-23', 1, US)).toBe('2026-05-26'); // Saturday
    expect(addBusinessDays('2026-05-20', 1, US)).toBe('2026-05-21'); // Wednesday -> Thursday
    expect(addBusinessDays('2026-05-20', 5, US)).toBe('2026-05-28');
    expect(addBusinessDays('2026-05-23', 0, US)).toBe('2026-05-23'); // n = 0: the date itself
    expect(addBusinessDays('2026-05-26', -1, US)).toBe('2026-05-22');
    expect(addBusinessDays('2026-12-23', 1, { ...US, holidays: ['2026-12-24'] })).toBe('2026-12-28');
    // A Friday-Saturday weekend.
    expect(addBusinessDays('2026-05-21', 1, { weekendDays: [5, 6], holidays: [] })).toBe('2026-05-24');
  });

  it('throws a RangeError for programmer errors', () => {
    expect(() => addBusinessDays('2026-05-20', 1.5, US)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-02-30', 1, US)).toThrow(RangeError);
    expect(() => isBusinessDay('2026-02-30', US)).toThrow(RangeError);
    expect(() =>
      addBusinessDays('2026-05-20', 1, { weekendDays: [0, 1, 2, 3, 4, 5, 6], holidays: [] }),
    ).toThrow(RangeError);
    expect(() => addBusinessDays('9999-12-31', 1, US)).toThrow(RangeError);
  });
});

describe('reply deadline: examples', () => {
  it('Friday evening before Memorial Day: due at the end of Tuesday, local time', () => {
    const due = replyDeadline('2026-05-22T18:30:00-07:00', 1, US, 'America/Los_Angeles');
    expect(due).toBe(toEpoch('2026-05-26T23:59:59.999-07:00'));
  });

  it('Friday evening before Martin Luther King Jr. Day: due at the end of Tuesday', () => {
    const due = replyDeadline('2026-01-16T18:30:00-05:00', 1, US, 'America/New_York');
    expect(due).toBe(toEpoch('2026-01-20T23:59:59.999-05:00'));
  });

  it('received on a Saturday: due at the end of Monday', () => {
    expect(replyDeadline('2026-03-14T10:00:00-07:00', 1, US, 'America/Los_Angeles')).toBe(
      toEpoch('2026-03-16T23:59:59.999-07:00'),
    );
  });

  it('received on a Wednesday morning: due at the end of Thursday', () => {
    expect(replyDeadline('2026-03-11T09:00:00-07:00', 1, US, 'America/Los_Angeles')).toBe(
      toEpoch('2026-03-12T23:59:59.999-07:00'),
    );
  });

  it('uses the local date of receipt, not the UTC date', () => {
    // Thursday 23:30 in Los Angeles is already Friday in UTC.
    const at = '2026-03-12T23:30:00-07:00';
    expect(replyDeadline(at, 1, US, 'America/Los_Angeles')).toBe(toEpoch('2026-03-13T23:59:59.999-07:00'));
    expect(replyDeadline(at, 1, US, 'UTC')).toBe(toEpoch('2026-03-16T23:59:59.999Z'));
  });

  it('ends the due day in its own offset across a daylight-saving change', () => {
    // Received Saturday 7 March 2026 in New York (EST); due Monday 9 March, by then EDT.
    expect(replyDeadline('2026-03-07T12:00:00-05:00', 1, US, 'America/New_York')).toBe(
      toEpoch('2026-03-09T23:59:59.999-04:00'),
    );
  });

  it('with 0 business days is due at the end of the day of receipt', () => {
    expect(replyDeadline('2026-03-14T10:00:00-07:00', 0, US, 'America/Los_Angeles')).toBe(
      toEpoch('2026-03-14T23:59:59.999-07:00'),
    );
  });
});

describe('business days and reply deadlines: properties', () => {
  test.prop([nearDate, fc.integer({ min: 1, max: 30 }), calendar])(
    'addBusinessDays gives a business day strictly after, with exactly n business days up to it',
    (date, n, cal) => {
      expect(BusinessCalendar.safeParse(cal).success).toBe(true);
      const result = addBusinessDays(date, n, cal);
      expect(compareLocalDates(result, date)).toBe(1);
      expect(isBusinessDay(result, cal)).toBe(true);
      expect(businessDaysAfter(date, result, cal)).toBe(n);
      expect(addBusinessDays(date, n, cal)).toBe(result); // deterministic
    },
  );

  test.prop([nearDate, fc.integer({ min: 1, max: 30 }), calendar])(
    'a negative count goes back: a business day strictly before, with exactly |n| business days from it',
    (date, n, cal) => {
      const result = addBusinessDays(date, -n, cal);
      expect(compareLocalDates(result, date)).toBe(-1);
      expect(isBusinessDay(result, cal)).toBe(true);
      // [result, date) holds n business days: (result - 1 day, date - 1 day].
      expect(businessDaysAfter(addDays(result, -1), addDays(date, -1), cal)).toBe(n);
    },
  );

  test.prop([nearDate, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), calendar])(
    'counting is additive: n then m business days is n + m',
    (date, n, m, cal) => {
      expect(addBusinessDays(addBusinessDays(date, n, cal), m, cal)).toBe(addBusinessDays(date, n + m, cal));
    },
  );

  test.prop([received, received, fc.integer({ min: 0, max: 5 }), calendar, zone])(
    'replyDeadline is monotone in the time of receipt',
    (a, b, n, cal, z) => {
      const [early, late] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
      const dueEarly = replyDeadline(early.getTime(), n, cal, z);
      const dueLate = replyDeadline(late.toISOString(), n, cal, z);
      expect(dueEarly).toBeLessThanOrEqual(dueLate);
      expect(replyDeadline(early.toISOString(), n, cal, z)).toBe(dueEarly); // epoch ms or ISO: same result
    },
  );

  test.prop([received, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), calendar, zone])(
    'replyDeadline grows with the number of business days, and is after the receipt',
    (at, n, m, cal, z) => {
      const [few, many] = n <= m ? [n, m] : [m, n];
      const t = at.getTime();
      const dueFew = replyDeadline(t, few, cal, z);
      const dueMany = replyDeadline(t, many, cal, z);
      if (few < many) expect(dueFew).toBeLessThan(dueMany);
      else expect(dueFew).toBe(dueMany);
      expect(dueFew).toBeGreaterThanOrEqual(t);
      if (few >= 1) expect(toLocalDate(dueFew, z) > toLocalDate(t, z)).toBe(true);
    },
  );

  test.prop([received, fc.integer({ min: 1, max: 5 }), calendar, zone])(
    'replyDeadline is the last millisecond of a business day, n business days after the local receipt date',
    (at, n, cal, z) => {
      const due = replyDeadline(at.toISOString(), n, cal, z);
      const dueDate = toLocalDate(due, z);
      const receivedOn = toLocalDate(at.getTime(), z);
      expect(isBusinessDay(dueDate, cal)).toBe(true);
      expect(toLocalDate(due + 1, z)).not.toBe(dueDate);
      expect(due).toBe(endOfLocalDay(dueDate, z));
      expect(businessDaysAfter(receivedOn, dueDate, cal)).toBe(n);
      expect(daysBetween(receivedOn, dueDate)).toBeGreaterThanOrEqual(n);
    },
  );
});

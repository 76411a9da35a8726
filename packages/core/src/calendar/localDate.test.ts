import { TZDate } from '@date-fns/tz';
import { fc, test } from '@fast-check/vitest';
import { addDays as dfAddDays, addMonths as dfAddMonths, differenceInCalendarDays, format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { LocalDate } from '../model/primitives';
import { dateShapedText, ymdText } from './calendar.test-support';
import {
  addDays,
  addMonths,
  civilFromDays,
  compareLocalDates,
  dayOfWeek,
  daysBetween,
  daysFromCivil,
  fromDayNumber,
  isRealLocalDate,
  monthKeyOfDay,
  parseLocalDateParts,
  toDayNumber,
} from './localDate';

/** Dates from 1900 to 2100, drawn as the project asks (`fc.date` without invalid dates). */
const localDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** The whole `LocalDate` range, 0000–9999, as day numbers. */
const anyDayNumber = fc.integer({ min: daysFromCivil(0, 1, 1), max: daysFromCivil(9999, 12, 31) });

/** A date-fns date at midnight UTC for a `YYYY-MM-DD` string (independent oracle). */
function utc(date: string): TZDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 'UTC');
}

describe('LocalDate arithmetic: examples', () => {
  it('handles leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('adds months with date-fns semantics (clamped to the month end)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 3)).toBe('2026-04-30');
    expect(addMonths('2025-11-15', 2)).toBe('2026-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-15', 0)).toBe('2026-01-15');
  });

  it('counts days backwards as negative', () => {
    expect(daysBetween('2026-01-10', '2026-01-03')).toBe(-7);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('compares dates', () => {
    expect(compareLocalDates('2025-12-31', '2026-01-01')).toBe(-1);
    expect(compareLocalDates('2026-01-01', '2025-12-31')).toBe(1);
    expect(compareLocalDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(['2026-03-01', '2025-12-31', '2026-02-28'].sort(compareLocalDates)).toEqual([
      '2025-12-31',
      '2026-02-28',
      '2026-03-01',
    ]);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-03-08')).toBe(0);
    expect(dayOfWeek('2024-02-29')).toBe(4);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2000-01-01')).toBe(6);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('works over the whole LocalDate range, years 0000 to 9999, without the two-digit-year trap of Date.UTC', () => {
    expect(addDays('0000-12-31', 1)).toBe('0001-01-01');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('0000-02-28', 1)).toBe('0000-02-29'); // year 0 is a leap year in the proleptic calendar
    expect(addMonths('0012-01-31', 1)).toBe('0012-02-29');
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(daysBetween('0000-01-01', '9999-12-31')).toBe(3_652_424);
  });

  it('throws a RangeError (that does not echo the value) for invalid dates, counts and results', () => {
    for (const bad of ['2023-02-29', '1987-13-01', '1987-00-10', '1987-05-32', '1987-5-12', '19870512', '']) {
      expect(() => addDays(bad, 1)).toThrow(RangeError);
      try {
        daysBetween(bad, '2026-01-01');
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RangeError);
        expect((e as Error).message).not.toContain('1987');
      }
    }
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', Number.NaN)).toThrow(RangeError);
    expect(() => addMonths('2026-01-01', Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0000-01-01', -1)).toThrow(RangeError);
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
  });
});

describe('LocalDate arithmetic: properties', () => {
  test.prop([anyDayNumber])('day numbers and dates round-trip over 0000-9999', (days) => {
    const date = fromDayNumber(days);
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(toDayNumber(date)).toBe(days);
    const [y, m, d] = civilFromDays(days);
    expect(parseLocalDateParts(date)).toEqual([y, m, d]);
  });

  test.prop([anyDayNumber])('day numbers agree with the epoch of Date (an independent calendar)', (days) => {
    const asDate = new Date(days * 86_400_000);
    expect(fromDayNumber(days)).toBe(
      `${String(asDate.getUTCFullYear()).padStart(4, '0')}-${String(asDate.getUTCMonth() + 1).padStart(2, '0')}-${String(asDate.getUTCDate()).padStart(2, '0')}`,
    );
    expect(dayOfWeek(fromDayNumber(days))).toBe(asDate.getUTCDay());
  });

  test.prop([localDate, fc.integer({ min: -40_000, max: 40_000 })])(
    'addDays agrees with date-fns and is inverted by daysBetween',
    (date, n) => {
      const result = addDays(date, n);
      expect(result).toBe(format(dfAddDays(utc(date), n), 'yyyy-MM-dd'));
      expect(daysBetween(date, result)).toBe(n);
      expect(addDays(result, -n)).toBe(date);
    },
  );

  test.prop([localDate, localDate])('daysBetween agrees with date-fns and with compareLocalDates', (a, b) => {
    const n = daysBetween(a, b);
    expect(n).toBe(differenceInCalendarDays(utc(b), utc(a)));
    expect(addDays(a, n)).toBe(b);
    expect(daysBetween(b, a) + n).toBe(0);
    expect(compareLocalDates(a, b)).toBe(n > 0 ? -1 : n < 0 ? 1 : 0);
  });

  test.prop([localDate, fc.integer({ min: -1200, max: 1200 })])(
    'addMonths agrees with date-fns',
    (date, n) => {
      expect(addMonths(date, n)).toBe(format(dfAddMonths(utc(date), n), 'yyyy-MM-dd'));
    },
  );

  test.prop([localDate, fc.integer({ min: -1200, max: 1200 })])(
    'addMonths keeps the day or clamps it to the month end',
    (date, n) => {
      const result = addMonths(date, n);
      const [y, m, d] = parseLocalDateParts(date)!;
      const [ry, rm, rd] = parseLocalDateParts(result)!;
      expect(ry * 12 + rm - (y * 12 + m)).toBe(n);
      if (rd !== d) {
        expect(rd).toBeLessThan(d);
        expect(parseLocalDateParts(addDays(result, 1))![2]).toBe(1);
      }
    },
  );

  test.prop([
    fc.oneof(
      localDate,
      fc.stringMatching(/^[0-9a-]{4}-[0-9]{2}-[0-9]{2}$/),
      fc.string({ minLength: 9, maxLength: 11 }),
      dateShapedText,
    ),
  ])(
    'toDayNumber is daysFromCivil of the parts parseLocalDateParts reads, and throws when it reads none',
    (s) => {
      const parts = parseLocalDateParts(s);
      if (parts === undefined) expect(() => toDayNumber(s)).toThrow(RangeError);
      else expect(Object.is(toDayNumber(s), daysFromCivil(...parts))).toBe(true);
    },
  );

  test.prop([anyDayNumber])('fromDayNumber writes the parts of civilFromDays', (days) => {
    const [y, m, d] = civilFromDays(days);
    expect(fromDayNumber(days)).toBe(ymdText(y, m, d));
  });

  test.prop([anyDayNumber])('monthKeyOfDay is year * 12 + month - 1 of civilFromDays', (days) => {
    const [y, m] = civilFromDays(days);
    expect(monthKeyOfDay(days)).toBe(y * 12 + m - 1);
  });

  test.prop([
    fc.oneof(
      localDate,
      fc.stringMatching(/^[0-9a\u0660]{4}-[0-9]{2}-[0-9]{2}$/),
      dateShapedText,
      fc.string({ minLength: 9, maxLength: 11 }),
      fc.constantFrom('2000-02-29', '1900-02-29', '0000-02-29', '2100-02-29', '2400-02-29', '9999-12-31'),
    ),
  ])('isRealLocalDate is what the LocalDate schema accepts', (s) => {
    expect(isRealLocalDate(s)).toBe(LocalDate.safeParse(s).success);
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './localDate';
import {
  firstDayOfMonth,
  isYearMonth,
  lastDayOfMonth,
  monthsBetween,
  monthsInRange,
  nextYearMonth,
  previousYearMonth,
  yearMonthOf,
} from './yearMonth';

const localDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('calendar months: examples', () => {
  it('names the month of a date and its first and last days', () => {
    expect(yearMonthOf('2024-02-29')).toBe('2024-02');
    expect(firstDayOfMonth('2026-02')).toBe('2026-02-01');
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2100-02')).toBe('2100-02-28');
    expect(lastDayOfMonth('2000-02')).toBe('2000-02-29');
    expect(lastDayOfMonth('2026-04')).toBe('2026-04-30');
    expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
  });

  it('steps over year ends', () => {
    expect(nextYearMonth('2025-12')).toBe('2026-01');
    expect(previousYearMonth('2026-01')).toBe('2025-12');
    expect(nextYearMonth('0999-12')).toBe('1000-01');
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
    expect(monthsBetween('2026-02', '2025-11')).toBe(-3);
  });

  it('lists every month a range touches', () => {
    expect(monthsInRange('2025-11-30', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsInRange('2026-03-05', '2026-03-05')).toEqual(['2026-03']);
    expect(monthsInRange('2026-01-31', '2026-02-01')).toEqual(['2026-01', '2026-02']);
    expect(monthsInRange('2026-03-05', '2026-02-05')).toEqual([]);
  });

  it('validates YearMonth strings and throws a RangeError for invalid input', () => {
    expect(isYearMonth('2026-02')).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-2', '202602', '2026-02-01', '']) {
      expect(isYearMonth(bad)).toBe(false);
      expect(() => nextYearMonth(bad)).toThrow(RangeError);
      expect(() => lastDayOfMonth(bad)).toThrow(RangeError);
    }
    expect(() => nextYearMonth('9999-12')).toThrow(RangeError);
    expect(() => previousYearMonth('0000-01')).toThrow(RangeError);
    expect(() => yearMonthOf('2023-02-29')).toThrow(RangeError);
    expect(() => monthsInRange('2023-02-29', '2026-01-01')).toThrow(RangeError);
  });
});

describe('calendar months: properties', () => {
  test.prop([localDate, localDate])(
    'monthsInRange is contiguous, in order and covers exactly the range',
    (a, b) => {
      const [from, to] = a <= b ? [a, b] : [b, a];
      const months = monthsInRange(from, to);
      expect(months[0]).toBe(yearMonthOf(from));
      expect(months.at(-1)).toBe(yearMonthOf(to));
      const contiguous = months.every((ym, i) => i === 0 || ym === nextYearMonth(months[i - 1]!));
      expect(contiguous).toBe(true);
      expect(months.length).toBe(monthsBetween(yearMonthOf(from), yearMonthOf(to)) + 1);
      // Every date of the range falls in a listed month (checked on a sample of the range's days).
      const span = daysBetween(from, to);
      for (const k of [0, Math.floor(span / 3), Math.floor(span / 2), span]) {
        expect(months).toContain(yearMonthOf(addDays(from, k)));
      }
      if (a !== b) expect(monthsInRange(to, from)).toEqual([]);
    },
  );

  test.prop([localDate])(
    'a month runs from its first day to its last day, then the next month starts',
    (date) => {
      const ym = yearMonthOf(date);
      const first = firstDayOfMonth(ym);
      const last = lastDayOfMonth(ym);
      expect(first <= date && date <= last).toBe(true);
      expect(addDays(last, 1)).toBe(firstDayOfMonth(nextYearMonth(ym)));
      expect(addDays(first, -1)).toBe(lastDayOfMonth(previousYearMonth(ym)));
      expect(daysBetween(first, last) + 1).toBeGreaterThanOrEqual(28);
      expect(daysBetween(first, last) + 1).toBeLessThanOrEqual(31);
      expect(previousYearMonth(nextYearMonth(ym))).toBe(ym);
      expect(monthsInRange(first, last)).toEqual([ym]);
    },
  );
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { dateOfDay, dayNumber } from './dates';

const DAY = 86_400_000;

describe('private day arithmetic', () => {
  it('numbers days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2024-03-01')! - dayNumber('2024-02-28')!).toBe(2);
    expect(dayNumber('2023-03-01')! - dayNumber('2023-02-28')!).toBe(1);
  });

  it('rejects what is not a calendar date, without throwing', () => {
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-1-1',
      '',
      'x',
    ]) {
      expect(dayNumber(bad)).toBeNull();
    }
    expect(dayNumber(undefined)).toBeNull();
    expect(dayNumber(20260101)).toBeNull();
    expect(dayNumber('2000-02-29')).not.toBeNull();
  });

  test.prop([
    fc.date({
      noInvalidDate: true,
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
    }),
  ])('agrees with Date.UTC and round-trips', (d) => {
    const iso = d.toISOString().slice(0, 10);
    const expected = Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
    expect(dayNumber(iso)).toBe(expected);
    expect(dateOfDay(expected)).toBe(iso);
  });
});

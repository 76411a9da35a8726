import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { countAtOrBefore } from './shared';

/** The reference: a count, one value at a time. */
const linear = <T extends string | number>(values: readonly T[], value: T) =>
  values.filter((v) => v <= value).length;

describe('countAtOrBefore', () => {
  test.prop([fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 })])(
    'counts the ascending numbers at or before a value, as a linear count does',
    (values, value) => {
      const sorted = [...values].sort((a, b) => a - b);
      expect(countAtOrBefore(sorted, value)).toBe(linear(sorted, value));
    },
  );

  test.prop([
    fc.array(fc.stringMatching(/^20[0-9]{2}-0[1-9]-[0-2][1-9]$/)),
    fc.stringMatching(/^20[0-9]{2}-0[1-9]-[0-2][1-9]$/),
  ])('counts the ascending dates at or before a date, as a linear count does', (values, value) => {
    const sorted = [...values].sort();
    expect(countAtOrBefore(sorted, value)).toBe(linear(sorted, value));
  });

  it('gives the interval of a value between change days, equal values counting as before', () => {
    expect(countAtOrBefore([], 5)).toBe(0);
    expect(countAtOrBefore([3, 7], 2)).toBe(0);
    expect(countAtOrBefore([3, 7], 3)).toBe(1);
    expect(countAtOrBefore([3, 7], 9)).toBe(2);
    expect(countAtOrBefore(['2026-01-01', '2026-03-01'], '2026-02-10')).toBe(1);
  });
});

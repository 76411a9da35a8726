import { fc } from '@fast-check/vitest';

/**
 * `YYYY-MM-DD` written with four, two and two digits (zero-padded) from a year 0 to 9999, a month 0 to 13 and a day
 * 0 to 32: real dates and the near misses a date reader must refuse (month 0 or 13, day 0, 31 April, 29 February of
 * a common year).
 */
export const dateShapedText = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => ymdText(y, m, d));

/** A year, month and day written as `YYYY-MM-DD` (zero-padded, no check). */
export const ymdText = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

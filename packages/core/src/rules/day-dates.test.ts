/**
 * The dates of day numbers memoised by an evaluation context (`dateOfDay`: a dense table around the first day asked,
 * a map for other days) against `fromDayNumber`, for days asked in any order, near and far from each other.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { daysFromCivil, fromDayNumber } from '../calendar/localDate';
import { srpRecoveryConnect } from '../packs/builtin';
import { programData } from '../testing/builders';
import { createContext, dateOfDay, indexProgram } from './context';

const anyDay = fc.integer({ min: daysFromCivil(0, 1, 1), max: daysFromCivil(9999, 12, 31) });
const nearDay = fc.integer({ min: 20_000, max: 24_000 });

describe('dates of day numbers in an evaluation', () => {
  test.prop([fc.array(fc.oneof(nearDay, anyDay), { minLength: 1, maxLength: 80 })])(
    'are the dates fromDayNumber writes, whatever the days and their order',
    (days) => {
      const ctx = createContext(indexProgram(programData()), srpRecoveryConnect, { asOf: '2026-06-01' });
      if (!ctx.success) throw new Error('no context');
      const copy = { ...ctx.data, lazy: true }; // a copy of the context shares its memo
      for (const d of [...days, ...days]) {
        expect(dateOfDay(ctx.data, d)).toBe(fromDayNumber(d));
        expect(dateOfDay(copy, d)).toBe(fromDayNumber(d));
      }
    },
  );
});

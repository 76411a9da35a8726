import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { suppressSmallCells } from './suppress';

describe('suppressSmallCells', () => {
  it('hides every number of a cell under the minimum, its count included, and keeps text and zero cells', () => {
    const summary = {
      asOf: '2026-11-20',
      instruments: [
        {
          instrumentId: 'barc-10',
          change: { n: 3, meanChange: 4.5, confidenceInterval: { level: 0.95, lower: 1, upper: 8 } },
          changeByPoint: [
            { pointId: 'annual', attrition: { due: 12, done: 9 }, change: { n: 0, meanChange: null } },
          ],
        },
      ],
    };
    const input = structuredClone(summary);
    expect(suppressSmallCells(summary, 11)).toEqual({
      asOf: '2026-11-20',
      instruments: [
        {
          instrumentId: 'barc-10',
          change: {
            n: null,
            meanChange: null,
            confidenceInterval: { level: null, lower: null, upper: null },
            suppressed: true,
            minCell: 11,
          },
          changeByPoint: [
            { pointId: 'annual', attrition: { due: 12, done: 9 }, change: { n: 0, meanChange: null } },
          ],
        },
      ],
    });
    expect(summary).toEqual(input);
  });

  test.prop([fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })])(
    'a cell is hidden exactly when 0 < n < minCell',
    (n, minCell) => {
      const out = suppressSmallCells({ cell: { n, mean: 1 } }, minCell);
      expect('suppressed' in out.cell).toBe(n > 0 && n < minCell);
    },
  );
});

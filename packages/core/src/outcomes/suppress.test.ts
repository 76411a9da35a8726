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
            {
              pointId: 'annual',
              // 9 done is a count under 11 (and 12 − 9 = 3 missed): shown as suppressed, the cell kept.
              attrition: { due: 12, done: null, suppressedFields: ['done'], minCell: 11 },
              change: { n: 0, meanChange: null },
            },
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

describe('suppressSmallCells: small counts inside shown cells, and complementary suppression', () => {
  it('hides missed follow-ups given away by due − done, and the baseline comparison of the few lost', () => {
    const attrition = {
      due: 20,
      done: 15,
      rate: 0.75,
      withBaseline: 18,
      paired: 13,
      baselineNoPair: 5,
      retainedBaseline: { n: 13, mean: 38.2, sd: 6.1 },
      lostBaseline: { n: 5, mean: 33, sd: 5.2 },
      baselineDifference: { t: 1.8, df: 8.4, p: 0.11, meanDifference: 5.2 },
    };
    // due − done = 5 missed (under 11): done and the rate go. baselineNoPair 5 goes, and the total withBaseline with
    // it (paired is the change's n, shown beside: 18 − 13 would give the 5 away); the lost group and the comparison go.
    expect(suppressSmallCells({ attrition }, 11)).toEqual({
      attrition: {
        due: 20,
        done: null,
        rate: null,
        withBaseline: null,
        paired: 13,
        baselineNoPair: null,
        retainedBaseline: { n: 13, mean: 38.2, sd: 6.1 },
        lostBaseline: { n: null, mean: null, sd: null, suppressed: true, minCell: 11 },
        baselineDifference: { t: null, df: null, p: null, meanDifference: null },
        suppressedFields: ['baselineDifference', 'baselineNoPair', 'done', 'rate', 'withBaseline'],
        minCell: 11,
      },
    });
    // 12 of 24 done, 12 missed: nothing small, nothing to give away.
    const big = { due: 24, done: 12, rate: 0.5 };
    expect(suppressSmallCells(big, 11)).toEqual(big);
  });

  it("hides the instrument's follow-up counts when a point's attrition has a hidden count", () => {
    const instrument = {
      changeByPoint: [
        { pointId: '6m', attrition: { due: 30, done: 25 } },
        { pointId: 'closeout', attrition: { due: 4, done: 2 } },
      ],
      // 27 of 34: 34 − 30 would give the closeout's 4 away.
      followUp: { n: 34, numerator: 27, denominator: 34, rate: 27 / 34, target: 0.8, meetsTarget: false },
    };
    expect(suppressSmallCells(instrument, 11).followUp).toEqual({
      n: 34,
      numerator: null,
      denominator: null,
      rate: null,
      target: 0.8,
      meetsTarget: null,
      suppressedFields: ['denominator', 'meetsTarget', 'numerator', 'rate'],
      minCell: 11,
    });
  });

  it('hides a small threshold count and the part that would give it away', () => {
    const t = {
      thresholdId: 'x',
      value: 47,
      n: 30,
      metAtBaseline: 4,
      metAtFollowUp: 12,
      notMetAtBaseline: 26,
      crossed: 9,
      crossedShare: 9 / 26,
    };
    // metAtBaseline 4 goes, so notMetAtBaseline (= 30 − 4) goes; crossed 9 goes, and the share with it.
    // metAtFollowUp 12 stays: 30 − 12 = 18 did not meet it at follow-up.
    expect(suppressSmallCells(t, 11)).toEqual({
      thresholdId: 'x',
      value: 47,
      n: 30,
      metAtBaseline: null,
      metAtFollowUp: 12,
      notMetAtBaseline: null,
      crossed: null,
      crossedShare: null,
      suppressedFields: ['crossed', 'crossedShare', 'metAtBaseline', 'notMetAtBaseline'],
      minCell: 11,
    });
  });

  it('hides the complement among responses, goal statuses and rows left out by reason', () => {
    expect(suppressSmallCells({ n: 40, scored: 35, incomplete: 5, invalid: 0 }, 11)).toEqual({
      n: 40,
      scored: null,
      incomplete: null,
      invalid: 0,
      suppressedFields: ['incomplete', 'scored'],
      minCell: 11,
    });
    expect(
      suppressSmallCells(
        { n: 40, enrolments: 20, byStatus: { achieved: 25, open: 12, cancelled: 3 }, achievedShare: 25 / 37 },
        11,
      ),
    ).toEqual({
      n: 40,
      enrolments: 20,
      byStatus: { achieved: 25, open: null, cancelled: null },
      achievedShare: null,
      suppressedFields: ['achievedShare', 'byStatus.cancelled', 'byStatus.open'],
      minCell: 11,
    });
    // Two codes hidden: only their sum (4) is known, not either one.
    const excluded = { rows: 30, byCode: { a: 26, b: 1, c: 3 } };
    expect(suppressSmallCells(excluded, 11)).toEqual({
      rows: 30,
      byCode: { a: 26, b: null, c: null },
      suppressedFields: ['byCode.b', 'byCode.c'],
      minCell: 11,
    });
  });

  it('hides a second group when exactly one group has something suppressed', () => {
    const group = (key: string, n: number) => ({ groupBy: 'coach', key, change: { n, meanChange: 1 } });
    const out = suppressSmallCells(
      { groups: [group('a', 30), group('b', 3), group('c', 15), group('d', 20)] },
      11,
    );
    expect(out.groups.map((g) => [g.key, 'suppressed' in g || 'suppressed' in g.change])).toEqual([
      ['a', false],
      ['b', true],
      ['c', true],
      ['d', false],
    ]);
    expect(out.groups[2]).toEqual({
      groupBy: 'coach',
      key: 'c',
      change: { n: null, meanChange: null },
      suppressed: true,
      minCell: 11,
    });
  });

  it('suppresses nothing with minCell 0 or 1', () => {
    const v = { n: 3, done: 1, due: 2, groups: [{ change: { n: 1 } }] };
    expect(suppressSmallCells(v, 0)).toEqual(v);
    expect(suppressSmallCells(v, 1)).toEqual(v);
  });

  const shown = (v: unknown): v is number => typeof v === 'number';
  const smallCount = (v: number, k: number) => v > 0 && v < k;

  test.prop([
    fc.integer({ min: 2, max: 15 }),
    fc.record({ n: fc.nat(40), a: fc.nat(40), f: fc.nat(40), c: fc.nat(40) }).map(({ n, a, f, c }) => {
      const metAtBaseline = a % (n + 1);
      const notMetAtBaseline = n - metAtBaseline;
      const crossed = c % (notMetAtBaseline + 1);
      return { n, metAtBaseline, metAtFollowUp: f % (n + 1), notMetAtBaseline, crossed };
    }),
  ])('no small count of a threshold cell is shown or can be worked out from what is shown', (k, t) => {
    const o = suppressSmallCells(t, k) as unknown as Record<string, number | null>;
    if (o.suppressed) return;
    for (const [f, v] of Object.entries(o))
      if (f !== 'minCell' && shown(v)) expect(smallCount(v, k)).toBe(false);
    const { n, metAtBaseline: a, metAtFollowUp: f, notMetAtBaseline: b, crossed: c } = o;
    if (shown(n) && shown(a)) expect(smallCount(n - a, k)).toBe(false);
    if (shown(n) && shown(b)) expect(smallCount(n - b, k)).toBe(false);
    if (shown(n) && shown(f)) expect(smallCount(n - f, k)).toBe(false);
    if (shown(b) && shown(c)) expect(smallCount(b - c, k)).toBe(false);
  });

  test.prop([
    fc.integer({ min: 2, max: 15 }),
    fc.record({ due: fc.nat(40), d: fc.nat(40), w: fc.nat(40), p: fc.nat(40) }).map(({ due, d, w, p }) => {
      const paired = p % (w + 1);
      return { due, done: d % (due + 1), withBaseline: w, paired, baselineNoPair: w - paired };
    }),
  ])('no small count of an attrition cell is shown or can be worked out', (k, a) => {
    const o = suppressSmallCells(a, k) as unknown as Record<string, number | null>;
    if (o.suppressed) return;
    const { due, done, withBaseline: w, paired: p, baselineNoPair: l } = o;
    for (const v of [due, done, w, p, l]) if (shown(v)) expect(smallCount(v, k)).toBe(false);
    if (shown(due) && shown(done)) expect(smallCount(due - done, k)).toBe(false);
    if (shown(w) && shown(p)) expect(smallCount(w - p, k)).toBe(false);
    if (shown(w) && shown(l)) expect(smallCount(w - l, k)).toBe(false);
  });
});

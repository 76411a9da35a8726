import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { pairedStatistics, quartiles, welchTTest, wilcoxonSignedRank } from './statistics';

/*
 * Reference values: SciPy 1.17.1 with NumPy 2.4.6 (Python 3, Debian), computed on the fixed data below with
 *
 *   b, f = np.array(BASELINE, float), np.array(FOLLOW_UP, float); d = f - b
 *   r = scipy.stats.ttest_rel(f, b); ci = r.confidence_interval(0.95)            # t, df, p, 95% CI
 *   w = scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method=M) # M = 'exact' or 'approx'
 *   d.mean(), d.std(ddof=1), scipy.stats.sem(d), d.mean() / d.std(ddof=1)         # mean, SD, SE, Cohen's d_z
 *   np.percentile(x, [25, 50, 75])                                                # quartiles (R type 7)
 *   scipy.stats.ttest_ind(a, b, equal_var=False)                                  # Welch
 *
 * SciPy's Wilcoxon statistic is min(W+, W-) and its z is that of the smaller sum: we compare |z|. Figures agree
 * to 1e-9 (confidence bounds to 1e-7: jStat's t distribution, polished by Newton steps, is that precise).
 */

const close = (digits = 9) => ({
  toBe: (actual: number | null | undefined, expected: number) => {
    expect(actual).not.toBeNull();
    expect(actual as number).toBeCloseTo(expected, digits);
  },
});

function pairs(baseline: readonly number[], followUp: readonly number[]) {
  return baseline.map((b, i) => ({ baseline: b, followUp: followUp[i] as number }));
}

function data(b: readonly number[], f: readonly number[]) {
  const r = pairedStatistics(pairs(b, f));
  if (!r.success) throw new Error('expected success');
  return r.data;
}

describe('pairedStatistics against SciPy', () => {
  it('12 pairs, distinct absolute changes: exact Wilcoxon', () => {
    // Changes 1, -2, 3, 4, 5, -6, 7, 8, 9, 10, 11, 12.
    const s = data(
      [32, 41, 28, 45, 38, 50, 36, 29, 44, 39, 33, 47],
      [33, 39, 31, 49, 43, 44, 43, 37, 53, 49, 44, 59],
    );
    expect(s.n).toBe(12);
    close().toBe(s.meanBaseline, 38.5);
    close().toBe(s.meanFollowUp, 43.666666666666664);
    close().toBe(s.meanChange, 5.166666666666667);
    close().toBe(s.sdChange, 5.474458600601248);
    close().toBe(s.seChange, 1.5803400733622963);
    close().toBe(s.pairedT?.t, 3.269338513750513);
    expect(s.pairedT?.df).toBe(11);
    close().toBe(s.pairedT?.p, 0.007473956314554974);
    close(7).toBe(s.confidenceInterval?.lower, 1.688361617298121);
    close(7).toBe(s.confidenceInterval?.upper, 8.644971716035213);
    expect(s.confidenceInterval?.level).toBe(0.95);
    expect(s.wilcoxon?.method).toBe('exact');
    expect(s.wilcoxon?.statistic).toBe(8);
    expect(s.wilcoxon?.wPlus).toBe(70);
    close(12).toBe(s.wilcoxon?.p, 0.01220703125);
    close().toBe(s.cohensDz, 0.943776735492935);
    expect(s.baselineQuartiles).toEqual({ q1: 32.75, median: 38.5, q3: 44.25 });
    expect(s.followUpQuartiles).toEqual({ q1: 38.5, median: 43.5, q3: 49 });
    expect(s.changeQuartiles).toEqual({ q1: 2.5, median: 6, q3: 9.25 });
    // Rank-biserial by hand: (70 - 8) / 78.
    close().toBe(s.wilcoxon?.rankBiserial, 62 / 78);
  });

  it('15 pairs with ties and zero changes: normal approximation with tie correction', () => {
    const s = data(
      [40, 35, 50, 42, 38, 30, 44, 46, 33, 37, 41, 39, 48, 29, 36],
      [44, 35, 53, 42, 42, 33, 46, 50, 30, 41, 43, 39, 52, 33, 34],
    );
    close().toBe(s.meanChange, 1.9333333333333333);
    close().toBe(s.sdChange, 2.374467358818655);
    close().toBe(s.pairedT?.t, 3.1534515624560897);
    close().toBe(s.pairedT?.p, 0.007043150487358552);
    close(7).toBe(s.confidenceInterval?.lower, 0.6183971389712781);
    close(7).toBe(s.confidenceInterval?.upper, 3.2482695276953883);
    expect(s.wilcoxon?.method).toBe('normal');
    expect(s.wilcoxon?.zeros).toBe(3);
    expect(s.wilcoxon?.nonZero).toBe(12);
    expect(s.wilcoxon?.statistic).toBe(7);
    close().toBe(Math.abs(s.wilcoxon?.z ?? 0), 2.5528619657921627);
    close().toBe(s.wilcoxon?.p, 0.010684182923924002);
    close().toBe(s.cohensDz, 0.814217692297613);
    expect(s.baselineQuartiles).toEqual({ q1: 35.5, median: 39, q3: 43 });
    expect(s.followUpQuartiles).toEqual({ q1: 34.5, median: 42, q3: 45 });
    expect(s.changeQuartiles).toEqual({ q1: 0, median: 3, q3: 4 });
  });

  it('60 pairs, no ties: more than 50 non-zero changes use the normal approximation', () => {
    const b = Array.from({ length: 60 }, (_, i) => 30 + ((i * 7) % 20));
    const f = b.map((x, i) => x + (i + 1) * (i % 5 === 0 ? -1 : 1));
    const s = data(b, f);
    expect(s.wilcoxon?.method).toBe('normal');
    expect(s.wilcoxon?.statistic).toBe(342);
    close().toBe(Math.abs(s.wilcoxon?.z ?? 0), 4.21819851993199);
    close(12).toBe(s.wilcoxon?.p, 2.4626195813778587e-5);
    close().toBe(s.pairedT?.t, 4.987257603978408);
    close(12).toBe(s.pairedT?.p, 5.7069737165152735e-6);
    close(7).toBe(s.confidenceInterval?.lower, 11.43666781298844);
    close(7).toBe(s.confidenceInterval?.upper, 26.763332187011564);
  });

  it('Welch t-test (baseline of retained against lost)', () => {
    const r = welchTTest([38, 41, 29, 45, 33, 36.5], [31, 28, 35, 30, 27]);
    expect(r.success).toBe(true);
    if (!r.success || r.data === null) return;
    close().toBe(r.data.t, 2.5452642020684464);
    close(8).toBe(r.data.df, 7.96435299092649);
    close().toBe(r.data.p, 0.03454936330701593);
  });
});

describe('pairedStatistics edge cases', () => {
  it('nothing computed over zero pairs, no SD below 2 pairs, no test when every change is equal', () => {
    const empty = pairedStatistics([]);
    expect(empty.success && empty.data).toMatchObject({
      n: 0,
      meanChange: null,
      pairedT: null,
      wilcoxon: null,
    });
    const one = data([30], [35]);
    expect(one).toMatchObject({ n: 1, meanChange: 5, sdChange: null, pairedT: null, cohensDz: null });
    expect(one.wilcoxon).toMatchObject({ nonZero: 1, method: 'exact', p: 1 });
    const flat = data([30, 31, 32], [32, 33, 34]);
    expect(flat).toMatchObject({ sdChange: 0, pairedT: null, confidenceInterval: null, cohensDz: null });
    expect(data([30, 31], [30, 31]).wilcoxon).toBeNull();
  });

  it('rejects values that are not finite numbers, naming the field and not the value', () => {
    const r = pairedStatistics([
      { baseline: 30, followUp: 31 },
      { baseline: Number.NaN, followUp: 31 },
    ]);
    expect(r.success).toBe(false);
    expect(r.issues).toEqual([
      expect.objectContaining({ code: 'invalid-value', path: ['pairs', 1, 'baseline'], severity: 'error' }),
    ]);
    expect(pairedStatistics([], { confidenceLevel: 1.5 }).success).toBe(false);
  });

  it('quartiles follow R type 7', () => {
    expect(quartiles([1, 2, 3, 4])).toEqual({ median: 2.5, q1: 1.75, q3: 3.25 });
    expect(quartiles([7])).toEqual({ median: 7, q1: 7, q3: 7 });
    expect(quartiles([])).toBeNull();
  });

  it('exact Wilcoxon: a small case counted by hand', () => {
    // Changes 6, 2, -1, 4: ranks 4, 2, 1, 3; W- = 1. Of the 16 sign patterns, W+ <= 1 in 2 (sums 0 and 1), so
    // p = 2 * 2 / 16 = 0.25 (SciPy: 0.25).
    expect(wilcoxonSignedRank([6, 2, -1, 4])).toMatchObject({ wPlus: 9, wMinus: 1, statistic: 1, p: 0.25 });
  });

  test.prop([
    fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })), { maxLength: 40 }),
  ])(
    'total and symmetric: swapping baseline and follow-up negates the change and keeps the p-values',
    (raw) => {
      const ps = raw.map(([baseline, followUp]) => ({ baseline, followUp }));
      const input = structuredClone(ps);
      const a = pairedStatistics(ps);
      const b = pairedStatistics(ps.map((p) => ({ baseline: p.followUp, followUp: p.baseline })));
      expect(ps).toEqual(input);
      expect(a.success && b.success).toBe(true);
      if (!a.success || !b.success) return;
      expect(a.data.n).toBe(ps.length);
      if (a.data.meanChange !== null)
        expect(a.data.meanChange).toBeCloseTo(-(b.data.meanChange as number), 9);
      if (a.data.pairedT !== null) {
        expect(a.data.pairedT.p).toBeCloseTo(b.data.pairedT?.p as number, 9);
        expect(a.data.pairedT.p).toBeGreaterThanOrEqual(0);
        expect(a.data.pairedT.p).toBeLessThanOrEqual(1);
        const ci = a.data.confidenceInterval;
        expect(ci?.lower).toBeLessThanOrEqual(a.data.meanChange as number);
        expect(ci?.upper).toBeGreaterThanOrEqual(a.data.meanChange as number);
      }
      if (a.data.wilcoxon !== null) {
        expect(a.data.wilcoxon.p).toBeCloseTo(b.data.wilcoxon?.p as number, 9);
        expect(a.data.wilcoxon.wPlus + a.data.wilcoxon.wMinus).toBe(
          (a.data.wilcoxon.nonZero * (a.data.wilcoxon.nonZero + 1)) / 2,
        );
      }
    },
  );
});

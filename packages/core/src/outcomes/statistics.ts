/// <reference path="./jstat.d.ts" />
import jStat from 'jstat';
import { fail, type Issue, ok, type Result } from '../model/result';

/**
 * Median and interquartile range of a sample: quartiles by linear interpolation between order statistics (R's
 * `quantile(type = 7)`, NumPy's default `percentile`).
 *
 * @example
 * const q: Quartiles = { median: 4, q1: 2.5, q3: 6 };
 */
export interface Quartiles {
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
}

/**
 * A paired t-test of the changes against zero (two-sided): `t = mean / (sd / sqrt(n))` on `df = n - 1` degrees
 * of freedom.
 *
 * @example
 * const t: PairedTTest = { t: 3.46, df: 7, p: 0.0105 };
 */
export interface PairedTTest {
  readonly t: number;
  readonly df: number;
  readonly p: number;
}

/**
 * A Wilcoxon signed-rank test of the changes (two-sided). Zero changes are dropped (`zeros`, Wilcoxon's method);
 * the others are ranked by absolute value, ties getting their average rank. `wPlus` and `wMinus` are the sums of
 * the ranks of the increases and decreases (R's `V` is `wPlus`; SciPy's statistic is the smaller of the two,
 * `statistic`). `method` is `exact` (the exact null distribution) when there are at most 50 non-zero changes and no
 * ties among their absolute values; otherwise `normal`, the normal approximation with the tie correction of the
 * variance and no continuity correction (SciPy's default; R's `wilcox.test(..., correct = FALSE)`), with its `z`.
 * `rankBiserial` is the matched-pairs rank-biserial correlation `(wPlus - wMinus) / (wPlus + wMinus)`, an effect
 * size from -1 to 1.
 *
 * @example
 * const w: WilcoxonTest = {
 *   nonZero: 8, zeros: 0, wPlus: 34, wMinus: 2, statistic: 2, method: 'exact', z: null, p: 0.0234,
 *   rankBiserial: 0.889,
 * };
 */
export interface WilcoxonTest {
  readonly nonZero: number;
  readonly zeros: number;
  readonly wPlus: number;
  readonly wMinus: number;
  readonly statistic: number;
  readonly method: 'exact' | 'normal';
  readonly z: number | null;
  readonly p: number;
  readonly rankBiserial: number;
}

/**
 * Paired statistics of baseline and follow-up scores (see {@link pairedStatistics}). Change is follow-up minus
 * baseline. Every figure is `null` when it cannot be computed (never NaN): means need `n >= 1`; the SD, the
 * confidence interval, the t-test and the effect size need `n >= 2` and a non-zero SD of the changes; the Wilcoxon
 * test needs at least one non-zero change.
 *
 * @example
 * const s: PairedStatistics = pairedStatistics([{ baseline: 30, followUp: 36 }, { baseline: 40, followUp: 42 }]).data!;
 * s.meanChange; // 4
 */
export interface PairedStatistics {
  readonly n: number;
  readonly meanBaseline: number | null;
  readonly meanFollowUp: number | null;
  readonly meanChange: number | null;
  /** Sample standard deviation of the changes (n - 1 in the denominator). */
  readonly sdChange: number | null;
  /** Standard error of the mean change, `sdChange / sqrt(n)`. */
  readonly seChange: number | null;
  /** Confidence interval of the mean change from the t distribution: `mean +/- t(1 - (1 - level) / 2, n - 1) * se`. */
  readonly confidenceInterval: {
    readonly level: number;
    readonly lower: number;
    readonly upper: number;
  } | null;
  readonly pairedT: PairedTTest | null;
  readonly wilcoxon: WilcoxonTest | null;
  /** Cohen's d for paired data, `d_z = meanChange / sdChange`. */
  readonly cohensDz: number | null;
  readonly baselineQuartiles: Quartiles | null;
  readonly followUpQuartiles: Quartiles | null;
  readonly changeQuartiles: Quartiles | null;
}

/**
 * One baseline and follow-up score of one person.
 *
 * @example
 * const p: ScorePair = { baseline: 38, followUp: 45 };
 */
export interface ScorePair {
  readonly baseline: number;
  readonly followUp: number;
}

/**
 * The code of an issue of {@link pairedStatistics} and {@link welchTTest}: a value that is not a finite number, or a
 * confidence level outside (0, 1).
 *
 * @example
 * const code: StatisticsIssueCode = 'invalid-value';
 */
export type StatisticsIssueCode = 'invalid-value' | 'invalid-option';

/**
 * Options of {@link pairedStatistics}.
 *
 * @example
 * const o: PairedStatisticsOptions = { confidenceLevel: 0.9 };
 */
export interface PairedStatisticsOptions {
  /** Level of the confidence interval of the mean change (default 0.95). */
  readonly confidenceLevel?: number;
}

const EXACT_LIMIT = 50;

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function sampleSd(xs: readonly number[], m: number): number {
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** The t quantile: jStat's estimate polished by Newton steps on its CDF (jStat's own is good to about 1e-7). */
function tQuantile(p: number, df: number): number {
  let q = jStat.studentt.inv(p, df);
  for (let k = 0; k < 3; k++) {
    const density = jStat.studentt.pdf(q, df);
    if (!(density > 0)) break;
    q -= (jStat.studentt.cdf(q, df) - p) / density;
  }
  return q;
}

function twoSidedT(t: number, df: number): number {
  return Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df));
}

/**
 * Median and quartiles of a sample (R `quantile(type = 7)`); `null` for an empty sample. The input is not changed.
 *
 * @example
 * quartiles([1, 2, 3, 4]); // { median: 2.5, q1: 1.75, q3: 3.25 }
 * quartiles([]); // null
 */
export function quartiles(values: readonly number[]): Quartiles | null {
  if (values.length === 0) return null;
  const xs = [...values].sort((a, b) => a - b);
  const at = (p: number) => {
    const h = (xs.length - 1) * p;
    const lo = Math.floor(h);
    const a = xs[lo] as number;
    const b = xs[Math.min(lo + 1, xs.length - 1)] as number;
    return a + (h - lo) * (b - a);
  };
  return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
}

/** Average ranks (1-based) of values, ties sharing the mean of their positions; also the tie group sizes. */
function averageRanks(values: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length).fill(0);
  const ties: number[] = [];
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (
      j + 1 < order.length &&
      (order[j + 1] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]
    )
      j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[(order[k] as readonly [number, number])[1]] = rank;
    if (j > i) ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, ties };
}

/** P(W+ <= w) under the null for n untied ranks 1..n: the count of subsets of {1..n} with sum <= w, over 2^n. */
function exactSignedRankCdf(n: number, w: number): number {
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let r = 1; r <= n; r++)
    for (let s = max; s >= r; s--) counts[s] = (counts[s] as number) + (counts[s - r] as number);
  let below = 0;
  for (let s = 0; s <= Math.min(w, max); s++) below += counts[s] as number;
  return below / 2 ** n;
}

/**
 * The Wilcoxon signed-rank test of paired changes (see {@link WilcoxonTest}); `null` when every change is zero.
 *
 * @example
 * wilcoxonSignedRank([6, 2, -1, 4]); // { wPlus: 9, wMinus: 1, method: 'exact', p: 0.25, ... }
 */
export function wilcoxonSignedRank(changes: readonly number[]): WilcoxonTest | null {
  const nonZero = changes.filter((d) => d !== 0);
  const zeros = changes.length - nonZero.length;
  const n = nonZero.length;
  if (n === 0) return null;
  const { ranks, ties } = averageRanks(nonZero.map(Math.abs));
  let wPlus = 0;
  let wMinus = 0;
  nonZero.forEach((d, i) => {
    if (d > 0) wPlus += ranks[i] as number;
    else wMinus += ranks[i] as number;
  });
  const statistic = Math.min(wPlus, wMinus);
  const rankBiserial = (wPlus - wMinus) / (wPlus + wMinus);
  if (n <= EXACT_LIMIT && ties.length === 0) {
    const p = Math.min(1, 2 * exactSignedRankCdf(n, statistic));
    return { nonZero: n, zeros, wPlus, wMinus, statistic, method: 'exact', z: null, p, rankBiserial };
  }
  const mu = (n * (n + 1)) / 4;
  let variance = (n * (n + 1) * (2 * n + 1)) / 24;
  for (const t of ties) variance -= (t * t * t - t) / 48;
  const z = variance > 0 ? (wPlus - mu) / Math.sqrt(variance) : 0;
  const p = Math.min(1, 2 * jStat.normal.cdf(-Math.abs(z), 0, 1));
  return { nonZero: n, zeros, wPlus, wMinus, statistic, method: 'normal', z, p, rankBiserial };
}

function checkValues<T>(
  values: readonly T[],
  fields: readonly (keyof T & string)[],
  root: string,
): Issue<StatisticsIssueCode>[] {
  const issues: Issue<StatisticsIssueCode>[] = [];
  values.forEach((v, i) => {
    for (const f of fields) {
      const x = (v as Record<string, unknown>)[f];
      if (typeof x !== 'number' || !Number.isFinite(x))
        issues.push({
          code: 'invalid-value',
          path: [root, i, f],
          severity: 'error',
          message: `${root}[${i}].${f}: is not a finite number`,
        });
    }
  });
  return issues;
}

/**
 * Paired statistics of baseline and follow-up scores: n, means, mean change with its confidence interval (95% by
 * default), the paired t-test, the Wilcoxon signed-rank test, Cohen's d_z and the rank-biserial correlation, and the
 * median and IQR of the baseline, the follow-up and the change. Distributions come from jStat. Pure; the input is not
 * changed; a value that is not a finite number, or a confidence level outside (0, 1), fails with an issue naming it
 * (no value is repeated in messages).
 *
 * @example
 * const r = pairedStatistics([
 *   { baseline: 30, followUp: 36 }, { baseline: 40, followUp: 42 }, { baseline: 35, followUp: 34 },
 * ]);
 * if (r.success) r.data.meanChange; // 2.333...
 */
export function pairedStatistics(
  pairs: readonly ScorePair[],
  options: PairedStatisticsOptions = {},
): Result<PairedStatistics, Issue<StatisticsIssueCode>> {
  const level = options.confidenceLevel ?? 0.95;
  const issues = checkValues(pairs, ['baseline', 'followUp'], 'pairs');
  if (!(typeof level === 'number' && level > 0 && level < 1))
    issues.push({
      code: 'invalid-option',
      path: ['confidenceLevel'],
      severity: 'error',
      message: 'confidenceLevel: must be a number between 0 and 1',
    });
  if (issues.length > 0) return fail(issues);
  const n = pairs.length;
  const baseline = pairs.map((p) => p.baseline);
  const followUp = pairs.map((p) => p.followUp);
  const changes = pairs.map((p) => p.followUp - p.baseline);
  if (n === 0)
    return ok({
      n,
      meanBaseline: null,
      meanFollowUp: null,
      meanChange: null,
      sdChange: null,
      seChange: null,
      confidenceInterval: null,
      pairedT: null,
      wilcoxon: null,
      cohensDz: null,
      baselineQuartiles: null,
      followUpQuartiles: null,
      changeQuartiles: null,
    });
  const meanChange = mean(changes);
  const sd = n < 2 ? null : sampleSd(changes, meanChange);
  const usable = sd !== null && sd > 0;
  const se = sd === null ? null : sd / Math.sqrt(n);
  let confidenceInterval: PairedStatistics['confidenceInterval'] = null;
  let pairedT: PairedTTest | null = null;
  if (usable && se !== null) {
    const df = n - 1;
    const q = tQuantile(1 - (1 - level) / 2, df);
    confidenceInterval = { level, lower: meanChange - q * se, upper: meanChange + q * se };
    const t = meanChange / se;
    pairedT = { t, df, p: twoSidedT(t, df) };
  }
  return ok({
    n,
    meanBaseline: mean(baseline),
    meanFollowUp: mean(followUp),
    meanChange,
    sdChange: sd,
    seChange: se,
    confidenceInterval,
    pairedT,
    wilcoxon: wilcoxonSignedRank(changes),
    cohensDz: usable && sd !== null ? meanChange / sd : null,
    baselineQuartiles: quartiles(baseline),
    followUpQuartiles: quartiles(followUp),
    changeQuartiles: quartiles(changes),
  });
}

/**
 * Welch's two-sample t-test (unequal variances, two-sided) of two independent samples, e.g. the baseline scores of
 * the people retained at a follow-up and of those lost. `null` figures when a sample has fewer than 2 values or both
 * variances are zero.
 *
 * @example
 * const r = welchTTest([30, 32, 35], [28, 29, 33, 27]);
 * if (r.success) r.data?.p;
 */
export function welchTTest(
  a: readonly number[],
  b: readonly number[],
): Result<
  { readonly t: number; readonly df: number; readonly p: number; readonly meanDifference: number } | null,
  Issue<StatisticsIssueCode>
> {
  const issues = [
    ...checkValues(
      a.map((value) => ({ value })),
      ['value'],
      'a',
    ),
    ...checkValues(
      b.map((value) => ({ value })),
      ['value'],
      'b',
    ),
  ];
  if (issues.length > 0) return fail(issues);
  if (a.length < 2 || b.length < 2) return ok(null);
  const ma = mean(a);
  const mb = mean(b);
  const va = sampleSd(a, ma) ** 2 / a.length;
  const vb = sampleSd(b, mb) ** 2 / b.length;
  if (va + vb === 0) return ok(null);
  const t = (ma - mb) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return ok({ t, df, p: twoSidedT(t, df), meanDifference: ma - mb });
}

/**
 * What the benchmark scripts share: the process's CPU time, and the median and range of a series of figures (one
 * definition of the median for every script: the lower middle value of an even count).
 *
 * @example
 * const t = cpuMs();
 * work();
 * stats([cpuMs() - t]); // { median, min, max }
 */

/**
 * The median, smallest and largest of a series of figures.
 *
 * @example
 * const s: Stats = { median: 2, min: 1, max: 5 };
 */
export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/**
 * The {@link Stats} of `xs` (NaN for an empty series), each rounded to `digits` decimals when given. The median of an
 * even count is the lower of the two middle values, so it is always one of the figures measured.
 *
 * @example
 * stats([3, 1, 2]); // { median: 2, min: 1, max: 3 }
 * stats([4, 1, 3, 2]); // { median: 2, min: 1, max: 4 }
 * stats([1.234, 5.678], 1); // { median: 1.2, min: 1.2, max: 5.7 }
 */
export function stats(xs: readonly number[], digits?: number): Stats {
  const sorted = [...xs].sort((a, b) => a - b);
  const round = (x: number | undefined) =>
    x === undefined ? Number.NaN : digits === undefined ? x : +x.toFixed(digits);
  return {
    median: round(sorted[Math.floor((sorted.length - 1) / 2)]),
    min: round(sorted[0]),
    max: round(sorted.at(-1)),
  };
}

/**
 * CPU time of this process so far (user and system, every thread), in milliseconds.
 *
 * @example
 * const t = cpuMs(); // ... then cpuMs() - t
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

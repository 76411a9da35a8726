/**
 * A small seeded pseudo-random number generator (sfc32, seeded through a murmur3 finaliser), with the helpers the
 * synthetic generator needs. Each instance holds its own state; there is no global state and no clock.
 *
 * @example
 * const r = createRandom(42, 7);
 * r.int(1, 6); // the same number every time for keys (42, 7)
 */
export interface Random {
  /** A uniform number in [0, 1). */
  next(): number;
  /** A uniform integer in [min, max], both inclusive (`min` when `max < min`). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One item of a non-empty list of `[item, weight]` pairs, with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /**
   * The items kept, each with probability `p`, in list order; with `atLeastOne`, one picked item when none was
   * kept.
   */
  subset<T>(items: readonly T[], p: number, atLeastOne: boolean): T[];
}

function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Creates an independent generator from one or more integer keys (a seed, a stream number, an index). The same keys
 * always give the same sequence; different keys give unrelated sequences.
 *
 * @example
 * const a = createRandom(1, 2);
 * const b = createRandom(1, 2);
 * a.next() === b.next(); // true
 */
export function createRandom(...keys: readonly number[]): Random {
  let h = 0x9e3779b9;
  for (const key of keys) h = fmix32((h ^ fmix32(key >>> 0)) + 0x6d2b79f5);
  let a = fmix32(h ^ 0x243f6a88);
  let b = fmix32(h ^ 0x85a308d3);
  let c = fmix32(h ^ 0x13198a2e);
  let d = 1;
  const next = (): number => {
    const t0 = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const t = (t0 + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const chance = (p: number): boolean => next() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return {
    next,
    int: (min, max) => (max <= min ? min : min + Math.floor(next() * (max - min + 1))),
    chance,
    pick,
    subset: (items, p, atLeastOne) => {
      const out = items.filter(() => chance(p));
      if (out.length === 0 && atLeastOne && items.length > 0) out.push(pick(items));
      return out;
    },
    weighted: (items) => {
      let total = 0;
      for (const [, w] of items) total += w;
      let x = next() * total;
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      return (items[items.length - 1] as (typeof items)[number])[0];
    },
  };
}

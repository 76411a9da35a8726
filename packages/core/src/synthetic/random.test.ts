import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createRandom } from './random';

describe('createRandom', () => {
  test.prop([fc.array(fc.integer(), { minLength: 1, maxLength: 4 })])('repeats for the same keys', (keys) => {
    const a = createRandom(...keys);
    const b = createRandom(...keys);
    for (let i = 0; i < 20; i++) expect(a.next()).toBe(b.next());
  });

  test.prop([fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 100 })])(
    'draws integers within bounds',
    (seed, min, width) => {
      const r = createRandom(seed);
      for (let i = 0; i < 50; i++) {
        const x = r.int(min, min + width);
        expect(Number.isInteger(x) && x >= min && x <= min + width).toBe(true);
      }
    },
  );

  it('is roughly uniform and differs between keys', () => {
    const r = createRandom(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const k = r.int(0, 3);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(600);
    expect(createRandom(1).next()).not.toBe(createRandom(2).next());
    expect(createRandom(1, 0).next()).not.toBe(createRandom(0, 1).next());
  });

  test.prop([fc.integer(), fc.array(fc.integer(), { maxLength: 8 }), fc.boolean()])(
    'keeps a subset in list order, one item at least when asked',
    (seed, items, atLeastOne) => {
      const kept = createRandom(seed).subset(items, 0.3, atLeastOne);
      let at = 0;
      for (const x of kept) {
        at = items.indexOf(x, at);
        expect(at).toBeGreaterThanOrEqual(0);
        at += 1;
      }
      if (atLeastOne && items.length > 0) expect(kept.length).toBeGreaterThan(0);
      expect(createRandom(seed).subset(items, 0, false)).toEqual([]);
      expect(createRandom(seed).subset(items, 1, false)).toEqual(items);
    },
  );

  it('picks by weight', () => {
    const r = createRandom(7);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        r.weighted([
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy += 1;
    expect(heavy).toBeGreaterThan(8_700);
    expect(heavy).toBeLessThan(9_300);
  });
});

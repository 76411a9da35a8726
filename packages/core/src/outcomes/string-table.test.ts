import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { FirstLines, StringTable } from './string-table';

describe('StringTable and FirstLines', () => {
  // Few distinct short strings (many repeats) and enough strings to grow the table several times.
  const texts = fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.string({ maxLength: 20 })), {
    maxLength: 3000,
  });

  test.prop([texts])('number strings first seen, first numbered, as a Map would', (list) => {
    const table = new StringTable();
    const map = new Map<string, number>();
    for (const t of list) {
      const expected = map.get(t) ?? map.size;
      const isNew = !map.has(t);
      if (isNew) map.set(t, expected);
      expect(table.find(t)).toBe(isNew ? -1 : expected);
      expect(table.of(t)).toBe(expected);
      expect(table.added).toBe(isNew);
    }
    expect(table.names).toEqual([...map.keys()]);
  });

  test.prop([texts])('give the first line of a repeated id, as a Map would', (list) => {
    const first = new FirstLines();
    const map = new Map<string, number>();
    list.forEach((t, k) => {
      const line = k * 1.5 + 2;
      expect(first.seen(t, line)).toBe(map.get(t));
      if (!map.has(t)) map.set(t, line);
      expect(first.ids.names[first.no]).toBe(t);
    });
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { FirstLines, StringTable } from './string-table';

describe('StringTable and FirstLines', () => {
  // Few distinct short strings (many repeats) and enough distinct ones to grow the table several times.
  const texts = fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 3 }),
        fc.string({ maxLength: 20 }),
        { arbitrary: fc.nat({ max: 1_000_000 }).map((n) => `id-${n}`), weight: 6 },
        fc.string({ unit: 'binary', maxLength: 6 }),
        fc.constantFrom('\uD800', 'a\uDFFFb', 'é', 'x'.repeat(5000), `${'x'.repeat(5000)}y`),
      ),
      { minLength: 1, maxLength: 2500, size: 'max' },
    )
    // Every string is met again, in reverse order, after the table has grown.
    .map((list) => [...list, ...[...list].reverse()]);

  test.prop([texts], { numRuns: 10 })('number strings first seen, first numbered, as a Map would', (list) => {
    const table = new StringTable();
    const map = new Map<string, number>();
    const got: unknown[] = [];
    const expected: unknown[] = [];
    for (const t of list) {
      const no = map.get(t) ?? map.size;
      const isNew = !map.has(t);
      if (isNew) map.set(t, no);
      expected.push([isNew ? -1 : no, no, isNew]);
      const found = table.find(t);
      got.push([found, table.of(t), table.added]);
    }
    expect(got).toEqual(expected);
    const names = [...map.keys()];
    expect(Array.from({ length: table.size }, (_, no) => table.name(no))).toEqual(names);
    const order = names.map((a, k) => {
      const b = names[k + 1] ?? '';
      return a < b ? -1 : a > b ? 1 : 0;
    });
    expect(names.map((_, k) => Math.sign(table.compare(k, k + 1 < names.length ? k + 1 : k)))).toEqual(
      order.map((o, k) => (k + 1 < names.length ? o : 0)),
    );
  });

  test.prop([texts], { numRuns: 10 })('give the first line of a repeated id, as a Map would', (list) => {
    const first = new FirstLines();
    const map = new Map<string, number>();
    const got: unknown[] = [];
    const expected: unknown[] = [];
    list.forEach((t, k) => {
      const line = k * 1.5 + 2;
      expected.push([map.get(t), t]);
      if (!map.has(t)) map.set(t, line);
      const seen = first.seen(t, line);
      got.push([seen, first.ids.name(first.no)]);
    });
    expect(got).toEqual(expected);
  });
});

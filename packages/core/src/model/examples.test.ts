import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { emptyProgramData } from '../testing/builders';
import { extractExamples, runExample } from '../testing/doc-examples';
import * as model from './index';

const validDoc = emptyProgramData();

// Free names some examples use: `text` (JSON of a document), `data` (a parsed document) and zod.
const scope = { ...model, z, text: JSON.stringify(validDoc), data: validDoc };

const check = (actual: unknown, expected: unknown, partial: boolean) => {
  if (partial) expect(actual).toMatchObject(expected as object);
  else expect(actual).toEqual(expected);
};

describe.each(['domain', 'primitives', 'vocabulary', 'issues', 'parse', 'limits', 'limit-defaults', 'utf8'])(
  'the @examples of %s.ts',
  (file) => {
    const source = readFileSync(new URL(`./${file}.ts`, import.meta.url), 'utf8');
    const examples = extractExamples(source);

    it('has examples', () => {
      expect(examples.length).toBeGreaterThan(0);
    });

    it.each(examples.map((e) => [`${e.name} (line ${e.line})`, e] as const))(
      '%s runs as written',
      (_, example) => {
        expect(() => runExample(example, scope, check)).not.toThrow();
      },
    );
  },
);

describe('the example runner', () => {
  it('checks result comments, so a wrong claim fails', () => {
    const wrong = { name: 'x', line: 1, code: "LocalDate.safeParse('2023-02-29').success; // true" };
    expect(() => runExample(wrong, scope, check)).toThrow();
    const right = { name: 'x', line: 1, code: "LocalDate.safeParse('2023-02-29').success; // false" };
    expect(runExample(right, scope, check)).toBe(1);
  });

  it('fails an example whose parse call throws', () => {
    const bad = { name: 'x', line: 1, code: "Peer.parse({ id: 'p1', populations: [] });" };
    expect(() => runExample(bad, scope, check)).toThrow();
  });

  it('checks every result comment of the domain examples', () => {
    const source = readFileSync(new URL('./primitives.ts', import.meta.url), 'utf8');
    const checks = extractExamples(source).reduce((n, e) => n + runExample(e, scope, check), 0);
    // Id, LocalDate (2), Instant (2), isTimeZone (3), TimeZone, isNpi (2).
    expect(checks).toBe(11);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as model from '../model/index';
import { extractExamples, runExample } from '../testing/doc-examples';
import * as lifecycle from './index';

const scope = { ...model, ...lifecycle };
const check = (actual: unknown, expected: unknown, partial: boolean) => {
  if (partial) expect(actual).toMatchObject(expected as object);
  else expect(actual).toEqual(expected);
};

describe.each(['enrolment', 'coach', 'result'])('the @examples of %s.ts', (file) => {
  const source = readFileSync(new URL(`./${file}.ts`, import.meta.url), 'utf8');
  const examples = extractExamples(source);

  it.each(examples.map((e) => [`${e.name} (line ${e.line})`, e] as const))(
    '%s runs as written',
    (_, example) => {
      expect(() => runExample(example, scope, check)).not.toThrow();
    },
  );

  it('checks the results its examples claim', () => {
    const checks = examples.reduce((n, e) => n + runExample(e, scope, check), 0);
    expect(checks).toBeGreaterThan(file === 'result' ? 0 : 4);
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { generateProgramData } from '../synthetic/index';
import { createJsonDocumentReader } from './json-stream';
import { byteOrderMarkIssue, invalidJsonIssue, parseJsonText } from './parse';
import { decodeUtf8, invalidEncodingIssue } from './utf8';

const encode = (s: string) => new TextEncoder().encode(s);

/** Reads `bytes` cut at the given points, with the given batch size. */
function read(bytes: Uint8Array, cuts: readonly number[] = [], batchBytes?: number) {
  const reader = createJsonDocumentReader(batchBytes === undefined ? {} : { batchBytes });
  const points = [0, ...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length];
  for (let i = 1; i < points.length; i++) reader.push(bytes.subarray(points[i - 1], points[i]));
  return reader.end();
}

/** What `JSON.parse` of the whole text gives, as a Result of the same shape. */
const whole = (text: string) => parseJsonText(text);

/** Strings with quotes, backslashes, brackets, commas, line separators and characters of every UTF-8 length. */
const tricky = fc.string({
  unit: fc.constantFrom(
    'a',
    '"',
    '\\',
    '[',
    ']',
    '{',
    '}',
    ',',
    ':',
    ' ',
    '\n',
    'é',
    '€',
    '😀',
    '\u2028',
    '\u0000',
  ),
  maxLength: 12,
});
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('v'), { maxKeys: 4 }),
  ),
})).v;
/** An object document: members that are arrays (read in batches) or any value, keys tricky, `__proto__` possible. */
const doc = fc.array(
  fc.tuple(
    fc.oneof(tricky, fc.constantFrom('__proto__', 'contacts', '0', '1')),
    fc.oneof(fc.array(value, { maxLength: 8 }), value),
  ),
  { maxLength: 6 },
);
/** The text of a document, keys possibly repeated, with one of three layouts. */
function textOf(members: readonly (readonly [string, unknown])[], layout: number): string {
  const body = members.map(
    ([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v, null, layout === 1 ? 2 : undefined)}`,
  );
  return layout === 2 ? ` \n{ ${body.join(' ,\r\n\t')} }\n ` : `{${body.join(',')}}`;
}

describe('createJsonDocumentReader', () => {
  test.prop(
    [
      doc,
      fc.integer({ min: 0, max: 2 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.integer({ min: 1, max: 64 }),
    ],
    {
      numRuns: 300,
    },
  )('gives what JSON.parse gives, whatever the chunks and batch size', (members, layout, cuts, batch) => {
    const text = textOf(members, layout);
    const expected = whole(text);
    const got = read(encode(text), cuts, batch);
    expect(got).toEqual(expected);
    if (got.success && expected.success) {
      expect(JSON.stringify(got.data)).toBe(JSON.stringify(expected.data));
      expect(Object.getPrototypeOf(got.data)).toBe(Object.prototype);
    }
  });

  test.prop(
    [
      doc,
      fc.nat(),
      fc.constantFrom('', ',', ']', '[', '}', '{', ':', '"', 'x', ' ,'),
      fc.nat(),
      fc.array(fc.nat(), { maxLength: 4 }),
      fc.integer({ min: 1, max: 32 }),
    ],
    { numRuns: 400 },
  )(
    'a damaged document: the same value when JSON.parse accepts it as an object, an invalid-json issue when it does not, never a throw',
    (members, at, insert, remove, cuts, batch) => {
      const text = textOf(members, 0);
      const i = at % (text.length + 1);
      // Cutting inside a surrogate pair leaves a lone surrogate, which UTF-8 cannot carry: compare with the text the
      // bytes decode to.
      const damaged = new TextDecoder().decode(
        encode(text.slice(0, i) + insert + text.slice(i + (remove % 3))),
      );
      const expected = whole(damaged);
      const got = read(encode(damaged), cuts, batch);
      const isObject =
        expected.success &&
        typeof expected.data === 'object' &&
        expected.data !== null &&
        !Array.isArray(expected.data);
      if (isObject) expect(got).toEqual(expected);
      else {
        expect(got.success).toBe(false);
        expect(got.issues.map((issue) => issue.code)).toEqual(['invalid-json']);
      }
    },
  );

  test.prop([
    doc,
    fc.nat(),
    fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x80]),
    fc.array(fc.nat(), { maxLength: 4 }),
  ])(
    'bytes that are not UTF-8: the invalid-encoding issue of decodeUtf8, at the same byte offset and line',
    (members, at, bad, cuts) => {
      const text = encode(textOf(members, 2));
      const i = at % (text.length + 1);
      const bytes = new Uint8Array(text.length + bad.length);
      bytes.set(text.subarray(0, i));
      bytes.set(bad, i);
      bytes.set(text.subarray(i), i + bad.length);
      const expected = decodeUtf8(bytes);
      if (expected.success) return; // the bad bytes completed a sequence: not the case under test
      const got = read(bytes, cuts, 8);
      expect(got.success).toBe(false);
      expect(got.issues).toEqual([{ ...expected.issues[0], location: expected.issues[0]?.location }]);
    },
  );

  it('reads a generated program cut in small chunks and batches as JSON.parse does', () => {
    const data = generateProgramData({ peers: 12, seed: 3, start: '2025-01-01', years: 1 });
    const bytes = encode(JSON.stringify(data, null, 1));
    const cuts = Array.from({ length: 200 }, (_, k) => Math.floor((k * bytes.length) / 200) + (k % 7));
    expect(read(bytes, cuts, 300)).toEqual({ success: true, data: data, issues: [] });
  });

  it('places a syntax error by line, column (bytes) and byte offset, without quoting the text', () => {
    const text = '{\n  "contacts": [\n    {"id": "c1"},\n    {"id" "c2"}\n  ]\n}';
    const got = read(encode(text), [20, 31], 4);
    expect(got.success).toBe(false);
    const offset = text.indexOf('"c2"');
    expect(got.issues[0]).toMatchObject({
      code: 'invalid-json',
      path: [],
      message: '(root): is not valid JSON (line 4, column 11)',
      location: { line: 4, column: 11, byteOffset: offset },
    });
    expect(got.issues[0]?.message).not.toContain('c2');
  });

  it('refuses a trailing comma before the end of an array, also when a batch was cut at that comma', () => {
    for (const batch of [1, 1000]) {
      const got = read(encode('{"a": [1, 2, ]}'), [], batch);
      expect(got.success, `batch ${batch}`).toBe(false);
      expect(got.issues[0]?.code).toBe('invalid-json');
    }
  });

  it('refuses an empty element (a comma after the opening bracket or after another comma) as JSON.parse does', () => {
    for (const text of ['{"a": [ ,1]}', '{"a": [,1]}', '{"a": [1, ,2]}', '{"a": [1,,2]}', '{"a": [ , ]}'])
      for (const batch of [1, 2, 1000]) {
        expect(whole(text).success).toBe(false);
        const got = read(encode(text), [], batch);
        expect(got.success, `${text} batch ${batch}`).toBe(false);
        expect(got.issues.map((issue) => issue.code)).toEqual(['invalid-json']);
      }
  });

  it('names a byte-order mark as parseJsonText does', () => {
    const got = read(new Uint8Array([0xef, 0xbb, 0xbf, ...encode('{}')]));
    expect(got).toEqual(whole('\uFEFF{}'));
  });

  it('refuses a document that is not an object, and an empty input', () => {
    for (const text of ['[1, 2]', '"text"', '3', '', '   ']) {
      const got = read(encode(text));
      expect(got.success, text).toBe(false);
      expect(got.issues[0]?.code).toBe('invalid-json');
    }
  });

  it('does not change the chunks it is given', () => {
    const bytes = encode('{"a": [1, {"b": "c"}], "d": 2}');
    const copy = bytes.slice();
    read(bytes, [5, 9], 2);
    expect(bytes).toEqual(copy);
  });

  it('its issues are the ones the whole-text readers give, made by the same functions', () => {
    expect(decodeUtf8(new Uint8Array([0x7b, 0x0a, 0xff]), 'p.json').issues).toEqual([
      invalidEncodingIssue(2, 2, 'p.json'),
    ]);
    expect(parseJsonText('{\n  "a": 1,\n}').issues).toEqual([invalidJsonIssue(3, 1, 12)]);
    expect(parseJsonText('\uFEFF{}').issues).toEqual([byteOrderMarkIssue()]);
    expect(invalidJsonIssue(3, 1, 12)).toEqual({
      code: 'invalid-json',
      path: [],
      pointer: '(root)',
      message: '(root): is not valid JSON (line 3, column 1)',
      severity: 'error',
      location: { line: 3, column: 1, byteOffset: 12 },
    });
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createUtf8Checker, decodeUtf8, invalidUtf8Offset } from './utf8';

const encode = (s: string) => new TextEncoder().encode(s);
const fatalOk = (b: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};
/** Byte sequences that are never well-formed UTF-8 wherever they are planted. */
const BAD = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82, 0x41]];

/** Text with a bad sequence planted after `prefix`: the bytes and the offset of the bad sequence. */
function planted(prefix: string, bad: readonly number[], suffix: string): { bytes: Uint8Array; at: number } {
  const a = encode(prefix);
  const b = encode(suffix);
  const bytes = new Uint8Array(a.length + bad.length + b.length);
  bytes.set(a);
  bytes.set(bad, a.length);
  bytes.set(b, a.length + bad.length);
  return { bytes, at: a.length };
}

/** Well-formed text with line feeds and characters of every UTF-8 length. */
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom('\n', 'é', '€', '😀', '\u{10FFFF}'),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    ),
  )
  .map((parts) => parts.join(''));

function chunked(bytes: Uint8Array, cuts: readonly number[]) {
  const c = createUtf8Checker();
  const points = [...new Set(cuts.map((x) => x % (bytes.length + 1)))].sort((x, y) => x - y);
  let from = 0;
  for (const p of [...points, bytes.length]) {
    const e = c.push(bytes.subarray(from, p));
    if (e !== undefined) return e;
    from = p;
  }
  return c.end();
}

describe('UTF-8 checks', () => {
  test.prop([text])('well-formed text has no error', (s) => {
    expect(invalidUtf8Offset(encode(s))).toBeUndefined();
    expect(decodeUtf8(encode(s))).toEqual({ success: true, data: s, issues: [] });
  });

  test.prop([fc.uint8Array({ maxLength: 40 })])('agrees with the fatal TextDecoder on any bytes', (b) => {
    expect(invalidUtf8Offset(b) === undefined).toBe(fatalOk(b));
  });

  test.prop([text, fc.constantFrom(...BAD), text, fc.array(fc.nat(), { maxLength: 6 })])(
    'finds a planted bad sequence at its offset, also read in chunks',
    (prefix, bad, suffix, cuts) => {
      const { bytes, at } = planted(prefix, bad, suffix);
      const line = prefix.split('\n').length;
      expect(invalidUtf8Offset(bytes)).toBe(at);
      expect(chunked(bytes, cuts)).toEqual({ byteOffset: at, line });
      const r = decodeUtf8(bytes, 'program.json');
      expect(r.success).toBe(false);
      expect(r.issues[0]).toMatchObject({
        code: 'invalid-encoding',
        location: { file: 'program.json', byteOffset: at, line },
      });
    },
  );

  test.prop([text, fc.array(fc.nat(), { maxLength: 6 })])(
    'reads well-formed text in any chunks',
    (s, cuts) => {
      expect(chunked(encode(s), cuts)).toBeUndefined();
    },
  );

  it('reports a sequence cut off at the end, and keeps the byte-order mark', () => {
    expect(invalidUtf8Offset(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1);
    expect(chunked(new Uint8Array([0x61, 0x0a, 0xe2, 0x82]), [3])).toEqual({ byteOffset: 2, line: 2 });
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toMatchObject({ data: '\uFEFF{}' });
    expect(decodeUtf8(new Uint8Array([0x7b, 0xff, 0x7d])).issues[0]?.message).toBe(
      '(root): is not valid UTF-8 (byte offset 1, line 1); save the file as UTF-8',
    );
  });
});

import { type DataIssue, dataIssue } from './issues';
import { fail, ok, type Result } from './result';

/**
 * The byte offset (0-based) of the first ill-formed UTF-8 sequence in `bytes[start, end)` (Unicode, Table 3-7
 * "Well-Formed UTF-8 Byte Sequences": no overlong forms, no surrogates, nothing above U+10FFFF; a sequence cut off
 * by `end` is ill-formed), or `undefined` when all of it is well-formed.
 *
 * @example
 * invalidUtf8Offset(new Uint8Array([0x7b, 0xc3, 0xa9, 0xff])); // 3
 * invalidUtf8Offset(new TextEncoder().encode('é')); // undefined
 */
export function invalidUtf8Offset(bytes: Uint8Array, start = 0, end = bytes.length): number | undefined {
  let i = start;
  while (i < end) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b === 0xe0) {
      length = 3;
      lo = 0xa0;
    } else if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) length = 3;
    else if (b === 0xed) {
      length = 3;
      hi = 0x9f;
    } else if (b === 0xf0) {
      length = 4;
      lo = 0x90;
    } else if (b >= 0xf1 && b <= 0xf3) length = 4;
    else if (b === 0xf4) {
      length = 4;
      hi = 0x8f;
    } else return i;
    if (i + length > end) return i;
    const second = bytes[i + 1] as number;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < length; k++) {
      const c = bytes[i + k] as number;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return undefined;
}

/** The number of bytes at the end of `bytes` that begin a sequence the next chunk may complete (0 to 3). */
function incompleteTail(bytes: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= bytes.length; k++) {
    const b = bytes[bytes.length - k] as number;
    if ((b & 0xc0) === 0x80) continue;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > k ? k : 0;
  }
  return 0;
}

/** Counts the line feeds in `bytes[start, end)`. */
function lineFeeds(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

/**
 * Where a text is not valid UTF-8: the byte offset (0-based) of the first ill-formed sequence and its line (1-based).
 *
 * @example
 * const at: Utf8Error = { byteOffset: 12, line: 2 };
 */
export interface Utf8Error {
  readonly byteOffset: number;
  readonly line: number;
}

/**
 * A checker of UTF-8 fed in chunks (a file read as a stream): `push` each chunk, then `end`; each returns the first
 * error (see {@link Utf8Error}; offsets count from the first byte pushed) or `undefined`. A sequence split between
 * chunks is fine; one cut off at the end is an error. After an error it keeps returning that error. Checks with the
 * runtime's fatal `TextDecoder` and scans bytes only to locate an error.
 *
 * @example
 * const c = createUtf8Checker();
 * c.push(new Uint8Array([0x61, 0xc3])); // undefined
 * c.push(new Uint8Array([0xa9, 0x0a, 0xff])); // { byteOffset: 4, line: 2 }
 */
export function createUtf8Checker(): {
  push(chunk: Uint8Array): Utf8Error | undefined;
  end(): Utf8Error | undefined;
} {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let consumed = 0;
  let lines = 1;
  let carry: Uint8Array = new Uint8Array(0);
  let error: Utf8Error | undefined;
  const locate = (bytes: Uint8Array, base: number): Utf8Error => {
    const at = invalidUtf8Offset(bytes) ?? bytes.length;
    return { byteOffset: base + at, line: lines + lineFeeds(bytes, 0, at) };
  };
  return {
    push(chunk) {
      if (error !== undefined) return error;
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        const bytes = new Uint8Array(carry.length + chunk.length);
        bytes.set(carry);
        bytes.set(chunk, carry.length);
        error = locate(bytes, consumed - carry.length);
        return error;
      }
      // An incomplete sequence at the end has at most 3 bytes: in the chunk, or in the carry and a short chunk.
      const last = chunk.length >= 3 ? chunk : new Uint8Array([...carry, ...chunk]);
      carry = last.slice(last.length - incompleteTail(last));
      lines += lineFeeds(chunk, 0, chunk.length);
      consumed += chunk.length;
      return undefined;
    },
    end() {
      if (error !== undefined) return error;
      try {
        decoder.decode();
      } catch {
        error = { byteOffset: consumed - carry.length, line: lines };
      }
      return error;
    },
  };
}

/**
 * Decodes UTF-8 bytes strictly: the text (a byte-order mark is kept, for the JSON reader to name it), or one
 * `invalid-encoding` issue giving the byte offset and line of the first ill-formed sequence, also in `location`
 * (with `file` when given). Invalid bytes are never replaced by U+FFFD, and the message never quotes the text.
 *
 * @example
 * decodeUtf8(new Uint8Array([0x7b, 0x7d])); // { success: true, data: '{}', issues: [] }
 * decodeUtf8(new Uint8Array([0x7b, 0xff, 0x7d]), 'program.json').issues[0]?.message;
 * // '(root): is not valid UTF-8 (byte offset 1, line 1); save the file as UTF-8'
 */
export function decodeUtf8(bytes: Uint8Array, file?: string): Result<string, DataIssue> {
  try {
    return ok(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    const byteOffset = invalidUtf8Offset(bytes) ?? bytes.length;
    return fail([invalidEncodingIssue(byteOffset, 1 + lineFeeds(bytes, 0, byteOffset), file)]);
  }
}

/**
 * The `invalid-encoding` issue of a text whose first ill-formed UTF-8 sequence is at `byteOffset` on `line`, also
 * in `location` (with `file` when given); the one issue every reader of bytes gives.
 *
 * @example
 * invalidEncodingIssue(1, 1).message; // '(root): is not valid UTF-8 (byte offset 1, line 1); save the file as UTF-8'
 */
export function invalidEncodingIssue(byteOffset: number, line: number, file?: string): DataIssue {
  const issue = dataIssue(
    'invalid-encoding',
    [],
    `is not valid UTF-8 (byte offset ${byteOffset}, line ${line}); save the file as UTF-8`,
  );
  return { ...issue, location: { ...(file === undefined ? {} : { file }), byteOffset, line } };
}

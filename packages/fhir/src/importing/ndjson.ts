import { createUtf8Checker, type Utf8Error } from '@peer-recovery/core';
import { type FhirIssue, fhirIssue } from '../issues';

/**
 * One line of an NDJSON stream: a JSON object with its 1-based line number, or an issue for a line that is not
 * one (never quoting the line).
 *
 * @example
 * const l: NdjsonLine = { line: 3, value: { resourceType: 'Patient', id: 'p1' } };
 */
export type NdjsonLine =
  | { readonly line: number; readonly value: Record<string, unknown> }
  | { readonly line: number; readonly issue: FhirIssue };

/**
 * The longest line read (in UTF-16 code units, about the bytes of ASCII JSON): longer lines are reported and
 * skipped without being held, so one runaway line cannot exhaust memory.
 *
 * @example
 * MAX_NDJSON_LINE; // 67108864
 */
export const MAX_NDJSON_LINE = 64 * 1024 * 1024;

/**
 * A file name that is safe to print in a message (a Bulk export file name such as `Patient.ndjson`), else `file`.
 *
 * @example
 * safeFileName('Encounter.ndjson'); // 'Encounter.ndjson'
 * safeFileName('/home/someone/Jane Doe.ndjson'); // 'file'
 */
export function safeFileName(name: string): string {
  return /^[A-Za-z0-9._-]{1,80}$/.test(name) ? name : 'file';
}

/**
 * Reads NDJSON line by line from a stream of chunks (a Node `Readable`, a web `ReadableStream`, or any async
 * iterable of bytes or strings): only one chunk and the line being assembled are held, never the whole file.
 * Blank lines are skipped; `\r\n` is accepted; UTF-8 is decoded across chunk boundaries. A line that is not JSON,
 * or not a JSON object, or longer than {@link MAX_NDJSON_LINE}, yields an issue naming the file and line. Bytes that
 * are not UTF-8 yield one issue naming the file, the line and the byte offset of the first ill-formed sequence (also
 * in `location`), and end the reading: the lines after it are not read, and none is decoded with U+FFFD.
 *
 * @example
 * for await (const l of readNdjsonLines(createReadStream('Patient.ndjson'), 'Patient.ndjson'))
 *   if ('value' in l) console.log(l.value.resourceType);
 */
export async function* readNdjsonLines(
  source: AsyncIterable<Uint8Array | string>,
  file = 'file',
): AsyncGenerator<NdjsonLine> {
  const name = safeFileName(file);
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let line = 0;
  let overlong = false;
  const parse = (text: string, n: number): NdjsonLine | undefined => {
    if (text.trim() === '') return undefined;
    const where = `${name} line ${n}`;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return {
        line: n,
        issue: fhirIssue('error', 'structure', 'not valid JSON', { expression: where }),
      };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return {
        line: n,
        issue: fhirIssue('error', 'structure', 'not a JSON object', { expression: where }),
      };
    return { line: n, value: value as Record<string, unknown> };
  };
  const tooLong = (n: number): NdjsonLine => {
    const where = `${name} line ${n}`;
    return {
      line: n,
      issue: fhirIssue('error', 'structure', 'longer than the longest line read', {
        expression: where,
      }),
    };
  };
  const checker = createUtf8Checker();
  const notUtf8 = (e: Utf8Error): NdjsonLine => {
    const where = `${name} line ${e.line}`;
    const issue = fhirIssue(
      'error',
      'structure',
      `not valid UTF-8 (byte offset ${e.byteOffset}); save the file as UTF-8`,
      { expression: where },
    );
    return {
      line: e.line,
      issue: { ...issue, location: { file: name, line: e.line, byteOffset: e.byteOffset } },
    };
  };
  for await (const chunk of source) {
    if (typeof chunk !== 'string') {
      const e = checker.push(chunk);
      if (e !== undefined) {
        yield notUtf8(e);
        return;
      }
    }
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      line++;
      let piece = text.slice(start, nl);
      start = nl + 1;
      if (overlong) {
        overlong = false;
        rest = '';
        yield tooLong(line);
        continue;
      }
      if (rest !== '') {
        piece = rest + piece;
        rest = '';
      }
      if (piece.endsWith('\r')) piece = piece.slice(0, -1);
      const out = parse(piece, line);
      if (out) yield out;
    }
    if (!overlong) {
      rest += text.slice(start);
      if (rest.length > MAX_NDJSON_LINE) {
        overlong = true;
        rest = '';
      }
    }
  }
  const end = checker.end();
  if (end !== undefined) {
    yield notUtf8(end);
    return;
  }
  const tail = rest + decoder.decode();
  if (overlong) yield tooLong(line + 1);
  else if (tail.trim() !== '') {
    const out = parse(tail.endsWith('\r') ? tail.slice(0, -1) : tail, line + 1);
    if (out) yield out;
  }
}

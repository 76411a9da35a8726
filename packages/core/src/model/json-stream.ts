import type { DataIssue } from './issues';
import { byteOrderMarkIssue, invalidJsonIssue } from './parse';
import { fail, ok, type Result } from './result';
import { createUtf8Checker, invalidEncodingIssue as encodingIssue, invalidUtf8Offset } from './utf8';

/**
 * A reader of one JSON document fed in chunks of bytes, for documents too large to be one string (V8 caps a string
 * at about 512 MiB; a 40,000-peer program is larger). The document must be an object, such as ProgramData or a FHIR
 * Bundle: each member whose value is an array is read in batches of whole elements, each batch given to
 * `JSON.parse`, so no string longer than a batch is ever made; any other member value is parsed whole. The value
 * returned is the one `JSON.parse` gives for the same text (the last of duplicate keys wins, a `__proto__` key is an
 * own property), and so are the errors' codes: `invalid-encoding` for bytes that are not UTF-8 (it wins over a
 * syntax error, as when the whole text is decoded first), `invalid-json` with the line, the column (in bytes) and
 * the byte offset. Neither `push` nor `end` throws; `end` returns the value or the first issue. The chunks are not
 * changed or kept.
 *
 * @example
 * const reader = createJsonDocumentReader();
 * reader.push(new TextEncoder().encode('{"contacts": [{"id": "c1"}, '));
 * reader.push(new TextEncoder().encode('{"id": "c2"}]}'));
 * reader.end(); // { success: true, data: { contacts: [{ id: 'c1' }, { id: 'c2' }] }, issues: [] }
 */
export function createJsonDocumentReader(options: { readonly batchBytes?: number } = {}): {
  push(chunk: Uint8Array): void;
  end(): Result<unknown, DataIssue>;
} {
  const batchBytes = Math.max(1, options.batchBytes ?? 1 << 20);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const root: Record<string, unknown> = {};

  let state: State = State.Start;
  let consumed = 0; // bytes pushed before the current chunk
  let linesBefore = 1; // line of the first byte of the current chunk
  let lineStartBefore = 0; // offset of the first byte of that line
  let inString = false;
  let escaped = false;
  let depth = 0; // nesting inside the value being captured
  let needElement = false; // a batch was cut at a comma: an element must follow
  let key = '';
  let array: unknown[] | undefined;
  let issue: DataIssue | undefined;
  // After a syntax error the rest of the input is only checked as UTF-8 (an encoding error wins, wherever it is).
  let syntax:
    | { readonly byteOffset: number; readonly line: number; readonly column: number; readonly bom?: true }
    | undefined;
  let rest: { checker: ReturnType<typeof createUtf8Checker>; offset: number; line: number } | undefined;

  // The bytes being captured (a key, a member value, or a batch of array elements), with where they start.
  let capture = new Uint8Array(1 << 16);
  let captured = 0;
  let captureOffset = 0;
  let captureLine = 1;
  let captureLineStart = 0;

  /** The line of `chunk[i]` and the offset where that line starts. */
  const positionIn = (chunk: Uint8Array, i: number): { line: number; lineStart: number } => {
    let line = linesBefore;
    let lineStart = lineStartBefore;
    for (let k = chunk.indexOf(LF); k >= 0 && k < i; k = chunk.indexOf(LF, k + 1)) {
      line++;
      lineStart = consumed + k + 1;
    }
    return { line, lineStart };
  };
  const startCapture = (chunk: Uint8Array, i: number) => {
    captured = 0;
    captureOffset = consumed + i;
    const at = positionIn(chunk, i);
    captureLine = at.line;
    captureLineStart = at.lineStart;
  };
  const append = (chunk: Uint8Array, from: number, to: number) => {
    const n = to - from;
    if (n <= 0) return;
    if (captured + n > capture.length) {
      const grown = new Uint8Array(Math.max(capture.length * 2, captured + n));
      grown.set(capture.subarray(0, captured));
      capture = grown;
    }
    capture.set(chunk.subarray(from, to), captured);
    captured += n;
  };
  /** The line and line start of byte `k` of the capture. */
  const positionInCapture = (k: number) => {
    let line = captureLine;
    let lineStart = captureLineStart;
    for (let j = 0; j < k; j++)
      if (capture[j] === LF) {
        line++;
        lineStart = captureOffset + j + 1;
      }
    return { line, lineStart };
  };
  /** A syntax error at `chunk[i]`: checks the captured bytes, then reads the rest as UTF-8 only. */
  const fault = (chunk: Uint8Array, i: number, at = positionIn(chunk, i)) => {
    const byteOffset = consumed + i;
    syntax ??= { byteOffset, line: at.line, column: byteOffset - at.lineStart + 1 };
    const bad = invalidUtf8Offset(capture, 0, captured);
    if (bad !== undefined) {
      issue = encodingIssue(captureOffset + bad, positionInCapture(bad).line);
      return;
    }
    rest = { checker: createUtf8Checker(), offset: byteOffset, line: at.line };
    checkRest(chunk.subarray(i));
  };
  const checkRest = (bytes: Uint8Array) => {
    if (rest === undefined || issue !== undefined) return;
    const e = rest.checker.push(bytes);
    if (e !== undefined) issue = encodingIssue(rest.offset + e.byteOffset, rest.line + e.line - 1);
  };
  /** Decodes and parses the captured bytes, wrapped in `open`/`close`; a problem is placed in the file. */
  const parseCaptured = (chunk: Uint8Array, i: number, open: string, close: string): unknown => {
    let text: string;
    try {
      text = `${open}${decoder.decode(capture.subarray(0, captured))}${close}`;
    } catch {
      const bad = invalidUtf8Offset(capture, 0, captured) ?? captured;
      issue = encodingIssue(captureOffset + bad, positionInCapture(bad).line);
      return undefined;
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      const at = /at position (\d+)/.exec(e instanceof Error ? e.message : '');
      const position = at ? Number(at[1]) - open.length : text.length;
      const inside = Math.max(0, Math.min(captured, byteLength(text, open.length, open.length + position)));
      if (inside >= captured) fault(chunk, i);
      else {
        const where = positionInCapture(inside);
        syntax = {
          byteOffset: captureOffset + inside,
          line: where.line,
          column: captureOffset + inside - where.lineStart + 1,
        };
        rest = { checker: createUtf8Checker(), offset: consumed + i, line: positionIn(chunk, i).line };
        checkRest(chunk.subarray(i));
      }
      return undefined;
    }
  };
  const failed = () => syntax !== undefined || issue !== undefined;
  const flushBatch = (chunk: Uint8Array, i: number, final: boolean) => {
    if (array === undefined) return;
    if (isBlank(capture, captured)) {
      // Nothing since the bracket or the comma before: at a comma, an empty element; at the end, a trailing comma
      // (an empty array is fine).
      if (!final || needElement) fault(chunk, i);
      return;
    }
    const items = parseCaptured(chunk, i, '[', ']');
    if (!failed() && Array.isArray(items)) for (const item of items) array.push(item);
  };
  const setMember = (value: unknown) => {
    Object.defineProperty(root, key, { value, writable: true, enumerable: true, configurable: true });
  };

  /**
   * Scans a captured value from `chunk[i]` (a member value, or the elements of an array) up to the comma or closing
   * bracket that ends it at depth 0, or to the end of the chunk; returns the index of that byte, or `n`.
   */
  const scanValue = (chunk: Uint8Array, start: number, n: number): number => {
    let i = start;
    while (i < n) {
      if (inString) {
        let k = i;
        if (escaped) {
          escaped = false;
          k++;
        }
        for (;;) {
          const q = k < n ? chunk.indexOf(QUOTE, k) : -1;
          if (q < 0) {
            let run = 0;
            for (let t = n - 1; t >= k && chunk[t] === BACKSLASH; t--) run++;
            escaped = run % 2 === 1;
            return n;
          }
          let run = 0;
          for (let t = q - 1; t >= k && chunk[t] === BACKSLASH; t--) run++;
          if (run % 2 === 0) {
            inString = false;
            i = q + 1;
            break;
          }
          k = q + 1;
        }
        continue;
      }
      const b = chunk[i] as number;
      if (b === QUOTE) inString = true;
      else if (b === LBRACE || b === LBRACKET) depth++;
      else if (b === RBRACE || b === RBRACKET || b === COMMA) {
        if (depth === 0) return i;
        if (b !== COMMA) depth--;
      }
      i++;
    }
    return n;
  };

  function scan(chunk: Uint8Array): void {
    const n = chunk.length;
    let from = 0; // start of the part of this chunk still to be appended to the capture
    let i = 0;
    while (i < n && !failed()) {
      if (state === State.Scalar || state === State.Elements) {
        i = scanValue(chunk, i, n);
        if (i >= n) break;
        const b = chunk[i] as number;
        append(chunk, from, i);
        if (state === State.Scalar) {
          if (b === RBRACKET) fault(chunk, i);
          else {
            const value = parseCaptured(chunk, i, '', '');
            if (!failed()) setMember(value);
            state = b === COMMA ? State.Key : State.Done;
          }
        } else if (b === COMMA) {
          if (captured >= batchBytes) {
            flushBatch(chunk, i, false);
            startCapture(chunk, i + 1);
            needElement = true;
          } else append(chunk, i, i + 1);
        } else if (b === RBRACKET) {
          flushBatch(chunk, i, true);
          array = undefined;
          state = State.AfterValue;
        } else fault(chunk, i);
        from = ++i;
        continue;
      }
      const b = chunk[i] as number;
      switch (state) {
        case State.Start:
          if (isSpace(b)) break;
          if (b === 0xef && consumed + i === 0) {
            fault(chunk, i);
            syntax = { byteOffset: 0, line: 1, column: 1, bom: true };
          } else if (b === LBRACE) state = State.KeyOrEnd;
          else fault(chunk, i);
          break;
        case State.KeyOrEnd:
        case State.Key:
          if (isSpace(b)) break;
          if (b === RBRACE && state === State.KeyOrEnd) state = State.Done;
          else if (b === QUOTE) {
            state = State.InKey;
            startCapture(chunk, i);
            from = i;
          } else fault(chunk, i);
          break;
        case State.InKey:
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) {
            append(chunk, from, i + 1);
            const parsed = parseCaptured(chunk, i, '', '');
            if (typeof parsed === 'string') key = parsed;
            captured = 0;
            state = State.Colon;
          }
          break;
        case State.Colon:
          if (isSpace(b)) break;
          if (b === COLON) state = State.Value;
          else fault(chunk, i);
          break;
        case State.Value:
          if (isSpace(b)) break;
          if (b === LBRACKET) {
            array = [];
            setMember(array);
            state = State.Elements;
            needElement = false;
            startCapture(chunk, i + 1);
            from = i + 1;
          } else {
            state = State.Scalar;
            startCapture(chunk, i);
            from = i;
            continue; // read this byte again as the first of the value
          }
          break;
        case State.AfterValue:
          if (isSpace(b)) break;
          if (b === COMMA) state = State.Key;
          else if (b === RBRACE) state = State.Done;
          else fault(chunk, i);
          break;
        case State.Done:
          if (!isSpace(b)) fault(chunk, i);
          break;
      }
      i++;
    }
    if (!failed() && (state === State.InKey || state === State.Scalar || state === State.Elements))
      append(chunk, from, n);
  }

  const advance = (chunk: Uint8Array) => {
    const last = chunk.lastIndexOf(LF);
    if (last >= 0) {
      for (let k = chunk.indexOf(LF); k >= 0; k = chunk.indexOf(LF, k + 1)) linesBefore++;
      lineStartBefore = consumed + last + 1;
    }
    consumed += chunk.length;
  };

  return {
    push(chunk) {
      if (issue === undefined) {
        if (syntax === undefined) scan(chunk);
        else checkRest(chunk);
      }
      advance(chunk);
    },
    end() {
      if (issue === undefined && syntax === undefined && state !== State.Done) {
        const empty = new Uint8Array(0);
        fault(empty, 0, { line: linesBefore, lineStart: lineStartBefore });
      }
      if (issue === undefined && rest !== undefined) {
        const e = rest.checker.end();
        if (e !== undefined) issue = encodingIssue(rest.offset + e.byteOffset, rest.line + e.line - 1);
      }
      if (issue !== undefined) return fail([issue]);
      if (syntax === undefined) return ok(root);
      if (syntax.bom === true) return fail([byteOrderMarkIssue()]);
      return fail([invalidJsonIssue(syntax.line, syntax.column, syntax.byteOffset)]);
    },
  };
}

/** Where the reader is in the document's outer object. */
const State = {
  Start: 0,
  KeyOrEnd: 1,
  Key: 2,
  InKey: 3,
  Colon: 4,
  Value: 5,
  Scalar: 6,
  Elements: 7,
  AfterValue: 8,
  Done: 9,
} as const;
type State = (typeof State)[keyof typeof State];

const LF = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

const isSpace = (b: number) => b === 0x20 || b === LF || b === 0x0d || b === 0x09;

function isBlank(bytes: Uint8Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (!isSpace(bytes[i] as number)) return false;
  return true;
}

/** UTF-8 length of `text[from, to)` (an error position given by `JSON.parse` in UTF-16 units, as bytes). */
function byteLength(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

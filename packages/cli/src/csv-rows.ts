import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';

/**
 * What a CSV file gives, in order: its header (once, before the first row), each row as a record of column names to
 * cell texts, and each row with more fields than the header (`field-count`). `line` is the line a row starts on,
 * counted from 1 (the header).
 *
 * @example
 * const e: CsvRowEvent = { kind: 'row', record: { assessment_id: 'a1' }, line: 2 };
 */
export type CsvRowEvent =
  | { readonly kind: 'header'; readonly names: readonly string[]; readonly line: number }
  | { readonly kind: 'row'; readonly record: Record<string, unknown>; readonly line: number }
  | { readonly kind: 'reject'; readonly code: 'field-count'; readonly line: number };

/**
 * What {@link readCsvCells} gives: the events of {@link CsvRowEvent}, except that a row the fast reader split comes
 * as its cells (`cells`, in the order of the header's names) instead of a record; rows read by the CSV parser (from
 * the first line with a quote or a carriage return on) still come as records.
 *
 * @example
 * const e: CsvCellsEvent = { kind: 'cells', cells: ['a1', 'enr-1'], line: 2 };
 */
export type CsvCellsEvent =
  | CsvRowEvent
  | { readonly kind: 'cells'; readonly cells: readonly string[]; readonly line: number };

/**
 * The record a row's cells make, as the CSV readers make it: each header name to its cell, a later cell of a
 * repeated name over an earlier one, up to the shorter of the two lists.
 *
 * @example
 * recordOf(['a', 'b'], ['1', '2', '3']); // { a: '1', b: '2' }
 */
export function recordOf(names: readonly string[], cells: readonly string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const n = Math.min(cells.length, names.length);
  for (let i = 0; i < n; i++) record[names[i] as string] = cells[i];
  return record;
}

/**
 * CSV that cannot be read at all (an unclosed quote, a quote inside an unquoted cell): the parser's error `code` and
 * the line (`lines`) it stopped on, as the CSV parser reports them.
 *
 * @example
 * try { for await (const batch of readCsvRows(chunks)) use(batch); } catch (e) { if (e instanceof CsvReadError) console.log(e.lines); }
 */
export class CsvReadError extends Error {
  constructor(
    readonly code: string,
    readonly lines: number | undefined,
  ) {
    super(`CSV not readable (${code}) at line ${String(lines ?? '?')}`);
    this.name = 'CsvReadError';
  }
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;
/** V8 keeps a substring of 13 or more characters as a view of its parent: such cells are decoded on their own. */
const VIEW_LENGTH = 13;
/** A line longer than this (bytes) goes to the general reader, which reads it once however many chunks it spans. */
const MAX_SPLIT_LINE = 1 << 20;

function countNewlines(record: Record<string, unknown>): number {
  let n = 0;
  for (const k in record) {
    const v = record[k];
    if (typeof v === 'string' && v.includes('\n')) for (const ch of v) if (ch === '\n') n++;
  }
  return n;
}

/** The state a general parse continues from: the header, when read, and the lines before its first byte. */
interface Resume {
  readonly header: string[] | undefined;
  /** The header event was sent. */
  readonly headerSent: boolean;
  readonly linesBefore: number;
  /** A line feed was read before: the record delimiter is known to be `\n`. */
  readonly delimiterKnown: boolean;
  /** At the very start of the file: a byte-order mark is skipped. */
  readonly atStart: boolean;
}

/**
 * The general reader: the CSV parser (`csv-parse`, RFC 4180 quoting, a byte-order mark skipped, empty lines
 * skipped, rows shorter or longer than the header accepted) over `chunks`, one event per batch. It continues a file
 * from `resume` (the header already read, the lines before), as if it had read it from the start.
 */
async function* generalRows(chunks: AsyncIterable<Buffer>, resume: Resume): AsyncGenerator<CsvRowEvent[]> {
  let header = resume.header;
  let headerSent = resume.headerSent;
  let invalidLengths = 0;
  const csv = parse({
    bom: resume.atStart,
    columns:
      header === undefined
        ? (names: string[]) => {
            header = names.map((n) => String(n).trim());
            return header;
          }
        : header,
    relax_column_count: true,
    skip_empty_lines: true,
    ...(resume.delimiterKnown ? { record_delimiter: '\n' } : {}),
  });
  // Each record is tagged with the parser's running counts (its documented `info`) as it is pushed: the line and
  // field-count figures that `info: true` gives, without the two copies of the whole info object per record that
  // option makes.
  const push = csv.push.bind(csv);
  csv.push = (record: unknown) =>
    record === null
      ? push(null)
      : push({
          record,
          info: { lines: csv.info.lines, invalid_field_length: csv.info.invalid_field_length },
        });
  const ignore = () => undefined;
  const done = pipeline(Readable.from(chunks, { objectMode: false }), csv).catch(ignore);
  try {
    for await (const { record, info } of csv as AsyncIterable<{
      record: Record<string, unknown>;
      info: { lines: number; invalid_field_length: number };
    }>) {
      const out: CsvRowEvent[] = [];
      if (!headerSent) {
        headerSent = true;
        out.push({ kind: 'header', names: header ?? [], line: 1 });
      }
      const line = info.lines + resume.linesBefore - countNewlines(record);
      if (info.invalid_field_length > invalidLengths) {
        invalidLengths = info.invalid_field_length;
        if (Object.keys(record).length >= (header?.length ?? 0)) {
          out.push({ kind: 'reject', code: 'field-count', line });
          yield out;
          continue;
        }
      }
      out.push({ kind: 'row', record, line });
      yield out;
    }
  } catch (e) {
    if (e instanceof CsvError)
      throw new CsvReadError(e.code, typeof e.lines === 'number' ? e.lines + resume.linesBefore : undefined);
    throw e;
  } finally {
    await done;
  }
  if (!headerSent) yield [{ kind: 'header', names: header ?? [], line: 1 }];
}

/**
 * {@link readCsvRows} done by the CSV parser alone, for every line: the reference the fast reader is tested against.
 *
 * @example
 * for await (const batch of readCsvRowsWithParser(createReadStream('assessments.csv'))) console.log(batch);
 */
export function readCsvRowsWithParser(chunks: AsyncIterable<Buffer>): AsyncGenerator<CsvRowEvent[]> {
  return generalRows(chunks, {
    header: undefined,
    headerSent: false,
    linesBefore: 0,
    delimiterKnown: false,
    atStart: true,
  });
}

/**
 * Reads CSV bytes (UTF-8, line ends already `\n`) as batches of {@link CsvRowEvent}s, one batch per chunk read: the
 * same events, lines and errors as the CSV parser `csv-parse` (with a byte-order mark skipped, empty lines skipped,
 * rows of any length accepted, the first line the header), in constant memory. Lines without a quote or a carriage
 * return (nearly every line of a machine-written file) are split here; from the first line that has one, the rest
 * of the file goes to `csv-parse`. Unreadable CSV throws a {@link CsvReadError}.
 *
 * @example
 * for await (const batch of readCsvRows(createReadStream('assessments.csv')))
 *   for (const event of batch) if (event.kind === 'row') console.log(event.line, event.record);
 */
export async function* readCsvRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<CsvRowEvent[]> {
  let names: readonly string[] = [];
  for await (const batch of readCsvCells(chunks)) {
    const out: CsvRowEvent[] = [];
    for (const e of batch) {
      if (e.kind === 'header') names = e.names;
      out.push(e.kind === 'cells' ? { kind: 'row', record: recordOf(names, e.cells), line: e.line } : e);
    }
    yield out;
  }
}

/** What the line splitter of {@link readCsvCells} keeps from chunk to chunk. */
interface SplitState {
  header: string[] | undefined;
  /** The keys of a record of the header's names (fewer than the names when a name repeats). */
  headerKeys: number;
  headerSent: boolean;
  /** The line the next byte is on, counted from 1. */
  line: number;
}

/**
 * The text of the cell in bytes `from` to `to`: byte offsets are character offsets of the chunk's Latin-1 `text`;
 * a cell with other than ASCII (`high`) is decoded as UTF-8, a long one on its own (so that a kept cell does not
 * keep the whole chunk alive).
 */
function cellText(buf: Buffer, text: string, from: number, to: number, high: boolean): string {
  if (high) return buf.toString('utf8', from, to);
  return to - from >= VIEW_LENGTH ? buf.toString('latin1', from, to) : text.slice(from, to);
}

/** A line's cells: the header, the first time; then a row, or a rejected one. */
function finishLine(cells: string[], state: SplitState, out: CsvCellsEvent[]): void {
  const header = state.header;
  if (header === undefined) {
    state.header = cells.map((n) => n.trim());
    state.headerKeys = Object.keys(recordOf(state.header, state.header)).length;
    return;
  }
  if (!state.headerSent) {
    state.headerSent = true;
    out.push({ kind: 'header', names: header, line: 1 });
  }
  // A row longer than the header is rejected unless repeated header names left it fewer keys (as the general
  // reader judges it).
  if (cells.length > header.length && state.headerKeys >= header.length)
    out.push({ kind: 'reject', code: 'field-count', line: state.line });
  else out.push({ kind: 'cells', cells, line: state.line });
}

/**
 * Splits the lines of `buf` from byte `from` that end in it (and, at the end of the input, the last one), pushing
 * their events to `out` (empty lines skipped). Returns the start of the first line not split (the unfinished last
 * one), or, as `-start - 1`, the start of a line for the general reader: one with a quote or a carriage return, or
 * longer than {@link MAX_SPLIT_LINE}. One pass over the bytes with no closure: the hot loop of a read.
 */
function splitLines(
  buf: Buffer,
  text: string,
  from: number,
  end: boolean,
  state: SplitState,
  out: CsvCellsEvent[],
): number {
  const n = buf.length;
  let lineStart = from;
  let cellStart = from;
  let high = false;
  let cells: string[] = [];
  for (let i = from; i < n; i++) {
    const b = buf[i] as number;
    // Letters, digits, '-' and '.' (most bytes) are above the comma; LF, CR, the quote and the space below it.
    if (b > COMMA) {
      if (b >= 0x80) high = true;
      continue;
    }
    if (b === COMMA) {
      if (i - lineStart > MAX_SPLIT_LINE) return -lineStart - 1;
      cells.push(cellText(buf, text, cellStart, i, high));
      cellStart = i + 1;
      high = false;
    } else if (b === LF) {
      if (i !== lineStart || cells.length > 0) {
        cells.push(cellText(buf, text, cellStart, i, high));
        finishLine(cells, state, out);
        cells = [];
      }
      state.line++;
      lineStart = i + 1;
      cellStart = i + 1;
      high = false;
    } else if (b === QUOTE || b === CR) return -lineStart - 1;
  }
  if (lineStart < n) {
    if (end) {
      cells.push(cellText(buf, text, cellStart, n, high));
      finishLine(cells, state, out);
      return n;
    }
    if (n - lineStart > MAX_SPLIT_LINE) return -lineStart - 1;
  }
  return lineStart;
}

/**
 * {@link readCsvRows} with the rows it splits itself given as their cells ({@link CsvCellsEvent}), not as records:
 * `recordOf(header, cells)` is the record `readCsvRows` gives for them (a property test checks it).
 *
 * @example
 * for await (const batch of readCsvCells(createReadStream('assessments.csv')))
 *   for (const event of batch) if (event.kind === 'cells') console.log(event.line, event.cells);
 */
export async function* readCsvCells(chunks: AsyncIterable<Buffer>): AsyncGenerator<CsvCellsEvent[]> {
  const iterator = chunks[Symbol.asyncIterator]();
  let pending: Buffer | undefined;
  let atStart = true;
  const state: SplitState = { header: undefined, headerKeys: 0, headerSent: false, line: 1 };
  for (;;) {
    const next = await iterator.next();
    const end = next.done === true;
    let buf: Buffer;
    if (end) {
      if (pending === undefined) break;
      buf = pending;
    } else {
      const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as Uint8Array);
      buf = pending === undefined || pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    }
    pending = undefined;
    let from = 0;
    if (atStart) {
      // A byte-order mark is skipped; fewer than 3 bytes wait for more, as the CSV parser does.
      if (buf.length < 3 && !end) {
        pending = buf;
        continue;
      }
      atStart = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) from = 3;
      if (from === buf.length && end) break;
    }
    const text = buf.toString('latin1');
    const out: CsvCellsEvent[] = [];
    const stop = splitLines(buf, text, from, end, state, out);
    if (stop < 0) {
      if (out.length > 0) yield out;
      const rest = buf.subarray(-stop - 1);
      async function* remaining(): AsyncGenerator<Buffer> {
        yield rest;
        if (end) return;
        for (;;) {
          const n = await iterator.next();
          if (n.done === true) return;
          yield n.value as Buffer;
        }
      }
      yield* generalRows(remaining(), {
        header: state.header,
        headerSent: state.headerSent,
        linesBefore: state.line - 1,
        delimiterKnown: state.line > 1,
        atStart: false,
      });
      // The general reader sends the header when no row came.
      return;
    }
    if (!end && stop < buf.length) pending = buf.subarray(stop);
    if (out.length > 0) yield out;
    if (end) break;
  }
  if (!state.headerSent) yield [{ kind: 'header', names: state.header ?? [], line: 1 }];
}

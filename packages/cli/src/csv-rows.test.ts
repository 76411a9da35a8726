import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  CsvReadError,
  type CsvRowEvent,
  readCsvCells,
  readCsvRows,
  readCsvRowsWithParser,
  recordOf,
} from './csv-rows';

async function* chunked(bytes: Buffer, cuts: readonly number[]): AsyncGenerator<Buffer> {
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const at = Math.min(cut, bytes.length);
    if (at <= from) continue;
    yield bytes.subarray(from, at);
    from = at;
  }
  if (from < bytes.length || bytes.length === 0) yield bytes.subarray(from);
}

/** Every event (records as their entries, in key order), or the error's code and line. */
async function read(
  reader: (chunks: AsyncIterable<Buffer>) => AsyncGenerator<CsvRowEvent[]>,
  bytes: Buffer,
  cuts: readonly number[],
) {
  const events: unknown[] = [];
  try {
    for await (const batch of reader(chunked(bytes, cuts)))
      for (const e of batch) events.push(e.kind === 'row' ? { ...e, record: Object.entries(e.record) } : e);
  } catch (e) {
    if (e instanceof CsvReadError) return { error: { code: e.code, lines: e.lines } };
    throw e;
  }
  return { events };
}

// Cells of a machine-written file, and the characters that make CSV hard: quotes, commas, line ends, a lone
// carriage return, spaces, characters beyond ASCII, long cells, a byte-order mark.
const piece = fc.constantFrom(
  'a',
  'enr-1',
  'item_1',
  ' 3 ',
  '',
  ',',
  ',',
  '\n',
  '\n',
  '\n\n',
  '"',
  '""',
  '"x,\ny"',
  '\r',
  '\r\n',
  'é',
  '€',
  '\uFEFF',
  'a-very-long-cell-of-more-than-13',
  '__proto__',
);
const csvText = fc
  .tuple(
    fc.constantFrom('', '\uFEFF'),
    fc.constantFrom('assessment_id,enrolment_id,item_1', 'a,b,a', 'x', '__proto__,b', ''),
    fc.array(piece, { maxLength: 60 }),
  )
  .map(([bom, header, rest]) => `${bom}${header}\n${rest.join('')}`);

describe('readCsvRows', () => {
  test.prop([csvText, fc.array(fc.nat({ max: 400 }), { maxLength: 6 })], { numRuns: 600 })(
    'gives the events, lines and errors of the CSV parser, however the bytes are chunked',
    async (text, cuts) => {
      const bytes = Buffer.from(text, 'utf8');
      expect(await read(readCsvRows, bytes, cuts)).toEqual(await read(readCsvRowsWithParser, bytes, []));
    },
  );

  it('splits plain lines itself and hands a quoted line and the rest to the parser', async () => {
    const bytes = Buffer.from('a,b\n1,2\n\n3\n"4\n5",6,7\n8,9,10\n');
    const { events } = await read(readCsvRows, bytes, [5]);
    expect(events).toEqual([
      { kind: 'header', names: ['a', 'b'], line: 1 },
      {
        kind: 'row',
        record: [
          ['a', '1'],
          ['b', '2'],
        ],
        line: 2,
      },
      { kind: 'row', record: [['a', '3']], line: 4 },
      { kind: 'reject', code: 'field-count', line: 5 },
      { kind: 'reject', code: 'field-count', line: 7 },
    ]);
  });

  it('reports an unclosed quote with the code and line the parser gives', async () => {
    const bytes = Buffer.from('a,b\n1,2\n3,"4\n');
    const fast = await read(readCsvRows, bytes, []);
    expect(fast).toEqual({ error: { code: 'CSV_QUOTE_NOT_CLOSED', lines: 3 } });
    expect(fast).toEqual(await read(readCsvRowsWithParser, bytes, []));
  });
});

describe('readCsvCells', () => {
  /** The events of readCsvCells with each row's cells made into its record by recordOf, as readCsvRows gives them. */
  async function* asRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<CsvRowEvent[]> {
    let names: readonly string[] = [];
    for await (const batch of readCsvCells(chunks))
      yield batch.map((e) => {
        if (e.kind === 'header') names = e.names;
        return e.kind === 'cells' ? { kind: 'row', record: recordOf(names, e.cells), line: e.line } : e;
      });
  }

  test.prop([csvText, fc.array(fc.nat({ max: 400 }), { maxLength: 6 })], { numRuns: 600 })(
    "gives cells whose records are the CSV parser's, however the bytes are chunked",
    async (text, cuts) => {
      const bytes = Buffer.from(text, 'utf8');
      expect(await read(asRecords, bytes, cuts)).toEqual(await read(readCsvRowsWithParser, bytes, []));
    },
  );

  it('gives the lines it splits as cells, every cell kept (a long row is rejected)', async () => {
    const bytes = Buffer.from('a,b,a\n1,2\n3,4,5,6\n7,é,a-very-long-cell-of-more-than-13\n');
    const events: unknown[] = [];
    for await (const batch of readCsvCells(chunked(bytes, [9]))) events.push(...batch);
    expect(events).toEqual([
      { kind: 'header', names: ['a', 'b', 'a'], line: 1 },
      { kind: 'cells', cells: ['1', '2'], line: 2 },
      // Repeated names make a record of 2 keys: 4 cells are not too many for the parser.
      { kind: 'cells', cells: ['3', '4', '5', '6'], line: 3 },
      { kind: 'cells', cells: ['7', 'é', 'a-very-long-cell-of-more-than-13'], line: 4 },
    ]);
    expect(recordOf(['a', 'b', 'a'], ['3', '4', '5', '6'])).toEqual({ a: '5', b: '4' });
  });
});

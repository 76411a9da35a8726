import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NDJSON_LINE, type NdjsonLine, readNdjsonLines, safeFileName } from './ndjson';

async function collect(chunks: (string | Uint8Array)[], file?: string): Promise<NdjsonLine[]> {
  const out: NdjsonLine[] = [];
  for await (const l of readNdjsonLines(Readable.from(chunks, { objectMode: true }), file)) out.push(l);
  return out;
}

describe('readNdjsonLines', () => {
  it('reads objects line by line, with line numbers, skipping blank lines and accepting CRLF', async () => {
    const out = await collect(['{"a":1}\r\n\n{"b"', ':2}\n', '  \n{"c":3}'], 'Patient.ndjson');
    expect(out).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { b: 2 } },
      { line: 5, value: { c: 3 } },
    ]);
  });

  it('reports bad lines by file and line, never quoting them', async () => {
    const out = await collect(['{"name":"Jane Doe"\n[1]\n{"ok":true}\n'], 'Patient.ndjson');
    // Message review (issue 9, section 7): the place is the issue's expression (and the report's `where`); the
    // message no longer repeats it (the CLI printed "Patient.ndjson line 1: Patient.ndjson line 1: not valid JSON").
    expect(out[0]).toMatchObject({
      line: 1,
      issue: { code: 'structure', expression: 'Patient.ndjson line 1', message: 'not valid JSON' },
    });
    expect(out[1]).toMatchObject({
      line: 2,
      issue: { expression: 'Patient.ndjson line 2', message: 'not a JSON object' },
    });
    expect(out[2]).toEqual({ line: 3, value: { ok: true } });
    expect(JSON.stringify(out)).not.toContain('Jane');
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('{"t":"café ☕"}\n');
    const chunks = [...bytes].map((b) => Uint8Array.of(b));
    expect(await collect(chunks)).toEqual([{ line: 1, value: { t: 'café ☕' } }]);
  });

  it('reports bytes that are not UTF-8 by file, line and byte offset, and stops reading', async () => {
    const head = new TextEncoder().encode('{"a":1}\n{"t":"caf\u00e9"}\n{"name":"Jane ');
    const bytes = new Uint8Array([...head, 0xff, ...new TextEncoder().encode('Doe"}\n{"b":2}\n')]);
    for (const size of [1, 5, bytes.length]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const out = await collect(chunks, 'Patient.ndjson');
      const last = out[out.length - 1];
      expect(last).toMatchObject({
        line: 3,
        issue: {
          code: 'structure',
          expression: 'Patient.ndjson line 3',
          message: `not valid UTF-8 (byte offset ${head.length}); save the file as UTF-8`,
          location: { file: 'Patient.ndjson', line: 3, byteOffset: head.length },
        },
      });
      expect(out.some((l) => 'value' in l && 'b' in l.value)).toBe(false);
      expect(JSON.stringify(out)).not.toContain('Jane');
    }
    const cut = await collect([new Uint8Array([0x7b, 0x7d, 0x0a, 0xe2, 0x82])], 'Patient.ndjson');
    expect(cut).toMatchObject([
      { line: 1, value: {} },
      { line: 2, issue: { location: { byteOffset: 3 } } },
    ]);
  });

  it('skips a line longer than the limit without holding it, and goes on', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const chunks: string[] = ['{"a":1}\n{"b":"'];
    for (let n = 0; n <= MAX_NDJSON_LINE / big.length; n++) chunks.push(big);
    chunks.push('"}\n{"c":3}\n');
    const out = await collect(chunks);
    expect(out.map((l) => ('value' in l ? l.value : l.issue.message))).toEqual([
      { a: 1 },
      'longer than the longest line read',
      { c: 3 },
    ]);
  });

  it('gives the same lines however the text is cut into chunks (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }), {
          maxLength: 8,
        }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (objects, cuts) => {
          const text = objects.map((o) => JSON.stringify(o)).join('\n');
          const bytes = new TextEncoder().encode(text);
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let prev = 0;
          for (const p of [...points, bytes.length]) {
            chunks.push(bytes.slice(prev, p));
            prev = p;
          }
          const out = await collect(chunks);
          expect(out.map((l) => ('value' in l ? l.value : undefined))).toEqual(objects);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('names files safely', () => {
    expect(safeFileName('Encounter.ndjson')).toBe('Encounter.ndjson');
    expect(safeFileName('a/b c.ndjson')).toBe('file');
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli.test-support';
import { readInput } from './io';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PROGRAM = join(ROOT, 'examples/sample-program/program.json');
const ASSESSMENTS = join(ROOT, 'examples/research-outcomes/assessments.csv');

/** `text` with the bytes of `bad` in place of the first `marker`: the bytes and the offset of the bad bytes. */
function plant(
  text: string,
  marker: string,
  bad: readonly number[],
): { bytes: Buffer; offset: number; line: number } {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`no ${marker}`);
  const head = Buffer.from(text.slice(0, at), 'utf8');
  const bytes = Buffer.concat([head, Buffer.from(bad), Buffer.from(text.slice(at + marker.length), 'utf8')]);
  return { bytes, offset: head.length, line: text.slice(0, at).split('\n').length };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pr-utf8-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('input files that are not UTF-8', () => {
  it('check refuses a program with an invalid byte, naming the file, byte offset and line', async () => {
    const text = await readFile(PROGRAM, 'utf8');
    // In the middle of the program's name: the bytes around it are personal-looking text.
    const { bytes, offset, line } = plant(
      text.replace('"name": "', '"name": "ZQname '),
      'ZQname ',
      [0xc3, 0x28],
    );
    const file = join(dir, 'program.json');
    await writeFile(file, bytes);
    const r = await cli('check', file, '--as-of', '2026-11-20');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `peer-recovery: ${file}: is not valid UTF-8 (byte offset ${offset}, line ${line}); save the file as UTF-8 [invalid-encoding]\n`,
    );
    await expect(readInput(file)).rejects.toMatchObject({
      exitCode: 2,
      issues: [{ code: 'invalid-encoding', location: { file, byteOffset: offset, line } }],
    });
  });

  it('import-fhir refuses an NDJSON folder with an invalid byte in one file', async () => {
    const out = join(dir, 'bulk');
    const exported = await cli('export-fhir', PROGRAM, '--out-dir', out, '--as-of', '2026-11-20');
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    const name = 'Patient.ndjson';
    const text = await readFile(join(out, name), 'utf8');
    const [first, ...rest] = text.split('\n');
    // The first character of line 2 becomes an encoded surrogate, which UTF-8 does not allow.
    const { bytes, offset, line } = plant(
      `${first}\n\u0000${rest.join('\n').slice(1)}`,
      '\u0000',
      [0xed, 0xa0, 0x80],
    );
    expect(line).toBe(2);
    await writeFile(join(out, name), bytes);
    const r = await cli('import-fhir', out, '-o', join(dir, 'imported.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(out, name)}: is not valid UTF-8 (byte offset ${offset}, line 2)`);
  });

  it('validate-outcomes refuses CSV and NDJSON with an invalid byte, streaming, at the right offset', async () => {
    const csv = await readFile(ASSESSMENTS, 'utf8');
    const lines = csv.split('\n');
    const row = lines[5] as string;
    const { bytes, offset, line } = plant(csv, row, [...Buffer.from(row.slice(0, 3)), 0xff]);
    expect(line).toBe(6);
    const file = join(dir, 'assessments.csv');
    await writeFile(file, bytes);
    const r = await cli('validate-outcomes', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}: is not valid UTF-8 (byte offset ${offset + 3}, line 6)`);

    const nd = '{"assessment_id":"a1"}\n{"assessment_id":"a2"}\n';
    const p = plant(nd, 'a2', [0x61, 0xe2, 0x82]);
    const ndFile = join(dir, 'assessments.ndjson');
    await writeFile(ndFile, p.bytes);
    const r2 = await cli('validate-outcomes', ndFile);
    expect(r2.code).toBe(2);
    expect(r2.err).toContain(`${ndFile}: is not valid UTF-8 (byte offset ${p.offset + 1}, line 2)`);
  });

  it('a rule pack and a column mapping are read strictly too', async () => {
    const pack = join(dir, 'pack.json');
    await writeFile(pack, Buffer.from([0x7b, 0x0a, 0xff, 0x7d]));
    const r = await cli('check', PROGRAM, '--as-of', '2026-11-20', '--pack', pack);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${pack}: is not valid UTF-8 (byte offset 2, line 2)`);
    const mapping = join(dir, 'mapping.json');
    await writeFile(mapping, Buffer.from([0x7b, 0xc0, 0x80, 0x7d]));
    const m = await cli('validate-outcomes', ASSESSMENTS, '--mapping', mapping);
    expect(m.code).toBe(2);
    expect(m.err).toContain(`--mapping: ${mapping}: is not valid UTF-8 (byte offset 1, line 1)`);
  });
});

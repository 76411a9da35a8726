import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { exitQuietlyOnEpipe } from './args';
import { CliError } from './errors';
import { heapAdvice, inChunks, limitOptions, parseJson, readJsonValue, setInputLimits } from './io';

const epipe = () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });

describe('exitQuietlyOnEpipe', () => {
  it('ends with the exit code so far when the reader goes away, printing nothing', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    let code: number | undefined = 1;
    exitQuietlyOnEpipe(
      stream,
      (c) => exits.push(c),
      () => code,
    );
    stream.emit('error', epipe());
    code = undefined;
    stream.emit('error', epipe());
    expect(exits).toEqual([1, 0]);
  });
  it('rethrows any other stream error', () => {
    const stream = new EventEmitter();
    exitQuietlyOnEpipe(stream, () => undefined);
    expect(() => stream.emit('error', Object.assign(new Error('disk'), { code: 'EIO' }))).toThrow('disk');
  });
  it('adds one listener, however many commands run', () => {
    const stream = new EventEmitter();
    exitQuietlyOnEpipe(stream, () => undefined);
    expect(stream.listenerCount('error')).toBe(1);
  });
});

describe('heapAdvice', () => {
  const GiB = 2 ** 30;

  it('says nothing while the heap limit is at least four times the input', () => {
    expect(heapAdvice(160_000_000, 4 * GiB, 24 * GiB)).toBeUndefined();
    expect(heapAdvice(GiB, 4 * GiB, 24 * GiB)).toBeUndefined();
  });

  it('names the size, the limit and a larger limit of four times the input in whole GiB, never more than the machine can give', () => {
    const note = heapAdvice(1_650_000_000, 4144 * 2 ** 20, 24 * GiB);
    expect(note).toContain('1,650 MB');
    expect(note).toContain('4,144 MiB');
    expect(note).toContain('NODE_OPTIONS=--max-old-space-size=7168');
    // 16 GiB of memory gives at most 12 GiB; 4 times a 4 GB input would be 15 GiB.
    expect(heapAdvice(4e9, 4 * GiB, 16 * GiB)).toContain('--max-old-space-size=12288');
  });

  it('says nothing when the machine has no larger limit to give', () => {
    expect(heapAdvice(1_650_000_000, 4 * GiB, 4 * GiB)).toBeUndefined();
    expect(heapAdvice(1_650_000_000, 6 * GiB, 8 * GiB)).toBeUndefined();
  });
});

describe('parseJson', () => {
  it('names the file and where the JSON breaks, never its text', () => {
    expect(() => parseJson('program.json', '{\n  "name": "Secret Name",\n}')).toThrow(
      'program.json: is not valid JSON (line 3, column 1)',
    );
  });
  it('gives the fix for a byte-order mark', () => {
    expect(() => parseJson('program.json', '\uFEFF{}')).toThrow(
      /byte-order mark \(BOM\); save it as UTF-8 without BOM/,
    );
  });
});

describe('readJsonValue: a file over the whole-text size is read in chunks, with the same value and errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pr-json-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fileWith = (name: string, bytes: Uint8Array | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  /** The outcome of reading `path` one way: the value, or the error's message, exit code and issue codes. */
  const outcome = async (path: string, wholeTextBytes?: number) => {
    try {
      const r = await readJsonValue(path, wholeTextBytes === undefined ? {} : { wholeTextBytes });
      return { value: r.value, hasText: r.text !== undefined };
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      return { message: e.message, exitCode: e.exitCode, codes: e.issues.map((i) => i.code) };
    }
  };

  it('reads the sample program in chunks to the value JSON.parse gives, without a text', async () => {
    const path = join(import.meta.dirname, '../../../examples/sample-program/program.json');
    const whole = await outcome(path);
    const chunked = await outcome(path, 0);
    expect(whole).toMatchObject({ hasText: true });
    expect(chunked).toEqual({ value: JSON.parse(readFileSync(path, 'utf8')), hasText: false });
  });

  it.each([
    [
      'bytes that are not UTF-8',
      Buffer.concat([Buffer.from('{"contacts": [{"id": "a'), Buffer.from([0xff]), Buffer.from('"}]}')]),
    ],
    ['a syntax error inside a record', '{\n"contacts": [\n{"id": "a"},\n{"id" "Secret Name"}\n]\n}'],
    ['a document cut short', '{"contacts": [{"id": "a"}'],
    ['a byte-order mark', '\uFEFF{"contacts": []}'],
  ])('%s: the same exit-2 error, naming the file and never quoting it', async (_, bytes) => {
    const path = fileWith('bad.json', bytes);
    const whole = await outcome(path);
    const chunked = await outcome(path, 0);
    expect(whole).toMatchObject({ exitCode: 2 });
    expect(chunked).toEqual(whole);
    expect(chunked.message).toContain(path);
    expect(chunked.message).not.toContain('Secret');
  });

  it('still refuses a file over maxFileBytes before reading it', async () => {
    const path = fileWith('big.json', `{"contacts": [${'1,'.repeat(50)}1]}`);
    setInputLimits(limitOptions(['maxFileBytes=64']));
    try {
      expect(await outcome(path, 0)).toMatchObject({ exitCode: 2, codes: ['limit-exceeded'] });
    } finally {
      setInputLimits(limitOptions([]));
    }
  });
});

describe('inChunks', () => {
  const pieces = fc.array(fc.string({ maxLength: 40 }), { minLength: 20, maxLength: 300 });
  test.prop([pieces, fc.integer({ min: 1, max: 400 })], { numRuns: 300 })(
    'gives the pieces joined, each chunk but the last at least the size asked for and cut at the piece that reached it',
    (pieces, chars) => {
      const chunks = [...inChunks(pieces, chars)];
      expect(chunks.join('')).toBe(pieces.join(''));
      // Pieces are at most 40 characters: a chunk cut at the piece that reached the size is under size + 40.
      for (const c of chunks.slice(0, -1)) {
        expect(c.length).toBeGreaterThanOrEqual(chars);
        expect(c.length).toBeLessThan(chars + 40);
      }
      expect(chunks.length).toBeLessThanOrEqual(pieces.length);
    },
  );
});

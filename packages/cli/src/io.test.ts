import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { exitQuietlyOnEpipe, parseJson } from './io';

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

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { exitQuietlyOnEpipe } from './io';

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

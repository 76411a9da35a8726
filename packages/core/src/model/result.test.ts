import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { endOfLocalDay } from '../calendar/zone';
import { fail, ok, parseAsOf } from './result';

describe('parseAsOf', () => {
  it('reads a date as the end of that local day', () => {
    const r = parseAsOf('2026-11-25', 'America/Los_Angeles');
    expect(r).toEqual(ok({ ms: endOfLocalDay('2026-11-25', 'America/Los_Angeles'), date: '2026-11-25' }));
  });
  it('reads an instant with an offset and gives its local date', () => {
    const r = parseAsOf('2026-12-01T05:30:00Z', 'America/New_York');
    expect(r.success && r.data).toEqual({ ms: Date.parse('2026-12-01T05:30:00Z'), date: '2026-12-01' });
    const l = parseAsOf('2026-12-01T02:30:00Z', 'America/Los_Angeles');
    expect(l.success && l.data.date).toBe('2026-11-30');
  });
  it('reads epoch milliseconds', () => {
    expect(parseAsOf(0, 'UTC')).toEqual(ok({ ms: 0, date: '1970-01-01' }));
  });
  it.each([
    '2026-01-01T25:00Z',
    '2026-01-01T10:61:00Z',
    '2027-13-45',
    '2026-02-31',
    'yesterday',
    'NaN',
    '1e20',
    '2027-03-10T10:00:00',
    '',
    ' 2026-01-01',
  ])('refuses %j with an invalid-as-of issue at asOf', (value) => {
    const r = parseAsOf(value, 'UTC');
    expect(r.success).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'invalid-as-of', path: ['asOf'], severity: 'error' });
  });
  it.each([Number.NaN, Number.POSITIVE_INFINITY, 1e20, null, undefined, {}, []])(
    'refuses the non-date %p',
    (value) => {
      expect(parseAsOf(value, 'UTC').success).toBe(false);
    },
  );
  it('names the path it was given', () => {
    const r = parseAsOf('x', 'UTC', ['options', 'asOf']);
    expect(r.issues[0]?.message.startsWith('options.asOf: ')).toBe(true);
  });
  test.prop([fc.anything()])('never throws and never echoes a string it refuses', (value) => {
    const r = parseAsOf(value, 'Europe/Berlin');
    if (!r.success && typeof value === 'string' && value.length > 3)
      expect(r.issues[0]?.message.includes(value)).toBe(false);
  });
  test.prop([fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2200-01-01') })])(
    'an ISO instant round-trips to its epoch milliseconds',
    (d) => {
      const r = parseAsOf(d.toISOString(), 'UTC');
      expect(r.success && r.data.ms).toBe(d.getTime());
    },
  );
  it('fail carries the issues', () => {
    expect(fail([])).toEqual({ success: false, issues: [] });
  });
});

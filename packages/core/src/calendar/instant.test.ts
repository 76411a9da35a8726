import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseInstant, parseInstantFast, toEpoch } from './zone';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Instant-like strings built from parts, valid or not: every field may leave its range. */
const parts = fc.record({
  year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1600, 1900, 2000, 2024, 2100, 9999)),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.oneof(fc.integer({ min: 0, max: 32 }), fc.constantFrom(28, 29, 30, 31)),
  hour: fc.integer({ min: 0, max: 25 }),
  minute: fc.integer({ min: 0, max: 61 }),
  second: fc.integer({ min: 0, max: 61 }),
  fraction: fc.option(fc.stringMatching(/^\d{1,7}$/), { nil: undefined }),
  offset: fc.option(
    fc.record({
      sign: fc.constantFrom('+', '-'),
      hours: fc.integer({ min: 0, max: 25 }),
      minutes: fc.integer({ min: 0, max: 61 }),
    }),
    { nil: undefined },
  ),
});

const text = (p: typeof parts extends fc.Arbitrary<infer T> ? T : never) =>
  `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}` +
  (p.fraction === undefined ? '' : `.${p.fraction}`) +
  (p.offset === undefined ? 'Z' : `${p.offset.sign}${pad(p.offset.hours, 2)}:${pad(p.offset.minutes, 2)}`);

/** The shapes the fast path reads: no fraction or three digits, `Z` or `±HH:MM`. */
const fastShape = (p: { fraction: string | undefined }) =>
  p.fraction === undefined || p.fraction.length === 3;

describe('parseInstantFast against the reference parseInstant', () => {
  test.prop([parts])('equal on every string of a fast shape (both NaN when invalid)', (p) => {
    fc.pre(fastShape(p));
    const s = text(p);
    expect(Object.is(parseInstantFast(s), parseInstant(s))).toBe(true);
  });

  test.prop([parts])('NaN on any other shape, so the reference decides', (p) => {
    fc.pre(!fastShape(p));
    expect(parseInstantFast(text(p))).toBeNaN();
  });

  test.prop([parts, fc.nat(40), fc.constantFrom(...'0123456789-:TZ+.x /\u0660')])(
    'a string with one character replaced: NaN or the reference value',
    (p, at, c) => {
      const s0 = text(p);
      const i = at % s0.length;
      const s = s0.slice(0, i) + c + s0.slice(i + 1);
      const fast = parseInstantFast(s);
      if (!Number.isNaN(fast)) expect(fast).toBe(parseInstant(s));
    },
  );

  test.prop([fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), fc.boolean()])(
    'any epoch ms written as an ISO instant reads back exactly (Z and +00:00)',
    (ms, zulu) => {
      const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
      const s = zulu ? iso : `${iso.slice(0, -1)}+00:00`;
      expect(parseInstantFast(s)).toBe(ms);
      expect(parseInstant(s)).toBe(ms);
    },
  );

  it('reads boundaries, leap days, month ends and far offsets exactly', () => {
    const cases = [
      '0000-01-01T00:00:00Z',
      '0000-02-29T12:00:00Z',
      '9999-12-31T23:59:59.999Z',
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00+00:00',
      '2000-02-29T00:00:00Z',
      '2024-02-29T23:59:59-23:59',
      '2023-02-28T23:59:59+23:59',
      '1900-02-28T00:00:00Z',
      '2026-01-31T23:30:00-08:00', // 23:30 local on a month's last day, already February in UTC
      '2026-04-30T23:30:00.000-05:00',
      '2026-12-31T23:30:00-10:00',
      '2026-03-08T02:30:00-05:00', // inside a daylight-saving gap of New York: the offset written is what counts
      '2026-11-01T01:30:00-04:00',
      '2026-11-01T01:30:00-05:00',
      '2026-02-01T13:15:00.500+05:45',
    ];
    for (const s of cases) {
      expect(parseInstantFast(s)).toBe(parseInstant(s));
      expect(parseInstantFast(s)).toBe(Date.parse(s));
    }
    for (const s of [
      '1900-02-29T00:00:00Z',
      '2100-02-29T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-01-31T24:00:00Z',
      '2026-01-31T23:60:00Z',
      '2026-01-31T23:59:60Z',
      '2026-01-31T23:59:59+24:00',
      '2026-01-31T23:59:59-08:60',
      '2026-01-31T23:59:59.12Z',
      '2026-01-31T23:59:59.1234Z',
      '2026-01-31t23:59:59Z',
      '2026-01-31T23:59:59z',
      '2026-01-31T23:59:59',
      '+02026-01-31T23:59:59Z',
      '2026-01-31T23:59:59-0800',
    ])
      expect(parseInstantFast(s)).toBeNaN();
  });

  it('toEpoch still reads the shapes only the reference reads', () => {
    expect(toEpoch('2026-02-01T13:15:00.5+05:45')).toBe(Date.UTC(2026, 1, 1, 7, 30, 0, 500));
    expect(toEpoch('2026-02-01T07:30:00.123456789Z')).toBe(Date.UTC(2026, 1, 1, 7, 30, 0, 123));
    expect(() => toEpoch('2100-02-29T00:00:00Z')).toThrow(RangeError);
  });
});

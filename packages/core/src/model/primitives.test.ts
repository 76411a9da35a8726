import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseWith } from './parse';
import { HumanName, Id, Instant, isNpi, isTimeZone, LocalDate, Npi, TimeZone } from './primitives';

const codes = (schema: Parameters<typeof parseWith>[0], value: unknown) => {
  const r = parseWith(schema, value);
  return r.success ? [] : r.issues.map((i) => `${i.code} ${i.pointer}`);
};

describe('Id', () => {
  it.each(['peer-001', 'a', '0', 'coach.1', 'A-b.C', 'x'.repeat(64)])('accepts %s', (v) => {
    expect(Id.safeParse(v).success).toBe(true);
  });
  it.each(['', '-peer', '.peer', 'peer 1', 'peer_1', 'pëer', 'x'.repeat(65), 'a/b'])('rejects %j', (v) => {
    expect(codes(Id, v)).toEqual(['invalid-id (root)']);
  });
  it('rejects a non-string', () => {
    expect(codes(Id, 7)).toEqual(['invalid-type (root)']);
  });
});

describe('LocalDate', () => {
  it.each(['2024-02-29', '2026-01-31', '2000-02-29', '1900-01-01', '2026-12-31'])('accepts %s', (v) => {
    expect(LocalDate.safeParse(v).success).toBe(true);
  });
  it.each([
    '2023-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-5',
    '20260105',
    '2026-01-05T00:00:00Z',
    '05/01/2026',
    '',
  ])('rejects %j', (v) => {
    expect(codes(LocalDate, v)).toEqual(['invalid-date (root)']);
  });
});

describe('Instant', () => {
  it.each([
    '2026-01-31T23:30:00-08:00',
    '2026-01-31T23:30:00Z',
    '2026-01-31T23:30:00.123Z',
    '2026-07-01T12:00:00+05:30',
  ])('accepts %s', (v) => {
    expect(Instant.safeParse(v).success).toBe(true);
  });
  it.each(['2026-01-31T23:30:00', '2026-01-31', '2026-01-31 23:30:00Z', '2026-02-30T10:00:00Z', 'now'])(
    'rejects %j',
    (v) => {
      expect(codes(Instant, v)).toEqual(['invalid-instant (root)']);
    },
  );
});

describe('TimeZone and isTimeZone', () => {
  it.each(['America/Los_Angeles', 'Europe/London', 'UTC', 'Asia/Kolkata'])('accepts %s', (v) => {
    expect(isTimeZone(v)).toBe(true);
    expect(TimeZone.safeParse(v).success).toBe(true);
  });
  it.each(['Mars/Olympus', '', 'x'.repeat(65), 'America/Nowhere'])('rejects %j', (v) => {
    expect(isTimeZone(v)).toBe(false);
    expect(codes(TimeZone, v)).toEqual(['invalid-time-zone (root)']);
  });
});

describe('HumanName', () => {
  it.each([{ given: ['Alex'], family: 'Doe' }, { text: 'Alex Doe' }, {}, { given: ['A', 'B'] }])(
    'accepts %j',
    (v) => {
      expect(HumanName.safeParse(v).success).toBe(true);
    },
  );
  it('rejects empty parts and unknown fields', () => {
    expect(codes(HumanName, { given: [] })).toEqual(['too-small given']);
    expect(codes(HumanName, { given: [''] })).toEqual(['invalid-format given[0]']);
    expect(codes(HumanName, { family: '' })).toEqual(['invalid-format family']);
    expect(codes(HumanName, { nickname: 'Al' })).toEqual(['unknown-field nickname']);
  });
});

describe('isNpi / Npi', () => {
  it('accepts ten digits with a valid Luhn check digit over the 80840 prefix', () => {
    for (const v of ['1234567893', '1245319599', '1003000126']) expect(isNpi(v)).toBe(true);
    expect(Npi.safeParse('1234567893').success).toBe(true);
  });
  it('refuses a wrong check digit, other lengths and non-digits, naming the field without the value', () => {
    for (const v of ['1234567890', '123456789', '12345678930', '123456789X', ''])
      expect(isNpi(v)).toBe(false);
    expect(codes(Npi, '1234567890')).toEqual(['invalid-format (root)']);
  });
  test.prop([fc.stringMatching(/^\d{9}$/)])('exactly one check digit makes nine digits an NPI', (nine) => {
    const valid = [...'0123456789'].filter((d) => isNpi(nine + d));
    expect(valid).toHaveLength(1);
  });
});

import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost } from './index';
import { DEFAULT_COUNT, loadSearchParameters, MAX_COUNT, preferredHandling, prepareSearch } from './search';

beforeAll(() => {
  loadSearchParameters(); // the R4 definitions, once per process
});

describe('Prefer: handling', () => {
  it('reads strict among other preferences, lenient otherwise', () => {
    expect(preferredHandling('handling=strict')).toBe('strict');
    expect(preferredHandling('return=minimal; handling=strict')).toBe('strict');
    expect(preferredHandling(['respond-async', 'HANDLING = "strict"'])).toBe('strict');
    expect(preferredHandling('handling=lenient')).toBe('lenient');
    expect(preferredHandling('handling=strictly')).toBe('lenient');
    expect(preferredHandling(undefined)).toBe('lenient');
  });
});

describe('prepareSearch', () => {
  const ok = (type: string, q: [string, string][], h: 'strict' | 'lenient' = 'lenient') => {
    const r = prepareSearch(type, q, h);
    if (!r.ok) throw new Error(r.text);
    return r;
  };
  it('turns a bare id on a reference parameter into Type/id for each target type', () => {
    expect(ok('CarePlan', [['patient', 'p1']]).applied).toEqual([['patient', 'Patient/p1']]);
    expect(ok('CarePlan', [['patient', 'p1,p2']]).applied).toEqual([['patient', 'Patient/p1,Patient/p2']]);
    expect(ok('CarePlan', [['subject:Patient', 'p1']]).applied).toEqual([['subject', 'Patient/p1']]);
    expect(ok('CarePlan', [['subject', 'Group/g']]).applied).toEqual([['subject', 'Group/g']]);
    expect(ok('CarePlan', [['subject', 'g']]).applied).toEqual([['subject', 'Group/g,Patient/g']]);
    expect(ok('Encounter', [['status', 'finished']]).applied).toEqual([['status', 'finished']]);
  });
  it('pages by _count (default and maximum) and _offset; refuses a _count that is not a whole number', () => {
    expect(ok('Patient', []).count).toBe(DEFAULT_COUNT);
    expect(ok('Patient', [['_count', '5000']]).count).toBe(MAX_COUNT);
    expect(
      ok('Patient', [
        ['_count', '0'],
        ['_offset', '40'],
      ]),
    ).toMatchObject({ count: 0, offset: 40 });
    for (const bad of ['-1', '1.5', 'ten', ''])
      expect(prepareSearch('Patient', [['_count', bad]], 'lenient')).toMatchObject({
        ok: false,
        code: 'invalid',
      });
  });
  it('lists unsupported parameters by position (lenient) or refuses the search (strict)', () => {
    const q: [string, string][] = [
      ['name', 'x'],
      ['nonsense', '1'],
      ['_include', 'Patient:organization'],
      ['general-practitioner.name', 'y'],
      ['_sort', '-birthdate'],
      ['_sort', 'unknown'],
      ['name:exact', 'x'],
      ['name:bogus', 'x'],
    ];
    expect(ok('Patient', q).ignored).toEqual([2, 3, 4, 6, 8]);
    const strict = prepareSearch('Patient', q, 'strict');
    expect(strict).toMatchObject({ ok: false, code: 'not-supported' });
    expect(!strict.ok && strict.text).toContain('Query parameter 2 ');
  });
  test.prop([
    fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 6 }),
    fc.constantFrom<'strict' | 'lenient'>('strict', 'lenient'),
  ])('is total, never quotes the request, and applies only supported parameters', (q, handling) => {
    const r = prepareSearch('Observation', q, handling);
    if (!r.ok) {
      for (const [k, v] of q) {
        if (k.length > 3 && !['_count', '_offset'].includes(k)) expect(r.text).not.toContain(k);
        if (v.length > 3) expect(r.text).not.toContain(v);
      }
      return;
    }
    expect(r.ignored.length + r.applied.length).toBeLessThanOrEqual(q.length);
    if (handling === 'strict') expect(r.ignored).toEqual([]);
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback names and addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of [
      '0.0.0.0',
      '::',
      '',
      '128.0.0.1',
      '127.0.0.256',
      '10.0.0.1',
      'example.org',
      'localhost.example.org',
      '127.0.0.1.nip.io',
    ])
      expect(isLoopbackHost(h)).toBe(false);
  });
  test.prop([fc.ipV4()])('an IPv4 address is loopback exactly when it is in 127.0.0.0/8', (ip) => {
    expect(isLoopbackHost(ip)).toBe(ip.startsWith('127.'));
  });
});

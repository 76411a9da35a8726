import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { deterministicUuid, isUuid, resourceId } from './ids';

describe('deterministicUuid', () => {
  test.prop([fc.string()])('is a version-5 RFC 9562 UUID and stable', (name) => {
    const u = deterministicUuid(name);
    expect(isUuid(u)).toBe(true);
    expect(u.charAt(14)).toBe('5');
    expect(['8', '9', 'a', 'b']).toContain(u.charAt(19));
    expect(deterministicUuid(name)).toBe(u);
  });

  test.prop([fc.string(), fc.string()])('differs for different names', (a, b) => {
    fc.pre(a !== b);
    expect(deterministicUuid(a)).not.toBe(deterministicUuid(b));
  });

  it('scopes resource ids by program, type and kind', () => {
    const ids = new Set([
      resourceId('p', 'Patient', 'peer', 'x'),
      resourceId('q', 'Patient', 'peer', 'x'),
      resourceId('p', 'Practitioner', 'coach', 'x'),
      resourceId('p', 'ServiceRequest', 'referral', 'x'),
      resourceId('p', 'ServiceRequest', 'program-referral', 'x'),
    ]);
    expect(ids.size).toBe(5);
  });
});

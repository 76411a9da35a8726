import { createHash } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { deterministicUuid, isUuid, resourceId } from './ids';

/** RFC 9562 version 5 as written in the RFC: SHA-1 of the namespace and the name, streamed. The reference. */
function referenceUuid(name: string): string {
  const namespace = Buffer.from('4f0f5a5e9c2b4d7e8a6b1c3d5e7f9a0b', 'hex');
  const bytes = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe('deterministicUuid', () => {
  test.prop([
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.string({ unit: 'grapheme', minLength: 300, maxLength: 700 }),
      fc.string({ minLength: 1000, maxLength: 3000 }),
    ),
  ])(
    'is the UUID of the namespace and the name as RFC 9562 computes it, for names short and long',
    (name) => {
      expect(deterministicUuid(name)).toBe(referenceUuid(name));
    },
  );

  it('gives the same UUID for a name after a longer one (nothing of the longer is left over)', () => {
    const short = 'srp|Patient|peer|peer-1';
    const before = deterministicUuid(short);
    deterministicUuid(`${'é'.repeat(300)}|long`);
    expect(deterministicUuid(short)).toBe(before);
    expect(before).toBe(referenceUuid(short));
  });

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

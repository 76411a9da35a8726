import { hash } from 'node:crypto';

/** Namespace of this project's name-based UUIDs (a fixed random UUID). */
const NAMESPACE = Buffer.from('4f0f5a5e9c2b4d7e8a6b1c3d5e7f9a0b', 'hex');

/**
 * The namespace followed by room for a name: the bytes hashed for a name of up to a few hundred characters are
 * written here, after the namespace, instead of into new buffers (an export hashes millions of names).
 */
const INPUT = Buffer.alloc(16 + 1024);
NAMESPACE.copy(INPUT);

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of a fixed namespace and the name): the same name always gives the
 * same UUID, so exported ids and bundle `fullUrl`s are stable across runs.
 *
 * @example
 * deterministicUuid('srp|Patient|peer|peer-1') === deterministicUuid('srp|Patient|peer|peer-1'); // true
 */
export function deterministicUuid(name: string): string {
  // One-shot hashing of the namespace and the name's UTF-8 bytes (at most 3 per UTF-16 unit, so a name that fits
  // is never cut).
  const input =
    name.length * 3 <= INPUT.length - 16
      ? INPUT.subarray(0, 16 + INPUT.write(name, 16, 'utf8'))
      : Buffer.concat([NAMESPACE, Buffer.from(name, 'utf8')]);
  const bytes = hash('sha1', input, 'buffer').subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * True when `value` is a lower-case UUID.
 *
 * @example
 * isUuid('0b7c6e1e-9b1a-5c3e-8d2f-0a1b2c3d4e5f'); // true
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The FHIR id of the resource a domain record becomes: a name-based UUID of the program id, the resource type, the
 * record kind and the record's key. Distinct records never share an id, and ids stay within FHIR's 64 characters
 * whatever the domain ids' length.
 *
 * @example
 * resourceId('srp', 'Patient', 'peer', 'peer-1'); // a UUID, the same on every call
 */
export function resourceId(programId: string, resourceType: string, kind: string, key: string): string {
  return deterministicUuid(`${programId}|${resourceType}|${kind}|${key}`);
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMappingProfile } from './profile';

const EXAMPLE = new URL('../../../../examples/fhir-exchange/mapping-profile.json', import.meta.url);

describe('parseMappingProfile', () => {
  it('accepts the documented example', () => {
    const r = parseMappingProfile(JSON.parse(readFileSync(EXAMPLE, 'utf8')));
    expect(r.issues).toEqual([]);
    expect(r.success).toBe(true);
  });

  it('names the field of each problem and never echoes a value', () => {
    const doc = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    doc.contacts[0].mode = 'carrier-pigeon-Jane';
    doc.patients.populations = [];
    delete doc.program.timeZone;
    const r = parseMappingProfile(doc);
    expect(r.success).toBe(false);
    const paths = r.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['contacts.0.mode', 'patients.populations', 'program.timeZone']),
    );
    expect(r.issues.every((i) => i.severity === 'error')).toBe(true);
    expect(JSON.stringify(r.issues)).not.toContain('Jane');
  });

  it('rejects what is not a profile, without throwing', () => {
    for (const junk of [null, 3, 'x', [], { format: 'other' }])
      expect(parseMappingProfile(junk).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseWith } from './parse';
import * as vocabulary from './vocabulary';

const enums = Object.entries(vocabulary);

describe.each(enums)('%s', (_name, schema) => {
  it('accepts each of its codes, and they are unique kebab-case', () => {
    const options = schema.options as readonly string[];
    expect(options.length).toBeGreaterThan(1);
    expect(new Set(options).size).toBe(options.length);
    for (const code of options) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(schema.safeParse(code).success).toBe(true);
    }
  });

  it('rejects other values with invalid-code, listing the allowed codes', () => {
    for (const bad of ['not-a-code', '', 'IN-PERSON']) {
      const r = parseWith(schema, bad);
      expect(r.success).toBe(false);
      if (!r.success) {
        expect(r.issues).toHaveLength(1);
        expect(r.issues[0]?.code).toBe('invalid-code');
        expect(r.issues[0]?.message).toContain(JSON.stringify(schema.options[0]));
      }
    }
  });

  it('rejects a non-string with invalid-code', () => {
    const r = parseWith(schema, 3);
    expect(r.success === false && r.issues.map((i) => i.code)).toEqual(['invalid-code']);
  });
});

describe('vocabulary facts the rules rely on', () => {
  it('has the 18 expected outcomes of the service definition', () => {
    expect(vocabulary.ExpectedOutcome.options).toHaveLength(18);
  });
  it('has the coach lifecycle states', () => {
    expect(vocabulary.CoachStatus.options).toEqual([
      'applicant',
      'active',
      'on-notice',
      'withdrawn',
      'removed',
    ]);
  });
  it('has the three recovery stages in order', () => {
    expect(vocabulary.RecoveryStage.options).toEqual(['initiation', 'stabilization', 'maintenance']);
  });
});

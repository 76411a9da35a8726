import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { importBundle, importNdjson } from './import';
import { validateResource } from './validate';

/** Hardening: entry points that take outside data never throw, whatever they are given. */
describe('totality on arbitrary input', () => {
  const resourceLike = fc.record(
    {
      resourceType: fc.constantFrom('Patient', 'CarePlan', 'Encounter', 'Goal', 'Bundle', 'Nope'),
      id: fc.oneof(fc.string(), fc.integer()),
      status: fc.oneof(fc.string(), fc.constant('active')),
      period: fc.anything(),
      subject: fc.anything(),
    },
    { requiredKeys: ['resourceType'] },
  );
  test.prop([fc.oneof(fc.anything(), resourceLike)], { numRuns: 60 })(
    'validateResource returns issues',
    (value) => {
      const issues = validateResource(value);
      expect(Array.isArray(issues)).toBe(true);
    },
  );
  test.prop([fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.json()))], { numRuns: 60 })(
    'importNdjson returns a result',
    (files) => {
      const r = importNdjson(files);
      expect(typeof r.success).toBe('boolean');
    },
  );
  test.prop(
    [
      fc.record({
        resourceType: fc.constant('Bundle'),
        type: fc.string(),
        entry: fc.array(fc.record({ resource: resourceLike })),
      }),
    ],
    { numRuns: 60 },
  )('importBundle returns a result on bundle-shaped junk', (bundle) => {
    const r = importBundle(bundle);
    expect(typeof r.success).toBe('boolean');
  });
});

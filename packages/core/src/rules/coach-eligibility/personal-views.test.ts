import { describe, expect, it } from 'vitest';
import { prssServiceDefinition, srpRecoveryConnect } from '../../packs/builtin';
import { coach, programData } from '../../testing/builders';
import { coachRule, codesOf, packWith, TEST_SOURCE } from '../rules.test-support';

const RULE = 'coach-eligibility';
const withViews = (personalViews: string | undefined) =>
  coach({
    agreements: {
      volunteer: '2025-01-10',
      mentorship: '2025-01-10',
      guidelines: '2025-01-10',
      ...(personalViews === undefined ? {} : { personalViews }),
    },
  });
const eligibility = (personalViews: string | undefined, asOf: string, pack = srpRecoveryConnect) =>
  coachRule(programData({ coaches: [withViews(personalViews)] }), RULE, asOf, { pack });

describe('coach-eligibility: views are personal (Peer-Mentor Responsibilities item 5)', () => {
  it('asks for the acknowledgement, citing item 5, and the coach is not eligible without it', () => {
    const r = eligibility(undefined, '2026-03-01');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'coach-eligibility.agreement-missing',
        severity: 'error',
        path: 'coaches[0].agreements.personalViews',
        params: { agreement: 'personalViews' },
        source: {
          document: 'srp-guidelines',
          section: 'Peer-Mentor Responsibilities, item 5',
          quote: 'acknowledges that any views ... are personal',
        },
      }),
    ]);
    expect(r.facts).toMatchObject({ eligible: false });
  });

  it('counts from the day it was signed (a signature after the evaluation day is not seen)', () => {
    expect(codesOf(eligibility('2026-03-01', '2026-03-01'))).toEqual([]);
    expect(codesOf(eligibility('2026-03-02', '2026-03-01'))).toEqual(['coach-eligibility.agreement-missing']);
  });

  it('follows the pack: not asked by the service definition, nor where the pack turns it off', () => {
    expect(codesOf(eligibility(undefined, '2026-03-01', prssServiceDefinition))).not.toContain(
      'coach-eligibility.agreement-missing',
    );
    const off = packWith(RULE, { personalViewsRequired: { value: false, source: TEST_SOURCE } });
    expect(codesOf(eligibility(undefined, '2026-03-01', off))).toEqual([]);
  });

  it('is reported once when a pack also lists it among the required agreements', () => {
    const both = packWith(RULE, {
      requiredAgreements: {
        value: ['volunteer', 'mentorship', 'guidelines', 'personalViews'],
        source: TEST_SOURCE,
      },
    });
    expect(codesOf(eligibility(undefined, '2026-03-01', both))).toEqual([
      'coach-eligibility.agreement-missing',
    ]);
  });
});

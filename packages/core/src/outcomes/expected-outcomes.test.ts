import { describe, expect, it } from 'vitest';
import { ExpectedOutcome } from '../model/vocabulary';
import { EXPECTED_OUTCOME_INFO, NOMS_DOMAIN_LABELS, NOMS_DOMAINS, nomsDomainOf } from './expected-outcomes';

describe('expected outcomes and NOMs domains', () => {
  it('has one row for each of the 18 expected outcomes, and no other', () => {
    expect(ExpectedOutcome.options).toHaveLength(18);
    expect(Object.keys(EXPECTED_OUTCOME_INFO).sort()).toEqual([...ExpectedOutcome.options].sort());
    for (const o of ExpectedOutcome.options) {
      const row = EXPECTED_OUTCOME_INFO[o];
      expect(row.outcome).toBe(o);
      expect(NOMS_DOMAINS).toContain(row.nomsDomain);
      expect(row.label.length).toBeGreaterThan(0);
      expect(row.label.length).toBeLessThanOrEqual(40);
      expect(row.rationale.length).toBeGreaterThan(0);
    }
  });

  it('gives distinct labels, and a label to each of the ten domains', () => {
    const labels = Object.values(EXPECTED_OUTCOME_INFO).map((r) => r.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(NOMS_DOMAINS).toHaveLength(10);
    expect(Object.keys(NOMS_DOMAIN_LABELS).sort()).toEqual([...NOMS_DOMAINS].sort());
  });

  it('maps the outcomes that name a NOMs domain directly to it', () => {
    expect(nomsDomainOf('reduced-substance-use')).toBe('reduced-morbidity');
    expect(nomsDomainOf('education-employment')).toBe('employment-education');
    expect(nomsDomainOf('criminal-justice')).toBe('crime-criminal-justice');
    expect(nomsDomainOf('stability-in-housing')).toBe('stability-in-housing');
    expect(nomsDomainOf('re-engagement-after-lapse')).toBe('retention');
    for (const o of [
      'social-comfort',
      'relationships',
      'reduced-isolation',
      'community-participation',
    ] as const) {
      expect(nomsDomainOf(o)).toBe('social-connectedness');
    }
  });

  it('returns undefined for a value that is not an expected outcome', () => {
    expect(nomsDomainOf('toString' as never)).toBeUndefined();
    expect(nomsDomainOf(42 as never)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { PROFILES } from './codes';
import { validateResource, validateResources } from './validate';

const carePlan = {
  resourceType: 'CarePlan',
  id: 'cp1',
  meta: { profile: [PROFILES.usCoreCarePlan] },
  status: 'active',
  intent: 'plan',
  category: [
    { coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category', code: 'assess-plan' }] },
  ],
  subject: { reference: 'Patient/p1' },
  period: { start: '2026-02-12T10:00:00-08:00' },
};

const errors = (r: unknown) => validateResource(r).filter((i) => i.severity === 'error');

describe('validateResource', () => {
  it('accepts a valid US Core CarePlan', () => {
    expect(errors(carePlan)).toEqual([]);
  });

  it('catches a bogus status (required binding medplum does not check)', () => {
    const issues = errors({ ...carePlan, status: 'bogus' });
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'code-invalid',
        expression: 'CarePlan.status',
        resourceType: 'CarePlan',
        id: 'cp1',
      }),
    );
  });

  it('catches a bogus code in a nested datatype (ContactPoint.use)', () => {
    const issues = errors({
      resourceType: 'Patient',
      telecom: [{ system: 'phone', value: '555', use: 'weird' }],
    });
    expect(issues).toContainEqual(
      expect.objectContaining({ code: 'code-invalid', expression: 'Patient.telecom[0].use' }),
    );
  });

  it('catches a reversed period, also inside an extension', () => {
    expect(errors({ ...carePlan, period: { start: '2026-03-01', end: '2026-02-01' } })).toContainEqual(
      expect.objectContaining({ code: 'invariant', expression: 'CarePlan.period' }),
    );
    expect(
      errors({
        ...carePlan,
        extension: [
          {
            url: 'https://example.org/x',
            valuePeriod: { start: '2026-03-01T10:00:00Z', end: '2026-03-01T09:00:00Z' },
          },
        ],
      }),
    ).toContainEqual(
      expect.objectContaining({ code: 'invariant', expression: 'CarePlan.extension[0].valuePeriod' }),
    );
  });

  it('accepts a period whose end has a coarser precision than its start on the same day', () => {
    expect(
      errors({ ...carePlan, period: { start: '2026-03-01T23:00:00-08:00', end: '2026-03-01' } }),
    ).toEqual([]);
  });

  it('catches a dateTime with a time but no zone', () => {
    expect(errors({ ...carePlan, period: { start: '2026-02-12T10:00:00' } })).toContainEqual(
      expect.objectContaining({ code: 'value', expression: 'CarePlan.period.start' }),
    );
  });

  it('catches empty strings, arrays and objects', () => {
    expect(errors({ ...carePlan, title: '' })).toContainEqual(
      expect.objectContaining({ expression: 'CarePlan.title' }),
    );
    expect(errors({ ...carePlan, title: '   ' })).toContainEqual(
      expect.objectContaining({ expression: 'CarePlan.title' }),
    );
    expect(errors({ ...carePlan, goal: [] })).toContainEqual(
      expect.objectContaining({ code: 'structure', expression: 'CarePlan.goal' }),
    );
    expect(errors({ ...carePlan, subject: {} })).toContainEqual(
      expect.objectContaining({ code: 'structure', expression: 'CarePlan.subject' }),
    );
  });

  it('catches a missing assess-plan category on a claimed US Core CarePlan, and only when claimed', () => {
    const other = [{ coding: [{ system: 'https://example.org/cs', code: 'x' }] }];
    expect(errors({ ...carePlan, category: other })).toContainEqual(
      expect.objectContaining({ code: 'required', expression: 'CarePlan.category' }),
    );
    const { meta: _meta, ...unclaimed } = carePlan;
    expect(errors({ ...unclaimed, category: other })).toEqual([]);
  });

  it('checks the claimed US Core Encounter rules (type and subject)', () => {
    const enc = {
      resourceType: 'Encounter',
      meta: { profile: [PROFILES.usCoreEncounter] },
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR' },
    };
    const issues = errors(enc);
    expect(issues.map((i) => i.expression)).toEqual(
      expect.arrayContaining(['Encounter.type', 'Encounter.subject']),
    );
  });

  it('checks the claimed US Core Patient rules (identifier, us-core-6 name, gender)', () => {
    const issues = errors({
      resourceType: 'Patient',
      meta: { profile: [PROFILES.usCorePatient] },
      name: [{ text: 'A' }],
    });
    expect(issues.map((i) => i.expression)).toEqual(
      expect.arrayContaining(['Patient.identifier', 'Patient.name[0]', 'Patient.gender']),
    );
    const ok = {
      resourceType: 'Patient',
      meta: { profile: [PROFILES.usCorePatient] },
      identifier: [{ system: 'urn:x', value: '1' }],
      name: [
        {
          extension: [
            { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' },
          ],
        },
      ],
      gender: 'unknown',
    };
    expect(errors(ok)).toEqual([]);
  });

  it('checks pd-1 on a claimed US Core PractitionerRole', () => {
    const role = { resourceType: 'PractitionerRole', meta: { profile: [PROFILES.usCorePractitionerRole] } };
    expect(errors(role)).toContainEqual(
      expect.objectContaining({ code: 'invariant', expression: 'PractitionerRole' }),
    );
    expect(errors({ ...role, telecom: [{ system: 'phone', value: '555' }] })).toEqual([]);
  });

  it('checks Goal and US Core Goal requirements', () => {
    expect(
      errors({
        resourceType: 'Goal',
        meta: { profile: [PROFILES.usCoreGoal] },
        lifecycleStatus: 'active',
        subject: { reference: 'Patient/p' },
      }),
    ).toContainEqual(expect.objectContaining({ expression: 'Goal.description' }));
  });

  it('requires Consent scope, patient and a policy (ppc-1)', () => {
    const issues = errors({ resourceType: 'Consent', status: 'active', category: [{ text: 'x' }] });
    expect(issues.map((i) => i.expression)).toEqual(
      expect.arrayContaining(['Consent.scope', 'Consent.patient', 'Consent']),
    );
  });

  it('reports base R4 structure errors from medplum (missing required element)', () => {
    expect(
      errors({ resourceType: 'Goal', lifecycleStatus: 'active', subject: { reference: 'Patient/p' } }),
    ).toContainEqual(expect.objectContaining({ code: 'structure', expression: 'Goal.description' }));
  });

  it('never throws and reports non-resources', () => {
    expect(errors(null)).toEqual([expect.objectContaining({ code: 'structure' })]);
    expect(errors({ resourceType: 'NoSuchType' })).toEqual([
      expect.objectContaining({ code: 'not-supported' }),
    ]);
    expect(() =>
      validateResource({ resourceType: 'Patient', name: 'not-an-array', extension: [null] }),
    ).not.toThrow();
  });

  it('never quotes values from the resource in messages', () => {
    const secret = 'Zxq-Secret-Name-4411';
    const issues = validateResources([
      { resourceType: 'Patient', name: [{ given: [secret, ''] }], gender: secret, birthDate: secret },
      {
        resourceType: 'Goal',
        lifecycleStatus: secret,
        description: { text: secret },
        subject: { reference: secret },
      },
    ]);
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) expect(JSON.stringify(i)).not.toContain(secret);
  });
});

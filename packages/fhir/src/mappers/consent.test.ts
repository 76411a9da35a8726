import type { Consent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { record, refTo, run } from '../../test/export-support';
import { exampleProgram } from '../testing/example';

describe('mappers/consent', () => {
  it('maps consents with scope, LOINC category, patient, 42 CFR Part 2 policy and recipient actor', () => {
    const resources = run();
    const roi = record<Consent>(resources, 'Consent', 'consent', 'cons-1');
    expect(roi.scope.coding?.[0]?.code).toBe('patient-privacy');
    expect(roi.category[0]?.coding?.[0]?.code).toBe('64292-6');
    expect(roi.patient?.reference).toBe(refTo(record(resources, 'Patient', 'peer', 'peer-1')));
    expect(roi.policyRule?.coding?.[0]?.code).toBe('42CFRPart2');
    expect(roi.provision?.actor?.[0]?.role.coding?.[0]?.code).toBe('IRCP');
    expect(roi.provision?.purpose?.map((p) => p.code)).toEqual(['discontinuation-notice', 'TREAT']);
    expect(roi.status).toBe('active');
    const conf = record<Consent>(resources, 'Consent', 'consent', 'cons-2');
    expect(conf.category[0]?.coding?.[0]?.code).toBe('59284-0');
    expect(conf.status).toBe('inactive');
    const before = run(exampleProgram(), { asOf: '2026-02-15T00:00:00Z' });
    expect(record<Consent>(before, 'Consent', 'consent', 'cons-2').status).toBe('active');
  });
});

import type { Resource } from '@medplum/fhirtypes';
import type { ProgramData } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { toTransactionBundle } from './bundle';
import { exportProgram } from './export';
import { importBundle } from './import';
import { exampleProgram } from './testing/example';

function bundleOf(data: ProgramData): ReturnType<typeof toTransactionBundle> {
  const r = exportProgram(data, { includeNotes: true, includeCoachRecords: true });
  if (!r.success) throw new Error('export failed');
  return toTransactionBundle(r.data as Resource[]);
}

describe('import checks the input limits and plausibility of core', () => {
  it('a Patient born in an implausible year is in error, unless the limits are raised', () => {
    const bundle = bundleOf(exampleProgram());
    const patient = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as {
      birthDate?: string;
      id?: string;
    };
    patient.birthDate = '0931-04-05';
    const r = importBundle(bundle);
    expect(r.success).toBe(true);
    const errors = r.issues.filter((i) => i.severity === 'error');
    // The Patient is in error; the records that depend on it (its enrolment, plans...) are left out after it.
    expect(errors[0]).toMatchObject({
      resourceType: 'Patient',
      message:
        'Imported data is not valid: peers[0].birthDate: has a year outside the plausible years 1900 to 2200 (limits minYear, maxYear)',
    });
    for (const e of errors.slice(1)) expect(e.message).toMatch(/refers to no known|depends|Not imported/);
    expect(JSON.stringify(r.issues)).not.toContain('0931');
    const raised = importBundle(bundle, { limits: { minYear: 0 } });
    expect(raised.issues.filter((i) => i.severity === 'error')).toEqual([]);
    if (raised.success) expect(raised.data.peers.some((p) => p.birthDate === '0931-04-05')).toBe(true);
  });

  it('a contact dated before its enrolment is imported with a warning on its resource', () => {
    const data = exampleProgram();
    const c = data.contacts[0];
    if (!c) throw new Error('no contact');
    const early = { ...c, start: '2019-01-02T10:00:00-08:00', end: '2019-01-02T11:00:00-08:00' };
    const r = importBundle(bundleOf({ ...data, contacts: [early, ...data.contacts.slice(1)] }));
    expect(r.success).toBe(true);
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        code: 'business-rule',
        resourceType: 'Encounter',
        message: expect.stringContaining(
          'the contact is before the enrolment starts (enrolledOn) [outside-enrolment]',
        ),
      }),
    );
  });
});

import type { Patient } from '@medplum/fhirtypes';
import type { ProgramData } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { record, run } from '../../test/export-support';
import { toTransactionBundle } from '../bundle';
import { EXTENSIONS, identifierSystem, PROFILES } from '../codes';
import { importBundle } from '../import';
import { exampleProgram } from '../testing/example';
import { validateResource } from '../validate';

describe('mappers/patient', () => {
  it('maps a peer to a US Core Patient with the program identifier, and absent name/gender to data-absent-reason', () => {
    const resources = run();
    const p1 = record<Patient>(resources, 'Patient', 'peer', 'peer-1');
    expect(p1.identifier).toEqual([{ system: identifierSystem('srp', 'peer'), value: 'peer-1' }]);
    expect(p1.name).toEqual([{ family: 'Doe', given: ['Alex'] }]);
    expect(p1.gender).toBe('female');
    expect(p1.birthDate).toBe('1990-04-02');
    expect(p1.meta?.profile).toEqual([PROFILES.usCorePatient]);
    const p2 = record<Patient>(resources, 'Patient', 'peer', 'peer-2');
    expect(p2.gender).toBe('unknown');
    expect(p2.name?.[0]?.extension?.[0]).toEqual({ url: EXTENSIONS.dataAbsentReason, valueCode: 'unknown' });
    expect(p2.meta?.profile).toEqual([PROFILES.usCorePatient]);
  });

  it('does not claim US Core Patient for a name with text only', () => {
    const data = exampleProgram();
    data.peers[0] = { ...(data.peers[0] as ProgramData['peers'][number]), name: { text: 'A. D.' } };
    const p1 = record<Patient>(run(data), 'Patient', 'peer', 'peer-1');
    expect(p1.name).toEqual([{ text: 'A. D.' }]);
    expect(p1.meta?.profile).toBeUndefined();
  });

  it("exports the peer's phone, email and address (US Core must support) when recorded, and reads them back", () => {
    const data = exampleProgram();
    data.peers[0] = {
      ...(data.peers[0] as ProgramData['peers'][number]),
      telecom: { phone: '555-0100', email: 'peer@example.org' },
      address: { line: ['1 Main St'], city: 'Fairfield', state: 'CA', postalCode: '94533' },
    };
    const resources = run(data);
    const p1 = record<Patient>(resources, 'Patient', 'peer', 'peer-1');
    expect(p1.telecom).toEqual([
      { system: 'phone', value: '555-0100' },
      { system: 'email', value: 'peer@example.org' },
    ]);
    expect(p1.address).toEqual([
      { line: ['1 Main St'], city: 'Fairfield', state: 'CA', postalCode: '94533' },
    ]);
    expect(validateResource(p1)).toEqual([]);
    expect(record<Patient>(resources, 'Patient', 'peer', 'peer-2').telecom).toBeUndefined();
    const back = importBundle(toTransactionBundle(resources));
    expect(back.success && back.data.peers[0]).toMatchObject({
      telecom: data.peers[0]?.telecom,
      address: data.peers[0]?.address,
    });
  });
});

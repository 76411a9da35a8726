import type { Encounter, Location } from '@medplum/fhirtypes';
import type { ProgramData } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { record, run } from '../../test/export-support';
import { SYSTEMS } from '../codes';
import { exampleProgram } from '../testing/example';

describe('mappers/location', () => {
  it('uses the CMS place of service for a prison or jail, which RoleCode lacks', () => {
    const data = exampleProgram();
    data.contacts[0] = {
      ...(data.contacts[0] as ProgramData['contacts'][number]),
      location: 'correctional-facility',
    };
    const resources = run(data);
    const loc = record<Location>(resources, 'Location', 'location', 'correctional-facility');
    expect(loc.type?.[0]?.coding?.[0]).toEqual(
      expect.objectContaining({ system: SYSTEMS.cmsPos, code: '09' }),
    );
    expect(loc.mode).toBe('kind');
    expect(record<Encounter>(resources, 'Encounter', 'contact', 'c1').class.code).toBe('FLD');
  });
});

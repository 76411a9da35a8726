import type { Organization } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { byType, run } from '../../test/export-support';
import { EXTENSIONS } from '../codes';

describe('mappers/organization', () => {
  it('writes the program Organization with time zone, calendar and rule pack', () => {
    const org = byType<Organization>(run(), 'Organization').find((o) =>
      o.identifier?.some((i) => i.system === 'https://peer-recovery.dev/fhir/NamingSystem/program'),
    );
    expect(org?.name).toBe('Recovery Connect');
    expect(org?.extension).toContainEqual({
      url: EXTENSIONS.programTimeZone,
      valueCode: 'America/Los_Angeles',
    });
    expect(org?.extension).toContainEqual({
      url: EXTENSIONS.programRulePack,
      valueId: 'srp-recovery-connect',
    });
  });
});

import type { Location } from '@medplum/fhirtypes';
import type { Contact } from '@peer-recovery/core';
import { LOCATION_CODES, SYSTEMS } from '../codes';
import { coding, type ExportContext, local } from './to-fhir';

/**
 * One Location (mode `kind`) per location type the contacts use, coded with HL7 RoleCode and the CMS place of
 * service where they have one. Import reads locations only through the Encounters that reference them.
 *
 * @example
 * const locations = locationsToFhir(exportContext(data, {}));
 */
export function locationsToFhir(ctx: ExportContext): Location[] {
  const usedLocations = new Set(ctx.data.contacts.map((c) => c.location));
  const out: Location[] = [];
  for (const [type, info] of Object.entries(LOCATION_CODES)) {
    if (!usedLocations.has(type as Contact['location'])) continue;
    const codings = [
      ...(info.roleCode ? [coding(info.roleCode)] : []),
      ...(info.pos ? [coding(info.pos)] : []),
      local(SYSTEMS.locationType, type),
    ];
    out.push({
      resourceType: 'Location',
      id: ctx.id('Location', 'location', type),
      meta: ctx.meta(false),
      identifier: ctx.identifier('location', type),
      status: 'active',
      name: info.display,
      mode: 'kind',
      type: [{ coding: codings, text: info.display }],
      managingOrganization: ctx.programRef,
    });
  }
  return out;
}

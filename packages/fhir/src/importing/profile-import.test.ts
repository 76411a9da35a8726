import { readFileSync } from 'node:fs';
import { evaluateProgram } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { identifierSystem } from '../codes';
import { exportProgram } from '../export';
import { importNdjson, importResources } from '../import';
import { exampleProgram } from '../testing/example';
import { expectedRoundTrip } from '../testing/roundtrip';
import { type MappingProfile, parseMappingProfile } from './profile';

const SYNTHEA = 'https://github.com/synthetichealth/synthea';
const MRN = 'http://hospital.smarthealthit.org';
const NPI = 'http://hl7.org/fhir/sid/us-npi';
const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const HCPCS = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const PLAN_KIND = 'https://ehr.example.org/fhir/CodeSystem/care-plan-kind';

/** The mapping profile of this test: Synthea-style identifiers, H0038 peer services, a local plan category. */
const profile: MappingProfile = (() => {
  const r = parseMappingProfile({
    format: 'peer-recovery-fhir-mapping/1',
    program: {
      organization: { system: SYNTHEA, value: 'org-peer-team' },
      id: 'ehr-peers',
      name: 'Peer support team',
      timeZone: 'America/New_York',
      rulePack: 'srp-recovery-connect',
    },
    patients: { identifierSystem: MRN, populations: ['adult-substance-use-disorder'] },
    practitioners: { npi: true, identifierSystems: [] },
    enrolments: { from: 'first-contact' },
    contacts: [
      {
        class: [{ system: ACT, code: 'VR' }],
        type: [{ system: HCPCS, code: 'H0038' }],
        mode: 'video',
        location: 'remote',
        activities: ['recovery-support'],
        initiatedBy: 'coach',
      },
      {
        class: [{ system: ACT, code: 'AMB' }],
        type: [{ system: HCPCS, code: 'H0038' }],
        participantType: [
          { system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'PPRF' },
        ],
        mode: 'in-person',
        location: 'outpatient-facility',
        activities: ['recovery-support'],
        initiatedBy: 'coach',
      },
    ],
    actionPlans: {
      category: [{ system: PLAN_KIND, code: 'peer-action-plan' }],
      signatures: {
        peer: {
          provenanceSignatureType: { system: 'urn:iso-astm:E1762-95:2013', code: '1.2.840.10065.1.12.1.1' },
        },
        coach: { extension: 'https://ehr.example.org/fhir/StructureDefinition/coach-signed-at' },
      },
    },
  });
  if (!r.success) throw new Error('profile');
  return r.data;
})();

const ref = (type: string, id: string) => ({ reference: `${type}/${id}` });
const patient = (id: string, mrn: string | undefined, family: string) => ({
  resourceType: 'Patient',
  id,
  identifier: [
    { system: SYNTHEA, value: id },
    ...(mrn ? [{ type: { coding: [{ code: 'MR' }] }, system: MRN, value: mrn }] : []),
  ],
  name: [{ use: 'official', family, given: ['Test'] }],
  gender: 'female',
  birthDate: '1988-03-09',
});
const encounter = (
  id: string,
  who: string,
  cls: string,
  type: { system: string; code: string }[],
  status: string,
  practitioner: string,
  start?: string,
) => ({
  resourceType: 'Encounter',
  id,
  status,
  class: { system: ACT, code: cls },
  type: [{ coding: type, text: 'Encounter' }],
  subject: ref('Patient', who),
  participant: [
    {
      type: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'PPRF' }] },
      ],
      individual: ref('Practitioner', practitioner),
    },
  ],
  ...(start
    ? {
        period: {
          start,
          end: start.replace(/T(\d\d)/, (_, h) => `T${String(Number(h) + 1).padStart(2, '0')}`),
        },
      }
    : {}),
  serviceProvider: ref('Organization', 'org-1'),
});
const H0038 = [
  { system: 'http://snomed.info/sct', code: '185347001' },
  { system: HCPCS, code: 'H0038' },
];

/** A Synthea-shaped Bulk NDJSON export (hand-written for this test), one text per resource type. */
function syntheaShaped(): Record<string, string> {
  const resources = [
    {
      resourceType: 'Organization',
      id: 'org-1',
      identifier: [{ system: SYNTHEA, value: 'org-peer-team' }],
      name: 'Peer team',
    },
    {
      resourceType: 'Organization',
      id: 'org-2',
      identifier: [{ system: SYNTHEA, value: 'org-hospital' }],
      name: 'Hospital',
    },
    {
      resourceType: 'Practitioner',
      id: 'pr-coach',
      identifier: [{ system: NPI, value: '9999911111' }],
      name: [{ family: 'Coachley' }],
    },
    {
      resourceType: 'Practitioner',
      id: 'pr-doc',
      identifier: [{ system: NPI, value: '9999922222' }],
      name: [{ family: 'Doctorow' }],
    },
    patient('pat-1', 'mrn-1', 'Peerson'),
    patient('pat-2', 'mrn-2', 'Peerwood'),
    patient('pat-3', undefined, 'Outsider'),
    encounter('enc-1', 'pat-1', 'AMB', H0038, 'finished', 'pr-coach', '2026-02-03T10:00:00-05:00'),
    encounter('enc-2', 'pat-1', 'VR', H0038, 'finished', 'pr-coach', '2026-03-04T10:00:00-05:00'),
    encounter(
      'enc-3',
      'pat-1',
      'AMB',
      [{ system: 'http://snomed.info/sct', code: '185349003' }],
      'finished',
      'pr-doc',
      '2026-03-05T09:00:00-05:00',
    ),
    encounter('enc-4', 'pat-2', 'AMB', H0038, 'cancelled', 'pr-coach', '2026-02-10T10:00:00-05:00'),
    encounter('enc-5', 'pat-3', 'AMB', H0038, 'finished', 'pr-coach', '2026-02-11T10:00:00-05:00'),
    encounter('enc-6', 'pat-2', 'AMB', H0038, 'finished', 'pr-coach'),
    encounter('enc-7', 'pat-2', 'AMB', H0038, 'finished', 'pr-coach', '2026-02-12T10:00:00-05:00'),
    {
      resourceType: 'CarePlan',
      id: 'cp-1',
      status: 'active',
      intent: 'plan',
      category: [
        {
          coding: [
            { system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category', code: 'assess-plan' },
          ],
        },
        { coding: [{ system: PLAN_KIND, code: 'peer-action-plan' }] },
      ],
      subject: ref('Patient', 'pat-1'),
      created: '2026-02-03T11:00:00-05:00',
      goal: [ref('Goal', 'goal-1'), ref('Goal', 'goal-2'), ref('Goal', 'goal-3')],
      extension: [
        {
          url: 'https://ehr.example.org/fhir/StructureDefinition/coach-signed-at',
          valueDateTime: '2026-02-05T12:00:00-05:00',
        },
      ],
    },
    {
      resourceType: 'CarePlan',
      id: 'cp-2',
      status: 'revoked',
      intent: 'plan',
      category: [{ coding: [{ system: PLAN_KIND, code: 'peer-action-plan' }] }],
      subject: ref('Patient', 'pat-1'),
      created: '2026-02-20T11:00:00-05:00',
    },
    {
      resourceType: 'CarePlan',
      id: 'cp-3',
      status: 'active',
      intent: 'plan',
      category: [
        {
          coding: [
            { system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category', code: 'assess-plan' },
          ],
        },
      ],
      subject: ref('Patient', 'pat-1'),
    },
    ...[1, 2, 3].map((i) => ({
      resourceType: 'Goal',
      id: `goal-${i}`,
      lifecycleStatus: i === 3 ? 'completed' : 'active',
      description: { text: `Goal text ${i}` },
      subject: ref('Patient', 'pat-1'),
    })),
    {
      resourceType: 'Goal',
      id: 'goal-9',
      lifecycleStatus: 'active',
      description: { text: 'Unrelated' },
      subject: ref('Patient', 'pat-1'),
    },
    {
      resourceType: 'Provenance',
      id: 'prov-1',
      target: [ref('CarePlan', 'cp-1')],
      recorded: '2026-02-04T09:00:00-05:00',
      agent: [{ who: ref('Patient', 'pat-1') }],
      signature: [
        {
          type: [{ system: 'urn:iso-astm:E1762-95:2013', code: '1.2.840.10065.1.12.1.1' }],
          when: '2026-02-04T09:00:00-05:00',
          who: ref('Patient', 'pat-1'),
        },
      ],
    },
    { resourceType: 'Condition', id: 'cond-1', subject: ref('Patient', 'pat-1') },
  ];
  const files: Record<string, string> = {};
  for (const r of resources) files[r.resourceType] = `${files[r.resourceType] ?? ''}${JSON.stringify(r)}\n`;
  return files;
}

describe('import with a mapping profile (Synthea-shaped data)', () => {
  it('makes EHR-authored Encounters, CarePlans and Goals about program peers contacts, plans and goals', () => {
    const r = importNdjson(syntheaShaped(), { profile });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([
      expect.objectContaining({ resourceType: 'Encounter', id: 'enc-6', expression: 'Encounter.period' }),
    ]);
    expect(r.success).toBe(true);
    if (!r.success) return;
    const d = r.data;
    expect(d.program).toEqual(expect.objectContaining({ id: 'ehr-peers', timeZone: 'America/New_York' }));
    expect(d.peers.map((p) => p.id)).toEqual(['mrn-1', 'mrn-2']);
    expect(d.coaches.map((c) => c.id)).toEqual(['9999911111']);
    expect(d.enrolments).toEqual([
      expect.objectContaining({
        id: 'ehr-mrn-1',
        peerId: 'mrn-1',
        enrolledOn: '2026-02-03',
        coachAssignments: [{ coachId: '9999911111', from: '2026-02-03' }],
      }),
      expect.objectContaining({ id: 'ehr-mrn-2', peerId: 'mrn-2', enrolledOn: '2026-02-12' }),
    ]);
    expect(d.contacts.map((c) => [c.id, c.enrolmentId, c.mode, c.location])).toEqual([
      ['ehr-enc-1', 'ehr-mrn-1', 'in-person', 'outpatient-facility'],
      ['ehr-enc-7', 'ehr-mrn-2', 'in-person', 'outpatient-facility'],
      ['ehr-enc-2', 'ehr-mrn-1', 'video', 'remote'],
    ]);
    expect(d.plans).toEqual([
      {
        id: 'ehr-cp-1',
        enrolmentId: 'ehr-mrn-1',
        version: 1,
        createdOn: '2026-02-03',
        signedByPeerAt: '2026-02-04T09:00:00-05:00',
        signedByCoachAt: '2026-02-05T12:00:00-05:00',
        goals: [
          { id: 'ehr-goal-1', description: 'Goal text 1', status: 'in-progress' },
          { id: 'ehr-goal-2', description: 'Goal text 2', status: 'in-progress' },
          { id: 'ehr-goal-3', description: 'Goal text 3', status: 'achieved' },
        ],
      },
    ]);
    const outcome = Object.fromEntries(
      r.report.entries.map((e) => [`${e.resourceType}/${e.id}`, e.reason ?? e.into ?? e.outcome]),
    );
    expect(outcome).toEqual({
      'Organization/org-1': 'program',
      'Organization/org-2': 'foreign',
      'Practitioner/pr-coach': 'coaches',
      'Practitioner/pr-doc': 'foreign',
      'Patient/pat-1': 'peers',
      'Patient/pat-2': 'peers',
      'Patient/pat-3': 'foreign',
      'Encounter/enc-1': 'contacts',
      'Encounter/enc-2': 'contacts',
      'Encounter/enc-3': 'not-a-peer-contact',
      'Encounter/enc-4': 'cancelled',
      'Encounter/enc-5': 'not-about-a-peer',
      'Encounter/enc-6': 'error',
      'Encounter/enc-7': 'contacts',
      'CarePlan/cp-1': 'plans',
      'CarePlan/cp-2': 'revoked',
      'CarePlan/cp-3': 'foreign',
      'Goal/goal-1': 'plans',
      'Goal/goal-2': 'plans',
      'Goal/goal-3': 'plans',
      'Goal/goal-9': 'foreign',
      'Provenance/prov-1': 'plans',
      'Condition/cond-1': 'not-supported',
    });
    expect(JSON.stringify([r.issues, r.report])).not.toMatch(/Peerson|Peerwood|Outsider|Goal text|1988/);
    // The rules run on the EHR data.
    const ev = evaluateProgram(d, { asOf: '2026-03-31' });
    expect(ev.success).toBe(true);
    if (ev.success) expect(ev.data.enrolments.map((e) => e.enrolmentId)).toEqual(['ehr-mrn-1', 'ehr-mrn-2']);
  });

  it('without the profile, the same data is reported per resource and nothing is imported', () => {
    const r = importNdjson(syntheaShaped());
    expect(r.success).toBe(false);
    expect(r.report?.total.skipped).toBe(r.report?.total.read);
  });

  it('accepts the documented example profile and recognises its program Organization', () => {
    const example = JSON.parse(
      readFileSync(
        new URL('../../../../examples/fhir-exchange/mapping-profile.json', import.meta.url),
        'utf8',
      ),
    );
    const p = parseMappingProfile(example);
    expect(p.success).toBe(true);
    if (!p.success) return;
    const org = { resourceType: 'Organization', id: 'o', identifier: [p.data.program.organization] };
    const r = importResources([org], { profile: p.data });
    expect(r.success).toBe(true);
    expect(r.success && r.data.program.id).toBe(p.data.program.id);
  });

  it("adds EHR Encounters about the program's own peers, with its own coach, to the program's export", () => {
    const ex = exportProgram(exampleProgram(), { includeNotes: true });
    if (!ex.success) throw new Error('export');
    const byIdentifier = (type: string, kind: 'peer' | 'coach', value: string) =>
      ex.data.find(
        (r) =>
          r.resourceType === type &&
          (r as { identifier?: { system?: string; value?: string }[] }).identifier?.some(
            (i) => i.system === identifierSystem('srp', kind) && i.value === value,
          ),
      )?.id as string;
    const ehrEncounter = {
      ...encounter(
        'ehr-77',
        byIdentifier('Patient', 'peer', 'peer-1'),
        'AMB',
        H0038,
        'finished',
        byIdentifier('Practitioner', 'coach', 'coach-1'),
        '2026-03-10T10:00:00-08:00',
      ),
    };
    const r = importResources([...ex.data, ehrEncounter], { profile });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const expected = expectedRoundTrip(exampleProgram(), { includeNotes: true });
    expect(r.data.contacts.slice(0, -1)).toEqual(expected.contacts);
    expect(r.data.contacts.at(-1)).toEqual({
      id: 'ehr-ehr-77',
      enrolmentId: 'enr-1',
      coachId: 'coach-1',
      start: '2026-03-10T10:00:00-08:00',
      end: '2026-03-10T11:00:00-08:00',
      mode: 'in-person',
      location: 'outpatient-facility',
      activities: ['recovery-support'],
      progressNote: false,
      initiatedBy: 'coach',
    });
    expect({ ...r.data, contacts: expected.contacts }).toEqual(expected);
    expect(r.report.entries.at(-1)).toEqual(
      expect.objectContaining({
        resourceType: 'Encounter',
        id: 'ehr-77',
        outcome: 'imported',
        into: 'contacts',
      }),
    );
    expect(r.report.total.skipped).toBe(0);
  });
});

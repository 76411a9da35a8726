import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import type { Resource } from '@medplum/fhirtypes';
import { evaluateProgram, parseProgramData } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { toNdjson, toTransactionBundle } from '../bundle';
import { exportProgram } from '../export';
import { importBundle, importNdjson, importResources } from '../import';
import { exampleProgram } from '../testing/example';
import { expectedRoundTrip } from '../testing/roundtrip';
import type { SkipReason } from './report';

const AS_OF = { asOf: '2026-06-30' };

function exported(): Resource[] {
  const r = exportProgram(exampleProgram(), { includeNotes: true, includeCoachRecords: true });
  if (!r.success) throw new Error('export failed');
  return r.data;
}

/**
 * Hand-written resources in the shape of US Core 7 examples (an EHR's own data): none is a record of the program,
 * some are about people who are not peers. Written for this test; no value is copied from a published example.
 */
function usCoreShaped(): { resources: Resource[]; expected: Record<string, SkipReason> } {
  const org = {
    resourceType: 'Organization',
    id: 'ehr-org-1',
    meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-organization'] },
    identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1144221847' }],
    active: true,
    name: 'Valley Health Clinic',
  };
  const patient = {
    resourceType: 'Patient',
    id: 'ehr-pat-1',
    meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'] },
    identifier: [{ system: 'http://hospital.example.org/mrn', value: 'MRN-4411' }],
    name: [{ family: 'Quill', given: ['Robin'] }],
    gender: 'unknown',
    birthDate: '1981-07-14',
  };
  const practitioner = {
    resourceType: 'Practitioner',
    id: 'ehr-prac-1',
    identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1972649801' }],
    name: [{ family: 'Okafor', given: ['Dana'] }],
  };
  const role = {
    resourceType: 'PractitionerRole',
    id: 'ehr-role-1',
    practitioner: { reference: 'Practitioner/ehr-prac-1' },
    organization: { reference: 'Organization/ehr-org-1' },
    code: [{ coding: [{ system: 'http://nucc.org/provider-taxonomy', code: '175T00000X' }] }],
    telecom: [{ system: 'phone', value: '555-0188' }],
  };
  const location = {
    resourceType: 'Location',
    id: 'ehr-loc-1',
    status: 'active',
    name: 'Valley Health Clinic, suite 2',
    managingOrganization: { reference: 'Organization/ehr-org-1' },
  };
  const encounter = {
    resourceType: 'Encounter',
    id: 'ehr-enc-1',
    meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-encounter'] },
    identifier: [{ system: 'http://hospital.example.org/encounter', value: 'E-9' }],
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    type: [{ coding: [{ system: 'http://snomed.info/sct', code: '185349003' }] }],
    subject: { reference: 'Patient/ehr-pat-1' },
    participant: [{ individual: { reference: 'Practitioner/ehr-prac-1' } }],
    period: { start: '2026-03-01T09:00:00-05:00', end: '2026-03-01T09:30:00-05:00' },
    serviceProvider: { reference: 'Organization/ehr-org-1' },
  };
  const goal = {
    resourceType: 'Goal',
    id: 'ehr-goal-1',
    lifecycleStatus: 'active',
    description: { text: 'Reduce alcohol use' },
    subject: { reference: 'Patient/ehr-pat-1' },
    target: [{ dueDate: '2026-09-01' }],
  };
  const carePlan = {
    resourceType: 'CarePlan',
    id: 'ehr-cp-1',
    status: 'active',
    intent: 'plan',
    category: [
      {
        coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category', code: 'assess-plan' }],
      },
    ],
    subject: { reference: 'Patient/ehr-pat-1' },
    goal: [{ reference: 'Goal/ehr-goal-1' }],
    text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Plan</div>' },
  };
  const careTeam = {
    resourceType: 'CareTeam',
    id: 'ehr-team-1',
    status: 'active',
    subject: { reference: 'Patient/ehr-pat-1' },
    participant: [{ member: { reference: 'Practitioner/ehr-prac-1' } }],
  };
  const serviceRequest = {
    resourceType: 'ServiceRequest',
    id: 'ehr-sr-1',
    status: 'active',
    intent: 'order',
    code: { coding: [{ system: 'http://snomed.info/sct', code: '461481000124109' }] },
    subject: { reference: 'Patient/ehr-pat-1' },
  };
  const response = {
    resourceType: 'QuestionnaireResponse',
    id: 'ehr-qr-1',
    status: 'completed',
    questionnaire: 'http://loinc.org/q/44249-1',
    subject: { reference: 'Patient/ehr-pat-1' },
    authored: '2026-03-01T09:10:00-05:00',
  };
  const observation = {
    resourceType: 'Observation',
    id: 'ehr-obs-1',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
    subject: { reference: 'Patient/ehr-pat-1' },
    valueInteger: 4,
  };
  const condition = {
    resourceType: 'Condition',
    id: 'ehr-cond-1',
    subject: { reference: 'Patient/ehr-pat-1' },
    code: { text: 'Alcohol use disorder' },
  };
  const resources = [
    org,
    patient,
    practitioner,
    role,
    location,
    encounter,
    goal,
    carePlan,
    careTeam,
    serviceRequest,
    response,
    observation,
    condition,
  ] as unknown as Resource[];
  const expected: Record<string, SkipReason> = {};
  for (const r of resources)
    expected[`${r.resourceType}/${r.id}`] = ['CareTeam', 'Condition'].includes(r.resourceType)
      ? 'not-supported'
      : 'foreign';
  return { resources, expected };
}

describe('import report on data the program did not write', () => {
  it('reports every foreign resource mixed into the export as skipped, with a reason; the program imports as before', () => {
    const own = exported();
    const { resources: foreign, expected } = usCoreShaped();
    const mixed = [...foreign.slice(0, 6), ...own, ...foreign.slice(6)];
    const r = importResources(mixed);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data).toEqual(
      expectedRoundTrip(exampleProgram(), { includeNotes: true, includeCoachRecords: true }),
    );
    const skipped = Object.fromEntries(
      r.report.entries
        .filter((e) => e.outcome === 'skipped')
        .map((e) => [`${e.resourceType}/${e.id}`, e.reason]),
    );
    expect(skipped).toEqual(expected);
    expect(r.report.total).toEqual(
      expect.objectContaining({ read: mixed.length, skipped: foreign.length, error: 0 }),
    );
    expect(r.report.byType.CareTeam).toEqual({ read: 1, imported: 0, derived: 0, skipped: 1, error: 0 });
    // Nothing about the foreign data leaks into issues or the report.
    expect(JSON.stringify([r.issues, r.report])).not.toMatch(/Robin|Quill|Okafor|alcohol|MRN-4411/i);
    expect(r.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining(`${foreign.length} resource`),
      }),
    ]);
  });

  it('makes every skipped resource an error in a strict import', () => {
    const { resources: foreign } = usCoreShaped();
    const r = importBundle(toTransactionBundle([...exported(), ...foreign]), { strict: true });
    expect(r.success).toBe(false);
    expect(r.report?.total.skipped).toBe(0);
    expect(r.report?.total.error).toBe(foreign.length);
    expect(r.report?.entries.filter((e) => e.outcome === 'error').map((e) => e.reason)).toEqual(
      foreign.map((x) => (['CareTeam', 'Condition'].includes(x.resourceType) ? 'not-supported' : 'foreign')),
    );
    expect(r.issues.filter((i) => i.severity === 'error')).toHaveLength(foreign.length);
  });

  it('reports foreign data alone per resource, besides the missing program', () => {
    const { resources } = usCoreShaped();
    const r = importResources(resources);
    expect(r.success).toBe(false);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'not-found' })]);
    expect(r.report?.total).toEqual({
      read: resources.length,
      imported: 0,
      derived: 0,
      skipped: resources.length,
      error: 0,
    });
  });

  it('skips the records of another program in the same data', () => {
    const other = exampleProgram();
    other.program = { ...other.program, id: 'other', name: 'Other program' };
    const o = exportProgram(other, { includeCoachRecords: true });
    if (!o.success) throw new Error('export failed');
    const r = importResources([...exported(), ...o.data], { programId: 'srp' });
    expect(r.success).toBe(true);
    expect(r.report?.byType.Encounter).toEqual({ read: 4, imported: 2, derived: 0, skipped: 2, error: 0 });
    const reasons = new Set(r.report?.entries.filter((e) => e.outcome === 'skipped').map((e) => e.reason));
    expect([...reasons]).toEqual(['other-program']);
  });
});

describe('status semantics on import', () => {
  const encounters = (list: Resource[]) =>
    list.filter((x) => x.resourceType === 'Encounter') as (Resource & {
      status: string;
    })[];

  it('does not count a cancelled program Encounter as a contact held; its note is left unreferenced', () => {
    const list = structuredClone(exported());
    const [first] = encounters(list);
    if (!first) throw new Error('no encounter');
    first.status = 'cancelled';
    const r = importNdjson(toNdjson(list));
    expect(r.success).toBe(true);
    if (!r.success) return;
    const expected = expectedRoundTrip(exampleProgram(), { includeNotes: true, includeCoachRecords: true });
    expect(r.data.contacts.map((c) => c.id)).toEqual(expected.contacts.slice(1).map((c) => c.id));
    expect(r.report.entries).toContainEqual(
      expect.objectContaining({
        resourceType: 'Encounter',
        id: first.id,
        outcome: 'skipped',
        reason: 'cancelled',
      }),
    );
    expect(r.report.entries).toContainEqual(
      expect.objectContaining({
        resourceType: 'DocumentReference',
        outcome: 'skipped',
        reason: 'unreferenced',
      }),
    );
    // The findings are those of the program without that contact.
    const without = { ...expected, contacts: expected.contacts.slice(1) };
    expect(evaluateProgram(r.data, AS_OF)).toEqual(evaluateProgram(without, AS_OF));
    // ... and they differ from the findings had it been counted (it was the only in-person contact).
    expect(evaluateProgram(r.data, AS_OF)).not.toEqual(evaluateProgram(expected, AS_OF));
  });

  const R4_ENCOUNTER = [
    'planned',
    'arrived',
    'triaged',
    'in-progress',
    'onleave',
    'finished',
    'cancelled',
    'entered-in-error',
    'unknown',
  ] as const;
  const HELD = new Set(['arrived', 'triaged', 'in-progress', 'onleave', 'finished']);

  test.prop([fc.array(fc.constantFrom(...R4_ENCOUNTER), { minLength: 2, maxLength: 2 })], { numRuns: 30 })(
    'imports exactly the Encounters whose status says the meeting took place',
    (statuses) => {
      const list = structuredClone(exported());
      encounters(list).forEach((e, i) => {
        e.status = statuses[i] as string;
      });
      const r = importResources(list);
      expect(r.success).toBe(true);
      const held = statuses.filter((s) => HELD.has(s)).length;
      expect(r.success && r.data.contacts.length).toBe(held);
      expect(r.report?.byType.Encounter).toEqual({
        read: 2,
        imported: held,
        derived: 0,
        skipped: 2 - held,
        error: 0,
      });
    },
  );

  it('skips a revoked or entered-in-error CarePlan and reports it', () => {
    for (const status of ['revoked', 'entered-in-error'] as const) {
      const list = structuredClone(exported());
      // The later version: nothing replaces it, so the earlier one imports unchanged.
      const plan = list.filter((x) => x.resourceType === 'CarePlan').at(-1) as Resource & { status: string };
      plan.status = status;
      const r = importResources(list);
      expect(r.success).toBe(true);
      expect(r.success && r.data.plans.map((p) => p.id)).toEqual(['plan-1']);
      expect(r.report?.entries).toContainEqual(
        expect.objectContaining({
          resourceType: 'CarePlan',
          id: plan.id,
          outcome: 'skipped',
          reason: status,
        }),
      );
    }
  });

  it('takes a Goal entered in error out of its plan', () => {
    const list = structuredClone(exported());
    const goal = list.find((x) => x.resourceType === 'Goal') as Resource & { lifecycleStatus: string };
    goal.lifecycleStatus = 'entered-in-error';
    const r = importResources(list);
    expect(r.report?.entries).toContainEqual(
      expect.objectContaining({
        resourceType: 'Goal',
        id: goal.id,
        outcome: 'skipped',
        reason: 'entered-in-error',
      }),
    );
    const expected = expectedRoundTrip(exampleProgram(), { includeNotes: true, includeCoachRecords: true });
    const goals = (d: typeof expected) => d.plans.reduce((n, p) => n + p.goals.length, 0);
    if (r.success) expect(goals(r.data)).toBe(goals(expected) - 1);
  });
});

describe('partial import', () => {
  const contactIds = exampleProgram().contacts.map((c) => c.id);

  const cases: [string, (e: Record<string, unknown>) => void][] = [
    ['whose project extensions an EHR stripped', (e) => delete e.extension],
    ['with no period', (e) => delete e.period],
  ];
  for (const [what, mutate] of cases)
    it(`reports an Encounter ${what} as in error and imports the rest`, () => {
      const list = structuredClone(exported());
      const enc = list.find((x) => x.resourceType === 'Encounter') as unknown as Record<string, unknown>;
      mutate(enc);
      const r = importBundle(toTransactionBundle(list as Resource[]));
      expect(r.success).toBe(true);
      if (!r.success) return;
      expect(r.data.contacts.map((c) => c.id)).toEqual(contactIds.slice(1));
      expect(r.data.plans).toHaveLength(exampleProgram().plans.length);
      expect(r.report.byType.Encounter).toEqual({ read: 2, imported: 1, derived: 0, skipped: 0, error: 1 });
      expect(r.issues.filter((i) => i.severity === 'error')).toEqual([
        expect.objectContaining({ resourceType: 'Encounter', code: 'invalid' }),
      ]);
      expect(importBundle(toTransactionBundle(list as Resource[]), { strict: true }).success).toBe(false);
    });
});

describe('import report invariants', () => {
  const own = exported();
  const { resources: foreign } = usCoreShaped();
  const STATUS_VALUES = [
    'finished',
    'cancelled',
    'planned',
    'entered-in-error',
    'revoked',
    'active',
    'completed',
    'bogus',
  ];
  const arbCase = fc.record({
    statuses: fc.array(fc.option(fc.constantFrom(...STATUS_VALUES), { nil: undefined }), {
      minLength: own.length,
      maxLength: own.length,
    }),
    dropPeriod: fc.array(fc.boolean(), { minLength: own.length, maxLength: own.length }),
    foreign: fc.subarray(foreign.map((_, i) => i)),
    order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
      minLength: own.length + foreign.length,
      maxLength: own.length + foreign.length,
    }),
    strict: fc.boolean(),
  });

  test.prop([arbCase], { numRuns: 40 })(
    'every resource read is in the report once; counts add up; strict means nothing skipped',
    ({ statuses, dropPeriod, foreign: picked, order, strict }) => {
      const list = (structuredClone(own) as unknown as Record<string, unknown>[]).map((r, i) => {
        const s = statuses[i];
        if (s !== undefined && ['Encounter', 'CarePlan'].includes(r.resourceType as string)) r.status = s;
        if (s !== undefined && r.resourceType === 'Goal') r.lifecycleStatus = s;
        if (dropPeriod[i] && r.resourceType === 'Encounter') delete r.period;
        return r;
      });
      const items = [
        ...list,
        ...picked.map((i) => structuredClone(foreign[i]) as unknown as Record<string, unknown>),
      ]
        .map((r, i) => ({ r, k: order[i] ?? 0 }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.r);
      const r = importResources(items, { strict });
      const report = r.report;
      expect(report).toBeDefined();
      if (!report) return;
      expect(report.entries.map((e) => `${e.resourceType}/${e.id}`)).toEqual(
        items.map((x) => `${String(x.resourceType)}/${String(x.id)}`),
      );
      const t = report.total;
      expect(t.read).toBe(items.length);
      expect(t.imported + t.derived + t.skipped + t.error).toBe(t.read);
      for (const k of ['read', 'imported', 'derived', 'skipped', 'error'] as const)
        expect(Object.values(report.byType).reduce((n, c) => n + c[k], 0)).toBe(t[k]);
      for (const e of report.entries) if (e.outcome === 'skipped') expect(e.reason).toBeDefined();
      if (strict) {
        expect(t.skipped).toBe(0);
        expect(r.success).toBe(t.error === 0);
      } else expect(r.success).toBe(true);
      if (r.success)
        expect(r.data.contacts).toHaveLength(
          report.entries.filter((e) => e.resourceType === 'Encounter' && e.into === 'contacts').length,
        );
      expect(JSON.stringify([r.issues, report])).not.toMatch(
        /Robin|Quill|Okafor|Alex|Doe|mutual-aid meeting/,
      );
    },
  );

  it('reports the Observation of a total as unreferenced when its QuestionnaireResponse is in error', () => {
    const sample = parseProgramData(
      JSON.parse(
        readFileSync(new URL('../../../../examples/sample-program/program.json', import.meta.url), 'utf8'),
      ),
    );
    if (!sample.success) throw new Error('sample');
    const ex = exportProgram(sample.data, {});
    if (!ex.success) throw new Error('export');
    const list = structuredClone(ex.data) as unknown as Record<string, unknown>[];
    const obs = list.find((r) => r.resourceType === 'Observation') as {
      derivedFrom: { reference: string }[];
    };
    const qrId = obs.derivedFrom[0]?.reference.split('/')[1];
    const qr = list.find((r) => r.resourceType === 'QuestionnaireResponse' && r.id === qrId) as Record<
      string,
      unknown
    >;
    delete qr.authored;
    const r = importResources(list);
    expect(r.success).toBe(true);
    expect(r.report?.entries).toContainEqual(
      expect.objectContaining({ resourceType: 'QuestionnaireResponse', id: qrId, outcome: 'error' }),
    );
    expect(r.report?.entries).toContainEqual(
      expect.objectContaining({ resourceType: 'Observation', outcome: 'skipped', reason: 'unreferenced' }),
    );
    expect(r.report?.byType.Observation?.derived).toBe(
      list.filter((x) => x.resourceType === 'Observation').length - 1,
    );
  });
});

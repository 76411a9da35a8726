import { fc, test } from '@fast-check/vitest';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { ProgramData } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { toNdjson, toTransactionBundle } from './bundle';
import { exportProgram } from './export';
import { importBundle, importNdjson, importResources } from './import';
import { exampleProgram } from './testing/example';
import { expectedRoundTrip } from './testing/roundtrip';

function exported(data: ProgramData = exampleProgram()): Resource[] {
  const r = exportProgram(data, { includeNotes: true, includeCoachRecords: true });
  if (!r.success) throw new Error('export failed');
  return r.data;
}

/** What a server returns from searches: its own ids, relative references, absolute fullUrls. */
function asSearchset(resources: Resource[], base = 'http://fhir.example/R4'): Bundle {
  const ids = new Map(resources.map((r, i) => [`${r.resourceType}/${r.id}`, `${r.resourceType}/srv${i}`]));
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          k,
          k === 'reference' && typeof x === 'string' ? (ids.get(x) ?? x) : rewrite(x),
        ]),
      );
    return v;
  };
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [...resources].reverse().map((r) => {
      const key = ids.get(`${r.resourceType}/${r.id}`) as string;
      const copy = rewrite(r) as Resource;
      return { fullUrl: `${base}/${key}`, resource: { ...copy, id: key.split('/')[1] as string } };
    }),
  };
}

const sortById = <T extends { id: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
function sorted(d: ProgramData): ProgramData {
  return {
    ...d,
    organizations: sortById(d.organizations),
    coaches: sortById(d.coaches),
    peers: sortById(d.peers),
    enrolments: sortById(d.enrolments),
    plans: sortById(d.plans),
    contacts: sortById(d.contacts),
    messages: sortById(d.messages),
    referrals: sortById(d.referrals),
    consents: sortById(d.consents),
    assessments: sortById(d.assessments),
  };
}

describe('importBundle', () => {
  it('reads back a transaction bundle (urn:uuid references)', () => {
    const resources = exported();
    const r = importBundle(toTransactionBundle(resources));
    expect(r).toEqual({
      success: true,
      data: expectedRoundTrip(exampleProgram(), { includeNotes: true, includeCoachRecords: true }),
      issues: [],
      report: expect.anything(),
    });
    // Every resource of the program's own export is imported, or derived from what is.
    expect(r.success && r.report.total).toEqual({
      read: resources.length,
      imported: resources.filter(
        (x) => !['Location', 'Questionnaire', 'Observation'].includes(x.resourceType),
      ).length,
      derived: resources.filter((x) => ['Location', 'Questionnaire', 'Observation'].includes(x.resourceType))
        .length,
      skipped: 0,
      error: 0,
    });
    expect(r.success && r.report.entries.map((e) => `${e.resourceType}/${e.id}`)).toEqual(
      resources.map((x) => `${x.resourceType}/${x.id}`),
    );
  });

  it('reads back a searchset with server ids, relative references and absolute fullUrls', () => {
    const r = importBundle(asSearchset(exported()));
    expect(r.success).toBe(true);
    if (r.success)
      expect(sorted(r.data)).toEqual(
        sorted(expectedRoundTrip(exampleProgram(), { includeNotes: true, includeCoachRecords: true })),
      );
  });

  it('resolves absolute references', () => {
    const bundle = asSearchset(exported());
    const abs = JSON.parse(
      JSON.stringify(bundle).replace(
        /"reference":"([A-Za-z]+\/srv\d+)"/g,
        '"reference":"http://fhir.example/R4/$1"',
      ),
    );
    const r = importBundle(abs);
    expect(r.success).toBe(true);
  });

  it('reports a missing program Organization', () => {
    const list = exported().filter(
      (r) =>
        !(
          r.resourceType === 'Organization' &&
          r.meta?.tag &&
          (r as { type?: { text?: string }[] }).type?.[0]?.text?.includes('program')
        ),
    );
    const r = importResources(list);
    expect(r.success).toBe(false);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'not-found' })]);
  });

  it('needs programId when two programs are present, and then imports only that one', () => {
    const other = exampleProgram();
    other.program = { ...other.program, id: 'other', name: 'Other program' };
    const both = [...exported(), ...exported(other)];
    expect(importResources(both).issues).toEqual([expect.objectContaining({ code: 'duplicate' })]);
    const r = importResources(both, { programId: 'other' });
    expect(r).toEqual(
      expect.objectContaining({
        success: true,
        data: expectedRoundTrip(other, { includeNotes: true, includeCoachRecords: true }),
      }),
    );
  });

  it('reports a dangling reference with the resource type, id and location', () => {
    const list = exported().filter(
      (r) => !(r.resourceType === 'Patient' && JSON.stringify(r).includes('"peer-1"')),
    );
    const ep = list.find((x) => x.resourceType === 'EpisodeOfCare') as Resource;
    const issue = expect.objectContaining({
      code: 'not-found',
      resourceType: 'EpisodeOfCare',
      id: ep.id,
      expression: 'EpisodeOfCare.patient',
    });
    const strict = importResources(list, { strict: true });
    expect(strict.success).toBe(false);
    expect(strict.issues).toContainEqual(issue);
    // Partial import: the EpisodeOfCare is in error, what depends on it is left out, the rest imports.
    const r = importResources(list);
    expect(r.success).toBe(true);
    expect(r.issues).toContainEqual(issue);
    expect(r.report?.entries).toContainEqual(
      expect.objectContaining({ resourceType: 'EpisodeOfCare', id: ep.id, outcome: 'error' }),
    );
    if (r.success) {
      expect(r.data.enrolments).toEqual([]);
      expect(r.data.contacts).toEqual([]);
      expect(r.data.peers.map((p) => p.id)).toEqual(['peer-2']);
      expect(r.data.coaches.length).toBe(exampleProgram().coaches.length);
    }
  });

  it('maps domain-level problems back to the resource without echoing the value', () => {
    const list = exported();
    const patient = list.find((x) => x.resourceType === 'Patient') as Resource & { birthDate?: string };
    patient.birthDate = 'Alex Doe';
    const issue = expect.objectContaining({
      severity: 'error',
      resourceType: 'Patient',
      id: patient.id,
      message: expect.stringContaining('peers[0].birthDate'),
    });
    const strict = importResources(list, { strict: true });
    expect(strict.success).toBe(false);
    expect(strict.issues).toContainEqual(issue);
    const r = importResources(list);
    expect(r.success).toBe(true);
    expect(r.issues).toContainEqual(issue);
    expect(r.report?.entries).toContainEqual(
      expect.objectContaining({ resourceType: 'Patient', id: patient.id, outcome: 'error' }),
    );
    if (r.success) expect(r.data.peers.map((p) => p.id)).not.toContain('peer-1');
    expect(JSON.stringify([r.issues, r.report])).not.toContain('Alex');
  });

  it('rejects what is not a bundle', () => {
    expect(importBundle({ resourceType: 'Patient' })).toEqual({
      success: false,
      issues: [expect.objectContaining({ code: 'structure' })],
    });
    expect(importBundle('nope').success).toBe(false);
  });

  test.prop([fc.anything()])('never throws on arbitrary input', (value) => {
    expect(() => importBundle(value)).not.toThrow();
    expect(() => importBundle({ resourceType: 'Bundle', entry: [value, { resource: value }] })).not.toThrow();
    expect(() => importResources([value])).not.toThrow();
  });

  it('never throws on corrupted exports', () => {
    const base = exported();
    const mutations: [(r: Record<string, unknown>) => void, boolean][] = [
      [
        (r) => {
          r.extension = 'x';
        },
        false,
      ],
      [
        (r) => {
          r.identifier = [{ system: 5 }];
        },
        false,
      ],
      [
        (r) => {
          r.meta = null;
        },
        true,
      ],
      [
        (r) => {
          for (const k of Object.keys(r)) if (k !== 'resourceType' && k !== 'identifier') r[k] = [null];
        },
        false,
      ],
    ];
    for (const [mutate, survives] of mutations) {
      const list = structuredClone(base) as unknown as Record<string, unknown>[];
      list.forEach(mutate);
      const r = importResources(list);
      expect(r.success).toBe(survives);
    }
  });
});

describe('importNdjson', () => {
  it('reads back Bulk Data NDJSON', () => {
    const r = importNdjson(toNdjson(exported()));
    expect(r.success && r.data).toEqual(
      expectedRoundTrip(exampleProgram(), { includeNotes: true, includeCoachRecords: true }),
    );
  });

  it('accepts a plain object and blank lines, and reports a bad line by file and number only', () => {
    const files = Object.fromEntries(toNdjson(exported()));
    expect(importNdjson({ ...files, Patient: `\n${files.Patient}\n\n` }).success).toBe(true);
    const bad = { ...files, Patient: `${files.Patient}{"secret": "Alex Doe"\n` };
    const r = importNdjson(bad);
    expect(r.success).toBe(true);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'structure', expression: 'Patient line 3' })]);
    // Message review (issue 9, section 7): the place is the issue's expression (and the report's `where`); the
    // message no longer repeats it (the CLI printed "Patient.ndjson line 1: Patient.ndjson line 1: not valid JSON").
    expect(r.issues[0]?.message).toBe('not valid JSON');
    expect(r.report?.entries).toContainEqual({
      resourceType: 'Patient',
      where: 'Patient line 3',
      outcome: 'error',
      message: 'not valid JSON',
    });
    expect(r.report?.total.read).toBe(exported().length + 1);
    expect(JSON.stringify([r.issues, r.report])).not.toContain('Alex');
    const strict = importNdjson(bad, { strict: true });
    expect(strict.success).toBe(false);
    expect(JSON.stringify(strict)).not.toContain('Alex');
  });
});

describe('import messages', () => {
  it('a resource without resourceType is placed by expression; the message does not repeat the place', () => {
    // Message review (issue 9, section 7): the place was written into the message as well ("resources[0]: not a ...").
    const r = importResources([{ id: 'x', name: [{ family: 'Quillfeather' }] } as unknown as Resource]);
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        code: 'structure',
        expression: 'resources[0]',
        message: 'not a FHIR resource (resourceType is missing)',
      }),
    );
    expect(JSON.stringify(r.issues)).not.toContain('Quillfeather');
  });
});

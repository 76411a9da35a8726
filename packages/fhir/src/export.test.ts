import type { Resource } from '@medplum/fhirtypes';
import type { ProgramData } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { record, refTo, run } from '../test/export-support';
import { exportProgram, localDateOf } from './export';
import { isUuid } from './ids';
import { exampleProgram } from './testing/example';

describe('exportProgram', () => {
  it('exports the example program, every resource valid, ids stable UUIDs', () => {
    const a = exportProgram(exampleProgram());
    const b = exportProgram(exampleProgram());
    expect(a.success).toBe(true);
    expect(a).toEqual(b);
    if (!a.success) return;
    for (const r of a.data) expect(isUuid(r.id as string)).toBe(true);
    expect(new Set(a.data.map(refTo)).size).toBe(a.data.length);
  });

  it('labels substance-use-derived resources (ETH or SUD, R, 42CFRPart2) and not directory resources', () => {
    const resources = run();
    const codes = (r: Resource) => (r.meta?.security ?? []).map((s) => s.code);
    for (const r of resources) {
      if (
        ['Organization', 'Location', 'Practitioner', 'PractitionerRole', 'Questionnaire'].includes(
          r.resourceType,
        )
      )
        expect(codes(r)).toEqual([]);
      else expect(codes(r)).toEqual(['ETH', 'R', '42CFRPart2']);
    }
    const sud = run(exampleProgram(), { sensitivity: 'SUD', part2: false });
    expect(codes(record(sud, 'Patient', 'peer', 'peer-1'))).toEqual(['SUD', 'R']);
  });

  it('never puts a display (which could hold a name) on a reference', () => {
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.reference === 'string') expect(o.display).toBeUndefined();
        Object.values(o).forEach(walk);
      }
    };
    walk(run(exampleProgram(), { includeNotes: true }));
  });

  it('returns issues instead of resources for invalid input, without personal data', () => {
    const data = exampleProgram();
    const bad = {
      ...data,
      peers: [{ ...(data.peers[0] as object), birthDate: 'Alex Doe' }],
    } as unknown as ProgramData;
    const r = exportProgram(bad);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.issues)).not.toContain('Alex');
    expect(r.issues[0]).toEqual(
      expect.objectContaining({ severity: 'error', expression: 'peers[0].birthDate' }),
    );
  });

  it('refuses a blank goal description (blank FHIR strings are invalid) and reports it without the text', () => {
    const data = exampleProgram();
    const plan = data.plans[0] as ProgramData['plans'][number];
    data.plans[0] = { ...plan, goals: [{ id: 'g9', description: '   ', status: 'proposed' }] };
    const r = exportProgram(data);
    expect(r.success).toBe(false);
    expect(r.issues).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        expression: 'plans[0].goals[0].description',
        path: ['plans', 0, 'goals', 0, 'description'],
        message: 'plans[0].goals[0].description: must not be blank',
      },
    ]);
  });

  it('rejects an asOf without a zone', () => {
    expect(exportProgram(exampleProgram(), { asOf: '2026-03-01T00:00:00' }).success).toBe(false);
  });
});

describe('localDateOf', () => {
  it('reads the calendar date in the program time zone', () => {
    expect(localDateOf('2026-03-01T05:00:00Z', 'America/Los_Angeles')).toBe('2026-02-28');
    expect(localDateOf('2026-03-01T05:00:00Z', 'Asia/Kolkata')).toBe('2026-03-01');
  });
});

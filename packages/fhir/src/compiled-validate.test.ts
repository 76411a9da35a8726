import { fc, test } from '@fast-check/vitest';
import { validateResource as medplumValidate, OperationOutcomeError } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { fastValidateResource } from './compiled-validate';
import { exportProgram } from './export';
import { exampleProgram } from './testing/example';
import { validateResource } from './validate';

const exported = (() => {
  const r = exportProgram(exampleProgram(), { includeNotes: true, asOf: '2026-06-01T00:00:00Z' });
  if (!r.success) throw new Error('export failed');
  return r.data;
})();

const errors = (issues: readonly { severity: string }[]) => issues.filter((i) => i.severity === 'error');
/** medplum's own validator: true when it accepts the resource (throws nothing). */
function medplumAccepts(r: unknown): boolean {
  try {
    medplumValidate(r as Resource);
    return true;
  } catch (e) {
    if (e instanceof OperationOutcomeError) return false;
    return false;
  }
}

type Path = readonly (string | number)[];
/** Every path to a value inside a resource (objects, arrays, leaves), `resourceType` excluded. */
function paths(v: unknown, at: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([...at, i], ...paths(x, [...at, i]));
    });
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === 'resourceType') continue;
      out.push([...at, k], ...paths(x, [...at, k]));
    }
  return out;
}
function get(root: unknown, path: Path): unknown {
  let v = root;
  for (const p of path) v = (v as Record<string | number, unknown>)[p];
  return v;
}

type Mutation =
  | { kind: 'delete' | 'null' | 'empty-string' | 'blank' | 'number' | 'string' | 'boolean' | 'empty-object' }
  | { kind: 'empty-array' | 'unwrap' | 'wrap' | 'bad-code' | 'bad-date' | 'unknown-key' }
  | { kind: 'ext-both' };
const MUTATIONS: Mutation['kind'][] = [
  'delete',
  'null',
  'empty-string',
  'blank',
  'number',
  'string',
  'boolean',
  'empty-object',
  'empty-array',
  'unwrap',
  'wrap',
  'bad-code',
  'bad-date',
  'unknown-key',
  'ext-both',
];

/** Applies a mutation at a path of a deep copy; `undefined` when it does not apply there. */
function mutate(resource: Resource, path: Path, kind: Mutation['kind']): Resource | undefined {
  const copy = structuredClone(resource) as unknown as Record<string, unknown>;
  const parent = get(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  const value = parent[key];
  const set = (v: unknown) => {
    parent[key] = v;
  };
  switch (kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'null':
      set(null);
      break;
    case 'empty-string':
      set('');
      break;
    case 'blank':
      set('   ');
      break;
    case 'number':
      set(typeof value === 'number' ? 1.5 : 7);
      break;
    case 'string':
      set(typeof value === 'string' ? 'other value' : '12');
      break;
    case 'boolean':
      set(true);
      break;
    case 'empty-object':
      set({});
      break;
    case 'empty-array':
      set([]);
      break;
    case 'unwrap':
      if (!Array.isArray(value) || value.length === 0) return undefined;
      set(value[0]);
      break;
    case 'wrap':
      if (Array.isArray(value)) return undefined;
      set([value]);
      break;
    case 'bad-code':
      if (typeof value !== 'string') return undefined;
      set('not-a-known-code');
      break;
    case 'bad-date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}/.test(value)) return undefined;
      set(value.length > 10 ? '2026-02-30T10:00:00' : '2026-13-01');
      break;
    case 'unknown-key':
      if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
      (value as Record<string, unknown>).notAnElement = 'x';
      break;
    case 'ext-both': {
      if (!value || typeof value !== 'object' || typeof (value as { url?: unknown }).url !== 'string')
        return undefined;
      (value as Record<string, unknown>).extension = [{ url: 'a', valueString: 'b' }];
      (value as Record<string, unknown>).valueString ??= 'c';
      break;
    }
  }
  return copy as unknown as Resource;
}

describe('fastValidateResource', () => {
  it('accepts every resource the exporter writes, as validateResource does', () => {
    for (const r of exported) {
      expect(fastValidateResource(r)).toEqual([]);
      expect(errors(validateResource(r))).toEqual([]);
    }
  });

  it('reports defects with the path and never a value', () => {
    const patient = exported.find((r) => r.resourceType === 'Patient') as Resource;
    const bad = { ...patient, gender: 'sometimes', birthDate: 'Alex Doe', nickname: 'Al' };
    const issues = fastValidateResource(bad);
    expect(issues.map((i) => [i.code, i.expression])).toEqual(
      expect.arrayContaining([
        ['structure', 'Patient.nickname'],
        ['code-invalid', 'Patient.gender'],
        ['structure', 'Patient.birthDate'],
      ]),
    );
    expect(JSON.stringify(issues)).not.toContain('Alex');
    expect(fastValidateResource(null)).toEqual([expect.objectContaining({ code: 'structure' })]);
    expect(fastValidateResource({ resourceType: 'Nonsense' })).toEqual([
      expect.objectContaining({ code: 'not-supported' }),
    ]);
  });

  it('checks invariants natively and through FHIRPath (ext-1, per-1, ppc-1)', () => {
    const encounter = exported.find((r) => r.resourceType === 'Encounter') as Resource;
    const both = structuredClone(encounter) as unknown as { extension: Record<string, unknown>[] };
    (both.extension[0] as Record<string, unknown>).extension = [{ url: 'x', valueString: 'y' }];
    expect(fastValidateResource(both)).toEqual([expect.objectContaining({ code: 'invariant' })]);
    const reversed = { ...encounter, period: { start: '2026-03-01T10:00:00Z', end: '2026-03-01T09:00:00Z' } };
    expect(fastValidateResource(reversed)).toEqual([
      expect.objectContaining({ code: 'invariant', expression: 'Encounter.period' }),
    ]);
    const consent = exported.find((r) => r.resourceType === 'Consent') as Resource & { policyRule?: unknown };
    const { policyRule: _p, ...noPolicy } = consent;
    expect(errors(fastValidateResource(noPolicy)).length).toBeGreaterThan(0);
  });

  it('gives a primitive extension (`_x`) the shape of its element: an object beside a single value', () => {
    // Found by the property below: medplum's validator throws on `_gender: [ ... ]`, which FHIR JSON does not allow.
    const patient = exported.find((r) => r.resourceType === 'Patient' && '_gender' in r) as Resource & {
      _gender: unknown;
    };
    expect(errors(fastValidateResource(patient))).toEqual([]);
    const wrapped = { ...patient, _gender: [patient._gender] };
    expect(fastValidateResource(wrapped)).toEqual([
      expect.objectContaining({ code: 'structure', expression: 'Patient._gender' }),
    ]);
    expect(medplumAccepts(wrapped)).toBe(false);
  });

  // The differential property: medplum (through validateResource) is the oracle.
  test.prop([fc.nat({ max: exported.length - 1 }), fc.nat(), fc.constantFrom(...MUTATIONS)], {
    numRuns: 100,
  })(
    'agrees with medplum on mutated resources: what it accepts medplum accepts; what medplum rejects it rejects',
    (which, where, kind) => {
      const resource = exported[which] as Resource;
      const all = paths(resource);
      const mutated = mutate(resource, all[where % all.length] as Path, kind);
      if (mutated === undefined) return;
      const fast = errors(fastValidateResource(mutated));
      const reference = errors(validateResource(mutated));
      if (fast.length === 0) {
        expect(reference).toEqual([]);
        expect(medplumAccepts(mutated)).toBe(true);
      }
      if (reference.length > 0 || !medplumAccepts(mutated)) expect(fast.length).toBeGreaterThan(0);
    },
  );
});

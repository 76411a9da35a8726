import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { arbProgramData } from '../testing/arbitraries';
import { compileConformance } from './conforms';
import { ProgramData } from './domain';
import { DEFAULT_INPUT_LIMITS } from './limits';
import { parseProgramData } from './parse';

const arbDoc = arbProgramData({ maxEnrolments: 3 });
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values that sit on an edge of some check: types, lengths, patterns, years, calendars, zones, numbers. */
const TRICKY: readonly Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1,
  1.5,
  6,
  7,
  2 ** 53,
  1e300,
  '',
  ' ',
  'x',
  '-x',
  'peer-001',
  'a'.repeat(64),
  'a'.repeat(65),
  'x'.repeat(201),
  'x'.repeat(20_001),
  '2024-02-29',
  '2023-02-29',
  '2024-02-30',
  '2024-13-01',
  '1899-12-31',
  '1900-01-01',
  '2200-12-31',
  '2201-01-01',
  '0000-01-01',
  '2026-01-31T23:30:00-08:00',
  '2026-01-31T23:30:00',
  '2026-01-31T23:30:00.123Z',
  '2026-01-31T24:00:00Z',
  '1899-12-31T23:59:59Z',
  '2201-01-01T00:00:00+01:00',
  'UTC',
  'EST',
  'America/New_York',
  'Mars/Olympus',
  '1234567893',
  '1234567890',
  'https://example.org/fhir',
  'http://a@b',
  'active',
  'removed',
  'in-person',
  'coach',
  'peer',
  'us-federal',
  'peer-recovery/program-data@1',
  [],
  ['x'],
  [0, 6],
  {},
  { text: 'A' },
  { given: [] },
  { x: 1 },
];

type Op =
  | { readonly kind: 'set'; readonly at: readonly number[]; readonly value: Json }
  | { readonly kind: 'copy'; readonly at: readonly number[]; readonly from: readonly number[] }
  | { readonly kind: 'delete'; readonly at: readonly number[] }
  | { readonly kind: 'add'; readonly at: readonly number[]; readonly key: string };

const arbPath = fc.array(fc.nat(), { minLength: 2, maxLength: 2 });
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    at: arbPath,
    value: fc.oneof(fc.constantFrom(...TRICKY), fc.string(), fc.integer(), fc.double()) as fc.Arbitrary<Json>,
  }),
  fc.record({ kind: fc.constant('copy' as const), at: arbPath, from: arbPath }),
  fc.record({ kind: fc.constant('delete' as const), at: arbPath }),
  fc.record({
    kind: fc.constant('add' as const),
    at: arbPath,
    key: fc.constantFrom('extra', 'id', 'note', '__proto__', 'toString', 'a-1', 'not a key'),
  }),
);

const children = (v: Json): [string | number, Json][] =>
  Array.isArray(v)
    ? v.map((x, i) => [i, x] as [number, Json])
    : v !== null && typeof v === 'object'
      ? Object.entries(v)
      : [];

/**
 * Every place in the document, grouped by its field (array positions made `*`), so that each field, however rare,
 * is as likely to be edited as any other: `at[0]` picks the field, `at[1]` one of its places.
 */
function locate(root: Json, at: readonly number[]): { parent: Json; key: string | number } | undefined {
  const byField = new Map<string, { parent: Json; key: string | number }[]>();
  const walk = (v: Json, field: string) => {
    for (const [k, x] of children(v)) {
      const f = `${field}/${typeof k === 'number' ? '*' : k}`;
      const list = byField.get(f) ?? [];
      list.push({ parent: v, key: k });
      byField.set(f, list);
      walk(x, f);
    }
  };
  walk(root, '');
  const fields = [...byField.values()];
  if (fields.length === 0) return undefined;
  const places = fields[(at[0] ?? 0) % fields.length] as { parent: Json; key: string | number }[];
  return places[(at[1] ?? 0) % places.length];
}

function valueAt(root: Json, at: readonly number[]): Json {
  const hit = locate(root, at);
  return hit === undefined ? root : ((hit.parent as Record<string, Json>)[hit.key] as Json);
}

/** Applies the edits to a JSON document and returns its text. */
function mutated(doc: ProgramData, ops: readonly Op[]): string {
  const root = JSON.parse(JSON.stringify(doc)) as Json;
  for (const op of ops) {
    const hit = locate(root, op.at);
    if (hit === undefined) continue;
    const parent = hit.parent as Record<string | number, Json>;
    if (op.kind === 'set') parent[hit.key] = op.value;
    else if (op.kind === 'copy') parent[hit.key] = JSON.parse(JSON.stringify(valueAt(root, op.from)));
    else if (op.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(hit.key as number, 1);
      else delete parent[hit.key];
    } else {
      const target = parent[hit.key];
      if (target !== null && typeof target === 'object' && !Array.isArray(target))
        Object.defineProperty(target, op.key, {
          value: 1,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
  }
  // Through text, so that a `__proto__` key is an own property, as JSON.parse makes it.
  return JSON.stringify(root);
}

type Edit = {
  program: { calendar: { weekendDays: number[] } };
  plans: unknown[];
  assessments: unknown[];
  enrolments: { id: string }[];
};
const answers = (a: Record<string, unknown>) => ({
  id: 'a-x',
  enrolmentId: 'e-x',
  instrument: 'phq9',
  completedOn: '2025-01-01',
  answers: a,
});

describe('the conformance test behind parseProgramData(..., { fromJson: true })', () => {
  it('knows every construct of the ProgramData schema', () => {
    expect(compileConformance(ProgramData, DEFAULT_INPUT_LIMITS)).toBeTypeOf('function');
  });

  it('gives up (undefined) on a schema with a construct it does not know', () => {
    expect(
      compileConformance(z.object({ a: z.string().transform((s) => s.length) }), DEFAULT_INPUT_LIMITS),
    ).toBe(undefined);
    expect(compileConformance(z.object({ a: z.string() }), DEFAULT_INPUT_LIMITS)).toBe(undefined); // not strict
    expect(compileConformance(z.strictObject({ a: z.string().default('x') }), DEFAULT_INPUT_LIMITS)).toBe(
      undefined,
    );
  });

  test.prop([arbDoc])('a valid document is returned as it is, not copied, equal to the full parse', (doc) => {
    const text = JSON.stringify(doc);
    const value = JSON.parse(text) as unknown;
    const fast = parseProgramData(value, { fromJson: true });
    expect(fast.success && fast.data).toBe(value);
    expect(fast).toEqual(parseProgramData(JSON.parse(text)));
  });

  test.prop([arbDoc, fc.array(arbOp, { minLength: 1, maxLength: 4 })], { numRuns: 100 })(
    'an edited document gives the same result (data and issues) as the full parse',
    (doc, ops) => {
      const text = mutated(doc, ops);
      const fast = parseProgramData(JSON.parse(text), { fromJson: true });
      const full = parseProgramData(JSON.parse(text));
      expect(fast).toEqual(full);
      const conforms = compileConformance(ProgramData, DEFAULT_INPUT_LIMITS)?.(JSON.parse(text));
      // Accepted by the test: the schema accepts it too and its output equals the value (nothing transformed).
      if (conforms === true) expect(ProgramData.parse(JSON.parse(text))).toStrictEqual(JSON.parse(text));
    },
  );

  it.each([
    ['a weekend day above 6', (v: Edit) => v.program.calendar.weekendDays.push(7)],
    ['a weekend day below 0', (v: Edit) => v.program.calendar.weekendDays.push(-1)],
    ['a plan version 0', (v: Edit) => v.plans.push({ ...(v.plans[0] as object), version: 0 })],
    ['an answer key with a space', (v: Edit) => v.assessments.push(answers({ 'not a key': 1 }))],
    ['an answer that is a string', (v: Edit) => v.assessments.push(answers({ q1: '1' }))],
  ])('refuses %s as the full parse does', (_, edit) => {
    const doc = fc.sample(arbDoc, { seed: 13, numRuns: 1 })[0] as ProgramData;
    const value = JSON.parse(JSON.stringify(doc)) as Edit;
    edit(value);
    expect(compileConformance(ProgramData, DEFAULT_INPUT_LIMITS)?.(value)).toBe(false);
    expect(parseProgramData(value, { fromJson: true }).success).toBe(false);
  });

  it('sends a value over a limit to the full parse, which reports it', () => {
    const doc = fc.sample(arbDoc, { seed: 11, numRuns: 1 })[0] as ProgramData;
    const value = JSON.parse(JSON.stringify(doc)) as { program: { calendar: { holidays: string[] } } };
    value.program.calendar.holidays.push('1899-12-31');
    expect(compileConformance(ProgramData, DEFAULT_INPUT_LIMITS)?.(value)).toBe(false);
    const r = parseProgramData(value, { fromJson: true });
    expect(r.success).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['implausible-date']);
    expect(compileConformance(ProgramData, { ...DEFAULT_INPUT_LIMITS, minYear: 1800 })?.(value)).toBe(true);
  });
});

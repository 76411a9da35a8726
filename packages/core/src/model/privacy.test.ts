import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type * as z from 'zod';
import { arbLocalDate, arbProgramData } from '../testing/arbitraries';
import type { ProgramData } from './domain';
import * as domain from './domain';
import { DATA_ISSUE_CODES, type DataIssue } from './issues';
import { parseProgramData, parseProgramDataJson, parseWith } from './parse';

type Path = (string | number)[];
type Node = { path: Path; value: unknown };

/** Every node of a JSON-like value, with its path (the root first). */
function nodes(value: unknown, at: Path = [], out: Node[] = []): Node[] {
  out.push({ path: at, value });
  // Only into arrays and plain objects (not boxed strings, maps, typed arrays... that fc.anything makes).
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) nodes(value[i], [...at, i], out);
  } else if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null)
      for (const [k, v] of Object.entries(value)) nodes(v, [...at, k], out);
  }
  return out;
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let cur = root;
  for (const key of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>) : undefined;
}

function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = parentOf(root, path);
  if (parent !== undefined && path.length > 0) parent[path[path.length - 1] as string | number] = value;
}

function deleteAt(root: unknown, path: Path): void {
  const parent = parentOf(root, path);
  const key = path[path.length - 1];
  if (parent === undefined || key === undefined) return;
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else delete parent[key];
}

/**
 * Personal values: strings that cannot be confused with field names, codes or messages (they start with `ZQ` and
 * have at least six characters), and dates from 1901-1939, earlier than every other date of a generated document.
 * Some personal dates are impossible dates or in another format, as a careless export would write them.
 */
const arbPersonalString = fc.string({ minLength: 4, maxLength: 24 }).map((s) => `ZQ${s}`);
const arbPersonalDate = fc.oneof(
  arbLocalDate({ min: '1901-01-01', max: '1939-12-31' }),
  fc
    .tuple(fc.integer({ min: 1901, max: 1939 }), fc.constantFrom('02-30', '02-31', '13-01', '00-10', '04-31'))
    .map(([y, md]) => `${y}-${md}`),
  fc
    .tuple(
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1901, max: 1939 }),
    )
    .map(([d, m, y]) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`),
);

/** Puts personal values into every personal field: names, telecom, birth and recovery dates, goals, notes. */
function inject(
  doc: ProgramData,
  strings: readonly string[],
  dates: readonly string[],
): Record<string, unknown> {
  const out = structuredClone(doc) as unknown as {
    peers: Record<string, unknown>[];
    coaches: Record<string, unknown>[];
    plans: { goals: Record<string, unknown>[] }[];
    contacts: Record<string, unknown>[];
  };
  let n = 0;
  const s = () => strings[n++ % strings.length] as string;
  let m = 0;
  const d = () => dates[m++ % dates.length] as string;
  for (const peer of out.peers) {
    peer.name = { given: [s()], family: s(), text: s() };
    peer.birthDate = d();
  }
  for (const coach of out.coaches) {
    coach.name = { given: [s(), s()], family: s() };
    coach.telecom = { phone: s(), email: s() };
    coach.recoveryStartDate = d();
  }
  for (const plan of out.plans) for (const goal of plan.goals) goal.description = s();
  for (const contact of out.contacts) contact.note = s();
  return out as unknown as Record<string, unknown>;
}

const PERSONAL_FIELDS = new Set([
  'given',
  'family',
  'text',
  'phone',
  'email',
  'birthDate',
  'recoveryStartDate',
]);
const REF_FIELDS = new Set([
  'peerId',
  'enrolmentId',
  'coachId',
  'organizationId',
  'recipientOrganizationId',
  'replaces',
]);
const PERIOD_ENDS = new Set(['to', 'end', 'endOn', 'expiresOn', 'repliedAt', 'untilOn']);
const LISTS = ['coaches', 'peers', 'enrolments', 'plans', 'contacts', 'messages', 'referrals', 'consents'];

const arbJunk = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.integer(), { maxKeys: 2 }),
  fc.constantFrom('', 'x', '2026-02-30', '2026-13-01', 'tomorrow', 'not an id!', '2026-01-31T10:00:00'),
);

const OPS = [
  'wrong-type',
  'bad-date',
  'unknown-key',
  'broken-ref',
  'duplicate-id',
  'reverse',
  'delete',
  'personal-elsewhere',
  'wrap-personal',
  'personal-key',
] as const;
type Op = { kind: (typeof OPS)[number]; at: number; junk: unknown; key: string; which: number };
const arbOp: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom(...OPS),
  at: fc.nat(),
  junk: arbJunk,
  key: fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/),
  which: fc.nat(),
});

/** Applies one corruption at a node chosen by `op.at` among the nodes it applies to. */
function corrupt(doc: Record<string, unknown>, op: Op, personal: readonly string[]): void {
  const all = nodes(doc).filter((n) => n.path.length > 0);
  const choose = (list: Node[]) => (list.length === 0 ? undefined : list[op.at % list.length]);
  const last = (n: Node) => n.path[n.path.length - 1];
  const p = personal[op.which % personal.length] as string;
  const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v);
  switch (op.kind) {
    case 'wrong-type': {
      const n = choose(all);
      if (n) setAt(doc, n.path, op.junk);
      break;
    }
    case 'bad-date': {
      const n = choose(all.filter((x) => isDate(x.value)));
      if (n) setAt(doc, n.path, String(n.value).includes('T') ? '2026-02-30T10:00:00Z' : '2026-02-30');
      break;
    }
    case 'unknown-key': {
      const n = choose(
        all.filter((x) => x.value !== null && typeof x.value === 'object' && !Array.isArray(x.value)),
      );
      if (n) (n.value as Record<string, unknown>)[`x${op.key}`] = op.which % 2 === 0 ? p : op.junk;
      break;
    }
    case 'broken-ref': {
      const n = choose(all.filter((x) => REF_FIELDS.has(String(last(x)))));
      if (n) setAt(doc, n.path, 'missing-1');
      break;
    }
    case 'duplicate-id': {
      const list = doc[LISTS[op.which % LISTS.length] as string];
      if (Array.isArray(list) && list.length > 0) list.push(structuredClone(list[op.at % list.length]));
      break;
    }
    case 'reverse': {
      const n = choose(all.filter((x) => PERIOD_ENDS.has(String(last(x))) && isDate(x.value)));
      if (n) setAt(doc, n.path, String(n.value).includes('T') ? '2000-01-01T00:00:00Z' : '2000-01-01');
      break;
    }
    case 'delete': {
      const n = choose(all);
      if (n) deleteAt(doc, n.path);
      break;
    }
    case 'personal-elsewhere': {
      // A personal value where it does not belong: an id, a code, a date, a number, a reference.
      const n = choose(all.filter((x) => typeof x.value !== 'object' || x.value === null));
      if (n) setAt(doc, n.path, p);
      break;
    }
    case 'wrap-personal': {
      const n = choose(all.filter((x) => PERSONAL_FIELDS.has(String(last(x))) || last(x) === 'description'));
      if (n) setAt(doc, n.path, [op.junk, { value: n.value }, n.value][op.which % 3]);
      break;
    }
    case 'personal-key': {
      // A personal value as an answer key that is not an item code (a name with a space, say).
      // Only answers still objects: an earlier corruption may have replaced them by a value of another type.
      const n = choose(
        all.filter((x) => last(x) === 'answers' && typeof x.value === 'object' && x.value !== null),
      );
      if (n) (n.value as Record<string, unknown>)[`${p} ${op.key}`] = op.which % 2 === 0 ? 3 : op.junk;
      break;
    }
  }
}

function leaks(issues: readonly DataIssue[], personal: readonly string[]): string[] {
  const found: string[] = [];
  for (const issue of issues)
    for (const value of personal) {
      if (issue.message.includes(value)) found.push(`message of ${issue.code} contains a personal value`);
      if (issue.pointer.includes(value)) found.push(`pointer of ${issue.code} contains a personal value`);
      if (issue.path.some((p) => String(p).includes(value)))
        found.push(`path of ${issue.code} contains a personal value`);
    }
  return found;
}

const arbCase = fc
  .record({
    doc: arbProgramData({ maxEnrolments: 3 }),
    strings: fc.uniqueArray(arbPersonalString, { minLength: 1, maxLength: 6 }),
    dates: fc.uniqueArray(arbPersonalDate, { minLength: 1, maxLength: 4 }),
    ops: fc.array(arbOp, { maxLength: 6 }),
  })
  .filter(({ doc, dates }) => {
    // The personal dates must occur nowhere else in the document.
    const text = JSON.stringify(doc);
    return dates.every((d) => !text.includes(d));
  });

describe('privacy: issues never contain personal values', () => {
  test.prop([arbCase])(
    'in documents with personal values and random corruptions',
    // Not destructured in the parameter list: vitest reads a destructured first parameter as test fixtures.
    (c) => {
      const { doc, strings, dates, ops } = c;
      const input = inject(doc, strings, dates);
      for (const op of ops) corrupt(input, op, strings);
      const personal = [...strings, ...dates];
      const r = parseProgramData(input);
      if (!r.success) expect(leaks(r.issues, personal)).toEqual([]);
      // The JSON route too.
      const j = parseProgramDataJson(JSON.stringify(input));
      if (!j.success) expect(leaks(j.issues, personal)).toEqual([]);
    },
  );

  test.prop([
    arbProgramData({ maxEnrolments: 2 }),
    fc.uniqueArray(arbPersonalString, { minLength: 1, maxLength: 4 }),
  ])('the injection alone keeps a document valid, so the corruptions are what is tested', (doc, strings) => {
    expect(parseProgramData(inject(doc, strings, ['1931-05-04'])).success).toBe(true);
  });

  test('the corruptions produce issues of many kinds (the property is not vacuous)', () => {
    const cases = fc.sample(arbCase, { numRuns: 150, seed: 7 });
    const codes = new Set<string>();
    let failing = 0;
    for (const { doc, strings, dates, ops } of cases) {
      const input = inject(doc, strings, dates);
      for (const op of ops) corrupt(input, op, strings);
      const r = parseProgramData(input);
      if (!r.success) {
        failing++;
        for (const i of r.issues) codes.add(i.code);
      }
    }
    expect(failing).toBeGreaterThan(cases.length / 2);
    for (const code of [
      'invalid-type',
      'invalid-date',
      'unknown-field',
      'required',
      'invalid-code',
      'invalid-id',
    ])
      expect(codes).toContain(code);
  });

  test('integrity issues do not echo values either', () => {
    // Schema-valid documents with broken references, duplicates and reversed periods reach the integrity checks.
    const cases = fc.sample(arbCase, { numRuns: 150, seed: 11 });
    const codes = new Set<string>();
    for (const { doc, strings } of cases) {
      const input = inject(doc, strings, ['1931-05-04']);
      for (const kind of ['broken-ref', 'duplicate-id', 'reverse'] as const)
        corrupt(input, { kind, at: 3, junk: null, key: 'k', which: 1 }, strings);
      const r = parseProgramData(input);
      if (!r.success) {
        for (const i of r.issues) codes.add(i.code);
        expect(leaks(r.issues, [...strings, '1931-05-04'])).toEqual([]);
      }
    }
    for (const code of ['unknown-reference', 'duplicate-id', 'period-reversed'])
      expect(codes).toContain(code);
  });
});

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

const codes = new Set<string>(DATA_ISSUE_CODES);
const wellFormed = (r: { success: boolean; issues?: readonly DataIssue[] }) => {
  if (!r.success)
    for (const i of r.issues ?? []) {
      expect(codes.has(i.code)).toBe(true);
      expect(typeof i.message).toBe('string');
      expect(i.message.startsWith(`${i.pointer}: `)).toBe(true);
    }
};

describe('parsing never throws', () => {
  test.prop([anything])('parseProgramData, for any value', (value) => {
    let r: ReturnType<typeof parseProgramData> | undefined;
    expect(() => {
      r = parseProgramData(value);
    }).not.toThrow();
    expect(r?.success).toBe(false);
    if (r) wellFormed(r);
  });

  test.prop(
    [arbProgramData({ maxEnrolments: 2 }), fc.array(fc.tuple(fc.nat(), anything), { maxLength: 4 })],
    {
      numRuns: 50,
    },
  )('parseProgramData, for a document with any values anywhere', (doc, replacements) => {
    const input = structuredClone(doc) as unknown as Record<string, unknown>;
    for (const [at, value] of replacements) {
      const all = nodes(input).filter((n) => n.path.length > 0);
      const n = all[at % all.length];
      if (n) setAt(input, n.path, value);
    }
    let r: ReturnType<typeof parseProgramData> | undefined;
    expect(() => {
      r = parseProgramData(input);
    }).not.toThrow();
    if (r) wellFormed(r);
  });

  test.prop([
    fc.oneof(
      fc.string(),
      fc.json(),
      fc.json().map((j) => j.slice(0, Math.floor(j.length / 2))),
    ),
  ])('parseProgramDataJson, for any text', (text) => {
    expect(() => parseProgramDataJson(text)).not.toThrow();
    wellFormed(parseProgramDataJson(text));
  });

  const schemas = (Object.entries(domain) as [string, unknown][]).filter(
    (e): e is [string, z.ZodType] => typeof e[1] === 'object' && e[1] !== null && 'safeParse' in e[1],
  );
  test('every schema of domain.ts is covered', () => {
    expect(schemas.map(([name]) => name).sort()).toEqual(
      [
        'Assessment',
        'BusinessCalendar',
        'Coach',
        'Consent',
        'Contact',
        'DisclosureSetting',
        'Enrolment',
        'Goal',
        'Message',
        'Organization',
        'Peer',
        'PlanVersion',
        'Program',
        'ProgramData',
        'Referral',
      ].sort(),
    );
  });
  test.prop([fc.constantFrom(...schemas), anything])(
    'parseWith, for every schema and any value',
    ([, schema], v) => {
      expect(() => parseWith(schema, v)).not.toThrow();
      wellFormed(parseWith(schema, v));
    },
  );
});

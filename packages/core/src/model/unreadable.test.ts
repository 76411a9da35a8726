import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createAssessmentRowValidator } from '../outcomes/dataset';
import { parseColumnMapping } from '../outcomes/mapping';
import { builtInPacks, parseRulePack } from '../packs/builtin';
import { arbProgramData } from '../testing/arbitraries';
import { Peer } from './domain';
import { DATA_ISSUE_CODES } from './issues';
import { parseProgramData, parseWith } from './parse';
import { findUnreadable, plainRecord } from './unreadable';

/** What a hostile value throws: it carries a distinctive value that must never reach an issue. */
const SECRET = 'ZQcanary-Theodora-1931-04-05';

type Path = (string | number)[];
type Kind = 'get' | 'ownKeys' | 'descriptor' | 'all' | 'revoked' | 'getter' | 'throw-string';
const KINDS: readonly Kind[] = ['get', 'ownKeys', 'descriptor', 'all', 'revoked', 'getter', 'throw-string'];

function thrower(kind: Kind): () => never {
  return () => {
    if (kind === 'throw-string') throw SECRET;
    throw new Error(SECRET);
  };
}

/** A hostile stand-in for `value`: a Proxy whose traps throw, or a revoked Proxy. */
function hostile(value: unknown, kind: Exclude<Kind, 'getter'>): object {
  const target: object = typeof value === 'object' && value !== null ? value : Array.isArray(value) ? [] : {};
  const t = thrower(kind);
  if (kind === 'revoked') {
    const r = Proxy.revocable(target, {});
    r.revoke();
    return r.proxy;
  }
  const handler: ProxyHandler<object> = {};
  if (kind === 'get' || kind === 'all' || kind === 'throw-string') handler.get = t;
  if (kind === 'ownKeys' || kind === 'all') handler.ownKeys = t;
  if (kind === 'descriptor' || kind === 'all') handler.getOwnPropertyDescriptor = t;
  if (kind === 'all') {
    handler.has = t;
    handler.getPrototypeOf = t;
  }
  return new Proxy(target, handler);
}

/** Every node of a JSON-like value under plain objects and arrays, with its path (the root first). */
function nodes(value: unknown, at: Path = [], out: { path: Path }[] = []): { path: Path }[] {
  out.push({ path: at });
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) nodes(value[i], [...at, i], out);
  } else if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null)
      for (const [k, v] of Object.entries(value)) nodes(v, [...at, k], out);
  }
  return out;
}

function get(root: unknown, path: Path): unknown {
  let cur = root;
  for (const k of path) cur = (cur as Record<string | number, unknown>)[k];
  return cur;
}

/**
 * Plants hostile values in `root` (a fresh copy is changed): at each chosen node, a throwing Proxy or revoked
 * Proxy in its place, or a throwing getter for it on its parent; at the root, only a Proxy.
 */
function plant(root: unknown, choices: readonly [number, Kind][]): unknown {
  const all = nodes(root);
  // Deepest first, each node once: a node is changed while its ancestors are still plain.
  const chosen = new Map<number, Kind>();
  for (const [at, kind] of choices) if (!chosen.has(at % all.length)) chosen.set(at % all.length, kind);
  const order = [...chosen].sort(
    ([a], [b]) => (all[b] as { path: Path }).path.length - (all[a] as { path: Path }).path.length,
  );
  let doc: unknown = root;
  for (const [at, kind] of order) {
    const { path } = all[at] as { path: Path };
    if (path.length === 0) {
      doc = hostile(doc, kind === 'getter' ? 'get' : kind);
      continue;
    }
    const parent = get(doc, path.slice(0, -1)) as Record<string | number, unknown>;
    const key = path[path.length - 1] as string | number;
    if (kind === 'getter')
      Object.defineProperty(parent, key, { get: thrower('get'), enumerable: true, configurable: true });
    else parent[key] = hostile(parent[key], kind);
  }
  return doc;
}

const arbChoices = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...KINDS)), { minLength: 1, maxLength: 3 });
const codes = new Set<string>(DATA_ISSUE_CODES);

function safeIssues(issues: readonly { code: string; message: string; path: readonly unknown[] }[]): void {
  for (const i of issues) {
    expect(codes.has(i.code) || i.code === 'invalid-mapping').toBe(true);
    expect(i.message).not.toContain('ZQcanary');
    expect(JSON.stringify(i.path)).not.toContain('ZQcanary');
  }
}

describe('parsing never throws for values that throw while they are read', () => {
  it('reports a throwing getter at its path, without the thrown text', () => {
    const doc = {
      format: 'peer-recovery/program-data@1',
      peers: [{ id: 'p1', populations: ['adult-substance-use-disorder'] }],
    };
    Object.defineProperty(doc.peers[0], 'name', { get: thrower('get'), enumerable: true });
    const r = parseProgramData(doc);
    expect(r.success).toBe(false);
    if (r.success) return;
    const issue = r.issues.find((i) => i.code === 'unreadable-input');
    expect(issue?.path).toEqual(['peers', 0, 'name']);
    expect(issue?.message).toBe(
      'peers[0].name: could not be read (a getter or a Proxy threw); pass plain data, such as the result of JSON.parse',
    );
    safeIssues(r.issues);
  });

  it('reports a revoked Proxy and a Proxy whose traps all throw at the root', () => {
    for (const kind of ['revoked', 'all'] as const) {
      const r = parseProgramData(hostile({}, kind));
      expect(r).toEqual({
        success: false,
        issues: [expect.objectContaining({ code: 'unreadable-input', path: [] })],
      });
    }
  });

  it('hides a key that may be an input value', () => {
    const doc: Record<string, unknown> = {};
    Object.defineProperty(doc, `${SECRET} key`, { get: thrower('get'), enumerable: true });
    expect(findUnreadable(doc)).toEqual(['?']);
    expect(findUnreadable({ a: [1, { b: 2 }] })).toBeUndefined();
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(findUnreadable(cycle)).toBeUndefined();
  });

  test.prop([fc.anything(), arbChoices])(
    'parseProgramData, for any value with hostile parts',
    (v, choices) => {
      const r = parseProgramData(plant(v, choices));
      expect(r.success).toBe(false);
      if (!r.success) safeIssues(r.issues);
    },
  );

  test.prop([arbProgramData({ maxEnrolments: 2 }), arbChoices], { numRuns: 60 })(
    'parseProgramData, for a valid program with hostile parts',
    (data, choices) => {
      const r = parseProgramData(plant(structuredClone(data), choices));
      if (!r.success) safeIssues(r.issues);
    },
  );

  test.prop([fc.clone(fc.anything(), 2), arbChoices])(
    'parseWith, parseRulePack, parseColumnMapping',
    ([a, b], choices) => {
      safeIssues(failures(parseWith(Peer, plant(a, choices))));
      safeIssues(failures(parseColumnMapping(plant(b, choices))));
      const pack = plant(structuredClone(builtInPacks['srp-recovery-connect']), choices);
      safeIssues(failures(parseRulePack(pack)));
    },
  );

  test.prop([fc.dictionary(fc.string(), fc.anything()), arbChoices])(
    'data-set row validators, for any row with hostile parts',
    (row, choices) => {
      const v = createAssessmentRowValidator();
      const hostileRow = plant(row, choices);
      const r = v.row(hostileRow, 2);
      for (const i of r.issues) expect(i.message).not.toContain('ZQcanary');
      v.columns(plant(['assessment_id', 'enrolment_id'], choices) as unknown[]);
      expect(v.finish().summary.rows).toBe(1);
    },
  );

  it('reports an unreadable row as invalid-record, and an unreadable mapping at its path', () => {
    const v = createAssessmentRowValidator();
    expect(v.row(hostile({}, 'all'), 7).issues).toEqual([
      expect.objectContaining({ line: 7, code: 'invalid-record', severity: 'error' }),
    ]);
    const mapping = { enrolmentId: 'record_id', instruments: [{}] };
    Object.defineProperty(mapping.instruments[0], 'instrument', { get: thrower('get'), enumerable: true });
    const r = parseColumnMapping(mapping);
    expect(r.success ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([
      ['unreadable-input', ['instruments', 0, 'instrument']],
    ]);
    expect(plainRecord({ a: '1', b: { c: 2 }, d: [3] })).toEqual({ a: '1', b: {}, d: [] });
  });
});

function failures(r: { success: boolean; issues?: readonly unknown[] }) {
  return (r.success ? [] : (r.issues ?? [])) as { code: string; message: string; path: unknown[] }[];
}

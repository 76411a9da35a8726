/**
 * Lazy results (compact rows made into objects when read) against results made eagerly, over generated programs,
 * every built-in pack and random evaluation times: the same values, the same JSON (key order included), the same
 * keys, whatever is read first; and a lazy result reaches no object of the input.
 */
import { inspect } from 'node:util';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../calendar/localDate';
import type { ProgramData } from '../model/domain';
import { srpRecoveryConnect } from '../packs/builtin';
import type { RulePack } from '../packs/schema';
import { generateProgramData } from '../synthetic/index';
import { arbProgramData } from '../testing/arbitraries';
import type { EvaluationOptions } from './context';
import {
  evaluateCoach,
  evaluateEnrolmentRange,
  evaluateProgram,
  findingOf,
  findingSummaries,
  nextActionSummaries,
  obligationOf,
  type ProgramEvaluation,
  plainEvaluation,
} from './evaluate';
import { EAGER, FindingRow, ObligationRow } from './lazy';
import { EVERY_PACK, runs, syntheticCase, syntheticProgram } from './rules.test-support';

const arbData = arbProgramData({ maxEnrolments: 5, maxCoaches: 3, maxPeers: 5 });
const arbAsOf = fc.oneof(
  fc.integer({ min: toDayNumber('2018-06-01'), max: toDayNumber('2029-06-30') }).map(fromDayNumber),
  fc.integer({ min: Date.parse('2018-06-01T00:00:00Z'), max: Date.parse('2029-06-30T00:00:00Z') }),
);

function evaluate(
  data: ProgramData,
  pack: RulePack,
  asOf: string | number,
  eager: boolean,
): ProgramEvaluation {
  const options = { asOf, pack, ...(eager ? { [EAGER]: true } : {}) } as EvaluationOptions;
  const r = evaluateProgram(data, options);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

/** Every object reachable from `root` through data properties (getters are not called), symbol keys included. */
function reachable(root: unknown): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x !== 'object' || x === null || seen.has(x)) continue;
    seen.add(x);
    if (x instanceof Map) for (const [k, v] of x) stack.push(k, v);
    for (const key of Reflect.ownKeys(x)) {
      const d = Object.getOwnPropertyDescriptor(x, key);
      if (d !== undefined && 'value' in d) stack.push(d.value);
    }
  }
  return seen;
}

function checkSame(data: ProgramData, pack: RulePack, asOf: string | number): void {
  const eager = evaluate(data, pack, asOf, true);
  const eagerJson = JSON.stringify(eager);
  // Read whole by JSON first.
  expect(JSON.stringify(evaluate(data, pack, asOf, false))).toBe(eagerJson);
  // Deep equality, and the same keys in the same order, read in another order (next actions first).
  const lazy = evaluate(data, pack, asOf, false);
  for (const ev of [...lazy.enrolments].reverse())
    expect(ev.nextActions).toEqual(
      ev.timeline.filter((o) => ['open', 'due-soon', 'overdue'].includes(o.status)),
    );
  expect(lazy).toEqual(eager);
  lazy.enrolments.forEach((ev, i) => {
    expect(Object.keys(ev)).toEqual(Object.keys(eager.enrolments[i] ?? {}));
  });
  // Spread and structured clone of evaluations never read.
  const unread = evaluate(data, pack, asOf, false);
  expect(unread.enrolments.map((ev) => ({ ...ev }))).toEqual(eager.enrolments);
  expect(structuredClone(evaluate(data, pack, asOf, false))).toEqual(eager);
  // Node's inspect (console.log) shows the values of an evaluation not read yet, as of a plain one.
  expect(inspect(evaluate(data, pack, asOf, false), { depth: 10 })).toBe(inspect(eager, { depth: 10 }));
  // An assignment to a list of an evaluation not read yet behaves as on plain data.
  const assigned = evaluate(data, pack, asOf, false);
  for (const ev of assigned.enrolments) (ev as { timeline: unknown }).timeline = [];
  expect(assigned.enrolments).toEqual(eager.enrolments.map((ev) => ({ ...ev, timeline: [] })));
  // Once read, every key is a plain data property.
  for (const ev of lazy.enrolments)
    for (const key of Object.keys(ev))
      expect('value' in (Object.getOwnPropertyDescriptor(ev, key) ?? {})).toBe(true);
  checkSummaries(data, pack, asOf, eager);
}

const LISTS = ['results', 'timeline', 'findings', 'nextActions'] as const;

/** Every order of the four lists (24). */
function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) =>
    permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

/** True when list `key` of an evaluation is still a getter (not made). */
const unread = (ev: object, key: string) => 'get' in (Object.getOwnPropertyDescriptor(ev, key) ?? {});

/**
 * The lists read in each given order: each value read equals the eager one while the lists after it are still
 * getters, and the whole evaluation ends equal (JSON included) to the eager evaluation.
 */
function checkReadOrders(
  data: ProgramData,
  pack: RulePack,
  asOf: string | number,
  orders: readonly (readonly (typeof LISTS)[number][])[],
): void {
  const eager = evaluate(data, pack, asOf, true);
  const eagerJson = JSON.stringify(eager);
  for (const order of orders) {
    const lazy = evaluate(data, pack, asOf, false);
    lazy.enrolments.forEach((ev, i) => {
      const want = eager.enrolments[i];
      for (const [n, key] of order.entries()) {
        expect(ev[key]).toEqual(want?.[key]);
        // The lists not read yet are still getters.
        for (const other of order.slice(n + 1)) expect(unread(ev, other)).toBe(true);
      }
    });
    expect(JSON.stringify(lazy)).toBe(eagerJson);
  }
}

/**
 * The summaries of findings and next actions, and the objects `findingOf` and `obligationOf` make of them, equal the
 * eager evaluation's lists, before any list is read (then nothing is read), after findings only, and after all.
 */
function checkSummaries(
  data: ProgramData,
  pack: RulePack,
  asOf: string | number,
  eager: ProgramEvaluation,
): void {
  const lazy = evaluate(data, pack, asOf, false);
  const check = () =>
    lazy.enrolments.forEach((ev, i) => {
      const want = eager.enrolments[i];
      const findings = findingSummaries(ev).flat();
      expect(findings.map((s) => findingOf(s))).toEqual(want?.findings);
      for (const [j, s] of findings.entries()) {
        const f = want?.findings[j];
        expect([s.ruleId, s.code, s.severity, s.subject, s.dueOn, s.path, s.message]).toEqual([
          f?.ruleId,
          f?.code,
          f?.severity,
          f?.subject,
          f?.dueOn,
          f?.path,
          f?.message,
        ]);
      }
      const plain = plainEvaluation(ev);
      expect(plain).toEqual(want);
      expect(JSON.stringify(plain)).toBe(JSON.stringify(want));
      const next = nextActionSummaries(ev);
      expect(next.map((s) => obligationOf(s))).toEqual(want?.nextActions);
      for (const [j, s] of next.entries()) {
        const o = want?.nextActions[j];
        expect([s.id, s.ruleId, s.subject, s.dueOn, s.dueAt, s.status]).toEqual([
          o?.id,
          o?.ruleId,
          o?.subject,
          o?.dueOn,
          o?.dueAt,
          o?.status,
        ]);
      }
    });
  check();
  for (const ev of lazy.enrolments) for (const key of LISTS) expect(unread(ev, key)).toBe(true);
  for (const ev of lazy.enrolments) void ev.findings;
  check();
  for (const ev of lazy.enrolments) void ev.results;
  check();
  expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
  // A copy of an evaluation with a list assigned, another read, the others not read yet.
  const assigned = evaluate(data, pack, asOf, false);
  assigned.enrolments.forEach((ev, i) => {
    (ev as { timeline: unknown }).timeline = [];
    void ev.findings;
    expect(JSON.stringify(plainEvaluation(ev))).toBe(
      JSON.stringify({ ...eager.enrolments[i], timeline: [] }),
    );
    expect(unread(ev, 'nextActions') && unread(ev, 'results')).toBe(true);
  });
}

describe('lazy results equal results made eagerly', () => {
  test.prop([arbData, fc.constantFrom(...EVERY_PACK), arbAsOf], runs(80))(
    'generated programs of every shape, every pack, any asOf',
    (data, pack, asOf) => checkSame(data, pack, asOf),
  );

  test.prop(syntheticCase(arbAsOf), runs(12))(
    'synthetic programs (many late replies, missed months, coaches not eligible), every pack, any asOf',
    (seed, peers, pack, asOf) => checkSame(syntheticProgram(seed, peers), pack, asOf),
  );

  const arbOrder = fc.shuffledSubarray([...LISTS], { minLength: LISTS.length, maxLength: LISTS.length });

  test.prop([arbData, fc.constantFrom(...EVERY_PACK), arbAsOf, arbOrder], runs(60))(
    'the lists read one by one in any order, each made alone, equal the eager ones',
    (data, pack, asOf, order) => checkReadOrders(data, pack, asOf, [order]),
  );

  it.each(
    EVERY_PACK.map(
      (pack, i) => [pack.id, pack, ['2025-03-31', '2026-06-30', '2026-12-31'][i % 3] as string] as const,
    ),
  )('the lists read in every order (24) of a synthetic program, pack %s', (_, pack, asOf) =>
    checkReadOrders(
      generateProgramData({ peers: 4, seed: 5, start: '2024-01-01', years: 3 }),
      pack,
      asOf,
      permutations(LISTS),
    ),
  );

  test.prop([fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(...EVERY_PACK)], runs(6))(
    'a coach evaluation and a range evaluation equal their eager counterparts',
    (seed, pack) => {
      const data = generateProgramData({ peers: 6, seed, start: '2024-01-01', years: 2 });
      const options = { asOf: '2025-12-31', pack };
      const eager = { ...options, [EAGER]: true } as EvaluationOptions;
      const range = evaluateEnrolmentRange(data, { from: 1, to: 5 }, options);
      expect(JSON.stringify(range)).toBe(
        JSON.stringify(evaluateEnrolmentRange(data, { from: 1, to: 5 }, eager)),
      );
      const whole = evaluate(data, pack, '2025-12-31', true);
      for (const c of data.coaches) {
        const r = evaluateCoach(data, c.id, options);
        expect(r.success && r.data).toEqual(whole.coaches.find((x) => x.coachId === c.id));
      }
    },
  );
});

describe('a lazy result keeps no input alive', () => {
  it('reaches no object of the program document before or after it is read', () => {
    const data = generateProgramData({ peers: 8, seed: 3, start: '2024-01-01', years: 3 });
    const inputs = reachable(data);
    const r = evaluate(data, srpRecoveryConnect, '2026-06-30', false);
    const held = (x: unknown) => [...reachable(x)].filter((o) => inputs.has(o)).length;
    // The walk does reach the rows of the evaluations not read yet.
    const before = [...reachable(r)];
    expect(before.some((o) => o instanceof ObligationRow)).toBe(true);
    expect(before.some((o) => o instanceof FindingRow)).toBe(true);
    expect(held(r)).toBe(0);
    JSON.stringify(r);
    expect(held(r)).toBe(0);
  });
});

describe('a list read makes only what it needs', () => {
  const rows = (x: unknown) => {
    const all = [...reachable(x)];
    return {
      obligations: all.filter((o) => o instanceof ObligationRow).length,
      findings: all.filter((o) => o instanceof FindingRow).length,
    };
  };

  it('findings make no obligation; the timeline and next actions make no finding; results make both', () => {
    const data = generateProgramData({ peers: 8, seed: 3, start: '2024-01-01', years: 3 });
    const byFindings = evaluate(data, srpRecoveryConnect, '2026-06-30', false);
    const before = rows(byFindings);
    expect(before.obligations).toBeGreaterThan(0);
    expect(before.findings).toBeGreaterThan(0);
    for (const ev of byFindings.enrolments) void ev.findings;
    expect(rows(byFindings)).toEqual({ obligations: before.obligations, findings: 0 });
    const byNext = evaluate(data, srpRecoveryConnect, '2026-06-30', false);
    for (const ev of byNext.enrolments) void ev.nextActions;
    expect(rows(byNext)).toEqual({ obligations: 0, findings: before.findings });
    const byResults = evaluate(data, srpRecoveryConnect, '2026-06-30', false);
    for (const ev of byResults.enrolments) void ev.results;
    expect(rows(byResults)).toEqual({ obligations: 0, findings: 0 });
  });

  it('summaries read and plain copies made keep nothing', () => {
    const data = generateProgramData({ peers: 8, seed: 3, start: '2024-01-01', years: 3 });
    const r = evaluate(data, srpRecoveryConnect, '2026-06-30', false);
    const before = rows(r);
    for (const ev of r.enrolments) {
      for (const s of findingSummaries(ev).flat()) findingOf(s);
      for (const s of nextActionSummaries(ev)) obligationOf(s);
      JSON.stringify(plainEvaluation(ev));
    }
    expect(rows(r)).toEqual(before);
  });
});

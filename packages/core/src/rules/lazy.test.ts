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
import { evaluateCoach, evaluateEnrolmentRange, evaluateProgram, type ProgramEvaluation } from './evaluate';
import { EAGER, FindingRow, ObligationRow } from './lazy';
import { EVERY_PACK, runs } from './rules.test-support';

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
}

describe('lazy results equal results made eagerly', () => {
  test.prop([arbData, fc.constantFrom(...EVERY_PACK), arbAsOf], runs(80))(
    'generated programs of every shape, every pack, any asOf',
    (data, pack, asOf) => checkSame(data, pack, asOf),
  );

  test.prop(
    [
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 2, max: 12 }),
      fc.constantFrom(...EVERY_PACK),
      arbAsOf,
    ],
    runs(12),
  )(
    'synthetic programs (many late replies, missed months, coaches not eligible), every pack, any asOf',
    (seed, peers, pack, asOf) =>
      checkSame(generateProgramData({ peers, seed, start: '2024-01-01', years: 3 }), pack, asOf),
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

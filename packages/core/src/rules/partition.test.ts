import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { prssServiceDefinition } from '../packs/builtin';
import { generateProgramData } from '../synthetic/index';
import { indexProgram } from './context';
import {
  assembleProgramEvaluation,
  createEnrolmentRangeEvaluator,
  evaluateEnrolmentRange,
  evaluateProgram,
} from './evaluate';

describe('partitioned evaluation (evaluateEnrolmentRange + assembleProgramEvaluation)', () => {
  test.prop(
    [
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 2, max: 9 }),
      fc.array(fc.nat(), { maxLength: 4 }),
      fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-03-31T00:00:00Z') }),
      fc.boolean(),
    ],
    { numRuns: 5 },
  )(
    'ranges evaluated apart and merged equal the single evaluation, whatever the cut points',
    (seed, peers, cuts, asOf, otherPack) => {
      const data = generateProgramData({ peers, seed, start: '2025-01-01', years: 2 });
      const options = { asOf, ...(otherPack ? { pack: prssServiceDefinition } : {}) };
      const n = data.enrolments.length;
      const points = [0, ...cuts.map((c) => c % (n + 1)).sort((a, b) => a - b), n];
      const index = indexProgram(data);
      const parts = points.slice(1).map((to, i) => {
        const r = evaluateEnrolmentRange(index, { from: points[i] ?? 0, to }, options);
        if (!r.success) throw new Error('range evaluation failed');
        return r.data;
      });
      const whole = evaluateProgram(data, options);
      if (!whole.success) throw new Error('evaluation failed');
      expect(parts.flat()).toEqual(whole.data.enrolments);
      expect(assembleProgramEvaluation(data, parts.flat(), options)).toEqual(whole);
    },
  );

  test.prop(
    [
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 2, max: 9 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-03-31T00:00:00Z') }),
      fc.boolean(),
    ],
    { numRuns: 5 },
  )(
    'one range evaluator over chunks in any order gives what each range evaluated apart gives',
    (seed, peers, size, asOf, otherPack) => {
      const data = generateProgramData({ peers, seed, start: '2025-01-01', years: 2 });
      const options = { asOf, ...(otherPack ? { pack: prssServiceDefinition } : {}) };
      const index = indexProgram(data);
      const ev = createEnrolmentRangeEvaluator(index, options);
      if (!ev.success) throw new Error('evaluator failed');
      const n = ev.data.count;
      expect(n).toBe(data.enrolments.length);
      const starts: number[] = [];
      for (let from = 0; from < n; from += size) starts.push(from);
      // Later chunks first, so that the memos a chunk finds were filled by others.
      for (const from of starts.reverse()) {
        const apart = evaluateEnrolmentRange(index, { from, to: from + size }, options);
        expect(ev.data.evaluate({ from, to: from + size })).toEqual(apart.success && apart.data);
      }
    },
  );

  const data = generateProgramData({ peers: 4, seed: 5, start: '2025-01-01', years: 1 });
  const options = { asOf: '2025-12-31' } as const;

  it('refuses evaluations that do not match the program: missing, out of order, or made at another time', () => {
    const all = evaluateEnrolmentRange(data, { from: 0, to: data.enrolments.length }, options);
    if (!all.success) throw new Error('failed');
    const other = evaluateEnrolmentRange(
      data,
      { from: 0, to: data.enrolments.length },
      { asOf: '2025-11-30' },
    );
    if (!other.success) throw new Error('failed');
    for (const wrong of [all.data.slice(1), [...all.data].reverse(), other.data]) {
      const r = assembleProgramEvaluation(data, wrong, options);
      expect(r.success).toBe(false);
      expect(r.success ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([
        ['invalid-value', ['enrolments']],
      ]);
    }
  });

  it('clamps a range to the list of enrolments', () => {
    const r = evaluateEnrolmentRange(data, { from: -5, to: 1e9 }, options);
    expect(r.success && r.data.length).toBe(data.enrolments.length);
    const empty = evaluateEnrolmentRange(data, { from: 3, to: 1 }, options);
    expect(empty.success && empty.data).toEqual([]);
  });
});

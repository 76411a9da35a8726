import { describe, expect, it } from 'vitest';
import { srpRecoveryConnect } from '../packs/builtin';
import { generateProgramData } from '../synthetic/index';
import {
  createEnrolmentRangeEvaluator,
  type EnrolmentEvaluation,
  obligationOf,
  timelineSummaries,
} from './evaluate';

const evaluateAll = (seed: number): readonly EnrolmentEvaluation[] => {
  const data = generateProgramData({ peers: 12, seed, start: '2024-01-01', years: 3 });
  const r = createEnrolmentRangeEvaluator(data, { asOf: '2026-06-30', pack: srpRecoveryConnect });
  if (!r.success) throw new Error('not evaluated');
  return r.data.evaluate({ from: 0, to: r.data.count });
};

const key = (o: { id: string; ruleId: string; status: string; dueOn: string; dueAt: string }) =>
  `${o.ruleId} ${o.id} ${o.status} ${o.dueOn} ${o.dueAt}`;

describe('timelineSummaries', () => {
  it.each([1, 2, 3])('gives every obligation of the timeline and makes none (seed %i)', (seed) => {
    const lazy = evaluateAll(seed);
    const eager = evaluateAll(seed);
    let counted = 0;
    lazy.forEach((ev, i) => {
      const summaries = timelineSummaries(ev).flat();
      // Not read: the timeline is still a getter, no obligation was made for it.
      expect('get' in (Object.getOwnPropertyDescriptor(ev, 'timeline') ?? {})).toBe(true);
      const timeline = (eager[i] as EnrolmentEvaluation).timeline;
      expect(summaries.map(key).sort()).toEqual(timeline.map(key).sort());
      for (const s of summaries) expect(timeline).toContainEqual(obligationOf(s));
      counted += summaries.length;
    });
    expect(counted).toBeGreaterThan(0);
  });

  it('reads a timeline already made', () => {
    const [ev] = evaluateAll(1);
    if (ev === undefined) throw new Error('no enrolment');
    const timeline = ev.timeline;
    expect(timelineSummaries(ev).flat()).toEqual([...timeline]);
  });
});

/**
 * The signed plans of an enrolment (`signedPlans`: made once per evaluation, sorted only when out of order) against
 * the readable reference (every visible plan signed by the exit, sorted by signature then version), for plans in
 * any order, and asked again at other evaluation times with the same memo.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { toLocalDate } from '../calendar/zone';
import { srpRecoveryConnect } from '../packs/builtin';
import { enrolment, plan, programData } from '../testing/builders';
import { createContext, indexProgram, type RuleContext, visible } from './context';
import { signedPlans } from './shared';

const MS_2026 = Date.UTC(2026, 0, 1);
const at = fc.integer({ min: MS_2026, max: MS_2026 + 200 * 86_400_000 });
const plans = fc.array(
  fc.record({
    ms: fc.oneof(at, fc.constant(MS_2026 + 50 * 86_400_000)),
    version: fc.integer({ min: 1, max: 4 }),
  }),
  { maxLength: 8 },
);

function reference(ctx: RuleContext, enrolmentId: string) {
  const rec = ctx.index.enrolments.get(enrolmentId)!;
  const exit = rec.enrolment.exit && rec.enrolment.exit.on <= ctx.asOfDate ? rec.enrolment.exit : undefined;
  return rec.plans
    .filter((p) => visible(ctx, p))
    .map((p) => ({ plan: p, signedMs: p.at, signedOn: toLocalDate(p.at, ctx.timeZone) }))
    .filter((s) => !(exit && s.signedOn > exit.on))
    .sort((a, b) => a.signedMs - b.signedMs || a.plan.record.version - b.plan.record.version);
}

describe('signed plans of an enrolment', () => {
  test.prop([plans, fc.array(at, { minLength: 1, maxLength: 4 }), fc.boolean()])(
    'are the visible plans signed by the exit in signature order, at every evaluation time of one memo',
    (ps, asOfs, exits) => {
      const data = programData({
        enrolments: [
          enrolment({
            enrolledOn: '2025-12-01',
            ...(exits ? { exit: { on: '2026-04-01', kind: 'completed', referralsMade: [] } } : {}),
          }),
        ],
        plans: ps.map((p, i) =>
          plan({ id: `plan-${i}`, version: p.version, signedByPeerAt: new Date(p.ms).toISOString() }),
        ),
      });
      const first = createContext(indexProgram(data), srpRecoveryConnect, { asOf: asOfs[0] as number });
      if (!first.success) throw new Error('no context');
      const rec = first.data.index.enrolments.get('enr-1')!;
      for (const asOf of [...asOfs, ...asOfs]) {
        const made = createContext(first.data.index, srpRecoveryConnect, { asOf });
        if (!made.success) throw new Error('no context');
        // The same output memo (as the contexts of one evaluation share it), another evaluation time.
        const ctx: RuleContext = { ...made.data, out: first.data.out };
        expect(signedPlans(ctx, rec)).toEqual(reference(ctx, 'enr-1'));
      }
    },
  );
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carePlanStatusDecision, encounterStatusDecision, goalStatusDecision } from './status';

const ENCOUNTER = [
  'planned',
  'arrived',
  'triaged',
  'in-progress',
  'onleave',
  'finished',
  'cancelled',
  'entered-in-error',
  'unknown',
];
const CAREPLAN = ['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown'];
const GOAL = [
  'proposed',
  'planned',
  'accepted',
  'active',
  'on-hold',
  'completed',
  'cancelled',
  'entered-in-error',
  'rejected',
];

describe('status semantics', () => {
  it('a cancelled, planned or erroneous meeting is not a contact held', () => {
    expect(encounterStatusDecision('finished')).toEqual({ use: true });
    expect(encounterStatusDecision('in-progress')).toEqual({ use: true });
    expect(encounterStatusDecision('cancelled')).toMatchObject({ use: false, reason: 'cancelled' });
    expect(encounterStatusDecision('planned')).toMatchObject({ use: false, reason: 'planned' });
    expect(encounterStatusDecision('entered-in-error')).toMatchObject({
      use: false,
      reason: 'entered-in-error',
    });
    expect(encounterStatusDecision('unknown')).toMatchObject({ use: false, reason: 'status-unknown' });
    expect(encounterStatusDecision(undefined)).toMatchObject({ use: false, reason: 'status-unknown' });
  });

  it('revoked and erroneous CarePlans are not plan versions', () => {
    for (const s of ['draft', 'active', 'on-hold', 'completed'])
      expect(carePlanStatusDecision(s)).toEqual({ use: true });
    expect(carePlanStatusDecision('revoked')).toMatchObject({ use: false, reason: 'revoked' });
    expect(carePlanStatusDecision('entered-in-error')).toMatchObject({
      use: false,
      reason: 'entered-in-error',
    });
    expect(carePlanStatusDecision('unknown')).toMatchObject({ use: false, reason: 'status-unknown' });
  });

  it('maps every R4 Goal lifecycle status; entered-in-error leaves the plan', () => {
    expect(goalStatusDecision('active')).toEqual({ use: true, status: 'in-progress' });
    expect(goalStatusDecision('completed')).toEqual({ use: true, status: 'achieved' });
    expect(goalStatusDecision('completed', 'not-achieved')).toEqual({ use: true, status: 'not-achieved' });
    expect(goalStatusDecision('rejected')).toEqual({ use: true, status: 'cancelled' });
    expect(goalStatusDecision('accepted')).toEqual({ use: true, status: 'proposed' });
    expect(goalStatusDecision('entered-in-error')).toMatchObject({ use: false, reason: 'entered-in-error' });
    expect(goalStatusDecision('bogus')).toMatchObject({ use: false, reason: 'status-unknown' });
  });

  it('is total and explains every skip (property)', () => {
    const codes = fc.oneof(fc.constantFrom(...ENCOUNTER, ...CAREPLAN, ...GOAL), fc.anything());
    fc.assert(
      fc.property(codes, (s) => {
        for (const d of [encounterStatusDecision(s), carePlanStatusDecision(s), goalStatusDecision(s)])
          if (!d.use) expect(d.message).toMatch(/status/i);
        // only R4 codes of the right resource are ever used
        if (encounterStatusDecision(s).use) expect(ENCOUNTER).toContain(s);
        if (carePlanStatusDecision(s).use) expect(CAREPLAN).toContain(s);
        if (goalStatusDecision(s).use) expect(GOAL).toContain(s);
      }),
    );
  });
});

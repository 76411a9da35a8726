import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../calendar/index';
import type { Coach } from '../../model/domain';
import { prssServiceDefinition, srpRecoveryConnect } from '../../packs/builtin';
import { coach, programData } from '../../testing/builders';
import { coachRule, codesOf, obligationOf, packWith, TEST_SOURCE } from '../rules.test-support';

const RULE = 'coach-eligibility';
// Active since 2010, so that any day the properties pick is one on which the coach is checked.
const eligibility = (over: Partial<Coach>, asOf: string, pack = srpRecoveryConnect) =>
  coachRule(
    programData({ coaches: [coach({ statusHistory: [{ status: 'active', from: '2010-01-01' }], ...over })] }),
    RULE,
    asOf,
    { pack },
  );
const recoveryCodes = (over: Partial<Coach>, asOf: string, pack = srpRecoveryConnect) =>
  codesOf(eligibility(over, asOf, pack)).filter((c) => c.includes('recovery') || c.includes('lived'));

describe('coach-eligibility: continuing recovery ("maintain their personal recovery")', () => {
  it('voids a verification of the minimum when a later recovery start (a return to use) is recorded', () => {
    const verifiedOnly = { recoveryMinimumVerifiedOn: '2025-01-10' };
    expect(recoveryCodes(verifiedOnly, '2026-06-01')).toEqual([]);
    // a return to use on 2026-03-01: the 2025 verification no longer holds, two years run from the new start
    const restarted = { ...verifiedOnly, recoveryStartDate: '2026-03-01' };
    const r = eligibility(restarted, '2026-06-01');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'coach-eligibility.recovery-too-short',
        path: 'coaches[0].recoveryStartDate',
        params: { minYears: 2 },
      }),
    ]);
    expect(r.facts).toMatchObject({ eligible: false });
    // the recovery date is never echoed
    expect(JSON.stringify(r)).not.toContain('2026-03-01');
  });

  it('keeps a verification made after the recorded start, and ignores a start not yet reached', () => {
    expect(
      recoveryCodes(
        { recoveryStartDate: '2025-06-01', recoveryMinimumVerifiedOn: '2026-01-10' },
        '2026-06-01',
      ),
    ).toEqual([]);
    // evaluated before the return to use, the verification still stands
    expect(
      recoveryCodes(
        { recoveryStartDate: '2026-03-01', recoveryMinimumVerifiedOn: '2025-01-10' },
        '2026-02-28',
      ),
    ).toEqual([]);
  });

  test.prop([
    fc.integer({ min: 0, max: 3000 }),
    fc.integer({ min: 1, max: 3000 }),
    fc.integer({ min: 0, max: 3000 }),
  ])('a start after the verification decides alone: minimum met iff two years since it', (v, gap, after) => {
    const verifiedOn = addDays('2015-01-01', v);
    const restart = addDays(verifiedOn, gap);
    const day = addDays(restart, after);
    const codes = recoveryCodes({ recoveryMinimumVerifiedOn: verifiedOn, recoveryStartDate: restart }, day);
    const met = addMonths(restart, 24) <= day;
    expect(codes).toEqual(met ? [] : ['coach-eligibility.recovery-too-short']);
    // deterministic
    expect(recoveryCodes({ recoveryMinimumVerifiedOn: verifiedOn, recoveryStartDate: restart }, day)).toEqual(
      codes,
    );
  });

  test.prop([fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 })])(
    'monotone: once met after a restart, the minimum stays met on every later day',
    (startOffset, after) => {
      const restart = addDays('2018-01-01', startOffset);
      const day = addDays(restart, after);
      const over = { recoveryMinimumVerifiedOn: '2017-01-01', recoveryStartDate: restart };
      if (recoveryCodes(over, day).length === 0)
        expect(recoveryCodes(over, addDays(day, 1 + (after % 400)))).toEqual([]);
    },
  );
});

describe('coach-eligibility: re-attesting continuing recovery at an interval', () => {
  const every12 = packWith(RULE, { recoveryReattestMonths: { value: 12, source: TEST_SOURCE } });

  it('is off in the built-in packs (no interval in the sources)', () => {
    expect(srpRecoveryConnect.rules[RULE].recoveryReattestMonths?.value).toBe(0);
    expect(srpRecoveryConnect.rules[RULE].recoveryReattestMonths?.source.document).toBe('program-choice');
    expect(recoveryCodes({}, '2026-06-01')).toEqual([]);
  });

  it('asks for an attestation, due again the interval after the latest one', () => {
    expect(recoveryCodes({}, '2026-06-01', every12)).toEqual([
      'coach-eligibility.recovery-attestation-missing',
    ]);
    const fresh = eligibility({ continuingRecoveryAttestedOn: '2026-01-15' }, '2026-06-01', every12);
    expect(fresh.findings).toEqual([]);
    expect(obligationOf(fresh, 'coach-eligibility:renew:recovery-attestation')).toMatchObject({
      dueOn: '2027-01-14',
      status: 'open',
    });
    const stale = eligibility({ continuingRecoveryAttestedOn: '2025-01-15' }, '2026-06-01', every12);
    expect(stale.findings).toEqual([
      expect.objectContaining({
        code: 'coach-eligibility.recovery-attestation-expired',
        path: 'coaches[0].continuingRecoveryAttestedOn',
        params: { months: 12, dueOn: '2026-01-15' },
        source: TEST_SOURCE,
      }),
    ]);
    // a verification of the minimum counts as an attestation, the latest wins
    expect(
      recoveryCodes(
        { continuingRecoveryAttestedOn: '2025-01-15', recoveryMinimumVerifiedOn: '2026-02-01' },
        '2026-06-01',
        every12,
      ),
    ).toEqual([]);
  });

  it('does not accept an attestation made before a later recorded return to use', () => {
    expect(
      recoveryCodes(
        { continuingRecoveryAttestedOn: '2026-01-15', recoveryStartDate: '2026-02-01' },
        '2026-06-01',
        every12,
      ),
    ).toEqual(['coach-eligibility.recovery-too-short', 'coach-eligibility.recovery-attestation-missing']);
  });
});

describe('coach-eligibility: lived experience (service definition)', () => {
  const { recoveryStartDate: _, ...noDate } = coach();
  const prss = (over: Partial<Coach>) =>
    codesOf(
      coachRule(programData({ coaches: [{ ...noDate, ...over }] }), RULE, '2026-06-01', {
        pack: prssServiceDefinition,
      }),
    );

  it('is required by the service-definition pack and shown by an attestation, a recorded start or a verification', () => {
    expect(prssServiceDefinition.rules[RULE].livedExperienceRequired?.value).toBe(true);
    expect(prss({})).toEqual(['coach-eligibility.lived-experience-missing']);
    expect(prss({ livedExperienceAttested: false })).toEqual(['coach-eligibility.lived-experience-missing']);
    expect(prss({ livedExperienceAttested: true })).toEqual([]);
    expect(prss({ recoveryStartDate: '2026-01-01' })).toEqual([]);
    expect(prss({ recoveryMinimumVerifiedOn: '2026-01-01' })).toEqual([]);
    // not yet recorded on the evaluation day
    expect(prss({ recoveryMinimumVerifiedOn: '2026-07-01' })).toEqual([
      'coach-eligibility.lived-experience-missing',
    ]);
  });

  it('is not asked by the Recovery Connect pack, whose two-year minimum already covers it', () => {
    expect(srpRecoveryConnect.rules[RULE].livedExperienceRequired).toBeUndefined();
  });
});

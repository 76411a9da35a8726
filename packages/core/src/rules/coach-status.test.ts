/**
 * The coach status memo of an evaluation (`coachStatusIn`: by day, and by interval of days between the dates the
 * derivation compares with) against the readable derivation it replaces (`coachStatusOn`), for random status
 * histories and incidents, asked about many days in any order (dates on and around the recorded ones, and texts
 * that are not dates).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fromDayNumber, toDayNumber } from '../calendar/localDate';
import type { Coach } from '../model/domain';
import { coach, programData } from '../testing/builders';
import { createContext, indexProgram } from './context';
import { EVERY_PACK } from './rules.test-support';
import { coachStatusIn, coachStatusOn, removingIncidents } from './shared';

const FIRST = toDayNumber('2024-01-01');
const day = fc.integer({ min: FIRST, max: FIRST + 400 }).map(fromDayNumber);
const status = fc.constantFrom('applicant', 'active', 'on-notice', 'withdrawn', 'removed') as fc.Arbitrary<
  Coach['statusHistory'][number]['status']
>;
const kind = fc.constantFrom('boundary-violation', 'guidelines-breach', 'other-conduct') as fc.Arbitrary<
  Coach['incidents'][number]['kind']
>;
const coachArb = fc
  .record({
    history: fc.array(fc.record({ status, from: day, writtenNoticeOn: fc.option(day, { nil: undefined }) }), {
      minLength: 1,
      maxLength: 5,
    }),
    incidents: fc.array(fc.record({ on: day, kind }), { maxLength: 3 }),
  })
  .map(({ history, incidents }) =>
    coach({
      statusHistory: history.map(({ writtenNoticeOn, ...h }) =>
        writtenNoticeOn === undefined ? h : { ...h, writtenNoticeOn },
      ),
      incidents: incidents.map((i, n) => ({ id: `inc-${n}`, ...i })),
    }),
  );
/** Days to ask about: any day of the range (so on, before and after the recorded dates), or a text that is not one. */
const asked = fc.array(fc.oneof({ weight: 9, arbitrary: day }, { weight: 1, arbitrary: fc.string() }), {
  minLength: 1,
  maxLength: 60,
});

describe('coach status memo of an evaluation', () => {
  test.prop([coachArb, fc.constantFrom(...EVERY_PACK), asked])(
    'gives what the derivation gives for every day asked, in any order, repeated or not',
    (c, pack, days) => {
      const ctx = createContext(indexProgram(programData({ coaches: [c] })), pack, { asOf: '2025-06-01' });
      if (!ctx.success) throw new Error('no context');
      for (const d of [...days, ...days])
        expect(coachStatusIn(ctx.data, c, d)).toEqual(coachStatusOn(c, d, removingIncidents(pack)));
    },
  );
});

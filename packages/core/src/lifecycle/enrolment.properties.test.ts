import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Enrolment } from '../model/domain';
import { LocalDate } from '../model/primitives';
import { arbEnrolment, arbLocalDate } from '../testing/arbitraries';
import { addDaysToLocalDate } from './dates';
import {
  ENROLMENT_DOCUMENTS,
  type EnrolmentState,
  enrolmentStateAt,
  isTerminalEnrolmentStatus,
} from './enrolment';

/** A date around the enrolment: from a few weeks before the referral to a few weeks after its end. */
function around(e: Enrolment, offset: number): string {
  return addDaysToLocalDate(e.referredOn ?? e.enrolledOn, offset - 40);
}

const arbCase = fc.tuple(arbEnrolment(), fc.integer({ min: 0, max: 900 }));

function covered(e: Enrolment, asOf: string): boolean {
  return e.holds.some((h) => h.from <= asOf && (h.to === undefined || asOf <= h.to));
}

describe('enrolmentStateAt: properties', () => {
  test.prop([arbCase])('is deterministic (same answer, also on a copy)', ([e, n]) => {
    const asOf = around(e, n);
    expect(enrolmentStateAt(e, asOf)).toEqual(enrolmentStateAt(structuredClone(e), asOf));
    expect(enrolmentStateAt(e, asOf)).toEqual(enrolmentStateAt(e, asOf));
  });

  test.prop([arbEnrolment(), arbLocalDate()])(
    'is total: never throws, defined exactly once the record exists',
    (e, asOf) => {
      const s = enrolmentStateAt(e, asOf);
      const exists = (e.exit !== undefined && e.exit.on <= asOf) || (e.referredOn ?? e.enrolledOn) <= asOf;
      expect(s !== undefined).toBe(exists);
      if (s !== undefined) {
        expect(LocalDate.safeParse(s.since).success).toBe(true);
        expect(s.since <= asOf).toBe(true);
      }
    },
  );

  test.prop([arbCase])('agrees with the record', ([e, n]) => {
    const asOf = around(e, n);
    const s = enrolmentStateAt(e, asOf);
    if (s === undefined) return;
    const exited = e.exit !== undefined && e.exit.on <= asOf;
    expect(isTerminalEnrolmentStatus(s.status)).toBe(exited);
    if (exited) expect(s.status).toBe(e.exit?.kind);
    else if (asOf < e.enrolledOn) expect(s.status).toBe('referred');
    else {
      expect(s.status === 'on-hold').toBe(covered(e, asOf));
      const complete = ENROLMENT_DOCUMENTS.every((d) => {
        const on = e.documents[d];
        return on !== undefined && on <= asOf;
      });
      const base = complete ? 'active' : 'enrolled';
      if (s.status === 'on-hold') expect(s.resumesTo).toBe(base);
      else expect(s.status).toBe(base);
    }
  });

  test.prop([arbEnrolment()])('changes state only on the day its since says', (e) => {
    // Every day around a date of the record, where changes happen.
    const dates = [
      e.enrolledOn,
      ...(e.referredOn === undefined ? [] : [e.referredOn]),
      ...Object.values(e.documents).filter((d): d is string => d !== undefined),
      ...e.holds.flatMap((h) => (h.to === undefined ? [h.from] : [h.from, h.to])),
      ...(e.exit === undefined ? [] : [e.exit.on]),
    ];
    for (const date of dates) {
      for (let offset = -2; offset <= 1; offset++) {
        const day = addDaysToLocalDate(date, offset);
        const next = addDaysToLocalDate(day, 1);
        const a = enrolmentStateAt(e, day);
        const b = enrolmentStateAt(e, next);
        if (a !== undefined) expect(b).toBeDefined();
        if (b === undefined) continue;
        if (a?.status === b.status) expect(b.since).toBe(a.since);
        else expect(b.since).toBe(next);
      }
    }
  });

  test.prop([arbCase, fc.integer({ min: 1, max: 800 })])(
    'a terminal state never changes',
    ([e, n], later) => {
      const asOf = around(e, n);
      const s: EnrolmentState | undefined = enrolmentStateAt(e, asOf);
      if (s !== undefined && isTerminalEnrolmentStatus(s.status))
        expect(enrolmentStateAt(e, addDaysToLocalDate(asOf, later))).toEqual(s);
    },
  );

  test.prop([arbCase])('fewer required documents never turn an active enrolment back', ([e, n]) => {
    const asOf = around(e, n);
    const all = enrolmentStateAt(e, asOf);
    const fewer = enrolmentStateAt(e, asOf, { requiredDocuments: ['application'] });
    if (all?.status === 'active') expect(fewer?.status).toBe('active');
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { toLocalDate } from '../calendar/zone';
import { arbProgramData } from '../testing/arbitraries';
import type { ProgramData } from './domain';
import { DEFAULT_INPUT_LIMITS, resolveInputLimits } from './limits';
import { parseProgramData } from './parse';

const arbDoc = arbProgramData({ maxEnrolments: 3 });
const clone = (d: ProgramData) =>
  structuredClone(d) as { -readonly [K in keyof ProgramData]: ProgramData[K] };
const codes = (r: ReturnType<typeof parseProgramData>) => (r.issues ?? []).map((i) => [i.code, i.pointer]);

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

describe('input limits', () => {
  it('refuses a 50 MB name.text, naming the limit and the path, and accepts it with the limit raised', () => {
    const doc = fc.sample(arbDoc, { seed: 7, numRuns: 1 })[0] as ProgramData;
    const big = clone(doc);
    const peer = big.peers[0] as { name?: { text?: string } };
    const secret = 'ZQsecret';
    peer.name = { text: `${secret}${'x'.repeat(50 * 1024 * 1024)}` };
    const r = parseProgramData(big);
    expect(r.success).toBe(false);
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'limit-exceeded',
        path: ['peers', 0, 'name', 'text'],
        severity: 'error',
        message: `peers[0].name.text: is ${50 * 1024 * 1024 + secret.length} characters long, over the limit maxStringLength (20000)`,
      }),
    ]);
    expect(parseProgramData(big, { limits: { maxStringLength: 60 * 1024 * 1024 } }).success).toBe(true);
  });

  it('limits list lengths', () => {
    const doc = clone(fc.sample(arbDoc, { seed: 3, numRuns: 1 })[0] as ProgramData);
    const n = doc.enrolments.length;
    doc.program.calendar.holidays = Array.from({ length: 3 }, (_, i) => `2026-01-0${i + 1}`);
    const r = parseProgramData(doc, { limits: { maxListLength: 2 } });
    expect(codes(r)).toContainEqual(['limit-exceeded', 'program.calendar.holidays']);
    if (n > 2) expect(codes(r)).toContainEqual(['limit-exceeded', 'enrolments']);
    expect(parseProgramData(doc, { limits: { maxListLength: 1000 } }).success).toBe(true);
  });

  it('refuses bad limit options', () => {
    expect(resolveInputLimits({ maxStringLength: -1 }).issues[0]?.pointer).toBe('limits.maxStringLength');
    expect(resolveInputLimits({ minYear: 2300 }).issues[0]?.message).toBe('limits.minYear: is above maxYear');
    expect(resolveInputLimits({ nope: 1 } as never).issues[0]?.code).toBe('unknown-field');
    expect(resolveInputLimits({}).limits).toEqual(DEFAULT_INPUT_LIMITS);
    expect(parseProgramData({}, { limits: { maxListLength: Number.NaN } }).success).toBe(false);
  });

  test.prop([arbDoc, fc.integer({ min: 0, max: 9999 })])(
    'a birth date is implausible exactly when its year is before 1900 or after 2200; raising the limits accepts it',
    (data, year) => {
      const doc = clone(data);
      (doc.peers[0] as { birthDate?: string }).birthDate = `${String(year).padStart(4, '0')}-06-15`;
      const r = parseProgramData(doc);
      const flagged = codes(r).some(([c, p]) => c === 'implausible-date' && p === 'peers[0].birthDate');
      expect(flagged).toBe(year < 1900 || year > 2200);
      expect(r.success).toBe(!flagged);
      expect(parseProgramData(doc, { limits: { minYear: 0, maxYear: 9999 } }).success).toBe(true);
    },
  );

  it('refuses an enrolment on 9999-12-31 and a date in year 0000', () => {
    const doc = clone(fc.sample(arbDoc, { seed: 5, numRuns: 1 })[0] as ProgramData);
    (doc.enrolments[0] as { enrolledOn: string }).enrolledOn = '9999-12-31';
    (doc.coaches[0] as { recoveryStartDate?: string }).recoveryStartDate = '0000-01-01';
    const r = parseProgramData(doc);
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        ['implausible-date', 'coaches[0].recoveryStartDate'],
        ['implausible-date', 'enrolments[0].enrolledOn'],
      ]),
    );
    for (const i of r.issues ?? []) expect(i.message).not.toMatch(/9999|0000-01-01/);
  });
});

describe('records dated outside their enrolment', () => {
  /** The oracle: each contact, plan version and message whose local date is outside its enrolment. */
  function outside(doc: ProgramData): string[] {
    const zone = doc.program.timeZone;
    const e = new Map(doc.enrolments.map((x) => [x.id, x]));
    const out: string[] = [];
    const test = (id: string, day: string, at: string) => {
      const en = e.get(id);
      if (en && (day < en.enrolledOn || (en.exit !== undefined && day > en.exit.on))) out.push(at);
    };
    doc.contacts.forEach((c, i) => {
      test(c.enrolmentId, toLocalDate(c.start, zone), `contacts[${i}].start`);
    });
    doc.plans.forEach((p, i) => {
      test(p.enrolmentId, p.createdOn, `plans[${i}].createdOn`);
    });
    doc.messages.forEach((m, i) => {
      test(m.enrolmentId, toLocalDate(m.receivedAt, zone), `messages[${i}].receivedAt`);
    });
    return out.sort();
  }

  test.prop([arbDoc, fc.array(fc.tuple(fc.nat(), fc.integer({ min: -400, max: 400 })), { maxLength: 6 })], {
    numRuns: 80,
  })('are warned about exactly, and the document is still accepted', (data, shifts) => {
    const doc = clone(data);
    for (const [at, days] of shifts) {
      const all = [...doc.contacts, ...doc.plans, ...doc.messages];
      const rec = all[at % Math.max(1, all.length)] as Record<string, string> | undefined;
      if (rec === undefined) continue;
      if ('start' in rec) {
        rec.start = shiftDays(rec.start as string, days) + (rec.start as string).slice(10);
        rec.end = rec.start;
      } else if ('createdOn' in rec) rec.createdOn = shiftDays(rec.createdOn as string, days);
      else if ('receivedAt' in rec) {
        rec.receivedAt = shiftDays(rec.receivedAt as string, days) + (rec.receivedAt as string).slice(10);
        delete rec.repliedAt;
      }
    }
    const r = parseProgramData(doc);
    // Shifting can break an ordering rule (a plan chain's dates are not checked, contact periods are kept).
    if (!r.success) return;
    const warned = (r.issues ?? []).filter((i) => i.code === 'outside-enrolment');
    for (const w of warned) expect(w.severity).toBe('warning');
    expect(warned.map((w) => w.pointer).sort()).toEqual(outside(doc));
  });

  it('warns with a code of its own and keeps the data', () => {
    const doc = clone(fc.sample(arbDoc, { seed: 11, numRuns: 1 })[0] as ProgramData);
    const enr = doc.enrolments[0] as ProgramData['enrolments'][number];
    doc.plans = doc.plans.map((p) =>
      p.enrolmentId === enr.id && p.version === 1 ? { ...p, createdOn: shiftDays(enr.enrolledOn, -3) } : p,
    );
    const r = parseProgramData(doc);
    expect(r.success).toBe(true);
    const i = doc.plans.findIndex((p) => p.enrolmentId === enr.id && p.version === 1);
    if (i >= 0)
      expect(r.issues).toContainEqual(
        expect.objectContaining({
          code: 'outside-enrolment',
          severity: 'warning',
          path: ['plans', i, 'createdOn'],
          message: `plans[${i}].createdOn: the plan version is before the enrolment starts (enrolledOn)`,
        }),
      );
  });
});

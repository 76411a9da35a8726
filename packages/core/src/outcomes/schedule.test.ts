import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  type AssessmentSchedule,
  evaluateSchedule,
  followUpRate,
  type ScheduleEvaluation,
  type SchedulePointResult,
  samhsaSuprt2025,
} from './schedule';

const INTAKE = '2026-01-01';

/** Test oracle: the date `days` after `date`, through Date.UTC (independent of the module's own arithmetic). */
function plus(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function day(n: number): string {
  return plus(INTAKE, n);
}

function assessment(id: string, onDay: number, extra: { enrolmentId?: string; instrument?: string } = {}) {
  return {
    id,
    enrolmentId: extra.enrolmentId ?? 'enr-1',
    instrument: extra.instrument ?? 'barc-10',
    completedOn: day(onDay),
  };
}

function evaluate(days: number[], asOfDay: number, exitDay?: number, id = 'enr-1'): ScheduleEvaluation {
  const enrolment =
    exitDay === undefined
      ? { id, enrolledOn: INTAKE }
      : { id, enrolledOn: INTAKE, exit: { on: day(exitDay) } };
  return evaluateSchedule(
    enrolment,
    days.map((d, i) => assessment(`a${i}`, d, { enrolmentId: id })),
    samhsaSuprt2025,
    { asOf: day(asOfDay) },
  );
}

function point(e: ScheduleEvaluation, id: string, occurrence = 1): SchedulePointResult | undefined {
  return e.points.find((p) => p.pointId === id && p.occurrence === occurrence);
}

describe('windows of the SUPRT schedule', () => {
  it('opens the 180 +/- 30 reassessment on day 150 and closes it on day 210, both inclusive', () => {
    for (const d of [150, 151, 180, 209, 210]) {
      const e = evaluate([0, d], 400);
      expect(point(e, 'reassessment-6m')).toMatchObject({
        status: 'done',
        assessmentId: 'a1',
        completedOn: day(d),
      });
      expect(e.unassigned).toEqual([]);
    }
    expect(point(evaluate([0], 400), 'reassessment-6m')?.window).toEqual({
      opens: day(150),
      target: day(180),
      closes: day(210),
    });
  });

  it('does not count day 149 or day 211, and says how far outside they are', () => {
    const late = evaluate([0, 211], 400);
    expect(point(late, 'reassessment-6m')?.status).toBe('missed');
    expect(late.unassigned).toEqual([
      {
        assessmentId: 'a1',
        completedOn: day(211),
        reason: 'out-of-window',
        nearest: { pointId: 'reassessment-6m', occurrence: 1 },
        daysFromWindow: 1,
      },
    ]);
    const early = evaluate([0, 149], 400);
    expect(point(early, 'reassessment-6m')?.status).toBe('missed');
    expect(early.unassigned[0]).toMatchObject({ reason: 'out-of-window', daysFromWindow: -1 });
  });

  it('accepts a baseline on day 30 but not on day 31', () => {
    expect(point(evaluate([30], 40), 'baseline')).toMatchObject({ status: 'done', assessmentId: 'a0' });
    const late = evaluate([31], 40);
    expect(point(late, 'baseline')?.status).toBe('missed');
    expect(late.unassigned[0]).toMatchObject({
      reason: 'out-of-window',
      nearest: { pointId: 'baseline', occurrence: 1 },
      daysFromWindow: 1,
    });
  });

  it('moves a point from upcoming to in-window to missed as the evaluation date passes', () => {
    const status = (asOfDay: number) => point(evaluate([0], asOfDay), 'reassessment-6m')?.status;
    expect(status(149)).toBe('upcoming');
    expect(status(150)).toBe('in-window');
    expect(status(210)).toBe('in-window');
    expect(status(211)).toBe('missed');
    expect(point(evaluate([], 30), 'baseline')?.status).toBe('in-window');
    expect(point(evaluate([], 31), 'baseline')?.status).toBe('missed');
  });

  it('does not see assessments dated after the evaluation date, or of other enrolments or instruments', () => {
    const e = evaluateSchedule(
      { id: 'enr-1', enrolledOn: INTAKE },
      [
        assessment('later', 10),
        assessment('other', 5, { enrolmentId: 'enr-2' }),
        assessment('hrqol', 5, { instrument: 'hrqol-4' }),
      ],
      samhsaSuprt2025,
      { asOf: day(9), instrument: 'barc-10' },
    );
    expect(point(e, 'baseline')?.status).toBe('in-window');
    expect(e.unassigned).toEqual([]);
  });
});

describe('annual and closeout points', () => {
  it('lists annual assessments while in care, up to the next one not yet open', () => {
    const e = evaluate([0, 180, 370], 720);
    expect(e.points.filter((p) => p.pointId === 'annual').map((p) => [p.occurrence, p.status])).toEqual([
      [1, 'done'],
      [2, 'in-window'],
      [3, 'upcoming'],
    ]);
    expect(point(e, 'annual', 2)?.window).toEqual({ opens: day(700), target: day(730), closes: day(760) });
    expect(point(e, 'closeout')).toMatchObject({ status: 'not-applicable', reason: 'care-not-ended' });
    expect(point(e, 'closeout')).not.toHaveProperty('window');
  });

  it('stops annual assessments at the end of care, and opens the closeout window', () => {
    const e = evaluate([0, 180, 365, 420], 800, 400);
    expect(e.points.filter((p) => p.pointId === 'annual').map((p) => p.status)).toEqual(['done']);
    expect(point(e, 'closeout')).toMatchObject({
      status: 'done',
      assessmentId: 'a3',
      window: { opens: day(400), target: day(400), closes: day(430) },
    });
    const short = evaluate([0], 800, 300);
    expect(point(short, 'annual')).toMatchObject({
      status: 'not-applicable',
      reason: 'care-ended-before-target',
    });
    expect(point(short, 'reassessment-6m')?.status).toBe('missed');
  });

  it('lets one assessment fulfil one point only', () => {
    // Care ends on day 190: reassessment window 150-210 and closeout window 190-220 overlap.
    const e = evaluate([0, 195], 300, 190);
    expect(point(e, 'reassessment-6m')?.status).toBe('done');
    expect(point(e, 'closeout')?.status).toBe('missed');
    const both = evaluate([0, 195, 200], 300, 190);
    expect(point(both, 'reassessment-6m')?.assessmentId).toBe('a1');
    expect(point(both, 'closeout')?.assessmentId).toBe('a2');
  });

  it('lists an extra assessment inside an already fulfilled window', () => {
    const e = evaluate([0, 10], 40);
    expect(e.unassigned).toEqual([{ assessmentId: 'a1', completedOn: day(10), reason: 'extra-in-window' }]);
  });

  it('reports invalid dates as issues and does not throw', () => {
    const e = evaluateSchedule({ id: 'enr-1', enrolledOn: '2026-02-30' }, [], samhsaSuprt2025, {
      asOf: 'not a date',
    });
    expect(e.points).toEqual([]);
    expect(e.issues.map((i) => i.pointer)).toEqual(['asOf', 'enrolment.enrolledOn']);
    const bad = evaluateSchedule(
      { id: 'enr-1', enrolledOn: INTAKE },
      [{ id: 'x', enrolmentId: 'enr-1', instrument: 'barc-10', completedOn: '2026-99-01' }],
      samhsaSuprt2025,
      { asOf: day(5) },
    );
    expect(bad.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['invalid-date', 'assessments[0].completedOn'],
    ]);
    expect(bad.issues[0]?.message).not.toContain('2026-99-01');
  });

  it('follows a replaced schedule version', () => {
    const mine: AssessmentSchedule = {
      id: 'my-program',
      version: '2',
      source: 'test',
      points: [
        {
          id: 'three-months',
          label: '90 days +/- 14',
          anchor: 'intake',
          offsetDays: 90,
          windowBeforeDays: 14,
          windowAfterDays: 14,
          followUp: true,
        },
      ],
    };
    const e = evaluateSchedule({ id: 'enr-1', enrolledOn: INTAKE }, [assessment('a', 104)], mine, {
      asOf: day(200),
    });
    expect(e).toMatchObject({ scheduleId: 'my-program', scheduleVersion: '2' });
    expect(e.points).toMatchObject([{ pointId: 'three-months', status: 'done' }]);
  });
});

describe('followUpRate', () => {
  it('is null, never NaN, when no follow-up is due', () => {
    expect(followUpRate([])).toEqual({
      n: 0,
      numerator: 0,
      denominator: 0,
      rate: null,
      target: 0.8,
      meetsTarget: null,
      inWindow: 0,
    });
    expect(followUpRate([evaluate([0], 100)]).rate).toBeNull();
  });

  it('counts due follow-ups only, and compares with the target', () => {
    const done = evaluate([0, 180], 380, undefined, 'e1'); // reassessment done; annual in window (days 335-395)
    const missed = evaluate([0], 380, undefined, 'e2'); // reassessment missed; annual in window
    const r = followUpRate([done, missed]);
    expect(r).toEqual({
      n: 2,
      numerator: 1,
      denominator: 2,
      rate: 0.5,
      target: 0.8,
      meetsTarget: false,
      inWindow: 2,
    });
    // 4 of 5: exactly the 80% target
    const five = [180, 150, 210, 200, 211].map((d, i) => evaluate([0, d], 300, undefined, `p${i}`));
    expect(followUpRate(five)).toMatchObject({
      n: 5,
      numerator: 4,
      denominator: 5,
      rate: 0.8,
      meetsTarget: true,
    });
    expect(followUpRate(five, 0.9).meetsTarget).toBe(false);
    expect(followUpRate(done.points).denominator).toBe(1);
  });
});

const days = fc.array(fc.integer({ min: -20, max: 900 }), { maxLength: 8 });
const asOfDay = fc.integer({ min: 0, max: 1000 });
const exitDay = fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined });

describe('schedule properties', () => {
  test.prop([days, asOfDay, exitDay])(
    'done points hold an assessment inside their window, each used once',
    (ds, a, x) => {
      const e = evaluate(ds, a, x);
      const used = new Set<string>();
      for (const p of e.points) {
        if (p.status !== 'done') continue;
        expect(p.window).toBeDefined();
        expect(p.completedOn! >= p.window!.opens && p.completedOn! <= p.window!.closes).toBe(true);
        expect(used.has(p.assessmentId!)).toBe(false);
        used.add(p.assessmentId!);
      }
      const seen = ds.filter((d) => d <= a).length;
      expect(used.size + e.unassigned.length).toBe(seen);
    },
  );

  test.prop([days, asOfDay, exitDay, fc.integer({ min: -20, max: 900 })])(
    'one more assessment never lowers the number of points done',
    (ds, a, x, extra) => {
      const count = (e: ScheduleEvaluation) => e.points.filter((p) => p.status === 'done').length;
      expect(count(evaluate([...ds, extra], a, x))).toBeGreaterThanOrEqual(count(evaluate(ds, a, x)));
    },
  );

  test.prop([days, asOfDay, exitDay, fc.nat()])(
    'does not depend on the order of the assessments',
    (ds, a, x, seed) => {
      const list = ds.map((d, i) => assessment(`a${i}`, d));
      const shuffled = [...list].sort(
        (p, q) => ((p.id.charCodeAt(1) * 31 + seed) % 7) - ((q.id.charCodeAt(1) * 31 + seed) % 7),
      );
      const enrolment =
        x === undefined
          ? { id: 'enr-1', enrolledOn: INTAKE }
          : { id: 'enr-1', enrolledOn: INTAKE, exit: { on: day(x) } };
      const one = evaluateSchedule(enrolment, list, samhsaSuprt2025, { asOf: day(a) });
      const two = evaluateSchedule(enrolment, shuffled, samhsaSuprt2025, { asOf: day(a) });
      expect(two).toEqual(one);
    },
  );

  test.prop([fc.array(fc.tuple(days, asOfDay, exitDay), { maxLength: 6 })])(
    'the follow-up rate is within 0..1 or null',
    (cases) => {
      const r = followUpRate(cases.map(([ds, a, x]) => evaluate(ds, a, x)));
      if (r.denominator === 0) expect(r.rate).toBeNull();
      else {
        expect(r.rate).toBeGreaterThanOrEqual(0);
        expect(r.rate).toBeLessThanOrEqual(1);
        expect(r.rate).toBe(r.numerator / r.denominator);
      }
    },
  );
});

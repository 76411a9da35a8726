import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Enrolment, Goal, ProgramData } from '../model/domain';
import { emptyProgramData } from '../testing/builders';
import { withThresholds } from './instrument';
import { barc10Instrument, instrumentById } from './instruments';
import { evaluateSchedule, samhsaSuprt2025 } from './schedule';
import { createOutcomeSummarizer, type OutcomeSummaryInput, summarizeOutcomes } from './summary';

/** Test oracle: the date `n` days after intake, through Date.UTC. */
function day(n: number): string {
  return new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
}

function barc(id: string, enrolmentId: string, onDay: number, values: (number | null)[]) {
  return {
    id,
    enrolmentId,
    instrument: 'barc-10',
    completedOn: day(onDay),
    answers: Object.fromEntries(values.map((v, i) => [String(i + 1), v])),
  };
}

function enrolment(id: string, coaches: { coachId: string; from: number; to?: number }[], enrolledDay = 0) {
  return {
    id,
    enrolledOn: day(enrolledDay),
    coachAssignments: coaches.map((c) =>
      c.to === undefined
        ? { coachId: c.coachId, from: day(c.from) }
        : { coachId: c.coachId, from: day(c.from), to: day(c.to) },
    ),
  };
}

function goal(id: string, status: Goal['status'], outcome?: Goal['outcome']): Goal {
  return outcome === undefined
    ? { id, description: 'private words', status }
    : { id, description: 'private words', status, outcome };
}

const ASOF = day(400);

const data: OutcomeSummaryInput = {
  enrolments: [
    enrolment('e1', [
      { coachId: 'c1', from: 0, to: 100 },
      { coachId: 'c2', from: 101 },
    ]),
    enrolment('e2', [{ coachId: 'c1', from: 0 }]),
    enrolment('e3', [{ coachId: 'c2', from: 0 }]),
    enrolment('e4', [{ coachId: 'c1', from: 0 }]),
    enrolment('e5', []),
    enrolment('e6', [{ coachId: 'c1', from: 410 }], 410), // starts after the summary date
  ],
  assessments: [
    // e1: 3+4+2+5+6+1+4+3+5+4 = 37 at baseline; 5+4+6+5+5+4+6+5+5+4 = 49 at 6 months: crosses 47, change +12
    barc('e1-b', 'e1', 5, [3, 4, 2, 5, 6, 1, 4, 3, 5, 4]),
    barc('e1-f', 'e1', 180, [5, 4, 6, 5, 5, 4, 6, 5, 5, 4]),
    barc('e1-after', 'e1', 500, [6, 6, 6, 6, 6, 6, 6, 6, 6, 6]), // after the summary date: not read
    // e2: ten 5s = 50 at baseline; ten 4s = 40 at follow-up: change -10
    barc('e2-b', 'e2', 10, [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]),
    barc('e2-f', 'e2', 200, [4, 4, 4, 4, 4, 4, 4, 4, 4, 4]),
    { id: 'e2-m', enrolmentId: 'e2', instrument: 'mirc-28', completedOn: day(12), answers: { '1': 2 } },
    // e3: an incomplete response, then a complete baseline (46); the follow-up is 0-based (invalid); day 240 is late
    barc('e3-i', 'e3', 0, [5, 5, null, 5, 5, 5, 4, 4, 4, 4]),
    barc('e3-b', 'e3', 20, [5, 5, 5, 5, 5, 5, 4, 4, 4, 4]),
    barc('e3-z', 'e3', 205, [4, 4, 4, 4, 4, 4, 3, 3, 3, 0]),
    barc('e3-late', 'e3', 240, [6, 6, 6, 6, 6, 6, 6, 6, 6, 6]),
    // e4: first assessment on day 60, no baseline: not followed up
    barc('e4-x', 'e4', 60, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]),
    // e5: baseline only (ten 6s = 60), follow-ups missed
    barc('e5-b', 'e5', 3, [6, 6, 6, 6, 6, 6, 6, 6, 6, 6]),
    // e6: enrolled after the summary date
    barc('e6-b', 'e6', 411, [6, 6, 6, 6, 6, 6, 6, 6, 6, 6]),
    // HRQOL-4 for e1: 4 + 10 = 14 at baseline; 0 + 0 = 0 at day 190: change -14
    {
      id: 'e1-h1',
      enrolmentId: 'e1',
      instrument: 'hrqol-4',
      completedOn: day(5),
      answers: { '1': 3, '2': 4, '3': 10, '4': 2 },
    },
    {
      id: 'e1-h2',
      enrolmentId: 'e1',
      instrument: 'hrqol-4',
      completedOn: day(190),
      answers: { '1': 2, '2': 0, '3': 0 },
    },
  ],
  plans: [
    {
      enrolmentId: 'e1',
      version: 1,
      createdOn: day(10),
      goals: [
        goal('g1', 'proposed', 'stability-in-housing'),
        goal('g2', 'proposed', 'relationships'),
        goal('g3', 'proposed'),
      ],
    },
    {
      enrolmentId: 'e1',
      version: 2,
      createdOn: day(100),
      goals: [
        goal('g1', 'achieved', 'stability-in-housing'),
        goal('g2', 'in-progress', 'relationships'),
        goal('g3', 'in-progress'),
        goal('g4', 'cancelled', 'reduced-substance-use'),
      ],
    },
    {
      enrolmentId: 'e1',
      version: 3,
      createdOn: day(450),
      goals: [goal('g1', 'not-achieved', 'stability-in-housing')],
    },
    {
      enrolmentId: 'e2',
      version: 1,
      createdOn: day(20),
      goals: [
        goal('h1', 'achieved', 'education-employment'),
        goal('h2', 'not-achieved', 'reduced-isolation'),
        goal('h3', 'in-progress', 'reduced-substance-use'),
      ],
    },
  ],
};

describe('summarizeOutcomes', () => {
  const s = summarizeOutcomes(data, { asOf: ASOF });
  const barcSummary = s.instruments.find((i) => i.instrumentId === 'barc-10');
  const hrqolSummary = s.instruments.find((i) => i.instrumentId === 'hrqol-4');

  it('reads only enrolments and records dated by the summary date', () => {
    expect(s.enrolments).toBe(5);
    expect(s.instruments.map((i) => i.instrumentId)).toEqual(['barc-10', 'hrqol-4']);
    expect(s.unknownInstruments).toEqual([{ instrumentId: 'mirc-28', assessments: 1 }]);
    expect(s.issues).toEqual([]);
    expect(s).toMatchObject({ scheduleId: 'samhsa-suprt', asOf: ASOF });
  });

  it('counts responses by status and issue code', () => {
    expect(barcSummary?.responses).toEqual({
      n: 10,
      scored: 8,
      incomplete: 1,
      invalid: 1,
      issueCounts: { 'missing-item': 1, 'zero-based-scale': 1 },
    });
  });

  it('pairs the earliest complete baseline with the latest complete in-window follow-up', () => {
    // pairs: e1 37 -> 49 (+12), e2 50 -> 40 (-10); e3 has no valid in-window follow-up; e5 none; e4 no baseline
    // mean baseline (37 + 50) / 2 = 43.5; follow-up (49 + 40) / 2 = 44.5; change (12 - 10) / 2 = 1
    // sd of change: deviations 11 and -11, (121 + 121) / 1 = 242, sqrt(242) = 11 * sqrt(2)
    expect(barcSummary?.change.n).toBe(2);
    expect(barcSummary?.change.meanBaseline).toBe(43.5);
    expect(barcSummary?.change.meanFollowUp).toBe(44.5);
    expect(barcSummary?.change.meanChange).toBe(1);
    expect(barcSummary?.change.sdChange).toBeCloseTo(11 * Math.SQRT2, 10);
    expect(hrqolSummary?.change).toMatchObject({
      n: 1,
      meanBaseline: 14,
      meanFollowUp: 0,
      meanChange: -14,
      sdChange: null,
      confidenceInterval: null,
      pairedT: null,
    });
  });

  it('gives change and attrition per follow-up point, on an intake basis', () => {
    // As of day 400: reassessment-6m (days 150-210) and annual #1 (335-395) have closed for e1-e5; annual #2 has not
    // opened (not due, not listed); no exit, so no closeout.
    expect(barcSummary?.changeByPoint.map((p) => [p.pointId, p.occurrence])).toEqual([
      ['reassessment-6m', 1],
      ['annual', 1],
    ]);
    const six = barcSummary?.changeByPoint[0];
    // Administered in the window: e1 (day 180), e2 (200), e3 (205, 0-based: invalid but administered); e4, e5 missed.
    // Complete baselines: e1 37, e2 50, e3 46 (day 20; the incomplete day-0 response is not used), e5 60; e4 none.
    // Pairs: e1 37 -> 49, e2 50 -> 40. Lost: e3 (no complete response in the window), e5.
    expect(six?.attrition).toMatchObject({
      due: 5,
      done: 3,
      rate: 0.6,
      withBaseline: 4,
      paired: 2,
      baselineNoPair: 2,
      retainedBaseline: { n: 2, mean: 43.5 },
      lostBaseline: { n: 2, mean: 53 },
    });
    // SD of the retained baselines: |37 - 43.5| = 6.5 twice, sqrt(2 * 42.25 / 1); lost: 7 twice, sqrt(98).
    expect(six?.attrition.retainedBaseline.sd).toBeCloseTo(Math.sqrt(84.5), 10);
    expect(six?.attrition.lostBaseline.sd).toBeCloseTo(Math.sqrt(98), 10);
    // Welch: t = (43.5 - 53) / sqrt(84.5 / 2 + 98 / 2) = -9.5 / sqrt(91.25).
    expect(six?.attrition.baselineDifference?.t).toBeCloseTo(-9.5 / Math.sqrt(91.25), 10);
    expect(six?.change).toMatchObject({ n: 2, meanBaseline: 43.5, meanFollowUp: 44.5, meanChange: 1 });
    // 95% CI with 1 df: 1 +/- 12.7062047 * 11 (the SE is 11 * sqrt(2) / sqrt(2)); t(0.975, 1) = tan(0.475 * pi).
    expect(six?.change.confidenceInterval?.lower).toBeCloseTo(1 - Math.tan(0.475 * Math.PI) * 11, 6);
    expect(six?.thresholds[0]).toMatchObject({ n: 2, notMetAtBaseline: 1, crossed: 1, crossedShare: 1 });
    const annual = barcSummary?.changeByPoint[1];
    expect(annual?.attrition).toMatchObject({ due: 5, done: 0, rate: 0, withBaseline: 4, paired: 0 });
    expect(annual?.change).toMatchObject({ n: 0, meanChange: null });
  });

  it('counts crossings of the BARC-10 threshold', () => {
    expect(barcSummary?.thresholds).toEqual([
      {
        thresholdId: 'sustainedRemissionThreshold',
        flag: 'atOrAboveThreshold',
        comparison: 'at-or-above',
        value: 47,
        n: 2,
        metAtBaseline: 1,
        metAtFollowUp: 1,
        notMetAtBaseline: 1,
        crossed: 1,
        crossedShare: 1,
      },
    ]);
    expect(hrqolSummary?.thresholds).toEqual([]);
  });

  it('uses a program threshold when given', () => {
    const strict = summarizeOutcomes(data, {
      asOf: ASOF,
      instruments: [withThresholds(barc10Instrument, { sustainedRemissionThreshold: 50 })],
    });
    // with 50: e1 49 does not reach it; e2 50 meets it at baseline only
    expect(strict.instruments[0]?.thresholds[0]).toMatchObject({
      value: 50,
      metAtBaseline: 1,
      crossed: 0,
      crossedShare: 0,
    });
    expect(instrumentById('barc-10')?.thresholds[0]?.value).toBe(47);
  });

  it('computes the follow-up rate over people with a baseline', () => {
    // e1, e2, e3, e5 have a baseline. Reassessment (days 150-210): done for e1, e2, e3 (a record is inside), missed
    // for e5. Annual (days 335-395): closed and missed for all four. 3 of 8.
    expect(barcSummary?.followUp).toEqual({
      n: 4,
      numerator: 3,
      denominator: 8,
      rate: 0.375,
      target: 0.8,
      meetsTarget: false,
      inWindow: 0,
    });
    expect(hrqolSummary?.followUp).toMatchObject({ n: 1, numerator: 1, denominator: 2, rate: 0.5 });
  });

  it('groups by the coach assigned on the assessment date', () => {
    const g = summarizeOutcomes(data, { asOf: ASOF, groupBy: 'coach' }).instruments[0]?.groups ?? [];
    expect(g.map((x) => x.key)).toEqual(['(unassigned)', 'c1', 'c2']);
    const [none, c1, c2] = g;
    expect(none?.change).toMatchObject({
      n: 0,
      meanBaseline: null,
      meanFollowUp: null,
      meanChange: null,
      sdChange: null,
    });
    expect(none?.followUp).toMatchObject({ n: 1, numerator: 0, denominator: 2, rate: 0 });
    // e2's follow-up on day 200 was with c1
    expect(c1?.change).toMatchObject({ n: 1, meanChange: -10 });
    expect(c1?.followUp).toMatchObject({ n: 1, numerator: 1, denominator: 2 });
    // e1's follow-up on day 180 was with c2 (c1 until day 100); e3 is with c2
    expect(c2?.change).toMatchObject({ n: 1, meanChange: 12 });
    expect(c2?.thresholds[0]).toMatchObject({ n: 1, crossed: 1 });
    expect(c2?.followUp).toMatchObject({ n: 2, numerator: 2, denominator: 4, rate: 0.5 });
    expect(s.instruments[0]?.groups).toEqual([]);
  });

  it('groups by site when sites are given', () => {
    const g =
      summarizeOutcomes(data, {
        asOf: ASOF,
        groupBy: 'site',
        siteByEnrolment: { e1: 'north', e2: 'north', e3: 'south' },
      }).instruments[0]?.groups ?? [];
    expect(g.map((x) => [x.key, x.change.n, x.followUp.numerator, x.followUp.denominator])).toEqual([
      ['(no site)', 0, 0, 2],
      ['north', 2, 2, 4],
      ['south', 0, 1, 2],
    ]);
  });

  it('counts goals of the latest plan version by NOMs domain and status', () => {
    const by = Object.fromEntries(s.domains.map((d) => [d.domain, d]));
    expect(s.domains).toHaveLength(10);
    expect(s.untaggedGoals).toBe(1);
    expect(by['stability-in-housing']).toMatchObject({ n: 1, enrolments: 1, achievedShare: 1 });
    expect(by['stability-in-housing']?.byStatus).toEqual({
      proposed: 0,
      'in-progress': 0,
      achieved: 1,
      'not-achieved': 0,
      cancelled: 0,
    });
    expect(by['social-connectedness']).toMatchObject({ n: 2, enrolments: 2, achievedShare: 0 });
    expect(by['social-connectedness']?.byOutcome).toEqual({
      'social-comfort': 0,
      relationships: 1,
      'reduced-isolation': 1,
      'community-participation': 0,
    });
    // one cancelled and one in progress: achieved 0 of 1 goal not cancelled
    expect(by['reduced-morbidity']).toMatchObject({ n: 2, achievedShare: 0 });
    expect(by['reduced-morbidity']?.byStatus.cancelled).toBe(1);
    expect(by['employment-education']).toMatchObject({ n: 1, achievedShare: 1 });
    expect(by.retention).toMatchObject({ n: 0, enrolments: 0, achievedShare: null });
  });

  it('reports nothing over zero, and bad dates as issues, without echoing them', () => {
    const empty = summarizeOutcomes({ enrolments: [], assessments: [] }, { asOf: ASOF });
    expect(empty.instruments).toEqual([]);
    expect(empty.domains.every((d) => d.n === 0 && d.achievedShare === null)).toBe(true);
    const bad = summarizeOutcomes(
      {
        enrolments: [{ ...enrolment('x', []), exit: { on: '2026-02-31' } as never }],
        assessments: [{ ...barc('y', 'x', 1, [1]), completedOn: '2026-13-01' }],
      },
      { asOf: ASOF },
    );
    expect(bad.issues.map((i) => i.pointer)).toEqual(['enrolments[0].exit.on', 'assessments[0].completedOn']);
    expect(JSON.stringify(bad.issues)).not.toMatch(/2026-02-31|2026-13-01|private words/);
  });
});

describe('input types', () => {
  it('accept a whole program document and a domain enrolment', () => {
    const doc: ProgramData = emptyProgramData();
    expect(summarizeOutcomes(doc, { asOf: ASOF }).enrolments).toBe(0);
    const e: Enrolment = {
      id: 'e',
      peerId: 'p1',
      enrolledOn: day(0),
      documents: {},
      coachAssignments: [],
      stages: [],
      holds: [],
      exit: { on: day(20), kind: 'completed', referralsMade: [] },
    };
    expect(evaluateSchedule(e, doc.assessments, samhsaSuprt2025, { asOf: day(40) }).points.length).toBe(4);
  });
});

describe('summary properties', () => {
  test.prop([fc.shuffledSubarray(data.assessments as OutcomeSummaryInput['assessments'][number][])], {
    numRuns: 50,
  })('is deterministic, never NaN, and shares are null or within 0..1', (assessments) => {
    const input = { ...data, assessments };
    const a = summarizeOutcomes(input, { asOf: ASOF, groupBy: 'coach' });
    expect(summarizeOutcomes(input, { asOf: ASOF, groupBy: 'coach' })).toEqual(a);
    const json = JSON.stringify(a);
    expect(json).not.toContain('NaN');
    for (const i of a.instruments) {
      for (const r of [i.followUp, ...i.groups.map((g) => g.followUp)]) {
        if (r.denominator === 0) expect(r.rate).toBeNull();
        else expect(r.rate! >= 0 && r.rate! <= 1).toBe(true);
      }
      if (i.change.n === 0) expect(i.change.meanChange).toBeNull();
      expect(i.groups.reduce((n, g) => n + g.change.n, 0)).toBe(i.change.n);
      expect(i.groups.reduce((n, g) => n + g.followUp.denominator, 0)).toBe(i.followUp.denominator);
    }
  });

  const all = data.assessments as OutcomeSummaryInput['assessments'][number][];
  test.prop([fc.shuffledSubarray(all, { minLength: all.length })], { numRuns: 50 })(
    'does not depend on the order of the records',
    (assessments) => {
      const options = { asOf: ASOF, groupBy: 'coach' } as const;
      expect(summarizeOutcomes({ ...data, assessments }, options)).toEqual(summarizeOutcomes(data, options));
    },
  );
});

describe('follow-up rates counted as the enrolments are evaluated', () => {
  // Random enrolments (intake, exit) with random BARC-10 responses; sites from a small set.
  const arbProgram = fc
    .array(
      fc.record({
        intake: fc.integer({ min: 0, max: 300 }),
        exit: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
        site: fc.constantFrom('north', 'south', 'east'),
        responses: fc.array(
          fc.record({ offset: fc.integer({ min: 0, max: 800 }), value: fc.integer({ min: 1, max: 6 }) }),
          { maxLength: 6 },
        ),
      }),
      { minLength: 1, maxLength: 12 },
    )
    .map((rows) => {
      const enrolments = rows.map((r, i) => ({
        id: `e${i}`,
        enrolledOn: day(r.intake),
        coachAssignments: [],
        ...(r.exit === undefined
          ? {}
          : { exit: { on: day(r.intake + r.exit), kind: 'completed' as const, referralsMade: [] } }),
      }));
      const assessments = rows.flatMap((r, i) =>
        r.responses.map((x, j) => barc(`a${i}-${j}`, `e${i}`, r.intake + x.offset, Array(10).fill(x.value))),
      );
      const sites = Object.fromEntries(rows.map((r, i) => [`e${i}`, r.site]));
      return { enrolments, assessments, sites };
    });

  test.prop([arbProgram, fc.integer({ min: 0, max: 1200 })], { numRuns: 150 })(
    'equal a count over each followed enrolment’s schedule evaluation, overall and per site',
    ({ enrolments, assessments, sites }, asOfDay) => {
      const asOf = day(asOfDay);
      const s = summarizeOutcomes(
        { enrolments, assessments },
        { asOf, groupBy: 'site', siteByEnrolment: sites },
      ).instruments.find((i) => i.instrumentId === 'barc-10');
      // The oracle: every follow-up point of every enrolment (started by asOf) whose baseline is done.
      const count = () => ({ done: 0, due: 0, inWindow: 0, people: new Set<string>() });
      const overall = count();
      const bySite = new Map<string, ReturnType<typeof count>>();
      for (const e of enrolments) {
        if (e.enrolledOn > asOf) continue;
        const own = assessments.filter((a) => a.enrolmentId === e.id && a.completedOn <= asOf);
        if (own.length === 0) continue;
        const ev = evaluateSchedule(e, own, samhsaSuprt2025, { asOf, instrument: 'barc-10' });
        if (ev.points.find((p) => p.pointId === 'baseline')?.status !== 'done') continue;
        for (const p of ev.points) {
          if (!p.followUp) continue;
          const site = sites[e.id] ?? '';
          const tallies = p.window === undefined ? [overall] : [overall, bySite.get(site) ?? count()];
          if (p.window !== undefined) bySite.set(site, tallies[1]!);
          for (const t of tallies) {
            if (p.status === 'in-window') t.inWindow++;
            if (p.status === 'done' || p.status === 'missed') {
              t.due++;
              if (p.status === 'done') t.done++;
              t.people.add(e.id);
            }
          }
        }
      }
      const expected = (t: ReturnType<typeof count>) => ({
        n: t.people.size,
        numerator: t.done,
        denominator: t.due,
        inWindow: t.inWindow,
      });
      if (s === undefined) {
        expect(overall.due + overall.inWindow).toBe(0);
        return;
      }
      expect(s.followUp).toMatchObject(expected(overall));
      for (const [site, t] of bySite) {
        const g = s.groups.find((x) => x.key === site);
        expect(g?.followUp ?? null).toMatchObject(expected(t));
      }
      expect(s.groups.filter((g) => g.followUp.denominator + g.followUp.inWindow > 0).length).toBe(
        [...bySite.values()].filter((t) => t.due + t.inWindow > 0).length,
      );
    },
  );
});

describe('createOutcomeSummarizer', () => {
  const all = data.assessments as OutcomeSummaryInput['assessments'][number][];
  const options = { asOf: ASOF, groupBy: 'coach' } as const;

  test.prop([fc.subarray(all.map((a) => a.id))], { numRuns: 60 })(
    'with leaveOut gives the summary of the assessments without those left out',
    (ids) => {
      const leaveOut = new Set(ids);
      const s = createOutcomeSummarizer(data.enrolments, options);
      for (const a of all) s.add(a);
      const expected = summarizeOutcomes(
        { ...data, assessments: all.filter((a) => !leaveOut.has(a.id)) },
        options,
      );
      expect(s.finish({ plans: data.plans ?? [], leaveOut })).toEqual(expected);
    },
  );

  it('scores each assessment as it is added and keeps none of its answers', () => {
    const copies = all.map((a) => ({ ...a, answers: { ...a.answers } }));
    const s = createOutcomeSummarizer(data.enrolments, options);
    for (const a of copies) s.add(a);
    for (const a of copies) for (const k of Object.keys(a.answers)) a.answers[k] = 0;
    expect(s.finish({ plans: data.plans ?? [] })).toEqual(summarizeOutcomes(data, options));
  });

  it('gives the same summary when finished twice, and more after more is added', () => {
    // A plan with a bad date: its issue is reported once per summary, not once more per finish.
    const plans = [
      ...(data.plans ?? []),
      { enrolmentId: 'e2', version: 1, createdOn: '2026-02-30', goals: [goal('g9', 'proposed')] },
    ];
    const withPlans = { ...data, plans };
    const s = createOutcomeSummarizer(data.enrolments, options);
    const half = Math.floor(all.length / 2);
    for (const a of all.slice(0, half)) s.add(a);
    const first = s.finish({ plans });
    expect(first.issues.length).toBe(1);
    expect(s.finish({ plans })).toEqual(first);
    expect(first).toEqual(summarizeOutcomes({ ...withPlans, assessments: all.slice(0, half) }, options));
    for (const a of all.slice(half)) s.add(a);
    expect(s.finish({ plans })).toEqual(summarizeOutcomes(withPlans, options));
  });

  it('reports a bad date by the position the assessment was added at, without echoing it', () => {
    const s = createOutcomeSummarizer(data.enrolments, { asOf: ASOF });
    s.add(all[0]!);
    s.add({ ...all[1]!, completedOn: '2026-02-31' });
    const issues = s.finish().issues;
    expect(issues.map((i) => i.pointer)).toEqual(['assessments[1].completedOn']);
    expect(JSON.stringify(issues)).not.toContain('2026-02-31');
  });
});

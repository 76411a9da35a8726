import { fc, test } from '@fast-check/vitest';
import type { MeasureReport, MeasureReportGroup } from '@medplum/fhirtypes';
import {
  type EnrolmentEvaluation,
  evaluateProgram,
  type Finding,
  type Obligation,
  type ProgramData,
  type ProgramEvaluation,
} from '@peer-recovery/core';
import { arbProgramData } from '@peer-recovery/core/testing';
import { describe, expect, it } from 'vitest';
import { COMPLIANCE_MEASURE_URL, SYSTEMS } from './codes';
import { findingsToOperationOutcome, maskSmallCounts, programComplianceMeasureReport } from './compliance';
import { exampleProgram } from './testing/example';
import { sampleProgram } from './testing/sample';
import { validateResource } from './validate';

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: 'first-action-plan',
  code: 'first-action-plan.late',
  severity: 'error',
  message: 'The first action plan was signed 9 day(s) late (due 2026-03-12, signed 2026-03-21).',
  subject: { type: 'enrolment', id: 'enr-002' },
  path: 'plans[3]',
  source: {
    document: 'srp-guidelines',
    section: 'Peer-Mentor Responsibilities, item 2',
    quote: 'within one month',
  },
  expected: { signedBy: '2026-03-12' },
  found: { signedOn: '2026-03-21', daysLate: 9 },
  dueOn: '2026-03-12',
  params: { daysLate: 9, dueOn: '2026-03-12', signedOn: '2026-03-21' },
  ...over,
});

const withoutDue = (f: Finding): Finding => {
  const { dueOn: _dueOn, ...rest } = f;
  return rest;
};

describe('findingsToOperationOutcome', () => {
  it('maps each finding to one issue: severity, code, coded details, message, path, cited source', () => {
    const outcome = findingsToOperationOutcome([
      finding(),
      finding({
        ruleId: 'reply-timeliness',
        code: 'reply-timeliness.late',
        severity: 'warning',
        message: 'A message was answered late.',
        subject: { type: 'enrolment', id: 'enr-004' },
        path: 'messages[4]',
      }),
      withoutDue(
        finding({
          ruleId: 'coach-eligibility',
          code: 'coach-eligibility.recovery-date-unknown',
          severity: 'info',
          message: 'No recovery start date is recorded for the coach.',
          subject: { type: 'coach', id: 'coach-01' },
          path: 'coaches[0]',
          source: { document: 'srp-guidelines', section: 'Program description', quote: 'min 2 years' },
        }),
      ),
    ]);
    expect(validateResource(outcome)).toEqual([]);
    expect(outcome.issue).toHaveLength(3);
    expect(outcome.issue[0]).toEqual({
      severity: 'error',
      code: 'business-rule',
      details: {
        coding: [{ system: `${SYSTEMS.finding}`, code: 'first-action-plan.late' }],
        text: 'The first action plan was signed 9 day(s) late (due 2026-03-12, signed 2026-03-21).',
      },
      diagnostics: expect.stringMatching(
        /^Rule first-action-plan \(enrolment enr-002, due 2026-03-12\)\. Source: Recovery Connect Peer Recovery Coaching Program guidelines.*Peer-Mentor Responsibilities, item 2: "within one month"$/,
      ),
      expression: ['plans[3]'],
    });
    expect(outcome.issue.map((i) => [i.severity, i.code])).toEqual([
      ['error', 'business-rule'],
      ['warning', 'business-rule'],
      ['information', 'informational'],
    ]);
    expect(outcome.issue[2]?.diagnostics).toMatch(/^Rule coach-eligibility \(coach coach-01\)\. Source: /);
    expect(SYSTEMS.finding).toBe('https://peer-recovery.dev/fhir/CodeSystem/finding');
  });

  it('gives one information issue when there are no findings (OperationOutcome needs one)', () => {
    const outcome = findingsToOperationOutcome([]);
    expect(outcome.issue).toEqual([
      { severity: 'information', code: 'informational', details: { text: 'No findings' } },
    ]);
    expect(validateResource(outcome)).toEqual([]);
  });

  it('maps the real findings of the sample program, in order, all valid', () => {
    const data = sampleProgram();
    const ev = evaluateProgram(data, { asOf: '2026-11-20' });
    if (!ev.success) throw new Error('evaluation failed');
    const findings = [...ev.data.enrolments, ...ev.data.coaches].flatMap((e) => e.findings);
    const outcome = findingsToOperationOutcome(findings);
    expect(validateResource(outcome)).toEqual([]);
    expect(outcome.issue.map((i) => i.details?.coding?.[0]?.code)).toEqual(findings.map((f) => f.code));
    expect(outcome.issue.map((i) => i.expression?.[0])).toEqual(findings.map((f) => f.path));
  });
});

// ---- MeasureReport ------------------------------------------------------------------------------------------

const ZONE_OFFSET = '-07:00';
/** An obligation due at the end of `dueOn` (Los Angeles, summer time is enough for these tests). */
function ob(
  ruleId: Obligation['ruleId'],
  dueOn: string,
  status: Obligation['status'],
  metOn?: string,
): Obligation {
  return {
    id: `${ruleId}:${dueOn}`,
    ruleId,
    subject: { type: 'enrolment', id: 'e' },
    label: 'x',
    dueOn,
    dueAt: new Date(`${dueOn}T23:59:59.999${ZONE_OFFSET}`).toISOString(),
    status,
    ...(metOn === undefined ? {} : { metAt: new Date(`${metOn}T12:00:00${ZONE_OFFSET}`).toISOString() }),
  };
}
function enrolmentEval(id: string, timeline: Obligation[]): EnrolmentEvaluation {
  return {
    enrolmentId: id,
    peerId: `p-${id}`,
    asOf: ASOF,
    packId: 'srp-recovery-connect',
    results: [],
    timeline,
    findings: [],
    nextActions: [],
  };
}
const ASOF = new Date('2026-06-20T23:59:59.999-07:00').toISOString();
function evaluationOf(enrolments: EnrolmentEvaluation[], programId = 'srp'): ProgramEvaluation {
  return {
    programId,
    asOf: ASOF,
    packId: 'srp-recovery-connect',
    enrolments,
    coaches: [],
    totals: {
      enrolments: enrolments.length,
      activeEnrolments: enrolments.length,
      coaches: 0,
      findingsBySeverity: { info: 0, warning: 0, error: 0 },
      findingsByCode: {},
      overdue: 0,
      missed: 0,
    },
  };
}

/** A hand-made evaluation (asOf 2026-06-20, Los Angeles) with every case of the three measures. */
function handMade(): ProgramEvaluation {
  return evaluationOf([
    enrolmentEval('e1', [
      ob('first-action-plan', '2026-02-15', 'met', '2026-02-10'), // on time
      ob('in-person-contact', '2026-01-31', 'met', '2026-01-20'),
      ob('in-person-contact', '2026-02-28', 'missed'),
      ob('in-person-contact', '2026-03-31', 'not-applicable'),
      ob('in-person-contact', '2026-04-30', 'met', '2026-04-02'),
      ob('in-person-contact', '2026-05-31', 'met', '2026-05-02'),
      ob('in-person-contact', '2026-06-30', 'open'), // current month, not met yet
      ob('reply-timeliness', '2026-03-10', 'met', '2026-03-10'), // on time (noon on the due day)
      ob('reply-timeliness', '2026-03-12', 'met', '2026-03-13'), // late
      ob('reply-timeliness', '2026-04-02', 'overdue'),
      ob('reply-timeliness', '2026-06-25', 'met', '2026-06-19'), // answered, not due yet
      ob('reply-timeliness', '2026-06-22', 'due-soon'),
    ]),
    enrolmentEval('e2', [
      ob('first-action-plan', '2026-03-01', 'met', '2026-03-05'), // late
      ob('in-person-contact', '2026-06-30', 'met', '2026-06-03'), // current month, met already
    ]),
    enrolmentEval('e3', [ob('first-action-plan', '2026-04-01', 'overdue')]),
    enrolmentEval('e4', [ob('first-action-plan', '2026-05-01', 'not-applicable')]), // lapsed
    enrolmentEval('e5', [ob('first-action-plan', '2026-07-15', 'met', '2026-06-10')]), // not due yet
    enrolmentEval('e6', [
      ob('first-action-plan', '2025-12-31', 'met', '2025-12-01'), // before the period (local date)
      ob('plan-revision', '2026-03-31', 'overdue'), // not a measure of this report
    ]),
  ]);
}

const groupOf = (mr: MeasureReport, code: string): MeasureReportGroup | undefined =>
  mr.group?.find((g) => g.code?.coding?.[0]?.code === code);
const populations = (g: MeasureReportGroup | undefined) =>
  Object.fromEntries((g?.population ?? []).map((p) => [p.code?.coding?.[0]?.code, p.count]));

// The hand-made evaluations have small counts: these tests read them unsuppressed (minCell 0, the program's own
// use); suppression has its own tests below.
function report(ev: ProgramEvaluation, data: ProgramData, start: string, end: string): MeasureReport {
  const r = programComplianceMeasureReport(ev, data, { period: { start, end }, minCell: 0 });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

describe('programComplianceMeasureReport', () => {
  const data = exampleProgram(); // program 'srp', America/Los_Angeles

  it('counts the three measures as computed by hand, and is valid', () => {
    const mr = report(handMade(), data, '2026-01-01', '2026-12-31');
    expect(validateResource(mr)).toEqual([]);
    expect(mr).toEqual(
      expect.objectContaining({
        resourceType: 'MeasureReport',
        status: 'complete',
        type: 'summary',
        measure: COMPLIANCE_MEASURE_URL,
        date: ASOF,
        period: { start: '2026-01-01', end: '2026-12-31' },
      }),
    );
    expect(mr.reporter?.reference).toMatch(/^Organization\/[0-9a-f-]{36}$/);
    // (a) e1..e5 in the period (e6's is due 2025-12-31 local, which is already 2026 in UTC); due by asOf and not
    // lapsed: e1, e2, e3; on time: e1.
    const plans = groupOf(mr, 'first-plan-on-time');
    expect(populations(plans)).toEqual({ 'initial-population': 5, denominator: 3, numerator: 1 });
    expect(plans?.measureScore).toEqual({
      value: 0.3333,
      unit: '1',
      system: 'http://unitsofmeasure.org',
      code: '1',
    });
    // (b) 7 enrolment-months; met or missed: Jan, Feb, Apr, May of e1 and June of e2; met: 4.
    const months = groupOf(mr, 'monthly-in-person-contact');
    expect(populations(months)).toEqual({ 'initial-population': 7, denominator: 5, numerator: 4 });
    expect(months?.measureScore?.value).toBe(0.8);
    // (c) 5 messages; due by asOf: 03-10, 03-12, 04-02; on time: 03-10.
    const replies = groupOf(mr, 'reply-on-time');
    expect(populations(replies)).toEqual({ 'initial-population': 5, denominator: 3, numerator: 1 });
    expect(replies?.measureScore?.value).toBe(0.3333);
  });

  it('restricts to the period (instants with offsets work too, bounds included)', () => {
    const mr = report(handMade(), data, '2026-03-01T00:00:00-08:00', '2026-03-31T23:59:59.999-07:00');
    expect(populations(groupOf(mr, 'first-plan-on-time'))).toEqual({
      'initial-population': 1,
      denominator: 1,
      numerator: 0,
    });
    expect(populations(groupOf(mr, 'monthly-in-person-contact'))).toEqual({
      'initial-population': 1,
      denominator: 0,
      numerator: 0,
    });
    expect(populations(groupOf(mr, 'reply-on-time'))).toEqual({
      'initial-population': 2,
      denominator: 2,
      numerator: 1,
    });
    expect(groupOf(mr, 'monthly-in-person-contact')?.measureScore).toBeUndefined();
    expect(groupOf(mr, 'reply-on-time')?.measureScore?.value).toBe(0.5);
  });

  it('has no measureScore (never NaN) when a denominator is zero', () => {
    for (const mr of [
      report(handMade(), data, '2027-01-01', '2027-12-31'),
      report(evaluationOf([]), data, '2026-01-01', '2026-12-31'),
    ]) {
      expect(validateResource(mr)).toEqual([]);
      expect(mr.group).toHaveLength(3);
      for (const g of mr.group ?? []) {
        expect(g.measureScore).toBeUndefined();
        expect(populations(g)).toEqual({ 'initial-population': 0, denominator: 0, numerator: 0 });
      }
      expect(JSON.stringify(mr)).not.toContain('NaN');
    }
  });

  it('reports a bad period or an evaluation of another program as issues, without throwing', () => {
    const bad = (start: string, end: string, ev = handMade()) =>
      programComplianceMeasureReport(ev, data, { period: { start, end }, minCell: 0 });
    expect(bad('2026-12-31', '2026-01-01')).toEqual({
      success: false,
      issues: [expect.objectContaining({ code: 'invariant', expression: 'options.period' })],
    });
    expect(bad('2026-13-45', '2026-12-31').success).toBe(false);
    expect(bad('2026-01-01T00:00:00', '2026-12-31').success).toBe(false);
    expect(bad('2026-01-01', '2026-12-31', evaluationOf([], 'other')).success).toBe(false);
  });

  it('on the sample program: first plans 4 of 6 on time, replies 6 of 8, 2 missed months (README)', () => {
    const sample = sampleProgram();
    const ev = evaluateProgram(sample, { asOf: '2026-11-20' });
    if (!ev.success) throw new Error('evaluation failed');
    const mr = report(ev.data, sample, '2026-01-01', '2026-11-20');
    expect(validateResource(mr)).toEqual([]);
    expect(populations(groupOf(mr, 'first-plan-on-time'))).toEqual({
      'initial-population': 6,
      denominator: 6,
      numerator: 4,
    });
    expect(groupOf(mr, 'first-plan-on-time')?.measureScore?.value).toBe(0.6667);
    expect(populations(groupOf(mr, 'reply-on-time'))).toEqual({
      'initial-population': 8,
      denominator: 8,
      numerator: 6,
    });
    const months = populations(groupOf(mr, 'monthly-in-person-contact'));
    expect((months.denominator ?? 0) - (months.numerator ?? 0)).toBe(2);
  });

  test.prop(
    [
      arbProgramData(),
      fc.date({ noInvalidDate: true, min: new Date('2019-06-01'), max: new Date('2028-06-01') }),
    ],
    {
      numRuns: 50,
    },
  )('what fails each measure matches the findings of its rule (over all time)', (data, when) => {
    const ev = evaluateProgram(data, { asOf: when.toISOString() });
    if (!ev.success) return;
    const mr = report(ev.data, data, '1990-01-01', '2100-12-31');
    expect(validateResource(mr).filter((i) => i.severity === 'error')).toEqual([]);
    const count = (...codes: string[]) =>
      ev.data.enrolments.flatMap((e) => e.findings).filter((f) => codes.includes(f.code)).length;
    const gap = (code: string) => {
      const p = populations(groupOf(mr, code));
      expect(p.denominator).toBeLessThanOrEqual(p['initial-population'] as number);
      return (p.denominator as number) - (p.numerator as number);
    };
    expect(gap('first-plan-on-time')).toBe(count('first-action-plan.late', 'first-action-plan.overdue'));
    expect(gap('monthly-in-person-contact')).toBe(
      count('in-person-contact.missed-month', 'in-person-contact.missed-month-any-mode'),
    );
    expect(gap('reply-on-time')).toBe(count('reply-timeliness.late', 'reply-timeliness.overdue'));
    for (const g of mr.group ?? []) {
      const v = g.measureScore?.value;
      if (v !== undefined) expect(v >= 0 && v <= 1).toBe(true);
    }
  });
});

describe('small-cell suppression of the MeasureReport', () => {
  it('masks each count from 1 to minCell - 1, and a count a small rest could be worked out from', () => {
    expect(maskSmallCounts({ initial: 45, denominator: 30, numerator: 12 }, 11)).toEqual({
      initial: false,
      denominator: false,
      numerator: false,
    });
    // 40 - 30 = 10 lapsed is small too: the denominator would give them away
    expect(maskSmallCounts({ initial: 40, denominator: 30, numerator: 12 }, 11).denominator).toBe(true);
    // 30 - 27 = 3 people not on time: the numerator would give them away
    expect(maskSmallCounts({ initial: 45, denominator: 30, numerator: 27 }, 11)).toEqual({
      initial: false,
      denominator: false,
      numerator: true,
    });
    // a small denominator is masked; then the numerator (shown) leaves nothing to subtract from
    expect(maskSmallCounts({ initial: 40, denominator: 5, numerator: 0 }, 11)).toEqual({
      initial: false,
      denominator: true,
      numerator: false,
    });
    // 35 - 30 = 5 lapsed: the denominator is masked, and with it nothing else can be recovered
    expect(maskSmallCounts({ initial: 35, denominator: 30, numerator: 15 }, 11)).toEqual({
      initial: false,
      denominator: true,
      numerator: false,
    });
    expect(maskSmallCounts({ initial: 3, denominator: 2, numerator: 1 }, 0)).toEqual({
      initial: false,
      denominator: false,
      numerator: false,
    });
  });

  test.prop([fc.nat({ max: 60 }), fc.nat({ max: 60 }), fc.nat({ max: 60 }), fc.integer({ min: 2, max: 20 })])(
    'no shown count, and no difference of two shown counts, is from 1 to minCell - 1',
    (a, b, c, minCell) => {
      const [numerator, denominator, initial] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
      const m = maskSmallCounts({ initial, denominator, numerator }, minCell);
      const small = (n: number) => n >= 1 && n < minCell;
      if (!m.initial) expect(small(initial)).toBe(false);
      if (!m.denominator) expect(small(denominator)).toBe(false);
      if (!m.numerator) expect(small(numerator)).toBe(false);
      if (!m.initial && !m.denominator) expect(small(initial - denominator)).toBe(false);
      if (!m.denominator && !m.numerator) expect(small(denominator - numerator)).toBe(false);
    },
  );

  it('is on by default (11): the sample-sized report masks its small counts, has no score there, and is valid', () => {
    const data = exampleProgram();
    const r = programComplianceMeasureReport(handMade(), data, {
      period: { start: '2026-01-01', end: '2026-12-31' },
    });
    if (!r.success) throw new Error(JSON.stringify(r.issues));
    const masked = (r.data.group ?? []).flatMap((g) =>
      (g.population ?? [])
        .filter((p) => p.count === undefined)
        .map(
          (p) =>
            (p as { _count?: { extension?: { valueCode?: string }[] } })._count?.extension?.[0]?.valueCode,
        ),
    );
    expect(masked.length).toBeGreaterThan(0);
    expect(new Set(masked)).toEqual(new Set(['masked']));
    for (const g of r.data.group ?? [])
      if ((g.population ?? []).some((p) => p.count === undefined)) expect(g.measureScore).toBeUndefined();
    for (const g of r.data.group ?? [])
      for (const p of g.population ?? [])
        if (p.count !== undefined) expect(p.count === 0 || p.count >= 11).toBe(true);
    expect(validateResource(r.data).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('refuses a minCell that is not a whole number 0 or more', () => {
    const r = programComplianceMeasureReport(handMade(), exampleProgram(), {
      period: { start: '2026-01-01', end: '2026-12-31' },
      minCell: -1,
    });
    expect(r).toEqual({
      success: false,
      issues: [expect.objectContaining({ expression: 'options.minCell' })],
    });
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  pointColumn,
  researchLongRows,
  researchLongTable,
  researchWideRows,
  researchWideTable,
} from './export';
import { evaluateSchedule, samhsaSuprt2025 } from './schedule';

/** Test oracle: the date `n` days after 2026-01-01, through Date.UTC. */
function day(n: number): string {
  return new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
}

const barc = (id: string, enrolmentId: string, onDay: number, value: number, blankLast = false) => ({
  id,
  enrolmentId,
  instrument: 'barc-10',
  completedOn: day(onDay),
  answers: Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [String(i + 1), blankLast && i === 9 ? null : value]),
  ),
});

const input = {
  enrolments: [
    { id: 'e1', peerId: 'p1', enrolledOn: day(0) },
    { id: 'e2', peerId: 'p2', enrolledOn: day(0), exit: { on: day(59) } },
    { id: 'e3', peerId: 'p3', enrolledOn: day(31) },
  ],
  assessments: [
    barc('e1-180', 'e1', 180, 5), // 50: reassessment, crosses 47
    barc('e1-5', 'e1', 5, 4), // 40: baseline
    barc('e1-100', 'e1', 100, 3), // 30: inside no window
    barc('e2-0', 'e2', 0, 3, true), // incomplete: fills the baseline as administered
    barc('e2-10', 'e2', 10, 3), // 30: the complete baseline, an extra response in the baseline window
    barc('e2-70', 'e2', 70, 6), // 60: closeout (exit day 59, window 59-89)
    barc('x-1', 'e9', 3, 4), // unknown enrolment
  ],
};
const ASOF = day(400);

describe('researchLongTable', () => {
  const r = researchLongTable(input, { asOf: ASOF });
  const rows = r.success ? r.data.rows : [];

  it('one row per response, with status, total, flags and the schedule point it fills', () => {
    expect(r.success).toBe(true);
    const pick = (k: string) => rows.map((x) => x[k]);
    expect(pick('assessment_id')).toEqual(['e1-5', 'e1-100', 'e1-180', 'e2-0', 'e2-10', 'e2-70']);
    expect(pick('status')).toEqual([
      'complete',
      'complete',
      'complete',
      'incomplete',
      'complete',
      'complete',
    ]);
    expect(pick('total')).toEqual([40, 30, 50, null, 30, 60]);
    expect(pick('flag_atOrAboveThreshold')).toEqual([0, 0, 1, null, 0, 1]);
    expect(pick('schedule_point')).toEqual([
      'baseline',
      null,
      'reassessment-6m',
      'baseline',
      null,
      'closeout',
    ]);
    // Targets: baseline day 0, reassessment day 180, closeout on the exit day 59.
    expect(pick('days_from_target')).toEqual([5, null, 0, 0, null, 11]);
    expect(pick('schedule_note')).toEqual([null, 'out-of-window', null, null, 'extra-in-window', null]);
    expect(pick('days_from_intake')).toEqual([5, 100, 180, 0, 10, 70]);
    expect(rows[3]).toMatchObject({ item_1: 3, item_10: null, peer_id: 'p2', instrument_version: '1.0.0' });
  });

  it('every column on every row; records it cannot place are reported, not dropped silently', () => {
    for (const row of rows) expect(Object.keys(row)).toEqual(r.success ? r.data.columns : []);
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'unknown-enrolment',
        path: ['assessments', 6, 'enrolmentId'],
        severity: 'warning',
      }),
    ]);
  });

  it('fails on a bad as-of date', () => {
    expect(researchLongTable(input, { asOf: '2026-02-30' }).success).toBe(false);
  });
});

describe('researchWideTable', () => {
  const r = researchWideTable(input, { asOf: ASOF });
  const rows = r.success ? r.data.rows : [];

  it('one row per enrolment, baseline and follow-up totals side by side, people without responses included', () => {
    expect(r.success && r.data.columns).toEqual([
      'enrolment_id',
      'peer_id',
      'instrument',
      'enrolled_on',
      'exited_on',
      'baseline_status',
      'baseline_on',
      'baseline_total',
      ...['reassessment_6m', 'annual_1', 'annual_2', 'closeout'].flatMap((k) => [
        `${k}_status`,
        `${k}_on`,
        `${k}_total`,
        `${k}_change`,
      ]),
    ]);
    expect(rows.map((x) => x.enrolment_id)).toEqual(['e1', 'e2', 'e3']);
    expect(rows[0]).toMatchObject({
      baseline_status: 'done',
      baseline_on: day(5),
      baseline_total: 40,
      reassessment_6m_status: 'done',
      reassessment_6m_on: day(180),
      reassessment_6m_total: 50,
      reassessment_6m_change: 10,
      annual_1_status: 'missed',
      annual_2_status: 'upcoming',
      closeout_status: 'not-applicable',
      closeout_total: null,
    });
    // e2: the complete baseline is the day-10 response (30); closeout 60, change +30; the reassessment is waived by
    // the early closeout and the annual does not apply.
    expect(rows[1]).toMatchObject({
      exited_on: day(59),
      baseline_on: day(10),
      baseline_total: 30,
      reassessment_6m_status: 'not-applicable',
      annual_1_status: 'not-applicable',
      closeout_status: 'done',
      closeout_total: 60,
      closeout_change: 30,
    });
    expect(rows[2]).toMatchObject({ baseline_status: 'missed', baseline_total: null });
  });

  it('point column names suit R, pandas, SPSS and REDCap', () => {
    expect(pointColumn('reassessment-6m', 1, false)).toBe('reassessment_6m');
    expect(pointColumn('annual', 2, true)).toBe('annual_2');
    expect(pointColumn('--', 1, false)).toBe('point');
  });
});

describe('researchLongRows', () => {
  it('makes the long table row by row, again on each pass, and reports the same issues', () => {
    const table = researchLongTable(input, { asOf: ASOF });
    const r = researchLongRows(input, { asOf: ASOF });
    if (!r.success || !table.success) throw new Error('expected both to succeed');
    expect(r.data.columns).toEqual(table.data.columns);
    const first = [...r.data.rows];
    expect(first.length).toBe(6);
    expect(first).toEqual(table.data.rows);
    expect([...r.data.rows]).toEqual(first);
    expect(r.issues).toEqual(table.issues);
    expect(r.issues.map((i) => i.code)).toEqual(['unknown-enrolment']);
  });

  it('makes a row only when it is read', () => {
    const r = researchLongRows(input, { asOf: ASOF });
    if (!r.success) throw new Error('expected success');
    const rows = r.data.rows[Symbol.iterator]();
    expect(rows.next().value).toMatchObject({
      enrolment_id: 'e1',
      assessment_id: 'e1-5',
      status: 'complete',
      total: 40,
    });
    expect(rows.next().value).toMatchObject({ enrolment_id: 'e1', assessment_id: 'e1-100' });
  });

  it('fails on a bad asOf as the table does', () => {
    expect(researchLongRows(input, { asOf: '2026-02-30' }).success).toBe(false);
  });
});

describe('researchWideRows', () => {
  it('makes the wide table row by row, again on each pass, with the same columns and issues', () => {
    const table = researchWideTable(input, { asOf: ASOF });
    const r = researchWideRows(input, { asOf: ASOF });
    if (!r.success || !table.success) throw new Error('expected both to succeed');
    expect(r.data.columns).toEqual(table.data.columns);
    expect([...r.data.rows]).toEqual(table.data.rows);
    expect([...r.data.rows]).toEqual(table.data.rows);
    expect(r.issues).toEqual(table.issues);
  });

  // Random enrolments (intake, exit) and BARC-10 responses, as of a random day.
  const arbInput = fc
    .tuple(
      fc.array(
        fc.record({
          intake: fc.integer({ min: 0, max: 400 }),
          exit: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
          responses: fc.array(fc.integer({ min: 0, max: 1200 }), { maxLength: 5 }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      fc.integer({ min: 0, max: 1600 }),
    )
    .map(([rows, asOf]) => ({
      asOf: day(asOf),
      input: {
        enrolments: rows.map((r, i) => ({
          id: `e${i}`,
          enrolledOn: day(r.intake),
          ...(r.exit === undefined ? {} : { exit: { on: day(r.intake + r.exit) } }),
        })),
        assessments: rows.flatMap((r, i) =>
          r.responses.map((d, j) => barc(`a${i}-${j}`, `e${i}`, r.intake + d, 4)),
        ),
      },
    }));

  test.prop([arbInput], { numRuns: 150 })(
    'has a column for every point occurrence of every enrolment, placed with its responses',
    ({ asOf, input: data }) => {
      const r = researchWideRows(data, { asOf });
      if (!r.success) throw new Error('expected success');
      const columns = new Set(r.data.columns);
      const rows = [...r.data.rows];
      for (const e of data.enrolments) {
        if (e.enrolledOn > asOf) continue;
        const own = data.assessments.filter((a) => a.enrolmentId === e.id);
        if (rows.length === 0) continue;
        for (const p of evaluateSchedule(e, own, samhsaSuprt2025, { asOf, instrument: 'barc-10' }).points) {
          const key = pointColumn(p.pointId, p.occurrence, p.pointId === 'annual');
          expect(columns.has(`${key}_status`)).toBe(true);
          const row = rows.find((x) => x.enrolment_id === e.id);
          expect(row?.[`${key}_status`]).toBe(p.status);
        }
      }
      for (const row of rows) expect(Object.keys(row)).toEqual(r.data.columns);
    },
  );
});

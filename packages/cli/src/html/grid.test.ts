import { fc, test } from '@fast-check/vitest';
import type { Obligation, ObligationStatus, ProgramEvaluation } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { EXPECTED_GRID, evaluate, handBuiltProgram } from './fixtures.test-support';
import { gridState, inPersonGrid, monthTotals } from './grid';

const STATUSES: readonly ObligationStatus[] = [
  'met',
  'open',
  'due-soon',
  'overdue',
  'missed',
  'not-applicable',
];

function obligation(
  id: string,
  status: ObligationStatus,
  ruleId: Obligation['ruleId'] = 'in-person-contact',
): Obligation {
  return {
    id,
    ruleId,
    subject: { type: 'enrolment', id: 'e' },
    label: 'x',
    dueOn: '2026-01-31',
    dueAt: '2026-01-31T23:59:59.999Z',
    status,
    required: 1,
    count: status === 'met' ? 1 : 0,
  };
}

/** An in-person contact obligation for a month, as the rule makes it (id and structured key). */
const monthObligation = (month: string, status: ObligationStatus): Obligation => ({
  ...obligation(`in-person-contact:${month}`, status),
  key: { month },
});

/** A minimal program evaluation with the given timelines (enrolment id -> obligations). */
function evaluationOf(timelines: Record<string, Obligation[]>): ProgramEvaluation {
  return {
    programId: 'p',
    asOf: '2026-12-31T23:59:59.999Z',
    packId: 'srp-recovery-connect',
    enrolments: Object.entries(timelines).map(([enrolmentId, timeline]) => ({
      enrolmentId,
      peerId: `peer-of-${enrolmentId}`,
      asOf: '2026-12-31T23:59:59.999Z',
      packId: 'srp-recovery-connect',
      results: [],
      timeline,
      findings: [],
      nextActions: [],
    })),
    coaches: [],
    totals: {
      enrolments: 0,
      activeEnrolments: 0,
      coaches: 0,
      findingsBySeverity: { info: 0, warning: 0, error: 0 },
      findingsByCode: {},
      overdue: 0,
      missed: 0,
    },
  };
}

describe('gridState', () => {
  it('maps every obligation status to a grid state', () => {
    expect(STATUSES.map(gridState)).toEqual([
      'met',
      'pending',
      'pending',
      'missed',
      'missed',
      'not-applicable',
    ]);
  });
});

describe('inPersonGrid', () => {
  it('builds the hand-built program grid: months Jan..Apr, one row per enrolment', () => {
    const grid = inPersonGrid(evaluate(handBuiltProgram()));
    expect(grid.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(grid.omitted).toBe(0);
    const seen: Record<string, Record<string, string>> = {};
    for (const row of grid.rows) {
      seen[row.enrolmentId] = Object.fromEntries(row.cells.flatMap((c) => (c ? [[c.month, c.state]] : [])));
    }
    expect(seen).toEqual(EXPECTED_GRID);
    expect(grid.rows.map((r) => r.peerId)).toEqual(['peer-1', 'peer-2']);
    const feb = grid.rows[0]?.cells[1];
    expect(feb).toMatchObject({ month: '2026-02', status: 'missed', count: 0, required: 1 });
  });

  it('fills the months between, across a year end, and ignores other obligations', () => {
    const grid = inPersonGrid(
      evaluationOf({
        a: [
          monthObligation('2025-11', 'met'),
          obligation('first-action-plan', 'overdue', 'first-action-plan'),
        ],
        b: [monthObligation('2026-02', 'due-soon')],
        c: [obligation('reply-timeliness:m1', 'overdue', 'reply-timeliness')],
      }),
    );
    expect(grid.months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(grid.rows.map((r) => r.enrolmentId)).toEqual(['a', 'b']);
    expect(grid.omitted).toBe(1);
    expect(grid.rows[0]?.cells.map((c) => c?.state ?? null)).toEqual(['met', null, null, null]);
    expect(grid.rows[1]?.cells.map((c) => c?.state ?? null)).toEqual([null, null, null, 'pending']);
  });

  it('is empty when no enrolment has an in-person month', () => {
    const grid = inPersonGrid(evaluationOf({ a: [] }));
    expect(grid).toEqual({ months: [], rows: [], omitted: 1 });
    expect(monthTotals(grid)).toEqual([]);
  });

  const monthArb = fc.record({ y: fc.integer({ min: 2010, max: 2030 }), m: fc.integer({ min: 1, max: 12 }) });
  const enrolmentArb = fc.uniqueArray(fc.record({ month: monthArb, status: fc.constantFrom(...STATUSES) }), {
    selector: (x) => `${x.month.y}-${x.month.m}`,
    maxLength: 12,
  });

  test.prop([fc.array(enrolmentArb, { minLength: 1, maxLength: 6 })], { numRuns: 50 })(
    'has contiguous months from the first to the last, and one cell per obligation',
    (enrolments) => {
      const id = (x: { y: number; m: number }) => `${x.y}-${String(x.m).padStart(2, '0')}`;
      const ev = evaluationOf(
        Object.fromEntries(
          enrolments.map((list, i) => [`e${i}`, list.map((o) => monthObligation(id(o.month), o.status))]),
        ),
      );
      const grid = inPersonGrid(ev);
      const all = enrolments
        .flat()
        .map((o) => id(o.month))
        .sort();
      if (all.length === 0) {
        expect(grid.months).toEqual([]);
        return;
      }
      expect(grid.months[0]).toBe(all[0]);
      expect(grid.months[grid.months.length - 1]).toBe(all[all.length - 1]);
      for (let k = 1; k < grid.months.length; k++) {
        const [py, pm] = (grid.months[k - 1] ?? '').split('-').map(Number) as [number, number];
        const [y, m] = (grid.months[k] ?? '').split('-').map(Number) as [number, number];
        expect(y * 12 + m).toBe(py * 12 + pm + 1);
      }
      expect(grid.rows.length + grid.omitted).toBe(enrolments.length);
      for (const row of grid.rows) {
        const list = enrolments[Number(row.enrolmentId.slice(1))] ?? [];
        expect(row.cells.length).toBe(grid.months.length);
        expect(row.cells.filter((c) => c !== null).length).toBe(list.length);
        for (const o of list) {
          const cell = row.cells[grid.months.indexOf(id(o.month))];
          expect(cell?.state).toBe(gridState(o.status));
        }
      }
      const totals = monthTotals(grid);
      const sum = totals.reduce((s, t) => s + t.met + t.missed + t.pending + t.notApplicable, 0);
      expect(sum).toBe(all.length);
    },
  );
});

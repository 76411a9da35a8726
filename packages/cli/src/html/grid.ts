import { type ObligationStatus, type ProgramEvaluation, RULE_ID } from '@peer-recovery/core';

/**
 * How a month of in-person contact shows in the grid: met, missed, pending (not over yet) or not applicable.
 *
 * @example
 * const s: GridState = 'pending';
 */
export type GridState = 'met' | 'missed' | 'pending' | 'not-applicable';

/**
 * One cell of the in-person contact grid: an enrolment's obligation for one calendar month.
 *
 * @example
 * const c: GridCell = { month: '2026-02', state: 'missed', status: 'missed', count: 0, required: 1 };
 */
export interface GridCell {
  /** The calendar month, `YYYY-MM`. */
  readonly month: string;
  readonly state: GridState;
  /** The obligation's own status (e.g. `due-soon` for a pending month). */
  readonly status: ObligationStatus;
  /** In-person meetings recorded in the month, when known. */
  readonly count?: number;
  /** In-person meetings required in the month, when known. */
  readonly required?: number;
}

/**
 * One row of the grid: an enrolment, and a cell per month of the grid (`null` where it had no obligation).
 *
 * @example
 * const r: GridRow = { enrolmentId: 'enr-1', peerId: 'peer-1', cells: [null, { month: '2026-02', state: 'met', status: 'met' }] };
 */
export interface GridRow {
  readonly enrolmentId: string;
  readonly peerId: string;
  readonly cells: readonly (GridCell | null)[];
}

/**
 * The peer-by-month grid of in-person contact: months (columns) and enrolments (rows).
 *
 * @example
 * const empty: InPersonGrid = { months: [], rows: [], omitted: 0 };
 */
export interface InPersonGrid {
  /** Every calendar month from the first to the last with an obligation, `YYYY-MM`, in order. */
  readonly months: readonly string[];
  /** Enrolments with at least one in-person obligation, in evaluation order. */
  readonly rows: readonly GridRow[];
  /** Enrolments without any in-person obligation (e.g. enrolled after the evaluation day). */
  readonly omitted: number;
}

/**
 * Per-month totals of the grid, for the chart.
 *
 * @example
 * const t: MonthTotals = { month: '2026-01', met: 12, missed: 1, pending: 0, notApplicable: 3 };
 */
export interface MonthTotals {
  readonly month: string;
  readonly met: number;
  readonly missed: number;
  readonly pending: number;
  readonly notApplicable: number;
}

/**
 * The grid state of an obligation status: `met`; `missed` (and `overdue`, which a calendar month does not normally
 * reach); `pending` for `open` and `due-soon`; `not-applicable`.
 *
 * @example
 * gridState('due-soon'); // 'pending'
 */
export function gridState(status: ObligationStatus): GridState {
  switch (status) {
    case 'met':
      return 'met';
    case 'missed':
    case 'overdue':
      return 'missed';
    case 'open':
    case 'due-soon':
      return 'pending';
    default:
      return 'not-applicable';
  }
}

const monthIndex = (y: number, m: number) => y * 12 + (m - 1);
const monthOf = (i: number) =>
  `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/**
 * Builds the peer-by-month grid of in-person contact from a program evaluation: the columns are the calendar months
 * of the in-person contact obligations (their `key.month`; gaps filled), the rows the enrolments that have such obligations.
 *
 * @example
 * const grid = inPersonGrid(evaluation);
 * grid.months; // ['2026-01', '2026-02', '2026-03']
 * grid.rows[0]?.cells[1]?.state; // 'missed'
 */
export function inPersonGrid(ev: ProgramEvaluation): InPersonGrid {
  const perEnrolment: { enrolmentId: string; peerId: string; cells: Map<number, GridCell> }[] = [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let omitted = 0;
  for (const e of ev.enrolments) {
    const cells = new Map<number, GridCell>();
    for (const o of e.timeline) {
      const ym = o.ruleId === RULE_ID.inPersonContact ? o.key?.month : undefined;
      if (ym === undefined) continue;
      const i = monthIndex(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)));
      cells.set(i, {
        month: monthOf(i),
        state: gridState(o.status),
        status: o.status,
        ...(o.count === undefined ? {} : { count: o.count }),
        ...(o.required === undefined ? {} : { required: o.required }),
      });
      if (i < min) min = i;
      if (i > max) max = i;
    }
    if (cells.size === 0) omitted++;
    else perEnrolment.push({ enrolmentId: e.enrolmentId, peerId: e.peerId, cells });
  }
  const months: string[] = [];
  for (let i = min; i <= max; i++) months.push(monthOf(i));
  return {
    months,
    rows: perEnrolment.map((r) => ({
      enrolmentId: r.enrolmentId,
      peerId: r.peerId,
      cells: months.map((_, k) => r.cells.get(min + k) ?? null),
    })),
    omitted,
  };
}

/**
 * Counts the grid's cells per month and state.
 *
 * @example
 * monthTotals(inPersonGrid(evaluation))[0]; // { month: '2026-01', met: 12, missed: 1, pending: 0, notApplicable: 3 }
 */
export function monthTotals(grid: InPersonGrid): MonthTotals[] {
  return grid.months.map((month, k) => {
    const t = { month, met: 0, missed: 0, pending: 0, notApplicable: 0 };
    for (const row of grid.rows) {
      const c = row.cells[k];
      if (!c) continue;
      if (c.state === 'met') t.met++;
      else if (c.state === 'missed') t.missed++;
      else if (c.state === 'pending') t.pending++;
      else t.notApplicable++;
    }
    return t;
  });
}

/**
 * A figure hidden by small-cell suppression: its counts and statistics are `null` and `suppressed` is `true`; text
 * fields (ids, labels) stay.
 *
 * @example
 * const cell: { readonly suppressed?: true } = { suppressed: true };
 */
export interface SuppressedMarker {
  readonly suppressed?: true;
}

/** Count fields that make an object a cell: the number of people or pairs it is computed over. */
const CELL_COUNTS = ['n', 'due'] as const;

function hide(value: unknown): unknown {
  if (typeof value === 'number') return null;
  if (Array.isArray(value)) return value.map(hide);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hide(v)]));
  return value;
}

/**
 * Small-cell suppression for tables that leave the program: a copy of `value` (any JSON-like summary, e.g. an
 * {@link OutcomeSummary}) in which every object computed over fewer than `minCell` people or pairs (a count field
 * `n` or `due` from 1 to `minCell - 1`) has all its numbers, its count included, replaced by `null` and is marked
 * `suppressed: true`, with `minCell` beside it. Cells of zero stay (they disclose no one), and so do text fields.
 * `minCell` 0 or 1 suppresses nothing. The input is not changed.
 *
 * @example
 * suppressSmallCells({ change: { n: 3, meanChange: 4 } }, 11);
 * // { change: { n: null, meanChange: null, suppressed: true, minCell: 11 } }
 * suppressSmallCells({ change: { n: 12, meanChange: 4 } }, 11); // unchanged copy
 */
export function suppressSmallCells<T>(value: T, minCell: number): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const o = v as Record<string, unknown>;
    const small = CELL_COUNTS.some(
      (k) => typeof o[k] === 'number' && (o[k] as number) > 0 && (o[k] as number) < minCell,
    );
    if (small) return { ...(hide(o) as object), suppressed: true, minCell };
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x)]));
  };
  return walk(value) as T;
}

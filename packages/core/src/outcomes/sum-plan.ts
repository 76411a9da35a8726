import type { InstrumentDefinition, InstrumentItem } from './instrument';

/**
 * What scoring a complete, in-range response to a summed instrument needs, by item position: shared by the scorer's
 * fast path (`createInstrumentScorer`) and the data-set validator's, so both take the same instruments. Not
 * re-exported.
 *
 * @internal
 * @example
 * const plan = sumPlan(barc10Instrument); // plan.items: the 10 items; plan.summed: [0, 1, ..., 9]
 */
export interface SumPlan {
  readonly items: readonly InstrumentItem[];
  /** Position of each item id in `items`. */
  readonly index: ReadonlyMap<string, number>;
  /** Positions of the items the total sums, in the order of the general path. */
  readonly summed: readonly number[];
  readonly subscales: readonly { readonly id: string; readonly items: readonly number[] }[];
  readonly thresholds: readonly {
    readonly flag: string;
    readonly above: boolean;
    readonly value: number;
    /** -1: the total; -2: a subscale; otherwise the item's position. */
    readonly of: number;
    readonly subscale: string;
  }[];
  readonly cap: number | undefined;
}

/**
 * The {@link SumPlan} of an instrument, or undefined when the definition has anything the general scoring path
 * treats specially (a custom scoring function, no items, repeated item ids, sums or thresholds naming what the
 * instrument does not have). For an instrument with a plan, a response whose answers are exactly its items, each a
 * whole number on its item's scale, is scored with no issue.
 *
 * @internal
 * @example
 * sumPlan(barc10Instrument) !== undefined; // true
 */
export function sumPlan(def: InstrumentDefinition): SumPlan | undefined {
  const s = def.scoring;
  if (s.kind !== 'sum') return undefined;
  const items = def.items;
  const index = new Map(items.map((item, i) => [item.id, i]));
  if (index.size !== items.length || items.length === 0) return undefined;
  const positions = (ids: readonly string[]) => ids.map((id) => index.get(id) ?? -1);
  const summed = positions(s.items ?? items.map((i) => i.id));
  const subscales = (s.subscales ?? []).map((sub) => ({ id: sub.id, items: positions(sub.items) }));
  const subscaleIds = new Set(subscales.map((sub) => sub.id));
  if (summed.includes(-1) || subscales.some((sub) => sub.items.includes(-1))) return undefined;
  const thresholds = def.thresholds.map((t) => ({
    flag: t.flag,
    above: t.comparison === 'at-or-above',
    value: t.value,
    of: t.of === 'total' ? -1 : 'item' in t.of ? (index.get(t.of.item) ?? -3) : -2,
    subscale: t.of !== 'total' && 'subscale' in t.of ? t.of.subscale : '',
  }));
  if (thresholds.some((t) => t.of === -3 || (t.of === -2 && !subscaleIds.has(t.subscale)))) return undefined;
  return { items, index, summed, subscales, thresholds, cap: s.cap };
}

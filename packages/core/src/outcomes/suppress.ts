/**
 * A figure hidden by small-cell suppression. A whole cell (a group of fewer than `minCell` people or pairs) has all
 * its numbers `null` and `suppressed: true`; a cell that is shown but has some counts hidden (a small count, or one
 * that would give a hidden count away by subtraction) lists them in `suppressedFields`, their values `null`. Text
 * fields (ids, labels) stay.
 *
 * @example
 * const cell: SuppressedMarker = { suppressedFields: ['done', 'rate'], minCell: 11 };
 */
export interface SuppressedMarker {
  readonly suppressed?: true;
  readonly suppressedFields?: readonly string[];
  readonly minCell?: number;
}

/** Count fields that make an object a cell: the number of people or pairs it is computed over. */
const CELL_COUNTS = ['n', 'due'] as const;

/**
 * Fields that count people, responses, pairs, rows or goals: each is a cell of its own (suppressed from 1 to
 * `minCell - 1`). Objects under {@link COUNT_MAPS} hold only such counts.
 */
const COUNT_FIELDS = new Set([
  'n',
  'due',
  'done',
  'withBaseline',
  'paired',
  'baselineNoPair',
  'metAtBaseline',
  'metAtFollowUp',
  'notMetAtBaseline',
  'crossed',
  'numerator',
  'denominator',
  'inWindow',
  'scored',
  'incomplete',
  'invalid',
  'enrolments',
  'assessments',
  'untaggedGoals',
  'nonZero',
  'zeros',
  'read',
  'used',
  'leftOut',
  'rows',
  'enrolmentsWithoutUsableRow',
  'rowsWithErrors',
]);

/** Objects whose every value is a count (by status, by issue code...). */
const COUNT_MAPS = new Set(['issueCounts', 'byStatus', 'byOutcome', 'byCode']);

/**
 * A total and its parts, in one object: from the total and the shown parts, the hidden ones add up to a known sum.
 * `rest: true` when the parts do not cover the total (the rest, e.g. missed follow-ups, is not a field but is known
 * by subtraction). `total: null` when the total is known from elsewhere (the `n` of the enclosing statistics).
 * A partition applies only when all its fields are present.
 */
interface Partition {
  readonly total: string | null;
  readonly parts: readonly string[];
  readonly rest: boolean;
  /** Hide the total rather than another part (the parts are shown elsewhere, e.g. `paired` is the change's `n`). */
  readonly hideTotal?: true;
}

const PARTITIONS: readonly Partition[] = [
  { total: 'due', parts: ['done'], rest: true },
  { total: 'withBaseline', parts: ['paired', 'baselineNoPair'], rest: false, hideTotal: true },
  { total: 'n', parts: ['metAtBaseline', 'notMetAtBaseline'], rest: false },
  { total: 'n', parts: ['metAtFollowUp'], rest: true },
  { total: 'notMetAtBaseline', parts: ['crossed'], rest: true },
  { total: 'denominator', parts: ['numerator'], rest: true },
  { total: 'n', parts: ['scored', 'incomplete', 'invalid'], rest: false },
  { total: 'n', parts: ['scored', 'incomplete'], rest: true },
  { total: 'read', parts: ['used', 'leftOut'], rest: false },
  { total: null, parts: ['nonZero', 'zeros'], rest: false },
];

/** Count maps that split a total of the same object (goals by status; rows left out by code). */
const MAP_PARTITIONS: readonly { readonly total: string; readonly map: string }[] = [
  { total: 'n', map: 'byStatus' },
  { total: 'n', map: 'byOutcome' },
  { total: 'rows', map: 'byCode' },
];

/**
 * A count and the cell whose `n` it is (the baseline comparison of those retained and those lost): hiding one
 * hides the other.
 */
const SAME_COUNT: readonly (readonly [string, string])[] = [
  ['paired', 'retainedBaseline'],
  ['baselineNoPair', 'lostBaseline'],
];

/** Figures computed from counts: hidden when any of the counts they are computed from is. */
const DERIVED: Readonly<Record<string, readonly string[]>> = {
  rate: ['done', 'numerator', 'due', 'denominator'],
  meetsTarget: ['rate'],
  crossedShare: ['crossed', 'notMetAtBaseline'],
  achievedShare: ['byStatus'],
};

function hide(value: unknown): unknown {
  if (typeof value === 'number') return null;
  if (Array.isArray(value)) return value.map(hide);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hide(v)]));
  return value;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const small = (v: unknown, k: number): boolean => typeof v === 'number' && v > 0 && v < k;
/** Whether the field `f` of a cell, with value `v`, is hidden or has something hidden in it. */
const isHidden = (v: unknown, f: string, hiddenFields: ReadonlySet<string>): boolean =>
  hiddenFields.has(f) ||
  [...hiddenFields].some((h) => h.startsWith(`${f}.`)) ||
  (isObj(v) && (v.suppressed === true || Array.isArray(v.suppressedFields)));

/** Whether an object (a cell) or anything in it was suppressed. */
function touched(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(touched);
  if (!isObj(v)) return false;
  if (v.suppressed === true || Array.isArray(v.suppressedFields)) return true;
  return Object.values(v).some(touched);
}

/** The size of a group, for choosing which one to hide: the largest count of its cells. */
function groupSize(v: unknown): number {
  if (Array.isArray(v)) return Math.max(0, ...v.map(groupSize));
  if (!isObj(v)) return 0;
  const own = CELL_COUNTS.map((k) => (typeof v[k] === 'number' ? (v[k] as number) : 0));
  return Math.max(0, ...own, ...Object.values(v).map(groupSize));
}

/**
 * Complementary suppression in one object: hides counts that would give a hidden count away by subtraction from a
 * shown total, until nothing more can be recovered. Mutates `o` (a fresh copy) and `hiddenFields`.
 */
function complement(o: Obj, hiddenFields: Set<string>, minCell: number): void {
  const value = (f: string) => o[f] as number | null;
  const hideField = (f: string) => {
    o[f] = null;
    hiddenFields.add(f);
  };
  const hideMapKey = (map: string, key: string) => {
    (o[map] as Obj)[key] = null;
    hiddenFields.add(`${map}.${key}`);
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of PARTITIONS) {
      if (p.total !== null && !(p.total in o)) continue;
      if (!p.parts.every((f) => f in o)) continue;
      if (p.total !== null && value(p.total) === null) continue; // an unknown total gives nothing away
      const hiddenParts = p.parts.filter((f) => value(f) === null).length;
      let unknown = hiddenParts;
      if (p.rest && p.total !== null && hiddenParts === 0) {
        const rest = (value(p.total) as number) - p.parts.reduce((a, f) => a + (value(f) as number), 0);
        if (small(rest, minCell)) unknown = 1; // a small rest (e.g. missed follow-ups) is a hidden cell
      }
      if (unknown !== 1 || (p.rest && hiddenParts === 1)) continue; // none hidden, or two unknown: safe
      const shown = p.parts.filter((f) => value(f) !== null && (value(f) as number) > 0);
      const next = shown.sort((a, b) => (value(a) as number) - (value(b) as number))[0];
      if (p.hideTotal && p.total !== null) hideField(p.total);
      else if (next !== undefined) hideField(next);
      else if (p.total !== null) hideField(p.total);
      else continue;
      changed = true;
    }
    for (const [count, cell] of SAME_COUNT) {
      if (!(count in o) || !isObj(o[cell])) continue;
      const cellHidden = (o[cell] as Obj).suppressed === true;
      if (value(count) === null && !cellHidden && (o[cell] as Obj).n !== 0) {
        o[cell] = { ...(hide(o[cell]) as object), suppressed: true, minCell };
        changed = true;
      } else if (cellHidden && value(count) !== null) {
        hideField(count);
        changed = true;
      }
    }
    for (const m of MAP_PARTITIONS) {
      if (!(m.total in o) || !isObj(o[m.map]) || value(m.total) === null) continue;
      const map = o[m.map] as Obj;
      const entries = Object.entries(map);
      const sum = entries.reduce((a, [, v]) => a + (typeof v === 'number' ? v : 0), 0);
      const hiddenKeys = entries.filter(([, v]) => v === null).length;
      // A map that does not add up to its total (one row with two codes) is not a partition of it.
      if (hiddenKeys === 0 || hiddenKeys > 1) continue;
      if (sum > (value(m.total) as number)) continue;
      const next = entries
        .filter(([, v]) => typeof v === 'number' && v > 0)
        .sort(([, a], [, b]) => (a as number) - (b as number))[0];
      if (next !== undefined) hideMapKey(m.map, next[0]);
      else hideField(m.total);
      changed = true;
    }
  }
}

/**
 * Small-cell suppression for tables that leave the program: a copy of `value` (any JSON-like summary, e.g. an
 * {@link OutcomeSummary} or the JSON output of `summarize-outcomes`) in which no count of people, pairs, responses,
 * rows or goals from 1 to `minCell - 1` can be read or worked out. The rule, applied everywhere:
 *
 * 1. Primary, whole cells: an object computed over fewer than `minCell` people or pairs (a count field `n` or `due`
 *    from 1 to `minCell - 1`) has all its numbers, its count included, replaced by `null` and is marked
 *    `suppressed: true`, with `minCell` beside it.
 * 2. Primary, counts: in a cell that is shown, every other count from 1 to `minCell - 1` (done, paired, crossed,
 *    scored, the values of `byStatus`, `byCode`, ...) is `null` and named in `suppressedFields`.
 * 3. Complementary: where a total and its parts are shown (due = done + missed; withBaseline = paired +
 *    baselineNoPair; n = metAtBaseline + notMetAtBaseline; n = scored + incomplete + invalid; goals by status;
 *    rows by reason...), a part that is hidden, or a rest that is small (due − done from 1 to `minCell - 1`), would
 *    be recovered by subtraction: the smallest other non-zero part is hidden too (the total when there is none),
 *    repeated until nothing can be recovered. Rates and shares computed from a hidden count are hidden.
 * 4. Groups (the `groups` of an instrument, by coach or site) add up to the instrument's figures: when exactly one
 *    group has something suppressed, the next smallest group is suppressed whole as well.
 *
 * Zero counts stay (they disclose no one), and so do text fields. `minCell` 0 or 1 suppresses nothing. The input is
 * not changed.
 *
 * @example
 * suppressSmallCells({ change: { n: 3, meanChange: 4 } }, 11);
 * // { change: { n: null, meanChange: null, suppressed: true, minCell: 11 } }
 * suppressSmallCells({ attrition: { due: 20, done: 15, rate: 0.75 } }, 11);
 * // { attrition: { due: 20, done: null, rate: null, suppressedFields: ['done', 'rate'], minCell: 11 } }
 * suppressSmallCells({ change: { n: 12, meanChange: 4 } }, 11); // unchanged copy
 */
export function suppressSmallCells<T>(value: T, minCell: number): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v)) {
      const items = v.map((x) => walk(x));
      return key === 'groups' ? complementGroups(items) : items;
    }
    if (!isObj(v)) return v;
    if (CELL_COUNTS.some((k) => small(v[k], minCell)))
      return { ...(hide(v) as object), suppressed: true, minCell };
    const o: Obj = {};
    const hiddenFields = new Set<string>();
    for (const [k, x] of Object.entries(v)) {
      if (COUNT_FIELDS.has(k) && small(x, minCell)) {
        o[k] = null;
        hiddenFields.add(k);
      } else if (COUNT_MAPS.has(k) && isObj(x)) {
        const map: Obj = {};
        for (const [mk, mv] of Object.entries(x)) {
          if (small(mv, minCell)) {
            map[mk] = null;
            hiddenFields.add(`${k}.${mk}`);
          } else map[mk] = mv;
        }
        o[k] = map;
      } else o[k] = walk(x, k);
    }
    complement(o, hiddenFields, minCell);
    for (const [field, from] of Object.entries(DERIVED))
      if (field in o && o[field] !== null && from.some((f) => f in o && isHidden(o[f], f, hiddenFields))) {
        o[field] = null;
        hiddenFields.add(field);
      }
    if (
      'baselineDifference' in o &&
      o.baselineDifference !== null &&
      (isHidden(o.retainedBaseline, 'retainedBaseline', hiddenFields) ||
        isHidden(o.lostBaseline, 'lostBaseline', hiddenFields))
    ) {
      o.baselineDifference = hide(o.baselineDifference);
      hiddenFields.add('baselineDifference');
    }
    // The instrument's follow-up rate adds up its points' attrition: a point with a hidden count would be recovered
    // by subtraction, so the rate's counts go too.
    if (Array.isArray(o.changeByPoint) && isObj(o.followUp) && o.followUp.suppressed !== true) {
      const points = o.changeByPoint as unknown[];
      if (points.some((p) => isObj(p) && touched(p.attrition))) {
        const f: Obj = { ...o.followUp };
        const fields = new Set(Array.isArray(f.suppressedFields) ? (f.suppressedFields as string[]) : []);
        for (const k of ['numerator', 'denominator', 'rate', 'meetsTarget'])
          if (k in f && f[k] !== null) {
            f[k] = null;
            fields.add(k);
          }
        o.followUp = { ...f, suppressedFields: [...fields].sort(), minCell };
      }
    }
    if (hiddenFields.size === 0) return o;
    return { ...o, suppressedFields: [...hiddenFields].sort(), minCell };
  };
  const complementGroups = (groups: unknown[]): unknown[] => {
    const hit = groups.filter(touched).length;
    if (hit !== 1) return groups;
    let pick = -1;
    groups.forEach((g, i) => {
      if (touched(g) || groupSize(g) === 0) return;
      if (pick < 0 || groupSize(g) < groupSize(groups[pick])) pick = i;
    });
    if (pick < 0) return groups;
    return groups.map((g, i) => (i === pick ? { ...(hide(g) as object), suppressed: true, minCell } : g));
  };
  if (minCell <= 1) return structuredClone(value);
  return walk(value) as T;
}

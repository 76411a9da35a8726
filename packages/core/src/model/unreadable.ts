/** Keys shown in a path as they are; any other key (it may be an input value) is shown as `?`. */
/** Keys shown as they are: like a field name (lowerCamelCase), never like a personal name (capitalised, spaced). */
const SAFE_KEY = /^[a-z][A-Za-z0-9_-]{0,39}$/;
/** The longest path reported: deeper values are reported at their ancestor at this depth. */
const MAX_PATH = 32;
/** How many values the search visits before it gives up and reports the root. */
const MAX_VISITS = 1_000_000;

interface Step {
  readonly value: unknown;
  readonly parent: Step | undefined;
  readonly key: string | number | undefined;
  readonly depth: number;
}

function pathOf(step: Step | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  for (let s = step; s?.key !== undefined; s = s.parent) out.push(s.key);
  return out.reverse();
}

function shownKey(key: string | number): string | number {
  return typeof key === 'number' || SAFE_KEY.test(key) ? key : '?';
}

/**
 * Finds where a value cannot be read: the path of the first object or array (depth first, in key order) whose
 * keys, length or members throw when read (a Proxy whose traps throw, a getter that throws, a revoked Proxy), or
 * `undefined` when the whole value reads without throwing. Keys that might be input values are written `?`; the
 * path is at most 32 deep. Never throws, never calls a getter twice on the same object, follows each object once
 * (cycles end), and stops after a million values (then it reports the root).
 *
 * @example
 * const doc = { program: { get name() { throw new Error('no'); } } };
 * findUnreadable(doc); // ['program', 'name']
 * findUnreadable({ a: [1, 2] }); // undefined
 */
export function findUnreadable(value: unknown): (string | number)[] | undefined {
  const seen = new WeakSet<object>();
  const stack: Step[] = [{ value, parent: undefined, key: undefined, depth: 0 }];
  let visits = 0;
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    const v = step.value;
    if (typeof v !== 'object' || v === null) continue;
    if (++visits > MAX_VISITS) return [];
    if (seen.has(v)) continue;
    seen.add(v);
    const children: Step[] = [];
    let key: string | number | undefined;
    try {
      if (Array.isArray(v)) {
        const length = v.length;
        for (let i = 0; i < length; i++) {
          key = i;
          children.push({ value: v[i], parent: step, key: i, depth: step.depth + 1 });
        }
      } else {
        const keys = Object.keys(v);
        for (const k of keys) {
          key = k;
          children.push({
            value: (v as Record<string, unknown>)[k],
            parent: step,
            key: shownKey(k),
            depth: step.depth + 1,
          });
        }
      }
    } catch {
      const at = pathOf(step);
      if (key !== undefined) at.push(typeof key === 'number' ? key : shownKey(key));
      return at.slice(0, MAX_PATH);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Step);
  }
  return undefined;
}

/**
 * A shallow, plain copy of a record (an object of keys to values, such as a row of a data set): own enumerable
 * keys, primitive values as they are, an array value as `[]` and any other object value as `{}` (a row's cells are
 * text or numbers; only their kind matters for a value of another kind). `undefined` when the value is not a
 * record; `'unreadable'` when reading it throws (a Proxy or a getter). Never throws.
 *
 * @example
 * plainRecord({ a: '1', b: { c: 2 } }); // { a: '1', b: {} }
 * plainRecord([1]); // undefined
 */
export function plainRecord(value: unknown): Record<string, unknown> | undefined | 'unreadable' {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      const copy = typeof v !== 'object' || v === null ? v : Array.isArray(v) ? [] : {};
      // Assignment keeps one hidden class for rows with the same columns (defineProperty on every key made each
      // copy a slow dictionary object); only `__proto__` would hit Object.prototype's setter, so it is defined.
      if (k === '__proto__')
        Object.defineProperty(out, k, { value: copy, enumerable: true, writable: true, configurable: true });
      else out[k] = copy;
    }
    return out;
  } catch {
    return 'unreadable';
  }
}

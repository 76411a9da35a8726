import type * as z from 'zod';
import { compileOnce } from './compile-once';
import type { InputLimits } from './limits';
import { fixedPatternTest, isIsoDate, isIsoDateTimeWithOffset, isoYear } from './patterns';

/** The parts of a zod schema definition this module reads. */
interface Def {
  readonly type: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly coerce?: boolean;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly shape?: Record<string, { _zod: { def: Def } }>;
  readonly catchall?: { _zod: { def: Def } };
  readonly element?: { _zod: { def: Def } };
  readonly innerType?: { _zod: { def: Def } };
  readonly keyType?: { _zod: { def: Def } };
  readonly valueType?: { _zod: { def: Def } };
  readonly entries?: Record<string, unknown>;
  readonly values?: readonly unknown[];
}

interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly abort?: boolean;
  readonly fn?: (value: unknown) => unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Thrown while compiling when a schema uses a construct the conformance check does not know. */
class Unsupported extends Error {}

type Test = (value: unknown) => boolean;

/**
 * Compiles a zod schema into a test that says, without copying anything, whether a plain JSON value certainly passes
 * both the schema and the input limits (see {@link InputLimits}): every string within `maxStringLength`, every list
 * within `maxListLength`, every date and instant in the plausible years. It knows the constructs this library's
 * schemas use (strict objects, arrays, strings with patterns and lengths, ISO dates and instants, numbers, integers,
 * booleans, enums, literals, optional, nullable, records, refinements); a schema with any other construct gives
 * `undefined`, and so does nothing but the full parse. The test is conservative: `false` means "parse it in full to
 * learn why", never a verdict of its own. For a value it accepts, zod's output equals the value (none of these
 * constructs transforms), so the value itself can stand for zod's copy.
 *
 * The value must be plain data, as `JSON.parse` gives: objects and arrays without getters or Proxies, their keys
 * enumerable (an object's fields are the keys for-in lists).
 *
 * @example
 * const test = compileConformance(ProgramData, DEFAULT_INPUT_LIMITS);
 * test?.(JSON.parse(text)); // true: parseProgramData would accept it, its output equal to the value
 */
export function compileConformance(schema: z.ZodType, limits: InputLimits): Test | undefined {
  const compile = compileOnce<Def, Test>((def, below) => build(def, below, limits));
  try {
    return compile(defOf(schema));
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function build(def: Def, compile: (def: Def) => Test, limits: InputLimits): Test {
  if (def.coerce === true) throw new Unsupported();
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  if (checks.some((c) => c.abort === true)) throw new Unsupported();
  switch (def.type) {
    case 'optional': {
      if (def.innerType === undefined || checks.length > 0) throw new Unsupported();
      const inner = compile(defOf(def.innerType));
      return (v) => v === undefined || inner(v);
    }
    case 'nullable': {
      if (def.innerType === undefined || checks.length > 0) throw new Unsupported();
      const inner = compile(defOf(def.innerType));
      return (v) => v === null || inner(v);
    }
    case 'object': {
      // Strict objects only: an unknown key is an error, so the value has no key zod's output would drop.
      if (def.catchall === undefined || defOf(def.catchall).type !== 'never' || checks.length > 0)
        throw new Unsupported();
      const entries = Object.entries(def.shape ?? {});
      const fields = new Map<string, { readonly optional: boolean; readonly test: Test }>();
      let required = 0;
      for (const [key, s] of entries) {
        const fieldDef = defOf(s);
        const optional = fieldDef.type === 'optional';
        if (!optional) required++;
        fields.set(key, { optional, test: compile(fieldDef) });
      }
      // Each key the object has, own or inherited, is a field (an unknown key is an error, so the value has no key
      // zod's output would drop) and passes its test; a required field absent (or undefined) fails. Keys are read
      // as for-in lists them: a JSON object's own keys, each once.
      return (v) => {
        if (!isPlainObject(v)) return false;
        let present = 0;
        for (const k in v) {
          const f = fields.get(k);
          if (f === undefined) return false;
          const x = v[k];
          if (x === undefined) {
            if (!f.optional) return false;
            continue;
          }
          if (!f.test(x)) return false;
          if (!f.optional) present++;
        }
        return present === required;
      };
    }
    case 'array': {
      if (def.element === undefined) throw new Unsupported();
      const element = compile(defOf(def.element));
      let min = 0;
      let max = limits.maxListLength;
      for (const c of checks) {
        if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
        else if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
        else throw new Unsupported();
      }
      return (v) => {
        if (!Array.isArray(v) || v.length < min || v.length > max) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'string': {
      const tests: ((v: string) => boolean)[] = [];
      let year: ((v: string) => number) | undefined;
      if (def.format !== undefined) {
        if ((def.format !== 'date' && def.format !== 'datetime') || !(def.pattern instanceof RegExp))
          throw new Unsupported();
        const fixed = fixedPatternTest(def.pattern);
        // A date the fixed test accepts starts with four digits: its year is read from them without a copy.
        year =
          fixed === isIsoDate || fixed === isIsoDateTimeWithOffset ? isoYear : (v) => Number(v.slice(0, 4));
        tests.push(fixed ?? patternTest(def.pattern));
      }
      let min = 0;
      let max = limits.maxStringLength;
      for (const c of checks) {
        if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
        else if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
        else if (c.check === 'string_format' && c.format === 'regex' && c.pattern instanceof RegExp)
          tests.push(fixedPatternTest(c.pattern) ?? patternTest(c.pattern));
        else if (c.check === 'custom' && typeof c.fn === 'function') {
          const fn = c.fn;
          tests.push((v) => fn(v) === true);
        } else throw new Unsupported();
      }
      const test = allOf(tests);
      if (year === undefined)
        return (v) => typeof v === 'string' && v.length >= min && v.length <= max && test(v);
      const yearOf = year;
      const { minYear, maxYear } = limits;
      return (v) => {
        if (typeof v !== 'string' || v.length < min || v.length > max || !test(v)) return false;
        const y = yearOf(v);
        return y >= minYear && y <= maxYear;
      };
    }
    case 'number': {
      if (def.format !== undefined && def.format !== 'safeint') throw new Unsupported();
      const integer = def.format === 'safeint';
      const bounds = checks.map((c) => {
        if (typeof c.value !== 'number') throw new Unsupported();
        const { value, inclusive } = c;
        if (c.check === 'greater_than')
          return inclusive ? (v: number) => v >= value : (v: number) => v > value;
        if (c.check === 'less_than') return inclusive ? (v: number) => v <= value : (v: number) => v < value;
        throw new Unsupported();
      });
      return (v) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) return false;
        if (integer && !Number.isSafeInteger(v)) return false;
        for (const b of bounds) if (!b(v)) return false;
        return true;
      };
    }
    case 'boolean':
      if (checks.length > 0) throw new Unsupported();
      return (v) => typeof v === 'boolean';
    case 'enum': {
      if (def.entries === undefined || checks.length > 0) throw new Unsupported();
      const allowed = new Set(Object.values(def.entries).filter((x) => typeof x === 'string'));
      return (v) => typeof v === 'string' && allowed.has(v);
    }
    case 'literal': {
      if (def.values === undefined || checks.length > 0) throw new Unsupported();
      const allowed = new Set<unknown>(
        def.values.filter((x) => typeof x === 'string' || typeof x === 'boolean'),
      );
      return (v) => allowed.has(v);
    }
    case 'record': {
      if (def.keyType === undefined || def.valueType === undefined || checks.length > 0)
        throw new Unsupported();
      const keyDef = defOf(def.keyType);
      if (keyDef.type !== 'string') throw new Unsupported();
      const key = compile(keyDef);
      const value = compile(defOf(def.valueType));
      return (v) => {
        if (!isPlainObject(v)) return false;
        for (const k of Object.keys(v)) if (!key(k) || !value(v[k])) return false;
        return true;
      };
    }
    default:
      throw new Unsupported();
  }
}

function patternTest(pattern: RegExp): (v: string) => boolean {
  if (pattern.global || pattern.sticky) throw new Unsupported();
  return (v) => pattern.test(v);
}

/** One test that passes when every one of `tests` passes (in their order). */
function allOf(tests: readonly ((v: string) => boolean)[]): (v: string) => boolean {
  const [a, b] = tests;
  if (a === undefined) return () => true;
  if (b === undefined) return a;
  if (tests.length === 2) return (v) => a(v) && b(v);
  return (v) => {
    for (const t of tests) if (!t(v)) return false;
    return true;
  };
}

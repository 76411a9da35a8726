import type * as z from 'zod';
import { compileOnce } from './compile-once';
import type { ProgramData } from './domain';
import { enrolmentBounds } from './enrolment-bounds';
import { type DataIssue, dataIssue } from './issues';
import { DEFAULT_INPUT_LIMITS, INPUT_LIMIT_NAMES, type InputLimits } from './limit-defaults';

export { DEFAULT_INPUT_LIMITS, INPUT_LIMIT_NAMES, type InputLimits };

/**
 * The limits in force: the defaults with `overrides` applied. Each override must be a whole number from 0 to
 * 2^53 - 1 (years: 0 to 9999, `minYear` not above `maxYear`); anything else is an `invalid-value` issue at
 * `['limits', name]`, and an unknown name is an `unknown-field` issue. Never throws.
 *
 * @example
 * resolveInputLimits({ maxStringLength: 100_000 }).limits?.maxStringLength; // 100000
 * resolveInputLimits({ maxStringLength: -1 }).issues[0]?.code; // 'invalid-value'
 */
export function resolveInputLimits(overrides: Partial<InputLimits> = {}): {
  readonly limits?: InputLimits;
  readonly issues: readonly DataIssue[];
} {
  const issues: DataIssue[] = [];
  const out: Record<string, number> = { ...DEFAULT_INPUT_LIMITS };
  let keys: string[];
  try {
    keys = Object.keys(overrides);
  } catch {
    return { issues: [dataIssue('invalid-value', ['limits'], 'could not be read')] };
  }
  for (const key of keys) {
    if (!(INPUT_LIMIT_NAMES as readonly string[]).includes(key)) {
      const shown = /^[A-Za-z]{1,40}$/.test(key) ? key : '?';
      issues.push(
        dataIssue(
          'unknown-field',
          ['limits', shown],
          `is not a limit (limits: ${INPUT_LIMIT_NAMES.join(', ')})`,
        ),
      );
      continue;
    }
    let v: unknown;
    try {
      v = (overrides as Record<string, unknown>)[key];
    } catch {
      v = undefined;
    }
    const year = key === 'minYear' || key === 'maxYear';
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || (year && v > 9999))
      issues.push(
        dataIssue(
          'invalid-value',
          ['limits', key],
          `expected a whole number from 0 to ${year ? 9999 : ' 2^53 - 1'}`,
        ),
      );
    else out[key] = v;
  }
  if (issues.length === 0 && (out.minYear as number) > (out.maxYear as number))
    issues.push(dataIssue('invalid-value', ['limits', 'minYear'], 'is above maxYear'));
  return issues.length > 0 ? { issues } : { limits: out as unknown as InputLimits, issues };
}

interface Def {
  readonly type: string;
  readonly format?: string;
  readonly shape?: Record<string, { _zod: { def: Def } }>;
  readonly element?: { _zod: { def: Def } };
  readonly innerType?: { _zod: { def: Def } };
  readonly valueType?: { _zod: { def: Def } };
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/**
 * Checks parsed data against size and plausibility limits, guided by its schema: every string against
 * `maxStringLength`, every list against `maxListLength`, every date and instant (the schema's ISO date and date-time
 * fields) against `minYear` and `maxYear`. Issues name the limit, its value and the path; the message gives the
 * length or the year, never the value. Reads only what the schema describes.
 *
 * @example
 * checkInputLimits(ProgramData, data, DEFAULT_INPUT_LIMITS); // [] for a document within the limits
 */
export function checkInputLimits(schema: z.ZodType, data: unknown, limits: InputLimits): DataIssue[] {
  const issues: DataIssue[] = [];
  const path: (string | number)[] = [];
  type Check = (value: unknown) => void;
  // One check function per schema node, built once per call: the walk does no dispatch on the schema.
  const compile = compileOnce<Def, Check>((def, compile) => {
    let check: Check = () => undefined;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
        if (def.innerType) check = compile(defOf(def.innerType));
        break;
      case 'object': {
        const fields = Object.entries(def.shape ?? {}).map(([key, s]) => [key, compile(defOf(s))] as const);
        check = (value) => {
          if (typeof value !== 'object' || value === null) return;
          for (const [key, fieldCheck] of fields) {
            const v = (value as Record<string, unknown>)[key];
            if (v === undefined || v === null) continue;
            path.push(key);
            fieldCheck(v);
            path.pop();
          }
        };
        break;
      }
      case 'array': {
        const element = def.element === undefined ? undefined : compile(defOf(def.element));
        check = (value) => {
          if (!Array.isArray(value)) return;
          if (value.length > limits.maxListLength)
            issues.push(
              dataIssue(
                'limit-exceeded',
                [...path],
                `has ${value.length} items, over the limit maxListLength (${limits.maxListLength})`,
              ),
            );
          if (element === undefined) return;
          for (let i = 0; i < value.length; i++) {
            path.push(i);
            element(value[i]);
            path.pop();
          }
        };
        break;
      }
      case 'record': {
        const item = def.valueType === undefined ? undefined : compile(defOf(def.valueType));
        check = (value) => {
          if (typeof value !== 'object' || value === null || item === undefined) return;
          for (const key of Object.keys(value)) {
            path.push(key);
            item((value as Record<string, unknown>)[key]);
            path.pop();
          }
        };
        break;
      }
      case 'string': {
        const dated = def.format === 'date' || def.format === 'datetime';
        check = (value) => {
          if (typeof value !== 'string') return;
          if (value.length > limits.maxStringLength)
            issues.push(
              dataIssue(
                'limit-exceeded',
                [...path],
                `is ${value.length} characters long, over the limit maxStringLength (${limits.maxStringLength})`,
              ),
            );
          else if (dated) {
            const year = Number(value.slice(0, 4));
            if (year < limits.minYear || year > limits.maxYear)
              issues.push(
                dataIssue(
                  'implausible-date',
                  [...path],
                  `has a year outside the plausible years ${limits.minYear} to ${limits.maxYear} (limits minYear, maxYear)`,
                ),
              );
          }
        };
        break;
      }
    }
    return check;
  });
  compile(defOf(schema))(data);
  return issues;
}

/**
 * Warnings for records dated outside their enrolment: a contact (its start), a plan version (`createdOn`) or a
 * message (`receivedAt`) before the enrolment's `enrolledOn` or after its `exit.on`, compared as local dates in the
 * program's time zone. Each is an `outside-enrolment` warning: such records are kept (a late note or a follow-up
 * after exit can be real), and the rules judge them as they do today. Records whose enrolment is unknown are left to
 * the reference check.
 *
 * @example
 * checkEnrolmentDates(data).filter((i) => i.code === 'outside-enrolment').length; // 0 for consistent data
 */
export function checkEnrolmentDates(data: ProgramData): DataIssue[] {
  const issues: DataIssue[] = [];
  const bounds = enrolmentBounds(data);
  const warn = (path: (string | number)[], text: string) =>
    issues.push({ ...dataIssue('outside-enrolment', path, text), severity: 'warning' });
  // The written date of `instant` (its first 10 characters) is strictly between `safeFrom` and `safeTo` (both 10
  // characters long): compared without copying it out (an instant that starts with `safeFrom` is not after it).
  const surelyInside = (b: { safeFrom: string; safeTo: string }, instant: string) =>
    instant < b.safeTo && instant > b.safeFrom && !instant.startsWith(b.safeFrom);
  // 'before', 'after' or undefined (inside, or no known enrolment).
  const outside = (enrolmentId: string, instant: string): 'before' | 'after' | undefined => {
    const b = bounds.get(enrolmentId);
    if (b === undefined || surelyInside(b, instant)) return undefined;
    const ms = Date.parse(instant);
    return ms < b.fromMs ? 'before' : ms > b.toMs ? 'after' : undefined;
  };
  const contacts = data.contacts;
  for (let i = 0; i < contacts.length; i++) {
    const c = contacts[i] as ProgramData['contacts'][number];
    const side = outside(c.enrolmentId, c.start);
    if (side === 'before')
      warn(['contacts', i, 'start'], 'the contact is before the enrolment starts (enrolledOn)');
    else if (side === 'after')
      warn(['contacts', i, 'start'], 'the contact is after the enrolment ends (exit.on)');
  }
  data.plans.forEach((p, i) => {
    const b = bounds.get(p.enrolmentId);
    if (b === undefined) return;
    if (p.createdOn < b.from)
      warn(['plans', i, 'createdOn'], 'the plan version is before the enrolment starts (enrolledOn)');
    else if (b.to !== undefined && p.createdOn > b.to)
      warn(['plans', i, 'createdOn'], 'the plan version is after the enrolment ends (exit.on)');
  });
  const messages = data.messages;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as ProgramData['messages'][number];
    const side = outside(m.enrolmentId, m.receivedAt);
    if (side === 'before')
      warn(['messages', i, 'receivedAt'], 'the message is before the enrolment starts (enrolledOn)');
    else if (side === 'after')
      warn(['messages', i, 'receivedAt'], 'the message is after the enrolment ends (exit.on)');
  }
  return issues;
}

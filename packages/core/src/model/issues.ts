import type * as z from 'zod';
import type { Issue, Result } from './result';

/**
 * A problem found in input data: the base {@link Issue} (where: `path`; what: `code`, stable API; a message for
 * people; a `severity`) plus `pointer`, the path written for display. Messages name the field and what was
 * expected; they never contain a value taken from the input, so personal data (names, dates of birth, recovery
 * dates, notes) cannot leak through them.
 *
 * @example
 * const issue: DataIssue = {
 *   code: 'invalid-date', path: ['enrolments', 0, 'enrolledOn'], pointer: 'enrolments[0].enrolledOn',
 *   severity: 'error', message: 'enrolments[0].enrolledOn: expected a calendar date YYYY-MM-DD',
 * };
 */
export interface DataIssue extends Issue<DataIssueCode> {
  /** The path written as `a.b[0].c`. */
  readonly pointer: string;
}

/**
 * Every code a {@link DataIssue} can carry. Stable API: codes are never renamed, only added.
 *
 * @example
 * DATA_ISSUE_CODES.includes('unknown-reference'); // true
 */
export const DATA_ISSUE_CODES = [
  'required',
  'invalid-type',
  'invalid-date',
  'invalid-instant',
  'invalid-id',
  'invalid-format',
  'invalid-code',
  'invalid-time-zone',
  'too-small',
  'too-big',
  'unknown-field',
  'invalid-value',
  'duplicate-id',
  'unknown-reference',
  'period-reversed',
  'overlapping-periods',
  'not-in-order',
  'plan-chain-broken',
  'invalid-json',
  'invalid-as-of',
  'unreadable-input',
  'invalid-encoding',
  'limit-exceeded',
  'implausible-date',
  'outside-enrolment',
] as const;
/**
 * A stable data issue code (see {@link DATA_ISSUE_CODES}).
 *
 * @example
 * const code: DataIssueCode = 'invalid-date';
 */
export type DataIssueCode = (typeof DATA_ISSUE_CODES)[number];

/**
 * The outcome of parsing: the typed data (with any warnings in `issues`, severity `warning`), or the issues found.
 * Parsing never throws.
 *
 * @example
 * const r: ParseResult<number> = { success: false, issues: [] };
 * if (r.success) console.log(r.data, r.issues.length);
 */
export type ParseResult<T> = Result<T, DataIssue>;

/**
 * Writes a path as `a.b[0].c`.
 *
 * @example
 * formatPath(['coaches', 2, 'trainings', 0, 'expiresOn']); // 'coaches[2].trainings[0].expiresOn'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Builds a {@link DataIssue}; the message is prefixed with the field's pointer.
 *
 * @example
 * dataIssue('required', ['program', 'timeZone'], 'is required');
 * // { code: 'required', pointer: 'program.timeZone', message: 'program.timeZone: is required', ... }
 */
export function dataIssue(code: DataIssueCode, path: readonly (string | number)[], text: string): DataIssue {
  const pointer = formatPath(path);
  return { code, path, pointer, message: `${pointer}: ${text}`, severity: 'error' };
}

/** Keys shown as they are: like a field name (lowerCamelCase), never like a personal name (capitalised, spaced). */
const SAFE_KEY = /^[a-z][A-Za-z0-9_-]{0,39}$/;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  // zod rejects NaN and infinities as numbers: name them, or the message would read "expected number, got number".
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : 'an infinite number';
  return typeof v;
}

/** The pattern of `Id` (primitives.ts), as zod reports it in an `invalid_format` issue. */
const ID_PATTERN = String(/^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/);

/** True when a failed regex check is an id check: the `Id` pattern, or a field named like an id. */
function isIdIssue(pattern: string | undefined, path: readonly (string | number)[]): boolean {
  if (pattern === ID_PATTERN) return true;
  const last = path[path.length - 1];
  return last === 'id' || (typeof last === 'string' && last.endsWith('Id'));
}

/**
 * Turns zod issues into privacy-safe {@link DataIssue}s. Messages are written here from the issue's kind, never
 * taken from zod (whose messages may quote input), and name only the field, the expected shape and allowed codes.
 *
 * @example
 * const r = z.object({ a: z.string() }).safeParse({});
 * if (!r.success) fromZodIssues(r.error.issues, {}); // [{ code: 'required', pointer: 'a', ... }]
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown): DataIssue[] {
  const out: DataIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    switch (issue.code) {
      case 'invalid_type': {
        const actual = valueAt(input, path);
        if (actual === undefined) out.push(dataIssue('required', path, `is required (${issue.expected})`));
        else out.push(dataIssue('invalid-type', path, `expected ${issue.expected}, got ${typeName(actual)}`));
        break;
      }
      case 'invalid_format': {
        const format = issue.format;
        if (format === 'date')
          out.push(dataIssue('invalid-date', path, 'expected a calendar date YYYY-MM-DD'));
        else if (format === 'datetime')
          out.push(
            dataIssue('invalid-instant', path, 'expected an ISO 8601 date-time with a UTC offset or Z'),
          );
        else if (format === 'regex' && isIdIssue((issue as { pattern?: string }).pattern, path))
          out.push(
            dataIssue(
              'invalid-id',
              path,
              'expected an id of 1-64 letters, digits, "-" or "." (FHIR id alphabet)',
            ),
          );
        else if (format === 'regex' && (issue as { pattern?: string }).pattern === '/\\S/')
          out.push(dataIssue('invalid-format', path, 'must not be blank'));
        else out.push(dataIssue('invalid-format', path, `does not have the expected format (${format})`));
        break;
      }
      case 'invalid_value': {
        // zod reports a missing enum or literal field as invalid_value: a missing field is `required`.
        const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
        if (valueAt(input, path) === undefined)
          out.push(dataIssue('required', path, `is required (one of: ${allowed})`));
        else out.push(dataIssue('invalid-code', path, `expected one of: ${allowed}`));
        break;
      }
      case 'too_small':
        out.push(
          dataIssue('too-small', path, `must be at least ${String(issue.minimum)}${unit(issue.origin)}`),
        );
        break;
      case 'too_big':
        out.push(dataIssue('too-big', path, `must be at most ${String(issue.maximum)}${unit(issue.origin)}`));
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          // A key that is not a plain field name may hold data (a name, a date): it is never shown.
          const safe = SAFE_KEY.test(key);
          out.push(
            dataIssue(
              'unknown-field',
              [...path, safe ? key : '?'],
              // The pointer already ends with the key: the text does not repeat it.
              safe
                ? 'is not a known field'
                : 'is not a known field (its name is not shown: not a plain field name)',
            ),
          );
        }
        break;
      case 'custom': {
        const code = (issue.params as { code?: string } | undefined)?.code;
        if (code === 'invalid-time-zone')
          out.push(
            dataIssue('invalid-time-zone', path, 'expected an IANA time zone such as America/Los_Angeles'),
          );
        else if (code === 'invalid-npi')
          out.push(
            dataIssue(
              'invalid-format',
              path,
              'expected a National Provider Identifier: 10 digits with a valid check digit',
            ),
          );
        else out.push(dataIssue('invalid-value', path, 'is not valid here'));
        break;
      }
      case 'invalid_key':
        // The path ends with the offending key itself, an input value: replace it as for unknown fields.
        out.push(dataIssue('invalid-value', [...path.slice(0, -1), '?'], 'has a key that is not allowed'));
        break;
      case 'invalid_union':
      case 'invalid_element':
      case 'not_multiple_of':
        out.push(dataIssue('invalid-value', path, 'is not valid here'));
        break;
    }
  }
  return out;
}

function unit(origin: string): string {
  if (origin === 'array' || origin === 'set') return ' item(s)';
  if (origin === 'string') return ' character(s)';
  return '';
}

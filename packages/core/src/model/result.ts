import { endOfLocalDay, toEpoch, toLocalDate } from '../calendar/zone';
import { type DataIssue, dataIssue } from './issues';
import type { LocalDate } from './primitives';
import { LocalDate as LocalDateSchema } from './primitives';

/**
 * How serious an {@link Issue} is: `error` stops the operation for the record it names, `warning` and `info` are
 * reported beside a successful result.
 *
 * @example
 * const s: IssueSeverity = 'warning';
 */
export type IssueSeverity = 'error' | 'warning' | 'info';

/**
 * Where an issue was found, beyond its `path` in a document: a file, a line and column (1-based), a byte offset,
 * a CSV row, or a FHIR resource. Every member is optional; none ever holds a value taken from the data.
 *
 * @example
 * const where: IssueLocation = { file: 'Encounter.ndjson', line: 12, resourceType: 'Encounter', resourceId: 'e-1' };
 */
export interface IssueLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly byteOffset?: number;
  readonly row?: number;
  readonly resourceType?: string;
  readonly resourceId?: string;
}

/**
 * The one issue shape of every package: a stable `code`, the `path` of the field concerned, a `message` for people
 * (it names fields and rules, never a value from the input, so no personal data leaks through it), a `severity`,
 * and an optional `location`. Packages extend it with narrower codes; `@peer-recovery/fhir` turns any issue into a
 * FHIR OperationOutcome.
 *
 * @example
 * const issue: Issue = {
 *   code: 'invalid-date', path: ['enrolments', 0, 'enrolledOn'], severity: 'error',
 *   message: 'enrolments[0].enrolledOn: expected a calendar date YYYY-MM-DD',
 * };
 */
export interface Issue<C extends string = string> {
  readonly code: C;
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly severity: IssueSeverity;
  readonly location?: IssueLocation;
}

/**
 * The one result convention of every package, in zod's `safeParse` style: `success: true` with `data` (and any
 * warnings in `issues`), or `success: false` with the `issues` that stopped it. Functions that return a Result
 * never throw for bad input.
 *
 * @example
 * const r: Result<number> = { success: true, data: 3, issues: [] };
 * if (r.success) console.log(r.data);
 * else for (const i of r.issues) console.log(i.code, i.message);
 */
export type Result<T, I extends Issue = Issue> =
  | { readonly success: true; readonly data: T; readonly issues: readonly I[] }
  | { readonly success: false; readonly issues: readonly I[] };

/**
 * A successful {@link Result}, with optional warnings.
 *
 * @example
 * ok(42); // { success: true, data: 42, issues: [] }
 */
export function ok<T, I extends Issue = Issue>(data: T, issues: readonly I[] = []): Result<T, I> {
  return { success: true, data, issues };
}

/**
 * A failed {@link Result}.
 *
 * @example
 * fail([{ code: 'required', path: ['asOf'], message: 'asOf: is required', severity: 'error' }]);
 */
export function fail<T = never, I extends Issue = Issue>(issues: readonly I[]): Result<T, I> {
  return { success: false, issues };
}

/**
 * An `asOf` that was checked: the instant (epoch milliseconds) at which rules are evaluated and its local calendar
 * date in the program's time zone. A date alone means the end of that local day.
 *
 * @example
 * const a: ResolvedAsOf = { ms: 1795766399999, date: '2026-11-25' };
 */
export interface ResolvedAsOf {
  readonly ms: number;
  readonly date: LocalDate;
}

/** The latest epoch milliseconds a JavaScript Date can hold. */
const MAX_EPOCH_MS = 8.64e15;
const INSTANT_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The one parser of `asOf` (and every other "as of" date option) in every package and command: a calendar date
 * `YYYY-MM-DD` (the end of that day in `timeZone`), an ISO 8601 instant with `Z` or an offset, or epoch
 * milliseconds. Anything else, including impossible dates (`2026-02-31`), times without a zone, words and
 * non-finite numbers, is an `invalid-as-of` issue at `path` (default `['asOf']`). Never throws.
 *
 * @example
 * parseAsOf('2026-11-25', 'America/Los_Angeles'); // { success: true, data: { ms: …, date: '2026-11-25' }, issues: [] }
 * parseAsOf('2026-02-31', 'UTC').success; // false
 * parseAsOf('2026-03-10T10:00:00', 'UTC').success; // false: no zone
 */
export function parseAsOf(
  value: unknown,
  timeZone: string,
  path: readonly (string | number)[] = ['asOf'],
): Result<ResolvedAsOf, DataIssue> {
  const bad = (text: string): Result<ResolvedAsOf, DataIssue> =>
    fail([dataIssue('invalid-as-of', path, text)]);
  let ms: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > MAX_EPOCH_MS)
      return bad('expected epoch milliseconds within the range of dates');
    ms = value;
  } else if (typeof value === 'string') {
    if (LocalDateSchema.safeParse(value).success) {
      try {
        ms = endOfLocalDay(value, timeZone);
      } catch {
        return bad('is outside the supported range of dates');
      }
    } else if (INSTANT_SHAPE.test(value) && LocalDateSchema.safeParse(value.slice(0, 10)).success) {
      try {
        ms = toEpoch(value);
      } catch {
        ms = Number.NaN;
      }
      if (!Number.isFinite(ms)) return bad('expected a valid ISO 8601 instant');
    } else
      return bad(
        'expected a date YYYY-MM-DD, an ISO 8601 instant with Z or a UTC offset, or epoch milliseconds',
      );
  } else return bad('expected a date YYYY-MM-DD, an ISO 8601 instant, or epoch milliseconds');
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_EPOCH_MS)
    return bad('is outside the supported range of dates');
  try {
    return ok({ ms, date: toLocalDate(ms, timeZone) });
  } catch {
    return bad('is outside the supported range of dates');
  }
}

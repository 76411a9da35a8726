import type * as z from 'zod';
import { compileConformance } from './conforms';
import { ProgramData } from './domain';
import { integrityIssues } from './integrity';
import { type DataIssue, dataIssue, fromZodIssues, type ParseResult } from './issues';
import { checkEnrolmentDates, checkInputLimits, type InputLimits, resolveInputLimits } from './limits';
import { fail, ok, type Result } from './result';
import { findUnreadable } from './unreadable';

/**
 * The `unreadable-input` issue for a value that threw while it was read (a Proxy whose traps throw, a getter that
 * throws): at the path where it threw (see {@link findUnreadable}), without the error's message, which may quote
 * the value.
 *
 * @example
 * unreadableIssue({ get program() { throw new Error(); } }).pointer; // 'program'
 */
export function unreadableIssue(input: unknown): DataIssue {
  return dataIssue(
    'unreadable-input',
    findUnreadable(input) ?? [],
    'could not be read (a getter or a Proxy threw); pass plain data, such as the result of JSON.parse',
  );
}

/**
 * Parses any value against one of this library's schemas and returns a {@link ParseResult}: never throws, and
 * issues are privacy-safe (see {@link DataIssue}).
 *
 * @example
 * parseWith(Peer, { id: 'p1', populations: [] });
 * // { success: false, issues: [{ code: 'too-small', pointer: 'populations', ... }] }
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.output<S>> {
  try {
    const r = schema.safeParse(input);
    if (r.success) return { success: true, data: r.data, issues: [] };
    return { success: false, issues: fromZodIssues(r.error.issues, input) };
  } catch {
    // zod reads the input as it is: a Proxy or a getter may throw. Its output is a copy, so nothing throws later.
    return { success: false, issues: [unreadableIssue(input)] };
  }
}

/**
 * Options of {@link parseProgramData}: `limits` raises (or lowers) any of the {@link InputLimits}. `fromJson: true`
 * says the input is the fresh result of `JSON.parse` handed over to the parser (plain objects and arrays, no getters,
 * not changed by the caller afterwards): a document that passes every check is then returned as it is instead of as
 * a copy, which takes a fraction of the time and no second copy in memory. The result is the same either way (the
 * same data, the same issues), except that its objects are the input's and keep the input's key order.
 *
 * @example
 * const o: ParseProgramDataOptions = { limits: { maxStringLength: 100_000 } };
 * parseProgramData(JSON.parse(text), { fromJson: true });
 */
export interface ParseProgramDataOptions {
  readonly limits?: Partial<InputLimits>;
  readonly fromJson?: boolean;
}

/**
 * Parses and checks a whole program document: the schema first, then the input limits (see {@link InputLimits}:
 * string and list lengths, `limit-exceeded`; dates in the plausible years, `implausible-date`), then referential
 * integrity (every reference resolves, ids are unique, plan versions chain, periods run forward, coach assignments
 * do not overlap, histories are in date order). A successful result carries warnings in `issues`: contacts, plan
 * versions and messages dated outside their enrolment (`outside-enrolment`). Never throws, for any JavaScript
 * value: a value that throws while it is read (a Proxy, a getter) is an `unreadable-input` issue at the path where
 * it threw. Issues name the field and never echo input values.
 *
 * @example
 * const r = parseProgramData(JSON.parse(text));
 * if (!r.success) for (const i of r.issues) console.error(i.code, i.message);
 * parseProgramData(JSON.parse(text), { limits: { maxStringLength: 100_000 } }).success; // true
 */
export function parseProgramData(
  input: unknown,
  options: ParseProgramDataOptions = {},
): ParseResult<ProgramData> {
  const resolved = resolveInputLimits(options.limits);
  if (resolved.limits === undefined) return { success: false, issues: resolved.issues };
  // Plain JSON that certainly passes the schema and the limits needs no copy: zod's output would equal it. Anything
  // else (or a schema the test does not know) takes the full parse, which finds and words the issues.
  if (options.fromJson === true && compileConformance(ProgramData, resolved.limits)?.(input) === true)
    return checked(input as ProgramData, []);
  const parsed = parseWith(ProgramData, input);
  if (!parsed.success) return parsed;
  // The data is zod's copy of the input: plain objects, arrays and strings, read without any getter.
  return checked(parsed.data, checkInputLimits(ProgramData, parsed.data, resolved.limits));
}

/** The integrity checks and warnings after the schema and the limits (`limitIssues`). */
function checked(data: ProgramData, limitIssues: readonly DataIssue[]): ParseResult<ProgramData> {
  // The data passed the schema: its instants match the ISO pattern (see integrityIssues).
  const issues = [...limitIssues, ...integrityIssues(data, true)];
  if (issues.length > 0) return { success: false, issues };
  const warnings = checkEnrolmentDates(data);
  return { success: true, data, issues: warnings };
}

/**
 * Parses JSON text: the value, or one `invalid-json` issue at `path` that says where (line and column, 1-based, also
 * in `location`, when the parser tells) and, for a UTF-8 byte-order mark at the start, how to fix it. The message
 * never quotes the text.
 *
 * @example
 * parseJsonText('{\n  "a": 1,\n}').issues[0]?.message; // '(root): is not valid JSON (line 3, column 1)'
 * parseJsonText('\uFEFF{}').issues[0]?.message; // '(root): is not valid JSON: it starts with a byte-order mark (BOM); save it as UTF-8 without BOM'
 */
export function parseJsonText(
  text: string,
  path: readonly (string | number)[] = [],
): Result<unknown, DataIssue> {
  try {
    return ok(JSON.parse(text));
  } catch (e) {
    if (text.charCodeAt(0) === 0xfeff) return fail([byteOrderMarkIssue(path)]);
    const at = /at position (\d+)/.exec(e instanceof Error ? e.message : '');
    const offset = at ? Number(at[1]) : /Unexpected end/.test(String(e)) ? text.length : undefined;
    if (offset === undefined) return fail([dataIssue('invalid-json', path, 'is not valid JSON')]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return fail([invalidJsonIssue(line, column, new TextEncoder().encode(before).length, path)]);
  }
}

/**
 * The `invalid-json` issue of a syntax error at `line` and `column`, `byteOffset` bytes into the text, also in
 * `location`; never the text itself.
 *
 * @example
 * invalidJsonIssue(3, 1, 27).message; // '(root): is not valid JSON (line 3, column 1)'
 */
export function invalidJsonIssue(
  line: number,
  column: number,
  byteOffset: number,
  path: readonly (string | number)[] = [],
): DataIssue {
  const issue = dataIssue('invalid-json', path, `is not valid JSON (line ${line}, column ${column})`);
  return { ...issue, location: { line, column, byteOffset } };
}

/**
 * The `invalid-json` issue of a text that starts with a byte-order mark, with the fix.
 *
 * @example
 * byteOrderMarkIssue().message; // '(root): is not valid JSON: it starts with a byte-order mark (BOM); save it as UTF-8 without BOM'
 */
export function byteOrderMarkIssue(path: readonly (string | number)[] = []): DataIssue {
  return dataIssue(
    'invalid-json',
    path,
    'is not valid JSON: it starts with a byte-order mark (BOM); save it as UTF-8 without BOM',
  );
}

/**
 * Parses program data from JSON text: a JSON syntax error is reported as an `invalid-json` issue (without the
 * text; see {@link parseJsonText}), then {@link parseProgramData} applies.
 *
 * @example
 * parseProgramDataJson('{'); // { success: false, issues: [{ code: 'invalid-json', ... }] }
 */
export function parseProgramDataJson(
  text: string,
  options: ParseProgramDataOptions = {},
): ParseResult<ProgramData> {
  const value = parseJsonText(text);
  if (!value.success) return { success: false, issues: value.issues };
  return parseProgramData(value.data, { ...options, fromJson: true });
}

/**
 * Referential integrity checks over schema-valid program data. Returns the issues found (empty when consistent).
 *
 * @example
 * checkIntegrity(data).length === 0; // true for a consistent document
 */
export function checkIntegrity(data: ProgramData): DataIssue[] {
  return integrityIssues(data, false);
}

import type { z } from 'zod';
import { compileConformance } from './conforms';
import { ProgramData } from './domain';
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
  const issues = [...limitIssues, ...checkIntegrity(data)];
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
  const issues: DataIssue[] = [];
  // The ids of a list (at `path`), each repeated id an issue naming `what` the earlier one was.
  const unique = (list: readonly { id: string }[], path: (string | number)[], what: string): Set<string> => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id))
        issues.push(dataIssue('duplicate-id', [...path, i, 'id'], `duplicates the id of an earlier ${what}`));
      seen.add(item.id);
    });
    return seen;
  };
  const ids = (list: readonly { id: string }[], key: string): Set<string> =>
    unique(list, [key], `${key} entry`);
  const orgs = ids(data.organizations, 'organizations');
  const coaches = ids(data.coaches, 'coaches');
  const peers = ids(data.peers, 'peers');
  const enrolments = ids(data.enrolments, 'enrolments');
  const plans = ids(data.plans, 'plans');
  ids(data.contacts, 'contacts');
  ids(data.messages, 'messages');
  const referrals = ids(data.referrals, 'referrals');
  ids(data.consents, 'consents');
  ids(data.assessments, 'assessments');

  const ref = (set: Set<string>, value: string | undefined, path: (string | number)[], what: string) => {
    if (value !== undefined && !set.has(value))
      issues.push(dataIssue('unknown-reference', path, `refers to no known ${what}`));
  };
  const forward = (from: string, to: string | undefined, path: (string | number)[]) => {
    if (to !== undefined && to < from)
      issues.push(dataIssue('period-reversed', path, 'ends before it starts'));
  };
  const ordered = (dates: readonly string[], path: (string | number)[]) => {
    for (let i = 1; i < dates.length; i++) {
      if ((dates[i] as string) < (dates[i - 1] as string)) {
        issues.push(dataIssue('not-in-order', [...path, i], 'is earlier than the entry before it'));
      }
    }
  };

  data.coaches.forEach((c, i) => {
    unique(c.incidents, ['coaches', i, 'incidents'], 'incident');
    ordered(
      c.statusHistory.map((s) => s.from),
      ['coaches', i, 'statusHistory'],
    );
    if (c.commitment)
      forward(c.commitment.startOn, c.commitment.endOn, ['coaches', i, 'commitment', 'endOn']);
    c.trainings.forEach((t, j) => {
      forward(t.completedOn, t.expiresOn, ['coaches', i, 'trainings', j, 'expiresOn']);
    });
    if (c.backgroundCheck)
      forward(c.backgroundCheck.completedOn, c.backgroundCheck.expiresOn, [
        'coaches',
        i,
        'backgroundCheck',
        'expiresOn',
      ]);
  });

  const referralOwner = new Map(data.referrals.map((r) => [r.id, r.enrolmentId]));
  data.enrolments.forEach((e, i) => {
    const at = ['enrolments', i];
    ref(peers, e.peerId, [...at, 'peerId'], 'peer');
    ref(orgs, e.referralSource?.organizationId, [...at, 'referralSource', 'organizationId'], 'organization');
    // In start order (ties in record order: the comparator must be consistent for a deterministic report).
    const assignments = [...e.coachAssignments.entries()].sort((a, b) =>
      a[1].from < b[1].from ? -1 : a[1].from > b[1].from ? 1 : a[0] - b[0],
    );
    e.coachAssignments.forEach((a, j) => {
      ref(coaches, a.coachId, [...at, 'coachAssignments', j, 'coachId'], 'coach');
      forward(a.from, a.to, [...at, 'coachAssignments', j, 'to']);
    });
    // Compare each assignment with the latest end of all those that start before it, not only the previous
    // one: an assignment nested in a long earlier one overlaps it too. An open assignment never ends.
    let latestEnd: string | undefined;
    let open = false;
    assignments.forEach(([j, cur]) => {
      if (open || (latestEnd !== undefined && latestEnd >= cur.from))
        issues.push(
          dataIssue(
            'overlapping-periods',
            [...at, 'coachAssignments', j],
            'overlaps another coach assignment',
          ),
        );
      if (cur.to === undefined) open = true;
      else if (latestEnd === undefined || cur.to > latestEnd) latestEnd = cur.to;
    });
    ordered(
      e.stages.map((s) => s.from),
      [...at, 'stages'],
    );
    if (e.referredOn !== undefined && e.enrolledOn < e.referredOn)
      issues.push(dataIssue('not-in-order', [...at, 'enrolledOn'], 'is earlier than referredOn'));
    e.holds.forEach((h, j) => {
      forward(h.from, h.to, [...at, 'holds', j, 'to']);
      const prev = j > 0 ? e.holds[j - 1] : undefined;
      if (prev && prev.from <= h.from && (prev.to === undefined || prev.to >= h.from))
        issues.push(dataIssue('overlapping-periods', [...at, 'holds', j], 'overlaps the hold before it'));
    });
    ordered(
      e.holds.map((h) => h.from),
      [...at, 'holds'],
    );
    if (e.exit) {
      forward(e.enrolledOn, e.exit.on, [...at, 'exit', 'on']);
      e.exit.referralsMade.forEach((r, j) => {
        ref(referrals, r, [...at, 'exit', 'referralsMade', j], 'referral');
        const owner = referralOwner.get(r);
        if (owner !== undefined && owner !== e.id)
          issues.push(
            dataIssue(
              'unknown-reference',
              [...at, 'exit', 'referralsMade', j],
              'refers to a referral of another enrolment',
            ),
          );
      });
    }
  });

  const planById = new Map(data.plans.map((p) => [p.id, p]));
  const versions = new Map<string, Set<number>>();
  data.plans.forEach((p, i) => {
    const at = ['plans', i];
    ref(enrolments, p.enrolmentId, [...at, 'enrolmentId'], 'enrolment');
    unique(p.goals, [...at, 'goals'], 'goal of this plan');
    const seen = versions.get(p.enrolmentId) ?? new Set<number>();
    if (seen.has(p.version))
      issues.push(
        dataIssue('plan-chain-broken', [...at, 'version'], 'repeats a version number of this enrolment'),
      );
    seen.add(p.version);
    versions.set(p.enrolmentId, seen);
    if (p.replaces === undefined) {
      if (p.version !== 1)
        issues.push(
          dataIssue('plan-chain-broken', [...at, 'replaces'], 'is required for a version after the first'),
        );
    } else {
      ref(plans, p.replaces, [...at, 'replaces'], 'plan version');
      const prev = planById.get(p.replaces);
      if (prev && (prev.enrolmentId !== p.enrolmentId || prev.version !== p.version - 1))
        issues.push(
          dataIssue(
            'plan-chain-broken',
            [...at, 'replaces'],
            'must name the previous version of the same enrolment',
          ),
        );
    }
  });

  data.contacts.forEach((c, i) => {
    ref(enrolments, c.enrolmentId, ['contacts', i, 'enrolmentId'], 'enrolment');
    ref(coaches, c.coachId, ['contacts', i, 'coachId'], 'coach');
    if (Date.parse(c.end) < Date.parse(c.start))
      issues.push(dataIssue('period-reversed', ['contacts', i, 'end'], 'ends before it starts'));
  });
  data.messages.forEach((m, i) => {
    ref(enrolments, m.enrolmentId, ['messages', i, 'enrolmentId'], 'enrolment');
    if (m.repliedAt !== undefined && Date.parse(m.repliedAt) < Date.parse(m.receivedAt))
      issues.push(
        dataIssue('period-reversed', ['messages', i, 'repliedAt'], 'is earlier than the message it answers'),
      );
  });
  data.referrals.forEach((r, i) => {
    ref(enrolments, r.enrolmentId, ['referrals', i, 'enrolmentId'], 'enrolment');
  });
  data.consents.forEach((c, i) => {
    ref(peers, c.peerId, ['consents', i, 'peerId'], 'peer');
    ref(enrolments, c.enrolmentId, ['consents', i, 'enrolmentId'], 'enrolment');
    ref(orgs, c.recipientOrganizationId, ['consents', i, 'recipientOrganizationId'], 'organization');
    forward(c.period.start, c.period.end, ['consents', i, 'period', 'end']);
    forward(c.signedOn, c.revokedOn, ['consents', i, 'revokedOn']);
  });
  data.assessments.forEach((a, i) => {
    ref(enrolments, a.enrolmentId, ['assessments', i, 'enrolmentId'], 'enrolment');
  });
  return issues;
}

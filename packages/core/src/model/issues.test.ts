import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DATA_ISSUE_CODES, dataIssue, formatPath, fromZodIssues } from './issues';
import { Id, TimeZone } from './primitives';

/** Parses with zod and converts the issues. */
function convert(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a failure');
  return fromZodIssues(r.error.issues, input);
}

describe('formatPath', () => {
  it.each([
    [[], '(root)'],
    [['program'], 'program'],
    [['program', 'timeZone'], 'program.timeZone'],
    [[0], '[0]'],
    [['coaches', 2, 'trainings', 0, 'expiresOn'], 'coaches[2].trainings[0].expiresOn'],
    [['a', 0, 1], 'a[0][1]'],
  ] as const)('%j -> %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe('dataIssue', () => {
  it('prefixes the message with the pointer', () => {
    expect(dataIssue('required', ['program', 'timeZone'], 'is required')).toEqual({
      code: 'required',
      path: ['program', 'timeZone'],
      pointer: 'program.timeZone',
      severity: 'error',
      message: 'program.timeZone: is required',
    });
  });
  it('names the root', () => {
    expect(dataIssue('invalid-json', [], 'is not valid JSON').message).toBe('(root): is not valid JSON');
  });
});

describe('fromZodIssues', () => {
  it('a missing field is required', () => {
    expect(convert(z.object({ a: z.string() }), {})).toEqual([
      { code: 'required', path: ['a'], pointer: 'a', severity: 'error', message: 'a: is required (string)' },
    ]);
  });

  it('a missing enum or literal field is required too', () => {
    expect(convert(z.object({ a: z.enum(['x', 'y']) }), {})).toEqual([
      {
        code: 'required',
        path: ['a'],
        pointer: 'a',
        severity: 'error',
        message: 'a: is required (one of: "x", "y")',
      },
    ]);
    expect(convert(z.object({ f: z.literal('v1') }), {}).map((i) => i.code)).toEqual(['required']);
  });

  it.each([
    [1, 'number'],
    [null, 'null'],
    [[], 'array'],
    [{}, 'object'],
    [true, 'boolean'],
  ])('a wrong type names the types only (%j)', (value, got) => {
    expect(convert(z.object({ a: z.string() }), { a: value })).toEqual([
      {
        code: 'invalid-type',
        path: ['a'],
        pointer: 'a',
        severity: 'error',
        message: `a: expected string, got ${got}`,
      },
    ]);
  });

  it('names NaN and infinities instead of "got number"', () => {
    expect(convert(z.object({ n: z.number() }), { n: Number.NaN })[0]?.message).toBe(
      'n: expected number, got NaN',
    );
    expect(convert(z.object({ n: z.number() }), { n: Number.POSITIVE_INFINITY })[0]?.message).toBe(
      'n: expected number, got an infinite number',
    );
  });

  it('a non-integer for an integer', () => {
    expect(convert(z.object({ v: z.int() }), { v: 1.5 })[0]).toMatchObject({
      code: 'invalid-type',
      pointer: 'v',
      severity: 'error',
    });
  });

  it('date and date-time formats', () => {
    expect(convert(z.object({ d: z.iso.date() }), { d: '2026-02-30' })[0]).toEqual({
      code: 'invalid-date',
      path: ['d'],
      pointer: 'd',
      severity: 'error',
      message: 'd: expected a calendar date YYYY-MM-DD',
    });
    expect(
      convert(z.object({ t: z.iso.datetime({ offset: true }) }), { t: '2026-02-01T10:00' })[0],
    ).toMatchObject({
      code: 'invalid-instant',
      message: 't: expected an ISO 8601 date-time with a UTC offset or Z',
    });
  });

  it('an id is recognised by its pattern, whatever the field is called', () => {
    for (const field of ['id', 'peerId', 'replaces', 'rulePack', 'code']) {
      expect(convert(z.object({ [field]: Id }), { [field]: 'bad id' })[0]).toMatchObject({
        code: 'invalid-id',
        pointer: field,
        severity: 'error',
      });
    }
    expect(convert(z.array(Id), ['ok', 'not ok'])[0]).toMatchObject({
      code: 'invalid-id',
      pointer: '[1]',
      severity: 'error',
    });
    expect(convert(Id, '')[0]).toMatchObject({ code: 'invalid-id', pointer: '(root)', severity: 'error' });
  });

  it('other patterns and formats are invalid-format', () => {
    expect(convert(z.object({ zip: z.string().regex(/^\d{5}$/) }), { zip: 'abc' })[0]).toEqual({
      code: 'invalid-format',
      path: ['zip'],
      pointer: 'zip',
      severity: 'error',
      message: 'zip: does not have the expected format (regex)',
    });
    expect(convert(z.object({ mail: z.email() }), { mail: 'nope' })[0]).toMatchObject({
      code: 'invalid-format',
      message: 'mail: does not have the expected format (email)',
    });
  });

  it('a value outside an enum lists the allowed codes', () => {
    expect(convert(z.object({ m: z.enum(['a', 'b']) }), { m: 'c' })[0]).toEqual({
      code: 'invalid-code',
      path: ['m'],
      pointer: 'm',
      severity: 'error',
      message: 'm: expected one of: "a", "b"',
    });
  });

  it('sizes of arrays, strings and numbers', () => {
    expect(convert(z.object({ l: z.array(z.int()).min(1) }), { l: [] })[0]?.message).toBe(
      'l: must be at least 1 item(s)',
    );
    expect(convert(z.object({ s: z.string().min(2) }), { s: 'x' })[0]?.message).toBe(
      's: must be at least 2 character(s)',
    );
    expect(convert(z.object({ n: z.int().min(1) }), { n: 0 })[0]).toMatchObject({
      code: 'too-small',
      message: 'n: must be at least 1',
    });
    expect(convert(z.object({ s: z.string().max(3) }), { s: 'long' })[0]).toMatchObject({
      code: 'too-big',
      message: 's: must be at most 3 character(s)',
    });
    expect(convert(z.object({ l: z.array(z.int()).max(1) }), { l: [1, 2] })[0]?.message).toBe(
      'l: must be at most 1 item(s)',
    );
  });

  it('unknown fields: a plain name is shown (once, in the pointer), anything else is hidden', () => {
    // Messages reviewed (issue 9, section 7): they were "colour: unknown field \"colour\"" (the name twice) and
    // "?: unknown field a field name that is not allowed" (garbled); the code and the pointer are unchanged.
    // A capitalised word is hidden too: it reads like a personal name, not like a field name.
    expect(convert(z.strictObject({}), { Quillfeather: 1 }).map((i) => i.message)).toEqual([
      '?: is not a known field (its name is not shown: not a plain field name)',
    ]);
    expect(convert(z.strictObject({}), { colour: 1, 'Alex Doe, born 1990-05-17': 2 })).toEqual([
      {
        code: 'unknown-field',
        path: ['colour'],
        pointer: 'colour',
        severity: 'error',
        message: 'colour: is not a known field',
      },
      {
        code: 'unknown-field',
        path: ['?'],
        pointer: '?',
        severity: 'error',
        message: '?: is not a known field (its name is not shown: not a plain field name)',
      },
    ]);
  });

  it('a bad record key is not echoed in the path', () => {
    const schema = z.object({ answers: z.record(z.string().regex(/^[a-z0-9]{1,4}$/), z.number()) });
    const out = convert(schema, { answers: { 'Alex Doe': 1 } });
    expect(out).toEqual([
      {
        code: 'invalid-value',
        path: ['answers', '?'],
        pointer: 'answers.?',
        severity: 'error',
        message: 'answers.?: has a key that is not allowed',
      },
    ]);
  });

  it('custom checks: the time zone, and others', () => {
    expect(convert(z.object({ tz: TimeZone }), { tz: 'Mars/Olympus' })[0]).toEqual({
      code: 'invalid-time-zone',
      path: ['tz'],
      pointer: 'tz',
      severity: 'error',
      message: 'tz: expected an IANA time zone such as America/Los_Angeles',
    });
    expect(convert(z.object({ v: z.string().refine((s) => s === 'ok') }), { v: 'no' })[0]).toMatchObject({
      code: 'invalid-value',
      message: 'v: is not valid here',
    });
  });

  it('unions and multiples are invalid-value', () => {
    expect(convert(z.object({ u: z.union([z.string(), z.number()]) }), { u: true })[0]?.code).toBe(
      'invalid-value',
    );
    expect(convert(z.object({ m: z.number().multipleOf(5) }), { m: 7 })[0]?.code).toBe('invalid-value');
  });

  it('never uses zod messages, which may quote the input', () => {
    const secret = 'ZQsecret-value';
    const schemas: [z.ZodType, unknown][] = [
      [z.object({ a: z.literal('x') }), { a: secret }],
      [z.object({ a: z.enum(['x']) }), { a: secret }],
      [z.object({ a: z.string().max(3) }), { a: secret }],
      [z.object({ a: z.iso.date() }), { a: secret }],
      [z.object({ a: z.string().regex(/^\d+$/) }), { a: secret }],
      [z.object({ a: z.number() }), { a: secret }],
      [z.strictObject({}), { [`${secret} with spaces`]: secret }],
      [z.object({ r: z.record(z.string().regex(/^\d$/), z.number()) }), { r: { [secret]: 1 } }],
    ];
    for (const [schema, input] of schemas) {
      for (const issue of convert(schema, input)) {
        expect(issue.message).not.toContain(secret);
        expect(issue.pointer).not.toContain('secret');
      }
    }
  });

  it('every code it emits is a documented code', () => {
    const codes = new Set<string>(DATA_ISSUE_CODES);
    const out = [
      ...convert(z.strictObject({ a: z.string(), b: z.enum(['x']), c: z.iso.date() }), {
        b: 'y',
        c: 'z',
        d: 1,
      }),
    ];
    expect(out.length).toBe(4);
    for (const i of out) expect(codes.has(i.code)).toBe(true);
  });
});

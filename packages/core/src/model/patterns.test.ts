import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Assessment } from './domain';
import {
  fixedPatternTest,
  ISO_DATE_SOURCE,
  ISO_DATETIME_OFFSET_SOURCE,
  isIsoDate,
  isIsoDateTimeWithOffset,
  isoYear,
} from './patterns';
import { Id, Instant, LocalDate } from './primitives';

type Def = { pattern?: RegExp; checks?: { _zod: { def: { pattern?: RegExp } } }[] };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checkPattern = (schema: unknown): RegExp => defOf(schema).checks?.[0]?._zod.def.pattern as RegExp;

const DATE = defOf(LocalDate).pattern as RegExp;
const DATETIME = defOf(Instant).pattern as RegExp;
const ID = checkPattern(Id);
const ANSWER_KEY = checkPattern(
  (Assessment.shape.answers as unknown as { _zod: { def: { keyType: unknown } } })._zod.def.keyType,
);
const VISIBLE = /\S/;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Characters that sit next to the ones the patterns accept, or look like them. */
const NEAR = [
  '0',
  '1',
  '2',
  '9',
  '-',
  '+',
  ':',
  '.',
  'T',
  't',
  'Z',
  'z',
  ' ',
  '\n',
  '/',
  'a',
  'A',
  '_',
  '\u0663', // ARABIC-INDIC DIGIT THREE
  '\uff10', // FULLWIDTH DIGIT ZERO
  '\u00a0',
  '\u2028',
  '\ufeff',
  'é',
  '😀',
];

/** Dates with every field from just under to just over its range, written with their widths. */
const arbDateText = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

/** Leap days and month ends of every kind of year, the edges of the leap rule. */
const arbMonthEnd = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: 0, max: 9999 }),
      fc.constantFrom(0, 4, 100, 200, 300, 400, 1900, 2000, 2100, 2400, 9996, 9999),
      fc.integer({ min: 0, max: 99 }).map((c) => c * 100),
    ),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 27, max: 32 }),
  )
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

const arbDate = fc.oneof(arbDateText, arbMonthEnd);

const arbZone = fc.oneof(
  fc.constantFrom(
    'Z',
    'z',
    '',
    '+00:00',
    '-00:00',
    '+14:00',
    '-12:00',
    '+23:59',
    '-23:59',
    '+24:00',
    '+0800',
  ),
  fc
    .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
    .map(([sign, h, m]) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
);

const arbFraction = fc.oneof(fc.constant(''), fc.constant('.'), fc.stringMatching(/^\.[0-9]{1,12}$/));

const arbDateTimeText = fc
  .tuple(
    arbDate,
    fc.constantFrom('T', 'T', 'T', 't', ' '),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 61 }),
    arbFraction,
    arbZone,
  )
  .map(
    ([date, t, h, m, s, fraction, zone]) =>
      `${date}${t}${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${fraction}${zone}`,
  );

/** A string with a few characters replaced, inserted or deleted. */
const mutate = (base: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(
      base,
      fc.array(fc.tuple(fc.constantFrom('replace', 'insert', 'delete'), fc.nat(), fc.constantFrom(...NEAR)), {
        maxLength: 3,
      }),
    )
    .map(([s, edits]) => {
      let out = s;
      for (const [kind, at, ch] of edits) {
        const i = out.length === 0 ? 0 : at % (out.length + (kind === 'insert' ? 1 : 0));
        if (kind === 'replace') out = out.slice(0, i) + ch + out.slice(i + 1);
        else if (kind === 'insert') out = out.slice(0, i) + ch + out.slice(i);
        else out = out.slice(0, i) + out.slice(i + 1);
      }
      return out;
    });

const arbIdLike = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9.-]{0,70}$/),
  fc.string({ unit: 'binary', maxLength: 70 }),
  fc.constantFrom('', 'a', '-a', '.a', 'a'.repeat(32), 'a'.repeat(33), 'a'.repeat(64), 'a'.repeat(65)),
);

describe('the fixed-format tests of the schemas’ patterns', () => {
  it('are the ones the schemas use (the fast path is in force)', () => {
    expect(DATE.source).toBe(ISO_DATE_SOURCE);
    expect(DATETIME.source).toBe(ISO_DATETIME_OFFSET_SOURCE);
    expect(fixedPatternTest(DATE)).toBe(isIsoDate);
    expect(fixedPatternTest(DATETIME)).toBe(isIsoDateTimeWithOffset);
    for (const p of [ID, ANSWER_KEY, VISIBLE]) expect(fixedPatternTest(p)).toBeTypeOf('function');
  });

  it('leave any other pattern, or the same source with flags, to the regular expression', () => {
    expect(fixedPatternTest(/^a+$/)).toBe(undefined);
    expect(fixedPatternTest(new RegExp(ISO_DATE_SOURCE, 'i'))).toBe(undefined);
    expect(fixedPatternTest(new RegExp(ID.source, 'u'))).toBe(undefined);
    expect(fixedPatternTest(/\S/g)).toBe(undefined);
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['1800-02-29', false],
    ['1600-02-29', true],
    ['0000-02-29', true],
    ['2100-02-29', false],
    ['2400-02-29', true],
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-01', false],
    ['2026-01-01 ', false],
    ['2026-01-01\n', false],
    ['\uff12026-01-01', false],
  ])('date %j: %s, as the pattern', (s, expected) => {
    expect(DATE.test(s)).toBe(expected);
    expect(isIsoDate(s)).toBe(expected);
  });

  it.each([
    ['2026-01-31T23:30:00Z', true],
    ['2026-01-31T23:30:00.5Z', true],
    ['2026-01-31T23:30:00.123456789+14:00', true],
    ['2026-01-31T23:30:00-12:00', true],
    ['2026-01-31T23:30:00+23:59', true],
    ['2026-01-31T23:30:00+24:00', false],
    ['2026-01-31T23:30:00.Z', false],
    ['2026-01-31T24:00:00Z', false],
    ['2026-01-31T23:60:00Z', false],
    ['2026-01-31T23:59:60Z', false],
    ['2026-01-31T23:30:00', false],
    ['2026-01-31T23:30Z', false],
    ['2026-01-31t23:30:00Z', false],
    ['2026-01-31T23:30:00z', false],
    ['2026-01-31T23:30:00+0800', false],
    ['2024-02-29T00:00:00Z', true],
    ['2023-02-29T00:00:00Z', false],
    ['2026-01-31T23:30:00Z\n', false],
  ])('date-time %j: %s, as the pattern', (s, expected) => {
    expect(DATETIME.test(s)).toBe(expected);
    expect(isIsoDateTimeWithOffset(s)).toBe(expected);
  });

  it('agrees with the pattern on 29 February of every year, and every day 00 to 32 of every month of some', () => {
    for (let y = 0; y <= 9999; y++) {
      const s = `${pad(y, 4)}-02-29`;
      if (isIsoDate(s) !== DATE.test(s)) expect(s).toBe('accepted as the pattern accepts it');
    }
    for (const y of [0, 1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999])
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          if (isIsoDate(s) !== DATE.test(s)) expect(s).toBe('accepted as the pattern accepts it');
          const t = `${s}T00:00:00Z`;
          if (isIsoDateTimeWithOffset(t) !== DATETIME.test(t))
            expect(t).toBe('accepted as the pattern accepts it');
        }
  });

  test.prop([fc.oneof(arbDate, mutate(arbDate), fc.string({ unit: 'binary', maxLength: 12 }))], {
    numRuns: 3000,
  })('a date is accepted exactly when the pattern accepts it, its year read as Number does', (s) => {
    expect(isIsoDate(s)).toBe(DATE.test(s));
    expect(fixedPatternTest(DATE)?.(s)).toBe(DATE.test(s));
    if (DATE.test(s)) expect(isoYear(s)).toBe(Number(s.slice(0, 4)));
  });

  test.prop(
    [fc.oneof(arbDateTimeText, mutate(arbDateTimeText), fc.string({ unit: 'binary', maxLength: 40 }))],
    {
      numRuns: 3000,
    },
  )('a date-time is accepted exactly when the pattern accepts it, its year read as Number does', (s) => {
    expect(isIsoDateTimeWithOffset(s)).toBe(DATETIME.test(s));
    if (DATETIME.test(s)) expect(isoYear(s)).toBe(Number(s.slice(0, 4)));
  });

  test.prop([fc.oneof(arbIdLike, mutate(arbIdLike))], { numRuns: 2000 })(
    'ids and answer keys are accepted exactly when the patterns accept them',
    (s) => {
      expect(fixedPatternTest(ID)?.(s)).toBe(ID.test(s));
      expect(fixedPatternTest(ANSWER_KEY)?.(s)).toBe(ANSWER_KEY.test(s));
    },
  );

  test.prop(
    [
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 6 }),
        fc
          .array(fc.constantFrom(...NEAR, '\t', '\u3000', '\u2000', '\u180e'), { maxLength: 4 })
          .map((a) => a.join('')),
      ),
    ],
    { numRuns: 2000 },
  )('a visible character is found exactly when \\S finds one', (s) => {
    expect(fixedPatternTest(VISIBLE)?.(s)).toBe(VISIBLE.test(s));
  });
});

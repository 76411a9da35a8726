import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Id } from '../model/primitives';
import { plainRecord } from '../model/unreadable';
import { NUMBER, numberOrText } from './cells';
import { assessmentHeader, createAssessmentRowValidator, isId } from './dataset';
import type { InstrumentDefinition } from './instrument';
import { instrumentById } from './instruments';
import { evaluateSchedule, samhsaSuprt2025 } from './schedule';
import { createInstrumentScorer, scoreAssessment } from './score';

// The data-set validator's fast paths (ids by pattern, scoring prepared once per instrument, the schedule check
// skipped for groups with no row outside every window) must give exactly what the general paths give.

const HEADER = assessmentHeader();
const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

describe('fast paths of the data-set validator', () => {
  test.prop([
    fc.oneof(
      fc.string(),
      fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.-]{0,70}$/),
      fc.constantFrom('', 'a', '-a', 'a-', 'a'.repeat(64), 'a'.repeat(65), 'a\n', 'é', 'a b'),
    ),
  ])('isId agrees with the zod schema on any text', (text) => {
    expect(isId(text)).toBe(Id.safeParse(text).success);
  });

  test.prop([
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^[+-]?[0-9]{0,12}(\.[0-9]{0,3})?$/),
      fc.constantFrom(
        '',
        '0',
        '00',
        '007',
        '999999999',
        '1234567890',
        '-0',
        '+1',
        '.5',
        '5.',
        '1e3',
        ' 1',
        '٣',
      ),
    ),
  ])('numberOrText reads a cell as the number pattern and Number do', (text) => {
    expect(numberOrText(text)).toBe(NUMBER.test(text) ? Number(text) : text);
  });

  const barc = instrumentById('barc-10');
  if (barc === undefined) throw new Error('barc-10 is built in');
  const answers = fc.dictionary(
    fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', 'x'),
    fc.oneof(fc.integer({ min: -1, max: 8 }), fc.constant(null), fc.double(), fc.string()),
  );
  test.prop([fc.array(answers, { maxLength: 8 })])(
    'a scorer prepared once scores every response as scoreAssessment does',
    (responses) => {
      const score = createInstrumentScorer(barc);
      for (const a of responses) {
        const assessment = { instrument: 'barc-10', answers: a as Record<string, number | null> };
        expect(score(assessment)).toEqual(scoreAssessment(assessment, barc));
      }
    },
  );

  // Complete responses (the fast scorer's case) and near misses, for the built-ins and an instrument with reverse
  // items, a cap, subscales and thresholds on an item and a subscale.
  const hrqol = instrumentById('hrqol-4');
  if (hrqol === undefined) throw new Error('hrqol-4 is built in');
  const threshold = barc.thresholds[0] as (typeof barc.thresholds)[number];
  const shaped: InstrumentDefinition = {
    ...barc,
    id: 'shaped',
    items: barc.items.map((item, i) => (i % 3 === 0 ? { ...item, reverse: true } : item)),
    scoring: {
      kind: 'sum',
      cap: 40,
      subscales: [
        { id: 'a', label: 'A', items: ['1', '2', '4'] },
        { id: 'b', label: 'B', items: ['3'] },
      ],
    },
    thresholds: [
      threshold,
      { ...threshold, id: 'sub', flag: 'subHigh', of: { subscale: 'a' }, value: 9 },
      { ...threshold, id: 'item', flag: 'itemLow', of: { item: '3' }, comparison: 'at-or-below', value: 2 },
    ],
  };
  test.prop(
    [
      fc.constantFrom(barc, hrqol, shaped),
      fc.array(fc.integer({ min: -1, max: 32 }), { minLength: 10, maxLength: 10 }),
      fc.oneof(
        { arbitrary: fc.constant('complete'), weight: 6 },
        fc.constantFrom('one missing', 'one null', 'extra key', 'text', 'fraction', 'other instrument'),
      ),
    ],
    { numRuns: 1000 },
  )('the fast scorer of complete responses scores as scoreAssessment does', (def, values, shape) => {
    const answers: Record<string, unknown> = {};
    def.items.forEach((item, i) => {
      const v = values[i] as number;
      // Mostly on the item's scale, sometimes one outside it.
      answers[item.id] =
        v >= item.min - 1 && v <= item.max + 1 ? v : item.min + (v % (item.max - item.min + 1));
    });
    const first = (def.items[0] as (typeof def.items)[number]).id;
    if (shape === 'one missing') delete answers[first];
    if (shape === 'one null') answers[first] = null;
    if (shape === 'extra key') answers.x = 1;
    if (shape === 'text') answers[first] = '3';
    if (shape === 'fraction') answers[first] = 1.5;
    const assessment = {
      instrument: shape === 'other instrument' ? 'other' : def.id,
      answers: answers as Record<string, number | null>,
    };
    const fast = createInstrumentScorer(def)(assessment);
    const reference = scoreAssessment(assessment, def);
    expect(fast).toEqual(reference);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
  });

  test.prop([
    fc.array(
      fc.record({
        intake: fc.integer({ min: 0, max: 400 }),
        exit: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
        rows: fc.array(fc.integer({ min: -20, max: 900 }), { maxLength: 6 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    fc.option(fc.integer({ min: 100, max: 1000 }), { nil: undefined }),
  ])(
    'flags as out-of-window exactly the rows evaluateSchedule leaves out of every window',
    (people, asOfDay) => {
      const enrolments = people.map((p, i) => ({
        id: `enr-${i}`,
        enrolledOn: day(p.intake),
        ...(p.exit === undefined ? {} : { exit: { on: day(p.intake + p.exit) } }),
      }));
      const asOf = asOfDay === undefined ? undefined : day(asOfDay);
      const v = createAssessmentRowValidator({ enrolments, ...(asOf === undefined ? {} : { asOf }) });
      v.columns(HEADER, 1);
      let line = 1;
      const expected: number[] = [];
      people.forEach((p, i) => {
        const enrolment = enrolments[i] as (typeof enrolments)[number];
        const rows: { id: string; line: number; completedOn: string }[] = [];
        for (const offset of p.rows) {
          line++;
          const completedOn = day(p.intake + offset);
          const id = `a${line}`;
          const record: Record<string, string> = {};
          for (const name of HEADER) record[name] = '';
          Object.assign(record, {
            assessment_id: id,
            enrolment_id: enrolment.id,
            instrument: 'barc-10',
            completed_on: completedOn,
          });
          for (let k = 1; k <= 10; k++) record[`item_${k}`] = '3';
          const r = v.row(record, line);
          // The rows the schedule check sees: no error so far that keeps them out (before intake, after as-of,
          // a repeated enrolment, instrument and date).
          if (r.issues.some((x) => x.code !== 'missing-item')) continue;
          rows.push({ id, line, completedOn });
        }
        if (rows.length === 0) return;
        const latest = rows
          .map((r) => r.completedOn)
          .sort()
          .at(-1) as string;
        const ev = evaluateSchedule(
          enrolment,
          rows.map((r) => ({
            id: r.id,
            enrolmentId: enrolment.id,
            instrument: 'barc-10',
            completedOn: r.completedOn,
          })),
          samhsaSuprt2025,
          { asOf: asOf ?? latest, instrument: 'barc-10' },
        );
        for (const u of ev.unassigned)
          if (u.reason === 'out-of-window')
            expected.push(rows.find((r) => r.id === u.assessmentId)?.line ?? -1);
      });
      const flagged = v
        .finish()
        .issues.filter((i) => i.code === 'out-of-window')
        .map((i) => i.line);
      expect(flagged.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    },
  );

  test.prop(
    [
      fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 40 })), {
        minLength: 600,
        maxLength: 1500,
      }),
    ],
    {
      numRuns: 20,
    },
  )('finds repeated responses (enrolment, instrument, date) as a Map of text keys would', (rows) => {
    const v = createAssessmentRowValidator({ schedule: null });
    v.columns(HEADER, 1);
    const firstLine = new Map<string, number>();
    const expected: string[] = [];
    const found: string[] = [];
    rows.forEach(([person, offset], k) => {
      const line = k + 2;
      const record: Record<string, string> = {};
      for (const name of HEADER) record[name] = '';
      Object.assign(record, {
        assessment_id: `a${line}`,
        enrolment_id: `enr-${person}`,
        instrument: 'barc-10',
        completed_on: day(offset),
      });
      for (let i = 1; i <= 10; i++) record[`item_${i}`] = '3';
      const key = `${person}|${offset}`;
      const first = firstLine.get(key);
      if (first === undefined) firstLine.set(key, line);
      else expected.push(`${line}>${first}`);
      for (const i of v.row(record, line).issues)
        if (i.code === 'duplicate-response') found.push(`${line}>${/line (\d+)/.exec(i.message)?.[1]}`);
    });
    expect(found).toEqual(expected);
  });

  test.prop([fc.dictionary(fc.constantFrom('__proto__', 'a', 'b', 'constructor'), fc.string())])(
    'plainRecord copies every own key, __proto__ included, as an own property',
    (entries) => {
      const source = JSON.parse(JSON.stringify(entries)) as Record<string, unknown>;
      const copy = plainRecord(source) as Record<string, unknown>;
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      expect(Object.keys(copy)).toEqual(Object.keys(source));
      for (const k of Object.keys(source))
        expect(Object.getOwnPropertyDescriptor(copy, k)?.value).toBe(source[k]);
    },
  );
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { InstrumentDefinition } from './instrument';
import { reverseScore, withItemText, withThresholds } from './instrument';
import { barc10Instrument, hrqol4Instrument } from './instruments';
import { type InstrumentScoreResult, scoreAssessment } from './score';

/** A BARC-10 response from ten answers in item order. */
function barc(values: readonly (number | null)[]) {
  const answers: Record<string, number | null> = {};
  values.forEach((v, i) => {
    answers[String(i + 1)] = v;
  });
  return { instrument: 'barc-10', answers };
}

function hrqol(answers: Record<string, number | null>) {
  return { instrument: 'hrqol-4', answers };
}

function codes(r: InstrumentScoreResult): string[] {
  return r.status === 'scored' ? [] : r.issues.map((i) => i.code);
}

describe('BARC-10 totals computed by hand', () => {
  const cases: [string, number[], number, boolean][] = [
    // 5+4+6+5+5+4+6+5+5+4: 9, 15, 20, 25, 29, 35, 40, 45, 49
    ['mixed high', [5, 4, 6, 5, 5, 4, 6, 5, 5, 4], 49, true],
    // 3+4+2+5+6+1+4+3+5+4: 7, 9, 14, 20, 21, 25, 28, 33, 37
    ['mixed low', [3, 4, 2, 5, 6, 1, 4, 3, 5, 4], 37, false],
    // six 5s = 30, four 4s = 16: 46, one below the threshold
    ['just below 47', [5, 5, 5, 5, 5, 5, 4, 4, 4, 4], 46, false],
    // seven 5s = 35, three 4s = 12: 47, exactly the threshold
    ['exactly 47', [5, 5, 5, 5, 5, 5, 5, 4, 4, 4], 47, true],
    // ten 1s
    ['lowest', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 10, false],
    // ten 6s
    ['highest', [6, 6, 6, 6, 6, 6, 6, 6, 6, 6], 60, true],
  ];
  for (const [name, values, total, flag] of cases) {
    it(`${name}: ${total}`, () => {
      const r = scoreAssessment(barc(values), barc10Instrument);
      expect(r.status).toBe('scored');
      if (r.status !== 'scored') return;
      expect(r.total).toBe(total);
      expect(r.flags).toEqual({ atOrAboveThreshold: flag });
      expect(r.subscales).toBeUndefined();
      expect(r.missingOptionalItems).toEqual([]);
    });
  }

  it('uses a configured threshold (option or changed definition)', () => {
    const answers = barc([5, 4, 6, 5, 5, 4, 6, 5, 5, 4]); // 49
    const byOption = scoreAssessment(answers, barc10Instrument, {
      thresholds: { sustainedRemissionThreshold: 50 },
    });
    const byDefinition = scoreAssessment(
      answers,
      withThresholds(barc10Instrument, { sustainedRemissionThreshold: 50 }),
    );
    expect(byOption.status === 'scored' && byOption.flags.atOrAboveThreshold).toBe(false);
    expect(byDefinition.status === 'scored' && byDefinition.flags.atOrAboveThreshold).toBe(false);
    expect(barc10Instrument.thresholds[0]?.value).toBe(47);
  });
});

describe('BARC-10 responses that have no total', () => {
  it('a partial response gives no total and names the missing items', () => {
    const r = scoreAssessment(barc([5, 4, null, 5, 5, 4, 6, 5, 5, 4]), barc10Instrument);
    expect(r).toMatchObject({ status: 'incomplete', missingItems: ['3'] });
    expect(r).not.toHaveProperty('total');
    if (r.status !== 'incomplete') return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'missing-item', path: ['answers', '3'], pointer: 'answers.3' });
  });

  it('an absent item counts as missing too', () => {
    const { answers } = barc([5, 4, 6, 5, 5, 4, 6, 5, 5, 4]);
    const { '7': _seven, '10': _ten, ...rest } = answers;
    const r = scoreAssessment({ instrument: 'barc-10', answers: rest }, barc10Instrument);
    expect(r).toMatchObject({ status: 'incomplete', missingItems: ['7', '10'] });
  });

  it('rejects 0-based answers with one clear issue', () => {
    // 0-5 coding of a response; summing it would give 39 instead of 49
    const r = scoreAssessment(barc([4, 3, 5, 4, 4, 3, 5, 4, 4, 0]), barc10Instrument);
    expect(r.status).toBe('invalid');
    expect(codes(r)).toEqual(['zero-based-scale']);
    if (r.status === 'invalid') {
      expect(r.issues[0]?.message).toBe('answers: answers look 0-based; BARC-10 is scored 1-6');
      expect(r.issues[0]?.path).toEqual(['answers']);
    }
  });

  it('reports a 0 beside a 6 as out of range (not a 0-based response)', () => {
    const r = scoreAssessment(barc([0, 6, 5, 5, 5, 5, 5, 5, 5, 5]), barc10Instrument);
    expect(codes(r)).toEqual(['out-of-range']);
    if (r.status === 'invalid') expect(r.issues[0]?.message).toBe('answers.1: is outside 1-6');
  });

  it('rejects out-of-range and non-integer answers, without echoing them', () => {
    const r = scoreAssessment(barc([5, 42, 6, 5, 5, 4, 2.5, 5, -17, 4]), barc10Instrument);
    expect(r.status).toBe('invalid');
    if (r.status !== 'invalid') return;
    expect(r.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['not-integer', 'answers.7'],
      ['out-of-range', 'answers.2'],
      ['out-of-range', 'answers.9'],
    ]);
    for (const i of r.issues) {
      expect(i.message).not.toMatch(/42|2\.5|17/);
      expect(i.severity).toBe('error'); // the library's one issue shape
      expect(i.path).toEqual(i.pointer.split('.'));
    }
  });

  it('rejects answers that are not numbers', () => {
    const r = scoreAssessment(
      {
        instrument: 'barc-10',
        answers: { ...barc([5, 5, 5, 5, 5, 5, 5, 5, 5, 5]).answers, '4': 'five' as unknown as number },
      },
      barc10Instrument,
    );
    expect(codes(r)).toEqual(['not-integer']);
    if (r.status === 'invalid') expect(r.issues[0]?.message).not.toContain('five');
  });

  it('rejects unknown items and the wrong instrument', () => {
    const r = scoreAssessment(
      { instrument: 'hrqol-4', answers: { ...barc([5, 5, 5, 5, 5, 5, 5, 5, 5, 5]).answers, '11': 3 } },
      barc10Instrument,
    );
    expect(codes(r).sort()).toEqual(['unknown-item', 'wrong-instrument']);
  });

  it('reports missing items beside other problems when invalid', () => {
    const r = scoreAssessment(barc([9, null, 5, 5, 5, 5, 5, 5, 5, 5]), barc10Instrument);
    expect(codes(r)).toEqual(['out-of-range', 'missing-item']);
  });

  it('a 0-based partial response is invalid, not incomplete', () => {
    const r = scoreAssessment(barc([0, 1, 2, null, null, null, null, null, null, null]), barc10Instrument);
    expect(r.status).toBe('invalid');
    expect(codes(r)[0]).toBe('zero-based-scale');
  });

  it('does not accept a record that is not an assessment', () => {
    expect(codes(scoreAssessment(null as never, barc10Instrument))).toEqual(['invalid-answers']);
    expect(
      codes(scoreAssessment({ instrument: 'barc-10', answers: [1, 2] } as never, barc10Instrument)),
    ).toEqual(['invalid-answers']);
  });
});

describe('CDC HRQOL-4', () => {
  it('sums physically and mentally unhealthy days', () => {
    const r = scoreAssessment(hrqol({ '1': 3, '2': 4, '3': 10, '4': 2 }), hrqol4Instrument);
    expect(r).toMatchObject({
      status: 'scored',
      total: 14,
      flags: { fairOrPoorHealth: false, frequentPhysicalDistress: false, frequentMentalDistress: false },
      missingOptionalItems: [],
    });
  });

  it('caps the summary at 30 unhealthy days', () => {
    // 20 + 25 = 45, capped to 30
    const r = scoreAssessment(hrqol({ '1': 5, '2': 20, '3': 25, '4': 30 }), hrqol4Instrument);
    expect(r).toMatchObject({
      status: 'scored',
      total: 30,
      flags: { fairOrPoorHealth: true, frequentPhysicalDistress: true, frequentMentalDistress: true },
    });
    const edge = scoreAssessment(hrqol({ '1': 4, '2': 16, '3': 14, '4': 0 }), hrqol4Instrument);
    expect(edge).toMatchObject({
      total: 30,
      flags: { fairOrPoorHealth: true, frequentPhysicalDistress: true },
    });
  });

  it('still gives the summary without item 4, and without item 1 (its flag left out)', () => {
    const no4 = scoreAssessment(hrqol({ '1': 2, '2': 0, '3': 0 }), hrqol4Instrument);
    expect(no4).toMatchObject({ status: 'scored', total: 0, missingOptionalItems: ['4'] });
    const no1 = scoreAssessment(hrqol({ '1': null, '2': 3, '3': 1, '4': 0 }), hrqol4Instrument);
    expect(no1).toMatchObject({ status: 'scored', total: 4, missingOptionalItems: ['1'] });
    if (no1.status === 'scored') expect(no1.flags).not.toHaveProperty('fairOrPoorHealth');
  });

  it('gives no summary without item 2 or 3', () => {
    expect(scoreAssessment(hrqol({ '1': 2, '2': 3, '4': 0 }), hrqol4Instrument)).toMatchObject({
      status: 'incomplete',
      missingItems: ['3'],
    });
  });

  it('checks each item against its own range', () => {
    const r = scoreAssessment(hrqol({ '1': 0, '2': 31, '3': 0, '4': 0 }), hrqol4Instrument);
    expect(r.status).toBe('invalid');
    if (r.status === 'invalid')
      expect(r.issues.map((i) => i.message)).toEqual([
        'answers.1: is outside 1-5',
        'answers.2: is outside 0-30',
      ]);
  });
});

describe('instrument definitions', () => {
  it('carry neutral labels only, and accept licensed wording from a program', () => {
    expect(barc10Instrument.items.map((i) => i.label)).toEqual(
      Array.from({ length: 10 }, (_, i) => `BARC-10 item ${i + 1}`),
    );
    expect(barc10Instrument.items.every((i) => i.text === undefined)).toBe(true);
    const licensed = withItemText(barc10Instrument, { '2': 'Licensed wording two', '99': 'ignored' });
    expect(licensed.items[1]?.text).toBe('Licensed wording two');
    expect(licensed.items[0]?.text).toBeUndefined();
    expect(licensed.items).toHaveLength(10);
    expect(barc10Instrument.items[1]?.text).toBeUndefined();
    expect(Object.isFrozen(barc10Instrument.items[1])).toBe(true);
  });

  it('reverse-scores reverse items, and reversing twice is the identity', () => {
    const item = { id: 'r', label: 'Item r', min: 1, max: 4, reverse: true };
    expect([1, 2, 3, 4].map((v) => reverseScore(item, v))).toEqual([4, 3, 2, 1]);
    expect(reverseScore({ ...item, reverse: false }, 1)).toBe(1);
  });

  it('runs a custom scoring function and survives one that throws', () => {
    const base: InstrumentDefinition = {
      id: 'two',
      version: '1',
      abbreviation: 'TWO',
      title: 'Two items',
      citation: 'none',
      license: 'none',
      items: [
        { id: 'a', label: 'TWO item a', min: 0, max: 4 },
        { id: 'b', label: 'TWO item b', min: 0, max: 4, reverse: true },
      ],
      scoring: {
        kind: 'custom',
        description: 'a times b (b reversed)',
        requiredItems: ['a', 'b'],
        score: (s) => ({ total: (s.a ?? 0) * (s.b ?? 0) }),
      },
      thresholds: [],
    };
    // b = 1 reversed is 0 + 4 - 1 = 3; 2 * 3 = 6
    expect(scoreAssessment({ instrument: 'two', answers: { a: 2, b: 1 } }, base)).toMatchObject({ total: 6 });
    const throwing: InstrumentDefinition = {
      ...base,
      scoring: {
        kind: 'custom',
        description: 'broken',
        requiredItems: [],
        score: () => {
          throw new Error('boom');
        },
      },
    };
    expect(codes(scoreAssessment({ instrument: 'two', answers: { a: 2, b: 1 } }, throwing))).toEqual([
      'scoring-failed',
    ]);
  });
});

const barcAnswers = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 10, maxLength: 10 });

describe('scoring properties', () => {
  test.prop([barcAnswers])('a valid BARC-10 total is the sum, always within 10..60', (values) => {
    const r = scoreAssessment(barc(values), barc10Instrument);
    expect(r.status).toBe('scored');
    if (r.status !== 'scored') return;
    expect(r.total).toBe(values.reduce((a, b) => a + b, 0));
    expect(r.total).toBeGreaterThanOrEqual(10);
    expect(r.total).toBeLessThanOrEqual(60);
    expect(r.flags.atOrAboveThreshold).toBe(r.total >= 47);
  });

  test.prop([barcAnswers, fc.nat({ max: 9 })])('raising one answer raises the total by one', (values, i) => {
    fc.pre((values[i] ?? 6) < 6);
    const raised = values.map((v, j) => (j === i ? v + 1 : v));
    const before = scoreAssessment(barc(values), barc10Instrument);
    const after = scoreAssessment(barc(raised), barc10Instrument);
    if (before.status !== 'scored' || after.status !== 'scored') throw new Error('expected scored responses');
    expect(after.total).toBe(before.total + 1);
  });

  test.prop([barcAnswers])('is deterministic and ignores key order', (values) => {
    const a = barc(values);
    const reversed = {
      instrument: 'barc-10',
      answers: Object.fromEntries(Object.entries(a.answers).reverse()),
    };
    expect(scoreAssessment(a, barc10Instrument)).toEqual(scoreAssessment(a, barc10Instrument));
    expect(scoreAssessment(reversed, barc10Instrument)).toEqual(scoreAssessment(a, barc10Instrument));
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 10, maxLength: 10 }), fc.nat({ max: 9 })])(
    'a 0-5 response with a 0 is always rejected as 0-based, never summed',
    (values, i) => {
      const withZero = values.map((v, j) => (j === i ? 0 : v));
      const r = scoreAssessment(barc(withZero), barc10Instrument);
      expect(r.status).toBe('invalid');
      expect(codes(r)).toEqual(['zero-based-scale']);
    },
  );

  test.prop([
    fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.anything())),
    fc.oneof(fc.constant('barc-10'), fc.constant('hrqol-4'), fc.anything()),
  ])('never throws, for any input record', (answers, instrument) => {
    for (const def of [barc10Instrument, hrqol4Instrument]) {
      const r = scoreAssessment({ instrument, answers } as never, def);
      expect(['scored', 'incomplete', 'invalid']).toContain(r.status);
      if (r.status === 'scored') expect(Number.isFinite(r.total)).toBe(true);
      const whole = scoreAssessment(answers as never, def);
      expect(['scored', 'incomplete', 'invalid']).toContain(whole.status);
    }
  });

  test.prop([
    fc.integer({ min: -50, max: 50 }),
    fc.integer({ min: 1, max: 20 }),
    fc.integer({ min: 0, max: 20 }),
  ])('reverse scoring is an involution', (min, width, offset) => {
    const item = { id: 'x', label: 'x', min, max: min + width, reverse: true };
    const v = min + (offset % (width + 1));
    expect(reverseScore(item, reverseScore(item, v))).toBe(v);
    expect(reverseScore(item, v)).toBeGreaterThanOrEqual(item.min);
    expect(reverseScore(item, v)).toBeLessThanOrEqual(item.max);
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 4, maxLength: 4 }), fc.nat({ max: 3 })])(
    'a reverse item scores like the mirrored answer on a plain item',
    (values, r) => {
      const plain: InstrumentDefinition = {
        id: 'rev-4',
        version: '1',
        abbreviation: 'REV-4',
        title: 'Four items',
        citation: 'none',
        license: 'none',
        items: [0, 1, 2, 3].map((k) => ({ id: String(k), label: `REV-4 item ${k}`, min: 1, max: 4 })),
        scoring: { kind: 'sum' },
        thresholds: [],
      };
      const withReverse = {
        ...plain,
        items: plain.items.map((it, k) => (k === r ? { ...it, reverse: true } : it)),
      };
      const answers = Object.fromEntries(values.map((v, k) => [String(k), v]));
      const mirrored = Object.fromEntries(values.map((v, k) => [String(k), k === r ? 5 - v : v]));
      const a = scoreAssessment({ instrument: 'rev-4', answers }, withReverse);
      const b = scoreAssessment({ instrument: 'rev-4', answers: mirrored }, plain);
      expect(a.status).toBe('scored');
      expect(a).toEqual(b);
    },
  );

  test.prop([
    fc.integer({ min: 0, max: 30 }),
    fc.integer({ min: 0, max: 30 }),
    fc.integer({ min: 1, max: 5 }),
  ])('the HRQOL-4 summary is min(30, physical + mental)', (physical, mental, health) => {
    const r = scoreAssessment(hrqol({ '1': health, '2': physical, '3': mental }), hrqol4Instrument);
    expect(r).toMatchObject({ status: 'scored', total: Math.min(30, physical + mental) });
    if (r.status === 'scored') expect(r.flags.fairOrPoorHealth).toBe(health >= 4);
  });
});

import { describe, expect, it } from 'vitest';
import { type InstrumentDefinition, validateInstrumentDefinition, withThresholds } from './instrument';
import { barc10Instrument, builtInInstruments, hrqol4Instrument, instrumentById } from './instruments';

describe('instrument registry', () => {
  it('holds BARC-10 and HRQOL-4, and no MIRC-28', () => {
    expect(builtInInstruments.map((i) => i.id)).toEqual(['barc-10', 'hrqol-4']);
    expect(instrumentById('barc-10')).toBe(barc10Instrument);
    expect(instrumentById('hrqol-4')).toBe(hrqol4Instrument);
    expect(instrumentById('mirc-28')).toBeUndefined();
  });

  it("prefers a program's own definition with the same id", () => {
    const mine = withThresholds(barc10Instrument, { sustainedRemissionThreshold: 50 });
    expect(instrumentById('barc-10', [mine])).toBe(mine);
    expect(instrumentById('hrqol-4', [mine])).toBe(hrqol4Instrument);
  });

  it('has BARC-10 items 1..10 in order, on 1-6, none reversed, scored as a plain sum', () => {
    expect(barc10Instrument.items.map((i) => i.id)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect(barc10Instrument.items.every((i) => i.min === 1 && i.max === 6 && i.reverse !== true)).toBe(true);
    expect(barc10Instrument.scoring).toEqual({ kind: 'sum' });
  });
});

describe('validateInstrumentDefinition', () => {
  it('accepts the built-ins', () => {
    for (const def of builtInInstruments) expect(validateInstrumentDefinition(def)).toEqual([]);
  });

  it('finds the problems of a broken definition', () => {
    const broken: InstrumentDefinition = {
      ...barc10Instrument,
      items: [
        { id: 'a', label: 'a', min: 1, max: 5 },
        { id: 'a', label: 'a again', min: 3, max: 3 },
      ],
      scoring: {
        kind: 'sum',
        items: ['a', 'z'],
        cap: Number.NaN,
        subscales: [{ id: 's', label: 's', items: ['y'] }],
      },
      thresholds: [
        { id: 't', flag: 'f', of: { item: 'q' }, comparison: 'at-or-above', value: 1, note: '' },
        {
          id: 't',
          flag: 'g',
          of: { subscale: 'nope' },
          comparison: 'at-or-below',
          value: Number.POSITIVE_INFINITY,
          note: '',
        },
      ],
    };
    expect(validateInstrumentDefinition(broken).map((i) => [i.code, i.path.join('/')])).toEqual([
      ['duplicate-item', 'items/1/id'],
      ['invalid-range', 'items/1'],
      ['unknown-item-reference', 'scoring/items/1'],
      ['invalid-cap', 'scoring/cap'],
      ['unknown-item-reference', 'scoring/subscales/0/items/0'],
      ['unknown-item-reference', 'thresholds/0/of/item'],
      ['duplicate-threshold', 'thresholds/1/id'],
      ['invalid-threshold', 'thresholds/1/value'],
      ['invalid-threshold', 'thresholds/1/of/subscale'],
    ]);
    expect(validateInstrumentDefinition({ ...barc10Instrument, items: [] })[0]?.code).toBe('no-items');
    // the library's one issue shape: code, path, message, severity
    for (const i of validateInstrumentDefinition(broken))
      expect(Object.keys(i).sort()).toEqual(['code', 'message', 'path', 'severity']);
    expect(validateInstrumentDefinition(broken).every((i) => i.severity === 'error')).toBe(true);
  });
});

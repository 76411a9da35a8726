import { describe, expect, it } from 'vitest';
import { markdownCodebook, REDCAP_DICTIONARY_COLUMNS, redcapDataDictionary } from './codebook';
import { withItemText } from './instrument';
import { barc10Instrument, hrqol4Instrument } from './instruments';

describe('redcapDataDictionary', () => {
  const rows = redcapDataDictionary([barc10Instrument, hrqol4Instrument]);
  const byName = new Map(rows.map((r) => [r['Variable / Field Name'], r]));

  it("uses REDCap's columns, with record_id first", () => {
    for (const r of rows) expect(Object.keys(r)).toEqual([...REDCAP_DICTIONARY_COLUMNS]);
    expect(rows[0]).toMatchObject({ 'Variable / Field Name': 'record_id', 'Form Name': 'barc_10' });
    // record_id, then per instrument: a date, its items, its total: 1 + (1 + 10 + 1) + (1 + 4 + 1)
    expect(rows).toHaveLength(19);
  });

  it('short scales are radio buttons with every value; day counts are whole-number fields with a range', () => {
    expect(byName.get('barc_10_1')).toMatchObject({
      'Form Name': 'barc_10',
      'Field Type': 'radio',
      'Field Label': 'BARC-10 item 1',
      'Choices, Calculations, OR Slider Labels':
        '1, 1 Strongly disagree | 2, 2 | 3, 3 | 4, 4 | 5, 5 | 6, 6 Strongly agree',
      'Required Field?': 'y',
    });
    expect(byName.get('hrqol_4_2')).toMatchObject({
      'Field Type': 'text',
      'Text Validation Type OR Show Slider Number': 'integer',
      'Text Validation Min': '0',
      'Text Validation Max': '30',
      'Field Note': 'days',
      'Required Field?': 'y',
    });
    expect(byName.get('hrqol_4_1')?.['Required Field?']).toBe('');
    expect(byName.get('barc_10_date')?.['Text Validation Type OR Show Slider Number']).toBe('date_ymd');
  });

  it("totals are calc fields in REDCap's formula language", () => {
    expect(byName.get('barc_10_total')?.['Choices, Calculations, OR Slider Labels']).toBe(
      `sum(${Array.from({ length: 10 }, (_, i) => `[barc_10_${i + 1}]`).join(',')})`,
    );
    expect(byName.get('hrqol_4_total')?.['Choices, Calculations, OR Slider Labels']).toBe(
      'min(30,sum([hrqol_4_2],[hrqol_4_3]))',
    );
  });

  it('never carries licensed item wording', () => {
    const licensed = withItemText(barc10Instrument, { '1': 'LICENSED WORDING' });
    expect(JSON.stringify(redcapDataDictionary([licensed]))).not.toContain('LICENSED');
    expect(markdownCodebook([licensed])).not.toContain('LICENSED');
  });
});

describe('markdownCodebook', () => {
  it('lists items, scoring and flags of each instrument', () => {
    const md = markdownCodebook([barc10Instrument, hrqol4Instrument]);
    expect(md).toContain('## BARC-10 (`barc-10`, definition 1.0.0)');
    expect(md).toContain(
      '| item_1 | barc_10_1 | BARC-10 item 1 | 1-6 | 1 = Strongly disagree; 6 = Strongly agree | yes |  | no |',
    );
    expect(md).toContain('Total: sum of items 2, 3, capped at 30.');
    expect(md).toContain('| flag_atOrAboveThreshold | total | at-or-above | 47 |');
    expect(md).toContain(
      '| item_4 | hrqol_4_4 | Activity-limitation days (past 30 days) | 0-30 |  | no | days | no |',
    );
  });
});

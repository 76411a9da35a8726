import { describe, expect, it } from 'vitest';
import { createColumnMapper, parseColumnMapping } from './mapping';

const REDCAP = {
  enrolmentId: 'record_id',
  event: 'redcap_event_name',
  repeatInstrument: 'redcap_repeat_instrument',
  repeatInstance: 'redcap_repeat_instance',
  instruments: [
    {
      instrument: 'barc-10',
      form: 'barc10',
      completedOn: 'barc_date',
      items: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [String(i + 1), `barc_${i + 1}`])),
    },
    {
      instrument: 'hrqol-4',
      form: 'hrqol',
      completedOn: 'hrqol_date',
      items: { '1': 'hrq_1', '2': 'hrq_2', '3': 'hrq_3', '4': 'hrq_4' },
    },
  ],
};

describe('parseColumnMapping', () => {
  it('accepts a REDCap mapping and names each bad field', () => {
    expect(parseColumnMapping(REDCAP).success).toBe(true);
    const r = parseColumnMapping({
      enrolmentId: '',
      instruments: [{ instrument: 'x', completedOn: 'd', items: {} }],
    });
    expect(r.success).toBe(false);
    expect(r.issues.map((i) => i.path)).toEqual([['enrolmentId'], ['instruments', 0, 'items']]);
    expect(parseColumnMapping([]).success).toBe(false);
  });
});

describe('createColumnMapper', () => {
  const r = parseColumnMapping(REDCAP);
  if (!r.success) throw new Error('mapping');
  const mapper = createColumnMapper(r.data);

  it('reports mapped columns missing from the header', () => {
    const header = [
      'record_id',
      'redcap_event_name',
      'barc_date',
      ...Array.from({ length: 10 }, (_, i) => `barc_${i + 1}`),
    ];
    expect(mapper.header(header).map((i) => i.path[1])).toEqual([
      'redcap_repeat_instrument',
      'redcap_repeat_instance',
      'hrqol_date',
      'hrq_1',
      'hrq_2',
      'hrq_3',
      'hrq_4',
    ]);
  });

  it('splits an event row holding two forms into two assessment rows, with ids from record, event and form', () => {
    const row = {
      record_id: 'enr-001',
      redcap_event_name: 'baseline_arm_1',
      redcap_repeat_instrument: '',
      redcap_repeat_instance: '',
      barc_date: '2026-02-05',
      ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`barc_${i + 1}`, '4'])),
      hrqol_date: ' 2026-02-06 ',
      hrq_1: '3',
      hrq_2: '88',
      hrq_3: '2',
      hrq_4: '',
    };
    const { records, issues } = mapper.row(row, 2);
    expect(issues).toEqual([]);
    expect(records.map((x) => [x.assessment_id, x.instrument, x.completed_on])).toEqual([
      ['enr-001.baseline-arm-1.barc-10', 'barc-10', '2026-02-05'],
      ['enr-001.baseline-arm-1.hrqol-4', 'hrqol-4', '2026-02-06'],
    ]);
    expect(records[1]).toMatchObject({
      enrolment_id: 'enr-001',
      item_1: '3',
      item_2: '88',
      item_4: '',
      item_10: '',
    });
    expect(Object.keys(records[0] ?? {})).toEqual(mapper.columns);
  });

  it('on a repeating-instrument row, maps only that form; a row with no data is reported', () => {
    const repeat = {
      record_id: 'enr-002',
      redcap_event_name: 'follow_up_arm_1',
      redcap_repeat_instrument: 'hrqol',
      redcap_repeat_instance: '2',
      barc_date: '2026-08-01',
      hrqol_date: '2026-08-01',
      hrq_2: '5',
      hrq_3: '6',
    };
    expect(mapper.row(repeat, 5).records.map((x) => x.assessment_id)).toEqual([
      'enr-002.follow-up-arm-1.2.hrqol-4',
    ]);
    const empty = mapper.row({ record_id: 'enr-003', redcap_event_name: 'baseline_arm_1' }, 6);
    expect(empty.records).toEqual([]);
    expect(empty.issues).toEqual([
      expect.objectContaining({ code: 'no-mapped-data', severity: 'warning', location: { line: 6 } }),
    ]);
  });

  it('renames plain headers too, with an id column', () => {
    const plain = parseColumnMapping({
      enrolmentId: 'client',
      assessmentId: 'form_id',
      instruments: [{ instrument: 'hrqol-4', completedOn: 'date', items: { '2': 'phys', '3': 'ment' } }],
    });
    if (!plain.success) throw new Error('mapping');
    expect(
      createColumnMapper(plain.data).row(
        { client: 'c1', form_id: 'f9', date: '2026-01-02', phys: 1, ment: 2 },
        2,
      ).records,
    ).toEqual([
      {
        assessment_id: 'f9',
        enrolment_id: 'c1',
        instrument: 'hrqol-4',
        completed_on: '2026-01-02',
        item_2: '1',
        item_3: '2',
      },
    ]);
  });
});

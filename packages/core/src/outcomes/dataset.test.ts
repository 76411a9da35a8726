import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  type AssessmentRowValidatorOptions,
  assessmentHeader,
  createAssessmentRowValidator,
  createContactRowValidator,
  createEnrolmentRowValidator,
  DATASET_ISSUE_CODES,
  type DatasetIssue,
  DEFAULT_DATASET_SEVERITY,
  itemColumn,
  SURVEY_MISSING_CODES,
  toAssessmentRow,
} from './dataset';
import type { InstrumentDefinition } from './instrument';

const HEADER = assessmentHeader();
const INTAKE = '2026-01-01';

/** Test oracle: the date `days` after `date`, through Date.UTC (independent of the module's own arithmetic). */
function plus(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A CSV-like row: every header column present, as text, blank where not given. */
function csvRow(values: Record<string, string | number>): Record<string, string> {
  const row: Record<string, string> = {};
  for (const name of HEADER) row[name] = name in values ? String(values[name]) : '';
  return row;
}

function barc(
  id: string,
  completedOn: string,
  answers: readonly (number | string)[] = [3, 4, 3, 2, 4, 3, 3, 4, 2, 3],
  enrolmentId = 'enr-1',
) {
  const values: Record<string, string | number> = {
    assessment_id: id,
    enrolment_id: enrolmentId,
    instrument: 'barc-10',
    completed_on: completedOn,
  };
  answers.forEach((a, i) => {
    values[itemColumn(String(i + 1))] = a;
  });
  return csvRow(values);
}

function hrqol(id: string, completedOn: string, answers: readonly (number | string)[] = [3, 4, 10, 2]) {
  const values: Record<string, string | number> = {
    assessment_id: id,
    enrolment_id: 'enr-1',
    instrument: 'hrqol-4',
    completed_on: completedOn,
  };
  answers.forEach((a, i) => {
    values[itemColumn(String(i + 1))] = a;
  });
  return csvRow(values);
}

/** Runs rows (lines from 2) through a validator with a header; returns every issue, row and end-of-file. */
function validate(rows: readonly unknown[], options: AssessmentRowValidatorOptions = {}) {
  const v = createAssessmentRowValidator(options);
  const header = v.columns(HEADER);
  const results = rows.map((r, i) => v.row(r, i + 2));
  const report = v.finish();
  const all: DatasetIssue[] = [...header, ...results.flatMap((r) => r.issues), ...report.issues];
  return { results, report, all, brief: all.map((i) => [i.line, i.column, i.code]) };
}

describe('column layout', () => {
  it('puts the fixed columns first, then item_1 ... item_10 for the built-in instruments', () => {
    expect(HEADER).toEqual([
      'assessment_id',
      'enrolment_id',
      'instrument',
      'completed_on',
      ...Array.from({ length: 10 }, (_, i) => `item_${i + 1}`),
    ]);
  });

  it("adds a program instrument's item columns, numeric ids in numeric order first", () => {
    const mine: InstrumentDefinition = {
      id: 'my-scale',
      version: '1',
      abbreviation: 'MY',
      title: 'Mine',
      citation: 'Internal',
      license: 'Program-owned',
      items: ['12', 'b', 'a'].map((id) => ({ id, label: `MY ${id}`, min: 0, max: 4 })),
      scoring: { kind: 'sum' },
      thresholds: [],
    };
    expect(assessmentHeader([mine]).slice(4)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `item_${i + 1}`),
      'item_12',
      'item_a',
      'item_b',
    ]);
  });
});

describe('assessment rows', () => {
  test.prop([
    fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 10, maxLength: 10 }),
    fc.date({ noInvalidDate: true, min: new Date('1990-01-01'), max: new Date('2090-12-31') }),
    fc.boolean(),
  ])(
    'a complete BARC-10 row (text or numbers) is valid and gives back the assessment',
    (answers, d, asNumbers) => {
      const completedOn = d.toISOString().slice(0, 10);
      const assessment = {
        id: 'a1',
        enrolmentId: 'enr-1',
        instrument: 'barc-10',
        completedOn,
        answers: Object.fromEntries(answers.map((a, i) => [String(i + 1), a])),
      };
      const text = toAssessmentRow(assessment);
      const record = asNumbers
        ? Object.fromEntries(Object.entries(text).map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v]))
        : text;
      const v = createAssessmentRowValidator();
      v.columns(Object.keys(text));
      const r = v.row(record, 2);
      expect(r.issues).toEqual([]);
      expect(r.assessment).toEqual(assessment);
      expect(r.score).toMatchObject({ status: 'scored', total: answers.reduce((a, b) => a + b, 0) });
    },
  );

  it('flags a BARC-10 answered 0-5 once, as zero-based-scale, with no out-of-range and no assessment', () => {
    const { results, brief } = validate([barc('a1', '2026-01-05', [1, 2, 1, 0, 2, 1, 1, 2, 1, 1])]);
    expect(brief).toEqual([[2, null, 'zero-based-scale']]);
    expect(results[0]?.assessment).toBeUndefined();
    expect(results[0]?.issues[0]?.message).toBe('answers look 0-based; BARC-10 is scored 1-6');
  });

  it('reports a 0 next to a 6 as out-of-range, not as a shifted scale', () => {
    const { brief } = validate([barc('a1', '2026-01-05', [6, 2, 1, 0, 2, 1, 1, 2, 1, 1])]);
    expect(brief).toEqual([[2, 'item_4', 'out-of-range']]);
  });

  it('reports an HRQOL-4 answer outside 0-30 days on its column', () => {
    const { results, brief } = validate([hrqol('a1', '2026-01-05', [3, 4, 31, 2])]);
    expect(brief).toEqual([[2, 'item_3', 'out-of-range']]);
    expect(results[0]?.issues[0]?.message).toBe('is outside 0-30');
  });

  it('keeps a partial BARC-10 as a valid, incomplete response with a missing-item warning and no total', () => {
    const { results, report, brief } = validate([barc('a1', '2026-01-05', [3, 4, 3, 2, 4, 3, '', 4, 2, 3])]);
    expect(brief).toEqual([[2, 'item_7', 'missing-item']]);
    expect(results[0]?.issues[0]?.severity).toBe('warning');
    expect(results[0]?.score?.status).toBe('incomplete');
    expect(results[0]?.assessment?.answers['7']).toBeNull();
    expect(report.summary).toMatchObject({
      rows: 1,
      validRows: 1,
      rowsWithErrors: 0,
      rowsWithWarningsOnly: 1,
    });
  });

  it('reports answers that are not whole numbers, and answers in columns the instrument does not have', () => {
    const row = hrqol('a1', '2026-01-05', [3, 'four', 2.5, 2]);
    row.item_7 = '3';
    const { brief } = validate([row]);
    expect(brief).toEqual([
      [2, 'item_7', 'unknown-item'],
      [2, 'item_2', 'not-integer'],
      [2, 'item_3', 'not-integer'],
    ]);
  });

  it('checks the schema: required values, ids, dates and instruments', () => {
    const { brief, report } = validate([
      csvRow({ assessment_id: '', enrolment_id: 'enr 1', instrument: 'barc-10', completed_on: '2026-02-30' }),
      barc('a2', '03/12/2026'),
      { ...barc('a3', '2026-01-05'), instrument: 'phq-9' },
      { ...barc('a4', '2026-01-05'), instrument: '' },
    ]);
    expect(brief).toEqual([
      [2, 'assessment_id', 'missing-value'],
      [2, 'enrolment_id', 'invalid-id'],
      [2, 'completed_on', 'invalid-date'],
      [2, 'item_1', 'missing-item'],
      [2, 'item_2', 'missing-item'],
      [2, 'item_3', 'missing-item'],
      [2, 'item_4', 'missing-item'],
      [2, 'item_5', 'missing-item'],
      [2, 'item_6', 'missing-item'],
      [2, 'item_7', 'missing-item'],
      [2, 'item_8', 'missing-item'],
      [2, 'item_9', 'missing-item'],
      [2, 'item_10', 'missing-item'],
      [3, 'completed_on', 'invalid-date'],
      [4, 'instrument', 'unknown-instrument'],
      [5, 'instrument', 'missing-value'],
    ]);
    expect(report.summary.unknownInstrumentRows).toBe(1);
    expect(report.summary.rowsWithErrors).toBe(4);
    // the library's one issue shape: path is the column, location the line
    for (const i of report.issues) {
      expect(i.path).toEqual(i.column === null ? [] : [i.column]);
      expect(i.location).toEqual({ line: i.line });
    }
  });

  it('reports a repeated assessment id and a repeated enrolment, instrument and date, naming the first line', () => {
    const { brief, all, results } = validate([
      barc('a1', '2026-01-05'),
      hrqol('a1', '2026-01-06'),
      barc('a3', '2026-01-05'),
      hrqol('a4', '2026-01-05'),
    ]);
    expect(brief).toEqual([
      [3, 'assessment_id', 'duplicate-id'],
      [4, 'completed_on', 'duplicate-response'],
    ]);
    expect(all.map((i) => i.message)).toEqual([
      'repeats the assessment id of line 2',
      'repeats the enrolment, instrument and date of line 2',
    ]);
    expect(results.map((r) => r.assessment?.id)).toEqual(['a1', undefined, undefined, 'a4']);
  });

  it('checks rows against their enrolment: known, not before the intake, not after the as-of date', () => {
    const enrolments = [{ id: 'enr-1', enrolledOn: INTAKE }];
    const { brief } = validate(
      [
        barc('a1', plus(INTAKE, -1)),
        barc('a2', INTAKE),
        barc('a3', '2026-01-05', undefined, 'enr-9'),
        barc('a4', '2026-06-02'),
        barc('a5', '2026-06-03'),
      ],
      { enrolments, asOf: '2026-06-02' },
    );
    expect(brief).toEqual([
      [2, 'completed_on', 'before-enrolment'],
      [4, 'enrolment_id', 'unknown-enrolment'],
      [6, 'completed_on', 'after-as-of'],
    ]);
  });

  it('never reports a row in the future without an as-of date', () => {
    const { brief } = validate([barc('a1', '2999-01-01')]);
    expect(brief).toEqual([]);
  });

  it('reports an invalid as-of date once, on line 0, and ignores it', () => {
    const { brief } = validate([barc('a1', '2999-01-01')], { asOf: '2026-02-30' });
    expect(brief).toEqual([[0, null, 'invalid-date']]);
  });
});

describe('schedule windows (at the end of the file)', () => {
  const enrolments = [{ id: 'enr-1', enrolledOn: INTAKE }];

  it('flags an assessment inside no window, naming the nearest window and the distance', () => {
    const { brief, all, report } = validate([barc('a1', plus(INTAKE, 5)), barc('a2', plus(INTAKE, 79))], {
      enrolments,
      asOf: '2026-11-20',
    });
    expect(brief).toEqual([[3, 'completed_on', 'out-of-window']]);
    expect(all[0]?.message).toBe(
      'is outside every window of the assessment schedule (samhsa-suprt 2025-10.2); nearest window: baseline, 49 days after it closes',
    );
    expect(report.summary).toMatchObject({
      rowsWithErrors: 1,
      validRows: 1,
      schedule: { id: 'samhsa-suprt' },
    });
  });

  it('takes both edges of the 180 +/- 30 window as inside, and the day before and after as outside', () => {
    for (const [day, outside] of [
      [149, true],
      [150, false],
      [210, false],
      [211, true],
    ] as const) {
      const { brief } = validate([barc('a1', INTAKE), barc('a2', plus(INTAKE, day))], { enrolments });
      expect(brief).toEqual(outside ? [[3, 'completed_on', 'out-of-window']] : []);
    }
  });

  it('judges each instrument on its own, and gives the same answer with or without an as-of date', () => {
    const rows = [barc('a1', plus(INTAKE, 3)), hrqol('a2', plus(INTAKE, 40)), barc('a3', plus(INTAKE, 181))];
    const without = validate(rows, { enrolments }).brief;
    const withAsOf = validate(rows, { enrolments, asOf: '2027-06-01' }).brief;
    expect(without).toEqual([[3, 'completed_on', 'out-of-window']]);
    expect(withAsOf).toEqual(without);
  });

  it('does not check windows without enrolments, or with the schedule turned off', () => {
    const rows = [barc('a1', plus(INTAKE, 79))];
    expect(validate(rows).brief).toEqual([]);
    expect(validate(rows).report.summary.schedule).toBeNull();
    expect(validate(rows, { enrolments, schedule: null }).brief).toEqual([]);
  });

  it('does not place duplicates or rows dated before the intake in the schedule', () => {
    const { brief } = validate(
      [barc('a1', plus(INTAKE, 5)), barc('a1', plus(INTAKE, 79)), barc('a3', plus(INTAKE, -3))],
      {
        enrolments,
      },
    );
    expect(brief).toEqual([
      [3, 'assessment_id', 'duplicate-id'],
      [4, 'completed_on', 'before-enrolment'],
    ]);
  });
});

describe('header and keys', () => {
  it('reports a missing required column once and counts every row as unusable', () => {
    const v = createAssessmentRowValidator();
    const header = HEADER.filter((h) => h !== 'completed_on');
    expect(v.columns(header).map((i) => [i.line, i.column, i.code])).toEqual([
      [1, 'completed_on', 'missing-column'],
    ]);
    const { completed_on: _, ...row } = barc('a1', '2026-01-05');
    expect(v.row(row, 2)).toEqual({ issues: [], score: expect.objectContaining({ status: 'scored' }) });
    expect(v.finish().summary).toMatchObject({ rows: 1, rowsWithErrors: 1, errors: 1 });
  });

  it('reports duplicate and unknown columns, hiding names that are not plain column names', () => {
    const v = createAssessmentRowValidator();
    const issues = v.columns([...HEADER, 'item_1', 'notes', 'Jane Doe 1980-04-02', 'item_11']);
    expect(issues.map((i) => [i.column, i.code, i.severity])).toEqual([
      ['item_1', 'duplicate-column', 'error'],
      ['notes', 'unknown-column', 'warning'],
      ['?', 'unknown-column', 'warning'],
      ['item_11', 'unknown-column', 'warning'],
    ]);
  });

  it('without a header (NDJSON), reports each unknown key once and a missing key per row', () => {
    const v = createAssessmentRowValidator();
    const row = { ...barc('a1', '2026-01-05'), note: 'x' };
    const first = v.row(row, 1).issues.map((i) => [i.line, i.column, i.code]);
    const second = v.row({ ...row, assessment_id: 'a2', completed_on: undefined }, 2).issues;
    expect(first).toEqual([[1, 'note', 'unknown-column']]);
    expect(second.map((i) => [i.line, i.column, i.code])).toEqual([[2, 'completed_on', 'missing-value']]);
  });

  it('counts rows a reader could not read, and records that are not objects', () => {
    const v = createAssessmentRowValidator();
    expect(v.rejectRow(3, 'invalid-json').map((i) => i.code)).toEqual(['invalid-json']);
    expect(v.row([1, 2], 4).issues.map((i) => i.code)).toEqual(['invalid-record']);
    expect(v.row(null, 5).issues.map((i) => i.code)).toEqual(['invalid-record']);
    expect(v.finish().summary).toMatchObject({ rows: 3, rowsWithErrors: 3, errors: 3 });
  });
});

describe('severity policy', () => {
  it('defaults to errors, except unknown columns, missing items and contacts after the end of care', () => {
    const warnings = DATASET_ISSUE_CODES.filter((c) => DEFAULT_DATASET_SEVERITY[c] === 'warning');
    expect(warnings).toEqual(['unknown-column', 'missing-item', 'after-exit', 'no-mapped-data']);
  });

  it('lets a program make a partial response an error, or stop reporting it', () => {
    const partial = barc('a1', '2026-01-05', [3, 4, 3, 2, 4, 3, '', 4, 2, 3]);
    const strict = validate([partial], { severity: { 'missing-item': 'error' } });
    expect(strict.results[0]?.assessment).toBeUndefined();
    expect(strict.report.summary.rowsWithErrors).toBe(1);
    const off = validate([partial], { severity: { 'missing-item': 'off' } });
    expect(off.all).toEqual([]);
    expect(off.results[0]?.assessment).toBeDefined();
  });

  it('moves a row with a warning to the rows with errors when its window check fails', () => {
    const enrolments = [{ id: 'enr-1', enrolledOn: INTAKE }];
    const { report } = validate([barc('a1', plus(INTAKE, 79), [3, 4, 3, 2, 4, 3, '', 4, 2, 3])], {
      enrolments,
    });
    expect(report.summary).toMatchObject({
      rows: 1,
      rowsWithErrors: 1,
      rowsWithWarningsOnly: 0,
      errors: 1,
      warnings: 1,
    });
  });
});

describe('properties', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -5, max: 40 }),
    fc.constantFrom('', '2026-02-10', 'barc-10', 'hrqol-4', 'enr-1', 'a1', '3', '0', '6'),
    fc.constant(null),
    fc.double(),
    fc.boolean(),
  );
  const record = fc.dictionary(fc.constantFrom(...HEADER, 'extra', 'item_11'), cell);

  test.prop([fc.array(fc.oneof(record, fc.anything()), { maxLength: 12 }), fc.boolean()], { numRuns: 50 })(
    'never throws; rows = valid rows + rows with errors; errors and warnings match the issues returned',
    (rows, withEnrolments) => {
      const options: AssessmentRowValidatorOptions = withEnrolments
        ? { enrolments: [{ id: 'enr-1', enrolledOn: '2026-02-01' }], asOf: '2026-12-31' }
        : {};
      const { report, all, results } = validate(rows, options);
      const s = report.summary;
      expect(s.rows).toBe(rows.length);
      expect(s.validRows + s.rowsWithErrors).toBe(s.rows);
      expect(s.errors).toBe(all.filter((i) => i.severity === 'error').length);
      expect(s.warnings).toBe(all.filter((i) => i.severity === 'warning').length);
      for (const r of results)
        if (r.assessment !== undefined) expect(r.issues.every((i) => i.severity === 'warning')).toBe(true);
    },
  );

  test.prop([fc.stringMatching(/^[A-Za-z]{3,10} [A-Za-z]{3,10}$/), fc.constantFrom(...HEADER)], {
    numRuns: 50,
  })('never repeats a cell value in a message', (secret, column) => {
    const row = { ...barc('a1', '2026-01-05'), [column]: secret };
    const { all } = validate([row], { enrolments: [{ id: 'enr-1', enrolledOn: '2026-01-01' }] });
    expect(all.length).toBeGreaterThan(0);
    for (const i of all) expect(i.message).not.toContain(secret.trim());
  });

  it('does not change its input', () => {
    const row = Object.freeze(barc('a1', '2026-01-05', [1, 2, 1, 0, 2, 1, 1, 2, 1, 1]));
    const enrolments = Object.freeze([Object.freeze({ id: 'enr-1', enrolledOn: INTAKE })]);
    expect(() => validate([row, row], { enrolments })).not.toThrow();
  });
});

describe('enrolment rows', () => {
  it('gives back valid enrolments and reports bad ids, dates, reversed periods and duplicates', () => {
    const v = createEnrolmentRowValidator();
    expect(v.columns(['enrolment_id', 'peer_id', 'enrolled_on', 'exited_on'])).toEqual([]);
    const rows = [
      { enrolment_id: 'enr-1', peer_id: 'peer-1', enrolled_on: '2026-01-05', exited_on: '' },
      { enrolment_id: 'enr-2', peer_id: 'peer-2', enrolled_on: '2026-01-05', exited_on: '2026-06-19' },
      { enrolment_id: 'enr-3', peer_id: 'peer-3', enrolled_on: '2026-03-05', exited_on: '2026-03-04' },
      { enrolment_id: 'enr-1', peer_id: '', enrolled_on: '5 Jan 2026', exited_on: '' },
    ];
    const results = rows.map((r, i) => v.row(r, i + 2));
    expect(results.map((r) => r.enrolment)).toEqual([
      { id: 'enr-1', peerId: 'peer-1', enrolledOn: '2026-01-05' },
      { id: 'enr-2', peerId: 'peer-2', enrolledOn: '2026-01-05', exit: { on: '2026-06-19' } },
      undefined,
      undefined,
    ]);
    expect(results.flatMap((r) => r.issues).map((i) => [i.line, i.column, i.code])).toEqual([
      [4, 'exited_on', 'period-reversed'],
      [5, 'peer_id', 'missing-value'],
      [5, 'enrolled_on', 'invalid-date'],
      [5, 'enrolment_id', 'duplicate-id'],
    ]);
    expect(v.finish().summary).toMatchObject({ rows: 4, validRows: 2, rowsWithErrors: 2, errors: 4 });
  });
});

describe('contact rows', () => {
  const enrolments = [{ id: 'enr-1', enrolledOn: '2026-01-05', exit: { on: '2026-06-19' } }];
  const contact = (over: Record<string, string>) => ({
    contact_id: 'c1',
    enrolment_id: 'enr-1',
    coach_id: 'coach-1',
    start: '2026-02-02T10:00:00-08:00',
    end: '2026-02-02T11:00:00-08:00',
    mode: 'in-person',
    location: 'recovery-center',
    ...over,
  });

  it('gives back a valid contact', () => {
    const v = createContactRowValidator({ enrolments });
    expect(v.row(contact({}), 2)).toEqual({
      issues: [],
      contact: {
        id: 'c1',
        enrolmentId: 'enr-1',
        coachId: 'coach-1',
        start: '2026-02-02T10:00:00-08:00',
        end: '2026-02-02T11:00:00-08:00',
        mode: 'in-person',
        location: 'recovery-center',
      },
    });
  });

  it('reads the date of a start in its own offset: 23:30 on the exit day is not after the end of care', () => {
    const v = createContactRowValidator({ enrolments });
    const late = v.row(contact({ start: '2026-06-19T23:30:00-07:00', end: '2026-06-19T23:50:00-07:00' }), 2);
    const next = v.row(
      contact({ contact_id: 'c2', start: '2026-06-20T08:00:00-07:00', end: '2026-06-20T09:00:00-07:00' }),
      3,
    );
    const early = v.row(
      contact({ contact_id: 'c3', start: '2026-01-04T23:30:00-08:00', end: '2026-01-05T00:30:00-08:00' }),
      4,
    );
    expect(late.issues).toEqual([]);
    expect(next.issues.map((i) => [i.column, i.code, i.severity])).toEqual([
      ['start', 'after-exit', 'warning'],
    ]);
    expect(next.contact).toBeDefined();
    expect(early.issues.map((i) => [i.column, i.code])).toEqual([['start', 'before-enrolment']]);
  });

  it('reports instants without offset, unknown codes, reversed periods, duplicates and unknown enrolments', () => {
    const v = createContactRowValidator({ enrolments });
    v.row(contact({}), 2);
    const r = v.row(
      contact({
        enrolment_id: 'enr-9',
        start: '2026-02-02T10:00:00',
        mode: 'carrier-pigeon',
        location: '',
      }),
      3,
    );
    const s = v.row(contact({ contact_id: 'c3', end: '2026-02-02T09:00:00-08:00' }), 4);
    expect([...r.issues, ...s.issues].map((i) => [i.line, i.column, i.code])).toEqual([
      [3, 'start', 'invalid-instant'],
      [3, 'mode', 'invalid-code'],
      [3, 'location', 'missing-value'],
      [3, 'contact_id', 'duplicate-id'],
      [3, 'enrolment_id', 'unknown-enrolment'],
      [4, 'end', 'period-reversed'],
    ]);
    expect(r.issues[1]?.message).toBe('is not one of: in-person, phone, video, text, email, social-media');
    expect(r.issues.some((i) => i.message.includes('carrier-pigeon'))).toBe(false);
  });
});

describe('survey missing-value codes', () => {
  // Each response on its own day, so that none is a duplicate of another.
  const hrq = (id: string, items: Record<string, string | number>) =>
    csvRow({
      assessment_id: id,
      enrolment_id: 'enr-1',
      instrument: 'hrqol-4',
      completed_on: plus(INTAKE, Number(id.slice(1))),
      ...items,
    });

  it('recodes 88 = none to 0 days and 77/99 to a blank answer, instead of rejecting them', () => {
    const v = createAssessmentRowValidator({ missingCodes: SURVEY_MISSING_CODES });
    // 88 physically unhealthy days = none = 0; total min(30, 0 + 5) = 5.
    const none = v.row(hrq('h1', { item_1: 3, item_2: 88, item_3: 5, item_4: 0 }), 2);
    expect(none.issues).toEqual([]);
    expect(none.score).toMatchObject({ status: 'scored', total: 5 });
    expect(none.assessment?.answers).toMatchObject({ '2': 0 });
    // 77 (don't know) on a needed item: the response is incomplete (a warning), not invalid.
    const dontKnow = v.row(hrq('h2', { item_1: 3, item_2: 77, item_3: 5 }), 3);
    expect(dontKnow.issues.map((i) => [i.code, i.severity])).toEqual([['missing-item', 'warning']]);
    // 99 (refused) on the optional general-health item (1-5; 88 is not a day count there: blank too).
    const refused = v.row(hrq('h3', { item_1: 99, item_2: 1, item_3: 2 }), 4);
    expect(refused.score).toMatchObject({ status: 'scored', total: 3, missingOptionalItems: ['1', '4'] });
    const barcRow = v.row(barc('b1', plus(INTAKE, 9), [88, 4, 3, 2, 4, 3, 3, 4, 2, 3]), 5);
    expect(barcRow.score).toMatchObject({ status: 'incomplete', missingItems: ['1'] });
    // 88 twice: 0 days on HRQOL-4 item 2, blank on BARC-10 item 1 (not a day count).
    expect(v.finish().summary.missingCodes).toEqual({ none: 2, 'dont-know': 1, refused: 1 });
  });

  it('never recodes an answer inside the item range, and rejects codes without the option', () => {
    const v = createAssessmentRowValidator({ missingCodes: [{ code: 7, meaning: 'x' }] });
    expect(v.row(hrq('h1', { item_2: 7, item_3: 5 }), 2).score).toMatchObject({
      status: 'scored',
      total: 12,
    });
    const strict = createAssessmentRowValidator();
    expect(strict.row(hrq('h2', { item_2: 88, item_3: 5 }), 2).issues.map((i) => i.code)).toEqual([
      'out-of-range',
    ]);
    expect(strict.finish().summary.missingCodes).toEqual({});
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  type AssessmentRowValidatorOptions,
  assessmentHeader,
  createAssessmentRowValidator,
  createContactRowValidator,
  createEnrolmentRowValidator,
  type DatasetIssue,
  SURVEY_MISSING_CODES,
} from './dataset';
import type { InstrumentDefinition } from './instrument';
import { instrumentById } from './instruments';

// The validators' own path for rows given as cells (`cells`) must give, row for row, what `row` gives on the record
// those cells make, and leave the same file-wide state (duplicates, schedule rows, counts): the same `finish()`.

/** The record a CSV reader makes of a row's cells: each name to its cell, the last of a repeated name. */
function recordOf(names: readonly string[], cells: readonly string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let i = 0; i < Math.min(names.length, cells.length); i++) record[names[i] as string] = cells[i];
  return record;
}

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

const ITEMS = Array.from({ length: 11 }, (_, k) => `item_${k + 1}`);
/** Headers: the standard one, columns reordered, extra and repeated names, a required column missing. */
const assessmentHeaderArb = fc.oneof(
  { arbitrary: fc.constant(assessmentHeader()), weight: 4 },
  fc
    .shuffledSubarray(['assessment_id', 'enrolment_id', 'instrument', 'completed_on', ...ITEMS, 'note'], {
      minLength: 3,
    })
    .chain((names) =>
      fc.constantFrom(names, [...names, 'item_1'], [...names, '__proto__'], [...names, 'item_03']),
    ),
);

/** A cell: mostly what a machine writes, sometimes what makes a row go the general way. */
function cellArb(kind: 'id' | 'enrolment' | 'instrument' | 'date' | 'item' | 'other') {
  const odd = fc.constantFrom('', ' ', ' a1 ', '-x', 'é', 'x'.repeat(65), '3.0', '2025-02-30', '__proto__');
  const usual =
    kind === 'id'
      ? fc.integer({ min: 0, max: 40 }).map((n) => `a${n}`)
      : kind === 'enrolment'
        ? fc.integer({ min: 0, max: 8 }).map((n) => `enr-${n}`)
        : kind === 'instrument'
          ? fc.constantFrom('barc-10', 'barc-10', 'hrqol-4', 'shaped', 'custom', 'phq-9', ' barc-10')
          : kind === 'date'
            ? fc.integer({ min: -10, max: 500 }).map(day)
            : kind === 'item'
              ? fc.oneof(
                  { arbitrary: fc.integer({ min: 1, max: 6 }).map(String), weight: 8 },
                  fc.constantFrom('0', '7', '30', '31', '03', '77', '88', '99', '', '1234567890', '-1'),
                )
              : fc.constantFrom('', 'x');
  return fc.oneof({ arbitrary: usual, weight: 12 }, odd);
}

function assessmentCells(header: readonly string[]) {
  const kindOf = (name: string) =>
    name === 'assessment_id'
      ? 'id'
      : name === 'enrolment_id'
        ? 'enrolment'
        : name === 'instrument'
          ? 'instrument'
          : name === 'completed_on'
            ? 'date'
            : name.startsWith('item_')
              ? 'item'
              : 'other';
  const full = fc.tuple(...header.map((name) => cellArb(kindOf(name))));
  return fc.oneof(
    { arbitrary: full, weight: 10 },
    full.map((cells) => cells.slice(0, -1)),
    full.map((cells) => [...cells, '1']),
  );
}

// An instrument with reverse items and a cap, and one with a custom scoring function (no fast path).
const barc = instrumentById('barc-10') as InstrumentDefinition;
const instruments: InstrumentDefinition[] = [
  {
    ...barc,
    id: 'shaped',
    items: barc.items.slice(0, 3).map((item, k) => ({ ...item, reverse: k === 1 })),
    scoring: { kind: 'sum', cap: 12 },
    thresholds: [],
  },
  {
    ...barc,
    id: 'custom',
    items: barc.items.slice(0, 2),
    scoring: {
      kind: 'custom',
      description: 'item 1',
      requiredItems: ['1'],
      score: (scored) => ({ total: scored['1'] ?? 0 }),
    },
    thresholds: [],
  },
];

const optionsArb = fc.record({
  enrolments: fc.option(
    fc.array(
      fc.record({
        intake: fc.integer({ min: 0, max: 200 }),
        exit: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      }),
      { maxLength: 6 },
    ),
    { nil: undefined },
  ),
  asOf: fc.option(fc.constantFrom(day(300), day(600), 'not a date'), { nil: undefined }),
  survey: fc.boolean(),
  noSchedule: fc.boolean(),
  itemErrors: fc.boolean(),
});

function assessmentOptions(o: typeof optionsArb extends fc.Arbitrary<infer T> ? T : never) {
  return {
    instruments,
    ...(o.enrolments === undefined
      ? {}
      : {
          enrolments: o.enrolments.map((e, i) => ({
            id: `enr-${i}`,
            enrolledOn: day(e.intake),
            ...(e.exit === undefined ? {} : { exit: { on: day(e.intake + e.exit) } }),
          })),
        }),
    ...(o.asOf === undefined ? {} : { asOf: o.asOf }),
    ...(o.survey ? { missingCodes: SURVEY_MISSING_CODES } : {}),
    ...(o.noSchedule ? { schedule: null } : {}),
    ...(o.itemErrors
      ? { severity: { 'out-of-range': 'warning', 'not-integer': 'warning', 'unknown-item': 'off' } as const }
      : {}),
  } satisfies AssessmentRowValidatorOptions;
}

describe('rows given as cells', () => {
  test.prop(
    [
      optionsArb,
      fc.boolean(),
      assessmentHeaderArb.chain((header) =>
        fc.tuple(fc.constant(header), fc.array(assessmentCells(header), { maxLength: 40 })),
      ),
    ],
    { numRuns: 150 },
  )(
    'an assessment validator checks cells as row checks the record they make',
    (o, issuesOnly, [header, rows]) => {
      const options = { ...assessmentOptions(o), issuesOnly };
      const byCells = createAssessmentRowValidator(options);
      const byRecords = createAssessmentRowValidator(options);
      expect(byCells.columns(header, 1)).toEqual(byRecords.columns(header, 1));
      rows.forEach((cells, k) => {
        const line = k + 2;
        const a = byCells.cells(cells, line);
        const b = byRecords.row(recordOf(header, cells), line);
        expect(a).toEqual(b);
      });
      expect(byCells.finish()).toEqual(byRecords.finish());
    },
  );

  it('checks the rows of a machine-written file on its own path, and reports a bad row among them as row does', () => {
    const header = assessmentHeader();
    const enrolments = [{ id: 'enr-1', enrolledOn: day(0) }];
    const options = { enrolments, asOf: day(400), issuesOnly: true };
    const byCells = createAssessmentRowValidator(options);
    const byRecords = createAssessmentRowValidator(options);
    byCells.columns(header, 1);
    byRecords.columns(header, 1);
    const good = ['a1', 'enr-1', 'barc-10', day(3), '3', '4', '3', '2', '4', '3', '3', '4', '2', '3'];
    const rows = [
      good,
      ['a2', 'enr-1', 'barc-10', day(180), '3', '4', '3', '2', '4', '3', '3', '4', '2', '3'],
      // The same id again, the same enrolment, instrument and date again, an unknown enrolment, a blank item.
      ['a1', 'enr-1', 'barc-10', day(5), '3', '4', '3', '2', '4', '3', '3', '4', '2', '3'],
      ['a3', 'enr-1', 'barc-10', day(3), '3', '4', '3', '2', '4', '3', '3', '4', '2', '3'],
      ['a4', 'enr-2', 'barc-10', day(3), '3', '4', '3', '2', '4', '3', '3', '4', '2', '3'],
      ['a5', 'enr-1', 'barc-10', day(181), '3', '', '3', '2', '4', '3', '3', '4', '2', '3'],
    ];
    const codes = (issues: readonly DatasetIssue[]) => issues.map((i) => `${i.line}:${i.code}`);
    const found = rows.flatMap((cells, k) => codes(byCells.cells(cells, k + 2).issues));
    expect(found).toEqual([
      '4:duplicate-id',
      '5:duplicate-response',
      '6:unknown-enrolment',
      '7:missing-item',
    ]);
    expect(rows.flatMap((cells, k) => codes(byRecords.row(recordOf(header, cells), k + 2).issues))).toEqual(
      found,
    );
    expect(byCells.finish()).toEqual(byRecords.finish());
    // Without issuesOnly the rows come with their assessment and score, as from row.
    const full = createAssessmentRowValidator({ enrolments });
    full.columns(header, 1);
    expect(full.cells(good, 2).assessment?.answers['1']).toBe(3);
  });

  const enrolmentHeaderArb = fc.oneof(
    { arbitrary: fc.constant(['enrolment_id', 'peer_id', 'enrolled_on', 'exited_on']), weight: 4 },
    fc
      .shuffledSubarray(['enrolment_id', 'peer_id', 'enrolled_on', 'exited_on', 'note'], { minLength: 2 })
      .chain((names) => fc.constantFrom(names, [...names, 'peer_id'], [...names, '__proto__'])),
  );
  function enrolmentCells(header: readonly string[]) {
    const kindOf = (name: string) =>
      name === 'enrolment_id' || name === 'peer_id' ? 'enrolment' : name.endsWith('_on') ? 'date' : 'other';
    const full = fc.tuple(
      ...header.map((name) =>
        name === 'exited_on'
          ? fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, cellArb('date'))
          : cellArb(kindOf(name)),
      ),
    );
    return fc.oneof(
      { arbitrary: full, weight: 10 },
      full.map((cells) => cells.slice(0, -1)),
      full.map((cells) => [...cells, 'x']),
    );
  }

  test.prop(
    [
      enrolmentHeaderArb.chain((header) =>
        fc.tuple(fc.constant(header), fc.array(enrolmentCells(header), { maxLength: 30 })),
      ),
    ],
    { numRuns: 150 },
  )('an enrolment validator checks cells as row checks the record they make', ([header, rows]) => {
    const byCells = createEnrolmentRowValidator();
    const byRecords = createEnrolmentRowValidator();
    expect(byCells.columns(header, 1)).toEqual(byRecords.columns(header, 1));
    rows.forEach((cells, k) => {
      expect(byCells.cells(cells, k + 2)).toEqual(byRecords.row(recordOf(header, cells), k + 2));
    });
    expect(byCells.finish()).toEqual(byRecords.finish());
  });

  it('a contact validator checks cells as the record they make', () => {
    const header = ['contact_id', 'enrolment_id', 'coach_id', 'start', 'end', 'mode', 'location'];
    const cells = ['c1', 'enr-1', 'coach-1', '2026-02-02T10:00:00Z', '2026-02-02T11:00:00Z', 'phone', 'home'];
    const byCells = createContactRowValidator();
    const byRecords = createContactRowValidator();
    byCells.columns(header, 1);
    byRecords.columns(header, 1);
    expect(byCells.cells(cells, 2)).toEqual(byRecords.row(recordOf(header, cells), 2));
    expect(byCells.cells(cells.slice(0, 3), 3)).toEqual(
      byRecords.row(recordOf(header, cells.slice(0, 3)), 3),
    );
    expect(byCells.finish()).toEqual(byRecords.finish());
  });

  it('never throws on cells that are not a list of texts', () => {
    const v = createAssessmentRowValidator({ issuesOnly: true });
    v.columns(assessmentHeader(), 1);
    expect(v.cells('a1,enr-1' as unknown as string[], 2).issues.map((i) => i.code)).toEqual([
      'invalid-record',
    ]);
    const numbers = [1, 2, 3, 20260101, 3, 4, 3, 2, 4, 3, 3, 4, 2, 3] as unknown as string[];
    const r = createAssessmentRowValidator({ issuesOnly: true });
    r.columns(assessmentHeader(), 1);
    expect(v.cells(numbers, 3)).toEqual(r.row(recordOf(assessmentHeader(), numbers), 3));
  });
});

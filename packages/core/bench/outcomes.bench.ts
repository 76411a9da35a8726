/**
 * Outcome data-set validation: the assessment row validator (schema, scoring, duplicates, enrolment dates and the
 * end-of-file schedule check) over generated rows already read into records, against a baseline in the same run: a
 * plain loop that reads the same cells, parses each date with `Date.parse` and each answer with `Number`, and keeps
 * a text duplicate key per row. Watch the ratio (hz of the validator / hz of the baseline) and rows per second =
 * hz x rows; absolute figures move with the load of the shared machine.
 *
 * Run: `npx vitest bench --run --project core packages/core/bench/outcomes.bench.ts`; `BENCH_ROWS=20000` (default).
 * The CSV reading cost is measured separately in docs/research.md ("Performance").
 */
import { bench, describe } from 'vitest';
import { assessmentHeader, createAssessmentRowValidator } from '../src/outcomes/index';

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const HEADER = assessmentHeader();

/** Four rows per enrolment: BARC-10 and HRQOL-4 at baseline (day 5) and at 6 months (day 180). */
function generate(rows: number) {
  const enrolments: { id: string; enrolledOn: string }[] = [];
  const records: Record<string, string>[] = [];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let r = 0; r < rows; r++) {
    const e = Math.floor(r / 4);
    const intake = Date.UTC(2025, e % 12, 1 + (e % 28));
    if (r % 4 === 0)
      enrolments.push({ id: `enr-${e}`, enrolledOn: new Date(intake).toISOString().slice(0, 10) });
    const day = new Date(intake + (r % 4 < 2 ? 5 : 180) * 86_400_000).toISOString().slice(0, 10);
    const barc = r % 2 === 0;
    const record: Record<string, string> = {};
    for (const c of HEADER) record[c] = '';
    record.assessment_id = `a-${r}`;
    record.enrolment_id = `enr-${e}`;
    record.instrument = barc ? 'barc-10' : 'hrqol-4';
    record.completed_on = day;
    const items = barc ? 10 : 4;
    for (let i = 1; i <= items; i++)
      record[`item_${i}`] = String(barc ? 1 + next(6) : i === 1 ? 1 + next(5) : next(31));
    records.push(record);
  }
  return { enrolments, records };
}

const { enrolments, records } = generate(ROWS);

function baseline(): number {
  const keys = new Map<string, number>();
  let sum = 0;
  for (const [line, r] of records.entries()) {
    const ms = Date.parse(r.completed_on ?? '');
    for (let i = 1; i <= 10; i++) {
      const v = r[`item_${i}`];
      if (v !== undefined && v !== '') sum += Number(v);
    }
    keys.set(`${r.enrolment_id}\u0000${r.instrument}\u0000${ms}`, line);
  }
  return sum + keys.size;
}

describe(`outcome validation, ${ROWS} rows (rows per second: hz x ${ROWS})`, () => {
  bench('baseline: read the cells, Date.parse, Number, a text duplicate key', () => {
    baseline();
  });
  bench('createAssessmentRowValidator with enrolments and the schedule check', () => {
    const v = createAssessmentRowValidator({ enrolments, asOf: '2026-11-20' });
    v.columns(HEADER);
    for (const [i, r] of records.entries()) v.row(r, i + 2);
    v.finish();
  });
});

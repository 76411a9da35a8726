/**
 * Validating and summarizing outcome data with the library: read an assessment export line by line, check every
 * row with a streaming validator (constant memory per row), keep the valid rows, then summarize them as of a date.
 *
 * Run from the repository root: `npx --yes pnpm@10.34.9 --filter @peer-recovery/example-research-outcomes start`
 * (optional argument: the as-of date, default 2026-11-20).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  type Assessment,
  createAssessmentRowValidator,
  type DatasetIssue,
  parseProgramData,
  summarizeOutcomes,
} from '@peer-recovery/core';

const [asOf = '2026-11-20'] = process.argv.slice(2);

// 1. The enrolments the assessments belong to: intake and exit dates are needed for the date and window checks.
const programFile = new URL('../../sample-program/program.json', import.meta.url);
const program = parseProgramData(JSON.parse(readFileSync(programFile, 'utf8')));
if (!program.success) {
  for (const issue of program.issues) console.error(`${issue.code} ${issue.message}`);
  process.exit(2);
}
const { enrolments, plans } = program.data;

// 2. A stateful validator: feed it the header, then one row at a time; it keeps no row after checking it.
const validator = createAssessmentRowValidator({ enrolments, asOf });
const show = (i: DatasetIssue) =>
  console.log(
    `  line ${String(i.line).padEnd(3)} ${(i.column ?? '-').padEnd(14)} ${i.severity.padEnd(8)} ${i.code}: ${i.message}`,
  );

// This file has no quoted cells, so splitting on commas is enough here; use a CSV parser (e.g. csv-parse) for real
// exports. The validator does not care where the records come from (CSV, NDJSON, a database cursor).
const lines = createInterface({ input: createReadStream(new URL('../assessments.csv', import.meta.url)) });
const valid: Assessment[] = [];
let header: string[] | undefined;
let line = 0;
console.log('Issues, as the rows are read:');
for await (const text of lines) {
  line++;
  if (text.trim() === '') continue;
  const cells = text.split(',');
  if (header === undefined) {
    header = cells;
    validator.columns(header, line).forEach(show);
    continue;
  }
  const record = Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  const result = validator.row(record, line);
  result.issues.forEach(show);
  if (result.assessment) valid.push(result.assessment);
}

// 3. End of file: the checks that need all of an enrolment's rows (schedule windows), and the counts.
const { issues, summary } = validator.finish();
console.log('Issues found at the end of the file:');
issues.forEach(show);
console.log(
  `\n${summary.rows} rows: ${summary.validRows} valid, ${summary.rowsWithErrors} with errors ` +
    `(${summary.errors} errors, ${summary.warnings} warnings)`,
);
for (const c of summary.instruments)
  console.log(
    `  ${c.abbreviation}: ${c.rows} rows, ${c.scored} complete, ${c.incomplete} incomplete, ${c.invalid} invalid`,
  );

// 4. Summarize the valid rows (a partial response is valid: it counts as incomplete and has no total).
const outcomes = summarizeOutcomes({ enrolments, assessments: valid, plans }, { asOf });
console.log(`\nOutcomes as of ${asOf} (schedule ${outcomes.scheduleId} ${outcomes.scheduleVersion}):`);
for (const s of outcomes.instruments) {
  const c = s.change;
  const f = s.followUp;
  console.log(`  ${s.abbreviation}: ${s.responses.n} responses (${s.responses.scored} complete)`);
  console.log(
    c.n === 0
      ? '    change from baseline: n=0, no pair yet'
      : `    change from baseline: n=${c.n}, mean ${c.meanBaseline?.toFixed(1)} -> ${c.meanFollowUp?.toFixed(1)}`,
  );
  console.log(
    f.rate === null
      ? `    follow-up: n=${f.n}, nothing due yet`
      : `    follow-up: n=${f.n}, ${f.numerator} of ${f.denominator} done (${Math.round(f.rate * 100)}%, target ${Math.round(f.target * 100)}%)`,
  );
}

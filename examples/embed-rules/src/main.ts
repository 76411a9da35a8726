/**
 * Embedding the rules in an application: parse a program document, pick a rule pack, evaluate one enrolment as of
 * a date, and show what is due next and what went wrong, with the source of each rule.
 *
 * Run from the repository root: `npx --yes pnpm@10.34.9 --filter @peer-recovery/example-embed-rules start`
 * (optional arguments: enrolment id, as-of date, pack id).
 */
import { readFileSync } from 'node:fs';
import {
  evaluateEnrollment,
  formatSource,
  getBuiltInPack,
  indexProgram,
  parseProgramData,
} from '@peer-recovery/core';

const [enrolmentId = 'enr-002', asOf = '2026-06-15', packId = 'srp-recovery-connect'] = process.argv.slice(2);

// 1. Parse: never throws; issues carry a path and a stable code, and never echo personal data.
const file = new URL('../../sample-program/program.json', import.meta.url);
const parsed = parseProgramData(JSON.parse(readFileSync(file, 'utf8')));
if (!parsed.success) {
  for (const issue of parsed.issues) console.error(`${issue.code} ${issue.message}`);
  process.exit(2);
}

// 2. Choose the rule pack in force (a built-in one here; parseRulePack loads your own JSON).
const pack = getBuiltInPack(packId);
if (!pack) {
  console.error(`unknown pack ${packId}`);
  process.exit(2);
}

// 3. Evaluate. Index once when you evaluate many enrolments.
const index = indexProgram(parsed.data);
const result = evaluateEnrollment(index, enrolmentId, { asOf, pack });
if (!result.success) {
  for (const issue of result.issues) console.error(`${issue.code} ${issue.message}`);
  process.exit(2);
}
const ev = result.data;

console.log(`Enrolment ${ev.enrolmentId} (peer ${ev.peerId}) as of ${asOf}, pack ${pack.id}`);
console.log('\nNext actions:');
for (const action of ev.nextActions)
  console.log(`  ${action.dueOn}  ${action.status.padEnd(8)}  ${action.label}`);
if (ev.nextActions.length === 0) console.log('  none');

console.log('\nFindings:');
for (const f of ev.findings) {
  console.log(`  [${f.severity}] ${f.code}: ${f.message}`);
  console.log(`      source: ${formatSource(f.source)}`);
}
if (ev.findings.length === 0) console.log('  none');

console.log('\nRule results:');
for (const r of ev.results) console.log(`  ${r.ruleId.padEnd(24)} ${r.status}`);

/**
 * Exchanging a program with a FHIR R4 server: export the sample program, push it as a transaction bundle to the
 * embedded server (twice: the second push creates nothing), read it back by search, and check that the rules give
 * the same findings on the server's copy.
 *
 * Run from the repository root: `npx --yes pnpm@10.34.9 --filter @peer-recovery/example-fhir-exchange start`
 * (optional argument: the base URL of another FHIR R4 server, and a bearer token).
 */
import { readFileSync } from 'node:fs';
import { endOfLocalDay, evaluateProgram, parseProgramData } from '@peer-recovery/core';
import { exportProgram, pushBundle, readProgram, toTransactionBundle } from '@peer-recovery/fhir';
import { startFhirServer } from '@peer-recovery/fhir/server';

const AS_OF = '2026-11-20';
const [externalUrl, token] = process.argv.slice(2);

const parsed = parseProgramData(
  JSON.parse(readFileSync(new URL('../../sample-program/program.json', import.meta.url), 'utf8')),
);
if (!parsed.success) throw new Error('the sample program does not parse');
const data = parsed.data;

// 1. Export: every resource is validated; privacy labels and US Core profiles are set by the exporter.
// The coaches' HR records (attestations, checks, incidents) stay home unless asked for: this example exchanges the
// program with its own server and compares findings, so it asks.
const exported = exportProgram(data, {
  asOf: new Date(endOfLocalDay(AS_OF, data.program.timeZone)).toISOString(),
  includeCoachRecords: true,
});
if (!exported.success) {
  for (const i of exported.issues) console.error(i.code, i.expression ?? '', i.message);
  process.exit(1);
}
const bundle = toTransactionBundle(exported.data);
console.log(`exported ${exported.data.length} resources`);

// 2. Push to a FHIR server: the embedded one unless a base URL was given.
const server = externalUrl ? undefined : await startFhirServer({ port: 0 });
const baseUrl = externalUrl ?? server?.url ?? '';
const options = token ? { token } : {};
try {
  const first = await pushBundle(baseUrl, bundle, options);
  const second = await pushBundle(baseUrl, bundle, options);
  const created = (r: typeof first) => (r.success ? r.data : r.outcome).created;
  console.log(`pushed to ${baseUrl}: created ${created(first)}, then ${created(second)} on the second push`);
  for (const i of [...first.issues, ...second.issues])
    console.error(`  ${i.severity} ${i.code} ${i.message}`);

  // 3. Read back by search and rebuild the program.
  const back = await readProgram(baseUrl, data.program.id, options);
  if (!back.success) {
    for (const i of back.issues) console.error(i.code, i.message);
    process.exit(1);
  }

  // 4. Evaluate both and compare.
  const codes = (d: typeof data) => {
    const r = evaluateProgram(d, { asOf: AS_OF });
    if (!r.success) throw new Error('evaluation failed');
    return [...r.data.enrolments.flatMap((e) => e.findings), ...r.data.coaches.flatMap((c) => c.findings)]
      .map((f) => `${f.subject.id} ${f.code} ${f.dueOn ?? ''}`)
      .sort();
  };
  const before = codes(data);
  const after = codes(back.data);
  const same = JSON.stringify(before) === JSON.stringify(after);
  console.log(
    `findings on the original: ${before.length}; on the server's copy: ${after.length}; identical: ${same}`,
  );
  if (!same) process.exitCode = 1;
} finally {
  await server?.close();
}

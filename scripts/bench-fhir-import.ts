/**
 * Measures a Bulk NDJSON import (and evaluation) against bare `JSON.parse` of the same bytes. One mode per process,
 * so that `/usr/bin/time -v` gives each its own peak RSS:
 *
 *   pnpm run build && node --import tsx scripts/bench-fhir-import.ts <mode> <folder> [asOf]
 *
 * Modes:
 * - `parse`: every line of every `*.ndjson` file read as a stream and given to `JSON.parse` (the baseline);
 * - `whole`: every file read into one string, `importNdjson` (the import before streaming), then `evaluateProgram`;
 * - `stream`: `importNdjsonStream` over file streams, then `evaluateProgram`;
 * - `stream-only`: `importNdjsonStream` without the evaluation.
 *
 * Prints one line of JSON: mode, bytes, resources or contacts, milliseconds (import, evaluation, total).
 */
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateProgram, type ProgramData } from '../packages/core/dist/index.js';
import {
  importNdjson,
  importNdjsonStream,
  ndjsonReadOrder,
  readNdjsonLines,
} from '../packages/fhir/dist/index.js';

const [mode = 'stream', dir = '.', asOf = '2026-12-31'] = process.argv.slice(2);
const names = ndjsonReadOrder(readdirSync(dir).filter((n) => n.endsWith('.ndjson')));
const bytes = names.reduce((n, name) => n + statSync(join(dir, name)).size, 0);
const t0 = performance.now();
let data: ProgramData | undefined;
let resources = 0;
if (mode === 'parse') {
  for (const name of names)
    for await (const l of readNdjsonLines(createReadStream(join(dir, name)), name))
      if ('value' in l) resources++;
} else if (mode === 'whole') {
  const files = new Map(names.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
  const r = importNdjson(files, { report: 'problems', limits: { maxListLength: 10_000_000 } });
  if (!r.success) throw new Error(`import failed: ${r.issues[0]?.message}`);
  data = r.data;
  resources = r.report.total.read;
} else {
  const r = await importNdjsonStream(
    names.map((name) => ({ name, open: () => createReadStream(join(dir, name)) })),
    { report: 'problems', limits: { maxListLength: 10_000_000 } },
  );
  if (!r.success) throw new Error(`import failed: ${r.issues[0]?.message}`);
  data = r.data;
  resources = r.report.total.read;
}
const t1 = performance.now();
let findings = 0;
if (data && mode !== 'stream-only') {
  const e = evaluateProgram(data, { asOf });
  if (!e.success) throw new Error('evaluation failed');
  const t = e.data.totals.findingsBySeverity;
  findings = t.info + t.warning + t.error;
}
const t2 = performance.now();
console.log(
  JSON.stringify({
    mode,
    bytes,
    resources,
    contacts: data?.contacts.length,
    findings,
    importMs: Math.round(t1 - t0),
    evaluateMs: Math.round(t2 - t1),
    totalMs: Math.round(t2 - t0),
  }),
);

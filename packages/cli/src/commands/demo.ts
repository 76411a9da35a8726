import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  evaluateProgram,
  type Finding,
  generateProgramData,
  type ProgramEvaluation,
} from '@peer-recovery/core';
import {
  exportProgram,
  pushBundle,
  readProgram,
  toTransactionBundle,
  validateResources,
} from '@peer-recovery/fhir';
import { EXIT } from '../errors';
import { renderHtmlReport } from '../html/index';
import { readProgramData } from '../io';
import { asOfOption } from '../options';
import { formatCheckJson, formatSummary } from '../report';
import { paint } from '../style';

const step = (n: number, text: string) => process.stdout.write(`\n${paint('cyan', `[${n}] ${text}`)}\n`);

/**
 * The end-to-end demo: validate the shipped sample program, evaluate it and print the compliance summary, then do
 * the same for a generated program, and write the results under `outDir`.
 *
 * @example
 * await runDemo({ input: 'examples/sample-program/program.json', outDir: 'out/demo', asOf: '2026-11-20' });
 */
export async function runDemo(opts: { input: string; outDir: string; asOf: string }): Promise<number> {
  await mkdir(opts.outDir, { recursive: true });
  step(1, `Read and validate the sample program (${opts.input})`);
  const data = await readProgramData(opts.input);
  process.stdout.write(
    `valid: ${data.coaches.length} coaches, ${data.peers.length} peers, ${data.enrolments.length} enrolments, ${data.plans.length} plan versions, ${data.contacts.length} contacts, ${data.messages.length} messages\n`,
  );

  const asOf = asOfOption(opts.asOf, data.program.timeZone);
  step(2, `Evaluate every rule as of ${opts.asOf}`);
  const r = evaluateProgram(data, { asOf: asOf.ms });
  if (!r.success) return EXIT.badInput;
  process.stdout.write(formatSummary(data, r.data));
  const checkFile = join(opts.outDir, 'check.json');
  await writeFile(checkFile, formatCheckJson(r.data));

  step(3, 'Export the program to FHIR R4 and validate every resource');
  // The program's own server: the coaches' HR records go too, so the rules give the same findings on its copy.
  const exported = exportProgram(data, { asOf: new Date(asOf.ms).toISOString(), includeCoachRecords: true });
  if (!exported.success) {
    process.stdout.write(`export failed: ${exported.issues.length} issue(s)\n`);
    return EXIT.badInput;
  }
  const byType = new Map<string, number>();
  for (const r of exported.data) byType.set(r.resourceType, (byType.get(r.resourceType) ?? 0) + 1);
  const invalid = validateResources(exported.data).filter((i) => i.severity === 'error');
  process.stdout.write(
    `${exported.data.length} resources (${[...byType].map(([t, n]) => `${t} ${n}`).join(', ')}); validation errors: ${invalid.length}\n`,
  );
  const bundle = toTransactionBundle(exported.data);
  const bundleFile = join(opts.outDir, 'bundle.json');
  await writeFile(bundleFile, `${JSON.stringify(bundle, null, 2)}\n`);

  step(4, 'Push the bundle to the embedded FHIR server twice, read it back and re-evaluate');
  const { startFhirServer } = await import('@peer-recovery/fhir/server');
  const server = await startFhirServer({ port: 0 });
  let same = false;
  try {
    const firstPush = await pushBundle(server.url, bundle);
    const secondPush = await pushBundle(server.url, bundle);
    const first = firstPush.success ? firstPush.data : firstPush.outcome;
    const second = secondPush.success ? secondPush.data : secondPush.outcome;
    process.stdout.write(
      `server ${server.url}: first push created ${first.created}, second push created ${second.created} (existing ${second.existing}), failed ${first.failed + second.failed}\n`,
    );
    const back = await readProgram(server.url, data.program.id);
    if (!back.success) {
      process.stdout.write(`read back failed: ${back.issues.length} issue(s)\n`);
      return EXIT.badInput;
    }
    const again = evaluateProgram(back.data, { asOf: asOf.ms });
    if (!again.success) return EXIT.badInput;
    const diff = compareFindings(r.data, again.data);
    same = diff.onlyOriginal.length === 0 && diff.onlyServer.length === 0;
    process.stdout.write(
      `read back ${back.data.enrolments.length} enrolments, ${back.data.contacts.length} contacts; findings: ${diff.common} identical` +
        (same
          ? " — the rules give the same results on the server's data\n"
          : `, ${diff.onlyOriginal.length} only on the original, ${diff.onlyServer.length} only on the server's data\n`),
    );
    for (const f of [...diff.onlyOriginal, ...diff.onlyServer]) process.stdout.write(`  differs: ${f}\n`);
  } finally {
    await server.close();
  }

  step(5, 'Write the HTML report');
  const htmlFile = join(opts.outDir, 'report.html');
  await writeFile(htmlFile, renderHtmlReport(data, r.data, { includeNames: false }));
  process.stdout.write(`${htmlFile} (open it in a browser; no network needed)\n`);

  step(6, 'Generate a synthetic program (500 peers, 3 years, seed 42) and evaluate it');
  const started = performance.now();
  const synthetic = generateProgramData({ peers: 500, seed: 42, start: '2024-01-01', years: 3 });
  const generatedMs = performance.now() - started;
  const t0 = performance.now();
  const s = evaluateProgram(synthetic, { asOf: '2026-12-31' });
  const evalMs = performance.now() - t0;
  if (!s.success) return EXIT.badInput;
  const t = s.data.totals;
  process.stdout.write(
    `${synthetic.enrolments.length} enrolments, ${synthetic.contacts.length} contacts: generated in ${generatedMs.toFixed(0)} ms, evaluated in ${evalMs.toFixed(0)} ms\n` +
      `findings: ${t.findingsBySeverity.error} error(s), ${t.findingsBySeverity.warning} warning(s), ${t.findingsBySeverity.info} info; overdue ${t.overdue}, missed ${t.missed}\n` +
      `most common: ${Object.entries(t.findingsByCode)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([code, n]) => `${code} ×${n}`)
        .join(', ')}\n`,
  );

  step(7, 'Results written');
  process.stdout.write(`${checkFile}\n${bundleFile}\n${htmlFile}\n`);
  return same ? EXIT.ok : EXIT.findings;
}

const key = (f: Finding) =>
  `${f.severity} ${f.subject.type} ${f.subject.id} ${f.code} ${f.dueOn ?? ''} ${f.message}`;

/** Compares two evaluations' findings by severity, subject, code, due date and message (paths hold list indices). */
function compareFindings(a: ProgramEvaluation, b: ProgramEvaluation) {
  const all = (ev: ProgramEvaluation) =>
    [...ev.enrolments.flatMap((e) => e.findings), ...ev.coaches.flatMap((c) => c.findings)].map(key);
  const left = all(a);
  const right = all(b);
  const rest = [...right];
  const onlyOriginal: string[] = [];
  let common = 0;
  for (const k of left) {
    const i = rest.indexOf(k);
    if (i === -1) onlyOriginal.push(k);
    else {
      rest.splice(i, 1);
      common++;
    }
  }
  return { common, onlyOriginal, onlyServer: rest };
}

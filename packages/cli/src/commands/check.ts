import {
  evaluateProgram,
  getBuiltInPack,
  type ProgramData,
  type ProgramEvaluation,
  parseRulePack,
  type RulePack,
} from '@peer-recovery/core';
import { Presets, SingleBar } from 'cli-progress';
import { CliError, EXIT, formatIssues } from '../errors';
import { inputLimits, parseJson, readInput } from '../io';
import { asOfOption } from '../options';
import { CheckWorkerPool, evaluateInParallel, usesThreads } from '../parallel';
import { checkJsonPieces, findingsCsvPieces, formatSummary, hasErrors } from '../report';

/**
 * Resolves `--pack`: a built-in pack id, or a path to a pack JSON file; by default the program's own pack.
 *
 * @example
 * await resolvePack('illustrative-six-month-review', data);
 */
export async function resolvePack(spec: string | undefined, data: ProgramData): Promise<RulePack> {
  const id = spec ?? data.program.rulePack;
  const builtIn = getBuiltInPack(id);
  if (builtIn) return builtIn;
  if (spec === undefined)
    throw new CliError(`program.rulePack names no built-in pack; pass --pack <id or file>`);
  const r = parseRulePack(parseJson(spec, await readInput(spec)));
  if (!r.success) throw new CliError(formatIssues(spec, r.issues), EXIT.badInput, r.issues);
  return r.data;
}

/** Output formats of `check`. */
export type CheckFormat = 'table' | 'json' | 'csv' | 'html';

/**
 * What the workers of `check --jobs` were given of the program: `'sent'` the JSON text the data was parsed from (used
 * as it is); `'send'` nothing usable yet (FHIR input: the data written as JSON is sent to them); `'alone'` nothing
 * they can be given (a document read in chunks, or the schema check's copy of the text's value, which may differ
 * from it): one thread evaluates.
 *
 * @example
 * const given: WorkersHave = 'sent';
 */
export type WorkersHave = 'sent' | 'send' | 'alone';

/**
 * Evaluates a program and renders the result in a format. With `jobs` above 1 and a program of at least
 * `MIN_THREADED_ENROLMENTS` enrolments (smaller ones are evaluated on this thread alone) the enrolments are evaluated on that
 * many threads (the main thread and `jobs - 1` workers, each claiming chunks of enrolments); `workers` gives worker
 * threads already started for these options (see `CheckWorkerPool`), and `workersHave` what they were sent. The
 * output is the same for any number of jobs.
 *
 * @example
 * const { body, exitCode } = await runCheck(data, { format: 'table', asOf: '2026-11-20' });
 */
export async function runCheck(
  data: ProgramData,
  options: {
    format: CheckFormat;
    asOf?: string;
    pack?: string;
    includeNames?: boolean;
    jobs?: number;
    workers?: CheckWorkerPool;
    workersHave?: WorkersHave;
  },
  renderHtml?: (data: ProgramData, ev: ProgramEvaluation, includeNames: boolean) => string,
): Promise<{ body: Iterable<string>; exitCode: number }> {
  const now = options.workers?.setup.now ?? Date.now();
  const asOf = asOfOption(options.asOf, data.program.timeZone, now);
  const pack = await resolvePack(options.pack, data);
  const jobs = options.jobs ?? 1;
  if (usesThreads(data.enrolments.length, jobs) && options.workersHave !== 'alone') {
    const given = options.workers;
    const pool =
      given ??
      CheckWorkerPool.start(jobs - 1, {
        format: options.format,
        asOf: options.asOf,
        now,
        pack: options.pack,
        jobs,
        limits: inputLimits(),
      });
    try {
      if (given === undefined || options.workersHave !== 'sent')
        try {
          pool.load(JSON.stringify(data));
        } catch {
          // Too large for one string: the workers get nothing and this thread evaluates every chunk.
        }
      const r = await evaluateInParallel(data, { asOf: asOf.ms, pack }, pool);
      return renderCheck(data, r.evaluation, options, renderHtml, r.enrolmentsJson);
    } finally {
      if (given === undefined) pool.close();
    }
  }
  options.workers?.close();
  const showProgress = process.stderr.isTTY === true && data.enrolments.length >= 500;
  const bar = showProgress
    ? new SingleBar(
        {
          stream: process.stderr,
          format: 'check [{bar}] {value}/{total} peers evaluated',
          hideCursor: true,
          clearOnComplete: true,
          barsize: 30,
        },
        Presets.shades_classic,
      )
    : undefined;
  bar?.start(data.enrolments.length, 0);
  const r = evaluateProgram(data, {
    asOf: asOf.ms,
    pack,
    ...(bar ? { onProgress: (done: number) => bar.update(done) } : {}),
  });
  bar?.stop();
  if (!r.success) throw new CliError(formatIssues('input', r.issues), EXIT.badInput, r.issues);
  return renderCheck(data, r.data, options, renderHtml);
}

/**
 * Renders a program evaluation as `check` writes it in a format, with the exit code. The text comes in pieces, to be
 * written in order (`--format json` of a large program is longer than one string can be; see
 * `formatCheckJsonPieces`); the pieces of `--format json` and `csv` are made as they are iterated (each iteration
 * makes them anew), so that a writer holds one at a time. `enrolmentsJson` gives the enrolments' text for
 * `--format json` when threads wrote it.
 *
 * @example
 * const { body, exitCode } = renderCheck(data, evaluation, { format: 'csv' });
 */
export function renderCheck(
  data: ProgramData,
  ev: ProgramEvaluation,
  options: { format: CheckFormat; includeNames?: boolean },
  renderHtml?: (data: ProgramData, ev: ProgramEvaluation, includeNames: boolean) => string,
  enrolmentsJson?: readonly string[],
): { body: Iterable<string>; exitCode: number } {
  let body: Iterable<string>;
  switch (options.format) {
    case 'json':
      body = { [Symbol.iterator]: () => checkJsonPieces(ev, enrolmentsJson) };
      break;
    case 'csv':
      body = { [Symbol.iterator]: () => findingsCsvPieces(ev) };
      break;
    case 'html':
      if (!renderHtml) throw new CliError('--format html is not available');
      body = [renderHtml(data, ev, options.includeNames === true)];
      break;
    default:
      body = [formatSummary(data, ev)];
  }
  return { body, exitCode: hasErrors(ev) ? EXIT.findings : EXIT.ok };
}

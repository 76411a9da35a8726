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
import { parseJson, readInput } from '../io';
import { asOfOption } from '../options';
import { type CheckWorkerPool, evaluateInWorkers } from '../parallel';
import { formatCheckJson, formatFindingsCsv, formatSummary, hasErrors } from '../report';

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
 * Evaluates a program and renders the result in a format. With `jobs` above 1 the enrolments are evaluated on that
 * many threads; `workers` gives worker threads already started with the program's text (see `CheckWorkerPool`).
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
  },
  renderHtml?: (data: ProgramData, ev: ProgramEvaluation, includeNames: boolean) => string,
): Promise<{ body: string; evaluation: ProgramEvaluation; exitCode: number }> {
  const asOf = asOfOption(options.asOf, data.program.timeZone);
  const pack = await resolvePack(options.pack, data);
  const jobs = options.jobs ?? 1;
  if (jobs > 1) {
    const ev = await evaluateInWorkers(data, { asOf: asOf.ms, pack }, jobs, options.workers);
    return render(data, ev, options, renderHtml);
  }
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
  return render(data, r.data, options, renderHtml);
}

function render(
  data: ProgramData,
  ev: ProgramEvaluation,
  options: { format: CheckFormat; includeNames?: boolean },
  renderHtml?: (data: ProgramData, ev: ProgramEvaluation, includeNames: boolean) => string,
): { body: string; evaluation: ProgramEvaluation; exitCode: number } {
  let body: string;
  switch (options.format) {
    case 'json':
      body = formatCheckJson(ev);
      break;
    case 'csv':
      body = formatFindingsCsv(ev);
      break;
    case 'html':
      if (!renderHtml) throw new CliError('--format html is not available');
      body = renderHtml(data, ev, options.includeNames === true);
      break;
    default:
      body = formatSummary(data, ev);
  }
  return { body, evaluation: ev, exitCode: hasErrors(ev) ? EXIT.findings : EXIT.ok };
}

/**
 * The outcome commands' definitions (options and help). Their work, with the CSV reader and writer and the progress
 * bar, is loaded when one of them runs, so that other commands and `--help` start without it.
 *
 * @module
 */
import { type Command, Option } from 'commander';
import { given } from '../args';
import { CliError } from '../errors';
import type { OutcomesIo, OutcomeValidationOptions } from './outcomes';

const outcomes = () => import('./outcomes');

/** The default of `--min-cell`: cells under 11 people are suppressed (the common rule for CMS and SAMHSA data). */
export const DEFAULT_MIN_CELL = 11;

/** Standard output (a closed reader, as with `| head`, is handled once for every command in `bin.ts`). */
function processIo(): OutcomesIo {
  return { write: (s) => process.stdout.write(s) };
}

/**
 * Adds the outcome commands to the command line: `validate-outcomes`, `summarize-outcomes`, `export-outcomes`,
 * `outcomes-to-fhir` and `outcomes-codebook`.
 *
 * @example
 * registerOutcomeCommands(new Command('peer-recovery'));
 */
export function registerOutcomeCommands(program: Command): void {
  const inputFormat = () =>
    new Option('--input-format <format>', 'row format of <file> when the extension does not tell').choices([
      'csv',
      'ndjson',
    ]);
  const outputFormat = () =>
    new Option('--format <format>', 'output format').choices(['table', 'json']).default('table');
  const ROWS_FILE = 'assessment rows: .csv, .ndjson or .jsonl ("-" for standard input, with --input-format)';
  const ENROLMENTS_FILE = 'enrolments: a ProgramData JSON document, or enrolment rows (.csv, .ndjson)';
  const validation = (command: Command): Command =>
    command
      .option(
        '--schedule <file>',
        'assessment schedule as JSON (default: the built-in SAMHSA SUPRT schedule)',
      )
      .option(
        '--instruments <file>',
        'instrument definitions as JSON (an array), replacing built-ins with the same id',
      )
      .option(
        '--threshold <id=value>',
        'threshold value by threshold id, e.g. sustainedRemissionThreshold=50 (repeatable)',
        collectThreshold,
        {},
      )
      .option('--mapping <file>', 'column-mapping file (JSON): read a REDCap export or other header names')
      .addOption(
        new Option('--missing-codes <set>', "survey: recode 77 (don't know), 88 (none: 0 days), 99 (refused)")
          .choices(['none', 'survey'])
          .default('none'),
      )
      .addOption(
        new Option(
          '--item-errors <policy>',
          'an error in the items leaves out the whole row, or only its score (the row still fills its schedule point)',
        )
          .choices(['row', 'score'])
          .default('row'),
      );

  // A command that reads and validates assessment rows from <file>.
  const rowsCommand = (name: string, description: string): Command =>
    validation(program.command(name)).description(description).argument('<file>', ROWS_FILE);

  rowsCommand(
    'validate-outcomes',
    'Check an outcome data set row by row: columns, dates, answers on the instrument scale, duplicates, dates inside the enrolment, schedule windows.',
  )
    .option('--enrolments <file>', ENROLMENTS_FILE)
    .option('--contacts <file>', 'contact rows to check as well (.csv, .ndjson)')
    .option(
      '--as-of <date>',
      'rows dated after this day are errors: a date YYYY-MM-DD or an ISO instant with Z or offset (default: no such check)',
    )
    .addOption(inputFormat())
    .addOption(outputFormat())
    .addHelpText(
      'after',
      `
Columns: assessment_id, enrolment_id, instrument, completed_on, item_1 ... item_10 (see docs/research.md).
Window checks (out-of-window) and before-enrolment need --enrolments.
Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 unreadable input or bad usage.
Examples:
  $ peer-recovery validate-outcomes examples/research-outcomes/assessments.csv \\
      --enrolments examples/sample-program/program.json --as-of 2026-11-20
  $ peer-recovery validate-outcomes export.ndjson --enrolments enrolments.csv --format json > report.json
  $ cat export.csv | peer-recovery validate-outcomes - --input-format csv`,
    )
    .action(outcomeAction((m) => m.runValidateOutcomes));

  rowsCommand(
    'summarize-outcomes',
    'Score the valid rows of an outcome data set and summarize: responses, change from baseline, thresholds, follow-up rate.',
  )
    .option('--enrolments <file>', ENROLMENTS_FILE)
    .option(
      '--as-of <date>',
      'summary date: a date YYYY-MM-DD or an ISO instant with Z or offset (default: today)',
    )
    .addOption(
      new Option('--group-by <key>', 'also break results down by coach or site').choices(['coach', 'site']),
    )
    .option('--sites <file>', 'CSV of enrolment_id,site for --group-by site')
    .option('--follow-up-target <share>', 'expected follow-up rate, 0-1 (default 0.8)', Number)
    .option(
      '--min-cell <n>',
      `suppress counts of 1 to n-1 and figures over them, with complements (default ${DEFAULT_MIN_CELL}; 0: off, warned)`,
      Number,
    )
    .addOption(inputFormat())
    .addOption(outputFormat())
    .addHelpText(
      'after',
      `
Rows with errors are left out (run validate-outcomes for the list); partial responses count as incomplete.
Every figure shows its n; no share is computed over zero.
Examples:
  $ peer-recovery summarize-outcomes examples/research-outcomes/assessments.csv \\
      --enrolments examples/sample-program/program.json --as-of 2026-11-20
  $ peer-recovery summarize-outcomes export.ndjson --enrolments enrolments.csv --format json`,
    )
    .action(outcomeAction((m) => m.runSummarizeOutcomes));

  rowsCommand(
    'export-outcomes',
    'Write the valid rows of an outcome data set as an analysis-ready table: long (per response) or wide (per person).',
  )
    .requiredOption('--enrolments <file>', ENROLMENTS_FILE)
    .addOption(
      new Option('--layout <layout>', 'one row per response, or per person')
        .choices(['long', 'wide'])
        .default('long'),
    )
    .addOption(
      new Option('--to <format>', 'output format (parquet needs -o)')
        .choices(['csv', 'ndjson', 'parquet'])
        .default('csv'),
    )
    .option('--as-of <date>', 'export date YYYY-MM-DD (default: today)')
    .option('-o, --out <file>', 'output file (default: standard output)')
    .addOption(inputFormat())
    .addHelpText(
      'after',
      `
Rows are validated as by validate-outcomes with the same options; rows with errors are left out (a note on stderr
says how many and why). Person-level files are identifiable data: share them only under a data-use agreement.
Examples:
  $ peer-recovery export-outcomes examples/research-outcomes/assessments.csv \\
      --enrolments examples/sample-program/program.json --as-of 2026-11-20 --layout wide -o people.csv
  $ peer-recovery export-outcomes export.csv --enrolments enrolments.csv --to ndjson > responses.ndjson`,
    )
    .action(outcomeAction((m) => m.runExportOutcomes));

  validation(program.command('outcomes-to-fhir'))
    .description(
      'Export the valid rows of an assessment file as FHIR QuestionnaireResponse and Observation resources.',
    )
    .argument('<file>', 'assessment rows: .csv, .ndjson or .jsonl')
    .requiredOption('--program <file>', 'the ProgramData JSON document the assessments belong to')
    .option('--as-of <date>', 'export date YYYY-MM-DD (default: today)')
    .option('--only-outcomes', 'only QuestionnaireResponse and Observation resources')
    .option('-o, --out <file>', 'output file (default: standard output)')
    .addOption(inputFormat())
    .addHelpText(
      'after',
      `
The rows are validated as by validate-outcomes; the FHIR mapping is that of export-fhir.
Example:
  $ peer-recovery outcomes-to-fhir examples/research-outcomes/assessments.csv \\
      --program examples/sample-program/program.json --as-of 2026-11-20 --only-outcomes -o outcomes.json`,
    )
    .action(outcomeAction((m) => m.runOutcomesToFhir));

  program
    .command('outcomes-codebook')
    .description(
      'Write the data dictionary of the outcome instruments: a REDCap data dictionary (CSV) or Markdown.',
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['redcap', 'markdown']).default('redcap'),
    )
    .option(
      '--instruments <file>',
      'instrument definitions as JSON (an array), replacing built-ins with the same id',
    )
    .option('-o, --out <file>', 'output file (default: standard output)')
    .addHelpText(
      'after',
      `
Item labels are neutral; licensed item wording is never written.
Examples:
  $ peer-recovery outcomes-codebook --format redcap -o data-dictionary.csv
  $ peer-recovery outcomes-codebook --format markdown --instruments my-instruments.json`,
    )
    .action(async (opts: { format: 'redcap' | 'markdown'; instruments?: string; out?: string }) => {
      const { runOutcomesCodebook } = await outcomes();
      process.exitCode = await runOutcomesCodebook(
        {
          format: opts.format,
          ...given({ instruments: opts.instruments, out: opts.out }),
        },
        processIo(),
      );
    });
}

/** The flags of the one validation, as commander gives them. */
interface ValidationFlags {
  schedule?: string;
  instruments?: string;
  threshold?: Record<string, number>;
  itemErrors?: 'row' | 'score';
  mapping?: string;
  missingCodes?: 'none' | 'survey';
}

/**
 * The commander action of an outcome command: loads the outcome module, runs the function `pick` chooses on standard
 * output with the options commander gives (see {@link outcomeOptions}) and sets the exit code.
 */
function outcomeAction<O extends OutcomeValidationOptions & { readonly file: string }>(
  pick: (m: typeof import('./outcomes')) => (options: O, io: OutcomesIo) => Promise<number>,
): (file: string, opts: Omit<O, 'file' | 'thresholds'> & ValidationFlags) => Promise<void> {
  return async (file, opts) => {
    const run = pick(await outcomes());
    process.exitCode = await run(outcomeOptions(file, opts) as O, processIo());
  };
}

/** The options given: optional ones are absent rather than undefined. */
type Defined<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/**
 * The options of an outcome command's run function from what commander gives: `file`, every option given (those
 * not given left out), and the repeatable `--threshold` as `thresholds` (left out when none).
 */
function outcomeOptions<O extends ValidationFlags>(
  file: string,
  opts: O,
): { readonly file: string } & Defined<Omit<O, 'threshold'>> & OutcomeValidationOptions {
  const { threshold, ...rest } = opts;
  return {
    file,
    ...(given(rest) as Defined<Omit<O, 'threshold'>>),
    ...(threshold === undefined || Object.keys(threshold).length === 0 ? {} : { thresholds: threshold }),
  };
}

function collectThreshold(spec: string, previous: Record<string, number>): Record<string, number> {
  const m = /^([A-Za-z][A-Za-z0-9_.-]{0,63})=(-?\d+(?:\.\d+)?)$/.exec(spec.trim());
  if (m === null)
    throw new CliError('--threshold: expected <threshold id>=<number>, e.g. sustainedRemissionThreshold=50');
  return { ...previous, [m[1] as string]: Number(m[2]) };
}

// The command definitions load nothing of the library (only its limits, for the help text): each command loads its
// modules when it runs, so that `--help` and `--version` start quickly.
import { DEFAULT_INPUT_LIMITS, INPUT_LIMIT_NAMES } from '@peer-recovery/core/limits';
import { Command, CommanderError, Option } from 'commander';
import { intOption } from './args';
import type { CheckFormat, WorkersHave } from './commands/check';
import { registerFhirCommands } from './commands/fhir-commands';
import { registerOutcomeCommands } from './commands/outcome-commands';
import { CliError, EXIT } from './errors';

/**
 * Builds the `peer-recovery` command line. Each action sets `process.exitCode`; errors are reported by {@link main}.
 *
 * @example
 * await buildProgram().parseAsync(['node', 'peer-recovery', 'packs', 'list']);
 */
export function buildProgram(): Command {
  const program = new Command('peer-recovery')
    .description(
      'Check peer recovery coaching programs against their rules, exchange FHIR, validate outcome data.',
    )
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .option(
      '--limit <name=value>',
      `raise (or lower) an input limit, repeatable: ${INPUT_LIMIT_NAMES.join(', ')} (defaults: ${INPUT_LIMIT_NAMES.map((n) => DEFAULT_INPUT_LIMITS[n]).join(', ')}; see docs/security.md)`,
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .exitOverride();
  program.hook('preAction', async (root) => {
    const { limitOptions, setInputLimits } = await import('./io');
    setInputLimits(limitOptions(root.opts<{ limit?: string[] }>().limit));
  });

  program
    .command('check')
    .description('Evaluate a program as of a date and report what is met, due, overdue and missed.')
    .argument(
      '<input>',
      'ProgramData JSON file ("-" for standard input), a FHIR Bundle JSON file, or a folder of FHIR NDJSON files',
    )
    .option(
      '--as-of <date>',
      'date YYYY-MM-DD (end of that day in the program zone) or ISO instant with Z or offset; default today',
    )
    .option('--pack <id|file>', "built-in rule pack id or a pack JSON file; default the program's pack")
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json', 'csv', 'html'])
        .default('table'),
    )
    .option('-o, --out <file>', 'write the report to a file instead of standard output')
    .option('--include-names', 'show peer names in the HTML report (off by default)')
    .option(
      '--jobs <n>',
      'threads evaluating ranges of enrolments (1 to 64); same output as one; programs of under 1,000 enrolments run on one; default 1',
    )
    .option(
      '--low-memory',
      'read a JSON input in batches of records, never as one text: less peak memory, more time; not with --jobs',
    )
    .option(
      '--strict',
      'FHIR input: skipped resources are errors, and any resource in error fails the import',
    )
    .option(
      '--import-report <file>',
      'FHIR input: write the per-resource import report (JSON, ids and codes only)',
    )
    .option('--profile <file>', 'FHIR input: mapping profile (JSON) saying how to read EHR-authored data')
    .addHelpText(
      'after',
      `
Exit codes: 0 nothing at error severity, 1 error-severity findings (overdue, missed, violations), 2 bad input.
Examples:
  $ peer-recovery check examples/sample-program/program.json --as-of 2026-11-20
  $ peer-recovery check program.json --format csv -o findings.csv
  $ peer-recovery check bundle.json --as-of 2026-11-20          (a FHIR Bundle, imported first)
  $ peer-recovery check out/fhir --as-of 2026-11-20             (a folder of FHIR Bulk Data NDJSON files)
  $ peer-recovery check ehr-ndjson --profile mapping-profile.json (EHR data read with a mapping profile)
  $ peer-recovery check big-program.json --jobs 2 --format csv  (two worker threads, same output)
  $ peer-recovery check big-program.json --low-memory           (read in batches: less memory, more time)
  $ cat program.json | peer-recovery check - --format json --pack illustrative-six-month-review`,
    )
    .action(
      async (
        input: string,
        opts: {
          asOf?: string;
          pack?: string;
          format: CheckFormat;
          out?: string;
          includeNames?: boolean;
          jobs?: string;
          lowMemory?: boolean;
          strict?: boolean;
          importReport?: string;
          profile?: string;
        },
      ) => {
        const jobs = opts.jobs === undefined ? 1 : intOption('--jobs', opts.jobs, 1, 64);
        // The workers of --jobs are sent the input's text, which --low-memory never makes.
        if (jobs > 1 && opts.lowMemory === true)
          throw new CliError('--low-memory and --jobs above 1 do not combine: give one of them');
        // With --jobs, the workers start first and load their modules while this thread loads its own and reads
        // the file; they parse its text while this thread checks the document (see parallel.ts).
        const { inputLimits, writeOutput } = await import('./io');
        const workers =
          jobs > 1
            ? (await import('./parallel')).CheckWorkerPool.start(jobs - 1, {
                format: opts.format,
                asOf: opts.asOf,
                now: Date.now(),
                pack: opts.pack,
                jobs,
                limits: inputLimits(),
              })
            : undefined;
        // Each command loads its work when it runs, not at start-up: the FHIR package for FHIR input only (see
        // program-input.ts), the HTML report for --format html only, worker threads for --jobs only.
        const [{ runCheck }, { readProgramInput }, html] = await Promise.all([
          import('./commands/check'),
          import('./program-input'),
          opts.format === 'html' ? import('./html/index') : undefined,
        ]);
        let workersHave: WorkersHave = 'send';
        try {
          const data = await readProgramInput(input, {
            ...(opts.strict === true ? { strict: true } : {}),
            ...(opts.importReport === undefined ? {} : { importReport: opts.importReport }),
            ...(opts.profile === undefined ? {} : { profile: opts.profile }),
            ...(opts.lowMemory === true ? { lowMemory: true } : {}),
            ...(workers === undefined
              ? {}
              : {
                  onJsonText: (text: string) => workers.load(text),
                  onProgramData: (source: WorkersHave) => {
                    workersHave = source;
                  },
                }),
          });
          const { body, exitCode } = await runCheck(
            data,
            {
              format: opts.format,
              ...(opts.asOf === undefined ? {} : { asOf: opts.asOf }),
              ...(opts.pack === undefined ? {} : { pack: opts.pack }),
              includeNames: opts.includeNames === true,
              jobs,
              ...(workers === undefined ? {} : { workers, workersHave }),
            },
            html === undefined
              ? undefined
              : (d, ev, includeNames) => html.renderHtmlReport(d, ev, { includeNames }),
          );
          await writeOutput(opts.out, body);
          process.exitCode = exitCode;
        } finally {
          workers?.close();
        }
      },
    );

  const packs = program
    .command('packs')
    .description('List built-in rule packs, or show one with its sources.');
  packs
    .command('list', { isDefault: true })
    .description('list the built-in packs')
    .addHelpText('after', '\nExample:\n  $ peer-recovery packs list')
    .action(async () => {
      const { listPacks } = await import('./commands/packs');
      process.stdout.write(listPacks());
    });
  packs
    .command('show')
    .description('show a pack: every rule, parameter, default and source')
    .argument('<id>', 'pack id')
    .addHelpText('after', '\nExample:\n  $ peer-recovery packs show srp-recovery-connect')
    .action(async (id: string) => {
      const { showPack } = await import('./commands/packs');
      process.stdout.write(showPack(id));
    });

  program
    .command('generate')
    .description('Generate a deterministic synthetic program (ProgramData JSON).')
    .requiredOption('--peers <n>', 'number of peers')
    .option('--seed <n>', 'random seed', '1')
    .option('--years <n>', 'length of the program in years')
    .option('--start <date>', 'first day YYYY-MM-DD')
    .option('--zone <tz>', 'IANA time zone of the program')
    .option('-o, --out <file>', 'output file (default standard output)')
    .addHelpText('after', '\nExample:\n  $ peer-recovery generate --peers 500 --seed 42 -o program.json')
    .action(
      async (opts: {
        peers: string;
        seed: string;
        years?: string;
        start?: string;
        zone?: string;
        out?: string;
      }) => {
        const { writeGenerated } = await import('./commands/generate');
        await writeGenerated(opts, opts.out);
      },
    );

  program
    .command('demo')
    .description('Run the end-to-end demo on the shipped sample program.')
    .option('--input <file>', 'sample program', 'examples/sample-program/program.json')
    .option('--out-dir <dir>', 'where to write the report and exports', 'out/demo')
    .option('--as-of <date>', 'evaluation date', '2026-11-20')
    .addHelpText(
      'after',
      `
Validates and evaluates the sample, exports it to FHIR, pushes it twice to an embedded server on 127.0.0.1, reads
it back and compares, writes the HTML report, then evaluates a generated 500-peer program.
Examples:
  $ peer-recovery demo
  $ peer-recovery demo --input my-program.json --as-of 2026-11-25 --out-dir out/mine`,
    )
    .action(async (opts: { input: string; outDir: string; asOf: string }) => {
      const { runDemo } = await import('./commands/demo');
      process.exitCode = await runDemo(opts);
    });

  registerOutcomeCommands(program);
  registerFhirCommands(program);

  addJsonShorthand(program);
  return program;
}

/**
 * Gives every command whose `--format` offers `json` a `--json` shorthand, so scripts can ask for the stable JSON
 * output the same way everywhere.
 */
function addJsonShorthand(program: Command): void {
  const visit = (cmd: Command) => {
    const format = cmd.options.find((o) => o.long === '--format');
    if (format?.argChoices?.includes('json'))
      cmd.option('--json', 'same as --format json (stable JSON output, see docs/cli.md)');
    cmd.commands.forEach(visit);
  };
  program.commands.forEach(visit);
  program.hook('preAction', (_root, action) => {
    if (action.opts().json === true) action.setOptionValue('format', 'json');
  });
}

/**
 * Runs the command line with arguments; returns the exit code. Errors go to stderr as one clear line each, never
 * with input values.
 *
 * @example
 * process.exitCode = await main(process.argv);
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return EXIT.ok;
      return EXIT.badInput;
    }
    if (e instanceof CliError) {
      process.stderr.write(`peer-recovery: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`peer-recovery: unexpected error: ${(e as Error).message}\n`);
    return EXIT.badInput;
  }
}

/**
 * Runs one `peer-recovery` command from a program: the arguments as typed after `peer-recovery` on a command line;
 * resolves to the exit code (0 clean, 1 error-severity findings, 2 bad input). Output goes to standard output and
 * errors to standard error, as in a terminal. Unlike {@link main}, it leaves the host's `process.exitCode` as it
 * found it.
 *
 * @example
 * const code = await run(['check', 'program.json', '--as-of', '2026-11-25', '--format', 'json']); // 0, 1 or 2
 */
export async function run(args: readonly string[]): Promise<number> {
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    return await main(['node', 'peer-recovery', ...args]);
  } finally {
    process.exitCode = before;
  }
}

/**
 * The FHIR commands' definitions (options and help). Their work, and `@peer-recovery/fhir` with it, is loaded when
 * one of them runs, so that other commands and `--help` start without it.
 *
 * @module
 */
import { type Command, Option } from 'commander';
import type { ExportFhirOptions, PushOptions } from './fhir';

const fhir = () => import('./fhir');

/**
 * Adds the FHIR commands to the command line: `export-fhir`, `import-fhir`, `push` and `serve`.
 *
 * @example
 * registerFhirCommands(new Command('peer-recovery'));
 */
export function registerFhirCommands(program: Command): void {
  program
    .command('export-fhir')
    .description('Export a program to FHIR R4: a transaction Bundle, or Bulk Data NDJSON files (validated).')
    .argument(
      '<program.json>',
      'ProgramData JSON file ("-" for standard input), a FHIR Bundle, or an NDJSON folder',
    )
    .option(
      '--out-dir <dir>',
      'write into this folder (NDJSON files by default, or bundle.json with --format bundle)',
    )
    .option('-o, --out <file>', 'write the transaction bundle to this file (default standard output)')
    .addOption(
      new Option(
        '--format <format>',
        'bundle or ndjson (default: ndjson with --out-dir, else bundle)',
      ).choices(['bundle', 'ndjson']),
    )
    .option(
      '--as-of <date>',
      "statuses as of a date YYYY-MM-DD (end of that day in the program zone) or an instant; also attests the coaches' recovery minimum",
    )
    .addOption(
      new Option('--sensitivity <code>', 'DS4P sensitivity label').choices(['ETH', 'SUD']).default('ETH'),
    )
    .option('--include-notes', 'also export progress-note text (DocumentReference); off by default')
    .option(
      '--include-coach-records',
      "also export the coaches' HR records (attestations, interview, background check, incidents); off by default",
    )
    .option('--redact-free-text', 'replace goal descriptions with neutral placeholders')
    .option('--no-instruments', 'leave out the Questionnaires and the Observations with instrument totals')
    .option('--recipient <organization-id>', 'export for this recipient: only peers whose consent names it')
    .option('--recipient-endpoint <url>', 'export for this recipient endpoint (a consent naming it)')
    .addOption(
      new Option(
        '--purpose <purpose>',
        'with a recipient: purpose a consent must list (default treatment)',
      ).choices(['treatment', 'payment', 'operations', 'referral', 'discontinuation-notice', 'research']),
    )
    .addOption(
      new Option('--override <use>', 'LOUD: export every peer without a consent check').choices([
        'de-identified',
        'internal',
      ]),
    )
    .option('--disclosure-log <file>', 'with a recipient: append what went under which consent (ids only)')
    .addHelpText(
      'after',
      `
Every resource is validated before it is written; on any error nothing is written and the exit code is 2.
Files are written atomically (a temporary file renamed), so an interrupted export never leaves a partial file.
Without --recipient the export is the program's own copy. With --recipient (or --recipient-endpoint) only peers
with a consent in force naming it for --purpose are exported (withheld peers are listed by id), the Bundle (or
manifest.json beside NDJSON files) carries the redisclosure notice and security labels, and --disclosure-log
records what went to whom.
The coach's recovery date is never exported. Give --as-of so that imported data can still show the minimum
recovery duration as verified.
Examples:
  $ peer-recovery export-fhir examples/sample-program/program.json --as-of 2026-11-20 -o bundle.json
  $ peer-recovery export-fhir program.json --out-dir out/fhir --sensitivity SUD
  $ peer-recovery export-fhir program.json --out-dir out --format bundle --redact-free-text
  $ peer-recovery export-fhir program.json --recipient county-hospital --purpose referral -o referral.json --disclosure-log disclosures.log`,
    )
    .action(async (input: string, opts: ExportFhirOptions) => {
      process.exitCode = await (await fhir()).runExportFhir(input, opts);
    });

  program
    .command('import-fhir')
    .description('Import a FHIR Bundle or a folder of Bulk Data NDJSON files back to a ProgramData document.')
    .argument('<input>', 'bundle.json ("-" for standard input) or a folder of <Type>.ndjson files')
    .option('-o, --out <file>', 'write the ProgramData JSON to this file (default standard output)')
    .option('--program <id>', 'which program to import when the resources hold more than one')
    .option('--strict', 'skipped resources are errors, and any resource in error fails the import')
    .option('--import-report <file>', 'write the per-resource import report (JSON, ids and codes only)')
    .option('--profile <file>', 'mapping profile (JSON) saying how to read EHR-authored data as the program')
    .addHelpText(
      'after',
      `
Records are recognised by this project's identifier systems, so ids assigned by a server do not matter.
Every resource read is imported, derived, skipped (with a reason: foreign, not-supported, other-program,
cancelled ...) or in error; stderr gets the counts by resource type and outcome, --import-report every resource.
One bad resource is an error for that resource only: the rest is imported and written, and the exit code is 1.
Problems are reported with the file, resource type, id and field, never with values. Exit code 2 when nothing
could be imported (no program Organization) or, with --strict, when anything was skipped or in error.
Examples:
  $ peer-recovery import-fhir bundle.json -o program.json
  $ peer-recovery import-fhir out/fhir -o program.json --import-report import-report.json
  $ peer-recovery import-fhir ehr-export --strict -o program.json
  $ peer-recovery import-fhir synthea-ndjson --profile mapping-profile.json -o program.json`,
    )
    .action(
      async (
        input: string,
        opts: { out?: string; program?: string; strict?: boolean; importReport?: string; profile?: string },
      ) => {
        process.exitCode = await (await fhir()).runImportFhir(input, opts);
      },
    );

  program
    .command('push')
    .description('Send a program (exported on the fly, consent checked) to a FHIR R4 server, in batches.')
    .argument('<input>', 'ProgramData JSON, a FHIR Bundle, or an NDJSON folder')
    .requiredOption('--server <url>', 'FHIR base URL, e.g. http://127.0.0.1:8103 (no credentials in it)')
    .option('--token <token>', 'bearer token (default: the PEER_RECOVERY_FHIR_TOKEN environment variable)')
    .option(
      '--recipient <organization-id>',
      'the recipient organisation a consent must name (besides the server URL)',
    )
    .addOption(
      new Option('--purpose <purpose>', 'purpose of the disclosure a consent must list')
        .choices(['treatment', 'payment', 'operations', 'referral', 'discontinuation-notice', 'research'])
        .default('treatment'),
    )
    .addOption(
      new Option('--override <use>', 'LOUD: send every peer without a consent check').choices([
        'de-identified',
        'internal',
      ]),
    )
    .option('--disclosure-log <file>', 'append what went to whom under which consent (ids only) to this file')
    .option('--batch-size <n>', 'entries per transaction', '500')
    .option(
      '--include-coach-records',
      "also send the coaches' HR records (attestations, interview, background check, incidents); off by default",
    )
    .option(
      '--report <file>',
      'resumable push report: done batches are skipped when the same push runs again',
    )
    .option('--retries <n>', 'retries after network errors, timeouts, 429 and 5xx', '3')
    .option(
      '--as-of <date>',
      'statuses, and consents in force, as of this date YYYY-MM-DD or ISO instant with Z or offset (default: now)',
    )
    .option('--allow-insecure-http', 'allow a token over plain http to a host other than this machine')
    .addHelpText(
      'after',
      `
Consent: only peers whose release-of-information consent in force names the server (recipientEndpoint) or
--recipient, for --purpose, are sent (42 CFR Part 2 unless the program says otherwise); withheld peers are listed
by id. --override internal|de-identified skips the check, loudly. A ready transaction Bundle needs --override.
Transport: no user:password@ or query in --server; redirects are followed only to the same origin; a token over
plain http to another host is refused unless --allow-insecure-http.
Entries go in batches of --batch-size as conditional creates: pushing again creates nothing new. With --report,
an interrupted push resumes after its last complete batch. Exit code 1 if anything failed, 2 for bad input.
Prefer the environment variable to --token: command lines end up in shell history.
Examples:
  $ peer-recovery push program.json --server https://fhir.county.example/r4 --recipient county-hospital --purpose referral
  $ peer-recovery push program.json --server http://127.0.0.1:8103 --override internal --as-of 2026-11-20
  $ PEER_RECOVERY_FHIR_TOKEN=... peer-recovery push program.json --server https://fhir.example.org/R4 --batch-size 200 --report push-report.json --disclosure-log disclosures.log`,
    )
    .action(async (input: string, opts: PushOptions) => {
      process.exitCode = await (await fhir()).runPush(input, opts);
    });

  program
    .command('serve')
    .description('Run the embedded in-memory FHIR R4 server until Ctrl-C (for tests, demos and development).')
    .option('--port <n>', 'TCP port (0: any free port)', '8103')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--token <token>', 'require this bearer token on every request')
    .addHelpText(
      'after',
      `
Data lives in memory only and is lost when the server stops. Every write is validated (invalid: 400 with an
OperationOutcome); GET /metadata gives its CapabilityStatement (see docs/fhir.md, "Server capabilities").
Listening beyond this machine (any --host but 127.0.0.1, ::1 or localhost) is refused without --token.
Examples:
  $ peer-recovery serve
  $ peer-recovery serve --port 0
  $ peer-recovery serve --port 8200 --token dev-secret`,
    )
    .action(async (opts: { port?: string; host?: string; token?: string }) => {
      process.exitCode = await (await fhir()).runServe(opts);
    });
}

import type { Command } from 'commander';
import { buildProgram } from './program';

function helpText(cmd: Command): string {
  let out = '';
  cmd.configureHelp({ helpWidth: 100 });
  cmd.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
  cmd.outputHelp();
  return out.trimEnd();
}

function walk(cmd: Command, path: string[], sections: string[]): void {
  for (const sub of cmd.commands) {
    const name = [...path, sub.name()].join(' ');
    sections.push(`## \`peer-recovery ${name}\``, '', '```text', helpText(sub), '```', '');
    walk(sub, [...path, sub.name()], sections);
  }
}

/**
 * The command line reference as Markdown: conventions, then the `--help` text of every command. The project's
 * `docs/cli.md` is this output (a test keeps it current).
 *
 * @example
 * cliReferenceMarkdown().startsWith('# Command line reference'); // true
 */
export function cliReferenceMarkdown(): string {
  const program = buildProgram();
  const sections = [
    '# Command line reference',
    '',
    'The `peer-recovery` command (`@peer-recovery/cli`). From a clone of this repository run it from source with',
    '`npx --yes pnpm@10.34.9 cli <command> [options]`; once the package is installed, as `peer-recovery`.',
    '',
    'Conventions:',
    '',
    '- Exit codes: `0` success (nothing at error severity), `1` findings at error severity (or validation errors, or',
    '  entries a server refused), `2` bad input or usage.',
    '- Errors go to standard error, one line each, naming the file and the field (`enrolments[3].enrolledOn`) and a',
    '  stable code; they never repeat input values, so no personal data reaches a terminal or a log.',
    '- `-` as an input file reads standard input.',
    "- A JSON input file over a quarter of Node's heap limit (about 1 GB with a limit of 4 GiB) gets a note",
    '  on standard error with a larger limit to run with (`NODE_OPTIONS=--max-old-space-size=...`): near its limit',
    '  Node collects garbage over and over (`check` of a 1.65 GB, 100,000-peer file took 1.4x to 1.9x the time it',
    '  takes with 7 or 8 GiB, for the same 4.3 GB peak).',
    '- Colour and progress bars appear only on a terminal (and not with `NO_COLOR`).',
    '- JSON outputs are stable and tagged with their format: `peer-recovery/check@1` (`check --format json`: the',
    '  `ProgramEvaluation` of `@peer-recovery/core`), `peer-recovery/outcomes-validation@1` and',
    '  `peer-recovery/outcomes-summary@1`. Fields are only ever added.',
    '',
    'This page is generated from the commands themselves (`cliReferenceMarkdown`); a test fails when it is out of date.',
    '',
    '## `peer-recovery`',
    '',
    '```text',
    helpText(program),
    '```',
    '',
  ];
  walk(program, [], sections);
  return `${sections.join('\n').trimEnd()}\n`;
}

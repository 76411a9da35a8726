import type { DataIssue } from '@peer-recovery/core';

/**
 * Exit codes of the command line: 0 clean, 1 findings at error severity (overdue or missed), 2 bad input or usage.
 *
 * @example
 * process.exitCode = hasErrors(evaluation) ? EXIT.findings : EXIT.ok;
 */
export const EXIT = { ok: 0, findings: 1, badInput: 2 } as const;

/**
 * An error the command line reports and exits on: a message naming the file and the fields, never their values.
 *
 * @example
 * throw new CliError('program.json: not a program document', EXIT.badInput);
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.badInput,
    readonly issues: readonly DataIssue[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Formats data issues for stderr, prefixed by the file name; at most `limit` lines, then a count of the rest.
 *
 * @example
 * formatIssues('program.json', issues); // 'program.json: enrolments[0].enrolledOn: expected a calendar date ...'
 */
export function formatIssues(file: string, issues: readonly DataIssue[], limit = 20): string {
  const lines = issues.slice(0, limit).map((i) => `${file}: ${i.message} [${i.code}]`);
  if (issues.length > limit) lines.push(`${file}: ... and ${issues.length - limit} more issue(s)`);
  return lines.join('\n');
}

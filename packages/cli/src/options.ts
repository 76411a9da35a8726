import { parseAsOf, type ResolvedAsOf, toLocalDate } from '@peer-recovery/core';
import { CliError, EXIT } from './errors';

/**
 * Reads the `--as-of` option of every command with core's one parser, `parseAsOf`: a date `YYYY-MM-DD` (the end of
 * that day in `timeZone`), an ISO 8601 instant with `Z` or an offset, or epoch milliseconds. Without it, today:
 * the end of the local day of `now` in `timeZone`. A bad value is a {@link CliError} naming the option (`--as-of: ...`), never the input
 * file, and never echoing the value.
 *
 * @example
 * asOfOption('2026-11-20', 'America/Los_Angeles').date; // '2026-11-20'
 * asOfOption('2026-02-31', 'UTC'); // throws CliError('--as-of: expected a date YYYY-MM-DD, ...')
 */
export function asOfOption(
  spec: string | undefined,
  timeZone: string,
  now: number = Date.now(),
): ResolvedAsOf {
  const r = parseAsOf(spec ?? toLocalDate(now, timeZone), timeZone, ['--as-of']);
  if (!r.success)
    throw new CliError(r.issues.map((i) => `${i.message} [${i.code}]`).join('\n'), EXIT.badInput, r.issues);
  return r.data;
}

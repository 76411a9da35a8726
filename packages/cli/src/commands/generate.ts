import { generateProgramData, type LocalDate } from '@peer-recovery/core';
import { CliError } from '../errors';

/**
 * Parses a whole number option in a range, or fails naming the option.
 *
 * @example
 * intOption('--peers', '200', 1, 100000); // 200
 */
export function intOption(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new CliError(`${name}: expected a whole number`);
  const n = Number(raw);
  if (n < min || n > max) throw new CliError(`${name}: expected a number from ${min} to ${max}`);
  return n;
}

/**
 * Generates a synthetic program as ProgramData JSON text.
 *
 * @example
 * const json = runGenerate({ peers: '50', seed: '7' });
 */
export function runGenerate(options: {
  peers: string;
  seed: string;
  years?: string;
  start?: string;
  zone?: string;
}): string {
  const peers = intOption('--peers', options.peers, 1, 200_000);
  const seed = intOption('--seed', options.seed, 0, 2 ** 31 - 1);
  const years = options.years === undefined ? undefined : intOption('--years', options.years, 1, 10);
  if (options.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.start))
    throw new CliError('--start: expected a date YYYY-MM-DD');
  const data = generateProgramData({
    peers,
    seed,
    ...(years === undefined ? {} : { years }),
    ...(options.start === undefined ? {} : { start: options.start as LocalDate }),
    ...(options.zone === undefined ? {} : { timeZone: options.zone }),
  });
  return `${JSON.stringify(data)}\n`;
}

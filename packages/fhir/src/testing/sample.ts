import { readFileSync } from 'node:fs';
import { type ProgramData, parseProgramData } from '@peer-recovery/core';

/**
 * The shipped sample program (`examples/sample-program/program.json`), read and parsed as a user's file would be.
 * Throws when it does not parse (a broken example is a broken test).
 *
 * @example
 * exportProgram(sampleProgram()).success; // true
 */
export function sampleProgram(): ProgramData {
  const url = new URL('../../../../examples/sample-program/program.json', import.meta.url);
  const r = parseProgramData(JSON.parse(readFileSync(url, 'utf8')));
  if (!r.success) throw new Error('sample program does not parse');
  return r.data;
}

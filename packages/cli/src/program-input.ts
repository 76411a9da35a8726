/**
 * Reading the program input of a command: a ProgramData document (JSON), a FHIR Bundle or a folder of FHIR Bulk Data
 * NDJSON files. A ProgramData document is read and checked here; FHIR input is imported by `commands/fhir`, loaded
 * only then, so that `check` on a ProgramData file does not load the FHIR package (about a tenth of a second).
 *
 * @module
 */
import { readdir } from 'node:fs/promises';
import type { ProgramData } from '@peer-recovery/core';
import { CliError } from './errors';
import { checkProgramData, isDirectory, readJsonValue } from './io';

/**
 * Options of the commands that import FHIR input (`import-fhir`, `check` ...), as the command line gives them.
 *
 * @example
 * const o: FhirInputOptions = { programId: 'srp', strict: true, importReport: 'import-report.json' };
 */
export interface FhirInputOptions {
  /** Which program to import when the resources hold more than one (`--program`). */
  readonly programId?: string;
  /** Skipped resources are errors, and any resource in error fails the import (`--strict`). */
  readonly strict?: boolean;
  /** Write the per-resource import report (JSON, ids and codes only) to this file (`--import-report`). */
  readonly importReport?: string;
  /** A mapping profile file (JSON) for EHR-authored data (`--profile`). */
  readonly profile?: string;
  /**
   * Read a JSON input in batches of records, never as one text (`--low-memory`): the same value and errors (but
   * that the column of a syntax error counts bytes, not characters, which differ on a line with non-ASCII text),
   * about a fifth less peak memory for about a tenth more time on a large program (docs/performance.md); there is
   * then no text for `onJsonText`.
   */
  readonly lowMemory?: boolean;
  /**
   * Called with the text of a JSON input (a ProgramData document or a FHIR Bundle, not NDJSON) as soon as it is
   * read, before it is parsed: `check --jobs` sends it to its worker threads.
   */
  readonly onJsonText?: (text: string) => void;
  /**
   * Called with what the threads of `check --jobs` can be given of the data returned: `'sent'` it is the JSON value
   * of the text given to `onJsonText`, used as it is; `'send'` it was imported from FHIR (send it written as JSON);
   * `'alone'` neither (a document read in chunks, with no text, or the schema check's copy of the value, which may
   * differ from it): one thread evaluates it.
   */
  readonly onProgramData?: (workers: 'sent' | 'send' | 'alone') => void;
}

/**
 * An input as read: a folder of NDJSON files (listed, none read yet), or the value of a JSON file with its text when
 * it was read as one text.
 *
 * @example
 * const input: ProgramInput = { kind: 'json', file: 'program.json', value: {} };
 */
export type ProgramInput =
  | { readonly kind: 'ndjson'; readonly file: string; readonly files: readonly string[] }
  | { readonly kind: 'json'; readonly file: string; readonly value: unknown; readonly text?: string };

/**
 * True for a JSON object (not an array, not null).
 *
 * @example
 * isObj({ resourceType: 'Bundle' }); // true
 */
export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `*.ndjson` files of a directory (Bulk Data layout), by name; none is read yet. */
async function listNdjsonDir(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.ndjson')).sort();
  } catch (e) {
    throw new CliError(`${dir}: cannot read the directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (names.length === 0) throw new CliError(`${dir}: no .ndjson files in the directory`);
  return names;
}

/**
 * Lists a directory of NDJSON files (read later, as streams), or reads a JSON file (standard input for `-`); the text
 * of a JSON input read as one text goes to `onJsonText` before it is parsed. With `lowMemory` a JSON input is read
 * in batches of records (see `readJsonValue`), never as one text.
 *
 * @example
 * const input = await readAny('out/fhir'); // { kind: 'ndjson', file: 'out/fhir', files: ['Patient.ndjson', ...] }
 * const batched = await readAny('program.json', undefined, true); // { kind: 'json', file: 'program.json', value }
 */
export async function readAny(
  path: string,
  onJsonText?: (text: string) => void,
  lowMemory = false,
): Promise<ProgramInput> {
  if (await isDirectory(path)) return { kind: 'ndjson', file: path, files: await listNdjsonDir(path) };
  const file = path === '-' ? '<stdin>' : path;
  // A document too large for one string is read in chunks and has no text (`check --jobs` then evaluates it here).
  const { value, text } = await readJsonValue(path, {
    ...(onJsonText === undefined ? {} : { onText: onJsonText }),
    ...(lowMemory ? { wholeTextBytes: 0 } : {}),
  });
  return { kind: 'json', file, value, ...(text === undefined ? {} : { text }) };
}

/**
 * Checks a JSON value that is not a FHIR resource as a ProgramData document (see `checkProgramData`). The FHIR
 * import options do not apply to it: giving one is an error naming them.
 *
 * @example
 * const data = programDocument('program.json', JSON.parse(text), {});
 */
export function programDocument(file: string, value: unknown, options: FhirInputOptions): ProgramData {
  if (options.strict === true || options.importReport !== undefined || options.profile !== undefined)
    throw new CliError(
      `${file}: --strict, --import-report and --profile apply to FHIR input only, not to a ProgramData file`,
    );
  return checkProgramData(file, value);
}

/**
 * Reads program data from any input the commands accept: a directory is read as FHIR Bulk Data NDJSON (one
 * `<Type>.ndjson` file per resource type) and imported; a JSON file whose `resourceType` is `Bundle` is imported as
 * a FHIR Bundle; any other JSON file (or standard input, `-`) is read as a ProgramData document. Errors name the file
 * and the field, never a value. The FHIR package is loaded only for FHIR input.
 *
 * @example
 * const data = await readProgramInput('out/fhir'); // a folder of NDJSON files
 * const same = await readProgramInput('bundle.json');
 */
export async function readProgramInput(path: string, options: FhirInputOptions = {}): Promise<ProgramData> {
  const input = await readAny(path, options.onJsonText, options.lowMemory === true);
  if (input.kind === 'json' && !(isObj(input.value) && typeof input.value.resourceType === 'string')) {
    const data = programDocument(input.file, input.value, options);
    options.onProgramData?.(input.text !== undefined && data === input.value ? 'sent' : 'alone');
    return data;
  }
  const { importProgramInput } = await import('./commands/fhir');
  const { data } = await importProgramInput(input, options);
  options.onProgramData?.('send');
  return data;
}

import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import {
  GENERATED_ENROLMENT_LISTS,
  generateProgramData,
  generateProgramParts,
  type LocalDate,
  type SyntheticOptions,
} from '@peer-recovery/core';
import { intOption } from '../args';
import { CliError } from '../errors';

/**
 * Generates a synthetic program as ProgramData JSON text (held whole: the command writes it with
 * {@link writeGenerated}, which streams).
 *
 * @example
 * const json = runGenerate({ peers: '50', seed: '7' });
 */
export function runGenerate(options: GenerateCliOptions): string {
  return `${JSON.stringify(generateProgramData(syntheticOptions(options)))}\n`;
}

/** The `generate` command's options, as given on the command line. */
export interface GenerateCliOptions {
  readonly peers: string;
  readonly seed: string;
  readonly years?: string;
  readonly start?: string;
  readonly zone?: string;
}

function syntheticOptions(options: GenerateCliOptions): SyntheticOptions {
  const peers = intOption('--peers', options.peers, 1, 200_000);
  const seed = intOption('--seed', options.seed, 0, 2 ** 31 - 1);
  const years = options.years === undefined ? undefined : intOption('--years', options.years, 1, 10);
  if (options.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.start))
    throw new CliError('--start: expected a date YYYY-MM-DD');
  return {
    peers,
    seed,
    ...(years === undefined ? {} : { years }),
    ...(options.start === undefined ? {} : { start: options.start as LocalDate }),
    ...(options.zone === undefined ? {} : { timeZone: options.zone }),
  };
}

async function put(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

async function closed(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'close');
}

/**
 * Writes a synthetic program (the same bytes as {@link runGenerate}) with memory that does not grow with `--peers`:
 * the enrolments are generated one at a time (`generateProgramParts`), each record list is spooled to its own
 * temporary file in one pass, and the document is then written list after list. To a file, it is written beside
 * it and renamed into place at the end (never a half-written file that looks complete); to standard output when
 * `out` is absent or `-`. The temporary folder (in `spoolIn`, the system's temporary folder by default) is removed
 * in every case.
 *
 * @example
 * await writeGenerated({ peers: '10000', seed: '42' }, 'program.json');
 */
export async function writeGenerated(
  options: GenerateCliOptions,
  out?: string,
  spoolIn: string = tmpdir(),
): Promise<void> {
  const parts = generateProgramParts(syntheticOptions(options));
  const spool = await mkdtemp(join(spoolIn, 'peer-recovery-generate-'));
  const toFile = out !== undefined && out !== '-';
  const target = toFile ? join(dirname(out), `.${basename(out)}.${randomBytes(6).toString('hex')}.tmp`) : '';
  try {
    const files = GENERATED_ENROLMENT_LISTS.map((list) => join(spool, `${list}.json`));
    const streams = files.map((f) => createWriteStream(f));
    const started = GENERATED_ENROLMENT_LISTS.map(() => false);
    const add = async (k: number, record: unknown): Promise<void> => {
      await put(streams[k] as WriteStream, `${started[k] ? ',' : ''}${JSON.stringify(record)}`);
      started[k] = true;
    };
    for (const e of parts.enrolments()) {
      await add(0, e.peer);
      await add(1, e.enrolment);
      for (const r of e.plans) await add(2, r);
      for (const r of e.contacts) await add(3, r);
      for (const r of e.messages) await add(4, r);
      for (const r of e.referrals) await add(5, r);
      for (const r of e.consents) await add(6, r);
      for (const r of e.assessments) await add(7, r);
    }
    for (const s of streams) await closed(s);
    const sink: NodeJS.WritableStream = toFile ? createWriteStream(target, { flags: 'wx' }) : process.stdout;
    const { head } = parts;
    await put(
      sink,
      `{"format":${JSON.stringify(head.format)},"program":${JSON.stringify(head.program)},"organizations":${JSON.stringify(head.organizations)},"coaches":${JSON.stringify(head.coaches)}`,
    );
    for (const [k, list] of GENERATED_ENROLMENT_LISTS.entries()) {
      await put(sink, `,${JSON.stringify(list)}:[`);
      for await (const chunk of createReadStream(files[k] as string, { encoding: 'utf8' }))
        await put(sink, chunk as string);
      await put(sink, ']');
    }
    await put(sink, '}\n');
    if (toFile) {
      await closed(sink as WriteStream);
      await rename(target, out);
    }
  } catch (e) {
    if (toFile) await rm(target, { force: true }).catch(() => undefined);
    if (e instanceof CliError) throw e;
    throw new CliError(
      `${toFile ? out : 'generate'}: cannot write the program (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  } finally {
    await rm(spool, { recursive: true, force: true }).catch(() => undefined);
  }
}

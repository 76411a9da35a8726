import { appendFile, readFile } from 'node:fs/promises';
import type { PushBatchState, PushReport } from '@peer-recovery/fhir';
import { CliError } from './errors';
import { decodeInput, writeFileAtomic } from './io';
import { isObj } from './program-input';

/** The format of the push report, as its first line names it. */
const FORMAT = 'peer-recovery/push-report@2';

/**
 * A push report file (`push --report`) read back, or undefined when there is none or it is of an earlier format (a
 * warning on stderr says the push starts over; re-sending creates nothing twice). The file is a journal: a header
 * line (format, server, batch size), then one line per batch sent, appended as each is done, a later line of the
 * same batch replacing an earlier one. A last line cut short (the push was killed while writing it) is left out;
 * anything else unreadable is an error naming the line.
 *
 * @example
 * const resume = await readPushReport('push-report.json');
 */
export async function readPushReport(path: string | undefined): Promise<PushReport | undefined> {
  if (path === undefined) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const text = decodeInput(path, bytes);
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const parse = (json: string): unknown => {
    try {
      return JSON.parse(json);
    } catch {
      return undefined;
    }
  };
  const parsed = (k: number): unknown => parse(lines[k] as string);
  const header = parsed(0);
  // The earlier format was one JSON document, written indented over many lines.
  const earlier = header === undefined ? parse(text) : header;
  if (isObj(earlier) && earlier.format === 'peer-recovery/push-report@1') {
    process.stderr.write(
      `${path}: a push report of an earlier version: the push starts from the first batch (nothing is created twice)\n`,
    );
    return undefined;
  }
  if (
    !isObj(header) ||
    header.format !== FORMAT ||
    typeof header.server !== 'string' ||
    typeof header.batchSize !== 'number'
  )
    throw new CliError(`${path}: line 1: expected the header of a push report (${FORMAT})`);
  const batches: PushBatchState[] = [];
  for (let k = 1; k < lines.length; k++) {
    const b = parsed(k);
    if (!isBatch(b)) {
      if (k === lines.length - 1) break; // cut short while it was written
      throw new CliError(`${path}: line ${k + 1}: expected a batch of a push report`);
    }
    if (b.index > batches.length)
      throw new CliError(
        `${path}: line ${k + 1}: index: batch ${b.index + 1} comes before batch ${batches.length + 1}`,
      );
    batches[b.index] = b;
    batches.length = b.index + 1;
  }
  return { format: FORMAT, server: header.server, batchSize: header.batchSize, batches };
}

function isBatch(v: unknown): v is PushBatchState {
  return (
    isObj(v) &&
    Number.isInteger(v.index) &&
    (v.index as number) >= 0 &&
    typeof v.sha256 === 'string' &&
    Number.isInteger(v.entries) &&
    (v.status === 'done' || v.status === 'incomplete') &&
    Number.isInteger(v.created) &&
    Number.isInteger(v.existing) &&
    Number.isInteger(v.failed) &&
    isObj(v.locations) &&
    Object.values(v.locations).every((x) => typeof x === 'string')
  );
}

const _headerLine = (r: Pick<PushReport, 'server' | 'batchSize'>) =>
  `${JSON.stringify({ format: FORMAT, server: r.server, batchSize: r.batchSize })}\n`;

/**
 * The journal of a push report at `path`: `start` writes its header (a new push) or keeps what is there (a resumed
 * one: its lines of the batches done stay, and a batch sent again gets a line that replaces its earlier ones and
 * those of every later batch), `add` appends the line of a batch just sent, so saving after each batch costs that
 * batch, not the report so far.
 *
 * @example
 * const journal = pushReportJournal('push-report.json');
 * await journal.start({ server, batchSize: 500 }, resume !== undefined);
 */
export function pushReportJournal(path: string) {
  return {
    async start(head: Pick<PushReport, 'server' | 'batchSize'>, resuming: boolean): Promise<void> {
      if (!resuming)
        await writeFileAtomic(
          path,
          `${JSON.stringify({ format: FORMAT, server: head.server, batchSize: head.batchSize })}\n`,
        );
    },
    async add(batch: PushBatchState): Promise<void> {
      await appendFile(path, `${JSON.stringify(batch)}\n`);
    },
  };
}

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PushBatchState } from '@peer-recovery/fhir';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pushReportJournal, readPushReport } from './push-report';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'push-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const batch = (index: number, status: PushBatchState['status'] = 'done'): PushBatchState => ({
  index,
  sha256: `${index}`.repeat(64).slice(0, 64),
  entries: 2,
  status,
  created: status === 'done' ? 2 : 0,
  existing: 0,
  failed: status === 'done' ? 0 : 2,
  locations:
    status === 'done'
      ? { [`urn:uuid:${index}-a`]: `Patient/${index}a`, [`urn:uuid:${index}-b`]: `Patient/${index}b` }
      : {},
});
const head = { server: 'http://127.0.0.1:8103', batchSize: 2 };

describe('push report journal', () => {
  it('reads back what was written, a later line of a batch replacing it and the batches after it', async () => {
    const file = join(dir, 'a.json');
    const journal = pushReportJournal(file);
    await journal.start(head, false);
    await journal.add(batch(0));
    await journal.add(batch(1));
    await journal.add(batch(2, 'incomplete'));
    expect(await readPushReport(file)).toEqual({
      format: 'peer-recovery/push-report@2',
      ...head,
      batches: [batch(0), batch(1), batch(2, 'incomplete')],
    });
    // A resumed push that sends batch 1 again (its entries changed) replaces batch 1 and drops batch 2.
    await journal.start(head, true);
    await journal.add(batch(1, 'incomplete'));
    expect((await readPushReport(file))?.batches).toEqual([batch(0), batch(1, 'incomplete')]);
    // A new push starts the file again.
    await journal.start(head, false);
    expect((await readPushReport(file))?.batches).toEqual([]);
  });

  it('leaves out a last line cut short, and refuses anything else unreadable, naming the line', async () => {
    const file = join(dir, 'b.json');
    const header = JSON.stringify({ format: 'peer-recovery/push-report@2', ...head });
    const line = (b: PushBatchState) => JSON.stringify(b);
    await writeFile(file, `${header}\n${line(batch(0))}\n${line(batch(1)).slice(0, 40)}`);
    expect((await readPushReport(file))?.batches).toEqual([batch(0)]);
    await writeFile(file, `${header}\n${line(batch(0)).slice(0, 40)}\n${line(batch(1))}\n`);
    await expect(readPushReport(file)).rejects.toThrow(/b\.json: line 2: expected a batch of a push report/);
    await writeFile(file, `${header}\n${line(batch(1))}\n`);
    await expect(readPushReport(file)).rejects.toThrow(/line 2: index: batch 2 comes before batch 1/);
    await writeFile(file, '{"format":"something else"}\n');
    await expect(readPushReport(file)).rejects.toThrow(/line 1: expected the header of a push report/);
    expect(await readPushReport(join(dir, 'missing.json'))).toBeUndefined();
    expect(await readPushReport(undefined)).toBeUndefined();
  });

  it('starts over, saying so, from a report of the earlier format', async () => {
    const file = join(dir, 'c.json');
    await writeFile(
      file,
      JSON.stringify({ format: 'peer-recovery/push-report@1', server: head.server, batches: [] }, null, 2),
    );
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await readPushReport(file)).toBeUndefined();
      expect(String(err.mock.calls[0]?.[0])).toContain('a push report of an earlier version');
    } finally {
      err.mockRestore();
    }
    expect(await readFile(file, 'utf8')).toContain('push-report@1');
  });
});

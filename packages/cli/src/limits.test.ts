import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli.test-support';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PROGRAM = join(ROOT, 'examples/sample-program/program.json');

let dir: string;
let sample: { peers: unknown[]; enrolments: unknown[]; contacts: unknown[] };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pr-limits-'));
  sample = JSON.parse(await readFile(PROGRAM, 'utf8'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, doc: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(doc));
  return file;
}

describe('input limits on the command line', () => {
  it('check refuses a 50 MB name.text, naming the limit and the path; --limit maxStringLength accepts it', async () => {
    const doc = structuredClone(sample);
    (doc.peers[0] as Record<string, unknown>).name = { text: `ZQhuge${'x'.repeat(50 * 1024 * 1024)}` };
    const file = await write('big.json', doc);
    const r = await cli('check', file, '--as-of', '2026-11-20');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `peer-recovery: ${file}: peers[0].name.text: is ${50 * 1024 * 1024 + 6} characters long, over the limit maxStringLength (20000) [limit-exceeded]\n`,
    );
    const raised = await cli('check', file, '--as-of', '2026-11-20', '--limit', 'maxStringLength=60000000');
    expect(raised.err).toBe('');
    expect(raised.code).toBe((await cli('check', PROGRAM, '--as-of', '2026-11-20')).code);
    const small = await cli('--limit', 'maxFileBytes=1000', 'check', file);
    expect(small.code).toBe(2);
    expect(small.err).toContain(`${file}: is `);
    expect(small.err).toContain(
      'bytes, over the limit maxFileBytes (1000); raise it with --limit maxFileBytes=<bytes>',
    );
    expect(small.err).not.toContain('ZQhuge');
  });

  it('refuses implausible years as errors and warns about records outside their enrolment', async () => {
    const doc = structuredClone(sample);
    const enrolment = doc.enrolments[0] as { id: string; enrolledOn: string };
    (doc.peers[1] as Record<string, unknown>).birthDate = '0000-01-01';
    const bad = await cli('check', await write('years.json', doc), '--as-of', '2026-11-20');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('peers[1].birthDate: has a year outside the plausible years 1900 to 2200');
    expect(bad.err).not.toContain('0000-01-01');
    const ok = await cli(
      'check',
      await write('years.json', doc),
      '--as-of',
      '2026-11-20',
      '--limit',
      'minYear=0',
    );
    expect(ok.code).not.toBe(2);

    const early = structuredClone(sample);
    const i = early.contacts.findIndex((c) => (c as { enrolmentId: string }).enrolmentId === enrolment.id);
    const contact = early.contacts[i] as { start: string; end: string };
    contact.start = '2020-01-01T10:00:00-08:00';
    contact.end = '2020-01-01T11:00:00-08:00';
    const file = await write('early.json', early);
    const w = await cli('check', file, '--as-of', '2026-11-20');
    expect(w.code).not.toBe(2);
    expect(w.err).toBe(
      `${file}: warning: contacts[${i}].start: the contact is before the enrolment starts (enrolledOn) [outside-enrolment]\n`,
    );
  });

  it('a raised limit holds for export-fhir, for the program and for a recipient', async () => {
    const doc = structuredClone(sample);
    (doc.peers[0] as Record<string, unknown>).name = { text: `ZQlong${'y'.repeat(30_000)}` };
    const file = await write('long.json', doc);
    const refused = await cli('export-fhir', file, '-o', join(dir, 'long-bundle.json'));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      'peers[0].name.text: is 30006 characters long, over the limit maxStringLength (20000)',
    );
    const raised = ['--limit', 'maxStringLength=40000'];
    const exported = await cli('export-fhir', file, '-o', join(dir, 'long-bundle.json'), ...raised);
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    const recipient = await cli(
      'export-fhir',
      file,
      '--recipient',
      'org-harborlight-treatment',
      '--override',
      'internal',
      '-o',
      join(dir, 'long-internal.json'),
      ...raised,
    );
    expect(recipient.code).toBe(0);
    expect(recipient.err).not.toContain('ZQlong');
  });

  it('refuses a --limit it does not know or cannot read', async () => {
    for (const [spec, text] of [
      ['nope=1', '--limit: nope: is not a limit'],
      ['maxStringLength=big', '--limit: expected name=value with a whole number'],
      ['minYear=3000', '--limit: minYear: is above maxYear'],
    ] as const) {
      const r = await cli('check', PROGRAM, '--limit', spec);
      expect(r.code).toBe(2);
      expect(r.err).toContain(text);
    }
  });
});

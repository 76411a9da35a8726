import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from './cli.test-support';
import { runGenerate, writeGenerated } from './commands/generate';

const SAMPLE = fileURLToPath(new URL('../../../examples/sample-program/program.json', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peer-recovery-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('check', () => {
  it('prints the summary of the sample and exits 1 for its error-severity findings', async () => {
    const r = await cli('check', SAMPLE, '--as-of', '2026-11-20');
    expect(r.code).toBe(1);
    expect(r.out).toContain('compliance as of 2026-11-20 23:59 America/Los_Angeles');
    expect(r.out).toContain('Findings (20)');
    expect(r.out).toContain('first-action-plan.late');
  });
  it('writes every finding as CSV and as tagged JSON', async () => {
    const csv = await cli('check', SAMPLE, '--as-of', '2026-11-20', '--format', 'csv');
    const lines = csv.out.trimEnd().split('\n');
    expect(lines[0]).toBe('severity,subject_type,subject_id,rule,code,due_on,path,message');
    expect(lines).toHaveLength(21);
    const json = await cli('check', SAMPLE, '--as-of', '2026-11-20', '--format', 'json');
    const doc = JSON.parse(json.out);
    expect(doc.format).toBe('peer-recovery/check@1');
    expect(doc.evaluation.totals.findingsBySeverity).toEqual({ info: 1, warning: 7, error: 12 });
  });
  it('exits 0 when nothing is at error severity (e.g. evaluated before the first deadline)', async () => {
    const r = await cli('check', SAMPLE, '--as-of', '2026-01-10');
    expect(r.code).toBe(0);
  });
  it('applies another pack', async () => {
    const r = await cli(
      'check',
      SAMPLE,
      '--as-of',
      '2026-11-20',
      '--pack',
      'illustrative-six-month-review',
      '--format',
      'json',
    );
    expect(JSON.parse(r.out).evaluation.packId).toBe('illustrative-six-month-review');
  });
  it('reports bad input with the file and field, never the value, and exits 2', async () => {
    const doc = JSON.parse(await readFile(SAMPLE, 'utf8'));
    doc.peers[0].birthDate = '1990-02-31';
    doc.enrolments[0].enrolledOn = 'ZQsecret';
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify(doc));
    const r = await cli('check', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `${file}: peers[0].birthDate: expected a calendar date YYYY-MM-DD [invalid-date]`,
    );
    expect(r.err).toContain('enrolments[0].enrolledOn');
    expect(r.err).not.toContain('1990-02-31');
    expect(r.err).not.toContain('ZQsecret');
  });
  it('rejects a bad --as-of and an unknown pack with exit code 2', async () => {
    expect((await cli('check', SAMPLE, '--as-of', 'tomorrow')).code).toBe(2);
    expect((await cli('check', SAMPLE, '--pack', join(dir, 'missing.json'))).code).toBe(2);
    expect((await cli('check', join(dir, 'nope.json'))).err).toContain('cannot read the file');
  });
});

describe('generate', () => {
  it('writes the same valid program for the same seed, and check runs on it', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    expect((await cli('generate', '--peers', '40', '--seed', '9', '--years', '2', '-o', a)).code).toBe(0);
    expect((await cli('generate', '--peers', '40', '--seed', '9', '--years', '2', '-o', b)).code).toBe(0);
    expect(await readFile(a, 'utf8')).toBe(await readFile(b, 'utf8'));
    const r = await cli('check', a, '--format', 'json', '--as-of', '2026-06-30');
    expect([0, 1]).toContain(r.code);
    expect(JSON.parse(r.out).evaluation.totals.enrolments).toBe(40);
  });
  it('streams exactly the document generateProgramData gives, to a file and to standard output, leaving no spool', async () => {
    for (const [peers, seed, years] of [
      ['1', '3', '1'],
      ['37', '11', '2'],
      ['120', '2024', '3'],
    ] as const) {
      const file = join(dir, `stream-${peers}.json`);
      expect(
        (await cli('generate', '--peers', peers, '--seed', seed, '--years', years, '-o', file)).code,
      ).toBe(0);
      const whole = runGenerate({ peers, seed, years });
      expect(await readFile(file, 'utf8')).toBe(whole);
      const toStdout = await cli('generate', '--peers', peers, '--seed', seed, '--years', years);
      expect(toStdout.out).toBe(whole);
    }
    const spool = await mkdtemp(join(dir, 'spool-'));
    const direct = join(dir, 'direct.json');
    await writeGenerated({ peers: '37', seed: '11', years: '2' }, direct, spool);
    expect(await readFile(direct, 'utf8')).toBe(runGenerate({ peers: '37', seed: '11', years: '2' }));
    expect(await readdir(spool)).toEqual([]); // the spool folder is gone
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]); // no half-written file left
  });
  it('refuses a bad number', async () => {
    const r = await cli('generate', '--peers', 'many');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--peers: expected a whole number');
  });
});

describe('packs', () => {
  it('lists the built-in packs and shows one with its sources', async () => {
    expect((await cli('packs', 'list')).out).toContain('illustrative-six-month-review');
    const show = await cli('packs', 'show', 'srp-recovery-connect');
    expect(show.out).toContain('minGoals = 3');
    expect(show.out).toContain('"at least three goals/objectives"');
    expect((await cli('packs', 'show', 'nope')).code).toBe(2);
  });
});

describe('help', () => {
  it('is available for every command and exits 0', async () => {
    for (const command of ['check', 'generate', 'demo', 'export-fhir', 'push', 'validate-outcomes']) {
      const r = await cli(command, '--help');
      expect(r.code, command).toBe(0);
    }
  });
});

describe('--json', () => {
  it('is the same as --format json', async () => {
    const a = await cli('check', SAMPLE, '--as-of', '2026-11-20', '--json');
    const b = await cli('check', SAMPLE, '--as-of', '2026-11-20', '--format', 'json');
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).format).toBe('peer-recovery/check@1');
  });
});

describe('run (the programmatic entry)', () => {
  it('runs one command from its arguments, resolves to its exit code and leaves process.exitCode as it was', async () => {
    const { run } = await import('./index');
    let out = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.exitCode = 7;
    try {
      expect(await run(['check', SAMPLE, '--as-of', '2026-11-20', '--format', 'json'])).toBe(1);
      expect(JSON.parse(out).format).toBe('peer-recovery/check@1');
      expect(process.exitCode).toBe(7);
      expect(await run(['packs', 'show', 'no-such-pack'])).toBe(2);
      expect(await run(['packs', 'list'])).toBe(0);
      expect(process.exitCode).toBe(7);
    } finally {
      o.mockRestore();
      e.mockRestore();
      process.exitCode = undefined;
    }
  });
});

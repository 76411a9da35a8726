import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli.test-support';
import { readProgramInput } from './program-input';

const SAMPLE = fileURLToPath(new URL('../../../examples/sample-program/program.json', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('./bin.ts', import.meta.url));

/**
 * A module hook (registered with `--import`) that writes, to the file named by `LOADED_LOG`, every module a process
 * resolves whose URL matches the regular expression in `LOADED_PATTERN`.
 */
const HOOK = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
const pattern = new RegExp(process.env.LOADED_PATTERN);
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (pattern.test(r.url)) appendFileSync(process.env.LOADED_LOG, r.url + '\\\\n');
  return r;
}\`));
`;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'program-input-'));
  await writeFile(join(dir, 'hook.mjs'), HOOK);
  await writeFile(
    join(dir, 'bundle.json'),
    JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [] }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `peer-recovery <args>` (from the sources) and gives the modules it resolved whose URL matches `pattern`. */
async function modulesLoadedBy(args: readonly string[], pattern: RegExp, log: string): Promise<string[]> {
  const r = spawnSync(
    process.execPath,
    [
      '--conditions=@peer-recovery/source',
      '--import',
      'tsx',
      '--import',
      join(dir, 'hook.mjs'),
      BIN,
      ...args,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOADED_LOG: log, LOADED_PATTERN: pattern.source } },
  );
  expect([0, 1, 2]).toContain(r.status);
  return (await readFile(log, 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');
}

/** The FHIR modules `peer-recovery check <input>` loads. */
const fhirModulesLoadedBy = (input: string, log: string) =>
  modulesLoadedBy(
    ['check', input, '--as-of', '2026-11-20', '--format', 'csv'],
    /\/packages\/fhir\/|\/commands\/fhir\.ts$/,
    log,
  );

describe('program input', () => {
  it('reads and checks a ProgramData document, the value of the text it was given', async () => {
    const texts: string[] = [];
    const given: string[] = [];
    const data = await readProgramInput(SAMPLE, {
      onJsonText: (t) => texts.push(t),
      onProgramData: (g) => given.push(g),
    });
    expect(data.enrolments.length).toBeGreaterThan(0);
    expect(texts).toHaveLength(1);
    expect(given).toEqual(['sent']);
  });

  it('with lowMemory reads the document in batches, never as one text, to the same data', async () => {
    const texts: string[] = [];
    const given: string[] = [];
    const batched = await readProgramInput(SAMPLE, {
      lowMemory: true,
      onJsonText: (t) => texts.push(t),
      onProgramData: (g) => given.push(g),
    });
    expect(texts).toEqual([]);
    expect(given).toEqual(['alone']);
    expect(batched).toEqual(await readProgramInput(SAMPLE));
  });

  it('check --low-memory writes what check writes, in every text format', async () => {
    for (const format of ['table', 'json', 'csv']) {
      const args = ['check', SAMPLE, '--as-of', '2026-11-20', '--format', format];
      const plain = await cli(...args);
      expect(plain.out.length).toBeGreaterThan(0);
      expect(await cli(...args, '--low-memory')).toEqual(plain);
    }
  });

  it('check refuses --low-memory with --jobs above 1, naming both', async () => {
    const r = await cli('check', SAMPLE, '--as-of', '2026-11-20', '--low-memory', '--jobs', '2');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('--low-memory and --jobs');
    expect((await cli('check', SAMPLE, '--as-of', '2026-11-20', '--low-memory', '--jobs', '1')).code).toBe(1);
  });

  it('refuses the FHIR import options for a ProgramData document, naming them', async () => {
    await expect(readProgramInput(SAMPLE, { strict: true })).rejects.toThrow(
      /--strict, --import-report and --profile apply to FHIR input only/,
    );
  });

  it('check loads no FHIR module for a ProgramData file, and loads them for a FHIR Bundle', async () => {
    expect(await fhirModulesLoadedBy(SAMPLE, join(dir, 'document.log'))).toEqual([]);
    const forBundle = await fhirModulesLoadedBy(join(dir, 'bundle.json'), join(dir, 'bundle.log'));
    expect(forBundle.some((url) => url.endsWith('/commands/fhir.ts'))).toBe(true);
    expect(forBundle.some((url) => url.includes('/packages/fhir/'))).toBe(true);
  }, 30_000);

  it('--help and --version load nothing of the library but its limits; a command loads the library', async () => {
    const core = /\/packages\/core\//;
    const limitsOnly = /\/packages\/core\/src\/(limits|model\/limit-defaults)\.ts$/;
    for (const [args, log] of [
      [['--help'], 'help.log'],
      [['check', '--help'], 'check-help.log'],
      [['--version'], 'version.log'],
    ] as const) {
      const loaded = await modulesLoadedBy(args, core, join(dir, log));
      expect(loaded.length).toBeGreaterThan(0);
      expect(loaded.filter((url) => !limitsOnly.test(url))).toEqual([]);
    }
    const checked = await modulesLoadedBy(
      ['check', SAMPLE, '--as-of', '2026-11-20'],
      core,
      join(dir, 'run.log'),
    );
    expect(checked.some((url) => url.endsWith('/packages/core/src/index.ts'))).toBe(true);
  }, 30_000);
});

// Every `peer-recovery` command line shown in the README, docs/, the examples' and the packages' READMEs is run
// here, in a sandbox folder holding the files the examples name, through the same `main` the binary runs. A
// documented line that no longer parses or fails on its own example files (exit 2, or a crash) fails this test.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { barc10Instrument } from '@peer-recovery/core';
import { type FhirServer, startFhirServer } from '@peer-recovery/fhir/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './cli.test-support';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PNPM_CLI = /^npx --yes pnpm@[\d.]+ cli /;

/** A documented command line: where it is, and its arguments after the program name. */
interface DocCommand {
  readonly where: string;
  readonly line: string;
  readonly args: string[];
  /** Standard output redirected to a file (`> file`). */
  readonly stdoutTo?: string;
}

/** Splits a shell line into words (single and double quotes; no variables or globbing in the docs). */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/** The `peer-recovery` lines of the fenced shell blocks (and of docs/cli.md's help text), continuations joined. */
async function documentedCommands(): Promise<DocCommand[]> {
  const files = [
    'README.md',
    ...(await readdir(join(ROOT, 'docs'))).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`),
    ...(await readdir(join(ROOT, 'examples'))).map((d) => `examples/${d}/README.md`),
    ...(await readdir(join(ROOT, 'packages'))).map((d) => `packages/${d}/README.md`),
  ];
  const out: DocCommand[] = [];
  for (const file of files) {
    const text = await readFile(join(ROOT, file), 'utf8').catch(() => '');
    const lines = text.split('\n');
    let fenced = false;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i] as string;
      if (raw.startsWith('```')) {
        fenced = !fenced;
        continue;
      }
      if (!fenced && !file.endsWith('cli.md')) continue;
      let line = raw.trim().replace(/^\$ /, '');
      if (!line.startsWith('peer-recovery ') && !PNPM_CLI.test(line)) continue;
      const at = `${file}:${i + 1}`;
      while (line.endsWith('\\') && i + 1 < lines.length)
        line = `${line.slice(0, -1)} ${(lines[++i] as string).trim()}`;
      line = line
        .replace(/\s{2,}#.*$/, '') // a trailing comment
        .replace(/\s+\([^()]*\)$/, '') // a trailing explanation in parentheses
        .replace(/\s+\[[^\]]*\]/g, '') // optional parts of a synopsis
        .trim();
      if (/<[^>]+>/.test(line)) continue; // a synopsis with placeholders, not a command line
      const redirect = /\s>\s*(\S+)$/.exec(line);
      if (redirect) line = line.slice(0, redirect.index);
      const args = words(line.replace(PNPM_CLI, 'peer-recovery ')).slice(1);
      out.push({ where: at, line, args, ...(redirect ? { stdoutTo: redirect[1] as string } : {}) });
    }
  }
  return out;
}

/** Commands too long for a unit test (the demo: CI runs it) or that serve until stopped: their options are parsed. */
const HELP_ONLY = new Set(['demo', 'serve']);

let sandbox: string;
let server: FhirServer;
const home = process.cwd();
const commands = await documentedCommands();

beforeAll(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'peer-recovery-doc-commands-'));
  server = await startFhirServer({ port: 0 });
  const sample = join(ROOT, 'examples/sample-program/program.json');
  const redcap = join(ROOT, 'examples/research-outcomes/redcap');
  await symlink(join(ROOT, 'examples'), join(sandbox, 'examples'));
  for (const name of ['program.json', 'my-program.json', 'big-program.json'])
    await cp(sample, join(sandbox, name));
  for (const name of ['redcap-export.csv', 'mapping.json', 'enrolments.csv'])
    await cp(join(redcap, name), join(sandbox, name));
  await cp(join(ROOT, 'examples/research-outcomes/assessments.csv'), join(sandbox, 'assessments.csv'));
  await cp(join(ROOT, 'examples/research-outcomes/assessments.csv'), join(sandbox, 'export.csv'));
  await cp(join(ROOT, 'examples/fhir-exchange/mapping-profile.json'), join(sandbox, 'mapping-profile.json'));
  await writeFile(join(sandbox, 'my-instruments.json'), JSON.stringify([barc10Instrument]));
  process.chdir(sandbox);
  const ndjson = await cli(
    'export-outcomes',
    'assessments.csv',
    '--enrolments',
    'program.json',
    '--as-of',
    '2026-11-20',
    '--to',
    'ndjson',
  );
  expect(ndjson.code).toBe(0);
  await writeFile('export.ndjson', ndjson.out);
  expect(
    (await cli('export-fhir', 'program.json', '--include-coach-records', '-o', 'bundle.json')).code,
  ).toBe(0);
  for (const folder of ['out/fhir', 'ehr-ndjson', 'ehr-export', 'synthea-ndjson', 'bulk']) {
    await mkdir(folder, { recursive: true });
    expect(
      (await cli('export-fhir', 'program.json', '--include-coach-records', '--out-dir', folder)).code,
    ).toBe(0);
  }
});

// Some examples write over the fixtures (`generate ... -o program.json`, `import-fhir ... -o program.json`): each
// command starts from the sample program again.
beforeEach(async () => {
  const sample = join(ROOT, 'examples/sample-program/program.json');
  for (const name of ['program.json', 'my-program.json', 'big-program.json'])
    await cp(sample, join(sandbox, name));
});

afterAll(async () => {
  process.chdir(home);
  await server?.close();
  await rm(sandbox, { recursive: true, force: true });
});

describe('documented command lines', () => {
  it('are found in the README, the docs and the examples', () => {
    expect(commands.length).toBeGreaterThan(30);
    const names = new Set(commands.map((c) => c.args[0]));
    for (const name of [
      'check',
      'export-fhir',
      'import-fhir',
      'push',
      'serve',
      'generate',
      'validate-outcomes',
    ])
      expect(names).toContain(name);
  });

  it.each(commands.map((c) => [c.where, c] as const))('%s runs', async (_where, c) => {
    const args = c.args.map((a) => (/^https?:\/\/(fhir\.|127\.0\.0\.1)/.test(a) ? server.url : a));
    const run = HELP_ONLY.has(args[0] as string)
      ? await cli(args[0] as string, '--help')
      : await cli(...args);
    if (c.stdoutTo !== undefined) await writeFile(c.stdoutTo, run.out);
    // 0: done; 1: done, with findings or failed entries to report. 2 is a usage or input error.
    expect([0, 1], `${c.line}\n${run.err.slice(0, 400)}`).toContain(run.code);
  });
});

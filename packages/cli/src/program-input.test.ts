import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { cli } from './cli.test-support';
import { readProgramInput } from './program-input';

// The FHIR commands' module (and with it the FHIR package) must not load for a ProgramData document: it is replaced
// by a stand-in that counts its loads and its imports.
const fhir = vi.hoisted(() => ({ loads: 0, imports: 0 }));
vi.mock('./commands/fhir', () => {
  fhir.loads++;
  return {
    importProgramInput: async () => {
      fhir.imports++;
      throw new Error('stand-in import');
    },
  };
});

const SAMPLE = fileURLToPath(new URL('../../../examples/sample-program/program.json', import.meta.url));

describe('program input without the FHIR module', () => {
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
    expect(fhir.loads).toBe(0);
  });

  it('refuses the FHIR import options for a ProgramData document, naming them', async () => {
    await expect(readProgramInput(SAMPLE, { strict: true })).rejects.toThrow(
      /--strict, --import-report and --profile apply to FHIR input only/,
    );
  });

  it('runs check on a ProgramData document without loading the FHIR module', async () => {
    const r = await cli('check', SAMPLE, '--as-of', '2026-11-20', '--format', 'csv');
    expect(fhir.loads).toBe(0);
    expect([0, 1]).toContain(r.code);
    expect(r.out.split('\n')[0]).toBe('severity,subject_type,subject_id,rule,code,due_on,path,message');
  });

  it('loads the FHIR module for a FHIR Bundle and imports it there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'program-input-'));
    try {
      const bundle = join(dir, 'bundle.json');
      await writeFile(bundle, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [] }));
      await expect(readProgramInput(bundle)).rejects.toThrow(/stand-in import/);
      expect(fhir).toEqual({ loads: 1, imports: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

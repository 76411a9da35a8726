import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProgramData, type ProgramData, parseProgramData } from '@peer-recovery/core';
import { exportProgram, toNdjson, transactionBundleChunks } from '@peer-recovery/fhir';
import { type FhirServer, startFhirServer } from '@peer-recovery/fhir/server';
import { expectedRoundTrip } from '@peer-recovery/fhir/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli, type Run } from '../cli.test-support';
import { main } from '../program';
import { exportAsOf } from './fhir';

const SAMPLE = fileURLToPath(new URL('../../../../examples/sample-program/program.json', import.meta.url));
let dir: string;
let sample: ProgramData;
const ASOF = '2026-11-20';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peer-recovery-fhir-cli-'));
  const r = parseProgramData(JSON.parse(await readFile(SAMPLE, 'utf8')));
  if (!r.success) throw new Error('sample program does not parse');
  sample = r.data;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
});
const path = (name: string) => join(dir, name);
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
const roundTripped = () => expectedRoundTrip(sample, { asOf: exportAsOf(ASOF, sample) });

describe('export-fhir', () => {
  it('writes a valid transaction bundle to -o', async () => {
    const r = await cli('export-fhir', SAMPLE, '--as-of', ASOF, '-o', path('bundle.json'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+ resources \(Organization \d+, .*\): transaction bundle written to /);
    const bundle = await readJson(path('bundle.json'));
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry.length).toBeGreaterThan(200);
    expect(bundle.entry.every((e: { fullUrl: string }) => e.fullUrl.startsWith('urn:uuid:'))).toBe(true);
  });

  it('writes Bulk Data NDJSON into --out-dir, honouring notes, sensitivity, redaction and instruments', async () => {
    const plain = path('ndjson');
    expect((await cli('export-fhir', SAMPLE, '--out-dir', plain)).code).toBe(0);
    const files = (await readdir(plain)).sort();
    expect(files).toContain('Patient.ndjson');
    expect(files).toContain('Observation.ndjson');
    expect(files).not.toContain('DocumentReference.ndjson');
    const first = (text: string) => JSON.parse(text.split('\n')[0] as string);
    const patient = first(await readFile(join(plain, 'Patient.ndjson'), 'utf8'));
    expect(patient.meta.security.map((s: { code: string }) => s.code)).toEqual(['ETH', 'R', '42CFRPart2']);

    const other = path('ndjson-options');
    const r = await cli(
      'export-fhir',
      SAMPLE,
      '--out-dir',
      other,
      '--format',
      'ndjson',
      '--include-notes',
      '--sensitivity',
      'SUD',
      '--redact-free-text',
      '--no-instruments',
    );
    expect(r.code).toBe(0);
    const otherFiles = await readdir(other);
    expect(otherFiles).toContain('DocumentReference.ndjson');
    expect(otherFiles).not.toContain('Observation.ndjson');
    expect(otherFiles).not.toContain('Questionnaire.ndjson');
    expect(first(await readFile(join(other, 'Patient.ndjson'), 'utf8')).meta.security[0].code).toBe('SUD');
    const goal = first(await readFile(join(other, 'Goal.ndjson'), 'utf8'));
    expect(goal.description.text).toMatch(/^Goal 1 of action plan version \d+$/);
  });

  it('writes the files the library makes, byte for byte, when they are written in several pieces', async () => {
    // Enough peers for an Encounter file of over a megabyte: the command writes each file a megabyte or so at a time.
    const data = generateProgramData({ peers: 24, seed: 3, start: '2025-01-01', years: 2 });
    const input = path('big-program.json');
    await writeFile(input, JSON.stringify(data));
    const resources = exportProgram(data, {
      asOf: exportAsOf(ASOF, data),
      includeNotes: false,
      includeCoachRecords: false,
      redactFreeText: false,
      includeInstruments: true,
    });
    if (!resources.success) throw new Error(resources.issues[0]?.message);
    const expected = toNdjson(resources.data);
    expect(Math.max(...[...expected.values()].map((t) => t.length))).toBeGreaterThan(2 ** 21);
    expect((await cli('export-fhir', input, '--as-of', ASOF, '--out-dir', path('big'))).code).toBe(0);
    expect((await readdir(path('big'))).sort()).toEqual(
      [...expected.keys()].map((t) => `${t}.ndjson`).sort(),
    );
    for (const [type, text] of expected)
      expect(await readFile(join(path('big'), `${type}.ndjson`), 'utf8')).toBe(text);
    expect((await cli('export-fhir', input, '--as-of', ASOF, '-o', path('big-bundle.json'))).code).toBe(0);
    expect(await readFile(path('big-bundle.json'), 'utf8')).toBe(
      [...transactionBundleChunks(resources.data)].join(''),
    );
  });

  it('writes bundle.json into --out-dir with --format bundle', async () => {
    const out = path('bundle-dir');
    expect((await cli('export-fhir', SAMPLE, '--out-dir', out, '--format', 'bundle')).code).toBe(0);
    expect((await readJson(join(out, 'bundle.json'))).type).toBe('transaction');
  });

  it('refuses contradictory or bad options and bad input, naming the option or file', async () => {
    const a = await cli('export-fhir', SAMPLE, '--format', 'ndjson', '-o', path('x.json'));
    expect(a).toEqual(expect.objectContaining({ code: 2, err: expect.stringContaining('--format ndjson') }));
    const b = await cli('export-fhir', SAMPLE, '--as-of', 'yesterday');
    expect(b).toEqual(expect.objectContaining({ code: 2, err: expect.stringContaining('--as-of') }));
    const bad = path('bad-program.json');
    await writeFile(
      bad,
      JSON.stringify({ ...sample, peers: [{ ...sample.peers[0], birthDate: 'Alex Doe' }] }),
    );
    const c = await cli('export-fhir', bad);
    expect(c.code).toBe(2);
    expect(c.err).toContain(`${bad}: `);
    expect(c.err).toContain('birthDate');
    expect(c.err).not.toContain('Alex');
  });
});

describe('import-fhir', () => {
  it('imports the bundle and the NDJSON folder back to the same program (documented drops applied)', async () => {
    await cli('export-fhir', SAMPLE, '--as-of', ASOF, '-o', path('rt-bundle.json'));
    await cli('export-fhir', SAMPLE, '--as-of', ASOF, '--out-dir', path('rt-ndjson'));
    const a = await cli('import-fhir', path('rt-bundle.json'), '-o', path('rt-program.json'));
    expect(a.code).toBe(0);
    expect(a.out).toContain('6 peers, 6 enrolments');
    expect(await readJson(path('rt-program.json'))).toEqual(roundTripped());
    const b = await cli('import-fhir', path('rt-ndjson'));
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out)).toEqual(roundTripped());
  });

  it('reports a file that is not a Bundle, and a broken resource by file, type and field, never values', async () => {
    const a = await cli('import-fhir', SAMPLE);
    expect(a.code).toBe(2);
    expect(a.err).toContain(`${SAMPLE}: resourceType`);
    await cli('export-fhir', SAMPLE, '-o', path('broken.json'));
    const bundle = await readJson(path('broken.json'));
    const patient = bundle.entry.find(
      (e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient',
    );
    const name = patient.resource.name[0].family as string;
    patient.resource.birthDate = `${name} secret`;
    await writeFile(path('broken.json'), JSON.stringify(bundle));
    // One bad resource: an error for it, the rest imported and written, exit 1.
    const b = await cli('import-fhir', path('broken.json'), '-o', path('partial.json'));
    expect(b.code).toBe(1);
    expect(b.err).toMatch(
      /broken\.json: error: Patient\/[0-9a-f-]+: Imported data is not valid: peers\[0\]\.birthDate: expected a calendar date/,
    );
    expect(b.err).toMatch(/: Patient: \d+ read, \d+ imported, 0 derived, 0 skipped, 1 in error/);
    expect(b.err).not.toContain(name);
    const partial = await readJson(path('partial.json'));
    expect(partial.peers.length).toBe((await readJson(SAMPLE)).peers.length - 1);
    const strict = await cli('import-fhir', path('broken.json'), '--strict', '-o', path('strict.json'));
    expect(strict.code).toBe(2);
    expect(strict.err).not.toContain(name);
    const c = await cli('import-fhir', path('no-such-file.json'));
    expect(c).toEqual(
      expect.objectContaining({ code: 2, err: expect.stringContaining('cannot read the file') }),
    );
  });
});

describe('check on FHIR input', () => {
  it('gives the same findings on a Bundle and on an NDJSON folder as on the ProgramData file', async () => {
    await cli(
      'export-fhir',
      SAMPLE,
      '--as-of',
      ASOF,
      '--include-coach-records',
      '-o',
      path('check-bundle.json'),
    );
    await cli(
      'export-fhir',
      SAMPLE,
      '--as-of',
      ASOF,
      '--include-coach-records',
      '--out-dir',
      path('check-ndjson'),
    );
    const findings = (r: Run) => {
      const ev = JSON.parse(r.out).evaluation as {
        enrolments: { findings: { code: string; subject: { id: string }; message: string }[] }[];
        coaches: { findings: { code: string; subject: { id: string }; message: string }[] }[];
      };
      return [...ev.enrolments, ...ev.coaches]
        .flatMap((e) => e.findings)
        .map((f) => `${f.subject.id} ${f.code} ${f.message}`)
        .sort();
    };
    const original = await cli('check', SAMPLE, '--as-of', ASOF, '--format', 'json');
    const viaBundle = await cli('check', path('check-bundle.json'), '--as-of', ASOF, '--format', 'json');
    const viaNdjson = await cli('check', path('check-ndjson'), '--as-of', ASOF, '--format', 'json');
    expect(original.code).toBe(1); // the sample has error-severity findings
    expect(findings(original)).toHaveLength(20);
    expect(viaBundle.code).toBe(1);
    expect(findings(viaBundle)).toEqual(findings(original));
    expect(viaNdjson.code).toBe(1);
    expect(findings(viaNdjson)).toEqual(findings(original));
  });

  it('reports foreign resources mixed into an NDJSON export (counts, --import-report), and fails them with --strict', async () => {
    await cli('export-fhir', SAMPLE, '--as-of', ASOF, '--out-dir', path('mixed'));
    const foreignPatient = {
      resourceType: 'Patient',
      id: 'ehr-pat-9',
      identifier: [{ system: 'http://hospital.example.org/mrn', value: 'MRN-7731' }],
      name: [{ family: 'Thistlewood', given: ['Jo'] }],
      gender: 'unknown',
    };
    const careTeam = { resourceType: 'CareTeam', id: 'ehr-team-9', status: 'active' };
    const patients = await readFile(path('mixed/Patient.ndjson'), 'utf8');
    await writeFile(path('mixed/Patient.ndjson'), `${patients}${JSON.stringify(foreignPatient)}\n`);
    await writeFile(path('mixed/CareTeam.ndjson'), `${JSON.stringify(careTeam)}\n`);
    const r = await cli(
      'check',
      path('mixed'),
      '--as-of',
      ASOF,
      '--format',
      'json',
      '--import-report',
      path('mixed-report.json'),
    );
    expect(r.code).toBe(1); // the sample's findings, as before
    expect(r.err).toMatch(/mixed: CareTeam: 1 read, 0 imported, 0 derived, 1 skipped, 0 in error/);
    expect(r.err).toMatch(/mixed: total: \d+ read, \d+ imported, \d+ derived, 2 skipped, 0 in error/);
    const report = await readJson(path('mixed-report.json'));
    expect(report.format).toBe('peer-recovery-import-report/1');
    // In reading order: Patient files before files of types the import does not know (ndjsonReadOrder).
    expect(report.entries.filter((e: { outcome: string }) => e.outcome === 'skipped')).toEqual([
      expect.objectContaining({
        resourceType: 'Patient',
        id: 'ehr-pat-9',
        outcome: 'skipped',
        reason: 'foreign',
      }),
      {
        resourceType: 'CareTeam',
        id: 'ehr-team-9',
        where: 'CareTeam.ndjson line 1',
        outcome: 'skipped',
        reason: 'not-supported',
      },
    ]);
    const text = await readFile(path('mixed-report.json'), 'utf8');
    expect(text).not.toMatch(/Thistlewood|MRN-7731|"message"/);
    const strict = await cli('check', path('mixed'), '--as-of', ASOF, '--strict');
    expect(strict.code).toBe(2);
    expect(strict.err).toContain('CareTeam/ehr-team-9');
    expect(strict.err).not.toContain('Thistlewood');
    const imported = await cli('import-fhir', path('mixed'), '--strict', '-o', path('mixed.json'));
    expect(imported.code).toBe(2);
    // Foreign data alone: the missing program, and still a word about every resource.
    const alone = join(dir, 'foreign-only');
    await mkdir(alone, { recursive: true });
    await writeFile(join(alone, 'Patient.ndjson'), `${JSON.stringify(foreignPatient)}\n`);
    await writeFile(join(alone, 'CareTeam.ndjson'), `${JSON.stringify(careTeam)}\n`);
    const a = await cli('import-fhir', alone, '--import-report', path('alone-report.json'));
    expect(a.code).toBe(2);
    expect(a.err).toContain('No program Organization');
    expect(a.err).toMatch(/foreign-only: total: 2 read, 0 imported, 0 derived, 2 skipped, 0 in error/);
    expect(
      (await readJson(path('alone-report.json'))).entries.map((e: { reason: string }) => e.reason),
    ).toEqual(['foreign', 'not-supported']); // Patient files are read before CareTeam files
    expect(a.err).not.toContain('Thistlewood');
  });

  it('reads EHR data with --profile (the documented example profile), and names the field of a bad profile', async () => {
    const PROFILE = fileURLToPath(
      new URL('../../../../examples/fhir-exchange/mapping-profile.json', import.meta.url),
    );
    const ehr = join(dir, 'ehr');
    await mkdir(ehr, { recursive: true });
    const lines = (...rs: object[]) => `${rs.map((r) => JSON.stringify(r)).join('\n')}\n`;
    await writeFile(
      join(ehr, 'Organization.ndjson'),
      lines({
        resourceType: 'Organization',
        id: 'o1',
        identifier: [{ system: 'https://ehr.example.org/fhir/sid/organization', value: 'peer-support-team' }],
      }),
    );
    await writeFile(
      join(ehr, 'Patient.ndjson'),
      lines({
        resourceType: 'Patient',
        id: 'p1',
        identifier: [{ system: 'https://ehr.example.org/fhir/sid/mrn', value: 'm-1' }],
        name: [{ family: 'Featherstonehaugh' }],
      }),
    );
    await writeFile(
      join(ehr, 'Practitioner.ndjson'),
      lines({
        resourceType: 'Practitioner',
        id: 'd1',
        identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '9999933333' }],
      }),
    );
    await writeFile(
      join(ehr, 'Encounter.ndjson'),
      lines({
        resourceType: 'Encounter',
        id: 'e1',
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        serviceType: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '553' }],
        },
        subject: { reference: 'Patient/p1' },
        participant: [{ individual: { reference: 'Practitioner/d1' } }],
        period: { start: '2026-02-03T10:00:00-06:00', end: '2026-02-03T11:00:00-06:00' },
      }),
    );
    const r = await cli('import-fhir', ehr, '--profile', PROFILE, '-o', path('ehr.json'));
    expect(r.code).toBe(0);
    const data = await readJson(path('ehr.json'));
    expect(data.contacts).toEqual([
      expect.objectContaining({
        id: 'ehr-e1',
        coachId: '9999933333',
        mode: 'in-person',
        start: '2026-02-03T10:00:00-06:00',
      }),
    ]);
    expect(r.err).toMatch(/Encounter: 1 read, 1 imported, 0 derived, 0 skipped, 0 in error/);
    const checked = await cli(
      'check',
      ehr,
      '--profile',
      PROFILE,
      '--as-of',
      '2026-03-31',
      '--format',
      'json',
    );
    expect(checked.code).not.toBe(2);
    expect(JSON.parse(checked.out).evaluation.enrolments).toHaveLength(1);
    const bad = JSON.parse(await readFile(PROFILE, 'utf8'));
    bad.contacts[0].mode = 'Featherstonehaugh';
    await writeFile(path('bad-profile.json'), JSON.stringify(bad));
    const b = await cli('import-fhir', ehr, '--profile', path('bad-profile.json'));
    expect(b.code).toBe(2);
    expect(b.err).toContain('contacts.0.mode');
    expect(b.err).not.toContain('Featherstonehaugh');
  });

  it('reports an empty folder and a non-program resource', async () => {
    const empty = await mkdtemp(join(dir, 'empty-'));
    const a = await cli('check', empty);
    expect(a).toEqual(expect.objectContaining({ code: 2, err: expect.stringContaining('no .ndjson files') }));
    await writeFile(path('patient.json'), JSON.stringify({ resourceType: 'Patient' }));
    const b = await cli('check', path('patient.json'));
    expect(b).toEqual(
      expect.objectContaining({ code: 2, err: expect.stringContaining('patient.json: resourceType') }),
    );
  });
});

describe('push and serve against the embedded server', () => {
  let server: FhirServer;
  beforeAll(async () => {
    server = await startFhirServer({ port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('pushes a program, then again without creating anything, then a bundle file', async () => {
    const first = await cli(
      'push',
      SAMPLE,
      '--server',
      server.url,
      '--as-of',
      ASOF,
      '--override',
      'internal',
    );
    expect(first.code).toBe(0);
    const n = Number(/^(\d+) resources for /.exec(first.out)?.[1]);
    expect(n).toBeGreaterThan(200);
    expect(first.out).toContain(`created ${n}, already there 0, failed 0`);
    expect(first.err).toContain('WARNING: --override internal: consent was NOT checked');
    const again = await cli(
      'push',
      SAMPLE,
      '--server',
      `${server.url}/`,
      '--as-of',
      ASOF,
      '--override',
      'internal',
    );
    expect(again.out).toContain(`created 0, already there ${n}, failed 0`);
    await cli('export-fhir', SAMPLE, '--as-of', ASOF, '-o', path('push-bundle.json'));
    const refused = await cli('push', path('push-bundle.json'), '--server', server.url);
    expect(refused).toEqual(expect.objectContaining({ code: 2, err: expect.stringContaining('--override') }));
    const bundle = await cli(
      'push',
      path('push-bundle.json'),
      '--server',
      server.url,
      '--override',
      'internal',
    );
    expect(bundle.code).toBe(0);
    expect(bundle.out).toContain(`created 0, already there ${n}, failed 0`);
  });

  it('exits 1 and reports each failed entry on stderr', async () => {
    await writeFile(
      path('batch.json'),
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          {
            resource: { resourceType: 'Basic', code: { text: 'x' } },
            request: { method: 'POST', url: 'Basic' },
          },
          { request: { method: 'GET', url: 'Patient/does-not-exist' } },
        ],
      }),
    );
    const r = await cli('push', path('batch.json'), '--server', server.url, '--override', 'internal');
    expect(r.code).toBe(1);
    expect(r.out).toContain('created 1, already there 0, failed 1');
    expect(r.err).toContain('batch.json: error: unknown Bundle.entry[1]: Entry failed: HTTP 404');
  });

  it('sends the bearer token; exits 1 when the server refuses', async () => {
    const secured = await startFhirServer({ port: 0, token: 'dev-secret' });
    try {
      const denied = await cli('push', SAMPLE, '--server', secured.url, '--retries', '0');
      expect(denied.code).toBe(1);
      expect(denied.err).toContain('HTTP 401');
      expect(denied.err).not.toContain('dev-secret');
      const ok = await cli('push', SAMPLE, '--server', secured.url, '--token', 'dev-secret');
      expect(ok.code).toBe(0);
    } finally {
      await secured.close();
    }
  });

  it('refuses a bad --server or --retries, and reports an unreachable server', async () => {
    expect((await cli('push', SAMPLE, '--server', 'not a url')).err).toContain('--server');
    expect((await cli('push', SAMPLE, '--server', 'ftp://example.org')).code).toBe(2);
    expect((await cli('push', SAMPLE, '--server', server.url, '--retries', 'many')).err).toContain(
      '--retries',
    );
    const gone = await startFhirServer({ port: 0 });
    const url = gone.url;
    await gone.close();
    const r = await cli('push', SAMPLE, '--server', url, '--retries', '0');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Network error');
  });

  it('serve prints its base URL, answers requests, and stops on Ctrl-C', async () => {
    let out = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const others = process.listeners('SIGINT');
    try {
      const running = main(['node', 'peer-recovery', 'serve', '--port', '0', '--host', '127.0.0.1']);
      for (let i = 0; i < 200 && !out.includes('listening at'); i++)
        await new Promise((r) => setTimeout(r, 25));
      const url = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(url).toBeDefined();
      const res = await fetch(`${url}/Patient`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { resourceType?: string }).resourceType).toBe('Bundle');
      for (const l of others) process.off('SIGINT', l);
      process.emit('SIGINT');
      expect(await running).toBe(0);
      expect(out).toContain('FHIR server stopped.');
      await expect(fetch(`${url}/Patient`)).rejects.toThrow();
    } finally {
      for (const l of others) if (!process.listeners('SIGINT').includes(l)) process.on('SIGINT', l);
      o.mockRestore();
      process.exitCode = undefined;
    }
  });
});

describe('serve beyond loopback', () => {
  it('refuses a non-loopback --host without --token, naming the option (exit 2)', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10']) {
      const r = await cli('serve', '--port', '0', '--host', host);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--host: refusing to listen beyond this machine without --token');
    }
    const empty = await cli('serve', '--port', '0', '--host', '0.0.0.0', '--token', '');
    expect(empty.code).toBe(2);
  });
});

describe('help', () => {
  it.each(['export-fhir', 'import-fhir', 'push', 'serve', 'check'])(
    '%s --help shows examples',
    async (command) => {
      const r = await cli(command, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain('Examples:');
      expect(r.out).toContain(`$ peer-recovery ${command}`);
    },
  );
});

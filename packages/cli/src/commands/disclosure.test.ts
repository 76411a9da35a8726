import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FhirServer, startFhirServer } from '@peer-recovery/fhir/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli.test-support';
import { writeFileAtomic } from '../io';
import { readPushReport } from '../push-report';

const SAMPLE = fileURLToPath(new URL('../../../../examples/sample-program/program.json', import.meta.url));
const ASOF = '2026-11-20';
const TO = ['--recipient', 'org-harborlight-treatment', '--purpose', 'referral', '--as-of', ASOF];
let dir: string;
let sampleText: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peer-recovery-disclosure-'));
  sampleText = await readFile(SAMPLE, 'utf8');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const path = (name: string) => join(dir, name);
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
type Entry = {
  resource: { resourceType: string; meta?: { security?: { code: string }[] }; extension?: { url: string }[] };
};

/** Every personal value of the sample (names, birth dates, notes, goal texts, recovery dates). */
function personalValues(): string[] {
  const d = JSON.parse(sampleText);
  const out: string[] = [];
  for (const p of d.peers) {
    if (p.name?.family) out.push(p.name.family);
    if (p.birthDate) out.push(p.birthDate);
  }
  for (const c of d.coaches) if (c.recoveryStartDate) out.push(c.recoveryStartDate);
  return out;
}

describe('export-fhir for a recipient', () => {
  it('exports only peers with a consent in force, with the notice, labels and a disclosure log of ids', async () => {
    const r = await cli(
      'export-fhir',
      SAMPLE,
      ...TO,
      '-o',
      path('referral.json'),
      '--disclosure-log',
      path('disclosures.log'),
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain('withheld 4 of 6 peer(s)');
    expect(r.err).toContain('no-consent: peer-001, peer-002, peer-003, peer-004');
    const bundle = await readJson(path('referral.json'));
    const patients = bundle.entry.filter((e: Entry) => e.resource.resourceType === 'Patient');
    expect(patients).toHaveLength(2);
    const codes = bundle.meta.security.map((s: { code: string }) => s.code);
    expect(codes).toEqual(['R', 'ETH', '42CFRPart2', 'NORDSCLCD']);
    expect(bundle.meta.extension[0].valueString).toContain('42 CFR part 2');
    for (const p of patients)
      expect(p.resource.meta.security.map((s: { code: string }) => s.code)).toContain('NORDSCLCD');
    // The coaches' HR records stay home by default: no recovery attestation, so nothing to label on a Practitioner.
    const practitioners = bundle.entry.filter((e: Entry) => e.resource.resourceType === 'Practitioner');
    expect(practitioners.length).toBeGreaterThan(0);
    for (const p of practitioners) {
      const urls = ((p as Entry).resource.extension ?? []).map((x) => x.url);
      expect(urls.some((u) => u.includes('coach-personal-program') || u.includes('recovery-minimum'))).toBe(
        false,
      );
      expect(p.resource.meta?.security ?? []).toEqual([]);
    }
    // Asked for, the attestations go, and the Practitioners carrying them are labelled ETH and R.
    const withRecords = await cli(
      'export-fhir',
      SAMPLE,
      ...TO,
      '--include-coach-records',
      '-o',
      path('hr.json'),
    );
    expect(withRecords.code).toBe(0);
    const hr = (await readJson(path('hr.json'))).entry.filter(
      (e: Entry) => e.resource.resourceType === 'Practitioner',
    );
    for (const p of hr as Entry[])
      expect((p.resource.meta?.security ?? []).map((s) => s.code)).toEqual(
        expect.arrayContaining(['ETH', 'R']),
      );
    const log = (await readFile(path('disclosures.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log).toHaveLength(1);
    expect(log[0]).toEqual(
      expect.objectContaining({
        command: 'export-fhir',
        recipient: { organizationId: 'org-harborlight-treatment' },
        purpose: 'referral',
        part2: true,
        disclosed: [
          { peerId: 'peer-005', basis: 'consent', consentId: 'cons-007' },
          { peerId: 'peer-006', basis: 'consent', consentId: 'cons-008' },
        ],
      }),
    );
    expect(log[0].withheld.map((w: { peerId: string }) => w.peerId)).toEqual([
      'peer-001',
      'peer-002',
      'peer-003',
      'peer-004',
    ]);
    const logText = JSON.stringify(log);
    for (const v of personalValues()) expect(logText).not.toContain(v);
  });

  it('writes a manifest with the notice beside NDJSON files, and no temporary file is left', async () => {
    const out = path('referral-ndjson');
    const r = await cli('export-fhir', SAMPLE, ...TO, '--out-dir', out);
    expect(r.code).toBe(0);
    const files = await readdir(out);
    expect(files).toContain('manifest.json');
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const manifest = await readJson(join(out, 'manifest.json'));
    expect(Object.values(manifest.extension)[0]).toContain('42 CFR part 2');
    expect((await readFile(join(out, 'Patient.ndjson'), 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('withholds everyone for a purpose no consent lists, and refuses a disclosure option without a recipient', async () => {
    const r = await cli(
      'export-fhir',
      SAMPLE,
      ...TO.slice(0, 2),
      '--purpose',
      'research',
      '-o',
      path('x.json'),
    );
    expect(r.err).toContain('withheld 6 of 6');
    const bundle = await readJson(path('x.json'));
    expect(bundle.entry.filter((e: Entry) => e.resource.resourceType === 'Patient')).toHaveLength(0);
    const bad = await cli('export-fhir', SAMPLE, '--purpose', 'referral');
    expect(bad).toEqual(expect.objectContaining({ code: 2, err: expect.stringContaining('--recipient') }));
  });
});

describe('push for a recipient', () => {
  let server: FhirServer;
  beforeAll(async () => {
    server = await startFhirServer({ port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends only consented peers, in batches with a resumable report and a disclosure log', async () => {
    const report = path('push-report.json');
    const args = ['push', SAMPLE, '--server', server.url, ...TO, '--batch-size', '10', '--report', report];
    const r = await cli(...args, '--disclosure-log', path('push.log'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^(\d+) resources for http:\/\/127\.0\.0\.1:\d+ in (\d+) batch\(es\), \2 done/);
    const patients = (await (await fetch(`${server.url}/Patient?_count=100`)).json()) as { entry: unknown[] };
    expect(patients.entry).toHaveLength(2);
    // The report is a journal: a header line, then a line per batch as it was done.
    const lines = (await readFile(report, 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[0] as string)).toEqual({
      format: 'peer-recovery/push-report@2',
      server: server.url,
      batchSize: 10,
    });
    const saved = await readPushReport(report);
    expect(saved?.batches.length).toBe(lines.length - 1);
    expect(saved?.batches.every((b) => b.status === 'done')).toBe(true);
    const again = await cli(...args);
    expect(again.out).toContain('created 0, already there 0, failed 0, skipped');
    const log = JSON.parse((await readFile(path('push.log'), 'utf8')).trim());
    expect(log).toEqual(
      expect.objectContaining({ command: 'push', destination: server.url, complete: true }),
    );
  });

  it('refuses credentials in --server without echoing them, and a token over plain http to another host', async () => {
    const withUser = server.url.replace('http://', 'http://alice:S3cret@');
    const a = await cli('push', SAMPLE, '--server', withUser, '--override', 'internal');
    expect(a.code).toBe(2);
    expect(a.err).toContain('--server: carries credentials');
    expect(`${a.out}${a.err}`).not.toContain('S3cret');
    const b = await cli('push', SAMPLE, '--server', `${server.url}/?token=S3cret`);
    expect(b.code).toBe(2);
    expect(`${b.out}${b.err}`).not.toContain('S3cret');
    const c = await cli('push', SAMPLE, '--server', 'http://fhir.example.org/r4', '--token', 'S3cret');
    expect(c.code).toBe(2);
    expect(c.err).toContain('--allow-insecure-http');
    expect(`${c.out}${c.err}`).not.toContain('S3cret');
  });
});

describe('writeFileAtomic', () => {
  it('replaces a file whole and names the file (not the content) on failure', async () => {
    const file = path('atomic.txt');
    await writeFileAtomic(file, 'first');
    await writeFileAtomic(file, 'second');
    expect(await readFile(file, 'utf8')).toBe('second');
    expect((await readdir(dir)).filter((f) => f.includes('atomic.txt.'))).toEqual([]);
    await expect(writeFileAtomic(path('missing/dir/x.txt'), 'Secret content')).rejects.toThrow(
      /missing\/dir\/x\.txt: cannot write the file \(ENOENT\)/,
    );
  });
});

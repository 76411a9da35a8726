import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from '@fast-check/vitest';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { evaluateProgram, type Finding, type ProgramData } from '@peer-recovery/core';
import { arbProgramData, EVERY_VARIATION } from '@peer-recovery/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTransactionBundle } from './bundle';
import { pushBundle, readProgram } from './client';
import { exportProgram } from './export';
import { importBundle } from './import';
import { type FhirServer, startFhirServer } from './server/index';
import { exampleProgram } from './testing/example';
import { expectedRoundTrip } from './testing/roundtrip';
import { sampleProgram } from './testing/sample';

function bundleOf(data: ProgramData = exampleProgram()): Bundle {
  const r = exportProgram(data, { includeNotes: true, includeCoachRecords: true });
  if (!r.success) throw new Error('export failed');
  return toTransactionBundle(r.data);
}
const sortById = <T extends { id: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
function sorted(d: ProgramData): ProgramData {
  return {
    ...d,
    organizations: sortById(d.organizations),
    coaches: sortById(d.coaches),
    peers: sortById(d.peers),
    enrolments: sortById(d.enrolments),
    plans: sortById(d.plans),
    contacts: sortById(d.contacts),
    messages: sortById(d.messages),
    referrals: sortById(d.referrals),
    consents: sortById(d.consents),
    assessments: sortById(d.assessments),
  };
}
async function count(url: string, type: string): Promise<number> {
  const res = await fetch(`${url}/${type}?_count=1000`);
  const body = (await res.json()) as Bundle;
  return body.entry?.length ?? 0;
}

/** A local HTTP server with a scripted handler, for failure cases. */
async function scripted(
  handler: (n: number, body: string, res: import('node:http').ServerResponse) => void,
): Promise<{ url: string; server: Server; calls: () => number }> {
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(n++, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, calls: () => n };
}
const stop = (s: Server) =>
  new Promise<void>((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections();
  });

describe('embedded server + client over HTTP', () => {
  let fhir: FhirServer;
  beforeAll(async () => {
    fhir = await startFhirServer();
  });
  afterAll(async () => {
    await fhir.close();
  });

  it('pushes a program, re-pushes without duplicates, and reads it back equal', async () => {
    const bundle = bundleOf();
    const n = bundle.entry?.length ?? 0;
    const first = await pushBundle(fhir.url, bundle);
    // One Result shape (issue 9, section 2): the counts are the push's `data`.
    expect(first).toEqual(
      expect.objectContaining({
        success: true,
        data: expect.objectContaining({ created: n, existing: 0, failed: 0 }),
        issues: [],
      }),
    );
    const patients = await count(fhir.url, 'Patient');
    const provenances = await count(fhir.url, 'Provenance');
    const second = await pushBundle(fhir.url, bundle);
    expect(second).toEqual(
      expect.objectContaining({
        success: true,
        data: expect.objectContaining({ created: 0, existing: n, failed: 0 }),
      }),
    );
    expect(await count(fhir.url, 'Patient')).toBe(patients);
    expect(await count(fhir.url, 'Provenance')).toBe(provenances);
    const back = await readProgram(fhir.url, 'srp', { pageSize: 3 });
    expect(back.success ? back.data : back.issues).toEqual(
      sorted(expectedRoundTrip(exampleProgram(), { includeNotes: true, includeCoachRecords: true })),
    );
  });

  it('reports an entry that fails in a batch, and keeps the others', async () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        {
          resource: { resourceType: 'Basic', code: { text: 'x' } } as Resource,
          request: { method: 'POST', url: 'Basic' },
        },
        { request: { method: 'GET', url: 'Patient/does-not-exist' } },
      ],
    };
    const r = await pushBundle(fhir.url, bundle);
    if (r.success) expect.fail('a push with a failed entry is not a success');
    // A failed push keeps what became of each entry in `outcome` (one Result shape, issue 9 section 2).
    expect(r.outcome.created).toBe(1);
    expect(r.outcome.failed).toBe(1);
    expect(r.outcome.entries[1]).toEqual(
      expect.objectContaining({ index: 1, status: 404, outcome: 'failed' }),
    );
    expect(r.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', expression: 'Bundle.entry[1]' }),
    );
  });

  test.prop([arbProgramData(EVERY_VARIATION)], { numRuns: 8 })(
    'reads back any generated program (modulo documented drops)',
    async (data) => {
      const server = await startFhirServer();
      try {
        const push = await pushBundle(server.url, bundleOf(data));
        expect(push.issues).toEqual([]);
        const back = await readProgram(server.url, data.program.id);
        expect(back.success ? back.data : back.issues).toEqual(
          sorted(expectedRoundTrip(data, { includeNotes: true, includeCoachRecords: true })),
        );
      } finally {
        await server.close();
      }
    },
  );
});

describe('client failure handling', () => {
  it('sends the bearer token and reports a 401', async () => {
    const server = await startFhirServer({ token: 's3cret' });
    try {
      const bundle = bundleOf();
      const denied = await pushBundle(server.url, bundle);
      if (denied.success) expect.fail('an unauthorised push is not a success');
      expect(denied.outcome.failed).toBe(bundle.entry?.length);
      expect(denied.issues[0]).toEqual(expect.objectContaining({ code: 'security' }));
      expect((await pushBundle(server.url, bundle, { token: 's3cret' })).success).toBe(true);
      expect((await readProgram(server.url, 'srp', { token: 's3cret' })).success).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('retries 5xx with backoff and then succeeds', async () => {
    const fhir = await startFhirServer();
    const flaky = await scripted((n, body, res) => {
      if (n < 2) {
        res.writeHead(503).end();
        return;
      }
      fetch(`${fhir.url}/`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body })
        .then(async (r) =>
          res.writeHead(r.status, { 'content-type': 'application/fhir+json' }).end(await r.text()),
        )
        .catch(() => res.writeHead(500).end());
    });
    try {
      const r = await pushBundle(flaky.url, bundleOf(), { retries: 3, backoffMs: 5 });
      expect(r.success).toBe(true);
      expect(flaky.calls()).toBe(3);
    } finally {
      await stop(flaky.server);
      await fhir.close();
    }
  });

  it('reports 5xx after the last retry, every entry failed (nothing dropped silently)', async () => {
    const down = await scripted((_n, _b, res) => res.writeHead(502).end());
    try {
      const bundle = bundleOf();
      const r = await pushBundle(down.url, bundle, { retries: 2, backoffMs: 1 });
      expect(down.calls()).toBe(3);
      expect(r).toEqual(
        expect.objectContaining({
          success: false,
          outcome: expect.objectContaining({ failed: bundle.entry?.length, created: 0 }),
        }),
      );
      expect(r.issues).toEqual([
        expect.objectContaining({ code: 'transient', message: expect.stringContaining('502') }),
      ]);
    } finally {
      await stop(down.server);
    }
  });

  it('times out a server that never answers', async () => {
    const hang = await scripted(() => undefined);
    try {
      // A second each: time enough for the request to reach the server on a loaded machine (the test server runs in
      // this process), so that both attempts are seen there.
      const r = await pushBundle(hang.url, bundleOf(), { retries: 1, backoffMs: 1, timeoutMs: 1000 });
      expect(r.success).toBe(false);
      expect(r.issues).toEqual([expect.objectContaining({ code: 'timeout' })]);
      expect(hang.calls()).toBe(2);
    } finally {
      await stop(hang.server);
    }
  });

  it('reports a 4xx with the codes of the server OperationOutcome, never its text, without retrying', async () => {
    const reject = await scripted((_n, _b, res) =>
      res.writeHead(400, { 'content-type': 'application/fhir+json' }).end(
        JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'error',
              code: 'invalid',
              details: { coding: [{ code: 'HAPI-1821' }], text: 'Bad name Alex Doe, born 1931-04-05' },
            },
          ],
        }),
      ),
    );
    try {
      const r = await pushBundle(reject.url, bundleOf(), { retries: 3, backoffMs: 1 });
      expect(reject.calls()).toBe(1);
      expect(r.success).toBe(false);
      expect(r.issues.map((i) => i.message)).toEqual([
        'Server rejected the bundle: HTTP 400',
        "Server: invalid, HAPI-1821 (the server's text is not shown: it may quote the records)",
      ]);
    } finally {
      await stop(reject.server);
    }
  });

  it('reports an unreachable server', async () => {
    const gone = await scripted(() => undefined);
    const url = gone.url;
    await stop(gone.server);
    const r = await pushBundle(url, bundleOf(), { retries: 1, backoffMs: 1, timeoutMs: 2000 });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'transient' })]);
    const read = await readProgram(url, 'srp', { retries: 0 });
    expect(read.success).toBe(false);
  });
});

/**
 * A finding as a comparable string. `path` holds list indices (`plans[3]`), and `readProgram` sorts every list by
 * id, so the same record may sit at another index in the data read back: the index is replaced by the id of the
 * record it points to (`plans[3].x` -> `plans#plan-002-1.x`), which must then be the same on both sides.
 */
function findingKey(data: ProgramData, f: Finding): string {
  const path = f.path.replace(/^([a-z]+)\[(\d+)\]/i, (whole, list: string, index: string) => {
    const records = (data as unknown as Record<string, { id: string }[] | undefined>)[list];
    const record = records?.[Number(index)];
    return record ? `${list}#${record.id}` : whole;
  });
  const { path: _path, ...rest } = f;
  return JSON.stringify({ ...rest, path });
}
function allFindings(data: ProgramData, asOf: string): string[] {
  const r = evaluateProgram(data, { asOf });
  if (!r.success) throw new Error('evaluation failed');
  return [...r.data.enrolments, ...r.data.coaches]
    .flatMap((e) => e.findings)
    .map((f) => findingKey(data, f))
    .sort();
}

describe('the sample program over HTTP: same rule findings on the data read back from the server', () => {
  it('exports with asOf, pushes twice without duplicates, reads back, and evaluates identically', async () => {
    const data = sampleProgram();
    // asOf of the export = the end of the evaluation day in the program's zone (PST on 20 November 2026): the
    // coaches' recovery dates do not leave, so the export attests the recovery minimum as verified that day.
    const exported = exportProgram(data, {
      asOf: '2026-11-20T23:59:59.999-08:00',
      includeCoachRecords: true,
    });
    if (!exported.success) throw new Error(JSON.stringify(exported.issues));
    const bundle = toTransactionBundle(exported.data);
    const n = bundle.entry?.length ?? 0;
    const types = [...new Set(exported.data.map((r) => r.resourceType))];
    expect(types).toEqual(expect.arrayContaining(['Observation', 'Questionnaire', 'Encounter', 'CarePlan']));
    const server = await startFhirServer({ port: 0 });
    try {
      const first = await pushBundle(server.url, bundle);
      expect(first).toEqual(
        expect.objectContaining({
          success: true,
          data: expect.objectContaining({ created: n, existing: 0, failed: 0 }),
        }),
      );
      const counts = async () => Promise.all(types.map((t) => count(server.url, t)));
      const before = await counts();
      expect(before.reduce((a, b) => a + b, 0)).toBe(n);
      const second = await pushBundle(server.url, bundle);
      expect(second).toEqual(
        expect.objectContaining({
          success: true,
          data: expect.objectContaining({ created: 0, existing: n, failed: 0 }),
        }),
      );
      expect(await counts()).toEqual(before);

      const back = await readProgram(server.url, data.program.id);
      if (!back.success) throw new Error(JSON.stringify(back.issues));
      expect(back.data.contacts).toHaveLength(data.contacts.length);
      expect(back.data.coaches.every((c) => c.recoveryStartDate === undefined)).toBe(true);

      const original = allFindings(data, '2026-11-20');
      const fromServer = allFindings(back.data, '2026-11-20');
      expect(original).toHaveLength(20); // the README's table of expected findings
      expect(fromServer).toEqual(original);
      expect(fromServer.join('\n')).not.toContain('recovery-date-unknown');
    } finally {
      await server.close();
    }
  });

  it('without asOf the recovery minimum cannot be checked on the data read back (why the export needs asOf)', () => {
    const data = sampleProgram();
    const exported = exportProgram(data, { includeCoachRecords: true });
    if (!exported.success) throw new Error('export failed');
    const back = importBundle(toTransactionBundle(exported.data));
    if (!back.success) throw new Error('import failed');
    const extra = allFindings(back.data, '2026-11-20').filter(
      (k) => !allFindings(data, '2026-11-20').includes(k),
    );
    expect(extra.length).toBeGreaterThan(0);
    expect(extra.every((k) => k.includes('coach-eligibility.recovery-date-unknown'))).toBe(true);
  });
});

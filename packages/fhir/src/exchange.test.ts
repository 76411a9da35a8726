import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from '@fast-check/vitest';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { ProgramData } from '@peer-recovery/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTransactionBundle } from './bundle';
import { pushBundle, readProgram } from './client';
import { exampleProgram } from './example';
import { exportProgram } from './export';
import { expectedRoundTrip } from './roundtrip';
import { type FhirServer, startFhirServer } from './server';
import { arbProgramData } from './testing';

function bundleOf(data: ProgramData = exampleProgram()): Bundle {
  const r = exportProgram(data, { includeNotes: true });
  if (!r.success) throw new Error('export failed');
  return toTransactionBundle(r.resources);
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
    expect(first).toEqual(
      expect.objectContaining({ success: true, created: n, existing: 0, failed: 0, issues: [] }),
    );
    const patients = await count(fhir.url, 'Patient');
    const provenances = await count(fhir.url, 'Provenance');
    const second = await pushBundle(fhir.url, bundle);
    expect(second).toEqual(expect.objectContaining({ success: true, created: 0, existing: n, failed: 0 }));
    expect(await count(fhir.url, 'Patient')).toBe(patients);
    expect(await count(fhir.url, 'Provenance')).toBe(provenances);
    const back = await readProgram(fhir.url, 'srp', { pageSize: 3 });
    expect(back.success ? back.data : back.issues).toEqual(
      sorted(expectedRoundTrip(exampleProgram(), { includeNotes: true })),
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
    expect(r.success).toBe(false);
    expect(r.created).toBe(1);
    expect(r.failed).toBe(1);
    expect(r.entries[1]).toEqual(expect.objectContaining({ index: 1, status: 404, outcome: 'failed' }));
    expect(r.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', expression: 'Bundle.entry[1]' }),
    );
  });

  test.prop([arbProgramData()], { numRuns: 8 })(
    'reads back any generated program (modulo documented drops)',
    async (data) => {
      const server = await startFhirServer();
      try {
        const push = await pushBundle(server.url, bundleOf(data));
        expect(push.issues).toEqual([]);
        const back = await readProgram(server.url, data.program.id);
        expect(back.success ? back.data : back.issues).toEqual(
          sorted(expectedRoundTrip(data, { includeNotes: true })),
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
      expect(denied.success).toBe(false);
      expect(denied.failed).toBe(bundle.entry?.length);
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
        expect.objectContaining({ success: false, failed: bundle.entry?.length, created: 0 }),
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
      const r = await pushBundle(hang.url, bundleOf(), { retries: 1, backoffMs: 1, timeoutMs: 100 });
      expect(r.success).toBe(false);
      expect(r.issues).toEqual([expect.objectContaining({ code: 'timeout' })]);
      expect(hang.calls()).toBe(2);
    } finally {
      await stop(hang.server);
    }
  });

  it('reports a 4xx with the server OperationOutcome, scrubbed of quoted values, without retrying', async () => {
    const reject = await scripted((_n, _b, res) =>
      res.writeHead(400, { 'content-type': 'application/fhir+json' }).end(
        JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'invalid', details: { text: 'Bad name "Alex Doe"' } }],
        }),
      ),
    );
    try {
      const r = await pushBundle(reject.url, bundleOf(), { retries: 3, backoffMs: 1 });
      expect(reject.calls()).toBe(1);
      expect(r.success).toBe(false);
      expect(r.issues.map((i) => i.message)).toEqual([
        'Server rejected the bundle: HTTP 400',
        'Server: Bad name "…"',
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

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fc, test } from '@fast-check/vitest';
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { arbProgramData, EVERY_VARIATION } from '@peer-recovery/core/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toTransactionBundle, transactionEntries } from './bundle';
import { checkServerUrl, pushBundle, readProgram, redactUrl } from './client';
import { exportProgram } from './export';
import { batchEntries, planBatches, pushEntriesInBatches, pushInBatches } from './push';
import { type FhirServer, startFhirServer } from './server';
import { exampleProgram } from './testing/example';

let example: Bundle;
beforeAll(() => {
  // Exporting once here also loads the validator's definitions outside the tests' time.
  const r = exportProgram(exampleProgram());
  if (!r.success) throw new Error('export failed');
  example = toTransactionBundle(r.data);
});
const bundleOf = (): Bundle => structuredClone(example);

type Handler = (n: number, req: IncomingMessage, body: string, res: ServerResponse) => void | Promise<void>;

/** A recording HTTP server on 127.0.0.1: every request's method, path, headers and body are kept. */
async function recording(handler: Handler) {
  const seen: { method: string; url: string; auth?: string; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
        body,
      });
      void handler(seen.length - 1, req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, seen };
}
const stop = (s: Server) =>
  new Promise<void>((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections();
  });

/** Forwards a request to the embedded FHIR server and answers with its answer. */
async function forward(to: string, path: string, method: string, body: string, res: ServerResponse) {
  const answer = await fetch(`${to}${path}`, {
    method,
    headers: { 'content-type': 'application/fhir+json' },
    ...(method === 'GET' ? {} : { body }),
  });
  res.writeHead(answer.status, { 'content-type': 'application/fhir+json' });
  res.end(await answer.text());
}

async function countAll(url: string, bundle: Bundle): Promise<number> {
  const types = new Set((bundle.entry ?? []).map((e) => e.resource?.resourceType as string));
  let n = 0;
  for (const t of types) {
    const body = (await (await fetch(`${url}/${t}?_count=5000`)).json()) as Bundle;
    n += body.entry?.length ?? 0;
  }
  return n;
}

describe('server URL checks', () => {
  it('refuses credentials, queries and a token over plain http to another host; never echoes the URL', () => {
    const cases = [
      'https://alice:S3cret@fhir.example.org/r4',
      'https://fhir.example.org/r4?token=S3cret',
      'https://fhir.example.org/r4#S3cret',
      'ftp://fhir.example.org',
      'not a url S3cret',
    ];
    for (const url of cases) {
      const r = checkServerUrl(url);
      expect(r.success).toBe(false);
      expect(JSON.stringify(r)).not.toContain('S3cret');
    }
    expect(checkServerUrl('http://fhir.example.org/r4', { token: 't' }).success).toBe(false);
    expect(
      checkServerUrl('http://fhir.example.org/r4', { token: 't', allowInsecureHttp: true }).success,
    ).toBe(true);
    expect(checkServerUrl('http://fhir.example.org/r4').success).toBe(true);
    for (const host of ['127.0.0.1:8103', 'localhost', '[::1]:9'])
      expect(checkServerUrl(`http://${host}/r4/`, { token: 't' })).toEqual({
        success: true,
        data: `http://${host}/r4`,
        issues: [],
      });
    expect(redactUrl('https://u:pw@fhir.example.org/r4/?token=abc#x')).toBe('https://fhir.example.org/r4');
  });

  it('pushBundle, readProgram and pushInBatches send nothing to a URL with credentials', async () => {
    const server = await recording((_n, _q, _b, res) => {
      res.end('{}');
    });
    try {
      const withUser = server.url.replace('http://', 'http://user:pw@');
      const r = await pushBundle(withUser, bundleOf(), { retries: 0 });
      expect(r.success).toBe(false);
      expect(r.issues[0]?.code).toBe('security');
      const read = await readProgram(`${server.url}/?access_token=x`, 'srp', { retries: 0 });
      expect(read.success).toBe(false);
      // A batched push sends nothing either, and counts every entry of the bundle as failed.
      const bundle = bundleOf();
      const batched = await pushInBatches(withUser, bundle, { retries: 0 });
      if (batched.success) expect.fail('a push to a URL with credentials fails');
      expect(batched.outcome).toEqual(
        expect.objectContaining({ created: 0, failed: bundle.entry?.length, skipped: 0 }),
      );
      expect(batched.outcome.report.batches).toEqual([]);
      expect(server.seen).toHaveLength(0);
    } finally {
      await stop(server.server);
    }
  });
});

describe('redirects', () => {
  let fhir: FhirServer;
  beforeAll(async () => {
    fhir = await startFhirServer();
  });
  afterAll(async () => {
    await fhir.close();
  });

  it('never follows a redirect to another origin: the other host receives nothing', async () => {
    const elsewhere = await recording((_n, _q, _b, res) => {
      res.end('{}');
    });
    const redirector = await recording((_n, _q, _b, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/` });
      res.end();
    });
    try {
      const r = await pushBundle(redirector.url, bundleOf(), { retries: 0, token: 'tok' });
      expect(r.success).toBe(false);
      expect(r.issues[0]).toEqual(
        expect.objectContaining({ code: 'security', message: expect.stringContaining('another origin') }),
      );
      expect(redirector.seen).toHaveLength(1);
      expect(elsewhere.seen).toHaveLength(0);
    } finally {
      await stop(redirector.server);
      await stop(elsewhere.server);
    }
  });

  it('follows a same-origin redirect, re-sending the bundle and the token there', async () => {
    const proxy = await recording(async (_n, req, body, res) => {
      if (req.url?.startsWith('/old')) {
        res.writeHead(308, { location: '/new/' });
        res.end();
      } else await forward(fhir.url, (req.url ?? '/').replace(/^\/new/, ''), req.method ?? 'GET', body, res);
    });
    try {
      const bundle = bundleOf();
      const r = await pushBundle(`${proxy.url}/old`, bundle, { retries: 0, token: 'tok' });
      expect(r.issues).toEqual([]);
      if (!r.success) expect.fail('the push through a redirect succeeds');
      expect(r.data.created + r.data.existing).toBe(bundle.entry?.length);
      expect(proxy.seen.map((s) => [s.method, s.url, s.auth])).toEqual([
        ['POST', '/old/', 'Bearer tok'],
        ['POST', '/new/', 'Bearer tok'],
      ]);
    } finally {
      await stop(proxy.server);
    }
  });
});

describe('planBatches', () => {
  test.prop([arbProgramData(EVERY_VARIATION), fc.integer({ min: 1, max: 40 })], { numRuns: 15 })(
    'covers every entry once, refers only to the same or earlier batches, keeps the size',
    (data, size) => {
      const r = exportProgram(data);
      if (!r.success) return;
      const bundle = toTransactionBundle(r.data);
      const batches = planBatches(bundle, size);
      const entries = bundle.entry ?? [];
      const batchOf = new Map<string, number>();
      batches.forEach((b, k) => {
        for (const i of b) batchOf.set(entries[i]?.fullUrl as string, k);
      });
      expect(batches.flat().sort((a, b) => a - b)).toEqual(entries.map((_, i) => i));
      batches.forEach((b, k) => {
        for (const i of b)
          for (const m of JSON.stringify(entries[i]?.resource).matchAll(/"reference":"(urn:uuid:[^"]+)"/g)) {
            const j = batchOf.get(m[1] as string);
            if (j !== undefined) expect(j).toBeLessThanOrEqual(k);
          }
      });
      // Only a reference cycle may make a batch larger than the size (the export has some: an EpisodeOfCare and the
      // ServiceRequests of its exit referrals name each other): every entry of such a batch is on a cycle in it.
      const refs = (i: number) =>
        [...JSON.stringify(entries[i]?.resource).matchAll(/"reference":"(urn:uuid:[^"]+)"/g)].map(
          (m) => m[1],
        );
      for (const b of batches) {
        if (b.length <= size) continue;
        const inBatch = new Set(b.map((i) => entries[i]?.fullUrl));
        for (const i of b) {
          const out = refs(i).some((u) => u !== entries[i]?.fullUrl && inBatch.has(u));
          const into = b.some((j) => j !== i && refs(j).includes(entries[i]?.fullUrl));
          expect(out && into).toBe(true);
        }
      }
    },
  );

  test.prop(
    [
      fc
        .integer({ min: 1, max: 14 })
        .chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.array(fc.nat({ max: n }), { maxLength: 3 }), { minLength: n, maxLength: n }),
          ),
        ),
      fc.integer({ min: 1, max: 6 }),
    ],
    { numRuns: 300 },
  )(
    'gives the batches of the plain rule: reference cycles kept together, then always the ready group of the earliest entry',
    ([n, refs], size) => {
      // Entry i refers to the entries in refs[i] (n: an entry outside the bundle).
      const url = (i: number) => `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: refs.map((to, i) => ({
          fullUrl: url(i),
          resource: {
            resourceType: 'Basic',
            code: { text: 'x' },
            extension: to.map((j) => ({
              url: 'http://example.org/ref',
              valueReference: { reference: url(j) },
            })),
          },
        })),
      };
      // The plain rule, written out: i and j are in one group when each reaches the other; a group is ready when
      // every group it refers to is placed; the ready group with the earliest entry goes first; groups fill batches
      // of `size` in that order, a group never cut.
      const reach = refs.map((_, i) => {
        const seen = new Set<number>([i]);
        const todo = [i];
        for (let k = todo.pop(); k !== undefined; k = todo.pop())
          for (const j of refs[k] ?? []) if (j < n && !seen.has(j)) todo.push(seen.add(j) && j);
        return seen;
      });
      const groupOf = refs.map((_, i) => refs.findIndex((_, j) => reach[i]?.has(j) && reach[j]?.has(i)));
      const groups = [...new Set(groupOf)].map((g) => refs.map((_, i) => i).filter((i) => groupOf[i] === g));
      const placed = new Set<number>();
      const order: number[][] = [];
      while (order.length < groups.length) {
        const next = groups.find(
          (g) =>
            !placed.has(g[0] as number) &&
            g.every((i) =>
              (refs[i] ?? []).every((j) => j >= n || placed.has(groupOf[j] as number) || g.includes(j)),
            ),
        ) as number[];
        placed.add(next[0] as number);
        order.push(next);
      }
      const expected: number[][] = [];
      let cur: number[] = [];
      for (const g of order) {
        if (cur.length > 0 && cur.length + g.length > size) {
          expected.push(cur);
          cur = [];
        }
        cur.push(...g);
      }
      if (cur.length > 0) expected.push(cur);
      expect(planBatches(bundle, size)).toEqual(expected);
    },
  );

  it('keeps a reference cycle in one batch', () => {
    const entry = (n: number, to: number): BundleEntry => ({
      fullUrl: `urn:uuid:00000000-0000-4000-8000-00000000000${n}`,
      resource: {
        resourceType: 'Basic',
        code: { text: 'x' },
        subject: { reference: `urn:uuid:00000000-0000-4000-8000-00000000000${to}` },
      },
    });
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [entry(0, 9), entry(1, 2), entry(2, 1), entry(3, 9)],
    };
    expect(planBatches(bundle, 1)).toEqual([[0], [1, 2], [3]]);
  });
});

/** Entries of a made-up stream: entry i refers to the entries in refs[i] (n or more: an entry not in the stream). */
const refEntries = (refs: readonly (readonly number[])[]): BundleEntry[] => {
  const url = (i: number) => `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return refs.map((to, i) => ({
    fullUrl: url(i),
    resource: {
      resourceType: 'Basic',
      code: { text: 'x' },
      extension: to.map((j) => ({ url: 'http://example.org/ref', valueReference: { reference: url(j) } })),
    },
  }));
};

describe('batchEntries', () => {
  test.prop(
    [
      fc
        .integer({ min: 1, max: 30 })
        .chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.array(fc.nat({ max: n + 2 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
          ),
        ),
      fc.integer({ min: 1, max: 8 }),
    ],
    { numRuns: 400 },
  )(
    'keeps the stream order, refers only to the same or earlier batches, and closes each batch as soon as it may',
    ([n, refs], size) => {
      const entries = refEntries(refs);
      const batches = [...batchEntries(entries, size)];
      expect(batches.flat()).toEqual(entries);
      const batchOf: number[] = batches.flatMap((b, k) => b.map(() => k));
      refs.forEach((to, i) => {
        for (const j of to) if (j < n) expect(batchOf[j]).toBeLessThanOrEqual(batchOf[i] as number);
      });
      // A batch closes at the first entry from `size` on after which no entry read refers to one still unread.
      let start = 0;
      batches.forEach((b, k) => {
        const last = k === batches.length - 1;
        for (let len = 1; len <= b.length; len++) {
          const end = start + len; // entries read: 0 .. end - 1
          const waiting = refs.slice(0, end).some((to) => to.some((j) => j >= end));
          const mayClose = len >= size && !waiting;
          if (len < b.length) expect(mayClose).toBe(false);
          else if (!last) expect(mayClose).toBe(true);
        }
        start += b.length;
      });
    },
  );

  test.prop([arbProgramData(EVERY_VARIATION)], { numRuns: 20 })(
    "with the export in peer order, a batch closes at each peer's end: no batch holds two peers' resources",
    (data) => {
      const byKind = exportProgram(data);
      const byPeer = exportProgram(data, { order: 'peer' });
      if (!byKind.success || !byPeer.success) return;
      // The same resources either way.
      const key = (r: { resourceType: string; id?: string | undefined }) => `${r.resourceType}/${r.id}`;
      expect(new Map(byPeer.data.map((r) => [key(r), r]))).toEqual(
        new Map(byKind.data.map((r) => [key(r), r])),
      );
      expect(byPeer.data).toHaveLength(byKind.data.length);
      const batches = [...batchEntries(transactionEntries(byPeer.data), 1)];
      for (const b of batches)
        expect(b.filter((e) => e.resource?.resourceType === 'Patient').length).toBeLessThanOrEqual(1);
      expect(batches.length).toBeGreaterThan(data.peers.length);
    },
  );
});

describe('pushInBatches', () => {
  let fhir: FhirServer;
  beforeEach(async () => {
    fhir = await startFhirServer();
  });
  afterEach(async () => {
    await fhir.close();
  });

  it('pushes batch by batch, references across batches resolved, and a re-run creates nothing', async () => {
    const bundle = bundleOf();
    const n = bundle.entry?.length ?? 0;
    expect(planBatches(bundle, 8).length).toBeGreaterThan(3);
    const reports: number[] = [];
    const located: [number, number][] = [];
    const r = await pushInBatches(fhir.url, bundle, {
      batchSize: 8,
      retries: 0,
      onBatch: (rep) => {
        const done = rep.batches.filter((b) => b.status === 'done');
        reports.push(done.length);
        // Each batch done has the location of every one of its entries.
        for (const b of done) located.push([Object.keys(b.locations).length, b.entries]);
      },
    });
    for (const [have, want] of located) expect(have).toBe(want);
    expect(r.issues).toEqual([]);
    // One Result shape (issue 9, section 2): a done push has its totals and report in `data`.
    if (!r.success) expect.fail('the batched push succeeds');
    expect(r.data).toEqual(expect.objectContaining({ created: n, existing: 0, failed: 0 }));
    expect(reports).toEqual(r.data.report.batches.map((_, k) => k + 1));
    expect(await countAll(fhir.url, bundle)).toBe(n);
    const again = await pushInBatches(fhir.url, bundle, { batchSize: 8, retries: 0 });
    expect(again).toEqual(
      expect.objectContaining({ success: true, data: expect.objectContaining({ created: 0, existing: n }) }),
    );
    const read = await readProgram(fhir.url, exampleProgram().program.id);
    expect(read.success).toBe(true);
  });

  it('after a connection dropped mid-batch, the re-run completes with no duplicates and says what went', async () => {
    const bundle = bundleOf();
    const n = bundle.entry?.length ?? 0;
    let dropped = false;
    const proxy = await recording(async (k, req, body, res) => {
      if (k === 2 && !dropped) {
        dropped = true;
        // The server stores the batch, but the answer never arrives.
        await fetch(`${fhir.url}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/fhir+json' },
          body,
        });
        req.socket.destroy();
        return;
      }
      await forward(fhir.url, req.url ?? '/', req.method ?? 'GET', body, res);
    });
    try {
      const first = await pushInBatches(proxy.url, bundle, { batchSize: 8, retries: 0 });
      // A failed push keeps its totals and resumable report in `outcome` (one Result shape, issue 9 section 2).
      if (first.success) expect.fail('the interrupted push is not a success');
      // The report lists the batches sent: it ends at the one that did not go through.
      expect(first.outcome.report.batches.map((b) => b.status)).toEqual(['done', 'done', 'incomplete']);
      expect(first.issues[0]?.message).toMatch(/^Batch 3 of \d+: Network error/);
      const second = await pushInBatches(proxy.url, bundle, {
        batchSize: 8,
        retries: 0,
        resume: first.outcome.report,
      });
      if (!second.success) expect.fail('the resumed push succeeds');
      expect(second.data.skipped).toBe(16);
      expect(second.data.existing).toBe(first.outcome.report.batches[2]?.entries);
      expect(second.data.created + second.data.existing + second.data.skipped).toBe(n);
      expect(second.data.report.batches.every((b) => b.status === 'done')).toBe(true);
      expect(await countAll(fhir.url, bundle)).toBe(n);
    } finally {
      await stop(proxy.server);
    }
  });

  it('after a transaction of which the server accepted only some entries, the re-run completes them', async () => {
    const bundle = bundleOf();
    const n = bundle.entry?.length ?? 0;
    let partial = false;
    const proxy = await recording(async (k, req, body, res) => {
      if (k === 1 && !partial) {
        partial = true;
        const sent = JSON.parse(body) as Bundle;
        const half = Math.floor((sent.entry?.length ?? 0) / 2);
        const answer = (await (
          await fetch(`${fhir.url}/`, {
            method: 'POST',
            headers: { 'content-type': 'application/fhir+json' },
            body: JSON.stringify({ ...sent, entry: sent.entry?.slice(0, half) }),
          })
        ).json()) as Bundle;
        const refused = (sent.entry ?? []).slice(half).map(() => ({
          response: {
            status: '422',
            outcome: {
              resourceType: 'OperationOutcome',
              issue: [{ severity: 'error', code: 'processing', details: { text: 'Quota reached' } }],
            },
          },
        }));
        res.writeHead(200, { 'content-type': 'application/fhir+json' });
        res.end(JSON.stringify({ ...answer, entry: [...(answer.entry ?? []), ...refused] }));
        return;
      }
      await forward(fhir.url, req.url ?? '/', req.method ?? 'GET', body, res);
    });
    try {
      const first = await pushInBatches(proxy.url, bundle, { batchSize: 8, retries: 0 });
      if (first.success) expect.fail('a push with refused entries is not a success');
      const batch = first.outcome.report.batches[1];
      expect(batch).toEqual(expect.objectContaining({ status: 'incomplete', created: 4, failed: 4 }));
      expect(first.outcome.created).toBe(12);
      const second = await pushInBatches(proxy.url, bundle, {
        batchSize: 8,
        retries: 0,
        resume: first.outcome.report,
      });
      expect(second).toEqual(
        expect.objectContaining({
          success: true,
          data: expect.objectContaining({ skipped: 8, existing: 4, created: n - 12 }),
        }),
      );
      expect(await countAll(fhir.url, bundle)).toBe(n);
    } finally {
      await stop(proxy.server);
    }
  });

  it('pushes a stream of entries batch by batch, each Bundle with the given meta, and resumes it', async () => {
    const exported = exportProgram(exampleProgram(), { order: 'peer' });
    if (!exported.success) expect.fail('the export succeeds');
    const entries = () => transactionEntries(exported.data);
    const n = exported.data.length;
    const meta = {
      security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }],
    };
    let cut = false;
    const proxy = await recording(async (k, req, body, res) => {
      if (k === 2 && !cut) {
        cut = true;
        req.socket.destroy(); // the third batch never reaches the server
        return;
      }
      await forward(fhir.url, req.url ?? '/', req.method ?? 'GET', body, res);
    });
    try {
      const first = await pushEntriesInBatches(proxy.url, entries(), { batchSize: 8, retries: 0, meta });
      if (first.success) expect.fail('the interrupted push is not a success');
      expect(first.outcome.report.batches.map((b) => b.status)).toEqual(['done', 'done', 'incomplete']);
      expect(first.issues[0]?.message).toMatch(/^Batch 3: Network error/);
      const second = await pushEntriesInBatches(proxy.url, entries(), {
        batchSize: 8,
        retries: 0,
        meta,
        resume: first.outcome.report,
      });
      if (!second.success) expect.fail('the resumed push succeeds');
      const sizes = [...batchEntries(entries(), 8)].map((b) => b.length);
      expect(second.data.report.batches.map((b) => b.entries)).toEqual(sizes);
      expect(second.data.skipped).toBe((sizes[0] ?? 0) + (sizes[1] ?? 0));
      expect(second.data.created + second.data.skipped).toBe(n);
      expect(await countAll(fhir.url, toTransactionBundle(exported.data))).toBe(n);
      const posted = proxy.seen.filter((x) => x.method === 'POST').map((x) => JSON.parse(x.body) as Bundle);
      expect(posted.length).toBe(sizes.length - 2 + 3);
      for (const b of posted) expect(b.meta).toEqual(meta);
      const read = await readProgram(fhir.url, exampleProgram().program.id);
      expect(read.success).toBe(true);
    } finally {
      await stop(proxy.server);
    }
  });

  it('stops, and says so, when reading the entries fails', async () => {
    const exported = exportProgram(exampleProgram(), { order: 'peer' });
    if (!exported.success) expect.fail('the export succeeds');
    const some = [...transactionEntries(exported.data)].slice(0, 10);
    const failing = (function* () {
      yield* some;
      throw new Error('disk gone');
    })();
    const r = await pushEntriesInBatches(fhir.url, failing, { batchSize: 8, retries: 0 });
    if (r.success) expect.fail('a push whose entries could not be read is not a success');
    expect(r.outcome.report.batches.map((b) => [b.status, b.entries])).toEqual([['done', 8]]);
    expect(r.issues.map((i) => i.message)).toEqual(['Reading the entries to push failed: stopped']);
  });

  it('starts over, with a warning, on a report of another bundle, server or batch size', async () => {
    const bundle = bundleOf();
    const first = await pushInBatches(fhir.url, bundle, { batchSize: 100, retries: 0 });
    if (!first.success) expect.fail('the first push succeeds');
    const report = first.data.report;
    const [b0, ...rest] = report.batches;
    if (b0 === undefined) expect.fail('one batch at least');
    for (const resume of [
      { ...report, batches: [{ ...b0, sha256: 'x' }, ...rest] },
      { ...report, server: 'http://127.0.0.1:1' },
      { ...report, batchSize: 99 },
    ]) {
      const other = await pushInBatches(fhir.url, bundle, { batchSize: 100, retries: 0, resume });
      if (!other.success) expect.fail('the push that starts over succeeds');
      expect(other.data.skipped).toBe(0);
      expect(other.data.existing).toBe(bundle.entry?.length);
      expect(other.issues.map((i) => i.severity)).toEqual(['warning']);
    }
  });

  it('resumes a changed bundle only as far as its batches are unchanged', async () => {
    const bundle = bundleOf();
    const first = await pushInBatches(fhir.url, bundle, { batchSize: 8, retries: 0 });
    if (!first.success) expect.fail('the first push succeeds');
    const batches = first.data.report.batches;
    expect(batches.length).toBeGreaterThan(3);
    // The third batch's digest differs (as if its entries had changed): the first two are skipped, the rest sent.
    const resume = {
      ...first.data.report,
      batches: batches.map((b, k) => (k === 2 ? { ...b, sha256: '0'.repeat(64) } : b)),
    };
    const again = await pushInBatches(fhir.url, bundle, { batchSize: 8, retries: 0, resume });
    if (!again.success) expect.fail('the resumed push succeeds');
    expect(again.data.skipped).toBe((batches[0]?.entries ?? 0) + (batches[1]?.entries ?? 0));
    expect(again.data.created).toBe(0);
    expect(again.data.skipped + again.data.existing).toBe(bundle.entry?.length);
    expect(again.issues.map((i) => i.message)).toEqual([
      'The push report matches the first 2 batch(es) only: sending from batch 3',
    ]);
    // The report it gives back is the same as the first (same server ids), whole again.
    expect(again.data.report.batches.map((b) => b.sha256)).toEqual(batches.map((b) => b.sha256));
    expect(again.data.report.batches.map((b) => b.locations)).toEqual(batches.map((b) => b.locations));
  });
});

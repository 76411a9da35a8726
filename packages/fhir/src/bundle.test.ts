import type { Bundle, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import {
  ifNoneExistQuery,
  ndjsonLines,
  toNdjson,
  toTransactionBundle,
  transactionBundleChunks,
  transactionEntries,
} from './bundle';
import { withBundleMeta } from './disclosure';
import { exportProgram } from './export';
import { exampleProgram } from './testing/example';

function resources(): Resource[] {
  const r = exportProgram(exampleProgram(), { includeNotes: true });
  if (!r.success) throw new Error('export failed');
  return r.data;
}

function references(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) references(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === 'reference' && typeof x === 'string') out.push(x);
      else references(x, out);
    }
  return out;
}

describe('toTransactionBundle', () => {
  it('gives every entry a urn:uuid fullUrl and a conditional POST', () => {
    const list = resources();
    const bundle = toTransactionBundle(list);
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry).toHaveLength(list.length);
    bundle.entry?.forEach((e, i) => {
      const r = list[i] as Resource;
      expect(e.fullUrl).toBe(`urn:uuid:${r.id}`);
      expect(e.request?.method).toBe('POST');
      expect(e.request?.url).toBe(r.resourceType);
      expect(e.request?.ifNoneExist).toMatch(/^(identifier|_tag)=[^|]+\|.+$/);
      expect(e.resource?.id).toBeUndefined();
    });
  });

  it('rewrites every internal reference to the fullUrl of its target', () => {
    const bundle = toTransactionBundle(resources());
    const fullUrls = new Set(bundle.entry?.map((e) => e.fullUrl));
    const refs = references(bundle.entry?.map((e) => e.resource));
    expect(refs.length).toBeGreaterThan(30);
    for (const ref of refs) expect(fullUrls.has(ref)).toBe(true);
  });

  it('does not modify its input and is deterministic', () => {
    const list = resources();
    const copy = structuredClone(list);
    const a = toTransactionBundle(list);
    expect(list).toEqual(copy);
    expect(toTransactionBundle(copy)).toEqual(a);
  });

  it('derives a UUID fullUrl for a non-UUID id and leaves outside references alone', () => {
    const bundle: Bundle = toTransactionBundle([
      { resourceType: 'Patient', id: 'p1', identifier: [{ system: 'urn:x', value: '1' }] },
      {
        resourceType: 'Observation',
        id: 'o1',
        status: 'final',
        code: { text: 'x' },
        subject: { reference: 'Patient/p1' },
        performer: [{ reference: 'Practitioner/elsewhere' }],
      },
    ]);
    const [p, o] = bundle.entry ?? [];
    expect(p?.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(references(o?.resource)).toEqual([p?.fullUrl, 'Practitioner/elsewhere']);
    expect(o?.request?.ifNoneExist).toBeUndefined();
  });
});

describe('ifNoneExistQuery', () => {
  it('uses the business identifier, or the record-key tag of a Provenance', () => {
    expect(
      ifNoneExistQuery({
        resourceType: 'Patient',
        identifier: [{ system: 'https://x.org/a b', value: 'p|1' }],
      }),
    ).toBe('identifier=https%3A%2F%2Fx.org%2Fa%20b|p%7C1');
    const prov = resources().find((r) => r.resourceType === 'Provenance') as Resource;
    expect(ifNoneExistQuery(prov)).toMatch(
      /^_tag=https%3A%2F%2Fpeer-recovery\.dev%2Ffhir%2FCodeSystem%2Frecord-key\|/,
    );
  });
});

describe('toNdjson', () => {
  it('writes one file per type, one resource per line, in order', () => {
    const list = resources();
    const files = toNdjson(list);
    expect([...files.keys()].sort()).toEqual([...new Set(list.map((r) => r.resourceType))].sort());
    for (const [type, text] of files) {
      expect(text.endsWith('\n')).toBe(true);
      const lines = text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Resource);
      expect(lines).toEqual(list.filter((r) => r.resourceType === type));
    }
  });
});

describe('streaming writers', () => {
  it('transactionBundleChunks gives, chunk by chunk, the JSON of toTransactionBundle', () => {
    const r = exportProgram(exampleProgram(), { includeNotes: true });
    if (!r.success) throw new Error('export failed');
    const chunks = [...transactionBundleChunks(r.data)];
    expect(chunks.length).toBe(r.data.length + 2);
    expect(JSON.parse(chunks.join(''))).toEqual(toTransactionBundle(r.data));
    const meta = {
      security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }],
    };
    expect(JSON.parse([...transactionBundleChunks(r.data, meta)].join(''))).toEqual(
      withBundleMeta(toTransactionBundle(r.data), meta),
    );
  });

  it('transactionEntries gives the entries of toTransactionBundle, with or without the targets named', () => {
    const r = exportProgram(exampleProgram(), { includeNotes: true });
    if (!r.success) throw new Error('export failed');
    const whole = toTransactionBundle(r.data).entry;
    expect([...transactionEntries(r.data)]).toEqual(whole);
    // With targets, a reference to a resource not among them stays as it is, as in toTransactionBundle.
    const some = r.data.filter((x) => x.resourceType !== 'Organization');
    const targets = new Set(some.map((x) => `${x.resourceType}/${x.id}`));
    const entries = [...transactionEntries(some, targets)];
    expect(entries).toEqual(toTransactionBundle(some).entry);
    expect(JSON.stringify(entries)).toMatch(/"reference":"Organization\//);
    expect(JSON.stringify([...transactionEntries(some)])).not.toMatch(/"reference":"Organization\//);
  });

  it('ndjsonLines gives the lines of toNdjson, one resource at a time, from any iterable', () => {
    const r = exportProgram(exampleProgram());
    if (!r.success) throw new Error('export failed');
    const files = new Map<string, string>();
    function* once() {
      yield* r.success ? r.data : [];
    }
    for (const { resourceType, line } of ndjsonLines(once())) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      files.set(resourceType, `${files.get(resourceType) ?? ''}${line}`);
    }
    expect(files).toEqual(toNdjson(r.data));
  });
});

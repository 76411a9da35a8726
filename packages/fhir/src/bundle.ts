import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { SYSTEMS } from './codes';
import { deterministicUuid, isUuid } from './ids';

/** The `urn:uuid:` full URL a resource gets in a transaction bundle: its id when that is a UUID, else a name-based UUID. */
function fullUrlOf(resourceType: string, id: string): string {
  return `urn:uuid:${isUuid(id) ? id : deterministicUuid(`${resourceType}/${id}`)}`;
}

function rewriteReferences(value: unknown, map: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, map));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === 'reference' && typeof v === 'string' ? (map.get(v) ?? v) : rewriteReferences(v, map);
  }
  return out;
}

function firstIdentifier(resource: Record<string, unknown>): { system: string; value: string } | undefined {
  const raw = resource.identifier;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  for (const i of list) {
    if (typeof i === 'object' && i !== null) {
      const { system, value } = i as { system?: unknown; value?: unknown };
      if (typeof system === 'string' && typeof value === 'string') return { system, value };
    }
  }
  return undefined;
}

function recordKeyTag(resource: Record<string, unknown>): { system: string; code: string } | undefined {
  const meta = resource.meta as { tag?: { system?: string; code?: string }[] } | undefined;
  const t = meta?.tag?.find((x) => x.system === SYSTEMS.recordKey && typeof x.code === 'string');
  return t ? { system: t.system as string, code: t.code as string } : undefined;
}

/**
 * The conditional-create query of a resource: `identifier=system|value` from its first business identifier, or
 * `_tag=system|code` from its record-key tag (Provenance has no identifier). Undefined when it has neither.
 *
 * @example
 * ifNoneExistQuery({ resourceType: 'Patient', identifier: [{ system: 'urn:x', value: 'p1' }] });
 * // 'identifier=urn%3Ax|p1'
 */
export function ifNoneExistQuery(resource: Resource): string | undefined {
  const r = resource as unknown as Record<string, unknown>;
  const id = firstIdentifier(r);
  if (id) return `identifier=${encodeURIComponent(id.system)}|${encodeURIComponent(id.value)}`;
  const tag = recordKeyTag(r);
  if (tag) return `_tag=${encodeURIComponent(tag.system)}|${encodeURIComponent(tag.code)}`;
  return undefined;
}

/**
 * Wraps resources in a FHIR `transaction` Bundle: each entry gets a `urn:uuid:` fullUrl (the resource's UUID id,
 * or a name-based UUID of `type/id`), every relative reference `Type/id` to a resource of the bundle is rewritten
 * to that fullUrl, the resource's own `id` is dropped (servers assign ids on POST), and the request is a
 * `POST` with `ifNoneExist` on the business identifier, so sending the same bundle again creates nothing new.
 * The input is not modified; the output is the same for the same input.
 *
 * @example
 * const r = exportProgram(data);
 * if (r.success) await fetch(`${base}/`, { method: 'POST', body: JSON.stringify(toTransactionBundle(r.resources)) });
 */
export function toTransactionBundle(resources: readonly Resource[]): Bundle {
  const map = new Map<string, string>();
  for (const r of resources)
    if (r.id !== undefined) map.set(`${r.resourceType}/${r.id}`, fullUrlOf(r.resourceType, r.id));
  const entry: BundleEntry[] = resources.map((r, i) => {
    const copy = rewriteReferences(r, map) as Record<string, unknown>;
    delete copy.id;
    const fullUrl =
      r.id !== undefined
        ? (map.get(`${r.resourceType}/${r.id}`) as string)
        : `urn:uuid:${deterministicUuid(`${r.resourceType}#${i}`)}`;
    const ifNoneExist = ifNoneExistQuery(r);
    return {
      fullUrl,
      resource: copy as unknown as Resource,
      request: { method: 'POST', url: r.resourceType, ...(ifNoneExist ? { ifNoneExist } : {}) },
    };
  });
  return { resourceType: 'Bundle', type: 'transaction', entry };
}

/**
 * Writes resources as FHIR Bulk Data NDJSON: one file per resource type (the map key), one resource per line, each
 * line ending with `\n`, in input order. References stay relative (`Type/id`).
 *
 * @example
 * const files = toNdjson(resources);
 * for (const [type, text] of files) writeFileSync(`${type}.ndjson`, text);
 */
export function toNdjson(resources: readonly Resource[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of resources)
    out.set(r.resourceType, `${out.get(r.resourceType) ?? ''}${JSON.stringify(r)}\n`);
  return out;
}

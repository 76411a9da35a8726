import type { Bundle, BundleEntry, Meta, Resource } from '@medplum/fhirtypes';
import { SYSTEMS } from './codes';
import { deterministicUuid, isUuid } from './ids';

/** The `urn:uuid:` full URL a resource gets in a transaction bundle: its id when that is a UUID, else a name-based UUID. */
function fullUrlOf(resourceType: string, id: string): string {
  return `urn:uuid:${isUuid(id) ? id : deterministicUuid(`${resourceType}/${id}`)}`;
}

function rewriteReferences(value: unknown, fullUrlFor: (reference: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, fullUrlFor));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      k === 'reference' && typeof v === 'string' ? (fullUrlFor(v) ?? v) : rewriteReferences(v, fullUrlFor);
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

/** The transaction entry of a resource: references rewritten by `fullUrlFor` (undefined: kept as they are). */
function transactionEntry(
  r: Resource,
  i: number,
  fullUrlFor: (reference: string) => string | undefined,
): BundleEntry {
  const copy = rewriteReferences(r, fullUrlFor) as Record<string, unknown>;
  delete copy.id;
  const fullUrl =
    r.id !== undefined
      ? fullUrlOf(r.resourceType, r.id)
      : `urn:uuid:${deterministicUuid(`${r.resourceType}#${i}`)}`;
  const ifNoneExist = ifNoneExistQuery(r);
  return {
    fullUrl,
    resource: copy as unknown as Resource,
    request: { method: 'POST', url: r.resourceType, ...(ifNoneExist ? { ifNoneExist } : {}) },
  };
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
 * if (r.success) await fetch(`${base}/`, { method: 'POST', body: JSON.stringify(toTransactionBundle(r.data)) });
 */
export function toTransactionBundle(resources: readonly Resource[]): Bundle {
  const targets = new Set<string>();
  for (const r of resources) if (r.id !== undefined) targets.add(`${r.resourceType}/${r.id}`);
  return { resourceType: 'Bundle', type: 'transaction', entry: [...transactionEntries(resources, targets)] };
}

const RELATIVE_REFERENCE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

/** The fullUrl of a relative reference `Type/id`, or undefined when it is not one. */
function referencedFullUrl(ref: string): string | undefined {
  const m = RELATIVE_REFERENCE.exec(ref);
  return m ? fullUrlOf(m[1] as string, m[2] as string) : undefined;
}

/**
 * The entries of {@link toTransactionBundle}, made one at a time as they are read, so a bundle of any size can be
 * written or sent in batches without being held. With `targets` (the `Type/id` of every resource the bundle will
 * hold), a relative reference is rewritten to its target's fullUrl only when the target is among them, exactly as
 * `toTransactionBundle` does; without it, every relative reference `Type/id` is rewritten, which gives the same
 * entries when every reference points to a resource of the stream (as in `exportProgram`'s output).
 *
 * @example
 * for (const entry of transactionEntries(resources)) batch.push(entry);
 */
export function* transactionEntries(
  resources: Iterable<Resource>,
  targets?: ReadonlySet<string>,
): Generator<BundleEntry> {
  const fullUrlFor =
    targets === undefined
      ? referencedFullUrl
      : (ref: string) => {
          if (!targets.has(ref)) return undefined;
          const slash = ref.indexOf('/');
          return fullUrlOf(ref.slice(0, slash), ref.slice(slash + 1));
        };
  let i = 0;
  for (const r of resources) yield transactionEntry(r, i++, fullUrlFor);
}

/**
 * {@link toTransactionBundle} as a stream of JSON text, one entry at a time, so a Bundle of any size is written
 * without ever being one string: concatenated, the chunks are the JSON of the same Bundle when every relative
 * reference `Type/id` points to a resource of the stream (as in `exportProgram`'s output: a reference is rewritten
 * to the target's `urn:uuid:` fullUrl without looking the target up). Entries are one per line. With `meta`, the
 * Bundle carries it (as `withBundleMeta` puts it on a Bundle held whole).
 *
 * @example
 * for (const chunk of transactionBundleChunks(resources)) out.write(chunk);
 */
export function* transactionBundleChunks(resources: Iterable<Resource>, meta?: Meta): Generator<string> {
  yield `{"resourceType":"Bundle","type":"transaction",${meta === undefined ? '' : `"meta":${JSON.stringify(meta)},`}"entry":[\n`;
  let first = true;
  for (const entry of transactionEntries(resources)) {
    yield `${first ? '' : ',\n'}${JSON.stringify(entry)}`;
    first = false;
  }
  yield '\n]}\n';
}

/**
 * The NDJSON line of each resource (its JSON and `\n`) with its resource type, the file it belongs to in the Bulk
 * Data layout; one at a time, in input order.
 *
 * @example
 * for (const { resourceType, line } of ndjsonLines(resources)) files.get(resourceType)?.write(line);
 */
export function* ndjsonLines(
  resources: Iterable<Resource>,
): Generator<{ resourceType: string; line: string }> {
  for (const r of resources) yield { resourceType: r.resourceType, line: `${JSON.stringify(r)}\n` };
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
  for (const { resourceType, line } of ndjsonLines(resources))
    out.set(resourceType, `${out.get(resourceType) ?? ''}${line}`);
  return out;
}

import {
  allOk,
  created,
  multipleMatches,
  OperationOutcomeError,
  type SearchRequest,
  type WithId,
} from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { fastValidateResource } from '../compiled-validate';
import type { FhirIssue } from '../issues';
import { validateResource } from '../validate';
import type { Outcomes } from './outcome';

/**
 * The errors {@link validateResource} reports for a resource written to the server, found with the compiled checks
 * first: a resource they accept, `validateResource` accepts too (the differential property test of the compiled
 * checks holds them to it), so only a resource they find an error in goes through `validateResource`, which is some
 * 25 times slower and words the errors as before.
 *
 * @example
 * writeErrors({ resourceType: 'Patient', gender: 'x' }); // validateResource's error on Patient.gender
 */
export function writeErrors(resource: unknown): FhirIssue[] {
  if (!fastValidateResource(resource).some((i) => i.severity === 'error')) return [];
  return validateResource(resource).filter((i) => i.severity === 'error');
}

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

type RepositoryRest = unknown[];
type CreateResource = (resource: Resource, ...rest: RepositoryRest) => Promise<WithId<Resource>>;

/**
 * A MemoryRepository with an index of identifiers and tags: a search by one `identifier=system|value` or
 * `_tag=system|code` (what conditional creates and `readProgram` send) is answered from the index instead of by a
 * scan that evaluates FHIRPath on every resource of the type (quadratic in the size of a pushed bundle). Every other
 * search goes to the MemoryRepository unchanged. Results are in insertion order, like the MemoryRepository's.
 *
 * Every write (create, and so update, which the MemoryRepository makes a create of a new version, conditional
 * creates and updates, patches and transaction entries) is first validated as {@link validateResource} does (see {@link writeErrors}); a resource with an error is refused with an OperationOutcomeError of
 * those issues (HTTP 400; in a transaction the whole transaction fails, in a batch that entry).
 */
export class IndexedMemoryRepository extends MemoryRepository {
  private readonly index = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, string[]>();
  /** Version ids of each resource (`Type/id`) in the order they were written. */
  private readonly versions = new Map<string, string[]>();

  constructor(private readonly outcomes: Outcomes) {
    super();
  }

  /**
   * Refuses a resource with an error. The versionId and lastUpdated the repository assigns are left out (an update
   * arrives here with them removed, which may leave an empty `meta`).
   */
  private validate(resource: Resource): void {
    const { versionId: _v, lastUpdated: _l, ...meta } = resource.meta ?? {};
    const { meta: _m, ...rest } = resource;
    const view = Object.keys(meta).length > 0 ? { ...rest, meta } : rest;
    const errors = writeErrors(view);
    if (errors.length > 0) throw new OperationOutcomeError(this.outcomes.fromIssues(errors));
  }

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
    this.versions.clear();
    this.index.clear();
    this.keysOf.clear();
  }

  // Every argument is passed on: medplum 5's updateResource calls createResource(resource, options, true).
  override async createResource<T extends Resource>(
    resource: T,
    ...rest: RepositoryRest
  ): Promise<WithId<T>> {
    this.validate(resource);
    const created = (await (super.createResource as CreateResource)(resource, ...rest)) as WithId<T>;
    this.reindex(created);
    const ref = `${created.resourceType}/${created.id}`;
    const vid = created.meta?.versionId;
    if (vid !== undefined) this.versions.set(ref, [...(this.versions.get(ref) ?? []), vid]);
    return created;
  }

  // Conditional create through this class's indexed search and createResource. medplum 4.5 does the same in its
  // own conditionalCreate; medplum 5 scans every resource of the type through a private synchronous path that
  // skips both (and so this index and the validation). Same outcomes in both majors: the one match, or a new resource.
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

  /**
   * The history of a resource, newest version first, the same on every call (medplum 4.5's MemoryRepository
   * reverses its stored list in place on each read, so the order flipped from one call to the next).
   */
  override async readHistory<T extends Resource>(resourceType: string, id: string): Promise<Bundle<T>> {
    const history = (await super.readHistory(resourceType, id)) as Bundle<T>;
    const order = this.versions.get(`${resourceType}/${id}`) ?? [];
    const rank = (e: { resource?: Resource }): number => order.indexOf(e.resource?.meta?.versionId ?? '');
    const entry = [...(history.entry ?? [])].sort((a, b) => rank(b) - rank(a));
    return { ...history, ...(entry.length ? { entry } : {}) };
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

import { EXTENSIONS, type IdentifierKind, identifierSystem } from '../codes';
import type { SkipReason } from '../importing/report';
import type { GoalStatusDecision, StatusDecision } from '../importing/status';
import { type FhirIssue, type FhirIssueCode, fhirIssue } from '../issues';

/** A JSON object read from outside: nothing about its shape is assumed. */
export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
export const objs = (v: unknown): Json[] => asArray(v).filter(isObj);

/** A resource read, with where it came from. */
export interface Item {
  readonly resource: Json;
  readonly fullUrl?: string;
  /** Where the resource came from, for messages: `Bundle.entry[3]`, `Patient.ndjson line 4`. */
  readonly where: string;
}

/**
 * A resource read from one line of an NDJSON file: its place (`where`) is spelled out only when asked for, so a
 * streamed import keeps no string per line.
 *
 * @example
 * new LineItem({ resourceType: 'Patient' }, 'Patient.ndjson', 4).where; // 'Patient.ndjson line 4'
 */
export class LineItem implements Item {
  constructor(
    readonly resource: Json,
    private readonly file: string,
    private readonly line: number,
  ) {}
  get where(): string {
    return `${this.file} line ${this.line}`;
  }
}

/** Extensions of a node with a URL. */
export const exts = (node: unknown, url: string): Json[] =>
  isObj(node) ? objs(node.extension).filter((e) => e.url === url) : [];
export const ext1 = (node: unknown, url: string): Json | undefined => exts(node, url)[0];
/** A code of a given system in a Coding or CodeableConcept (or a list of them). */
export function codeIn(value: unknown, system: string): string | undefined {
  for (const v of asArray(value)) {
    if (!isObj(v)) continue;
    if (v.system === system && typeof v.code === 'string') return v.code;
    for (const c of objs(v.coding)) if (c.system === system && typeof c.code === 'string') return c.code;
  }
  return undefined;
}
/** Sets `key` on `target` when `value` is not undefined. */
export function put(target: Json, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

/** Reads identifiers: the value of the first identifier with the given system. */
export function identifierValue(r: Json | undefined, system: string): string | undefined {
  if (!r) return undefined;
  for (const i of objs(r.identifier)) if (i.system === system && typeof i.value === 'string') return i.value;
  return undefined;
}

/** The first HumanName of a list, as a domain name (undefined when it has no part). */
export function humanNameOf(names: unknown): Json | undefined {
  const n = objs(names)[0];
  if (!n) return undefined;
  const out: Json = {};
  put(out, 'text', n.text);
  put(out, 'family', n.family);
  if (Array.isArray(n.given)) out.given = [...n.given];
  return Object.keys(out).length > 0 ? out : undefined;
}

export function periodOf(v: unknown): { start?: unknown; end?: unknown } {
  return isObj(v) ? { start: v.start, end: v.end } : {};
}

/**
 * The resources read, indexed for reference resolution, the issues found so far, and what the report needs: which
 * resources are in error (with the first message about each), which were skipped and why, and which domain records
 * (`contacts[3]`) could not be built.
 */
export class Importer {
  readonly issues: FhirIssue[] = [];
  private readonly byKey = new Map<string, Json>();
  private readonly labels = new Map<Json, { resourceType: string; id?: string }>();
  readonly items: Item[];
  /** Items that are not FHIR resources (no `resourceType`), for the report. */
  readonly unreadable: Item[] = [];
  /** The domain record being built (`contacts[3]`, or `program`): an error raised now spoils it. */
  current: string | undefined;
  /** Domain records spoiled by an error raised while they were built. */
  readonly badRecords = new Set<string>();
  /** Resources an error was reported on, with the first message. */
  readonly errored = new Map<Json, string>();
  /** Resources that went into the record of another resource (an EHR Goal into its CarePlan's plan ...). */
  readonly parts = new Map<Json, Json>();
  /** Resources skipped on purpose (their status), with the reason. */
  readonly skipped = new Map<Json, { reason: SkipReason; message: string }>();

  constructor(items: Item[]) {
    this.items = [];
    for (const item of items) this.add(item);
  }

  /**
   * Adds one resource read (in reading order). `index: false` leaves it out of reference resolution (a streamed
   * resource that nothing read refers to). `stand: true` says the resource is a stand-in holding only
   * `resourceType` and `id`, which then serves as its own label.
   */
  add(item: Item, index = true, stand = false): void {
    const r = item.resource;
    if (typeof r.resourceType !== 'string') {
      this.issue('error', 'structure', 'not a FHIR resource (resourceType is missing)', {
        expression: item.where,
      });
      this.unreadable.push(item);
      return;
    }
    this.items.push(item);
    const id = typeof r.id === 'string' ? r.id : undefined;
    // A transaction entry has no id: name it by its fullUrl's last segment (the uuid of `urn:uuid:<uuid>`).
    const label =
      id ?? /([A-Za-z0-9.-]{1,64})$/.exec(item.fullUrl?.replace(/\/_history\/.*$/, '') ?? '')?.[1];
    this.labels.set(
      r,
      stand
        ? (r as { resourceType: string })
        : { resourceType: r.resourceType, ...(label ? { id: label } : {}) },
    );
    if (!index) return;
    if (item.fullUrl) this.byKey.set(item.fullUrl, r);
    if (id) this.byKey.set(`${r.resourceType}/${id}`, r);
    const abs = item.fullUrl
      ? /([A-Za-z]+\/[A-Za-z0-9.-]{1,64})$/.exec(item.fullUrl.replace(/\/_history\/.*$/, ''))
      : null;
    if (abs?.[1] && !this.byKey.has(abs[1])) this.byKey.set(abs[1], r);
  }

  /**
   * Names `resource` (not added) as `stand`, so issues raised on it while it is mapped carry its type and id; then
   * {@link adopt} moves what was recorded about it onto `stand`.
   */
  lend(resource: Json, stand: Json): void {
    const label = this.labels.get(stand);
    if (label) this.labels.set(resource, label);
  }

  /** Moves what was recorded about `from` (error, skip) onto `to`, and forgets `from`. */
  adopt(from: Json, to: Json): void {
    const error = this.errored.get(from);
    if (error !== undefined && !this.errored.has(to)) this.errored.set(to, error);
    const skip = this.skipped.get(from);
    if (skip) this.skipped.set(to, skip);
    this.errored.delete(from);
    this.skipped.delete(from);
    this.labels.delete(from);
  }

  /** The key a reference resolves by when it names no fullUrl: `Type/id` (the last two segments). */
  static referenceKey(reference: unknown): string | undefined {
    const raw = isObj(reference) ? reference.reference : undefined;
    if (typeof raw !== 'string') return undefined;
    return /([A-Za-z]+\/[A-Za-z0-9.-]{1,64})$/.exec(raw.replace(/\/_history\/.*$/, ''))?.[1];
  }

  issue(
    severity: FhirIssue['severity'],
    code: FhirIssueCode,
    message: string,
    where: { resource?: Json; expression?: string },
  ): void {
    const label = where.resource ? this.labels.get(where.resource) : undefined;
    if (severity === 'error') {
      if (where.resource && !this.errored.has(where.resource)) this.errored.set(where.resource, message);
      if (this.current !== undefined) this.badRecords.add(this.current);
    }
    this.issues.push(
      fhirIssue(severity, code, message, {
        resourceType: label?.resourceType,
        id: label?.id,
        expression: where.expression,
      }),
    );
  }

  label(r: Json): { resourceType: string; id?: string } | undefined {
    return this.labels.get(r);
  }

  /** The resource a reference points to (urn:uuid, relative `Type/id`, or absolute URL ending in `Type/id`). */
  resolve(reference: unknown): Json | undefined {
    const raw = isObj(reference) ? reference.reference : undefined;
    if (typeof raw !== 'string') return undefined;
    const direct = this.byKey.get(raw);
    if (direct) return direct;
    const trimmed = raw.replace(/\/_history\/.*$/, '');
    const m = /([A-Za-z]+\/[A-Za-z0-9.-]{1,64})$/.exec(trimmed);
    return m?.[1] ? this.byKey.get(m[1]) : undefined;
  }

  of(resourceType: string): Json[] {
    return this.items.map((i) => i.resource).filter((r) => r.resourceType === resourceType);
  }
}

/**
 * The resource a part record belongs to, by identifier kind: a coach's role, a contact's progress note, a message's
 * reply, a referral's task, a program referral's task, a plan's signature provenance.
 *
 * @example
 * PART_OWNER['message-reply']?.(reply, imp); // the message Communication the reply answers
 */
export const PART_OWNER: Readonly<Record<string, (r: Json, imp: Importer) => Json | undefined>> = {
  'coach-role': (r, imp) => imp.resolve(r.practitioner),
  'progress-note': (r, imp) => imp.resolve(objs(isObj(r.context) ? r.context.encounter : undefined)[0]),
  'message-reply': (r, imp) => imp.resolve(objs(r.inResponseTo)[0]),
  'referral-task': (r, imp) => imp.resolve(r.focus),
  'program-referral-task': (r, imp) => imp.resolve(r.focus),
  provenance: (r, imp) => imp.resolve(objs(r.target)[0]),
};

/**
 * What every "from FHIR" mapper needs: the resources read, the program found, its identifier systems, reference
 * resolution that reports dangling references, and `track` (which resource each domain record came from, so that
 * a problem found by `parseProgramData` is reported on that resource). Built by {@link importContext}.
 */
export interface ImportContext {
  readonly imp: Importer;
  readonly programId: string;
  readonly programOrg: Json;
  /** The domain id of a resource: its identifier value in the program's system of `kind`. */
  idOf(r: Json | undefined, kind: IdentifierKind): string | undefined;
  /** Resolves a reference to a record of `kind` and returns its domain id; reports a dangling reference. */
  refId(from: Json, reference: unknown, kind: IdentifierKind, expression: string): string | undefined;
  /** The enrolment id of a resource's `workflow-episodeOfCare` extension (see `refId`). */
  enrolmentOf(from: Json): string | undefined;
  /** The resources of a type that are records of `kind` of this program. */
  records(resourceType: string, kind: IdentifierKind): Json[];
  /**
   * The part records of a type and kind by the resource each belongs to (see {@link PART_OWNER}); `dangling` is
   * called for a part that belongs to none.
   */
  partsByOwner(resourceType: string, kind: IdentifierKind, dangling?: (part: Json) => void): Map<Json, Json>;
  track(list: string, index: number, r: Json): void;
  readonly origin: ReadonlyMap<string, Json>;
  /**
   * Applies a status decision: true when the resource is used; otherwise it is recorded as skipped (with the
   * decision's reason) and false is returned.
   */
  usable(r: Json, decision: StatusDecision | GoalStatusDecision): boolean;
}

/** Builds the {@link ImportContext} for the program Organization found. */
export function importContext(imp: Importer, programOrg: Json, programId: string): ImportContext {
  const ns = (kind: IdentifierKind): string => identifierSystem(programId, kind);
  const idOf = (r: Json | undefined, kind: IdentifierKind): string | undefined =>
    identifierValue(r, ns(kind));
  const origin = new Map<string, Json>();
  const records: ImportContext['records'] = (resourceType, kind) =>
    imp.of(resourceType).filter((r) => idOf(r, kind) !== undefined);
  const refId: ImportContext['refId'] = (from, reference, kind, expression) => {
    if (reference === undefined) return undefined;
    const target = imp.resolve(reference);
    const value = idOf(target, kind);
    if (value === undefined)
      imp.issue('error', 'not-found', `Reference does not resolve to a ${kind} record of this program`, {
        resource: from,
        expression,
      });
    return value;
  };
  return {
    imp,
    programId,
    programOrg,
    idOf,
    refId,
    enrolmentOf: (from) =>
      refId(
        from,
        ext1(from, EXTENSIONS.episodeOfCare)?.valueReference,
        'enrolment',
        `${from.resourceType}.extension(workflow-episodeOfCare)`,
      ),
    records,
    partsByOwner: (resourceType, kind, dangling) => {
      const owners = new Map<Json, Json>();
      for (const part of records(resourceType, kind)) {
        const owner = PART_OWNER[kind]?.(part, imp);
        if (owner) owners.set(owner, part);
        else dangling?.(part);
      }
      return owners;
    },
    track: (list, index, r) => {
      const key = `${list}[${index}]`;
      origin.set(key, r);
      imp.current = key;
    },
    origin,
    usable: (r, decision) => {
      if (decision.use) return true;
      imp.skipped.set(r, { reason: decision.reason, message: decision.message });
      return false;
    },
  };
}

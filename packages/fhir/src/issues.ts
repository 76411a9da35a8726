import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { formatPath, type Issue, type IssueLocation } from '@peer-recovery/core';
import { CANONICAL_BASE } from './codes';

/**
 * The issue-type codes of FHIR `OperationOutcome.issue.code` this adapter uses.
 *
 * @example
 * FHIR_ISSUE_CODES.includes('required'); // true
 */
export const FHIR_ISSUE_CODES = [
  'structure',
  'required',
  'value',
  'invariant',
  'code-invalid',
  'business-rule',
  'not-found',
  'not-supported',
  'duplicate',
  'processing',
  'invalid',
  'exception',
  'timeout',
  'transient',
  'security',
  'conflict',
  'incomplete',
] as const;

/**
 * An issue-type code of FHIR `OperationOutcome.issue.code` (one of {@link FHIR_ISSUE_CODES}).
 *
 * @example
 * const code: FhirIssueCode = 'required';
 */
export type FhirIssueCode = (typeof FHIR_ISSUE_CODES)[number];

const FHIR_CODES: ReadonlySet<string> = new Set(FHIR_ISSUE_CODES);

/**
 * True when a code (from another library, or a base issue) is one of {@link FHIR_ISSUE_CODES}.
 *
 * @example
 * isFhirIssueCode('invariant'); // true
 * isFhirIssueCode('invalid-as-of'); // false
 */
export function isFhirIssueCode(code: string): code is FhirIssueCode {
  return FHIR_CODES.has(code);
}

/**
 * A problem found while exporting, validating, importing or exchanging FHIR data: the base `Issue` of
 * `@peer-recovery/core` with a FHIR issue-type `code`. `expression` is a FHIRPath-like location
 * (`Encounter.period.start`, `Bundle.entry[3].resource`) and `path` the same location as segments; `location`
 * names the resource (`resourceType`, `resourceId`), also given flat as `resourceType` and `id`. Messages name
 * fields and rules and never contain a value taken from the data, so names, notes, goal descriptions and dates
 * cannot leak through them.
 *
 * @example
 * const issue: FhirIssue = fhirIssue('error', 'invariant', 'Period start is after its end', {
 *   resourceType: 'Encounter', id: 'a1b2', expression: 'Encounter.period',
 * });
 * issue.path; // ['Encounter', 'period']
 */
export interface FhirIssue extends Issue<FhirIssueCode> {
  readonly severity: 'error' | 'warning';
  readonly resourceType?: string;
  readonly id?: string;
  readonly expression?: string;
}

/** Splits a FHIRPath-like expression (`Bundle.entry[3].resource`) into path segments. */
function pathOf(expression: string | undefined): (string | number)[] {
  if (expression === undefined) return [];
  const out: (string | number)[] = [];
  for (const part of expression.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const i of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}

/**
 * Builds a {@link FhirIssue} without `undefined` members; `path` is read from `expression`.
 *
 * @example
 * fhirIssue('error', 'required', 'Goal.subject is required', { resourceType: 'Goal', expression: 'Goal.subject' });
 * // { severity: 'error', code: 'required', path: ['Goal', 'subject'], location: { resourceType: 'Goal' }, ... }
 */
export function fhirIssue(
  severity: FhirIssue['severity'],
  code: FhirIssueCode,
  message: string,
  where: { resourceType?: string | undefined; id?: string | undefined; expression?: string | undefined } = {},
): FhirIssue {
  const location: { -readonly [K in keyof IssueLocation]: IssueLocation[K] } = {};
  if (where.resourceType !== undefined) location.resourceType = where.resourceType;
  if (where.id !== undefined) location.resourceId = where.id;
  return {
    severity,
    code,
    path: pathOf(where.expression),
    ...(where.resourceType === undefined ? {} : { resourceType: where.resourceType }),
    ...(where.id === undefined ? {} : { id: where.id }),
    ...(where.expression === undefined ? {} : { expression: where.expression }),
    ...(Object.keys(location).length === 0 ? {} : { location }),
    message,
  };
}

/** FHIR `OperationOutcome.issue.severity` of each issue severity. */
const SEVERITY = { error: 'error', warning: 'warning', info: 'information' } as const;

/**
 * The local CodeSystem of issue codes that are not FHIR issue types (e.g. core's `invalid-as-of`), as they appear
 * in `OperationOutcome.issue.details.coding`.
 *
 * @example
 * ISSUE_CODE_SYSTEM; // 'https://peer-recovery.dev/fhir/CodeSystem/issue'
 */
export const ISSUE_CODE_SYSTEM = `${CANONICAL_BASE}/CodeSystem/issue`;

/**
 * Turns issues of any package (the base `Issue` of `@peer-recovery/core`: data issues, outcome dataset issues,
 * FHIR issues, ...) into one FHIR `OperationOutcome`, one entry per issue in the same order: `severity` (`info`
 * becomes `information`), `code` (the issue's own code when it is a FHIR issue type, else `invalid` for an error
 * and `informational` otherwise, with the issue's code in `details.coding`), `details.text` (the message),
 * `expression` (the issue's FHIRPath `expression`, else its `path` written as `a.b[0].c`), and the file, line
 * and column of its `location` in `diagnostics`. With no issues it holds one `information` issue.
 *
 * @example
 * toOperationOutcome([]); // { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', ... }] }
 * toOperationOutcome(parseAsOf('2026-02-31', 'UTC').issues).issue[0]?.details?.coding?.[0]?.code; // 'invalid-as-of'
 */
export function toOperationOutcome(issues: readonly Issue[]): OperationOutcome {
  const issue: OperationOutcomeIssue[] = issues.map((i) => {
    const fhirCode = isFhirIssueCode(i.code);
    const expression =
      'expression' in i && typeof i.expression === 'string'
        ? i.expression
        : i.path.length > 0
          ? formatPath(i.path)
          : undefined;
    const at = i.location;
    const where = [
      at?.file,
      at?.line === undefined ? undefined : `line ${at.line}`,
      at?.column === undefined ? undefined : `column ${at.column}`,
      at?.row === undefined ? undefined : `row ${at.row}`,
    ].filter((x) => x !== undefined);
    return {
      severity: SEVERITY[i.severity],
      code: fhirCode ? (i.code as FhirIssueCode) : i.severity === 'error' ? 'invalid' : 'informational',
      details: fhirCode
        ? { text: i.message }
        : { coding: [{ system: ISSUE_CODE_SYSTEM, code: i.code }], text: i.message },
      ...(expression === undefined ? {} : { expression: [expression] }),
      ...(where.length === 0 ? {} : { diagnostics: where.join(', ') }),
    };
  });
  if (issue.length === 0)
    issue.push({ severity: 'information', code: 'informational', details: { text: 'No issues' } });
  return { resourceType: 'OperationOutcome', issue };
}

/**
 * Removes quoted fragments from a message produced by a library, which may quote a value from the data.
 *
 * @example
 * scrubMessage('Invalid reference: got "Patient/x"'); // 'Invalid reference: got "…"'
 */
export function scrubMessage(message: string): string {
  return message.replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'");
}

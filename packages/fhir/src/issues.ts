import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/**
 * An issue-type code of FHIR `OperationOutcome.issue.code` (the subset this adapter uses).
 *
 * @example
 * const code: FhirIssueCode = 'required';
 */
export type FhirIssueCode =
  | 'structure'
  | 'required'
  | 'value'
  | 'invariant'
  | 'code-invalid'
  | 'business-rule'
  | 'not-found'
  | 'not-supported'
  | 'duplicate'
  | 'processing'
  | 'invalid'
  | 'exception'
  | 'timeout'
  | 'transient'
  | 'security'
  | 'conflict';

/**
 * A problem found while exporting, validating, importing or exchanging FHIR data, as plain data. `expression` is a
 * FHIRPath-like location (`Encounter.period.start`, `Bundle.entry[3].resource`). Messages name fields and rules and
 * never contain a value taken from the data, so names, notes, goal descriptions and dates cannot leak through them.
 *
 * @example
 * const issue: FhirIssue = {
 *   severity: 'error', code: 'invariant', resourceType: 'Encounter', id: 'a1b2',
 *   expression: 'Encounter.period', message: 'Period start is after its end',
 * };
 */
export interface FhirIssue {
  readonly severity: 'error' | 'warning';
  readonly code: FhirIssueCode;
  readonly resourceType?: string;
  readonly id?: string;
  readonly expression?: string;
  readonly message: string;
}

/**
 * Builds a {@link FhirIssue} without `undefined` members.
 *
 * @example
 * fhirIssue('error', 'required', 'Goal.subject is required', { resourceType: 'Goal', expression: 'Goal.subject' });
 */
export function fhirIssue(
  severity: FhirIssue['severity'],
  code: FhirIssueCode,
  message: string,
  where: { resourceType?: string | undefined; id?: string | undefined; expression?: string | undefined } = {},
): FhirIssue {
  return {
    severity,
    code,
    ...(where.resourceType === undefined ? {} : { resourceType: where.resourceType }),
    ...(where.id === undefined ? {} : { id: where.id }),
    ...(where.expression === undefined ? {} : { expression: where.expression }),
    message,
  };
}

/**
 * Turns issues into a FHIR `OperationOutcome` (for servers and command lines that speak FHIR).
 *
 * @example
 * toOperationOutcome([]); // { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', ... }] }
 */
export function toOperationOutcome(issues: readonly FhirIssue[]): OperationOutcome {
  const issue: OperationOutcomeIssue[] = issues.map((i) => ({
    severity: i.severity,
    code: i.code,
    details: { text: i.message },
    ...(i.expression === undefined ? {} : { expression: [i.expression] }),
  }));
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

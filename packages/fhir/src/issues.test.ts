import { dataIssue, type Issue, parseAsOf } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { fhirIssue, ISSUE_CODE_SYSTEM, toOperationOutcome } from './issues';

describe('fhirIssue', () => {
  it('is a base issue: path from the expression, the resource as location', () => {
    const i = fhirIssue('error', 'invariant', 'Period start is after its end', {
      resourceType: 'Bundle',
      id: 'b1',
      expression: 'Bundle.entry[3].resource.period',
    });
    const base: Issue = i;
    expect(base).toEqual({
      severity: 'error',
      code: 'invariant',
      path: ['Bundle', 'entry', 3, 'resource', 'period'],
      resourceType: 'Bundle',
      id: 'b1',
      expression: 'Bundle.entry[3].resource.period',
      location: { resourceType: 'Bundle', resourceId: 'b1' },
      message: 'Period start is after its end',
    });
    expect(fhirIssue('warning', 'processing', 'x')).toEqual({
      severity: 'warning',
      code: 'processing',
      path: [],
      message: 'x',
    });
  });
});

describe('toOperationOutcome', () => {
  it('converts a FHIR issue with its own code and expression', () => {
    const o = toOperationOutcome([
      fhirIssue('error', 'required', 'Goal.subject is required', { expression: 'Goal.subject' }),
    ]);
    expect(o).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'required',
          details: { text: 'Goal.subject is required' },
          expression: ['Goal.subject'],
        },
      ],
    });
  });
  it('converts any base issue: its code as a coding, its path as the expression, its location as diagnostics', () => {
    const asOf = parseAsOf('2026-02-31', 'UTC');
    const warning: Issue = {
      code: 'out-of-window',
      path: ['rows', 2, 'date'],
      message: 'rows[2].date: outside the window',
      severity: 'info',
      location: { file: 'a.csv', line: 4, column: 2 },
    };
    const o = toOperationOutcome([
      ...asOf.issues,
      dataIssue('required', ['program', 'timeZone'], 'is required'),
      warning,
    ]);
    expect(o.issue).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        details: {
          coding: [{ system: ISSUE_CODE_SYSTEM, code: 'invalid-as-of' }],
          text: asOf.issues[0]?.message,
        },
        expression: ['asOf'],
      },
      {
        severity: 'error',
        code: 'required',
        details: { text: 'program.timeZone: is required' },
        expression: ['program.timeZone'],
      },
      {
        severity: 'information',
        code: 'informational',
        details: { coding: [{ system: ISSUE_CODE_SYSTEM, code: 'out-of-window' }], text: warning.message },
        expression: ['rows[2].date'],
        diagnostics: 'a.csv, line 4, column 2',
      },
    ]);
  });
  it('holds one information issue when there are none (FHIR needs one)', () => {
    expect(toOperationOutcome([]).issue).toEqual([
      { severity: 'information', code: 'informational', details: { text: 'No issues' } },
    ]);
  });
});

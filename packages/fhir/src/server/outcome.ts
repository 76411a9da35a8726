import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { FhirIssue } from '../issues';

/** Texts from @medplum/fhir-router and @medplum/core that are constant (they quote nothing from the request). */
const CONSTANT_TEXTS = new Set([
  'All OK',
  'Created',
  'Accepted',
  'Not found',
  'Gone',
  'Deleted',
  'Not modified',
  'Unauthorized',
  'Forbidden',
  'Precondition Failed',
  'Too many requests',
  'Incorrect resource ID',
  'Incorrect resource type',
  'Multiple resources found matching condition',
]);

/** What a server says, by issue code, when a library's text cannot be shown (it may quote the request). */
const TEXT_BY_CODE: Readonly<Record<string, string>> = {
  'not-found': 'Not found',
  deleted: 'Gone',
  conflict: 'Conflict with the current state of the resource',
  duplicate: 'Duplicate',
  'multiple-matches': 'More than one resource matches the condition',
  'not-supported': 'Not supported',
  exception: 'Internal server error',
  timeout: 'Timed out',
  security: 'Not allowed',
  login: 'Unauthorized',
  forbidden: 'Forbidden',
  informational: 'OK',
  processing: 'The request could not be processed',
};

const SEGMENT = /^[A-Za-z][A-Za-z0-9]{0,63}(?:\[\d{1,9}\])?$/;

/**
 * The part of a FHIRPath-like expression that is made of element names; the segment an "additional property" issue
 * points at is the request's own key, so it is dropped too.
 */
function elementPath(expression: string, message: string): string | undefined {
  const segments = expression.split('.');
  const ok = segments.findIndex((s) => !SEGMENT.test(s));
  const kept = ok === -1 ? segments : segments.slice(0, ok);
  if (/additional property/i.test(message) && ok === -1) kept.pop();
  return kept.length > 0 ? kept.join('.') : undefined;
}

/**
 * The OperationOutcomes a server sends, built so that no request value can reach a message: issues the server
 * wrote itself (the `trusted` set: validation issues, whose messages never quote values) keep their text and
 * expression; any other issue (from the router or the repository, whose texts may embed request text such as a
 * resourceType or a search value) keeps its severity and code and gets a fixed text for that code. `diagnostics`
 * (stack traces, raw library messages) never leave.
 */
export class Outcomes {
  private readonly trusted = new WeakSet<object>();

  /** An outcome of one issue with a fixed text (the caller's text must not contain request values). */
  error(
    code: OperationOutcomeIssue['code'],
    text: string,
    severity: OperationOutcomeIssue['severity'] = 'error',
  ): OperationOutcome {
    return this.of([{ severity, code, details: { text } }]);
  }

  /** Marks issues as written by the server (their text and expression are shown as they are). */
  of(issue: OperationOutcomeIssue[]): OperationOutcome {
    for (const i of issue) this.trusted.add(i);
    return { resourceType: 'OperationOutcome', issue };
  }

  /**
   * An outcome of validation issues (their messages never quote a value). An expression keeps only segments that
   * are element names (a name the request made up, as in an unknown property, is cut off with what follows), and
   * `prefix` (e.g. `Bundle.entry[2].resource`) replaces its resource type.
   */
  fromIssues(issues: readonly FhirIssue[], prefix?: string): OperationOutcome {
    return this.of(
      issues.map((i) => {
        const expression = i.expression === undefined ? undefined : elementPath(i.expression, i.message);
        const located =
          expression === undefined || prefix === undefined
            ? expression
            : expression.replace(/^[A-Z][A-Za-z]*/, prefix);
        return {
          severity: i.severity,
          code: i.code,
          details: { text: i.message },
          ...(located === undefined ? {} : { expression: [located] }),
        };
      }),
    );
  }

  /** The outcome as sent: untrusted texts replaced, diagnostics removed. */
  scrub(outcome: OperationOutcome): OperationOutcome {
    const issue = (outcome.issue ?? []).map((i): OperationOutcomeIssue => {
      if (this.trusted.has(i)) return i;
      const text = i.details?.text;
      return {
        severity: i.severity,
        code: i.code,
        details: {
          text:
            text !== undefined && CONSTANT_TEXTS.has(text)
              ? text
              : (TEXT_BY_CODE[i.code] ??
                (i.severity === 'error' || i.severity === 'fatal' ? 'Invalid request' : 'OK')),
        },
      };
    });
    return {
      resourceType: 'OperationOutcome',
      ...(outcome.id === undefined ? {} : { id: outcome.id }),
      issue,
    };
  }

  /** A response body as sent: an OperationOutcome scrubbed, and so is each outcome inside a batch/transaction response. */
  scrubBody(body: unknown): unknown {
    if (!body || typeof body !== 'object') return body;
    const r = body as { resourceType?: unknown; type?: unknown; entry?: unknown };
    if (r.resourceType === 'OperationOutcome') return this.scrub(body as OperationOutcome);
    if (
      r.resourceType === 'Bundle' &&
      (r.type === 'batch-response' || r.type === 'transaction-response') &&
      Array.isArray(r.entry)
    ) {
      return {
        ...r,
        entry: r.entry.map((e: { response?: { outcome?: unknown } }) =>
          e?.response?.outcome && typeof e.response.outcome === 'object'
            ? { ...e, response: { ...e.response, outcome: this.scrubBody(e.response.outcome) } }
            : e,
        ),
      };
    }
    return body;
  }
}

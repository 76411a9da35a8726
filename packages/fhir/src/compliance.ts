import type {
  CodeableConcept,
  MeasureReport,
  MeasureReportGroup,
  OperationOutcome,
  OperationOutcomeIssue,
} from '@medplum/fhirtypes';
import {
  type Finding,
  formatSource,
  type Obligation,
  type ProgramData,
  type ProgramEvaluation,
  parseAsOf,
  type Result,
  RULE_ID,
  startOfLocalDay,
} from '@peer-recovery/core';
import { CODES, COMPLIANCE_MEASURE_URL, type CodeEntry, EXTENSIONS, SYSTEMS } from './codes';
import { resourceId } from './ids';
import { type FhirIssue, fhirIssue } from './issues';
import { validateResource } from './validate';

const SEVERITY = { error: 'error', warning: 'warning', info: 'information' } as const;

/**
 * Turns rule findings (from `evaluateProgram`, `evaluateEnrollment` or `evaluateCoach` of `@peer-recovery/core`)
 * into a FHIR R4 `OperationOutcome`, one issue per finding, in the same order:
 * - `severity`: `error`, `warning`, or `information` for an `info` finding;
 * - `code`: `business-rule` (a rule of the program is not met), or `informational` for an `info` finding;
 * - `details.coding`: the finding code (stable API, e.g. `first-action-plan.late`) in the local CodeSystem
 *   `<base>/CodeSystem/finding`; `details.text`: the finding's message (free of personal data by construction);
 * - `expression`: the finding's path in the ProgramData document (e.g. `plans[4]`), not a FHIRPath into a resource;
 * - `diagnostics`: the rule, the subject, the due date and the cited source.
 *
 * With no findings the outcome holds one `information` issue "No findings" (FHIR requires at least one issue).
 * Pure; never throws; the input is not modified.
 *
 * @example
 * const ev = evaluateProgram(data, { asOf: '2026-11-20' });
 * if (ev.success) {
 *   const findings = [...ev.data.enrolments, ...ev.data.coaches].flatMap((e) => e.findings);
 *   const outcome = findingsToOperationOutcome(findings); // { resourceType: 'OperationOutcome', issue: [...] }
 * }
 */
export function findingsToOperationOutcome(findings: readonly Finding[]): OperationOutcome {
  const issue: OperationOutcomeIssue[] = findings.map((f) => {
    const due = f.dueOn === undefined ? '' : `, due ${f.dueOn}`;
    return {
      severity: SEVERITY[f.severity],
      code: f.severity === 'info' ? 'informational' : 'business-rule',
      details: { coding: [{ system: SYSTEMS.finding, code: f.code }], text: f.message },
      diagnostics: `Rule ${f.ruleId} (${f.subject.type} ${f.subject.id}${due}). Source: ${formatSource(f.source)}`,
      expression: [f.path],
    };
  });
  if (issue.length === 0)
    issue.push({ severity: 'information', code: 'informational', details: { text: 'No findings' } });
  return { resourceType: 'OperationOutcome', issue };
}

/**
 * Options of {@link programComplianceMeasureReport}.
 *
 * @example
 * const options: ComplianceMeasureOptions = { period: { start: '2026-01-01', end: '2026-12-31' } };
 */
export interface ComplianceMeasureOptions {
  /**
   * The reporting period: calendar dates `YYYY-MM-DD` (whole local days in the program's time zone) or instants
   * with an offset. An obligation is counted in the period when its due instant falls within it.
   */
  readonly period: { readonly start: string; readonly end: string };
  /**
   * Small-cell suppression, as for every table that leaves the program (default 11; 0 or 1 turns it off): a
   * population count from 1 to `minCell - 1` is left out (its `count` replaced by the data-absent-reason `masked`),
   * and so is a count from which a small one could be worked out by subtraction (the numerator when denominator
   * minus numerator is small, the denominator when initial population minus denominator is small); a group with a
   * masked count has no `measureScore`. See {@link maskSmallCounts}.
   */
  readonly minCell?: number;
}

/**
 * Which of a group's three counts (initial population, denominator, numerator) small-cell suppression masks: each
 * count from 1 to `minCell - 1`, then, while any remains, a shown count from which a small hidden rest could be
 * recovered (`denominator - numerator` or `initial - denominator` from 1 to `minCell - 1` with both shown: the
 * smaller of the two is masked). Zero is never masked (it discloses no one).
 *
 * @example
 * maskSmallCounts({ initial: 45, denominator: 30, numerator: 27 }, 11); // { initial: false, denominator: false, numerator: true }
 * maskSmallCounts({ initial: 45, denominator: 30, numerator: 12 }, 11); // nothing masked
 */
export function maskSmallCounts(
  c: { readonly initial: number; readonly denominator: number; readonly numerator: number },
  minCell: number,
): { initial: boolean; denominator: boolean; numerator: boolean } {
  const small = (n: number) => n >= 1 && n < minCell;
  const masked = {
    initial: small(c.initial),
    denominator: small(c.denominator),
    numerator: small(c.numerator),
  };
  if (minCell <= 1) return masked;
  for (let changed = true; changed; ) {
    changed = false;
    for (const [total, part] of [
      ['denominator', 'numerator'],
      ['initial', 'denominator'],
    ] as const) {
      if (!masked[total] && !masked[part] && small(c[total] - c[part])) {
        masked[part] = true;
        changed = true;
      }
    }
  }
  return masked;
}

/**
 * The outcome of {@link programComplianceMeasureReport} (the library's one `Result` shape): a valid MeasureReport in `data`, or the issues that stopped it.
 *
 * @example
 * const r: MeasureReportResult = programComplianceMeasureReport(ev, data, { period });
 * if (r.success) console.log(r.data.group?.length); // 3
 */
export type MeasureReportResult = Result<MeasureReport, FhirIssue>;

/**
 * The three groups of the compliance measure, in report order, with their local codes.
 *
 * @example
 * COMPLIANCE_MEASURE_GROUPS.map((g) => g.code); // ['first-plan-on-time', 'monthly-in-person-contact', 'reply-on-time']
 */
export const COMPLIANCE_MEASURE_GROUPS: readonly CodeEntry[] = [
  {
    system: SYSTEMS.complianceMeasure,
    code: 'first-plan-on-time',
    display: 'First action plan signed on time',
  },
  {
    system: SYSTEMS.complianceMeasure,
    code: 'monthly-in-person-contact',
    display: 'Enrolment-months with the required in-person contacts',
  },
  { system: SYSTEMS.complianceMeasure, code: 'reply-on-time', display: 'Replies to messages on time' },
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch ms of a period bound (a local date in the zone, or an instant); undefined when malformed. */
function boundMs(value: unknown, edge: 'start' | 'end', timeZone: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const r = parseAsOf(value, timeZone);
  if (!r.success) return undefined;
  return edge === 'start' && DATE.test(value) ? startOfLocalDay(value, timeZone) : r.data.ms;
}

const concept = (c: CodeEntry): CodeableConcept => ({
  coding: [{ system: c.system, code: c.code, display: c.display }],
  text: c.display,
});

interface Counts {
  readonly initial: number;
  readonly denominator: number;
  readonly numerator: number;
}

const onTime = (o: Obligation): boolean =>
  o.status === 'met' && o.metAt !== undefined && Date.parse(o.metAt) <= Date.parse(o.dueAt);

function group(code: CodeEntry, c: Counts, minCell: number): MeasureReportGroup {
  const masked = maskSmallCounts(c, minCell);
  const population = (entry: CodeEntry, count: number, hide: boolean) =>
    hide
      ? {
          code: concept(entry),
          _count: { extension: [{ url: EXTENSIONS.dataAbsentReason, valueCode: 'masked' }] },
        }
      : { code: concept(entry), count };
  const anyMasked = masked.initial || masked.denominator || masked.numerator;
  return {
    code: concept(code),
    population: [
      population(CODES.initialPopulation, c.initial, masked.initial),
      population(CODES.denominator, c.denominator, masked.denominator),
      population(CODES.numerator, c.numerator, masked.numerator),
    ],
    ...(c.denominator > 0 && !anyMasked
      ? {
          measureScore: {
            value: Math.round((c.numerator / c.denominator) * 10_000) / 10_000,
            unit: '1',
            system: SYSTEMS.ucum,
            code: '1',
          },
        }
      : {}),
  };
}

/**
 * A FHIR R4 `MeasureReport` (status `complete`, type `summary`, measure {@link COMPLIANCE_MEASURE_URL}) of a
 * program's evaluation over a reporting period, with three groups, each with the populations `initial-population`,
 * `denominator` and `numerator` and, when the denominator is not zero, `measureScore` = numerator / denominator as
 * a proportion (0-1, rounded to 4 decimals, UCUM `1`). With a zero denominator there is no `measureScore` (never
 * NaN). Counted are the obligations of `evaluation` whose due instant falls within the period:
 *
 * 1. `first-plan-on-time` (rule `first-action-plan`): initial population = enrolments with a first-plan
 *    obligation; denominator = those whose obligation is due by the evaluation's `asOf` (a lapsed,
 *    `not-applicable` obligation is left out); numerator = those met on or before the due instant.
 * 2. `monthly-in-person-contact` (rule `in-person-contact`): initial population = enrolment-months; denominator =
 *    months `met` or `missed` (months that do not count, and the current month not yet met, are left out);
 *    numerator = months `met`.
 * 3. `reply-on-time` (rule `reply-timeliness`): initial population = messages; denominator = messages whose reply
 *    is due by `asOf`; numerator = those answered on or before the due instant.
 *
 * Counts from 1 to `minCell - 1` (default 11), and counts from which such a count could be worked out, are masked
 * (small-cell suppression, as for every table that leaves the program; see {@link maskSmallCounts}); a group with
 * a masked count has no score. `minCell: 0` turns it off, for the program's own use.
 *
 * `data` is the program evaluated (its time zone reads the period's dates; the program Organization is the
 * `reporter`). `date` is the evaluation's `asOf` (no clock is read). The report holds counts only, no personal
 * data, and is validated like every resource of this package. Never throws: a period that is malformed or ends
 * before it starts, or an evaluation of another program, is reported as issues.
 *
 * @example
 * const ev = evaluateProgram(data, { asOf: '2026-11-20' });
 * if (ev.success) {
 *   const r = programComplianceMeasureReport(ev.data, data, { period: { start: '2026-01-01', end: '2026-11-20' } });
 *   if (r.success) console.log(r.data.group?.[0]?.measureScore?.value);
 * }
 */
export function programComplianceMeasureReport(
  evaluation: ProgramEvaluation,
  data: ProgramData,
  options: ComplianceMeasureOptions,
): MeasureReportResult {
  const issues: FhirIssue[] = [];
  const timeZone = data.program.timeZone;
  const period = options.period as { start?: unknown; end?: unknown } | undefined;
  const startMs = boundMs(period?.start, 'start', timeZone);
  const endMs = boundMs(period?.end, 'end', timeZone);
  if (startMs === undefined)
    issues.push(
      fhirIssue(
        'error',
        'value',
        'options.period.start must be a date YYYY-MM-DD or an instant with offset',
        {
          expression: 'options.period.start',
        },
      ),
    );
  if (endMs === undefined)
    issues.push(
      fhirIssue('error', 'value', 'options.period.end must be a date YYYY-MM-DD or an instant with offset', {
        expression: 'options.period.end',
      }),
    );
  if (startMs !== undefined && endMs !== undefined && startMs > endMs)
    issues.push(
      fhirIssue('error', 'invariant', 'options.period starts after it ends', {
        expression: 'options.period',
      }),
    );
  const minCell = options.minCell ?? 11;
  if (!Number.isInteger(minCell) || minCell < 0)
    issues.push(
      fhirIssue('error', 'value', 'options.minCell must be a whole number, 0 or more', {
        expression: 'options.minCell',
      }),
    );
  if (evaluation.programId !== data.program.id)
    issues.push(
      fhirIssue('error', 'invalid', 'The evaluation is of another program than data', {
        expression: 'evaluation.programId',
      }),
    );
  const asOf = parseAsOf(evaluation.asOf, timeZone, ['evaluation', 'asOf']);
  if (!asOf.success)
    for (const i of asOf.issues)
      issues.push(fhirIssue('error', 'value', i.message, { expression: 'evaluation.asOf' }));
  if (issues.length > 0 || !asOf.success || startMs === undefined || endMs === undefined)
    return { success: false, issues };
  const asOfMs = asOf.data.ms;

  const inPeriod = (o: Obligation): boolean => {
    const due = Date.parse(o.dueAt);
    return due >= startMs && due <= endMs;
  };
  const dueByAsOf = (o: Obligation): boolean => Date.parse(o.dueAt) <= asOfMs;
  const obligations = (ruleId: string): Obligation[] =>
    evaluation.enrolments.flatMap((e) => e.timeline.filter((o) => o.ruleId === ruleId && inPeriod(o)));

  const plans = obligations(RULE_ID.firstActionPlan);
  const plansDue = plans.filter((o) => o.status !== 'not-applicable' && dueByAsOf(o));
  const months = obligations(RULE_ID.inPersonContact);
  const monthsDecided = months.filter((o) => o.status === 'met' || o.status === 'missed');
  const replies = obligations(RULE_ID.replyTimeliness);
  const repliesDue = replies.filter((o) => o.status !== 'not-applicable' && dueByAsOf(o));
  const counts: Counts[] = [
    { initial: plans.length, denominator: plansDue.length, numerator: plansDue.filter(onTime).length },
    {
      initial: months.length,
      denominator: monthsDecided.length,
      numerator: monthsDecided.filter((o) => o.status === 'met').length,
    },
    { initial: replies.length, denominator: repliesDue.length, numerator: repliesDue.filter(onTime).length },
  ];

  const pid = data.program.id;
  const programOrgId = resourceId(pid, 'Organization', 'program', pid);
  const periodStart = options.period.start;
  const periodEnd = options.period.end;
  const measureReport: MeasureReport = {
    resourceType: 'MeasureReport',
    id: resourceId(pid, 'MeasureReport', 'compliance', `${periodStart}|${periodEnd}|${evaluation.asOf}`),
    meta: { tag: [{ system: SYSTEMS.programTag, code: pid }] },
    status: 'complete',
    type: 'summary',
    measure: COMPLIANCE_MEASURE_URL,
    date: evaluation.asOf,
    reporter: { reference: `Organization/${programOrgId}` },
    period: { start: periodStart, end: periodEnd },
    improvementNotation: concept(CODES.improvementIncrease),
    group: COMPLIANCE_MEASURE_GROUPS.map((code, i) => group(code, counts[i] as Counts, minCell)),
  };
  const found = validateResource(measureReport);
  if (found.some((i) => i.severity === 'error')) return { success: false, issues: found };
  return { success: true, data: measureReport, issues: found };
}

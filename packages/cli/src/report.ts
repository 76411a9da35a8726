import {
  type EnrolmentEvaluation,
  type Finding,
  type ProgramData,
  type ProgramEvaluation,
  RULE_ID,
  timeZoneOffset,
} from '@peer-recovery/core';
import { paint, table } from './style';

/**
 * Describes an evaluation instant for people, in the program's zone: `2026-11-20 23:59 America/Los_Angeles`.
 *
 * @example
 * describeAsOf('2026-11-21T07:59:59.999Z', 'America/Los_Angeles'); // '2026-11-20 23:59 America/Los_Angeles'
 */
export function describeAsOf(asOf: string, timeZone: string): string {
  const ms = Date.parse(asOf);
  const offset = timeZoneOffset(ms, timeZone);
  const local = new Date(ms + offset).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} ${timeZone}`;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Findings of a program evaluation (enrolments then coaches), errors first, then by subject and due date.
 *
 * @example
 * allFindings(evaluation).filter((f) => f.severity === 'error').length;
 */
export function allFindings(ev: ProgramEvaluation): Finding[] {
  return [...ev.enrolments.flatMap((e) => e.findings), ...ev.coaches.flatMap((c) => c.findings)].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.subject.id.localeCompare(b.subject.id) ||
      (a.dueOn ?? '').localeCompare(b.dueOn ?? '') ||
      a.code.localeCompare(b.code),
  );
}

/**
 * True when the evaluation has an error-severity finding (overdue or missed obligations, violations): the
 * `check` command then exits 1.
 *
 * @example
 * hasErrors(evaluation); // false for a clean program
 */
export function hasErrors(ev: ProgramEvaluation): boolean {
  return ev.totals.findingsBySeverity.error > 0;
}

/**
 * A readable compliance summary: totals, coach caseloads, findings and the next actions.
 *
 * @example
 * console.log(formatSummary(data, evaluation, { nextDays: 14 }));
 */
export function formatSummary(
  data: ProgramData,
  ev: ProgramEvaluation,
  options: { nextDays?: number; maxFindings?: number; stream?: NodeJS.WriteStream } = {},
): string {
  const stream = options.stream ?? process.stdout;
  const t = ev.totals;
  const s = t.findingsBySeverity;
  const out: string[] = [];
  out.push(
    paint(
      'bold',
      `${data.program.name} — compliance as of ${describeAsOf(ev.asOf, data.program.timeZone)} (rule pack ${ev.packId})`,
      stream,
    ),
  );
  out.push(
    `Enrolments: ${t.enrolments} (${t.activeEnrolments} active) · Coaches: ${t.coaches} · Obligations overdue: ${t.overdue} · missed: ${t.missed}`,
  );
  out.push(
    `Findings: ${paint('red', `${s.error} error(s)`, stream)}, ${paint('yellow', `${s.warning} warning(s)`, stream)}, ${s.info} info`,
  );
  out.push('', paint('bold', 'Coach caseloads', stream));
  out.push(
    table(
      [
        'coach',
        'status',
        'peers',
        'overdue plans',
        'missed months',
        'unanswered',
        'awaiting reassignment',
        'eligible',
      ],
      ev.coaches.map((c) => {
        const facts = c.results.find((r) => r.ruleId === RULE_ID.coachEligibility)?.facts;
        const eligible = facts
          ? `${facts.eligible ? 'yes' : 'NO'}${facts.eligibleUntil ? ` until ${String(facts.eligibleUntil)}` : ''}`
          : '-';
        return [
          c.coachId,
          c.status ?? '-',
          String(c.caseload.enrolmentIds.length),
          String(c.caseload.overduePlans),
          String(c.caseload.missedMonths),
          String(c.caseload.unansweredMessages),
          c.caseload.peersAwaitingReassignment.join(' ') || '-',
          eligible,
        ];
      }),
    ),
  );
  const findings = allFindings(ev);
  const max = options.maxFindings ?? 50;
  out.push('', paint('bold', `Findings (${findings.length})`, stream));
  if (findings.length === 0) out.push('none');
  else
    out.push(
      table(
        ['severity', 'subject', 'code', 'message'],
        findings
          .slice(0, max)
          .map((f) => [f.severity, `${f.subject.type} ${f.subject.id}`, f.code, f.message]),
      ),
    );
  if (findings.length > max)
    out.push(`... and ${findings.length - max} more (use --format json or csv for all)`);
  const horizon = Date.parse(ev.asOf) + (options.nextDays ?? 14) * 86_400_000;
  const next = ev.enrolments
    .flatMap((e) => e.nextActions)
    .concat(ev.coaches.flatMap((c) => c.nextActions))
    .filter((o) => Date.parse(o.dueAt) <= horizon)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  out.push(
    '',
    paint(
      'bold',
      `Next actions (overdue, and due within ${options.nextDays ?? 14} days): ${next.length}`,
      stream,
    ),
  );
  if (next.length > 0)
    out.push(
      table(
        ['due', 'status', 'subject', 'what'],
        next.slice(0, max).map((o) => [o.dueOn, o.status, `${o.subject.type} ${o.subject.id}`, o.label]),
      ),
    );
  return `${out.join('\n')}\n`;
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * Findings as CSV, one row each, with a header. Columns: severity, subject_type, subject_id, rule, code, due_on,
 * path, message.
 *
 * @example
 * formatFindingsCsv(evaluation).split('\n')[0]; // 'severity,subject_type,subject_id,rule,code,due_on,path,message'
 */
export function formatFindingsCsv(ev: ProgramEvaluation): string {
  const header = ['severity', 'subject_type', 'subject_id', 'rule', 'code', 'due_on', 'path', 'message'];
  const rows = allFindings(ev).map((f) =>
    [f.severity, f.subject.type, f.subject.id, f.ruleId, f.code, f.dueOn ?? '', f.path, f.message]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

/**
 * The stable JSON output of `check --format json`: a format tag and the program evaluation.
 *
 * @example
 * JSON.parse(formatCheckJson(evaluation)).format; // 'peer-recovery/check@1'
 */
export function formatCheckJson(ev: ProgramEvaluation): string {
  return `${JSON.stringify({ format: 'peer-recovery/check@1', evaluation: ev }, null, 2)}\n`;
}

/** Stands for `evaluation.enrolments` while the rest of `check --format json` is written (a string JSON escapes). */
const ENROLMENTS_MARK = '\u0001enrolments\u0001';
const ENROLMENTS_AT = `"enrolments": ${JSON.stringify(ENROLMENTS_MARK)}`;

/** A document with `evaluation.enrolments` at the depth `check --format json` writes it: its text around them. */
const JSON_HEAD = '{\n  "evaluation": {\n    "enrolments": [\n';
const JSON_TAIL = '\n    ]\n  }\n}';

/**
 * The JSON text of enrolment evaluations as `check --format json` writes them inside `evaluation.enrolments`: each
 * indented as at that depth, joined by the array's separator (no brackets); empty for none.
 *
 * @example
 * enrolmentJson([evaluation]).startsWith('      {'); // true
 */
export function enrolmentJson(evaluations: readonly EnrolmentEvaluation[]): string {
  if (evaluations.length === 0) return '';
  // One call at the right depth: the same bytes as the whole document's, without re-indenting each line.
  const text = JSON.stringify({ evaluation: { enrolments: evaluations } }, null, 2);
  return text.slice(JSON_HEAD.length, text.length - JSON_TAIL.length);
}

/** Enrolments written by one `JSON.stringify` call in {@link formatCheckJsonPieces}. */
const ENROLMENTS_PER_PIECE = 256;

/**
 * `check --format json` as pieces of text: joined, they are {@link formatCheckJson} of the evaluation byte for
 * byte, but no piece holds more than a few hundred enrolments, so an output larger than the longest string Node
 * can make (a 40,000-peer program's) can be written piece by piece. `enrolmentsJson` gives the enrolments as text
 * instead (pieces as {@link enrolmentJson} writes them, in order, as threads of `check --jobs` make them); then
 * `ev.enrolments` is not read.
 *
 * @example
 * formatCheckJsonPieces(evaluation).join('') === formatCheckJson(evaluation); // true
 */
export function formatCheckJsonPieces(ev: ProgramEvaluation, enrolmentsJson?: readonly string[]): string[] {
  const text = formatCheckJson({ ...ev, enrolments: ENROLMENTS_MARK as unknown as [] });
  // The first occurrence is the key: in a string before it, a quote is written escaped.
  const at = text.indexOf(ENROLMENTS_AT);
  const head = `${text.slice(0, at)}"enrolments": `;
  const tail = text.slice(at + ENROLMENTS_AT.length);
  const parts: string[] = [];
  if (enrolmentsJson !== undefined) for (const part of enrolmentsJson) if (part !== '') parts.push(part);
  if (enrolmentsJson === undefined)
    for (let i = 0; i < ev.enrolments.length; i += ENROLMENTS_PER_PIECE)
      parts.push(enrolmentJson(ev.enrolments.slice(i, i + ENROLMENTS_PER_PIECE)));
  if (parts.length === 0) return [`${head}[]${tail}`];
  return [`${head}[\n`, ...parts.map((part, i) => (i === 0 ? part : `,\n${part}`)), `\n    ]${tail}`];
}

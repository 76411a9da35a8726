import {
  type EnrolmentEvaluation,
  type Finding,
  type FindingSummary,
  findingOf,
  findingSummaries,
  nextActionSummaries,
  type Obligation,
  type ObligationSummary,
  obligationOf,
  type ProgramData,
  type ProgramEvaluation,
  plainEvaluation,
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
 * Ranks of strings in the order `localeCompare` gives them (strings it finds equal share a rank), so that many
 * comparisons of few distinct strings are comparisons of numbers.
 */
function localeRanks(values: Iterable<string>): Map<string, number> {
  const sorted = [...values].sort((a, b) => a.localeCompare(b));
  const ranks = new Map<string, number>();
  let rank = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as string;
    if (i > 0 && (sorted[i - 1] as string).localeCompare(v) !== 0) rank++;
    ranks.set(v, rank);
  }
  return ranks;
}

/** Distinct strings, numbered in first-seen order. */
function numbering(): { readonly ids: Map<string, number>; id(v: string): number } {
  const ids = new Map<string, number>();
  return {
    ids,
    id(v) {
      let n = ids.get(v);
      if (n === undefined) {
        n = ids.size;
        ids.set(v, n);
      }
      return n;
    },
  };
}

/** Maps numbers of a {@link numbering} to the ranks of their strings. */
function rankTable(ids: Map<string, number>): Uint32Array {
  const ranks = localeRanks(ids.keys());
  const out = new Uint32Array(ids.size);
  for (const [v, n] of ids) out[n] = ranks.get(v) as number;
  return out;
}

/**
 * The findings of a program evaluation (enrolments then coaches) as summaries, in the order of {@link allFindings}:
 * errors first, then by subject, due day and code (`localeCompare`), in evaluation order when all are equal. The
 * findings of enrolments not read yet are not made (see `findingSummaries`).
 */
function sortedFindingSummaries(ev: ProgramEvaluation): FindingSummary[] {
  const all: FindingSummary[] = [];
  for (const e of ev.enrolments) for (const list of findingSummaries(e)) for (const f of list) all.push(f);
  for (const c of ev.coaches) for (const f of c.findings) all.push(f);
  const n = all.length;
  const severity = new Uint8Array(n);
  const subject = new Uint32Array(n);
  const due = new Uint32Array(n);
  const code = new Uint32Array(n);
  const subjects = numbering();
  const dues = numbering();
  const codes = numbering();
  for (let i = 0; i < n; i++) {
    const f = all[i] as FindingSummary;
    severity[i] = SEVERITY_ORDER[f.severity];
    subject[i] = subjects.id(f.subject.id);
    due[i] = dues.id(f.dueOn ?? '');
    code[i] = codes.id(f.code);
  }
  const subjectRank = rankTable(subjects.ids);
  const dueRank = rankTable(dues.ids);
  const codeRank = rankTable(codes.ids);
  for (let i = 0; i < n; i++) {
    subject[i] = subjectRank[subject[i] as number] as number;
    due[i] = dueRank[due[i] as number] as number;
    code[i] = codeRank[code[i] as number] as number;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort(
    (a, b) =>
      (severity[a] as number) - (severity[b] as number) ||
      (subject[a] as number) - (subject[b] as number) ||
      (due[a] as number) - (due[b] as number) ||
      (code[a] as number) - (code[b] as number) ||
      a - b,
  );
  const sorted: FindingSummary[] = new Array(n);
  for (let i = 0; i < n; i++) sorted[i] = all[order[i] as number] as FindingSummary;
  return sorted;
}

/**
 * Findings of a program evaluation (enrolments then coaches), errors first, then by subject and due date.
 *
 * @example
 * allFindings(evaluation).filter((f) => f.severity === 'error').length;
 */
export function allFindings(ev: ProgramEvaluation): Finding[] {
  return sortedFindingSummaries(ev).map(findingOf);
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
 * The next actions of a program evaluation (enrolments then coaches) due by `horizon` (epoch ms), as summaries, in
 * due order (`localeCompare` of `dueAt`), in evaluation order when due at the same instant.
 */
function nextActionsWithin(ev: ProgramEvaluation, horizon: number): ObligationSummary[] {
  const within: ObligationSummary[] = [];
  const keep = (o: ObligationSummary) => {
    if (Date.parse(o.dueAt) <= horizon) within.push(o);
  };
  for (const e of ev.enrolments) for (const o of nextActionSummaries(e)) keep(o);
  for (const c of ev.coaches) for (const o of c.nextActions as readonly Obligation[]) keep(o);
  const dues = numbering();
  const due = within.map((o) => dues.id(o.dueAt));
  const rank = rankTable(dues.ids);
  const order = within.map((_, i) => i);
  order.sort((a, b) => (rank[due[a] as number] as number) - (rank[due[b] as number] as number) || a - b);
  return order.map((i) => within[i] as ObligationSummary);
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
  // Only the findings and next actions printed are made (of evaluations not read yet).
  const findings = sortedFindingSummaries(ev);
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
  const next = nextActionsWithin(ev, Date.parse(ev.asOf) + (options.nextDays ?? 14) * 86_400_000);
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
        next
          .slice(0, max)
          .map(obligationOf)
          .map((o) => [o.dueOn, o.status, `${o.subject.type} ${o.subject.id}`, o.label]),
      ),
    );
  return `${out.join('\n')}\n`;
}

/** A CSV cell: quoted (its quotes doubled) when it holds a quote, a comma or a line feed. */
function csvCell(v: string): string {
  return v.includes('"') || v.includes(',') || v.includes('\n') ? `"${v.replaceAll('"', '""')}"` : v;
}

const CSV_HEADER = 'severity,subject_type,subject_id,rule,code,due_on,path,message\n';

/** Finding lines in a piece of the CSV: some 70 KB, a string V8 makes in its young generation (see below). */
const CSV_LINES_PER_PIECE = 512;

/**
 * Findings as CSV in pieces of text (joined, {@link formatFindingsCsv}), the header and `linesPerPiece` findings'
 * lines in the first, as many in each of the others, each piece made when the iteration reaches it: of an
 * enrolment not read yet, no finding is made, only the path and message of its line.
 *
 * @example
 * for (const piece of findingsCsvPieces(evaluation)) process.stdout.write(piece);
 */
export function* findingsCsvPieces(
  ev: ProgramEvaluation,
  linesPerPiece = CSV_LINES_PER_PIECE,
): Generator<string> {
  const findings = sortedFindingSummaries(ev);
  // Cells that repeat (a subject's id, a code) are escaped once.
  const cells = new Map<string, string>();
  const cell = (v: string) => {
    let c = cells.get(v);
    if (c === undefined) {
      c = csvCell(v);
      cells.set(v, c);
    }
    return c;
  };
  let piece = CSV_HEADER;
  let pieces = 0;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as FindingSummary;
    piece += `${cell(f.severity)},${cell(f.subject.type)},${cell(f.subject.id)},${cell(f.ruleId)},${cell(f.code)},${f.dueOn === undefined ? '' : cell(f.dueOn)},${csvCell(f.path)},${csvCell(f.message)}\n`;
    if ((i + 1) % linesPerPiece === 0) {
      yield piece;
      pieces++;
      piece = '';
    }
  }
  if (piece !== '' || pieces === 0) yield piece;
}

/**
 * Findings as CSV in pieces of text: the pieces of {@link findingsCsvPieces}, all made.
 *
 * @example
 * formatFindingsCsvPieces(evaluation).join('') === formatFindingsCsv(evaluation); // true
 */
export function formatFindingsCsvPieces(
  ev: ProgramEvaluation,
  linesPerPiece = CSV_LINES_PER_PIECE,
): string[] {
  return [...findingsCsvPieces(ev, linesPerPiece)];
}

/**
 * Findings as CSV, one row each, with a header. Columns: severity, subject_type, subject_id, rule, code, due_on,
 * path, message.
 *
 * @example
 * formatFindingsCsv(evaluation).split('\n')[0]; // 'severity,subject_type,subject_id,rule,code,due_on,path,message'
 */
export function formatFindingsCsv(ev: ProgramEvaluation): string {
  return formatFindingsCsvPieces(ev).join('');
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
  // Plain copies: evaluations not read yet stay so, and what is made for the text is not kept.
  const text = JSON.stringify({ evaluation: { enrolments: evaluations.map(plainEvaluation) } }, null, 2);
  return text.slice(JSON_HEAD.length, text.length - JSON_TAIL.length);
}

/**
 * Enrolments written by one `JSON.stringify` call in {@link formatCheckJsonPieces}: pieces of some 250 KB, made and
 * dropped one at a time as the output is written. Pieces of 256 enrolments (15 MB each at 10,000 peers) made the
 * same run take 1.4x the CPU time and 1.3x the peak memory, most likely in garbage collection: a string that large
 * is allocated in V8's old generation, whose collections mark every live object of the run.
 */
const ENROLMENTS_PER_PIECE = 4;

/**
 * `check --format json` as pieces of text: joined, they are {@link formatCheckJson} of the evaluation byte for
 * byte, but no piece holds more than a few enrolments, so an output larger than the longest string Node
 * can make (a 40,000-peer program's) can be written piece by piece. `enrolmentsJson` gives the enrolments as text
 * instead (pieces as {@link enrolmentJson} writes them, in order, as threads of `check --jobs` make them); then
 * `ev.enrolments` is not read.
 *
 * @example
 * formatCheckJsonPieces(evaluation).join('') === formatCheckJson(evaluation); // true
 */
export function formatCheckJsonPieces(ev: ProgramEvaluation, enrolmentsJson?: readonly string[]): string[] {
  return [...checkJsonPieces(ev, enrolmentsJson)];
}

/**
 * The pieces of {@link formatCheckJsonPieces}, each made when the iteration reaches it (the enrolments' text a few
 * hundred enrolments at a time), so that a writer holds one piece at a time.
 *
 * @example
 * for (const piece of checkJsonPieces(evaluation)) process.stdout.write(piece);
 */
export function* checkJsonPieces(
  ev: ProgramEvaluation,
  enrolmentsJson?: readonly string[],
): Generator<string> {
  const text = formatCheckJson({ ...ev, enrolments: ENROLMENTS_MARK as unknown as [] });
  // The first occurrence is the key: in a string before it, a quote is written escaped.
  const at = text.indexOf(ENROLMENTS_AT);
  const head = `${text.slice(0, at)}"enrolments": `;
  const tail = text.slice(at + ENROLMENTS_AT.length);
  const given = enrolmentsJson?.filter((part) => part !== '');
  const count = given === undefined ? Math.ceil(ev.enrolments.length / ENROLMENTS_PER_PIECE) : given.length;
  if (count === 0) {
    yield `${head}[]${tail}`;
    return;
  }
  yield `${head}[\n`;
  for (let i = 0; i < count; i++) {
    const part =
      given === undefined
        ? enrolmentJson(ev.enrolments.slice(i * ENROLMENTS_PER_PIECE, (i + 1) * ENROLMENTS_PER_PIECE))
        : (given[i] as string);
    yield i === 0 ? part : `,\n${part}`;
  }
  yield `\n    ]${tail}`;
}

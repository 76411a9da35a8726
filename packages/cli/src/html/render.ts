import {
  type Finding,
  type FindingSeverity,
  formatSource,
  type HumanName,
  type Obligation,
  type ProgramData,
  type ProgramEvaluation,
  RULE_ID,
  toLocalDate,
} from '@peer-recovery/core';
import { allFindings } from '../report';
import { type ChartSeries, columnChart, horizontalBarChart } from './charts';
import { html, type SafeHtml, trusted } from './escape';
import { type GridState, type InPersonGrid, inPersonGrid, monthTotals } from './grid';
import { REPORT_CSS } from './styles';

/**
 * Options of {@link renderHtmlReport}.
 *
 * @example
 * const options: HtmlReportOptions = { includeNames: false };
 */
export interface HtmlReportOptions {
  /**
   * Show each peer's name (from `data.peers[].name`) next to their program id. Off by default: the report then holds
   * no personal names at all. Birth dates, notes, goal descriptions and recovery dates are never shown.
   */
  readonly includeNames?: boolean;
}

/**
 * The grid states in legend order, with their label and the symbol written in each cell (so the grid reads
 * without colour).
 *
 * @example
 * GRID_STATES.map((s) => s.symbol).join(' '); // '✓ ✗ … –'
 */
export const GRID_STATES: readonly {
  readonly state: GridState;
  readonly label: string;
  readonly symbol: string;
}[] = [
  { state: 'met', label: 'Met', symbol: '✓' },
  { state: 'missed', label: 'Missed', symbol: '✗' },
  { state: 'pending', label: 'Pending (month not over)', symbol: '…' },
  { state: 'not-applicable', label: 'Not applicable (partial month or hold)', symbol: '–' },
];

const SEVERITY_SERIES: readonly ChartSeries[] = [
  { key: 'error', label: 'Error', color: '#b91c1c' },
  { key: 'warning', label: 'Warning', color: '#d97706' },
  { key: 'info', label: 'Info', color: '#2563eb' },
];

const MONTH_SERIES: readonly ChartSeries[] = [
  { key: 'met', label: 'Met', color: '#15803d' },
  { key: 'missed', label: 'Missed', color: '#b91c1c' },
  { key: 'pending', label: 'Pending', color: '#d97706' },
];

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const PLAN_RULES = new Set<string>([RULE_ID.firstActionPlan, RULE_ID.planRevision]);

function nameText(n: HumanName | undefined): string | undefined {
  if (!n) return undefined;
  const s = (n.text ?? [...(n.given ?? []), ...(n.family === undefined ? [] : [n.family])].join(' ')).trim();
  return s === '' ? undefined : s;
}

function localDay(instant: string, timeZone: string): string {
  try {
    return toLocalDate(instant, timeZone);
  } catch {
    return instant.slice(0, 10);
  }
}

/** Everything the sections share: lookups built once from the data and the evaluation. */
interface View {
  readonly data: ProgramData;
  readonly ev: ProgramEvaluation;
  readonly asOfDay: string;
  readonly includeNames: boolean;
  readonly peerOfEnrolment: ReadonlyMap<string, string>;
  readonly names: ReadonlyMap<string, string>;
  readonly coachOfEnrolment: ReadonlyMap<string, string>;
}

function buildView(data: ProgramData, ev: ProgramEvaluation, includeNames: boolean): View {
  const names = new Map<string, string>();
  if (includeNames)
    for (const p of data.peers) {
      const n = nameText(p.name);
      if (n !== undefined) names.set(p.id, n);
    }
  const coachOfEnrolment = new Map<string, string>();
  for (const c of ev.coaches) for (const id of c.caseload.enrolmentIds) coachOfEnrolment.set(id, c.coachId);
  return {
    data,
    ev,
    asOfDay: localDay(ev.asOf, data.program.timeZone),
    includeNames,
    peerOfEnrolment: new Map(ev.enrolments.map((e) => [e.enrolmentId, e.peerId])),
    names,
    coachOfEnrolment,
  };
}

/** An enrolment as shown everywhere: its id, the peer's program id and (only with names on) the peer's name. */
function enrolmentLabel(v: View, enrolmentId: string, peerId = v.peerOfEnrolment.get(enrolmentId)): SafeHtml {
  const name = peerId === undefined ? undefined : v.names.get(peerId);
  return html`<span class="id">${enrolmentId}</span>${peerId === undefined ? null : html` <span class="sub">${peerId}</span>`}${name === undefined ? null : html` <span class="name">${name}</span>`}`;
}

function coachCell(v: View, enrolmentId: string): SafeHtml {
  const id = v.coachOfEnrolment.get(enrolmentId);
  return id === undefined ? html`<span class="muted">unassigned</span>` : html`<span class="id">${id}</span>`;
}

/** A finding code that wraps only after its rule id: `rule-id.` then the rest. */
function codeCell(code: string): SafeHtml {
  const dot = code.indexOf('.');
  if (dot < 0) return html`<code class="nw">${code}</code>`;
  return html`<code><span class="nw">${code.slice(0, dot + 1)}</span><wbr><span class="nw">${code.slice(dot + 1)}</span></code>`;
}

const pill = (cls: string, text: string) => html`<span class="pill ${cls}">${text}</span>`;
const num = (n: number, flag = false) => html`<td class="num${flag && n > 0 ? ' bad' : ''}">${n}</td>`;

function header(v: View): SafeHtml {
  const t = v.ev.totals;
  const s = t.findingsBySeverity;
  const stat = (cls: string, label: string, value: number, sub?: string) =>
    html`<div class="stat ${cls}"><dt>${label}</dt><dd>${value}${sub === undefined ? null : html`<small>${sub}</small>`}</dd></div>`;
  return html`<header class="report"><div class="wrap">
<p class="kicker">Peer recovery coaching · compliance report</p>
<h1>${v.data.program.name}</h1>
<p class="meta">As of <time datetime="${v.ev.asOf}">${v.asOfDay}</time> (${v.data.program.timeZone}) · rule pack <code>${v.ev.packId}</code> · program <code>${v.ev.programId}</code></p>
<dl class="stats">
${stat('', 'Enrolments', t.enrolments, `${t.activeEnrolments} active`)}
${stat('', 'Coaches', t.coaches)}
${stat('error', 'Errors', s.error)}
${stat('warning', 'Warnings', s.warning)}
${stat('info', 'Info', s.info)}
${stat(t.overdue > 0 ? 'bad' : '', 'Overdue', t.overdue, 'obligations')}
${stat(t.missed > 0 ? 'bad' : '', 'Missed', t.missed, 'obligations')}
</dl>
</div></header>`;
}

function toc(): SafeHtml {
  const links: [string, string][] = [
    ['glance', 'At a glance'],
    ['caseloads', 'Coach caseloads'],
    ['overdue-plans', 'Overdue plans'],
    ['unanswered', 'Unanswered messages'],
    ['in-person', 'In-person contact'],
    ['findings', 'All findings'],
  ];
  return html`<nav class="toc" aria-label="Sections"><div class="wrap"><ul>${links.map(
    ([id, label]) => html`<li><a href="#${id}">${label}</a></li>`,
  )}</ul></div></nav>`;
}

function glance(v: View, grid: InPersonGrid, findings: readonly Finding[]): SafeHtml {
  const byRule = new Map<string, Record<FindingSeverity, number>>();
  for (const f of findings) {
    const r = byRule.get(f.ruleId) ?? { error: 0, warning: 0, info: 0 };
    r[f.severity]++;
    byRule.set(f.ruleId, r);
  }
  const ruleData = [...byRule.entries()]
    .map(([label, values]) => ({ label, values, total: values.error + values.warning + values.info }))
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
  const months = monthTotals(grid);
  const codes = Object.entries(v.ev.totals.findingsByCode).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  return html`<section id="glance" aria-labelledby="glance-h"><h2 id="glance-h">At a glance</h2>
<div class="charts">
<div>
${horizontalBarChart({
  id: 'chart-rules',
  title: 'Findings by rule',
  description: 'Number of findings of each rule, by severity.',
  series: SEVERITY_SERIES,
  data: ruleData,
})}
<details><summary>Findings by code (table)</summary>
${
  codes.length === 0
    ? html`<p class="empty">No findings.</p>`
    : html`<table><caption>Findings by code</caption><thead><tr><th scope="col">Code</th><th scope="col" class="num">Findings</th></tr></thead><tbody>${codes.map(
        ([code, n]) => html`<tr><th scope="row"><code>${code}</code></th><td class="num">${n}</td></tr>`,
      )}</tbody></table>`
}
</details>
</div>
<div>
${columnChart({
  id: 'chart-months',
  title: 'In-person contact by month',
  description:
    'Enrolments per calendar month whose in-person meetings were met, missed or are still pending.',
  series: MONTH_SERIES,
  data: months.map((m) => ({ label: m.month, values: { met: m.met, missed: m.missed, pending: m.pending } })),
})}
<details><summary>In-person contact by month (table)</summary>
${
  months.length === 0
    ? html`<p class="empty">No in-person contact months.</p>`
    : html`<table><caption>Enrolments per month and state</caption><thead><tr><th scope="col">Month</th><th scope="col" class="num">Met</th><th scope="col" class="num">Missed</th><th scope="col" class="num">Pending</th><th scope="col" class="num">Not applicable</th></tr></thead><tbody>${months.map(
        (m) =>
          html`<tr><th scope="row">${m.month}</th><td class="num">${m.met}</td>${num(m.missed, true)}<td class="num">${m.pending}</td><td class="num">${m.notApplicable}</td></tr>`,
      )}</tbody></table>`
}
</details>
</div>
</div>
</section>`;
}

function caseloads(v: View): SafeHtml {
  const rows = v.ev.coaches.map((c) => {
    const facts = c.results.find((r) => r.ruleId === RULE_ID.coachEligibility)?.facts;
    const eligible =
      facts === undefined
        ? html`<span class="muted" title="The eligibility rule did not apply (coach status, or rule off in the pack)">n/a</span>`
        : facts.eligible === true
          ? pill('yes', 'Yes')
          : pill('no', 'No');
    const until =
      facts !== undefined && typeof facts.eligibleUntil === 'string'
        ? html`${facts.eligibleUntil}${typeof facts.firstExpiring === 'string' ? html` <span class="muted">(${facts.firstExpiring})</span>` : null}`
        : html`<span class="muted">–</span>`;
    const cl = c.caseload;
    return html`<tr data-coach="${c.coachId}"><th scope="row"><span class="id">${c.coachId}</span></th><td>${c.status === null ? html`<span class="muted">–</span>` : pill(c.status === 'active' ? 'active' : 'neutral', c.status)}</td><td class="num">${cl.enrolmentIds.length}</td>${num(cl.overduePlans, true)}${num(cl.missedMonths, true)}${num(cl.unansweredMessages, true)}<td>${
      cl.peersAwaitingReassignment.length === 0
        ? html`<span class="muted">–</span>`
        : cl.peersAwaitingReassignment.map(
            (id, i) => html`${i > 0 ? html`<br>` : null}${enrolmentLabel(v, id)}`,
          )
    }</td><td>${eligible}</td><td>${until}</td><td class="num">${cl.findings}</td></tr>`;
  });
  return html`<section id="caseloads" aria-labelledby="caseloads-h"><h2 id="caseloads-h">Coach caseloads <span class="count">(${v.ev.coaches.length})</span></h2>
${
  rows.length === 0
    ? html`<p class="empty">No coaches.</p>`
    : html`<table id="caseload-table"><caption>Peers assigned to each coach on ${v.asOfDay}, what is overdue or missed among them, and the coach's eligibility.</caption>
<thead><tr><th scope="col">Coach</th><th scope="col">Status</th><th scope="col" class="num">Peers</th><th scope="col" class="num">Overdue plans</th><th scope="col" class="num">Missed months</th><th scope="col" class="num">Unanswered messages</th><th scope="col">Awaiting reassignment</th><th scope="col">Eligible</th><th scope="col">Eligible until</th><th scope="col" class="num">Findings</th></tr></thead>
<tbody>${rows}</tbody></table>`
}
</section>`;
}

function obligationsOf(v: View, keep: (o: Obligation) => boolean): { enrolmentId: string; o: Obligation }[] {
  return v.ev.enrolments
    .flatMap((e) => e.timeline.filter(keep).map((o) => ({ enrolmentId: e.enrolmentId, o })))
    .sort(
      (a, b) =>
        (b.o.lateByDays ?? 0) - (a.o.lateByDays ?? 0) ||
        a.o.dueOn.localeCompare(b.o.dueOn) ||
        a.enrolmentId.localeCompare(b.enrolmentId),
    );
}

function overduePlans(v: View): SafeHtml {
  const list = obligationsOf(
    v,
    (o) => PLAN_RULES.has(o.ruleId) && (o.status === 'overdue' || o.status === 'missed'),
  );
  return html`<section id="overdue-plans" aria-labelledby="overdue-plans-h"><h2 id="overdue-plans-h">Overdue plans <span class="count">(${list.length})</span></h2>
<p class="lead">First action plans and plan revisions past their due date and not signed by the peer, most days late first.</p>
${
  list.length === 0
    ? html`<p class="empty">No overdue plans.</p>`
    : html`<table id="overdue-plans-table"><caption>First action plans and plan revisions overdue or missed as of ${v.asOfDay}</caption>
<thead><tr><th scope="col">Enrolment · peer</th><th scope="col">Coach</th><th scope="col">Obligation</th><th scope="col">Due</th><th scope="col" class="num">Days late</th><th scope="col">Status</th></tr></thead>
<tbody>${list.map(
        ({ enrolmentId, o }) =>
          html`<tr><th scope="row">${enrolmentLabel(v, enrolmentId)}</th><td>${coachCell(v, enrolmentId)}</td><td>${o.label}</td><td class="date">${o.dueOn}</td><td class="num bad">${o.lateByDays ?? '–'}</td><td>${pill(o.status, o.status)}</td></tr>`,
      )}</tbody></table>`
}
</section>`;
}

function unanswered(v: View): SafeHtml {
  const messages = new Map(v.data.messages.map((m) => [m.id, m]));
  const list = obligationsOf(v, (o) => o.ruleId === RULE_ID.replyTimeliness && o.status === 'overdue');
  return html`<section id="unanswered" aria-labelledby="unanswered-h"><h2 id="unanswered-h">Unanswered messages <span class="count">(${list.length})</span></h2>
<p class="lead">Messages from peers still without a reply after the reply time of the rule pack.</p>
${
  list.length === 0
    ? html`<p class="empty">No unanswered messages.</p>`
    : html`<table id="unanswered-table"><caption>Messages past their reply time and unanswered as of ${v.asOfDay}</caption>
<thead><tr><th scope="col">Enrolment · peer</th><th scope="col">Coach</th><th scope="col">Message</th><th scope="col">Channel</th><th scope="col">Received</th><th scope="col">Reply due</th><th scope="col" class="num">Days late</th></tr></thead>
<tbody>${list.map(({ enrolmentId, o }) => {
        const id = o.key?.messageId ?? '–';
        const m = messages.get(id);
        return html`<tr><th scope="row">${enrolmentLabel(v, enrolmentId)}</th><td>${coachCell(v, enrolmentId)}</td><td><span class="id">${id}</span></td><td>${m?.channel ?? '–'}</td><td class="date">${m === undefined ? '–' : localDay(m.receivedAt, v.data.program.timeZone)}</td><td class="date">${o.dueOn}</td><td class="num bad">${o.lateByDays ?? '–'}</td></tr>`;
      })}</tbody></table>`
}
</section>`;
}

const SYMBOL = new Map(GRID_STATES.map((s) => [s.state, s.symbol]));

function inPersonSection(v: View, grid: InPersonGrid): SafeHtml {
  const counts = new Map<GridState, number>();
  for (const row of grid.rows)
    for (const c of row.cells) if (c) counts.set(c.state, (counts.get(c.state) ?? 0) + 1);
  const years: { year: string; span: number }[] = [];
  for (const m of grid.months) {
    const y = m.slice(0, 4);
    const last = years[years.length - 1];
    if (last && last.year === y) last.span++;
    else years.push({ year: y, span: 1 });
  }
  const table =
    grid.rows.length === 0
      ? html`<p class="empty">No in-person contact obligations as of ${v.asOfDay}.</p>`
      : html`<div class="grid-wrap" role="region" aria-labelledby="grid-caption" tabindex="0"><table class="grid" id="in-person-grid">
<caption id="grid-caption">In-person contact: ${grid.rows.length} enrolments × ${grid.months.length} calendar months (${v.data.program.timeZone})</caption>
<colgroup><col></colgroup>${years.map((y) => html`<colgroup span="${y.span}"></colgroup>`)}<colgroup><col></colgroup>
<thead><tr class="years"><th scope="col" rowspan="2" class="rowhead">Enrolment · peer</th>${years.map(
          (y) => html`<th scope="colgroup" colspan="${y.span}">${y.year}</th>`,
        )}<th scope="col" rowspan="2" class="num">Missed</th></tr>
<tr class="months">${grid.months.map(
          (m) =>
            html`<th scope="col" data-month="${m}" title="${m}">${MONTH_NAMES[Number(m.slice(5, 7)) - 1] ?? m}</th>`,
        )}</tr></thead>
<tbody>${grid.rows.map((row) => {
          let missed = 0;
          const cells = row.cells.map((c, k) => {
            if (!c) return html`<td class="s-none"></td>`;
            if (c.state === 'missed') missed++;
            const countText =
              c.count === undefined || c.required === undefined
                ? ''
                : `, ${c.count}/${c.required} in-person meetings`;
            const status = c.status === c.state ? '' : ` (${c.status})`;
            return html`<td class="s-${c.state}" data-state="${c.state}" data-month="${grid.months[k] ?? ''}" title="${c.month}: ${c.state}${status}${countText}">${SYMBOL.get(c.state) ?? ''}</td>`;
          });
          return html`<tr data-enrolment="${row.enrolmentId}"><th scope="row">${enrolmentLabel(v, row.enrolmentId, row.peerId)}</th>${cells}<td class="total${missed > 0 ? ' bad' : ''}">${missed}</td></tr>`;
        })}</tbody></table></div>`;
  return html`<section id="in-person" aria-labelledby="in-person-h"><h2 id="in-person-h">In-person contact by peer and month</h2>
<p class="lead">One row per enrolment, one column per calendar month in the program's time zone. A month is met when the required in-person meetings were recorded; the current month stays pending until it ends; a partial first or last month, or a month mostly on hold, is not applicable. Hover a cell for the meetings recorded and required.${
    grid.omitted > 0 ? ` ${grid.omitted} enrolment(s) without any in-person month yet are not shown.` : ''
  }</p>
<ul class="grid-legend" aria-label="Legend">${GRID_STATES.map(
    (s) =>
      html`<li><span class="cell s-${s.state}" aria-hidden="true">${s.symbol}</span>${s.label} <span class="muted">(${counts.get(s.state) ?? 0})</span></li>`,
  )}<li><span class="cell" aria-hidden="true"></span>Blank: not enrolled that month</li></ul>
${table}
</section>`;
}

function findingsSection(v: View, findings: readonly Finding[]): SafeHtml {
  return html`<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">All findings <span class="count">(${findings.length})</span></h2>
${
  findings.length === 0
    ? html`<p class="empty">No findings.</p>`
    : html`<table id="findings-table"><caption>Every finding, errors first, then by subject and due date, with the rule's source</caption>
<thead><tr><th scope="col">Severity</th><th scope="col">Subject</th><th scope="col">Code</th><th scope="col">Message</th><th scope="col">Due</th><th scope="col">Source</th></tr></thead>
<tbody>${findings.map(
        (f) =>
          html`<tr data-severity="${f.severity}"><td>${pill(f.severity, f.severity)}</td><th scope="row">${
            f.subject.type === 'enrolment'
              ? enrolmentLabel(v, f.subject.id)
              : html`coach <span class="id">${f.subject.id}</span>`
          }</th><td>${codeCell(f.code)}</td><td class="msg">${f.message}</td><td class="date">${f.dueOn ?? '–'}</td><td class="src">${formatSource(f.source)}</td></tr>`,
      )}</tbody></table>`
}
</section>`;
}

function footer(v: View): SafeHtml {
  return html`<footer class="report"><div class="wrap">
<p>${
    v.includeNames
      ? 'Peer names are shown in this report: it contains personal data. Share it only with people entitled to see it.'
      : 'Peers are shown by program id only; no personal names, birth dates, notes, goals or recovery dates are included.'
  }</p>
<p>Records of substance use disorder programs may be protected by 42 CFR Part 2: do not redisclose without the consent it requires.</p>
<p>Generated by peer-recovery from rule pack <code>${v.ev.packId}</code> as of ${v.ev.asOf}. This file is self-contained: it loads nothing and runs no scripts.</p>
</div></footer>`;
}

/**
 * Renders the compliance report of a program as ONE self-contained HTML document: inline CSS, charts as inline SVG,
 * no scripts, no fonts, images or other files, and a Content-Security-Policy that forbids any load, so it can be
 * opened offline, mailed or printed. Sections: header with totals, charts, coach caseloads, overdue plans,
 * unanswered messages, the peer-by-month grid of in-person contact, and every finding with its source.
 *
 * Privacy: peers are shown by program id; with `includeNames` the peer's name is shown next to it. Birth dates,
 * notes, goal descriptions and recovery dates are never shown. All text is escaped. Pure: the same input gives the
 * same document (no clock is read).
 *
 * @example
 * const r = evaluateProgram(data, { asOf: '2026-11-20' });
 * if (r.success) await writeFile('report.html', renderHtmlReport(data, r.data, { includeNames: false }));
 */
export function renderHtmlReport(
  data: ProgramData,
  ev: ProgramEvaluation,
  options: HtmlReportOptions = {},
): string {
  const v = buildView(data, ev, options.includeNames === true);
  const grid = inPersonGrid(ev);
  const findings = allFindings(ev);
  const csp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
  const doc = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${data.program.name} — compliance report as of ${v.asOfDay}</title>
<style>${trusted(REPORT_CSS)}</style>
</head>
<body>
${header(v)}
${toc()}
<main class="wrap">
${glance(v, grid, findings)}
${caseloads(v)}
${overduePlans(v)}
${unanswered(v)}
${inPersonSection(v, grid)}
${findingsSection(v, findings)}
</main>
${footer(v)}
</body>
</html>
`;
  return doc.value;
}

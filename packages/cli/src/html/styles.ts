/**
 * The report's style sheet, inlined in a `<style>` element: system fonts only, no `url()`, no `@import`, so the file
 * never loads anything. Colours keep text contrast at or above 4.5:1; the grid states also carry a symbol, so colour
 * is never the only cue. A print section lays the report out for paper (landscape, colours kept, no scroll boxes).
 *
 * @example
 * REPORT_CSS.includes('@media print'); // true
 */
export const REPORT_CSS = `
:root {
  color-scheme: light;
  --ink: #1f2937; --muted: #4b5563; --line: #d1d5db; --soft: #f3f4f6; --brand: #1e3a5f;
  --met-bg: #d1fae5; --met-ink: #065f46; --missed-bg: #fee2e2; --missed-ink: #991b1b;
  --pending-bg: #fef3c7; --pending-ink: #854d0e; --na-bg: #e5e7eb; --na-ink: #374151;
  --error: #b91c1c; --warning: #b45309; --info: #1d4ed8;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
.wrap { max-width: 1320px; margin: 0 auto; padding: 0 28px; }
a { color: #1d4ed8; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
.muted { color: var(--muted); }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
header.report { background: var(--brand); color: #fff; padding: 22px 0 20px; }
header.report .kicker { margin: 0; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: #cbd5e1; }
header.report h1 { margin: 2px 0 4px; font-size: 26px; line-height: 1.2; }
header.report .meta { margin: 0; color: #e2e8f0; }
header.report code { color: #fff; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(128px, 1fr)); gap: 10px; margin: 18px 0 0; }
.stat { background: #fff; color: var(--ink); border-radius: 8px; padding: 9px 12px 10px; border-top: 4px solid #94a3b8; }
.stat dt { font-size: 11.5px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); }
.stat dd { margin: 2px 0 0; font-size: 24px; font-weight: 700; line-height: 1.15; font-variant-numeric: tabular-nums; }
.stat dd small { display: block; font-size: 12px; font-weight: 500; color: var(--muted); }
.stat.error { border-top-color: var(--error); } .stat.error dd { color: var(--error); }
.stat.warning { border-top-color: #d97706; } .stat.warning dd { color: var(--warning); }
.stat.info { border-top-color: var(--info); }
.stat.bad { border-top-color: var(--error); }
nav.toc { border-bottom: 1px solid var(--line); background: var(--soft); }
nav.toc ul { list-style: none; margin: 0; padding: 8px 0; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 13px; }
nav.toc a { text-decoration: none; font-weight: 600; }
nav.toc a:hover, nav.toc a:focus { text-decoration: underline; }
main { padding-bottom: 36px; }
section { margin-top: 30px; }
h2 { font-size: 19px; margin: 0 0 10px; padding-bottom: 5px; border-bottom: 2px solid var(--line); }
h2 .count { font-weight: 500; color: var(--muted); font-size: 15px; }
p.lead { margin: 0 0 12px; color: var(--muted); max-width: 90ch; }
p.empty { margin: 6px 0; padding: 10px 12px; background: var(--soft); border-radius: 6px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
caption { caption-side: top; text-align: left; color: var(--muted); padding: 0 0 6px; font-size: 12.5px; }
th, td { padding: 6px 9px; text-align: left; vertical-align: top; border-bottom: 1px solid #e5e7eb; }
thead th { background: var(--soft); font-weight: 600; border-bottom: 1px solid var(--line); white-space: nowrap; }
table:not(.grid) tbody tr:nth-child(even) > * { background: #fafafa; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.bad { color: var(--error); font-weight: 700; }
td.src { color: var(--muted); font-size: 11.5px; line-height: 1.35; min-width: 26ch; max-width: 40ch; }
td.date, th.date { white-space: nowrap; }
.nw { white-space: nowrap; }
td.msg { max-width: 60ch; }
.id, .sub { white-space: nowrap; }
.id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.sub { color: var(--muted); font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 11.5px; }
.name { font-weight: 600; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 11.5px; font-weight: 700; white-space: nowrap; }
.pill.error, .pill.no, .pill.missed, .pill.overdue { background: var(--missed-bg); color: var(--missed-ink); }
.pill.warning { background: var(--pending-bg); color: var(--pending-ink); }
.pill.info { background: #dbeafe; color: #1e40af; }
.pill.yes, .pill.active { background: var(--met-bg); color: var(--met-ink); }
.pill.neutral { background: var(--na-bg); color: var(--na-ink); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 20px; align-items: start; }
.charts > * { min-width: 0; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fff; }
figure.chart figcaption { margin-bottom: 8px; }
figure.chart figcaption .muted { display: block; font-size: 12.5px; }
figure.chart svg { display: block; width: 100%; height: auto; }
svg text { font-size: 11px; fill: var(--ink); }
svg text.tick, svg text.muted { fill: var(--muted); }
svg text.value { font-weight: 700; }
svg line.grid { stroke: #e5e7eb; stroke-width: 1; }
svg line.axis { stroke: #6b7280; stroke-width: 1; }
.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: var(--muted); }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
details { margin-top: 8px; font-size: 12.5px; }
details summary { cursor: pointer; color: #1d4ed8; }
details table { margin-top: 6px; }
.grid-legend { list-style: none; padding: 0; margin: 0 0 10px; display: flex; flex-wrap: wrap; gap: 6px 10px; font-size: 12.5px; }
.grid-legend li { display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px 2px 2px; border: 1px solid var(--line); border-radius: 999px; }
.grid-legend .cell { display: inline-block; width: 22px; height: 20px; line-height: 20px; text-align: center; border-radius: 999px; font-weight: 700; }
.grid-wrap { width: fit-content; max-width: 100%; overflow: auto; max-height: 78vh; border: 1px solid var(--line); border-radius: 8px; }
table.grid { width: auto; font-size: 12px; border-collapse: separate; border-spacing: 0; }
table.grid caption { padding: 8px 10px; }
table.grid th, table.grid td { border-bottom: 1px solid #fff; border-right: 1px solid #fff; padding: 0; }
table.grid thead th { position: sticky; z-index: 2; background: var(--soft); text-align: center; font-weight: 600; }
table.grid thead tr.years th { top: 0; height: 22px; border-bottom: 1px solid var(--line); }
table.grid thead tr.months th { top: 23px; height: 22px; font-weight: 500; color: var(--muted); border-bottom: 1px solid var(--line); }
table.grid thead th.rowhead { left: 0; z-index: 3; text-align: left; padding: 0 10px; vertical-align: bottom; }
table.grid th[scope="row"] { position: sticky; left: 0; z-index: 1; background: #fff; padding: 2px 12px 2px 8px; white-space: nowrap; font-weight: 500; border-right: 1px solid var(--line); }
table.grid td { width: 30px; min-width: 30px; height: 24px; text-align: center; vertical-align: middle; font-weight: 700; }
table.grid td.total { width: auto; padding: 0 10px; text-align: right; font-weight: 600; background: #fff; border-left: 1px solid var(--line); }
table.grid tbody tr:nth-child(even) > th[scope="row"] { background: #fafafa; }
table.grid tbody tr:hover > * { filter: brightness(0.96); }
.s-met { background: var(--met-bg); color: var(--met-ink); }
.s-missed { background: var(--missed-bg); color: var(--missed-ink); }
.s-pending { background: var(--pending-bg); color: var(--pending-ink); }
.s-not-applicable { background: var(--na-bg); color: var(--na-ink); }
table.grid td.s-none { background: transparent; }
footer.report { margin-top: 36px; padding: 14px 0 24px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
footer.report p { margin: 4px 0; }
@media print {
  @page { size: landscape; margin: 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10.5px; }
  header.report h1 { font-size: 20px; }
  h2 { font-size: 14px; }
  .stat dd { font-size: 18px; }
  table, table.grid { font-size: 9.5px; }
  th, td { padding: 3px 5px; }
  thead th { white-space: normal; }
  caption, p.lead, figure.chart figcaption .muted, td.src, .id, .sub, .pill, .grid-legend { font-size: 9.5px; }
  .wrap { max-width: none; padding: 0; }
  nav.toc, details summary { display: none; }
  header.report { background: #fff; color: var(--ink); border-bottom: 2px solid var(--ink); padding: 0 0 10px; }
  header.report .kicker, header.report .meta, header.report code { color: var(--ink); }
  .stat { border: 1px solid var(--line); border-top-width: 4px; }
  section { margin-top: 16px; break-inside: auto; }
  h2 { break-after: avoid; }
  tr, figure.chart { break-inside: avoid; }
  thead { display: table-header-group; }
  .grid-wrap { overflow: visible; max-height: none; border: 0; }
  table.grid thead th, table.grid th[scope="row"] { position: static; }
  table.grid td { width: 20px; min-width: 20px; height: 16px; }
  .charts { grid-template-columns: 1fr 1fr; }
  a { color: inherit; text-decoration: none; }
}
`;

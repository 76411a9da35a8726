import { html, type SafeHtml } from './escape';

/**
 * One series of a stacked chart: its key in the data, its legend label and its fill colour.
 *
 * @example
 * const s: ChartSeries = { key: 'error', label: 'Error', color: '#b91c1c' };
 */
export interface ChartSeries {
  readonly key: string;
  readonly label: string;
  readonly color: string;
}

/**
 * One bar (or column) of a stacked chart: its label and a value per series key.
 *
 * @example
 * const d: ChartDatum = { label: 'in-person-contact', values: { error: 4, warning: 0 } };
 */
export interface ChartDatum {
  readonly label: string;
  readonly values: { readonly [seriesKey: string]: number };
}

/**
 * What both charts take: an element id (for `aria-labelledby`), a title, a one-line description, the data.
 *
 * @example
 * const input: ChartInput = { id: 'c', title: 'T', description: 'D', series: [], data: [] };
 */
export interface ChartInput {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly series: readonly ChartSeries[];
  readonly data: readonly ChartDatum[];
}

/**
 * A "nice" axis for counts from 0 to `max`: a step of 1, 2 or 5 times a power of ten (at least 1) and the axis
 * maximum, a multiple of the step, at or above `max`.
 *
 * @example
 * niceAxis(37); // { step: 10, max: 40 }
 * niceAxis(0); // { step: 1, max: 1 }
 */
export function niceAxis(max: number, ticks = 4): { step: number; max: number } {
  if (!(max > 0)) return { step: 1, max: 1 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = Math.max(1, (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag);
  return { step, max: Math.ceil(max / step) * step };
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const total = (d: ChartDatum, series: readonly ChartSeries[]) =>
  series.reduce((s, x) => s + (d.values[x.key] ?? 0), 0);

function legend(series: readonly ChartSeries[]): SafeHtml {
  return html`<ul class="legend">${series.map(
    (s) => html`<li><span class="swatch" style="background:${s.color}"></span>${s.label}</li>`,
  )}</ul>`;
}

function segmentTitle(d: ChartDatum, series: readonly ChartSeries[]): string {
  return `${d.label}: ${series.map((s) => `${s.label} ${d.values[s.key] ?? 0}`).join(', ')}`;
}

/** Geometry of the horizontal bar chart (SVG user units): label column, plot, right margin, row height, top. */
const BAR_CHART = { labelWidth: 190, plotWidth: 420, rightPad: 44, row: 26, top: 24 } as const;

/** Geometry of the column chart (SVG user units): left axis margin, plot size, top and bottom (label) margins. */
const COLUMN_CHART = { left: 40, plotWidth: 600, top: 14, plotHeight: 180, bottom: 54 } as const;

/** The count axis of a chart, from 0 to the largest stacked total, and its tick values. */
function countAxis(input: ChartInput): { axis: { step: number; max: number }; ticks: number[] } {
  const axis = niceAxis(Math.max(0, ...input.data.map((d) => total(d, input.series))));
  const ticks: number[] = [];
  for (let v = 0; v <= axis.max; v += axis.step) ticks.push(v);
  return { axis, ticks };
}

/**
 * The segments of one stacked bar, in series order: `segment` draws a series' part between the running totals
 * `from` and `to` (empty parts are left out). Returns them with the bar's total.
 */
function stack(
  d: ChartDatum,
  series: readonly ChartSeries[],
  segment: (s: ChartSeries, from: number, to: number) => SafeHtml,
): { segments: (SafeHtml | null)[]; sum: number } {
  let sum = 0;
  const segments = series.map((s) => {
    const v = d.values[s.key] ?? 0;
    if (v <= 0) return null;
    const from = sum;
    sum += v;
    return segment(s, from, sum);
  });
  return { segments, sum };
}

/** A chart's `<figure>`: caption, the SVG (with its title) around `plot`, and the HTML legend. */
function figure(input: ChartInput, width: number, height: number, plot: SafeHtml): SafeHtml {
  const { id } = input;
  return html`<figure class="chart" aria-labelledby="${id}-title">
<figcaption id="${id}-title"><strong>${input.title}</strong> <span class="muted">${input.description}</span></figcaption>
<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-svg-title"><title id="${id}-svg-title">${input.title}</title>
${plot}
</svg>
${legend(input.series)}
</figure>`;
}

/**
 * A horizontal stacked bar chart as inline SVG inside a `<figure>` with a caption and an HTML legend. Each bar has a
 * `<title>` (a tooltip and an accessible text) and its total written at its end.
 *
 * @example
 * horizontalBarChart({
 *   id: 'by-rule', title: 'Findings by rule', description: 'Findings per rule, by severity',
 *   series: [{ key: 'error', label: 'Error', color: '#b91c1c' }],
 *   data: [{ label: 'in-person-contact', values: { error: 3 } }],
 * }).value.startsWith('<figure'); // true
 */
export function horizontalBarChart(input: ChartInput): SafeHtml {
  const { series, data } = input;
  const { labelWidth, plotWidth, rightPad, row, top } = BAR_CHART;
  const height = top + Math.max(1, data.length) * row + 6;
  const width = labelWidth + plotWidth + rightPad;
  const { axis, ticks } = countAxis(input);
  const x = (v: number) => r1(labelWidth + (v / axis.max) * plotWidth);
  const body =
    data.length === 0
      ? html`<text x="${labelWidth}" y="${top + 16}" class="muted">No findings</text>`
      : data.map((d, i) => {
          const y = top + i * row;
          const { segments, sum } = stack(
            d,
            series,
            (s, from, to) =>
              html`<rect x="${x(from)}" y="${y + 4}" width="${r1(x(to) - x(from))}" height="16" fill="${s.color}"></rect>`,
          );
          return html`<g><title>${segmentTitle(d, series)}</title><text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end" class="label">${d.label}</text>${segments}<text x="${x(sum) + 5}" y="${y + 16}" class="value">${sum}</text></g>`;
        });
  return figure(
    input,
    width,
    height,
    html`${ticks.map((v) => html`<line x1="${x(v)}" x2="${x(v)}" y1="${top - 6}" y2="${height - 4}" class="grid"></line><text x="${x(v)}" y="${top - 10}" text-anchor="middle" class="tick">${v}</text>`)}
${body}`,
  );
}

/**
 * A vertical stacked column chart (e.g. one column per calendar month) as inline SVG inside a `<figure>`, with an
 * HTML legend; long label runs are thinned so that they stay readable.
 *
 * @example
 * columnChart({
 *   id: 'months', title: 'In-person months', description: 'Enrolments per month',
 *   series: [{ key: 'met', label: 'Met', color: '#15803d' }],
 *   data: [{ label: '2026-01', values: { met: 4 } }],
 * }).value.includes('<svg'); // true
 */
export function columnChart(input: ChartInput): SafeHtml {
  const { series, data } = input;
  const { left, plotWidth, top, plotHeight, bottom } = COLUMN_CHART;
  const width = left + plotWidth + 10;
  const height = top + plotHeight + bottom;
  const { axis, ticks } = countAxis(input);
  const y = (v: number) => r1(top + plotHeight - (v / axis.max) * plotHeight);
  const slot = plotWidth / Math.max(1, data.length);
  const barWidth = r1(Math.max(2, Math.min(36, slot * 0.72)));
  const every = Math.max(1, Math.ceil(data.length / 16));
  const columns =
    data.length === 0
      ? html`<text x="${left + 10}" y="${top + plotHeight / 2}" class="muted">No data</text>`
      : data.map((d, i) => {
          const cx = left + slot * i + slot / 2;
          const { segments } = stack(
            d,
            series,
            (s, from, to) =>
              html`<rect x="${r1(cx - barWidth / 2)}" y="${y(to)}" width="${barWidth}" height="${r1(y(from) - y(to))}" fill="${s.color}"></rect>`,
          );
          const label =
            i % every === 0
              ? html`<text transform="translate(${r1(cx + 4)} ${top + plotHeight + 8}) rotate(-45)" text-anchor="end" class="tick">${d.label}</text>`
              : null;
          return html`<g><title>${segmentTitle(d, series)}</title><rect x="${r1(cx - slot / 2)}" y="${top}" width="${r1(slot)}" height="${plotHeight}" fill="transparent"></rect>${segments}${label}</g>`;
        });
  return figure(
    input,
    width,
    height,
    html`${ticks.map((v) => html`<line x1="${left}" x2="${left + plotWidth}" y1="${y(v)}" y2="${y(v)}" class="grid"></line><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" class="tick">${v}</text>`)}
${columns}
<line x1="${left}" x2="${left + plotWidth}" y1="${top + plotHeight}" y2="${top + plotHeight}" class="axis"></line>`,
  );
}

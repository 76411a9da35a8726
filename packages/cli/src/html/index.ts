/**
 * The self-contained HTML compliance report of `check --format html`.
 *
 * @packageDocumentation
 */
export {
  type ChartDatum,
  type ChartInput,
  type ChartSeries,
  columnChart,
  horizontalBarChart,
  niceAxis,
} from './charts';
export { escapeHtml, type HtmlValue, html, SafeHtml, trusted } from './escape';
export {
  type GridCell,
  type GridRow,
  type GridState,
  gridState,
  type InPersonGrid,
  inPersonGrid,
  type MonthTotals,
  monthTotals,
} from './grid';
export { GRID_STATES, type HtmlReportOptions, renderHtmlReport } from './render';
export { REPORT_CSS } from './styles';

/**
 * `@peer-recovery/cli`: the `peer-recovery` command line. Its programmatic entry is small: {@link run} one command
 * (or {@link main} with a whole `process.argv`), the exit codes, and the report formatters of `check` for an
 * evaluation made with `@peer-recovery/core`. To evaluate rules, exchange FHIR or validate outcome data inside an
 * application, use `@peer-recovery/core` and `@peer-recovery/fhir` directly.
 *
 * @packageDocumentation
 */
export { EXIT } from './errors';
export { type HtmlReportOptions, renderHtmlReport } from './html/index';
export { main, run } from './program';
export { formatCheckJson, formatFindingsCsv, formatSummary } from './report';

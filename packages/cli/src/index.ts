/**
 * `@peer-recovery/cli`: the `peer-recovery` command line, also usable as a library.
 *
 * @packageDocumentation
 */
export { type CheckFormat, resolvePack, runCheck } from './commands/check';
export {
  exportAsOf,
  formatFhirIssues,
  readProgramInput,
  registerFhirCommands,
  runExportFhir,
  runImportFhir,
  runPush,
  runServe,
} from './commands/fhir';
export { type GenerateCliOptions, intOption, runGenerate, writeGenerated } from './commands/generate';
export {
  detectInputFormat,
  formatOutcomeSummary,
  registerOutcomeCommands,
  runSummarizeOutcomes,
  runValidateOutcomes,
} from './commands/outcomes';
export { listPacks, showPack } from './commands/packs';
export { CliError, EXIT, formatIssues } from './errors';
export { escapeHtml, type HtmlReportOptions, renderHtmlReport } from './html/index';
export { asOfOption } from './options';
export { buildProgram, main } from './program';
export { cliReferenceMarkdown } from './reference';
export { formatCheckJson, formatFindingsCsv, formatSummary, hasErrors } from './report';

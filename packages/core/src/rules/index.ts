/**
 * Rule evaluation: `evaluateEnrollment`, `evaluateCoach` and `evaluateProgram` (and the partitioned
 * `evaluateEnrolmentRange` + `assembleProgramEvaluation`, and `createProgramStreamEvaluator` batch by batch), the
 * program index, rule ids, finding codes and messages.
 * The rules themselves and their per-evaluation context are internal: evaluate through these entry points.
 *
 * @module
 */
export {
  createProgramBuilder,
  PROGRAM_RECORD_KINDS,
  type ProgramBuilder,
  type ProgramBuilderIssue,
  type ProgramBuilderIssueCode,
  type ProgramRecordKind,
  type ProgramRecords,
} from './builder';
export { commitmentEndOn } from './coach-commitment/index';
export {
  type AsOf,
  type EnrolmentRecords,
  type EvaluationOptions,
  type Indexed,
  indexProgram,
  type ProgramIndex,
  type Timed,
} from './context';
export { ageRangeOn } from './enrolment-prerequisites/index';
export {
  assembleProgramEvaluation,
  type CaseloadSummary,
  type CoachEvaluation,
  createEnrolmentRangeEvaluator,
  type EnrolmentEvaluation,
  type EnrolmentRange,
  type EnrolmentRangeEvaluator,
  evaluateCoach,
  evaluateEnrollment,
  evaluateEnrolmentRange,
  evaluateProgram,
  type FindingSummary,
  findingOf,
  findingSummaries,
  nextActionSummaries,
  type ObligationSummary,
  obligationOf,
  type ProgramEvaluation,
  type ProgramSummary,
  plainEvaluation,
  timelineSummaries,
} from './evaluate';
export { firstPlanDueOn } from './first-action-plan/index';
export * from './ids';
export * from './messages';
export { consentPermitsNotice } from './peer-discontinuation/index';
export type * from './result';
export { coachStatusOn, removingIncidents, stageOn } from './shared';
export {
  createProgramStreamEvaluator,
  type ProgramBatch,
  type ProgramHead,
  type ProgramStreamEvaluator,
  type ProgramStreamIssue,
  type ProgramStreamIssueCode,
} from './stream';

/**
 * Rule evaluation: `evaluateEnrollment`, `evaluateCoach` and `evaluateProgram` (and the partitioned
 * `evaluateEnrolmentRange` + `assembleProgramEvaluation`), the program index, rule ids, finding codes and messages.
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
export * from './evaluate';
export { firstPlanDueOn } from './first-action-plan/index';
export * from './ids';
export * from './messages';
export { consentPermitsNotice } from './peer-discontinuation/index';
export type * from './result';
export { coachStatusOn, removingIncidents, stageOn } from './shared';

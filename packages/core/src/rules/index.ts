export {
  createProgramBuilder,
  PROGRAM_RECORD_KINDS,
  type ProgramBuilder,
  type ProgramBuilderIssue,
  type ProgramBuilderIssueCode,
  type ProgramRecordKind,
  type ProgramRecords,
} from './builder';
export * from './coach-assignment/index';
export * from './coach-commitment/index';
export * from './coach-eligibility/index';
export {
  type AsOf,
  createContext,
  type EnrolmentRecords,
  type EvaluationOptions,
  type Indexed,
  indexProgram,
  type ProgramIndex,
  type RuleContext,
  type Timed,
} from './context';
export * from './crisis-follow-up/index';
export * from './documentation/index';
export * from './enrolment-prerequisites/index';
export * from './evaluate';
export * from './first-action-plan/index';
export * from './ids';
export * from './in-person-contact/index';
export * from './messages';
export * from './peer-discontinuation/index';
export * from './plan-revision/index';
export * from './reply-timeliness/index';
export type * from './result';
export * from './service-exclusions/index';
export { coachStatusOn, removingIncidents, stageOn } from './shared';

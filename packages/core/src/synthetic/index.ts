/**
 * Deterministic synthetic program data for demos, tests and benchmarks.
 *
 * @packageDocumentation
 */
export {
  GENERATED_ENROLMENT_LISTS,
  type GeneratedEnrolment,
  generateProgramData,
  generateProgramParts,
} from './generate';
export {
  SYNTHETIC_DEFAULTS,
  SYNTHETIC_MAX_PEERS,
  type SyntheticOptions,
  type SyntheticQuality,
} from './options';

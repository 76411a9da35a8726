/**
 * Deterministic synthetic program data for demos, tests and benchmarks.
 *
 * @packageDocumentation
 */
export { generateProgramData } from './generate';
export {
  SYNTHETIC_DEFAULTS,
  SYNTHETIC_MAX_PEERS,
  type SyntheticOptions,
  type SyntheticQuality,
} from './options';

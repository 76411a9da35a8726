/**
 * `@peer-recovery/fhir/testing`: test support for this repository's packages: a small complete example program, the
 * shipped sample program read as a user's file,
 * what a round trip through FHIR gives back. Programs to test with come from `@peer-recovery/core/testing`
 * (`arbProgramData(EVERY_VARIATION)`).
 *
 * A workspace-only subpath: it resolves only under the `@peer-recovery/source` condition (set by the repository's
 * tsconfig and vitest config), is not part of the main entry and is not published.
 *
 * @example
 * import { exampleProgram, expectedRoundTrip } from '@peer-recovery/fhir/testing';
 * const r = exportProgram(exampleProgram());
 * if (r.success) expect(importBundle(toTransactionBundle(r.data)).data).toEqual(expectedRoundTrip(exampleProgram()));
 *
 * @module
 */
export * from './example';
export * from './roundtrip';
export * from './sample';

/**
 * `@peer-recovery/core/testing`: test support for this repository's packages: small builders of valid records and
 * fast-check arbitraries of schema-valid, referentially consistent program documents.
 *
 * A workspace-only subpath: it resolves only under the `@peer-recovery/source` condition (set by the repository's
 * tsconfig and vitest config), is not part of the main entry and is not published (fast-check and the `@date-fns/tz`
 * oracle stay development dependencies).
 *
 * @example
 * import { arbProgramData, enrolment, programData } from '@peer-recovery/core/testing';
 * const data = programData({ enrolments: [enrolment({ id: 'e1', enrolledOn: '2026-01-31' })] });
 * test.prop([arbProgramData({ maxEnrolments: 2 })])('exports', (d) => expect(exportProgram(d).success).toBe(true));
 *
 * @module
 */
export * from './arbitraries';
export * from './builders';
export * from './shapes';

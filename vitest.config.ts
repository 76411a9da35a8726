import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/** The test project of a package under packages/, resolving workspace packages to their sources (fresh objects each). */
function project(name: string, test: { isolate?: boolean } = {}): TestProjectInlineConfiguration {
  return {
    resolve: { conditions: ['@peer-recovery/source'] },
    ssr: { resolve: { conditions: ['@peer-recovery/source'] } },
    test: {
      name,
      root: `packages/${name}`,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 20_000,
      ...test,
    },
  };
}

// Every project runs with per-file isolation off, so each worker loads zod, the packs, medplum's definitions and the
// command line once instead of once per test file: core and fhir tests share no mutable state (no module mocks, no
// globals, core is pure); cli tests replace process.stdout/stderr writers and set process.exitCode only inside one
// command run, and the cli test support restores both before and after every run (files pass in any order).
// Every test is written to run within 5 s on an idle machine: slow checks get smaller data or fewer property runs,
// and wall-time or memory figures are measured by the benchmarks under each package's bench/, not asserted in
// tests. The limit (each project's `testTimeout`) is 20 s, so that a loaded machine (other suites on both cores)
// does not fail a correct test: the property tests over whole generated programs (FHIR round trips, push to the
// embedded server) took 5 to 7 s there.
// One worker per core (vitest's default leaves one core idle: on a 2-core machine it ran every file in one worker).
export default defineConfig({
  test: {
    maxWorkers: '100%',
    projects: [
      project('core', { isolate: false }),
      project('fhir', { isolate: false }),
      project('cli', { isolate: false }),
    ],
  },
});

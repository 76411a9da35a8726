import { defineConfig } from 'vitest/config';

const sourceCondition = { conditions: ['@peer-recovery/source'] };

// core and fhir run with per-file isolation off: their tests share no mutable state (no module mocks, no globals,
// core is pure), so each worker loads zod, the packs and medplum's definitions once instead of once per test file.
// cli tests replace process.stdout/stderr writers and set process.exitCode while a command runs: they stay isolated.
// Every test runs within vitest's default timeout (5 s): slow checks get smaller data or fewer property runs, and
// wall-time or memory figures are measured by the benchmarks under each package's bench/, not asserted in tests.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: sourceCondition,
        ssr: { resolve: { conditions: ['@peer-recovery/source'] } },
        test: {
          name: 'core',
          root: 'packages/core',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        resolve: sourceCondition,
        ssr: { resolve: { conditions: ['@peer-recovery/source'] } },
        test: {
          name: 'fhir',
          root: 'packages/fhir',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        resolve: sourceCondition,
        ssr: { resolve: { conditions: ['@peer-recovery/source'] } },
        test: {
          name: 'cli',
          root: 'packages/cli',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        },
      },
    ],
  },
});

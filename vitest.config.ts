import { defineConfig } from 'vitest/config';

const sourceCondition = { conditions: ['@peer-recovery/source'] };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: sourceCondition,
        ssr: { resolve: { conditions: ['@peer-recovery/source'] } },
        test: { name: 'core', root: 'packages/core', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
      },
      {
        resolve: sourceCondition,
        ssr: { resolve: { conditions: ['@peer-recovery/source'] } },
        test: {
          name: 'fhir',
          root: 'packages/fhir',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        resolve: sourceCondition,
        ssr: { resolve: { conditions: ['@peer-recovery/source'] } },
        test: {
          name: 'cli',
          root: 'packages/cli',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});

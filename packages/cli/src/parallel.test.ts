import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { generateProgramData } from '@peer-recovery/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli.test-support';
import { partition } from './parallel';

describe('partition', () => {
  test.prop([fc.nat({ max: 10_000 }), fc.integer({ min: 1, max: 64 })])(
    'covers 0..n in order with contiguous, non-empty ranges whose sizes differ by at most one',
    (n, jobs) => {
      const ranges = partition(n, jobs);
      expect(ranges.length).toBe(Math.max(1, Math.min(jobs, n)));
      expect(ranges[0]?.from).toBe(0);
      expect(ranges.at(-1)?.to).toBe(n);
      ranges.forEach((r, i) => {
        if (i > 0) expect(r.from).toBe(ranges[i - 1]?.to);
        if (n > 0) expect(r.to).toBeGreaterThan(r.from);
      });
      const sizes = ranges.map((r) => r.to - r.from);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    },
  );
});

describe('check --jobs', () => {
  let dir = '';
  let file = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'peer-recovery-jobs-'));
    file = join(dir, 'program.json');
    await writeFile(
      file,
      JSON.stringify(generateProgramData({ peers: 7, seed: 9, start: '2025-01-01', years: 2 })),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Starts two worker threads; from TypeScript sources each compiles the core first (slower than the built CLI).
  it('gives exactly the output and exit code of one thread', async () => {
    const one = await cli('check', file, '--as-of', '2026-06-30', '--format', 'json');
    const two = await cli('check', file, '--as-of', '2026-06-30', '--format', 'json', '--jobs', '2');
    expect(two.err).toBe('');
    expect(two.code).toBe(one.code);
    expect(two.out).toBe(one.out);
  });

  it('refuses a number of jobs out of range, naming the option', async () => {
    const r = await cli('check', file, '--jobs', '0');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--jobs');
  });
});

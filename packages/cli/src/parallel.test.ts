import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import {
  createEnrolmentRangeEvaluator,
  DEFAULT_INPUT_LIMITS,
  type EnrolmentEvaluation,
  generateProgramData,
  getBuiltInPack,
  indexProgram,
  type Obligation,
  type ProgramData,
  prssServiceDefinition,
  type RulePack,
} from '@peer-recovery/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli.test-support';
import { type CheckFormat, renderCheck, runCheck } from './commands/check';
import { renderHtmlReport } from './html/index';
import { asOfOption } from './options';
import {
  assembleChunks,
  CheckWorkerPool,
  type ChunkResult,
  chunkRange,
  chunkSize,
  enrolmentJson,
  evaluateInParallel,
  MIN_THREADED_ENROLMENTS,
  setMinThreadedEnrolments,
  slimEvaluation,
  usesThreads,
} from './parallel';
import { formatCheckJson, formatCheckJsonPieces } from './report';

const FORMATS: readonly CheckFormat[] = ['table', 'json', 'csv', 'html'];
const html = (d: ProgramData, ev: Parameters<typeof renderHtmlReport>[1], includeNames: boolean) =>
  renderHtmlReport(d, ev, { includeNames });

describe('chunks', () => {
  test.prop([fc.nat({ max: 10_000 }), fc.integer({ min: 1, max: 64 })])(
    'cut 0..n in order into contiguous, non-empty chunks, about 16 per thread',
    (n, jobs) => {
      const size = chunkSize(n, jobs);
      const count = Math.ceil(n / size);
      const chunks = Array.from({ length: count }, (_, k) => chunkRange(k, n, size));
      expect(chunks[0]?.from ?? 0).toBe(0);
      expect(chunks.at(-1)?.to ?? 0).toBe(n);
      chunks.forEach((c, k) => {
        if (k > 0) expect(c.from).toBe(chunks[k - 1]?.to);
        expect(c.to).toBeGreaterThan(c.from);
      });
      expect(count).toBeLessThanOrEqual(jobs * 16);
    },
  );
});

/** The program's pack, or the other built-in one. */
const packOf = (data: ProgramData, other: boolean): RulePack =>
  other ? prssServiceDefinition : (getBuiltInPack(data.program.rulePack) as RulePack);

describe('merging the chunks of several threads', () => {
  test.prop(
    [
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
      fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-03-31T00:00:00Z') }),
      fc.boolean(),
    ],
    { numRuns: 6 },
  )(
    'gives the bytes and exit code of one thread in every format, whichever chunks workers cut down',
    async (seed, peers, size, byWorker, asOfMs, otherPack) => {
      const data = generateProgramData({ peers, seed, start: '2025-01-01', years: 2 });
      const pack = packOf(data, otherPack);
      const asOf = new Date(asOfMs).toISOString();
      const options = { asOf: asOfOption(asOf, data.program.timeZone).ms, pack };
      const index = indexProgram(data);
      const evaluator = createEnrolmentRangeEvaluator(index, options);
      if (!evaluator.success) throw new Error('not evaluated');
      const n = evaluator.data.count;
      for (const format of FORMATS) {
        const chunks: ChunkResult[] = [];
        for (let k = 0; k * size < n; k++) {
          const evaluations = evaluator.data.evaluate(chunkRange(k, n, size));
          const worker = byWorker[k % byWorker.length] === true;
          chunks.push({
            evaluations: worker ? evaluations.map((e) => slimEvaluation(e, format)) : evaluations,
            ...(format === 'json' ? { json: enrolmentJson(evaluations) } : {}),
          });
        }
        const merged = assembleChunks(index, chunks, options, format);
        const many = renderCheck(data, merged.evaluation, { format }, html, merged.enrolmentsJson);
        const one = await runCheck(data, { format, asOf, pack: pack.id }, html);
        expect(many.exitCode).toBe(one.exitCode);
        expect([...many.body].join('')).toBe([...one.body].join(''));
      }
    },
  );

  it('cuts an evaluation down without making its lists, keeping what the merge and the report read', () => {
    // Seed 2 has a peer awaiting reassignment (the one finding whose coach the merge reads) and missed months.
    const data = generateProgramData({ peers: 30, seed: 2, start: '2025-01-01', years: 2 });
    const options = { asOf: Date.parse('2026-06-30T00:00:00Z'), pack: packOf(data, false) };
    const evaluator = createEnrolmentRangeEvaluator(indexProgram(data), options);
    if (!evaluator.success) throw new Error('not evaluated');
    const range = { from: 0, to: evaluator.data.count };
    const full = evaluator.data.evaluate(range);
    const counted = (os: readonly Obligation[]) =>
      os
        .filter((o) => o.status === 'overdue' || o.status === 'missed')
        .map((o) => `${o.status} ${o.ruleId} ${o.dueOn}`)
        .sort();
    let reassignments = 0;
    for (const format of ['table', 'csv', 'json'] as const) {
      const lazy = evaluator.data.evaluate(range);
      const slim = lazy.map((e) => slimEvaluation(e, format));
      // The lists of the evaluations cut down are still getters: no obligation or finding was kept for them.
      for (const e of lazy)
        for (const key of ['results', 'timeline', 'findings', 'nextActions'])
          expect('get' in (Object.getOwnPropertyDescriptor(e, key) ?? {})).toBe(true);
      slim.forEach((s, i) => {
        const e = full[i] as EnrolmentEvaluation;
        expect(s.results).toEqual([]);
        expect(counted(s.timeline)).toEqual(counted(e.timeline));
        expect(s.findings.map((f) => `${f.severity} ${f.code}`)).toEqual(
          e.findings.map((f) => `${f.severity} ${f.code}`),
        );
        e.findings.forEach((f, j) => {
          if (f.code !== 'coach-commitment.peer-needs-reassignment') return;
          reassignments++;
          expect(s.findings[j]?.params.coachId).toBe(f.params.coachId);
        });
        if (format === 'json') return;
        expect(s.findings.map((f) => [f.ruleId, f.subject, f.dueOn, f.path, f.message])).toEqual(
          e.findings.map((f) => [f.ruleId, f.subject, f.dueOn, f.path, f.message]),
        );
      });
    }
    expect(reassignments).toBeGreaterThan(0);
  });

  it('writes an evaluation with no enrolment as one thread does', async () => {
    const data = generateProgramData({ peers: 2, seed: 3, start: '2025-01-01', years: 1 });
    const empty = { ...data, enrolments: [], plans: [], contacts: [], messages: [], referrals: [] };
    const options = { asOf: Date.parse('2025-12-31T00:00:00Z'), pack: packOf(data, false) };
    const merged = assembleChunks(indexProgram(empty), [], options, 'json');
    const one = await runCheck(empty, { format: 'json', asOf: '2025-12-31T00:00:00Z' });
    expect(merged.enrolmentsJson).toEqual([]);
    expect(formatCheckJsonPieces(merged.evaluation, [])).toEqual([...one.body]);
    expect(formatCheckJson(merged.evaluation)).toBe([...one.body].join(''));
  });
});

describe('check --jobs', () => {
  let dir = '';
  let file = '';
  let bundle = '';
  let invalid = '';
  const data = generateProgramData({ peers: 7, seed: 9, start: '2025-01-01', years: 2 });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'peer-recovery-jobs-'));
    file = join(dir, 'program.json');
    bundle = join(dir, 'bundle.json');
    invalid = join(dir, 'invalid.json');
    await writeFile(file, JSON.stringify(data));
    const exported = await cli(
      'export-fhir',
      file,
      '--as-of',
      '2026-06-30',
      '--include-coach-records',
      '-o',
      bundle,
    );
    if (exported.code !== 0) throw new Error('export failed');
    const broken = structuredClone(data) as unknown as { contacts: { start: string }[] };
    (broken.contacts[1] as { start: string }).start = 'not a date';
    await writeFile(invalid, JSON.stringify(broken));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a program under the threshold on one thread, with the same output', async () => {
    expect(data.enrolments.length).toBeLessThan(MIN_THREADED_ENROLMENTS);
    expect(usesThreads(data.enrolments.length, 2)).toBe(false);
    expect(usesThreads(MIN_THREADED_ENROLMENTS, 2)).toBe(true);
    expect(usesThreads(MIN_THREADED_ENROLMENTS, 1)).toBe(false);
    const one = await cli('check', file, '--as-of', '2026-06-30', '--format', 'csv');
    const two = await cli('check', file, '--as-of', '2026-06-30', '--format', 'csv', '--jobs', '2');
    expect(two).toEqual(one);
    // No thread claimed a chunk (the main thread claims from the pool's counter whenever threads evaluate), unless
    // the threshold is lowered.
    const claimed = async (min: number) => {
      const before = setMinThreadedEnrolments(min);
      const pool = CheckWorkerPool.start(1, {
        format: 'csv',
        asOf: '2026-06-30',
        now: Date.now(),
        pack: undefined,
        jobs: 2,
        limits: DEFAULT_INPUT_LIMITS,
      });
      try {
        const r = await runCheck(data, {
          format: 'csv',
          asOf: '2026-06-30',
          jobs: 2,
          workers: pool,
          workersHave: 'sent',
        });
        expect([...r.body].join('')).toBe(one.out);
        return new Int32Array(pool.setup.claims)[0];
      } finally {
        pool.close();
        setMinThreadedEnrolments(before);
      }
    };
    expect(await claimed(MIN_THREADED_ENROLMENTS)).toBe(0);
    expect(await claimed(1)).toBeGreaterThan(0);
  });

  describe('with workers on a small program (threshold lowered)', () => {
    let before = MIN_THREADED_ENROLMENTS;
    beforeAll(() => {
      before = setMinThreadedEnrolments(1);
    });
    afterAll(() => {
      setMinThreadedEnrolments(before);
    });

    // The workers start from TypeScript sources, each compiling the core first (slower than the built CLI).
    for (const format of ['json', 'table'] as const)
      it(`workers that evaluate every chunk give the ${format} output of one thread`, async () => {
        const asOf = '2026-06-30';
        const pool = CheckWorkerPool.start(1, {
          format,
          asOf,
          now: Date.now(),
          pack: undefined,
          jobs: 2,
          limits: DEFAULT_INPUT_LIMITS,
        });
        try {
          pool.load(JSON.stringify(data));
          const options = { asOf: asOfOption(asOf, data.program.timeZone).ms, pack: packOf(data, false) };
          const r = await evaluateInParallel(data, options, pool, false);
          // Cut down: the workers made every chunk.
          expect(r.evaluation.enrolments.every((e) => e.results.length === 0)).toBe(true);
          const many = renderCheck(data, r.evaluation, { format }, html, r.enrolmentsJson);
          const one = await runCheck(data, { format, asOf }, html);
          expect({ exitCode: many.exitCode, text: [...many.body].join('') }).toEqual({
            exitCode: one.exitCode,
            text: [...one.body].join(''),
          });
        } finally {
          pool.close();
        }
      });

    it('gives exactly the output and exit code of one thread, for a file and a FHIR Bundle', async () => {
      for (const input of [file, bundle]) {
        const one = await cli('check', input, '--as-of', '2026-06-30', '--format', 'csv');
        const two = await cli('check', input, '--as-of', '2026-06-30', '--format', 'csv', '--jobs', '2');
        expect(two).toEqual(one);
      }
    });

    it('refuses invalid input as one thread does, naming the field', async () => {
      const one = await cli('check', invalid, '--as-of', '2026-06-30');
      const two = await cli('check', invalid, '--as-of', '2026-06-30', '--jobs', '2');
      expect(one.code).toBe(2);
      expect(one.err).toContain('contacts[1].start');
      expect(two).toEqual(one);
    });

    it('refuses a number of jobs out of range, naming the option', async () => {
      const r = await cli('check', file, '--jobs', '0');
      expect(r.code).toBe(2);
      expect(r.err).toContain('--jobs');
    });
  });
});

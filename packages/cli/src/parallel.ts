import type { Worker } from 'node:worker_threads';
import {
  assembleProgramEvaluation,
  createEnrolmentRangeEvaluator,
  type EnrolmentEvaluation,
  type EnrolmentRange,
  type EnrolmentRangeEvaluator,
  type EvaluationOptions,
  type Finding,
  type FindingSummary,
  findingOf,
  findingSummaries,
  type InputLimits,
  indexProgram,
  nextActionSummaries,
  type Obligation,
  obligationOf,
  type ProgramData,
  type ProgramEvaluation,
  type ProgramIndex,
  type RulePack,
  timelineSummaries,
} from '@peer-recovery/core';
import { CliError, EXIT, formatIssues } from './errors';
import { enrolmentJson } from './report';
import { takePrestartedWorkers } from './worker-start';

export { enrolmentJson } from './report';

/** Output formats of `check` (the same as `CheckFormat` of the check command). */
export type ParallelFormat = 'table' | 'json' | 'csv' | 'html';

/**
 * How many enrolments one chunk holds: the unit a thread claims at a time. About 16 chunks per thread, so that a
 * thread that started late or runs slower takes fewer of them and every thread finishes at about the same time.
 *
 * @example
 * chunkSize(2000, 2); // 63
 */
export function chunkSize(n: number, jobs: number): number {
  return Math.max(1, Math.ceil(n / (Math.max(1, Math.trunc(jobs)) * 16)));
}

/**
 * The fewest enrolments `check --jobs` evaluates on several threads by default: a smaller program is evaluated on
 * the main thread alone (the workers are stopped), since a worker's start-up and its own parse and index of the
 * whole document cost more than the share of the evaluation it would take. The output is the same either way.
 *
 * @example
 * MIN_THREADED_ENROLMENTS; // 1000
 */
export const MIN_THREADED_ENROLMENTS = 1000;

let minThreaded = MIN_THREADED_ENROLMENTS;

/**
 * Sets the fewest enrolments evaluated on several threads (tests lower it to run workers on small programs) and
 * gives the previous value.
 *
 * @example
 * const before = setMinThreadedEnrolments(1); // ... then setMinThreadedEnrolments(before)
 */
export function setMinThreadedEnrolments(n: number): number {
  const before = minThreaded;
  minThreaded = n;
  return before;
}

/**
 * Whether `check --jobs <jobs>` evaluates a program of `enrolments` enrolments on several threads (see
 * {@link MIN_THREADED_ENROLMENTS}).
 *
 * @example
 * usesThreads(2000, 2); // true
 * usesThreads(500, 2); // false: one thread evaluates
 */
export function usesThreads(enrolments: number, jobs: number): boolean {
  return jobs > 1 && enrolments >= minThreaded;
}

/**
 * The enrolments of chunk `k` of `n` enrolments cut in chunks of `size` (the last one may be shorter).
 *
 * @example
 * chunkRange(1, 5, 3); // { from: 3, to: 5 }
 */
export function chunkRange(k: number, n: number, size: number): EnrolmentRange {
  return { from: Math.min(n, k * size), to: Math.min(n, (k + 1) * size) };
}

/**
 * What every check worker is started with (as `workerData`), known before the program is read: the options of the
 * command line, the time `--as-of` defaults to (the main thread's clock, read once) and the shared counter of
 * claimed chunks. A worker resolves `--as-of` and `--pack` against the program itself, as the main thread does.
 */
export interface CheckWorkerSetup {
  readonly format: ParallelFormat;
  readonly asOf: string | undefined;
  readonly now: number;
  readonly pack: string | undefined;
  readonly jobs: number;
  readonly limits: InputLimits;
  /** One Int32: the next chunk to claim (`Atomics.add`), shared by the main thread and every worker. */
  readonly claims: SharedArrayBuffer;
}

/**
 * What a check worker is sent: first its setup, then the text of a JSON input as soon as it is read (a FHIR Bundle
 * is ignored; the main thread then sends the imported program written as JSON).
 */
export type CheckWorkerMessage =
  | { readonly kind: 'setup'; readonly setup: CheckWorkerSetup }
  | { readonly kind: 'text'; readonly text: string };

/**
 * A check worker's messages: one per chunk it evaluated (the evaluations cut down to what the format reads, and for
 * `--format json` each enrolment's JSON text), then `done` when no chunk is left; or `failed` (a program the main
 * thread will refuse, or a bug): the main thread then evaluates whatever chunk is missing itself.
 */
export type CheckWorkerReply =
  | {
      readonly kind: 'chunk';
      readonly chunk: number;
      readonly evaluations: readonly EnrolmentEvaluation[];
      readonly json?: string;
    }
  | { readonly kind: 'done' }
  | { readonly kind: 'failed' };

const HORIZON_DAYS = 14;
const DAY_MS = 86_400_000;
/** The one finding code whose `params.coachId` the merge reads (a coach's peers awaiting reassignment). */
const REASSIGNMENT = 'coach-commitment.peer-needs-reassignment';

function slimFinding(f: FindingSummary, format: ParallelFormat): Finding {
  const coachId = f.code === REASSIGNMENT ? findingOf(f).params.coachId : undefined;
  const params = coachId === undefined ? {} : { coachId };
  if (format === 'json') return { severity: f.severity, code: f.code, params } as unknown as Finding;
  const slim: Record<string, unknown> = {
    ruleId: f.ruleId,
    code: f.code,
    severity: f.severity,
    message: f.message,
    subject: f.subject,
    path: f.path,
    params,
  };
  if (f.dueOn !== undefined) slim.dueOn = f.dueOn;
  return slim as unknown as Finding;
}

/**
 * An enrolment evaluation cut down to what the merge (`assembleProgramEvaluation`: caseloads and totals) and the
 * report of `format` read, so that a worker sends little: no rule results; the obligations that are counted
 * (overdue, missed) with their status, rule and due day; the findings with what their report line shows (and the
 * coach of a peer awaiting reassignment); the next actions due within the table's horizon. Read through the core's
 * summaries (`timelineSummaries`, `findingSummaries`, `nextActionSummaries`), so that no obligation or finding is
 * made but the few kept. `--format html` reads every obligation and finding and keeps them whole. Never rendered as
 * JSON: `--format json` takes each enrolment's text from {@link enrolmentJson}.
 *
 * @example
 * const slim = slimEvaluation(evaluation, 'csv'); // slim.results: [], slim.findings: the CSV columns
 */
export function slimEvaluation(e: EnrolmentEvaluation, format: ParallelFormat): EnrolmentEvaluation {
  const head = { enrolmentId: e.enrolmentId, peerId: e.peerId, asOf: e.asOf, packId: e.packId };
  if (format === 'html')
    return { ...head, results: [], timeline: e.timeline, findings: e.findings, nextActions: e.nextActions };
  const timeline: Obligation[] = [];
  for (const list of timelineSummaries(e))
    for (const o of list)
      if (o.status === 'overdue' || o.status === 'missed')
        timeline.push({ status: o.status, ruleId: o.ruleId, dueOn: o.dueOn } as Obligation);
  const findings: Finding[] = [];
  for (const list of findingSummaries(e)) for (const f of list) findings.push(slimFinding(f, format));
  const nextActions: Obligation[] = [];
  if (format === 'table') {
    const horizon = Date.parse(e.asOf) + HORIZON_DAYS * DAY_MS;
    for (const o of nextActionSummaries(e))
      if (Date.parse(o.dueAt) <= horizon)
        nextActions.push({
          dueAt: o.dueAt,
          dueOn: o.dueOn,
          status: o.status,
          subject: o.subject,
          label: obligationOf(o).label,
        } as Obligation);
  }
  return { ...head, results: [], timeline, findings, nextActions };
}

/**
 * A chunk's evaluations (cut down, see {@link slimEvaluation}, when a worker made them), and for `--format json`
 * their text (see {@link enrolmentJson}).
 */
export interface ChunkResult {
  readonly evaluations: readonly EnrolmentEvaluation[];
  readonly json?: string;
}

/**
 * Worker threads for `check --jobs`, started before the program is read so that they load their modules meanwhile.
 * {@link CheckWorkerPool.load} sends them the input's JSON text as soon as it is read: each parses and indexes it
 * and starts claiming chunks of enrolments (a shared counter) while the main thread checks the same document. They
 * never wait for that check: the main thread uses their work only once the program is valid, and closing the pool
 * (always, and at once when the input is refused) stops them.
 *
 * @example
 * const pool = CheckWorkerPool.start(1, { format: 'table', asOf: '2026-11-20', now: Date.now(), pack: undefined, jobs: 2, limits, claims: new SharedArrayBuffer(4) });
 * try { pool.load(text); ev = await evaluateInParallel(data, { asOf, pack }, pool); } finally { pool.close(); }
 */
export class CheckWorkerPool {
  private loaded = false;
  private readonly results = new Map<number, ChunkResult>();
  private settled = 0;
  private wake: (() => void) | undefined;

  private constructor(
    private readonly workers: Worker[],
    /** What the workers were started with. */
    readonly setup: CheckWorkerSetup,
  ) {
    for (const w of workers) {
      let over = false;
      const settle = () => {
        if (over) return;
        over = true;
        this.settled++;
        this.wake?.();
      };
      w.on('message', (m: CheckWorkerReply) => {
        if (m.kind === 'chunk')
          this.results.set(m.chunk, {
            evaluations: m.evaluations,
            ...(m.json === undefined ? {} : { json: m.json }),
          });
        else settle();
        this.wake?.();
      });
      w.on('error', settle);
      w.on('exit', settle);
    }
  }

  /**
   * Starts `count` workers for a run of `check` with these options (taking those the executable started early, see
   * `prestartCheckWorkers`). `now` is the time `--as-of` defaults to.
   *
   * @example
   * const pool = CheckWorkerPool.start(1, { format: 'csv', asOf: undefined, now: Date.now(), pack: undefined, jobs: 2, limits: DEFAULT_INPUT_LIMITS });
   */
  static start(count: number, options: Omit<CheckWorkerSetup, 'claims'>): CheckWorkerPool {
    const setup: CheckWorkerSetup = { ...options, claims: new SharedArrayBuffer(4) };
    const workers = takePrestartedWorkers(count);
    const message: CheckWorkerMessage = { kind: 'setup', setup };
    for (const w of workers) w.postMessage(message);
    return new CheckWorkerPool(workers, setup);
  }

  /** How many workers the pool has. */
  get size(): number {
    return this.workers.length;
  }

  /** True once a program text was sent (see {@link CheckWorkerPool.load}). */
  get hasProgram(): boolean {
    return this.loaded;
  }

  /**
   * Sends every worker the text of a JSON input. A worker ignores a FHIR resource (a Bundle is imported by the main
   * thread, which then sends the program written as JSON).
   */
  load(text: string): void {
    const message: CheckWorkerMessage = { kind: 'text', text };
    for (const w of this.workers) w.postMessage(message);
    this.loaded = true;
  }

  /** Claims the next chunk, or `undefined` when all `count` are claimed. */
  claim(count: number): number | undefined {
    const k = Atomics.add(new Int32Array(this.setup.claims), 0, 1);
    return k < count ? k : undefined;
  }

  /**
   * Waits until the workers have given chunks `0..count-1` but `own` (those the main thread evaluated), or every
   * worker has stopped (done, failed or exited); gives what they sent.
   */
  async collect(count: number, own: ReadonlySet<number>): Promise<ReadonlyMap<number, ChunkResult>> {
    const complete = () => {
      for (let k = 0; k < count; k++) if (!own.has(k) && !this.results.has(k)) return false;
      return true;
    };
    while (!complete() && this.settled < this.workers.length)
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    this.wake = undefined;
    return this.results;
  }

  /** Stops every worker. */
  close(): void {
    for (const w of this.workers) void w.terminate();
  }
}

/** A program evaluation made on several threads, and for `--format json` the text of its enrolments. */
export interface ParallelEvaluation {
  readonly evaluation: ProgramEvaluation;
  /**
   * For `--format json`: `evaluation.enrolments` as {@link enrolmentJson} writes them (those are cut down), one
   * piece per chunk, in order (see `formatCheckJsonPieces`).
   */
  readonly enrolmentsJson?: readonly string[];
}

function evaluateChunk(
  evaluator: EnrolmentRangeEvaluator,
  range: EnrolmentRange,
  format: ParallelFormat,
): ChunkResult {
  const evaluations = evaluator.evaluate(range);
  return format === 'json' ? { evaluations, json: enrolmentJson(evaluations) } : { evaluations };
}

/**
 * Evaluates a program on the main thread and the pool's workers, which claim chunks of enrolments (see
 * {@link chunkSize}) from one shared counter until none is left, and merges with `assembleProgramEvaluation`: the
 * result, rendered in the pool's format, equals `evaluateProgram` with the same options rendered the same way. The
 * workers must have been sent this program's JSON text (see {@link CheckWorkerPool.load}); a chunk a worker did not
 * give (it failed or stopped) is evaluated here. With `mainEvaluates: false` the main thread only merges (tests use
 * it to make the workers do every chunk). The pool is not closed.
 *
 * @example
 * const { evaluation } = await evaluateInParallel(data, { asOf: asOf.ms, pack }, pool);
 */
export async function evaluateInParallel(
  data: ProgramData,
  options: { readonly asOf: EvaluationOptions['asOf']; readonly pack: RulePack },
  pool: CheckWorkerPool,
  mainEvaluates = true,
): Promise<ParallelEvaluation> {
  const format = pool.setup.format;
  const index = indexProgram(data);
  const evaluator = createEnrolmentRangeEvaluator(index, options);
  if (!evaluator.success)
    throw new CliError(formatIssues('input', evaluator.issues), EXIT.badInput, evaluator.issues);
  const n = data.enrolments.length;
  const size = chunkSize(n, pool.setup.jobs);
  const count = Math.ceil(n / size);
  const chunks: ChunkResult[] = new Array(count);
  const own = new Set<number>();
  for (let k = mainEvaluates ? pool.claim(count) : undefined; k !== undefined; k = pool.claim(count)) {
    chunks[k] = evaluateChunk(evaluator.data, chunkRange(k, n, size), format);
    own.add(k);
  }
  const theirs = await pool.collect(count, own);
  for (let k = 0; k < count; k++)
    if (!own.has(k))
      chunks[k] = theirs.get(k) ?? evaluateChunk(evaluator.data, chunkRange(k, n, size), format);
  return assembleChunks(index, chunks, options, format);
}

/**
 * Merges the chunks of a program's enrolments, in order, with `assembleProgramEvaluation` (coach results,
 * caseloads and totals); for `--format json` also gives their text, a piece per chunk.
 *
 * @example
 * const { evaluation, enrolmentsJson } = assembleChunks(index, chunks, { asOf, pack }, 'json');
 */
export function assembleChunks(
  index: ProgramIndex,
  chunks: readonly ChunkResult[],
  options: { readonly asOf: EvaluationOptions['asOf']; readonly pack: RulePack },
  format: ParallelFormat,
): ParallelEvaluation {
  const r = assembleProgramEvaluation(
    index,
    chunks.flatMap((c) => c.evaluations),
    options,
  );
  if (!r.success) throw new CliError(formatIssues('input', r.issues), EXIT.badInput, r.issues);
  if (format !== 'json') return { evaluation: r.data };
  return { evaluation: r.data, enrolmentsJson: chunks.map((c) => c.json ?? '') };
}

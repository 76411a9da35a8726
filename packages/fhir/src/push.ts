import { createHash } from 'node:crypto';
import type { Bundle, BundleEntry, Meta } from '@medplum/fhirtypes';
import { checkServerUrl, type ExchangeOptions, type PushResult, pushBundle } from './client';
import { type FhirIssue, fhirIssue } from './issues';

/**
 * The resumable record of a batched push: which server (base URL, never credentials), the batch size, and for
 * each batch sent so far its digest, state, counts and the server location of every entry that went through. Ids
 * only: no personal value is in it. Batches are listed in order and end at the first that is not `done` (the push
 * stops there), so a report holds as many batches as were sent, not all there will be: a streamed push does not
 * know them in advance.
 *
 * @example
 * const report: PushReport = { format: 'peer-recovery/push-report@2', server: 'https://fhir.example.org/r4',
 *   batchSize: 500, batches: [] };
 */
export interface PushReport {
  readonly format: 'peer-recovery/push-report@2';
  readonly server: string;
  readonly batchSize: number;
  readonly batches: readonly PushBatchState[];
}

/**
 * One batch of a {@link PushReport}: `done` when every entry went through (created or already there), `incomplete`
 * when some or none did (the counts say how many). `sha256` is the digest of the batch's entries as they were
 * given (before references to earlier batches were rewritten to server locations): a resumed push skips a done
 * batch only when the same entries come again in the same place.
 *
 * @example
 * const b: PushBatchState = { index: 0, sha256: '…', entries: 1, status: 'done', created: 1, existing: 0, failed: 0,
 *   locations: { 'urn:uuid:…': 'Patient/123' } };
 */
export interface PushBatchState {
  readonly index: number;
  readonly sha256: string;
  readonly entries: number;
  readonly status: 'done' | 'incomplete';
  readonly created: number;
  readonly existing: number;
  readonly failed: number;
  /** Server location (`Type/id`) of each entry of the batch that went through, by its `fullUrl`. */
  readonly locations: Readonly<Record<string, string>>;
}

/**
 * Options of {@link pushInBatches} and {@link pushEntriesInBatches}.
 *
 * @example
 * const o: BatchPushOptions = { batchSize: 200, retries: 2, onBatch: (r) => saveLastBatch(r.batches.at(-1)) };
 */
export interface BatchPushOptions extends ExchangeOptions {
  /** Entries per transaction (default 500); entries that refer to each other in a cycle stay in one batch. */
  readonly batchSize?: number;
  /** A report of an earlier run of the same push: its leading `done` batches are not sent again. */
  readonly resume?: PushReport;
  /**
   * Called after each batch sent with the report so far (e.g. to save its last batch, or move a progress bar);
   * the next batch waits for it.
   */
  readonly onBatch?: (report: PushReport) => void | Promise<void>;
}

/**
 * What a batched push did: the totals of this run (`skipped` counts entries of batches a resumed report had already
 * done) and the report to keep (give it as `resume` to a later run).
 *
 * @example
 * const o: BatchPushOutcome = { created: 3, existing: 0, failed: 0, skipped: 0, report };
 */
export interface BatchPushOutcome {
  readonly created: number;
  readonly existing: number;
  readonly failed: number;
  readonly skipped: number;
  readonly report: PushReport;
}

/**
 * The outcome of {@link pushInBatches}, in the library's one `Result` shape: `{ success: true, data, issues }` when
 * every batch is done, else `{ success: false, issues, outcome }`. Both carry the {@link BatchPushOutcome} (as
 * `data`, or as `outcome` beside the issues of a failure), so a failed push can be resumed from its report.
 *
 * @example
 * const r: BatchPushResult = await pushInBatches(url, bundle, { batchSize: 100 });
 * const o = r.success ? r.data : r.outcome;
 * console.log(o.created, o.existing, o.failed, o.skipped);
 */
export type BatchPushResult =
  | { readonly success: true; readonly data: BatchPushOutcome; readonly issues: readonly FhirIssue[] }
  | { readonly success: false; readonly issues: readonly FhirIssue[]; readonly outcome: BatchPushOutcome };

const URN = /"reference":"(urn:uuid:[0-9a-f-]{36})"/g;

function referencesOf(entry: BundleEntry): string[] {
  const out: string[] = [];
  for (const m of JSON.stringify(entry.resource ?? {}).matchAll(URN)) out.push(m[1] as string);
  return out;
}

/**
 * Splits a transaction bundle's entries into batches of at most `size` entries such that every entry comes in the
 * same batch as, or a later batch than, each entry it refers to (by `urn:uuid:` fullUrl); entries that refer to each
 * other in a cycle are kept in one batch (which may then be larger). Otherwise the bundle order is kept. Returns
 * entry indexes.
 *
 * @example
 * planBatches(toTransactionBundle(resources), 500); // [[0, 1, …], [500, …], …]
 */
export function planBatches(bundle: Bundle, size: number): number[][] {
  const entries = bundle.entry ?? [];
  const byUrl = new Map<string, number>();
  entries.forEach((e, i) => {
    if (e.fullUrl !== undefined) byUrl.set(e.fullUrl, i);
  });
  const edges = entries.map((e) =>
    referencesOf(e)
      .map((u) => byUrl.get(u))
      .filter((j): j is number => j !== undefined),
  );
  // Tarjan's strongly connected components (iterative), then components in dependency order, stable by index.
  const n = entries.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const comp = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const top = work[work.length - 1] as [number, number];
      const [v, k] = top;
      if (k === 0) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = true;
      }
      const out = edges[v] as number[];
      if (k < out.length) {
        top[1] = k + 1;
        const w = out[k] as number;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v] as number, index[w] as number);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number);
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = false;
          comp[w] = comps;
        } while (w !== v);
        comps++;
      }
    }
  }
  // Tarjan numbers components in reverse topological order of "refers to": dependencies first = lower number.
  const members = Array.from({ length: comps }, () => [] as number[]);
  for (let i = 0; i < n; i++) (members[comp[i] as number] as number[]).push(i);
  const deps = members.map((m, c) => {
    const s = new Set<number>();
    for (const i of m) for (const j of edges[i] as number[]) if (comp[j] !== c) s.add(comp[j] as number);
    return s;
  });
  // Kahn, always taking the ready component with the smallest first index (keeps bundle order where it can).
  const waiting = deps.map((s) => s.size);
  const dependents = members.map(() => [] as number[]);
  deps.forEach((s, c) => {
    for (const d of s) (dependents[d] as number[]).push(c);
  });
  // The ready components in a binary heap by first index: sorting the whole ready list at every step made a
  // 37,000-entry bundle take 42 s to plan (most components are single entries, ready together).
  const first = (c: number) => (members[c] as number[])[0] as number;
  const ready = new MinHeap(first);
  for (let c = 0; c < comps; c++) if (waiting[c] === 0) ready.push(c);
  const order: number[][] = [];
  for (let c = ready.pop(); c !== undefined; c = ready.pop()) {
    order.push(members[c] as number[]);
    for (const d of dependents[c] as number[]) {
      waiting[d] = (waiting[d] as number) - 1;
      if (waiting[d] === 0) ready.push(d);
    }
  }
  const batches: number[][] = [];
  let cur: number[] = [];
  for (const unit of order) {
    if (cur.length > 0 && cur.length + unit.length > size) {
      batches.push(cur);
      cur = [];
    }
    cur.push(...unit);
  }
  if (cur.length > 0) batches.push(cur);
  return batches;
}

/** A binary min-heap of numbers ordered by a key (distinct keys): `push` and `pop` in O(log n). */
class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly key: (item: number) => number) {}

  push(item: number): void {
    const a = this.items;
    let i = a.length;
    a.push(item);
    const k = this.key(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent] as number;
      if (this.key(p) <= k) break;
      a[i] = p;
      i = parent;
    }
    a[i] = item;
  }

  /** The item of the smallest key, removed; `undefined` when the heap is empty. */
  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined || a.length === 0) return top;
    const k = this.key(last);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const child = r < a.length && this.key(a[r] as number) < this.key(a[l] as number) ? r : l;
      const c = a[child] as number;
      if (this.key(c) >= k) break;
      a[i] = c;
      i = child;
    }
    a[i] = last;
    return top;
  }
}

/**
 * Cuts a stream of transaction entries into batches of `size` entries, in stream order, as they are read: a batch
 * closes once it holds `size` entries and none of them refers (by `urn:uuid:` fullUrl) to an entry not read yet,
 * so every entry comes in the same batch as, or a later batch than, each entry of the stream it refers to. A batch
 * grows past `size` only while it waits for an entry it refers to (to the end of the stream if that entry never
 * comes). The streamed counterpart of {@link planBatches}, which may also reorder a bundle held whole.
 *
 * @example
 * for (const batch of batchEntries(transactionEntries(resources), 500)) console.log(batch.length);
 */
export function* batchEntries(entries: Iterable<BundleEntry>, size: number): Generator<BundleEntry[]> {
  const limit = Math.max(1, Math.floor(size));
  const read = new Set<string>();
  const awaited = new Set<string>();
  let batch: BundleEntry[] = [];
  for (const entry of entries) {
    if (entry.fullUrl !== undefined) {
      read.add(entry.fullUrl);
      awaited.delete(entry.fullUrl);
    }
    for (const u of referencesOf(entry)) if (!read.has(u)) awaited.add(u);
    batch.push(entry);
    if (batch.length >= limit && awaited.size === 0) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The batch size of the options: `batchSize` as a whole number of at least 1, 500 unless given. */
const BATCH_SIZE = 500;
const batchSizeOf = (options: BatchPushOptions) => Math.max(1, Math.floor(options.batchSize ?? BATCH_SIZE));

/** A batch to send: its entries and their positions in the bundle or stream (for the issues' expressions). */
interface PlannedBatch {
  readonly entries: readonly BundleEntry[];
  readonly positions: readonly number[];
}

function rewrite(value: unknown, map: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, map));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = k === 'reference' && typeof v === 'string' ? (map.get(v) ?? v) : rewrite(v, map);
  return out;
}

const plainLocation = (location: string) =>
  location.replace(/\/_history\/.*$/, '').replace(/^.*\/(\w+\/[^/]+)$/, '$1');

const REPORT_FORMAT = 'peer-recovery/push-report@2';

/** Whether a report given as `resume` is of this push's kind: same format, server and batch size. */
function resumable(resume: PushReport, server: string, size: number): boolean {
  return (
    resume.format === REPORT_FORMAT &&
    resume.server === server &&
    resume.batchSize === size &&
    Array.isArray(resume.batches)
  );
}

/**
 * Sends planned batches one transaction each, in order (see {@link pushInBatches} for what it does and promises).
 * `count` is the number of batches when known, for the issues' "Batch k of n".
 */
async function sendBatches(
  baseUrl: string,
  batches: Iterable<PlannedBatch>,
  options: BatchPushOptions & {
    readonly meta?: Meta | undefined;
    readonly type?: Bundle['type'] | undefined;
  },
  count: number | undefined,
  total: number | undefined,
): Promise<BatchPushResult> {
  const size = batchSizeOf(options);
  const checked = checkServerUrl(baseUrl, options);
  const server = checked.success ? checked.data : '';
  const issues: FhirIssue[] = [];
  const states: PushBatchState[] = [];
  const report = (): PushReport => ({ format: REPORT_FORMAT, server, batchSize: size, batches: [...states] });
  const totals = { created: 0, existing: 0, failed: 0, skipped: 0 };
  // Nothing goes to a refused URL: every entry of a bundle held whole counts as failed (a stream's are not read).
  if (!checked.success)
    return {
      success: false,
      issues: checked.issues,
      outcome: { ...totals, failed: total ?? 0, report: report() },
    };
  const resume = options.resume;
  let resuming = resume !== undefined && resumable(resume, server, size);
  if (resume !== undefined && !resuming)
    issues.push(
      fhirIssue(
        'warning',
        'processing',
        'The push report is of another server, batch size or format: starting from the first batch',
      ),
    );
  const locations = new Map<string, string>();
  const label = (b: number) => `Batch ${b + 1}${count === undefined ? '' : ` of ${count}`}`;
  let b = 0;
  for (const { entries, positions } of batches) {
    const sha256 = createHash('sha256').update(JSON.stringify(entries)).digest('hex');
    if (resuming) {
      const earlier = resume?.batches[b];
      if (earlier?.status === 'done' && earlier.sha256 === sha256 && earlier.entries === entries.length) {
        states.push(earlier);
        for (const [fullUrl, at] of Object.entries(earlier.locations ?? {})) locations.set(fullUrl, at);
        totals.skipped += entries.length;
        b++;
        continue;
      }
      resuming = false;
      if (earlier?.status === 'done')
        issues.push(
          fhirIssue(
            'warning',
            'processing',
            b === 0
              ? 'The push report is of another bundle: starting from the first batch'
              : `The push report matches the first ${b} batch(es) only: sending from batch ${b + 1}`,
          ),
        );
    }
    const part: Bundle = {
      resourceType: 'Bundle',
      type: options.type ?? 'transaction',
      ...(options.meta === undefined ? {} : { meta: options.meta }),
      entry: entries.map((e) => rewrite(e, locations) as BundleEntry),
    };
    let r: PushResult;
    try {
      r = await pushBundle(server, part, options);
    } catch {
      r = {
        success: false,
        issues: [fhirIssue('error', 'exception', 'Sending a batch failed unexpectedly')],
        outcome: { created: 0, existing: 0, failed: entries.length, entries: [] },
      };
    }
    const o = r.success ? r.data : r.outcome;
    const located: Record<string, string> = {};
    for (const e of o.entries) {
      const fullUrl = entries[e.index]?.fullUrl;
      if (e.outcome !== 'failed' && e.location !== undefined && fullUrl !== undefined) {
        const at = plainLocation(e.location);
        located[fullUrl] = at;
        locations.set(fullUrl, at);
      }
    }
    const existing = o.existing + o.entries.filter((e) => e.outcome === 'updated').length;
    totals.created += o.created;
    totals.existing += existing;
    totals.failed += o.failed;
    const done = r.success && o.failed === 0;
    states.push({
      index: b,
      sha256,
      entries: entries.length,
      status: done ? 'done' : 'incomplete',
      created: o.created,
      existing,
      failed: o.failed,
      locations: located,
    });
    for (const i of r.issues)
      issues.push({
        ...i,
        message: count === 1 ? i.message : `${label(b)}: ${i.message}`,
        ...(i.expression === undefined
          ? {}
          : {
              expression: i.expression.replace(
                /^Bundle\.entry\[(\d+)\]/,
                (_, k) => `Bundle.entry[${positions[Number(k)]}]`,
              ),
            }),
      });
    try {
      await options.onBatch?.(report());
    } catch {
      issues.push(fhirIssue('error', 'exception', 'Saving the push report failed: stopped'));
      break;
    }
    // Later batches may refer to entries of this one: stop here; a re-run resumes from it.
    if (!done) break;
    b++;
  }
  const outcome: BatchPushOutcome = { ...totals, report: report() };
  return states.every((s) => s.status === 'done') && !issues.some((i) => i.severity === 'error')
    ? { success: true, data: outcome, issues }
    : { success: false, issues, outcome };
}

/**
 * Pushes a transaction bundle in batches (see {@link planBatches}), one transaction per batch, each carrying the
 * bundle's `meta` (its security labels and notices). References to entries of earlier batches are rewritten to the
 * location the server gave them. After each batch the report is updated (and `onBatch` called); the push stops at
 * the first batch that does not go through completely (later batches may refer to its entries), so an interrupted
 * or failed push can be resumed: give the report of the earlier run as `resume`, and its leading done batches whose
 * entries come again unchanged are not sent again (a report of another server, batch size or bundle is ignored from
 * where it differs, and a warning says so). Re-sending a batch creates nothing twice: every entry is a conditional
 * create. Never throws. {@link pushEntriesInBatches} does the same for a stream of entries.
 *
 * @example
 * const r = await pushInBatches('http://127.0.0.1:8103', toTransactionBundle(resources), { batchSize: 200 });
 * if (!r.success) await writeFile('push-report.json', JSON.stringify(r.outcome.report)); // run again with resume
 */
export async function pushInBatches(
  baseUrl: string,
  bundle: Bundle,
  options: BatchPushOptions = {},
): Promise<BatchPushResult> {
  const entries = bundle.entry ?? [];
  const plan = planBatches(bundle, batchSizeOf(options));
  const batches = plan.map((positions) => ({
    entries: positions.map((i) => entries[i] as BundleEntry),
    positions,
  }));
  return sendBatches(
    baseUrl,
    batches,
    { ...options, meta: bundle.meta, type: bundle.type },
    plan.length,
    entries.length,
  );
}

/**
 * Options of {@link pushEntriesInBatches}: those of {@link pushInBatches}, and the `meta` every batch's Bundle
 * carries (for a program exported for a recipient, its labels and redisclosure notice).
 *
 * @example
 * const o: EntriesPushOptions = { batchSize: 500, meta: exported.data.bundleMeta };
 */
export interface EntriesPushOptions extends BatchPushOptions {
  readonly meta?: Meta;
}

/**
 * {@link pushInBatches} for transaction entries read one at a time (e.g. `transactionEntries` of a streamed
 * export), so a program of any size is pushed holding one batch of entries, not the bundle: batches are cut as the
 * entries come (see {@link batchEntries}), sent in order, and resumed as `pushInBatches` resumes. Held for the
 * whole push: the server location of each entry sent (to rewrite later references) and the report. Never throws
 * (an error thrown while reading the entries is reported, and the push stops there).
 *
 * @example
 * const r = await pushEntriesInBatches(url, transactionEntries(resources), { batchSize: 500, meta });
 */
export async function pushEntriesInBatches(
  baseUrl: string,
  entries: Iterable<BundleEntry>,
  options: EntriesPushOptions = {},
): Promise<BatchPushResult> {
  const size = batchSizeOf(options);
  let failure: FhirIssue | undefined;
  const batches = (function* (): Generator<PlannedBatch> {
    let offset = 0;
    try {
      for (const batch of batchEntries(entries, size)) {
        yield { entries: batch, positions: batch.map((_, k) => offset + k) };
        offset += batch.length;
      }
    } catch {
      failure = fhirIssue('error', 'exception', 'Reading the entries to push failed: stopped');
    }
  })();
  const r = await sendBatches(baseUrl, batches, options, undefined, undefined);
  if (failure === undefined) return r;
  const outcome = r.success ? r.data : r.outcome;
  return { success: false, issues: [...r.issues, failure], outcome };
}

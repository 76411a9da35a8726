import { createHash } from 'node:crypto';
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { checkServerUrl, type ExchangeOptions, type PushResult, pushBundle } from './client';
import { type FhirIssue, fhirIssue } from './issues';

/**
 * The resumable record of a batched push: which server (base URL, never credentials), which bundle (its SHA-256),
 * the batch size, each batch's entries (by `fullUrl`) and state, and the server location of every entry that went
 * through. Ids only: no personal value is in it.
 *
 * @example
 * const report: PushReport = { format: 'peer-recovery/push-report@1', server: 'https://fhir.example.org/r4',
 *   bundleSha256: '…', batchSize: 500, batches: [], locations: {} };
 */
export interface PushReport {
  readonly format: 'peer-recovery/push-report@1';
  readonly server: string;
  readonly bundleSha256: string;
  readonly batchSize: number;
  readonly batches: readonly PushBatchState[];
  /** Server location (`Type/id`) of each entry that went through, by its `fullUrl`. */
  readonly locations: Readonly<Record<string, string>>;
}

/**
 * One batch of a {@link PushReport}: `done` when every entry went through (created or already there), `incomplete`
 * when some or none did (the counts say how many), `pending` when not sent yet.
 *
 * @example
 * const b: PushBatchState = { index: 0, fullUrls: ['urn:uuid:…'], status: 'done', created: 1, existing: 0, failed: 0 };
 */
export interface PushBatchState {
  readonly index: number;
  readonly fullUrls: readonly string[];
  readonly status: 'done' | 'incomplete' | 'pending';
  readonly created: number;
  readonly existing: number;
  readonly failed: number;
}

/**
 * Options of {@link pushInBatches}.
 *
 * @example
 * const o: BatchPushOptions = { batchSize: 200, retries: 2, onBatch: (r) => writeReport(r) };
 */
export interface BatchPushOptions extends ExchangeOptions {
  /** Entries per transaction (default 500); entries that refer to each other in a cycle stay in one batch. */
  readonly batchSize?: number;
  /** A report of an earlier run of the same push: its `done` batches are not sent again. */
  readonly resume?: PushReport;
  /**
   * Called after each batch with the report so far (e.g. to save it, or move a progress bar); the next batch waits
   * for it. Its `locations` is the push's own table, not a copy (a copy per batch made pushing a 2,000-peer program
   * quadratic): read or save it in the callback, and copy it to keep it, since later batches add to it.
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

/** The SHA-256 of a bundle's JSON: a push report resumes only the bundle it was made for. */
function digest(bundle: Bundle): string {
  return createHash('sha256').update(JSON.stringify(bundle)).digest('hex');
}

function rewrite(value: unknown, map: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, map));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = k === 'reference' && typeof v === 'string' ? (map[v] ?? v) : rewrite(v, map);
  return out;
}

const plainLocation = (location: string) =>
  location.replace(/\/_history\/.*$/, '').replace(/^.*\/(\w+\/[^/]+)$/, '$1');

/**
 * Pushes a transaction bundle in batches (see {@link planBatches}), one transaction per batch. References to entries
 * of earlier batches are rewritten to the location the server gave them. After each batch the report is updated
 * (and `onBatch` called); the push stops at the first batch that does not go through completely (later batches
 * may refer to its entries), so an interrupted or failed push can be resumed: give the report of the earlier run as `resume`, and
 * the batches it had done are not sent again (a report of another bundle, batch size or server is ignored, and a
 * warning says so). Re-sending a batch creates nothing twice: every entry is a conditional create. Never throws.
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
  const size = Math.max(1, Math.floor(options.batchSize ?? 500));
  const checked = checkServerUrl(baseUrl, options);
  const entries = bundle.entry ?? [];
  const sha = digest(bundle);
  const server = checked.success ? checked.data : '';
  const plan = planBatches(bundle, size);
  const issues: FhirIssue[] = [];
  const resume = options.resume;
  const resumable =
    resume !== undefined &&
    resume.bundleSha256 === sha &&
    resume.batchSize === size &&
    resume.server === server &&
    resume.batches.length === plan.length;
  if (resume !== undefined && !resumable)
    issues.push(
      fhirIssue(
        'warning',
        'processing',
        'The push report is of another bundle, batch size or server: starting from the first batch',
      ),
    );
  const locations: Record<string, string> = resumable ? { ...resume.locations } : {};
  const batches: PushBatchState[] = plan.map((idx, index) => {
    const earlier = resumable ? resume.batches[index] : undefined;
    return earlier?.status === 'done'
      ? earlier
      : {
          index,
          fullUrls: idx.map((i) => entries[i]?.fullUrl ?? `#${i}`),
          status: 'pending',
          created: 0,
          existing: 0,
          failed: 0,
        };
  });
  /** The report so far; with `live`, its `locations` is this push's own table (for `onBatch`), else a copy. */
  const report = (live = false): PushReport => ({
    format: 'peer-recovery/push-report@1',
    server,
    bundleSha256: sha,
    batchSize: size,
    batches: [...batches],
    locations: live ? locations : { ...locations },
  });
  const totals = { created: 0, existing: 0, failed: 0, skipped: 0 };
  if (!checked.success)
    return {
      success: false,
      issues: checked.issues,
      outcome: { ...totals, failed: entries.length, report: report() },
    };
  for (const [b, idx] of plan.entries()) {
    if (batches[b]?.status === 'done') {
      totals.skipped += idx.length;
      continue;
    }
    const part: Bundle = {
      resourceType: 'Bundle',
      type: bundle.type ?? 'transaction',
      entry: idx.map((i) => rewrite(entries[i], locations) as BundleEntry),
    };
    let r: PushResult;
    try {
      r = await pushBundle(server, part, options);
    } catch {
      r = {
        success: false,
        issues: [fhirIssue('error', 'exception', 'Sending a batch failed unexpectedly')],
        outcome: { created: 0, existing: 0, failed: idx.length, entries: [] },
      };
    }
    const o = r.success ? r.data : r.outcome;
    for (const e of o.entries) {
      const fullUrl = entries[idx[e.index] as number]?.fullUrl;
      if (e.outcome !== 'failed' && e.location !== undefined && fullUrl !== undefined)
        locations[fullUrl] = plainLocation(e.location);
    }
    totals.created += o.created;
    totals.existing += o.existing + o.entries.filter((e) => e.outcome === 'updated').length;
    totals.failed += o.failed;
    batches[b] = {
      index: b,
      fullUrls: batches[b]?.fullUrls ?? [],
      status: r.success && o.failed === 0 ? 'done' : 'incomplete',
      created: o.created,
      existing: o.existing,
      failed: o.failed,
    };
    issues.push(
      ...r.issues.map((i) => ({
        ...i,
        message: plan.length > 1 ? `Batch ${b + 1} of ${plan.length}: ${i.message}` : i.message,
        ...(i.expression === undefined
          ? {}
          : {
              expression: i.expression.replace(
                /^Bundle\.entry\[(\d+)\]/,
                (_, k) => `Bundle.entry[${idx[Number(k)]}]`,
              ),
            }),
      })),
    );
    try {
      await options.onBatch?.(report(true));
    } catch {
      issues.push(fhirIssue('error', 'exception', 'Saving the push report failed: stopped'));
      break;
    }
    // Later batches may refer to entries of this one: stop here; a re-run resumes from it.
    if (batches[b]?.status !== 'done') break;
  }
  const final = report();
  const outcome: BatchPushOutcome = { ...totals, report: final };
  return final.batches.every((b) => b.status === 'done') && !issues.some((i) => i.severity === 'error')
    ? { success: true, data: outcome, issues }
    : { success: false, issues, outcome };
}

/**
 * Evaluating a program batch by batch ({@link createProgramStreamEvaluator}): whole peers at a time, keeping per
 * enrolment only its record and the counts the coaches and totals need.
 */
import { type Enrolment, PROGRAM_DATA_FORMAT, type ProgramData } from '../model/domain';
import { type DataIssue, dataIssue, formatPath, type ParseResult } from '../model/issues';
import { type ParseProgramDataOptions, parseProgramData, unreadableIssue } from '../model/parse';
import { fail, type Issue, ok, type Result } from '../model/result';
import {
  builderCore,
  PEER_RECORD_KINDS,
  type PeerRecordKind,
  type ProgramBuilderIssue,
  type ProgramBuilderIssueCode,
  type ProgramRecordKind,
  type ProgramRecords,
} from './builder';
import type { EvaluationOptions, RuleContext } from './context';
import {
  activeCount,
  type EnrolmentEvaluation,
  enrolmentRules,
  evaluateRecordsLazily,
  newTotals,
  type ProgramSummary,
  prepare,
  summaryOf,
  type Tally,
  type Totals,
  tallyOf,
} from './evaluate';

/**
 * What every enrolment's evaluation reads besides its own records: the program, its organisations and its coaches
 * (a few hundred records at most, held for the whole evaluation).
 *
 * @example
 * const head: ProgramHead = { program: data.program, organizations: data.organizations, coaches: data.coaches };
 */
export type ProgramHead = Pick<ProgramData, 'program' | 'organizations' | 'coaches'>;

/**
 * A part of a program for {@link createProgramStreamEvaluator}: whole peers, each with all its enrolments and every
 * record of them (plans, contacts, messages, referrals, consents, assessments), as lists of schema-valid records.
 * A list left out is empty.
 *
 * @example
 * const batch: ProgramBatch = { peers: [peer], enrolments: [enrolment], contacts };
 */
export type ProgramBatch = {
  readonly [K in PeerRecordKind]?: readonly ProgramRecords[K][] | undefined;
};

/**
 * Codes of the issues of {@link ProgramStreamEvaluator.push}: the builder's (an instant that cannot be read, a record
 * naming an enrolment or peer the batch does not hold) and `split-batch`, a batch that does not hold whole peers (a
 * record, enrolment or peer whose group came or comes in another batch).
 *
 * @example
 * const code: ProgramStreamIssueCode = 'split-batch';
 */
export type ProgramStreamIssueCode = ProgramBuilderIssueCode | 'split-batch';

/**
 * An issue of {@link ProgramStreamEvaluator.push}, naming the field by its path in the document the batches make
 * (positions counted over every batch), never a value.
 *
 * @example
 * const i: ProgramStreamIssue = { code: 'split-batch', path: ['enrolments', 12, 'peerId'], severity: 'error', message: 'enrolments[12].peerId: its peer came in an earlier batch; a batch holds whole peers' };
 */
export type ProgramStreamIssue = Issue<ProgramStreamIssueCode>;

/**
 * Evaluates a program batch by batch, holding only the head, the batch being evaluated, and per enrolment its record
 * and a few counts for the caseloads and totals: a program too large to hold whole (a FHIR Bulk export, a very
 * large file, a generator) is evaluated in memory that grows with the number of enrolments only, not with their
 * records. See {@link createProgramStreamEvaluator}.
 *
 * @example
 * const r = evaluator.push({ peers: [peer], enrolments: [enrolment], contacts, messages });
 * if (r.success) for (const e of r.data) console.log(e.enrolmentId, e.findings.length);
 * else console.error(r.issues.map((i) => i.message)); // e.g. 'contacts[3].enrolmentId: its enrolment came in an earlier batch; ...'
 * const { totals } = evaluator.summary();
 */
export interface ProgramStreamEvaluator {
  /**
   * Checks a batch read from outside (a file, a network) as `parseProgramData` checks a document, so that `push`
   * is given schema-valid records: the schema, the input limits, referential integrity and the `outside-enrolment`
   * warnings, over the head and this batch, with positions counted as `push` counts them (over the batches pushed
   * so far, then this one). Never throws; issues name the field and never echo a value. The data is the batch's
   * lists as `parseProgramData` gives them (with `fromJson: true` the input's own objects when they pass, else a
   * checked copy).
   *
   * What it cannot see: ids repeated across batches (for peers and enrolments `push` refuses them), and records
   * naming a record of another batch, which are `unknown-reference` here (a batch holds whole peers, and no record
   * may name another peer's).
   *
   * @example
   * const c = evaluator.check(JSON.parse(line), { fromJson: true });
   * if (!c.success) console.error(c.issues.map((i) => i.message)); // e.g. 'contacts[40012].start: ...'
   * else evaluator.push(c.data);
   */
  check(batch: unknown, options?: ParseProgramDataOptions): ParseResult<ProgramBatch>;
  /**
   * Evaluates one batch: the evaluations of its enrolments in its order, equal to those `evaluateProgram` gives for
   * the document made of the head and every batch pushed (positions and paths counted over the batches in order).
   * Warnings name the records of the batch that name no enrolment or peer of it (no rule reads them). A batch that
   * is not whole peers (`split-batch`) or has an instant that cannot be read (`invalid-instant`) fails, with every
   * such issue, and changes nothing: push it again corrected.
   */
  push(batch: ProgramBatch): Result<EnrolmentEvaluation[], ProgramStreamIssue>;
  /**
   * The coaches (rule results and caseloads over every enrolment pushed) and the totals: equal to those
   * `evaluateProgram` gives for the document made of the head and the batches pushed so far. It can be asked at
   * any time; later batches extend a later summary.
   */
  summary(): ProgramSummary;
}

/** The keys of a document that belong to its head, not to a batch. */
const HEAD_KEYS: readonly string[] = ['format', 'program', 'organizations', 'coaches'];

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

/**
 * An issue of a batch checked alone, at its position in the document the batches make: the position of a record of
 * a peer's list moved by the records of that list in the batches before.
 */
function movedBy(issue: DataIssue, offsets: { readonly [K in ProgramRecordKind]?: number }): DataIssue {
  const [kind, index, ...rest] = issue.path;
  const by = typeof kind === 'string' ? offsets[kind as ProgramRecordKind] : undefined;
  if (typeof index !== 'number' || by === undefined || by === 0) return issue;
  const path = [kind as string, index + by, ...rest];
  const pointer = formatPath(path);
  return { ...issue, path, pointer, message: pointer + issue.message.slice(issue.pointer.length) };
}

/**
 * Creates a {@link ProgramStreamEvaluator} for a program's head: the options are checked once (an issue as from
 * `evaluateProgram`), the time zone too (a `invalid-instant` issue on `program.timeZone`). `onProgress` is not
 * called: each `push` is a step.
 *
 * @example
 * const parts = generateProgramParts({ peers: 100_000, seed: 7 });
 * const ev = createProgramStreamEvaluator(parts.head, { asOf: '2026-12-31' });
 * if (ev.success) {
 *   for (const e of parts.enrolments()) ev.data.push({ ...e, peers: [e.peer], enrolments: [e.enrolment] });
 *   console.log(ev.data.summary().totals.findingsBySeverity);
 * }
 */
export function createProgramStreamEvaluator(
  head: ProgramHead,
  options: EvaluationOptions,
): Result<ProgramStreamEvaluator, DataIssue | ProgramBuilderIssue> {
  const program = head.program;
  const core = builderCore(program);
  if (!core.success) return core;
  for (const o of head.organizations) core.data.insert('organizations', o);
  for (const c of head.coaches) core.data.insert('coaches', c);
  const built = core.data.build();
  if (!built.success) return built;
  const prepared = prepare(built.data, options);
  if (!prepared.success) return prepared;
  const ctx = prepared.data;
  const lazyCtx: RuleContext = { ...ctx, lazy: true };
  const rules = enrolmentRules(ctx);
  const offsets = Object.fromEntries(PEER_RECORD_KINDS.map((k) => [k, 0])) as {
    [K in ProgramRecordKind]?: number;
  };
  const enrolments: Enrolment[] = [];
  const tallies: Tally[] = [];
  const totals = newTotals();
  let active = 0;
  /** Ids of the enrolments and peers pushed so far, and those named by records of a batch that did not hold them. */
  const seenEnrolments = new Set<string>();
  const seenPeers = new Set<string>();
  const namedEnrolments = new Set<string>();
  const namedPeers = new Set<string>();

  function split(kind: ProgramRecordKind, index: number, field: string, why: string): ProgramStreamIssue {
    const path = [kind, index, field];
    return {
      code: 'split-batch',
      path,
      severity: 'error',
      message: `${formatPath(path)}: ${why}; a batch holds whole peers, each with its enrolments and their records`,
    };
  }

  /** The `split-batch` issues of a batch and the ids its records name outside it (known once it is accepted). */
  function splits(batch: ProgramBatch, warnings: readonly ProgramBuilderIssue[]) {
    const issues: ProgramStreamIssue[] = [];
    const peerIds = new Set<string>();
    const enrolmentIds = new Set<string>();
    const at = (kind: ProgramRecordKind) => offsets[kind] ?? 0;
    (batch.peers ?? []).forEach((p, i) => {
      peerIds.add(p.id);
      if (seenPeers.has(p.id))
        issues.push(split('peers', at('peers') + i, 'id', 'repeats a peer of an earlier batch'));
      else if (namedPeers.has(p.id))
        issues.push(split('peers', at('peers') + i, 'id', 'an earlier batch has records of this peer'));
    });
    const outside = { enrolments: [] as string[], peers: [] as string[] };
    (batch.enrolments ?? []).forEach((e, i) => {
      enrolmentIds.add(e.id);
      const index = at('enrolments') + i;
      if (seenEnrolments.has(e.id))
        issues.push(split('enrolments', index, 'id', 'repeats an enrolment of an earlier batch'));
      else if (namedEnrolments.has(e.id))
        issues.push(split('enrolments', index, 'id', 'an earlier batch has records of this enrolment'));
      if (peerIds.has(e.peerId)) return;
      if (seenPeers.has(e.peerId))
        issues.push(split('enrolments', index, 'peerId', 'its peer came in an earlier batch'));
      else outside.peers.push(e.peerId);
    });
    for (const w of warnings) {
      const [kind, index] = w.path as [PeerRecordKind, number];
      const record = batch[kind]?.[index - at(kind)] as { enrolmentId?: string; peerId?: string } | undefined;
      if (kind === 'consents') {
        const id = record?.peerId ?? '';
        if (seenPeers.has(id)) issues.push(split(kind, index, 'peerId', 'its peer came in an earlier batch'));
        else outside.peers.push(id);
      } else {
        const id = record?.enrolmentId ?? '';
        if (seenEnrolments.has(id))
          issues.push(split(kind, index, 'enrolmentId', 'its enrolment came in an earlier batch'));
        else outside.enrolments.push(id);
      }
    }
    return { issues, peerIds, enrolmentIds, outside };
  }

  return ok({
    check(batch, checkOptions) {
      let extra: [string, unknown][];
      const lists = {} as Record<PeerRecordKind, unknown>;
      try {
        if (typeof batch !== 'object' || batch === null || Array.isArray(batch))
          return fail([
            dataIssue('invalid-type', [], `expected a batch: an object of lists, got ${kindOf(batch)}`),
          ]);
        const b = batch as Record<string, unknown>;
        // A list left out (or undefined) is empty, as in `push`; any other value goes to the schema.
        for (const kind of PEER_RECORD_KINDS) lists[kind] = b[kind] === undefined ? [] : b[kind];
        extra = Object.keys(b)
          .filter((k) => !(PEER_RECORD_KINDS as readonly string[]).includes(k))
          .map((k) => [k, b[k]]);
      } catch {
        return fail([unreadableIssue(batch)]);
      }
      const issues: DataIssue[] = [];
      const document: Record<string, unknown> = {};
      for (const [key, value] of extra)
        if (HEAD_KEYS.includes(key))
          issues.push(dataIssue('unknown-field', [key], 'belongs to the head, not to a batch of peers'));
        // Any other key goes to the document, whose schema reports it (and never shows a key that may be data).
        else document[key] = value;
      Object.assign(document, {
        format: PROGRAM_DATA_FORMAT,
        program,
        organizations: head.organizations,
        coaches: head.coaches,
        ...lists,
      });
      const r = parseProgramData(document, checkOptions);
      for (const issue of r.issues) issues.push(movedBy(issue, offsets));
      if (!r.success || issues.some((i) => i.severity === 'error')) return fail(issues);
      const out = Object.fromEntries(PEER_RECORD_KINDS.map((k) => [k, r.data[k]])) as ProgramBatch;
      return ok(out, issues);
    },
    push(batch) {
      const b = builderCore(program, undefined, offsets);
      if (!b.success) return b;
      const issues: ProgramStreamIssue[] = [];
      for (const kind of PEER_RECORD_KINDS)
        for (const record of batch[kind] ?? []) {
          const issue = b.data.insert(kind, record as ProgramRecords[typeof kind]);
          if (issue !== undefined) issues.push(issue);
        }
      const index = b.data.build();
      if (!index.success) return index;
      const s = splits(batch, index.issues);
      issues.push(...s.issues);
      if (issues.length > 0) return fail(issues);
      const out: EnrolmentEvaluation[] = [];
      for (const rec of index.data.enrolments.values()) {
        const ev = evaluateRecordsLazily(ctx, lazyCtx, rec, rules);
        tallies.push(tallyOf(ev, totals));
        enrolments.push(rec.enrolment);
        out.push(ev);
      }
      active += activeCount(ctx, batch.enrolments ?? []);
      for (const kind of PEER_RECORD_KINDS) offsets[kind] = (offsets[kind] ?? 0) + (batch[kind]?.length ?? 0);
      for (const id of s.peerIds) seenPeers.add(id);
      for (const id of s.enrolmentIds) seenEnrolments.add(id);
      for (const id of s.outside.peers) namedPeers.add(id);
      for (const id of s.outside.enrolments) namedEnrolments.add(id);
      return ok(out, index.issues);
    },
    summary() {
      const counted: Totals = {
        findingsBySeverity: { ...totals.findingsBySeverity },
        findingsByCode: { ...totals.findingsByCode },
        overdue: totals.overdue,
        missed: totals.missed,
      };
      return summaryOf(ctx, enrolments, tallies, counted, active);
    },
  });
}

import type { Coach, Enrolment, ProgramData } from '../model/domain';
import { type DataIssue, dataIssue } from '../model/issues';
import type { LocalDate } from '../model/primitives';
import { fail, ok, type Result } from '../model/result';
import { getBuiltInPack } from '../packs/builtin';
import type { RuleId, RulePack } from '../packs/schema';
import { coachAssignment } from './coach-assignment/index';
import { coachCommitment, peerReassignment } from './coach-commitment/index';
import { coachEligibility } from './coach-eligibility/index';
import {
  createContext,
  type EnrolmentRecords,
  type EvaluationOptions,
  type Indexed,
  indexProgram,
  type ProgramIndex,
  type RuleContext,
} from './context';
import { crisisFollowUp } from './crisis-follow-up/index';
import { documentation } from './documentation/index';
import { enrolmentPrerequisites } from './enrolment-prerequisites/index';
import { firstActionPlan } from './first-action-plan/index';
import { RULE_ID } from './ids';
import { inPersonContact } from './in-person-contact/index';
import {
  EAGER,
  findingOfEntry,
  materialiseFindings,
  materialiseObligations,
  materialiseResult,
  obligationOfEntry,
} from './lazy';
import { peerDiscontinuation } from './peer-discontinuation/index';
import { planRevision } from './plan-revision/index';
import { replyTimeliness } from './reply-timeliness/index';
import type { Finding, Obligation, RuleResult } from './result';
import { serviceExclusions } from './service-exclusions/index';
import { coachStatusOn, removingIncidents } from './shared';

type EnrolmentRule = (ctx: RuleContext, rec: EnrolmentRecords) => RuleResult;
type CoachRule = (ctx: RuleContext, coach: Indexed<Coach>) => RuleResult;

/** The enrolment rules in evaluation order. */
const ENROLMENT_RULES: readonly [RuleId, EnrolmentRule][] = [
  [RULE_ID.enrolmentPrerequisites, enrolmentPrerequisites],
  [RULE_ID.coachCommitment, peerReassignment],
  [RULE_ID.coachAssignment, coachAssignment],
  [RULE_ID.firstActionPlan, firstActionPlan],
  [RULE_ID.planRevision, planRevision],
  [RULE_ID.inPersonContact, inPersonContact],
  [RULE_ID.crisisFollowUp, crisisFollowUp],
  [RULE_ID.replyTimeliness, replyTimeliness],
  [RULE_ID.serviceExclusions, serviceExclusions],
  [RULE_ID.documentation, documentation],
  [RULE_ID.peerDiscontinuation, peerDiscontinuation],
];

/** The coach rules in evaluation order. */
const COACH_RULES: readonly [RuleId, CoachRule][] = [
  [RULE_ID.coachEligibility, coachEligibility],
  [RULE_ID.coachCommitment, coachCommitment],
];

const ACTIONABLE = new Set(['open', 'due-soon', 'overdue']);

/**
 * Everything known about one enrolment as of a moment: every rule's result, every obligation as a timeline (in due
 * order), every finding, and the next actions (obligations still to do, in due order). Plain JSON data.
 */
export interface EnrolmentEvaluation {
  readonly enrolmentId: string;
  readonly peerId: string;
  readonly asOf: string;
  readonly packId: string;
  readonly results: readonly RuleResult[];
  readonly timeline: readonly Obligation[];
  readonly findings: readonly Finding[];
  readonly nextActions: readonly Obligation[];
}

/** A coach's rule results and caseload as of a moment. */
export interface CoachEvaluation {
  readonly coachId: string;
  readonly asOf: string;
  readonly packId: string;
  readonly status: string | null;
  readonly results: readonly RuleResult[];
  readonly findings: readonly Finding[];
  readonly nextActions: readonly Obligation[];
  readonly caseload: CaseloadSummary;
}

/**
 * A coach's caseload: the peers assigned on the evaluation day and what is wrong across them. Counts only.
 */
export interface CaseloadSummary {
  readonly coachId: string;
  /** Enrolments assigned to the coach on the evaluation day. */
  readonly enrolmentIds: readonly string[];
  /** Plans (first or revision) overdue among them. */
  readonly overduePlans: number;
  /** Calendar months missed for in-person contact, over the time each peer was with this coach. */
  readonly missedMonths: number;
  /** Messages past their reply time and still unanswered. */
  readonly unansweredMessages: number;
  /** Peers left by this coach who still need a new coach. */
  readonly peersAwaitingReassignment: readonly string[];
  /** Findings of warning or error severity across these peers. */
  readonly findings: number;
}

/** A whole program's evaluation as of a moment. */
export interface ProgramEvaluation {
  readonly programId: string;
  readonly asOf: string;
  readonly packId: string;
  readonly enrolments: readonly EnrolmentEvaluation[];
  readonly coaches: readonly CoachEvaluation[];
  readonly totals: {
    readonly enrolments: number;
    readonly activeEnrolments: number;
    readonly coaches: number;
    readonly findingsBySeverity: { readonly info: number; readonly warning: number; readonly error: number };
    readonly findingsByCode: { readonly [code: string]: number };
    readonly overdue: number;
    readonly missed: number;
  };
}

function resolvePack(index: ProgramIndex, options: EvaluationOptions): Result<RulePack, DataIssue> {
  if (options.pack) return ok(options.pack);
  const pack = getBuiltInPack(index.data.program.rulePack);
  return pack
    ? ok(pack)
    : fail([
        dataIssue('unknown-reference', ['program', 'rulePack'], 'names no built-in rule pack; pass one'),
      ]);
}

/** Resolves the pack and checks `asOf` (with `parseAsOf`), then builds the context: bad options are issues. */
export function prepare(index: ProgramIndex, options: EvaluationOptions): Result<RuleContext, DataIssue> {
  const pack = resolvePack(index, options);
  if (!pack.success) return pack;
  return createContext(index, pack.data, options);
}

const byDue = (a: Obligation, b: Obligation) =>
  a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function enabled(pack: RulePack, id: RuleId): boolean {
  return pack.rules[id].severity !== 'off';
}

/** The enrolment rules the pack enables, in evaluation order (resolved once per evaluation). */
export function enrolmentRules(ctx: RuleContext): EnrolmentRule[] {
  const rules: EnrolmentRule[] = [];
  for (const [id, rule] of ENROLMENT_RULES) if (enabled(ctx.pack, id)) rules.push(rule);
  return rules;
}

function evaluateRecords(
  ctx: RuleContext,
  rec: EnrolmentRecords,
  rules: readonly EnrolmentRule[] = enrolmentRules(ctx),
): EnrolmentEvaluation {
  const results: RuleResult[] = [];
  for (const rule of rules) results.push(rule(ctx, rec));
  const made = complete(results);
  return {
    enrolmentId: rec.enrolment.id,
    peerId: rec.enrolment.peerId,
    asOf: ctx.asOfIso,
    packId: ctx.pack.id,
    results: made.results,
    timeline: made.timeline,
    findings: made.findings,
    nextActions: made.nextActions,
  };
}

/** The lists of an enrolment evaluation, made from its rule results. */
interface Lists {
  readonly results: readonly RuleResult[];
  readonly timeline: readonly Obligation[];
  readonly findings: readonly Finding[];
  readonly nextActions: readonly Obligation[];
}

/** Makes the rows of the rule results objects (in place) and the timeline, findings and next actions from them. */
function complete(results: RuleResult[]): Lists {
  const timeline: Obligation[] = [];
  const findings: Finding[] = [];
  for (const r of results) {
    materialiseResult(r);
    for (const o of r.obligations) timeline.push(o);
    for (const f of r.findings) findings.push(f);
  }
  timeline.sort(byDue);
  const nextActions: Obligation[] = [];
  for (const o of timeline) if (ACTIONABLE.has(o.status)) nextActions.push(o);
  return { results, timeline, findings, nextActions };
}

/**
 * The state of a lazy enrolment evaluation with a list not read yet (a non-enumerable property: JSON, spreads,
 * `Object.keys` and deep equality never see it). Totals, caseloads and {@link findingSummaries} read the rule
 * results' lists of the lists not read yet without making objects.
 */
const PENDING = Symbol('pending rule results');

type ListKey = keyof Lists;

/** The bit of each list in {@link Pending.open}. */
const BIT: { readonly [K in ListKey]: number } = { results: 1, timeline: 2, findings: 4, nextActions: 8 };

/**
 * What a lazy enrolment evaluation has made so far: each list once, each from what it needs of the rule results.
 * One object of one shape per evaluation (no set, no nested object).
 */
class Pending {
  /** The lists still getters (not read nor assigned), as bits of {@link BIT}. */
  open = 15;
  madeResults: readonly RuleResult[] | undefined = undefined;
  madeTimeline: readonly Obligation[] | undefined = undefined;
  madeFindings: readonly Finding[] | undefined = undefined;
  madeNextActions: readonly Obligation[] | undefined = undefined;
  constructor(readonly results: RuleResult[]) {}
}

/** True when list `key` of a lazy evaluation is still a getter. */
const isOpen = (p: Pending, key: ListKey): boolean => (p.open & BIT[key]) !== 0;

/** Makes the findings of the rule results (in place) and the evaluation's findings list from them. */
function madeFindings(p: Pending): readonly Finding[] {
  let findings = p.madeFindings;
  if (findings === undefined) {
    const list: Finding[] = [];
    for (const r of p.results) {
      materialiseFindings(r);
      for (const f of r.findings) list.push(f);
    }
    findings = p.madeFindings = list;
  }
  return findings;
}

/** Makes the obligations of the rule results (in place) and the timeline from them, in due order. */
function madeTimeline(p: Pending): readonly Obligation[] {
  let timeline = p.madeTimeline;
  if (timeline === undefined) {
    const list: Obligation[] = [];
    for (const r of p.results) {
      materialiseObligations(r);
      for (const o of r.obligations) list.push(o);
    }
    timeline = p.madeTimeline = list.sort(byDue);
  }
  return timeline;
}

/** The list `key` of a lazy evaluation, made from what it needs of the rule results (the objects shared by all). */
function madeList(p: Pending, key: ListKey): Lists[ListKey] {
  switch (key) {
    case 'findings':
      return madeFindings(p);
    case 'timeline':
      return madeTimeline(p);
    case 'nextActions': {
      let next = p.madeNextActions;
      if (next === undefined) {
        const list: Obligation[] = [];
        for (const o of madeTimeline(p)) if (ACTIONABLE.has(o.status)) list.push(o);
        next = p.madeNextActions = list;
      }
      return next;
    }
    default:
      if (p.madeResults === undefined) {
        for (const r of p.results) materialiseResult(r);
        p.madeResults = p.results;
      }
      return p.madeResults;
  }
}

/**
 * An enrolment evaluation whose lists (`results`, `timeline`, `findings`, `nextActions`) are each made when first
 * read, from rule results made with a lazy context (their most numerous obligations and findings compact rows, see
 * `lazy.ts`): reading `findings` makes the findings only, `timeline` and `nextActions` the obligations only,
 * `results` both. Its keys, their order and its values are those of the eager evaluation: on first read (or
 * assignment) each getter is replaced by a plain data property, so JSON, spreads, structured clones and deep
 * equality see plain data.
 */
export function evaluateRecordsLazily(
  ctx: RuleContext,
  lazyCtx: RuleContext,
  rec: EnrolmentRecords,
  rules: readonly EnrolmentRule[],
): EnrolmentEvaluation {
  const results: RuleResult[] = [];
  for (const rule of rules) results.push(rule(lazyCtx, rec));
  const ev = {
    enrolmentId: rec.enrolment.id,
    peerId: rec.enrolment.peerId,
    asOf: ctx.asOfIso,
    packId: ctx.pack.id,
  };
  // The accessors are shared by every lazy evaluation (they find the state under PENDING), so that all evaluations
  // share one shape: no closure per evaluation.
  // One call per key (cheaper than one `Object.defineProperties`), in the order of the keys of an evaluation.
  Object.defineProperty(ev, 'results', RESULTS_ACCESSOR);
  Object.defineProperty(ev, 'timeline', TIMELINE_ACCESSOR);
  Object.defineProperty(ev, 'findings', FINDINGS_ACCESSOR);
  Object.defineProperty(ev, 'nextActions', NEXT_ACTIONS_ACCESSOR);
  Object.defineProperty(ev, PENDING, { value: new Pending(results), configurable: true });
  Object.defineProperty(ev, INSPECT, { value: inspectMade, configurable: true });
  return ev as unknown as EnrolmentEvaluation;
}

/** The getter and setter of list `key` of a lazy evaluation: read (make and settle) or assign. */
function listAccessor(key: ListKey): PropertyDescriptor {
  return {
    get(this: EnrolmentEvaluation) {
      const p = pendingOf(this);
      if (p === undefined) return undefined;
      const value = madeList(p, key);
      settle(this, p, key, value);
      return value;
    },
    set(this: EnrolmentEvaluation, value: Lists[ListKey]) {
      const p = pendingOf(this);
      if (p !== undefined) settle(this, p, key, value);
      else Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true,
  };
}

/** The accessors of the lists of a lazy evaluation. */
const RESULTS_ACCESSOR = listAccessor('results');
const TIMELINE_ACCESSOR = listAccessor('timeline');
const FINDINGS_ACCESSOR = listAccessor('findings');
const NEXT_ACTIONS_ACCESSOR = listAccessor('nextActions');

/**
 * The key Node's `util.inspect` (and so `console.log`) calls for an object's view (a registered symbol: no import of
 * Node). Without it an evaluation not read yet would show `[Getter/Setter]` for its lists.
 */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The view of a lazy evaluation: its own properties as plain data (the spread reads, and so makes, every list). */
function inspectMade(this: EnrolmentEvaluation): EnrolmentEvaluation {
  return { ...this };
}

/**
 * Replaces the getter of list `key` of a lazy evaluation by `value` (the list made, or one assigned), as a plain
 * writable data property in the same place among the keys; once no getter is left, the evaluation is plain data.
 */
function settle<K extends ListKey>(ev: EnrolmentEvaluation, p: Pending, key: K, value: Lists[K]): void {
  Object.defineProperty(ev, key, { value, writable: true, enumerable: true, configurable: true });
  p.open &= ~BIT[key];
  if (p.open === 0)
    for (const symbol of [PENDING, INSPECT])
      if (Object.getOwnPropertyDescriptor(ev, symbol)?.configurable === true)
        delete (ev as unknown as Record<symbol, unknown>)[symbol];
}

/** The state of a lazy evaluation with a list not read yet, else undefined. */
function pendingOf(ev: EnrolmentEvaluation): Pending | undefined {
  return (ev as unknown as { readonly [PENDING]?: Pending })[PENDING];
}

/**
 * The findings of an enrolment evaluation, in its order, as lists: the rule results' lists of a lazy evaluation whose
 * findings are not read yet (rows answer `code`, `severity` and `params`), else its findings.
 */
function findingLists(ev: EnrolmentEvaluation): readonly (readonly Finding[])[] {
  const p = pendingOf(ev);
  return p === undefined || !isOpen(p, 'findings') ? [ev.findings] : p.results.map((r) => r.findings);
}

/** The obligations of an enrolment evaluation as lists, in no particular order (see {@link findingLists}). */
function obligationLists(ev: EnrolmentEvaluation): readonly (readonly Obligation[])[] {
  const p = pendingOf(ev);
  return p === undefined || !isOpen(p, 'timeline') ? [ev.timeline] : p.results.map((r) => r.obligations);
}

/**
 * Plain data equal to an enrolment evaluation (its keys in order and its values: the same JSON), made without
 * reading it: a lazy evaluation whose lists are not all read yet stays so, and what is made for the copy is not kept
 * by the evaluation (for a writer that renders each evaluation once, then lets the copy go). Any other evaluation
 * is returned as it is.
 *
 * @example
 * const text = JSON.stringify(evaluations.map(plainEvaluation)); // the evaluations still unread
 */
export function plainEvaluation(ev: EnrolmentEvaluation): EnrolmentEvaluation {
  const p = pendingOf(ev);
  if (p === undefined) return ev;
  let results = p.madeResults;
  // Each row made once for the copy: its results and lists share the objects, as those of the evaluation do.
  const madeResults = (): readonly RuleResult[] => {
    results ??= p.results.map((r) => ({
      ...r,
      findings: r.findings.map(findingOfEntry),
      obligations: r.obligations.map(obligationOfEntry),
    }));
    return results;
  };
  let timeline = p.madeTimeline;
  const madeTimeline = (): readonly Obligation[] => {
    timeline ??= madeResults()
      .flatMap((r) => r.obligations)
      .sort(byDue);
    return timeline;
  };
  const list = (key: ListKey): Lists[ListKey] => {
    switch (key) {
      case 'results':
        return madeResults();
      case 'timeline':
        return madeTimeline();
      case 'findings':
        return p.madeFindings ?? madeResults().flatMap((r) => r.findings);
      default:
        return p.madeNextActions ?? madeTimeline().filter((o) => ACTIONABLE.has(o.status));
    }
  };
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(ev))
    copy[key] = isOpen(p, key as ListKey)
      ? list(key as ListKey)
      : (ev as unknown as Record<string, unknown>)[key];
  return copy as unknown as EnrolmentEvaluation;
}

/**
 * What a reader compares, filters, counts and prints of findings, without their `expected`, `found`, `params`,
 * `source` and `dueAt`: every finding answers it, and so does every entry of {@link findingSummaries} (an entry of
 * an evaluation not read yet renders `path` and `message` each time they are read).
 *
 * @example
 * const s: FindingSummary = { ruleId: 'documentation', code: 'documentation.progress-note-missing', severity: 'warning', subject: { type: 'enrolment', id: 'enr-1' }, path: 'contacts[3].progressNote', message: 'No progress note' };
 */
export type FindingSummary = Pick<
  Finding,
  'ruleId' | 'code' | 'severity' | 'subject' | 'dueOn' | 'path' | 'message'
>;

/**
 * What a reader compares and filters obligations by, known before an obligation is made: every obligation answers
 * it, and so does every entry of {@link nextActionSummaries}.
 *
 * @example
 * const s: ObligationSummary = { id: 'first-action-plan', ruleId: 'first-action-plan', subject: { type: 'enrolment', id: 'enr-1' }, dueOn: '2026-02-14', dueAt: '2026-02-15T07:59:59.999Z', status: 'overdue' };
 */
export type ObligationSummary = Pick<Obligation, 'id' | 'ruleId' | 'subject' | 'dueOn' | 'dueAt' | 'status'>;

/**
 * The findings of an enrolment evaluation, in the order of its `findings`, as lists of {@link FindingSummary}
 * entries, for a reader that orders or counts them and prints few of them, or one at a time: {@link findingOf}
 * gives an entry's finding. An evaluation whose `findings` were not read yet stays so: no finding is made or kept
 * for it (each `findingOf` makes one anew); the values are those of its `findings`.
 *
 * @example
 * let errors = 0;
 * for (const list of findingSummaries(ev)) for (const s of list) if (s.severity === 'error') errors++;
 */
export function findingSummaries(ev: EnrolmentEvaluation): readonly (readonly FindingSummary[])[] {
  return findingLists(ev);
}

/**
 * The obligations of an enrolment evaluation's `timeline`, as lists of {@link ObligationSummary} entries (one list
 * per rule, each in its rule's order; their concatenation is the timeline before its sort by due date), for a
 * reader that counts or filters them: {@link obligationOf} gives an entry's obligation. An evaluation whose
 * timeline was not read yet stays so: no obligation is made or kept for it.
 *
 * @example
 * let overdue = 0;
 * for (const list of timelineSummaries(ev)) for (const s of list) if (s.status === 'overdue') overdue++;
 */
export function timelineSummaries(ev: EnrolmentEvaluation): readonly (readonly ObligationSummary[])[] {
  return obligationLists(ev);
}

/**
 * The finding an entry of {@link findingSummaries} stands for: equal to the evaluation's finding at that place,
 * made anew when the evaluation's findings were not read.
 *
 * @example
 * for (const list of findingSummaries(ev)) for (const s of list) console.log(findingOf(s).message);
 */
export function findingOf(entry: FindingSummary): Finding {
  return findingOfEntry(entry as Finding);
}

/**
 * The next actions of an enrolment evaluation, in the order of its `nextActions`, as {@link ObligationSummary}
 * entries: {@link obligationOf} gives an entry's obligation. An evaluation whose obligations were not read yet stays
 * so: no obligation is made or kept for it; the values are those of its `nextActions`.
 *
 * @example
 * const overdue = nextActionSummaries(ev).filter((s) => s.status === 'overdue').length;
 */
export function nextActionSummaries(ev: EnrolmentEvaluation): readonly ObligationSummary[] {
  const p = pendingOf(ev);
  if (p === undefined || !isOpen(p, 'nextActions')) return ev.nextActions;
  const made = p.madeNextActions;
  if (made !== undefined) return made;
  const list: Obligation[] = [];
  for (const r of p.results) for (const o of r.obligations) if (ACTIONABLE.has(o.status)) list.push(o);
  // The stable sort of the actionable ones alone keeps the order they have in the sorted timeline.
  return list.sort(byDue);
}

/**
 * The obligation an entry of {@link nextActionSummaries} stands for: equal to the evaluation's obligation at that
 * place, made anew when the evaluation's obligations were not read.
 *
 * @example
 * for (const s of nextActionSummaries(ev)) console.log(obligationOf(s).label);
 */
export function obligationOf(entry: ObligationSummary): Obligation {
  return obligationOfEntry(entry as Obligation);
}

const asIndex = (data: ProgramData | ProgramIndex): ProgramIndex =>
  'kind' in data && data.kind === 'program-index' ? data : indexProgram(data as ProgramData);

/**
 * Evaluates one enrolment as of a moment: every obligation on a timeline (met, open, due soon, overdue, missed), the
 * findings, and the next actions in date order. Only what was recorded by `asOf` is used, so an evaluation at a past
 * date gives the answer that was true then. Pass schema-valid data (see `parseProgramData`), or an index from
 * {@link indexProgram} to evaluate many enrolments cheaply.
 *
 * @example
 * const r = evaluateEnrollment(data, 'enr-1', { asOf: '2026-11-25' });
 * if (r.success) for (const a of r.data.nextActions) console.log(a.dueOn, a.label, a.status);
 */
export function evaluateEnrollment(
  data: ProgramData | ProgramIndex,
  enrolmentId: string,
  options: EvaluationOptions,
): Result<EnrolmentEvaluation, DataIssue> {
  const index = asIndex(data);
  const ctx = prepare(index, options);
  if (!ctx.success) return ctx;
  const rec = index.enrolments.get(enrolmentId);
  if (!rec)
    return fail([dataIssue('unknown-reference', ['enrolmentId'], 'names no enrolment of this program')]);
  return ok(evaluateRecords(ctx.data, rec));
}

/**
 * What the caseloads read of one enrolment evaluation, gathered in one walk of its lists (with the program's totals,
 * see {@link tallyOf}), so that each coach of the enrolment reads counts instead of walking the lists again.
 */
export interface Tally {
  /** Overdue plans (first or revision). */
  readonly overduePlans: number;
  /** Overdue replies. */
  readonly unansweredMessages: number;
  /** Findings of warning or error severity. */
  readonly findings: number;
  /** The due days of the missed in-person months (undefined when none). */
  readonly missedInPerson: readonly LocalDate[] | undefined;
  /** The coaches whose peer-needs-reassignment finding the enrolment has (undefined when none). */
  readonly reassignFrom: readonly string[] | undefined;
}

/** The program's totals counted over the enrolment evaluations (and then the coach findings), in their order. */
export interface Totals {
  readonly findingsBySeverity: { info: number; warning: number; error: number };
  readonly findingsByCode: Record<string, number>;
  overdue: number;
  missed: number;
}

export const newTotals = (): Totals => ({
  findingsBySeverity: { info: 0, warning: 0, error: 0 },
  findingsByCode: {},
  overdue: 0,
  missed: 0,
});

/** Counts a finding in the totals (severity, then code: the codes keep the order they are first met in). */
function countFinding(totals: Totals, f: Finding): void {
  totals.findingsBySeverity[f.severity]++;
  totals.findingsByCode[f.code] = (totals.findingsByCode[f.code] ?? 0) + 1;
}

/** Mutable counts of {@link tallyOf}. */
interface Counts {
  overduePlans: number;
  unansweredMessages: number;
  findings: number;
  missedInPerson: LocalDate[] | undefined;
  reassignFrom: string[] | undefined;
}

function tallyFindings(list: readonly Finding[], c: Counts, totals: Totals | undefined): void {
  for (const f of list) {
    if (totals !== undefined) countFinding(totals, f);
    if (f.severity !== 'info') c.findings++;
    if (f.code === 'coach-commitment.peer-needs-reassignment') {
      const coachId = f.params.coachId;
      if (typeof coachId === 'string') {
        c.reassignFrom ??= [];
        c.reassignFrom.push(coachId);
      }
    }
  }
}

function tallyObligations(list: readonly Obligation[], c: Counts, totals: Totals | undefined): void {
  for (const o of list) {
    const status = o.status;
    if (status === 'overdue') {
      if (totals !== undefined) totals.overdue++;
      const ruleId = o.ruleId;
      if (ruleId === RULE_ID.firstActionPlan || ruleId === RULE_ID.planRevision) c.overduePlans++;
      if (ruleId === RULE_ID.replyTimeliness) c.unansweredMessages++;
    } else if (status === 'missed') {
      if (totals !== undefined) totals.missed++;
      if (o.ruleId === RULE_ID.inPersonContact) {
        c.missedInPerson ??= [];
        c.missedInPerson.push(o.dueOn);
      }
    }
  }
}

/**
 * The {@link Tally} of an enrolment evaluation, and its findings and obligations counted in `totals` when given: one
 * walk of its lists (of the rule results' lists of a lazy evaluation whose lists are not read yet, see
 * {@link findingLists}).
 */
export function tallyOf(ev: EnrolmentEvaluation, totals: Totals | undefined): Tally {
  const c: Counts = {
    overduePlans: 0,
    unansweredMessages: 0,
    findings: 0,
    missedInPerson: undefined,
    reassignFrom: undefined,
  };
  const p = pendingOf(ev);
  if (p === undefined || !isOpen(p, 'findings')) tallyFindings(ev.findings, c, totals);
  else for (const r of p.results) tallyFindings(r.findings, c, totals);
  if (p === undefined || !isOpen(p, 'timeline')) tallyObligations(ev.timeline, c, totals);
  else for (const r of p.results) tallyObligations(r.obligations, c, totals);
  return c;
}

/**
 * The positions of the enrolments ever assigned to each coach, in enrolment order, each once per coach, built in
 * one pass.
 */
function byCoach(enrolments: readonly Enrolment[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < enrolments.length; i++) {
    const assignments = (enrolments[i] as Enrolment).coachAssignments;
    for (let k = 0; k < assignments.length; k++) {
      const coachId = (assignments[k] as (typeof assignments)[number]).coachId;
      let seen = false;
      for (let j = 0; j < k && !seen; j++) seen = assignments[j]?.coachId === coachId;
      if (seen) continue;
      const bucket = out.get(coachId);
      if (bucket) bucket.push(i);
      else out.set(coachId, [i]);
    }
  }
  return out;
}

/** True when one of `coachId`'s assignments started by `day` covers `dueOn`. */
function assignedOn(
  assignments: EnrolmentRecords['enrolment']['coachAssignments'],
  coachId: string,
  day: LocalDate,
  dueOn: LocalDate,
): boolean {
  for (const a of assignments)
    if (a.coachId === coachId && a.from <= day && a.from <= dueOn && (a.to === undefined || dueOn <= a.to))
      return true;
  return false;
}

/** The caseload of `coach` over the enrolments at positions `assigned` (their records and tallies). */
function caseloadOf(
  ctx: RuleContext,
  coach: Coach,
  assigned: readonly number[],
  enrolments: readonly Enrolment[],
  tallies: readonly Tally[],
): CaseloadSummary {
  const day = ctx.asOfDate;
  const coachId = coach.id;
  const current: string[] = [];
  let overduePlans = 0;
  let missedMonths = 0;
  let unansweredMessages = 0;
  let findings = 0;
  const awaiting: string[] = [];
  for (const i of assigned) {
    const e = enrolments[i] as Enrolment;
    const t = tallies[i] as Tally;
    // The coach's assignments started by the day: none, one covering the day, or only ended ones.
    let mine = false;
    let covers = false;
    for (const a of e.coachAssignments)
      if (a.coachId === coachId && a.from <= day) {
        mine = true;
        if (a.to === undefined || a.to >= day) covers = true;
      }
    if (!mine) continue;
    const exited = e.exit !== undefined && e.exit.on <= day;
    if (t.reassignFrom?.includes(coachId) === true) awaiting.push(e.id);
    else if (covers && !exited) current.push(e.id);
    else continue;
    overduePlans += t.overduePlans;
    unansweredMessages += t.unansweredMessages;
    findings += t.findings;
    // A missed month counts for the coach only when it fell due while they were assigned.
    if (t.missedInPerson !== undefined)
      for (const dueOn of t.missedInPerson)
        if (assignedOn(e.coachAssignments, coachId, day, dueOn)) missedMonths++;
  }
  return {
    coachId: coach.id,
    enrolmentIds: current,
    overduePlans,
    missedMonths,
    unansweredMessages,
    peersAwaitingReassignment: awaiting,
    findings,
  };
}

function evaluateCoachWith(
  ctx: RuleContext,
  coach: Indexed<Coach>,
  caseload: CaseloadSummary,
): CoachEvaluation {
  const results = COACH_RULES.filter(([id]) => enabled(ctx.pack, id)).map(([, rule]) => rule(ctx, coach));
  const timeline = results.flatMap((r) => r.obligations).sort(byDue);
  return {
    coachId: coach.record.id,
    asOf: ctx.asOfIso,
    packId: ctx.pack.id,
    status: coachStatusOn(coach.record, ctx.asOfDate, removingIncidents(ctx.pack))?.status ?? null,
    results,
    findings: results.flatMap((r) => r.findings),
    nextActions: timeline.filter((o) => ACTIONABLE.has(o.status)),
    caseload,
  };
}

/**
 * Evaluates one coach as of a moment: eligibility (and until when), commitment and notice, and a caseload summary
 * of the peers assigned to them.
 *
 * @example
 * const r = evaluateCoach(data, 'coach-1', { asOf: '2026-11-25' });
 * if (r.success) console.log(r.data.caseload.overduePlans);
 */
export function evaluateCoach(
  data: ProgramData | ProgramIndex,
  coachId: string,
  options: EvaluationOptions,
): Result<CoachEvaluation, DataIssue> {
  const index = asIndex(data);
  const prepared = prepare(index, options);
  if (!prepared.success) return prepared;
  const ctx = prepared.data;
  const coach = index.coaches.get(coachId);
  if (!coach) return fail([dataIssue('unknown-reference', ['coachId'], 'names no coach of this program')]);
  const mine = [...index.enrolments.values()].filter((r) =>
    r.enrolment.coachAssignments.some((a) => a.coachId === coachId),
  );
  const rules = enrolmentRules(ctx);
  const lazyCtx: RuleContext = { ...ctx, lazy: true };
  const tallies = mine.map((rec) => tallyOf(evaluateRecordsLazily(ctx, lazyCtx, rec, rules), undefined));
  const caseload = caseloadOf(
    ctx,
    coach.record,
    mine.map((_, i) => i),
    mine.map((r) => r.enrolment),
    tallies,
  );
  return ok(evaluateCoachWith(ctx, coach, caseload));
}

/**
 * Evaluates a whole program as of a moment: every enrolment, every coach with a caseload summary, and totals.
 * Enrolments are evaluated independently (per-peer partitioning), so the work is linear in the records.
 *
 * @example
 * const r = evaluateProgram(data, { asOf: '2026-11-25' });
 * if (r.success) console.log(r.data.totals.findingsBySeverity);
 */
export function evaluateProgram(
  data: ProgramData | ProgramIndex,
  options: EvaluationOptions,
): Result<ProgramEvaluation, DataIssue> {
  const index = asIndex(data);
  const prepared = prepare(index, options);
  if (!prepared.success) return prepared;
  const records = [...index.enrolments.values()];
  return ok(
    assemble(prepared.data, records, evaluateRange(prepared.data, records, 0, records.length, options)),
  );
}

function evaluateRange(
  ctx: RuleContext,
  records: readonly EnrolmentRecords[],
  from: number,
  to: number,
  options: EvaluationOptions,
): EnrolmentEvaluation[] {
  const progress = options.onProgress;
  const total = to - from;
  const out: EnrolmentEvaluation[] = [];
  const rules = enrolmentRules(ctx);
  const eager = (options as { readonly [EAGER]?: boolean })[EAGER] === true;
  const lazyCtx: RuleContext = { ...ctx, lazy: true };
  for (let i = from; i < to; i++) {
    const rec = records[i] as EnrolmentRecords;
    out.push(eager ? evaluateRecords(ctx, rec, rules) : evaluateRecordsLazily(ctx, lazyCtx, rec, rules));
    const done = i + 1 - from;
    if (progress && (done % 100 === 0 || done === total)) progress(done, total);
  }
  return out;
}

/** A partition of a program: the enrolments at positions `from` (inclusive) to `to` (exclusive). */
export interface EnrolmentRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Evaluates one partition of a program: the enrolments at positions `[from, to)` of the program's list of
 * enrolments (the unit of partitioning: a worker thread or a machine evaluates its range; see
 * {@link assembleProgramEvaluation} for the merge). The range is clamped to the list.
 *
 * @example
 * const half = Math.ceil(data.enrolments.length / 2);
 * const a = evaluateEnrolmentRange(data, { from: 0, to: half }, { asOf: '2026-11-25' });
 * const b = evaluateEnrolmentRange(data, { from: half, to: data.enrolments.length }, { asOf: '2026-11-25' });
 */
export function evaluateEnrolmentRange(
  data: ProgramData | ProgramIndex,
  range: EnrolmentRange,
  options: EvaluationOptions,
): Result<EnrolmentEvaluation[], DataIssue> {
  const index = asIndex(data);
  const prepared = prepare(index, options);
  if (!prepared.success) return prepared;
  const records = [...index.enrolments.values()];
  const from = Math.max(0, Math.min(records.length, Math.trunc(range.from) || 0));
  const to = Math.max(from, Math.min(records.length, Math.trunc(range.to) || 0));
  return ok(evaluateRange(prepared.data, records, from, to, options));
}

/**
 * Evaluates the enrolments of one program at one moment range by range, each range as
 * {@link evaluateEnrolmentRange} would, but with the memos of one evaluation (day ends, reply deadlines, message
 * templates) kept from range to range: for a thread that claims many small ranges (chunks) in turn.
 *
 * @example
 * const ev = createEnrolmentRangeEvaluator(data, { asOf: '2026-11-25' });
 * if (ev.success) for (let from = 0; from < ev.data.count; from += 100) ev.data.evaluate({ from, to: from + 100 });
 */
export interface EnrolmentRangeEvaluator {
  /** How many enrolments the program has. */
  readonly count: number;
  /** The evaluations of the enrolments at positions `[from, to)`, the range clamped to the list. */
  evaluate(range: EnrolmentRange): EnrolmentEvaluation[];
}

/**
 * Creates an {@link EnrolmentRangeEvaluator}: the options are checked once (an issue as from
 * {@link evaluateEnrolmentRange}).
 *
 * @example
 * const ev = createEnrolmentRangeEvaluator(indexProgram(data), { asOf: '2026-11-25' });
 * const first = ev.success ? ev.data.evaluate({ from: 0, to: 10 }) : [];
 */
export function createEnrolmentRangeEvaluator(
  data: ProgramData | ProgramIndex,
  options: EvaluationOptions,
): Result<EnrolmentRangeEvaluator, DataIssue> {
  const index = asIndex(data);
  const prepared = prepare(index, options);
  if (!prepared.success) return prepared;
  const ctx = prepared.data;
  const records = [...index.enrolments.values()];
  return ok({
    count: records.length,
    evaluate(range) {
      const from = Math.max(0, Math.min(records.length, Math.trunc(range.from) || 0));
      const to = Math.max(from, Math.min(records.length, Math.trunc(range.to) || 0));
      return evaluateRange(ctx, records, from, to, options);
    },
  });
}

/**
 * Completes a program evaluation from the evaluations of all its enrolments, in enrolment order (e.g. the
 * partitions of {@link evaluateEnrolmentRange} concatenated): coach results and caseloads, and totals. Equal to
 * `evaluateProgram` with the same options. An `invalid-value` issue when the evaluations do not match the program's
 * enrolments (count or order) or were made at another time or with another pack.
 *
 * @example
 * const r = assembleProgramEvaluation(data, [...a.data, ...b.data], { asOf: '2026-11-25' });
 * if (r.success) console.log(r.data.totals.findingsBySeverity);
 */
export function assembleProgramEvaluation(
  data: ProgramData | ProgramIndex,
  enrolments: readonly EnrolmentEvaluation[],
  options: EvaluationOptions,
): Result<ProgramEvaluation, DataIssue> {
  const index = asIndex(data);
  const prepared = prepare(index, options);
  if (!prepared.success) return prepared;
  const ctx = prepared.data;
  const records = [...index.enrolments.values()];
  const matches =
    enrolments.length === records.length &&
    enrolments.every(
      (ev, i) =>
        ev.enrolmentId === records[i]?.enrolment.id && ev.asOf === ctx.asOfIso && ev.packId === ctx.pack.id,
    );
  if (!matches)
    return fail([
      dataIssue(
        'invalid-value',
        ['enrolments'],
        'expected one evaluation per enrolment of the program, in its order, at the same asOf and pack',
      ),
    ]);
  return ok(assemble(ctx, records, enrolments));
}

function assemble(
  ctx: RuleContext,
  records: readonly EnrolmentRecords[],
  enrolments: readonly EnrolmentEvaluation[],
): ProgramEvaluation {
  // One walk of each enrolment's lists: the totals (in enrolment order) and what its coaches' caseloads read.
  const totals = newTotals();
  const tallies = enrolments.map((ev) => tallyOf(ev, totals));
  const {
    programId,
    asOf,
    packId,
    coaches,
    totals: all,
  } = summaryOf(
    ctx,
    records.map((r) => r.enrolment),
    tallies,
    totals,
    activeCount(ctx, ctx.index.data.enrolments),
  );
  return { programId, asOf, packId, enrolments: [...enrolments], coaches, totals: all };
}

/** How many of `enrolments` are active on the evaluation day: enrolled by then and not exited by then. */
export function activeCount(ctx: RuleContext, enrolments: readonly Enrolment[]): number {
  let n = 0;
  for (const e of enrolments) if (e.enrolledOn <= ctx.asOfDate && !(e.exit && e.exit.on <= ctx.asOfDate)) n++;
  return n;
}

/**
 * The coaches (rule results and caseloads over `enrolments`, with their `tallies` in the same order) and the totals
 * (`totals` counted over the enrolment evaluations, to which the coach findings are added here).
 */
export function summaryOf(
  ctx: RuleContext,
  enrolments: readonly Enrolment[],
  tallies: readonly Tally[],
  totals: Totals,
  activeEnrolments: number,
): ProgramSummary {
  const assigned = byCoach(enrolments);
  const coaches = [...ctx.index.coaches.values()].map((c) =>
    evaluateCoachWith(
      ctx,
      c,
      caseloadOf(ctx, c.record, assigned.get(c.record.id) ?? [], enrolments, tallies),
    ),
  );
  for (const ev of coaches) for (const f of ev.findings) countFinding(totals, f);
  const { findingsBySeverity, findingsByCode, overdue, missed } = totals;
  return {
    programId: ctx.program.id,
    asOf: ctx.asOfIso,
    packId: ctx.pack.id,
    coaches,
    totals: {
      enrolments: tallies.length,
      activeEnrolments,
      coaches: coaches.length,
      findingsBySeverity,
      findingsByCode,
      overdue,
      missed,
    },
  };
}

/**
 * A program evaluation without its enrolment evaluations: the coaches with their caseloads, and the totals. What
 * {@link createProgramStreamEvaluator} gives once every batch is in.
 *
 * @example
 * const s: ProgramSummary = evaluator.summary();
 * s.totals.findingsBySeverity.error;
 */
export type ProgramSummary = Omit<ProgramEvaluation, 'enrolments'>;

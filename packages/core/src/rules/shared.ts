import { addDays, daysBetween } from '../calendar/index';
import { isRealLocalDate } from '../calendar/localDate';
import { coachStatusAt } from '../lifecycle/coach';
import type { Coach, Enrolment, PlanVersion } from '../model/domain';
import type { LocalDate } from '../model/primitives';
import type { CoachStatus, IncidentKind, RecoveryStage } from '../model/vocabulary';
import { type HoldPausedRule, holdsPausedBy, type RuleId, type RulePack } from '../packs/schema';
import {
  dateOfDay,
  type EnrolmentRecords,
  type Indexed,
  type OutputMemo,
  type RuleContext,
  visible,
} from './context';
import type { Finding, Obligation, RuleResult, RuleStatus, Subject } from './result';

/** The subject of an enrolment's results. */
export const enrolmentSubject = (e: Enrolment): Subject => ({ type: 'enrolment', id: e.id });

/** The subject of a coach's results. */
export const coachSubject = (c: Coach): Subject => ({ type: 'coach', id: c.id });

/**
 * Builds a rule result, deriving its status: `fail` when a finding is a warning or an error, else `pending` when an
 * obligation is still to come, else `pass` when anything was checked, else `not-applicable`.
 */
export function result(
  ruleId: RuleId,
  subject: Subject,
  findings: readonly Finding[],
  obligations: readonly Obligation[],
  checked: boolean,
  facts?: RuleResult['facts'],
): RuleResult {
  let status: RuleStatus;
  if (findings.some((f) => f.severity !== 'info')) status = 'fail';
  else if (obligations.some((o) => o.status === 'open' || o.status === 'due-soon')) status = 'pending';
  else if (checked || obligations.some((o) => o.status === 'met')) status = 'pass';
  else status = 'not-applicable';
  // Built field by field (no spread: this runs once per rule and enrolment).
  const r: { -readonly [K in keyof RuleResult]: RuleResult[K] } = {
    ruleId,
    status,
    subject,
    findings,
    obligations,
  };
  if (facts !== undefined) r.facts = facts;
  return r;
}

/** A rule's result when its subject is out of scope. */
export const notApplicable = (ruleId: RuleId, subject: Subject): RuleResult =>
  result(ruleId, subject, [], [], false);

/** A plan version signed by the peer, with its signature instant (epoch ms) and local day. */
type SignedPlan = { plan: Indexed<PlanVersion>; signedMs: number; signedOn: LocalDate };

/** Signature order: by instant, ties by version. */
const bySignature = (a: SignedPlan, b: SignedPlan): number =>
  a.signedMs - b.signedMs || a.plan.record.version - b.plan.record.version;

/**
 * Per evaluation (keyed by its output memo, so pure per call): each enrolment's signed plans, with the evaluation
 * time they were read at (the first-plan and plan-revision rules both read them).
 */
const signedMemos = new WeakMap<
  OutputMemo,
  WeakMap<
    EnrolmentRecords,
    { readonly asOfMs: number; readonly asOfDate: LocalDate; readonly plans: SignedPlan[] }
  >
>();

/**
 * Plan versions signed by the peer and recorded by asOf, in signature order (ties by version). A version signed after
 * the enrolment ended (a day after the exit) does not count, so a `missed` plan obligation stays missed. Made once per
 * evaluation, enrolment and evaluation time: the list is shared, read it, never change it.
 */
export function signedPlans(ctx: RuleContext, rec: EnrolmentRecords): SignedPlan[] {
  let byRec = signedMemos.get(ctx.out);
  if (byRec === undefined) {
    byRec = new WeakMap();
    signedMemos.set(ctx.out, byRec);
  }
  const known = byRec.get(rec);
  if (known !== undefined && known.asOfMs === ctx.asOfMs && known.asOfDate === ctx.asOfDate)
    return known.plans;
  const out: SignedPlan[] = [];
  const exit = visibleExit(ctx, rec.enrolment);
  let ordered = true;
  for (const p of rec.plans) {
    if (!visible(ctx, p)) continue;
    const ms = p.at;
    const signedOn = dateOfDay(ctx, p.day);
    if (exit && signedOn > exit.on) continue;
    const signed = { plan: p, signedMs: ms, signedOn };
    if (ordered && out.length > 0 && bySignature(out[out.length - 1] as SignedPlan, signed) > 0)
      ordered = false;
    out.push(signed);
  }
  // Plans usually come in signature order: sorted (stably, so an ordered list stays as it is) only when not.
  if (!ordered) out.sort(bySignature);
  byRec.set(rec, { asOfMs: ctx.asOfMs, asOfDate: ctx.asOfDate, plans: out });
  return out;
}

/** The exit of an enrolment if it happened by asOf. */
export function visibleExit(ctx: RuleContext, e: Enrolment): Enrolment['exit'] {
  return e.exit && e.exit.on <= ctx.asOfDate ? e.exit : undefined;
}

/**
 * The recovery stage in force on a day (the first stage, initiation, when none is recorded yet).
 *
 * @example
 * stageOn({ ...enrolment, stages: [{ stage: 'initiation', from: '2026-01-05' }, { stage: 'stabilization', from: '2026-04-01' }] }, '2026-05-01');
 * // 'stabilization'
 */
export function stageOn(e: Enrolment, day: LocalDate): RecoveryStage {
  let stage: RecoveryStage = 'initiation';
  for (const s of e.stages) if (s.from <= day) stage = s.stage;
  return stage;
}

/**
 * The incident kinds that remove a coach under a pack: a boundary violation (Peer-Mentor Responsibilities item 6)
 * when `boundaryViolationRemoves`, a guidelines breach (item 7) when `guidelinesBreachRemoves`.
 *
 * @example
 * removingIncidents(srpRecoveryConnect); // ['boundary-violation', 'guidelines-breach']
 */
export function removingIncidents(pack: RulePack): readonly IncidentKind[] {
  const s = pack.rules['coach-commitment'];
  const out: IncidentKind[] = [];
  if (s.boundaryViolationRemoves.value) out.push('boundary-violation');
  if (s.guidelinesBreachRemoves?.value === true) out.push('guidelines-breach');
  return out;
}

/**
 * A coach's lifecycle status on a day, as the coach lifecycle derives it from the record (`coachStatusAt`): the
 * latest status-history entry by then, removal being final; an incident of a removing kind recorded by then removes
 * the coach, whatever the history says. `removes` is the list of removing kinds (see {@link removingIncidents}), or
 * `true` for boundary violations only and `false` for none.
 *
 * @example
 * coachStatusOn(coach, '2026-07-20', true); // { status: 'withdrawn', since: '2026-07-15' }
 * coachStatusOn(coach, '2026-07-20', ['boundary-violation', 'guidelines-breach']);
 */
export function coachStatusOn(
  coach: Coach,
  day: LocalDate,
  removes: boolean | readonly IncidentKind[],
): { status: CoachStatus; since: LocalDate } | undefined {
  const kinds: readonly IncidentKind[] =
    removes === true ? ['boundary-violation'] : removes === false ? [] : removes;
  const state = coachStatusAt(coach, day, kinds);
  return state && { status: state.status, since: state.since };
}

/** A coach's status on a day, as {@link coachStatusOn} gives it. */
type CoachStatusOnDay = ReturnType<typeof coachStatusOn>;

/**
 * One coach's memo: `changes`, the dates the status derivation compares the day with (status-history `from` and
 * incident `on`), sorted; the answer by day asked, and by interval of days (the number of `changes` on or before
 * the day: every valid day of one interval reads the same history entries and incidents, so gets the same answer).
 */
interface CoachStatusMemo {
  readonly changes: readonly string[];
  readonly byDay: Map<LocalDate, CoachStatusOnDay>;
  readonly byInterval: Map<number, CoachStatusOnDay>;
}

/**
 * Per evaluation (keyed by its output memo, so pure per call), per pack: the pack's removing incident kinds, and
 * each coach's memo.
 */
const statusMemos = new WeakMap<
  OutputMemo,
  Map<
    RulePack,
    { readonly removes: readonly IncidentKind[]; readonly byCoach: WeakMap<Coach, CoachStatusMemo> }
  >
>();

/**
 * {@link coachStatusOn} with the context's pack's removing incidents, memoised per evaluation and coach: by day, and
 * by interval of days between the dates the derivation compares with (an eligibility timeline asks about many days
 * of a few intervals). The answer is the same object for the same interval: read it, never change it.
 *
 * @example
 * coachStatusIn(ctx, coach, ctx.asOfDate)?.status; // 'active'
 */
export function coachStatusIn(ctx: RuleContext, coach: Coach, day: LocalDate): CoachStatusOnDay {
  let byPack = statusMemos.get(ctx.out);
  if (byPack === undefined) {
    byPack = new Map();
    statusMemos.set(ctx.out, byPack);
  }
  let memo = byPack.get(ctx.pack);
  if (memo === undefined) {
    memo = { removes: removingIncidents(ctx.pack), byCoach: new WeakMap() };
    byPack.set(ctx.pack, memo);
  }
  let m = memo.byCoach.get(coach);
  if (m === undefined) {
    const changes: string[] = [];
    for (const s of coach.statusHistory) if (typeof s.from === 'string') changes.push(s.from);
    for (const i of coach.incidents) if (typeof i.on === 'string') changes.push(i.on);
    changes.sort();
    m = { changes, byDay: new Map(), byInterval: new Map() };
    memo.byCoach.set(coach, m);
  }
  if (m.byDay.has(day)) return m.byDay.get(day);
  let status: CoachStatusOnDay;
  // The derivation answers nothing for a day that is not a real date (its `isLocalDate`, which `isRealLocalDate`
  // equals): such a day is never shared with an interval.
  if (isRealLocalDate(day)) {
    const interval = countAtOrBefore(m.changes, day);
    if (m.byInterval.has(interval)) status = m.byInterval.get(interval);
    else {
      status = coachStatusOn(coach, day, memo.removes);
      m.byInterval.set(interval, status);
    }
  } else status = coachStatusOn(coach, day, memo.removes);
  m.byDay.set(day, status);
  return status;
}

/**
 * How many of the ascending `values` are `<= value` (a binary search): the position of the interval between them
 * that holds `value`. Strings compare as text (dates `YYYY-MM-DD` in calendar order), numbers as numbers.
 *
 * @example
 * countAtOrBefore(['2026-01-01', '2026-03-01'], '2026-02-10'); // 1
 * countAtOrBefore([20454, 20513], 20454); // 1
 */
export function countAtOrBefore<T extends string | number>(values: readonly T[], value: T): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as T) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Active local-day intervals of an enrolment up to `end` (inclusive), with holds removed when the pack's
 * `holdsPause` names `rule`.
 */
export function activeIntervals(
  ctx: RuleContext,
  e: Enrolment,
  end: LocalDate,
  rule: HoldPausedRule,
): [LocalDate, LocalDate][] {
  let intervals: [LocalDate, LocalDate][] = e.enrolledOn <= end ? [[e.enrolledOn, end]] : [];
  if (e.holds.length === 0 || !holdsPausedBy(ctx.pack).has(rule)) return intervals;
  for (const h of e.holds) {
    if (h.from > ctx.asOfDate) continue;
    const holdEnd = h.to ?? '9999-12-31';
    const next: [LocalDate, LocalDate][] = [];
    for (const [a, b] of intervals) {
      if (holdEnd < a || h.from > b) {
        next.push([a, b]);
        continue;
      }
      if (h.from > a) next.push([a, addDays(h.from, -1)]);
      if (holdEnd < b) next.push([addDays(holdEnd, 1), b]);
    }
    intervals = next;
  }
  return intervals;
}

/**
 * The days on hold in `(after, through]`: holds started by the evaluation day, an open hold running through it,
 * overlapping holds counted once.
 */
function heldDaysIn(ctx: RuleContext, e: Enrolment, after: LocalDate, through: LocalDate): number {
  const spans: [LocalDate, LocalDate][] = [];
  const from = addDays(after, 1);
  for (const h of e.holds) {
    if (h.from > ctx.asOfDate) continue;
    const lo = h.from > from ? h.from : from;
    const end = h.to ?? ctx.asOfDate;
    const hi = end < through ? end : through;
    if (lo <= hi) spans.push([lo, hi]);
  }
  spans.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let days = 0;
  let reached: LocalDate | undefined;
  for (const [lo, hi] of spans) {
    const start = reached !== undefined && lo <= reached ? addDays(reached, 1) : lo;
    if (start <= hi) days += daysBetween(start, hi) + 1;
    if (reached === undefined || hi > reached) reached = hi;
  }
  return days;
}

/**
 * The due day of a clocked obligation once holds have paused it: when the pack's `holdsPause` names `rule`, the
 * due day moves later by the days on hold after `startOn` up to the due day, counted again over the days added,
 * until no more hold days fall inside. An open hold runs through the evaluation day (the clock is still stopped
 * then). Unchanged when the pack does not pause `rule` or the enrolment has no holds.
 *
 * @example
 * // holdsPause ['first-action-plan']; enrolled 2026-01-01, due 2026-01-31, on hold 2026-01-10 to 2026-01-19
 * dueAfterHolds(ctx, enrolment, 'first-action-plan', '2026-01-01', '2026-01-31'); // '2026-02-10'
 */
export function dueAfterHolds(
  ctx: RuleContext,
  e: Enrolment,
  rule: HoldPausedRule,
  startOn: LocalDate,
  dueOn: LocalDate,
): LocalDate {
  if (e.holds.length === 0) return dueOn;
  if (!holdsPausedBy(ctx.pack).has(rule)) return dueOn;
  let counted = 0;
  let due = dueOn;
  for (;;) {
    const held = heldDaysIn(ctx, e, startOn, due);
    if (held === counted) return due;
    counted = held;
    due = addDays(dueOn, held);
  }
}

/** True when `day` is on hold (holds started by the evaluation day; an open hold runs on). */
export function onHold(ctx: RuleContext, e: Enrolment, day: LocalDate): boolean {
  for (const h of e.holds)
    if (h.from <= day && h.from <= ctx.asOfDate && (h.to === undefined || day <= h.to)) return true;
  return false;
}

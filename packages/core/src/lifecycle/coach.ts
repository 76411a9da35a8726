import { match, P } from 'ts-pattern';
import type { Coach } from '../model/domain';
import type { Id, LocalDate } from '../model/primitives';
import type { Issue, Result } from '../model/result';
import type { CoachStatus, IncidentKind } from '../model/vocabulary';
import { isLocalDate } from './dates';
import type { LifecycleError, TransitionResult } from './result';
import { type Step as StepOf, transitionHelpers } from './step';

/**
 * A state of the coach lifecycle, with the date it began (`since`, a calendar date in the program's time zone).
 *
 * - `applicant`: applied, not yet approved.
 * - `active`: approved; may be assigned peers.
 * - `on-notice`: has given written notice of leaving (Recovery Connect Peer Recovery Coaching Program guidelines,
 *   Peer-Mentor Responsibilities item 8: "promptly notify ... in writing"); still serving, takes no new peers.
 *   `writtenNoticeOn` is the date of the notice (absent only in a state derived from a record that lacks it).
 * - `withdrawn`: has left; `writtenNoticeOn` tells whether and when written notice was given.
 * - `removed`: removed from the mentoring list (item 7); terminal. `reason` and `incidentId` when known.
 *
 * @example
 * const s: CoachState = { status: 'on-notice', since: '2026-05-01', writtenNoticeOn: '2026-04-30' };
 */
export type CoachState =
  | { readonly status: 'applicant'; readonly since: LocalDate }
  | { readonly status: 'active'; readonly since: LocalDate }
  | { readonly status: 'on-notice'; readonly since: LocalDate; readonly writtenNoticeOn?: LocalDate }
  | { readonly status: 'withdrawn'; readonly since: LocalDate; readonly writtenNoticeOn?: LocalDate }
  | {
      readonly status: 'removed';
      readonly since: LocalDate;
      readonly reason?: IncidentKind;
      readonly incidentId?: Id;
    };

/**
 * An event of the coach lifecycle; each carries the date it happened (`at`), supplied by the caller.
 *
 * - `approve` (applicant → active): `eligible` is the outcome of the eligibility rule, computed elsewhere.
 * - `give-notice` (active → on-notice): `writtenNoticeOn` is the date of the written notice; it may not be after
 *   `at` nor before the coach became active.
 * - `withdraw` (applicant, active or on-notice → withdrawn). Leaving without written notice is allowed here, because
 *   the lifecycle records what happened; the withdrawn state shows whether notice was given, for a rule to judge.
 * - `remove` (any state but removed → removed), with the reason, e.g. a `boundary-violation` (Peer-Mentor
 *   Responsibilities items 6 and 7). A withdrawn coach may be removed, which bars reinstatement.
 * - `reinstate` (withdrawn or on-notice → active): a coach who left comes back, or takes back a notice; needs
 *   `eligible` like an approval. A removed coach stays removed: `reinstate` is refused with `terminal-state`.
 *
 * @example
 * const e: CoachEvent = { type: 'give-notice', at: '2026-05-01', writtenNoticeOn: '2026-04-30' };
 */
export type CoachEvent =
  | { readonly type: 'approve'; readonly at: LocalDate; readonly eligible: boolean }
  | { readonly type: 'give-notice'; readonly at: LocalDate; readonly writtenNoticeOn: LocalDate }
  | { readonly type: 'withdraw'; readonly at: LocalDate }
  | {
      readonly type: 'remove';
      readonly at: LocalDate;
      readonly reason: IncidentKind;
      readonly incidentId?: Id;
    }
  | { readonly type: 'reinstate'; readonly at: LocalDate; readonly eligible: boolean };

/**
 * A coach event type (see {@link CoachEvent}).
 *
 * @example
 * const t: CoachEventType = 'give-notice';
 */
export type CoachEventType = CoachEvent['type'];

/**
 * Why a coach transition was refused.
 *
 * @example
 * const e: CoachTransitionError = {
 *   code: 'not-eligible', path: ['event', 'eligible'], severity: 'error',
 *   message: 'the coach is not eligible to be approved', from: 'applicant', event: 'approve',
 * };
 */
export type CoachTransitionError = LifecycleError<CoachStatus, CoachEventType>;

/**
 * The outcome of {@link transitionCoach}.
 *
 * @example
 * const r: CoachTransitionResult = transitionCoach({ status: 'applicant', since: '2025-01-05' }, { type: 'approve', at: '2025-01-15', eligible: true });
 */
export type CoachTransitionResult = TransitionResult<CoachState, CoachTransitionError>;

/**
 * True when a coach state accepts no further event: only `removed` (a withdrawn coach may be reinstated).
 *
 * @example
 * isTerminalCoachStatus('removed'); // true
 * isTerminalCoachStatus('withdrawn'); // false
 */
export function isTerminalCoachStatus(status: CoachStatus): boolean {
  return status === 'removed';
}

const EVENT_VERB: Record<CoachEventType, string> = {
  approve: 'approved',
  'give-notice': 'given notice',
  withdraw: 'withdrawn',
  remove: 'removed',
  reinstate: 'reinstated',
};

type Step = StepOf<CoachTransitionResult>;

/**
 * Applies one event to a coach state: the `match([state, event])` reducer of the coach lifecycle. Never throws,
 * never mutates its input; a refused event returns an error with a stable code and the state is kept as it was.
 *
 * Checks, in this order: `removed` accepts nothing (`terminal-state`); dates must be calendar dates
 * (`invalid-date`); the event must be allowed from the state (`invalid-transition`); `at` must not be before the
 * state's `since` (`date-before-state`; the same day is allowed) nor, when `asOf` is given, after it
 * (`date-after-as-of`); then the event's own conditions (`not-eligible`, and for `give-notice` a written notice
 * dated neither after `at` (`invalid-notice-date`) nor before `since` (`date-before-state`)).
 *
 * @example
 * transitionCoach({ status: 'applicant', since: '2025-01-05' }, { type: 'approve', at: '2025-01-15', eligible: false });
 * // { success: false, issues: [{ code: 'not-eligible', path: ['event', 'eligible'], from: 'applicant', event: 'approve', ... }] }
 * transitionCoach({ status: 'active', since: '2025-01-15' }, { type: 'give-notice', at: '2026-05-01', writtenNoticeOn: '2026-04-30' });
 * // { success: true, data: { status: 'on-notice', since: '2026-05-01', writtenNoticeOn: '2026-04-30' }, issues: [] }
 */
export function transitionCoach(
  state: CoachState,
  event: CoachEvent,
  asOf?: LocalDate,
): CoachTransitionResult {
  const { refuse, allow, refused, ok, settle } = transitionHelpers(state, event);
  const eligibleOr = (eligible: boolean, next: CoachState): CoachTransitionResult =>
    eligible ? ok(next) : refuse('not-eligible', `the coach is not eligible to be ${EVENT_VERB[event.type]}`);

  const step = match<[CoachState, CoachEvent], Step>([state, event])
    .with([{ status: 'removed' }, P._], () => refused('terminal-state'))
    .with([{ status: 'applicant' }, { type: 'approve' }], ([, e]) =>
      allow(() => eligibleOr(e.eligible, { status: 'active', since: e.at })),
    )
    .with([{ status: 'active' }, { type: 'give-notice' }], ([s, e]) =>
      allow(() => {
        if (!isLocalDate(e.writtenNoticeOn))
          return refuse('invalid-date', 'the written notice date is not a calendar date YYYY-MM-DD', [
            'event',
            'writtenNoticeOn',
          ]);
        if (e.writtenNoticeOn > e.at)
          return refuse('invalid-notice-date', 'the written notice is dated after the event that records it');
        if (e.writtenNoticeOn < s.since)
          return refuse('date-before-state', 'the written notice is dated before the coach became active', [
            'event',
            'writtenNoticeOn',
          ]);
        return ok({ status: 'on-notice', since: e.at, writtenNoticeOn: e.writtenNoticeOn });
      }),
    )
    .with([{ status: P.union('applicant', 'active') }, { type: 'withdraw' }], ([, e]) =>
      allow(() => ok({ status: 'withdrawn', since: e.at })),
    )
    .with([{ status: 'on-notice' }, { type: 'withdraw' }], ([s, e]) =>
      allow(() =>
        ok(
          s.writtenNoticeOn === undefined
            ? { status: 'withdrawn', since: e.at }
            : { status: 'withdrawn', since: e.at, writtenNoticeOn: s.writtenNoticeOn },
        ),
      ),
    )
    .with(
      [{ status: P.union('applicant', 'active', 'on-notice', 'withdrawn') }, { type: 'remove' }],
      ([, e]) =>
        allow(() =>
          ok(
            e.incidentId === undefined
              ? { status: 'removed', since: e.at, reason: e.reason }
              : { status: 'removed', since: e.at, reason: e.reason, incidentId: e.incidentId },
          ),
        ),
    )
    .with([{ status: P.union('withdrawn', 'on-notice') }, { type: 'reinstate' }], ([, e]) =>
      allow(() => eligibleOr(e.eligible, { status: 'active', since: e.at })),
    )
    .with([{ status: P.union('applicant', 'active', 'on-notice', 'withdrawn') }, P._], () =>
      refused('invalid-transition'),
    )
    .exhaustive();

  return settle(step, asOf, {
    terminal: 'a removed coach stays removed and accepts no further event',
    cannot: `a coach who is ${state.status} cannot be ${EVENT_VERB[event.type]}`,
    before: `the event is dated before the coach became ${state.status}`,
  });
}

/**
 * Stable reasons why a coach cannot be assigned a new peer (see {@link canAssignPeer}).
 *
 * @example
 * const c: AssignPeerRefusalCode = 'coach-on-notice';
 */
export type AssignPeerRefusalCode =
  | 'coach-not-recorded'
  | 'coach-not-approved'
  | 'coach-on-notice'
  | 'coach-withdrawn'
  | 'coach-removed';

/**
 * Why a coach cannot take a new peer (see {@link canAssignPeer}): an {@link Issue} with an
 * {@link AssignPeerRefusalCode}, path `['state', 'status']` and severity `error`.
 *
 * @example
 * const r: AssignPeerRefusal = {
 *   code: 'coach-removed', path: ['state', 'status'], severity: 'error',
 *   message: 'the coach was removed from the mentoring list',
 * };
 */
export type AssignPeerRefusal = Issue<AssignPeerRefusalCode>;

/**
 * The answer of {@link canAssignPeer}, in the library's one result shape: `success` with the coach's state, or the
 * refusal as the one issue.
 *
 * @example
 * const r: AssignPeerResult = canAssignPeer({ status: 'active', since: '2025-01-15' });
 * if (!r.success) console.log(r.issues[0]?.code);
 */
export type AssignPeerResult = Result<CoachState, AssignPeerRefusal>;

const ASSIGN_REFUSAL: Record<Exclude<CoachStatus, 'active'>, [AssignPeerRefusalCode, string]> = {
  applicant: ['coach-not-approved', 'the coach is an applicant and has not been approved'],
  'on-notice': ['coach-on-notice', 'the coach has given notice of leaving and takes no new peers'],
  withdrawn: ['coach-withdrawn', 'the coach has withdrawn from the program'],
  removed: ['coach-removed', 'the coach was removed from the mentoring list'],
};

const refuseAssignment = (code: AssignPeerRefusalCode, message: string): AssignPeerResult => ({
  success: false,
  issues: [{ code, path: ['state', 'status'], message, severity: 'error' }],
});

/**
 * Whether a coach in `state` may be assigned a new peer. This is a guard, not a transition: it changes nothing.
 * Only an `active` coach may. An applicant is not approved yet; a coach on notice is leaving and their peers are
 * to be reassigned, so taking new ones defeats the notice ("so that a suitable replacement may be found"); a
 * withdrawn coach has left; a removed coach is off the mentoring list. `undefined` (no status recorded on the date,
 * see {@link coachStatusAt}) is refused too. Eligibility (expired training or background check) is a rule's
 * question, not the lifecycle's: combine both before assigning.
 *
 * @example
 * canAssignPeer({ status: 'active', since: '2025-01-15' });
 * // { success: true, data: { status: 'active', since: '2025-01-15' }, issues: [] }
 * canAssignPeer({ status: 'on-notice', since: '2026-05-01', writtenNoticeOn: '2026-04-30' });
 * // { success: false, issues: [{ code: 'coach-on-notice', path: ['state', 'status'], severity: 'error', ... }] }
 */
export function canAssignPeer(state: CoachState | undefined): AssignPeerResult {
  if (state === undefined)
    return refuseAssignment('coach-not-recorded', 'the coach has no recorded status on this date');
  if (state.status === 'active') return { success: true, data: state, issues: [] };
  const [code, message] = ASSIGN_REFUSAL[state.status];
  return refuseAssignment(code, message);
}

const DEFAULT_REMOVING: readonly IncidentKind[] = ['boundary-violation'];

/**
 * Derives a coach's lifecycle state on the calendar date `asOf` from the stored record. Pure, deterministic, total:
 * never throws; `undefined` when nothing is recorded on or before `asOf` (or `asOf` is not a calendar date).
 *
 * - The status is that of the latest `statusHistory` entry dated on or before `asOf` (ties: the later entry);
 *   `since` is the first day of the run of consecutive entries with that status.
 * - An incident of a removing kind (`removing`, by default only `boundary-violation`) dated on or before `asOf`
 *   means `removed` from the incident's date, even when `statusHistory` is silent: the program guidelines
 *   (Peer-Mentor Responsibilities item 6, and item 7: failure to adhere "will result in" removal) leave no
 *   discretion there. A rule pack that encodes item 7 passes `['boundary-violation', 'guidelines-breach']`. Other
 *   incident kinds remove a coach only through a `removed` history entry (a program decision).
 * - Removal is final: the earliest removal (history entry or removing incident) wins, and later history entries
 *   are ignored.
 * - `writtenNoticeOn` comes from the entry; a `withdrawn` entry without it takes the notice of an `on-notice` entry
 *   right before it.
 *
 * @example
 * const coach = {
 *   id: 'coach-1', personalProgramAttested: true, trainings: [], agreements: {},
 *   statusHistory: [
 *     { status: 'applicant' as const, from: '2025-01-05' },
 *     { status: 'active' as const, from: '2025-01-15' },
 *   ],
 *   incidents: [{ id: 'inc-1', on: '2026-03-10', kind: 'boundary-violation' as const }],
 * };
 * coachStatusAt(coach, '2025-02-01'); // { status: 'active', since: '2025-01-15' }
 * coachStatusAt(coach, '2026-03-10'); // { status: 'removed', since: '2026-03-10', reason: 'boundary-violation', incidentId: 'inc-1' }
 * coachStatusAt(coach, '2026-03-10', []); // { status: 'active', since: '2025-01-15' } (no incident removes)
 */
export function coachStatusAt(
  coach: Coach,
  asOf: LocalDate,
  removing: readonly IncidentKind[] = DEFAULT_REMOVING,
): CoachState | undefined {
  if (!isLocalDate(asOf)) return undefined;
  // History entries on or before asOf, in date order (stable on the record order).
  const history = coach.statusHistory
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.from <= asOf)
    .sort((a, b) => (a.entry.from < b.entry.from ? -1 : a.entry.from > b.entry.from ? 1 : a.index - b.index))
    .map(({ entry }) => entry);

  // The earliest removal: a `removed` entry or an incident of a removing kind.
  const removedAt = history.findIndex((e) => e.status === 'removed');
  const removedEntry = removedAt === -1 ? undefined : history[removedAt];
  let violation: { id: Id; on: LocalDate; kind: IncidentKind } | undefined;
  for (const inc of coach.incidents) {
    if (!removing.includes(inc.kind) || inc.on > asOf) continue;
    if (violation === undefined || inc.on < violation.on)
      violation = { id: inc.id, on: inc.on, kind: inc.kind };
  }
  if (violation !== undefined && (removedEntry === undefined || violation.on <= removedEntry.from))
    return { status: 'removed', since: violation.on, reason: violation.kind, incidentId: violation.id };
  if (removedEntry !== undefined) return { status: 'removed', since: removedEntry.from };

  const last = history[history.length - 1];
  if (last === undefined) return undefined;
  let first = history.length - 1;
  while (first > 0 && history[first - 1]?.status === last.status) first--;
  const since = history[first]?.from ?? last.from;
  let notice: LocalDate | undefined;
  for (let i = first; i < history.length; i++) notice = history[i]?.writtenNoticeOn ?? notice;
  return match(last.status)
    .returnType<CoachState>()
    .with('applicant', 'active', (status) => ({ status, since }))
    .with('on-notice', 'withdrawn', (status) => {
      if (status === 'withdrawn' && notice === undefined) {
        const before = history[first - 1];
        if (before?.status === 'on-notice') notice = before.writtenNoticeOn;
      }
      return notice === undefined ? { status, since } : { status, since, writtenNoticeOn: notice };
    })
    .with('removed', () => ({ status: 'removed', since }))
    .exhaustive();
}

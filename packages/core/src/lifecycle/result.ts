import type { Issue, Result } from '../model/result';

/**
 * Stable codes of a refused lifecycle transition. Codes are API: never renamed, only added.
 *
 * - `invalid-transition`: the event is not allowed from the current state (e.g. `complete` while `on-hold`).
 * - `terminal-state`: the current state is terminal and accepts no event.
 * - `prerequisites-incomplete`: an enrolment cannot become active before the required enrolment documents are
 *   complete.
 * - `not-eligible`: a coach cannot be approved or reinstated without the eligibility flag.
 * - `date-before-state`: the event (or a date it carries) is earlier than the date the current state began.
 * - `date-after-as-of`: the event is dated after the `asOf` date the caller evaluates at.
 * - `invalid-date`: a date of the event (or `asOf`) is not a calendar date `YYYY-MM-DD`.
 * - `invalid-notice-date`: a coach's written notice is dated after the event that records it.
 *
 * @example
 * const code: LifecycleErrorCode = 'terminal-state';
 */
export type LifecycleErrorCode =
  | 'invalid-transition'
  | 'terminal-state'
  | 'prerequisites-incomplete'
  | 'not-eligible'
  | 'date-before-state'
  | 'date-after-as-of'
  | 'invalid-date'
  | 'invalid-notice-date';

/**
 * Every {@link LifecycleErrorCode}, for exhaustive checks and documentation.
 *
 * @example
 * LIFECYCLE_ERROR_CODES.includes('terminal-state'); // true
 */
export const LIFECYCLE_ERROR_CODES: readonly LifecycleErrorCode[] = [
  'invalid-transition',
  'terminal-state',
  'prerequisites-incomplete',
  'not-eligible',
  'date-before-state',
  'date-after-as-of',
  'invalid-date',
  'invalid-notice-date',
];

/**
 * Where in the call a refusal points, by code (the `path` of a {@link LifecycleError}): the event's field at fault,
 * or the state for a terminal one.
 *
 * @example
 * LIFECYCLE_ERROR_PATH['not-eligible']; // ['event', 'eligible']
 */
export const LIFECYCLE_ERROR_PATH: Readonly<Record<LifecycleErrorCode, readonly string[]>> = {
  'invalid-transition': ['event', 'type'],
  'terminal-state': ['state', 'status'],
  'prerequisites-incomplete': ['event', 'completedDocuments'],
  'not-eligible': ['event', 'eligible'],
  'date-before-state': ['event', 'at'],
  'date-after-as-of': ['event', 'at'],
  'invalid-date': ['event', 'at'],
  'invalid-notice-date': ['event', 'writtenNoticeOn'],
};

/**
 * Why a transition was refused: an {@link Issue} (stable `code`, `path` into the call, a message for people that
 * names states and events only, never a date or other input value, severity `error`), with the state the lifecycle
 * was in (`from`) and the event type that was refused.
 *
 * @example
 * const e: LifecycleError<'active', 'enrol'> = {
 *   code: 'invalid-transition', path: ['event', 'type'], severity: 'error',
 *   message: 'an enrolment that is active cannot be enrolled', from: 'active', event: 'enrol',
 * };
 */
export interface LifecycleError<S extends string = string, E extends string = string>
  extends Issue<LifecycleErrorCode> {
  /** The status the lifecycle was in; it is unchanged by a refused transition. */
  readonly from: S;
  /** The type of the refused event. */
  readonly event: E;
}

/**
 * The outcome of a lifecycle transition, in the library's one result shape: `{ success: true, data: newState,
 * issues: [] }`, or `{ success: false, issues: [why] }` with exactly one {@link LifecycleError}. A refused transition
 * leaves the caller's state as it was (transitions never mutate their input).
 *
 * @example
 * const r = transitionEnrolment({ status: 'referred', since: '2026-01-20' }, { type: 'enrol', at: '2026-01-31' });
 * if (r.success) console.log(r.data.status); else console.log(r.issues[0]?.code);
 */
export type TransitionResult<S, E extends Issue> = Result<S, E>;

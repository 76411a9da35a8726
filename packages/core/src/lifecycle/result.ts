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
 * Why a transition was refused: a stable `code`, a message for people (it names states and events only, never a
 * date or other input value), the state the lifecycle was in (`from`) and the event type that was refused.
 *
 * @example
 * const e: LifecycleError<'active', 'enrol'> = {
 *   code: 'invalid-transition', message: 'an enrolment that is active cannot be enrolled', from: 'active', event: 'enrol',
 * };
 */
export interface LifecycleError<S extends string = string, E extends string = string> {
  /** Stable machine-readable code. */
  readonly code: LifecycleErrorCode;
  /** A message for people; never contains dates or other values from the input. */
  readonly message: string;
  /** The status the lifecycle was in; it is unchanged by a refused transition. */
  readonly from: S;
  /** The type of the refused event. */
  readonly event: E;
}

/**
 * The outcome of a lifecycle transition: the new state, or why the event was refused. A refused transition leaves
 * the caller's state as it was (transitions never mutate their input).
 *
 * @example
 * const r: TransitionResult<{ status: 'active'; since: string }, LifecycleError> = {
 *   ok: true, state: { status: 'active', since: '2026-02-01' },
 * };
 * if (r.ok) console.log(r.state.status);
 */
export type TransitionResult<S, E> =
  | { readonly ok: true; readonly state: S }
  | { readonly ok: false; readonly error: E };

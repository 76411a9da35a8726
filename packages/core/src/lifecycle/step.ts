import type { LocalDate } from '../model/primitives';
import { isLocalDate } from './dates';
import {
  LIFECYCLE_ERROR_PATH,
  type LifecycleError,
  type LifecycleErrorCode,
  type TransitionResult,
} from './result';

/** What a lifecycle's `match([state, event])` decided: refuse with a code, or allow with the next result. */
export type Step<R> =
  | { readonly kind: 'refuse'; readonly code: LifecycleErrorCode }
  | { readonly kind: 'allow'; readonly next: () => R };

/**
 * The checks both lifecycles apply around their transition table, in one order: a terminal state accepts nothing;
 * dates must be calendar dates; the event must be allowed from the state; it may not be dated before the state began
 * nor after `asOf`; then the event's own conditions (`step.next`). Internal to the lifecycles.
 *
 * @example
 * settle(step, { since: '2026-01-05', at: '2026-01-10', asOf: undefined, refuse, terminal: '...', cannot: '...', before: '...' });
 */
export function settle<R>(
  step: Step<R>,
  c: {
    readonly since: LocalDate;
    readonly at: LocalDate;
    readonly asOf: LocalDate | undefined;
    readonly refuse: (code: LifecycleErrorCode, message: string, path?: readonly string[]) => R;
    /** Messages naming only states and events, never input values. */
    readonly terminal: string;
    readonly cannot: string;
    readonly before: string;
  },
): R {
  if (step.kind === 'refuse' && step.code === 'terminal-state') return c.refuse('terminal-state', c.terminal);
  if (!isLocalDate(c.at)) return c.refuse('invalid-date', 'the event date is not a calendar date YYYY-MM-DD');
  if (c.asOf !== undefined && !isLocalDate(c.asOf))
    return c.refuse('invalid-date', 'the as-of date is not a calendar date YYYY-MM-DD', ['asOf']);
  if (step.kind === 'refuse') return c.refuse(step.code, c.cannot);
  if (c.at < c.since) return c.refuse('date-before-state', c.before);
  if (c.asOf !== undefined && c.at > c.asOf)
    return c.refuse('date-after-as-of', 'the event is dated after the as-of date');
  return step.next();
}

/**
 * The helpers both lifecycles write their transition table with, for one `state` and `event`: `refuse` (the one
 * {@link LifecycleError}, its path by code unless given), `allow` (a step whose result is computed once the common
 * checks pass), `refused` (a step the table refuses), `ok` (the new state) and `settle` ({@link settle} for this
 * state and event). Internal to the lifecycles.
 *
 * @example
 * const { refuse, allow, refused, ok, settle } = transitionHelpers(state, event);
 */
export function transitionHelpers<
  S extends { readonly status: string; readonly since: LocalDate },
  E extends { readonly type: string; readonly at: LocalDate },
>(state: S, event: E) {
  type R = TransitionResult<S, LifecycleError<S['status'], E['type']>>;
  const refuse = (
    code: LifecycleErrorCode,
    message: string,
    path: readonly string[] = LIFECYCLE_ERROR_PATH[code],
  ): R => ({
    success: false,
    issues: [{ code, path, message, severity: 'error', from: state.status, event: event.type }],
  });
  return {
    refuse,
    allow: (next: () => R): Step<R> => ({ kind: 'allow', next }),
    /** A step refused by the table itself: `terminal-state` or `invalid-transition`. */
    refused: (code: 'terminal-state' | 'invalid-transition'): Step<R> => ({ kind: 'refuse', code }),
    ok: (next: S): R => ({ success: true, data: next, issues: [] }),
    /** {@link settle} for this state and event, with the lifecycle's messages. */
    settle: (
      step: Step<R>,
      asOf: LocalDate | undefined,
      messages: { readonly terminal: string; readonly cannot: string; readonly before: string },
    ): R => settle(step, { since: state.since, at: event.at, asOf, refuse, ...messages }),
  };
}

import type { GoalStatus } from '@peer-recovery/core';
import type { SkipReason } from './report';

/**
 * What the import does with a resource given its status: use it, or skip it with a reason and a message (which
 * names the field and the status code, never a value from the data).
 *
 * @example
 * const d: StatusDecision = { use: false, reason: 'cancelled', message: 'Encounter.status is cancelled: not a contact held' };
 */
export type StatusDecision =
  | { readonly use: true }
  | { readonly use: false; readonly reason: SkipReason; readonly message: string };

const USE: StatusDecision = { use: true };
const skip = (reason: SkipReason, message: string): StatusDecision => ({ use: false, reason, message });

/** Encounter statuses of R4 that say the meeting took place (it began, and may still be going on). */
const HELD = new Set(['finished', 'in-progress', 'arrived', 'triaged', 'onleave']);

/**
 * Status semantics of an Encounter: only a meeting that took place is a contact held. `finished`, `in-progress`,
 * `arrived`, `triaged` and `onleave` are held; `planned` is not held yet; `cancelled` did not happen (a cancelled
 * meeting is not a meeting held); `entered-in-error` was never true; `unknown` (or a missing status) cannot be
 * counted as held.
 *
 * @example
 * encounterStatusDecision('finished'); // { use: true }
 * encounterStatusDecision('cancelled').use; // false (reason 'cancelled')
 */
export function encounterStatusDecision(status: unknown): StatusDecision {
  if (typeof status === 'string' && HELD.has(status)) return USE;
  switch (status) {
    case 'planned':
      return skip('planned', 'Encounter.status is planned: a meeting not held (yet) is not a contact');
    case 'cancelled':
      return skip('cancelled', 'Encounter.status is cancelled: a cancelled meeting is not a contact held');
    case 'entered-in-error':
      return skip('entered-in-error', 'Encounter.status is entered-in-error: the record was made in error');
    case 'unknown':
      return skip('status-unknown', 'Encounter.status is unknown: the meeting cannot be counted as held');
    default:
      return skip('status-unknown', 'Encounter.status is missing or not an R4 code: not counted as held');
  }
}

/** CarePlan statuses of R4 that stand for a version of the plan (in force, drafted, paused or replaced). */
const PLAN_IN_USE = new Set(['draft', 'active', 'on-hold', 'completed']);

/**
 * Status semantics of a CarePlan (an action plan version): `draft`, `active`, `on-hold` and `completed` (replaced
 * by a later version) are plan versions; `revoked` (withdrawn before its end) and `entered-in-error` are skipped and
 * reported; `unknown` (or a missing status) is skipped too.
 *
 * @example
 * carePlanStatusDecision('active'); // { use: true }
 * carePlanStatusDecision('revoked').use; // false (reason 'revoked')
 */
export function carePlanStatusDecision(status: unknown): StatusDecision {
  if (typeof status === 'string' && PLAN_IN_USE.has(status)) return USE;
  switch (status) {
    case 'revoked':
      return skip('revoked', 'CarePlan.status is revoked: the plan was withdrawn and is not a plan version');
    case 'entered-in-error':
      return skip('entered-in-error', 'CarePlan.status is entered-in-error: the record was made in error');
    default:
      return skip(
        'status-unknown',
        'CarePlan.status is unknown, missing or not an R4 code: not a plan version',
      );
  }
}

/**
 * What a Goal's status means in the program: a goal status, or a skip.
 *
 * @example
 * const g: GoalStatusDecision = { use: true, status: 'in-progress' };
 */
export type GoalStatusDecision =
  | { readonly use: true; readonly status: GoalStatus }
  | { readonly use: false; readonly reason: SkipReason; readonly message: string };

/**
 * Status semantics of a Goal (R4 `lifecycleStatus`, with `achievementStatus` for completed goals): `proposed`,
 * `planned` and `accepted` are proposed; `active` and `on-hold` are in progress; `completed` is achieved unless
 * the achievement status is `not-achieved`; `cancelled` and `rejected` are cancelled; `entered-in-error` (or a
 * missing or unknown status) is skipped: the goal leaves its plan and the report says so.
 *
 * @example
 * goalStatusDecision('completed', 'not-achieved'); // { use: true, status: 'not-achieved' }
 * goalStatusDecision('entered-in-error').use; // false
 */
export function goalStatusDecision(lifecycleStatus: unknown, achievement?: string): GoalStatusDecision {
  switch (lifecycleStatus) {
    case 'proposed':
    case 'planned':
    case 'accepted':
      return { use: true, status: 'proposed' };
    case 'active':
    case 'on-hold':
      return { use: true, status: 'in-progress' };
    case 'completed':
      return { use: true, status: achievement === 'not-achieved' ? 'not-achieved' : 'achieved' };
    case 'cancelled':
    case 'rejected':
      return { use: true, status: 'cancelled' };
    case 'entered-in-error':
      return {
        use: false,
        reason: 'entered-in-error',
        message:
          'Goal.lifecycleStatus is entered-in-error: the goal was recorded in error and leaves its plan',
      };
    default:
      return {
        use: false,
        reason: 'status-unknown',
        message: 'Goal.lifecycleStatus is missing or not an R4 code: the goal leaves its plan',
      };
  }
}

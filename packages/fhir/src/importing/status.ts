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

/**
 * The status decision of a resource type, from one table: `used` statuses are used; a status of `skipped` is
 * skipped with its reason and message; any other value (missing, unknown, not an R4 code) gets `otherwise`.
 */
function statusDecision(
  used: readonly string[],
  skipped: Readonly<Record<string, readonly [SkipReason, string]>>,
  otherwise: readonly [SkipReason, string],
): (status: unknown) => StatusDecision {
  const use = new Set(used);
  const skips = new Map(Object.entries(skipped));
  return (status) => {
    if (typeof status !== 'string') return skip(...otherwise);
    if (use.has(status)) return USE;
    return skip(...(skips.get(status) ?? otherwise));
  };
}

/** Encounter: held when R4 says the meeting took place (it began, and may still be going on). */
const ENCOUNTER_STATUS = statusDecision(
  ['finished', 'in-progress', 'arrived', 'triaged', 'onleave'],
  {
    planned: ['planned', 'Encounter.status is planned: a meeting not held (yet) is not a contact'],
    cancelled: ['cancelled', 'Encounter.status is cancelled: a cancelled meeting is not a contact held'],
    'entered-in-error': [
      'entered-in-error',
      'Encounter.status is entered-in-error: the record was made in error',
    ],
    unknown: ['status-unknown', 'Encounter.status is unknown: the meeting cannot be counted as held'],
  },
  ['status-unknown', 'Encounter.status is missing or not an R4 code: not counted as held'],
);

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
  return ENCOUNTER_STATUS(status);
}

/** CarePlan: the R4 statuses that stand for a version of the plan (in force, drafted, paused or replaced). */
const CARE_PLAN_STATUS = statusDecision(
  ['draft', 'active', 'on-hold', 'completed'],
  {
    revoked: ['revoked', 'CarePlan.status is revoked: the plan was withdrawn and is not a plan version'],
    'entered-in-error': [
      'entered-in-error',
      'CarePlan.status is entered-in-error: the record was made in error',
    ],
  },
  ['status-unknown', 'CarePlan.status is unknown, missing or not an R4 code: not a plan version'],
);

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
  return CARE_PLAN_STATUS(status);
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

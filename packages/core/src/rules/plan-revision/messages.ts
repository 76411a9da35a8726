/**
 * The finding codes of the `plan-revision` rule, each with its default message template. Codes are stable API; the rule
 * catalogue `DEFAULT_MESSAGES` is assembled from every rule folder's `MESSAGES`.
 *
 * @example
 * Object.keys(MESSAGES)[0]; // 'plan-revision.overdue'
 */
export const MESSAGES = {
  'plan-revision.overdue':
    'Plan revision after version {version} was due on {dueOn} and is {daysLate} day(s) overdue.',
  'plan-revision.late':
    'Plan version {version} was signed {daysLate} day(s) late (due {dueOn}, signed {signedOn}).',
  'plan-revision.too-few-goals':
    'Plan version {version} has {goals} goal(s); at least {minGoals} are required.',
} as const;

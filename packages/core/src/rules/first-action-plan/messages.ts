/**
 * The finding codes of the `first-action-plan` rule, each with its default message template. Codes are stable API; the rule
 * catalogue `DEFAULT_MESSAGES` is assembled from every rule folder's `MESSAGES`.
 *
 * @example
 * Object.keys(MESSAGES)[0]; // 'first-action-plan.overdue'
 */
export const MESSAGES = {
  'first-action-plan.overdue':
    'No action plan with at least {minGoals} goals signed by the peer: it was due on {dueOn} and is {daysLate} day(s) overdue.',
  'first-action-plan.late':
    'The first action plan was signed {daysLate} day(s) late (due {dueOn}, signed {signedOn}).',
  'first-action-plan.too-few-goals':
    'Plan version {version} has {goals} goal(s); at least {minGoals} are required.',
} as const;

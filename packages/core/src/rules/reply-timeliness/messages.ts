/**
 * The finding codes of the `reply-timeliness` rule, each with its default message template. Codes are stable API; the rule
 * catalogue `DEFAULT_MESSAGES` is assembled from every rule folder's `MESSAGES`.
 *
 * @example
 * Object.keys(MESSAGES)[0]; // 'reply-timeliness.overdue'
 */
export const MESSAGES = {
  'reply-timeliness.overdue':
    'A message received on {receivedOn} has no reply; it was due by the end of {dueOn} ({businessDays} business day(s)).',
  'reply-timeliness.late':
    'A message received on {receivedOn} was answered on {repliedOn}, after the end of {dueOn} ({businessDays} business day(s)).',
} as const;

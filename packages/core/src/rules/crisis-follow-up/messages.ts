/**
 * The finding codes of the `crisis-follow-up` rule, each with its default message template. Codes are stable API; the rule
 * catalogue `DEFAULT_MESSAGES` is assembled from every rule folder's `MESSAGES`.
 *
 * @example
 * Object.keys(MESSAGES)[0]; // 'crisis-follow-up.no-contact'
 */
export const MESSAGES = {
  'crisis-follow-up.no-contact':
    'No contact with the peer is recorded within {withinDays} day(s) of a recorded lapse or crisis: it was due by {dueOn} and is {daysLate} day(s) overdue.',
  'crisis-follow-up.late':
    'The contact after a recorded lapse or crisis was made on {contactOn}, {daysLate} day(s) after it was due ({dueOn}).',
} as const;

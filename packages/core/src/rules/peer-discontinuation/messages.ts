/**
 * The finding codes of the `peer-discontinuation` rule, each with its default message template. Codes are stable API; the rule
 * catalogue `DEFAULT_MESSAGES` is assembled from every rule folder's `MESSAGES`.
 *
 * @example
 * Object.keys(MESSAGES)[0]; // 'peer-discontinuation.no-continuity-referral'
 */
export const MESSAGES = {
  'peer-discontinuation.no-continuity-referral':
    'Services were discontinued on {on} without a referral recorded for continuity of services and support.',
  'peer-discontinuation.no-release-at-intake':
    'The peer was referred by an organisation, and no consent in force names it for the notice of discontinued services: ask for one now, not at discharge.',
  'peer-discontinuation.notice-missing':
    'Services were discontinued on {on}; the referral source has not been notified although a consent permits it.',
  'peer-discontinuation.notice-not-permitted':
    'Services were discontinued on {on}; the referral source must NOT be notified: no consent names it as recipient (42 CFR Part 2).',
  'peer-discontinuation.notice-sent-without-consent':
    'The referral source was notified on {sentOn} without a consent naming it as recipient (42 CFR Part 2).',
} as const;

/**
 * The finding codes of the `documentation` rule, each with its default message template. Codes are stable API; the rule
 * catalogue `DEFAULT_MESSAGES` is assembled from every rule folder's `MESSAGES`.
 *
 * @example
 * Object.keys(MESSAGES)[0]; // 'documentation.progress-note-missing'
 */
export const MESSAGES = {
  'documentation.progress-note-missing': 'Contact on {on} has no progress note.',
} as const;

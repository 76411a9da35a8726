/**
 * The finding codes of the `service-exclusions` rule, each with its default message template. Codes are stable API; the rule
 * catalogue `DEFAULT_MESSAGES` is assembled from every rule folder's `MESSAGES`.
 *
 * @example
 * Object.keys(MESSAGES)[0]; // 'service-exclusions.excluded-activity'
 */
export const MESSAGES = {
  'service-exclusions.excluded-activity':
    'Contact on {on} logs "{activity}", a service a peer coach must not give.',
  'service-exclusions.permission-missing':
    'Contact on {on} logs "{activity}" without the peer\'s recorded permission to act on their behalf.',
} as const;

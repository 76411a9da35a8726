/**
 * The finding codes of the `coach-eligibility` rule, each with its default message template. Codes are stable API; the rule
 * catalogue `DEFAULT_MESSAGES` is assembled from every rule folder's `MESSAGES`.
 *
 * @example
 * Object.keys(MESSAGES)[0]; // 'coach-eligibility.recovery-too-short'
 */
export const MESSAGES = {
  'coach-eligibility.recovery-too-short':
    'The coach has not yet been in recovery for the required {minYears} year(s).',
  'coach-eligibility.recovery-date-unknown':
    'No recovery start date (or verification of the minimum recovery duration) is recorded for the coach.',
  'coach-eligibility.lived-experience-missing':
    'The coach has not attested lived experience of recovery, and no recovery start or verification is recorded.',
  'coach-eligibility.recovery-attestation-missing':
    'No attestation of continuing recovery is recorded since the last recorded recovery start (required every {months} month(s)).',
  'coach-eligibility.recovery-attestation-expired':
    'The attestation of continuing recovery was due again on {dueOn} (every {months} month(s)).',
  'coach-eligibility.no-personal-program': 'The coach has not attested a personal program of recovery.',
  'coach-eligibility.training-missing': 'Required training "{training}" is not recorded as completed.',
  'coach-eligibility.training-expired': 'Required training "{training}" expired on {expiredOn}.',
  'coach-eligibility.interview-missing': 'The coach interview is not recorded.',
  'coach-eligibility.background-check-missing': 'The background check is not recorded.',
  'coach-eligibility.background-check-expired': 'The background check expired on {expiredOn}.',
  'coach-eligibility.agreement-missing': 'The {agreement} agreement is not signed.',
} as const;

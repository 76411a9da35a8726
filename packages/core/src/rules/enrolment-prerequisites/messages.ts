/**
 * The finding codes of the `enrolment-prerequisites` rule, each with its default message template. Codes are stable API; the rule
 * catalogue `DEFAULT_MESSAGES` is assembled from every rule folder's `MESSAGES`.
 *
 * @example
 * Object.keys(MESSAGES)[0]; // 'enrolment-prerequisites.document-missing'
 */
export const MESSAGES = {
  'enrolment-prerequisites.document-missing': 'Enrolment document "{document}" is not completed.',
  'enrolment-prerequisites.document-late':
    'Enrolment document "{document}" was completed on {completedOn}, after enrolment on {enrolledOn}.',
  'enrolment-prerequisites.contract-missing':
    'The written coach-peer contract is not signed by the peer: it was due {dueOn} ({daysLate} day(s) ago).',
  'enrolment-prerequisites.contract-late':
    'The written coach-peer contract was signed {daysLate} day(s) late (due {dueOn}, signed {signedOn}).',
  'enrolment-prerequisites.population-not-eligible':
    "None of the peer's target-population categories is served by this program.",
  'enrolment-prerequisites.age-outside-range':
    "The peer's age at enrolment is outside the program's range for {population}.",
  'enrolment-prerequisites.age-unknown':
    'Neither a date of birth nor an age band is recorded, so age cannot be checked.',
} as const;

/**
 * The finding codes of the `coach-assignment` rule, each with its default message template. Codes are stable API; the rule
 * catalogue `DEFAULT_MESSAGES` is assembled from every rule folder's `MESSAGES`.
 *
 * @example
 * Object.keys(MESSAGES)[0]; // 'coach-assignment.no-coach'
 */
export const MESSAGES = {
  'coach-assignment.no-coach':
    'No coach has been assigned to the peer since {since}; the service is a one-on-one relationship.',
  'coach-assignment.coach-not-eligible':
    'Contact on {on} was given by coach {coachId}, who was not eligible that day ({reasons}).',
  'coach-assignment.no-shared-life-experience':
    "The peer's coach ({coachId}) declares none of the life experiences the peer declared.",
} as const;

/**
 * The finding codes of the `coach-commitment` rule, each with its default message template. Codes are stable API; the rule
 * catalogue `DEFAULT_MESSAGES` is assembled from every rule folder's `MESSAGES`.
 *
 * @example
 * Object.keys(MESSAGES)[0]; // 'coach-commitment.no-commitment'
 */
export const MESSAGES = {
  'coach-commitment.no-commitment': 'No commitment term is recorded for this active coach.',
  'coach-commitment.term-ended':
    "The coach's commitment ended on {endedOn} and has not been extended; the coach is still active.",
  'coach-commitment.no-written-notice':
    'The coach left (status {status} from {from}) without the written notice the program requires.',
  'coach-commitment.violation-not-removed':
    'A boundary violation was recorded on {on}; the coach must be removed, but the status history does not say so.',
  'coach-commitment.breach-not-removed':
    'A breach of the program guidelines was recorded on {on}; the guidelines say it results in removal, but the status history does not say so.',
  'coach-commitment.peer-needs-reassignment':
    "The peer's coach ({coachId}) is {coachStatus} since {since}; the peer needs a new coach.",
  'coach-commitment.extension-without-peer-agreement':
    'The commitment extension agreed on {agreedOn} records no agreement of the peer\'s ("if agreeable to Peer").',
} as const;

import type { RuleId } from '../packs/schema';

/**
 * The id of every rule, as named constants: compare `finding.ruleId` or `obligation.ruleId` with these, never with
 * a string written out by hand. The same ids, in pack order, are `RULE_IDS`.
 *
 * @example
 * ev.timeline.filter((o) => o.ruleId === RULE_ID.inPersonContact);
 */
export const RULE_ID = {
  coachEligibility: 'coach-eligibility',
  coachCommitment: 'coach-commitment',
  coachAssignment: 'coach-assignment',
  enrolmentPrerequisites: 'enrolment-prerequisites',
  firstActionPlan: 'first-action-plan',
  planRevision: 'plan-revision',
  inPersonContact: 'in-person-contact',
  crisisFollowUp: 'crisis-follow-up',
  replyTimeliness: 'reply-timeliness',
  serviceExclusions: 'service-exclusions',
  documentation: 'documentation',
  peerDiscontinuation: 'peer-discontinuation',
} as const satisfies Record<string, RuleId>;

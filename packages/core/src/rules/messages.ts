import { MESSAGES as coachAssignment } from './coach-assignment/messages';
import { MESSAGES as coachCommitment } from './coach-commitment/messages';
import { MESSAGES as coachEligibility } from './coach-eligibility/messages';
import { MESSAGES as crisisFollowUp } from './crisis-follow-up/messages';
import { MESSAGES as documentation } from './documentation/messages';
import { MESSAGES as enrolmentPrerequisites } from './enrolment-prerequisites/messages';
import { MESSAGES as firstActionPlan } from './first-action-plan/messages';
import { MESSAGES as inPersonContact } from './in-person-contact/messages';
import { MESSAGES as peerDiscontinuation } from './peer-discontinuation/messages';
import { MESSAGES as planRevision } from './plan-revision/messages';
import { MESSAGES as replyTimeliness } from './reply-timeliness/messages';
import { MESSAGES as serviceExclusions } from './service-exclusions/messages';

/**
 * The message catalogue: one template per finding code, assembled from the rule folders (each owns its codes and
 * templates in `<rule-id>/messages.ts`). Codes are stable API; templates are display text and may be
 * replaced (e.g. translated) by passing `messages` to an evaluation. Placeholders `{name}` are filled from the
 * finding's `params`, which never hold personal data.
 *
 * @example
 * DEFAULT_MESSAGES['first-action-plan.late'];
 * // 'The first action plan was signed {daysLate} day(s) late (due {dueOn}, signed {signedOn}).'
 */
export const DEFAULT_MESSAGES = {
  ...coachEligibility,
  ...coachCommitment,
  ...coachAssignment,
  ...enrolmentPrerequisites,
  ...firstActionPlan,
  ...planRevision,
  ...inPersonContact,
  ...crisisFollowUp,
  ...replyTimeliness,
  ...serviceExclusions,
  ...documentation,
  ...peerDiscontinuation,
} as const;

/** A stable finding code: a key of {@link DEFAULT_MESSAGES}. */
export type FindingCode = keyof typeof DEFAULT_MESSAGES;

/**
 * Every finding code, for catalogues and checks.
 *
 * @example
 * FINDING_CODES.includes('reply-timeliness.late'); // true
 */
export const FINDING_CODES = Object.keys(DEFAULT_MESSAGES) as readonly FindingCode[];

/** A message catalogue: a template for some or all finding codes. Missing codes fall back to the default. */
export type MessageCatalogue = Partial<Record<FindingCode, string>>;

/**
 * Fills a template's `{name}` placeholders from params. Unknown placeholders are left as they are.
 *
 * @example
 * renderMessage('Due {dueOn}', { dueOn: '2026-03-02' }); // 'Due 2026-03-02'
 */
export function renderMessage(
  template: string,
  params: { readonly [k: string]: string | number | boolean },
): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.hasOwn(params, key) ? String(params[key]) : whole,
  );
}

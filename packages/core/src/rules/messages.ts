/**
 * The message catalogue: one template per finding code. Codes are stable API; templates are display text and may be
 * replaced (e.g. translated) by passing `messages` to an evaluation. Placeholders `{name}` are filled from the
 * finding's `params`, which never hold personal data.
 *
 * @example
 * DEFAULT_MESSAGES['first-action-plan.late'];
 * // 'The first action plan was signed {daysLate} day(s) late (due {dueOn}, signed {signedOn}).'
 */
export const DEFAULT_MESSAGES = {
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
  'coach-assignment.no-coach':
    'No coach has been assigned to the peer since {since}; the service is a one-on-one relationship.',
  'coach-assignment.coach-not-eligible':
    'Contact on {on} was given by coach {coachId}, who was not eligible that day ({reasons}).',
  'coach-assignment.no-shared-life-experience':
    "The peer's coach ({coachId}) declares none of the life experiences the peer declared.",
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
  'first-action-plan.overdue':
    'No action plan with at least {minGoals} goals signed by the peer: it was due on {dueOn} and is {daysLate} day(s) overdue.',
  'first-action-plan.late':
    'The first action plan was signed {daysLate} day(s) late (due {dueOn}, signed {signedOn}).',
  'first-action-plan.too-few-goals':
    'Plan version {version} has {goals} goal(s); at least {minGoals} are required.',
  'plan-revision.overdue':
    'Plan revision after version {version} was due on {dueOn} and is {daysLate} day(s) overdue.',
  'plan-revision.late':
    'Plan version {version} was signed {daysLate} day(s) late (due {dueOn}, signed {signedOn}).',
  'plan-revision.too-few-goals':
    'Plan version {version} has {goals} goal(s); at least {minGoals} are required.',
  'in-person-contact.missed-month': 'In {month}: {count} in-person meeting(s) recorded, {required} required.',
  'in-person-contact.missed-month-any-mode': 'In {month}: {count} contact(s) recorded, {required} required.',
  'in-person-contact.face-to-face-share-low':
    'Up to {until}: {inPerson} of {contacts} contact(s) in person ({percent}%), below the {minPercent}% the program asks for.',
  'crisis-follow-up.no-contact':
    'No contact with the peer is recorded within {withinDays} day(s) of a recorded lapse or crisis: it was due by {dueOn} and is {daysLate} day(s) overdue.',
  'crisis-follow-up.late':
    'The contact after a recorded lapse or crisis was made on {contactOn}, {daysLate} day(s) after it was due ({dueOn}).',
  'reply-timeliness.overdue':
    'A message received on {receivedOn} has no reply; it was due by the end of {dueOn} ({businessDays} business day(s)).',
  'reply-timeliness.late':
    'A message received on {receivedOn} was answered on {repliedOn}, after the end of {dueOn} ({businessDays} business day(s)).',
  'service-exclusions.excluded-activity':
    'Contact on {on} logs "{activity}", a service a peer coach must not give.',
  'service-exclusions.permission-missing':
    'Contact on {on} logs "{activity}" without the peer\'s recorded permission to act on their behalf.',
  'documentation.progress-note-missing': 'Contact on {on} has no progress note.',
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

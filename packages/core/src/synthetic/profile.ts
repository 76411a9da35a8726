import type { SyntheticQuality } from './options';

/**
 * Rates of the irregular records the generator plants, per {@link SyntheticQuality}. Each is a probability per
 * opportunity (per enrolment, per plan revision, per service month, per contact, per message, per coach).
 *
 * @example
 * QUALITY_PROFILES.poor.planFirstLate > QUALITY_PROFILES.good.planFirstLate; // true
 */
export interface QualityProfile {
  /** First plan signed after the 30-day deadline. */
  readonly planFirstLate: number;
  /** No signed first plan (none, or an unsigned draft). */
  readonly planFirstMissing: number;
  /** First plan with only two goals. */
  readonly planTwoGoals: number;
  /** A revision signed after it was due. */
  readonly planRevisionLate: number;
  /** Revisions stop (the next one never comes). */
  readonly planRevisionMissing: number;
  /** A service month with phone or other remote contacts only. */
  readonly monthRemoteOnly: number;
  /** A service month with no contact at all. */
  readonly monthNoContact: number;
  /** A contact logging an excluded activity. */
  readonly excludedActivity: number;
  /** Advocacy without a recorded permission. */
  readonly advocacyWithoutPermission: number;
  /** A contact without a progress note. */
  readonly progressNoteMissing: number;
  /** A reply later than one business day. */
  readonly replyLate: number;
  /** A message never replied to. */
  readonly replyNever: number;
  /** An enrolment document missing. */
  readonly documentMissing: number;
  /** A training not renewed on time. */
  readonly trainingLapse: number;
  /** An established coach whose background check expires within the period. */
  readonly backgroundCheckExpiring: number;
  /** Continuity referrals made when services are discontinued. */
  readonly continuityReferral: number;
  /** Referral-source notice sent when a consent names the source. */
  readonly noticeWithConsent: number;
  /** Referral-source notice sent although no consent names the source (a disclosure without consent). */
  readonly noticeWithoutConsent: number;
  /** A follow-up assessment not done. */
  readonly assessmentMissing: number;
}

/**
 * The three built-in quality profiles.
 *
 * @example
 * QUALITY_PROFILES.mixed.planFirstLate; // 0.12
 */
export const QUALITY_PROFILES: Readonly<Record<SyntheticQuality, QualityProfile>> = {
  good: {
    planFirstLate: 0.03,
    planFirstMissing: 0.01,
    planTwoGoals: 0.02,
    planRevisionLate: 0.04,
    planRevisionMissing: 0.01,
    monthRemoteOnly: 0.02,
    monthNoContact: 0.01,
    excludedActivity: 0.002,
    advocacyWithoutPermission: 0.05,
    progressNoteMissing: 0.02,
    replyLate: 0.03,
    replyNever: 0.005,
    documentMissing: 0.01,
    trainingLapse: 0.04,
    backgroundCheckExpiring: 0.08,
    continuityReferral: 0.95,
    noticeWithConsent: 0.95,
    noticeWithoutConsent: 0,
    assessmentMissing: 0.1,
  },
  mixed: {
    planFirstLate: 0.12,
    planFirstMissing: 0.04,
    planTwoGoals: 0.06,
    planRevisionLate: 0.12,
    planRevisionMissing: 0.04,
    monthRemoteOnly: 0.07,
    monthNoContact: 0.03,
    excludedActivity: 0.01,
    advocacyWithoutPermission: 0.2,
    progressNoteMissing: 0.06,
    replyLate: 0.1,
    replyNever: 0.02,
    documentMissing: 0.04,
    trainingLapse: 0.12,
    backgroundCheckExpiring: 0.2,
    continuityReferral: 0.8,
    noticeWithConsent: 0.85,
    noticeWithoutConsent: 0.1,
    assessmentMissing: 0.2,
  },
  poor: {
    planFirstLate: 0.3,
    planFirstMissing: 0.1,
    planTwoGoals: 0.15,
    planRevisionLate: 0.3,
    planRevisionMissing: 0.12,
    monthRemoteOnly: 0.18,
    monthNoContact: 0.08,
    excludedActivity: 0.03,
    advocacyWithoutPermission: 0.4,
    progressNoteMissing: 0.15,
    replyLate: 0.25,
    replyNever: 0.06,
    documentMissing: 0.1,
    trainingLapse: 0.3,
    backgroundCheckExpiring: 0.35,
    continuityReferral: 0.5,
    noticeWithConsent: 0.6,
    noticeWithoutConsent: 0.3,
    assessmentMissing: 0.35,
  },
};

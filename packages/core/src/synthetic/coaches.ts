import type { Coach } from '../model/domain';
import type { CoachStatus, Gender } from '../model/vocabulary';
import { drawName } from './lists';
import type { QualityProfile } from './profile';
import { createRandom } from './random';
import { addMonths, formatDay } from './time';
import { widenCoach } from './widen';

/**
 * When a generated coach can take new peers (`availableFrom`..`availableTo`) and the last day they may keep peers
 * (`serviceTo`), as day numbers (`Infinity` when open).
 *
 * @example
 * const t: CoachTimeline = { availableFrom: 20000, availableTo: Infinity, serviceTo: Infinity };
 */
export interface CoachTimeline {
  readonly availableFrom: number;
  readonly availableTo: number;
  readonly serviceTo: number;
}

/**
 * The training codes the generator records, with their validity in months.
 *
 * @example
 * SYNTHETIC_TRAININGS.map(([code]) => code); // ['core-training', 'ethics-and-boundaries', 'confidentiality']
 */
export const SYNTHETIC_TRAININGS: readonly (readonly [string, number])[] = [
  ['core-training', 24],
  ['ethics-and-boundaries', 12],
  ['confidentiality', 12],
];

type CoachKind = 'core' | 'joiner' | 'applicant' | 'notice' | 'walkout' | 'removed';

const STREAM_COACH = 0xc0ac4;

/**
 * Inputs of {@link generateCoach}.
 *
 * @example
 * const input: CoachInput = { seedLo: 1, seedHi: 0, first: 20454, last: 21184, count: 3, width: 4, profile: QUALITY_PROFILES.good };
 */
export interface CoachInput {
  readonly seedLo: number;
  readonly seedHi: number;
  readonly first: number;
  readonly last: number;
  readonly count: number;
  readonly width: number;
  readonly profile: QualityProfile;
  /**
   * Draws every kind of coach with even odds (no fixed kinds by index) and then the rarer shapes property tests
   * need (see {@link widenCoach}). Off by default: the default output does not change.
   */
  readonly variety?: boolean | undefined;
}

/**
 * Generates coach number `index` (0-based) of a program: most are established and eligible; some join during the
 * period, a few stay applicants, and some give written notice, leave without notice or are removed after a boundary
 * violation. Coach 0 always stays; coach 1 always gives notice; coach 2 is removed when there are six coaches or more;
 * the last coach stays an applicant when there are eight or more.
 *
 * @example
 * const { coach, timeline } = generateCoach(input, 0);
 * coach.id; // 'coach-0001'
 */
export function generateCoach(input: CoachInput, index: number): { coach: Coach; timeline: CoachTimeline } {
  const r = createRandom(input.seedLo, input.seedHi, STREAM_COACH, index);
  const { first, last, profile } = input;
  const span = last - first;
  const kind: CoachKind = input.variety
    ? r.weighted<CoachKind>([
        ['core', 40],
        ['joiner', 15],
        ['applicant', 10],
        ['notice', 15],
        ['walkout', 8],
        ['removed', 12],
      ])
    : index === 0
      ? 'core'
      : index === 1
        ? 'notice'
        : index === 2 && input.count >= 6
          ? 'removed'
          : index === input.count - 1 && input.count >= 8
            ? 'applicant'
            : r.weighted<CoachKind>([
                ['core', 80],
                ['joiner', 9],
                ['applicant', 4],
                ['notice', 4.5],
                ['walkout', 1],
                ['removed', 1.5],
              ]);
  const num = String(index + 1).padStart(input.width, '0');
  const id = `coach-${num}`;

  let applicantFrom: number;
  let activeFrom: number | undefined;
  if (kind === 'joiner') {
    applicantFrom = first + r.int(0, Math.floor(span * 0.7));
    activeFrom = applicantFrom + r.int(14, 60);
    if (activeFrom > last) activeFrom = undefined;
  } else if (kind === 'applicant') {
    applicantFrom = first + r.int(0, span);
  } else {
    activeFrom = first - r.int(30, 1500);
    applicantFrom = activeFrom - r.int(14, 60);
  }
  const established = activeFrom !== undefined && activeFrom < first;

  const history: Coach['statusHistory'] = [{ status: 'applicant', from: formatDay(applicantFrom) }];
  if (activeFrom !== undefined) history.push({ status: 'active', from: formatDay(activeFrom) });
  let availableTo = Number.POSITIVE_INFINITY;
  let serviceTo = Number.POSITIVE_INFINITY;
  const incidents: Coach['incidents'] = [];
  const between = (lo: number, hi: number): number =>
    first + r.int(Math.floor(span * lo), Math.floor(span * hi));
  if (kind === 'notice') {
    const noticeOn = between(0.15, 0.85);
    history.push({ status: 'on-notice', from: formatDay(noticeOn), writtenNoticeOn: formatDay(noticeOn) });
    availableTo = noticeOn - 1;
    const withdrawnOn = noticeOn + r.int(14, 30);
    if (withdrawnOn <= last) {
      history.push({ status: 'withdrawn', from: formatDay(withdrawnOn) });
      serviceTo = withdrawnOn - 1;
    }
  } else if (kind === 'walkout') {
    const withdrawnOn = between(0.15, 0.9);
    history.push({ status: 'withdrawn', from: formatDay(withdrawnOn) });
    availableTo = withdrawnOn - 1;
    serviceTo = withdrawnOn - 1;
  } else if (kind === 'removed') {
    const incidentOn = between(0.15, 0.9);
    const removedOn = Math.min(last, incidentOn + r.int(0, 3));
    incidents.push({ id: `inc-${num}-1`, on: formatDay(incidentOn), kind: 'boundary-violation' });
    history.push({ status: 'removed' satisfies CoachStatus, from: formatDay(removedOn) });
    availableTo = removedOn - 1;
    serviceTo = removedOn - 1;
  }

  // Trainings: the completion in force at the start of the period (or at application), then renewals.
  const trainings: Coach['trainings'] = [];
  for (const [code, months] of SYNTHETIC_TRAININGS) {
    let completed = established
      ? Math.max(applicantFrom + r.int(1, 10), first - r.int(15, months * 30 - 15))
      : applicantFrom + r.int(3, 40);
    if (kind === 'applicant' && r.chance(0.3)) continue;
    for (let guard = 0; guard < 200 && completed <= last && completed <= serviceTo; guard++) {
      const expires = addMonths(completed, months);
      trainings.push({ code, completedOn: formatDay(completed), expiresOn: formatDay(expires) });
      if (kind === 'applicant' || activeFrom === undefined) break;
      if (r.chance(profile.trainingLapse)) {
        if (r.chance(0.5)) break;
        completed = expires + r.int(10, 90);
      } else {
        completed = Math.max(completed + 1, expires - r.int(0, 45));
      }
    }
  }

  const interviewOn = applicantFrom + r.int(1, 14);
  const hasInterview = interviewOn <= last && !(kind === 'applicant' && r.chance(0.2));

  let backgroundCheck: Coach['backgroundCheck'];
  if (established) {
    if (r.chance(profile.backgroundCheckExpiring)) {
      const expires = first + r.int(30, Math.max(30, span - 1));
      const completed = Math.max(applicantFrom + r.int(3, 20), addMonths(expires, -24));
      backgroundCheck = { completedOn: formatDay(completed), expiresOn: formatDay(expires) };
    } else {
      const completed = Math.max(applicantFrom + r.int(3, 20), first - r.int(30, 900));
      backgroundCheck = { completedOn: formatDay(completed), expiresOn: formatDay(last + r.int(30, 900)) };
    }
  } else {
    const completed = applicantFrom + r.int(3, 20);
    if (completed <= last && !(kind === 'applicant' && r.chance(0.4)))
      backgroundCheck = { completedOn: formatDay(completed), expiresOn: formatDay(addMonths(completed, 36)) };
  }

  const agreements: Coach['agreements'] = {};
  if (activeFrom !== undefined) {
    const signed = (): string => formatDay(Math.max(applicantFrom, (activeFrom as number) - r.int(0, 5)));
    agreements.volunteer = signed();
    agreements.mentorship = signed();
    agreements.guidelines = signed();
    // The item-5 acknowledgement, signed with the guidelines agreement (no extra draw from the random stream).
    agreements.personalViews = agreements.guidelines;
  } else if (r.chance(0.5)) {
    agreements.volunteer = formatDay(Math.min(last, applicantFrom + r.int(0, 10)));
  }

  let commitment: Coach['commitment'];
  if (activeFrom !== undefined) {
    const endOn = addMonths(activeFrom, 12) - 1;
    const extensions: { agreedOn: string; untilOn: string }[] = [];
    let until = endOn;
    for (let guard = 0; guard < 200; guard++) {
      const agreed = until - r.int(0, 30);
      if (agreed > last || agreed > serviceTo) break;
      if (agreed >= first && r.chance(0.06)) break;
      const next = addMonths(until + 1, 12) - 1;
      extensions.push({ agreedOn: formatDay(agreed), untilOn: formatDay(next) });
      until = next;
    }
    commitment = { startOn: formatDay(activeFrom), endOn: formatDay(endOn), extensions };
  }

  const recoveryStart =
    kind === 'applicant' && r.chance(0.3)
      ? applicantFrom - r.int(200, 700)
      : (activeFrom ?? applicantFrom) - r.int(760, 9000);
  const gender = r.weighted<Gender>([
    ['female', 50],
    ['male', 46],
    ['other', 4],
  ]);
  const { given, family } = drawName(r, gender);
  const phoneSuffix = String(100 + (index % 100)).padStart(4, '0');

  const coach: Coach = {
    id,
    name: { given: [given], family },
    telecom: {
      phone: `+1-707-555-${phoneSuffix}`,
      email: `${given}.${family}.${index + 1}@example.org`.toLowerCase(),
    },
    recoveryStartDate: formatDay(recoveryStart),
    personalProgramAttested: kind === 'applicant' ? r.chance(0.7) : true,
    trainings,
    ...(hasInterview ? { interview: { completedOn: formatDay(interviewOn) } } : {}),
    ...(backgroundCheck ? { backgroundCheck } : {}),
    agreements,
    ...(commitment ? { commitment } : {}),
    statusHistory: history,
    incidents,
  };
  return {
    coach: input.variety ? widenCoach(coach, r, { applicantFrom, activeFrom, last, num }) : coach,
    timeline: { availableFrom: activeFrom ?? Number.POSITIVE_INFINITY, availableTo, serviceTo },
  };
}

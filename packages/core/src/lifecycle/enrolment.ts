import { match, P } from 'ts-pattern';
import type { Enrolment } from '../model/domain';
import type { LocalDate } from '../model/primitives';
import type { DiscontinuationReason, HoldReason } from '../model/vocabulary';
import type { EnrolmentDocument } from '../packs/schema';
import { addDaysToLocalDate, isLocalDate, laterDate } from './dates';
import { LIFECYCLE_ERROR_PATH, type LifecycleError, type TransitionResult } from './result';
import { type Step as StepOf, transitionHelpers } from './step';

/**
 * The states of an enrolment, in lifecycle order. `discontinued`, `completed` and `transferred` are terminal.
 *
 * @example
 * ENROLMENT_STATUSES.length; // 7
 */
export const ENROLMENT_STATUSES = [
  'referred',
  'enrolled',
  'active',
  'on-hold',
  'discontinued',
  'completed',
  'transferred',
] as const;
/**
 * An enrolment state name (see {@link ENROLMENT_STATUSES}).
 *
 * @example
 * const s: EnrolmentStatus = 'on-hold';
 */
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/**
 * The terminal enrolment states: they accept no event.
 *
 * @example
 * TERMINAL_ENROLMENT_STATUSES.includes('completed'); // true
 */
export const TERMINAL_ENROLMENT_STATUSES = ['discontinued', 'completed', 'transferred'] as const;

/**
 * True when an enrolment state accepts no further event.
 *
 * @example
 * isTerminalEnrolmentStatus('transferred'); // true
 * isTerminalEnrolmentStatus('on-hold'); // false
 */
export function isTerminalEnrolmentStatus(status: EnrolmentStatus): boolean {
  return (TERMINAL_ENROLMENT_STATUSES as readonly EnrolmentStatus[]).includes(status);
}

/**
 * The enrolment documents of the model (`Enrolment.documents`): the program guidelines agreement, the
 * application, the assessments and the confidentiality forms (Recovery Connect Peer Recovery Coaching Program
 * guidelines, Participation Requirements item 2: "complete all required applications, assessments, and
 * confidentiality forms").
 *
 * @example
 * ENROLMENT_DOCUMENTS.includes('confidentialityForms'); // true
 */
export const ENROLMENT_DOCUMENTS: readonly EnrolmentDocument[] = [
  'guidelinesAgreement',
  'application',
  'assessments',
  'confidentialityForms',
];

/**
 * The documents required before an enrolment can become active when the caller names none: all four, as the
 * program guidelines ask (Participation Requirements item 2). A program may require fewer.
 *
 * @example
 * DEFAULT_REQUIRED_ENROLMENT_DOCUMENTS.length; // 4
 */
export const DEFAULT_REQUIRED_ENROLMENT_DOCUMENTS: readonly EnrolmentDocument[] = ENROLMENT_DOCUMENTS;

/**
 * A state of the enrolment lifecycle, with the date it began (`since`, a calendar date in the program's time zone).
 * `on-hold` remembers the state a `resume` returns to; `discontinued` may carry the reason.
 *
 * @example
 * const s: EnrolmentState = { status: 'on-hold', since: '2026-03-02', reason: 'inpatient-treatment', resumesTo: 'active' };
 */
export type EnrolmentState =
  | { readonly status: 'referred'; readonly since: LocalDate }
  | { readonly status: 'enrolled'; readonly since: LocalDate }
  | { readonly status: 'active'; readonly since: LocalDate }
  | {
      readonly status: 'on-hold';
      readonly since: LocalDate;
      readonly reason: HoldReason;
      readonly resumesTo: 'enrolled' | 'active';
    }
  | { readonly status: 'discontinued'; readonly since: LocalDate; readonly reason?: DiscontinuationReason }
  | { readonly status: 'completed'; readonly since: LocalDate }
  | { readonly status: 'transferred'; readonly since: LocalDate };

/**
 * An event of the enrolment lifecycle. Every event carries the date it happened (`at`): the caller supplies it,
 * the library never reads the clock.
 *
 * - `enrol`: referred → enrolled.
 * - `activate`: enrolled → active, only when every required document is among `completedDocuments`
 *   (`requiredDocuments` defaults to {@link DEFAULT_REQUIRED_ENROLMENT_DOCUMENTS}).
 * - `hold` (with a reason): enrolled or active → on-hold. `resume`: on-hold → the state the hold began in.
 * - `discontinue` (with a reason): referred, enrolled, active or on-hold → discontinued.
 * - `complete`: active → completed. `transfer`: enrolled, active or on-hold → transferred.
 *
 * @example
 * const e: EnrolmentEvent = { type: 'hold', at: '2026-03-02', reason: 'inpatient-treatment' };
 */
export type EnrolmentEvent =
  | { readonly type: 'enrol'; readonly at: LocalDate }
  | {
      readonly type: 'activate';
      readonly at: LocalDate;
      readonly completedDocuments: readonly EnrolmentDocument[];
      readonly requiredDocuments?: readonly EnrolmentDocument[];
    }
  | { readonly type: 'hold'; readonly at: LocalDate; readonly reason: HoldReason }
  | { readonly type: 'resume'; readonly at: LocalDate }
  | { readonly type: 'discontinue'; readonly at: LocalDate; readonly reason: DiscontinuationReason }
  | { readonly type: 'complete'; readonly at: LocalDate }
  | { readonly type: 'transfer'; readonly at: LocalDate };

/**
 * An enrolment event type (see {@link EnrolmentEvent}).
 *
 * @example
 * const t: EnrolmentEventType = 'activate';
 */
export type EnrolmentEventType = EnrolmentEvent['type'];

/**
 * Why an enrolment transition was refused. For `prerequisites-incomplete`, `missing` lists the required documents
 * that are not complete.
 *
 * @example
 * const e: EnrolmentTransitionError = {
 *   code: 'prerequisites-incomplete', path: ['event', 'completedDocuments'], severity: 'error',
 *   message: 'required enrolment documents are not complete: application',
 *   from: 'enrolled', event: 'activate', missing: ['application'],
 * };
 */
export interface EnrolmentTransitionError extends LifecycleError<EnrolmentStatus, EnrolmentEventType> {
  /** The required documents not yet complete (only with `prerequisites-incomplete`). */
  readonly missing?: readonly EnrolmentDocument[];
}

/**
 * The outcome of {@link transitionEnrolment}.
 *
 * @example
 * const r: EnrolmentTransitionResult = transitionEnrolment({ status: 'referred', since: '2026-01-20' }, { type: 'enrol', at: '2026-01-31' });
 */
export type EnrolmentTransitionResult = TransitionResult<EnrolmentState, EnrolmentTransitionError>;

const EVENT_VERB: Record<EnrolmentEventType, string> = {
  enrol: 'enrolled',
  activate: 'activated',
  hold: 'put on hold',
  resume: 'resumed',
  discontinue: 'discontinued',
  complete: 'completed',
  transfer: 'transferred',
};

type Step = StepOf<EnrolmentTransitionResult>;

/**
 * Applies one event to an enrolment state: the `match([state, event])` reducer of the enrolment lifecycle.
 * Never throws and never mutates its input; a refused event returns an error with a stable code and the state
 * is to be kept as it was.
 *
 * Checks, in this order: a terminal state accepts nothing (`terminal-state`); the event's date (and `asOf`) must
 * be calendar dates (`invalid-date`); the event must be allowed from the state (`invalid-transition`); the date
 * must not be before the state's `since` (`date-before-state`; the same day is allowed); when `asOf` is given, the
 * date must not be after it (`date-after-as-of`); `activate` needs every required document
 * (`prerequisites-incomplete`).
 *
 * @example
 * transitionEnrolment(
 *   { status: 'enrolled', since: '2026-01-31' },
 *   { type: 'activate', at: '2026-02-03', completedDocuments: ['guidelinesAgreement', 'application'] },
 * );
 * // { success: false, issues: [{ code: 'prerequisites-incomplete', missing: ['assessments', 'confidentialityForms'], ... }] }
 * transitionEnrolment({ status: 'active', since: '2026-02-03' }, { type: 'hold', at: '2026-03-02', reason: 'incarceration' });
 * // { success: true, data: { status: 'on-hold', since: '2026-03-02', reason: 'incarceration', resumesTo: 'active' }, issues: [] }
 */
export function transitionEnrolment(
  state: EnrolmentState,
  event: EnrolmentEvent,
  asOf?: LocalDate,
): EnrolmentTransitionResult {
  const { allow, refused, ok, settle } = transitionHelpers(state, event);

  const step = match<[EnrolmentState, EnrolmentEvent], Step>([state, event])
    .with([{ status: P.union('discontinued', 'completed', 'transferred') }, P._], () =>
      refused('terminal-state'),
    )
    .with([{ status: 'referred' }, { type: 'enrol' }], ([, e]) =>
      allow(() => ok({ status: 'enrolled', since: e.at })),
    )
    .with([{ status: 'enrolled' }, { type: 'activate' }], ([, e]) =>
      allow(() => {
        const required = e.requiredDocuments ?? DEFAULT_REQUIRED_ENROLMENT_DOCUMENTS;
        const missing = ENROLMENT_DOCUMENTS.filter(
          (d) => required.includes(d) && !e.completedDocuments.includes(d),
        );
        if (missing.length === 0) return ok({ status: 'active', since: e.at });
        return {
          success: false,
          issues: [
            {
              code: 'prerequisites-incomplete',
              path: LIFECYCLE_ERROR_PATH['prerequisites-incomplete'],
              message: `required enrolment documents are not complete: ${missing.join(', ')}`,
              severity: 'error',
              from: state.status,
              event: event.type,
              missing,
            },
          ],
        };
      }),
    )
    .with([{ status: P.union('enrolled', 'active') }, { type: 'hold' }], ([s, e]) =>
      allow(() => ok({ status: 'on-hold', since: e.at, reason: e.reason, resumesTo: s.status })),
    )
    .with([{ status: 'on-hold' }, { type: 'resume' }], ([s, e]) =>
      allow(() => ok({ status: s.resumesTo, since: e.at })),
    )
    .with(
      [{ status: P.union('referred', 'enrolled', 'active', 'on-hold') }, { type: 'discontinue' }],
      ([, e]) => allow(() => ok({ status: 'discontinued', since: e.at, reason: e.reason })),
    )
    .with([{ status: 'active' }, { type: 'complete' }], ([, e]) =>
      allow(() => ok({ status: 'completed', since: e.at })),
    )
    .with([{ status: P.union('enrolled', 'active', 'on-hold') }, { type: 'transfer' }], ([, e]) =>
      allow(() => ok({ status: 'transferred', since: e.at })),
    )
    .with([{ status: P.union('referred', 'enrolled', 'active', 'on-hold') }, P._], () =>
      refused('invalid-transition'),
    )
    .exhaustive();

  return settle(step, asOf, {
    terminal: `an enrolment that is ${state.status} accepts no further event`,
    cannot: `an enrolment that is ${state.status} cannot be ${EVENT_VERB[event.type]}`,
    before: `the event is dated before the enrolment became ${state.status}`,
  });
}

/**
 * The required enrolment documents completed on or before `asOf`, in {@link ENROLMENT_DOCUMENTS} order: the
 * `completedDocuments` of an `activate` event built from a stored enrolment.
 *
 * @example
 * completedEnrolmentDocuments({ application: '2026-01-20', assessments: '2026-02-05' }, '2026-01-31');
 * // ['application']
 */
export function completedEnrolmentDocuments(
  documents: Enrolment['documents'],
  asOf: LocalDate,
): EnrolmentDocument[] {
  return ENROLMENT_DOCUMENTS.filter((d) => {
    const on = documents[d];
    return on !== undefined && on <= asOf;
  });
}

/**
 * Options of {@link enrolmentStateAt}.
 *
 * @example
 * const o: EnrolmentStateOptions = { requiredDocuments: ['application', 'confidentialityForms'] };
 */
export interface EnrolmentStateOptions {
  /** The documents required before the enrolment is active (default {@link DEFAULT_REQUIRED_ENROLMENT_DOCUMENTS}). */
  readonly requiredDocuments?: readonly EnrolmentDocument[];
}

/**
 * Derives the lifecycle state of a stored enrolment on the calendar date `asOf`. Pure, deterministic and total:
 * it never throws, and returns `undefined` only when the enrolment did not exist yet on `asOf` (before `referredOn`,
 * or before `enrolledOn` when there is no referral date) or when `asOf` is not a calendar date.
 *
 * The rules, in order of precedence:
 * 1. `exit.on` on or before `asOf`: the exit's kind (`discontinued`, `completed`, `transferred`) since `exit.on`;
 *    the exit date is the first day of the terminal state.
 * 2. Before `enrolledOn`: `referred` since `referredOn`.
 * 3. A hold covering `asOf` (`from` ≤ `asOf` ≤ `to`, `to` inclusive, open when absent): `on-hold`. Holds that
 *    overlap or touch (one ends the day before the next begins) form one period; `since` is its first day (never
 *    before `enrolledOn`) and `reason` that of the latest hold begun. `resumesTo` is the state the enrolment would
 *    be in without the hold.
 * 4. Otherwise `active` when every required document has a date on or before `asOf` (since the later of
 *    `enrolledOn` and the last required document), else `enrolled` (since `enrolledOn`); in both cases since no
 *    earlier than the day after the last hold that ended before `asOf`.
 *
 * Inconsistent records (which {@link parseProgramData} reports) still give a state; coach assignments and recovery
 * stages do not affect the lifecycle state.
 *
 * @example
 * const e = {
 *   id: 'enr-1', peerId: 'peer-1', referredOn: '2026-01-20', enrolledOn: '2026-01-31',
 *   documents: { guidelinesAgreement: '2026-01-31', application: '2026-01-31', assessments: '2026-02-03', confidentialityForms: '2026-01-31' },
 *   coachAssignments: [], stages: [], holds: [{ from: '2026-03-02', to: '2026-03-20', reason: 'inpatient-treatment' as const }],
 * };
 * enrolmentStateAt(e, '2026-01-25'); // { status: 'referred', since: '2026-01-20' }
 * enrolmentStateAt(e, '2026-02-01'); // { status: 'enrolled', since: '2026-01-31' }
 * enrolmentStateAt(e, '2026-02-10'); // { status: 'active', since: '2026-02-03' }
 * enrolmentStateAt(e, '2026-03-05'); // { status: 'on-hold', since: '2026-03-02', reason: 'inpatient-treatment', resumesTo: 'active' }
 * enrolmentStateAt(e, '2026-04-01'); // { status: 'active', since: '2026-03-21' }
 */
export function enrolmentStateAt(
  enrolment: Enrolment,
  asOf: LocalDate,
  options?: EnrolmentStateOptions,
): EnrolmentState | undefined {
  if (!isLocalDate(asOf)) return undefined;
  const { exit } = enrolment;
  if (exit !== undefined && exit.on <= asOf) {
    if (exit.kind === 'discontinued')
      return exit.reason === undefined
        ? { status: 'discontinued', since: exit.on }
        : { status: 'discontinued', since: exit.on, reason: exit.reason };
    return { status: exit.kind, since: exit.on };
  }
  const enrolledOn = enrolment.enrolledOn;
  if (asOf < enrolledOn) {
    const referredOn = enrolment.referredOn;
    return referredOn !== undefined && referredOn <= asOf
      ? { status: 'referred', since: referredOn }
      : undefined;
  }

  // Without holds: active once every required document is complete.
  const required = options?.requiredDocuments ?? DEFAULT_REQUIRED_ENROLMENT_DOCUMENTS;
  let activeFrom: LocalDate | undefined = enrolledOn;
  for (const d of ENROLMENT_DOCUMENTS) {
    if (!required.includes(d)) continue;
    const on = enrolment.documents[d];
    if (on === undefined || on > asOf) {
      activeFrom = undefined;
      break;
    }
    activeFrom = laterDate(activeFrom, on);
  }
  const baseStatus = activeFrom === undefined ? 'enrolled' : 'active';

  // Holds begun on or before asOf, clamped to the enrolment, in start order (stable on the record order).
  const holds = enrolment.holds
    .map((h, index) => ({ from: laterDate(h.from, enrolledOn), to: h.to, reason: h.reason, index }))
    .filter((h) => h.from <= asOf && (h.to === undefined || h.to >= h.from))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.index - b.index));

  let runFrom: LocalDate | undefined;
  let runTo: LocalDate | undefined; // undefined = open
  let runReason: HoldReason | undefined;
  let lastEnded: LocalDate | undefined;
  for (const h of holds) {
    const touches = runFrom !== undefined && (runTo === undefined || h.from <= addDaysToLocalDate(runTo, 1));
    if (touches) {
      runTo = runTo === undefined || h.to === undefined ? undefined : laterDate(runTo, h.to);
      runReason = h.reason;
    } else {
      if (runFrom !== undefined && runTo !== undefined) lastEnded = runTo;
      runFrom = h.from;
      runTo = h.to;
      runReason = h.reason;
    }
  }
  if (runFrom !== undefined && runReason !== undefined) {
    if (runTo === undefined || runTo >= asOf)
      return { status: 'on-hold', since: runFrom, reason: runReason, resumesTo: baseStatus };
    lastEnded = runTo;
  }

  const resumedOn = lastEnded === undefined ? undefined : addDaysToLocalDate(lastEnded, 1);
  const since = laterDate(activeFrom ?? enrolledOn, resumedOn ?? enrolledOn);
  return { status: baseStatus, since };
}

/**
 * The coach assigned to an enrolment on the calendar date `asOf`: the `coachId` of the first coach assignment
 * (in record order) whose period covers `asOf` (`from` ≤ `asOf` ≤ `to`, `to` inclusive, open when absent), or
 * `undefined` when none does (or `asOf` is not a calendar date). Pure and total; the one place the current
 * assignment is derived (the FHIR export's `EpisodeOfCare.careManager` and signers read it from here).
 *
 * @example
 * const e = {
 *   id: 'enr-1', peerId: 'peer-1', enrolledOn: '2026-01-31', documents: {}, stages: [], holds: [],
 *   coachAssignments: [
 *     { coachId: 'coach-1', from: '2026-01-31', to: '2026-04-30' },
 *     { coachId: 'coach-2', from: '2026-05-01' },
 *   ],
 * };
 * assignedCoachAt(e, '2026-04-30'); // 'coach-1'
 * assignedCoachAt(e, '2026-05-01'); // 'coach-2'
 * assignedCoachAt(e, '2026-01-30'); // undefined
 */
export function assignedCoachAt(
  enrolment: Pick<Enrolment, 'coachAssignments'>,
  asOf: LocalDate,
): string | undefined {
  if (!isLocalDate(asOf)) return undefined;
  return enrolment.coachAssignments.find((a) => a.from <= asOf && (a.to === undefined || a.to >= asOf))
    ?.coachId;
}

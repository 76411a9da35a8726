import type { Assessment, Enrolment, PlanVersion } from '../model/domain';
import { type DataIssue, dataIssue } from '../model/issues';
import type { LocalDate } from '../model/primitives';
import { ExpectedOutcome, GoalStatus } from '../model/vocabulary';
import { dayNumber } from './dates';
import {
  EXPECTED_OUTCOME_INFO,
  NOMS_DOMAIN_LABELS,
  NOMS_DOMAINS,
  type NomsDomain,
} from './expected-outcomes';
import type { InstrumentDefinition, InstrumentThreshold } from './instrument';
import { instrumentById } from './instruments';
import { type EnrolmentPoints, enrolmentPoints } from './points';
import {
  type AssessmentSchedule,
  evaluateSchedule,
  type FollowUpRateResult,
  followUpTally,
  type SchedulePointResult,
  samhsaSuprt2025,
} from './schedule';
import { type InstrumentScoreIssueCode, type InstrumentScoreResult, scoreAssessment } from './score';
import { type PairedStatistics, pairedStatistics, welchTTest } from './statistics';

/**
 * The records {@link summarizeOutcomes} reads: a {@link ProgramData} document fits, and so does any object with
 * these lists (plans are optional: without them the goal counts are empty).
 *
 * @example
 * const input: OutcomeSummaryInput = { enrolments: data.enrolments, assessments: data.assessments, plans: data.plans };
 */
export interface OutcomeSummaryInput {
  readonly enrolments: readonly Pick<Enrolment, 'id' | 'enrolledOn' | 'exit' | 'coachAssignments'>[];
  readonly assessments: readonly Pick<
    Assessment,
    'id' | 'enrolmentId' | 'instrument' | 'completedOn' | 'answers'
  >[];
  readonly plans?: readonly Pick<PlanVersion, 'enrolmentId' | 'version' | 'createdOn' | 'goals'>[];
}

/**
 * Options of {@link summarizeOutcomes}.
 *
 * @example
 * const o: SummarizeOutcomesOptions = { asOf: '2026-12-31', groupBy: 'coach' };
 */
export interface SummarizeOutcomesOptions {
  /** Summary date: only enrolments, assessments and plan versions dated on or before it are read. */
  readonly asOf: LocalDate;
  /** The assessment schedule (default {@link samhsaSuprt2025}). */
  readonly schedule?: AssessmentSchedule;
  /** A program's own or changed instrument definitions; they replace built-ins with the same id. */
  readonly instruments?: readonly InstrumentDefinition[];
  /** Id of the schedule point that is the baseline (default `baseline`). */
  readonly baselinePointId?: string;
  /** Expected follow-up rate (default 0.8). */
  readonly followUpTarget?: number;
  /** Also break each instrument's results down by coach or by site. */
  readonly groupBy?: 'coach' | 'site';
  /** Site of each enrolment, by enrolment id (the domain model has no site field); needed for `groupBy: 'site'`. */
  readonly siteByEnrolment?: Readonly<Record<string, string>>;
}

/**
 * Paired change from baseline to follow-up over complete responses: the {@link PairedStatistics} of the pairs (n,
 * means, mean change with its 95% confidence interval, paired t-test, Wilcoxon signed-rank test, Cohen's d_z,
 * medians and IQRs). `n` is the number of pairs (one per enrolment); a figure that cannot be computed is `null`.
 *
 * @example
 * const c: PairedChangeSummary = summarizeOutcomes(data, { asOf: '2026-12-31' }).instruments[0]!.change;
 * c.confidenceInterval; // { level: 0.95, lower: 1.7, upper: 8.6 }, or null below 2 pairs
 */
export interface PairedChangeSummary extends PairedStatistics {}

/**
 * Retention at one follow-up point, on an intake basis (as federal reporting counts it): of the enrolments started
 * by the summary date whose window for the point has closed or that already did it (`due`), how many did it inside
 * the window (`done`), with `rate = done / due` (`null` over zero). Then, among the enrolments with a complete
 * baseline and the point due: `paired` have a complete response at the point (retained), `baselineNoPair` do not
 * (lost: missed, or only an incomplete response), and the baseline totals of the two groups are compared (n, mean,
 * SD, and Welch's t-test of the difference retained minus lost).
 *
 * @example
 * const a: PointAttrition = {
 *   due: 20, done: 15, rate: 0.75, withBaseline: 18, paired: 13, baselineNoPair: 5,
 *   retainedBaseline: { n: 13, mean: 38.2, sd: 6.1 }, lostBaseline: { n: 5, mean: 33.0, sd: 5.2 },
 *   baselineDifference: { t: 1.8, df: 8.4, p: 0.11, meanDifference: 5.2 },
 * };
 */
export interface PointAttrition {
  readonly due: number;
  readonly done: number;
  readonly rate: number | null;
  readonly withBaseline: number;
  readonly paired: number;
  readonly baselineNoPair: number;
  readonly retainedBaseline: BaselineGroup;
  readonly lostBaseline: BaselineGroup;
  readonly baselineDifference: {
    readonly t: number;
    readonly df: number;
    readonly p: number;
    readonly meanDifference: number;
  } | null;
}

/**
 * Baseline totals of a group of people: n, mean (`null` when n is 0) and SD (`null` when n < 2).
 *
 * @example
 * const g: BaselineGroup = { n: 5, mean: 33, sd: 5.2 };
 */
export interface BaselineGroup {
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
}

/**
 * Change from baseline to one follow-up point (one occurrence of a recurring point: `annual` occurrence 2 is the
 * second annual assessment), with its threshold crossings and attrition. The pair of an enrolment is its complete
 * baseline and the complete response that fills the point when the schedule is evaluated over complete responses only
 * (so an incomplete response in the window does not hide a complete one).
 *
 * @example
 * const p: PointChangeSummary = barc.changeByPoint.find((c) => c.pointId === 'reassessment-6m')!;
 * p.change.meanChange;
 */
export interface PointChangeSummary {
  readonly pointId: string;
  readonly occurrence: number;
  readonly label: string;
  readonly change: PairedChangeSummary;
  readonly thresholds: readonly ThresholdCrossingSummary[];
  readonly attrition: PointAttrition;
}

/**
 * How many pairs crossed a total-score threshold: `notMetAtBaseline` pairs did not meet it at baseline, and
 * `crossed` of them met it at follow-up. `crossedShare` is `crossed / notMetAtBaseline`, `null` when that is 0.
 *
 * @example
 * const t: ThresholdCrossingSummary = {
 *   thresholdId: 'sustainedRemissionThreshold', flag: 'atOrAboveThreshold', comparison: 'at-or-above', value: 47,
 *   n: 5, metAtBaseline: 1, metAtFollowUp: 3, notMetAtBaseline: 4, crossed: 2, crossedShare: 0.5,
 * };
 */
export interface ThresholdCrossingSummary {
  readonly thresholdId: string;
  readonly flag: string;
  readonly comparison: InstrumentThreshold['comparison'];
  readonly value: number;
  readonly n: number;
  readonly metAtBaseline: number;
  readonly metAtFollowUp: number;
  readonly notMetAtBaseline: number;
  readonly crossed: number;
  readonly crossedShare: number | null;
}

/**
 * One group (a coach or a site) of an instrument's results. Pairs are grouped by the coach assigned on the
 * follow-up assessment's date; follow-up points by the coach assigned on the assessment date (done) or the
 * window's target day (missed). See {@link summarizeOutcomes}.
 *
 * @example
 * const g: OutcomeGroupSummary = { groupBy: 'coach', key: 'coach-1', change, thresholds: [], followUp };
 */
export interface OutcomeGroupSummary {
  readonly groupBy: 'coach' | 'site';
  readonly key: string;
  readonly change: PairedChangeSummary;
  readonly thresholds: readonly ThresholdCrossingSummary[];
  readonly followUp: FollowUpRateResult;
}

/**
 * The summary of one instrument: how many responses were scored, incomplete or invalid (and the issue codes met),
 * the paired change from baseline, threshold crossings, the follow-up rate, and optional groups.
 *
 * @example
 * const s: InstrumentOutcomeSummary = summarizeOutcomes(data, { asOf: '2026-12-31' }).instruments[0]!;
 * s.change.n; // pairs with a complete baseline and a complete follow-up
 */
export interface InstrumentOutcomeSummary {
  readonly instrumentId: string;
  readonly instrumentVersion: string;
  readonly abbreviation: string;
  readonly responses: {
    readonly n: number;
    readonly scored: number;
    readonly incomplete: number;
    readonly invalid: number;
    readonly issueCounts: Readonly<Partial<Record<InstrumentScoreIssueCode, number>>>;
  };
  readonly change: PairedChangeSummary;
  readonly thresholds: readonly ThresholdCrossingSummary[];
  /** Change, threshold crossings and attrition per follow-up point (in schedule order), the baseline excluded. */
  readonly changeByPoint: readonly PointChangeSummary[];
  readonly followUp: FollowUpRateResult;
  readonly groups: readonly OutcomeGroupSummary[];
}

/**
 * Goals of the latest plan versions, counted under one NOMs domain (through the expected outcome each goal is
 * tagged with): `n` goals, by status and by expected outcome, the number of enrolments with such a goal, and
 * `achievedShare` = achieved / (goals not cancelled), `null` when there are none.
 *
 * @example
 * const d: OutcomeDomainSummary = summarizeOutcomes(data, { asOf: '2026-12-31' }).domains[0]!;
 * d.domain; // 'reduced-morbidity'
 */
export interface OutcomeDomainSummary {
  readonly domain: NomsDomain;
  readonly label: string;
  readonly n: number;
  readonly enrolments: number;
  readonly byStatus: Readonly<Record<GoalStatus, number>>;
  readonly byOutcome: Readonly<Partial<Record<ExpectedOutcome, number>>>;
  readonly achievedShare: number | null;
}

/**
 * The outcome summary of a program as of a date (see {@link summarizeOutcomes}).
 *
 * @example
 * const s: OutcomeSummary = summarizeOutcomes(data, { asOf: '2026-12-31' });
 * s.instruments.map((i) => [i.abbreviation, i.followUp.rate]);
 */
export interface OutcomeSummary {
  readonly asOf: LocalDate;
  readonly scheduleId: string;
  readonly scheduleVersion: string;
  /** Enrolments that started on or before `asOf`. */
  readonly enrolments: number;
  readonly instruments: readonly InstrumentOutcomeSummary[];
  /** Instrument ids found in assessments that no known definition has (not scored). */
  readonly unknownInstruments: readonly { readonly instrumentId: string; readonly assessments: number }[];
  /** One entry per NOMs domain, in {@link NOMS_DOMAINS} order, including domains with no goals. */
  readonly domains: readonly OutcomeDomainSummary[];
  /** Goals with no expected-outcome tag. */
  readonly untaggedGoals: number;
  /** Data problems met (dates that are not calendar dates); the records concerned were skipped. */
  readonly issues: readonly DataIssue[];
}

const UNASSIGNED = '(unassigned)';
const NO_SITE = '(no site)';
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;

interface Pair {
  readonly enrolmentId: string;
  readonly baseline: number;
  readonly followUp: number;
  readonly followUpDay: number;
}

function pairedChange(pairs: readonly Pair[]): PairedChangeSummary {
  // Totals are finite (scoreAssessment scores only those); the filter makes the success certain, not assumed.
  const r = pairedStatistics(pairs.filter((p) => Number.isFinite(p.baseline) && Number.isFinite(p.followUp)));
  return r.success ? r.data : (pairedStatistics([]) as { data: PairedStatistics }).data;
}

function baselineGroup(values: readonly number[]): BaselineGroup {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? null : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { n, mean, sd };
}

function crossings(pairs: readonly Pair[], instrument: InstrumentDefinition): ThresholdCrossingSummary[] {
  return instrument.thresholds
    .filter((t) => t.of === 'total')
    .map((t) => {
      const met = (v: number) => (t.comparison === 'at-or-above' ? v >= t.value : v <= t.value);
      let metAtBaseline = 0;
      let metAtFollowUp = 0;
      let crossed = 0;
      for (const p of pairs) {
        if (met(p.baseline)) metAtBaseline++;
        if (met(p.followUp)) metAtFollowUp++;
        if (!met(p.baseline) && met(p.followUp)) crossed++;
      }
      const notMetAtBaseline = pairs.length - metAtBaseline;
      return {
        thresholdId: t.id,
        flag: t.flag,
        comparison: t.comparison,
        value: t.value,
        n: pairs.length,
        metAtBaseline,
        metAtFollowUp,
        notMetAtBaseline,
        crossed,
        crossedShare: notMetAtBaseline === 0 ? null : crossed / notMetAtBaseline,
      };
    });
}

type SummaryEnrolment = OutcomeSummaryInput['enrolments'][number];

function coachOn(enrolment: SummaryEnrolment, day: number): string {
  let current: string | undefined;
  let latestBefore: { from: number; coachId: string } | undefined;
  for (const a of enrolment.coachAssignments) {
    const from = dayNumber(a.from);
    if (from === null || from > day) continue;
    const to = a.to === undefined ? null : dayNumber(a.to);
    if (to === null || to >= day) current ??= a.coachId;
    if (latestBefore === undefined || from > latestBefore.from) latestBefore = { from, coachId: a.coachId };
  }
  return current ?? latestBefore?.coachId ?? UNASSIGNED;
}

/**
 * Summarises a program's outcomes as of a date: per instrument (each instrument id met in the assessments), per
 * NOMs domain (goals), and optionally per coach or site. Pure; never throws on dates that are not calendar dates
 * (they are reported in `issues` and skipped). Every count comes with its `n`; no share or mean is computed over
 * zero (it is `null`).
 *
 * Per instrument:
 * - `responses`: every assessment of the instrument (of enrolments started by `asOf`, dated by `asOf`), scored with
 *   {@link scoreAssessment}: how many were scored, incomplete or invalid, and how often each issue code occurred.
 * - `change`: per enrolment, the baseline is the earliest complete (scored) response inside the baseline window, the
 *   follow-up the latest complete response after it inside any other window of the schedule (out-of-window
 *   responses are not used); the pair's change is follow-up minus baseline. Nothing is computed when `n` is 0.
 * - `thresholds`: for each total-score threshold (BARC-10: 47), how many pairs did not meet it at baseline and met
 *   it at follow-up.
 * - `followUp`: the follow-up rate ({@link followUpRate}) over enrolments with an assessment of this instrument in
 *   the baseline window (as in SAMHSA practice, people without a baseline are not followed up).
 * - `groups` (with `groupBy`): the same per coach (the coach assigned on the follow-up assessment's date, else on
 *   the window's target day; when no assignment covers the day, the last coach assigned before it; else
 *   `(unassigned)`) or per site (`siteByEnrolment`; `(no site)` when absent).
 *
 * Per domain: the goals of each enrolment's latest plan version created by `asOf` (highest version number),
 * counted under the NOMs domain of their expected outcome ({@link EXPECTED_OUTCOME_INFO}), by status.
 *
 * @example
 * const s = summarizeOutcomes(data, { asOf: '2026-12-31', groupBy: 'coach' });
 * const barc = s.instruments.find((i) => i.instrumentId === 'barc-10');
 * barc?.change; // { n: 12, meanBaseline: 38.5, meanFollowUp: 44.25, meanChange: 5.75, sdChange: 4.1 }
 * barc?.followUp.rate; // 0.83, or null when no follow-up is due yet
 */
export function summarizeOutcomes(
  input: OutcomeSummaryInput,
  options: SummarizeOutcomesOptions,
): OutcomeSummary {
  const summarizer = createOutcomeSummarizer(input.enrolments, options);
  for (const a of input.assessments) summarizer.add(a);
  return summarizer.finish(input.plans === undefined ? {} : { plans: input.plans });
}

/**
 * A summary fed one assessment at a time (see {@link createOutcomeSummarizer}).
 *
 * @example
 * const s: OutcomeSummarizer = createOutcomeSummarizer(data.enrolments, { asOf: '2026-12-31' });
 */
export interface OutcomeSummarizer {
  /**
   * Scores one assessment and keeps what the summary reads of it (its ids, date, status and total), not its
   * answers. Assessments of enrolments not started by `asOf`, or dated after it, are not kept; a date that is not a
   * calendar date is reported in the summary's `issues` (path `assessments.<n>.completedOn`, `n` counting the
   * assessments added, from 0).
   */
  add(assessment: OutcomeSummaryInput['assessments'][number]): void;
  /**
   * The summary of the assessments added so far, as {@link summarizeOutcomes} gives it for them. `plans`: the plan
   * versions for the goal domains. `leaveOut`: ids of assessments added earlier that must not count after all (a
   * reader that found them in error only at the end of its file).
   */
  finish(rest?: {
    readonly plans?: OutcomeSummaryInput['plans'];
    readonly leaveOut?: ReadonlySet<string>;
  }): OutcomeSummary;
}

/** What the summary keeps of one response once scored (its answers are not kept). */
interface Entry {
  readonly id: string;
  readonly enrolmentId: string;
  readonly instrument: string;
  readonly completedOn: LocalDate;
  readonly day: number;
  readonly status: InstrumentScoreResult['status'];
  /** The total of a complete (scored) response; `undefined` otherwise. */
  readonly total: number | undefined;
  /** The scoring issues of a response that was not scored. */
  readonly codes: readonly InstrumentScoreIssueCode[] | undefined;
}

/**
 * {@link summarizeOutcomes} for data read a row at a time (a large CSV or NDJSON file): give the enrolments and the
 * options first, then `add` each assessment as it is read, then `finish`. Each assessment is scored as it is
 * added and only a small record of it is kept (its ids, date, status and total; about a tenth of a parsed row), so
 * a million-row data set need not be held as objects. The result is the same as {@link summarizeOutcomes} over the
 * same records, whatever their order.
 *
 * @example
 * const s = createOutcomeSummarizer(data.enrolments, { asOf: '2026-12-31', groupBy: 'coach' });
 * for (const a of data.assessments) s.add(a);
 * const summary = s.finish({ plans: data.plans });
 */
export function createOutcomeSummarizer(
  enrolmentList: OutcomeSummaryInput['enrolments'],
  options: SummarizeOutcomesOptions,
): OutcomeSummarizer {
  const issues: DataIssue[] = [];
  const schedule = options.schedule ?? samhsaSuprt2025;
  const baselineId = options.baselinePointId ?? 'baseline';
  const target = options.followUpTarget ?? 0.8;
  const asOf = dayNumber(options.asOf);
  if (asOf === null) issues.push(dataIssue('invalid-date', ['asOf'], 'expected a calendar date YYYY-MM-DD'));
  const asOfDay = asOf ?? Number.NEGATIVE_INFINITY;

  const enrolments = new Map<string, SummaryEnrolment>();
  enrolmentList.forEach((e, i) => {
    const d = dayNumber(e.enrolledOn);
    if (d === null) {
      issues.push(
        dataIssue('invalid-date', ['enrolments', i, 'enrolledOn'], 'expected a calendar date YYYY-MM-DD'),
      );
      return;
    }
    if (e.exit !== undefined && dayNumber(e.exit.on) === null)
      issues.push(
        dataIssue('invalid-date', ['enrolments', i, 'exit', 'on'], 'expected a calendar date YYYY-MM-DD'),
      );
    if (d <= asOfDay && !enrolments.has(e.id)) enrolments.set(e.id, e);
  });

  // Responses by instrument id, of included enrolments, dated by asOf, in the order added; the ids of those of an
  // unknown instrument. One string per date for all the responses of that day.
  const byInstrument = new Map<
    string,
    { readonly def: InstrumentDefinition | undefined; readonly list: Entry[]; readonly ids: string[] }
  >();
  const dates = new Map<number, LocalDate>();
  let added = 0;

  return {
    add(a) {
      const i = added++;
      const enrolment = enrolments.get(a.enrolmentId);
      if (enrolment === undefined) return;
      const day = dayNumber(a.completedOn);
      if (day === null) {
        issues.push(
          dataIssue('invalid-date', ['assessments', i, 'completedOn'], 'expected a calendar date YYYY-MM-DD'),
        );
        return;
      }
      if (day > asOfDay) return;
      let state = byInstrument.get(a.instrument);
      if (state === undefined) {
        state = { def: instrumentById(a.instrument, options.instruments ?? []), list: [], ids: [] };
        byInstrument.set(a.instrument, state);
      }
      const def = state.def;
      if (def === undefined) {
        state.ids.push(a.id);
        return;
      }
      let completedOn = dates.get(day);
      if (completedOn === undefined) {
        completedOn = a.completedOn;
        dates.set(day, completedOn);
      }
      const r = scoreAssessment(a, def);
      state.list.push({
        id: a.id,
        enrolmentId: enrolment.id,
        instrument: def.id,
        completedOn,
        day,
        status: r.status,
        total: r.status === 'scored' ? r.total : undefined,
        codes: r.status === 'scored' ? undefined : r.issues.map((x) => x.code),
      });
    },

    finish(rest = {}) {
      const leaveOut = rest.leaveOut;
      const kept = <T>(list: readonly T[], idOf: (x: T) => string): readonly T[] =>
        leaveOut === undefined || leaveOut.size === 0 ? list : list.filter((x) => !leaveOut.has(idOf(x)));
      const all = [...issues];
      const instruments: InstrumentOutcomeSummary[] = [];
      const unknownInstruments: { instrumentId: string; assessments: number }[] = [];
      for (const id of [...byInstrument.keys()].sort()) {
        const state = byInstrument.get(id);
        if (state === undefined) continue;
        if (state.def === undefined) {
          const n = kept(state.ids, (x) => x).length;
          if (n > 0) unknownInstruments.push({ instrumentId: SAFE_ID.test(id) ? id : '?', assessments: n });
          continue;
        }
        const list = kept(state.list, (x) => x.id);
        if (list.length === 0) continue;
        instruments.push(
          summarizeInstrument(state.def, list, enrolments, schedule, baselineId, target, options),
        );
      }

      const { domains, untaggedGoals } = summarizeGoals(rest.plans ?? [], enrolments, asOfDay, all);
      return {
        asOf: options.asOf,
        scheduleId: schedule.id,
        scheduleVersion: schedule.version,
        enrolments: enrolments.size,
        instruments,
        unknownInstruments,
        domains,
        untaggedGoals,
        issues: all,
      };
    },
  };
}

function summarizeInstrument(
  def: InstrumentDefinition,
  list: readonly Entry[],
  enrolments: ReadonlyMap<string, SummaryEnrolment>,
  schedule: AssessmentSchedule,
  baselineId: string,
  target: number,
  options: SummarizeOutcomesOptions,
): InstrumentOutcomeSummary {
  const issueCounts: Partial<Record<InstrumentScoreIssueCode, number>> = {};
  let scoredCount = 0;
  let incomplete = 0;
  let invalid = 0;
  const totals = new Map<string, number>(); // assessment id -> total (complete responses only)
  const perEnrolment = new Map<string, Entry[]>();
  for (const entry of list) {
    if (entry.total !== undefined) {
      scoredCount++;
      totals.set(entry.id, entry.total);
    } else {
      if (entry.status === 'incomplete') incomplete++;
      else invalid++;
      for (const code of entry.codes ?? []) issueCounts[code] = (issueCounts[code] ?? 0) + 1;
    }
    const own = perEnrolment.get(entry.enrolmentId) ?? [];
    own.push(entry);
    perEnrolment.set(entry.enrolmentId, own);
  }

  const pairs: Pair[] = [];
  // Counted as the enrolments are evaluated: their evaluations are not kept (a million-row data set has hundreds
  // of thousands).
  const followUp = followUpTally();
  const groupOf = (enrolment: SummaryEnrolment, day: number): string =>
    options.groupBy === 'site'
      ? ((options.siteByEnrolment !== undefined && Object.hasOwn(options.siteByEnrolment, enrolment.id)
          ? options.siteByEnrolment[enrolment.id]
          : undefined) ?? NO_SITE)
      : coachOn(enrolment, day);
  const pointGroups = new Map<string, ReturnType<typeof followUpTally>>();
  const pairGroups = new Map<string, Pair[]>();

  // One pass over every enrolment started by the summary date: its schedule placed once (over every response and
  // over complete ones) serves the change by point (intake basis: all of them) and, for those with a response of
  // the instrument, the follow-up rate and the paired change.
  const byPoint = changeByPoint(def, schedule);
  for (const enrolmentId of [...enrolments.keys()].sort()) {
    const enrolment = enrolments.get(enrolmentId);
    if (enrolment === undefined) continue;
    const own = perEnrolment.get(enrolmentId);
    const placed = enrolmentPoints(enrolment, own ?? [], totals, schedule, options.asOf, def.id, baselineId);
    byPoint.add(enrolmentId, placed);
    if (own === undefined) continue;
    const evaluation = placed.all;
    const baseline = evaluation.points.find((p) => p.pointId === baselineId && p.occurrence === 1);
    const hasBaselinePoint = schedule.points.some((p) => p.id === baselineId);
    if (hasBaselinePoint && baseline?.status !== 'done') continue;
    for (const p of evaluation.points) followUp.add(p);
    if (options.groupBy !== undefined) {
      for (const p of evaluation.points) {
        if (!p.followUp || p.window === undefined) continue;
        const day = dayNumber(p.completedOn ?? p.window.target);
        if (day === null) continue;
        const key = groupOf(enrolment, day);
        const tally = pointGroups.get(key) ?? followUpTally();
        pointGroups.set(key, tally);
        tally.add(p);
      }
    }

    // Paired change: earliest complete response in the baseline window, latest complete one after it in another window.
    const window = baseline?.window;
    if (window === undefined) continue;
    const opens = dayNumber(window.opens);
    const closes = dayNumber(window.closes);
    if (opens === null || closes === null) continue;
    const complete = own
      .filter((x) => totals.has(x.id))
      .sort((x, y) => x.day - y.day || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const base = complete.find((x) => x.day >= opens && x.day <= closes);
    if (base === undefined) continue;
    const otherWindows = evaluation.points
      .filter((p) => !(p.pointId === baselineId && p.occurrence === 1) && p.window !== undefined)
      .map((p) => [dayNumber(p.window?.opens), dayNumber(p.window?.closes)] as const);
    const later = complete.filter(
      (x) =>
        x.day > base.day &&
        otherWindows.some(([o, c]) => o !== null && c !== null && x.day >= o && x.day <= c),
    );
    const follow = later[later.length - 1];
    if (follow === undefined) continue;
    const pair: Pair = {
      enrolmentId,
      baseline: totals.get(base.id) ?? 0,
      followUp: totals.get(follow.id) ?? 0,
      followUpDay: follow.day,
    };
    pairs.push(pair);
    if (options.groupBy !== undefined) {
      const key = groupOf(enrolment, follow.day);
      const own = pairGroups.get(key);
      if (own === undefined) pairGroups.set(key, [pair]);
      else own.push(pair);
    }
  }

  const groups: OutcomeGroupSummary[] = [];
  if (options.groupBy !== undefined) {
    const keys = [...new Set([...pointGroups.keys(), ...pairGroups.keys()])].sort();
    for (const key of keys) {
      const groupPairs = pairGroups.get(key) ?? [];
      groups.push({
        groupBy: options.groupBy,
        key,
        change: pairedChange(groupPairs),
        thresholds: crossings(groupPairs, def),
        followUp: (pointGroups.get(key) ?? followUpTally()).result(target),
      });
    }
  }

  return {
    instrumentId: def.id,
    instrumentVersion: def.version,
    abbreviation: def.abbreviation,
    responses: { n: list.length, scored: scoredCount, incomplete, invalid, issueCounts },
    change: pairedChange(pairs),
    thresholds: crossings(pairs, def),
    changeByPoint: byPoint.result(),
    followUp: followUp.result(target),
    groups,
  };
}

/**
 * Per follow-up point: pairs of complete baseline and complete response at the point (the schedule evaluated over
 * complete responses only), and attrition on an intake basis (every enrolment started by the summary date, with
 * or without an assessment of the instrument).
 */
function changeByPoint(
  def: InstrumentDefinition,
  schedule: AssessmentSchedule,
): { add(enrolmentId: string, placed: EnrolmentPoints): void; result(): PointChangeSummary[] } {
  interface Acc {
    pointId: string;
    occurrence: number;
    order: number;
    label: string;
    due: number;
    done: number;
    pairs: Pair[];
    lost: number[];
  }
  const acc = new Map<string, Acc>();
  const slot = (pointId: string, occurrence: number): Acc => {
    const key = `${pointId}\u0000${occurrence}`;
    let a = acc.get(key);
    if (a === undefined) {
      const order = schedule.points.findIndex((p) => p.id === pointId);
      a = {
        pointId,
        occurrence,
        order,
        label: schedule.points[order]?.label ?? pointId,
        due: 0,
        done: 0,
        pairs: [],
        lost: [],
      };
      acc.set(key, a);
    }
    return a;
  };
  const add = (enrolmentId: string, placed: EnrolmentPoints): void => {
    for (const p of placed.points) {
      if (!p.due) continue;
      const a = slot(p.point.pointId, p.point.occurrence);
      a.due++;
      if (p.point.status === 'done') a.done++;
      if (placed.baseline === undefined) continue;
      if (p.complete !== undefined)
        a.pairs.push({
          enrolmentId,
          baseline: placed.baseline.total,
          followUp: p.complete.total,
          followUpDay: p.complete.day,
        });
      else a.lost.push(placed.baseline.total);
    }
  };
  const result = (): PointChangeSummary[] =>
    [...acc.values()]
      .sort((x, y) => x.order - y.order || x.occurrence - y.occurrence)
      .map((a) => {
        const retained = a.pairs.map((p) => p.baseline);
        const welch = welchTTest(retained, a.lost);
        return {
          pointId: a.pointId,
          occurrence: a.occurrence,
          label: a.occurrence > 1 ? `${a.label}, occurrence ${a.occurrence}` : a.label,
          change: pairedChange(a.pairs),
          thresholds: crossings(a.pairs, def),
          attrition: {
            due: a.due,
            done: a.done,
            rate: a.due === 0 ? null : a.done / a.due,
            withBaseline: a.pairs.length + a.lost.length,
            paired: a.pairs.length,
            baselineNoPair: a.lost.length,
            retainedBaseline: baselineGroup(retained),
            lostBaseline: baselineGroup(a.lost),
            baselineDifference: welch.success ? welch.data : null,
          },
        };
      });
  return { add, result };
}

function summarizeGoals(
  plans: NonNullable<OutcomeSummaryInput['plans']>,
  enrolments: ReadonlyMap<string, SummaryEnrolment>,
  asOfDay: number,
  issues: DataIssue[],
): { domains: OutcomeDomainSummary[]; untaggedGoals: number } {
  const latest = new Map<string, NonNullable<OutcomeSummaryInput['plans']>[number]>();
  plans.forEach((p, i) => {
    if (!enrolments.has(p.enrolmentId)) return;
    const d = dayNumber(p.createdOn);
    if (d === null) {
      issues.push(
        dataIssue('invalid-date', ['plans', i, 'createdOn'], 'expected a calendar date YYYY-MM-DD'),
      );
      return;
    }
    if (d > asOfDay) return;
    const prev = latest.get(p.enrolmentId);
    if (prev === undefined || p.version > prev.version) latest.set(p.enrolmentId, p);
  });

  const counts = new Map<
    NomsDomain,
    {
      n: number;
      byStatus: Record<GoalStatus, number>;
      byOutcome: Partial<Record<ExpectedOutcome, number>>;
      people: Set<string>;
    }
  >();
  for (const domain of NOMS_DOMAINS) {
    const byStatus = Object.fromEntries(GoalStatus.options.map((s) => [s, 0])) as Record<GoalStatus, number>;
    const byOutcome: Partial<Record<ExpectedOutcome, number>> = {};
    for (const o of ExpectedOutcome.options)
      if (EXPECTED_OUTCOME_INFO[o].nomsDomain === domain) byOutcome[o] = 0;
    counts.set(domain, { n: 0, byStatus, byOutcome, people: new Set() });
  }
  let untaggedGoals = 0;
  for (const [enrolmentId, plan] of [...latest.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    for (const goal of plan.goals) {
      const outcome = goal.outcome;
      const info =
        outcome !== undefined && Object.hasOwn(EXPECTED_OUTCOME_INFO, outcome)
          ? EXPECTED_OUTCOME_INFO[outcome]
          : undefined;
      if (info === undefined) {
        untaggedGoals++;
        continue;
      }
      const c = counts.get(info.nomsDomain);
      if (c === undefined) continue;
      c.n++;
      if (Object.hasOwn(c.byStatus, goal.status)) c.byStatus[goal.status]++;
      c.byOutcome[info.outcome] = (c.byOutcome[info.outcome] ?? 0) + 1;
      c.people.add(enrolmentId);
    }
  }
  const domains = NOMS_DOMAINS.map((domain): OutcomeDomainSummary => {
    const c = counts.get(domain) ?? {
      n: 0,
      byStatus: {} as Record<GoalStatus, number>,
      byOutcome: {},
      people: new Set(),
    };
    const open = c.n - (c.byStatus.cancelled ?? 0);
    return {
      domain,
      label: NOMS_DOMAIN_LABELS[domain],
      n: c.n,
      enrolments: c.people.size,
      byStatus: c.byStatus,
      byOutcome: c.byOutcome,
      achievedShare: open === 0 ? null : (c.byStatus.achieved ?? 0) / open,
    };
  });
  return { domains, untaggedGoals };
}

import { addDays, firstDayOfMonth, lastDayOfMonth, type YearMonth } from '../../calendar/index';
import { formatYearMonth, monthKeyOfDay, toDayNumber } from '../../calendar/localDate';
import type { LocalDate } from '../../model/primitives';
import type { ContactMode } from '../../model/vocabulary';
import {
  dateOfDay,
  dayEnd,
  type EnrolmentRecords,
  makeFinding,
  type OutputMemo,
  type RuleContext,
  visible,
} from '../context';
import { type FindingSpec, type ObligationSpec, rowFinding, rowObligation } from '../lazy';
import type { Finding, Obligation, RuleResult } from '../result';
import { activeIntervals, enrolmentSubject, notApplicable, result, stageOn, visibleExit } from '../shared';

const RULE = 'in-person-contact';

/** A month's obligation as a row: `text` the month, `flag` 1 when any counted mode counts (see `lazy.ts`). */
const MONTH: ObligationSpec = {
  ruleId: RULE,
  counted: true,
  id: (r) => `${RULE}:${r.text}`,
  key: (r) => ({ month: r.text }),
  label: (r) =>
    `${r.flag === 1 ? 'Contact' : 'In-person meeting'}${r.required > 1 ? `s (${r.required})` : ''} in ${r.text}`,
};

/** A missed month as a row: `a` the month, `b` required, `c` the count, `d` the stage; `index` the enrolment's. */
function missedMonth(
  code: 'in-person-contact.missed-month' | 'in-person-contact.missed-month-any-mode',
): FindingSpec {
  return {
    ruleId: RULE,
    code,
    path: (r) => `enrolments[${r.index}]`,
    expected: (r) => ({ inPersonMeetings: r.b as number, month: r.a as string }),
    found: (r) => ({ inPersonMeetings: r.c as number }),
    params: (r) => ({
      month: r.a as string,
      count: r.c as number,
      required: r.b as number,
      stage: r.d as string,
    }),
  };
}
const MISSED = missedMonth('in-person-contact.missed-month');
const MISSED_ANY_MODE = missedMonth('in-person-contact.missed-month-any-mode');

/**
 * In-person contact: at least the required number of in-person meetings in each calendar month of active
 * enrolment, counted in the program's time zone; the minimum is set per recovery stage, and may be higher in the
 * first months.
 *
 * Sources: Recovery Connect Peer Recovery Coaching Program guidelines, Peer-Mentor Responsibilities item 3: "In-person
 * meeting with Peer at least once a month", "more frequent in the beginning"; the service definition, Recommended
 * Duration: "no less than monthly".
 *
 * Decisions:
 * - Months are calendar months in the program's time zone: a meeting at 23:30 local on 31 January is a January
 *   meeting even when it is already February in UTC.
 * - A month counts only if the peer was active (enrolled, not on hold, not exited) on at least `minActiveDaysInMonth`
 *   of its days (14 by default). So a partial first month (enrolled late in the month), a partial last month and a
 *   month mostly on hold are `not-applicable`, not missed. Days on hold are not active when the pack's `holdsPause`
 *   names this rule (the default, and every built-in pack; other clocks pause only where `holdsPause` says so).
 *   Meetings held during a hold still count: the service definition lists inpatient, detox
 *   and jail settings as places of service, and the guidelines speak of support "during and after" treatment.
 * - `countedModes` (default in person only) are the contact modes that count; the service-definition pack counts
 *   every mode ("secondarily by telephone, or via social media") and checks separately, with
 *   `faceToFaceMinShare`, that at least that share of the contacts of completed months were in person.
 * - The current month is never missed: it is `open`/`due-soon` (pending) until its last day ends; it is `met` as
 *   soon as the required meetings are recorded.
 * - The required number is the stage minimum of the stage in force on the month's first active day; in the first
 *   `startPeriod.months` months (counted from the enrolment month) it is at least `startPeriod.minPerMonth`.
 * - A change of coach does not matter: the obligation belongs to the enrolment, and any coach's meeting counts.
 *
 * @example
 * const r = inPersonContact(ctx, records);
 * r.obligations.find((o) => o.id === 'in-person-contact:2026-04')?.status; // 'missed'
 */
export function inPersonContact(ctx: RuleContext, rec: EnrolmentRecords): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const e = rec.enrolment;
  const subject = enrolmentSubject(e);
  if (e.enrolledOn > ctx.asOfDate) return notApplicable(RULE, subject);
  const exit = visibleExit(ctx, e);
  const lastInvolved = exit ? exit.on : ctx.asOfDate;
  // Obligations run to the end of the month of the last involved day (the current month is pending).
  const horizon = exit ? exit.on : lastDayOfMonth(toYearMonthOfDate(ctx.asOfDate));
  const intervals = activeIntervals(ctx, e, horizon, RULE);
  const modes = settings.countedModes?.value ?? IN_PERSON;
  const anyMode = modes.some((m) => m !== 'in-person');
  // Local days as day numbers (compared as the dates they stand for); months as month keys (year * 12 + month - 1).
  const enrolledDay = toDayNumber(e.enrolledOn);
  const lastDay = toDayNumber(lastInvolved);
  const firstKey = monthKeyOfDay(enrolledDay);
  const monthCount = lastDay < enrolledDay ? 0 : monthKeyOfDay(lastDay) - firstKey + 1;
  // The counted meetings of each month (epoch ms), by month index from the enrolment month.
  const inPerson: (number[] | undefined)[] = new Array(monthCount);
  // For the face-to-face share: contacts in completed months (any mode), and how many were in person.
  const shareUntil = exit ? exit.on : lastDayOfPreviousMonth(ctx.asOfDate);
  const shareUntilDay = toDayNumber(shareUntil);
  const withShare = settings.faceToFaceMinShare !== undefined;
  let shareTotal = 0;
  let shareInPerson = 0;
  for (const c of rec.contacts) {
    if (!visible(ctx, c)) continue;
    const mode = c.record.mode;
    const counted = modes.includes(mode);
    if (!counted && !withShare) continue;
    const day = c.day;
    // Meetings held during a hold (in hospital, detox, jail) count: the service definition lists those settings.
    if (day < enrolledDay || day > lastDay) continue;
    if (day <= shareUntilDay) {
      shareTotal++;
      if (mode === 'in-person') shareInPerson++;
    }
    if (!counted) continue;
    const i = monthKeyOfDay(day) - firstKey;
    const bucket = inPerson[i];
    if (bucket) bucket.push(c.at);
    else inPerson[i] = [c.at];
  }
  const { startPeriod, minActiveDaysInMonth, minPerMonthByStage } = settings;
  const findings: Finding[] = [];
  const obligations: Obligation[] = [];
  const firstMonth = toYearMonthOfDate(e.enrolledOn);
  // The active intervals as local day numbers (compared and counted as the dates they stand for).
  const spans = intervals.map(([a, b]) => [toDayNumber(a), toDayNumber(b)] as const);
  for (let monthIndex = 0; monthIndex < monthCount; monthIndex++) {
    const {
      ym,
      start: monthStart,
      end: monthEnd,
      startDay,
      endDay,
      endMs: monthEndMs,
    } = monthOf(ctx, firstKey + monthIndex);
    let activeDays = 0;
    let firstActive = Number.NaN;
    for (const [a, b] of spans) {
      const from = a > startDay ? a : startDay;
      const to = b < endDay ? b : endDay;
      if (from > to) continue;
      activeDays += to - from + 1;
      if (!(from >= firstActive)) firstActive = from;
    }
    const stage = stageOn(e, Number.isNaN(firstActive) ? monthStart : dateOfDay(ctx, firstActive));
    const stageMin = minPerMonthByStage.value[stage] ?? 0;
    const inStart = monthIndex < startPeriod.value.months && ym >= firstMonth;
    const required = inStart ? Math.max(stageMin, startPeriod.value.minPerMonth) : stageMin;
    // Due on the month's last day of involvement (its end, or the exit day): meetings during a hold count too.
    const dueOn = exit && exit.on < monthEnd ? exit.on : monthEnd;
    const dueAtMs = dueOn === monthEnd ? monthEndMs : dayEnd(ctx, dueOn);
    const meetings = inPerson[monthIndex];
    const count = meetings === undefined ? 0 : meetings.length;
    // A month with too few active days, or nothing required, is not applicable (its meetings still counted).
    const idle = activeDays < minActiveDaysInMonth.value || required === 0;
    // Met at the required-th meeting in time order (contacts usually come in time order: sorted only when not).
    const metAtMs =
      !idle && meetings !== undefined && count >= required ? inOrder(meetings)[required - 1] : undefined;
    const o = rowObligation(
      ctx,
      MONTH,
      subject,
      ym,
      anyMode ? 1 : 0,
      dueOn,
      dueAtMs,
      metAtMs,
      'window',
      required,
      count,
      idle ? 'not-applicable' : undefined,
    );
    obligations.push(o);
    if (idle) continue;
    if (o.status === 'missed') {
      findings.push(
        rowFinding(
          ctx,
          anyMode ? MISSED_ANY_MODE : MISSED,
          subject,
          inStart ? startPeriod.source : minPerMonthByStage.source,
          dueOn,
          dueAtMs,
          rec.index,
          ym,
          required,
          count,
          stage,
        ),
      );
    }
  }
  const minShare = settings.faceToFaceMinShare;
  if (minShare !== undefined && shareTotal > 0 && shareInPerson < minShare.value * shareTotal) {
    const minPercent = Math.round(minShare.value * 100);
    const percent = Math.round((shareInPerson / shareTotal) * 100);
    findings.push(
      makeFinding(ctx, {
        ruleId: RULE,
        code: 'in-person-contact.face-to-face-share-low',
        subject,
        path: `enrolments[${rec.index}]`,
        expected: { inPersonShareAtLeast: minShare.value },
        found: { inPerson: shareInPerson, contacts: shareTotal },
        params: { inPerson: shareInPerson, contacts: shareTotal, percent, minPercent, until: shareUntil },
        source: minShare.source,
      }),
    );
  }
  return result(
    RULE,
    subject,
    findings,
    obligations,
    obligations.some((o) => o.status !== 'not-applicable') || shareTotal > 0,
  );
}

const IN_PERSON: readonly ContactMode[] = ['in-person'];

/**
 * A calendar month (`YYYY-MM`), its first and last days, as dates and local day numbers, and the end of its last day
 * in the program's zone (epoch ms, the usual due instant of its obligation).
 */
interface MonthBounds {
  readonly ym: YearMonth;
  readonly start: LocalDate;
  readonly end: LocalDate;
  readonly startDay: number;
  readonly endDay: number;
  readonly endMs: number;
}

/** Per evaluation (keyed by its output memo, so pure per call): month bounds by month key. */
const memos = new WeakMap<OutputMemo, Map<number, MonthBounds>>();

/** The bounds of the month of a month key (year * 12 + month - 1), memoised per evaluation. */
function monthOf(ctx: RuleContext, key: number): MonthBounds {
  let months = memos.get(ctx.out);
  if (months === undefined) {
    months = new Map();
    memos.set(ctx.out, months);
  }
  let b = months.get(key);
  if (b === undefined) {
    const year = Math.floor(key / 12);
    const ym = formatYearMonth(year, key - year * 12 + 1);
    const start = firstDayOfMonth(ym);
    const end = lastDayOfMonth(ym);
    b = { ym, start, end, startDay: toDayNumber(start), endDay: toDayNumber(end), endMs: dayEnd(ctx, end) };
    months.set(key, b);
  }
  return b;
}

/** `times` in ascending order: itself when it already is, else sorted in place. */
function inOrder(times: number[]): number[] {
  for (let i = 1; i < times.length; i++)
    if ((times[i] as number) < (times[i - 1] as number)) return times.sort((x, y) => x - y);
  return times;
}

/** The last day of the month before the month of `d`. */
function lastDayOfPreviousMonth(d: LocalDate): LocalDate {
  return addDays(firstDayOfMonth(toYearMonthOfDate(d)), -1);
}

function toYearMonthOfDate(d: LocalDate): YearMonth {
  return d.slice(0, 7);
}

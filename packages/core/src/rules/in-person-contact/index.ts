import {
  daysBetween,
  firstDayOfMonth,
  lastDayOfMonth,
  monthsInRange,
  toLocalDate,
  type YearMonth,
} from '../../calendar/index';
import type { LocalDate } from '../../model/primitives';
import {
  dayEnd,
  type EnrolmentRecords,
  makeFinding,
  makeObligation,
  type RuleContext,
  visible,
} from '../context';
import type { Finding, Obligation, RuleResult } from '../result';
import { activeIntervals, enrolmentSubject, notApplicable, result, stageOn, visibleExit } from '../shared';

const RULE = 'in-person-contact';

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
 *   month mostly on hold are `not-applicable`, not missed. Meetings during a hold do not count.
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
  const intervals = activeIntervals(ctx, e, horizon);
  const inPerson = new Map<YearMonth, number[]>();
  for (const c of rec.contacts) {
    if (c.record.mode !== 'in-person' || !visible(ctx, c)) continue;
    const ms = c.at;
    const day = toLocalDate(ms, ctx.timeZone);
    if (!intervals.some(([a, b]) => a <= day && day <= b)) continue;
    const ym = day.slice(0, 7);
    const bucket = inPerson.get(ym);
    if (bucket) bucket.push(ms);
    else inPerson.set(ym, [ms]);
  }
  const { startPeriod, minActiveDaysInMonth, minPerMonthByStage } = settings;
  const findings: Finding[] = [];
  const obligations: Obligation[] = [];
  const firstMonth = toYearMonthOfDate(e.enrolledOn);
  const months = monthsInRange(e.enrolledOn, lastInvolved);
  months.forEach((ym, monthIndex) => {
    const monthStart = firstDayOfMonth(ym);
    const monthEnd = lastDayOfMonth(ym);
    let activeDays = 0;
    let firstActive: LocalDate | undefined;
    let lastActive: LocalDate | undefined;
    for (const [a, b] of intervals) {
      const from = a > monthStart ? a : monthStart;
      const to = b < monthEnd ? b : monthEnd;
      if (from > to) continue;
      activeDays += daysBetween(from, to) + 1;
      if (firstActive === undefined || from < firstActive) firstActive = from;
      if (lastActive === undefined || to > lastActive) lastActive = to;
    }
    const stage = stageOn(e, firstActive ?? monthStart);
    const stageMin = minPerMonthByStage.value[stage] ?? 0;
    const inStart = monthIndex < startPeriod.value.months && ym >= firstMonth;
    const required = inStart ? Math.max(stageMin, startPeriod.value.minPerMonth) : stageMin;
    const dueOn = lastActive ?? monthEnd;
    const id = `${RULE}:${ym}`;
    const key = { month: ym };
    const label = `In-person meeting${required > 1 ? `s (${required})` : ''} in ${ym}`;
    const meetings = (inPerson.get(ym) ?? []).sort((x, y) => x - y);
    if (activeDays < minActiveDaysInMonth.value || required === 0) {
      obligations.push(
        makeObligation(ctx, {
          id,
          key,
          ruleId: RULE,
          subject,
          label,
          dueOn,
          kind: 'window',
          status: 'not-applicable',
          required,
          count: meetings.length,
        }),
      );
      return;
    }
    const metAtMs = meetings.length >= required ? meetings[required - 1] : undefined;
    const o = makeObligation(ctx, {
      id,
      key,
      ruleId: RULE,
      subject,
      label,
      dueOn,
      dueAtMs: dayEnd(ctx, dueOn),
      kind: 'window',
      required,
      count: meetings.length,
      ...(metAtMs === undefined ? {} : { metAtMs }),
    });
    obligations.push(o);
    if (o.status === 'missed') {
      findings.push(
        makeFinding(ctx, {
          ruleId: RULE,
          code: 'in-person-contact.missed-month',
          subject,
          path: `enrolments[${rec.index}]`,
          expected: { inPersonMeetings: required, month: ym },
          found: { inPersonMeetings: meetings.length },
          params: { month: ym, count: meetings.length, required, stage },
          source: inStart ? startPeriod.source : minPerMonthByStage.source,
          dueOn,
          dueAt: o.dueAt,
        }),
      );
    }
  });
  return result(
    RULE,
    subject,
    findings,
    obligations,
    obligations.some((o) => o.status !== 'not-applicable'),
  );
}

function toYearMonthOfDate(d: LocalDate): YearMonth {
  return d.slice(0, 7);
}

import { addDays } from '../../calendar/index';
import {
  dateOfDay,
  dayEnd,
  type EnrolmentRecords,
  type FindingInput,
  makeFinding,
  makeObligation,
  type RuleContext,
  visible,
} from '../context';
import type { Finding, Obligation, RuleResult } from '../result';
import { enrolmentSubject, notApplicable, result, visibleExit } from '../shared';

const RULE = 'crisis-follow-up';

/**
 * Contact after a lapse or crisis: after each recorded `lapse` or `crisis` event of an enrolment, the coach is in
 * contact with the peer (any mode) within `withinDays` days.
 *
 * Sources: Recovery Connect Peer Recovery Coaching Program guidelines, Peer-Mentor Responsibilities item 3: contact
 * "will be more frequent in the beginning or if necessary"; Peer Responsibilities item 2: "more frequently if advised
 * or necessary", in person, by phone or e-mail. The sources give no number of days: `withinDays` is a program choice.
 *
 * Decisions: a contact counts from the start of the event's day (in the program's zone), by any coach and in any
 * mode; the first one meets the obligation, late when after the due day (`crisis-follow-up.late`). An event before
 * the enrolment date or after its exit is not counted; an obligation whose due day is after the exit lapses
 * (`not-applicable`) when no contact was made before the exit. The event's kind and date are the peer's health
 * information: findings name neither, only the due day.
 *
 * @example
 * crisisFollowUp(ctx, records).obligations.map((o) => [o.dueOn, o.status]); // [['2026-05-08', 'met']]
 */
export function crisisFollowUp(ctx: RuleContext, rec: EnrolmentRecords): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const e = rec.enrolment;
  const subject = enrolmentSubject(e);
  const day = ctx.asOfDate;
  const exit = visibleExit(ctx, e);
  const events = (e.events ?? [])
    .map((ev, j) => ({ ev, j }))
    .filter(({ ev }) => ev.on <= day && ev.on >= e.enrolledOn && !(exit && ev.on > exit.on));
  if (events.length === 0) return notApplicable(RULE, subject);
  const within = settings.withinDays.value;
  const contacts = rec.contacts.filter((c) => visible(ctx, c)).sort((a, b) => a.at - b.at);
  const findings: Finding[] = [];
  const obligations: Obligation[] = [];
  for (const { ev, j } of events) {
    const from = dayEnd(ctx, addDays(ev.on, -1)) + 1;
    const dueOn = addDays(ev.on, within);
    const met = contacts.find((c) => c.at >= from);
    const lapsed =
      exit !== undefined && exit.on < dueOn && (met === undefined || met.at > dayEnd(ctx, exit.on));
    const o = makeObligation(ctx, {
      id: `${RULE}:event-${j}`,
      ruleId: RULE,
      subject,
      label: `Contact the peer within ${within} day(s) of a recorded event`,
      dueOn,
      kind: 'catch-up',
      ...(met === undefined ? {} : { metAtMs: met.at }),
      ...(lapsed ? { status: 'not-applicable' as const } : {}),
    });
    obligations.push(o);
    let finding: Pick<FindingInput, 'code' | 'path' | 'expected' | 'found' | 'params'> | undefined;
    if (o.status === 'overdue') {
      const daysLate = o.lateByDays ?? 0;
      finding = {
        code: 'crisis-follow-up.no-contact',
        path: `enrolments[${rec.index}].events[${j}]`,
        expected: { contactBy: dueOn },
        found: { contact: false, daysLate },
        params: { dueOn, withinDays: within, daysLate },
      };
    } else if (o.status === 'met' && met !== undefined && o.lateByDays !== undefined) {
      const contactOn = dateOfDay(ctx, met.day);
      finding = {
        code: 'crisis-follow-up.late',
        path: `contacts[${met.index}]`,
        expected: { contactBy: dueOn },
        found: { contactOn, daysLate: o.lateByDays },
        params: { dueOn, contactOn, withinDays: within, daysLate: o.lateByDays },
      };
    }
    if (finding)
      findings.push(
        makeFinding(ctx, {
          ...finding,
          ruleId: RULE,
          subject,
          source: settings.withinDays.source,
          dueOn,
          dueAt: o.dueAt,
        }),
      );
  }
  return result(RULE, subject, findings, obligations, true);
}

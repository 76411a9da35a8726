import { replyDeadlineOfDay, toEpoch, toLocalDate } from '../../calendar/index';
import { localDayNumber } from '../../calendar/zone';
import { holdsPausedBy } from '../../packs/schema';
import {
  dateOfDay,
  type EnrolmentRecords,
  lateDays,
  makeFinding,
  makeObligation,
  perDay,
  type RuleContext,
  visible,
} from '../context';
import type { Finding, Obligation, RuleResult } from '../result';
import { enrolmentSubject, onHold, result, visibleExit } from '../shared';

const RULE = 'reply-timeliness';

/**
 * Replies: each message from the peer is answered within N business days (1 by default) of the day it was received,
 * in the program's business calendar (time zone, weekend days, holidays).
 *
 * Source: Recovery Connect Peer Recovery Coaching Program guidelines, Peer-Mentor Responsibilities item 4: "returns
 * messages and email promptly, preferably within one business day". "Preferably": the built-in pack makes this a
 * warning.
 *
 * Decisions: the reply is due by the end (local midnight) of the N-th business day after the local day of receipt,
 * so a message left on Friday evening before a Monday holiday is due by the end of Tuesday, and one left on a
 * Saturday by the end of Monday. An unanswered message becomes `overdue` at that instant; a late reply meets the
 * obligation late and replaces the overdue finding with a `late` one. Messages received after the enrolment ended are
 * not counted; nor, when the pack's `holdsPause` names this rule, messages received on a day on hold (no built-in
 * pack does: a peer in hospital may still write, and the guidelines ask for replies "promptly").
 *
 * @example
 * const r = replyTimeliness(ctx, records);
 * r.obligations[0]; // { id: 'reply-timeliness:m1', dueOn: '2026-05-26', status: 'met', ... }
 */
export function replyTimeliness(ctx: RuleContext, rec: EnrolmentRecords): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const e = rec.enrolment;
  const subject = enrolmentSubject(e);
  const businessDays = settings.businessDays.value;
  const exit = visibleExit(ctx, e);
  const calendar = ctx.program.calendar;
  const findings: Finding[] = [];
  const obligations: Obligation[] = [];
  const pauseReplies = e.holds.length > 0 && holdsPausedBy(ctx.pack).has(RULE);
  for (const item of rec.messages) {
    if (!visible(ctx, item)) continue;
    const { record: m, index } = item;
    const receivedOn = dateOfDay(ctx, item.day);
    if (receivedOn < e.enrolledOn || (exit && receivedOn > exit.on)) continue;
    // A message received on a day on hold makes no reply obligation where the pack pauses replies during holds.
    if (pauseReplies && onHold(ctx, e, receivedOn)) continue;
    // One deadline per day of receipt, computed once per evaluation (a per-program table).
    const dueAtMs = perDay(ctx, RULE, item.day, (d) =>
      replyDeadlineOfDay(d, businessDays, calendar, ctx.timeZone),
    );
    const dueOn = dateOfDay(
      ctx,
      perDay(ctx, `${RULE}:due-day`, item.day, () => localDayNumber(dueAtMs, ctx.timeZone)),
    );
    const repliedMs = m.repliedAt === undefined ? undefined : toEpoch(m.repliedAt);
    const visibleReply = repliedMs !== undefined && repliedMs <= ctx.asOfMs ? repliedMs : undefined;
    const o = makeObligation(ctx, {
      id: `${RULE}:${m.id}`,
      key: { messageId: m.id },
      ruleId: RULE,
      subject,
      label: `Reply to message ${m.id}`,
      dueOn,
      dueAtMs,
      metAtMs: visibleReply,
      kind: 'catch-up',
    });
    obligations.push(o);
    if (visibleReply !== undefined && visibleReply > dueAtMs) {
      const repliedOn = toLocalDate(visibleReply, ctx.timeZone);
      findings.push(
        makeFinding(ctx, {
          ruleId: RULE,
          subject,
          path: `messages[${index}]`,
          dueOn,
          dueAt: o.dueAt,
          code: 'reply-timeliness.late',
          expected: { repliedBy: o.dueAt, businessDays },
          found: { repliedOn, daysLate: lateDays(ctx, dueOn, visibleReply) },
          params: { receivedOn, repliedOn, dueOn, businessDays },
        }),
      );
    } else if (o.status === 'overdue') {
      findings.push(
        makeFinding(ctx, {
          ruleId: RULE,
          subject,
          path: `messages[${index}]`,
          dueOn,
          dueAt: o.dueAt,
          code: 'reply-timeliness.overdue',
          expected: { repliedBy: o.dueAt, businessDays },
          found: { replied: false, daysLate: o.lateByDays ?? 1 },
          params: { receivedOn, dueOn, businessDays },
        }),
      );
    }
  }
  return result(RULE, subject, findings, obligations, obligations.length > 0);
}

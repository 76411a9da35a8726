import { replyDeadlineOfDay, toEpoch } from '../../calendar/index';
import { toDayNumber } from '../../calendar/localDate';
import { localDayNumber } from '../../calendar/zone';
import { holdsPausedBy } from '../../packs/schema';
import {
  cachedIso,
  dateOfDay,
  dayTable,
  type EnrolmentRecords,
  lateDays,
  type RuleContext,
  visible,
} from '../context';
import { type FindingSpec, localDateOf, type ObligationSpec, rowFinding, rowObligation } from '../lazy';
import type { Finding, Obligation, RuleResult } from '../result';
import { enrolmentSubject, onHold, result, visibleExit } from '../shared';

const RULE = 'reply-timeliness';
const DUE_DAY = `${RULE}:due-day` as const;

/** A reply's obligation as a row: `text` the message id (see `lazy.ts`). */
const REPLY: ObligationSpec = {
  ruleId: RULE,
  counted: false,
  id: (r) => `${RULE}:${r.text}`,
  key: (r) => ({ messageId: r.text }),
  label: (r) => `Reply to message ${r.text}`,
};

/** A late reply as a row: `a` the day of receipt, `b` the reply (epoch ms), `c` days late, `d` business days. */
const LATE: FindingSpec = {
  ruleId: RULE,
  code: 'reply-timeliness.late',
  path: (r) => `messages[${r.index}]`,
  expected: (r) => ({ repliedBy: cachedIso(r.out, r.dueAtMs), businessDays: r.d as number }),
  found: (r) => ({ repliedOn: localDateOf(r.out, r.b as number), daysLate: r.c as number }),
  params: (r) => ({
    receivedOn: r.a as string,
    repliedOn: localDateOf(r.out, r.b as number),
    dueOn: r.dueOn as string,
    businessDays: r.d as number,
  }),
};

/** An unanswered message past its reply time as a row: `a` the day of receipt, `c` days late, `d` business days. */
const OVERDUE: FindingSpec = {
  ruleId: RULE,
  code: 'reply-timeliness.overdue',
  path: (r) => `messages[${r.index}]`,
  expected: (r) => ({ repliedBy: cachedIso(r.out, r.dueAtMs), businessDays: r.d as number }),
  found: (r) => ({ replied: false, daysLate: r.c as number }),
  params: (r) => ({ receivedOn: r.a as string, dueOn: r.dueOn as string, businessDays: r.d as number }),
};

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
  // The reply deadline of a day of receipt, and the local day of that deadline: per-program tables (see `perDay`),
  // read here without a closure or a table lookup per message.
  const deadlines = dayTable(ctx, RULE);
  const dueDays = dayTable(ctx, DUE_DAY);
  // Days as day numbers (compared as the dates they stand for).
  const enrolledDay = toDayNumber(e.enrolledOn);
  const exitDay = exit ? toDayNumber(exit.on) : Number.POSITIVE_INFINITY;
  for (const item of rec.messages) {
    if (!visible(ctx, item)) continue;
    const { record: m, index } = item;
    const day = item.day;
    const receivedOn = dateOfDay(ctx, day);
    if (day < enrolledDay || day > exitDay) continue;
    // A message received on a day on hold makes no reply obligation where the pack pauses replies during holds.
    if (pauseReplies && onHold(ctx, e, receivedOn)) continue;
    // One deadline per day of receipt, computed once per evaluation (a per-program table).
    let dueAtMs = deadlines.get(day);
    if (dueAtMs === undefined) {
      dueAtMs = replyDeadlineOfDay(day, businessDays, calendar, ctx.timeZone);
      deadlines.set(day, dueAtMs);
    }
    let dueDay = dueDays.get(day);
    if (dueDay === undefined) {
      dueDay = localDayNumber(dueAtMs, ctx.timeZone);
      dueDays.set(day, dueDay);
    }
    const dueOn = dateOfDay(ctx, dueDay);
    const repliedMs = m.repliedAt === undefined ? undefined : toEpoch(m.repliedAt);
    const visibleReply = repliedMs !== undefined && repliedMs <= ctx.asOfMs ? repliedMs : undefined;
    const o = rowObligation(
      ctx,
      REPLY,
      subject,
      m.id,
      0,
      dueOn,
      dueAtMs,
      visibleReply,
      'catch-up',
      0,
      0,
      undefined,
    );
    obligations.push(o);
    if (visibleReply !== undefined && visibleReply > dueAtMs) {
      findings.push(
        rowFinding(
          ctx,
          LATE,
          subject,
          undefined,
          dueOn,
          dueAtMs,
          index,
          receivedOn,
          visibleReply,
          lateDays(ctx, dueOn, visibleReply),
          businessDays,
        ),
      );
    } else if (o.status === 'overdue') {
      findings.push(
        rowFinding(
          ctx,
          OVERDUE,
          subject,
          undefined,
          dueOn,
          dueAtMs,
          index,
          receivedOn,
          undefined,
          o.lateByDays ?? 1,
          businessDays,
        ),
      );
    }
  }
  return result(RULE, subject, findings, obligations, obligations.length > 0);
}

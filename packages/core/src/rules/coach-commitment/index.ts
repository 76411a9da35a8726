import type { Coach } from '../../model/domain';
import type { LocalDate } from '../../model/primitives';
import {
  type EnrolmentRecords,
  type Indexed,
  makeFinding,
  makeObligation,
  type RuleContext,
} from '../context';
import type { Finding, Obligation, RuleResult } from '../result';
import {
  coachStatusIn,
  coachSubject,
  enrolmentSubject,
  notApplicable,
  removingIncidents,
  result,
  visibleExit,
} from '../shared';

const RULE = 'coach-commitment';

/**
 * The last day of a coach's commitment as known on `day`: the term's end, or the latest extension agreed by then.
 *
 * @example
 * commitmentEndOn(coach, '2026-11-25'); // '2027-01-14'
 */
export function commitmentEndOn(coach: Coach, day: LocalDate): LocalDate | undefined {
  const c = coach.commitment;
  if (!c) return undefined;
  let end = c.endOn;
  for (const x of c.extensions) if (x.agreedOn <= day && x.untilOn > end) end = x.untilOn;
  return end;
}

/**
 * Coach commitment and exit, for a coach: an active coach has a commitment term (one year, extensible) that has not
 * run out; a coach who leaves gives written notice; a recorded boundary violation (item 6) and, where the pack says
 * so (`guidelinesBreachRemoves`), a recorded guidelines breach (item 7) remove the coach.
 *
 * Sources: Recovery Connect Peer Recovery Coaching Program guidelines, Peer-Mentor Responsibilities item 8: "commitment
 * is for a year, and if agreeable to Peer, can be extended indefinitely", "promptly notify ... in writing so that a
 * suitable replacement may be found"; item 6: "an emotional or sexual relationship"; item 7: "Failure to adhere
 * to these guidelines will result in" removal from the mentoring list.
 *
 * Decisions: the term's end is the recorded `endOn` (the pack's `termMonths` is the default term used when a term is
 * created; `0` means the pack sets no term and none is checked), extended by extensions agreed by the evaluation
 * day. Notice is looked for on the `on-notice` or
 * `withdrawn` entry or an earlier `on-notice` entry. The peers a departed coach leaves behind are findings of each
 * enrolment (see {@link peerReassignment}).
 *
 * @example
 * coachCommitment(ctx, { record: coach, index: 0 }).findings.map((f) => f.code); // ['coach-commitment.term-ended']
 */
export function coachCommitment(ctx: RuleContext, indexed: Indexed<Coach>): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const coach = indexed.record;
  const subject = coachSubject(coach);
  const day = ctx.asOfDate;
  const path = `coaches[${indexed.index}]`;
  const findings: Finding[] = [];
  const obligations: Obligation[] = [];
  const history = coach.statusHistory.filter((s) => s.from <= day);
  if (history.length === 0) return notApplicable(RULE, subject);
  const current = history[history.length - 1]!;
  const removing = removingIncidents(ctx.pack);
  const derived = coachStatusIn(ctx, coach, day)?.status;
  // `termMonths: 0`: the pack sets no commitment term (e.g. staff coaches), so none is checked.
  if (settings.termMonths.value > 0 && (derived === 'active' || derived === 'on-notice')) {
    const end = commitmentEndOn(coach, day);
    if (end === undefined) {
      findings.push(
        makeFinding(ctx, {
          ruleId: RULE,
          code: 'coach-commitment.no-commitment',
          subject,
          path: `${path}.commitment`,
          expected: { termMonths: settings.termMonths.value },
          found: { commitment: null },
          params: {},
          source: settings.termMonths.source,
        }),
      );
    } else {
      if (settings.extensionNeedsPeerAgreement?.value === true)
        coach.commitment?.extensions.forEach((x, j) => {
          if (x.agreedOn > day || (x.peerAgreedOn !== undefined && x.peerAgreedOn <= day)) return;
          findings.push(
            makeFinding(ctx, {
              ruleId: RULE,
              code: 'coach-commitment.extension-without-peer-agreement',
              subject,
              path: `${path}.commitment.extensions[${j}].peerAgreedOn`,
              expected: { peerAgreed: true },
              found: { peerAgreed: false, agreedOn: x.agreedOn },
              params: { agreedOn: x.agreedOn },
              source: settings.extensionNeedsPeerAgreement!.source,
            }),
          );
        });
      const o = makeObligation(ctx, {
        id: `${RULE}:term`,
        ruleId: RULE,
        subject,
        label: 'Commitment term ends: extend it or plan the handover',
        dueOn: end,
        kind: 'catch-up',
      });
      obligations.push(o);
      if (o.status === 'overdue' && derived === 'active') {
        findings.push(
          makeFinding(ctx, {
            ruleId: RULE,
            code: 'coach-commitment.term-ended',
            subject,
            path: `${path}.commitment`,
            expected: { commitmentUntil: `${day} or later` },
            found: { commitmentEndedOn: end },
            params: { endedOn: end },
            source: settings.termMonths.source,
            dueOn: end,
          }),
        );
      }
    }
  }
  if (
    settings.writtenNoticeRequired.value &&
    (current.status === 'on-notice' || current.status === 'withdrawn')
  ) {
    const noticed = history.some(
      (s) =>
        (s.status === 'on-notice' || s === current) &&
        s.writtenNoticeOn !== undefined &&
        s.writtenNoticeOn <= day,
    );
    if (!noticed) {
      findings.push(
        makeFinding(ctx, {
          ruleId: RULE,
          code: 'coach-commitment.no-written-notice',
          subject,
          path: `${path}.statusHistory[${history.length - 1}].writtenNoticeOn`,
          expected: { writtenNotice: true },
          found: { writtenNotice: false },
          params: { status: current.status, from: current.from },
          source: settings.writtenNoticeRequired.source,
        }),
      );
    }
  }
  if (removing.length > 0) {
    coach.incidents.forEach((incident, j) => {
      if (!removing.includes(incident.kind) || incident.on > day) return;
      const violation = incident.kind === 'boundary-violation';
      // Removed after the violation, or still removed now (e.g. removed earlier for another breach).
      const removed =
        current.status === 'removed' || history.some((s) => s.status === 'removed' && s.from >= incident.on);
      if (!removed) {
        findings.push(
          makeFinding(ctx, {
            ruleId: RULE,
            code: violation
              ? 'coach-commitment.violation-not-removed'
              : 'coach-commitment.breach-not-removed',
            subject,
            path: `${path}.incidents[${j}]`,
            expected: { status: 'removed' },
            found: { status: current.status },
            params: { on: incident.on },
            source: violation
              ? settings.boundaryViolationRemoves.source
              : (settings.guidelinesBreachRemoves ?? settings.boundaryViolationRemoves).source,
          }),
        );
      }
    });
  }
  return result(RULE, subject, findings, obligations, true);
}

/**
 * Peer reassignment, for an enrolment: when the peer's coach has withdrawn or been removed, the peer needs a new
 * coach; one finding per peer until a new assignment is recorded.
 *
 * Source: Recovery Connect Peer Recovery Coaching Program guidelines, Peer-Mentor Responsibilities item 8: "so that a
 * suitable replacement may be found".
 *
 * Decisions: looked at on the evaluation day for an active enrolment. The peer needs reassignment when the
 * assignment covering that day is to a withdrawn or removed coach, or when no assignment covers it and the last one
 * ended with such a coach. The obligation is due on the day the coach left and is met by the next assignment.
 *
 * @example
 * peerReassignment(ctx, records).findings[0]?.code; // 'coach-commitment.peer-needs-reassignment'
 */
export function peerReassignment(ctx: RuleContext, rec: EnrolmentRecords): RuleResult {
  const e = rec.enrolment;
  const subject = enrolmentSubject(e);
  const day = ctx.asOfDate;
  if (e.enrolledOn > day || visibleExit(ctx, e)) return notApplicable(RULE, subject);
  const started = e.coachAssignments
    .map((a, j) => ({ a, j }))
    .filter(({ a }) => a.from <= day)
    .sort((x, y) => (x.a.from < y.a.from ? -1 : 1));
  const last = started[started.length - 1];
  if (!last) return notApplicable(RULE, subject);
  const coach = ctx.index.coaches.get(last.a.coachId)?.record;
  if (!coach) return notApplicable(RULE, subject);
  const status = coachStatusIn(ctx, coach, day);
  const left = status && (status.status === 'withdrawn' || status.status === 'removed');
  if (!left) return result(RULE, subject, [], [], true);
  const o = makeObligation(ctx, {
    id: `${RULE}:reassign:${coach.id}`,
    key: { coachId: coach.id },
    ruleId: RULE,
    subject,
    label: `Assign a new coach (coach ${coach.id} left)`,
    dueOn: status.since,
    kind: 'catch-up',
  });
  const f = makeFinding(ctx, {
    ruleId: RULE,
    code: 'coach-commitment.peer-needs-reassignment',
    subject,
    path: `enrolments[${rec.index}].coachAssignments[${last.j}]`,
    expected: { activeCoach: true },
    found: { coachId: coach.id, coachStatus: status.status },
    params: { coachId: coach.id, coachStatus: status.status, since: status.since },
    source: ctx.pack.rules[RULE].writtenNoticeRequired.source,
    dueOn: status.since,
  });
  return result(RULE, subject, [f], [o], true);
}

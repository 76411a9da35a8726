import type { Enrolment } from '../model/domain';
import type { LocalDate } from '../model/primitives';
import { dayEnd, type FindingInput, lateDays, makeFinding, type RuleContext } from './context';
import { type ObligationSpec, rowObligation } from './lazy';
import type { FindingCode } from './messages';
import type { Finding, Obligation, Subject } from './result';
import { type signedPlans, visibleExit } from './shared';

/**
 * What a one-off catch-up obligation is for (see {@link catchUpObligation}): its kind (which makes its id, key and
 * label from `flag`, see `lazy.ts`), its subject and its due day.
 */
export interface CatchUpInput {
  readonly spec: ObligationSpec;
  readonly flag: number;
  readonly subject: Subject;
  readonly dueOn: LocalDate;
}

/** A finding of a catch-up obligation as its rule words it; rule, subject and due time are added. */
export type CatchUpFinding = Pick<FindingInput, 'code' | 'path' | 'expected' | 'found' | 'params' | 'source'>;

/**
 * A one-off catch-up obligation met by one act (`met`: a plan or a document signed at `signedMs`; undefined when not
 * done) in enrolment `e`, with its finding pushed to `findings`. Without the act it lapses (`not-applicable`,
 * `lapsed`, no finding) when the enrolment ended (by asOf) by the due day, and is `missed` when it ended after it. An act after the due
 * time gets the `late` finding (days late to the act); a missing act once overdue or missed gets the `overdue`
 * finding (days late to the end of the exit day, else to asOf).
 *
 * @example
 * const { obligation } = catchUpObligation(
 *   ctx,
 *   { spec: FIRST_PLAN, flag: 3, subject, dueOn: '2026-02-04' },
 *   undefined,
 *   enrolment,
 *   findings,
 *   { late: (daysLate, plan) => ({ code: 'first-action-plan.late', ... }), overdue: (daysLate) => ({ ... }) },
 * );
 * // asOf 2026-02-10, no exit: obligation.status 'overdue', one 'first-action-plan.overdue' finding, daysLate 6
 */
export function catchUpObligation<M extends { readonly signedMs: number }>(
  ctx: RuleContext,
  input: CatchUpInput,
  met: M | undefined,
  e: Enrolment,
  findings: Finding[],
  says: { late: (daysLate: number, met: M) => CatchUpFinding; overdue: (daysLate: number) => CatchUpFinding },
): { obligation: Obligation; lapsed: boolean } {
  const exit = visibleExit(ctx, e);
  const { spec, flag, subject, dueOn } = input;
  const lapsed = met === undefined && exit !== undefined && exit.on <= dueOn;
  const dueAtMs = dayEnd(ctx, dueOn);
  const exitEndMs = !lapsed && exit && met === undefined ? dayEnd(ctx, exit.on) : undefined;
  const obligation = rowObligation(
    ctx,
    spec,
    subject,
    '',
    flag,
    dueOn,
    undefined,
    met === undefined ? undefined : met.signedMs,
    'catch-up',
    0,
    0,
    lapsed ? 'not-applicable' : exitEndMs === undefined ? undefined : 'missed',
    exitEndMs,
  );
  if (lapsed) return { obligation, lapsed };
  let finding: CatchUpFinding | undefined;
  if (met !== undefined) {
    if (met.signedMs > dueAtMs) finding = says.late(lateDays(ctx, input.dueOn, met.signedMs), met);
  } else if (obligation.status === 'overdue' || obligation.status === 'missed')
    finding = says.overdue(lateDays(ctx, input.dueOn, exitEndMs ?? ctx.asOfMs));
  // The input built field by field (no spread of the rule's object: a hot path, one per late or missing act).
  if (finding)
    findings.push(
      makeFinding(ctx, {
        ruleId: spec.ruleId,
        code: finding.code,
        subject: input.subject,
        path: finding.path,
        expected: finding.expected,
        found: finding.found,
        params: finding.params,
        source: finding.source,
        dueOn: input.dueOn,
        dueAt: obligation.dueAt,
      }),
    );
  return { obligation, lapsed: false };
}

/**
 * The `late` finding of a catch-up obligation met by a signed plan (see {@link catchUpObligation}): on the plan,
 * expected signed by the due day; with the plan's version in the params when `withVersion`.
 *
 * @example
 * catchUpObligation(ctx, input, qualifying, e, findings, { late: planSignedLate('first-action-plan.late', dueOn), overdue });
 */
export function planSignedLate(
  code: FindingCode,
  dueOn: LocalDate,
  withVersion = false,
): (daysLate: number, plan: ReturnType<typeof signedPlans>[number]) => CatchUpFinding {
  return (daysLate, { plan, signedOn }) => ({
    code,
    path: `plans[${plan.index}]`,
    expected: { signedBy: dueOn },
    found: { signedOn, daysLate },
    params: withVersion
      ? { version: plan.record.version, daysLate, dueOn, signedOn }
      : { daysLate, dueOn, signedOn },
  });
}

import type { CodeableConcept, Goal } from '@medplum/fhirtypes';
import type { Goal as DomainGoal, PlanVersion } from '@peer-recovery/core';
import { CODES, codeText, PROFILES, SDOH_CATEGORY_BY_OUTCOME, SYSTEMS } from '../codes';
import { goalStatusDecision } from '../importing/status';
import { codeIn, type ImportContext, isObj, type Json, objs, put } from './from-fhir';
import { coding, concept, def, type ExportContext, local, type Ref } from './to-fhir';

/**
 * The placeholder description of a goal when free text is redacted.
 *
 * @example
 * redactedGoalText(1, 2); // 'Goal 2 of action plan version 2'
 */
export function redactedGoalText(index: number, version: number): string {
  return `Goal ${index + 1} of action plan version ${version}`;
}

function goalStatus(status: DomainGoal['status']): Pick<Goal, 'lifecycleStatus' | 'achievementStatus'> {
  const ach = (code: string): CodeableConcept =>
    concept(local(SYSTEMS.goalAchievement, code), codeText(code));
  switch (status) {
    case 'proposed':
      return { lifecycleStatus: 'proposed' };
    case 'in-progress':
      return { lifecycleStatus: 'active', achievementStatus: ach('in-progress') };
    case 'achieved':
      return { lifecycleStatus: 'completed', achievementStatus: ach('achieved') };
    case 'not-achieved':
      return { lifecycleStatus: 'completed', achievementStatus: ach('not-achieved') };
    case 'cancelled':
      return { lifecycleStatus: 'cancelled' };
  }
}

/**
 * The `index`-th goal of a plan version as a US Core Goal (expressed by the peer, category the expected outcome and
 * its SDOH category when there is one; `startDate`, must-support, the day the plan version was created).
 *
 * @example
 * const goal = goalToFhir(ctx, plan, plan.goals[0], 0, ctx.peerOfEnrolment(plan.enrolmentId));
 */
export function goalToFhir(
  ctx: ExportContext,
  p: PlanVersion,
  g: DomainGoal,
  index: number,
  subject: Ref,
): Goal {
  const sdoh = g.outcome === undefined ? undefined : SDOH_CATEGORY_BY_OUTCOME[g.outcome];
  const redact = ctx.options.redactFreeText === true;
  return {
    resourceType: 'Goal',
    id: ctx.id('Goal', 'goal', `${p.id}/${g.id}`),
    meta: ctx.meta(true, [PROFILES.usCoreGoal], redact ? { security: [coding(CODES.redacted)] } : {}),
    identifier: ctx.identifier('goal', `${p.id}/${g.id}`),
    ...goalStatus(g.status),
    ...def(g.outcome, (o) => ({
      category: [
        {
          coding: [local(SYSTEMS.expectedOutcome, o), ...(sdoh ? [coding(sdoh)] : [])],
          text: codeText(o),
        },
      ],
    })),
    description: { text: redact ? redactedGoalText(index, p.version) : g.description },
    subject,
    startDate: p.createdOn,
    ...def(g.targetDate, (dueDate) => ({ target: [{ dueDate }] })),
    expressedBy: subject,
  };
}

/**
 * Reads a goal of a plan version back from the Goal `CarePlan.goal[j]` references (status semantics of
 * `goalStatusDecision`); reports a reference that does not resolve to a goal of the program. A Goal recorded in
 * error, or with no usable lifecycle status, leaves its plan: the result is undefined and the report says so.
 *
 * @example
 * const goals = objs(carePlan.goal).map((g, j) => goalFromFhir(ictx, carePlan, g, j, planId));
 */
export function goalFromFhir(
  ictx: ImportContext,
  c: Json,
  reference: Json,
  j: number,
  planId: string,
): Json | undefined {
  const { imp } = ictx;
  const goal = imp.resolve(reference);
  const key = ictx.idOf(goal, 'goal');
  if (!goal || key === undefined) {
    imp.issue('error', 'not-found', 'Reference does not resolve to a goal record of this program', {
      resource: c,
      expression: `CarePlan.goal[${j}]`,
    });
    return {};
  }
  const prefix = `${planId}/`;
  return goalFromResource(ictx, goal, key.startsWith(prefix) ? key.slice(prefix.length) : key);
}

/**
 * Reads a Goal resource as a goal with the given id (status semantics of `goalStatusDecision`): description text,
 * expected outcome (local code), first target due date. Undefined, and the Goal recorded as skipped, when its
 * status keeps it out of the plan.
 *
 * @example
 * const g = goalFromResource(ictx, goalResource, 'g1');
 */
export function goalFromResource(ictx: ImportContext, goal: Json, id: string): Json | undefined {
  const decision = goalStatusDecision(
    goal.lifecycleStatus,
    codeIn(goal.achievementStatus, SYSTEMS.goalAchievement),
  );
  if (!ictx.usable(goal, decision) || !decision.use) return undefined;
  const out: Json = { id };
  out.description = isObj(goal.description) ? goal.description.text : undefined;
  put(out, 'outcome', codeIn(goal.category, SYSTEMS.expectedOutcome));
  put(out, 'targetDate', objs(goal.target)[0]?.dueDate);
  out.status = decision.status;
  return out;
}

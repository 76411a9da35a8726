import type { CarePlan, Provenance, Resource } from '@medplum/fhirtypes';
import { assignedCoachAt, type PlanVersion } from '@peer-recovery/core';
import { CODES, EXTENSIONS, PROFILES, SYSTEMS } from '../codes';
import { carePlanStatusDecision } from '../importing/status';
import { codeIn, ext1, type ImportContext, type Json, objs, put } from './from-fhir';
import { goalFromFhir, goalToFhir } from './goal';
import {
  coding,
  concept,
  def,
  type ExportContext,
  ext,
  localDateOf,
  nonEmpty,
  type Ref,
  ref,
} from './to-fhir';

/**
 * MCC eCare Plan pattern: the contacts under a signed plan version are its activity's `outcomeReference`, namely
 * the Encounters of the enrolment from the peer's signature of this version up to (not including) the next
 * signature of another version of the same enrolment (as of `asOf`).
 */
function planEncounters(ctx: ExportContext, p: PlanVersion): Ref[] {
  const from = p.signedByPeerAt;
  if (from === undefined || !ctx.signedAsOf(from)) return [];
  const fromMs = Date.parse(from);
  let untilMs = Number.POSITIVE_INFINITY;
  for (const q of ctx.plansByEnrolment.get(p.enrolmentId) ?? []) {
    if (q === p || !ctx.signedAsOf(q.signedByPeerAt)) continue;
    const at = Date.parse(q.signedByPeerAt as string);
    if (at > fromMs && at < untilMs) untilMs = at;
  }
  return (ctx.contactsByEnrolment.get(p.enrolmentId) ?? [])
    .map((c) => ({ c, ms: Date.parse(c.start) }))
    .filter(({ ms }) => ms >= fromMs && ms < untilMs)
    .sort((a, b) => a.ms - b.ms)
    .map(({ c }) => ref('Encounter', ctx.id('Encounter', 'contact', c.id)));
}

function carePlan(ctx: ExportContext, p: PlanVersion, subject: Ref, goals: Ref[]): CarePlan {
  const replaced = ctx.replacedAsOf.has(p.id);
  const encounters = planEncounters(ctx, p);
  const status: CarePlan['status'] = !ctx.signedAsOf(p.signedByPeerAt)
    ? 'draft'
    : replaced
      ? 'completed'
      : 'active';
  return {
    resourceType: 'CarePlan',
    id: ctx.id('CarePlan', 'plan', p.id),
    meta: ctx.meta(true, [PROFILES.usCoreCarePlan]),
    text: {
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>Peer recovery action plan, version ${p.version}, with ${p.goals.length} goal(s).</p></div>`,
    },
    extension: [
      ctx.episodeExt(p.enrolmentId),
      ext(EXTENSIONS.planVersion, { valuePositiveInt: p.version }),
      ...(p.recordedAt === undefined ? [] : [ext(EXTENSIONS.recordedAt, { valueDateTime: p.recordedAt })]),
    ],
    identifier: ctx.identifier('plan', p.id),
    ...def(p.replaces, (r) => ({ replaces: [ctx.planRef(r)] })),
    status,
    intent: 'plan',
    category: [concept(coding(CODES.assessPlan)), concept(coding(CODES.peerRecoveryPlan))],
    title: `Action plan version ${p.version}`,
    subject,
    ...def(p.signedByPeerAt, (start) => ({ period: { start } })),
    created: p.createdOn,
    author: subject,
    ...nonEmpty(goals, (goal) => ({ goal })),
    ...nonEmpty(encounters, (outcomeReference) => ({ activity: [{ outcomeReference }] })),
  };
}

/**
 * A plan version as its Goals, a US Core CarePlan (draft until the peer signs, completed once replaced) and one
 * Provenance per signature (the coach signer is the coach assigned, from core, on the day of the signature).
 *
 * @example
 * const resources = planToFhir(exportContext(data, {}), data.plans[0]);
 */
export function planToFhir(ctx: ExportContext, p: PlanVersion): Resource[] {
  const out: Resource[] = [];
  const subject = ctx.peerOfEnrolment(p.enrolmentId);
  const goalRefs: Ref[] = [];
  p.goals.forEach((g, i) => {
    const goal = goalToFhir(ctx, p, g, i, subject);
    goalRefs.push(ref('Goal', goal.id as string));
    out.push(goal);
  });
  out.push(carePlan(ctx, p, subject, goalRefs));
  for (const who of ['peer', 'coach'] as const) {
    const at = who === 'peer' ? p.signedByPeerAt : p.signedByCoachAt;
    if (at === undefined) continue;
    const key = `${p.id}/${who}`;
    const enrolment = ctx.enrolmentById.get(p.enrolmentId);
    const coachId = enrolment
      ? assignedCoachAt(enrolment, localDateOf(at, ctx.data.program.timeZone))
      : undefined;
    const signer = who === 'peer' ? subject : coachId !== undefined ? ctx.coachRef(coachId) : ctx.programRef;
    const provenance: Provenance = {
      resourceType: 'Provenance',
      id: ctx.id('Provenance', 'plan-signature', key),
      meta: ctx.meta(true, [], {
        tags: [{ system: SYSTEMS.recordKey, code: `${ctx.pid}/plan-signature/${key}` }],
      }),
      target: [ctx.planRef(p.id)],
      recorded: at,
      agent: [
        {
          type: concept(coding(who === 'peer' ? CODES.provenanceAuthor : CODES.provenanceVerifier)),
          who: signer,
        },
      ],
      signature: [
        {
          type:
            who === 'peer'
              ? [coding(CODES.signatureAuthor), coding(CODES.signatureConsent)]
              : [coding(CODES.signatureReview)],
          when: at,
          who: signer,
        },
      ],
    };
    out.push(provenance);
  }
  return out;
}

/**
 * Reads the plan versions back from CarePlans, their Goals and the signature Provenances. A CarePlan that is
 * `revoked`, `entered-in-error` or of unknown status is skipped (see `carePlanStatusDecision`); a Goal recorded in
 * error leaves its plan (see `goalFromFhir`).
 *
 * @example
 * const plans = plansFromFhir(ictx);
 */
export function plansFromFhir(ictx: ImportContext): Json[] {
  const { imp, idOf, refId } = ictx;
  const signatures = new Map<Json, { peer?: unknown; coach?: unknown }>();
  for (const prov of imp.of('Provenance')) {
    for (const t of objs(prov.target)) {
      const target = imp.resolve(t);
      if (!target) continue;
      const entry = signatures.get(target) ?? {};
      for (const sig of objs(prov.signature)) {
        if (codeIn(sig.type, SYSTEMS.signatureType) === undefined) continue;
        const types = objs(sig.type).map((c) => c.code);
        if (types.includes(CODES.signatureAuthor.code)) entry.peer = sig.when;
        else if (types.includes(CODES.signatureReview.code)) entry.coach = sig.when;
      }
      signatures.set(target, entry);
    }
  }
  const versions = ictx
    .records('CarePlan', 'plan')
    .filter((c) => ictx.usable(c, carePlanStatusDecision(c.status)));
  return versions.map((c, i) => {
    ictx.track('plans', i, c);
    const planId = idOf(c, 'plan') as string;
    const plan: Json = { id: planId };
    plan.enrolmentId = ictx.enrolmentOf(c);
    plan.version = ext1(c, EXTENSIONS.planVersion)?.valuePositiveInt;
    const replaces = objs(c.replaces)[0];
    if (replaces) put(plan, 'replaces', refId(c, replaces, 'plan', 'CarePlan.replaces[0]'));
    plan.createdOn = c.created;
    const sig = signatures.get(c);
    put(plan, 'signedByPeerAt', sig?.peer);
    put(plan, 'signedByCoachAt', sig?.coach);
    put(plan, 'recordedAt', ext1(c, EXTENSIONS.recordedAt)?.valueDateTime);
    plan.goals = objs(c.goal)
      .map((g, j) => goalFromFhir(ictx, c, g, j, planId))
      .filter((g): g is Json => g !== undefined);
    return plan;
  });
}

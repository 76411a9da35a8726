import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import type { Referral } from '@peer-recovery/core';
import { CODES, codeText, EXTENSIONS, SYSTEMS } from '../codes';
import { codeIn, ext1, type ImportContext, type Json, put } from './from-fhir';
import { coding, concept, type ExportContext, enrolmentRecordHead, ext, local, ref } from './to-fhir';

const REFERRAL_STATUS = {
  made: { request: 'active', task: 'requested' },
  accepted: { request: 'active', task: 'accepted' },
  completed: { request: 'completed', task: 'completed' },
  declined: { request: 'revoked', task: 'rejected' },
} as const;

const REFERRAL_STATUS_FROM_TASK: Record<string, string> = {
  requested: 'made',
  accepted: 'accepted',
  completed: 'completed',
  rejected: 'declined',
};

/**
 * A referral the coach made as a ServiceRequest, and its status as a Task when one is recorded.
 *
 * @example
 * const [request, task] = referralToFhir(exportContext(data, {}), data.referrals[0]);
 */
export function referralToFhir(ctx: ExportContext, r: Referral): (ServiceRequest | Task)[] {
  const subject = ctx.peerOfEnrolment(r.enrolmentId);
  const srId = ctx.id('ServiceRequest', 'referral', r.id);
  const continuity =
    r.forContinuity === undefined ? [] : [ext(EXTENSIONS.forContinuity, { valueBoolean: r.forContinuity })];
  const st = r.status === undefined ? undefined : REFERRAL_STATUS[r.status];
  const sr: ServiceRequest = Object.assign(
    enrolmentRecordHead(ctx, 'ServiceRequest', 'referral', r.id, r.enrolmentId, continuity),
    {
      status: st?.request ?? 'active',
      intent: 'order',
      category: [concept(coding(CODES.patientReferral))],
      code: concept(local(SYSTEMS.referralKind, r.kind), `Referral: ${codeText(r.kind)}`),
      subject,
      authoredOn: r.madeOn,
    } satisfies Partial<ServiceRequest>,
  );
  if (!st) return [sr];
  const task: Task = {
    resourceType: 'Task',
    id: ctx.id('Task', 'referral-task', r.id),
    meta: ctx.meta(true),
    identifier: ctx.identifier('referral-task', r.id),
    status: st.task,
    intent: 'order',
    code: concept(coding(CODES.taskFulfill)),
    focus: ref('ServiceRequest', srId),
    for: subject,
    authoredOn: r.madeOn,
  };
  return [sr, task];
}

/**
 * Reads the referrals back from ServiceRequests and the Tasks that focus on them.
 *
 * @example
 * const referrals = referralsFromFhir(ictx);
 */
export function referralsFromFhir(ictx: ImportContext): Json[] {
  const { imp, idOf } = ictx;
  const tasks = ictx.partsByOwner('Task', 'referral-task');
  return ictx.records('ServiceRequest', 'referral').map((sr, i) => {
    ictx.track('referrals', i, sr);
    const r: Json = { id: idOf(sr, 'referral') };
    r.enrolmentId = ictx.enrolmentOf(sr);
    r.kind = codeIn(sr.code, SYSTEMS.referralKind);
    r.madeOn = sr.authoredOn;
    put(r, 'forContinuity', ext1(sr, EXTENSIONS.forContinuity)?.valueBoolean);
    const task = tasks.get(sr);
    if (task) {
      const status = typeof task.status === 'string' ? REFERRAL_STATUS_FROM_TASK[task.status] : undefined;
      if (status === undefined)
        imp.issue('error', 'code-invalid', 'Task status has no referral status equivalent', {
          resource: task,
          expression: 'Task.status',
        });
      put(r, 'status', status);
    }
    return r;
  });
}

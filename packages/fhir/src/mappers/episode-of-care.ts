import type { EpisodeOfCare, Extension, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import {
  assignedCoachAt,
  type Enrolment,
  EnrolmentDocument,
  enrolmentStateAt,
  type LocalDate,
} from '@peer-recovery/core';
import { CODES, EXTENSIONS, PROFILES, SYSTEMS } from '../codes';
import { codeIn, ext1, exts, type ImportContext, type Json, objs, periodOf, put } from './from-fhir';
import { coding, concept, def, type ExportContext, ext, local, nonEmpty, ref } from './to-fhir';

/**
 * `EpisodeOfCare.status` of an enrolment on `day`, from its lifecycle state in core ({@link enrolmentStateAt}):
 * `planned` before enrolment (referred, or not yet recorded), `finished` once exited (discontinued, completed,
 * transferred), `onhold` during a hold, else `active`.
 *
 * @example
 * episodeStatusOn(enrolment, '2026-03-05'); // 'onhold' during a hold from 2026-03-02
 */
export function episodeStatusOn(e: Enrolment, day: LocalDate): EpisodeOfCare['status'] {
  const state = enrolmentStateAt(e, day);
  switch (state?.status) {
    case undefined:
    case 'referred':
      return 'planned';
    case 'discontinued':
    case 'completed':
    case 'transferred':
      return 'finished';
    case 'on-hold':
      return 'onhold';
    case 'enrolled':
    case 'active':
      return 'active';
  }
}

/**
 * An enrolment as an EpisodeOfCare (status, care manager = the coach assigned, from core, as of the export), with
 * the referral into the program as a US Core ServiceRequest and its Task when the enrolment records a referral.
 *
 * @example
 * const resources = enrolmentToFhir(exportContext(data, {}), data.enrolments[0]);
 */
export function enrolmentToFhir(ctx: ExportContext, e: Enrolment): Resource[] {
  const out: Resource[] = [];
  const subject = ctx.peerRef(e.peerId);
  const hasReferral = e.referredOn !== undefined || e.referralSource !== undefined;
  const programReferralId = ctx.id('ServiceRequest', 'program-referral', e.id);
  if (hasReferral) {
    const src = e.referralSource;
    const requester =
      src?.organizationId !== undefined
        ? ctx.orgRef(src.organizationId)
        : src?.kind === 'self'
          ? subject
          : undefined;
    const sr: ServiceRequest = {
      resourceType: 'ServiceRequest',
      id: programReferralId,
      meta: ctx.meta(true, [PROFILES.usCoreServiceRequest]),
      ...(src
        ? {
            extension: [
              ext(EXTENSIONS.referralSourceKind, {
                valueCoding: local(SYSTEMS.organizationKind, src.kind),
              }),
            ],
          }
        : {}),
      identifier: ctx.identifier('program-referral', e.id),
      status: 'completed',
      intent: 'order',
      category: [concept(coding(CODES.socialServiceProcedure))],
      code: concept(coding(CODES.referralToPeerSupport)),
      subject,
      ...def(e.referredOn, (authoredOn) => ({ authoredOn })),
      ...def(requester, (r) => ({ requester: r })),
      performer: [ctx.programRef],
    };
    out.push(sr);
    const task: Task = {
      resourceType: 'Task',
      id: ctx.id('Task', 'program-referral-task', e.id),
      meta: ctx.meta(true),
      identifier: ctx.identifier('program-referral-task', e.id),
      status: 'completed',
      intent: 'order',
      code: concept(coding(CODES.taskFulfill)),
      focus: ref('ServiceRequest', programReferralId),
      for: subject,
      ...def(e.referredOn, (authoredOn) => ({ authoredOn })),
      owner: ctx.programRef,
    };
    out.push(task);
  }
  const documents: Extension[] = EnrolmentDocument.options.flatMap((k) => {
    const on = e.documents[k];
    return on === undefined ? [] : [ext(k, { valueDate: on })];
  });
  const manager = assignedCoachAt(e, ctx.factDay);
  const episode: EpisodeOfCare = {
    resourceType: 'EpisodeOfCare',
    id: ctx.id('EpisodeOfCare', 'enrolment', e.id),
    meta: ctx.meta(true),
    extension: [
      ...(documents.length > 0 ? [{ url: EXTENSIONS.enrolmentDocuments, extension: documents }] : []),
      ...e.coachAssignments.map((a) => ({
        url: EXTENSIONS.coachAssignment,
        extension: [
          ext('coach', { valueReference: ctx.coachRef(a.coachId) }),
          ext('period', { valuePeriod: { start: a.from, ...def(a.to, (end) => ({ end })) } }),
        ],
      })),
      ...e.stages.map((s) => ({
        url: EXTENSIONS.recoveryStage,
        extension: [
          ext('stage', { valueCoding: local(SYSTEMS.recoveryStage, s.stage) }),
          ext('from', { valueDate: s.from }),
        ],
      })),
      ...(e.exit
        ? [
            {
              url: EXTENSIONS.enrolmentExit,
              extension: [
                ext('kind', { valueCoding: local(SYSTEMS.exitKind, e.exit.kind) }),
                ...(e.exit.reason === undefined
                  ? []
                  : [ext('reason', { valueCoding: local(SYSTEMS.discontinuationReason, e.exit.reason) })]),
                ...e.exit.referralsMade.map((r) =>
                  ext('referralMade', { valueReference: ctx.referralRef(r) }),
                ),
                ...(e.exit.referralSourceNoticeSentOn === undefined
                  ? []
                  : [ext('referralSourceNoticeSentOn', { valueDate: e.exit.referralSourceNoticeSentOn })]),
              ],
            },
          ]
        : []),
    ],
    identifier: ctx.identifier('enrolment', e.id),
    status: episodeStatusOn(e, ctx.factDay),
    ...nonEmpty(e.holds, (holds) => ({
      statusHistory: holds.map((h) => ({
        extension: [ext(EXTENSIONS.holdReason, { valueCoding: local(SYSTEMS.holdReason, h.reason) })],
        status: 'onhold' as const,
        period: { start: h.from, ...def(h.to, (end) => ({ end })) },
      })),
    })),
    type: [concept(coding(CODES.peerRecoveryEpisode))],
    patient: subject,
    managingOrganization: ctx.programRef,
    period: { start: e.enrolledOn, ...def(e.exit?.on, (end) => ({ end })) },
    ...(hasReferral ? { referralRequest: [ref('ServiceRequest', programReferralId)] } : {}),
    ...def(manager, (m) => ({ careManager: ctx.coachRoleRef(m) })),
  };
  if (episode.extension?.length === 0) delete episode.extension;
  out.push(episode);
  return out;
}

/**
 * Reads the enrolments back from EpisodeOfCare (and the program referral ServiceRequest it points to).
 *
 * @example
 * const enrolments = enrolmentsFromFhir(ictx);
 */
export function enrolmentsFromFhir(ictx: ImportContext): Json[] {
  const { imp, idOf, refId } = ictx;
  return ictx.records('EpisodeOfCare', 'enrolment').map((e, i) => {
    ictx.track('enrolments', i, e);
    const enrolment: Json = { id: idOf(e, 'enrolment') };
    enrolment.peerId = refId(e, e.patient, 'peer', 'EpisodeOfCare.patient');
    const referral = objs(e.referralRequest)
      .map((r) => imp.resolve(r))
      .find((r) => idOf(r, 'program-referral') !== undefined);
    if (referral) {
      put(enrolment, 'referredOn', referral.authoredOn);
      const kind = codeIn(
        ext1(referral, EXTENSIONS.referralSourceKind)?.valueCoding,
        SYSTEMS.organizationKind,
      );
      if (kind !== undefined) {
        const source: Json = { kind };
        const requester = imp.resolve(referral.requester);
        if (requester?.resourceType === 'Organization')
          put(
            source,
            'organizationId',
            refId(referral, referral.requester, 'organization', 'ServiceRequest.requester'),
          );
        enrolment.referralSource = source;
      }
    }
    const period = periodOf(e.period);
    enrolment.enrolledOn = period.start;
    const documents: Json = {};
    const docs = ext1(e, EXTENSIONS.enrolmentDocuments);
    for (const k of EnrolmentDocument.options) put(documents, k, exts(docs, k)[0]?.valueDate);
    enrolment.documents = documents;
    enrolment.coachAssignments = exts(e, EXTENSIONS.coachAssignment).map((a, j) => {
      const p = periodOf(exts(a, 'period')[0]?.valuePeriod);
      const out: Json = {
        coachId: refId(
          e,
          exts(a, 'coach')[0]?.valueReference,
          'coach',
          `EpisodeOfCare.extension(coach-assignment)[${j}]`,
        ),
        from: p.start,
      };
      put(out, 'to', p.end);
      return out;
    });
    enrolment.stages = exts(e, EXTENSIONS.recoveryStage).map((s) => ({
      stage: codeIn(exts(s, 'stage')[0]?.valueCoding, SYSTEMS.recoveryStage),
      from: exts(s, 'from')[0]?.valueDate,
    }));
    enrolment.holds = objs(e.statusHistory)
      .filter((h) => h.status === 'onhold')
      .map((h) => {
        const p = periodOf(h.period);
        const out: Json = { from: p.start };
        put(out, 'to', p.end);
        out.reason = codeIn(ext1(h, EXTENSIONS.holdReason)?.valueCoding, SYSTEMS.holdReason);
        return out;
      });
    const exit = ext1(e, EXTENSIONS.enrolmentExit);
    if (exit) {
      const out: Json = {
        on: period.end,
        kind: codeIn(exts(exit, 'kind')[0]?.valueCoding, SYSTEMS.exitKind),
      };
      put(out, 'reason', codeIn(exts(exit, 'reason')[0]?.valueCoding, SYSTEMS.discontinuationReason));
      out.referralsMade = exts(exit, 'referralMade').map((r, j) =>
        refId(e, r.valueReference, 'referral', `EpisodeOfCare.extension(enrolment-exit).referralMade[${j}]`),
      );
      put(out, 'referralSourceNoticeSentOn', exts(exit, 'referralSourceNoticeSentOn')[0]?.valueDate);
      enrolment.exit = out;
    }
    return enrolment;
  });
}

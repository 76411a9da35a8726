import type {
  Observation,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Resource,
} from '@medplum/fhirtypes';
import {
  type Assessment,
  type InstrumentDefinition,
  instrumentById,
  scoreAssessment,
} from '@peer-recovery/core';
import { CANONICAL_BASE, CODES, questionnaireUrl, SYSTEMS } from '../codes';
import { instrumentToQuestionnaire, instrumentTotalCode } from '../instruments';
import { type ImportContext, type Json, objs } from './from-fhir';
import { coding, concept, type ExportContext, enrolmentRecordHead, INT32, ref } from './to-fhir';

/**
 * The Questionnaire of each known instrument the assessments use (with `includeInstruments`, the default; none
 * without), by instrument id, in the order of first use.
 *
 * @example
 * const questionnaires = instrumentsUsed(exportContext(data, {}));
 */
export function instrumentsUsed(ctx: ExportContext): Map<string, InstrumentDefinition> {
  const { data: d, options } = ctx;
  const definitions = new Map<string, InstrumentDefinition>();
  if (options.includeInstruments !== false)
    for (const a of d.assessments) {
      const def = instrumentById(a.instrument, options.instruments ?? []);
      if (def && !definitions.has(def.id)) definitions.set(def.id, def);
    }
  return definitions;
}

/**
 * The Questionnaires of the instruments `instrumentsUsed` found.
 *
 * @example
 * const questionnaires = questionnairesToFhir(ctx, instrumentsUsed(ctx));
 */
export function questionnairesToFhir(
  ctx: ExportContext,
  definitions: ReadonlyMap<string, InstrumentDefinition>,
): Resource[] {
  return [...definitions.values()].map((def) => instrumentToQuestionnaire(def, { programId: ctx.pid }));
}

/**
 * One assessment as a QuestionnaireResponse, and the Observation of its total when its instrument is among
 * `definitions` and it scores.
 *
 * @example
 * const resources = assessmentToFhir(ctx, data.assessments[0], instrumentsUsed(ctx));
 */
export function assessmentToFhir(
  ctx: ExportContext,
  a: Assessment,
  definitions: ReadonlyMap<string, InstrumentDefinition>,
): Resource[] {
  const out: Resource[] = [];
  const items: QuestionnaireResponseItem[] = Object.entries(a.answers).map(([linkId, v]) =>
    v === null
      ? { linkId }
      : {
          linkId,
          answer: [Number.isInteger(v) && Math.abs(v) <= INT32 ? { valueInteger: v } : { valueDecimal: v }],
        },
  );
  const qrId = ctx.id('QuestionnaireResponse', 'assessment', a.id);
  const qr: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    id: qrId,
    meta: ctx.meta(true),
    extension: [ctx.episodeExt(a.enrolmentId)],
    identifier: ctx.identifier('assessment', a.id)[0] as { system: string; value: string },
    questionnaire: questionnaireUrl(a.instrument),
    status: 'completed',
    subject: ctx.peerOfEnrolment(a.enrolmentId),
    authored: a.completedOn,
    ...(items.length > 0 ? { item: items } : {}),
  };
  out.push(qr);
  const def = definitions.get(a.instrument);
  const score = def ? scoreAssessment(a, def) : undefined;
  if (def && score?.status === 'scored' && Number.isFinite(score.total)) {
    const total = score.total;
    const observation: Observation = Object.assign(
      enrolmentRecordHead(ctx, 'Observation', 'assessment-score', a.id, a.enrolmentId),
      {
        status: 'final',
        category: [concept(coding(CODES.survey))],
        code: concept(coding(instrumentTotalCode(def))),
        subject: ctx.peerOfEnrolment(a.enrolmentId),
        effectiveDateTime: a.completedOn,
        ...(Number.isInteger(total) && Math.abs(total) <= INT32
          ? { valueInteger: total }
          : { valueQuantity: { value: total, unit: 'score', system: SYSTEMS.ucum, code: '{score}' } }),
        derivedFrom: [ref('QuestionnaireResponse', qrId)],
      } satisfies Partial<Observation>,
    );
    out.push(observation);
  }
  return out;
}

/**
 * Reads the assessments back from QuestionnaireResponses (Questionnaires and score Observations are not read: the
 * answers come back from the responses).
 *
 * @example
 * const assessments = assessmentsFromFhir(ictx);
 */
export function assessmentsFromFhir(ictx: ImportContext): Json[] {
  const qPrefix = `${CANONICAL_BASE}/Questionnaire/`;
  return ictx.records('QuestionnaireResponse', 'assessment').map((q, i) => {
    ictx.track('assessments', i, q);
    const a: Json = { id: ictx.idOf(q, 'assessment') };
    a.enrolmentId = ictx.enrolmentOf(q);
    a.instrument =
      typeof q.questionnaire === 'string' && q.questionnaire.startsWith(qPrefix)
        ? q.questionnaire.slice(qPrefix.length)
        : undefined;
    a.completedOn = q.authored;
    const answers: Json = {};
    for (const item of objs(q.item)) {
      if (typeof item.linkId !== 'string') continue;
      const answer = objs(item.answer)[0];
      const v = answer?.valueDecimal ?? answer?.valueInteger;
      answers[item.linkId] = typeof v === 'number' ? v : null;
    }
    a.answers = answers;
    return a;
  });
}

import type { Coding, Consent } from '@medplum/fhirtypes';
import type { Consent as DomainConsent } from '@peer-recovery/core';
import { CODES, CONSENT_PURPOSE_V3, EXTENSIONS, SYSTEMS } from '../codes';
import { codeIn, ext1, type ImportContext, isObj, type Json, objs, periodOf, put } from './from-fhir';
import { coding, concept, def, type ExportContext, ext, local, nonEmpty } from './to-fhir';

const V3_PURPOSE: Record<string, string> = Object.fromEntries(
  Object.entries(CONSENT_PURPOSE_V3).map(([purpose, v]) => [v.code, purpose]),
);

/**
 * A consent as a Consent (scope patient-privacy, LOINC category, 42 CFR Part 2 policy, recipient actor); inactive
 * once revoked as of the export.
 *
 * @example
 * const consent = consentToFhir(exportContext(data, {}), data.consents[0]);
 */
export function consentToFhir(ctx: ExportContext, c: DomainConsent): Consent {
  const revoked = c.revokedOn !== undefined && (ctx.asOfDay === undefined || c.revokedOn <= ctx.asOfDay);
  const purposes: Coding[] = c.purposes.map((p) => {
    const v3 = CONSENT_PURPOSE_V3[p];
    return v3
      ? { system: SYSTEMS.v3ActReason, code: v3.code, display: v3.display }
      : local(SYSTEMS.consentPurpose, p);
  });
  const consent: Consent = {
    resourceType: 'Consent',
    id: ctx.id('Consent', 'consent', c.id),
    meta: ctx.meta(true),
    extension: [
      ...(c.enrolmentId === undefined
        ? []
        : [ext(EXTENSIONS.consentEnrolment, { valueReference: ctx.episodeRef(c.enrolmentId) })]),
      ...(c.revokedOn === undefined ? [] : [ext(EXTENSIONS.consentRevokedOn, { valueDate: c.revokedOn })]),
    ],
    identifier: ctx.identifier('consent', c.id),
    status: revoked ? 'inactive' : 'active',
    scope: concept(coding(CODES.patientPrivacy)),
    category: [
      concept(
        coding(c.kind === 'confidentiality' ? CODES.loincPatientConsent : CODES.loincReleaseOfInformation),
      ),
    ],
    patient: ctx.peerRef(c.peerId),
    dateTime: c.signedOn,
    organization: [ctx.programRef],
    policyRule: concept(coding(CODES.part2)),
    provision: {
      type: 'permit',
      period: { start: c.period.start, ...def(c.period.end, (end) => ({ end })) },
      ...def(c.recipientOrganizationId, (o) => ({
        actor: [{ role: concept(coding(CODES.informationRecipient)), reference: ctx.orgRef(o) }],
      })),
      ...nonEmpty(purposes, (purpose) => ({ purpose })),
    },
  };
  if (consent.extension?.length === 0) delete consent.extension;
  return consent;
}

/**
 * Reads the consents back from Consents.
 *
 * @example
 * const consents = consentsFromFhir(ictx);
 */
export function consentsFromFhir(ictx: ImportContext): Json[] {
  const { idOf, refId } = ictx;
  return ictx.records('Consent', 'consent').map((c, i) => {
    ictx.track('consents', i, c);
    const consent: Json = { id: idOf(c, 'consent') };
    consent.peerId = refId(c, c.patient, 'peer', 'Consent.patient');
    const enrolment = ext1(c, EXTENSIONS.consentEnrolment);
    if (enrolment)
      put(
        consent,
        'enrolmentId',
        refId(c, enrolment.valueReference, 'enrolment', 'Consent.extension(consent-enrolment)'),
      );
    const category = codeIn(c.category, SYSTEMS.loinc);
    consent.kind =
      category === CODES.loincPatientConsent.code
        ? 'confidentiality'
        : category === CODES.loincReleaseOfInformation.code
          ? 'release-of-information'
          : undefined;
    const provision = isObj(c.provision) ? c.provision : {};
    const actor = objs(provision.actor)[0];
    if (actor)
      put(
        consent,
        'recipientOrganizationId',
        refId(c, actor.reference, 'organization', 'Consent.provision.actor[0].reference'),
      );
    consent.purposes = objs(provision.purpose).map((p) =>
      p.system === SYSTEMS.v3ActReason && typeof p.code === 'string'
        ? V3_PURPOSE[p.code]
        : p.system === SYSTEMS.consentPurpose
          ? p.code
          : undefined,
    );
    consent.signedOn = c.dateTime;
    const period = periodOf(provision.period);
    const p: Json = { start: period.start };
    put(p, 'end', period.end);
    consent.period = p;
    put(consent, 'revokedOn', ext1(c, EXTENSIONS.consentRevokedOn)?.valueDate);
    return consent;
  });
}

import type { Extension, Patient } from '@medplum/fhirtypes';
import type { Peer } from '@peer-recovery/core';
import { EXTENSIONS, PROFILES, SYSTEMS } from '../codes';
import { codeIn, ext1, exts, humanNameOf, type ImportContext, type Json, objs, put } from './from-fhir';
import { def, type ExportContext, ext, humanName, local } from './to-fhir';

/**
 * A peer as a Patient (US Core unless the name is text only); an absent name or gender is a data-absent-reason.
 *
 * @example
 * const patient = peerToFhir(exportContext(data, {}), data.peers[0]);
 */
export function peerToFhir(ctx: ExportContext, p: Peer): Patient {
  const name = humanName(p.name);
  const meetsUsCore = name === undefined || name.family !== undefined || name.given !== undefined;
  const absent: Extension = ext(EXTENSIONS.dataAbsentReason, { valueCode: 'unknown' });
  const patient: Patient = {
    resourceType: 'Patient',
    id: ctx.id('Patient', 'peer', p.id),
    meta: ctx.meta(true, meetsUsCore ? [PROFILES.usCorePatient] : []),
    extension: [
      ...(p.ageBand === undefined
        ? []
        : [ext(EXTENSIONS.ageBand, { valueCoding: local(SYSTEMS.ageBand, p.ageBand) })]),
      ...p.populations.map((x) =>
        ext(EXTENSIONS.targetPopulation, { valueCoding: local(SYSTEMS.targetPopulation, x) }),
      ),
      ...(p.contactPreferences
        ? [
            {
              url: EXTENSIONS.contactPreferences,
              extension: [
                ...p.contactPreferences.channels.map((ch) =>
                  ext('channel', { valueCoding: local(SYSTEMS.messageChannel, ch) }),
                ),
                ...(p.contactPreferences.inPersonLocations ?? []).map((l) =>
                  ext('inPersonLocation', { valueCoding: local(SYSTEMS.locationType, l) }),
                ),
                ext('inPersonLocationsStated', {
                  valueBoolean: p.contactPreferences.inPersonLocations !== undefined,
                }),
              ],
            },
          ]
        : []),
    ],
    identifier: ctx.identifier('peer', p.id),
    name: [name ?? { extension: [absent] }],
    gender: p.gender ?? 'unknown',
    ...(p.gender === undefined ? { _gender: { extension: [absent] } } : {}),
    ...def(p.birthDate, (birthDate) => ({ birthDate })),
  };
  if (patient.extension?.length === 0) delete patient.extension;
  return patient;
}

/**
 * Reads the peers back from Patients.
 *
 * @example
 * const peers = peersFromFhir(ictx);
 */
export function peersFromFhir(ictx: ImportContext): Json[] {
  return ictx.records('Patient', 'peer').map((p, i) => {
    ictx.track('peers', i, p);
    const peer: Json = { id: ictx.idOf(p, 'peer') };
    const firstName = objs(p.name)[0];
    if (firstName && exts(firstName, EXTENSIONS.dataAbsentReason).length === 0)
      put(peer, 'name', humanNameOf(p.name));
    const genderAbsent = exts(p._gender, EXTENSIONS.dataAbsentReason).length > 0;
    if (!genderAbsent) put(peer, 'gender', p.gender);
    put(peer, 'birthDate', p.birthDate);
    put(peer, 'ageBand', codeIn(ext1(p, EXTENSIONS.ageBand)?.valueCoding, SYSTEMS.ageBand));
    peer.populations = exts(p, EXTENSIONS.targetPopulation).map((e) =>
      codeIn(e.valueCoding, SYSTEMS.targetPopulation),
    );
    const prefs = ext1(p, EXTENSIONS.contactPreferences);
    if (prefs) {
      const out: Json = {
        channels: exts(prefs, 'channel').map((e) => codeIn(e.valueCoding, SYSTEMS.messageChannel)),
      };
      if (exts(prefs, 'inPersonLocationsStated')[0]?.valueBoolean === true)
        out.inPersonLocations = exts(prefs, 'inPersonLocation').map((e) =>
          codeIn(e.valueCoding, SYSTEMS.locationType),
        );
      peer.contactPreferences = out;
    }
    return peer;
  });
}

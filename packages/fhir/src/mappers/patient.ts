import type { Address, ContactPoint, Extension, Patient } from '@medplum/fhirtypes';
import type { Peer } from '@peer-recovery/core';
import { EXTENSIONS, PROFILES, SYSTEMS } from '../codes';
import { codeIn, ext1, exts, humanNameOf, type ImportContext, type Json, objs, put } from './from-fhir';
import { def, type ExportContext, ext, humanName, local } from './to-fhir';

/**
 * A peer as a Patient (US Core unless the name is text only); an absent name or gender is a data-absent-reason.
 * The peer's phone, email and address, when recorded, are US Core's must-support `telecom` and `address`.
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
  const telecom: ContactPoint[] = [
    ...(p.telecom?.phone === undefined ? [] : [{ system: 'phone' as const, value: p.telecom.phone }]),
    ...(p.telecom?.email === undefined ? [] : [{ system: 'email' as const, value: p.telecom.email }]),
  ];
  if (telecom.length > 0) patient.telecom = telecom;
  if (p.address !== undefined && Object.keys(p.address).length > 0) {
    const a: Address = {};
    if (p.address.line !== undefined) a.line = [...p.address.line];
    if (p.address.city !== undefined) a.city = p.address.city;
    if (p.address.state !== undefined) a.state = p.address.state;
    if (p.address.postalCode !== undefined) a.postalCode = p.address.postalCode;
    if (p.address.country !== undefined) a.country = p.address.country;
    patient.address = [a];
  }
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
    const telecom: Json = {};
    for (const t of objs(p.telecom)) {
      if (t.system === 'phone' && telecom.phone === undefined) put(telecom, 'phone', t.value);
      if (t.system === 'email' && telecom.email === undefined) put(telecom, 'email', t.value);
    }
    if (Object.keys(telecom).length > 0) peer.telecom = telecom;
    const address = objs(p.address)[0];
    if (address) {
      const out: Json = {};
      if (Array.isArray(address.line) && address.line.length > 0) out.line = address.line;
      for (const k of ['city', 'state', 'postalCode', 'country']) put(out, k, address[k]);
      if (Object.keys(out).length > 0) peer.address = out;
    }
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

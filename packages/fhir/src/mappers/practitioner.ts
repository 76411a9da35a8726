import type { ContactPoint, Extension, Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import {
  addMonths,
  type Coach,
  CoachAgreement,
  coachStatusAt,
  getBuiltInPack,
  type LocalDate,
  type ProgramData,
  removingIncidents,
} from '@peer-recovery/core';
import { CODES, EXTENSIONS, PROFILES, SYSTEMS } from '../codes';
import type { ExportOptions } from '../export';
import {
  codeIn,
  ext1,
  exts,
  humanNameOf,
  type ImportContext,
  type Json,
  objs,
  periodOf,
  put,
} from './from-fhir';
import { coding, def, type ExportContext, ext, humanName, localDateOf, nonEmpty } from './to-fhir';

/**
 * The `recoveryMinimumVerifiedOn` a coach is exported with. Without `options.asOf`, the recorded value. With it:
 * the recorded value when it is on or before the local day of `asOf`; else, when the coach's recovery start date
 * shows the pack's minimum recovery duration met by that day (`addMonths(recoveryStartDate, years * 12)`, as the
 * eligibility rule computes it), the local day of `asOf` itself, as an attestation made by the export; else the
 * recorded value. The pack is `options.pack`, or the built-in pack named by `program.rulePack`; with neither, or a
 * minimum of 0, the recorded value.
 *
 * The attested day is the export day, not the day the minimum was reached: that day would give the recovery start
 * date away (the start date plus the minimum), and the recovery date never leaves the program.
 *
 * @example
 * const coach = { ...someCoach, recoveryStartDate: '2015-03-01', recoveryMinimumVerifiedOn: undefined };
 * attestedRecoveryMinimum(coach, program, { asOf: '2026-11-20T23:59:59-08:00' }); // '2026-11-20'
 */
export function attestedRecoveryMinimum(
  coach: Coach,
  program: ProgramData['program'],
  options: Pick<ExportOptions, 'asOf' | 'pack'> = {},
): string | undefined {
  const recorded = coach.recoveryMinimumVerifiedOn;
  if (options.asOf === undefined || coach.recoveryStartDate === undefined) return recorded;
  const pack = options.pack ?? getBuiltInPack(program.rulePack);
  const years = pack?.rules['coach-eligibility'].minRecoveryYears.value;
  if (years === undefined || years <= 0) return recorded;
  const asOfDay = localDateOf(options.asOf, program.timeZone);
  if (recorded !== undefined && recorded <= asOfDay) return recorded;
  return addMonths(coach.recoveryStartDate, Math.round(years * 12)) <= asOfDay ? asOfDay : recorded;
}

/**
 * Whether a coach is serving on `day` (`Practitioner.active`, `PractitionerRole.active`): the coach's lifecycle
 * state from core ({@link coachStatusAt}) is `active` or `on-notice`. A coach removed (by a `removed` history
 * entry, or by a boundary violation recorded by then) or withdrawn is not.
 *
 * @example
 * coachActiveOn(coach, '2026-03-10'); // false once a boundary violation dated 2026-03-10 is recorded
 */
export function coachActiveOn(coach: Coach, day: LocalDate): boolean {
  const status = coachStatusAt(coach, day)?.status;
  return status === 'active' || status === 'on-notice';
}

/**
 * The coach's status history as exported without conduct incidents: when an incident removed the coach (a kind the
 * rule pack makes removing), a `removed` entry from that day takes its place (later entries are dropped: removal is
 * final), so the coach's lifecycle reads the same on the other side without the conduct record. Unchanged when no
 * incident removed the coach.
 *
 * @example
 * // boundary violation on 2026-03-10, history [active from 2025-01-15]
 * statusHistoryWithoutIncidents(coach, program); // [active from 2025-01-15, removed from 2026-03-10]
 */
export function statusHistoryWithoutIncidents(
  coach: Coach,
  program: ProgramData['program'],
  options: Pick<ExportOptions, 'pack'> = {},
): Coach['statusHistory'] {
  if (coach.incidents.length === 0) return coach.statusHistory;
  const pack = options.pack ?? getBuiltInPack(program.rulePack);
  const state = coachStatusAt(coach, '9999-12-31', pack ? removingIncidents(pack) : undefined);
  if (state?.status !== 'removed' || state.reason === undefined) return coach.statusHistory;
  return [
    ...coach.statusHistory.filter((e) => e.from < state.since && e.status !== 'removed'),
    { status: 'removed', from: state.since },
  ];
}

/**
 * A coach as a Practitioner (US Core when the name has a family name; the NPI, when recorded, as the US Core NPI
 * identifier) and a PractitionerRole (NUCC peer specialist; US Core when telecom is recorded). The recovery start
 * date is never exported. The coach's HR records (personal-program and recovery attestations, interview,
 * background check, conduct incidents) are exported only with `includeCoachRecords`; without it a removal by an
 * incident is exported as a `removed` status entry (see {@link statusHistoryWithoutIncidents}).
 *
 * @example
 * const [practitioner, role] = coachToFhir(exportContext(data, {}), data.coaches[0]);
 */
export function coachToFhir(ctx: ExportContext, c: Coach): [Practitioner, PractitionerRole] {
  const active = coachActiveOn(c, ctx.factDay);
  const name = humanName(c.name);
  const agreements: Extension[] = CoachAgreement.options.flatMap((kind) => {
    const on = c.agreements[kind];
    return on === undefined
      ? []
      : [
          {
            url: EXTENSIONS.coachAgreement,
            extension: [ext('type', { valueCode: kind }), ext('date', { valueDate: on })],
          },
        ];
  });
  const records = ctx.options.includeCoachRecords === true;
  const verifiedOn = records ? attestedRecoveryMinimum(c, ctx.data.program, ctx.options) : undefined;
  const history = records ? c.statusHistory : statusHistoryWithoutIncidents(c, ctx.data.program, ctx.options);
  const incidents = records ? c.incidents : [];
  const extensions: Extension[] = [
    ...(records ? [ext(EXTENSIONS.coachPersonalProgram, { valueBoolean: c.personalProgramAttested })] : []),
    ...(verifiedOn === undefined ? [] : [ext(EXTENSIONS.coachRecoveryVerified, { valueDate: verifiedOn })]),
    ...(records && c.interview
      ? [ext(EXTENSIONS.coachInterview, { valueDate: c.interview.completedOn })]
      : []),
    ...(records && c.backgroundCheck
      ? [
          ext(EXTENSIONS.coachBackgroundCheck, {
            valuePeriod: {
              start: c.backgroundCheck.completedOn,
              ...def(c.backgroundCheck.expiresOn, (end) => ({ end })),
            },
          }),
        ]
      : []),
    ...agreements,
    ...(c.commitment
      ? [
          {
            url: EXTENSIONS.coachCommitment,
            extension: [
              ext('period', { valuePeriod: { start: c.commitment.startOn, end: c.commitment.endOn } }),
              ...c.commitment.extensions.map((x) => ({
                url: 'renewal',
                extension: [
                  ext('agreedOn', { valueDate: x.agreedOn }),
                  ext('untilOn', { valueDate: x.untilOn }),
                  ...(x.peerAgreedOn === undefined
                    ? []
                    : [ext('peerAgreedOn', { valueDate: x.peerAgreedOn })]),
                ],
              })),
            ],
          },
        ]
      : []),
    ...history.map((s) => ({
      url: EXTENSIONS.coachStatus,
      extension: [
        ext('status', { valueCode: s.status }),
        ext('from', { valueDate: s.from }),
        ...(s.writtenNoticeOn === undefined
          ? []
          : [ext('writtenNoticeOn', { valueDate: s.writtenNoticeOn })]),
      ],
    })),
    ...incidents.map((x) => ({
      url: EXTENSIONS.coachIncident,
      extension: [
        ext('id', { valueId: x.id }),
        ext('on', { valueDate: x.on }),
        ext('kind', { valueCode: x.kind }),
      ],
    })),
  ];
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    id: ctx.id('Practitioner', 'coach', c.id),
    // Conduct incidents (boundary violations, breaches) are restricted information about the coach (DS4P R).
    meta: ctx.meta(
      false,
      name?.family === undefined ? [] : [PROFILES.usCorePractitioner],
      incidents.length > 0 ? { security: [coding(CODES.restricted)] } : {},
    ),
    extension: extensions,
    // The program's identifier first: conditional creates and record lookups match on it, not on the NPI.
    identifier: [
      ...ctx.identifier('coach', c.id),
      ...(c.npi === undefined ? [] : [{ system: SYSTEMS.npi, value: c.npi }]),
    ],
    active,
    ...def(name, (n) => ({ name: [n] })),
    ...nonEmpty(c.trainings, (trainings) => ({
      qualification: trainings.map((t) => ({
        code: { coding: [{ system: SYSTEMS.training, code: t.code }], text: t.code },
        period: { start: t.completedOn, ...def(t.expiresOn, (end) => ({ end })) },
      })),
    })),
  };
  const telecom: ContactPoint[] = [
    ...(c.telecom?.phone === undefined
      ? []
      : [{ system: 'phone' as const, value: c.telecom.phone, use: 'work' as const }]),
    ...(c.telecom?.email === undefined
      ? []
      : [{ system: 'email' as const, value: c.telecom.email, use: 'work' as const }]),
  ];
  const role: PractitionerRole = {
    resourceType: 'PractitionerRole',
    id: ctx.id('PractitionerRole', 'coach-role', c.id),
    meta: ctx.meta(false, telecom.length > 0 ? [PROFILES.usCorePractitionerRole] : []),
    identifier: ctx.identifier('coach-role', c.id),
    active,
    practitioner: ctx.coachRef(c.id),
    organization: ctx.programRef,
    code: [{ coding: [coding(CODES.nuccPeerSpecialist)], text: 'Peer recovery coach' }],
    ...nonEmpty(telecom, (t) => ({ telecom: t })),
  };
  return [practitioner, role];
}

/**
 * Reads the coaches back from Practitioner and PractitionerRole (telecom).
 *
 * @example
 * const coaches = coachesFromFhir(ictx);
 */
export function coachesFromFhir(ictx: ImportContext): Json[] {
  const roles = new Map<string, Json>();
  for (const r of ictx.records('PractitionerRole', 'coach-role'))
    roles.set(ictx.idOf(r, 'coach-role') as string, r);
  return ictx.records('Practitioner', 'coach').map((p, i) => {
    ictx.track('coaches', i, p);
    const id = ictx.idOf(p, 'coach') as string;
    const coach: Json = { id };
    put(coach, 'name', humanNameOf(p.name));
    put(coach, 'npi', objs(p.identifier).find((x) => x.system === SYSTEMS.npi)?.value);
    const role = roles.get(id);
    const telecom: Json = {};
    for (const t of objs(role?.telecom)) {
      if (t.system === 'phone' && telecom.phone === undefined) put(telecom, 'phone', t.value);
      if (t.system === 'email' && telecom.email === undefined) put(telecom, 'email', t.value);
    }
    if (Object.keys(telecom).length > 0) coach.telecom = telecom;
    const personalProgram = ext1(p, EXTENSIONS.coachPersonalProgram);
    if (personalProgram === undefined) {
      // An export without the coach's HR records (the default): nothing attested is known here.
      coach.personalProgramAttested = false;
      ictx.imp.issue(
        'warning',
        'incomplete',
        "The coach's HR records (attestations, interview, background check, incidents) were not exported: eligibility findings on this copy say what is not known, not what is wrong",
        { resource: p, expression: 'Practitioner.extension' },
      );
    } else coach.personalProgramAttested = personalProgram.valueBoolean;
    put(coach, 'recoveryMinimumVerifiedOn', ext1(p, EXTENSIONS.coachRecoveryVerified)?.valueDate);
    coach.trainings = objs(p.qualification)
      .filter((q) => codeIn(q.code, SYSTEMS.training) !== undefined)
      .map((q) => {
        const period = periodOf(q.period);
        const t: Json = { code: codeIn(q.code, SYSTEMS.training), completedOn: period.start };
        put(t, 'expiresOn', period.end);
        return t;
      });
    const interview = ext1(p, EXTENSIONS.coachInterview)?.valueDate;
    if (interview !== undefined) coach.interview = { completedOn: interview };
    const bg = ext1(p, EXTENSIONS.coachBackgroundCheck);
    if (bg) {
      const period = periodOf(bg.valuePeriod);
      const check: Json = { completedOn: period.start };
      put(check, 'expiresOn', period.end);
      coach.backgroundCheck = check;
    }
    const agreements: Json = {};
    for (const a of exts(p, EXTENSIONS.coachAgreement)) {
      const type = exts(a, 'type')[0]?.valueCode;
      if (typeof type === 'string') agreements[type] = exts(a, 'date')[0]?.valueDate;
    }
    coach.agreements = agreements;
    const commitment = ext1(p, EXTENSIONS.coachCommitment);
    if (commitment) {
      const period = periodOf(exts(commitment, 'period')[0]?.valuePeriod);
      coach.commitment = {
        startOn: period.start,
        endOn: period.end,
        extensions: exts(commitment, 'renewal').map((x) => {
          const renewal: Json = {
            agreedOn: exts(x, 'agreedOn')[0]?.valueDate,
            untilOn: exts(x, 'untilOn')[0]?.valueDate,
          };
          put(renewal, 'peerAgreedOn', exts(x, 'peerAgreedOn')[0]?.valueDate);
          return renewal;
        }),
      };
    }
    coach.statusHistory = exts(p, EXTENSIONS.coachStatus).map((s) => {
      const entry: Json = { status: exts(s, 'status')[0]?.valueCode, from: exts(s, 'from')[0]?.valueDate };
      put(entry, 'writtenNoticeOn', exts(s, 'writtenNoticeOn')[0]?.valueDate);
      return entry;
    });
    coach.incidents = exts(p, EXTENSIONS.coachIncident).map((x) => ({
      id: exts(x, 'id')[0]?.valueId,
      on: exts(x, 'on')[0]?.valueDate,
      kind: exts(x, 'kind')[0]?.valueCode,
    }));
    return coach;
  });
}

import type {
  CarePlan,
  CodeableConcept,
  Coding,
  Communication,
  Consent,
  ContactPoint,
  DocumentReference,
  Encounter,
  EpisodeOfCare,
  Extension,
  Goal,
  HumanName,
  Location,
  Meta,
  Observation,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Provenance,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Reference,
  Resource,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import {
  addMonths,
  type Coach,
  type Contact,
  type Goal as DomainGoal,
  type HumanName as DomainHumanName,
  type Enrolment,
  getBuiltInPack,
  type InstrumentDefinition,
  instrumentById,
  type PlanVersion,
  type ProgramData,
  parseAsOf,
  parseProgramData,
  type RulePack,
  scoreAssessment,
} from '@peer-recovery/core';
import {
  CODES,
  CONSENT_PURPOSE_V3,
  type CodeEntry,
  codeText,
  ENCOUNTER_CLASS_BY_LOCATION,
  ENCOUNTER_CLASS_DISPLAY,
  EXTENSIONS,
  type IdentifierKind,
  identifierSystem,
  LOCATION_CODES,
  PARTICIPATION_MODE,
  PROFILES,
  PROGRAM_IDENTIFIER_SYSTEM,
  questionnaireUrl,
  SDOH_CATEGORY_BY_OUTCOME,
  SYSTEMS,
} from './codes';
import { resourceId } from './ids';
import { instrumentToQuestionnaire, instrumentTotalCode } from './instruments';
import { type FhirIssue, fhirIssue } from './issues';
import { validateResources } from './validate';

/**
 * Options of {@link exportProgram}.
 *
 * @example
 * const options: ExportOptions = { asOf: '2026-03-01T00:00:00-08:00', sensitivity: 'SUD', includeNotes: false };
 */
export interface ExportOptions {
  /**
   * The instant (ISO 8601 with offset) as of which statuses are computed: EpisodeOfCare.status and careManager,
   * CarePlan.status, Consent.status, Practitioner.active. Default: the latest state the data records.
   *
   * With `asOf`, a coach whose recovery start date (never exported) shows the rule pack's minimum recovery
   * duration met by that day, and who has no verification recorded on or before it, is exported with
   * `recoveryMinimumVerifiedOn` = the local day of `asOf` (see {@link attestedRecoveryMinimum}), so that the
   * eligibility rule gives the same answer on imported data as of `asOf` and later.
   */
  readonly asOf?: string;
  /**
   * The rule pack whose minimum recovery duration the `asOf` attestation uses (default: the built-in pack named by
   * `program.rulePack`; with neither, no attestation is made).
   */
  readonly pack?: RulePack;
  /** DS4P sensitivity label on substance-use-derived resources: v3-ActCode `ETH` (default) or `SUD`. */
  readonly sensitivity?: 'ETH' | 'SUD';
  /** Also label those resources with the privacy law v3-ActCode `42CFRPart2` (default `true`). */
  readonly part2?: boolean;
  /** Export progress-note free text as DocumentReference resources (default `false`: notes stay home). */
  readonly includeNotes?: boolean;
  /**
   * Replace each goal's description (the peer's own words) with a neutral placeholder such as
   * "Goal 2 of action plan version 1", and label the Goal `REDACTED` (default `false`).
   */
  readonly redactFreeText?: boolean;
  /**
   * Also export the instruments (default `true`): one Questionnaire per instrument used by an assessment and known
   * (built-in, or in `instruments`), and one Observation with the total of each assessment that scores (category
   * `survey`, `derivedFrom` its QuestionnaireResponse; none for an incomplete or invalid response). Import ignores
   * both: the answers come back from the QuestionnaireResponses.
   */
  readonly includeInstruments?: boolean;
  /**
   * A program's own instrument definitions, or built-ins with licensed item wording added (`withItemText`); they
   * replace the built-ins with the same id (see `instrumentById` of `@peer-recovery/core`).
   */
  readonly instruments?: readonly InstrumentDefinition[];
}

/**
 * The outcome of {@link exportProgram}: valid resources (and any warnings), or the issues that stopped the export.
 *
 * @example
 * const r: ExportResult = exportProgram(data);
 * if (r.success) console.log(r.resources.length); else console.error(r.issues);
 */
export type ExportResult =
  | { readonly success: true; readonly resources: Resource[]; readonly issues: readonly FhirIssue[] }
  | { readonly success: false; readonly issues: readonly FhirIssue[] };

/** Spreads `f(v)` when `v` is defined, nothing otherwise (objects stay free of `undefined` members). */
function def<V, R>(v: V | undefined, f: (v: V) => R): R | Record<never, never> {
  return v === undefined ? {} : f(v);
}
/** Spreads `{ key: list }` when the list is not empty. */
function nonEmpty<T>(list: readonly T[] | undefined, f: (list: T[]) => object): object {
  return list && list.length > 0 ? f([...list]) : {};
}

const coding = (c: CodeEntry): Coding => ({ system: c.system, code: c.code, display: c.display });
const local = (system: string, code: string): Coding => ({ system, code, display: codeText(code) });
const concept = (c: Coding, text?: string): CodeableConcept => ({
  coding: [c],
  text: text ?? c.display ?? c.code ?? '',
});
/** A relative reference; typed to fit every reference element (never carries `display`). */
type Ref = Reference<never>;
const ref = (resourceType: string, id: string): Ref => ({ reference: `${resourceType}/${id}` });
const ext = (url: string, value: Omit<Extension, 'url'>): Extension => ({ url, ...value });

/**
 * The calendar date (`YYYY-MM-DD`) of an instant in an IANA time zone: how `asOf` is compared with the program's
 * calendar dates.
 *
 * @example
 * localDateOf('2026-03-01T05:00:00Z', 'America/Los_Angeles'); // '2026-02-28'
 */
export function localDateOf(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

function humanName(n: DomainHumanName | undefined): HumanName | undefined {
  if (!n) return undefined;
  const out: HumanName = {
    ...def(n.text, (text) => ({ text })),
    ...def(n.family, (family) => ({ family })),
    ...def(n.given, (given) => ({ given: [...given] })),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The code of the coach status in force on `day` (undefined: latest recorded). */
function coachStatusOn(coach: Coach, day: string | undefined): string | undefined {
  let current: string | undefined;
  for (const s of coach.statusHistory) if (day === undefined || s.from <= day) current = s.status;
  return current;
}

function covers(from: string, to: string | undefined, day: string): boolean {
  return from <= day && (to === undefined || to >= day);
}

function episodeStatus(e: Enrolment, day: string | undefined): EpisodeOfCare['status'] {
  if (day !== undefined && e.enrolledOn > day) return 'planned';
  if (e.exit && (day === undefined || e.exit.on <= day)) return 'finished';
  const onHold =
    day === undefined
      ? e.holds.some((h) => h.to === undefined)
      : e.holds.some((h) => covers(h.from, h.to, day));
  return onHold ? 'onhold' : 'active';
}

function currentAssignment(e: Enrolment, day: string | undefined): string | undefined {
  if (day === undefined) return e.coachAssignments.find((a) => a.to === undefined)?.coachId;
  return e.coachAssignments.find((a) => covers(a.from, a.to, day))?.coachId;
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

/** The largest magnitude of a FHIR `integer` (32-bit signed; -2^31 is allowed too, left out for simplicity). */
const INT32 = 2_147_483_647;

const REFERRAL_STATUS = {
  made: { request: 'active', task: 'requested' },
  accepted: { request: 'active', task: 'accepted' },
  completed: { request: 'completed', task: 'completed' },
  declined: { request: 'revoked', task: 'rejected' },
} as const;

function utf8Base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

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
 * The placeholder description of a goal when free text is redacted.
 *
 * @example
 * redactedGoalText(1, 2); // 'Goal 2 of action plan version 2'
 */
export function redactedGoalText(index: number, version: number): string {
  return `Goal ${index + 1} of action plan version ${version}`;
}

/**
 * Maps a whole program (domain) to FHIR R4 resources: Organization (the program, with its time zone, calendar and
 * rule pack; and each organisation), Location (one per location type used), Practitioner + PractitionerRole
 * (coaches), Patient (peers), ServiceRequest + Task (the referral into the program, and referrals the coach made),
 * EpisodeOfCare (enrolments), CarePlan + Goal + Provenance (each plan version, its goals and signatures), Encounter
 * (contacts), DocumentReference (notes, only with `includeNotes`), Communication (messages and replies), Consent
 * and QuestionnaireResponse (assessments). Ids are name-based UUIDs, so the output is the same on every run.
 *
 * Privacy: the coach's recovery start date is never exported; references carry no `display`; resources derived from
 * a peer's records carry DS4P labels in `meta.security` (`ETH` or `SUD`, `R`, and `42CFRPart2` unless turned off);
 * notes are exported only on request. Every resource is validated (see `validateResource`); if any fails, the
 * result is a failure with the issues and no resources. Never throws.
 *
 * @example
 * const r = exportProgram(data, { asOf: '2026-03-01T00:00:00Z' });
 * if (r.success) console.log(r.resources.map((x) => x.resourceType));
 */
export function exportProgram(data: ProgramData, options: ExportOptions = {}): ExportResult {
  const parsed = parseProgramData(data);
  if (!parsed.success)
    return {
      success: false,
      issues: parsed.issues.map((i) => fhirIssue('error', 'invalid', i.message, { expression: i.pointer })),
    };
  const d = parsed.data;
  let resolved = options;
  if (options.asOf !== undefined) {
    const asOf = parseAsOf(options.asOf, d.program.timeZone, ['options', 'asOf']);
    if (!asOf.success)
      return {
        success: false,
        issues: asOf.issues.map((i) =>
          fhirIssue('error', 'value', i.message, { expression: 'options.asOf' }),
        ),
      };
    resolved = { ...options, asOf: new Date(asOf.data.ms).toISOString() };
  }

  let resources: Resource[];
  try {
    resources = buildResources(d, resolved);
  } catch {
    return { success: false, issues: [fhirIssue('error', 'exception', 'The export failed unexpectedly')] };
  }
  const issues = validateResources(resources);
  if (issues.some((i) => i.severity === 'error')) return { success: false, issues };
  return { success: true, resources, issues };
}

function buildResources(d: ProgramData, options: ExportOptions): Resource[] {
  const program = d.program;
  const pid = program.id;
  const asOfDay = options.asOf === undefined ? undefined : localDateOf(options.asOf, program.timeZone);
  const asOfMs = options.asOf === undefined ? undefined : Date.parse(options.asOf);
  const id = (type: string, kind: string, key: string): string => resourceId(pid, type, kind, key);
  const identifier = (kind: IdentifierKind, value: string) => [
    { system: identifierSystem(pid, kind), value },
  ];
  const tag: Coding = { system: SYSTEMS.programTag, code: pid };
  const security: Coding[] = [
    coding(options.sensitivity === 'SUD' ? CODES.sud : CODES.eth),
    coding(CODES.restricted),
    ...(options.part2 === false ? [] : [coding(CODES.part2)]),
  ];
  const meta = (
    sensitive: boolean,
    profiles: readonly string[] = [],
    extra: { tags?: Coding[]; security?: Coding[] } = {},
  ): Meta => ({
    ...nonEmpty(profiles, (profile) => ({ profile })),
    ...(sensitive || extra.security
      ? { security: [...(sensitive ? security : []), ...(extra.security ?? [])] }
      : {}),
    tag: [tag, ...(extra.tags ?? [])],
  });

  const programOrgId = id('Organization', 'program', pid);
  const programRef = ref('Organization', programOrgId);
  const orgRef = (orgId: string) => ref('Organization', id('Organization', 'organization', orgId));
  const coachRef = (coachId: string) => ref('Practitioner', id('Practitioner', 'coach', coachId));
  const coachRoleRef = (coachId: string) =>
    ref('PractitionerRole', id('PractitionerRole', 'coach-role', coachId));
  const peerRef = (peerId: string) => ref('Patient', id('Patient', 'peer', peerId));
  const episodeRef = (enrolmentId: string) =>
    ref('EpisodeOfCare', id('EpisodeOfCare', 'enrolment', enrolmentId));
  const planRef = (planId: string) => ref('CarePlan', id('CarePlan', 'plan', planId));
  const referralRef = (referralId: string) =>
    ref('ServiceRequest', id('ServiceRequest', 'referral', referralId));
  const locationRef = (type: string) => ref('Location', id('Location', 'location', type));
  const episodeExt = (enrolmentId: string) =>
    ext(EXTENSIONS.episodeOfCare, { valueReference: episodeRef(enrolmentId) });

  const enrolmentById = new Map(d.enrolments.map((e) => [e.id, e]));
  const groupBy = <T extends { enrolmentId: string }>(list: readonly T[]): Map<string, T[]> => {
    const out = new Map<string, T[]>();
    for (const x of list) {
      const bucket = out.get(x.enrolmentId);
      if (bucket) bucket.push(x);
      else out.set(x.enrolmentId, [x]);
    }
    return out;
  };
  const plansByEnrolment = groupBy(d.plans);
  const contactsByEnrolment = groupBy(d.contacts);
  const peerOfEnrolment = (enrolmentId: string): Ref =>
    peerRef(enrolmentById.get(enrolmentId)?.peerId ?? enrolmentId);

  const out: Resource[] = [];

  // ---- program ----------------------------------------------------------------------------------------------
  const calendarParts: Extension[] = [
    ...program.calendar.weekendDays.map((n) => ext('weekendDay', { valueInteger: n })),
    ...program.calendar.holidays.map((h) => ext('holiday', { valueDate: h })),
    ...(program.calendar.holidaySets ?? []).map((s) => ext('holidaySet', { valueCode: s })),
    ...(program.calendar.holidaySets === undefined ? [] : [ext('holidaySetsStated', { valueBoolean: true })]),
  ];
  const programOrg: Organization = {
    resourceType: 'Organization',
    id: programOrgId,
    meta: meta(false),
    extension: [
      ext(EXTENSIONS.programTimeZone, { valueCode: program.timeZone }),
      ...(calendarParts.length > 0 ? [{ url: EXTENSIONS.programCalendar, extension: calendarParts }] : []),
      ext(EXTENSIONS.programRulePack, { valueId: program.rulePack }),
    ],
    identifier: [{ system: PROGRAM_IDENTIFIER_SYSTEM, value: pid }],
    active: true,
    type: [
      {
        coding: [coding(CODES.healthcareProvider), local(SYSTEMS.organizationKind, 'program')],
        text: 'Peer recovery coaching program',
      },
    ],
    name: program.name,
  };
  out.push(programOrg);

  for (const o of d.organizations) {
    const org: Organization = {
      resourceType: 'Organization',
      id: id('Organization', 'organization', o.id),
      meta: meta(false),
      identifier: identifier('organization', o.id),
      active: true,
      type: [concept(local(SYSTEMS.organizationKind, o.kind))],
      name: o.name,
    };
    out.push(org);
  }

  // ---- locations (one per location type used) --------------------------------------------------------------
  const usedLocations = new Set(d.contacts.map((c) => c.location));
  for (const [type, info] of Object.entries(LOCATION_CODES)) {
    if (!usedLocations.has(type as Contact['location'])) continue;
    const codings = [
      ...(info.roleCode ? [coding(info.roleCode)] : []),
      ...(info.pos ? [coding(info.pos)] : []),
      local(SYSTEMS.locationType, type),
    ];
    const location: Location = {
      resourceType: 'Location',
      id: id('Location', 'location', type),
      meta: meta(false),
      identifier: identifier('location', type),
      status: 'active',
      name: info.display,
      mode: 'kind',
      type: [{ coding: codings, text: info.display }],
      managingOrganization: programRef,
    };
    out.push(location);
  }

  // ---- coaches ----------------------------------------------------------------------------------------------
  for (const c of d.coaches) {
    const status = coachStatusOn(c, asOfDay);
    const active = status === 'active' || status === 'on-notice';
    const name = humanName(c.name);
    const agreements: Extension[] = (['volunteer', 'mentorship', 'guidelines'] as const).flatMap((kind) => {
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
    const verifiedOn = attestedRecoveryMinimum(c, program, options);
    const extensions: Extension[] = [
      ext(EXTENSIONS.coachPersonalProgram, { valueBoolean: c.personalProgramAttested }),
      ...(verifiedOn === undefined ? [] : [ext(EXTENSIONS.coachRecoveryVerified, { valueDate: verifiedOn })]),
      ...(c.interview ? [ext(EXTENSIONS.coachInterview, { valueDate: c.interview.completedOn })] : []),
      ...(c.backgroundCheck
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
                  ],
                })),
              ],
            },
          ]
        : []),
      ...c.statusHistory.map((s) => ({
        url: EXTENSIONS.coachStatus,
        extension: [
          ext('status', { valueCode: s.status }),
          ext('from', { valueDate: s.from }),
          ...(s.writtenNoticeOn === undefined
            ? []
            : [ext('writtenNoticeOn', { valueDate: s.writtenNoticeOn })]),
        ],
      })),
      ...c.incidents.map((x) => ({
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
      id: id('Practitioner', 'coach', c.id),
      // Conduct incidents (boundary violations, breaches) are restricted information about the coach (DS4P R).
      meta: meta(
        false,
        name?.family === undefined ? [] : [PROFILES.usCorePractitioner],
        c.incidents.length > 0 ? { security: [coding(CODES.restricted)] } : {},
      ),
      extension: extensions,
      identifier: identifier('coach', c.id),
      active,
      ...def(name, (n) => ({ name: [n] })),
      ...nonEmpty(c.trainings, (trainings) => ({
        qualification: trainings.map((t) => ({
          code: { coding: [{ system: SYSTEMS.training, code: t.code }], text: t.code },
          period: { start: t.completedOn, ...def(t.expiresOn, (end) => ({ end })) },
        })),
      })),
    };
    out.push(practitioner);
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
      id: id('PractitionerRole', 'coach-role', c.id),
      meta: meta(false, telecom.length > 0 ? [PROFILES.usCorePractitionerRole] : []),
      identifier: identifier('coach-role', c.id),
      active,
      practitioner: coachRef(c.id),
      organization: programRef,
      code: [{ coding: [coding(CODES.nuccPeerSpecialist)], text: 'Peer recovery coach' }],
      ...nonEmpty(telecom, (t) => ({ telecom: t })),
    };
    out.push(role);
  }

  // ---- peers ------------------------------------------------------------------------------------------------
  for (const p of d.peers) {
    const name = humanName(p.name);
    const meetsUsCore = name === undefined || name.family !== undefined || name.given !== undefined;
    const absent: Extension = ext(EXTENSIONS.dataAbsentReason, { valueCode: 'unknown' });
    const patient: Patient = {
      resourceType: 'Patient',
      id: id('Patient', 'peer', p.id),
      meta: meta(true, meetsUsCore ? [PROFILES.usCorePatient] : []),
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
      identifier: identifier('peer', p.id),
      name: [name ?? { extension: [absent] }],
      gender: p.gender ?? 'unknown',
      ...(p.gender === undefined ? { _gender: { extension: [absent] } } : {}),
      ...def(p.birthDate, (birthDate) => ({ birthDate })),
    };
    if (patient.extension?.length === 0) delete patient.extension;
    out.push(patient);
  }

  // ---- enrolments -------------------------------------------------------------------------------------------
  for (const e of d.enrolments) {
    const subject = peerRef(e.peerId);
    const hasReferral = e.referredOn !== undefined || e.referralSource !== undefined;
    const programReferralId = id('ServiceRequest', 'program-referral', e.id);
    if (hasReferral) {
      const src = e.referralSource;
      const requester =
        src?.organizationId !== undefined
          ? orgRef(src.organizationId)
          : src?.kind === 'self'
            ? subject
            : undefined;
      const sr: ServiceRequest = {
        resourceType: 'ServiceRequest',
        id: programReferralId,
        meta: meta(true, [PROFILES.usCoreServiceRequest]),
        ...(src
          ? {
              extension: [
                ext(EXTENSIONS.referralSourceKind, {
                  valueCoding: local(SYSTEMS.organizationKind, src.kind),
                }),
              ],
            }
          : {}),
        identifier: identifier('program-referral', e.id),
        status: 'completed',
        intent: 'order',
        category: [concept(coding(CODES.socialServiceProcedure))],
        code: concept(coding(CODES.referralToPeerSupport)),
        subject,
        ...def(e.referredOn, (authoredOn) => ({ authoredOn })),
        ...def(requester, (r) => ({ requester: r })),
        performer: [programRef],
      };
      out.push(sr);
      const task: Task = {
        resourceType: 'Task',
        id: id('Task', 'program-referral-task', e.id),
        meta: meta(true),
        identifier: identifier('program-referral-task', e.id),
        status: 'completed',
        intent: 'order',
        code: concept(coding(CODES.taskFulfill)),
        focus: ref('ServiceRequest', programReferralId),
        for: subject,
        ...def(e.referredOn, (authoredOn) => ({ authoredOn })),
        owner: programRef,
      };
      out.push(task);
    }
    const documents: Extension[] = (
      ['guidelinesAgreement', 'application', 'assessments', 'confidentialityForms'] as const
    ).flatMap((k) => {
      const on = e.documents[k];
      return on === undefined ? [] : [ext(k, { valueDate: on })];
    });
    const manager = currentAssignment(e, asOfDay);
    const episode: EpisodeOfCare = {
      resourceType: 'EpisodeOfCare',
      id: id('EpisodeOfCare', 'enrolment', e.id),
      meta: meta(true),
      extension: [
        ...(documents.length > 0 ? [{ url: EXTENSIONS.enrolmentDocuments, extension: documents }] : []),
        ...e.coachAssignments.map((a) => ({
          url: EXTENSIONS.coachAssignment,
          extension: [
            ext('coach', { valueReference: coachRef(a.coachId) }),
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
                  ...e.exit.referralsMade.map((r) => ext('referralMade', { valueReference: referralRef(r) })),
                  ...(e.exit.referralSourceNoticeSentOn === undefined
                    ? []
                    : [ext('referralSourceNoticeSentOn', { valueDate: e.exit.referralSourceNoticeSentOn })]),
                ],
              },
            ]
          : []),
      ],
      identifier: identifier('enrolment', e.id),
      status: episodeStatus(e, asOfDay),
      ...nonEmpty(e.holds, (holds) => ({
        statusHistory: holds.map((h) => ({
          extension: [ext(EXTENSIONS.holdReason, { valueCoding: local(SYSTEMS.holdReason, h.reason) })],
          status: 'onhold' as const,
          period: { start: h.from, ...def(h.to, (end) => ({ end })) },
        })),
      })),
      type: [concept(coding(CODES.peerRecoveryEpisode))],
      patient: subject,
      managingOrganization: programRef,
      period: { start: e.enrolledOn, ...def(e.exit?.on, (end) => ({ end })) },
      ...(hasReferral ? { referralRequest: [ref('ServiceRequest', programReferralId)] } : {}),
      ...def(manager, (m) => ({ careManager: coachRoleRef(m) })),
    };
    if (episode.extension?.length === 0) delete episode.extension;
    out.push(episode);
  }

  // ---- plans, goals, signatures ------------------------------------------------------------------------------
  const signedAsOf = (at: string | undefined): boolean =>
    at !== undefined && (asOfMs === undefined || Date.parse(at) <= asOfMs);
  for (const p of d.plans) {
    const subject = peerOfEnrolment(p.enrolmentId);
    const goalRefs: Ref[] = [];
    p.goals.forEach((g, i) => {
      const goalId = id('Goal', 'goal', `${p.id}/${g.id}`);
      goalRefs.push(ref('Goal', goalId));
      const sdoh = g.outcome === undefined ? undefined : SDOH_CATEGORY_BY_OUTCOME[g.outcome];
      const goal: Goal = {
        resourceType: 'Goal',
        id: goalId,
        meta: meta(
          true,
          [PROFILES.usCoreGoal],
          options.redactFreeText ? { security: [coding(CODES.redacted)] } : {},
        ),
        identifier: identifier('goal', `${p.id}/${g.id}`),
        ...goalStatus(g.status),
        ...def(g.outcome, (o) => ({
          category: [
            {
              coding: [local(SYSTEMS.expectedOutcome, o), ...(sdoh ? [coding(sdoh)] : [])],
              text: codeText(o),
            },
          ],
        })),
        description: { text: options.redactFreeText ? redactedGoalText(i, p.version) : g.description },
        subject,
        ...def(g.targetDate, (dueDate) => ({ target: [{ dueDate }] })),
        expressedBy: subject,
      };
      out.push(goal);
    });
    out.push(carePlan(p, subject, goalRefs));
    for (const who of ['peer', 'coach'] as const) {
      const at = who === 'peer' ? p.signedByPeerAt : p.signedByCoachAt;
      if (at === undefined) continue;
      const key = `${p.id}/${who}`;
      const enrolment = enrolmentById.get(p.enrolmentId);
      const coachId = enrolment ? currentAssignment(enrolment, localDateOf(at, program.timeZone)) : undefined;
      const signer = who === 'peer' ? subject : coachId !== undefined ? coachRef(coachId) : programRef;
      const provenance: Provenance = {
        resourceType: 'Provenance',
        id: id('Provenance', 'plan-signature', key),
        meta: meta(true, [], { tags: [{ system: SYSTEMS.recordKey, code: `${pid}/plan-signature/${key}` }] }),
        target: [planRef(p.id)],
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
  }

  /**
   * MCC eCare Plan pattern: the contacts under a signed plan version are its activity's `outcomeReference`, namely
   * the Encounters of the enrolment from the peer's signature of this version up to (not including) the next
   * signature of another version of the same enrolment (as of `asOf`).
   */
  function planEncounters(p: PlanVersion): Ref[] {
    const from = p.signedByPeerAt;
    if (from === undefined || !signedAsOf(from)) return [];
    const fromMs = Date.parse(from);
    let untilMs = Number.POSITIVE_INFINITY;
    for (const q of plansByEnrolment.get(p.enrolmentId) ?? []) {
      if (q === p || !signedAsOf(q.signedByPeerAt)) continue;
      const at = Date.parse(q.signedByPeerAt as string);
      if (at > fromMs && at < untilMs) untilMs = at;
    }
    return (contactsByEnrolment.get(p.enrolmentId) ?? [])
      .map((c) => ({ c, ms: Date.parse(c.start) }))
      .filter(({ ms }) => ms >= fromMs && ms < untilMs)
      .sort((a, b) => a.ms - b.ms)
      .map(({ c }) => ref('Encounter', id('Encounter', 'contact', c.id)));
  }

  function carePlan(p: PlanVersion, subject: Ref, goals: Ref[]): CarePlan {
    const replaced = d.plans.some((q) => q.replaces === p.id && signedAsOf(q.signedByPeerAt));
    const encounters = planEncounters(p);
    const status: CarePlan['status'] = !signedAsOf(p.signedByPeerAt)
      ? 'draft'
      : replaced
        ? 'completed'
        : 'active';
    return {
      resourceType: 'CarePlan',
      id: id('CarePlan', 'plan', p.id),
      meta: meta(true, [PROFILES.usCoreCarePlan]),
      text: {
        status: 'generated',
        div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>Peer recovery action plan, version ${p.version}, with ${p.goals.length} goal(s).</p></div>`,
      },
      extension: [
        episodeExt(p.enrolmentId),
        ext(EXTENSIONS.planVersion, { valuePositiveInt: p.version }),
        ...(p.recordedAt === undefined ? [] : [ext(EXTENSIONS.recordedAt, { valueDateTime: p.recordedAt })]),
      ],
      identifier: identifier('plan', p.id),
      ...def(p.replaces, (r) => ({ replaces: [planRef(r)] })),
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

  // ---- contacts ---------------------------------------------------------------------------------------------
  for (const c of d.contacts) {
    const subject = peerOfEnrolment(c.enrolmentId);
    const cls = c.mode === 'in-person' ? ENCOUNTER_CLASS_BY_LOCATION[c.location] : 'VR';
    const encounterId = id('Encounter', 'contact', c.id);
    const minutes = (Date.parse(c.end) - Date.parse(c.start)) / 60000;
    const encounter: Encounter = {
      resourceType: 'Encounter',
      id: encounterId,
      meta: meta(true, [PROFILES.usCoreEncounter]),
      extension: [
        ext(EXTENSIONS.contactMode, { valueCoding: local(SYSTEMS.contactMode, c.mode) }),
        ...c.activities.map((a) =>
          ext(EXTENSIONS.contactActivity, { valueCoding: local(SYSTEMS.activity, a) }),
        ),
        ...(c.actingOnBehalfWithPermission === undefined
          ? []
          : [ext(EXTENSIONS.actingWithPermission, { valueBoolean: c.actingOnBehalfWithPermission })]),
        ext(EXTENSIONS.progressNote, { valueBoolean: c.progressNote }),
        ext(EXTENSIONS.initiatedBy, { valueCode: c.initiatedBy }),
        ...(c.billable === undefined ? [] : [ext(EXTENSIONS.billable, { valueBoolean: c.billable })]),
        ...(c.recordedAt === undefined ? [] : [ext(EXTENSIONS.recordedAt, { valueDateTime: c.recordedAt })]),
      ],
      identifier: identifier('contact', c.id),
      status: 'finished',
      class: { system: SYSTEMS.v3ActCode, code: cls, display: ENCOUNTER_CLASS_DISPLAY[cls] },
      type: [
        concept(coding(CODES.encounterForProblem), 'Peer recovery coaching contact'),
        ...(c.billable === true ? [concept(coding(CODES.hcpcsPeerServices))] : []),
      ],
      serviceType: concept(coding(CODES.serviceTypeCoaching)),
      subject,
      episodeOfCare: [episodeRef(c.enrolmentId)],
      participant: [{ type: [concept(coding(CODES.primaryPerformer))], individual: coachRef(c.coachId) }],
      period: { start: c.start, end: c.end },
      length: { value: minutes, unit: 'min', system: SYSTEMS.ucum, code: 'min' },
      location: [{ location: locationRef(c.location) }],
    };
    out.push(encounter);
    if (options.includeNotes && c.note !== undefined) {
      const doc: DocumentReference = {
        resourceType: 'DocumentReference',
        id: id('DocumentReference', 'progress-note', c.id),
        meta: meta(true),
        identifier: identifier('progress-note', c.id),
        status: 'current',
        docStatus: 'final',
        type: concept(coding(CODES.loincProgressNote)),
        subject,
        date: c.end,
        author: [coachRef(c.coachId)],
        content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: utf8Base64(c.note) } }],
        context: { encounter: [ref('Encounter', encounterId)], period: { start: c.start, end: c.end } },
      };
      out.push(doc);
    }
  }

  // ---- messages ---------------------------------------------------------------------------------------------
  const medium = (ch: string): CodeableConcept[] => {
    const mode = PARTICIPATION_MODE[ch];
    return [
      {
        coding: [
          ...(mode ? [{ system: SYSTEMS.v3ParticipationMode, code: mode.code, display: mode.display }] : []),
          local(SYSTEMS.messageChannel, ch),
        ],
        text: codeText(ch),
      },
    ];
  };
  for (const m of d.messages) {
    const subject = peerOfEnrolment(m.enrolmentId);
    const messageId = id('Communication', 'message', m.id);
    const message: Communication = {
      resourceType: 'Communication',
      id: messageId,
      meta: meta(true),
      extension: [
        episodeExt(m.enrolmentId),
        ...(m.repliedAt === undefined && m.replyChannel !== undefined
          ? [ext(EXTENSIONS.replyChannel, { valueCoding: local(SYSTEMS.messageChannel, m.replyChannel) })]
          : []),
      ],
      identifier: identifier('message', m.id),
      status: 'completed',
      category: [concept(coding(CODES.peerMessage))],
      medium: medium(m.channel),
      subject,
      received: m.receivedAt,
      recipient: [programRef],
      sender: subject,
    };
    out.push(message);
    if (m.repliedAt !== undefined) {
      const reply: Communication = {
        resourceType: 'Communication',
        id: id('Communication', 'message-reply', m.id),
        meta: meta(true),
        extension: [episodeExt(m.enrolmentId)],
        identifier: identifier('message-reply', m.id),
        inResponseTo: [ref('Communication', messageId)],
        status: 'completed',
        category: [concept(coding(CODES.coachReply))],
        ...def(m.replyChannel, (ch) => ({ medium: medium(ch) })),
        subject,
        sent: m.repliedAt,
        recipient: [subject],
        sender: programRef,
      };
      out.push(reply);
    }
  }

  // ---- referrals made by the coach --------------------------------------------------------------------------
  for (const r of d.referrals) {
    const subject = peerOfEnrolment(r.enrolmentId);
    const srId = id('ServiceRequest', 'referral', r.id);
    const st = r.status === undefined ? undefined : REFERRAL_STATUS[r.status];
    const sr: ServiceRequest = {
      resourceType: 'ServiceRequest',
      id: srId,
      meta: meta(true),
      extension: [
        episodeExt(r.enrolmentId),
        ...(r.forContinuity === undefined
          ? []
          : [ext(EXTENSIONS.forContinuity, { valueBoolean: r.forContinuity })]),
      ],
      identifier: identifier('referral', r.id),
      status: st?.request ?? 'active',
      intent: 'order',
      category: [concept(coding(CODES.patientReferral))],
      code: concept(local(SYSTEMS.referralKind, r.kind), `Referral: ${codeText(r.kind)}`),
      subject,
      authoredOn: r.madeOn,
    };
    out.push(sr);
    if (st) {
      const task: Task = {
        resourceType: 'Task',
        id: id('Task', 'referral-task', r.id),
        meta: meta(true),
        identifier: identifier('referral-task', r.id),
        status: st.task,
        intent: 'order',
        code: concept(coding(CODES.taskFulfill)),
        focus: ref('ServiceRequest', srId),
        for: subject,
        authoredOn: r.madeOn,
      };
      out.push(task);
    }
  }

  // ---- consents ---------------------------------------------------------------------------------------------
  for (const c of d.consents) {
    const revoked = c.revokedOn !== undefined && (asOfDay === undefined || c.revokedOn <= asOfDay);
    const purposes: Coding[] = c.purposes.map((p) => {
      const v3 = CONSENT_PURPOSE_V3[p];
      return v3
        ? { system: SYSTEMS.v3ActReason, code: v3.code, display: v3.display }
        : local(SYSTEMS.consentPurpose, p);
    });
    const consent: Consent = {
      resourceType: 'Consent',
      id: id('Consent', 'consent', c.id),
      meta: meta(true),
      extension: [
        ...(c.enrolmentId === undefined
          ? []
          : [ext(EXTENSIONS.consentEnrolment, { valueReference: episodeRef(c.enrolmentId) })]),
        ...(c.revokedOn === undefined ? [] : [ext(EXTENSIONS.consentRevokedOn, { valueDate: c.revokedOn })]),
      ],
      identifier: identifier('consent', c.id),
      status: revoked ? 'inactive' : 'active',
      scope: concept(coding(CODES.patientPrivacy)),
      category: [
        concept(
          coding(c.kind === 'confidentiality' ? CODES.loincPatientConsent : CODES.loincReleaseOfInformation),
        ),
      ],
      patient: peerRef(c.peerId),
      dateTime: c.signedOn,
      organization: [programRef],
      policyRule: concept(coding(CODES.part2)),
      provision: {
        type: 'permit',
        period: { start: c.period.start, ...def(c.period.end, (end) => ({ end })) },
        ...def(c.recipientOrganizationId, (o) => ({
          actor: [{ role: concept(coding(CODES.informationRecipient)), reference: orgRef(o) }],
        })),
        ...nonEmpty(purposes, (purpose) => ({ purpose })),
      },
    };
    if (consent.extension?.length === 0) delete consent.extension;
    out.push(consent);
  }

  // ---- instruments and assessments --------------------------------------------------------------------------
  const withInstruments = options.includeInstruments !== false;
  const definitions = new Map<string, InstrumentDefinition>();
  if (withInstruments)
    for (const a of d.assessments) {
      const def = instrumentById(a.instrument, options.instruments ?? []);
      if (def && !definitions.has(def.id)) {
        definitions.set(def.id, def);
        out.push(instrumentToQuestionnaire(def, { programId: pid }));
      }
    }
  for (const a of d.assessments) {
    const items: QuestionnaireResponseItem[] = Object.entries(a.answers).map(([linkId, v]) =>
      v === null
        ? { linkId }
        : {
            linkId,
            answer: [Number.isInteger(v) && Math.abs(v) <= INT32 ? { valueInteger: v } : { valueDecimal: v }],
          },
    );
    const qrId = id('QuestionnaireResponse', 'assessment', a.id);
    const qr: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      id: qrId,
      meta: meta(true),
      extension: [episodeExt(a.enrolmentId)],
      identifier: identifier('assessment', a.id)[0] as { system: string; value: string },
      questionnaire: questionnaireUrl(a.instrument),
      status: 'completed',
      subject: peerOfEnrolment(a.enrolmentId),
      authored: a.completedOn,
      ...nonEmpty(items, (item) => ({ item })),
    };
    out.push(qr);
    const def = definitions.get(a.instrument);
    const score = def ? scoreAssessment(a, def) : undefined;
    if (def && score?.status === 'scored' && Number.isFinite(score.total)) {
      const total = score.total;
      const observation: Observation = {
        resourceType: 'Observation',
        id: id('Observation', 'assessment-score', a.id),
        meta: meta(true),
        extension: [episodeExt(a.enrolmentId)],
        identifier: identifier('assessment-score', a.id),
        status: 'final',
        category: [concept(coding(CODES.survey))],
        code: concept(coding(instrumentTotalCode(def))),
        subject: peerOfEnrolment(a.enrolmentId),
        effectiveDateTime: a.completedOn,
        ...(Number.isInteger(total) && Math.abs(total) <= INT32
          ? { valueInteger: total }
          : { valueQuantity: { value: total, unit: 'score', system: SYSTEMS.ucum, code: '{score}' } }),
        derivedFrom: [ref('QuestionnaireResponse', qrId)],
      };
      out.push(observation);
    }
  }

  return out;
}

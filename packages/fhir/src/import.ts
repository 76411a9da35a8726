import {
  type InputLimits,
  PROGRAM_DATA_FORMAT,
  PROGRAM_RECORD_KINDS,
  type ProgramData,
  type ProgramRecordKind,
  parseProgramData,
} from '@peer-recovery/core';
import { PROGRAM_IDENTIFIER_SYSTEM, SYSTEMS } from './codes';
import { type NdjsonLine, readNdjsonLines, safeFileName } from './importing/ndjson';
import type { MappingProfile } from './importing/profile';
import {
  type ImportReport,
  ImportReportBuilder,
  type ImportReportEntry,
  type ReportDetail,
} from './importing/report';
import { encounterStatusDecision } from './importing/status';
import { type FhirIssue, fhirIssue } from './issues';
import { plansFromFhir } from './mappers/care-plan';
import { messagesFromFhir } from './mappers/communication';
import { consentsFromFhir } from './mappers/consent';
import { ehrRecordsFromFhir, isEhrAuthored } from './mappers/ehr';
import { contactFromFhir, contactsFromFhir, progressNotes } from './mappers/encounter';
import { enrolmentsFromFhir } from './mappers/episode-of-care';
import {
  asArray,
  type ImportContext,
  Importer,
  type Item,
  identifierValue,
  importContext,
  isObj,
  type Json,
  LineItem,
  objs,
  PART_OWNER,
} from './mappers/from-fhir';
import { organizationsFromFhir, programFromFhir } from './mappers/organization';
import { peersFromFhir } from './mappers/patient';
import { coachesFromFhir } from './mappers/practitioner';
import { assessmentsFromFhir } from './mappers/questionnaire-response';
import { referralsFromFhir } from './mappers/service-request';

/**
 * Options of the importers.
 *
 * @example
 * importBundle(bundle, { programId: 'srp', strict: true, report: 'problems' });
 */
export interface ImportOptions {
  /** Which program to import when the resources hold more than one program Organization. */
  readonly programId?: string;
  /**
   * Strict import: a skipped resource is an error (outcome `error` in the report, with its reason), and any
   * resource in error fails the whole import. Default false: skipped resources are only reported, and a resource
   * in error is an issue for that resource while the rest imports.
   */
  readonly strict?: boolean;
  /** Which entries the report lists (counts always cover every resource); default `all`. */
  readonly report?: ReportDetail;
  /**
   * A mapping profile (checked with `parseMappingProfile`): EHR-authored Patients, Encounters, EpisodeOfCares,
   * CarePlans and Goals about the program's peers become peers, contacts, enrolments and plan versions as it says
   * (see docs/fhir.md, "Mapping profiles"). Without a program Organization of this project, the program is the
   * profile's.
   */
  readonly profile?: MappingProfile;
  /**
   * Input limits the imported data is checked against (see `InputLimits` of core; default `DEFAULT_INPUT_LIMITS`):
   * a record over a limit, or dated outside the plausible years, is in error like any other invalid record.
   */
  readonly limits?: Partial<InputLimits>;
}

/**
 * The outcome of an import: the program data (parsed and checked with `parseProgramData`) with the issues found
 * (an issue of severity `error` is about one resource that was left out, the rest imported), or the issues that
 * stopped it; with the per-resource report of what became of every resource read (absent only when nothing could
 * be read). Issues and report name the resource type, id and location, never a value from the data.
 *
 * @example
 * const r: ImportResult = importBundle(bundle);
 * if (r.success) console.log(r.data.peers.length, r.report.total.skipped);
 */
export type ImportResult =
  | {
      readonly success: true;
      readonly data: ProgramData;
      readonly issues: readonly FhirIssue[];
      readonly report: ImportReport;
    }
  | { readonly success: false; readonly issues: readonly FhirIssue[]; readonly report?: ImportReport };

/** The lists of ProgramData that records come from, in the order the mappers build them (core's record kinds). */
const LISTS = PROGRAM_RECORD_KINDS;
type ListName = ProgramRecordKind;
const isListName = (v: unknown): v is ListName => (LISTS as readonly unknown[]).includes(v);

/** The order files are read in: what others refer to first; Encounters (the bulk of an export) last. */
const READ_ORDER = [
  'Organization',
  'Location',
  'Practitioner',
  'PractitionerRole',
  'Patient',
  'EpisodeOfCare',
  'ServiceRequest',
  'Task',
  'CarePlan',
  'Goal',
  'Provenance',
  'Consent',
  'Questionnaire',
  'QuestionnaireResponse',
  'Observation',
  'DocumentReference',
  'Communication',
];

/** The resource types the import reads (from the program's own export); any other type is not supported. */
const READ_TYPES = new Set([...READ_ORDER, 'Encounter']);

/** Identifier kinds whose resources the export derives from other records (recomputed on import). */
const DERIVED_KINDS = new Set(['location', 'assessment-score', 'questionnaire']);

const NS = `${PROGRAM_IDENTIFIER_SYSTEM}/`;

/** The programs a resource says it belongs to (identifier systems, program tag) and its identifier kind. */
function belonging(r: Json): { programs: Set<string>; kinds: Map<string, string> } {
  const programs = new Set<string>();
  const kinds = new Map<string, string>();
  for (const i of objs(r.identifier)) {
    if (typeof i.system !== 'string') continue;
    if (i.system === PROGRAM_IDENTIFIER_SYSTEM && typeof i.value === 'string') programs.add(i.value);
    else if (i.system.startsWith(NS)) {
      const [pid, kind] = i.system.slice(NS.length).split('/');
      if (pid && kind) {
        programs.add(pid);
        if (!kinds.has(pid)) kinds.set(pid, kind);
      }
    }
  }
  for (const t of objs(isObj(r.meta) ? r.meta.tag : undefined))
    if (t.system === SYSTEMS.programTag && typeof t.code === 'string') programs.add(t.code);
  return { programs, kinds };
}

interface Row {
  readonly record: Json;
  readonly origin: Json | undefined;
}

/** What the report says of one resource (without type, id and place). */
type Verdict = Pick<ImportReportEntry, 'outcome' | 'into' | 'reason' | 'message'>;

function verdicts(
  imp: Importer,
  programId: string | undefined,
  programOrg: Json | undefined,
  kept: ReadonlyMap<Json, ListName>,
  dropped: ReadonlyMap<Json, string>,
): Map<Json, Verdict> {
  const out = new Map<Json, Verdict>();
  // Goals and program referrals belong to the record that points to them.
  const pointedBy = new Map<Json, Json>();
  for (const [r, list] of kept) {
    if (list === 'plans') for (const g of objs(r.goal)) setOwner(pointedBy, imp.resolve(g), r);
    if (list === 'enrolments')
      for (const s of objs(r.referralRequest)) setOwner(pointedBy, imp.resolve(s), r);
  }
  const imported = new Map<string, Verdict>();
  const importedInto = (into: string): Verdict => {
    const known = imported.get(into);
    if (known) return known;
    const v: Verdict = { outcome: 'imported', into };
    imported.set(into, v);
    return v;
  };
  const verdict = (r: Json, depth: number): Verdict => {
    const known = out.get(r);
    if (known) return known;
    const v = judge(r, depth);
    out.set(r, v);
    return v;
  };
  const judge = (r: Json, depth: number): Verdict => {
    const type = r.resourceType as string;
    if (r === programOrg) return importedInto('program');
    const error = imp.errored.get(r) ?? dropped.get(r);
    if (error !== undefined) return { outcome: 'error', message: error };
    const skip = imp.skipped.get(r);
    if (skip) return { outcome: 'skipped', ...skip };
    const list = kept.get(r);
    if (list) return importedInto(list);
    const whole = imp.parts.get(r) ?? pointedBy.get(r);
    if (whole && whole !== r && depth < 4) {
      const v = verdict(whole, depth + 1);
      return v.outcome === 'imported'
        ? importedInto(v.into as string)
        : {
            outcome: 'skipped',
            reason: 'unreferenced',
            message: `${type} is part of a ${String(whole.resourceType)} that was not imported`,
          };
    }
    const { programs, kinds } = belonging(r);
    if (programId === undefined || !programs.has(programId)) {
      if (programs.size > 0)
        return {
          outcome: 'skipped',
          reason: 'other-program',
          message: `${type} belongs to another program than the one imported`,
        };
      return READ_TYPES.has(type)
        ? {
            outcome: 'skipped',
            reason: 'foreign',
            message: `${type} is not a record of this program (a mapping profile can say how to read EHR data)`,
          }
        : {
            outcome: 'skipped',
            reason: 'not-supported',
            message: `${type} is a resource type the import does not read`,
          };
    }
    const kind = kinds.get(programId) ?? (type === 'Provenance' ? 'provenance' : undefined);
    if (kind === 'assessment-score') {
      // The total of a response: derived while its QuestionnaireResponse is imported.
      const response = imp.resolve(objs(r.derivedFrom)[0]);
      if (response && depth < 4 && verdict(response, depth + 1).outcome !== 'imported')
        return {
          outcome: 'skipped',
          reason: 'unreferenced',
          message: `${type} is the total of a ${String(response.resourceType)} that was not imported`,
        };
    }
    if (kind !== undefined && DERIVED_KINDS.has(kind)) return DERIVED;
    const owner = kind ? PART_OWNER[kind]?.(r, imp) : undefined;
    if (owner && owner !== r && depth < 4) {
      const v = verdict(owner, depth + 1);
      if (v.outcome === 'imported') return importedInto(v.into as string);
      return {
        outcome: 'skipped',
        reason: 'unreferenced',
        message: `${type} is part of a ${String(owner.resourceType)} that was not imported`,
      };
    }
    return kind === undefined ||
      PART_OWNER[kind] !== undefined ||
      kind === 'goal' ||
      kind === 'program-referral'
      ? {
          outcome: 'skipped',
          reason: 'unreferenced',
          message: `${type} of this program is part of no imported record`,
        }
      : {
          outcome: 'skipped',
          reason: 'not-supported',
          message: `${type} of this program is of a kind the import does not read`,
        };
  };
  for (const item of imp.items) verdict(item.resource, 0);
  return out;
}

const DERIVED: Verdict = { outcome: 'derived' };

function setOwner(map: Map<Json, Json>, part: Json | undefined, owner: Json): void {
  if (part && !map.has(part)) map.set(part, owner);
}

/** Builds the report of every item read (in the order read), applying `strict` to skipped resources. */
function reportOf(
  imp: Importer,
  early: readonly ReportItem[],
  v: ReadonlyMap<Json, Verdict>,
  options: ImportOptions,
): { report: ImportReport; strictIssues: FhirIssue[] } {
  const b = new ImportReportBuilder(options.report ?? 'all');
  const strictIssues: FhirIssue[] = [];
  for (const e of early)
    b.add({ resourceType: e.resourceType, where: e.where, outcome: 'error', message: e.message });
  for (const item of imp.unreadable)
    b.add({
      resourceType: UNREADABLE,
      where: item.where,
      outcome: 'error',
      message: 'not a FHIR resource (resourceType is missing)',
    });
  for (const item of imp.items) {
    const r = item.resource;
    const label = imp.label(r);
    const verdict = v.get(r) ?? { outcome: 'error', message: 'not examined' };
    const strictSkip = options.strict === true && verdict.outcome === 'skipped';
    if (strictSkip)
      strictIssues.push(
        fhirIssue(
          'error',
          'business-rule',
          `Skipped in a strict import: ${verdict.message ?? verdict.reason}`,
          {
            resourceType: label?.resourceType,
            id: label?.id,
            expression: label?.resourceType,
          },
        ),
      );
    b.add({
      resourceType: String(r.resourceType),
      ...(label?.id === undefined ? {} : { id: label.id }),
      where: item.where,
      ...verdict,
      ...(strictSkip ? { outcome: 'error' as const } : {}),
    });
  }
  return { report: b.report(), strictIssues };
}

/** The resource type given in the report to what could not be read as a resource. */
const UNREADABLE = '(unreadable)';

/** An input that never became a resource (a line that is not JSON, an entry without a resource). */
interface ReportItem {
  readonly resourceType: string;
  readonly where: string;
  readonly message: string;
  /** The issue as the reader gave it (with its location), when there is one. */
  readonly issue?: FhirIssue;
}

const earlyIssuesOf = (early: readonly ReportItem[]): FhirIssue[] =>
  early.map((e) => e.issue ?? fhirIssue('error', 'structure', e.message, { expression: e.where }));

function failed(
  imp: Importer,
  early: readonly ReportItem[],
  options: ImportOptions,
  extra: FhirIssue[] = [],
): ImportResult {
  const { report } = reportOf(imp, early, verdicts(imp, undefined, undefined, new Map(), new Map()), options);
  return { success: false, issues: [...imp.issues, ...extra], report };
}

/** The program an import reads: its Organization and id (and the program of a mapping profile). */
interface Chosen {
  readonly programOrg: Json;
  readonly programId: string;
  readonly programOfProfile?: Json;
}

/** Finds the program Organization among the resources read, or says why there is not exactly one. */
function chooseProgram(
  imp: Importer,
  options: ImportOptions,
): { chosen: Chosen } | { code: 'not-found' | 'duplicate'; message: string } {
  const programs = imp.of('Organization').filter((o) => {
    const v = identifierValue(o, PROGRAM_IDENTIFIER_SYSTEM);
    return v !== undefined && (options.programId === undefined || v === options.programId);
  });
  const profile = options.profile;
  const profileOrgs = profile
    ? imp
        .of('Organization')
        .filter(
          (o) =>
            identifierValue(o, profile.program.organization.system) === profile.program.organization.value,
        )
    : [];
  if (programs.length === 0 && profile && profileOrgs.length > 0)
    return {
      chosen: {
        programOrg: profileOrgs[0] as Json,
        programId: profile.program.id,
        programOfProfile: {
          id: profile.program.id,
          name: profile.program.name,
          timeZone: profile.program.timeZone,
          calendar: profile.program.calendar ?? { weekendDays: [0, 6], holidays: [] },
          rulePack: profile.program.rulePack,
        },
      },
    };
  if (programs.length !== 1)
    return programs.length === 0
      ? {
          code: 'not-found',
          message: profile
            ? 'No program Organization was found (identifier system <base>/NamingSystem/program, or the identifier of the mapping profile)'
            : 'No program Organization (identifier system <base>/NamingSystem/program) was found',
        }
      : {
          code: 'duplicate',
          message: 'More than one program Organization was found: pass options.programId',
        };
  const programOrg = programs[0] as Json;
  return {
    chosen: { programOrg, programId: identifierValue(programOrg, PROGRAM_IDENTIFIER_SYSTEM) as string },
  };
}

function build(
  imp: Importer,
  options: ImportOptions,
  early: readonly ReportItem[],
  streamed?: Streamed,
): ImportResult {
  const found = chooseProgram(imp, options);
  if (!('chosen' in found)) {
    imp.issue('error', found.code, found.message, {});
    return failed(imp, early, options);
  }
  return buildWith(imp, options, early, found.chosen, streamed);
}

/**
 * Contacts mapped while their Encounters were streamed (see {@link importNdjsonStream}): each with the small
 * stand-in resource the report names it by, whether its mapping raised an error, and the issues raised, in order.
 */
interface Streamed {
  readonly ictx: ImportContext;
  readonly contacts: { readonly record: Json; readonly origin: Json; readonly bad: boolean }[];
  readonly issues: FhirIssue[];
}

function buildWith(
  imp: Importer,
  options: ImportOptions,
  early: readonly ReportItem[],
  chosen: Chosen,
  streamed?: Streamed,
): ImportResult {
  const { programOrg, programId, programOfProfile } = chosen;
  const ictx = streamed?.ictx ?? importContext(imp, programOrg, programId);
  imp.current = 'program';
  const program = programOfProfile ?? programFromFhir(ictx);
  const mapped: Record<ListName, Json[]> = {} as Record<ListName, Json[]>;
  const mappers: Record<ListName, (c: typeof ictx) => Json[]> = {
    organizations: organizationsFromFhir,
    coaches: coachesFromFhir,
    peers: peersFromFhir,
    enrolments: enrolmentsFromFhir,
    plans: plansFromFhir,
    contacts: contactsFromFhir,
    messages: messagesFromFhir,
    referrals: referralsFromFhir,
    consents: consentsFromFhir,
    assessments: assessmentsFromFhir,
  };
  for (const list of LISTS) {
    imp.current = undefined;
    mapped[list] = mappers[list](ictx);
    if (list === 'contacts' && streamed) imp.issues.push(...streamed.issues);
  }
  imp.current = undefined;
  if (options.profile) {
    const profile = options.profile;
    for (const o of imp.of('Organization'))
      if (
        o !== programOrg &&
        identifierValue(o, profile.program.organization.system) === profile.program.organization.value
      )
        imp.parts.set(o, programOrg);
    ehrRecordsFromFhir(
      ictx,
      profile,
      (r) => isEhrAuthored(r, NS, SYSTEMS.programTag),
      mapped,
      typeof program.timeZone === 'string' ? program.timeZone : profile.program.timeZone,
    );
  }
  if (imp.badRecords.has('program')) return failed(imp, early, options);

  // Records whose mapping raised an error are left out; their resource is in error.
  const dropped = new Map<Json, string>();
  const leaveOut = (origin: Json | undefined, message: string, issue: boolean): void => {
    if (!origin || dropped.has(origin) || imp.errored.has(origin)) return;
    dropped.set(origin, message);
    if (issue)
      imp.issue('error', 'invalid', message, { resource: origin, expression: String(origin.resourceType) });
  };
  const rows = {} as Record<ListName, Row[]>;
  for (const list of LISTS)
    rows[list] = mapped[list].flatMap((record, i): Row[] => {
      const key = `${list}[${i}]`;
      const origin = ictx.origin.get(key);
      if (!imp.badRecords.has(key)) return [{ record, origin }];
      leaveOut(origin, 'Not imported: a resource it depends on is in error', true);
      return [];
    });
  // Streamed contacts come after those of resources read whole (as in reading order: Encounter files last).
  for (const s of streamed?.contacts ?? [])
    if (!s.bad) rows.contacts.push({ record: s.record, origin: s.origin });
    else leaveOut(s.origin, 'Not imported: a resource it depends on is in error', true);

  // Domain checks: a record that fails them is left out, then the rest is checked again (a record that referred to
  // it may now fail), until the data holds; a problem with the program itself stops the import.
  let data: ProgramData | undefined;
  for (let round = 0; data === undefined; round++) {
    const candidate = {
      format: PROGRAM_DATA_FORMAT,
      program,
      ...Object.fromEntries(LISTS.map((l) => [l, rows[l].map((x) => x.record)])),
    };
    const parsed = parseProgramData(
      candidate,
      options.limits === undefined ? {} : { limits: options.limits },
    );
    if (parsed.success) {
      data = parsed.data;
      // Warnings (records dated outside their enrolment) are reported on the resource they came from.
      for (const di of parsed.issues) {
        const [list, index] = di.path;
        const origin = isListName(list) && typeof index === 'number' ? rows[list][index]?.origin : undefined;
        if (origin)
          imp.issue('warning', 'business-rule', `Imported data: ${di.message} [${di.code}]`, {
            resource: origin,
            expression: String(origin.resourceType),
          });
      }
      break;
    }
    const out = new Map<ListName, Set<number>>();
    const fatal: FhirIssue[] = [];
    for (const di of parsed.issues) {
      const [list, index] = di.path;
      if (isListName(list) && typeof index === 'number' && rows[list][index]) {
        (out.get(list) ?? out.set(list, new Set()).get(list))?.add(index);
        leaveOut(rows[list][index]?.origin, `Imported data is not valid: ${di.message}`, true);
      } else
        fatal.push(
          fhirIssue('error', 'invalid', `Imported data is not valid: ${di.message}`, {
            resourceType: 'Organization',
            id: imp.label(programOrg)?.id,
            expression: 'Organization',
          }),
        );
    }
    if (fatal.length > 0 || out.size === 0 || round > LISTS.length * 4)
      return failed(imp, early, options, fatal);
    for (const [list, indices] of out) rows[list] = rows[list].filter((_, i) => !indices.has(i));
  }

  const kept = new Map<Json, ListName>();
  for (const list of LISTS) for (const row of rows[list]) if (row.origin) kept.set(row.origin, list);
  const { report, strictIssues } = reportOf(
    imp,
    early,
    verdicts(imp, programId, programOrg, kept, dropped),
    options,
  );
  const issues = [...imp.issues, ...strictIssues];
  if (options.strict === true && report.total.error > 0) return { success: false, issues, report };
  if (report.total.skipped > 0)
    issues.push(
      fhirIssue(
        'warning',
        'processing',
        `${report.total.skipped} resource(s) were skipped (see the import report for each one and why)`,
      ),
    );
  return { success: true, data, issues, report };
}

function run(items: Item[], options: ImportOptions, early: ReportItem[]): ImportResult {
  const earlyIssues = earlyIssuesOf(early);
  try {
    const imp = new Importer(items);
    imp.issues.unshift(...earlyIssues);
    return build(imp, options, early);
  } catch {
    return {
      success: false,
      issues: [...earlyIssues, fhirIssue('error', 'exception', 'The import failed unexpectedly')],
    };
  }
}

/**
 * Imports program data from a FHIR Bundle: a `transaction` bundle (as written by `toTransactionBundle`, with
 * `urn:uuid:` references), or a `searchset`/`collection` bundle read from a server (relative or absolute
 * references). Records are recognised by their identifier systems (see docs/fhir.md), so ids assigned by a server
 * do not matter. The result is checked with `parseProgramData`. Never throws; issues carry the resource type,
 * id and location, never a value from the data.
 *
 * What cannot come back: the coach's recovery start date (never exported), note text when notes were not
 * exported, goal descriptions that were redacted (the placeholder comes back instead).
 *
 * @example
 * const r = importBundle(toTransactionBundle(exported.data));
 * if (r.success) console.log(r.data.enrolments.length);
 */
export function importBundle(bundle: unknown, options: ImportOptions = {}): ImportResult {
  if (!isObj(bundle) || bundle.resourceType !== 'Bundle')
    return {
      success: false,
      issues: [fhirIssue('error', 'structure', 'Not a FHIR Bundle', { expression: 'Bundle' })],
    };
  const items: Item[] = [];
  const early: ReportItem[] = [];
  asArray(bundle.entry).forEach((entry, i) => {
    const where = `Bundle.entry[${i}]`;
    if (!isObj(entry) || !isObj(entry.resource)) {
      early.push({ resourceType: UNREADABLE, where, message: 'entry without a resource' });
      return;
    }
    items.push({
      resource: entry.resource,
      ...(typeof entry.fullUrl === 'string' ? { fullUrl: entry.fullUrl } : {}),
      where,
    });
  });
  return run(items, options, early);
}

/**
 * Imports program data from FHIR Bulk Data NDJSON: one text per resource type (a Map or a plain object, keyed by
 * type or file name), one resource per line; blank lines are skipped. A line that is not JSON is reported with its
 * file and line number (never its content). See {@link importBundle} for the rest.
 *
 * @example
 * const r = importNdjson(toNdjson(exported.data));
 */
export function importNdjson(
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  options: ImportOptions = {},
): ImportResult {
  const entries: [string, string][] =
    files instanceof Map ? [...files.entries()] : Object.entries(files as Record<string, string>);
  const items: Item[] = [];
  const early: ReportItem[] = [];
  for (const [name, text] of entries) {
    const safeName = /^[A-Za-z0-9._-]{1,80}$/.test(name) ? name : 'file';
    const fileType = /^([A-Z][A-Za-z]{1,63})(\.ndjson)?$/.exec(safeName)?.[1] ?? UNREADABLE;
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${safeName} line ${i + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        early.push({ resourceType: fileType, where, message: 'not valid JSON' });
        return;
      }
      if (!isObj(value)) {
        early.push({ resourceType: fileType, where, message: 'not a JSON object' });
        return;
      }
      items.push({ resource: value, where });
    });
  }
  return run(items, options, early);
}

/**
 * Imports program data from a list of resources with relative references (for example a server's search results).
 * See {@link importBundle}.
 *
 * @example
 * const r = importResources(exported.data);
 */
export function importResources(resources: readonly unknown[], options: ImportOptions = {}): ImportResult {
  const items: Item[] = [];
  const early: ReportItem[] = [];
  resources.forEach((r, i) => {
    const where = `resources[${i}]`;
    if (isObj(r)) items.push({ resource: r, where });
    else early.push({ resourceType: UNREADABLE, where, message: 'not a JSON object' });
  });
  return run(items, options, early);
}

/**
 * One NDJSON file of a Bulk Data export for {@link importNdjsonStream}: its name (`Encounter.ndjson`; the part
 * before the first `.` is the resource type) and how to open it as a stream of chunks (a Node `Readable`, a web
 * `ReadableStream`, any async iterable of bytes or strings). Opened once, when its turn comes.
 *
 * @example
 * const source: NdjsonSource = { name: 'Patient.ndjson', open: () => createReadStream('bulk/Patient.ndjson') };
 */
export interface NdjsonSource {
  readonly name: string;
  readonly open: () => AsyncIterable<Uint8Array | string>;
}

/** The resource type a Bulk Data file name starts with (`Encounter.ndjson`, `Encounter.2.ndjson`), if any. */
const typeOfFile = (name: string): string | undefined => /^([A-Z][A-Za-z]{1,63})(?:\.|$)/.exec(name)?.[1];

/**
 * The order {@link importNdjsonStream} reads files in: by resource type, those that others refer to first
 * (Organization, Practitioner, Patient, EpisodeOfCare, CarePlan, Goal, Provenance ...), files of other names after
 * them, Encounter files last; files of the same rank keep the order given.
 *
 * @example
 * ndjsonReadOrder(['Encounter.ndjson', 'Patient.ndjson', 'Organization.ndjson']);
 * // ['Organization.ndjson', 'Patient.ndjson', 'Encounter.ndjson']
 */
export function ndjsonReadOrder<T extends string | { readonly name: string }>(files: readonly T[]): T[] {
  const rank = (f: T): number => {
    const type = typeOfFile(typeof f === 'string' ? f : f.name);
    if (type === 'Encounter') return READ_ORDER.length + 1;
    const i = type === undefined ? -1 : READ_ORDER.indexOf(type);
    return i === -1 ? READ_ORDER.length : i;
  };
  return files
    .map((f, i) => ({ f, i, r: rank(f) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.f);
}

/** References to Encounters from the resources read whole, by key (`Encounter/<id>`). */
function encounterKeys(imp: Importer): Set<string> {
  const keys = new Set<string>();
  const add = (reference: unknown): void => {
    const key = Importer.referenceKey(reference);
    if (key?.startsWith('Encounter/')) keys.add(key);
  };
  for (const item of imp.items) {
    const r = item.resource;
    if (r.resourceType === 'DocumentReference' && isObj(r.context))
      for (const e of objs(r.context.encounter)) add(e);
    else if (r.resourceType === 'Provenance') for (const t of objs(r.target)) add(t);
    else if (r.resourceType === 'QuestionnaireResponse') add(r.encounter);
  }
  return keys;
}

/**
 * Imports program data from FHIR Bulk Data NDJSON files read as streams, line by line (never a whole file as one
 * string), with the same result, issues and report as {@link importNdjson} given the same files in
 * {@link ndjsonReadOrder}. Files are read in that order; every resource but the Encounters is kept until the
 * program is built, and each Encounter of the program is mapped to its contact as soon as it is read and then
 * dropped: only the contact and a stand-in (type and id, for the report) are kept. Encounters that are not records
 * of this program, and every Encounter when a mapping profile is given or no single program Organization precedes
 * them, are kept whole as {@link importNdjson} does.
 *
 * Lines that are not UTF-8, not JSON, not an object or longer than `MAX_NDJSON_LINE` are in error (file, line and
 * for bad bytes the byte offset; never the content), as `readNdjsonLines` reports them. Never throws; a source that
 * cannot be read ends the import with an issue naming the file.
 *
 * @example
 * const r = await importNdjsonStream(
 *   ['Organization.ndjson', 'Patient.ndjson', 'Encounter.ndjson'].map((name) => ({
 *     name,
 *     open: () => createReadStream(join('bulk', name)),
 *   })),
 *   { report: 'problems' },
 * );
 * if (r.success) console.log(r.data.contacts.length, r.report.total.read);
 */
export async function importNdjsonStream(
  sources: readonly NdjsonSource[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const early: ReportItem[] = [];
  const imp = new Importer([]);
  let streamed: (Streamed & { notes: Map<Json | string, string | undefined>; keys: Set<string> }) | undefined;
  let decided = false;
  const STREAM_KEY = '(streamed contact)';
  const codes = new Map<string, string>();
  const intern = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    const known = codes.get(v);
    if (known !== undefined) return known;
    if (codes.size < 4096) codes.set(v, v);
    return v;
  };
  try {
    for (const source of ndjsonReadOrder(sources)) {
      const safeName = safeFileName(source.name);
      const fileType = /^([A-Z][A-Za-z]{1,63})(\.ndjson)?$/.exec(safeName)?.[1] ?? UNREADABLE;
      if (!decided && typeOfFile(source.name) === 'Encounter') {
        decided = true;
        const found = options.profile === undefined ? chooseProgram(imp, options) : undefined;
        if (found && 'chosen' in found) {
          const ictx = importContext(imp, found.chosen.programOrg, found.chosen.programId);
          streamed = { ictx, contacts: [], issues: [], notes: progressNotes(ictx), keys: encounterKeys(imp) };
        }
      }
      let lines: AsyncGenerator<NdjsonLine>;
      try {
        lines = readNdjsonLines(source.open(), source.name);
      } catch {
        throw new SourceError(safeName);
      }
      for (;;) {
        let next: IteratorResult<NdjsonLine>;
        try {
          next = await lines.next();
        } catch {
          throw new SourceError(safeName);
        }
        if (next.done) break;
        const l = next.value;
        if ('issue' in l) {
          const where = `${safeName} line ${l.line}`;
          early.push({ resourceType: fileType, where, message: l.issue.message, issue: l.issue });
          continue;
        }
        const v = l.value;
        if (
          streamed === undefined ||
          v.resourceType !== 'Encounter' ||
          streamed.ictx.idOf(v, 'contact') === undefined
        ) {
          imp.add(new LineItem(compact(v, options.profile !== undefined), safeName, l.line));
          continue;
        }
        // A contact of this program: mapped now; only a stand-in naming it stays.
        const id = typeof v.id === 'string' ? v.id : undefined;
        const stub: Json =
          id === undefined ? { resourceType: 'Encounter' } : { resourceType: 'Encounter', id };
        const key = id === undefined ? undefined : `Encounter/${id}`;
        imp.add(new LineItem(stub, safeName, l.line), key !== undefined && streamed.keys.has(key), true);
        imp.lend(v, stub);
        if (streamed.ictx.usable(v, encounterStatusDecision(v.status))) {
          const before = imp.issues.length;
          imp.current = STREAM_KEY;
          const record = contactFromFhir(
            streamed.ictx,
            v,
            key === undefined ? undefined : streamed.notes.get(key),
          );
          imp.current = undefined;
          // Codes are shared, not one string per contact.
          record.mode = intern(record.mode);
          record.initiatedBy = intern(record.initiatedBy);
          if (Array.isArray(record.activities)) record.activities = record.activities.map(intern);
          streamed.issues.push(...imp.issues.splice(before));
          streamed.contacts.push({ record, origin: stub, bad: imp.badRecords.delete(STREAM_KEY) });
        }
        imp.adopt(v, stub);
      }
    }
    imp.issues.unshift(...earlyIssuesOf(early));
    if (streamed === undefined) return build(imp, options, early);
    return buildWith(imp, options, early, chosenOf(imp, options), streamed);
  } catch (e) {
    return {
      success: false,
      issues: [
        ...earlyIssuesOf(early),
        e instanceof SourceError
          ? fhirIssue('error', 'exception', 'the file could not be read', { expression: e.file })
          : fhirIssue('error', 'exception', 'The import failed unexpectedly'),
      ],
    };
  }
}

/** What the message mapper, the report and the program tags read of a Communication. */
const COMMUNICATION_FIELDS = [
  'resourceType',
  'id',
  'identifier',
  'extension',
  'received',
  'sent',
  'medium',
  'inResponseTo',
  'meta',
] as const;

/**
 * A resource kept whole by the streamed import, without what no mapper reads: of `meta` only the tags (the security
 * labels and profiles are a third of a resource), and of a Communication (without a mapping profile) only
 * {@link COMMUNICATION_FIELDS}. The resource is fresh from `JSON.parse`, so it is changed in place.
 */
function compact(v: Json, profile: boolean): Json {
  if (isObj(v.meta)) v.meta = v.meta.tag === undefined ? undefined : { tag: v.meta.tag };
  if (profile || v.resourceType !== 'Communication') return v;
  const out: Json = {};
  for (const k of COMMUNICATION_FIELDS) if (v[k] !== undefined) out[k] = v[k];
  return out;
}

/** The program chosen before the Encounters were streamed (the same resources are read, so the same one). */
function chosenOf(imp: Importer, options: ImportOptions): Chosen {
  const found = chooseProgram(imp, options);
  if (!('chosen' in found)) throw new Error('program lost');
  return found.chosen;
}

/** A source that could not be opened or read (named by its safe file name). */
class SourceError extends Error {
  constructor(readonly file: string) {
    super(file);
  }
}

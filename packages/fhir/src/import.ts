import { PROGRAM_DATA_FORMAT, type ProgramData, parseProgramData } from '@peer-recovery/core';
import { PROGRAM_IDENTIFIER_SYSTEM } from './codes';
import { type FhirIssue, fhirIssue } from './issues';
import { plansFromFhir } from './mappers/care-plan';
import { messagesFromFhir } from './mappers/communication';
import { consentsFromFhir } from './mappers/consent';
import { contactsFromFhir } from './mappers/encounter';
import { enrolmentsFromFhir } from './mappers/episode-of-care';
import {
  asArray,
  Importer,
  type Item,
  identifierValue,
  importContext,
  isObj,
  type Json,
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
 * importBundle(bundle, { programId: 'srp' });
 */
export interface ImportOptions {
  /** Which program to import when the resources hold more than one program Organization. */
  readonly programId?: string;
}

/**
 * The outcome of an import: the program data (parsed and checked with `parseProgramData`) with any warnings, or the
 * issues that stopped it. Issues name the resource type, id and location, never a value from the data.
 *
 * @example
 * const r: ImportResult = importBundle(bundle);
 * if (r.success) console.log(r.data.peers.length);
 */
export type ImportResult =
  | { readonly success: true; readonly data: ProgramData; readonly issues: readonly FhirIssue[] }
  | { readonly success: false; readonly issues: readonly FhirIssue[] };

function build(imp: Importer, options: ImportOptions): ImportResult {
  const programs = imp.of('Organization').filter((o) => {
    const v = identifierValue(o, PROGRAM_IDENTIFIER_SYSTEM);
    return v !== undefined && (options.programId === undefined || v === options.programId);
  });
  if (programs.length !== 1) {
    imp.issue(
      'error',
      programs.length === 0 ? 'not-found' : 'duplicate',
      programs.length === 0
        ? 'No program Organization (identifier system <base>/NamingSystem/program) was found'
        : 'More than one program Organization was found: pass options.programId',
      {},
    );
    return { success: false, issues: imp.issues };
  }
  const programOrg = programs[0] as Json;
  const ictx = importContext(
    imp,
    programOrg,
    identifierValue(programOrg, PROGRAM_IDENTIFIER_SYSTEM) as string,
  );
  const program = programFromFhir(ictx);
  const organizations = organizationsFromFhir(ictx);
  const coaches = coachesFromFhir(ictx);
  const peers = peersFromFhir(ictx);
  const enrolments = enrolmentsFromFhir(ictx);
  const plans = plansFromFhir(ictx);
  const contacts = contactsFromFhir(ictx);
  const messages = messagesFromFhir(ictx);
  const referrals = referralsFromFhir(ictx);
  const consents = consentsFromFhir(ictx);
  const assessments = assessmentsFromFhir(ictx);

  const candidate = {
    format: PROGRAM_DATA_FORMAT,
    program,
    organizations,
    coaches,
    peers,
    enrolments,
    plans,
    contacts,
    messages,
    referrals,
    consents,
    assessments,
  };
  if (imp.issues.some((x) => x.severity === 'error')) return { success: false, issues: imp.issues };
  const parsed = parseProgramData(candidate);
  if (!parsed.success) {
    const issues = parsed.issues.map((di) => {
      const [list, index] = di.path;
      const r =
        typeof list === 'string' && typeof index === 'number'
          ? ictx.origin.get(`${list}[${index}]`)
          : list === 'program'
            ? ictx.programOrg
            : undefined;
      const label = r ? imp.label(r) : undefined;
      return fhirIssue('error', 'invalid', `Imported data is not valid: ${di.message}`, {
        resourceType: label?.resourceType,
        id: label?.id,
        expression: label?.resourceType,
      });
    });
    return { success: false, issues: [...imp.issues, ...issues] };
  }
  return { success: true, data: parsed.data, issues: imp.issues };
}

function run(items: Item[], options: ImportOptions, early: FhirIssue[]): ImportResult {
  try {
    const imp = new Importer(items);
    imp.issues.unshift(...early);
    if (early.some((i) => i.severity === 'error')) return { success: false, issues: imp.issues };
    return build(imp, options);
  } catch {
    return {
      success: false,
      issues: [...early, fhirIssue('error', 'exception', 'The import failed unexpectedly')],
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
 * const r = importBundle(toTransactionBundle(exported.resources));
 * if (r.success) console.log(r.data.enrolments.length);
 */
export function importBundle(bundle: unknown, options: ImportOptions = {}): ImportResult {
  if (!isObj(bundle) || bundle.resourceType !== 'Bundle')
    return {
      success: false,
      issues: [fhirIssue('error', 'structure', 'Not a FHIR Bundle', { expression: 'Bundle' })],
    };
  const items: Item[] = [];
  const early: FhirIssue[] = [];
  asArray(bundle.entry).forEach((entry, i) => {
    const where = `Bundle.entry[${i}]`;
    if (!isObj(entry) || !isObj(entry.resource)) {
      early.push(
        fhirIssue('warning', 'structure', 'Bundle entry without a resource was skipped', {
          expression: where,
        }),
      );
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
 * const r = importNdjson(toNdjson(exported.resources));
 */
export function importNdjson(
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  options: ImportOptions = {},
): ImportResult {
  const entries: [string, string][] =
    files instanceof Map ? [...files.entries()] : Object.entries(files as Record<string, string>);
  const items: Item[] = [];
  const early: FhirIssue[] = [];
  for (const [name, text] of entries) {
    const safeName = /^[A-Za-z0-9._-]{1,80}$/.test(name) ? name : 'file';
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${safeName} line ${i + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        early.push(fhirIssue('error', 'structure', `${where}: not valid JSON`, { expression: where }));
        return;
      }
      if (!isObj(value)) {
        early.push(fhirIssue('error', 'structure', `${where}: not a JSON object`, { expression: where }));
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
 * const r = importResources(exported.resources);
 */
export function importResources(resources: readonly unknown[], options: ImportOptions = {}): ImportResult {
  const items: Item[] = [];
  const early: FhirIssue[] = [];
  resources.forEach((r, i) => {
    if (isObj(r)) items.push({ resource: r, where: `resources[${i}]` });
    else
      early.push(
        fhirIssue('error', 'structure', `resources[${i}]: not a JSON object`, {
          expression: `resources[${i}]`,
        }),
      );
  });
  return run(items, options, early);
}

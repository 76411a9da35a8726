import type { Extension, Organization } from '@medplum/fhirtypes';
import { CODES, EXTENSIONS, PROGRAM_IDENTIFIER_SYSTEM, SYSTEMS } from '../codes';
import { codeIn, ext1, exts, type ImportContext, type Json } from './from-fhir';
import { coding, concept, type ExportContext, ext, local } from './to-fhir';

/**
 * The program as an Organization: identifier in the program naming system, time zone, calendar and rule pack in
 * extensions.
 *
 * @example
 * const org = programToFhir(exportContext(data, {}));
 */
export function programToFhir(ctx: ExportContext): Organization {
  const program = ctx.data.program;
  const calendarParts: Extension[] = [
    ...program.calendar.weekendDays.map((n) => ext('weekendDay', { valueInteger: n })),
    ...program.calendar.holidays.map((h) => ext('holiday', { valueDate: h })),
    ...(program.calendar.holidaySets ?? []).map((s) => ext('holidaySet', { valueCode: s })),
    ...(program.calendar.holidaySets === undefined ? [] : [ext('holidaySetsStated', { valueBoolean: true })]),
  ];
  return {
    resourceType: 'Organization',
    id: ctx.programOrgId,
    meta: ctx.meta(false),
    extension: [
      ext(EXTENSIONS.programTimeZone, { valueCode: program.timeZone }),
      ...(calendarParts.length > 0 ? [{ url: EXTENSIONS.programCalendar, extension: calendarParts }] : []),
      ext(EXTENSIONS.programRulePack, { valueId: program.rulePack }),
    ],
    identifier: [{ system: PROGRAM_IDENTIFIER_SYSTEM, value: ctx.pid }],
    active: true,
    type: [
      {
        coding: [coding(CODES.healthcareProvider), local(SYSTEMS.organizationKind, 'program')],
        text: 'Peer recovery coaching program',
      },
    ],
    name: program.name,
  };
}

/**
 * Reads the program (id, name, time zone, calendar, rule pack) back from its Organization.
 *
 * @example
 * const program = programFromFhir(ictx);
 */
export function programFromFhir(ictx: ImportContext): Json {
  const programOrg = ictx.programOrg;
  const calendar = ext1(programOrg, EXTENSIONS.programCalendar);
  const holidaySetsStated = exts(calendar, 'holidaySetsStated')[0]?.valueBoolean === true;
  return {
    id: ictx.programId,
    name: programOrg.name,
    timeZone: ext1(programOrg, EXTENSIONS.programTimeZone)?.valueCode,
    calendar: {
      weekendDays: exts(calendar, 'weekendDay').map((e) => e.valueInteger),
      holidays: exts(calendar, 'holiday').map((e) => e.valueDate),
      ...(holidaySetsStated ? { holidaySets: exts(calendar, 'holidaySet').map((e) => e.valueCode) } : {}),
    },
    rulePack: ext1(programOrg, EXTENSIONS.programRulePack)?.valueId,
  };
}

/**
 * An organisation the program works with (referral source, recipient of information) as an Organization.
 *
 * @example
 * const org = organizationToFhir(ctx, data.organizations[0]);
 */
export function organizationToFhir(
  ctx: ExportContext,
  o: ExportContext['data']['organizations'][number],
): Organization {
  return {
    resourceType: 'Organization',
    id: ctx.id('Organization', 'organization', o.id),
    meta: ctx.meta(false),
    identifier: ctx.identifier('organization', o.id),
    active: true,
    type: [concept(local(SYSTEMS.organizationKind, o.kind))],
    name: o.name,
  };
}

/**
 * Reads the program's organisations back.
 *
 * @example
 * const organizations = organizationsFromFhir(ictx);
 */
export function organizationsFromFhir(ictx: ImportContext): Json[] {
  return ictx.records('Organization', 'organization').map((o, i) => {
    ictx.track('organizations', i, o);
    return { id: ictx.idOf(o, 'organization'), kind: codeIn(o.type, SYSTEMS.organizationKind), name: o.name };
  });
}

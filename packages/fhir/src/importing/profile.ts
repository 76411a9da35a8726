import {
  ActivityCode,
  ContactMode,
  fail,
  Id,
  type Issue,
  LocalDate,
  LocationType,
  ok,
  parseWith,
  type Result,
  TargetPopulation,
  TimeZone,
} from '@peer-recovery/core';
import * as z from 'zod';

/** The format tag of a mapping profile document. */
const FORMAT = 'peer-recovery-fhir-mapping/1';

const Uri = z.string().min(1).max(2000).regex(/^\S+$/);
const Coding = z.strictObject({ system: Uri, code: z.string().min(1).max(200) });

/**
 * The NPI identifier system (`http://hl7.org/fhir/sid/us-npi`), matched when `practitioners.npi` is true.
 *
 * @example
 * NPI_SYSTEM; // 'http://hl7.org/fhir/sid/us-npi'
 */
export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';

const ContactRule = z.strictObject({
  /** Codes of `Encounter.class` (a Coding in R4); any one matches. */
  class: z.array(Coding).min(1).optional(),
  /** Codes of `Encounter.type`; any one matches. */
  type: z.array(Coding).min(1).optional(),
  /** Codes of `Encounter.serviceType`; any one matches. */
  serviceType: z.array(Coding).min(1).optional(),
  /** Codes of `Encounter.participant.type` for the coach; when absent, the first participant that is a coach. */
  participantType: z.array(Coding).min(1).optional(),
  mode: ContactMode,
  location: LocationType,
  activities: z.array(ActivityCode),
  initiatedBy: z.enum(['coach', 'peer']),
});

const SignatureSource = z.union([
  z.strictObject({ provenanceSignatureType: Coding }),
  z.strictObject({ extension: Uri }),
  z.strictObject({ none: z.literal(true) }),
]);

const MappingProfileSchema = z.strictObject({
  format: z.literal(FORMAT),
  program: z.strictObject({
    /** The identifier (system and value) of the Organization that is the program. */
    organization: z.strictObject({ system: Uri, value: z.string().min(1).max(200) }),
    /** Used when the Organization does not carry the program's own extensions (EHR-authored data). */
    id: Id,
    name: z.string().min(1).max(200).regex(/\S/),
    timeZone: TimeZone,
    rulePack: Id,
    calendar: z
      .strictObject({ weekendDays: z.array(z.int().min(0).max(6)).max(6), holidays: z.array(LocalDate) })
      .optional(),
  }),
  patients: z.strictObject({
    /** The identifier system whose value becomes (or matches) the peer id. */
    identifierSystem: Uri,
    /** The target populations of peers that exist only in EHR data (the domain needs at least one). */
    populations: z.array(TargetPopulation).min(1),
  }),
  practitioners: z.strictObject({
    /** Match Practitioners by NPI. */
    npi: z.boolean(),
    /** Further identifier systems, tried in order after the NPI. */
    identifierSystems: z.array(Uri),
  }),
  enrolments: z.strictObject({
    /**
     * `episode-of-care`: an EpisodeOfCare managed by the program Organization is the enrolment; `first-contact`:
     * a peer with no enrolment is enrolled on the local day of their first peer contact.
     */
    from: z.enum(['episode-of-care', 'first-contact']),
  }),
  /** Which Encounters count as peer contacts, and how; the first rule that matches wins. */
  contacts: z.array(ContactRule).min(1),
  actionPlans: z
    .strictObject({
      /** A CarePlan with any of these categories is a version of the peer's action plan. */
      category: z.array(Coding).min(1),
      signatures: z.strictObject({ peer: SignatureSource, coach: SignatureSource }),
    })
    .optional(),
});

/**
 * A coding in a mapping profile: a system and a code.
 *
 * @example
 * const c: ProfileCoding = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' };
 */
export type ProfileCoding = z.infer<typeof Coding>;

/**
 * One rule of `contacts` in a {@link MappingProfile}: which Encounters it matches (every criterion given must hold;
 * within a criterion any listed code matches) and the contact it makes.
 *
 * @example
 * const rule: ContactRuleProfile = {
 *   type: [{ system: 'http://snomed.info/sct', code: '185347001' }],
 *   mode: 'in-person', location: 'community-setting', activities: ['recovery-support'], initiatedBy: 'coach',
 * };
 */
export type ContactRuleProfile = z.infer<typeof ContactRule>;

/**
 * Where a plan signature comes from: a Provenance signature of a type, a dateTime extension on the CarePlan, or
 * nowhere (the plan is imported unsigned).
 *
 * @example
 * const s: SignatureSourceProfile = { extension: 'https://example.org/fhir/StructureDefinition/peer-signed' };
 */
export type SignatureSourceProfile = z.infer<typeof SignatureSource>;

/**
 * A mapping profile: how to read EHR-authored FHIR data as a peer recovery program. See docs/fhir.md ("Mapping
 * profiles") and examples/fhir-exchange/mapping-profile.json.
 *
 * @example
 * const r = parseMappingProfile(JSON.parse(text));
 * if (r.success) importBundle(bundle, { profile: r.data });
 */
export type MappingProfile = z.infer<typeof MappingProfileSchema>;

/**
 * Checks a mapping profile document (never throws). Issues name the field (`contacts[0].mode`) and never echo
 * a value.
 *
 * @example
 * parseMappingProfile({ format: 'peer-recovery-fhir-mapping/1' }).success; // false: program, patients ... required
 */
export function parseMappingProfile(input: unknown): Result<MappingProfile> {
  const r = parseWith(MappingProfileSchema, input);
  if (r.success) return ok(r.data);
  return fail(
    r.issues.map((i): Issue => ({ code: i.code, path: i.path, message: i.message, severity: 'error' })),
  );
}

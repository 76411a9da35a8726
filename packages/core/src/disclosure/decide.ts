import type { Consent, DisclosureSetting, ProgramData } from '../model/domain';
import { formatPath } from '../model/issues';
import { fail, type Issue, ok, parseAsOf, type Result } from '../model/result';
import { ConsentPurpose } from '../model/vocabulary';

/**
 * Who records are disclosed to: an organisation of the program (`organizationId`, matched against a consent's
 * `recipientOrganizationId`) and/or a FHIR endpoint (`endpoint`, an http(s) base URL matched against a consent's
 * `recipientEndpoint` by origin and path; a trailing slash does not matter). Give at least one.
 *
 * @example
 * const to: DisclosureRecipient = { organizationId: 'county-hospital' };
 * const server: DisclosureRecipient = { endpoint: 'https://fhir.county.example/r4' };
 */
export interface DisclosureRecipient {
  readonly organizationId?: string | undefined;
  readonly endpoint?: string | undefined;
}

/**
 * The loud way around consent: records leave without a consent check, for data that was de-identified before it
 * left (`de-identified`) or for the program's own systems (`internal`). Every decision made under it says so.
 *
 * @example
 * const o: DisclosureOverride = 'internal';
 */
export type DisclosureOverride = 'de-identified' | 'internal';

/**
 * What {@link decideDisclosure} is asked: to whom, for which purpose, at which time (a date `YYYY-MM-DD`, an
 * instant with offset, or epoch milliseconds, read by `parseAsOf` in the program's time zone), and optionally an
 * override (see {@link DisclosureOverride}).
 *
 * @example
 * const req: DisclosureRequest = { recipient: { organizationId: 'county-hospital' }, purpose: 'treatment', at: '2026-11-20' };
 */
export interface DisclosureRequest {
  readonly recipient: DisclosureRecipient;
  readonly purpose: unknown;
  readonly at: unknown;
  readonly override?: unknown;
}

/**
 * Why a peer's records may go: a consent (`consent`, with its id), the program's setting (`program-setting`:
 * Part 2 does not apply and the purpose is permitted without consent), or an override.
 *
 * @example
 * const b: DisclosureBasis = 'consent';
 */
export type DisclosureBasis = 'consent' | 'program-setting' | 'override';

/**
 * Why a peer's records are withheld: no release-of-information consent at all (`no-consent`); consents exist but
 * name another recipient (`other-recipient`), other purposes (`other-purpose`); the matching consent is not yet in
 * force (`not-yet-in-force`), has ended (`expired`) or was revoked on or before the time asked (`revoked`).
 *
 * @example
 * const r: WithholdReason = 'revoked';
 */
export type WithholdReason =
  | 'no-consent'
  | 'other-recipient'
  | 'other-purpose'
  | 'not-yet-in-force'
  | 'expired'
  | 'revoked';

/**
 * The decision for one peer: disclosed with its basis (and the consent id when a consent is the basis), or
 * withheld with the reason. Ids only: nothing personal.
 *
 * @example
 * const d: PeerDisclosure = { peerId: 'peer-1', disclose: true, basis: 'consent', consentId: 'cons-1' };
 * const w: PeerDisclosure = { peerId: 'peer-2', disclose: false, reason: 'revoked', consentId: 'cons-7' };
 */
export type PeerDisclosure =
  | {
      readonly peerId: string;
      readonly disclose: true;
      readonly basis: DisclosureBasis;
      readonly consentId?: string;
    }
  | {
      readonly peerId: string;
      readonly disclose: false;
      readonly reason: WithholdReason;
      readonly consentId?: string;
    };

/**
 * The outcome of {@link decideDisclosure}: the rule applied (`part2`, the purpose, the instant and local date, the
 * override if any), one decision per peer in the program's order, and the ids disclosed and withheld.
 *
 * @example
 * const r = decideDisclosure(data, { recipient: { organizationId: 'county-hospital' }, purpose: 'treatment', at: '2026-11-20' });
 * if (r.success) console.log(r.data.withheld); // ['peer-2', …]
 */
export interface DisclosureDecision {
  readonly part2: boolean;
  readonly purpose: ConsentPurpose;
  readonly recipient: DisclosureRecipient;
  readonly at: { readonly ms: number; readonly date: string };
  readonly override?: DisclosureOverride;
  readonly peers: readonly PeerDisclosure[];
  readonly disclosed: readonly string[];
  readonly withheld: readonly string[];
}

/**
 * Codes of {@link DisclosureIssue}: bad request fields (`invalid-recipient`, `invalid-purpose`, `invalid-as-of`,
 * `invalid-override`), a recipient organisation the program does not know (`unknown-recipient`, warning), a
 * program setting that Part 2 makes void (`setting-ignored`, warning) and the override itself
 * (`disclosure-override`, warning: loud on purpose).
 *
 * @example
 * const c: DisclosureIssueCode = 'disclosure-override';
 */
export type DisclosureIssueCode =
  | 'invalid-recipient'
  | 'invalid-purpose'
  | 'invalid-as-of'
  | 'invalid-override'
  | 'unknown-recipient'
  | 'setting-ignored'
  | 'disclosure-override';

/**
 * An issue of {@link decideDisclosure}: it names the request field, never a value from the data.
 *
 * @example
 * const i: DisclosureIssue = { code: 'invalid-purpose', path: ['purpose'], severity: 'error', message: 'purpose: expected one of treatment, …' };
 */
export type DisclosureIssue = Issue<DisclosureIssueCode>;

const issue = (
  code: DisclosureIssueCode,
  path: readonly (string | number)[],
  text: string,
  severity: DisclosureIssue['severity'] = 'error',
): DisclosureIssue => ({ code, path, severity, message: `${formatPath(path)}: ${text}` });

/** The default disclosure setting: Part 2 applies, nothing leaves without consent. */
const PART2_DEFAULT: DisclosureSetting = { part2: true };

/**
 * A program's disclosure setting with its default filled in: absent, 42 CFR Part 2 applies and no purpose is
 * permitted without consent.
 *
 * @example
 * disclosureSettingOf(data.program).part2; // true unless the program says otherwise
 */
export function disclosureSettingOf(program: ProgramData['program']): DisclosureSetting {
  return program.disclosure ?? PART2_DEFAULT;
}

/**
 * An endpoint URL in the form endpoints are compared in: `origin` + path without trailing slashes, or undefined
 * when it is not an http(s) URL or carries credentials, a query or a fragment.
 *
 * @example
 * normalizeEndpoint('https://FHIR.example.org:443/r4/'); // 'https://fhir.example.org/r4'
 * normalizeEndpoint('https://user:pw@fhir.example.org/r4'); // undefined
 */
export function normalizeEndpoint(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  if (u.username !== '' || u.password !== '' || u.search !== '' || u.hash !== '') return undefined;
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

function namesRecipient(c: Consent, recipient: DisclosureRecipient, endpoint: string | undefined): boolean {
  if (recipient.organizationId !== undefined && c.recipientOrganizationId === recipient.organizationId)
    return true;
  if (endpoint === undefined || c.recipientEndpoint === undefined) return false;
  return normalizeEndpoint(c.recipientEndpoint) === endpoint;
}

/** Order of the withhold reasons, from the furthest from a disclosure to the nearest: the nearest is reported. */
const NEARNESS: readonly WithholdReason[] = [
  'no-consent',
  'other-recipient',
  'other-purpose',
  'not-yet-in-force',
  'expired',
  'revoked',
];

/** Why one release-of-information consent does not allow the disclosure on `date`, or undefined when it does. */
function consentBlocks(
  c: Consent,
  recipient: DisclosureRecipient,
  endpoint: string | undefined,
  purpose: ConsentPurpose,
  date: string,
): WithholdReason | undefined {
  if (!namesRecipient(c, recipient, endpoint)) return 'other-recipient';
  if (!c.purposes.includes(purpose)) return 'other-purpose';
  if (c.revokedOn !== undefined && c.revokedOn <= date) return 'revoked';
  if (c.signedOn > date || c.period.start > date) return 'not-yet-in-force';
  if (c.period.end !== undefined && c.period.end < date) return 'expired';
  return undefined;
}

/**
 * Decides, for every peer of a program, whether its records may go to a named recipient for a purpose at a time.
 * A peer's records go only when (1) the peer has a `release-of-information` consent that names the recipient
 * (organisation id or endpoint), lists the purpose, was signed and is in its period on the local date of `at`, and
 * was not revoked on or before that date; or (2) the program says 42 CFR Part 2 does not apply and permits the
 * purpose without consent (`program.disclosure.permitWithoutConsent`); or (3) an override (`de-identified` or
 * `internal`) is given, which is reported as a warning. Everything else is withheld (the default), with the
 * nearest reason. Pure: no clock, no I/O, the input is not modified. Never throws.
 *
 * @example
 * const r = decideDisclosure(data, { recipient: { organizationId: 'county-hospital' }, purpose: 'referral', at: '2026-11-20' });
 * if (r.success) for (const p of r.data.peers) console.log(p.peerId, p.disclose);
 */
export function decideDisclosure(
  data: ProgramData,
  request: DisclosureRequest,
): Result<DisclosureDecision, DisclosureIssue> {
  const issues: DisclosureIssue[] = [];
  const recipient = request.recipient ?? {};
  const orgId = recipient.organizationId;
  const endpointRaw = recipient.endpoint;
  const endpoint = typeof endpointRaw === 'string' ? normalizeEndpoint(endpointRaw) : undefined;
  if (orgId === undefined && endpointRaw === undefined)
    issues.push(issue('invalid-recipient', ['recipient'], 'name an organisation id or an endpoint'));
  if (orgId !== undefined && (typeof orgId !== 'string' || orgId === ''))
    issues.push(issue('invalid-recipient', ['recipient', 'organizationId'], 'expected an organisation id'));
  if (endpointRaw !== undefined && endpoint === undefined)
    issues.push(
      issue(
        'invalid-recipient',
        ['recipient', 'endpoint'],
        'expected an http(s) URL without credentials, query or fragment',
      ),
    );
  const purpose = ConsentPurpose.safeParse(request.purpose);
  if (!purpose.success)
    issues.push(
      issue('invalid-purpose', ['purpose'], `expected one of ${ConsentPurpose.options.join(', ')}`),
    );
  const override = request.override;
  if (override !== undefined && override !== 'de-identified' && override !== 'internal')
    issues.push(issue('invalid-override', ['override'], 'expected de-identified or internal'));
  const at = parseAsOf(request.at, data.program.timeZone, ['at']);
  if (!at.success) for (const i of at.issues) issues.push({ ...i, code: 'invalid-as-of' } as DisclosureIssue);
  if (issues.length > 0 || !at.success || !purpose.success) return fail(issues);

  const setting = disclosureSettingOf(data.program);
  const permitted = setting.permitWithoutConsent ?? [];
  if (setting.part2 && permitted.length > 0)
    issues.push(
      issue(
        'setting-ignored',
        ['program', 'disclosure', 'permitWithoutConsent'],
        'is ignored: 42 CFR Part 2 applies, so every disclosure needs a consent',
        'warning',
      ),
    );
  if (orgId !== undefined && !data.organizations.some((o) => o.id === orgId))
    issues.push(
      issue(
        'unknown-recipient',
        ['recipient', 'organizationId'],
        'names no organisation of the program: only consents naming it can match',
        'warning',
      ),
    );
  if (override !== undefined)
    issues.push(
      issue(
        'disclosure-override',
        ['override'],
        `consent is NOT checked: every peer is disclosed as ${override} data`,
        'warning',
      ),
    );

  const date = at.data.date;
  const byPeer = new Map<string, Consent[]>();
  for (const c of data.consents) {
    if (c.kind !== 'release-of-information') continue;
    const list = byPeer.get(c.peerId);
    if (list) list.push(c);
    else byPeer.set(c.peerId, [c]);
  }
  const programPermits = !setting.part2 && permitted.includes(purpose.data);
  const peers: PeerDisclosure[] = data.peers.map((p): PeerDisclosure => {
    if (override !== undefined) return { peerId: p.id, disclose: true, basis: 'override' };
    let nearest: { reason: WithholdReason; consentId?: string } = { reason: 'no-consent' };
    for (const c of byPeer.get(p.id) ?? []) {
      const blocked = consentBlocks(c, recipient, endpoint, purpose.data, date);
      if (blocked === undefined) return { peerId: p.id, disclose: true, basis: 'consent', consentId: c.id };
      if (NEARNESS.indexOf(blocked) > NEARNESS.indexOf(nearest.reason))
        nearest = blocked === 'other-recipient' ? { reason: blocked } : { reason: blocked, consentId: c.id };
    }
    if (programPermits) return { peerId: p.id, disclose: true, basis: 'program-setting' };
    return { peerId: p.id, disclose: false, ...nearest };
  });
  return ok(
    {
      part2: setting.part2,
      purpose: purpose.data,
      recipient: {
        ...(orgId === undefined ? {} : { organizationId: orgId }),
        ...(endpoint === undefined ? {} : { endpoint }),
      },
      at: at.data,
      ...(override === undefined ? {} : { override: override as DisclosureOverride }),
      peers,
      disclosed: peers.filter((p) => p.disclose).map((p) => p.peerId),
      withheld: peers.filter((p) => !p.disclose).map((p) => p.peerId),
    },
    issues,
  );
}

import type { DisclosureDecision, DisclosureOverride } from '@peer-recovery/core';
import { CliError } from './errors';
import { appendLine } from './io';

/**
 * The disclosure options of `push` and `export-fhir`, as the command line gives them.
 *
 * @example
 * const o: DisclosureCliOptions = { recipient: 'county-hospital', purpose: 'treatment' };
 */
export interface DisclosureCliOptions {
  readonly recipient?: string;
  readonly recipientEndpoint?: string;
  readonly purpose?: string;
  readonly override?: string;
  readonly disclosureLog?: string;
}

/**
 * Checks `--override`: absent, `de-identified` or `internal`.
 *
 * @example
 * overrideOf({ override: 'internal' }); // 'internal'
 */
export function overrideOf(o: DisclosureCliOptions): DisclosureOverride | undefined {
  if (o.override === undefined) return undefined;
  if (o.override === 'de-identified' || o.override === 'internal') return o.override;
  throw new CliError('--override: expected de-identified or internal');
}

/**
 * What the command line says about a disclosure decision on stderr: the loud override warning, and the withheld
 * peers by id with their reasons (ids only).
 *
 * @example
 * process.stderr.write(describeDecision(decision));
 */
export function describeDecision(d: DisclosureDecision): string {
  const lines: string[] = [];
  if (d.override !== undefined)
    lines.push(
      `WARNING: --override ${d.override}: consent was NOT checked; the records of all ${d.peers.length} peer(s) are disclosed. Use it only for ${d.override === 'internal' ? "the program's own systems" : 'data that was de-identified'}.`,
    );
  const withheld = d.peers.filter((p) => !p.disclose);
  if (withheld.length > 0) {
    const byReason = new Map<string, string[]>();
    for (const p of withheld) {
      if (p.disclose) continue;
      byReason.set(p.reason, [...(byReason.get(p.reason) ?? []), p.peerId]);
    }
    lines.push(
      `withheld ${withheld.length} of ${d.peers.length} peer(s) (no consent in force for this recipient and purpose): ${[
        ...byReason,
      ]
        .map(([reason, ids]) => `${reason}: ${ids.join(', ')}`)
        .join('; ')}`,
    );
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * Appends one entry to the disclosure log the user chose: when, which command, to whom, for which purpose, under
 * which rule (Part 2 or not, override), which peers went under which consent or setting, which were withheld and
 * why, how many resources went. Ids only: no name, note or date of the records.
 *
 * @example
 * await logDisclosure('disclosures.log', 'push', decision, { resources: 120, destination: 'https://fhir.example.org/r4' });
 */
export async function logDisclosure(
  file: string,
  command: string,
  d: DisclosureDecision,
  extra: { readonly resources: number; readonly destination: string; readonly complete?: boolean },
): Promise<void> {
  const entry = {
    loggedAt: new Date().toISOString(),
    command,
    destination: extra.destination,
    recipient: d.recipient,
    purpose: d.purpose,
    asOf: new Date(d.at.ms).toISOString(),
    part2: d.part2,
    ...(d.override === undefined ? {} : { override: d.override }),
    resources: extra.resources,
    ...(extra.complete === undefined ? {} : { complete: extra.complete }),
    disclosed: d.peers.flatMap((p) =>
      p.disclose
        ? [
            {
              peerId: p.peerId,
              basis: p.basis,
              ...(p.consentId === undefined ? {} : { consentId: p.consentId }),
            },
          ]
        : [],
    ),
    withheld: d.peers.flatMap((p) => (p.disclose ? [] : [{ peerId: p.peerId, reason: p.reason }])),
  };
  await appendLine(file, JSON.stringify(entry));
}

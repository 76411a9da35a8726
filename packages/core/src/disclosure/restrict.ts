import type { ProgramData } from '../model/domain';

/**
 * The part of a program that may go to a recipient: only the peers named (for example `decision.disclosed` of
 * `decideDisclosure`), with their enrolments and everything recorded under those enrolments (plans, contacts,
 * messages, referrals, assessments) and their consents. The program, its organisations and its coaches stay.
 * Every other peer's records are left out. Pure; the input is not modified; record order is kept.
 *
 * @example
 * const r = decideDisclosure(data, { recipient: { organizationId: 'county-hospital' }, purpose: 'treatment', at: '2026-11-20' });
 * if (r.success) exportProgram(restrictToPeers(data, r.data.disclosed));
 */
export function restrictToPeers(data: ProgramData, peerIds: Iterable<string>): ProgramData {
  const peers = new Set(peerIds);
  const enrolments = data.enrolments.filter((e) => peers.has(e.peerId));
  const kept = new Set(enrolments.map((e) => e.id));
  const under = <T extends { enrolmentId: string }>(list: readonly T[]): T[] =>
    list.filter((x) => kept.has(x.enrolmentId));
  return {
    ...data,
    peers: data.peers.filter((p) => peers.has(p.id)),
    enrolments,
    plans: under(data.plans),
    contacts: under(data.contacts),
    messages: under(data.messages),
    referrals: under(data.referrals),
    assessments: under(data.assessments),
    consents: data.consents.filter((c) => peers.has(c.peerId)),
  };
}

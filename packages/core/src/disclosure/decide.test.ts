import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Consent, ProgramData } from '../model/domain';
import { parseProgramData } from '../model/parse';
import { ConsentPurpose } from '../model/vocabulary';
import { arbLocalDate, arbProgramData } from '../testing/arbitraries';
import { enrolment, peer, programData } from '../testing/builders';
import { decideDisclosure, normalizeEndpoint } from './decide';
import { redisclosureNotice } from './notice';
import { restrictToPeers } from './restrict';

const roi = (over: Partial<Consent> & { id: string; peerId: string }): Consent => ({
  kind: 'release-of-information',
  recipientOrganizationId: 'county-hospital',
  purposes: ['treatment'],
  signedOn: '2026-01-10',
  period: { start: '2026-01-10', end: '2026-12-31' },
  ...over,
});

const data = (consents: Consent[], program: Partial<ProgramData['program']> = {}): ProgramData => {
  const base = programData({
    peers: [peer({ id: 'peer-1' }), peer({ id: 'peer-2' })],
    enrolments: [
      enrolment({ id: 'enr-1', peerId: 'peer-1', enrolledOn: '2026-01-10' }),
      enrolment({ id: 'enr-2', peerId: 'peer-2', enrolledOn: '2026-01-10' }),
    ],
    consents,
  });
  return { ...base, program: { ...base.program, ...program } };
};
const hospital = { organizationId: 'county-hospital' };

describe('decideDisclosure', () => {
  it('discloses only a peer with an active consent naming the recipient for the purpose', () => {
    const r = decideDisclosure(data([roi({ id: 'c1', peerId: 'peer-1' })]), {
      recipient: hospital,
      purpose: 'treatment',
      at: '2026-06-01',
    });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.part2).toBe(true);
    expect(r.data.disclosed).toEqual(['peer-1']);
    expect(r.data.withheld).toEqual(['peer-2']);
    expect(r.data.peers).toEqual([
      { peerId: 'peer-1', disclose: true, basis: 'consent', consentId: 'c1' },
      { peerId: 'peer-2', disclose: false, reason: 'no-consent' },
    ]);
  });

  it.each([
    ['other-recipient', roi({ id: 'c', peerId: 'peer-1', recipientOrganizationId: 'other' }), '2026-06-01'],
    ['other-purpose', roi({ id: 'c', peerId: 'peer-1', purposes: ['research'] }), '2026-06-01'],
    ['not-yet-in-force', roi({ id: 'c', peerId: 'peer-1' }), '2026-01-09'],
    ['expired', roi({ id: 'c', peerId: 'peer-1' }), '2027-01-01'],
    ['revoked', roi({ id: 'c', peerId: 'peer-1', revokedOn: '2026-06-01' }), '2026-06-01'],
  ] as const)('withholds with reason %s', (reason, consent, at) => {
    const r = decideDisclosure(data([consent]), { recipient: hospital, purpose: 'treatment', at });
    expect(r.success && r.data.peers[0]).toEqual(
      expect.objectContaining({ peerId: 'peer-1', disclose: false, reason }),
    );
  });

  it('is in force on the first and last day of the period, and the day before a revocation', () => {
    const c = roi({ id: 'c', peerId: 'peer-1', revokedOn: '2026-12-31' });
    for (const at of ['2026-01-10', '2026-12-30']) {
      const r = decideDisclosure(data([c]), { recipient: hospital, purpose: 'treatment', at });
      expect(r.success && r.data.disclosed).toEqual(['peer-1']);
    }
  });

  it('ignores a confidentiality form, which names no recipient', () => {
    const c = roi({ id: 'c', peerId: 'peer-1', kind: 'confidentiality' });
    const r = decideDisclosure(data([c]), { recipient: hospital, purpose: 'treatment', at: '2026-06-01' });
    expect(r.success && r.data.withheld).toEqual(['peer-1', 'peer-2']);
  });

  it('matches a consent naming an endpoint by origin and path', () => {
    const c = roi({
      id: 'c',
      peerId: 'peer-1',
      recipientOrganizationId: undefined,
      recipientEndpoint: 'https://FHIR.county.example:443/r4/',
    });
    const at = '2026-06-01';
    const yes = decideDisclosure(data([c]), {
      recipient: { endpoint: 'https://fhir.county.example/r4' },
      purpose: 'treatment',
      at,
    });
    expect(yes.success && yes.data.disclosed).toEqual(['peer-1']);
    const other = decideDisclosure(data([c]), {
      recipient: { endpoint: 'https://fhir.county.example/r5' },
      purpose: 'treatment',
      at,
    });
    expect(other.success && other.data.disclosed).toEqual([]);
  });

  it('lets the program permit a purpose without consent only where Part 2 does not apply', () => {
    const hipaa = data([], { disclosure: { part2: false, permitWithoutConsent: ['treatment'] } });
    const r = decideDisclosure(hipaa, { recipient: hospital, purpose: 'treatment', at: '2026-06-01' });
    expect(r.success && r.data.peers.map((p) => p.disclose && p.basis)).toEqual([
      'program-setting',
      'program-setting',
    ]);
    const research = decideDisclosure(hipaa, { recipient: hospital, purpose: 'research', at: '2026-06-01' });
    expect(research.success && research.data.disclosed).toEqual([]);
    const part2 = data([], { disclosure: { part2: true, permitWithoutConsent: ['treatment'] } });
    const p = decideDisclosure(part2, { recipient: hospital, purpose: 'treatment', at: '2026-06-01' });
    expect(p.success && p.data.disclosed).toEqual([]);
    expect(p.issues.map((i) => [i.code, i.severity])).toEqual([['setting-ignored', 'warning']]);
  });

  it('discloses everyone under an override, loudly', () => {
    const r = decideDisclosure(data([]), {
      recipient: hospital,
      purpose: 'research',
      at: '2026-06-01',
      override: 'de-identified',
    });
    expect(r.success && r.data.peers.every((p) => p.disclose && p.basis === 'override')).toBe(true);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'disclosure-override', severity: 'warning' })]);
  });

  it('refuses a bad request naming the field, without echoing values', () => {
    const r = decideDisclosure(data([]), {
      recipient: { endpoint: 'https://user:Secret1@x.example/r4' },
      purpose: 'gossip',
      at: 'tomorrow',
      override: 'everything',
    });
    expect(r.success).toBe(false);
    expect(r.issues.map((i) => i.code).sort()).toEqual([
      'invalid-as-of',
      'invalid-override',
      'invalid-purpose',
      'invalid-recipient',
    ]);
    const text = JSON.stringify(r.issues);
    for (const secret of ['Secret1', 'gossip', 'tomorrow', 'everything']) expect(text).not.toContain(secret);
    const none = decideDisclosure(data([]), { recipient: {}, purpose: 'treatment', at: '2026-06-01' });
    expect(none.issues.map((i) => i.path)).toEqual([['recipient']]);
  });

  it('warns about a recipient organisation the program does not know', () => {
    const r = decideDisclosure(data([]), {
      recipient: { organizationId: 'elsewhere' },
      purpose: 'treatment',
      at: '2026-06-01',
    });
    expect(r.issues.map((i) => i.code)).toEqual(['unknown-recipient']);
  });

  const arbRequest = fc.record({
    purpose: fc.constantFrom(...ConsentPurpose.options),
    at: arbLocalDate({ min: '2019-01-01', max: '2028-12-31' }),
  });

  const orgOf = (d: ProgramData) => ({ organizationId: d.organizations[0]?.id ?? 'none' });

  fcTest.prop([arbProgramData({ maxPeers: 6, maxEnrolments: 6 }), arbRequest], { numRuns: 40 })(
    'every peer gets exactly one decision; a disclosed peer has a consent in force that names the recipient',
    (d, { purpose, at }) => {
      const before = JSON.stringify(d);
      const recipient = orgOf(d);
      const r = decideDisclosure(d, { recipient, purpose, at });
      expect(JSON.stringify(d)).toBe(before); // not mutated
      expect(r.success).toBe(true);
      if (!r.success) return;
      expect(r.data.peers.map((p) => p.peerId)).toEqual(d.peers.map((p) => p.id));
      expect([...r.data.disclosed, ...r.data.withheld].sort()).toEqual(d.peers.map((p) => p.id).sort());
      for (const p of r.data.peers) {
        if (!p.disclose) continue;
        const c = d.consents.find((x) => x.id === p.consentId);
        expect(c).toBeDefined();
        if (!c) continue;
        expect(c.peerId).toBe(p.peerId);
        expect(c.kind).toBe('release-of-information');
        expect(c.recipientOrganizationId).toBe(recipient.organizationId);
        expect(c.purposes).toContain(purpose);
        expect(c.signedOn <= at && c.period.start <= at).toBe(true);
        expect(c.period.end === undefined || at <= c.period.end).toBe(true);
        expect(c.revokedOn === undefined || at < c.revokedOn).toBe(true);
      }
      // Deterministic.
      expect(decideDisclosure(d, { recipient, purpose, at })).toEqual(r);
    },
  );

  fcTest.prop([arbProgramData({ maxPeers: 6, maxEnrolments: 6 })], { numRuns: 40 })(
    'a consent in force discloses its peer to its recipient for its purposes on its first day',
    (d) => {
      for (const c of d.consents) {
        if (c.kind !== 'release-of-information' || c.recipientOrganizationId === undefined) continue;
        for (const purpose of c.purposes) {
          const r = decideDisclosure(d, {
            recipient: { organizationId: c.recipientOrganizationId },
            purpose,
            at: c.signedOn,
          });
          // Generated revocations come at least a day after signing.
          expect(r.success && r.data.disclosed.includes(c.peerId)).toBe(true);
        }
      }
    },
  );

  fcTest.prop([arbProgramData(), arbRequest, fc.integer({ min: 0, max: 3 })], { numRuns: 30 })(
    'revoking a consent never discloses more (monotone)',
    (d, { purpose, at }, k) => {
      const recipient = orgOf(d);
      const before = decideDisclosure(d, { recipient, purpose, at });
      const revoked = {
        ...d,
        consents: d.consents.map((c, i) => (i === k ? { ...c, revokedOn: c.signedOn } : c)),
      };
      const after = decideDisclosure(revoked, { recipient, purpose, at });
      if (!before.success || !after.success) throw new Error('request is valid');
      for (const id of after.data.disclosed) expect(before.data.disclosed).toContain(id);
    },
  );

  fcTest.prop([fc.anything()], { numRuns: 60 })('never throws on any request', (junk) => {
    const d = data([roi({ id: 'c1', peerId: 'peer-1' })]);
    const r = decideDisclosure(d, {
      recipient: (typeof junk === 'object' && junk !== null ? junk : {}) as never,
      purpose: junk,
      at: junk,
      override: junk,
    });
    expect(typeof r.success).toBe('boolean');
  });
});

describe('restrictToPeers', () => {
  fcTest.prop([arbProgramData({ maxPeers: 5, maxEnrolments: 5 }), fc.integer({ min: 0, max: 5 })], {
    numRuns: 25,
  })("keeps exactly the named peers' records and stays a valid program", (d, n) => {
    const keep = d.peers.slice(0, n).map((p) => p.id);
    const out = restrictToPeers(d, keep);
    expect(out.peers.map((p) => p.id)).toEqual(keep);
    const enrolments = new Set(out.enrolments.map((e) => e.id));
    expect(out.enrolments.every((e) => keep.includes(e.peerId))).toBe(true);
    for (const list of [out.plans, out.contacts, out.messages, out.referrals, out.assessments])
      expect(list.every((x) => enrolments.has(x.enrolmentId))).toBe(true);
    expect(out.consents.every((c) => keep.includes(c.peerId))).toBe(true);
    expect(out.contacts.length).toBe(d.contacts.filter((c) => enrolments.has(c.enrolmentId)).length);
    expect(parseProgramData(out).success).toBe(true);
  });
});

describe('redisclosure notice and endpoints', () => {
  it('gives the default notice under Part 2, the program one when set, none outside Part 2', () => {
    const p = programData().program;
    expect(redisclosureNotice(p)).toContain('42 CFR part 2');
    expect(redisclosureNotice({ ...p, disclosure: { part2: false } })).toBeUndefined();
    expect(
      redisclosureNotice({ ...p, disclosure: { part2: false, redisclosureNotice: 'Our notice.' } }),
    ).toBe('Our notice.');
  });

  it('normalizes endpoints and refuses credentials, queries and other schemes', () => {
    expect(normalizeEndpoint('https://FHIR.example.org:443/r4/')).toBe('https://fhir.example.org/r4');
    expect(normalizeEndpoint('http://127.0.0.1:8103')).toBe('http://127.0.0.1:8103');
    for (const bad of ['https://u:p@x.example/r4', 'https://x.example/r4?token=1', 'ftp://x.example', 'x'])
      expect(normalizeEndpoint(bad)).toBeUndefined();
  });
});

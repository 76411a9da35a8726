import { describe, expect, it } from 'vitest';
import type { Coach } from '../../model/domain';
import { prssServiceDefinition, srpRecoveryConnect } from '../../packs/builtin';
import { coach, programData } from '../../testing/builders';
import { coachRule, codesOf } from '../rules.test-support';

const RULE = 'coach-commitment';
const run = (
  extensions: NonNullable<Coach['commitment']>['extensions'],
  asOf: string,
  pack = srpRecoveryConnect,
) =>
  coachRule(
    programData({
      coaches: [coach({ commitment: { startOn: '2025-01-15', endOn: '2026-01-14', extensions } })],
    }),
    RULE,
    asOf,
    { pack },
  );

describe('coach-commitment: an extension needs the peer\'s agreement ("if agreeable to Peer")', () => {
  it('reports an extension agreed without a recorded peer agreement, citing item 8', () => {
    const r = run([{ agreedOn: '2025-12-20', untilOn: '2027-01-14' }], '2026-03-01');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'coach-commitment.extension-without-peer-agreement',
        path: 'coaches[0].commitment.extensions[0].peerAgreedOn',
        params: { agreedOn: '2025-12-20' },
        source: {
          document: 'srp-guidelines',
          section: 'Peer-Mentor Responsibilities, item 8',
          quote: 'if agreeable to Peer',
        },
      }),
    ]);
  });
  it('accepts a recorded agreement, and ignores extensions and agreements after the evaluation day', () => {
    expect(
      run([{ agreedOn: '2025-12-20', untilOn: '2027-01-14', peerAgreedOn: '2025-12-18' }], '2026-03-01')
        .findings,
    ).toEqual([]);
    expect(
      codesOf(
        run([{ agreedOn: '2025-12-20', untilOn: '2027-01-14', peerAgreedOn: '2026-04-01' }], '2026-03-01'),
      ),
    ).toEqual(['coach-commitment.extension-without-peer-agreement']);
    expect(
      codesOf(run([{ agreedOn: '2026-12-20', untilOn: '2027-01-14' }], '2026-03-01')).filter((c) =>
        c.includes('extension'),
      ),
    ).toEqual([]);
  });
  it('is not checked where the pack sets no term', () => {
    expect(
      run([{ agreedOn: '2025-12-20', untilOn: '2027-01-14' }], '2026-03-01', prssServiceDefinition).findings,
    ).toEqual([]);
  });
});

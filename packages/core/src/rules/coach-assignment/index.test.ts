import { describe, expect, it } from 'vitest';
import type { Coach, Contact, Enrolment, Peer } from '../../model/domain';
import { prssServiceDefinition, srpRecoveryConnect } from '../../packs/builtin';
import { coach, contact, enrolment, peer, programData } from '../../testing/builders';
import { codesOf, enrolmentRule, obligationOf, packWith, TEST_SOURCE } from '../rules.test-support';

const RULE = 'coach-assignment';
const assignment = (
  over: Partial<Enrolment>,
  asOf: string,
  parts: { coaches?: Coach[]; contacts?: Contact[]; peers?: Peer[] } = {},
  pack = srpRecoveryConnect,
) =>
  enrolmentRule(
    programData({ enrolments: [enrolment({ enrolledOn: '2026-01-31', ...over })], ...parts }),
    RULE,
    asOf,
    { pack },
  );

describe('coach-assignment: an active enrolment has a coach', () => {
  it('passes with a coach covering the evaluation day', () => {
    expect(assignment({}, '2026-03-01')).toMatchObject({ status: 'pass', findings: [] });
  });

  it('reports an enrolment with no coach, due on its first day without one', () => {
    const r = assignment({ coachAssignments: [] }, '2026-02-05');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'coach-assignment.no-coach',
        severity: 'error',
        path: 'enrolments[0].coachAssignments',
        params: { since: '2026-01-31' },
        source: {
          document: 'prss-service-definition',
          section: 'Service activities',
          quote: 'the mutual relationship (one on one relationship)',
        },
      }),
    ]);
    expect(obligationOf(r, 'coach-assignment:assign').status).toBe('overdue');
    // on the enrolment day itself it is due, not yet a finding
    expect(assignment({ coachAssignments: [] }, '2026-01-31').findings).toEqual([]);
    // an assignment that ended, with the coach still active: due the day after
    const ended = assignment(
      { coachAssignments: [{ coachId: 'coach-1', from: '2026-01-31', to: '2026-03-10' }] },
      '2026-03-20',
    );
    expect(ended.findings[0]?.params).toEqual({ since: '2026-03-11' });
  });

  it('leaves a peer whose coach left to peer-needs-reassignment, and ignores exited enrolments', () => {
    const gone = coach({
      statusHistory: [
        { status: 'active', from: '2025-01-15' },
        { status: 'withdrawn', from: '2026-03-10', writtenNoticeOn: '2026-03-01' },
      ],
    });
    const over = { coachAssignments: [{ coachId: 'coach-1', from: '2026-01-31', to: '2026-03-09' }] };
    expect(codesOf(assignment(over, '2026-03-20', { coaches: [gone] }))).toEqual([]);
    const exited = {
      coachAssignments: [],
      exit: { on: '2026-02-10', kind: 'completed' as const, referralsMade: [] },
    };
    expect(codesOf(assignment(exited, '2026-03-20'))).toEqual([]);
  });
});

describe('coach-assignment: the coach is eligible on the contact day', () => {
  const c = contact({ id: 'c1', start: '2026-03-05T10:00:00-08:00' });
  it('reports a contact by a coach whose background check had expired that day, naming the reason by code', () => {
    const expired = coach({ backgroundCheck: { completedOn: '2024-01-06', expiresOn: '2026-03-01' } });
    const r = assignment({}, '2026-03-20', { coaches: [expired], contacts: [c] });
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'coach-assignment.coach-not-eligible',
        path: 'contacts[0].coachId',
        found: { coachId: 'coach-1', reasons: ['background-check-expired'] },
        params: { on: '2026-03-05', coachId: 'coach-1', reasons: 'background-check-expired' },
        message:
          'Contact on 2026-03-05 was given by coach coach-1, who was not eligible that day (background-check-expired).',
      }),
    ]);
    // a contact before the expiry is fine
    const earlier = contact({ id: 'c0', start: '2026-02-20T10:00:00-08:00' });
    expect(assignment({}, '2026-03-20', { coaches: [expired], contacts: [earlier] }).findings).toEqual([]);
  });

  it('reports a contact by a coach who was not active that day', () => {
    const applicant = coach({
      statusHistory: [
        { status: 'applicant', from: '2025-01-15' },
        { status: 'active', from: '2026-03-10' },
      ],
    });
    const r = assignment({}, '2026-03-20', { coaches: [applicant], contacts: [c] });
    expect(r.findings[0]?.params).toMatchObject({ reasons: 'status-applicant' });
  });

  it('follows the pack', () => {
    const off = packWith(RULE, { eligibleOnContactDay: { value: false, source: TEST_SOURCE } });
    const expired = coach({ backgroundCheck: { completedOn: '2024-01-06', expiresOn: '2026-03-01' } });
    expect(assignment({}, '2026-03-20', { coaches: [expired], contacts: [c] }, off).findings).toEqual([]);
  });
});

describe('coach-assignment: matching on declared life experience (optional)', () => {
  const on = packWith(RULE, { lifeExperienceMatch: { value: true, source: TEST_SOURCE } });
  const run = (peerExp: string[] | undefined, coachExp: string[] | undefined, pack = on) =>
    codesOf(
      assignment(
        {},
        '2026-03-20',
        {
          peers: [peer(peerExp === undefined ? {} : { lifeExperiences: peerExp })],
          coaches: [coach(coachExp === undefined ? {} : { lifeExperiences: coachExp })],
        },
        pack,
      ),
    );
  it('is off by default', () => {
    expect(srpRecoveryConnect.rules[RULE].lifeExperienceMatch.value).toBe(false);
    expect(prssServiceDefinition.rules[RULE].lifeExperienceMatch.value).toBe(false);
    expect(run(['veteran'], ['parent'], srpRecoveryConnect)).toEqual([]);
  });
  it('asks the coach to share one declared experience, when the peer declared some', () => {
    expect(run(['veteran', 'justice-involved'], ['justice-involved'])).toEqual([]);
    expect(run(['veteran'], ['parent'])).toEqual(['coach-assignment.no-shared-life-experience']);
    expect(run(['veteran'], undefined)).toEqual(['coach-assignment.no-shared-life-experience']);
    expect(run(undefined, ['parent'])).toEqual([]);
  });
  it('never echoes the experiences', () => {
    const r = assignment(
      {},
      '2026-03-20',
      {
        peers: [peer({ lifeExperiences: ['veteran'] })],
        coaches: [coach({ lifeExperiences: ['parent'] })],
      },
      on,
    );
    expect(JSON.stringify(r)).not.toMatch(/veteran|parent/);
  });
});

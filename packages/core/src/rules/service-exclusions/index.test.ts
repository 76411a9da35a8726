import { describe, expect, it } from 'vitest';
import type { Contact } from '../../model/domain';
import { srpRecoveryConnect } from '../../packs/builtin';
import { contact, enrolment, programData } from '../../testing/builders';
import { codesOf, enrolmentRule, packWith, TEST_SOURCE } from '../rules.test-support';

const RULE = 'service-exclusions';
const exclusions = (contacts: Contact[], asOf = '2026-06-01', pack = srpRecoveryConnect) =>
  enrolmentRule(
    programData({ enrolments: [enrolment({ enrolledOn: '2026-01-31' })], contacts }),
    RULE,
    asOf,
    {
      pack,
    },
  );

describe('service-exclusions: excluded activities', () => {
  it('reports each excluded activity logged on a contact, on the local day of the contact', () => {
    const r = exclusions([
      contact({ id: 'c0', start: '2026-02-05T10:00:00-08:00' }),
      // 06:30 UTC on 11 February is 22:30 on 10 February in Los Angeles
      contact({
        id: 'c1',
        start: '2026-02-11T06:30:00Z',
        mode: 'phone',
        location: 'remote',
        activities: ['recovery-support', 'drug-testing', 'diagnosis'],
      }),
    ]);
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'service-exclusions.excluded-activity',
        severity: 'error',
        message: 'Contact on 2026-02-10 logs "drug-testing", a service a peer coach must not give.',
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'contacts[1].activities[1]',
        source: {
          document: 'prss-service-definition',
          section: 'Service Exclusions',
          quote: 'drug testing should be avoided',
        },
        expected: { excluded: false },
        found: { activity: 'drug-testing' },
        params: { on: '2026-02-10', activity: 'drug-testing' },
      },
      expect.objectContaining({
        code: 'service-exclusions.excluded-activity',
        path: 'contacts[1].activities[2]',
        params: { on: '2026-02-10', activity: 'diagnosis' },
      }),
    ]);
  });

  it('covers every default exclusion of the service definition and What Is Recovery Coaching?', () => {
    const excluded: Contact['activities'] = [
      'clinical-counseling',
      'clinical-treatment',
      'drug-testing',
      'diagnosis',
      'giving-advice',
      'doing-for-peer',
      'trauma-processing',
    ];
    const r = exclusions([contact({ id: 'c1', start: '2026-02-05T10:00:00-08:00', activities: excluded })]);
    expect(r.findings.map((f) => f.params.activity)).toEqual(excluded);
  });

  it('follows the pack: an activity not listed is allowed', () => {
    const pack = packWith(RULE, { excluded: { value: ['giving-advice'], source: TEST_SOURCE } });
    const r = exclusions(
      [
        contact({
          id: 'c1',
          start: '2026-02-05T10:00:00-08:00',
          activities: ['drug-testing', 'giving-advice'],
        }),
      ],
      '2026-06-01',
      pack,
    );
    expect(r.findings.map((f) => [f.params.activity, f.source])).toEqual([['giving-advice', TEST_SOURCE]]);
  });
});

describe('service-exclusions: acting on behalf of the peer', () => {
  it("reports advocacy without the peer's recorded permission", () => {
    const r = exclusions([
      contact({ id: 'c1', start: '2026-02-05T10:00:00-08:00', activities: ['advocacy'] }),
    ]);
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'service-exclusions.permission-missing',
        severity: 'error',
        path: 'contacts[0].actingOnBehalfWithPermission',
        expected: { permission: true },
        found: { activity: 'advocacy', permission: false },
        params: { on: '2026-02-05', activity: 'advocacy' },
        source: {
          document: 'prss-service-definition',
          section: 'Service Requirements',
          quote: 'may give permission ... to perform an activity for them',
        },
        message:
          'Contact on 2026-02-05 logs "advocacy" without the peer\'s recorded permission to act on their behalf.',
      }),
    ]);
    const denied = exclusions([
      contact({
        id: 'c1',
        start: '2026-02-05T10:00:00-08:00',
        activities: ['advocacy'],
        actingOnBehalfWithPermission: false,
      }),
    ]);
    expect(codesOf(denied)).toEqual(['service-exclusions.permission-missing']);
  });

  it('passes advocacy with permission', () => {
    const r = exclusions([
      contact({
        id: 'c1',
        start: '2026-02-05T10:00:00-08:00',
        activities: ['advocacy', 'system-navigation'],
        actingOnBehalfWithPermission: true,
      }),
    ]);
    expect(r).toMatchObject({ status: 'pass', findings: [] });
  });

  it('honours recorded permission for doing for the peer, and reports it without permission', () => {
    const doing = (permission?: boolean) =>
      exclusions([
        contact({
          id: 'c1',
          start: '2026-02-05T10:00:00-08:00',
          activities: ['doing-for-peer'],
          ...(permission === undefined ? {} : { actingOnBehalfWithPermission: permission }),
        }),
      ]);
    expect(doing(true)).toMatchObject({ status: 'pass', findings: [] });
    expect(codesOf(doing(false))).toEqual(['service-exclusions.permission-missing']);
    expect(codesOf(doing())).toEqual(['service-exclusions.permission-missing']);
  });

  it('reports an excluded activity even with permission (permission covers only the listed activities)', () => {
    const r = exclusions([
      contact({
        id: 'c1',
        start: '2026-02-05T10:00:00-08:00',
        activities: ['giving-advice', 'advocacy'],
        actingOnBehalfWithPermission: true,
      }),
    ]);
    expect(codesOf(r)).toEqual(['service-exclusions.excluded-activity']);
  });

  it('lets permission decide for an activity a pack lists both as excluded and as needing permission', () => {
    const pack = packWith(RULE, {
      excluded: { value: ['doing-for-peer'], source: TEST_SOURCE },
      requirePermission: { value: ['doing-for-peer'], source: TEST_SOURCE },
    });
    const c = (p: boolean) =>
      contact({
        id: 'c1',
        start: '2026-02-05T10:00:00-08:00',
        activities: ['doing-for-peer'],
        actingOnBehalfWithPermission: p,
      });
    expect(exclusions([c(true)], '2026-06-01', pack).findings).toEqual([]);
    expect(codesOf(exclusions([c(false)], '2026-06-01', pack))).toEqual([
      'service-exclusions.permission-missing',
    ]);
  });

  it('cites What Is Recovery Coaching? for trauma, not the service definition', () => {
    const r = exclusions([
      contact({ id: 'c1', start: '2026-02-05T10:00:00-08:00', activities: ['trauma-processing'] }),
    ]);
    expect(r.findings[0]?.source).toEqual({
      document: 'what-is-recovery-coaching',
      section: 'Recovery coaching and therapy',
      quote: 'do not address the past, do not address trauma',
    });
  });
});

describe('service-exclusions: scope', () => {
  it('is not applicable without contacts, and ignores contacts after asOf or not yet recorded', () => {
    expect(exclusions([])).toMatchObject({ status: 'not-applicable', findings: [] });
    const r = exclusions(
      [
        contact({ id: 'c1', start: '2026-06-05T10:00:00-07:00', activities: ['drug-testing'] }),
        contact({
          id: 'c2',
          start: '2026-05-30T10:00:00-07:00',
          recordedAt: '2026-06-02T10:00:00-07:00',
          activities: ['drug-testing'],
        }),
      ],
      '2026-06-01',
    );
    expect(r).toMatchObject({ status: 'not-applicable', findings: [] });
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../calendar/index';
import type { Enrolment } from '../../model/domain';
import { derivePack, prssServiceDefinition, srpRecoveryConnect } from '../../packs/builtin';
import { enrolment, peer, programData } from '../../testing/builders';
import { codesOf, enrolmentRule, packWith, TEST_SOURCE } from '../rules.test-support';

const RULE = 'enrolment-prerequisites';
const ID = 'enrolment-prerequisites:document:coachPeerContract';
const docs = (coachPeerContract?: string): Enrolment['documents'] => ({
  guidelinesAgreement: '2026-01-31',
  application: '2026-01-31',
  assessments: '2026-01-31',
  confidentialityForms: '2026-01-31',
  ...(coachPeerContract === undefined ? {} : { coachPeerContract }),
});
const check = (
  contract: string | undefined,
  asOf: string,
  over: Partial<Enrolment> = {},
  pack = srpRecoveryConnect,
  enrolledOn = '2026-01-31',
) =>
  enrolmentRule(
    programData({
      peers: [peer()],
      enrolments: [enrolment({ enrolledOn, documents: docs(contract), ...over })],
    }),
    RULE,
    asOf,
    { pack },
  );
const contractOf = (r: ReturnType<typeof check>) => r.obligations.find((o) => o.id === ID);

describe('enrolment-prerequisites: the written coach-peer contract (item 2, "written contracts")', () => {
  it('is due 30 days after enrolment, like the first plan, and met when signed on the due day', () => {
    const r = check('2026-03-02', '2026-03-10');
    expect(contractOf(r)).toMatchObject({
      dueOn: '2026-03-02',
      status: 'met',
      key: { document: 'coachPeerContract' },
    });
    expect(r.findings).toEqual([]);
  });

  it('is late, by whole days, when signed after the due day, citing item 2', () => {
    const r = check('2026-03-11', '2026-03-20');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'enrolment-prerequisites.contract-late',
        severity: 'error',
        path: 'enrolments[0].documents.coachPeerContract',
        expected: { signedBy: '2026-03-02' },
        found: { signedOn: '2026-03-11', daysLate: 9 },
        message:
          'The written coach-peer contract was signed 9 day(s) late (due 2026-03-02, signed 2026-03-11).',
        source: {
          document: 'srp-guidelines',
          section: 'Peer-Mentor Responsibilities, item 2',
          quote: 'written contracts and Action Plans ... within one month',
        },
      }),
    ]);
    expect(contractOf(r)).toMatchObject({ status: 'met', lateByDays: 9 });
  });

  it('is open before the due day, overdue after it, and a signature after the evaluation day is not seen', () => {
    expect(contractOf(check(undefined, '2026-02-10'))?.status).toBe('open');
    expect(check(undefined, '2026-02-10').findings).toEqual([]);
    const overdue = check('2026-03-20', '2026-03-05');
    expect(contractOf(overdue)?.status).toBe('overdue');
    expect(overdue.findings).toEqual([
      expect.objectContaining({
        code: 'enrolment-prerequisites.contract-missing',
        found: { signed: false, daysLate: 3 },
        params: { dueOn: '2026-03-02', daysLate: 3 },
      }),
    ]);
  });

  it('lapses when the enrolment ends before it is due, and is missed when it ends after', () => {
    const exit = (on: string): Partial<Enrolment> => ({
      exit: { on, kind: 'discontinued', reason: 'lost-contact', referralsMade: [] },
    });
    const lapsed = check(undefined, '2026-06-01', exit('2026-02-20'));
    expect(contractOf(lapsed)?.status).toBe('not-applicable');
    expect(codesOf(lapsed)).not.toContain('enrolment-prerequisites.contract-missing');
    const missed = check(undefined, '2026-06-01', exit('2026-03-12'));
    expect(contractOf(missed)?.status).toBe('missed');
    expect(missed.findings.find((f) => f.code === 'enrolment-prerequisites.contract-missing')?.found).toEqual(
      {
        signed: false,
        daysLate: 10,
      },
    );
  });

  it('is not asked for where the pack sets no deadline (the service definition names no contract)', () => {
    const r = check(undefined, '2026-06-01', {}, prssServiceDefinition);
    expect(contractOf(r)).toBeUndefined();
    expect(codesOf(r)).not.toContain('enrolment-prerequisites.contract-missing');
  });

  it('follows the pack: a calendar-month deadline from 31 January is due on 28 February', () => {
    const pack = packWith(RULE, {
      writtenContractDeadline: { value: { unit: 'calendar-months', amount: 1 }, source: TEST_SOURCE },
    });
    expect(contractOf(check('2026-03-01', '2026-03-10', {}, pack))).toMatchObject({
      dueOn: '2026-02-28',
      lateByDays: 1,
    });
  });

  it('moves with holds only when the pack pauses the first-plan clock', () => {
    const held: Partial<Enrolment> = {
      holds: [{ from: '2026-02-10', to: '2026-02-19', reason: 'inpatient-treatment' }],
    };
    expect(contractOf(check('2026-03-12', '2026-03-20', held))?.dueOn).toBe('2026-03-02');
    const pausing = derivePack(
      srpRecoveryConnect,
      {
        holdsPause: { value: ['in-person-contact', 'first-action-plan'], source: TEST_SOURCE },
      },
      {},
    );
    const r = check('2026-03-12', '2026-03-20', held, pausing);
    expect(contractOf(r)).toMatchObject({ dueOn: '2026-03-12', status: 'met' });
    expect(r.findings).toEqual([]);
  });

  test.prop([
    fc.integer({ min: 0, max: 3000 }),
    fc.integer({ min: -40, max: 120 }),
    fc.integer({ min: -40, max: 120 }),
  ])('a later signature is never less late; lateness is the days after the due day', (start, a, b) => {
    const enrolledOn = addDays('2020-01-01', start); // spans month ends and the leap days of 2020, 2024, 2028
    const dueOn = addDays(enrolledOn, 30);
    const asOf = addDays(enrolledOn, 200);
    const late = (offset: number) => {
      const r = check(addDays(enrolledOn, offset), asOf, {}, srpRecoveryConnect, enrolledOn);
      const o = contractOf(r);
      expect(o?.dueOn).toBe(dueOn);
      expect(o?.status).toBe('met');
      return o?.lateByDays ?? 0;
    };
    const [x, y] = a <= b ? [a, b] : [b, a];
    expect(late(x)).toBeLessThanOrEqual(late(y));
    expect(late(y)).toBe(Math.max(0, y - 30));
  });
});

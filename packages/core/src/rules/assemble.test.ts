/**
 * The caseloads and totals of a program evaluation (counted in one walk of each enrolment's lists) against a readable
 * reference that walks each coach's enrolments' plain lists, over generated programs, every built-in pack and random
 * evaluation times, with the evaluations' lists unread, read, or some read.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../calendar/localDate';
import type { ProgramData } from '../model/domain';
import { srpRecoveryConnect } from '../packs/builtin';
import type { RulePack } from '../packs/schema';
import { arbProgramData } from '../testing/arbitraries';
import { coach, contact, enrolment, programData } from '../testing/builders';
import type { EvaluationOptions } from './context';
import {
  type CaseloadSummary,
  type EnrolmentEvaluation,
  evaluateProgram,
  type ProgramEvaluation,
} from './evaluate';
import { EAGER } from './lazy';
import { EVERY_PACK, leavingCoach, runs, syntheticCase, syntheticProgram } from './rules.test-support';

const arbData = arbProgramData({ maxEnrolments: 6, maxCoaches: 3, maxPeers: 6 });
const arbAsOf = fc
  .integer({ min: toDayNumber('2018-06-01'), max: toDayNumber('2029-06-30') })
  .map(fromDayNumber);

/** The caseload of one coach, read from the plain evaluations as the rules' documentation says. */
function referenceCaseload(
  data: ProgramData,
  evaluations: readonly EnrolmentEvaluation[],
  coachId: string,
  day: string,
): CaseloadSummary {
  const out = {
    coachId,
    enrolmentIds: [] as string[],
    overduePlans: 0,
    missedMonths: 0,
    unansweredMessages: 0,
    peersAwaitingReassignment: [] as string[],
    findings: 0,
  };
  data.enrolments.forEach((e, i) => {
    const ev = evaluations[i] as EnrolmentEvaluation;
    const mine = e.coachAssignments.filter((a) => a.coachId === coachId && a.from <= day);
    if (mine.length === 0) return;
    const exited = e.exit !== undefined && e.exit.on <= day;
    const covers = mine.some((a) => a.to === undefined || a.to >= day);
    if (
      ev.findings.some(
        (f) => f.code === 'coach-commitment.peer-needs-reassignment' && f.params.coachId === coachId,
      )
    )
      out.peersAwaitingReassignment.push(e.id);
    else if (covers && !exited) out.enrolmentIds.push(e.id);
    else return;
    for (const o of ev.timeline) {
      if (o.status === 'overdue' && (o.ruleId === 'first-action-plan' || o.ruleId === 'plan-revision'))
        out.overduePlans++;
      if (o.status === 'overdue' && o.ruleId === 'reply-timeliness') out.unansweredMessages++;
      if (
        o.status === 'missed' &&
        o.ruleId === 'in-person-contact' &&
        mine.some((a) => a.from <= o.dueOn && (a.to === undefined || o.dueOn <= a.to))
      )
        out.missedMonths++;
    }
    out.findings += ev.findings.filter((f) => f.severity !== 'info').length;
  });
  return out;
}

/** The totals, counted from the plain evaluations (enrolment findings, then coach findings, in order). */
function referenceTotals(r: ProgramEvaluation) {
  const findingsBySeverity = { info: 0, warning: 0, error: 0 };
  const findingsByCode: Record<string, number> = {};
  const findings = [...r.enrolments.flatMap((ev) => ev.findings), ...r.coaches.flatMap((c) => c.findings)];
  for (const f of findings) {
    findingsBySeverity[f.severity]++;
    findingsByCode[f.code] = (findingsByCode[f.code] ?? 0) + 1;
  }
  const obligations = r.enrolments.flatMap((ev) => ev.timeline);
  return {
    findingsBySeverity,
    findingsByCode,
    overdue: obligations.filter((o) => o.status === 'overdue').length,
    missed: obligations.filter((o) => o.status === 'missed').length,
  };
}

/** Evaluates lazily, reads the lists of the enrolments `read` picks, and checks caseloads and totals. */
function check(data: ProgramData, pack: RulePack, asOf: string, read: (i: number) => boolean): void {
  const eagerResult = evaluateProgram(data, { asOf, pack, [EAGER]: true } as EvaluationOptions);
  if (!eagerResult.success) throw new Error(JSON.stringify(eagerResult.issues));
  const eager = eagerResult.data;
  const r = evaluateProgram(data, { asOf, pack });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  r.data.enrolments.forEach((ev, i) => {
    if (read(i)) void (i % 2 === 0 ? ev.findings : ev.timeline);
  });
  const caseloads = r.data.coaches.map((c) => c.caseload);
  const totals = r.data.totals;
  expect(caseloads).toEqual(data.coaches.map((c) => referenceCaseload(data, eager.enrolments, c.id, asOf)));
  const want = referenceTotals(eager);
  expect(
    JSON.stringify([totals.findingsBySeverity, totals.findingsByCode, totals.overdue, totals.missed]),
  ).toBe(JSON.stringify([want.findingsBySeverity, want.findingsByCode, want.overdue, want.missed]));
  expect(JSON.stringify(r.data)).toBe(JSON.stringify(eager));
}

describe('caseloads and totals equal their readable reference', () => {
  test.prop(
    [arbData, fc.constantFrom(...EVERY_PACK), arbAsOf, fc.constantFrom('none', 'all', 'some')],
    runs(80),
  )('generated programs of every shape, every pack, any day, lists read or not', (data, pack, asOf, reads) =>
    check(data, pack, asOf, (i) => (reads === 'all' ? true : reads === 'some' ? i % 3 === 0 : false)),
  );

  test.prop(syntheticCase(arbAsOf), runs(12))(
    'synthetic programs (reassignments, missed months, overdue plans and replies), every pack, any day',
    (seed, peers, pack, asOf) => check(syntheticProgram(seed, peers), pack, asOf, (i) => i % 3 === 1),
  );
});

describe('a peer awaiting reassignment after a second coach left', () => {
  it("awaits reassignment in the leaving coach's caseload only, not in the first coach's", () => {
    const leaving = leavingCoach();
    const data = programData({
      coaches: [coach(), leaving],
      peers: [{ id: 'peer-1', ageBand: '26-34', populations: ['adult-substance-use-disorder'] }],
      enrolments: [
        enrolment({
          enrolledOn: '2026-03-01',
          coachAssignments: [
            { coachId: 'coach-1', from: '2026-03-01', to: '2026-04-30' },
            { coachId: 'coach-2', from: '2026-05-01' },
          ],
        }),
      ],
      contacts: [contact({ id: 'c1', coachId: 'coach-2', start: '2026-07-10T10:00:00-07:00' })],
    });
    const r = evaluateProgram(data, { asOf: '2026-07-20', pack: srpRecoveryConnect });
    if (!r.success) throw new Error(JSON.stringify(r.issues));
    const caseload = (id: string) => r.data.coaches.find((c) => c.coachId === id)?.caseload;
    expect(caseload('coach-2')?.peersAwaitingReassignment).toEqual(['enr-1']);
    expect(caseload('coach-1')).toMatchObject({
      enrolmentIds: [],
      peersAwaitingReassignment: [],
      findings: 0,
    });
    check(data, srpRecoveryConnect, '2026-07-20', () => false);
  });
});

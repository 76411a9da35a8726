import type { Peer } from '../../model/domain';
import type { LocalDate } from '../../model/primitives';
import type { AgeBand, TargetPopulation } from '../../model/vocabulary';
import { catchUpObligation } from '../catch-up';
import { dayEnd, type EnrolmentRecords, makeFinding, type RuleContext } from '../context';
import { firstPlanDueOn } from '../first-action-plan/index';
import type { ObligationSpec } from '../lazy';
import type { Finding, Obligation, RuleResult } from '../result';
import { dueAfterHolds, enrolmentSubject, notApplicable, result } from '../shared';

const RULE = 'enrolment-prerequisites';

/** The written coach-peer contract's obligation as a row (see `lazy.ts`). */
const CONTRACT: ObligationSpec = {
  ruleId: RULE,
  counted: false,
  id: () => `${RULE}:document:coachPeerContract`,
  key: () => ({ document: 'coachPeerContract' }),
  label: () => 'Written coach-peer contract, signed by the peer',
};

const BANDS: Record<AgeBand, [number, number]> = {
  'under-16': [0, 15],
  '16-17': [16, 17],
  '18-25': [18, 25],
  '26-34': [26, 34],
  '35-44': [35, 44],
  '45-54': [45, 54],
  '55-64': [55, 64],
  '65-plus': [65, 150],
};

/**
 * A person's age range on a day, from a date of birth (exact whole years) or an age band; undefined when neither is
 * recorded. The birth date is only compared, never reported.
 *
 * @example
 * ageRangeOn({ id: 'p', birthDate: '2008-03-01', populations: ['transitional-age-youth'] }, '2026-02-28'); // [17, 17]
 * ageRangeOn({ id: 'p', ageBand: '18-25', populations: ['adult-self-identified'] }, '2026-02-28'); // [18, 25]
 */
export function ageRangeOn(peer: Peer, day: LocalDate): [number, number] | undefined {
  if (peer.birthDate !== undefined) {
    // Two `YYYY-MM-DD` dates compare as the numbers YYYYMMDD: the age is the difference of years, one less when the
    // birthday is still to come that year. Any other text is read field by field, as before.
    const birth = yyyymmdd(peer.birthDate);
    const on = yyyymmdd(day);
    if (birth >= 0 && on >= 0) {
      const age =
        Math.floor(on / 10_000) - Math.floor(birth / 10_000) - (on % 10_000 < birth % 10_000 ? 1 : 0);
      return [age, age];
    }
    const [by, bm, bd] = peer.birthDate.split('-').map(Number) as [number, number, number];
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
    return [age, age];
  }
  return peer.ageBand === undefined ? undefined : BANDS[peer.ageBand];
}

/**
 * Enrolment prerequisites and target population: the required enrolment documents are complete by the enrolment
 * date, the peer belongs to a population the program serves, and the peer's age fits that population.
 *
 * Sources: Recovery Connect Peer Recovery Coaching Program guidelines, Participation Requirements item 2: "understand
 * and agree to the program guidelines, complete all required applications, assessments, and confidentiality forms";
 * the service definition, Target Population.
 *
 * Decisions: a document completed after the enrolment date is a `document-late` finding; one not completed by the
 * evaluation date is `document-missing`. Age is checked at the enrolment date: adult categories need at least
 * `adultMinAge`, transitional-age youth must be inside `youthAgeRange`; the peer qualifies if any eligible category they
 * belong to fits. An age band that overlaps the range is accepted. Unknown age gives an `info` finding.
 *
 * The written coach-peer contract (guidelines, Peer-Mentor Responsibilities item 2: "written contracts and Action
 * Plans", "signed by the Peer within one month"): with `writtenContractDeadline`, the peer signs it
 * (`documents.coachPeerContract`) by that deadline after enrolment, read like the first plan's (30 days in the
 * Recovery Connect pack; holds move it only when the pack's `holdsPause` names `first-action-plan`). It is an
 * obligation (`enrolment-prerequisites:document:coachPeerContract`): `contract-late` when signed after the due day,
 * `contract-missing` when unsigned past it; it lapses when the enrolment ends before it is due.
 *
 * @example
 * enrolmentPrerequisites(ctx, records).findings.map((f) => f.code); // ['enrolment-prerequisites.document-missing']
 */
export function enrolmentPrerequisites(ctx: RuleContext, rec: EnrolmentRecords): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const e = rec.enrolment;
  const subject = enrolmentSubject(e);
  if (e.enrolledOn > ctx.asOfDate) return notApplicable(RULE, subject);
  const findings: Finding[] = [];
  const path = `enrolments[${rec.index}]`;
  for (const document of settings.requiredDocuments.value) {
    const completedOn = e.documents[document];
    if (completedOn === undefined || completedOn > ctx.asOfDate) {
      findings.push(
        makeFinding(ctx, {
          ruleId: RULE,
          code: 'enrolment-prerequisites.document-missing',
          subject,
          path: `${path}.documents.${document}`,
          expected: { completed: true },
          found: { completed: false },
          params: { document },
          source: settings.requiredDocuments.source,
        }),
      );
    } else if (completedOn > e.enrolledOn) {
      findings.push(
        makeFinding(ctx, {
          ruleId: RULE,
          code: 'enrolment-prerequisites.document-late',
          subject,
          path: `${path}.documents.${document}`,
          expected: { completedBy: e.enrolledOn },
          found: { completedOn },
          params: { document, completedOn, enrolledOn: e.enrolledOn },
          source: settings.requiredDocuments.source,
        }),
      );
    }
  }
  const obligations = writtenContract(ctx, rec, findings);
  const peer = rec.peer;
  if (peer) {
    const eligible = new Set(settings.eligiblePopulations.value);
    const served = peer.populations.filter((p) => eligible.has(p));
    if (served.length === 0) {
      findings.push(
        makeFinding(ctx, {
          ruleId: RULE,
          code: 'enrolment-prerequisites.population-not-eligible',
          subject,
          path: `peers[${rec.peerIndex}].populations`,
          expected: { oneOf: [...eligible] },
          found: { populations: [...peer.populations] },
          params: {},
          source: settings.eligiblePopulations.source,
        }),
      );
    } else {
      const range = ageRangeOn(peer, e.enrolledOn);
      if (range === undefined) {
        findings.push(
          makeFinding(ctx, {
            ruleId: RULE,
            code: 'enrolment-prerequisites.age-unknown',
            subject,
            path: `peers[${rec.peerIndex}]`,
            expected: { ageKnown: true },
            found: { ageKnown: false },
            params: {},
            severity: 'info',
          }),
        );
      } else if (
        !served.some((p) => fits(p, range, settings.adultMinAge.value, settings.youthAgeRange.value))
      ) {
        const population = served[0] as TargetPopulation;
        const youth = population === 'transitional-age-youth';
        findings.push(
          makeFinding(ctx, {
            ruleId: RULE,
            code: 'enrolment-prerequisites.age-outside-range',
            subject,
            path: `peers[${rec.peerIndex}]`,
            expected: youth ? { ...settings.youthAgeRange.value } : { minAge: settings.adultMinAge.value },
            found: { ageInRange: false },
            params: { population },
            source: youth ? settings.youthAgeRange.source : settings.adultMinAge.source,
          }),
        );
      }
    }
  }
  return result(RULE, subject, findings, obligations, true);
}

/** The number YYYYMMDD of a `YYYY-MM-DD` text (ASCII digits and dashes only), else -1. */
function yyyymmdd(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

function fits(
  population: TargetPopulation,
  [lo, hi]: [number, number],
  adultMinAge: number,
  youth: { min: number; max: number },
): boolean {
  if (population === 'transitional-age-youth') return hi >= youth.min && lo <= youth.max;
  return hi >= adultMinAge;
}

/** The written coach-peer contract's obligation and findings (see {@link enrolmentPrerequisites}). */
function writtenContract(ctx: RuleContext, rec: EnrolmentRecords, findings: Finding[]): Obligation[] {
  const deadline = ctx.pack.rules[RULE].writtenContractDeadline;
  if (deadline === undefined) return [];
  const e = rec.enrolment;
  const subject = enrolmentSubject(e);
  const dueOn = dueAfterHolds(
    ctx,
    e,
    'first-action-plan',
    e.enrolledOn,
    firstPlanDueOn(e.enrolledOn, deadline.value),
  );
  const recorded = e.documents.coachPeerContract;
  const signedOn = recorded !== undefined && recorded <= ctx.asOfDate ? recorded : undefined;
  const path = `enrolments[${rec.index}].documents.coachPeerContract`;
  const { obligation } = catchUpObligation(
    ctx,
    { spec: CONTRACT, flag: 0, subject, dueOn },
    signedOn === undefined ? undefined : { signedOn, signedMs: dayEnd(ctx, signedOn) },
    e,
    findings,
    {
      late: (daysLate, contract) => ({
        code: 'enrolment-prerequisites.contract-late',
        path,
        expected: { signedBy: dueOn },
        found: { signedOn: contract.signedOn, daysLate },
        params: { dueOn, signedOn: contract.signedOn, daysLate },
        source: deadline.source,
      }),
      overdue: (daysLate) => ({
        code: 'enrolment-prerequisites.contract-missing',
        path,
        expected: { signedBy: dueOn },
        found: { signed: false, daysLate },
        params: { dueOn, daysLate },
        source: deadline.source,
      }),
    },
  );
  return [obligation];
}

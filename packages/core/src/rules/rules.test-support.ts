/**
 * Helpers for the rule tests: evaluate schema-valid test data and pick one rule's result. Test-only, not exported
 * from the package index.
 *
 * @module
 */
import { fc } from '@fast-check/vitest';
import type { Coach, ProgramData } from '../model/domain';
import { parseProgramData } from '../model/parse';
import { builtInPacks, derivePack, srpRecoveryConnect } from '../packs/builtin';
import type { RuleId, RulePack } from '../packs/schema';
import type { SourceRef } from '../packs/sources';
import { generateProgramData } from '../synthetic/index';
import { coach } from '../testing/builders';
import type { AsOf } from './context';
import {
  type CoachEvaluation,
  type EnrolmentEvaluation,
  evaluateCoach,
  evaluateEnrollment,
} from './evaluate';
import type { MessageCatalogue } from './messages';
import type { Finding, Obligation, RuleResult } from './result';

/**
 * Options of the evaluation helpers: the pack (default Recovery Connect) and replacement messages.
 *
 * @example
 * const options: EvalOptions = { pack: prssServiceDefinition };
 */
export interface EvalOptions {
  readonly pack?: RulePack;
  readonly messages?: MessageCatalogue;
}

function checked(data: ProgramData): ProgramData {
  const parsed = parseProgramData(data);
  if (!parsed.success) throw new Error(`test data is not valid: ${JSON.stringify(parsed.issues)}`);
  return parsed.data;
}

/**
 * Evaluates one enrolment of schema-valid test data (throws when the data or the evaluation is not valid).
 *
 * @example
 * const ev = evalEnrolment(programData({ enrolments: [enrolment({ enrolledOn: '2026-01-31' })] }), '2026-03-01');
 */
export function evalEnrolment(
  data: ProgramData,
  asOf: AsOf,
  options: EvalOptions & { readonly enrolmentId?: string } = {},
): EnrolmentEvaluation {
  const r = evaluateEnrollment(checked(data), options.enrolmentId ?? 'enr-1', {
    asOf,
    pack: options.pack ?? srpRecoveryConnect,
    ...(options.messages === undefined ? {} : { messages: options.messages }),
  });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

/**
 * Evaluates one coach of schema-valid test data (throws when the data or the evaluation is not valid).
 *
 * @example
 * const ev = evalCoach(programData(), '2026-03-01');
 */
export function evalCoach(
  data: ProgramData,
  asOf: AsOf,
  options: EvalOptions & { readonly coachId?: string } = {},
): CoachEvaluation {
  const r = evaluateCoach(checked(data), options.coachId ?? 'coach-1', {
    asOf,
    pack: options.pack ?? srpRecoveryConnect,
    ...(options.messages === undefined ? {} : { messages: options.messages }),
  });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

/**
 * The result of one rule in an evaluation (throws when the rule did not run).
 *
 * @example
 * ruleResult(ev, 'first-action-plan').status; // 'pending'
 */
export function ruleResult(ev: { readonly results: readonly RuleResult[] }, ruleId: RuleId): RuleResult {
  const r = ev.results.find((x) => x.ruleId === ruleId);
  if (!r) throw new Error(`rule ${ruleId} did not run`);
  return r;
}

/**
 * One rule's result for an enrolment.
 *
 * @example
 * enrolmentRule(data, 'documentation', '2026-03-01').status;
 */
export function enrolmentRule(
  data: ProgramData,
  ruleId: RuleId,
  asOf: AsOf,
  options: EvalOptions & { readonly enrolmentId?: string } = {},
): RuleResult {
  return ruleResult(evalEnrolment(data, asOf, options), ruleId);
}

/**
 * One rule's result for a coach.
 *
 * @example
 * coachRule(data, 'coach-eligibility', '2026-03-01').facts;
 */
export function coachRule(
  data: ProgramData,
  ruleId: RuleId,
  asOf: AsOf,
  options: EvalOptions & { readonly coachId?: string } = {},
): RuleResult {
  return ruleResult(evalCoach(data, asOf, options), ruleId);
}

/**
 * The obligation with an id (throws when absent).
 *
 * @example
 * obligationOf(result, 'first-action-plan').status;
 */
export function obligationOf(r: { readonly obligations: readonly Obligation[] }, id: string): Obligation {
  const o = r.obligations.find((x) => x.id === id);
  if (!o) throw new Error(`no obligation ${id}: ${r.obligations.map((x) => x.id).join(', ')}`);
  return o;
}

/**
 * The codes of a result's findings, in order.
 *
 * @example
 * codesOf(result); // ['documentation.progress-note-missing']
 */
export function codesOf(r: { readonly findings: readonly Finding[] }): string[] {
  return r.findings.map((f) => f.code);
}

/**
 * A source reference for packs derived in tests.
 *
 * @example
 * packWith('reply-timeliness', { businessDays: { value: 2, source: TEST_SOURCE } });
 */
export const TEST_SOURCE: SourceRef = { document: 'test-pack', section: 'test', quote: 'test' };

/**
 * The Recovery Connect pack with one rule's settings changed (parameters given as plain values get the test source).
 *
 * @example
 * const pack = packWith('reply-timeliness', { severity: 'error' });
 */
export function packWith<K extends RuleId>(
  ruleId: K,
  changes: Partial<RulePack['rules'][K]>,
  base: RulePack = srpRecoveryConnect,
): RulePack {
  return derivePack(base, { id: `test-${ruleId}` }, { [ruleId]: changes } as Parameters<
    typeof derivePack
  >[2]);
}

/**
 * Every built-in pack, and Recovery Connect with every optional requirement of coach eligibility on (so that more
 * contacts find a coach not eligible and every dated comparison is exercised): the packs the fast-path and
 * lazy-result properties run over.
 *
 * @example
 * test.prop([arbData, fc.constantFrom(...EVERY_PACK), arbDay])('...', (data, pack, day) => { ... });
 */
export const EVERY_PACK: readonly RulePack[] = [
  ...Object.values(builtInPacks),
  derivePack(
    srpRecoveryConnect,
    { id: 'every-requirement' },
    {
      'coach-eligibility': {
        recoveryReattestMonths: { value: 12, source: TEST_SOURCE },
        livedExperienceRequired: { value: true, source: TEST_SOURCE },
        personalViewsRequired: { value: true, source: TEST_SOURCE },
      },
    },
  ),
];

/**
 * fast-check parameters for a property: `numRuns` runs, cut short after 4 s so that a loaded machine does not reach
 * the test timeout (the runs done still count).
 *
 * @example
 * test.prop([arbData], runs(60))('...', (data) => { ... });
 */
export const runs = (numRuns: number) => ({ numRuns, interruptAfterTimeLimit: 4_000 });

/**
 * The arbitraries of a property over synthetic programs: a generator seed, a number of peers (2 to 12), a pack of
 * {@link EVERY_PACK} and the evaluation day `asOf` draws; the program is {@link syntheticProgram} of the first two.
 *
 * @example
 * test.prop(syntheticCase(arbDay), runs(12))('...', (seed, peers, pack, asOf) => { ... });
 */
export function syntheticCase<A>(
  asOf: fc.Arbitrary<A>,
): [fc.Arbitrary<number>, fc.Arbitrary<number>, fc.Arbitrary<RulePack>, fc.Arbitrary<A>] {
  return [
    fc.integer({ min: 1, max: 10_000 }),
    fc.integer({ min: 2, max: 12 }),
    fc.constantFrom(...EVERY_PACK),
    asOf,
  ];
}

/**
 * The synthetic program of a {@link syntheticCase}: `peers` peers from `seed`, three years from 2024-01-01 (late
 * replies, missed months, overdue plans, coaches not eligible, reassignments).
 *
 * @example
 * syntheticProgram(7, 4).enrolments.length; // 4
 */
export const syntheticProgram = (seed: number, peers: number): ProgramData =>
  generateProgramData({ peers, seed, start: '2024-01-01', years: 3 });

/**
 * `coach-2`, active from 2025-01-15, on notice from 2026-07-01 and withdrawn on 2026-07-15: a coach who leaves
 * mid-month, whose peers then await reassignment.
 *
 * @example
 * programData({ coaches: [coach(), leavingCoach()] });
 */
export const leavingCoach = (): Coach =>
  coach({
    id: 'coach-2',
    statusHistory: [
      { status: 'active', from: '2025-01-15' },
      { status: 'on-notice', from: '2026-07-01', writtenNoticeOn: '2026-07-01' },
      { status: 'withdrawn', from: '2026-07-15' },
    ],
  });

/**
 * The fast paths of the evaluation against the readable reference computations they replace, over generated
 * programs (every built-in pack, and a pack with every optional coach requirement on), at random evaluation times:
 * identical results, finding for finding and obligation for obligation.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { daysBetween, endOfLocalDay, toLocalDate } from '../calendar/index';
import { fromDayNumber, toDayNumber } from '../calendar/localDate';
import type { ProgramData } from '../model/domain';
import { srpRecoveryConnect } from '../packs/builtin';
import type { RulePack } from '../packs/schema';
import { arbProgramData } from '../testing/arbitraries';
import { programData } from '../testing/builders';
import { coachAssignment, ineligibility, ineligibilityOn } from './coach-assignment/index';
import {
  compileMessage,
  createContext,
  indexProgram,
  isoOf,
  makeObligation,
  type ObligationInput,
  obligationStatus,
  type RuleContext,
  renderCompiled,
} from './context';
import { DEFAULT_MESSAGES, renderMessage } from './messages';
import type { Obligation, ObligationStatus } from './result';
import { EVERY_PACK, runs } from './rules.test-support';

const arbData = arbProgramData({ maxEnrolments: 4, maxCoaches: 3, maxPeers: 4 });
const arbDay = fc.integer({ min: toDayNumber('2018-06-01'), max: toDayNumber('2029-06-30') });

function contextOf(data: ProgramData, pack: RulePack, asOf: number): RuleContext {
  const ctx = createContext(indexProgram(data), pack, { asOf: fromDayNumber(asOf) });
  if (!ctx.success) throw new Error(JSON.stringify(ctx.issues));
  return ctx.data;
}

describe('coach eligibility on a contact day: the per-coach timeline equals the rule evaluated on that day', () => {
  test.prop([arbData, fc.constantFrom(...EVERY_PACK), arbDay], runs(60))(
    'coach-assignment gives the same result with the timeline and with the reference',
    (data, pack, asOf) => {
      const ctx = contextOf(data, pack, asOf);
      for (const rec of ctx.index.enrolments.values())
        expect(coachAssignment(ctx, rec)).toEqual(
          coachAssignment(ctx, rec, (c, coachId, _n, day) => ineligibilityOn(c, coachId, day)),
        );
    },
  );

  test.prop(
    [arbData, fc.constantFrom(...EVERY_PACK), arbDay, fc.array(arbDay, { minLength: 1, maxLength: 40 })],
    runs(60),
  )('for every coach and any days, in any order', (data, pack, asOf, days) => {
    const ctx = contextOf(data, pack, asOf);
    const coachIds = [...ctx.index.coaches.keys(), 'no-such-coach'];
    for (const day of days)
      for (const coachId of coachIds) {
        const on = fromDayNumber(day);
        expect(ineligibility(ctx, coachId, day, on)).toEqual(ineligibilityOn(ctx, coachId, on));
      }
  });

  test.prop([arbData, fc.constantFrom(...EVERY_PACK), arbDay], runs(40))(
    'on every day around each date of the coach record',
    (data, pack, asOf) => {
      const ctx = contextOf(data, pack, asOf);
      for (const [coachId, coach] of ctx.index.coaches) {
        const dates = JSON.stringify(coach.record).match(/\d{4}-\d{2}-\d{2}/g) ?? [];
        for (const date of dates)
          for (let d = toDayNumber(date) - 2; d <= toDayNumber(date) + 2; d++) {
            const on = fromDayNumber(d);
            expect(ineligibility(ctx, coachId, d, on)).toEqual(ineligibilityOn(ctx, coachId, on));
          }
      }
    },
  );
});

describe('messages: a template compiled once renders as the reference renderMessage', () => {
  const piece = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('{', '}', '{}', '{{', '}}', '{a}', '{b_2}', '{dueOn}', '{constructor}', '{x y}', '{é}'),
  );
  const arbTemplate = fc.oneof(
    fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')),
    fc.constantFrom(...Object.values(DEFAULT_MESSAGES)),
  );
  const arbParams = fc.dictionary(
    fc.constantFrom('a', 'b_2', 'dueOn', 'month', 'count', 'x', 'constructor', 'é'),
    fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.double(), fc.boolean()),
  );
  test.prop([arbTemplate, arbParams], runs(300))(
    'the same string for any template and params',
    (template, params) => {
      expect(renderCompiled(compileMessage(template), params)).toBe(renderMessage(template, params));
    },
  );
});

describe('ISO instants joined from memoised pieces equal Date#toISOString', () => {
  const ctx = contextOf(programData(), srpRecoveryConnect, toDayNumber('2026-01-01'));
  test.prop(
    [
      fc.oneof(
        fc.integer({ min: -8.64e15, max: 8.64e15 }),
        fc.integer({ min: -62_167_219_200_001, max: -62_167_219_100_000 }),
        fc.integer({ min: 253_402_300_700_000, max: 253_402_300_800_000 }),
        fc.integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.double({ min: -1e13, max: 1e13, noNaN: true }),
      ),
    ],
    runs(500),
  )('for any epoch milliseconds, in any order', (ms) => {
    expect(isoOf(ctx, ms)).toBe(new Date(ms).toISOString());
  });
});

describe('obligations made from positional arguments, with day ends memoised, equal the reference', () => {
  /** The obligation as the rules defined it before the fast path: every instant and text computed afresh. */
  function reference(ctx: RuleContext, input: ObligationInput): Obligation {
    const dueAtMs = input.dueAtMs ?? endOfLocalDay(input.dueOn, ctx.timeZone);
    const status = input.status ?? obligationStatus(ctx, dueAtMs, input.metAtMs, input.kind);
    const metAt = status === 'met' && input.metAtMs !== undefined ? input.metAtMs : undefined;
    const late = (atMs: number) => Math.max(1, daysBetween(input.dueOn, toLocalDate(atMs, ctx.timeZone)));
    let lateByDays: number | undefined;
    if (metAt !== undefined && metAt > dueAtMs) lateByDays = late(metAt);
    else if (status === 'overdue' || (status === 'missed' && input.kind === 'catch-up'))
      lateByDays = late(Math.min(ctx.asOfMs, input.lateUntilMs ?? ctx.asOfMs));
    return {
      id: input.id,
      ruleId: input.ruleId,
      subject: input.subject,
      label: input.label,
      dueOn: input.dueOn,
      dueAt: new Date(dueAtMs).toISOString(),
      status,
      ...(input.key === undefined ? {} : { key: input.key }),
      ...(metAt === undefined ? {} : { metAt: new Date(metAt).toISOString() }),
      ...(lateByDays === undefined ? {} : { lateByDays }),
      ...(input.required === undefined ? {} : { required: input.required }),
      ...(input.count === undefined ? {} : { count: input.count }),
    };
  }
  const arbMs = (days: fc.Arbitrary<number>) =>
    fc.tuple(days, fc.integer({ min: -1, max: 86_400_000 })).map(([d, ms]) => d * 86_400_000 + ms);
  const nearDay = fc.integer({ min: toDayNumber('2026-01-01'), max: toDayNumber('2026-12-31') });
  const arbInput = fc.record(
    {
      id: fc.constantFrom('a', 'b'),
      key: fc.constant({ month: '2026-03' }),
      ruleId: fc.constantFrom('in-person-contact', 'reply-timeliness', 'first-action-plan') as fc.Arbitrary<
        ObligationInput['ruleId']
      >,
      subject: fc.constant({ type: 'enrolment', id: 'enr-1' } as const),
      label: fc.constant('label'),
      dueOn: nearDay.map(fromDayNumber),
      dueAtMs: arbMs(nearDay),
      metAtMs: arbMs(nearDay),
      kind: fc.constantFrom('window', 'catch-up') as fc.Arbitrary<'window' | 'catch-up'>,
      required: fc.nat(3),
      count: fc.nat(3),
      status: fc.constantFrom(
        'not-applicable',
        'missed',
        'met',
        'open',
        'overdue',
        'due-soon',
      ) as fc.Arbitrary<ObligationStatus>,
      lateUntilMs: arbMs(nearDay),
    },
    { requiredKeys: ['id', 'ruleId', 'subject', 'label', 'dueOn', 'kind'] },
  );
  const ZONES = ['America/Los_Angeles', 'Europe/London', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];
  test.prop(
    [fc.constantFrom(...ZONES), nearDay, fc.array(arbInput, { minLength: 1, maxLength: 30 })],
    runs(200),
  )('for any input, in one evaluation, in any zone', (timeZone, asOf, inputs) => {
    const data = programData();
    const ctx = contextOf({ ...data, program: { ...data.program, timeZone } }, srpRecoveryConnect, asOf);
    for (const i of inputs) expect(makeObligation(ctx, i)).toStrictEqual(reference(ctx, i));
  });
});

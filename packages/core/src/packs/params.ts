import * as z from 'zod';
import { SourceRef } from './sources';

/**
 * How seriously a rule's failures are taken in a program: `off` (not evaluated), `warning` or `error`.
 *
 * @example
 * RuleSeverity.parse('warning');
 */
export const RuleSeverity = z.enum(['off', 'warning', 'error']);
/** Rule severity set by a pack (see {@link RuleSeverity}). */
export type RuleSeverity = z.infer<typeof RuleSeverity>;

/**
 * A rule parameter: its value and the source it is quoted from.
 *
 * @example
 * const minGoals = param(z.int().min(1));
 * minGoals.parse({ value: 3, source: { document: 'srp-guidelines', section: 'item 2', quote: 'at least three goals' } });
 */
export function param<T extends z.ZodType>(value: T) {
  return z.strictObject({ value, source: SourceRef });
}

/**
 * A yes/no rule parameter with its source.
 *
 * @example
 * Bool.parse({ value: true, source: { document: 'program-choice', section: 'Interview', quote: '' } });
 */
export const Bool = param(z.boolean());
/**
 * A whole-number rule parameter from 0 to `max`, with its source.
 *
 * @example
 * Count(30).parse({ value: 1, source: { document: 'program-choice', section: 'Reply', quote: '' } });
 */
export const Count = (max: number) => param(z.int().min(0).max(max));

/**
 * A first-plan deadline: a number of days after enrolment, or calendar months (date-fns `addMonths`, so one calendar
 * month after 31 January is the last day of February).
 *
 * @example
 * PlanDeadline.parse({ unit: 'days', amount: 30 });
 */
export const PlanDeadline = z.discriminatedUnion('unit', [
  z.strictObject({ unit: z.literal('days'), amount: z.int().min(1).max(366) }),
  z.strictObject({ unit: z.literal('calendar-months'), amount: z.int().min(1).max(12) }),
]);
/** A first-plan deadline (see {@link PlanDeadline}). */
export type PlanDeadline = z.infer<typeof PlanDeadline>;

/**
 * What every rule's settings start with: its severity and the source of that severity.
 *
 * @example
 * z.strictObject({ ...ruleBase, withinDays: Count(90) });
 */
export const ruleBase = { severity: RuleSeverity, source: SourceRef };

/**
 * The settings of a rule a pack does not set (packs written before the rule existed): off.
 *
 * @example
 * NOT_SET.severity; // 'off'
 */
export const NOT_SET = {
  severity: 'off' as const,
  source: { document: 'program-choice', section: 'Not set by this pack: off', quote: '' },
};

/**
 * A rule's changes in a pack derived from another (see `derivePack`): any of its settings, each replacing the base
 * pack's; an optional parameter given as `undefined` is removed.
 *
 * @example
 * const change: RuleOverride<{ severity: RuleSeverity }> = { severity: 'off' };
 */
export type RuleOverride<S> = { [P in keyof S]?: S[P] | undefined };

import { type DataIssue, dataIssue, type ParseResult } from '../model/issues';
import { parseWith } from '../model/parse';
import * as coachAssignment from '../rules/coach-assignment/packs';
import * as coachCommitment from '../rules/coach-commitment/packs';
import * as coachEligibility from '../rules/coach-eligibility/packs';
import * as crisisFollowUp from '../rules/crisis-follow-up/packs';
import * as documentation from '../rules/documentation/packs';
import * as enrolmentPrerequisites from '../rules/enrolment-prerequisites/packs';
import * as firstActionPlan from '../rules/first-action-plan/packs';
import * as inPersonContact from '../rules/in-person-contact/packs';
import * as peerDiscontinuation from '../rules/peer-discontinuation/packs';
import * as planRevision from '../rules/plan-revision/packs';
import * as replyTimeliness from '../rules/reply-timeliness/packs';
import * as serviceExclusions from '../rules/service-exclusions/packs';
import { choice } from './refs';
import { RulePack } from './schema';

/**
 * The rule pack of the Recovery Connect Peer Recovery Coaching Program guidelines (Solano Recovery Project): the most
 * concrete rule book. The first-plan deadline "within one month" is read as 30 days (the product's "30-day plan
 * deadline"); service exclusions come from the service definition, since the guidelines only say "non-clinical".
 *
 * @example
 * srpRecoveryConnect.rules['first-action-plan'].minGoals.value; // 3
 */
export const srpRecoveryConnect: RulePack = {
  id: 'srp-recovery-connect',
  name: 'Recovery Connect Peer Recovery Coaching Program (Solano Recovery Project)',
  description:
    'Rules of the Recovery Connect program guidelines: coach requirements, a signed action plan of three goals within one month, revised every three months, monthly in-person meetings, replies within one business day.',
  version: '1.0.0',
  dueSoonDays: {
    value: 7,
    source: choice('Days before a due date at which an obligation shows as due soon'),
  },
  holdsPause: {
    value: ['in-person-contact'],
    source: choice('Only the monthly meeting pauses; plans and replies keep their clocks'),
  },
  rules: {
    'coach-eligibility': coachEligibility.RECOVERY_CONNECT,
    'coach-commitment': coachCommitment.RECOVERY_CONNECT,
    'coach-assignment': coachAssignment.RECOVERY_CONNECT,
    'enrolment-prerequisites': enrolmentPrerequisites.RECOVERY_CONNECT,
    'first-action-plan': firstActionPlan.RECOVERY_CONNECT,
    'plan-revision': planRevision.RECOVERY_CONNECT,
    'in-person-contact': inPersonContact.RECOVERY_CONNECT,
    'crisis-follow-up': crisisFollowUp.RECOVERY_CONNECT,
    'reply-timeliness': replyTimeliness.RECOVERY_CONNECT,
    'service-exclusions': serviceExclusions.RECOVERY_CONNECT,
    documentation: documentation.RECOVERY_CONNECT,
    'peer-discontinuation': peerDiscontinuation.RECOVERY_CONNECT,
  },
};

/**
 * Returns a new pack: `base` with rule settings replaced where `changes` gives them (rule by rule, parameter by
 * parameter; an optional parameter given as `undefined` is removed). Pure: `base` is not modified.
 *
 * @example
 * const strict = derivePack(srpRecoveryConnect, { id: 'strict', name: 'Strict' }, {
 *   'reply-timeliness': { severity: 'error' },
 * });
 * strict.rules['reply-timeliness'].severity; // 'error'
 */
export function derivePack(
  base: RulePack,
  meta: Partial<Pick<RulePack, 'id' | 'name' | 'description' | 'version' | 'dueSoonDays' | 'holdsPause'>>,
  changes: {
    [K in keyof RulePack['rules']]?: {
      [P in keyof RulePack['rules'][K]]?: RulePack['rules'][K][P] | undefined;
    };
  },
): RulePack {
  const rules = { ...base.rules } as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    const merged: Record<string, unknown> = { ...(base.rules as Record<string, object>)[key], ...value };
    for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
    rules[key] = merged;
  }
  return { ...base, ...meta, rules: rules as RulePack['rules'] };
}

/**
 * The rule pack of the service definition "Recovery Support Services: Peer Recovery Support Coaching": plans updated
 * quarterly, service no less than monthly and primarily face-to-face, progress notes, the service exclusions. It
 * states no minimum recovery duration ("lived experience in recovery") and no first-plan deadline (30 days kept as a
 * program choice).
 *
 * @example
 * prssServiceDefinition.rules['coach-eligibility'].minRecoveryYears.value; // 0
 */
export const prssServiceDefinition: RulePack = derivePack(
  srpRecoveryConnect,
  {
    id: 'prss-service-definition',
    name: 'Peer Recovery Support Coaching service definition',
    description:
      'Rules of the state-style service definition: lived experience, plans updated quarterly, service no less than monthly, progress notes, and the service exclusions.',
  },
  {
    'coach-eligibility': coachEligibility.SERVICE_DEFINITION,
    'coach-commitment': coachCommitment.SERVICE_DEFINITION,
    'enrolment-prerequisites': enrolmentPrerequisites.SERVICE_DEFINITION,
    'first-action-plan': firstActionPlan.SERVICE_DEFINITION,
    'plan-revision': planRevision.SERVICE_DEFINITION,
    'in-person-contact': inPersonContact.SERVICE_DEFINITION,
    'reply-timeliness': replyTimeliness.SERVICE_DEFINITION,
    documentation: documentation.SERVICE_DEFINITION,
    'peer-discontinuation': peerDiscontinuation.SERVICE_DEFINITION,
  },
);

/**
 * An illustrative variant of the Recovery Connect pack, to show how packs vary: the action plan is reviewed every 6
 * months instead of 3, and initiation-stage peers meet in person twice a month for their first three months. These
 * two numbers are examples, not any state's rules (no public source is quoted for them); every other number is
 * Recovery Connect's. Formerly `pa-six-month-review`: {@link getBuiltInPack} still accepts that id.
 *
 * @example
 * illustrativeSixMonthReview.rules['plan-revision'].intervalMonths.value; // 6
 */
export const illustrativeSixMonthReview: RulePack = derivePack(
  srpRecoveryConnect,
  {
    id: 'illustrative-six-month-review',
    name: 'Recovery Connect with a six-month plan review (illustrative variant)',
    description:
      'An illustrative variant of the Recovery Connect rules: the action plan reviewed every 6 months, and two in-person meetings a month in the first three months. Both numbers are examples, not any state rule.',
  },
  {
    'plan-revision': planRevision.ILLUSTRATIVE,
    'in-person-contact': inPersonContact.ILLUSTRATIVE,
  },
);

/**
 * The illustrative six-month-review pack under its former name.
 *
 * @deprecated Use {@link illustrativeSixMonthReview}: its numbers are examples, not Pennsylvania's rules.
 * @example
 * pennsylvaniaSixMonthReview === illustrativeSixMonthReview; // true
 */
export const pennsylvaniaSixMonthReview: RulePack = illustrativeSixMonthReview;

/**
 * The built-in packs, by id.
 *
 * @example
 * Object.keys(builtInPacks); // ['srp-recovery-connect', 'prss-service-definition', 'illustrative-six-month-review']
 */
export const builtInPacks: Readonly<Record<string, RulePack>> = {
  [srpRecoveryConnect.id]: srpRecoveryConnect,
  [prssServiceDefinition.id]: prssServiceDefinition,
  [illustrativeSixMonthReview.id]: illustrativeSixMonthReview,
};

/**
 * Parses a rule pack (for example a program's own, read from a JSON file). Never throws; issues name the field.
 *
 * @example
 * const r = parseRulePack(JSON.parse(text));
 * if (r.success) evaluateProgram(data, { asOf: '2026-11-25', pack: r.data });
 */
export function parseRulePack(input: unknown): ParseResult<RulePack> {
  const r = parseWith(RulePack, input);
  if (!r.success) return r;
  const issues: DataIssue[] = [];
  const youth = r.data.rules['enrolment-prerequisites'].youthAgeRange.value;
  if (youth.max < youth.min)
    issues.push(
      dataIssue(
        'period-reversed',
        ['rules', 'enrolment-prerequisites', 'youthAgeRange', 'value'],
        'max is below min',
      ),
    );
  return issues.length === 0 ? r : { success: false, issues };
}

/** Former ids of built-in packs, still accepted by {@link getBuiltInPack}. */
const FORMER_IDS: Readonly<Record<string, string>> = {
  'pa-six-month-review': illustrativeSixMonthReview.id,
};

/**
 * Looks up a built-in pack by id (a former id, such as `pa-six-month-review`, gives the pack it became).
 *
 * @example
 * getBuiltInPack('illustrative-six-month-review')?.rules['plan-revision'].intervalMonths.value; // 6
 */
export function getBuiltInPack(id: string): RulePack | undefined {
  const key = Object.hasOwn(FORMER_IDS, id) ? FORMER_IDS[id]! : id;
  return Object.hasOwn(builtInPacks, key) ? builtInPacks[key] : undefined;
}

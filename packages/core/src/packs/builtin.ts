import { type DataIssue, dataIssue, type ParseResult } from '../model/issues';
import { parseWith } from '../model/parse';
import { RulePack } from './schema';
import type { SourceRef } from './sources';

const srp = (section: string, quote: string): SourceRef => ({ document: 'srp-guidelines', section, quote });
const prss = (section: string, quote: string): SourceRef => ({
  document: 'prss-service-definition',
  section,
  quote,
});
const choice = (section: string, quote = ''): SourceRef => ({ document: 'program-choice', section, quote });

const MENTOR = 'Peer-Mentor Responsibilities';
const EXCLUSIONS = prss('Service Exclusions', 'should NOT occur');

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
    'coach-eligibility': {
      severity: 'error',
      source: srp(
        'Participation Requirements, item 1',
        'complete all required training, interviews, and background checks',
      ),
      minRecoveryYears: { value: 2, source: srp('Program description', 'min 2 years') },
      recoveryReattestMonths: {
        value: 0,
        source: choice(
          'Re-attestation interval for "maintain their personal recovery" (item 1): none set, off',
        ),
      },
      personalProgramRequired: {
        value: true,
        source: srp('Program description', 'have a personal program of their own'),
      },
      requiredTrainings: {
        value: ['core-training'],
        source: srp('Participation Requirements, item 1', 'complete all required training'),
      },
      interviewRequired: { value: true, source: srp('Participation Requirements, item 1', 'interviews') },
      backgroundCheckRequired: {
        value: true,
        source: srp('Participation Requirements, item 1', 'background checks'),
      },
      requiredAgreements: {
        value: ['volunteer', 'mentorship', 'guidelines'],
        source: srp('Participation Requirements, item 1', 'agree to provide mentorship services'),
      },
      personalViewsRequired: {
        value: true,
        source: srp(`${MENTOR}, item 5`, 'acknowledges that any views ... are personal'),
      },
    },
    'coach-commitment': {
      severity: 'error',
      source: srp(`${MENTOR}, item 8`, 'commitment is for a year'),
      termMonths: { value: 12, source: srp(`${MENTOR}, item 8`, 'commitment is for a year') },
      writtenNoticeRequired: {
        value: true,
        source: srp(`${MENTOR}, item 8`, 'promptly notify ... in writing'),
      },
      boundaryViolationRemoves: {
        value: true,
        source: srp(`${MENTOR}, item 6`, 'an emotional or sexual relationship'),
      },
      guidelinesBreachRemoves: {
        value: true,
        source: srp(`${MENTOR}, item 7`, 'Failure to adhere to these guidelines will result in'),
      },
      extensionNeedsPeerAgreement: { value: true, source: srp(`${MENTOR}, item 8`, 'if agreeable to Peer') },
    },
    'coach-assignment': {
      severity: 'error',
      source: prss('Service activities', 'the mutual relationship (one on one relationship)'),
      eligibleOnContactDay: {
        value: true,
        source: srp(
          'Participation Requirements, item 1',
          'complete all required training, interviews, and background checks',
        ),
      },
      lifeExperienceMatch: {
        value: false,
        source: choice(
          'Off by default: the program description says coaches "have life experiences similar"',
        ),
      },
    },
    'enrolment-prerequisites': {
      severity: 'error',
      source: srp(
        'Participation Requirements, item 2',
        'complete all required applications, assessments, and confidentiality forms',
      ),
      requiredDocuments: {
        value: ['guidelinesAgreement', 'application', 'assessments', 'confidentialityForms'],
        source: srp('Participation Requirements, item 2', 'understand and agree to the program guidelines'),
      },
      writtenContractDeadline: {
        value: { unit: 'days', amount: 30 },
        source: srp(`${MENTOR}, item 2`, 'written contracts and Action Plans ... within one month'),
      },
      eligiblePopulations: {
        value: ['adult-substance-use-disorder', 'adult-self-identified', 'transitional-age-youth'],
        source: prss('Target Population', 'adults who self-identify ... transitional aged youth'),
      },
      adultMinAge: {
        value: 18,
        source: choice('Age at which a peer counts as an adult (the service definition says "Adults")'),
      },
      youthAgeRange: {
        value: { min: 16, max: 25 },
        source: choice('Ages of the service definition\'s "transitional aged youth", which it does not give'),
      },
    },
    'first-action-plan': {
      severity: 'error',
      source: srp(`${MENTOR}, item 2`, 'signed by the Peer within one month'),
      minGoals: { value: 3, source: srp(`${MENTOR}, item 2`, 'at least three goals/objectives') },
      deadline: {
        value: { unit: 'days', amount: 30 },
        source: srp(`${MENTOR}, item 2`, 'within one month of entering program'),
      },
    },
    'plan-revision': {
      severity: 'error',
      source: srp(`${MENTOR}, item 2`, 'revised every three months'),
      intervalMonths: { value: 3, source: srp(`${MENTOR}, item 2`, 'revised every three months') },
      minGoals: { value: 3, source: srp(`${MENTOR}, item 2`, 'at least three goals/objectives') },
    },
    'in-person-contact': {
      severity: 'error',
      source: srp(`${MENTOR}, item 3`, 'In-person meeting with Peer at least once a month'),
      minPerMonthByStage: {
        value: { initiation: 1, stabilization: 1, maintenance: 1 },
        source: srp(`${MENTOR}, item 3`, 'at least once a month'),
      },
      startPeriod: {
        value: { months: 0, minPerMonth: 1 },
        source: choice('None added: item 3 says "more frequent in the beginning" but gives no number'),
      },
      minActiveDaysInMonth: {
        value: 14,
        source: choice(
          'Active days that make a partial month (first, last, or with a hold) count as a month',
        ),
      },
    },
    'crisis-follow-up': {
      severity: 'warning',
      source: srp(`${MENTOR}, item 3`, 'more frequent in the beginning or if necessary'),
      withinDays: {
        value: 7,
        source: choice('Days to contact the peer after a recorded lapse or crisis (item 3: "if necessary")'),
      },
    },
    'reply-timeliness': {
      severity: 'warning',
      source: srp(`${MENTOR}, item 4`, 'preferably within one business day'),
      businessDays: { value: 1, source: srp(`${MENTOR}, item 4`, 'within one business day') },
    },
    'service-exclusions': {
      severity: 'error',
      source: EXCLUSIONS,
      excluded: {
        value: ['clinical-counseling', 'clinical-treatment', 'drug-testing', 'diagnosis', 'giving-advice'],
        source: prss('Service Exclusions', 'drug testing should be avoided'),
      },
      excludedAlso: {
        value: ['trauma-processing'],
        source: {
          document: 'what-is-recovery-coaching',
          section: 'Recovery coaching and therapy',
          quote: 'do not address the past, do not address trauma',
        },
      },
      requirePermission: {
        value: ['advocacy', 'doing-for-peer'],
        source: prss('Service Requirements', 'may give permission ... to perform an activity for them'),
      },
    },
    documentation: {
      severity: 'warning',
      source: srp('Program description', 'documentation regarding progression'),
      progressNotePerContact: {
        value: true,
        source: prss('Documentation Requirements', 'and progress notes'),
      },
    },
    'peer-discontinuation': {
      severity: 'error',
      source: srp('Peer Responsibilities, item 4', 'services will be discontinued'),
      continuityReferralRequired: {
        value: true,
        source: srp('Peer Responsibilities, item 4', 'to ensure continuity of services and support'),
      },
      referralSourceNoticeRequired: {
        value: true,
        source: srp('Peer Responsibilities, item 4', "provided to Peer's referral source as applicable"),
      },
    },
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
    'coach-eligibility': {
      source: prss('Staffing Requirements', 'lived experience in recovery'),
      minRecoveryYears: { value: 0, source: prss('Staffing Requirements', 'lived experience in recovery') },
      personalProgramRequired: { value: false, source: choice('Not required by the service definition') },
      requiredTrainings: {
        value: ['core-training'],
        source: prss('Staffing Requirements', 'core competencies'),
      },
      interviewRequired: { value: false, source: choice('Not required by the service definition') },
      backgroundCheckRequired: { value: false, source: choice('Not required by the service definition') },
      requiredAgreements: { value: [], source: choice('Not required by the service definition') },
      personalViewsRequired: { value: false, source: choice('Not required by the service definition') },
      livedExperienceRequired: {
        value: true,
        source: prss('Staffing Requirements', 'Providers should have lived experience in recovery'),
      },
    },
    'coach-commitment': {
      termMonths: { value: 0, source: choice('No commitment term: the service definition sets none') },
    },
    'enrolment-prerequisites': {
      source: prss(
        'Target Population',
        'Adults with serious mental illness and/or a chronic substance use disorder',
      ),
      requiredDocuments: {
        value: [],
        source: choice('No enrolment documents named by the service definition'),
      },
      writtenContractDeadline: undefined,
      eligiblePopulations: {
        value: [
          'adult-serious-mental-illness',
          'adult-substance-use-disorder',
          'adult-self-identified',
          'transitional-age-youth',
        ],
        source: prss('Target Population', 'transitional aged youth'),
      },
    },
    'first-action-plan': {
      source: prss('Documentation Requirements', 'Individualized Recovery/Wellness Plans'),
      deadline: { value: { unit: 'days', amount: 30 }, source: choice('First-plan deadline (30 days)') },
      minGoals: { value: 1, source: choice('The service definition sets no minimum number of goals') },
    },
    'plan-revision': {
      source: prss('Documentation Requirements', 'updated quarterly'),
      intervalMonths: { value: 3, source: prss('Documentation Requirements', 'updated quarterly') },
      minGoals: { value: 1, source: choice('The service definition sets no minimum number of goals') },
    },
    'in-person-contact': {
      source: prss('Recommended Duration', 'no less than monthly'),
      minPerMonthByStage: {
        value: { initiation: 1, stabilization: 1, maintenance: 1 },
        source: prss('Recommended Duration', 'no less than monthly'),
      },
      startPeriod: {
        value: { months: 0, minPerMonth: 1 },
        source: prss('Recommended Duration', 'depends on where the person is in their stage of recovery'),
      },
      countedModes: {
        value: ['in-person', 'phone', 'video', 'text', 'email', 'social-media'],
        source: prss('Service Requirements', 'secondarily by telephone, or via social media'),
      },
      faceToFaceMinShare: {
        value: 0.5,
        source: choice('At least half in person, for "primarily face-to-face" (Service Requirements)'),
      },
    },
    'reply-timeliness': {
      severity: 'off',
      source: choice('The service definition sets no reply time'),
    },
    documentation: {
      severity: 'error',
      source: prss('Documentation Requirements', 'and progress notes'),
    },
    'peer-discontinuation': {
      severity: 'off',
      source: choice('The service definition has no discontinuation procedure'),
    },
  },
);

const example = (section: string, quote: string): SourceRef => ({
  document: 'illustrative-example',
  section,
  quote,
});

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
    'plan-revision': {
      source: example('Plan review interval (example)', 'every 6 months'),
      intervalMonths: { value: 6, source: example('Plan review interval (example)', 'every 6 months') },
    },
    'in-person-contact': {
      startPeriod: {
        value: { months: 3, minPerMonth: 2 },
        source: example('Start period (example)', 'two meetings a month for the first three months'),
      },
    },
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

import type { ExpectedOutcome } from '../model/vocabulary';

/**
 * The ten SAMHSA National Outcome Measures (NOMs) domains, one code each.
 *
 * @example
 * NOMS_DOMAINS.includes('social-connectedness'); // true
 */
export const NOMS_DOMAINS = [
  'reduced-morbidity',
  'employment-education',
  'crime-criminal-justice',
  'stability-in-housing',
  'social-connectedness',
  'access-capacity',
  'retention',
  'perception-of-care',
  'cost-effectiveness',
  'evidence-based-practices',
] as const;

/**
 * A SAMHSA NOMs domain code (see {@link NOMS_DOMAINS}).
 *
 * @example
 * const d: NomsDomain = 'reduced-morbidity';
 */
export type NomsDomain = (typeof NOMS_DOMAINS)[number];

/**
 * A short label for each NOMs domain, for reports.
 *
 * @example
 * NOMS_DOMAIN_LABELS['reduced-morbidity']; // 'Reduced morbidity (abstinence or reduced use)'
 */
export const NOMS_DOMAIN_LABELS: Readonly<Record<NomsDomain, string>> = Object.freeze({
  'reduced-morbidity': 'Reduced morbidity (abstinence or reduced use)',
  'employment-education': 'Employment and education',
  'crime-criminal-justice': 'Crime and criminal justice',
  'stability-in-housing': 'Stability in housing',
  'social-connectedness': 'Social connectedness',
  'access-capacity': 'Access and capacity',
  retention: 'Retention',
  'perception-of-care': 'Perception of care',
  'cost-effectiveness': 'Cost-effectiveness',
  'evidence-based-practices': 'Use of evidence-based practices',
});

/**
 * One row of {@link EXPECTED_OUTCOME_INFO}: a neutral short label, the NOMs domain the outcome is counted under,
 * how direct that fit is, and why it was chosen.
 *
 * - `fit: 'direct'`: the outcome is what the NOMs domain measures.
 * - `fit: 'closest'`: NOMs has no domain for it; the domain named is the nearest one, and a program may choose
 *   another by building its own table.
 *
 * @example
 * const row: ExpectedOutcomeInfo = EXPECTED_OUTCOME_INFO['stability-in-housing'];
 * row.nomsDomain; // 'stability-in-housing'
 */
export interface ExpectedOutcomeInfo {
  /** The expected outcome code. */
  readonly outcome: ExpectedOutcome;
  /** A neutral short label, written for this project. */
  readonly label: string;
  /** The NOMs domain the outcome is counted under. */
  readonly nomsDomain: NomsDomain;
  /** Whether the NOMs domain measures this outcome directly or is only the nearest domain. */
  readonly fit: 'direct' | 'closest';
  /** Why this domain was chosen, in one sentence. */
  readonly rationale: string;
}

const WELLBEING =
  'NOMs has no domain for personal well-being; it is counted under reduced morbidity, the NOMs domain for health and functioning.';

function row(
  outcome: ExpectedOutcome,
  label: string,
  nomsDomain: NomsDomain,
  fit: 'direct' | 'closest',
  rationale: string,
): ExpectedOutcomeInfo {
  return Object.freeze({ outcome, label, nomsDomain, fit, rationale });
}

/**
 * The 18 expected outcomes of the service definition ("Recovery Support Services: Peer Recovery Support Coaching",
 * Expected Outcomes), each with a neutral short label and the SAMHSA NOMs domain it is counted under, with the
 * reason for each choice. Three NOMs domains (perception of care, cost-effectiveness, evidence-based practices)
 * describe services, not people, so no expected outcome maps to them.
 *
 * @example
 * EXPECTED_OUTCOME_INFO['re-engagement-after-lapse'].nomsDomain; // 'retention'
 * EXPECTED_OUTCOME_INFO['relationships'].label; // 'Relationships repaired or developed'
 */
export const EXPECTED_OUTCOME_INFO: Readonly<Record<ExpectedOutcome, ExpectedOutcomeInfo>> = Object.freeze({
  'basic-needs': row(
    'basic-needs',
    'Meets basic needs more independently',
    'stability-in-housing',
    'closest',
    'Housing is the only NOMs domain about basic living conditions; food, income and transport have none.',
  ),
  'recovery-capital': row(
    'recovery-capital',
    'More personal recovery capital',
    'reduced-morbidity',
    'closest',
    'NOMs has no recovery-capital domain; personal recovery capital is measured because it goes with sustained remission (BARC-10).',
  ),
  'coping-skills': row(
    'coping-skills',
    'Better coping skills',
    'reduced-morbidity',
    'closest',
    `Coping skills serve to avoid a return to use; ${WELLBEING}`,
  ),
  're-engagement-after-lapse': row(
    're-engagement-after-lapse',
    'Quick re-engagement after a lapse',
    'retention',
    'direct',
    'Re-engaging a person in treatment or recovery support after a lapse keeps them in services: retention.',
  ),
  'reduced-substance-use': row(
    'reduced-substance-use',
    'Less or no substance use',
    'reduced-morbidity',
    'direct',
    'Abstinence or reduced use is what the reduced-morbidity domain measures.',
  ),
  'education-employment': row(
    'education-employment',
    'More education or employment',
    'employment-education',
    'direct',
    'Same domain.',
  ),
  'criminal-justice': row(
    'criminal-justice',
    'Less criminal justice involvement',
    'crime-criminal-justice',
    'direct',
    'Same domain.',
  ),
  'quality-of-life': row(
    'quality-of-life',
    'Better quality of life',
    'reduced-morbidity',
    'closest',
    `Health-related quality of life (e.g. CDC HRQOL-4) is a health measure; ${WELLBEING}`,
  ),
  'purpose-and-meaning': row(
    'purpose-and-meaning',
    'Sense of purpose and meaning',
    'reduced-morbidity',
    'closest',
    WELLBEING,
  ),
  'social-comfort': row(
    'social-comfort',
    'More comfort in social settings',
    'social-connectedness',
    'direct',
    'Comfort in social settings is part of social connectedness.',
  ),
  relationships: row(
    'relationships',
    'Relationships repaired or developed',
    'social-connectedness',
    'direct',
    'Family and friends who support recovery are what social connectedness counts.',
  ),
  empowerment: row('empowerment', 'Empowerment', 'reduced-morbidity', 'closest', WELLBEING),
  optimism: row('optimism', 'Optimism that recovery is possible', 'reduced-morbidity', 'closest', WELLBEING),
  'reduced-isolation': row(
    'reduced-isolation',
    'Less isolation',
    'social-connectedness',
    'direct',
    'Isolation is the absence of social connectedness.',
  ),
  'community-participation': row(
    'community-participation',
    'More community participation',
    'social-connectedness',
    'direct',
    'Participation in community activities, natural supports and family is social connectedness.',
  ),
  'self-efficacy': row('self-efficacy', 'More self-efficacy', 'reduced-morbidity', 'closest', WELLBEING),
  'stability-in-housing': row(
    'stability-in-housing',
    'Stable housing',
    'stability-in-housing',
    'direct',
    'Same domain.',
  ),
  'resources-to-sustain-recovery': row(
    'resources-to-sustain-recovery',
    'More resources to sustain recovery',
    'access-capacity',
    'closest',
    'Linking a person to services and community resources is about access to services: access/capacity.',
  ),
});

/**
 * The NOMs domain an expected outcome is counted under (see {@link EXPECTED_OUTCOME_INFO}); `undefined` for a
 * value that is not an expected-outcome code (never throws).
 *
 * @example
 * nomsDomainOf('stability-in-housing'); // 'stability-in-housing'
 * nomsDomainOf('reduced-isolation'); // 'social-connectedness'
 */
export function nomsDomainOf(outcome: ExpectedOutcome): NomsDomain | undefined {
  if (typeof outcome !== 'string' || !Object.hasOwn(EXPECTED_OUTCOME_INFO, outcome)) return undefined;
  return EXPECTED_OUTCOME_INFO[outcome].nomsDomain;
}

import type { ExpectedOutcome, Gender, ReferralSourceKind } from '../model/vocabulary';
import type { Random } from './random';

const words = (text: string): readonly string[] => text.split(' ');

/**
 * Built-in word lists of the synthetic generator: common given and family names, plain-language goals tagged with
 * expected outcomes, short progress notes and fictional organisations. All invented for test data; any likeness to
 * a real person is chance.
 *
 * @example
 * GIVEN_NAMES_FEMALE.length > 10; // true
 */
export const GIVEN_NAMES_FEMALE: readonly string[] = words(
  'Maria Jennifer Linda Patricia Elizabeth Susan Jessica Sarah Karen Lisa Nancy Ashley Emily Michelle Angela Rosa Keisha Mei Priya Ana Denise Tanya Gloria Brenda',
);

/**
 * Common male given names (see {@link GIVEN_NAMES_FEMALE}).
 *
 * @example
 * GIVEN_NAMES_MALE.includes('James'); // true
 */
export const GIVEN_NAMES_MALE: readonly string[] = words(
  'James Robert John Michael David William Richard Joseph Thomas Carlos Daniel Anthony Marcus Kevin Jose Luis Brian Andre Terrence Wei Raymond Darnell Victor Steven',
);

/**
 * Given names used by people of any gender (see {@link GIVEN_NAMES_FEMALE}).
 *
 * @example
 * GIVEN_NAMES_ANY.includes('Alex'); // true
 */
export const GIVEN_NAMES_ANY: readonly string[] = words(
  'Alex Jordan Taylor Casey Riley Jamie Morgan Sam Robin Quinn',
);

/**
 * Common family names (see {@link GIVEN_NAMES_FEMALE}).
 *
 * @example
 * FAMILY_NAMES.includes('Garcia'); // true
 */
export const FAMILY_NAMES: readonly string[] = words(
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores',
);

/**
 * Draws a name that goes with `gender`: a given name from the matching list (from any list for another or an
 * unknown gender), then a family name.
 *
 * @example
 * const { given, family } = drawName(createRandom(1), 'female');
 */
export function drawName(r: Random, gender: Gender): { given: string; family: string } {
  const given = r.pick(
    gender === 'female' ? GIVEN_NAMES_FEMALE : gender === 'male' ? GIVEN_NAMES_MALE : GIVEN_NAMES_ANY,
  );
  return { given, family: r.pick(FAMILY_NAMES) };
}

/**
 * Plain-language goals in a peer's own words, each tagged with the expected outcome it serves (two per outcome).
 *
 * @example
 * GOAL_TEMPLATES.find((g) => g.outcome === 'stability-in-housing')?.description; // 'Find a stable place to live'
 */
export const GOAL_TEMPLATES: readonly { readonly outcome: ExpectedOutcome; readonly description: string }[] =
  [
    { outcome: 'basic-needs', description: 'Get my state ID card renewed' },
    { outcome: 'basic-needs', description: 'Sign up for food assistance' },
    { outcome: 'recovery-capital', description: 'Make a list of people I can call when things get hard' },
    { outcome: 'recovery-capital', description: 'Find a recovery meeting I like going to' },
    { outcome: 'coping-skills', description: 'Use one calming skill when cravings hit' },
    { outcome: 'coping-skills', description: 'Write down what sets off my cravings and what helps' },
    { outcome: 're-engagement-after-lapse', description: 'Have a plan for what to do if I slip' },
    {
      outcome: 're-engagement-after-lapse',
      description: 'Go back to my outpatient group after missing weeks',
    },
    { outcome: 'reduced-substance-use', description: 'Use on fewer days each week than last month' },
    { outcome: 'reduced-substance-use', description: 'Stay sober through the holidays' },
    { outcome: 'education-employment', description: 'Apply for two jobs each week' },
    { outcome: 'education-employment', description: 'Start a GED class' },
    { outcome: 'criminal-justice', description: 'Keep all my probation appointments' },
    { outcome: 'criminal-justice', description: 'Set up a payment plan for my court fines' },
    { outcome: 'quality-of-life', description: 'Sleep at least seven hours most nights' },
    { outcome: 'quality-of-life', description: 'Walk in the park three times a week' },
    { outcome: 'purpose-and-meaning', description: 'Volunteer at the food bank once a month' },
    { outcome: 'purpose-and-meaning', description: 'Take up drawing again' },
    { outcome: 'social-comfort', description: 'Stay for a whole community event without leaving early' },
    { outcome: 'social-comfort', description: 'Speak up once at a meeting' },
    { outcome: 'relationships', description: 'Call my sister every Sunday' },
    { outcome: 'relationships', description: 'Show up on time for every visit with my kids' },
    { outcome: 'empowerment', description: 'Speak for myself at my next benefits appointment' },
    { outcome: 'empowerment', description: 'Make my own doctor appointments' },
    { outcome: 'optimism', description: 'Write down one good thing each day' },
    { outcome: 'optimism', description: 'Ask someone with years in recovery how they got there' },
    { outcome: 'reduced-isolation', description: 'Have coffee with a friend once a week' },
    { outcome: 'reduced-isolation', description: 'Join a sober softball team' },
    { outcome: 'community-participation', description: 'Help at a neighborhood clean-up' },
    { outcome: 'community-participation', description: 'Go to a family dinner at the recovery center' },
    { outcome: 'self-efficacy', description: 'Set a monthly budget and stick to it' },
    { outcome: 'self-efficacy', description: 'Finish a short online course I pick myself' },
    { outcome: 'stability-in-housing', description: 'Find a stable place to live' },
    { outcome: 'stability-in-housing', description: 'Pay rent on time for three months in a row' },
    { outcome: 'resources-to-sustain-recovery', description: 'Find a sponsor or recovery mentor' },
    { outcome: 'resources-to-sustain-recovery', description: 'Sign up for health insurance' },
  ];

/**
 * Short progress notes in plain language (invented).
 *
 * @example
 * PROGRESS_NOTES.length > 3; // true
 */
export const PROGRESS_NOTES: readonly string[] = [
  'Met for coffee. Talked about the week and the job search. Feeling hopeful.',
  'Went over the plan together. One goal done, picked a new one.',
  'Hard week. Talked through what helped last time. Will call Thursday.',
  'Went with them to the benefits office. Paperwork is in.',
  'Went to a mutual-aid meeting together for the first time.',
  'Checked in by phone. Doing okay, busy with work.',
  'Talked about family visits and how to keep them calm.',
  'Looked at housing listings together and made two calls.',
];

/**
 * Fictional organisations that refer peers into the program.
 *
 * @example
 * SYNTHETIC_ORGANIZATIONS.some((o) => o.kind === 'hospital'); // true
 */
export const SYNTHETIC_ORGANIZATIONS: readonly {
  readonly id: string;
  readonly kind: ReferralSourceKind;
  readonly name: string;
}[] = [
  { id: 'org-alder-valley-hospital', kind: 'hospital', name: 'Alder Valley Hospital' },
  { id: 'org-quarry-bay-medical-center', kind: 'hospital', name: 'Quarry Bay Medical Center' },
  {
    id: 'org-alder-valley-ed',
    kind: 'emergency-department',
    name: 'Alder Valley Hospital Emergency Department',
  },
  {
    id: 'org-lakeshore-county-ed',
    kind: 'emergency-department',
    name: 'Lakeshore County Emergency Department',
  },
  { id: 'org-new-path-treatment', kind: 'treatment-program', name: 'New Path Treatment Center' },
  { id: 'org-willow-house-recovery', kind: 'treatment-program', name: 'Willow House Residential Recovery' },
  { id: 'org-county-probation', kind: 'criminal-justice', name: 'County Adult Probation' },
  { id: 'org-county-drug-court', kind: 'criminal-justice', name: 'County Treatment Court' },
  {
    id: 'org-family-resource-center',
    kind: 'community-organization',
    name: 'Eastside Family Resource Center',
  },
  { id: 'org-harbor-community-services', kind: 'community-organization', name: 'Harbor Community Services' },
  { id: 'org-faith-outreach', kind: 'other', name: 'Interfaith Street Outreach' },
];

/**
 * Made-up National Provider Identifiers with valid check digits.
 *
 * @example
 * SYNTHETIC_NPIS[0]; // '1234567893'
 */
export const SYNTHETIC_NPIS: readonly string[] = ['1234567893', '1245319599', '1003000126'];

/**
 * Street names for made-up postal addresses.
 *
 * @example
 * SYNTHETIC_STREETS.includes('Main St'); // true
 */
export const SYNTHETIC_STREETS: readonly string[] = ['Main St', 'Oak Avenue', 'Harbor Road', 'Elm Court'];

/**
 * City names for made-up postal addresses.
 *
 * @example
 * SYNTHETIC_CITIES.includes('Springfield'); // true
 */
export const SYNTHETIC_CITIES: readonly string[] = ['Fairfield', 'Springfield', 'Riverside', 'Salem'];

/**
 * Names of made-up peer support programs.
 *
 * @example
 * SYNTHETIC_PROGRAM_NAMES.includes('Peer Bridges'); // true
 */
export const SYNTHETIC_PROGRAM_NAMES: readonly string[] = [
  'Recovery Connect',
  'Peer Bridges',
  'Second Wind Coaching',
  'Pathways Peer Support',
];

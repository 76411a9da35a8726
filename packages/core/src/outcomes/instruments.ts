import type { InstrumentDefinition } from './instrument';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * BARC-10, the Brief Assessment of Recovery Capital (Vilsaint et al., Drug and Alcohol Dependence
 * 2017;177:71-76): ten items `'1'`..`'10'` in the published order, each answered 1 (strongly disagree) to
 * 6 (strongly agree), none reverse-scored. The total is the sum, 10-60, and exists only when all ten items are
 * answered (the paper gives no missing-data rule). There are no validated subscales, so none are computed. The flag
 * `atOrAboveThreshold` is set when the total is at or above `sustainedRemissionThreshold` (default 47, the total the
 * paper associated with sustained remission; change it with {@link withThresholds}).
 *
 * Item labels are neutral (`'BARC-10 item 1'` ...): the published wording is not reproduced here. A program with
 * a licence for the wording adds it with {@link withItemText}.
 *
 * @example
 * barc10Instrument.items.length; // 10
 * barc10Instrument.thresholds[0]?.value; // 47
 */
export const barc10Instrument: InstrumentDefinition = deepFreeze({
  id: 'barc-10',
  version: '1.0.0',
  abbreviation: 'BARC-10',
  title: 'Brief Assessment of Recovery Capital (BARC-10)',
  citation:
    'Vilsaint CL, Kelly JF, Bergman BG, Groshkova T, Best D, White W. Development and validation of a Brief ' +
    'Assessment of Recovery Capital (BARC-10) for alcohol and drug use disorder. Drug and Alcohol Dependence. ' +
    '2017;177:71-76.',
  license:
    'Licence terms differ between sources (listed as free to use by PhenX; described elsewhere as CC BY-NC-ND). ' +
    'This definition carries neutral item labels only; obtain the item wording from the rights holder or the ' +
    'published paper and add it with withItemText.',
  items: Array.from({ length: 10 }, (_, i) => ({
    id: String(i + 1),
    label: `BARC-10 item ${i + 1}`,
    min: 1,
    max: 6,
    answerLabels: [
      { value: 1, label: 'Strongly disagree' },
      { value: 6, label: 'Strongly agree' },
    ],
  })),
  scoring: { kind: 'sum' },
  thresholds: [
    {
      id: 'sustainedRemissionThreshold',
      flag: 'atOrAboveThreshold',
      of: 'total',
      comparison: 'at-or-above',
      value: 47,
      note: 'A total of 47 or more was associated with sustained remission (Vilsaint et al. 2017).',
    },
  ],
  notes: [
    'Total = sum of the ten answers, 10-60. No reverse-scored items.',
    'No total when any item is missing: the paper gives no rule for missing answers.',
    'No subscales: only the total is validated.',
    'Answers coded 0-5 are rejected (zero-based-scale): BARC-10 is scored 1-6.',
  ],
} satisfies InstrumentDefinition);

/**
 * CDC HRQOL-4, the Healthy Days core module (public domain). Items: `'1'` self-rated general health, 1 (excellent)
 * to 5 (poor); `'2'` physically unhealthy days, `'3'` mentally unhealthy days and `'4'` activity-limitation days in
 * the past 30 days, each 0-30. The total is the summary unhealthy days, `min(30, item 2 + item 3)`, and needs items
 * 2 and 3. Items 1 and 4 are optional: when one is blank the summary is still computed, its flags are left out and
 * it is listed in `missingOptionalItems` (item 4 is routinely skipped when items 2 and 3 are both 0).
 *
 * Flags (CDC's common derived measures): `fairOrPoorHealth` (item 1 >= 4), `frequentPhysicalDistress` (item 2 >= 14)
 * and `frequentMentalDistress` (item 3 >= 14).
 *
 * @example
 * hrqol4Instrument.items.map((i) => i.id); // ['1', '2', '3', '4']
 */
export const hrqol4Instrument: InstrumentDefinition = deepFreeze({
  id: 'hrqol-4',
  version: '1.0.0',
  abbreviation: 'HRQOL-4',
  title: 'CDC Health-Related Quality of Life core module (HRQOL-4, Healthy Days)',
  citation:
    'Centers for Disease Control and Prevention. Measuring Healthy Days: Population Assessment of Health-Related ' +
    'Quality of Life. Atlanta, GA: CDC; 2000.',
  license: 'Public domain (US federal government work).',
  items: [
    {
      id: '1',
      label: 'Self-rated general health',
      min: 1,
      max: 5,
      optional: true,
      answerLabels: [
        { value: 1, label: 'Excellent' },
        { value: 2, label: 'Very good' },
        { value: 3, label: 'Good' },
        { value: 4, label: 'Fair' },
        { value: 5, label: 'Poor' },
      ],
    },
    { id: '2', label: 'Physically unhealthy days (past 30 days)', min: 0, max: 30, unit: 'days' },
    { id: '3', label: 'Mentally unhealthy days (past 30 days)', min: 0, max: 30, unit: 'days' },
    {
      id: '4',
      label: 'Activity-limitation days (past 30 days)',
      min: 0,
      max: 30,
      unit: 'days',
      optional: true,
    },
  ],
  scoring: { kind: 'sum', items: ['2', '3'], cap: 30 },
  thresholds: [
    {
      id: 'fairOrPoorHealthFrom',
      flag: 'fairOrPoorHealth',
      of: { item: '1' },
      comparison: 'at-or-above',
      value: 4,
      note: 'Self-rated health fair (4) or poor (5).',
    },
    {
      id: 'frequentPhysicalDistressDays',
      flag: 'frequentPhysicalDistress',
      of: { item: '2' },
      comparison: 'at-or-above',
      value: 14,
      note: '14 or more physically unhealthy days in the past 30.',
    },
    {
      id: 'frequentMentalDistressDays',
      flag: 'frequentMentalDistress',
      of: { item: '3' },
      comparison: 'at-or-above',
      value: 14,
      note: '14 or more mentally unhealthy days in the past 30.',
    },
  ],
  notes: [
    'Total = summary unhealthy days = min(30, physically unhealthy days + mentally unhealthy days).',
    'Healthy days, when wanted, is 30 minus the total.',
    'Items 2 and 3 are needed for the total; a response missing either has no total.',
    'Items 1 and 4 are optional for the total; their flags are left out when they are blank.',
  ],
} satisfies InstrumentDefinition);

/**
 * The instruments built into this library: BARC-10 and CDC HRQOL-4. MIRC-28 is deliberately absent (its
 * reverse-scoring key could not be confirmed from the published supplement).
 *
 * @example
 * builtInInstruments.map((i) => i.id); // ['barc-10', 'hrqol-4']
 */
export const builtInInstruments: readonly InstrumentDefinition[] = Object.freeze([
  barc10Instrument,
  hrqol4Instrument,
]);

/**
 * Finds an instrument by id: first among `extra` (a program's own or changed definitions, which thereby replace a
 * built-in with the same id), then among {@link builtInInstruments}. `undefined` when none has that id.
 *
 * @example
 * instrumentById('barc-10')?.abbreviation; // 'BARC-10'
 * instrumentById('mirc-28'); // undefined
 * instrumentById('barc-10', [withThresholds(barc10Instrument, { sustainedRemissionThreshold: 50 })])
 *   ?.thresholds[0]?.value; // 50
 */
export function instrumentById(
  id: string,
  extra: readonly InstrumentDefinition[] = [],
): InstrumentDefinition | undefined {
  return extra.find((i) => i.id === id) ?? builtInInstruments.find((i) => i.id === id);
}

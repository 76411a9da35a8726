import type { Issue } from '../model/result';

/**
 * One item of an outcome instrument. `label` is neutral and written by this project (never the published item
 * wording); `text` is the licensed wording, present only when a program supplies it (see {@link withItemText}).
 * Answers are whole numbers from `min` to `max`. A `reverse` item is scored `min + max - answer`. An `optional`
 * item may be missing without taking the total away (its flags are then not reported); items named by the scoring
 * are always needed.
 *
 * @example
 * const item: InstrumentItem = { id: '1', label: 'BARC-10 item 1', min: 1, max: 6 };
 */
export interface InstrumentItem {
  /** Item id, the key of `Assessment.answers` (e.g. `'1'`). */
  readonly id: string;
  /** Neutral label written by this project. */
  readonly label: string;
  /** Lowest allowed answer (whole number). */
  readonly min: number;
  /** Highest allowed answer (whole number). */
  readonly max: number;
  /** Scored as `min + max - answer`. */
  readonly reverse?: boolean;
  /** May be missing without taking the total away. */
  readonly optional?: boolean;
  /** Unit of the answer, e.g. `days`. */
  readonly unit?: string;
  /** Labels of some answer values (e.g. the scale's end points), written by this project or public domain. */
  readonly answerLabels?: readonly { readonly value: number; readonly label: string }[];
  /** Licensed item wording supplied by a program ({@link withItemText}); absent in the built-in definitions. */
  readonly text?: string;
}

/**
 * How an instrument is scored.
 *
 * - `sum`: the total is the sum of the scored values (reverse items reversed) of `items` (all items when absent),
 *   capped at `cap` when given; each subscale is the sum of its items. Every summed item must be answered.
 * - `custom`: a program's own function. It receives the scored values of the answered items (all needed items are
 *   present, whole and in range) and returns the total and optional subscales. It should not throw; if it throws or
 *   returns something that is not a finite number, the response is reported `invalid` with `scoring-failed`.
 *
 * @example
 * const scoring: InstrumentScoring = { kind: 'sum', items: ['2', '3'], cap: 30 };
 */
export type InstrumentScoring =
  | {
      readonly kind: 'sum';
      readonly items?: readonly string[];
      readonly cap?: number;
      readonly subscales?: readonly {
        readonly id: string;
        readonly label: string;
        readonly items: readonly string[];
      }[];
    }
  | {
      readonly kind: 'custom';
      /** What the function computes, for people (shown in documentation and reports). */
      readonly description: string;
      /** Items the function needs; a response missing one of them is `incomplete`. */
      readonly requiredItems: readonly string[];
      readonly score: (scored: Readonly<Record<string, number>>) => {
        readonly total: number;
        readonly subscales?: Readonly<Record<string, number>>;
      };
    };

/**
 * A cut-off that sets a boolean flag on a scored response. `of` says what is compared: the total, a subscale, or
 * the raw answer to one item. When that value is not available (an optional item left blank), the flag is not
 * reported. `value` is the default; a program may change it ({@link withThresholds}, or the `thresholds` option of
 * {@link scoreAssessment}).
 *
 * @example
 * const t: InstrumentThreshold = {
 *   id: 'sustainedRemissionThreshold', flag: 'atOrAboveThreshold', of: 'total',
 *   comparison: 'at-or-above', value: 47, note: 'associated with sustained remission',
 * };
 */
export interface InstrumentThreshold {
  /** Stable id of the threshold (the key used to configure its value). */
  readonly id: string;
  /** Name of the flag reported in `flags`. */
  readonly flag: string;
  /** What is compared. */
  readonly of: 'total' | { readonly item: string } | { readonly subscale: string };
  /** `at-or-above`: flag when value >= threshold; `at-or-below`: flag when value <= threshold. */
  readonly comparison: 'at-or-above' | 'at-or-below';
  /** The cut-off. */
  readonly value: number;
  /** What the threshold means and where it comes from. */
  readonly note: string;
}

/**
 * An outcome instrument as data: identity, citation, licence note, items, scoring and thresholds. The built-ins are
 * {@link barc10Instrument} and {@link hrqol4Instrument}; a program registers its own by passing its definitions to
 * {@link instrumentById} and {@link summarizeOutcomes} (there is no global registry). Check a home-made definition
 * with {@link validateInstrumentDefinition}.
 *
 * @example
 * const mine: InstrumentDefinition = {
 *   id: 'my-scale', version: '1', abbreviation: 'MY-3', title: 'My three-item scale',
 *   citation: 'Internal', license: 'Program-owned',
 *   items: [1, 2, 3].map((n) => ({ id: String(n), label: `MY-3 item ${n}`, min: 0, max: 4 })),
 *   scoring: { kind: 'sum' }, thresholds: [],
 * };
 */
export interface InstrumentDefinition {
  /** Id used in `Assessment.instrument`, e.g. `barc-10`. */
  readonly id: string;
  /** Version of this definition (change it when items, scoring or thresholds change). */
  readonly version: string;
  /** Short name used in messages, e.g. `BARC-10`. */
  readonly abbreviation: string;
  /** Full title. */
  readonly title: string;
  /** Citation of the published instrument. */
  readonly citation: string;
  /** Licence note: what may be used, and what must come from the rights holder. */
  readonly license: string;
  /** Items in their published order. */
  readonly items: readonly InstrumentItem[];
  /** How the total (and any subscales) are computed. */
  readonly scoring: InstrumentScoring;
  /** Cut-offs reported as flags. */
  readonly thresholds: readonly InstrumentThreshold[];
  /** Scoring notes for people (missing-data rule, derived measures). */
  readonly notes?: readonly string[];
}

/**
 * The scored value of an answer: the answer itself, or `min + max - answer` for a reverse item. Reversing twice
 * gives the answer back.
 *
 * @example
 * reverseScore({ id: 'r', label: 'Item r', min: 1, max: 4, reverse: true }, 1); // 4
 * reverseScore({ id: 'p', label: 'Item p', min: 1, max: 4 }, 1); // 1
 */
export function reverseScore(item: InstrumentItem, answer: number): number {
  return item.reverse === true ? item.min + item.max - answer : answer;
}

/**
 * A copy of an instrument with licensed item wording added (`text` on each named item). Use it when your program
 * holds a licence for the wording (for example to build a FHIR Questionnaire); the built-in definitions carry
 * neutral labels only. Item ids that the instrument does not have are ignored; the input is not changed.
 *
 * @example
 * const licensed = withItemText(barc10Instrument, { '1': 'wording from your licensed copy' });
 * licensed.items[0]?.text; // 'wording from your licensed copy'
 * barc10Instrument.items[0]?.text; // undefined
 */
export function withItemText(
  instrument: InstrumentDefinition,
  texts: Readonly<Record<string, string>>,
): InstrumentDefinition {
  const items = instrument.items.map((item) => {
    const text = Object.hasOwn(texts, item.id) ? texts[item.id] : undefined;
    return typeof text === 'string' && text.length > 0 ? { ...item, text } : item;
  });
  return { ...instrument, items };
}

/**
 * A copy of an instrument with some threshold values changed, by threshold id (e.g. a program that uses 50
 * instead of 47 for BARC-10). Unknown ids and values that are not finite numbers are ignored; the input is not
 * changed.
 *
 * @example
 * const strict = withThresholds(barc10Instrument, { sustainedRemissionThreshold: 50 });
 * strict.thresholds[0]?.value; // 50
 */
export function withThresholds(
  instrument: InstrumentDefinition,
  values: Readonly<Record<string, number>>,
): InstrumentDefinition {
  const thresholds = instrument.thresholds.map((t) => {
    const v = Object.hasOwn(values, t.id) ? values[t.id] : undefined;
    return typeof v === 'number' && Number.isFinite(v) ? { ...t, value: v } : t;
  });
  return { ...instrument, thresholds };
}

/**
 * Every code an {@link InstrumentDefinitionIssue} can carry. Stable API: codes are never renamed, only added.
 *
 * @example
 * INSTRUMENT_DEFINITION_ISSUE_CODES.includes('duplicate-item'); // true
 */
export const INSTRUMENT_DEFINITION_ISSUE_CODES = [
  'no-items',
  'duplicate-item',
  'invalid-range',
  'unknown-item-reference',
  'duplicate-threshold',
  'invalid-threshold',
  'invalid-cap',
] as const;

/**
 * A problem in an instrument definition (see {@link validateInstrumentDefinition}): an {@link Issue} with a code of
 * {@link INSTRUMENT_DEFINITION_ISSUE_CODES}, the path in the definition, and severity `error` (the definition is
 * not usable).
 *
 * @example
 * const issue: InstrumentDefinitionIssue = {
 *   code: 'invalid-range', path: ['items', 0], severity: 'error',
 *   message: 'items[0]: min and max must be whole numbers, min < max',
 * };
 */
export type InstrumentDefinitionIssue = Issue<(typeof INSTRUMENT_DEFINITION_ISSUE_CODES)[number]>;

/**
 * Checks a (home-made) instrument definition: at least one item, unique item ids, whole-number ranges with
 * `min < max`, scoring and thresholds naming only known items and subscales, unique threshold ids, finite values.
 * Returns the problems found (empty when the definition is usable). Never throws.
 *
 * @example
 * validateInstrumentDefinition(barc10Instrument); // []
 * validateInstrumentDefinition({ ...barc10Instrument, items: [] }); // [{ code: 'no-items', ... }]
 */
export function validateInstrumentDefinition(instrument: InstrumentDefinition): InstrumentDefinitionIssue[] {
  const issues: InstrumentDefinitionIssue[] = [];
  const add = (code: InstrumentDefinitionIssue['code'], path: (string | number)[], text: string) => {
    const where = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
    issues.push({
      code,
      path,
      message: `${where.replace(/^\./, '') || '(root)'}: ${text}`,
      severity: 'error',
    });
  };
  const items = Array.isArray(instrument.items) ? instrument.items : [];
  if (items.length === 0) add('no-items', ['items'], 'must list at least one item');
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (ids.has(item.id)) add('duplicate-item', ['items', i, 'id'], 'repeats an earlier item id');
    ids.add(item.id);
    if (!Number.isInteger(item.min) || !Number.isInteger(item.max) || item.min >= item.max)
      add('invalid-range', ['items', i], 'min and max must be whole numbers with min < max');
  });
  const known = (id: string, path: (string | number)[]) => {
    if (!ids.has(id)) add('unknown-item-reference', path, 'names an item the instrument does not have');
  };
  const subscaleIds = new Set<string>();
  const scoring = instrument.scoring;
  if (scoring.kind === 'sum') {
    scoring.items?.forEach((id, i) => {
      known(id, ['scoring', 'items', i]);
    });
    if (scoring.cap !== undefined && !Number.isFinite(scoring.cap))
      add('invalid-cap', ['scoring', 'cap'], 'must be a finite number');
    scoring.subscales?.forEach((s, i) => {
      subscaleIds.add(s.id);
      s.items.forEach((id, j) => {
        known(id, ['scoring', 'subscales', i, 'items', j]);
      });
    });
  } else {
    scoring.requiredItems.forEach((id, i) => {
      known(id, ['scoring', 'requiredItems', i]);
    });
  }
  const thresholdIds = new Set<string>();
  instrument.thresholds.forEach((t, i) => {
    if (thresholdIds.has(t.id))
      add('duplicate-threshold', ['thresholds', i, 'id'], 'repeats an earlier threshold id');
    thresholdIds.add(t.id);
    if (!Number.isFinite(t.value))
      add('invalid-threshold', ['thresholds', i, 'value'], 'must be a finite number');
    if (typeof t.of === 'object' && 'item' in t.of) known(t.of.item, ['thresholds', i, 'of', 'item']);
    if (
      typeof t.of === 'object' &&
      'subscale' in t.of &&
      scoring.kind === 'sum' &&
      !subscaleIds.has(t.of.subscale)
    )
      add(
        'invalid-threshold',
        ['thresholds', i, 'of', 'subscale'],
        'names a subscale the scoring does not have',
      );
  });
  return issues;
}

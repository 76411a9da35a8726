import type { Assessment } from '../model/domain';
import { formatPath } from '../model/issues';
import type { Issue } from '../model/result';
import { type InstrumentDefinition, type InstrumentItem, reverseScore, withThresholds } from './instrument';
import { sumPlan } from './sum-plan';

/**
 * Every code an {@link InstrumentScoreIssue} can carry. Stable API: codes are never renamed, only added.
 *
 * - `wrong-instrument`: the assessment names another instrument than the one it is scored with.
 * - `invalid-answers`: the answers are not a record of item ids to numbers.
 * - `unknown-item`: an answer for an item the instrument does not have.
 * - `missing-item`: a needed item has no answer (absent or `null`).
 * - `not-integer`: an answer that is not a whole number.
 * - `out-of-range`: a whole-number answer outside the item's range.
 * - `zero-based-scale`: every answer is one below the scale (e.g. 0-5 for a 1-6 scale) with at least one 0: the
 *   data were very likely coded from 0. Reported once, instead of `out-of-range` for each 0.
 * - `scoring-failed`: a program's custom scoring function threw or returned no finite total.
 *
 * @example
 * INSTRUMENT_SCORE_ISSUE_CODES.includes('zero-based-scale'); // true
 */
export const INSTRUMENT_SCORE_ISSUE_CODES = [
  'wrong-instrument',
  'invalid-answers',
  'unknown-item',
  'missing-item',
  'not-integer',
  'out-of-range',
  'zero-based-scale',
  'scoring-failed',
] as const;

/**
 * A stable scoring issue code (see {@link INSTRUMENT_SCORE_ISSUE_CODES}).
 *
 * @example
 * const code: InstrumentScoreIssueCode = 'out-of-range';
 */
export type InstrumentScoreIssueCode = (typeof INSTRUMENT_SCORE_ISSUE_CODES)[number];

/**
 * A problem with one response: an {@link Issue} (stable `code`, the `path` in the assessment, e.g.
 * `['answers', '3']`, a message, severity `error`: the response does not score) with the path as text. Messages
 * name the item and the rule (e.g. "is outside 1-6"); they never repeat an answer.
 *
 * @example
 * const issue: InstrumentScoreIssue = {
 *   code: 'out-of-range', path: ['answers', '3'], pointer: 'answers.3', message: 'answers.3: is outside 1-6',
 *   severity: 'error',
 * };
 */
export interface InstrumentScoreIssue extends Issue<InstrumentScoreIssueCode> {
  /** The path written as `a.b`. */
  readonly pointer: string;
}

/**
 * The result of scoring one response.
 *
 * - `scored`: the `total`, any `subscales`, the threshold `flags` (a flag is absent when its value could not be
 *   computed, e.g. its optional item is blank), and the optional items left blank.
 * - `incomplete`: a needed item is missing and nothing else is wrong: no total. `missingItems` names them.
 * - `invalid`: something is wrong (out of range, 0-based, unknown item...): no total. `issues` lists everything,
 *   including `missing-item` issues.
 *
 * @example
 * const r: InstrumentScoreResult = scoreAssessment(assessment, barc10Instrument);
 * if (r.status === 'scored') console.log(r.total, r.flags.atOrAboveThreshold);
 */
export type InstrumentScoreResult =
  | {
      readonly status: 'scored';
      readonly instrumentId: string;
      readonly instrumentVersion: string;
      readonly total: number;
      readonly subscales?: Readonly<Record<string, number>>;
      readonly flags: Readonly<Record<string, boolean>>;
      readonly missingOptionalItems: readonly string[];
    }
  | {
      readonly status: 'incomplete';
      readonly instrumentId: string;
      readonly instrumentVersion: string;
      readonly missingItems: readonly string[];
      readonly issues: readonly InstrumentScoreIssue[];
    }
  | {
      readonly status: 'invalid';
      readonly instrumentId: string;
      readonly instrumentVersion: string;
      readonly issues: readonly InstrumentScoreIssue[];
    };

/**
 * Options of {@link scoreAssessment}.
 *
 * @example
 * const options: ScoreAssessmentOptions = { thresholds: { sustainedRemissionThreshold: 50 } };
 */
export interface ScoreAssessmentOptions {
  /** Threshold values by threshold id, replacing the instrument's defaults (see {@link withThresholds}). */
  readonly thresholds?: Readonly<Record<string, number>>;
}

const SAFE_KEY = /^[A-Za-z0-9.-]{1,32}$/;

function issue(
  code: InstrumentScoreIssueCode,
  path: (string | number)[],
  text: string,
): InstrumentScoreIssue {
  const pointer = formatPath(path);
  return { code, path, pointer, message: `${pointer}: ${text}`, severity: 'error' };
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return 'a number';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** The items whose answers the total needs (the rest are optional). */
function neededItems(instrument: InstrumentDefinition): Set<string> {
  const needed = new Set<string>();
  for (const item of instrument.items) if (item.optional !== true) needed.add(item.id);
  const s = instrument.scoring;
  if (s.kind === 'sum') {
    for (const id of s.items ?? instrument.items.map((i) => i.id)) needed.add(id);
    for (const sub of s.subscales ?? []) for (const id of sub.items) needed.add(id);
  } else {
    for (const id of s.requiredItems) needed.add(id);
  }
  return needed;
}

/** A uniform scale starting at 1 (every item has the same `min` = 1 and the same `max`), or null. */
function uniformOneBasedScale(items: readonly InstrumentItem[]): { min: number; max: number } | null {
  const first = items[0];
  if (first === undefined || first.min !== 1) return null;
  return items.every((i) => i.min === first.min && i.max === first.max)
    ? { min: first.min, max: first.max }
    : null;
}

/**
 * Scores one response to an instrument. Never throws, for any input: problems are returned as data with stable
 * codes and paths, and messages never repeat an answer.
 *
 * Rules, in order: the assessment must name this instrument (`wrong-instrument`); answers must be a record
 * (`invalid-answers`); every key must be an item (`unknown-item`); every answer must be a whole number
 * (`not-integer`) within the item's range (`out-of-range`), except that a response answered entirely one below a
 * 1-based scale with at least one 0 is reported once as `zero-based-scale`. Any of these makes the response
 * `invalid`. Otherwise a needed item left blank (absent or `null`) makes it `incomplete`, with the missing items
 * named: no total is ever computed from a partial response. Otherwise it is `scored`: reverse items are reversed,
 * the scoring is applied and each threshold sets its flag.
 *
 * @example
 * scoreAssessment(
 *   { instrument: 'barc-10', answers: { '1': 5, '2': 4, '3': 6, '4': 5, '5': 5, '6': 4, '7': 6, '8': 5, '9': 5, '10': 4 } },
 *   barc10Instrument,
 * );
 * // { status: 'scored', total: 49, flags: { atOrAboveThreshold: true }, ... }
 *
 * scoreAssessment({ instrument: 'barc-10', answers: { '1': 5, '2': null } }, barc10Instrument);
 * // { status: 'incomplete', missingItems: ['2', '3', '4', '5', '6', '7', '8', '9', '10'], ... }
 */
export function scoreAssessment(
  assessment: Pick<Assessment, 'instrument' | 'answers'>,
  instrument: InstrumentDefinition,
  options?: ScoreAssessmentOptions,
): InstrumentScoreResult {
  const p = prepareScoring(instrument, options);
  return scoreWith(assessment, p.def, p.itemsById, p.needed, p.scale);
}

/** What depends only on an instrument definition (and threshold options): worked out once per scorer. */
function prepareScoring(instrument: InstrumentDefinition, options: ScoreAssessmentOptions | undefined) {
  const def = options?.thresholds === undefined ? instrument : withThresholds(instrument, options.thresholds);
  return {
    def,
    itemsById: new Map(def.items.map((i) => [i.id, i])),
    needed: neededItems(def),
    scale: uniformOneBasedScale(def.items),
  };
}

/**
 * {@link scoreAssessment} for many responses to one instrument: what depends only on the definition (its items by
 * id, the items the total needs, its scale) is worked out once, and a complete response to a summed instrument with
 * every answer a whole number on its item's scale (nearly every row of a data set) is scored without the general
 * checks. The scorer returns exactly what `scoreAssessment(assessment, instrument, options)` returns (a property
 * test compares them). The definition must not change while the scorer is used.
 *
 * @example
 * const score = createInstrumentScorer(barc10Instrument);
 * const results = responses.map((r) => score(r)); // the same as responses.map((r) => scoreAssessment(r, barc10Instrument))
 */
export function createInstrumentScorer(
  instrument: InstrumentDefinition,
  options?: ScoreAssessmentOptions,
): (assessment: Pick<Assessment, 'instrument' | 'answers'>) => InstrumentScoreResult {
  const { def, itemsById, needed, scale } = prepareScoring(instrument, options);
  const fast = completeSumScorer(def);
  return (assessment) => fast?.(assessment) ?? scoreWith(assessment, def, itemsById, needed, scale);
}

/**
 * The scorer of complete, in-range responses to a summed instrument, or undefined when the definition has anything
 * the general path treats specially (a custom scoring function, repeated item ids, sums or thresholds naming what
 * the instrument does not have). The scorer returns undefined for any response it does not score: one that is not a
 * plain record naming this instrument, with answers other than exactly the items, each a whole number on its scale.
 * Sums are taken in the order of the general path, so totals are the same numbers.
 */
function completeSumScorer(
  def: InstrumentDefinition,
):
  | ((assessment: Pick<Assessment, 'instrument' | 'answers'>) => InstrumentScoreResult | undefined)
  | undefined {
  const plan = sumPlan(def);
  if (plan === undefined) return undefined;
  const { items, index, summed, subscales, thresholds, cap } = plan;
  const withSubscales = subscales.length > 0;
  const given = new Float64Array(items.length);
  const scored = new Float64Array(items.length);
  return (assessment) => {
    const input: unknown = assessment;
    if (!isPlainRecord(input) || input.instrument !== def.id) return undefined;
    const answers = input.answers;
    if (!isPlainRecord(answers)) return undefined;
    const keys = Object.keys(answers);
    if (keys.length !== items.length) return undefined;
    for (const key of keys) if (!index.has(key)) return undefined;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as InstrumentItem;
      const v = answers[item.id];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < item.min || v > item.max) return undefined;
      given[i] = v;
      scored[i] = reverseScore(item, v);
    }
    let sum = 0;
    for (const k of summed) sum += scored[k] as number;
    const total = cap === undefined ? sum : Math.min(cap, sum);
    let subs: Record<string, number> | undefined;
    if (withSubscales) {
      subs = {};
      for (const sub of subscales) {
        let t = 0;
        for (const k of sub.items) t += scored[k] as number;
        subs[sub.id] = t;
      }
    }
    const flags: Record<string, boolean> = {};
    for (const t of thresholds) {
      const v = t.of === -1 ? total : t.of === -2 ? subs?.[t.subscale] : given[t.of];
      if (v === undefined) continue;
      flags[t.flag] = t.above ? v >= t.value : v <= t.value;
    }
    return {
      status: 'scored',
      instrumentId: def.id,
      instrumentVersion: def.version,
      total,
      ...(subs === undefined ? {} : { subscales: subs }),
      flags,
      missingOptionalItems: [],
    };
  };
}

function scoreWith(
  assessment: Pick<Assessment, 'instrument' | 'answers'>,
  def: InstrumentDefinition,
  itemsById: ReadonlyMap<string, InstrumentItem>,
  needed: ReadonlySet<string>,
  scale: { min: number; max: number } | null,
): InstrumentScoreResult {
  const head = { instrumentId: def.id, instrumentVersion: def.version };
  const name = def.abbreviation;
  const input: unknown = assessment;
  if (!isPlainRecord(input)) {
    return {
      status: 'invalid',
      ...head,
      issues: [issue('invalid-answers', [], 'is not an assessment record')],
    };
  }
  const problems: InstrumentScoreIssue[] = [];
  if (input.instrument !== def.id) {
    problems.push(issue('wrong-instrument', ['instrument'], `names another instrument than ${name}`));
  }
  const answers = input.answers;
  if (!isPlainRecord(answers)) {
    problems.push(issue('invalid-answers', ['answers'], 'must be a record of item ids to numbers or null'));
    return { status: 'invalid', ...head, issues: problems };
  }

  for (const key of Object.keys(answers)) {
    if (!itemsById.has(key)) {
      const shown = SAFE_KEY.test(key) ? key : '?';
      problems.push(issue('unknown-item', ['answers', shown], `is not an item of ${name}`));
    }
  }

  const given = new Map<string, number>();
  const missing: string[] = [];
  const missingOptional: string[] = [];
  for (const item of def.items) {
    const value = Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
    if (value === undefined || value === null) {
      if (needed.has(item.id)) missing.push(item.id);
      else missingOptional.push(item.id);
    } else if (typeof value !== 'number' || !Number.isInteger(value)) {
      const what = typeof value === 'number' ? '' : ` (got ${typeName(value)})`;
      problems.push(issue('not-integer', ['answers', item.id], `must be a whole number${what}`));
    } else {
      given.set(item.id, value);
    }
  }

  const values = [...given.values()];
  const zeroBased =
    scale !== null &&
    values.some((v) => v === scale.min - 1) &&
    values.every((v) => v >= scale.min - 1 && v <= scale.max - 1);
  if (zeroBased && scale !== null) {
    problems.push(
      issue(
        'zero-based-scale',
        ['answers'],
        `answers look 0-based; ${name} is scored ${scale.min}-${scale.max}`,
      ),
    );
  } else {
    for (const item of def.items) {
      const v = given.get(item.id);
      if (v !== undefined && (v < item.min || v > item.max)) {
        problems.push(issue('out-of-range', ['answers', item.id], `is outside ${item.min}-${item.max}`));
      }
    }
  }

  const missingIssues = missing.map((id) =>
    issue('missing-item', ['answers', id], `is missing; ${name} has no total when this item is blank`),
  );
  if (problems.length > 0) return { status: 'invalid', ...head, issues: [...problems, ...missingIssues] };
  if (missing.length > 0)
    return { status: 'incomplete', ...head, missingItems: missing, issues: missingIssues };

  const scored: Record<string, number> = {};
  for (const item of def.items) {
    const v = given.get(item.id);
    if (v !== undefined) scored[item.id] = reverseScore(item, v);
  }

  let total: number;
  let subscales: Record<string, number> | undefined;
  const s = def.scoring;
  if (s.kind === 'sum') {
    const ids = s.items ?? def.items.map((i) => i.id);
    const sum = ids.reduce((acc, id) => acc + (scored[id] ?? 0), 0);
    total = s.cap === undefined ? sum : Math.min(s.cap, sum);
    if (s.subscales !== undefined && s.subscales.length > 0) {
      subscales = {};
      for (const sub of s.subscales)
        subscales[sub.id] = sub.items.reduce((acc, id) => acc + (scored[id] ?? 0), 0);
    }
  } else {
    let out: unknown;
    try {
      out = s.score(Object.freeze({ ...scored }));
    } catch {
      out = undefined;
    }
    const t = isPlainRecord(out) ? out.total : undefined;
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      return {
        status: 'invalid',
        ...head,
        issues: [issue('scoring-failed', [], `the scoring function of ${name} gave no total`)],
      };
    }
    total = t;
    const subs = isPlainRecord(out) ? out.subscales : undefined;
    if (isPlainRecord(subs)) {
      subscales = {};
      for (const [k, v] of Object.entries(subs))
        if (typeof v === 'number' && Number.isFinite(v)) subscales[k] = v;
    }
  }

  const flags: Record<string, boolean> = {};
  for (const t of def.thresholds) {
    let v: number | undefined;
    if (t.of === 'total') v = total;
    else if ('item' in t.of) v = given.get(t.of.item);
    else v = subscales?.[t.of.subscale];
    if (v === undefined) continue;
    flags[t.flag] = t.comparison === 'at-or-above' ? v >= t.value : v <= t.value;
  }

  return {
    status: 'scored',
    ...head,
    total,
    ...(subscales === undefined ? {} : { subscales }),
    flags,
    missingOptionalItems: missingOptional,
  };
}

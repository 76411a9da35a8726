import { isTimeZone, LocalDate } from '../model/primitives';
import { addMonths, parseDay } from './time';

/**
 * How tidy the generated records are. `good`: few late plans, few missed months, almost no excluded activities;
 * `mixed` (the default): what an ordinary program's records look like; `poor`: many late, missing and
 * questionable records. Every level stays schema-valid and consistent.
 *
 * @example
 * const q: SyntheticQuality = 'poor';
 */
export type SyntheticQuality = 'good' | 'mixed' | 'poor';

/**
 * Options of {@link generateProgramData}.
 *
 * - `peers`: how many peers (one enrolment each); a whole number from 0 to {@link SYNTHETIC_MAX_PEERS}.
 * - `seed`: any whole number; the same options always give the same data.
 * - `start`: the first day of the period (default `2025-01-01`, years 1900-2999); the period runs `years` years
 *   (default 2; fractions are rounded to whole months, at least one) and ends the day before `start + years`.
 * - `timeZone`: the program's IANA zone (default `America/Los_Angeles`).
 * - `coachesPerPeers`: coaches per peer (default 0.1, one coach per ten peers); at least 3 coaches, and never more
 *   coaches than peers beyond those 3.
 * - `quality`: see {@link SyntheticQuality} (default `mixed`).
 *
 * Options out of range are replaced by their default (or clamped, for `peers`): the generator never throws.
 *
 * @example
 * const options: SyntheticOptions = { peers: 200, seed: 7, start: '2026-01-01', years: 1, quality: 'good' };
 */
export interface SyntheticOptions {
  readonly peers: number;
  readonly seed: number;
  readonly start?: LocalDate | undefined;
  readonly years?: number | undefined;
  readonly timeZone?: string | undefined;
  readonly coachesPerPeers?: number | undefined;
  readonly quality?: SyntheticQuality | undefined;
}

/**
 * The defaults of {@link SyntheticOptions}.
 *
 * @example
 * SYNTHETIC_DEFAULTS.timeZone; // 'America/Los_Angeles'
 */
export const SYNTHETIC_DEFAULTS = {
  start: '2025-01-01',
  years: 2,
  timeZone: 'America/Los_Angeles',
  coachesPerPeers: 0.1,
  quality: 'mixed',
} as const satisfies Omit<Required<SyntheticOptions>, 'peers' | 'seed'>;

/**
 * The largest number of peers {@link generateProgramData} makes; larger requests are clamped to it.
 *
 * @example
 * Math.min(5_000_000, SYNTHETIC_MAX_PEERS); // 1000000
 */
export const SYNTHETIC_MAX_PEERS = 1_000_000;

/**
 * Options after defaults and range checks, with the period as day numbers (`first` and `last` inclusive).
 *
 * @example
 * const r: ResolvedOptions = resolveOptions({ peers: 1, seed: 1 });
 */
export interface ResolvedOptions {
  readonly peers: number;
  readonly seedLo: number;
  readonly seedHi: number;
  readonly first: number;
  readonly last: number;
  readonly timeZone: string;
  readonly coaches: number;
  readonly quality: SyntheticQuality;
}

const QUALITIES: readonly SyntheticQuality[] = ['good', 'mixed', 'poor'];

/**
 * Applies defaults and range checks to {@link SyntheticOptions}. Never throws.
 *
 * @example
 * resolveOptions({ peers: -3, seed: 1, timeZone: 'Mars/Olympus' }).timeZone; // 'America/Los_Angeles'
 */
export function resolveOptions(options: SyntheticOptions): ResolvedOptions {
  const rawPeers = Number(options.peers);
  const peers = Number.isFinite(rawPeers)
    ? Math.min(SYNTHETIC_MAX_PEERS, Math.max(0, Math.floor(rawPeers)))
    : 0;
  const rawSeed = Number(options.seed);
  const seed = Number.isFinite(rawSeed) ? Math.trunc(rawSeed) : 0;
  const seedLo = seed >>> 0;
  const seedHi = Math.floor(seed / 4294967296) >>> 0;
  const startText =
    typeof options.start === 'string' &&
    LocalDate.safeParse(options.start).success &&
    options.start >= '1900-01-01' &&
    options.start <= '2999-12-31'
      ? options.start
      : SYNTHETIC_DEFAULTS.start;
  const rawYears = Number(options.years ?? SYNTHETIC_DEFAULTS.years);
  const months =
    Number.isFinite(rawYears) && rawYears > 0
      ? Math.min(1200, Math.max(1, Math.round(rawYears * 12)))
      : SYNTHETIC_DEFAULTS.years * 12;
  const timeZone =
    typeof options.timeZone === 'string' && isTimeZone(options.timeZone)
      ? options.timeZone
      : SYNTHETIC_DEFAULTS.timeZone;
  const rawRatio = Number(options.coachesPerPeers ?? SYNTHETIC_DEFAULTS.coachesPerPeers);
  const ratio = Number.isFinite(rawRatio) && rawRatio > 0 ? rawRatio : SYNTHETIC_DEFAULTS.coachesPerPeers;
  const coaches = Math.max(3, Math.min(peers, Math.round(peers * ratio)));
  const quality = QUALITIES.includes(options.quality as SyntheticQuality)
    ? (options.quality as SyntheticQuality)
    : SYNTHETIC_DEFAULTS.quality;
  const first = parseDay(startText);
  const last = addMonths(first, months) - 1;
  return { peers, seedLo, seedHi, first, last, timeZone, coaches, quality };
}

import { addDays, daysBetween, endOfLocalDay, toEpoch, toLocalDate } from '../calendar/index';
import { daysFromCivil, fromDayNumber, toDayNumber } from '../calendar/localDate';
import { localDayNumber } from '../calendar/zone';
import type {
  Assessment,
  Coach,
  Consent,
  Contact,
  Enrolment,
  Message,
  Organization,
  Peer,
  PlanVersion,
  Program,
  ProgramData,
  Referral,
} from '../model/domain';
import type { DataIssue } from '../model/issues';
import type { Instant, LocalDate } from '../model/primitives';
import { ok, parseAsOf, type Result } from '../model/result';
import type { RuleId, RulePack } from '../packs/schema';
import type { SourceRef } from '../packs/sources';
import { DEFAULT_MESSAGES, type FindingCode, type MessageCatalogue } from './messages';
import type {
  Finding,
  FindingSeverity,
  JsonValue,
  Obligation,
  ObligationKey,
  ObligationStatus,
  Subject,
} from './result';

const DAY_MS = 86_400_000;

/** The records of one enrolment, with each record's index in the program document (for finding paths). */
export interface EnrolmentRecords {
  readonly enrolment: Enrolment;
  readonly index: number;
  readonly peer: Peer | undefined;
  /** The peer's position in the program's list of peers (-1 when the program holds no such peer). */
  readonly peerIndex: number;
  readonly plans: readonly Timed<PlanVersion>[];
  readonly contacts: readonly Timed<Contact>[];
  readonly messages: readonly Timed<Message>[];
  readonly referrals: readonly Indexed<Referral>[];
  readonly assessments: readonly Indexed<Assessment>[];
  readonly consents: readonly Indexed<Consent>[];
}

/** A record and its position in its list of the program document. */
export interface Indexed<T> {
  readonly record: T;
  readonly index: number;
}

/**
 * A dated record with its instants parsed once, when the program is indexed: `at` is the record's own instant in
 * epoch milliseconds (a contact's start, a message's receipt, a plan's peer signature; `NaN` when it has none),
 * `day` its local day number in the program's zone (days since 1970-01-01; `NaN` when it has none) and
 * `recordedMs` when it was recorded, if given.
 */
export interface Timed<T> extends Indexed<T> {
  readonly at: number;
  readonly day: number;
  readonly recordedMs: number | undefined;
}

/** True when a dated record happened and was recorded by the evaluation time. */
export function visible(ctx: RuleContext, item: Timed<unknown>): boolean {
  return item.at <= ctx.asOfMs && (item.recordedMs === undefined || item.recordedMs <= ctx.asOfMs);
}

/**
 * A program document indexed for evaluation: records grouped per enrolment (the unit of partitioning), coaches and
 * organisations by id. Build it once with {@link indexProgram} and pass it to many evaluations.
 *
 * @example
 * const index = indexProgram(data);
 * for (const e of data.enrolments) evaluateEnrollment(index, e.id, { asOf: '2026-11-25' });
 */
export interface ProgramIndex {
  readonly kind: 'program-index';
  readonly data: ProgramData;
  readonly enrolments: ReadonlyMap<string, EnrolmentRecords>;
  readonly coaches: ReadonlyMap<string, Indexed<Coach>>;
  readonly organizations: ReadonlyMap<string, Organization>;
}

export { indexProgram } from './builder';

/**
 * When an evaluation is made: an ISO instant with offset, epoch milliseconds, or a calendar date (meaning the end of
 * that day in the program's time zone). Checked by {@link parseAsOf}; any other value is an `invalid-as-of` issue.
 *
 * @example
 * const a: AsOf = '2026-11-25';
 */
export type AsOf = Instant | LocalDate | number;

/** Options of every evaluation. */
export interface EvaluationOptions {
  /** The moment of evaluation. Only what was recorded by then is used. */
  readonly asOf: AsOf;
  /** The rule pack; defaults to the built-in pack named by `program.rulePack`. */
  readonly pack?: RulePack;
  /** Replacement message templates. */
  readonly messages?: MessageCatalogue;
  /**
   * Called as a program evaluation proceeds, with the number of enrolments evaluated and the total (every 100
   * enrolments and at the end), e.g. to drive a progress bar. It must not change the data.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Everything a rule needs besides the records: resolved once per evaluation. */
export interface RuleContext {
  readonly program: Program;
  readonly timeZone: string;
  readonly pack: RulePack;
  readonly asOfMs: number;
  readonly asOfDate: LocalDate;
  readonly messages: MessageCatalogue;
  readonly index: ProgramIndex;
  /** Memo of the end of each local day in the program zone (epoch ms), filled as rules ask. */
  readonly dayEnds: Map<LocalDate, number>;
  /** Memo of ISO strings of due instants (many obligations share a day end). */
  readonly isoCache: Map<number, Instant>;
  /** Memo of the end of each local day in the program zone with its ISO instant, filled as obligations are made. */
  readonly dayEndIsos: Map<LocalDate, { readonly ms: number; readonly iso: Instant }>;
  /** The evaluation time as an ISO instant (UTC), made once. */
  readonly asOfIso: Instant;
  /** Memo of local dates by local day number (records carry day numbers from the index). */
  readonly dates: Map<number, LocalDate>;
  /**
   * The same for about 11 years of days around the first day asked, in a dense table (an index instead of a map
   * lookup: rules ask for the date of every record's day). Made on first use.
   */
  readonly dayTexts: DayTexts;
  /** Per-rule lookup tables by local day number, filled as rules ask (e.g. a reply deadline per day of receipt). */
  readonly tables: Map<string, Map<number, number>>;
  /** The message template of each finding code, split at its placeholders once per evaluation. */
  readonly templates: Map<FindingCode, CompiledMessage>;
  /** Pieces of ISO instants (see {@link isoOf}), filled as obligations are made. */
  readonly isoPieces: IsoPieces;
  /**
   * What the compact rows of a lazy evaluation need to become result objects when read (see `lazy.ts`): the pack,
   * the messages and the memo tables of this evaluation, never the program's records.
   */
  readonly out: OutputMemo;
  /**
   * When true, the rules that can keep their obligations and findings as compact rows do (see `lazy.ts`); the
   * evaluation makes the objects when its result is read. False for a context from {@link createContext}.
   */
  readonly lazy: boolean;
}

/**
 * The part of a {@link RuleContext} that result objects are made from: the pack, the messages, the time zone and the
 * memo tables of one evaluation. It holds none of the program's records, so a lazy result keeps no input alive.
 */
export interface OutputMemo {
  readonly pack: RulePack;
  readonly timeZone: string;
  readonly messages: MessageCatalogue;
  readonly isoCache: Map<number, Instant>;
  readonly dates: Map<number, LocalDate>;
  readonly templates: Map<FindingCode, CompiledMessage>;
  readonly isoPieces: IsoPieces;
}

/** Memo of the pieces ISO instants are made of: `YYYY-MM-DDT` per UTC day, `HH:MM:` per minute of the day, `SS.sssZ` per millisecond of the minute. */
interface IsoPieces {
  readonly days: Map<number, string>;
  readonly minutes: (string | undefined)[];
  readonly millis: Map<number, string>;
}

/** A dense memo of local dates by day number: `texts[day - base]`, for `DAY_TEXTS` days from `base`. */
interface DayTexts {
  base: number;
  texts: (LocalDate | undefined)[] | undefined;
}

/** Days a context's dense table of dates holds (about 11 years). */
const DAY_TEXTS = 4096;

/**
 * The local date of a local day number (a `Timed` record's `day`), memoised per evaluation: in the context's dense
 * table when it has one and the day falls in it, else in its map.
 *
 * @example
 * dateOfDay(ctx, 20484); // '2026-01-31'
 */
export function dateOfDay(
  ctx: Pick<RuleContext, 'dates'> & Partial<Pick<RuleContext, 'dayTexts'>>,
  day: number,
): LocalDate {
  const dense = ctx.dayTexts;
  if (dense !== undefined) {
    let texts = dense.texts;
    if (texts === undefined) {
      dense.base = day - DAY_TEXTS / 2;
      texts = new Array<LocalDate | undefined>(DAY_TEXTS).fill(undefined);
      dense.texts = texts;
    }
    const i = day - dense.base;
    if (i >= 0 && i < DAY_TEXTS && (i | 0) === i) {
      let text = texts[i];
      if (text === undefined) {
        text = fromDayNumber(day);
        texts[i] = text;
      }
      return text;
    }
  }
  let date = ctx.dates.get(day);
  if (date === undefined) {
    date = fromDayNumber(day);
    ctx.dates.set(day, date);
  }
  return date;
}

/**
 * A rule's value for a local day number, computed once per evaluation by `compute` (a per-program lookup table,
 * e.g. the reply deadline of each day of receipt).
 *
 * @example
 * const dueAtMs = perDay(ctx, 'reply-timeliness', item.day, (d) => replyDeadlineOfDay(d, 1, calendar, zone));
 */
export function perDay(
  ctx: RuleContext,
  ruleId: RuleId | `${RuleId}:${string}`,
  day: number,
  compute: (day: number) => number,
): number {
  const table = dayTable(ctx, ruleId);
  let value = table.get(day);
  if (value === undefined) {
    value = compute(day);
    table.set(day, value);
  }
  return value;
}

/**
 * The per-evaluation table of a rule's values by local day number that {@link perDay} fills, for a rule that reads
 * it in a loop (one lookup of the table per rule call, not per record).
 *
 * @example
 * const deadlines = dayTable(ctx, 'reply-timeliness');
 * deadlines.get(item.day) ?? perDay(ctx, 'reply-timeliness', item.day, deadlineOf);
 */
export function dayTable(ctx: RuleContext, ruleId: RuleId | `${RuleId}:${string}`): Map<number, number> {
  let table = ctx.tables.get(ruleId);
  if (table === undefined) {
    table = new Map();
    ctx.tables.set(ruleId, table);
  }
  return table;
}

/** The end of a local day in the program's zone, memoised per evaluation. */
export function dayEnd(ctx: RuleContext, day: LocalDate): number {
  let ms = ctx.dayEnds.get(day);
  if (ms === undefined) {
    ms = endOfLocalDay(day, ctx.timeZone);
    ctx.dayEnds.set(day, ms);
  }
  return ms;
}

/**
 * Creates the context a single rule runs in (the evaluations do this for you): the pack, the evaluation time in
 * epoch ms and as a local date, and the memo caches of one evaluation. `options.asOf` is read by
 * {@link parseAsOf}; an invalid one is returned as its issues, never thrown.
 *
 * @example
 * const index = indexProgram(data);
 * const ctx = createContext(index, srpRecoveryConnect, { asOf: '2026-11-20' });
 * const rec = index.enrolments.get('enr-001');
 * if (ctx.success && rec) console.log(firstActionPlan(ctx.data, rec).status);
 */
export function createContext(
  index: ProgramIndex,
  pack: RulePack,
  options: EvaluationOptions,
): Result<RuleContext, DataIssue> {
  const program = index.data.program;
  const asOf = parseAsOf(options.asOf, program.timeZone);
  if (!asOf.success) return asOf;
  const out: OutputMemo = {
    pack,
    timeZone: program.timeZone,
    messages: options.messages ?? {},
    isoCache: new Map(),
    dates: new Map(),
    templates: new Map(),
    isoPieces: { days: new Map(), minutes: [], millis: new Map() },
  };
  return ok({
    program,
    timeZone: program.timeZone,
    pack,
    asOfMs: asOf.data.ms,
    asOfDate: asOf.data.date,
    messages: out.messages,
    index,
    dayEnds: new Map(),
    isoCache: out.isoCache,
    dayEndIsos: new Map(),
    asOfIso: isoInstant(asOf.data.ms),
    dates: out.dates,
    dayTexts: { base: 0, texts: undefined },
    tables: new Map(),
    templates: out.templates,
    isoPieces: out.isoPieces,
    out,
    lazy: false,
  });
}

/** The severity a rule's findings carry: the pack's, as a finding severity. */
export function ruleSeverity(ctx: Pick<RuleContext, 'pack'>, ruleId: RuleId): FindingSeverity {
  const s = ctx.pack.rules[ruleId].severity;
  return s === 'off' ? 'info' : s;
}

/** Input of {@link makeFinding}. */
export interface FindingInput {
  readonly ruleId: RuleId;
  readonly code: FindingCode;
  readonly subject: Subject;
  readonly path: string;
  readonly expected: JsonValue;
  readonly found: JsonValue;
  readonly params: { readonly [k: string]: string | number | boolean };
  readonly source?: SourceRef | undefined;
  readonly severity?: FindingSeverity;
  readonly dueOn?: LocalDate | undefined;
  readonly dueAt?: Instant | undefined;
}

/**
 * A template split once at its placeholders: `texts` around `keys` (`texts.length === keys.length + 1`).
 * {@link renderCompiled} fills it exactly as `renderMessage` fills the template.
 *
 * @example
 * const t = compileMessage('Due {dueOn}'); // { texts: ['Due ', ''], keys: ['dueOn'] }
 */
export interface CompiledMessage {
  readonly texts: readonly string[];
  readonly keys: readonly string[];
}

/**
 * Splits a template at its `{name}` placeholders (see {@link CompiledMessage}).
 *
 * @example
 * compileMessage('Due {dueOn}').keys; // ['dueOn']
 */
export function compileMessage(template: string): CompiledMessage {
  const texts: string[] = [];
  const keys: string[] = [];
  const placeholder = /\{(\w+)\}/g;
  let from = 0;
  for (let m = placeholder.exec(template); m !== null; m = placeholder.exec(template)) {
    texts.push(template.slice(from, m.index));
    keys.push(m[1] as string);
    from = m.index + m[0].length;
  }
  texts.push(template.slice(from));
  return { texts, keys };
}

/**
 * Fills a compiled template: the same string as `renderMessage` of the template, without scanning it again.
 *
 * @example
 * renderCompiled(compileMessage('Due {dueOn}'), { dueOn: '2026-03-02' }); // 'Due 2026-03-02'
 */
export function renderCompiled(
  compiled: CompiledMessage,
  params: { readonly [k: string]: string | number | boolean },
): string {
  const { texts, keys } = compiled;
  let out = texts[0] as string;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    out += Object.hasOwn(params, key) ? String(params[key]) : `{${key}}`;
    out += texts[i + 1] as string;
  }
  return out;
}

/** Builds a finding: severity and source from the pack unless given, message from the catalogue. */
export function makeFinding(ctx: OutputMemo, input: FindingInput): Finding {
  let compiled = ctx.templates.get(input.code);
  if (compiled === undefined) {
    compiled = compileMessage(ctx.messages[input.code] ?? DEFAULT_MESSAGES[input.code]);
    ctx.templates.set(input.code, compiled);
  }
  // Built field by field (no temporary spread objects: this runs once per finding, a hot path).
  const f: { -readonly [K in keyof Finding]: Finding[K] } = {
    ruleId: input.ruleId,
    code: input.code,
    severity: input.severity ?? ruleSeverity(ctx, input.ruleId),
    message: renderCompiled(compiled, input.params),
    subject: input.subject,
    path: input.path,
    source: input.source ?? ctx.pack.rules[input.ruleId].source,
    expected: input.expected,
    found: input.found,
    params: input.params,
  };
  if (input.dueOn !== undefined) f.dueOn = input.dueOn;
  if (input.dueAt !== undefined) f.dueAt = input.dueAt;
  return f;
}

/** ISO instant of epoch milliseconds, memoised per evaluation. */
export function cachedIso(ctx: Pick<RuleContext, 'isoCache' | 'isoPieces'>, ms: number): Instant {
  let iso = ctx.isoCache.get(ms);
  if (iso === undefined) {
    iso = isoOf(ctx, ms);
    ctx.isoCache.set(ms, iso);
  }
  return iso;
}

/** ISO instant (UTC) of epoch milliseconds. */
export function isoInstant(ms: number): Instant {
  return new Date(ms).toISOString();
}

/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the instants `toISOString` writes with a four-digit year. */
const FOUR_DIGIT_YEARS = [-62_167_219_200_000, 253_402_300_799_999] as const;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * The ISO instant (UTC) of epoch milliseconds, equal to {@link isoInstant}, joined from pieces memoised per
 * evaluation (the day, the minute of the day, the millisecond of the minute) instead of formatting a `Date`.
 *
 * @example
 * isoOf(ctx, 1769931000000); // '2026-02-01T07:30:00.000Z'
 */
export function isoOf(ctx: Pick<RuleContext, 'isoPieces'>, ms: number): Instant {
  if (!(Number.isInteger(ms) && ms >= FOUR_DIGIT_YEARS[0] && ms <= FOUR_DIGIT_YEARS[1]))
    return isoInstant(ms);
  const pieces = ctx.isoPieces;
  const day = Math.floor(ms / DAY_MS);
  const ofDay = ms - day * DAY_MS;
  const minute = Math.floor(ofDay / 60_000);
  const ofMinute = ofDay - minute * 60_000;
  let date = pieces.days.get(day);
  if (date === undefined) {
    date = `${fromDayNumber(day)}T`;
    pieces.days.set(day, date);
  }
  let hm = pieces.minutes[minute];
  if (hm === undefined) {
    hm = `${pad(Math.floor(minute / 60), 2)}:${pad(minute % 60, 2)}:`;
    pieces.minutes[minute] = hm;
  }
  let sms = pieces.millis.get(ofMinute);
  if (sms === undefined) {
    sms = `${pad(Math.floor(ofMinute / 1000), 2)}.${pad(ofMinute % 1000, 3)}Z`;
    pieces.millis.set(ofMinute, sms);
  }
  return date + hm + sms;
}

/**
 * The status of an obligation due at `dueAtMs`, met at `metAtMs` (if ever), seen at `asOfMs`. A `window` obligation
 * (a calendar month) becomes `missed` when its due time passes; a `catch-up` obligation (a plan, a reply) becomes
 * `overdue` and can still be met late.
 */
export function obligationStatus(
  ctx: RuleContext,
  dueAtMs: number,
  metAtMs: number | undefined,
  kind: 'window' | 'catch-up',
): ObligationStatus {
  if (metAtMs !== undefined && metAtMs <= ctx.asOfMs) return 'met';
  if (ctx.asOfMs > dueAtMs) return kind === 'window' ? 'missed' : 'overdue';
  const soon = ctx.pack.dueSoonDays.value * DAY_MS;
  return dueAtMs - ctx.asOfMs <= soon ? 'due-soon' : 'open';
}

/** Input of {@link makeObligation}. */
export interface ObligationInput {
  readonly id: string;
  /** What it is for, as data; the facts `id` is made from. */
  readonly key?: ObligationKey | undefined;
  readonly ruleId: RuleId;
  readonly subject: Subject;
  readonly label: string;
  readonly dueOn: LocalDate;
  /** Exact due instant; defaults to the end of `dueOn` in the program zone. */
  readonly dueAtMs?: number | undefined;
  readonly metAtMs?: number | undefined;
  readonly kind: 'window' | 'catch-up';
  readonly required?: number | undefined;
  readonly count?: number | undefined;
  /** Force a status (e.g. `not-applicable`). */
  readonly status?: ObligationStatus | undefined;
  /** For a forced `missed`: count lateness up to this instant (e.g. the end of the exit day), not asOf. */
  readonly lateUntilMs?: number | undefined;
}

/**
 * Builds an obligation with its status and lateness. The usual due instant (the end of `dueOn` in the program's
 * zone) and its ISO text are memoised per day and evaluation; the object is built field by field, since this runs
 * once per obligation (a month, a message), a hot path.
 *
 * @example
 * const o = makeObligation(ctx, { id: 'in-person-contact:2026-04', key: { month: '2026-04' }, ruleId: 'in-person-contact',
 *   subject, label: 'In-person meeting in 2026-04', dueOn: '2026-04-30', metAtMs, kind: 'window', required: 1, count: 1 });
 * o.status; // 'met'
 */
export function makeObligation(ctx: RuleContext, input: ObligationInput): Obligation {
  const { id, key, ruleId, subject, label, dueOn, metAtMs, kind, required, count, lateUntilMs } = input;
  const dueAtMsGiven = input.dueAtMs;
  const forced = input.status;
  let dueAtMs: number;
  let dueAt: Instant;
  if (dueAtMsGiven === undefined) {
    // The usual case: due at the end of the local day; its instant and ISO text memoised per day.
    let end = ctx.dayEndIsos.get(dueOn);
    if (end === undefined) {
      const ms = dayEnd(ctx, dueOn);
      end = { ms, iso: cachedIso(ctx, ms) };
      ctx.dayEndIsos.set(dueOn, end);
    }
    dueAtMs = end.ms;
    dueAt = end.iso;
  } else {
    dueAtMs = dueAtMsGiven;
    dueAt = cachedIso(ctx, dueAtMs);
  }
  const status = forced ?? obligationStatus(ctx, dueAtMs, metAtMs, kind);
  const metAt = status === 'met' && metAtMs !== undefined ? metAtMs : undefined;
  let lateByDays: number | undefined;
  if (metAt !== undefined && metAt > dueAtMs) lateByDays = lateDays(ctx, dueOn, metAt);
  else if (status === 'overdue' || (status === 'missed' && kind === 'catch-up'))
    lateByDays = lateDays(ctx, dueOn, Math.min(ctx.asOfMs, lateUntilMs ?? ctx.asOfMs));
  // Built field by field (no temporary spread objects: this runs once per obligation, a hot path).
  const o: { -readonly [K in keyof Obligation]: Obligation[K] } = {
    id,
    ruleId,
    subject,
    label,
    dueOn,
    dueAt,
    status,
  };
  if (key !== undefined) o.key = key;
  if (metAt !== undefined) o.metAt = isoOf(ctx, metAt);
  if (lateByDays !== undefined) o.lateByDays = lateByDays;
  if (required !== undefined) o.required = required;
  if (count !== undefined) o.count = count;
  return o;
}

/** Whole local calendar days from `dueOn` to the local date of `atMs` (at least 1 when after the due time). */
export function lateDays(ctx: RuleContext, dueOn: LocalDate, atMs: number): number {
  const day = localDayNumber(atMs, ctx.timeZone);
  // The day numbers of the two dates, without writing the date of `atMs` (outside years 0000-9999 it throws as
  // `toLocalDate` does).
  if (!(day >= MIN_LOCAL_DAY && day <= MAX_LOCAL_DAY))
    return Math.max(1, daysBetween(dueOn, toLocalDate(atMs, ctx.timeZone)));
  return Math.max(1, day - toDayNumber(dueOn));
}

/** Day numbers of 0000-01-01 and 9999-12-31, the range of a `LocalDate`. */
const MIN_LOCAL_DAY = daysFromCivil(0, 1, 1);
const MAX_LOCAL_DAY = daysFromCivil(9999, 12, 31);

/** True when a record with an optional `recordedAt` was recorded by the evaluation time. */
export function recordedBy(ctx: RuleContext, recordedAt: Instant | undefined): boolean {
  return recordedAt === undefined || toEpoch(recordedAt) <= ctx.asOfMs;
}

/** The last local day of an enrolment's involvement as seen at asOf: the exit day, or asOf's day. */
export function involvementEnd(ctx: RuleContext, enrolment: Enrolment): LocalDate {
  const exit = enrolment.exit;
  if (exit && exit.on <= ctx.asOfDate) return exit.on;
  return ctx.asOfDate;
}

/** The day after a date (re-exported for rules). */
export const nextDay = (d: LocalDate): LocalDate => addDays(d, 1);

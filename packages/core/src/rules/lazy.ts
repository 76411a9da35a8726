/**
 * Compact rows for the most numerous obligations and findings of an evaluation (in-person months, replies, a coach
 * not eligible on a contact day, a missing progress note), and the lazy enrolment evaluations that hold them.
 *
 * A row keeps the few scalars an obligation or a finding is made from (its due instant in epoch ms, its status, a
 * month or a message id, a record's position) and a spec, shared by every row of its kind, that makes the object
 * from them: the id, the label, the key, the `expected`, `found` and `params` objects, the ISO instants and the
 * message. A row also answers what the rules and the program's totals and caseloads read (`status`, `ruleId`,
 * `dueOn`, `dueAt`, `code`, `severity`), so those never make the object. A row holds the evaluation's output memo
 * (pack, messages, memo tables), never the program's records: a result keeps no input alive.
 *
 * With a context from `createContext` (`lazy` false) the rules make the object at once, from the same row, so the
 * rules called one by one and the lazy evaluation make the same objects by the same code.
 */
import { toLocalDate } from '../calendar/index';
import type { LocalDate } from '../model/primitives';
import type { RuleId } from '../packs/schema';
import type { SourceRef } from '../packs/sources';
import {
  type CompiledMessage,
  cachedIso,
  compileMessage,
  dayEnd,
  lateDays,
  makeFinding,
  type OutputMemo,
  obligationStatus,
  type RuleContext,
  renderCompiled,
  ruleSeverity,
} from './context';
import { DEFAULT_MESSAGES, type FindingCode } from './messages';
import type {
  Finding,
  FindingSeverity,
  JsonValue,
  Obligation,
  ObligationKey,
  ObligationStatus,
  RuleResult,
  Subject,
} from './result';

type Params = { readonly [k: string]: string | number | boolean };

/**
 * How the obligations of one kind are made from their rows: the id, the label and the key from the row's `text`
 * (a month, a message id) and `flag`; `counted` when they carry `required` and `count`.
 *
 * @example
 * const spec: ObligationSpec = { ruleId: 'reply-timeliness', counted: false, id: (r) => `reply-timeliness:${r.text}`,
 *   key: (r) => ({ messageId: r.text }), label: (r) => `Reply to message ${r.text}` };
 */
export interface ObligationSpec {
  readonly ruleId: RuleId;
  readonly counted: boolean;
  readonly id: (row: ObligationRow) => string;
  readonly key: (row: ObligationRow) => ObligationKey | undefined;
  readonly label: (row: ObligationRow) => string;
}

/**
 * An obligation as a row (see the module comment). Inside an evaluation it stands in for its obligation: it answers
 * `status`, `ruleId`, `dueOn`, `dueAt`, `id` and `lateByDays`; {@link ObligationRow.toObligation} makes the object.
 *
 * @example
 * const o = row.toObligation(); // { id: 'in-person-contact:2026-04', ruleId: 'in-person-contact', ... }
 */
export class ObligationRow {
  constructor(
    readonly spec: ObligationSpec,
    readonly out: OutputMemo,
    readonly subject: Subject,
    /** What the obligation is for (a month, a message id). */
    readonly text: string,
    /** A number the spec reads (1 when any contact mode counts, a plan version, a minimum of goals). */
    readonly flag: number,
    readonly dueOn: LocalDate,
    readonly dueAtMs: number,
    readonly status: ObligationStatus,
    /**
     * When it was met (epoch ms), undefined when not met. Undefined rather than NaN, so that the field is not held as
     * a boxed double in every row: a row not met allocates nothing for it.
     */
    readonly metAtMs: number | undefined,
    /** Whole local days late, undefined when none (a small integer, held in the row without a box). */
    readonly late: number | undefined,
    readonly required: number,
    readonly count: number,
  ) {}

  get ruleId(): RuleId {
    return this.spec.ruleId;
  }

  get id(): string {
    return this.spec.id(this);
  }

  get dueAt(): string {
    return cachedIso(this.out, this.dueAtMs);
  }

  get lateByDays(): number | undefined {
    return this.late;
  }

  /** The obligation, built field by field in the order `makeObligation` builds it. */
  toObligation(): Obligation {
    const spec = this.spec;
    const o: { -readonly [K in keyof Obligation]: Obligation[K] } = {
      id: spec.id(this),
      ruleId: spec.ruleId,
      subject: this.subject,
      label: spec.label(this),
      dueOn: this.dueOn,
      dueAt: cachedIso(this.out, this.dueAtMs),
      status: this.status,
    };
    const key = spec.key(this);
    if (key !== undefined) o.key = key;
    if (this.metAtMs !== undefined) o.metAt = cachedIso(this.out, this.metAtMs);
    if (this.late !== undefined) o.lateByDays = this.late;
    if (spec.counted) {
      o.required = this.required;
      o.count = this.count;
    }
    return o;
  }
}

/**
 * An obligation of a row kind, computed as `makeObligation` computes it (due at the end of `dueOn` unless `dueAtMs`
 * is given; status, when met, days late, up to `lateUntilMs` for a forced `missed`). A row when the context is lazy,
 * else the object made from the row.
 *
 * @example
 * const o = rowObligation(ctx, REPLY, subject, m.id, 0, dueOn, dueAtMs, repliedMs, 'catch-up', 0, 0, undefined);
 * o.status; // 'met'
 */
export function rowObligation(
  ctx: RuleContext,
  spec: ObligationSpec,
  subject: Subject,
  text: string,
  flag: number,
  dueOn: LocalDate,
  dueAtMsGiven: number | undefined,
  metAtMs: number | undefined,
  kind: 'window' | 'catch-up',
  required: number,
  count: number,
  forced: ObligationStatus | undefined,
  lateUntilMs?: number,
): Obligation {
  const dueAtMs = dueAtMsGiven === undefined ? dayEnd(ctx, dueOn) : dueAtMsGiven;
  const status = forced ?? obligationStatus(ctx, dueAtMs, metAtMs, kind);
  const metAt = status === 'met' && metAtMs !== undefined ? metAtMs : undefined;
  let late: number | undefined;
  if (metAt !== undefined && metAt > dueAtMs) late = lateDays(ctx, dueOn, metAt);
  else if (status === 'overdue' || (status === 'missed' && kind === 'catch-up'))
    late = lateDays(ctx, dueOn, Math.min(ctx.asOfMs, lateUntilMs ?? ctx.asOfMs));
  const row = new ObligationRow(
    spec,
    ctx.out,
    subject,
    text,
    flag,
    dueOn,
    dueAtMs,
    status,
    metAt,
    late,
    required,
    count,
  );
  return ctx.lazy ? (row as unknown as Obligation) : row.toObligation();
}

/**
 * How the findings of one code are made from their rows: the path, `expected`, `found` and `params` from the row's
 * `index` and values `a` to `d`.
 *
 * @example
 * const spec: FindingSpec = { ruleId: 'documentation', code: 'documentation.progress-note-missing',
 *   path: (r) => `contacts[${r.index}].progressNote`, expected: () => ({ progressNote: true }),
 *   found: () => ({ progressNote: false }), params: (r) => ({ on: r.a as string, contactId: r.b as string }) };
 */
export interface FindingSpec {
  readonly ruleId: RuleId;
  readonly code: FindingCode;
  readonly path: (row: FindingRow) => string;
  readonly expected: (row: FindingRow) => JsonValue;
  readonly found: (row: FindingRow) => JsonValue;
  readonly params: (row: FindingRow) => Params;
}

/** A value a finding row keeps: a string, a number, or a list of strings shared with the rule's memo. */
export type RowValue = string | number | readonly string[] | undefined;

/**
 * A finding as a row (see the module comment). Inside an evaluation it stands in for its finding: it answers
 * `ruleId`, `code`, `severity`, `subject`, `dueOn` and `params`, and makes `path` and `message` when read (each
 * time: nothing is kept); {@link FindingRow.toFinding} makes the object.
 *
 * @example
 * const f = row.toFinding(); // { ruleId: 'documentation', code: 'documentation.progress-note-missing', ... }
 */
export class FindingRow {
  constructor(
    readonly spec: FindingSpec,
    readonly out: OutputMemo,
    readonly subject: Subject,
    readonly severity: FindingSeverity,
    readonly source: SourceRef,
    readonly dueOn: LocalDate | undefined,
    /** The due instant (epoch ms), NaN when the finding has none. */
    readonly dueAtMs: number,
    /** The position of the record in its list (for the path). */
    readonly index: number,
    readonly a: RowValue,
    readonly b: RowValue,
    readonly c: RowValue,
    readonly d: RowValue,
  ) {}

  get ruleId(): RuleId {
    return this.spec.ruleId;
  }

  get code(): FindingCode {
    return this.spec.code;
  }

  get params(): Params {
    return this.spec.params(this);
  }

  get path(): string {
    return this.spec.path(this);
  }

  /** The message, rendered as `makeFinding` renders it. */
  get message(): string {
    const out = this.out;
    const code = this.spec.code;
    let compiled: CompiledMessage | undefined = out.templates.get(code);
    if (compiled === undefined) {
      compiled = compileMessage(out.messages[code] ?? DEFAULT_MESSAGES[code]);
      out.templates.set(code, compiled);
    }
    return renderCompiled(compiled, this.spec.params(this));
  }

  /** The finding, made by `makeFinding` as the rule would have made it. */
  toFinding(): Finding {
    const spec = this.spec;
    return makeFinding(this.out, {
      ruleId: spec.ruleId,
      code: spec.code,
      subject: this.subject,
      path: spec.path(this),
      expected: spec.expected(this),
      found: spec.found(this),
      params: spec.params(this),
      source: this.source,
      severity: this.severity,
      dueOn: this.dueOn,
      dueAt: Number.isNaN(this.dueAtMs) ? undefined : cachedIso(this.out, this.dueAtMs),
    });
  }
}

/**
 * A finding of a row kind, with the pack's severity and the given source (the rule's source when none): a row when
 * the context is lazy, else the object made from the row.
 *
 * @example
 * findings.push(rowFinding(ctx, PROGRESS_NOTE, subject, source, undefined, Number.NaN, c.index, on, c.record.id));
 */
export function rowFinding(
  ctx: RuleContext,
  spec: FindingSpec,
  subject: Subject,
  source: SourceRef | undefined,
  dueOn: LocalDate | undefined,
  dueAtMs: number,
  index: number,
  a?: RowValue,
  b?: RowValue,
  c?: RowValue,
  d?: RowValue,
): Finding {
  const row = new FindingRow(
    spec,
    ctx.out,
    subject,
    ruleSeverity(ctx, spec.ruleId),
    source ?? ctx.pack.rules[spec.ruleId].source,
    dueOn,
    dueAtMs,
    index,
    a,
    b,
    c,
    d,
  );
  return ctx.lazy ? (row as unknown as Finding) : row.toFinding();
}

/**
 * An evaluation option (internal, for tests and benchmarks): with `[EAGER]: true`, `evaluateProgram` and
 * `evaluateEnrolmentRange` make every object at once, as before lazy results.
 *
 * @example
 * evaluateProgram(data, { asOf: '2026-11-25', [EAGER]: true } as EvaluationOptions);
 */
export const EAGER: unique symbol = Symbol('eager evaluation');

/** The object a rule's list entry stands for: the entry itself, or the object made from its row. */
function materialised<T>(x: T): T {
  if (x instanceof ObligationRow) return x.toObligation() as T;
  if (x instanceof FindingRow) return x.toFinding() as T;
  return x;
}

/**
 * Replaces the rows of a lazy rule result's lists by their objects, in place (the lists are the evaluation's own,
 * never seen by a caller before this). Returns the result.
 *
 * @example
 * const r = materialiseResult(inPersonContact(lazyCtx, rec)); // r.obligations are plain obligations
 */
export function materialiseResult(r: RuleResult): RuleResult {
  materialiseObligations(r);
  materialiseFindings(r);
  return r;
}

/**
 * Replaces the obligation rows of a lazy rule result by their obligations, in place (its findings are left as they
 * are). Returns the result.
 *
 * @example
 * materialiseObligations(r).obligations; // plain obligations
 */
export function materialiseObligations(r: RuleResult): RuleResult {
  const obligations = r.obligations as Obligation[];
  for (let i = 0; i < obligations.length; i++) obligations[i] = materialised(obligations[i] as Obligation);
  return r;
}

/**
 * Replaces the finding rows of a lazy rule result by their findings, in place (its obligations are left as they
 * are). Returns the result.
 *
 * @example
 * materialiseFindings(r).findings; // plain findings
 */
export function materialiseFindings(r: RuleResult): RuleResult {
  const findings = r.findings as Finding[];
  for (let i = 0; i < findings.length; i++) findings[i] = materialised(findings[i] as Finding);
  return r;
}

/**
 * The finding an entry of a rule's list stands for, made without changing the list: a row's finding made anew, or
 * the finding itself.
 *
 * @example
 * findingOfEntry(row).message; // the rendered message
 */
export function findingOfEntry(x: Finding): Finding {
  return x instanceof FindingRow ? x.toFinding() : x;
}

/**
 * The obligation an entry of a rule's list stands for, made without changing the list: a row's obligation made anew,
 * or the obligation itself.
 *
 * @example
 * obligationOfEntry(row).label; // 'In-person contact in 2026-04'
 */
export function obligationOfEntry(x: Obligation): Obligation {
  return x instanceof ObligationRow ? x.toObligation() : x;
}

/**
 * Makes text of a local date of epoch ms in the output memo's zone (for rows that keep an instant, e.g. a reply).
 *
 * @example
 * localDateOf(out, 1769931000000); // '2026-01-31' in America/Los_Angeles
 */
export function localDateOf(out: OutputMemo, ms: number): LocalDate {
  return toLocalDate(ms, out.timeZone);
}

import type { Instant, LocalDate } from '../model/primitives';
import type { RuleId } from '../packs/schema';
import type { SourceRef } from '../packs/sources';

/**
 * A rule's verdict for one subject: `pass`, `fail` (with at least one finding), `not-applicable`, or `pending`
 * (something is due but not yet due).
 */
export type RuleStatus = 'pass' | 'fail' | 'not-applicable' | 'pending';

/** Severity of a finding: the rule's severity from the pack, or `info` for advice that is not a failure. */
export type FindingSeverity = 'info' | 'warning' | 'error';

/** What a rule or finding is about. */
export interface Subject {
  readonly type: 'enrolment' | 'coach';
  readonly id: string;
}

/** A JSON value used in `expected`, `found` and message parameters. Never personal data. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [k: string]: JsonValue };

/**
 * One problem a rule found. `code` is stable API (see `FINDING_CODES`); `message` is rendered from the message
 * catalogue with `params` and never holds personal data. `path` points at the record concerned in the
 * `ProgramData` document (e.g. `plans[3]`), `source` cites the rule, `expected` and `found` say what was required
 * and what was recorded, and `dueOn`/`dueAt` say when it was or is due.
 *
 * @example
 * const f: Finding = {
 *   ruleId: 'first-action-plan', code: 'first-action-plan.late', severity: 'error',
 *   message: 'The first action plan was signed 9 days late (due 2026-03-02, signed 2026-03-11).',
 *   subject: { type: 'enrolment', id: 'enr-2' }, path: 'plans[4]',
 *   source: { document: 'srp-guidelines', section: 'Peer-Mentor Responsibilities, item 2', quote: 'within one month' },
 *   expected: { signedBy: '2026-03-02' }, found: { signedOn: '2026-03-11', daysLate: 9 },
 *   dueOn: '2026-03-02', params: { daysLate: 9, dueOn: '2026-03-02', signedOn: '2026-03-11' },
 * };
 */
export interface Finding {
  readonly ruleId: RuleId;
  readonly code: FindingCode;
  readonly severity: FindingSeverity;
  readonly message: string;
  readonly subject: Subject;
  readonly path: string;
  readonly source: SourceRef;
  readonly expected: JsonValue;
  readonly found: JsonValue;
  readonly dueOn?: LocalDate;
  readonly dueAt?: Instant;
  readonly params: { readonly [k: string]: string | number | boolean };
}

/**
 * Status of an obligation on a timeline:
 * - `met`: done (on time, or late: see `lateByDays`);
 * - `open`: not yet done, due later than the due-soon window;
 * - `due-soon`: not yet done, due within the pack's `dueSoonDays`;
 * - `overdue`: past due and not done, still to be done;
 * - `missed`: past due and can no longer be done (a calendar month without its in-person meeting);
 * - `not-applicable`: the obligation lapsed (e.g. the enrolment ended first).
 */
export type ObligationStatus = 'met' | 'open' | 'due-soon' | 'overdue' | 'missed' | 'not-applicable';

/**
 * What distinguishes one obligation from the others of its rule, as data (the same facts the `id` is made from), so
 * that no reader parses an id:
 * - `month`: the calendar month `YYYY-MM` of an `in-person-contact` obligation;
 * - `messageId`: the message a `reply-timeliness` obligation is the reply to;
 * - `planVersion`: the plan version a `plan-revision` obligation revises;
 * - `coachId`: the coach who left, for a `coach-commitment` reassignment;
 * - `requirement`: the training or check a `coach-eligibility` renewal is for (e.g. `training:core-training`);
 * - `document`: the enrolment document an `enrolment-prerequisites` obligation is for (`coachPeerContract`).
 * A rule's obligation without any of these (the first action plan, a commitment term) has no `key`.
 *
 * @example
 * const key: ObligationKey = { month: '2026-04' };
 */
export interface ObligationKey {
  readonly month?: string;
  readonly messageId?: string;
  readonly planVersion?: number;
  readonly coachId?: string;
  readonly requirement?: string;
  readonly document?: string;
}

/**
 * One dated obligation of an enrolment or coach: what is due, when, and whether it was met. `dueAt` and `metAt` are
 * UTC instants.
 *
 * @example
 * const o: Obligation = {
 *   id: 'in-person-contact:2026-04', key: { month: '2026-04' }, ruleId: 'in-person-contact',
 *   subject: { type: 'enrolment', id: 'enr-3' }, label: 'In-person meeting in 2026-04', dueOn: '2026-04-30',
 *   dueAt: '2026-05-01T06:59:59.999Z', status: 'missed', required: 1, count: 0,
 * };
 */
export interface Obligation {
  /**
   * Stable id: rule id and what it is for, e.g. `plan-revision:after-v1` or `reply-timeliness:msg-7`. Compare it
   * whole; read what it is for from `key`, never from the id.
   */
  readonly id: string;
  /** What it is for, as data (see {@link ObligationKey}). */
  readonly key?: ObligationKey;
  readonly ruleId: RuleId;
  readonly subject: Subject;
  /** A short neutral label, free of personal data. */
  readonly label: string;
  /** The last local day on which it can be met. */
  readonly dueOn: LocalDate;
  /** The last instant at which it can be met (end of `dueOn` in the program's zone, or an exact instant). */
  readonly dueAt: Instant;
  readonly status: ObligationStatus;
  /** When it was met (an instant), if it was. */
  readonly metAt?: Instant;
  /** Whole local days late, when met late or overdue. */
  readonly lateByDays?: number;
  /** For counted obligations: how many are required and how many were recorded. */
  readonly required?: number;
  readonly count?: number;
}

/**
 * A rule's result for one subject: its status, its findings and its obligations.
 *
 * @example
 * const r: RuleResult = { ruleId: 'documentation', status: 'pass', subject: { type: 'enrolment', id: 'e1' }, findings: [], obligations: [] };
 */
export interface RuleResult {
  readonly ruleId: RuleId;
  readonly status: RuleStatus;
  readonly subject: Subject;
  readonly findings: readonly Finding[];
  readonly obligations: readonly Obligation[];
  /** Extra facts some rules report, e.g. coach eligibility's `eligibleUntil`. Never personal data. */
  readonly facts?: { readonly [k: string]: JsonValue };
}

import type { FindingCode } from './messages';

export type { FindingCode };

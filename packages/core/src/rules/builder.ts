import { createLocalDayReader, localDayNumber, toEpoch } from '../calendar/zone';
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
import { PROGRAM_DATA_FORMAT } from '../model/domain';
import { formatPath } from '../model/issues';
import { fail, type Issue, ok, type Result } from '../model/result';
import type { EnrolmentRecords, Indexed, ProgramIndex, Timed } from './context';

/**
 * The record kinds of a program, named as the lists of a `ProgramData` document (so an issue's path is
 * `[kind, position, field]`), and the record type of each.
 *
 * @example
 * const kind: ProgramRecordKind = 'contacts';
 */
export interface ProgramRecords {
  readonly organizations: Organization;
  readonly coaches: Coach;
  readonly peers: Peer;
  readonly enrolments: Enrolment;
  readonly plans: PlanVersion;
  readonly contacts: Contact;
  readonly messages: Message;
  readonly referrals: Referral;
  readonly consents: Consent;
  readonly assessments: Assessment;
}

/**
 * A record kind a {@link ProgramBuilder} accepts (a list name of `ProgramData`).
 *
 * @example
 * const kinds: ProgramRecordKind[] = ['enrolments', 'contacts', 'messages'];
 */
export type ProgramRecordKind = keyof ProgramRecords;

/**
 * Codes of the issues a {@link ProgramBuilder} reports: an instant it could not read (the record is left out), or
 * a record naming an enrolment or peer the program does not hold (reported when the index is built; the record is
 * kept in the document but no rule reads it).
 *
 * @example
 * const code: ProgramBuilderIssueCode = 'unknown-reference';
 */
export type ProgramBuilderIssueCode = 'invalid-instant' | 'unknown-reference';

/**
 * An issue of a {@link ProgramBuilder}: the base `Issue` with the builder's codes. Messages name the field, never
 * a value.
 *
 * @example
 * const i: ProgramBuilderIssue = { code: 'unknown-reference', path: ['contacts', 3, 'enrolmentId'], severity: 'warning', message: 'contacts[3].enrolmentId: names no enrolment of this program; no rule reads this record' };
 */
export type ProgramBuilderIssue = Issue<ProgramBuilderIssueCode>;

/**
 * Fills a {@link ProgramIndex} one record at a time, in any order, so that a streaming reader (FHIR Bulk NDJSON,
 * a large ProgramData file read record by record) never has to assemble a whole document first. Every instant a
 * rule reads is parsed once, here, into integers (epoch ms and the local day number in the program's zone).
 */
export interface ProgramBuilder {
  /**
   * Adds one schema-valid record (see the model's schemas). Returns its position in its list (the position issue
   * and finding paths name, counted over every record added of that kind), or an `invalid-instant` issue when one
   * of its instants cannot be read: the record is then left out, never silently.
   */
  add<K extends ProgramRecordKind>(kind: K, record: ProgramRecords[K]): Result<number, ProgramBuilderIssue>;
  /** How many records of each kind were kept so far. */
  counts(): { readonly [K in ProgramRecordKind]: number };
  /**
   * The index the evaluations accept (`evaluateProgram`, `evaluateEnrollment`, `evaluateCoach`), with a
   * `unknown-reference` warning for each record naming no enrolment or peer of the program. The builder can be
   * reused: later records extend a later index.
   */
  build(): Result<ProgramIndex, ProgramBuilderIssue>;
}

/**
 * Every record kind, in the order of a `ProgramData` document.
 *
 * @example
 * PROGRAM_RECORD_KINDS.includes('contacts'); // true
 */
export const PROGRAM_RECORD_KINDS: readonly ProgramRecordKind[] = [
  'organizations',
  'coaches',
  'peers',
  'enrolments',
  'plans',
  'contacts',
  'messages',
  'referrals',
  'consents',
  'assessments',
];

/** The record kinds of a peer (every kind but the program's organisations and coaches), in document order. */
export type PeerRecordKind = Exclude<ProgramRecordKind, 'organizations' | 'coaches'>;

/** The {@link PeerRecordKind}s in document order (not exported from the package). */
export const PEER_RECORD_KINDS = PROGRAM_RECORD_KINDS.filter(
  (k): k is PeerRecordKind => k !== 'organizations' && k !== 'coaches',
);

type Lists = { -readonly [K in ProgramRecordKind]: ProgramRecords[K][] };
type Dated = PlanVersion | Contact | Message;

/** The instant each dated kind is placed at, as rules read it. */
function instantOf(kind: 'plans' | 'contacts' | 'messages', record: Dated): string | undefined {
  if (kind === 'contacts') return (record as Contact).start;
  if (kind === 'messages') return (record as Message).receivedAt;
  return (record as PlanVersion).signedByPeerAt;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const bucket = map.get(key);
  if (bucket) bucket.push(value);
  else map.set(key, [value]);
}

const NONE: readonly never[] = [];

/**
 * Creates a {@link ProgramBuilder} for a program. Fails (never throws) when the program's time zone is not one
 * this runtime knows, since every local day is computed at ingest.
 *
 * @example
 * const b = createProgramBuilder(data.program);
 * if (b.success) {
 *   for (const e of data.enrolments) b.data.add('enrolments', e);
 *   for (const c of data.contacts) b.data.add('contacts', c); // one at a time, e.g. from NDJSON lines
 *   const index = b.data.build();
 *   if (index.success) evaluateProgram(index.data, { asOf: '2026-11-25' });
 * }
 */
export function createProgramBuilder(program: Program): Result<ProgramBuilder, ProgramBuilderIssue> {
  const core = builderCore(program);
  if (!core.success) return core;
  const { add, build, counts } = core.data;
  return ok({ add, build, counts });
}

/**
 * A {@link ProgramBuilder} with `insert`: `add` without a `Result` per record (the issue, or undefined when the
 * record was kept), for {@link indexProgram}, which adds every record of a document.
 */
export interface BuilderCore extends ProgramBuilder {
  insert<K extends ProgramRecordKind>(kind: K, record: ProgramRecords[K]): ProgramBuilderIssue | undefined;
}

/**
 * The builder's state and functions. With `document`, the builder indexes that whole document (see
 * {@link indexProgram}, which throws on any record left out): its lists are the document's own, read and never
 * copied, so nothing is appended to a list per record. With `first`, the positions of each kind start there instead
 * of at 0 (a part of a longer document: the batches of `createProgramStreamEvaluator`).
 */
export function builderCore(
  program: Program,
  document?: ProgramData,
  first?: { readonly [K in ProgramRecordKind]?: number },
): Result<BuilderCore, ProgramBuilderIssue> {
  const timeZone = program.timeZone;
  try {
    localDayNumber(0, timeZone);
  } catch {
    return fail([
      {
        code: 'invalid-instant',
        path: ['program', 'timeZone'],
        severity: 'error',
        message: 'program.timeZone: expected an IANA time zone this runtime knows',
      },
    ]);
  }
  // Local day numbers of this builder's instants, with the zone's daily offsets in a table of its own.
  const dayOf = createLocalDayReader(timeZone);
  const lists =
    document === undefined
      ? (Object.fromEntries(PROGRAM_RECORD_KINDS.map((k) => [k, []])) as unknown as Lists)
      : (Object.fromEntries(PROGRAM_RECORD_KINDS.map((k) => [k, document[k]])) as unknown as Lists);
  const copy = document === undefined;
  const seen = Object.fromEntries(PROGRAM_RECORD_KINDS.map((k) => [k, first?.[k] ?? 0])) as {
    [K in ProgramRecordKind]: number;
  };
  const timed = {
    plans: new Map<string, Timed<PlanVersion>[]>(),
    contacts: new Map<string, Timed<Contact>[]>(),
    messages: new Map<string, Timed<Message>[]>(),
  };
  /** The bucket the last record of each dated kind went to (its enrolment id and list). */
  const lastBucket = {
    plans: { enrolmentId: '', bucket: undefined as Timed<Dated>[] | undefined },
    contacts: { enrolmentId: '', bucket: undefined as Timed<Dated>[] | undefined },
    messages: { enrolmentId: '', bucket: undefined as Timed<Dated>[] | undefined },
  };
  const grouped = {
    referrals: new Map<string, Indexed<Referral>[]>(),
    assessments: new Map<string, Indexed<Assessment>[]>(),
  };
  const consentsByPeer = new Map<string, Indexed<Consent>[]>();
  const peers = new Map<string, Indexed<Peer>>();
  const coaches = new Map<string, Indexed<Coach>>();
  const organizations = new Map<string, Organization>();

  function badInstant(kind: ProgramRecordKind, index: number, field: string): ProgramBuilderIssue {
    const path = [kind, index, field];
    return {
      code: 'invalid-instant',
      path,
      severity: 'error',
      message: `${formatPath(path)}: expected an ISO 8601 date-time with offset; the record is left out`,
    };
  }

  function addDated(
    kind: 'plans' | 'contacts' | 'messages',
    record: Dated,
    index: number,
  ): ProgramBuilderIssue | undefined {
    const instant = instantOf(kind, record);
    let at = Number.NaN;
    let day = Number.NaN;
    let recordedMs: number | undefined;
    if (instant !== undefined) {
      try {
        at = toEpoch(instant);
        day = dayOf(at);
      } catch {
        const field = kind === 'contacts' ? 'start' : kind === 'messages' ? 'receivedAt' : 'signedByPeerAt';
        return badInstant(kind, index, field);
      }
    }
    const recordedAt = (record as { recordedAt?: string }).recordedAt;
    if (recordedAt !== undefined) {
      try {
        recordedMs = toEpoch(recordedAt);
      } catch {
        return badInstant(kind, index, 'recordedAt');
      }
    }
    if (copy) (lists[kind] as Dated[]).push(record);
    const item: Timed<Dated> = { record, index, at, day, recordedMs };
    // Records usually come grouped by enrolment: the bucket of the last one is reused without a lookup.
    const last = lastBucket[kind];
    if (last.bucket !== undefined && last.enrolmentId === record.enrolmentId) last.bucket.push(item);
    else {
      const map = timed[kind] as Map<string, Timed<Dated>[]>;
      let bucket = map.get(record.enrolmentId);
      if (bucket === undefined) {
        bucket = [];
        map.set(record.enrolmentId, bucket);
      }
      bucket.push(item);
      last.enrolmentId = record.enrolmentId;
      last.bucket = bucket;
    }
    return undefined;
  }

  function insert<K extends ProgramRecordKind>(
    kind: K,
    record: ProgramRecords[K],
  ): ProgramBuilderIssue | undefined {
    const index = seen[kind]++;
    switch (kind) {
      case 'plans':
      case 'contacts':
      case 'messages':
        return addDated(kind, record as Dated, index);
      case 'referrals':
      case 'assessments':
        push(
          grouped[kind as 'referrals'] as Map<string, Indexed<unknown>[]>,
          (record as Referral).enrolmentId,
          {
            record,
            index,
          },
        );
        break;
      case 'consents':
        push(consentsByPeer, (record as Consent).peerId, { record: record as Consent, index });
        break;
      case 'peers':
        peers.set((record as Peer).id, { record: record as Peer, index });
        break;
      case 'coaches':
        coaches.set((record as Coach).id, { record: record as Coach, index });
        break;
      case 'organizations':
        organizations.set((record as Organization).id, record as Organization);
        break;
    }
    if (copy) (lists[kind] as ProgramRecords[K][]).push(record);
    return undefined;
  }

  function add<K extends ProgramRecordKind>(
    kind: K,
    record: ProgramRecords[K],
  ): Result<number, ProgramBuilderIssue> {
    const index = seen[kind];
    const issue = insert(kind, record);
    return issue === undefined ? ok(index) : fail([issue]);
  }

  function build(): Result<ProgramIndex, ProgramBuilderIssue> {
    const enrolments = new Map<string, EnrolmentRecords>();
    const byEnrolment = new Map<string, Enrolment>();
    const base = first?.enrolments ?? 0;
    lists.enrolments.forEach((enrolment, position) => {
      const index = base + position;
      byEnrolment.set(enrolment.id, enrolment);
      const id = enrolment.id;
      const peer = peers.get(enrolment.peerId);
      enrolments.set(id, {
        enrolment,
        index,
        peer: peer?.record,
        peerIndex: peer?.index ?? -1,
        plans: timed.plans.get(id) ?? NONE,
        contacts: timed.contacts.get(id) ?? NONE,
        messages: timed.messages.get(id) ?? NONE,
        referrals: grouped.referrals.get(id) ?? NONE,
        assessments: grouped.assessments.get(id) ?? NONE,
        consents: consentsByPeer.get(enrolment.peerId) ?? NONE,
      });
    });
    const warnings: ProgramBuilderIssue[] = [];
    const orphan = (kind: ProgramRecordKind, index: number, field: string, what: string) => {
      const path = [kind, index, field];
      warnings.push({
        code: 'unknown-reference',
        path,
        severity: 'warning',
        message: `${formatPath(path)}: names no ${what} of this program; no rule reads this record`,
      });
    };
    for (const kind of ['plans', 'contacts', 'messages', 'referrals', 'assessments'] as const) {
      const source: Map<string, Indexed<unknown>[]> =
        kind in timed ? timed[kind as keyof typeof timed] : grouped[kind as keyof typeof grouped];
      for (const [id, items] of source)
        if (!byEnrolment.has(id))
          for (const item of items) orphan(kind, item.index, 'enrolmentId', 'enrolment');
    }
    for (const [id, items] of consentsByPeer)
      if (!peers.has(id)) for (const item of items) orphan('consents', item.index, 'peerId', 'peer');
    const data: ProgramData = { format: PROGRAM_DATA_FORMAT, program, ...lists };
    return ok({ kind: 'program-index', data, enrolments, coaches, organizations }, warnings);
  }

  const counts = () => {
    const out = {} as { [K in ProgramRecordKind]: number };
    for (const kind of Object.keys(lists) as ProgramRecordKind[]) out[kind] = lists[kind].length;
    return out;
  };

  return ok({ add, build, counts, insert });
}

/** Records read ahead at a time by {@link warm}. */
const WARM_CHUNK = 128;

/**
 * Reads the first character of the instant of each dated record of `records[from, to)`, in a loop that does
 * nothing else: the memory reads of many records then overlap, where parsing them one by one waits for each record
 * and each string in turn (on a large program most are not in the CPU caches). Returns a number the caller checks,
 * so that the reads are not left out.
 */
function warm(
  kind: 'plans' | 'contacts' | 'messages',
  records: readonly Dated[],
  from: number,
  to: number,
): number {
  let sum = 0;
  for (let i = from; i < to; i++) {
    const instant = instantOf(kind, records[i] as Dated);
    if (typeof instant === 'string') sum += instant.charCodeAt(0);
  }
  return sum;
}

/**
 * Indexes a whole program document: {@link createProgramBuilder} fed with every record in document order, so
 * positions and paths are those of the document. Pure; O(records). Throws a `RangeError` (naming the field, not
 * the value) for a time zone or an instant a schema-valid document cannot hold.
 *
 * @example
 * const index = indexProgram(data);
 * index.enrolments.get('enr-1')?.contacts.length;
 */
export function indexProgram(data: ProgramData): ProgramIndex {
  const builder = builderCore(data.program, data);
  if (!builder.success) throw new RangeError(builder.issues[0]?.message);
  const b = builder.data;
  let touched = 0;
  for (const kind of PROGRAM_RECORD_KINDS) {
    const records = data[kind] as readonly ProgramRecords[typeof kind][];
    const dated = kind === 'plans' || kind === 'contacts' || kind === 'messages';
    for (let from = 0; from < records.length; from += WARM_CHUNK) {
      const to = Math.min(records.length, from + WARM_CHUNK);
      if (dated) touched += warm(kind, records as readonly Dated[], from, to);
      for (let i = from; i < to; i++) {
        const issue = b.insert(kind, records[i] as ProgramRecords[typeof kind]);
        if (issue !== undefined) throw new RangeError(issue.message);
      }
    }
  }
  const built = b.build();
  if (touched < 0) throw new RangeError('unreachable');
  if (!built.success) throw new RangeError(built.issues[0]?.message);
  return { ...built.data, data };
}

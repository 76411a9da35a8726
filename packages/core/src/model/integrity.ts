import type { ProgramData } from './domain';
import { type DataIssue, dataIssue } from './issues';

type Path = (string | number)[];
type Ids = readonly { readonly id: string }[];

/**
 * The referential integrity issues of schema-valid program data, in the order {@link checkIntegrity} (parse.ts)
 * documents. `instantsValid: true` says every instant passed the schema's ISO date-time pattern (as after
 * `parseProgramData`'s schema check): two instants written alike from the seconds on (the same fraction, the same
 * offset) are then compared as text, which orders them as `Date.parse` does, without parsing either.
 *
 * @example
 * integrityIssues(data, true).length === 0; // true for a consistent document
 */
export function integrityIssues(data: ProgramData, instantsValid: boolean): DataIssue[] {
  const issues: DataIssue[] = [];
  const push = (code: DataIssue['code'], path: Path, text: string) => {
    issues.push(dataIssue(code, path, text));
  };
  const unknown = (path: Path, what: string) => push('unknown-reference', path, `refers to no known ${what}`);
  const reversed = (path: Path) => push('period-reversed', path, 'ends before it starts');
  const repeated = (prefix: Path, i: number, what: string) =>
    push('duplicate-id', [...prefix, i, 'id'], `duplicates the id of an earlier ${what}`);
  /** The issues of ids of `list` (at `prefix`) repeated from an earlier item, and the set of its ids. */
  const idSet = (list: Ids, prefix: Path, what: string): Set<string> => {
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const id = (list[i] as { id: string }).id;
      if (seen.has(id)) repeated(prefix, i, what);
      seen.add(id);
    }
    return seen;
  };
  /** The same issues as `idSet`, without a set when the ids are strings in strictly ascending order (distinct). */
  const repeatedIds = (list: Ids, prefix: Path, what: string): void => {
    if (!ascendingIds(list)) idSet(list, prefix, what);
  };
  /** `not-in-order` for each item of `list` whose `from` is earlier than the one before it. */
  const ordered = (list: readonly { readonly from: string }[], prefix: Path, field: string) => {
    for (let j = 1; j < list.length; j++) {
      if ((list[j] as { from: string }).from < (list[j - 1] as { from: string }).from)
        push('not-in-order', [...prefix, field, j], 'is earlier than the entry before it');
    }
  };

  const orgs = idSet(data.organizations, ['organizations'], 'organizations entry');
  const coaches = idSet(data.coaches, ['coaches'], 'coaches entry');
  const peers = idSet(data.peers, ['peers'], 'peers entry');
  const enrolments = idSet(data.enrolments, ['enrolments'], 'enrolments entry');
  repeatedIds(data.plans, ['plans'], 'plans entry');
  repeatedIds(data.contacts, ['contacts'], 'contacts entry');
  repeatedIds(data.messages, ['messages'], 'messages entry');
  repeatedIds(data.referrals, ['referrals'], 'referrals entry');
  repeatedIds(data.consents, ['consents'], 'consents entry');
  repeatedIds(data.assessments, ['assessments'], 'assessments entry');

  for (let i = 0; i < data.coaches.length; i++) {
    const c = data.coaches[i] as ProgramData['coaches'][number];
    repeatedIds(c.incidents, ['coaches', i, 'incidents'], 'incident');
    ordered(c.statusHistory, ['coaches', i], 'statusHistory');
    const commitment = c.commitment;
    if (commitment && commitment.endOn !== undefined && commitment.endOn < commitment.startOn)
      reversed(['coaches', i, 'commitment', 'endOn']);
    for (let j = 0; j < c.trainings.length; j++) {
      const t = c.trainings[j] as { completedOn: string; expiresOn?: string };
      if (t.expiresOn !== undefined && t.expiresOn < t.completedOn)
        reversed(['coaches', i, 'trainings', j, 'expiresOn']);
    }
    const check = c.backgroundCheck;
    if (check && check.expiresOn !== undefined && check.expiresOn < check.completedOn)
      reversed(['coaches', i, 'backgroundCheck', 'expiresOn']);
  }

  // The referrals' and plans' ids are the keys of these maps (the last record of a repeated id wins, as a set).
  const referralOwner = new Map<string, string>();
  for (const r of data.referrals) referralOwner.set(r.id, r.enrolmentId);
  for (let i = 0; i < data.enrolments.length; i++) {
    const e = data.enrolments[i] as ProgramData['enrolments'][number];
    const at: Path = ['enrolments', i];
    if (!peers.has(e.peerId) && e.peerId !== undefined) unknown([...at, 'peerId'], 'peer');
    const org = e.referralSource?.organizationId;
    if (org !== undefined && !orgs.has(org))
      unknown([...at, 'referralSource', 'organizationId'], 'organization');
    const assignments = e.coachAssignments;
    for (let j = 0; j < assignments.length; j++) {
      const a = assignments[j] as { coachId: string; from: string; to?: string };
      if (a.coachId !== undefined && !coaches.has(a.coachId))
        unknown([...at, 'coachAssignments', j, 'coachId'], 'coach');
      if (a.to !== undefined && a.to < a.from) reversed([...at, 'coachAssignments', j, 'to']);
    }
    // In start order (ties in record order): compare each assignment with the latest end of all those that start
    // before it, not only the previous one: an assignment nested in a long earlier one overlaps it too. An open
    // assignment never ends.
    if (assignments.length > 1) {
      let latestEnd: string | undefined;
      let open = false;
      const order = startOrder(assignments);
      for (let k = 0; k < assignments.length; k++) {
        const j = order === undefined ? k : (order[k] as number);
        const cur = assignments[j] as { from: string; to?: string };
        if (open || (latestEnd !== undefined && latestEnd >= cur.from))
          push('overlapping-periods', [...at, 'coachAssignments', j], 'overlaps another coach assignment');
        if (cur.to === undefined) open = true;
        else if (latestEnd === undefined || cur.to > latestEnd) latestEnd = cur.to;
      }
    }
    ordered(e.stages, at, 'stages');
    if (e.referredOn !== undefined && e.enrolledOn < e.referredOn)
      push('not-in-order', [...at, 'enrolledOn'], 'is earlier than referredOn');
    const holds = e.holds;
    for (let j = 0; j < holds.length; j++) {
      const h = holds[j] as { from: string; to?: string };
      if (h.to !== undefined && h.to < h.from) reversed([...at, 'holds', j, 'to']);
      const prev = j > 0 ? (holds[j - 1] as { from: string; to?: string }) : undefined;
      if (prev && prev.from <= h.from && (prev.to === undefined || prev.to >= h.from))
        push('overlapping-periods', [...at, 'holds', j], 'overlaps the hold before it');
    }
    ordered(holds, at, 'holds');
    const exit = e.exit;
    if (exit) {
      if (exit.on !== undefined && exit.on < e.enrolledOn) reversed([...at, 'exit', 'on']);
      for (let j = 0; j < exit.referralsMade.length; j++) {
        const r = exit.referralsMade[j] as string;
        if (r !== undefined && !referralOwner.has(r))
          unknown([...at, 'exit', 'referralsMade', j], 'referral');
        const owner = referralOwner.get(r);
        if (owner !== undefined && owner !== e.id)
          push(
            'unknown-reference',
            [...at, 'exit', 'referralsMade', j],
            'refers to a referral of another enrolment',
          );
      }
    }
  }

  const planById = new Map<string, ProgramData['plans'][number]>();
  for (const p of data.plans) planById.set(p.id, p);
  const versions = new Map<string, number[]>();
  for (let i = 0; i < data.plans.length; i++) {
    const p = data.plans[i] as ProgramData['plans'][number];
    if (p.enrolmentId !== undefined && !enrolments.has(p.enrolmentId))
      unknown(['plans', i, 'enrolmentId'], 'enrolment');
    if (p.goals.length > 1) repeatedIds(p.goals, ['plans', i, 'goals'], 'goal of this plan');
    const seen = versions.get(p.enrolmentId);
    if (seen === undefined) versions.set(p.enrolmentId, [p.version]);
    else {
      if (seen.includes(p.version))
        push('plan-chain-broken', ['plans', i, 'version'], 'repeats a version number of this enrolment');
      seen.push(p.version);
    }
    if (p.replaces === undefined) {
      if (p.version !== 1)
        push('plan-chain-broken', ['plans', i, 'replaces'], 'is required for a version after the first');
    } else {
      if (!planById.has(p.replaces)) unknown(['plans', i, 'replaces'], 'plan version');
      const prev = planById.get(p.replaces);
      if (prev && (prev.enrolmentId !== p.enrolmentId || prev.version !== p.version - 1))
        push(
          'plan-chain-broken',
          ['plans', i, 'replaces'],
          'must name the previous version of the same enrolment',
        );
    }
  }

  for (let i = 0; i < data.contacts.length; i++) {
    const c = data.contacts[i] as ProgramData['contacts'][number];
    if (c.enrolmentId !== undefined && !enrolments.has(c.enrolmentId))
      unknown(['contacts', i, 'enrolmentId'], 'enrolment');
    if (c.coachId !== undefined && !coaches.has(c.coachId)) unknown(['contacts', i, 'coachId'], 'coach');
    if (earlier(c.end, c.start, instantsValid)) reversed(['contacts', i, 'end']);
  }
  for (let i = 0; i < data.messages.length; i++) {
    const m = data.messages[i] as ProgramData['messages'][number];
    if (m.enrolmentId !== undefined && !enrolments.has(m.enrolmentId))
      unknown(['messages', i, 'enrolmentId'], 'enrolment');
    if (m.repliedAt !== undefined && earlier(m.repliedAt, m.receivedAt, instantsValid))
      push('period-reversed', ['messages', i, 'repliedAt'], 'is earlier than the message it answers');
  }
  for (let i = 0; i < data.referrals.length; i++) {
    const r = data.referrals[i] as ProgramData['referrals'][number];
    if (r.enrolmentId !== undefined && !enrolments.has(r.enrolmentId))
      unknown(['referrals', i, 'enrolmentId'], 'enrolment');
  }
  for (let i = 0; i < data.consents.length; i++) {
    const c = data.consents[i] as ProgramData['consents'][number];
    if (c.peerId !== undefined && !peers.has(c.peerId)) unknown(['consents', i, 'peerId'], 'peer');
    if (c.enrolmentId !== undefined && !enrolments.has(c.enrolmentId))
      unknown(['consents', i, 'enrolmentId'], 'enrolment');
    if (c.recipientOrganizationId !== undefined && !orgs.has(c.recipientOrganizationId))
      unknown(['consents', i, 'recipientOrganizationId'], 'organization');
    if (c.period.end !== undefined && c.period.end < c.period.start)
      reversed(['consents', i, 'period', 'end']);
    if (c.revokedOn !== undefined && c.revokedOn < c.signedOn) reversed(['consents', i, 'revokedOn']);
  }
  for (let i = 0; i < data.assessments.length; i++) {
    const a = data.assessments[i] as ProgramData['assessments'][number];
    if (a.enrolmentId !== undefined && !enrolments.has(a.enrolmentId))
      unknown(['assessments', i, 'enrolmentId'], 'enrolment');
  }
  return issues;
}

/** True when the ids of `list` are strings in strictly ascending order: then no two are equal. */
function ascendingIds(list: Ids): boolean {
  if (list.length === 0) return true;
  let prev = (list[0] as { id: string }).id;
  if (typeof prev !== 'string') return false;
  for (let i = 1; i < list.length; i++) {
    const id = (list[i] as { id: string }).id;
    if (typeof id !== 'string' || !(id > prev)) return false;
    prev = id;
  }
  return true;
}

/**
 * The positions of `list` in start order, ties in record order; `undefined` when that is the record order (the
 * starts never decrease), without sorting.
 */
function startOrder(list: readonly { readonly from: string }[]): number[] | undefined {
  let sorted = true;
  for (let j = 1; sorted && j < list.length; j++)
    sorted = !((list[j] as { from: string }).from < (list[j - 1] as { from: string }).from);
  if (sorted) return undefined;
  return [...list.keys()].sort((a, b) => {
    const x = (list[a] as { from: string }).from;
    const y = (list[b] as { from: string }).from;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
}

/**
 * True when instant `a` is earlier than instant `b` by `Date.parse`. When both passed the schema's pattern
 * (`valid`), have the same length and are written alike from the seconds' end on (character 19: the same fraction
 * and the same offset), they differ only in their local date and time, written in fixed width: the text order is
 * the time order.
 */
function earlier(a: string, b: string, valid: boolean): boolean {
  if (valid && a.length === b.length && sameFrom(a, b, 19)) return a < b;
  return Date.parse(a) < Date.parse(b);
}

function sameFrom(a: string, b: string, from: number): boolean {
  for (let i = from; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

import type { ProgramData } from './domain';
import { enrolmentBounds } from './enrolment-bounds';
import { type DataIssue, dataIssue } from './issues';

/**
 * The referential integrity check as it was written before its fast path (forEach, a set per list, `Date.parse` for
 * every instant): the reference the tests compare `checkIntegrity` and `integrityIssues` with.
 *
 * @example
 * expect(integrityIssues(data, true)).toEqual(referenceIntegrity(data));
 */
export function referenceIntegrity(data: ProgramData): DataIssue[] {
  const issues: DataIssue[] = [];
  // The ids of a list (at `path`), each repeated id an issue naming `what` the earlier one was.
  const unique = (list: readonly { id: string }[], path: (string | number)[], what: string): Set<string> => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id))
        issues.push(dataIssue('duplicate-id', [...path, i, 'id'], `duplicates the id of an earlier ${what}`));
      seen.add(item.id);
    });
    return seen;
  };
  const ids = (list: readonly { id: string }[], key: string): Set<string> =>
    unique(list, [key], `${key} entry`);
  const orgs = ids(data.organizations, 'organizations');
  const coaches = ids(data.coaches, 'coaches');
  const peers = ids(data.peers, 'peers');
  const enrolments = ids(data.enrolments, 'enrolments');
  const plans = ids(data.plans, 'plans');
  ids(data.contacts, 'contacts');
  ids(data.messages, 'messages');
  const referrals = ids(data.referrals, 'referrals');
  ids(data.consents, 'consents');
  ids(data.assessments, 'assessments');

  const ref = (set: Set<string>, value: string | undefined, path: (string | number)[], what: string) => {
    if (value !== undefined && !set.has(value))
      issues.push(dataIssue('unknown-reference', path, `refers to no known ${what}`));
  };
  const forward = (from: string, to: string | undefined, path: (string | number)[]) => {
    if (to !== undefined && to < from)
      issues.push(dataIssue('period-reversed', path, 'ends before it starts'));
  };
  const ordered = (dates: readonly string[], path: (string | number)[]) => {
    for (let i = 1; i < dates.length; i++) {
      if ((dates[i] as string) < (dates[i - 1] as string)) {
        issues.push(dataIssue('not-in-order', [...path, i], 'is earlier than the entry before it'));
      }
    }
  };

  data.coaches.forEach((c, i) => {
    unique(c.incidents, ['coaches', i, 'incidents'], 'incident');
    ordered(
      c.statusHistory.map((s) => s.from),
      ['coaches', i, 'statusHistory'],
    );
    if (c.commitment)
      forward(c.commitment.startOn, c.commitment.endOn, ['coaches', i, 'commitment', 'endOn']);
    c.trainings.forEach((t, j) => {
      forward(t.completedOn, t.expiresOn, ['coaches', i, 'trainings', j, 'expiresOn']);
    });
    if (c.backgroundCheck)
      forward(c.backgroundCheck.completedOn, c.backgroundCheck.expiresOn, [
        'coaches',
        i,
        'backgroundCheck',
        'expiresOn',
      ]);
  });

  const referralOwner = new Map(data.referrals.map((r) => [r.id, r.enrolmentId]));
  data.enrolments.forEach((e, i) => {
    const at = ['enrolments', i];
    ref(peers, e.peerId, [...at, 'peerId'], 'peer');
    ref(orgs, e.referralSource?.organizationId, [...at, 'referralSource', 'organizationId'], 'organization');
    // In start order (ties in record order: the comparator must be consistent for a deterministic report).
    const assignments = [...e.coachAssignments.entries()].sort((a, b) =>
      a[1].from < b[1].from ? -1 : a[1].from > b[1].from ? 1 : a[0] - b[0],
    );
    e.coachAssignments.forEach((a, j) => {
      ref(coaches, a.coachId, [...at, 'coachAssignments', j, 'coachId'], 'coach');
      forward(a.from, a.to, [...at, 'coachAssignments', j, 'to']);
    });
    // Compare each assignment with the latest end of all those that start before it, not only the previous
    // one: an assignment nested in a long earlier one overlaps it too. An open assignment never ends.
    let latestEnd: string | undefined;
    let open = false;
    assignments.forEach(([j, cur]) => {
      if (open || (latestEnd !== undefined && latestEnd >= cur.from))
        issues.push(
          dataIssue(
            'overlapping-periods',
            [...at, 'coachAssignments', j],
            'overlaps another coach assignment',
          ),
        );
      if (cur.to === undefined) open = true;
      else if (latestEnd === undefined || cur.to > latestEnd) latestEnd = cur.to;
    });
    ordered(
      e.stages.map((s) => s.from),
      [...at, 'stages'],
    );
    if (e.referredOn !== undefined && e.enrolledOn < e.referredOn)
      issues.push(dataIssue('not-in-order', [...at, 'enrolledOn'], 'is earlier than referredOn'));
    e.holds.forEach((h, j) => {
      forward(h.from, h.to, [...at, 'holds', j, 'to']);
      const prev = j > 0 ? e.holds[j - 1] : undefined;
      if (prev && prev.from <= h.from && (prev.to === undefined || prev.to >= h.from))
        issues.push(dataIssue('overlapping-periods', [...at, 'holds', j], 'overlaps the hold before it'));
    });
    ordered(
      e.holds.map((h) => h.from),
      [...at, 'holds'],
    );
    if (e.exit) {
      forward(e.enrolledOn, e.exit.on, [...at, 'exit', 'on']);
      e.exit.referralsMade.forEach((r, j) => {
        ref(referrals, r, [...at, 'exit', 'referralsMade', j], 'referral');
        const owner = referralOwner.get(r);
        if (owner !== undefined && owner !== e.id)
          issues.push(
            dataIssue(
              'unknown-reference',
              [...at, 'exit', 'referralsMade', j],
              'refers to a referral of another enrolment',
            ),
          );
      });
    }
  });

  const planById = new Map(data.plans.map((p) => [p.id, p]));
  const versions = new Map<string, Set<number>>();
  data.plans.forEach((p, i) => {
    const at = ['plans', i];
    ref(enrolments, p.enrolmentId, [...at, 'enrolmentId'], 'enrolment');
    unique(p.goals, [...at, 'goals'], 'goal of this plan');
    const seen = versions.get(p.enrolmentId) ?? new Set<number>();
    if (seen.has(p.version))
      issues.push(
        dataIssue('plan-chain-broken', [...at, 'version'], 'repeats a version number of this enrolment'),
      );
    seen.add(p.version);
    versions.set(p.enrolmentId, seen);
    if (p.replaces === undefined) {
      if (p.version !== 1)
        issues.push(
          dataIssue('plan-chain-broken', [...at, 'replaces'], 'is required for a version after the first'),
        );
    } else {
      ref(plans, p.replaces, [...at, 'replaces'], 'plan version');
      const prev = planById.get(p.replaces);
      if (prev && (prev.enrolmentId !== p.enrolmentId || prev.version !== p.version - 1))
        issues.push(
          dataIssue(
            'plan-chain-broken',
            [...at, 'replaces'],
            'must name the previous version of the same enrolment',
          ),
        );
    }
  });

  data.contacts.forEach((c, i) => {
    ref(enrolments, c.enrolmentId, ['contacts', i, 'enrolmentId'], 'enrolment');
    ref(coaches, c.coachId, ['contacts', i, 'coachId'], 'coach');
    if (Date.parse(c.end) < Date.parse(c.start))
      issues.push(dataIssue('period-reversed', ['contacts', i, 'end'], 'ends before it starts'));
  });
  data.messages.forEach((m, i) => {
    ref(enrolments, m.enrolmentId, ['messages', i, 'enrolmentId'], 'enrolment');
    if (m.repliedAt !== undefined && Date.parse(m.repliedAt) < Date.parse(m.receivedAt))
      issues.push(
        dataIssue('period-reversed', ['messages', i, 'repliedAt'], 'is earlier than the message it answers'),
      );
  });
  data.referrals.forEach((r, i) => {
    ref(enrolments, r.enrolmentId, ['referrals', i, 'enrolmentId'], 'enrolment');
  });
  data.consents.forEach((c, i) => {
    ref(peers, c.peerId, ['consents', i, 'peerId'], 'peer');
    ref(enrolments, c.enrolmentId, ['consents', i, 'enrolmentId'], 'enrolment');
    ref(orgs, c.recipientOrganizationId, ['consents', i, 'recipientOrganizationId'], 'organization');
    forward(c.period.start, c.period.end, ['consents', i, 'period', 'end']);
    forward(c.signedOn, c.revokedOn, ['consents', i, 'revokedOn']);
  });
  data.assessments.forEach((a, i) => {
    ref(enrolments, a.enrolmentId, ['assessments', i, 'enrolmentId'], 'enrolment');
  });
  return issues;
}

/**
 * The enrolment-date warnings as they were written before their fast path (a copy of each instant's written date, a
 * path per record): the reference the tests compare `checkEnrolmentDates` with.
 *
 * @example
 * expect(checkEnrolmentDates(data)).toEqual(referenceEnrolmentDates(data));
 */
export function referenceEnrolmentDates(data: ProgramData): DataIssue[] {
  const issues: DataIssue[] = [];
  const bounds = enrolmentBounds(data);
  const warn = (path: (string | number)[], text: string) =>
    issues.push({ ...dataIssue('outside-enrolment', path, text), severity: 'warning' });
  const checkInstant = (enrolmentId: string, instant: string, path: (string | number)[], what: string) => {
    const b = bounds.get(enrolmentId);
    if (b === undefined) return;
    const written = instant.slice(0, 10);
    if (written > b.safeFrom && written < b.safeTo) return;
    const ms = Date.parse(instant);
    if (ms < b.fromMs) warn(path, `${what} is before the enrolment starts (enrolledOn)`);
    else if (ms > b.toMs) warn(path, `${what} is after the enrolment ends (exit.on)`);
  };
  data.contacts.forEach((c, i) => {
    checkInstant(c.enrolmentId, c.start, ['contacts', i, 'start'], 'the contact');
  });
  data.plans.forEach((p, i) => {
    const b = bounds.get(p.enrolmentId);
    if (b === undefined) return;
    if (p.createdOn < b.from)
      warn(['plans', i, 'createdOn'], 'the plan version is before the enrolment starts (enrolledOn)');
    else if (b.to !== undefined && p.createdOn > b.to)
      warn(['plans', i, 'createdOn'], 'the plan version is after the enrolment ends (exit.on)');
  });
  data.messages.forEach((m, i) => {
    checkInstant(m.enrolmentId, m.receivedAt, ['messages', i, 'receivedAt'], 'the message');
  });
  return issues;
}

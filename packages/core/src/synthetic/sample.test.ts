import { readFileSync } from 'node:fs';
import { tzOffset } from '@date-fns/tz';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProgramData } from '../model/domain';
import { parseProgramDataJson } from '../model/parse';
import { addMonths, createBusinessDays, formatDay, parseDay, weekday } from './time';

// The hand-written sample of examples/sample-program: these tests pin the situations its README lists.
const file = new URL('../../../../examples/sample-program/program.json', import.meta.url);
const ZONE = 'America/Los_Angeles';

let data: ProgramData;
beforeAll(() => {
  const result = parseProgramDataJson(readFileSync(file, 'utf8'));
  if (!result.success) throw new Error(result.issues.map((i) => i.message).join('\n'));
  data = result.data;
});

const localDate = (instant: string) => instant.slice(0, 10);
const days = (from: string, to: string) => parseDay(to) - parseDay(from);
const plan = (id: string) => {
  const p = data.plans.find((x) => x.id === id);
  if (p === undefined) throw new Error(`no plan ${id}`);
  return p;
};
const enrolment = (id: string) => {
  const e = data.enrolments.find((x) => x.id === id);
  if (e === undefined) throw new Error(`no enrolment ${id}`);
  return e;
};
const coach = (id: string) => {
  const c = data.coaches.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no coach ${id}`);
  return c;
};

function allInstants(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) out.push(value);
  else if (Array.isArray(value)) for (const v of value) allInstants(v, out);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) allInstants(v, out);
  return out;
}

describe('examples/sample-program/program.json', () => {
  it('is a valid program document (schema and integrity) of Recovery Connect (sample)', () => {
    expect(data.program.name).toBe('Recovery Connect (sample)');
    expect(data.program.timeZone).toBe(ZONE);
    expect(data.program.rulePack).toBe('srp-recovery-connect');
    expect(data.coaches).toHaveLength(3);
    expect(data.peers).toHaveLength(6);
    expect(data.enrolments).toHaveLength(6);
  });

  it('writes every instant with the Los Angeles offset in force at that instant, within 2026-01-01..2026-11-20', () => {
    const instants = allInstants(data);
    expect(instants.length).toBeGreaterThan(150);
    for (const t of instants) {
      const m = /([+-])(\d\d):(\d\d)$/.exec(t) as RegExpExecArray;
      const offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
      expect(offset, t).toBe(tzOffset(ZONE, new Date(t)));
      expect(localDate(t) >= '2026-01-01' && localDate(t) <= '2026-11-20', t).toBe(true);
    }
  });

  it('enr-001: first plan signed on the 30th day, 2026-03-02 23:59 local (2026-03-03 in UTC)', () => {
    expect(enrolment('enr-001').enrolledOn).toBe('2026-01-31');
    const signed = plan('plan-001-1').signedByPeerAt as string;
    expect(signed).toBe('2026-03-02T23:59:00-08:00');
    expect(days('2026-01-31', localDate(signed))).toBe(30);
    expect(new Date(signed).toISOString().slice(0, 10)).toBe('2026-03-03');
    expect(plan('plan-001-1').goals).toHaveLength(3);
  });

  it('enr-002: first plan 9 days late, second version late, third on time', () => {
    const e = enrolment('enr-002');
    const due = formatDay(parseDay(e.enrolledOn) + 30);
    expect(due).toBe('2026-03-12');
    const v1 = localDate(plan('plan-002-1').signedByPeerAt as string);
    expect(days(due, v1)).toBe(9);
    const due2 = formatDay(addMonths(parseDay(v1), 3));
    expect(due2).toBe('2026-06-21');
    const v2 = localDate(plan('plan-002-2').signedByPeerAt as string);
    expect(v2).toBe('2026-07-08');
    expect(v2 > due2).toBe(true);
    const v3 = localDate(plan('plan-002-3').signedByPeerAt as string);
    expect(v3 <= formatDay(addMonths(parseDay(v2), 3))).toBe(true);
  });

  it('enr-003: first plan with only 2 goals; later versions have at least 3', () => {
    expect(plan('plan-003-1').goals).toHaveLength(2);
    for (const p of data.plans.filter((x) => x.enrolmentId === 'enr-003' && x.version > 1))
      expect(p.goals.length).toBeGreaterThanOrEqual(3);
  });

  it('misses in-person contact only in May 2026 (enr-003) and August 2026 (enr-006), by local month', () => {
    const missed: string[] = [];
    for (const e of data.enrolments) {
      const lastMonth = (e.exit?.on ?? '2026-10-31').slice(0, 7);
      const inPerson = new Set(
        data.contacts
          .filter((c) => c.enrolmentId === e.id && c.mode === 'in-person')
          .map((c) => c.start.slice(0, 7)),
      );
      for (
        let d = parseDay(`${e.enrolledOn.slice(0, 7)}-01`);
        formatDay(d).slice(0, 7) <= lastMonth;
        d = addMonths(d, 1)
      ) {
        const month = formatDay(d).slice(0, 7);
        if (!inPerson.has(month)) missed.push(`${e.id} ${month}`);
      }
    }
    expect(missed).toEqual(['enr-003 2026-05', 'enr-006 2026-08']);
    const may = data.contacts.filter((c) => c.enrolmentId === 'enr-003' && c.start.startsWith('2026-05'));
    expect(may.length).toBeGreaterThan(0);
    expect(may.every((c) => c.mode === 'phone')).toBe(true);
  });

  it("enr-002: June's only in-person contact starts 23:30 local on 30 June, which is 1 July in UTC", () => {
    const june = data.contacts.filter(
      (c) => c.enrolmentId === 'enr-002' && c.mode === 'in-person' && c.start.startsWith('2026-06'),
    );
    expect(june.map((c) => c.id)).toEqual(['con-025']);
    expect(june[0]?.start).toBe('2026-06-30T23:30:00-07:00');
    expect(new Date(june[0]?.start as string).toISOString().slice(0, 10)).toBe('2026-07-01');
  });

  it('messages: Memorial Day weekend reply on time, one late reply, one never replied', () => {
    const business = createBusinessDays(data.program.calendar);
    const m = (id: string) => data.messages.find((x) => x.id === id);
    const memorial = m('msg-004');
    const memorialReply = memorial?.repliedAt ?? '';
    expect(memorial?.receivedAt).toBe('2026-05-22T18:30:00-07:00');
    expect(weekday(parseDay('2026-05-22'))).toBe(5);
    expect(formatDay(business.after(parseDay('2026-05-22'), 1))).toBe('2026-05-26');
    expect(localDate(memorialReply)).toBe('2026-05-26');
    expect(Number(memorialReply.slice(11, 13))).toBeLessThan(12);
    const late = m('msg-005');
    const lateDue = formatDay(business.after(parseDay(localDate(late?.receivedAt as string)), 1));
    expect(lateDue).toBe('2026-06-10');
    expect(localDate(late?.repliedAt as string) > lateDue).toBe(true);
    expect(m('msg-006')?.repliedAt).toBeUndefined();
    const others = data.messages.filter((x) => !['msg-004', 'msg-005', 'msg-006'].includes(x.id));
    for (const x of others) {
      const due = formatDay(business.after(parseDay(localDate(x.receivedAt)), 1));
      expect(localDate(x.repliedAt as string) <= due, x.id).toBe(true);
    }
  });

  it('has contacts on both sides of both daylight-saving changes', () => {
    const starts = data.contacts.map((c) => c.start);
    expect(starts).toContain('2026-03-06T17:00:00-08:00');
    expect(starts).toContain('2026-03-08T14:00:00-07:00');
    expect(starts).toContain('2026-10-31T11:00:00-07:00');
    expect(starts).toContain('2026-11-01T01:30:00-08:00');
  });

  it('logs one excluded activity (drug testing) and advocacy with and without permission', () => {
    expect(data.contacts.filter((c) => c.activities.includes('drug-testing')).map((c) => c.id)).toEqual([
      'con-036',
    ]);
    const advocacy = data.contacts.filter((c) => c.activities.includes('advocacy'));
    expect(advocacy.map((c) => [c.id, c.actingOnBehalfWithPermission])).toEqual([
      ['con-021', false],
      ['con-052', true],
    ]);
  });

  it('has three contacts without progress notes', () => {
    expect(data.contacts.filter((c) => !c.progressNote).map((c) => c.id)).toEqual([
      'con-003',
      'con-024',
      'con-058',
    ]);
  });

  it('coach-01 background check expires in the period; coach-02 gives written notice and leaves on 2026-07-15', () => {
    expect(coach('coach-01').backgroundCheck?.expiresOn).toBe('2026-10-15');
    const c2 = coach('coach-02').statusHistory;
    expect(c2.find((s) => s.status === 'on-notice')?.writtenNoticeOn).toBe('2026-06-30');
    expect(c2.find((s) => s.status === 'withdrawn')?.from).toBe('2026-07-15');
    expect(enrolment('enr-004').coachAssignments).toEqual([
      { coachId: 'coach-02', from: '2026-03-02', to: '2026-07-14' },
      { coachId: 'coach-03', from: '2026-07-15' },
    ]);
    expect(enrolment('enr-006').coachAssignments).toEqual([
      { coachId: 'coach-02', from: '2026-03-16', to: '2026-07-14' },
    ]);
    expect(data.contacts.some((c) => c.coachId === 'coach-02' && localDate(c.start) >= '2026-07-15')).toBe(
      false,
    );
  });

  it('enr-005: discontinued with a continuity referral; no consent names its hospital, and no notice was sent', () => {
    const e = enrolment('enr-005');
    expect(e.exit?.kind).toBe('discontinued');
    expect(e.exit?.reason).toBe('guidelines-breach');
    expect(e.exit?.referralSourceNoticeSentOn).toBeUndefined();
    const source = e.referralSource?.organizationId;
    expect(data.organizations.find((o) => o.id === source)?.kind).toBe('hospital');
    const refs = data.referrals.filter((r) => e.exit?.referralsMade.includes(r.id));
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((r) => r.forContinuity === true)).toBe(true);
    const releases = data.consents.filter(
      (c) => c.peerId === e.peerId && c.kind === 'release-of-information',
    );
    expect(releases.length).toBeGreaterThan(0);
    expect(releases.some((c) => c.recipientOrganizationId === source)).toBe(false);
  });

  it('enr-006: discontinued, and the notice was sent under a consent naming its referral source', () => {
    const e = enrolment('enr-006');
    expect(e.exit?.kind).toBe('discontinued');
    expect(e.exit?.referralSourceNoticeSentOn).toBe('2026-09-03');
    const consent = data.consents.find(
      (c) =>
        c.peerId === e.peerId &&
        c.recipientOrganizationId === e.referralSource?.organizationId &&
        c.purposes.includes('discontinuation-notice'),
    );
    expect(consent?.signedOn).toBe('2026-03-16');
  });

  it('has a follow-up BARC-10 with a missing answer (enr-002) and a missed follow-up (enr-004)', () => {
    const barc = data.assessments.filter((a) => a.instrument === 'barc-10');
    const missing = barc.filter((a) => Object.values(a.answers).includes(null));
    expect(missing.map((a) => [a.id, a.enrolmentId, a.completedOn])).toEqual([
      ['asmt-007', 'enr-002', '2026-08-11'],
    ]);
    expect(data.assessments.filter((a) => a.enrolmentId === 'enr-004').map((a) => a.completedOn)).toEqual([
      '2026-03-10',
      '2026-03-10',
    ]);
  });
});

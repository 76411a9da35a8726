import { describe, expect, it } from 'vitest';
import type { Coach } from '../model/domain';
import type { CoachStatus } from '../model/vocabulary';
import {
  type CoachEvent,
  type CoachEventType,
  type CoachState,
  canAssignPeer,
  coachStatusAt,
  isTerminalCoachStatus,
  transitionCoach,
} from './coach';

const STATUSES: CoachStatus[] = ['applicant', 'active', 'on-notice', 'withdrawn', 'removed'];
const EVENT_TYPES: CoachEventType[] = ['approve', 'give-notice', 'withdraw', 'remove', 'reinstate'];

function stateOf(status: CoachStatus, since: string): CoachState {
  if (status === 'on-notice') return { status, since, writtenNoticeOn: since };
  if (status === 'removed') return { status, since, reason: 'guidelines-breach' };
  return { status, since };
}

function eventOf(type: CoachEventType, at: string): CoachEvent {
  switch (type) {
    case 'approve':
    case 'reinstate':
      return { type, at, eligible: true };
    case 'give-notice':
      return { type, at, writtenNoticeOn: at };
    case 'remove':
      return { type, at, reason: 'boundary-violation' };
    default:
      return { type, at };
  }
}

// The allowed transitions, written out by hand from the specification.
const ALLOWED: Record<string, CoachStatus> = {
  'applicant/approve': 'active',
  'applicant/withdraw': 'withdrawn',
  'applicant/remove': 'removed',
  'active/give-notice': 'on-notice',
  'active/withdraw': 'withdrawn',
  'active/remove': 'removed',
  'on-notice/withdraw': 'withdrawn',
  'on-notice/remove': 'removed',
  'on-notice/reinstate': 'active',
  'withdrawn/remove': 'removed',
  'withdrawn/reinstate': 'active',
};

describe('transitionCoach: allowed transitions', () => {
  it('approves an eligible applicant', () => {
    expect(
      transitionCoach(
        { status: 'applicant', since: '2025-01-05' },
        { type: 'approve', at: '2025-01-15', eligible: true },
      ),
    ).toEqual({ success: true, issues: [], data: { status: 'active', since: '2025-01-15' } });
  });

  it('records written notice', () => {
    expect(
      transitionCoach(
        { status: 'active', since: '2025-01-15' },
        { type: 'give-notice', at: '2026-05-01', writtenNoticeOn: '2026-04-30' },
      ),
    ).toEqual({
      success: true,
      issues: [],
      data: { status: 'on-notice', since: '2026-05-01', writtenNoticeOn: '2026-04-30' },
    });
  });

  it('a coach on notice withdraws and keeps the notice date', () => {
    expect(
      transitionCoach(
        { status: 'on-notice', since: '2026-05-01', writtenNoticeOn: '2026-04-30' },
        { type: 'withdraw', at: '2026-05-31' },
      ),
    ).toEqual({
      success: true,
      issues: [],
      data: { status: 'withdrawn', since: '2026-05-31', writtenNoticeOn: '2026-04-30' },
    });
  });

  it('an active coach may withdraw without notice; the state shows none was given', () => {
    const r = transitionCoach(
      { status: 'active', since: '2025-01-15' },
      { type: 'withdraw', at: '2026-05-31' },
    );
    expect(r).toEqual({ success: true, issues: [], data: { status: 'withdrawn', since: '2026-05-31' } });
  });

  it('an applicant may withdraw', () => {
    const r = transitionCoach(
      { status: 'applicant', since: '2025-01-05' },
      { type: 'withdraw', at: '2025-01-07' },
    );
    expect(r).toEqual({ success: true, issues: [], data: { status: 'withdrawn', since: '2025-01-07' } });
  });

  it.each(['applicant', 'active', 'on-notice', 'withdrawn'] as const)('removes a coach who is %s', (s) => {
    expect(
      transitionCoach(stateOf(s, '2025-06-01'), {
        type: 'remove',
        at: '2026-03-10',
        reason: 'boundary-violation',
        incidentId: 'inc-1',
      }),
    ).toEqual({
      success: true,
      issues: [],
      data: { status: 'removed', since: '2026-03-10', reason: 'boundary-violation', incidentId: 'inc-1' },
    });
  });

  it('removal without an incident id', () => {
    expect(
      transitionCoach(
        { status: 'active', since: '2025-01-15' },
        { type: 'remove', at: '2026-03-10', reason: 'guidelines-breach' },
      ),
    ).toEqual({
      success: true,
      issues: [],
      data: { status: 'removed', since: '2026-03-10', reason: 'guidelines-breach' },
    });
  });

  it.each(['withdrawn', 'on-notice'] as const)('reinstates an eligible coach who is %s', (s) => {
    expect(
      transitionCoach(stateOf(s, '2025-06-01'), { type: 'reinstate', at: '2026-01-10', eligible: true }),
    ).toEqual({ success: true, issues: [], data: { status: 'active', since: '2026-01-10' } });
  });

  it('every combination of state and event gives the specified outcome', () => {
    for (const status of STATUSES) {
      for (const type of EVENT_TYPES) {
        const r = transitionCoach(stateOf(status, '2026-02-01'), eventOf(type, '2026-02-10'));
        const expected = ALLOWED[`${status}/${type}`];
        if (expected !== undefined) {
          expect(r.success, `${status}/${type}`).toBe(true);
          if (r.success) expect(r.data.status).toBe(expected);
        } else {
          expect(r.success, `${status}/${type}`).toBe(false);
          if (!r.success)
            expect(r.issues[0]).toMatchObject({
              code: isTerminalCoachStatus(status) ? 'terminal-state' : 'invalid-transition',
              from: status,
              event: type,
            });
        }
      }
    }
  });
});

describe('transitionCoach: refused transitions', () => {
  it('refuses to approve an ineligible applicant', () => {
    expect(
      transitionCoach(
        { status: 'applicant', since: '2025-01-05' },
        { type: 'approve', at: '2025-01-15', eligible: false },
      ),
    ).toEqual({
      success: false,
      issues: [
        {
          code: 'not-eligible',
          path: ['event', 'eligible'],
          severity: 'error',
          message: 'the coach is not eligible to be approved',
          from: 'applicant',
          event: 'approve',
        },
      ],
    });
  });

  it('refuses to reinstate an ineligible coach', () => {
    const r = transitionCoach(
      { status: 'withdrawn', since: '2025-06-01' },
      { type: 'reinstate', at: '2026-01-10', eligible: false },
    );
    expect(r.success === false && r.issues[0]?.code).toBe('not-eligible');
  });

  it('a removed coach stays removed, whatever the event', () => {
    for (const type of EVENT_TYPES) {
      expect(transitionCoach(stateOf('removed', '2026-03-10'), eventOf(type, '2026-04-01'))).toEqual({
        success: false,
        issues: [
          {
            code: 'terminal-state',
            path: ['state', 'status'],
            severity: 'error',
            message: 'a removed coach stays removed and accepts no further event',
            from: 'removed',
            event: type,
          },
        ],
      });
    }
  });

  it('refuses a written notice dated after the event recording it', () => {
    const r = transitionCoach(
      { status: 'active', since: '2025-01-15' },
      { type: 'give-notice', at: '2026-05-01', writtenNoticeOn: '2026-05-02' },
    );
    expect(r).toEqual({
      success: false,
      issues: [
        {
          code: 'invalid-notice-date',
          path: ['event', 'writtenNoticeOn'],
          severity: 'error',
          message: 'the written notice is dated after the event that records it',
          from: 'active',
          event: 'give-notice',
        },
      ],
    });
  });

  it('refuses a written notice dated before the coach became active', () => {
    const r = transitionCoach(
      { status: 'active', since: '2025-01-15' },
      { type: 'give-notice', at: '2026-05-01', writtenNoticeOn: '2025-01-14' },
    );
    expect(r.success === false && r.issues[0]?.code).toBe('date-before-state');
  });

  it('refuses a written notice date that is not a calendar date', () => {
    const r = transitionCoach(
      { status: 'active', since: '2025-01-15' },
      { type: 'give-notice', at: '2026-05-01', writtenNoticeOn: '2026-04-31' },
    );
    expect(r.success === false && r.issues[0]?.code).toBe('invalid-date');
  });

  it('refuses giving notice twice', () => {
    const r = transitionCoach(stateOf('on-notice', '2026-05-01'), eventOf('give-notice', '2026-05-02'));
    expect(r).toEqual({
      success: false,
      issues: [
        {
          code: 'invalid-transition',
          path: ['event', 'type'],
          severity: 'error',
          message: 'a coach who is on-notice cannot be given notice',
          from: 'on-notice',
          event: 'give-notice',
        },
      ],
    });
  });

  it('refuses an event dated before the state began', () => {
    const r = transitionCoach(
      { status: 'active', since: '2025-01-15' },
      { type: 'withdraw', at: '2025-01-14' },
    );
    expect(r).toEqual({
      success: false,
      issues: [
        {
          code: 'date-before-state',
          path: ['event', 'at'],
          severity: 'error',
          message: 'the event is dated before the coach became active',
          from: 'active',
          event: 'withdraw',
        },
      ],
    });
  });

  it('refuses an event dated after asOf, and an invalid event date', () => {
    const a = transitionCoach(
      { status: 'active', since: '2025-01-15' },
      { type: 'withdraw', at: '2025-02-01' },
      '2025-01-31',
    );
    expect(a.success === false && a.issues[0]?.code).toBe('date-after-as-of');
    const b = transitionCoach(
      { status: 'active', since: '2025-01-15' },
      { type: 'withdraw', at: '20250201' },
    );
    expect(b.success === false && b.issues[0]?.code).toBe('invalid-date');
  });
});

describe('canAssignPeer', () => {
  it('only an active coach may take a new peer', () => {
    expect(canAssignPeer({ status: 'active', since: '2025-01-15' })).toEqual({
      success: true,
      data: { status: 'active', since: '2025-01-15' },
      issues: [],
    });
  });

  it.each([
    ['applicant', 'coach-not-approved'],
    ['on-notice', 'coach-on-notice'],
    ['withdrawn', 'coach-withdrawn'],
    ['removed', 'coach-removed'],
  ] as const)('a coach who is %s cannot (%s)', (status, code) => {
    const r = canAssignPeer(stateOf(status, '2025-06-01'));
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.issues).toEqual([
        { code, path: ['state', 'status'], severity: 'error', message: expect.stringMatching(/.{10}/) },
      ]);
    }
  });

  it('a coach with no recorded status cannot', () => {
    expect(canAssignPeer(undefined)).toMatchObject({
      success: false,
      issues: [{ code: 'coach-not-recorded', path: ['state', 'status'] }],
    });
  });
});

const coach: Coach = {
  id: 'coach-1',
  personalProgramAttested: true,
  trainings: [],
  agreements: {},
  statusHistory: [
    { status: 'applicant', from: '2025-01-05' },
    { status: 'active', from: '2025-01-15' },
  ],
  incidents: [],
};

describe('coachStatusAt', () => {
  it('is undefined before the first history entry', () => {
    expect(coachStatusAt(coach, '2025-01-04')).toBeUndefined();
  });

  it('is the latest entry on or before asOf', () => {
    expect(coachStatusAt(coach, '2025-01-05')).toEqual({ status: 'applicant', since: '2025-01-05' });
    expect(coachStatusAt(coach, '2025-01-14')).toEqual({ status: 'applicant', since: '2025-01-05' });
    expect(coachStatusAt(coach, '2025-01-15')).toEqual({ status: 'active', since: '2025-01-15' });
  });

  it('a repeated status keeps the date the run began', () => {
    const c: Coach = {
      ...coach,
      statusHistory: [...coach.statusHistory, { status: 'active', from: '2026-01-15' }],
    };
    expect(coachStatusAt(c, '2026-02-01')).toEqual({ status: 'active', since: '2025-01-15' });
  });

  it('carries the written notice into on-notice and withdrawn', () => {
    const c: Coach = {
      ...coach,
      statusHistory: [
        ...coach.statusHistory,
        { status: 'on-notice', from: '2026-05-01', writtenNoticeOn: '2026-04-30' },
        { status: 'withdrawn', from: '2026-05-31' },
      ],
    };
    expect(coachStatusAt(c, '2026-05-10')).toEqual({
      status: 'on-notice',
      since: '2026-05-01',
      writtenNoticeOn: '2026-04-30',
    });
    expect(coachStatusAt(c, '2026-06-01')).toEqual({
      status: 'withdrawn',
      since: '2026-05-31',
      writtenNoticeOn: '2026-04-30',
    });
  });

  it('withdrawn without notice has no notice date', () => {
    const c: Coach = {
      ...coach,
      statusHistory: [...coach.statusHistory, { status: 'withdrawn', from: '2026-05-31' }],
    };
    expect(coachStatusAt(c, '2026-06-01')).toEqual({ status: 'withdrawn', since: '2026-05-31' });
  });

  it('a boundary violation removes the coach from its date even when the history is silent', () => {
    const c: Coach = {
      ...coach,
      incidents: [
        { id: 'inc-0', on: '2025-06-01', kind: 'guidelines-breach' },
        { id: 'inc-2', on: '2026-04-01', kind: 'boundary-violation' },
        { id: 'inc-1', on: '2026-03-10', kind: 'boundary-violation' },
      ],
    };
    expect(coachStatusAt(c, '2025-07-01')).toEqual({ status: 'active', since: '2025-01-15' });
    expect(coachStatusAt(c, '2026-03-09')).toEqual({ status: 'active', since: '2025-01-15' });
    expect(coachStatusAt(c, '2026-03-10')).toEqual({
      status: 'removed',
      since: '2026-03-10',
      reason: 'boundary-violation',
      incidentId: 'inc-1',
    });
    expect(coachStatusAt(c, '2027-01-01')).toMatchObject({ since: '2026-03-10', incidentId: 'inc-1' });
  });

  it('a boundary violation before the first history entry still removes', () => {
    const c: Coach = { ...coach, incidents: [{ id: 'inc-1', on: '2025-01-01', kind: 'boundary-violation' }] };
    expect(coachStatusAt(c, '2025-01-02')).toMatchObject({ status: 'removed', since: '2025-01-01' });
  });

  it('removal is final: later history entries are ignored', () => {
    const c: Coach = {
      ...coach,
      statusHistory: [
        ...coach.statusHistory,
        { status: 'removed', from: '2026-01-01' },
        { status: 'active', from: '2026-06-01' },
      ],
    };
    expect(coachStatusAt(c, '2026-07-01')).toEqual({ status: 'removed', since: '2026-01-01' });
  });

  it('the earlier of a removal entry and a violation wins', () => {
    const c: Coach = {
      ...coach,
      statusHistory: [...coach.statusHistory, { status: 'removed', from: '2026-01-01' }],
      incidents: [{ id: 'inc-1', on: '2026-02-01', kind: 'boundary-violation' }],
    };
    expect(coachStatusAt(c, '2026-03-01')).toEqual({ status: 'removed', since: '2026-01-01' });
    const d: Coach = { ...c, incidents: [{ id: 'inc-1', on: '2025-12-01', kind: 'boundary-violation' }] };
    expect(coachStatusAt(d, '2026-03-01')).toMatchObject({ since: '2025-12-01', incidentId: 'inc-1' });
  });

  it('reads an unordered history by date', () => {
    const c: Coach = { ...coach, statusHistory: [...coach.statusHistory].reverse() };
    expect(coachStatusAt(c, '2025-02-01')).toEqual({ status: 'active', since: '2025-01-15' });
  });

  it('is undefined for an asOf that is not a calendar date', () => {
    expect(coachStatusAt(coach, 'not a date')).toBeUndefined();
  });
});

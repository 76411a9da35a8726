import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Enrolment } from '../model/domain';
import {
  assignedCoachAt,
  completedEnrolmentDocuments,
  ENROLMENT_DOCUMENTS,
  ENROLMENT_STATUSES,
  type EnrolmentEvent,
  type EnrolmentEventType,
  type EnrolmentState,
  type EnrolmentStatus,
  enrolmentStateAt,
  isTerminalEnrolmentStatus,
  transitionEnrolment,
} from './enrolment';

const ALL_DOCS = [...ENROLMENT_DOCUMENTS];

function stateOf(status: EnrolmentStatus, since: string): EnrolmentState {
  switch (status) {
    case 'on-hold':
      return { status, since, reason: 'peer-request', resumesTo: 'active' };
    case 'discontinued':
      return { status, since, reason: 'lost-contact' };
    default:
      return { status, since };
  }
}

function eventOf(type: EnrolmentEventType, at: string): EnrolmentEvent {
  switch (type) {
    case 'activate':
      return { type, at, completedDocuments: ALL_DOCS };
    case 'hold':
      return { type, at, reason: 'inpatient-treatment' };
    case 'discontinue':
      return { type, at, reason: 'peer-request' };
    default:
      return { type, at };
  }
}

const EVENT_TYPES: EnrolmentEventType[] = [
  'enrol',
  'activate',
  'hold',
  'resume',
  'discontinue',
  'complete',
  'transfer',
];

// The allowed transitions, written out by hand from the specification.
const ALLOWED: Record<string, EnrolmentStatus> = {
  'referred/enrol': 'enrolled',
  'referred/discontinue': 'discontinued',
  'enrolled/activate': 'active',
  'enrolled/hold': 'on-hold',
  'enrolled/discontinue': 'discontinued',
  'enrolled/transfer': 'transferred',
  'active/hold': 'on-hold',
  'active/discontinue': 'discontinued',
  'active/complete': 'completed',
  'active/transfer': 'transferred',
  'on-hold/resume': 'active',
  'on-hold/discontinue': 'discontinued',
  'on-hold/transfer': 'transferred',
};

describe('transitionEnrolment: allowed transitions', () => {
  it('referred -> enrolled on enrol', () => {
    expect(
      transitionEnrolment({ status: 'referred', since: '2026-01-20' }, { type: 'enrol', at: '2026-01-31' }),
    ).toEqual({ success: true, issues: [], data: { status: 'enrolled', since: '2026-01-31' } });
  });

  it('enrolled -> active on activate when all required documents are complete', () => {
    expect(
      transitionEnrolment(
        { status: 'enrolled', since: '2026-01-31' },
        { type: 'activate', at: '2026-02-03', completedDocuments: ALL_DOCS },
      ),
    ).toEqual({ success: true, issues: [], data: { status: 'active', since: '2026-02-03' } });
  });

  it('activate honours a program that requires fewer documents', () => {
    expect(
      transitionEnrolment(
        { status: 'enrolled', since: '2026-01-31' },
        {
          type: 'activate',
          at: '2026-02-03',
          completedDocuments: ['application'],
          requiredDocuments: ['application'],
        },
      ),
    ).toEqual({ success: true, issues: [], data: { status: 'active', since: '2026-02-03' } });
  });

  it('enrolled -> on-hold remembers to resume to enrolled', () => {
    expect(
      transitionEnrolment(
        { status: 'enrolled', since: '2026-01-31' },
        { type: 'hold', at: '2026-02-01', reason: 'incarceration' },
      ),
    ).toEqual({
      success: true,
      issues: [],
      data: { status: 'on-hold', since: '2026-02-01', reason: 'incarceration', resumesTo: 'enrolled' },
    });
  });

  it('active -> on-hold remembers to resume to active', () => {
    expect(
      transitionEnrolment(
        { status: 'active', since: '2026-02-03' },
        { type: 'hold', at: '2026-03-02', reason: 'inpatient-treatment' },
      ),
    ).toEqual({
      success: true,
      issues: [],
      data: { status: 'on-hold', since: '2026-03-02', reason: 'inpatient-treatment', resumesTo: 'active' },
    });
  });

  it('on-hold -> the state the hold began in, on resume', () => {
    expect(
      transitionEnrolment(
        { status: 'on-hold', since: '2026-03-02', reason: 'peer-request', resumesTo: 'active' },
        { type: 'resume', at: '2026-03-21' },
      ),
    ).toEqual({ success: true, issues: [], data: { status: 'active', since: '2026-03-21' } });
    expect(
      transitionEnrolment(
        { status: 'on-hold', since: '2026-03-02', reason: 'peer-request', resumesTo: 'enrolled' },
        { type: 'resume', at: '2026-03-21' },
      ),
    ).toEqual({ success: true, issues: [], data: { status: 'enrolled', since: '2026-03-21' } });
  });

  it.each(['referred', 'enrolled', 'active', 'on-hold'] as const)(
    '%s -> discontinued with the reason',
    (s) => {
      expect(
        transitionEnrolment(stateOf(s, '2026-02-01'), {
          type: 'discontinue',
          at: '2026-05-02',
          reason: 'guidelines-breach',
        }),
      ).toEqual({
        success: true,
        issues: [],
        data: { status: 'discontinued', since: '2026-05-02', reason: 'guidelines-breach' },
      });
    },
  );

  it('active -> completed', () => {
    expect(
      transitionEnrolment({ status: 'active', since: '2026-02-03' }, { type: 'complete', at: '2027-02-03' }),
    ).toEqual({ success: true, issues: [], data: { status: 'completed', since: '2027-02-03' } });
  });

  it.each(['enrolled', 'active', 'on-hold'] as const)('%s -> transferred', (s) => {
    expect(transitionEnrolment(stateOf(s, '2026-02-01'), { type: 'transfer', at: '2026-06-01' })).toEqual({
      success: true,
      issues: [],
      data: { status: 'transferred', since: '2026-06-01' },
    });
  });

  it('accepts an event on the same day the state began', () => {
    const r = transitionEnrolment(
      { status: 'referred', since: '2026-01-31' },
      { type: 'enrol', at: '2026-01-31' },
    );
    expect(r).toEqual({ success: true, issues: [], data: { status: 'enrolled', since: '2026-01-31' } });
  });

  it('accepts an event dated on the asOf date', () => {
    const r = transitionEnrolment(
      { status: 'referred', since: '2026-01-20' },
      { type: 'enrol', at: '2026-01-31' },
      '2026-01-31',
    );
    expect(r.success).toBe(true);
  });

  it('every combination of state and event gives the specified outcome', () => {
    for (const status of ENROLMENT_STATUSES) {
      for (const type of EVENT_TYPES) {
        const r = transitionEnrolment(stateOf(status, '2026-02-01'), eventOf(type, '2026-02-10'));
        const expected = ALLOWED[`${status}/${type}`];
        if (expected !== undefined) {
          expect(r.success, `${status}/${type}`).toBe(true);
          if (r.success) expect(r.data.status).toBe(expected);
        } else {
          expect(r.success, `${status}/${type}`).toBe(false);
          if (!r.success)
            expect(r.issues[0]).toMatchObject({
              code: isTerminalEnrolmentStatus(status) ? 'terminal-state' : 'invalid-transition',
              from: status,
              event: type,
            });
        }
      }
    }
  });
});

describe('transitionEnrolment: refused transitions', () => {
  it('refuses activate with missing documents and lists them in model order', () => {
    const r = transitionEnrolment(
      { status: 'enrolled', since: '2026-01-31' },
      {
        type: 'activate',
        at: '2026-02-03',
        completedDocuments: ['confidentialityForms', 'guidelinesAgreement'],
      },
    );
    expect(r).toEqual({
      success: false,
      issues: [
        {
          code: 'prerequisites-incomplete',
          path: ['event', 'completedDocuments'],
          severity: 'error',
          message: 'required enrolment documents are not complete: application, assessments',
          from: 'enrolled',
          event: 'activate',
          missing: ['application', 'assessments'],
        },
      ],
    });
  });

  it('refuses activate when only the non-required documents are complete', () => {
    const r = transitionEnrolment(
      { status: 'enrolled', since: '2026-01-31' },
      {
        type: 'activate',
        at: '2026-02-03',
        completedDocuments: ['application', 'assessments'],
        requiredDocuments: ['confidentialityForms'],
      },
    );
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]?.missing).toEqual(['confidentialityForms']);
  });

  it.each(['discontinued', 'completed', 'transferred'] as const)('%s is terminal: accepts no event', (s) => {
    for (const type of EVENT_TYPES) {
      const r = transitionEnrolment(stateOf(s, '2026-02-01'), eventOf(type, '2026-03-01'));
      expect(r).toEqual({
        success: false,
        issues: [
          {
            code: 'terminal-state',
            path: ['state', 'status'],
            severity: 'error',
            message: `an enrolment that is ${s} accepts no further event`,
            from: s,
            event: type,
          },
        ],
      });
    }
  });

  it('refuses an event dated before the state began', () => {
    const r = transitionEnrolment(
      { status: 'active', since: '2026-02-03' },
      { type: 'complete', at: '2026-02-02' },
    );
    expect(r).toEqual({
      success: false,
      issues: [
        {
          code: 'date-before-state',
          path: ['event', 'at'],
          severity: 'error',
          message: 'the event is dated before the enrolment became active',
          from: 'active',
          event: 'complete',
        },
      ],
    });
  });

  it('refuses an event dated after asOf', () => {
    const r = transitionEnrolment(
      { status: 'active', since: '2026-02-03' },
      { type: 'complete', at: '2026-02-05' },
      '2026-02-04',
    );
    expect(r.success === false && r.issues[0]?.code).toBe('date-after-as-of');
  });

  it('refuses an event whose date is not a calendar date', () => {
    const r = transitionEnrolment(
      { status: 'active', since: '2026-02-03' },
      { type: 'complete', at: '2026-02-30' },
    );
    expect(r.success === false && r.issues[0]?.code).toBe('invalid-date');
  });

  it('refuses an asOf that is not a calendar date', () => {
    const r = transitionEnrolment(
      { status: 'active', since: '2026-02-03' },
      { type: 'complete', at: '2026-02-05' },
      'tomorrow',
    );
    expect(r.success === false && r.issues[0]?.code).toBe('invalid-date');
  });

  it('reports an invalid transition before a date problem', () => {
    const r = transitionEnrolment(
      { status: 'active', since: '2026-02-03' },
      { type: 'enrol', at: '2020-01-01' },
    );
    expect(r).toEqual({
      success: false,
      issues: [
        {
          code: 'invalid-transition',
          path: ['event', 'type'],
          severity: 'error',
          message: 'an enrolment that is active cannot be enrolled',
          from: 'active',
          event: 'enrol',
        },
      ],
    });
  });

  it('reports a date before the state before missing documents', () => {
    const r = transitionEnrolment(
      { status: 'enrolled', since: '2026-01-31' },
      { type: 'activate', at: '2026-01-30', completedDocuments: [] },
    );
    expect(r.success === false && r.issues[0]?.code).toBe('date-before-state');
  });

  it('refuses resume from active and complete from on-hold', () => {
    const a = transitionEnrolment(
      { status: 'active', since: '2026-02-03' },
      { type: 'resume', at: '2026-03-01' },
    );
    expect(a.success === false && a.issues[0]?.code).toBe('invalid-transition');
    const b = transitionEnrolment(stateOf('on-hold', '2026-02-03'), { type: 'complete', at: '2026-03-01' });
    expect(b.success === false && b.issues[0]?.code).toBe('invalid-transition');
  });

  it('never mutates its input', () => {
    const state = Object.freeze({ status: 'enrolled', since: '2026-01-31' } as const);
    const docs = Object.freeze(['application'] as const);
    const event = Object.freeze({ type: 'activate', at: '2026-02-03', completedDocuments: docs } as const);
    expect(() => transitionEnrolment(state, event)).not.toThrow();
    expect(state).toEqual({ status: 'enrolled', since: '2026-01-31' });
  });
});

describe('completedEnrolmentDocuments', () => {
  it('lists the documents dated on or before asOf', () => {
    expect(
      completedEnrolmentDocuments(
        { application: '2026-01-20', assessments: '2026-02-05', confidentialityForms: '2026-01-31' },
        '2026-01-31',
      ),
    ).toEqual(['application', 'confidentialityForms']);
  });
});

const base: Enrolment = {
  id: 'enr-1',
  peerId: 'peer-1',
  referredOn: '2026-01-20',
  enrolledOn: '2026-01-31',
  documents: {
    guidelinesAgreement: '2026-01-31',
    application: '2026-01-31',
    assessments: '2026-02-03',
    confidentialityForms: '2026-01-31',
  },
  coachAssignments: [],
  stages: [],
  holds: [],
};

describe('enrolmentStateAt', () => {
  it('is undefined before the referral, referred until enrolment', () => {
    expect(enrolmentStateAt(base, '2026-01-19')).toBeUndefined();
    expect(enrolmentStateAt(base, '2026-01-20')).toEqual({ status: 'referred', since: '2026-01-20' });
    expect(enrolmentStateAt(base, '2026-01-30')).toEqual({ status: 'referred', since: '2026-01-20' });
  });

  it('is undefined before enrolment without a referral date', () => {
    const { referredOn: _omit, ...noReferral } = base;
    expect(enrolmentStateAt(noReferral, '2026-01-30')).toBeUndefined();
    expect(enrolmentStateAt(noReferral, '2026-01-31')).toEqual({ status: 'enrolled', since: '2026-01-31' });
  });

  it('is enrolled until the last required document, then active from that date', () => {
    expect(enrolmentStateAt(base, '2026-01-31')).toEqual({ status: 'enrolled', since: '2026-01-31' });
    expect(enrolmentStateAt(base, '2026-02-02')).toEqual({ status: 'enrolled', since: '2026-01-31' });
    expect(enrolmentStateAt(base, '2026-02-03')).toEqual({ status: 'active', since: '2026-02-03' });
  });

  it('is active from enrolment when the documents were completed before it', () => {
    const early = { ...base, documents: { ...base.documents, assessments: '2026-01-10' } };
    expect(enrolmentStateAt(early, '2026-01-31')).toEqual({ status: 'active', since: '2026-01-31' });
  });

  it('uses the required documents given', () => {
    const noAssessment = { ...base, documents: { application: '2026-01-31' } };
    expect(enrolmentStateAt(noAssessment, '2026-03-01')).toEqual({ status: 'enrolled', since: '2026-01-31' });
    expect(enrolmentStateAt(noAssessment, '2026-03-01', { requiredDocuments: ['application'] })).toEqual({
      status: 'active',
      since: '2026-01-31',
    });
  });

  it('is on hold within a hold (both ends inclusive) and active again the day after', () => {
    const held: Enrolment = {
      ...base,
      holds: [{ from: '2026-03-02', to: '2026-03-20', reason: 'inpatient-treatment' }],
    };
    expect(enrolmentStateAt(held, '2026-03-01')).toEqual({ status: 'active', since: '2026-02-03' });
    const onHold = {
      status: 'on-hold',
      since: '2026-03-02',
      reason: 'inpatient-treatment',
      resumesTo: 'active',
    };
    expect(enrolmentStateAt(held, '2026-03-02')).toEqual(onHold);
    expect(enrolmentStateAt(held, '2026-03-20')).toEqual(onHold);
    expect(enrolmentStateAt(held, '2026-03-21')).toEqual({ status: 'active', since: '2026-03-21' });
  });

  it('an open hold lasts until the exit', () => {
    const held: Enrolment = {
      ...base,
      holds: [{ from: '2026-03-02', reason: 'incarceration' }],
      exit: { on: '2026-09-01', kind: 'discontinued', reason: 'lost-contact', referralsMade: [] },
    };
    expect(enrolmentStateAt(held, '2026-08-31')).toMatchObject({ status: 'on-hold', since: '2026-03-02' });
    expect(enrolmentStateAt(held, '2026-09-01')).toEqual({
      status: 'discontinued',
      since: '2026-09-01',
      reason: 'lost-contact',
    });
  });

  it('joins holds that touch or overlap into one period, with the latest reason', () => {
    const held: Enrolment = {
      ...base,
      holds: [
        { from: '2026-03-02', to: '2026-03-10', reason: 'inpatient-treatment' },
        { from: '2026-03-11', to: '2026-03-15', reason: 'peer-request' },
        { from: '2026-03-14', to: '2026-03-20', reason: 'other' },
      ],
    };
    expect(enrolmentStateAt(held, '2026-03-12')).toEqual({
      status: 'on-hold',
      since: '2026-03-02',
      reason: 'peer-request',
      resumesTo: 'active',
    });
    expect(enrolmentStateAt(held, '2026-03-16')).toMatchObject({ since: '2026-03-02', reason: 'other' });
    expect(enrolmentStateAt(held, '2026-03-21')).toEqual({ status: 'active', since: '2026-03-21' });
  });

  it('a hold with a gap before the next one ends the period', () => {
    const held: Enrolment = {
      ...base,
      holds: [
        { from: '2026-03-02', to: '2026-03-10', reason: 'inpatient-treatment' },
        { from: '2026-03-12', to: '2026-03-15', reason: 'peer-request' },
      ],
    };
    expect(enrolmentStateAt(held, '2026-03-11')).toEqual({ status: 'active', since: '2026-03-11' });
    expect(enrolmentStateAt(held, '2026-03-12')).toMatchObject({ status: 'on-hold', since: '2026-03-12' });
  });

  it('a hold before activation resumes to enrolled, and activation during a hold shows after it', () => {
    const held: Enrolment = {
      ...base,
      documents: { ...base.documents, assessments: '2026-02-10' },
      holds: [{ from: '2026-02-01', to: '2026-02-15', reason: 'other' }],
    };
    expect(enrolmentStateAt(held, '2026-02-05')).toEqual({
      status: 'on-hold',
      since: '2026-02-01',
      reason: 'other',
      resumesTo: 'enrolled',
    });
    expect(enrolmentStateAt(held, '2026-02-12')).toMatchObject({ status: 'on-hold', resumesTo: 'active' });
    expect(enrolmentStateAt(held, '2026-02-16')).toEqual({ status: 'active', since: '2026-02-16' });
  });

  it('clamps a hold that starts before enrolment to the enrolment date', () => {
    const held: Enrolment = { ...base, holds: [{ from: '2026-01-01', to: '2026-02-05', reason: 'other' }] };
    expect(enrolmentStateAt(held, '2026-02-01')).toMatchObject({ status: 'on-hold', since: '2026-01-31' });
    const before: Enrolment = { ...base, holds: [{ from: '2026-01-01', to: '2026-01-10', reason: 'other' }] };
    expect(enrolmentStateAt(before, '2026-03-01')).toEqual({ status: 'active', since: '2026-02-03' });
  });

  it.each([
    ['completed', undefined, { status: 'completed', since: '2027-01-31' }],
    ['transferred', undefined, { status: 'transferred', since: '2027-01-31' }],
    ['discontinued', undefined, { status: 'discontinued', since: '2027-01-31' }],
    ['discontinued', 'moved', { status: 'discontinued', since: '2027-01-31', reason: 'moved' }],
  ] as const)('exit %s (%s) is the state from the exit date', (kind, reason, expected) => {
    const exited: Enrolment = {
      ...base,
      exit:
        reason === undefined
          ? { on: '2027-01-31', kind, referralsMade: [] }
          : { on: '2027-01-31', kind, reason, referralsMade: [] },
    };
    expect(enrolmentStateAt(exited, '2027-01-30')).toEqual({ status: 'active', since: '2026-02-03' });
    expect(enrolmentStateAt(exited, '2027-01-31')).toEqual(expected);
  });

  it('is undefined for an asOf that is not a calendar date', () => {
    expect(enrolmentStateAt(base, '2026-13-01')).toBeUndefined();
  });
});

describe('assignedCoachAt', () => {
  const e = {
    coachAssignments: [
      { coachId: 'coach-1', from: '2026-01-31', to: '2026-04-30' },
      { coachId: 'coach-2', from: '2026-05-01' },
    ],
  };
  it('returns the coach whose assignment covers the day, both ends inclusive', () => {
    expect(assignedCoachAt(e, '2026-01-30')).toBeUndefined();
    expect(assignedCoachAt(e, '2026-01-31')).toBe('coach-1');
    expect(assignedCoachAt(e, '2026-04-30')).toBe('coach-1');
    expect(assignedCoachAt(e, '2026-05-01')).toBe('coach-2');
    expect(assignedCoachAt(e, '9999-12-31')).toBe('coach-2');
  });
  it('is undefined for a day that is not a calendar date, and after a closed assignment', () => {
    expect(assignedCoachAt(e, '2026-02-30')).toBeUndefined();
    expect(
      assignedCoachAt({ coachAssignments: [e.coachAssignments[0] as never] }, '2026-05-01'),
    ).toBeUndefined();
  });
  test.prop([
    fc.array(fc.tuple(fc.integer({ min: 0, max: 27 }), fc.option(fc.integer({ min: 0, max: 27 })))),
    fc.integer({ min: 0, max: 27 }),
  ])('names a coach exactly when some assignment covers the day, and the first such one', (spans, n) => {
    const day = (k: number) => `2026-03-${String(k + 1).padStart(2, '0')}`;
    const assignments = spans.map(([from, to], i) => ({
      coachId: `c${i}`,
      from: day(Math.min(from, to ?? from)),
      ...(to === null ? {} : { to: day(Math.max(from, to)) }),
    }));
    const asOf = day(n);
    const covering = assignments.filter((a) => a.from <= asOf && (a.to === undefined || a.to >= asOf));
    expect(assignedCoachAt({ coachAssignments: assignments }, asOf)).toBe(covering[0]?.coachId);
  });
});

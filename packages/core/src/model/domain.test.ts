import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { emptyProgramData } from '../testing/builders';
import {
  Assessment,
  BusinessCalendar,
  Coach,
  Consent,
  Contact,
  Enrolment,
  Goal,
  Message,
  Organization,
  Peer,
  PlanVersion,
  PROGRAM_DATA_FORMAT,
  Program,
  ProgramData,
  Referral,
} from './domain';
import { parseWith } from './parse';

/** The issues of parsing `value`, as `code pointer` strings. */
function issues(schema: z.ZodType, value: unknown): string[] {
  const r = parseWith(schema, value);
  return r.success ? [] : r.issues.map((i) => `${i.code} ${i.pointer}`);
}

/** A copy of `base` with the field at `path` set to `value` (or removed when `value` is `DELETE`). */
const DELETE = Symbol('delete');
function withField(base: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let cur = copy;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === DELETE) delete cur[last];
  else cur[last] = value;
  return copy;
}

const calendar = { weekendDays: [0, 6], holidays: ['2026-12-25'], holidaySets: ['us-federal'] };
const program = {
  id: 'srp',
  name: 'Recovery Connect',
  timeZone: 'America/Los_Angeles',
  calendar: { weekendDays: [0, 6], holidays: [] },
  rulePack: 'srp-recovery-connect',
};
const coach = {
  id: 'coach-1',
  name: { given: ['Sam'], family: 'Rivera' },
  telecom: { phone: '555-0100' },
  recoveryStartDate: '2015-03-01',
  personalProgramAttested: true,
  trainings: [{ code: 'core-training', completedOn: '2025-01-10', expiresOn: '2027-01-10' }],
  interview: { completedOn: '2025-01-05' },
  backgroundCheck: { completedOn: '2025-01-06', expiresOn: '2027-01-06' },
  agreements: { volunteer: '2025-01-10', mentorship: '2025-01-10', guidelines: '2025-01-10' },
  commitment: {
    startOn: '2025-01-15',
    endOn: '2026-01-14',
    extensions: [{ agreedOn: '2026-01-02', untilOn: '2027-01-14' }],
  },
  statusHistory: [
    { status: 'applicant', from: '2025-01-02' },
    { status: 'active', from: '2025-01-15' },
    { status: 'on-notice', from: '2026-05-01', writtenNoticeOn: '2026-04-30' },
  ],
  incidents: [{ id: 'inc-1', on: '2025-06-01', kind: 'other-conduct' }],
};
const peer = {
  id: 'peer-1',
  name: { given: ['Alex'], family: 'Doe' },
  gender: 'unknown',
  birthDate: '1990-05-17',
  ageBand: '35-44',
  populations: ['adult-substance-use-disorder'],
  contactPreferences: { channels: ['text'], inPersonLocations: ['recovery-center'] },
};
const enrolment = {
  id: 'enr-1',
  peerId: 'peer-1',
  referredOn: '2026-01-20',
  referralSource: { organizationId: 'county-hospital', kind: 'hospital' },
  enrolledOn: '2026-01-31',
  documents: {
    guidelinesAgreement: '2026-01-31',
    application: '2026-01-31',
    assessments: '2026-01-31',
    confidentialityForms: '2026-01-31',
  },
  coachAssignments: [{ coachId: 'coach-1', from: '2026-01-31', to: '2026-04-30' }],
  stages: [{ stage: 'initiation', from: '2026-01-31' }],
  holds: [{ from: '2026-03-01', to: '2026-03-10', reason: 'inpatient-treatment' }],
  exit: {
    on: '2026-04-30',
    kind: 'discontinued',
    reason: 'lost-contact',
    referralsMade: ['r1'],
    referralSourceNoticeSentOn: '2026-05-02',
  },
};
const goal = {
  id: 'g1',
  description: 'Find stable housing',
  outcome: 'stability-in-housing',
  status: 'in-progress',
};
const plan = {
  id: 'plan-2',
  enrolmentId: 'enr-1',
  version: 2,
  replaces: 'plan-1',
  createdOn: '2026-05-10',
  signedByPeerAt: '2026-05-12T10:00:00-07:00',
  signedByCoachAt: '2026-05-12T10:05:00-07:00',
  recordedAt: '2026-05-12T11:00:00-07:00',
  goals: [goal],
};
const contact = {
  id: 'c1',
  enrolmentId: 'enr-1',
  coachId: 'coach-1',
  start: '2026-02-27T15:00:00-08:00',
  end: '2026-02-27T16:00:00-08:00',
  mode: 'in-person',
  location: 'community-setting',
  activities: ['recovery-support', 'advocacy'],
  actingOnBehalfWithPermission: true,
  progressNote: true,
  note: 'Went to the housing office together.',
  initiatedBy: 'coach',
  billable: true,
  recordedAt: '2026-02-27T18:00:00-08:00',
};
const message = {
  id: 'm1',
  enrolmentId: 'enr-1',
  receivedAt: '2026-03-06T18:30:00-08:00',
  channel: 'voicemail',
  repliedAt: '2026-03-09T09:15:00-07:00',
  replyChannel: 'phone-call',
};
const referral = {
  id: 'r1',
  enrolmentId: 'enr-1',
  kind: 'treatment',
  madeOn: '2026-04-28',
  forContinuity: true,
  status: 'accepted',
};
const consent = {
  id: 'cons-1',
  peerId: 'peer-1',
  enrolmentId: 'enr-1',
  kind: 'release-of-information',
  recipientOrganizationId: 'county-hospital',
  purposes: ['discontinuation-notice', 'referral'],
  signedOn: '2026-01-31',
  period: { start: '2026-01-31', end: '2027-01-31' },
  revokedOn: '2026-06-01',
};
const assessment = {
  id: 'a1',
  enrolmentId: 'enr-1',
  instrument: 'hrqol-4',
  completedOn: '2026-02-01',
  answers: { '1': 3, '2': 4, '3': 10, '4': null },
};
const organization = { id: 'county-hospital', kind: 'hospital', name: 'County Hospital' };
const doc = {
  format: PROGRAM_DATA_FORMAT,
  program,
  organizations: [organization],
  coaches: [coach],
  peers: [peer],
  enrolments: [enrolment],
  plans: [plan],
  contacts: [contact],
  messages: [message],
  referrals: [referral],
  consents: [consent],
  assessments: [assessment],
};

type Case = readonly [(string | number)[], unknown, string[]];

const SCHEMAS: readonly [string, z.ZodType, unknown, unknown, readonly Case[]][] = [
  [
    'BusinessCalendar',
    BusinessCalendar,
    calendar,
    { weekendDays: [], holidays: [] },
    [
      [['weekendDays', 0], 7, ['too-big weekendDays[0]']],
      [['weekendDays', 0], 1.5, ['invalid-type weekendDays[0]']],
      [['weekendDays'], [0, 1, 2, 3, 4, 5, 6], ['too-big weekendDays']],
      [['holidays', 0], '2026-12-32', ['invalid-date holidays[0]']],
      [['holidaySets', 0], 'uk-bank', ['invalid-code holidaySets[0]']],
      [['holidays'], DELETE, ['required holidays']],
    ],
  ],
  [
    'Program',
    Program,
    program,
    { ...program, timeZone: 'UTC' },
    [
      [['timeZone'], 'Mars/Olympus', ['invalid-time-zone timeZone']],
      [['name'], '', ['invalid-format name']],
      [['name'], 'x'.repeat(201), ['too-big name']],
      [['id'], 'srp program', ['invalid-id id']],
      [['rulePack'], 'bad pack', ['invalid-id rulePack']],
      [['calendar'], DELETE, ['required calendar']],
      [['extra'], 1, ['unknown-field extra']],
    ],
  ],
  [
    'Coach',
    Coach,
    coach,
    {
      id: 'c',
      personalProgramAttested: false,
      trainings: [],
      agreements: {},
      statusHistory: [{ status: 'applicant', from: '2025-01-01' }],
      incidents: [],
    },
    [
      [['statusHistory'], [], ['too-small statusHistory']],
      [['statusHistory', 0, 'status'], 'retired', ['invalid-code statusHistory[0].status']],
      [['recoveryStartDate'], '2015-02-30', ['invalid-date recoveryStartDate']],
      [['personalProgramAttested'], 'yes', ['invalid-type personalProgramAttested']],
      [['trainings', 0, 'code'], 'core training', ['invalid-id trainings[0].code']],
      [['incidents', 0, 'kind'], 'lateness', ['invalid-code incidents[0].kind']],
      [['commitment', 'extensions', 0, 'untilOn'], DELETE, ['required commitment.extensions[0].untilOn']],
      [['agreements', 'code-of-conduct'], '2025-01-10', ['unknown-field agreements.code-of-conduct']],
      [['telecom', 'phone'], '', ['too-small telecom.phone']],
    ],
  ],
  [
    'Peer',
    Peer,
    peer,
    { id: 'peer-1', ageBand: '26-34', populations: ['adult-substance-use-disorder'] },
    [
      [['populations'], [], ['too-small populations']],
      [['populations', 0], 'adults', ['invalid-code populations[0]']],
      [['birthDate'], '17/05/1990', ['invalid-date birthDate']],
      [['gender'], 'x', ['invalid-code gender']],
      [['ageBand'], '18-24', ['invalid-code ageBand']],
      [['contactPreferences', 'channels'], DELETE, ['required contactPreferences.channels']],
      [['name', 'given'], 'Alex', ['invalid-type name.given']],
    ],
  ],
  [
    'Enrolment',
    Enrolment,
    enrolment,
    {
      id: 'e',
      peerId: 'p',
      enrolledOn: '2026-01-31',
      documents: {},
      coachAssignments: [],
      stages: [],
      holds: [],
    },
    [
      [['peerId'], 'peer 1', ['invalid-id peerId']],
      [['enrolledOn'], DELETE, ['required enrolledOn']],
      [['documents', 'consent'], '2026-01-31', ['unknown-field documents.consent']],
      [['coachAssignments', 0, 'coachId'], '', ['invalid-id coachAssignments[0].coachId']],
      [['stages', 0, 'stage'], 'recovery', ['invalid-code stages[0].stage']],
      [['holds', 0, 'reason'], DELETE, ['required holds[0].reason']],
      [['exit', 'kind'], 'expelled', ['invalid-code exit.kind']],
      [['exit', 'referralsMade', 0], 'r 1', ['invalid-id exit.referralsMade[0]']],
      [['referralSource', 'kind'], 'police', ['invalid-code referralSource.kind']],
    ],
  ],
  [
    'Goal',
    Goal,
    goal,
    { id: 'g', description: 'x', status: 'proposed' },
    [
      [['description'], '', ['invalid-format description']],
      [['description'], 'x'.repeat(2001), ['too-big description']],
      [['status'], 'done', ['invalid-code status']],
      [['outcome'], 'happiness', ['invalid-code outcome']],
      [['targetDate'], '2026-06', ['invalid-date targetDate']],
    ],
  ],
  [
    'PlanVersion',
    PlanVersion,
    plan,
    { id: 'p', enrolmentId: 'e', version: 1, createdOn: '2026-02-10', goals: [] },
    [
      [['version'], 0, ['too-small version']],
      [['version'], 1.5, ['invalid-type version']],
      [['replaces'], 'plan 1', ['invalid-id replaces']],
      [['signedByPeerAt'], '2026-05-12T10:00:00', ['invalid-instant signedByPeerAt']],
      [['goals', 0, 'id'], DELETE, ['required goals[0].id']],
      [['goals'], DELETE, ['required goals']],
    ],
  ],
  [
    'Contact',
    Contact,
    contact,
    {
      id: 'c',
      enrolmentId: 'e',
      coachId: 'k',
      start: '2026-02-27T15:00:00Z',
      end: '2026-02-27T15:00:00Z',
      mode: 'phone',
      location: 'remote',
      activities: [],
      progressNote: false,
      initiatedBy: 'peer',
    },
    [
      [['mode'], 'carrier-pigeon', ['invalid-code mode']],
      [['location'], 'park', ['invalid-code location']],
      [['activities', 1], 'therapy', ['invalid-code activities[1]']],
      [['start'], '2026-02-27', ['invalid-instant start']],
      [['initiatedBy'], 'family', ['invalid-code initiatedBy']],
      [['note'], '', ['invalid-format note']],
      [['progressNote'], DELETE, ['required progressNote']],
    ],
  ],
  [
    'Message',
    Message,
    message,
    { id: 'm', enrolmentId: 'e', receivedAt: '2026-03-06T18:30:00Z', channel: 'text' },
    [
      [['channel'], 'fax', ['invalid-code channel']],
      [['receivedAt'], DELETE, ['required receivedAt']],
      [['repliedAt'], 'soon', ['invalid-instant repliedAt']],
    ],
  ],
  [
    'Referral',
    Referral,
    referral,
    { id: 'r', enrolmentId: 'e', kind: 'other', madeOn: '2026-05-02' },
    [
      [['kind'], 'dentist', ['invalid-code kind']],
      [['status'], 'pending', ['invalid-code status']],
      [['forContinuity'], 'true', ['invalid-type forContinuity']],
    ],
  ],
  [
    'Consent',
    Consent,
    consent,
    {
      id: 'k',
      peerId: 'p',
      kind: 'confidentiality',
      purposes: [],
      signedOn: '2026-01-31',
      period: { start: '2026-01-31' },
    },
    [
      [['kind'], 'general', ['invalid-code kind']],
      [['purposes', 0], 'marketing', ['invalid-code purposes[0]']],
      [['period', 'start'], DELETE, ['required period.start']],
      [['recipientOrganizationId'], 'County Hospital', ['invalid-id recipientOrganizationId']],
    ],
  ],
  [
    'Assessment',
    Assessment,
    assessment,
    { id: 'a', enrolmentId: 'e', instrument: 'barc-10', completedOn: '2026-02-01', answers: {} },
    [
      [['answers', '2'], '4', ['invalid-type answers.2']],
      [['answers', 'item one'], 3, ['invalid-value answers.?']],
      [['instrument'], 'BARC 10', ['invalid-id instrument']],
    ],
  ],
  [
    'Organization',
    Organization,
    organization,
    { id: 'o', kind: 'self', name: 'O' },
    [
      [['name'], '', ['invalid-format name']],
      [['kind'], 'church', ['invalid-code kind']],
    ],
  ],
  [
    'ProgramData',
    ProgramData,
    doc,
    { ...emptyProgramData(), program },
    [
      [['format'], 'peer-recovery/program-data@2', ['invalid-code format']],
      [['assessments'], DELETE, ['required assessments']],
      [['peers', 0, 'id'], 'peer one', ['invalid-id peers[0].id']],
      [['contacts', 0, 'end'], '2026-02-27', ['invalid-instant contacts[0].end']],
      [['program', 'timeZone'], 'Pacific Time', ['invalid-time-zone program.timeZone']],
      [['patients'], [], ['unknown-field patients']],
    ],
  ],
];

describe.each(SCHEMAS)('%s', (_name, schema, full, minimal, cases) => {
  it('accepts a complete example', () => {
    expect(issues(schema, full)).toEqual([]);
  });

  it('accepts a minimal example (every optional field absent)', () => {
    expect(issues(schema, minimal)).toEqual([]);
  });

  it.each(cases.map(([path, value, expected]) => [path.join('.'), path, value, expected] as const))(
    'reports %s precisely',
    (_label, path, value, expected) => {
      expect(issues(schema, withField(full, path, value))).toEqual(expected);
    },
  );

  it('rejects a non-object', () => {
    expect(issues(schema, 'x')).toEqual(['invalid-type (root)']);
    expect(issues(schema, null)).toEqual(['invalid-type (root)']);
    expect(issues(schema, [])).toEqual(['invalid-type (root)']);
  });

  it('rejects an unknown field', () => {
    expect(issues(schema, { ...(full as object), zzExtra: true })).toEqual(['unknown-field zzExtra']);
  });
});

describe('domain facts', () => {
  it('the format version is stable', () => {
    expect(PROGRAM_DATA_FORMAT).toBe('peer-recovery/program-data@1');
  });

  it('a program may not have every day of the week as weekend', () => {
    expect(
      issues(BusinessCalendar, { weekendDays: [0, 1, 2, 3, 4, 5, 6], holidays: [] }).map(
        (i) => i.split(' ')[0],
      ),
    ).toEqual(['too-big']);
  });
});

import type { ProgramData } from '@peer-recovery/core';

/**
 * A small, complete program used by this package's examples and tests: one coach, two peers, one enrolment with a
 * hold, a referral in, two signed plan versions, contacts, messages, a referral out, consents and an assessment.
 * All names and texts are invented.
 *
 * @example
 * exportProgram(exampleProgram()).success; // true
 */
export function exampleProgram(): ProgramData {
  return {
    format: 'peer-recovery/program-data@1',
    program: {
      id: 'srp',
      name: 'Recovery Connect',
      timeZone: 'America/Los_Angeles',
      calendar: { weekendDays: [0, 6], holidays: ['2026-12-25'], holidaySets: ['us-federal'] },
      rulePack: 'srp-recovery-connect',
    },
    organizations: [{ id: 'county-hospital', kind: 'hospital', name: 'County Hospital' }],
    coaches: [
      {
        id: 'coach-1',
        name: { given: ['Sam'], family: 'Rivera' },
        telecom: { phone: '+1-555-0100', email: 'sam@example.org' },
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
        statusHistory: [{ status: 'active', from: '2025-01-15' }],
        incidents: [],
      },
    ],
    peers: [
      {
        id: 'peer-1',
        name: { given: ['Alex'], family: 'Doe' },
        gender: 'female',
        birthDate: '1990-04-02',
        populations: ['adult-substance-use-disorder'],
        contactPreferences: { channels: ['text', 'phone-call'], inPersonLocations: ['community-setting'] },
      },
      { id: 'peer-2', ageBand: '26-34', populations: ['adult-self-identified'] },
    ],
    enrolments: [
      {
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
        coachAssignments: [{ coachId: 'coach-1', from: '2026-01-31' }],
        stages: [{ stage: 'initiation', from: '2026-01-31' }],
        holds: [{ from: '2026-04-01', to: '2026-04-20', reason: 'inpatient-treatment' }],
      },
    ],
    plans: [
      {
        id: 'plan-1',
        enrolmentId: 'enr-1',
        version: 1,
        createdOn: '2026-02-10',
        signedByPeerAt: '2026-02-12T10:00:00-08:00',
        signedByCoachAt: '2026-02-12T10:05:00-08:00',
        goals: [
          { id: 'g1', description: 'Attend a mutual-aid meeting weekly', status: 'in-progress' },
          {
            id: 'g2',
            description: 'Apply for two jobs',
            outcome: 'education-employment',
            status: 'proposed',
          },
          {
            id: 'g3',
            description: 'Reconnect with my sister',
            outcome: 'relationships',
            targetDate: '2026-06-01',
            status: 'achieved',
          },
        ],
      },
      {
        id: 'plan-2',
        enrolmentId: 'enr-1',
        version: 2,
        replaces: 'plan-1',
        createdOn: '2026-05-10',
        signedByPeerAt: '2026-05-12T09:30:00-07:00',
        recordedAt: '2026-05-12T16:40:00Z',
        goals: [
          { id: 'g1', description: 'Attend a mutual-aid meeting weekly', status: 'in-progress' },
          {
            id: 'g4',
            description: 'Move into my own apartment',
            outcome: 'stability-in-housing',
            status: 'proposed',
          },
          { id: 'g5', description: 'Walk every morning', status: 'not-achieved' },
        ],
      },
    ],
    contacts: [
      {
        id: 'c1',
        enrolmentId: 'enr-1',
        coachId: 'coach-1',
        start: '2026-02-27T15:00:00-08:00',
        end: '2026-02-27T16:00:00-08:00',
        mode: 'in-person',
        location: 'community-setting',
        activities: ['recovery-support', 'mutual-aid-introduction'],
        progressNote: true,
        note: 'Talked about the meeting schedule.',
        initiatedBy: 'coach',
        billable: true,
      },
      {
        id: 'c2',
        enrolmentId: 'enr-1',
        coachId: 'coach-1',
        start: '2026-03-05T18:00:00.5-08:00',
        end: '2026-03-05T18:20:00-08:00',
        mode: 'phone',
        location: 'remote',
        activities: ['advocacy'],
        actingOnBehalfWithPermission: true,
        progressNote: false,
        initiatedBy: 'peer',
        billable: false,
        recordedAt: '2026-03-06T09:00:00-08:00',
      },
    ],
    messages: [
      {
        id: 'm1',
        enrolmentId: 'enr-1',
        receivedAt: '2026-03-06T18:30:00-08:00',
        channel: 'voicemail',
        repliedAt: '2026-03-09T09:15:00-07:00',
        replyChannel: 'phone-call',
      },
      {
        id: 'm2',
        enrolmentId: 'enr-1',
        receivedAt: '2026-03-10T08:00:00Z',
        channel: 'email',
        replyChannel: 'email',
      },
    ],
    referrals: [
      { id: 'r1', enrolmentId: 'enr-1', kind: 'housing', madeOn: '2026-03-02', status: 'accepted' },
      { id: 'r2', enrolmentId: 'enr-1', kind: 'mutual-aid', madeOn: '2026-03-03', forContinuity: false },
    ],
    consents: [
      {
        id: 'cons-1',
        peerId: 'peer-1',
        enrolmentId: 'enr-1',
        kind: 'release-of-information',
        recipientOrganizationId: 'county-hospital',
        purposes: ['discontinuation-notice', 'treatment'],
        signedOn: '2026-01-31',
        period: { start: '2026-01-31', end: '2027-01-31' },
      },
      {
        id: 'cons-2',
        peerId: 'peer-2',
        kind: 'confidentiality',
        purposes: [],
        signedOn: '2026-02-01',
        period: { start: '2026-02-01' },
        revokedOn: '2026-03-01',
      },
    ],
    assessments: [
      {
        id: 'a1',
        enrolmentId: 'enr-1',
        instrument: 'barc-10',
        completedOn: '2026-02-01',
        answers: { '1': 5, '2': 4, '3': null, '10': 6, 'x.1': 2.5 },
      },
    ],
  };
}

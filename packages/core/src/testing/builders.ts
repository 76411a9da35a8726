import type { Coach, Contact, Enrolment, Message, Peer, PlanVersion, ProgramData } from '../model/domain';
import { PROGRAM_DATA_FORMAT } from '../model/domain';

/**
 * Small builders of valid records for tests and examples: each takes the fields that matter and fills the rest with
 * plain valid defaults. Not part of the published API's rules; used by tests across packages.
 *
 * @example
 * const data = programData({ enrolments: [enrolment({ id: 'e1', enrolledOn: '2026-01-31' })] });
 */
export function programData(parts: Partial<Omit<ProgramData, 'format'>> = {}): ProgramData {
  return {
    ...emptyProgramData(),
    program: {
      id: 'test-program',
      name: 'Test program',
      timeZone: 'America/Los_Angeles',
      calendar: { weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal'] },
      rulePack: 'srp-recovery-connect',
    },
    organizations: [{ id: 'county-hospital', kind: 'hospital', name: 'County Hospital' }],
    coaches: [coach()],
    peers: [peer()],
    ...parts,
  };
}

/**
 * The smallest valid program document: a UTC program under the Recovery Connect pack, with every list empty.
 *
 * @example
 * parseProgramData(emptyProgramData()).success; // true
 */
export function emptyProgramData(): ProgramData {
  return {
    format: PROGRAM_DATA_FORMAT,
    program: {
      id: 'p',
      name: 'P',
      timeZone: 'UTC',
      calendar: { weekendDays: [0, 6], holidays: [] },
      rulePack: 'srp-recovery-connect',
    },
    organizations: [],
    coaches: [],
    peers: [],
    enrolments: [],
    plans: [],
    contacts: [],
    messages: [],
    referrals: [],
    consents: [],
    assessments: [],
  };
}

/** A fully eligible, active coach (override any field). */
export function coach(over: Partial<Coach> = {}): Coach {
  return {
    id: 'coach-1',
    recoveryStartDate: '2015-03-01',
    personalProgramAttested: true,
    trainings: [{ code: 'core-training', completedOn: '2025-01-10', expiresOn: '2028-01-10' }],
    interview: { completedOn: '2025-01-05' },
    backgroundCheck: { completedOn: '2025-01-06', expiresOn: '2028-01-06' },
    agreements: {
      volunteer: '2025-01-10',
      mentorship: '2025-01-10',
      guidelines: '2025-01-10',
      personalViews: '2025-01-10',
    },
    commitment: { startOn: '2025-01-15', endOn: '2027-12-31', extensions: [] },
    statusHistory: [{ status: 'active', from: '2025-01-15' }],
    incidents: [],
    ...over,
  };
}

/** An adult peer with a substance use disorder (override any field). */
export function peer(over: Partial<Peer> = {}): Peer {
  return { id: 'peer-1', ageBand: '26-34', populations: ['adult-substance-use-disorder'], ...over };
}

/** An enrolment with all documents (and the written coach-peer contract) complete on the enrolment day and coach-1 assigned. */
export function enrolment(over: Partial<Enrolment> & { enrolledOn: string }): Enrolment {
  const on = over.enrolledOn;
  return {
    id: 'enr-1',
    peerId: 'peer-1',
    documents: {
      guidelinesAgreement: on,
      application: on,
      assessments: on,
      confidentialityForms: on,
      coachPeerContract: on,
    },
    coachAssignments: [{ coachId: 'coach-1', from: on }],
    stages: [{ stage: 'initiation', from: on }],
    holds: [],
    ...over,
  };
}

/** A plan version with `goals` generic goals. */
export function plan(
  over: Partial<Omit<PlanVersion, 'goals'>> & { id: string; signedByPeerAt?: string },
  goals = 3,
): PlanVersion {
  return {
    enrolmentId: 'enr-1',
    version: 1,
    createdOn: (over.signedByPeerAt ?? '2026-01-01').slice(0, 10),
    goals: Array.from({ length: goals }, (_, i) => ({
      id: `g${i + 1}`,
      description: `Goal ${i + 1}`,
      status: 'in-progress' as const,
    })),
    ...over,
  };
}

/** An in-person contact starting at `start` (one hour long). */
export function contact(over: Partial<Contact> & { id: string; start: string }): Contact {
  const end = new Date(Date.parse(over.start) + 3_600_000).toISOString();
  return {
    enrolmentId: 'enr-1',
    coachId: 'coach-1',
    end,
    mode: 'in-person',
    location: 'community-setting',
    activities: ['recovery-support'],
    progressNote: true,
    initiatedBy: 'coach',
    ...over,
  };
}

/** A message from the peer. */
export function message(over: Partial<Message> & { id: string; receivedAt: string }): Message {
  return { enrolmentId: 'enr-1', channel: 'voicemail', ...over };
}

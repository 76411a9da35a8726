import { evaluateProgram, type ProgramData, type ProgramEvaluation } from '@peer-recovery/core';
import { coach, contact, enrolment, message, peer, plan, programData } from '@peer-recovery/core/testing';

/** Personal values planted in the hand-built program; none may appear in a report unless names are on. */
export const MARKERS = {
  peerName1: 'Zyxwvut',
  peerFamily1: 'Plantedname',
  peerName2: 'Qwertyuiop Markername',
  coachName: 'Coachmarker',
  birthDate: '1987-07-14',
  recoveryDate: '2011-11-11',
  note: 'NOTE-MARKER-private-words',
  goal: 'GOAL-MARKER-my-own-words',
} as const;

/** The evaluation day of the hand-built program. */
export const AS_OF = '2026-04-10';

/**
 * A hand-built program, evaluated as of 2026-04-10 (America/Los_Angeles, pack srp-recovery-connect):
 * - enr-1 (peer-1), enrolled 2026-01-05: in-person meetings in January and March, none in February, none yet in
 *   April; no action plan (first plan overdue since 2026-02-04); a voicemail of 2026-04-01 never answered.
 * - coach-1 coaches both; coach-2 is an applicant without peers.
 * - enr-2 (peer-2), enrolled 2026-03-25: March is a partial month (not applicable), April pending; plan signed.
 * So the grid is Jan..Apr: enr-1 = met, missed, met, pending; enr-2 = -, -, not-applicable, pending.
 */
export function handBuiltProgram(name = 'Hand-built program'): ProgramData {
  return programData({
    program: {
      id: 'hand-built',
      name,
      timeZone: 'America/Los_Angeles',
      calendar: { weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal'] },
      rulePack: 'srp-recovery-connect',
    },
    coaches: [
      coach({ name: { given: [MARKERS.coachName] }, recoveryStartDate: MARKERS.recoveryDate }),
      coach({ id: 'coach-2', statusHistory: [{ status: 'applicant', from: '2026-01-01' }] }),
    ],
    peers: [
      peer({
        id: 'peer-1',
        name: { given: [MARKERS.peerName1], family: MARKERS.peerFamily1 },
        birthDate: MARKERS.birthDate,
      }),
      peer({ id: 'peer-2', name: { text: MARKERS.peerName2 } }),
    ],
    enrolments: [
      enrolment({ id: 'enr-1', peerId: 'peer-1', enrolledOn: '2026-01-05' }),
      enrolment({ id: 'enr-2', peerId: 'peer-2', enrolledOn: '2026-03-25' }),
    ],
    plans: [
      {
        ...plan({ id: 'plan-2', enrolmentId: 'enr-2', signedByPeerAt: '2026-03-30T10:00:00-07:00' }),
        goals: [1, 2, 3].map((i) => ({
          id: `g${i}`,
          description: `${MARKERS.goal} ${i}`,
          status: 'in-progress' as const,
        })),
      },
    ],
    contacts: [
      contact({ id: 'c1', enrolmentId: 'enr-1', start: '2026-01-15T10:00:00-08:00', note: MARKERS.note }),
      contact({ id: 'c2', enrolmentId: 'enr-1', start: '2026-03-10T10:00:00-07:00' }),
      contact({ id: 'c3', enrolmentId: 'enr-2', start: '2026-03-27T10:00:00-07:00' }),
    ],
    messages: [message({ id: 'm1', enrolmentId: 'enr-1', receivedAt: '2026-04-01T09:00:00-07:00' })],
  });
}

/** Evaluates a program as of a day with its own pack; throws in tests if the data is not valid. */
export function evaluate(data: ProgramData, asOf: string = AS_OF): ProgramEvaluation {
  const r = evaluateProgram(data, { asOf });
  if (!r.success) throw new Error(`evaluation failed: ${r.issues.map((i) => i.code).join(', ')}`);
  return r.data;
}

/** The expected grid of the hand-built program: enrolment -> month -> state. */
export const EXPECTED_GRID: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'enr-1': { '2026-01': 'met', '2026-02': 'missed', '2026-03': 'met', '2026-04': 'pending' },
  'enr-2': { '2026-03': 'not-applicable', '2026-04': 'pending' },
};

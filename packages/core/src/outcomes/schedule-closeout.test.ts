import { describe, expect, it } from 'vitest';
import { evaluateSchedule, followUpRate, samhsaSuprt2025 } from './schedule';

const enrolment = { id: 'enr-1', enrolledOn: '2026-01-01', exit: { on: '2026-03-01' } };
const assessments = [
  { id: 'a0', enrolmentId: 'enr-1', instrument: 'barc-10', completedOn: '2026-01-05' },
  { id: 'a1', enrolmentId: 'enr-1', instrument: 'barc-10', completedOn: '2026-03-10' },
];

describe('SAMHSA schedule: an early closeout waives later follow-ups', () => {
  it('does not expect the 6-month reassessment after care ended early, so the follow-up rate is not lowered', () => {
    const e = evaluateSchedule(enrolment, assessments, samhsaSuprt2025, { asOf: '2026-12-01' });
    expect(e.points.find((p) => p.pointId === 'reassessment-6m')).toMatchObject({
      status: 'not-applicable',
      reason: 'waived-by-closeout',
    });
    expect(e.points.find((p) => p.pointId === 'closeout')).toMatchObject({
      status: 'done',
      assessmentId: 'a1',
    });
    expect(followUpRate([e]).denominator).toBe(0);
  });

  it('is a schedule option: without it the reassessment is still expected and missed', () => {
    const kept = { ...samhsaSuprt2025, closeoutWaivesLaterFollowUps: false };
    const e = evaluateSchedule(enrolment, assessments, kept, { asOf: '2026-12-01' });
    expect(e.points.find((p) => p.pointId === 'reassessment-6m')?.status).toBe('missed');
  });

  it('keeps a follow-up whose target is on or before the end of care', () => {
    const long = { ...enrolment, exit: { on: '2026-07-20' } };
    const e = evaluateSchedule(long, assessments, samhsaSuprt2025, { asOf: '2026-12-01' });
    expect(e.points.find((p) => p.pointId === 'reassessment-6m')?.status).toBe('missed');
  });
});

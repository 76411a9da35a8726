import type { EpisodeOfCare, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { ProgramData } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { record, refTo, run } from '../../test/export-support';
import { PROFILES } from '../codes';
import { exampleProgram } from '../testing/example';

describe('mappers/episode-of-care', () => {
  it('maps the enrolment to an EpisodeOfCare with status as of the export instant', () => {
    const status = (asOf?: string) =>
      record<EpisodeOfCare>(
        run(exampleProgram(), asOf ? { asOf } : {}),
        'EpisodeOfCare',
        'enrolment',
        'enr-1',
      ).status;
    expect(status('2026-01-15T12:00:00-08:00')).toBe('planned');
    expect(status('2026-02-15T12:00:00-08:00')).toBe('active');
    expect(status('2026-04-10T12:00:00-07:00')).toBe('onhold');
    expect(status()).toBe('active');
    const data = exampleProgram();
    const e = data.enrolments[0] as ProgramData['enrolments'][number];
    data.enrolments[0] = { ...e, exit: { on: '2026-06-30', kind: 'completed', referralsMade: ['r1'] } };
    expect(record<EpisodeOfCare>(run(data), 'EpisodeOfCare', 'enrolment', 'enr-1').status).toBe('finished');
    expect(
      record<EpisodeOfCare>(
        run(data, { asOf: '2026-06-01T00:00:00Z' }),
        'EpisodeOfCare',
        'enrolment',
        'enr-1',
      ).status,
    ).toBe('active');
  });

  it('links the episode to the patient, the current coach role and the referral into the program', () => {
    const resources = run();
    const ep = record<EpisodeOfCare>(resources, 'EpisodeOfCare', 'enrolment', 'enr-1');
    expect(ep.patient.reference).toBe(refTo(record(resources, 'Patient', 'peer', 'peer-1')));
    expect(ep.careManager?.reference).toBe(
      refTo(record(resources, 'PractitionerRole', 'coach-role', 'coach-1')),
    );
    expect(ep.period).toEqual({ start: '2026-01-31' });
    expect(ep.statusHistory).toEqual([
      expect.objectContaining({ status: 'onhold', period: { start: '2026-04-01', end: '2026-04-20' } }),
    ]);
    const sr = record<ServiceRequest>(resources, 'ServiceRequest', 'program-referral', 'enr-1');
    expect(ep.referralRequest?.[0]?.reference).toBe(refTo(sr));
    expect(sr.code?.coding?.[0]?.code).toBe('461481000124109');
    expect(sr.category?.[0]?.coding?.[0]?.code).toBe('410606002');
    expect(sr.intent).toBe('order');
    expect(sr.requester?.reference).toBe(
      refTo(record(resources, 'Organization', 'organization', 'county-hospital')),
    );
    expect(sr.meta?.profile).toEqual([PROFILES.usCoreServiceRequest]);
    const task = record<Task>(resources, 'Task', 'program-referral-task', 'enr-1');
    expect(task.code?.coding?.[0]?.code).toBe('fulfill');
    expect(task.focus?.reference).toBe(refTo(sr));
  });
});

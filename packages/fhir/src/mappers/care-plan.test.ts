import type { CarePlan, Provenance } from '@medplum/fhirtypes';
import type { ProgramData } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { byType, record, refTo, run } from '../../test/export-support';
import { CODES, EXTENSIONS, PROFILES } from '../codes';
import { exampleProgram } from '../testing/example';
import { validateResource } from '../validate';

describe('mappers/care-plan', () => {
  const _coachOf = (data: ProgramData) => data.coaches[0] as ProgramData['coaches'][number];
  const contact = (id: string, start: string, end: string): ProgramData['contacts'][number] => ({
    id,
    enrolmentId: 'enr-1',
    coachId: 'coach-1',
    start,
    end,
    mode: 'in-person',
    location: 'home',
    activities: ['recovery-support'],
    progressNote: true,
    initiatedBy: 'coach',
  });
  const withContacts = (): ProgramData => {
    const data = exampleProgram();
    return {
      ...data,
      contacts: [
        ...data.contacts,
        contact('c0', '2026-02-05T10:00:00-08:00', '2026-02-05T11:00:00-08:00'), // before plan-1 was signed
        contact('c3', '2026-06-01T10:00:00-07:00', '2026-06-01T11:00:00-07:00'), // under plan-2
        contact('c4', '2026-05-12T09:30:00-07:00', '2026-05-12T10:00:00-07:00'), // at plan-2's signature
      ],
    };
  };

  it('maps plan versions to CarePlans: active, completed when replaced, draft until signed', () => {
    const resources = run();
    const p1 = record<CarePlan>(resources, 'CarePlan', 'plan', 'plan-1');
    const p2 = record<CarePlan>(resources, 'CarePlan', 'plan', 'plan-2');
    expect(p1.status).toBe('completed');
    expect(p2.status).toBe('active');
    expect(p2.replaces?.[0]?.reference).toBe(refTo(p1));
    expect(p2.intent).toBe('plan');
    expect(p2.category?.map((c) => c.coding?.[0]?.code)).toEqual(['assess-plan', 'peer-recovery-plan']);
    expect(p2.period).toEqual({ start: '2026-05-12T09:30:00-07:00' });
    expect(p2.goal).toHaveLength(3);
    expect(p2.extension?.[0]).toEqual({
      url: EXTENSIONS.episodeOfCare,
      valueReference: { reference: refTo(record(resources, 'EpisodeOfCare', 'enrolment', 'enr-1')) },
    });
    expect(p2.meta?.profile).toEqual([PROFILES.usCoreCarePlan]);
    const early = run(exampleProgram(), { asOf: '2026-05-01T00:00:00Z' });
    expect(record<CarePlan>(early, 'CarePlan', 'plan', 'plan-1').status).toBe('active');
    expect(record<CarePlan>(early, 'CarePlan', 'plan', 'plan-2').status).toBe('draft');
  });

  it('writes plan signatures as Provenance with ISO/ASTM signature types', () => {
    const resources = run();
    const plan = record<CarePlan>(resources, 'CarePlan', 'plan', 'plan-1');
    const provs = byType<Provenance>(resources, 'Provenance').filter(
      (p) => p.target[0]?.reference === refTo(plan),
    );
    expect(provs).toHaveLength(2);
    const peer = provs.find((p) => p.signature?.[0]?.type.some((t) => t.code === CODES.signatureAuthor.code));
    expect(peer?.recorded).toBe('2026-02-12T10:00:00-08:00');
    expect(peer?.signature?.[0]?.who.reference).toBe(refTo(record(resources, 'Patient', 'peer', 'peer-1')));
    const coach = provs.find((p) =>
      p.signature?.[0]?.type.some((t) => t.code === CODES.signatureReview.code),
    );
    expect(coach?.signature?.[0]?.who.reference).toBe(
      refTo(record(resources, 'Practitioner', 'coach', 'coach-1')),
    );
  });

  it("puts the enrolment's Encounters between a version's signature and the next one in activity.outcomeReference", () => {
    const resources = run(withContacts());
    const enc = (id: string) => ({ reference: refTo(record(resources, 'Encounter', 'contact', id)) });
    const plan1 = record<CarePlan>(resources, 'CarePlan', 'plan', 'plan-1');
    const plan2 = record<CarePlan>(resources, 'CarePlan', 'plan', 'plan-2');
    expect(plan1.activity).toEqual([{ outcomeReference: [enc('c1'), enc('c2')] }]);
    expect(plan2.activity).toEqual([{ outcomeReference: [enc('c4'), enc('c3')] }]);
    const early = run(withContacts(), { asOf: '2026-04-01T00:00:00-07:00' });
    const earlyEnc = (id: string) => ({ reference: refTo(record(early, 'Encounter', 'contact', id)) });
    // plan-2 is not signed as of asOf: plan-1 is still in force, a draft has no activity
    expect(record<CarePlan>(early, 'CarePlan', 'plan', 'plan-1').activity).toEqual([
      { outcomeReference: ['c1', 'c2', 'c4', 'c3'].map(earlyEnc) },
    ]);
    expect(record<CarePlan>(early, 'CarePlan', 'plan', 'plan-2').activity).toBeUndefined();
    for (const r of [plan1, plan2]) expect(validateResource(r)).toEqual([]);
  });
});

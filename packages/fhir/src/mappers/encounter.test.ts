import type { DocumentReference, Encounter, Location, PractitionerRole } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { byType, record, refTo, run } from '../../test/export-support';
import { PROFILES, SYSTEMS } from '../codes';
import { exampleProgram } from '../testing/example';

describe('mappers/encounter', () => {
  it('maps contacts to US Core Encounters: class by mode and place, H0038 only when billable', () => {
    const resources = run();
    const c1 = record<Encounter>(resources, 'Encounter', 'contact', 'c1');
    expect(c1.class).toEqual({ system: SYSTEMS.v3ActCode, code: 'FLD', display: 'field' });
    expect(c1.type?.flatMap((t) => t.coding?.map((c) => c.code))).toEqual(['185347001', 'H0038']);
    expect(c1.serviceType?.coding?.[0]?.code).toBe('553');
    expect(c1.length).toEqual({ value: 60, unit: 'min', system: SYSTEMS.ucum, code: 'min' });
    expect(c1.period).toEqual({ start: '2026-02-27T15:00:00-08:00', end: '2026-02-27T16:00:00-08:00' });
    expect(c1.participant?.[0]?.individual?.reference).toBe(
      refTo(record(resources, 'Practitioner', 'coach', 'coach-1')),
    );
    expect(c1.episodeOfCare?.[0]?.reference).toBe(
      refTo(record(resources, 'EpisodeOfCare', 'enrolment', 'enr-1')),
    );
    const loc = record<Location>(resources, 'Location', 'location', 'community-setting');
    expect(c1.location?.[0]?.location.reference).toBe(refTo(loc));
    expect(loc.type?.[0]?.coding?.map((c) => c.code)).toEqual(['COMM', 'community-setting']);
    const c2 = record<Encounter>(resources, 'Encounter', 'contact', 'c2');
    expect(c2.class.code).toBe('VR');
    expect(c2.type?.flatMap((t) => t.coding?.map((c) => c.code))).toEqual(['185347001']);
    expect(c2.meta?.profile).toEqual([PROFILES.usCoreEncounter]);
    // US Core must support: the organisation that provides the service, the program
    const role = record<PractitionerRole>(resources, 'PractitionerRole', 'coach-role', 'coach-1');
    expect(c1.serviceProvider?.reference).toBe(role.organization?.reference);
    expect(c1.serviceProvider?.reference).toMatch(/^Organization\//);
  });

  it('exports a note as a DocumentReference only when includeNotes is set', () => {
    expect(byType(run(), 'DocumentReference')).toEqual([]);
    expect(JSON.stringify(run())).not.toContain(Buffer.from('Talked about').toString('base64').slice(0, 12));
    const resources = run(exampleProgram(), { includeNotes: true });
    const doc = record<DocumentReference>(resources, 'DocumentReference', 'progress-note', 'c1');
    expect(doc.type?.coding?.[0]?.code).toBe('11506-3');
    expect(Buffer.from(doc.content[0]?.attachment.data as string, 'base64').toString('utf8')).toBe(
      'Talked about the meeting schedule.',
    );
    expect(doc.context?.encounter?.[0]?.reference).toBe(
      refTo(record(resources, 'Encounter', 'contact', 'c1')),
    );
  });
});

import type { Practitioner, PractitionerRole, Resource } from '@medplum/fhirtypes';
import type { ProgramData } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { record, refTo, run, run as runAll } from '../../test/export-support';
import { toTransactionBundle } from '../bundle';
import { EXTENSIONS, PROFILES, SYSTEMS } from '../codes';
import { importBundle } from '../import';
import { exampleProgram } from '../testing/example';
import { expectedRoundTrip } from '../testing/roundtrip';
import { validateResource } from '../validate';

describe('mappers/practitioner', () => {
  const coachOf = (data: ProgramData) => data.coaches[0] as ProgramData['coaches'][number];
  it('maps a coach to Practitioner + PractitionerRole (NUCC peer specialist, telecom for pd-1)', () => {
    const resources = run();
    const prac = record<Practitioner>(resources, 'Practitioner', 'coach', 'coach-1');
    expect(prac.meta?.profile).toEqual([PROFILES.usCorePractitioner]);
    expect(prac.qualification?.[0]?.code.coding?.[0]).toEqual({
      system: SYSTEMS.training,
      code: 'core-training',
    });
    expect(prac.telecom).toBeUndefined();
    const role = record<PractitionerRole>(resources, 'PractitionerRole', 'coach-role', 'coach-1');
    expect(role.practitioner?.reference).toBe(refTo(prac));
    expect(role.code?.[0]).toEqual({
      coding: [
        { system: 'http://nucc.org/provider-taxonomy', code: '175T00000X', display: 'Peer Specialist' },
      ],
      text: 'Peer recovery coach',
    });
    expect(role.telecom).toHaveLength(2);
    expect(role.meta?.profile).toEqual([PROFILES.usCorePractitionerRole]);
  });

  it('does not claim US Core PractitionerRole (pd-1) for a coach without telecom', () => {
    const data = exampleProgram();
    const { telecom: _t, ...coach } = data.coaches[0] as ProgramData['coaches'][number];
    data.coaches[0] = coach;
    const role = record<PractitionerRole>(run(data), 'PractitionerRole', 'coach-role', 'coach-1');
    expect(role.telecom).toBeUndefined();
    expect(role.meta?.profile).toBeUndefined();
  });

  it('never exports the coach recovery start date', () => {
    const data = exampleProgram();
    const json = JSON.stringify(run(data, { includeNotes: true }));
    expect(json).not.toContain('2015-03-01');
    const { recoveryStartDate: _r, ...coach } = data.coaches[0] as ProgramData['coaches'][number];
    expect(run({ ...data, coaches: [coach] })).toEqual(run(data));
  });

  it('labels a Practitioner with conduct incidents restricted (R), and only then', () => {
    const data = exampleProgram();
    expect(
      record<Practitioner>(run(data), 'Practitioner', 'coach', 'coach-1').meta?.security,
    ).toBeUndefined();
    data.coaches[0] = {
      ...coachOf(data),
      incidents: [{ id: 'inc-1', on: '2026-04-01', kind: 'boundary-violation' }],
    };
    const resources = run(data, { includeCoachRecords: true });
    const prac = record<Practitioner>(resources, 'Practitioner', 'coach', 'coach-1');
    expect(prac.meta?.security).toEqual([
      {
        system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
        code: 'R',
        display: 'restricted',
      },
    ]);
    expect(validateResource(prac)).toEqual([]);
    expect(
      record<PractitionerRole>(resources, 'PractitionerRole', 'coach-role', 'coach-1').meta?.security,
    ).toBe(undefined);
  });

  const verified = (resources: Resource[]) =>
    record<Practitioner>(resources, 'Practitioner', 'coach', 'coach-1').extension?.find(
      (e) => e.url === EXTENSIONS.coachRecoveryVerified,
    )?.valueDate;

  it('with asOf, attests a recovery minimum met by that day as verified that day (no recovery date leaves)', () => {
    const data = exampleProgram(); // coach-1: recovery since 2015-03-01, pack minimum 2 years, no verification
    expect(verified(run(data, { includeCoachRecords: true }))).toBeUndefined();
    const resources = run(data, { asOf: '2026-03-01T05:00:00Z', includeCoachRecords: true }); // 2026-02-28 in LA
    expect(verified(resources)).toBe('2026-02-28');
    const text = JSON.stringify(resources);
    expect(text).not.toContain('2015-03-01');
    expect(text).not.toContain('2017-03-01');
    const back = importBundle(toTransactionBundle(resources));
    expect(back.success ? back.data : back.issues).toEqual(
      expectedRoundTrip(data, { asOf: '2026-03-01T05:00:00Z', includeCoachRecords: true }),
    );
    expect(back.success && back.data.coaches[0]?.recoveryMinimumVerifiedOn).toBe('2026-02-28');
  });

  it('keeps a verification recorded by asOf, attests nothing when the minimum is not met or the pack has none', () => {
    const asOf = '2026-03-01T00:00:00-08:00';
    const run = (d: ProgramData, o: { asOf: string }) => runAll(d, { ...o, includeCoachRecords: true });
    const data = exampleProgram();
    data.coaches[0] = { ...coachOf(data), recoveryMinimumVerifiedOn: '2020-01-01' };
    expect(verified(run(data, { asOf }))).toBe('2020-01-01');
    data.coaches[0] = { ...coachOf(data), recoveryMinimumVerifiedOn: '2026-06-01' };
    expect(verified(run(data, { asOf }))).toBe('2026-03-01');
    const recent = exampleProgram();
    recent.coaches[0] = { ...coachOf(recent), recoveryStartDate: '2024-03-02' };
    expect(verified(run(recent, { asOf }))).toBeUndefined();
    recent.coaches[0] = { ...coachOf(recent), recoveryStartDate: '2024-03-01' };
    expect(verified(run(recent, { asOf }))).toBe('2026-03-01');
    const noMinimum = exampleProgram();
    noMinimum.program = { ...noMinimum.program, rulePack: 'prss-service-definition' };
    expect(verified(run(noMinimum, { asOf }))).toBeUndefined();
    const unknownPack = exampleProgram();
    unknownPack.program = { ...unknownPack.program, rulePack: 'no-such-pack' };
    expect(verified(run(unknownPack, { asOf }))).toBeUndefined();
  });

  it('exports a coach removed for a boundary violation as inactive (the status core derives), from that day on', () => {
    const data = exampleProgram();
    data.coaches[0] = {
      ...coachOf(data),
      incidents: [{ id: 'inc-1', on: '2026-04-01', kind: 'boundary-violation' }],
    };
    const active = (asOf?: string) => {
      const resources = run(data, asOf === undefined ? {} : { asOf });
      const prac = record<Practitioner>(resources, 'Practitioner', 'coach', 'coach-1');
      const role = record<PractitionerRole>(resources, 'PractitionerRole', 'coach-role', 'coach-1');
      expect(role.active).toBe(prac.active);
      return prac.active;
    };
    // statusHistory still says "active" from 2025-01-15: only the incident removes the coach
    expect(active()).toBe(false);
    expect(active('2026-04-01T12:00:00-07:00')).toBe(false);
    expect(active('2026-03-31T12:00:00-07:00')).toBe(true);
    // a removed history entry, a withdrawal and a notice
    const withHistory = (statusHistory: ProgramData['coaches'][number]['statusHistory']) => {
      const d = exampleProgram();
      d.coaches[0] = { ...coachOf(d), statusHistory };
      return record<Practitioner>(run(d), 'Practitioner', 'coach', 'coach-1').active;
    };
    expect(
      withHistory([
        { status: 'active', from: '2025-01-15' },
        { status: 'removed', from: '2026-01-01' },
      ]),
    ).toBe(false);
    expect(
      withHistory([
        { status: 'active', from: '2025-01-15' },
        { status: 'withdrawn', from: '2026-01-01' },
      ]),
    ).toBe(false);
    expect(
      withHistory([
        { status: 'active', from: '2025-01-15' },
        { status: 'on-notice', from: '2026-01-01', writtenNoticeOn: '2026-01-01' },
      ]),
    ).toBe(true);
    // removal is final: a later "active" entry does not bring the coach back
    expect(
      withHistory([
        { status: 'active', from: '2025-01-15' },
        { status: 'removed', from: '2026-01-01' },
        { status: 'active', from: '2026-02-01' },
      ]),
    ).toBe(false);
  });

  it('exports the NPI as the US Core NPI identifier when recorded, and reads it back', () => {
    const data = exampleProgram();
    data.coaches[0] = { ...coachOf(data), npi: '1234567893' };
    const resources = run(data);
    const prac = record<Practitioner>(resources, 'Practitioner', 'coach', 'coach-1');
    expect(prac.identifier?.[1]).toEqual({ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' });
    expect(validateResource(prac)).toEqual([]);
    const back = importBundle(toTransactionBundle(resources));
    expect(back.success && back.data.coaches[0]?.npi).toBe('1234567893');
    expect(
      record<Practitioner>(run(exampleProgram()), 'Practitioner', 'coach', 'coach-1').identifier,
    ).toHaveLength(1);
  });

  it('leaves the HR records home unless asked: no attestation, interview, check or incident extension', () => {
    const data = exampleProgram();
    data.coaches[0] = {
      ...coachOf(data),
      recoveryMinimumVerifiedOn: '2020-01-01',
      incidents: [{ id: 'inc-1', on: '2026-04-01', kind: 'boundary-violation' }],
    };
    const hr: string[] = [
      EXTENSIONS.coachPersonalProgram,
      EXTENSIONS.coachRecoveryVerified,
      EXTENSIONS.coachInterview,
      EXTENSIONS.coachBackgroundCheck,
      EXTENSIONS.coachIncident,
    ];
    const urls = (o: { includeCoachRecords?: boolean }) =>
      (record<Practitioner>(run(data, o), 'Practitioner', 'coach', 'coach-1').extension ?? []).map(
        (e) => e.url,
      );
    expect(urls({}).filter((u) => hr.includes(u))).toEqual([]);
    expect(new Set(urls({ includeCoachRecords: true }).filter((u) => hr.includes(u)))).toEqual(new Set(hr));
    const prac = record<Practitioner>(run(data), 'Practitioner', 'coach', 'coach-1');
    expect(prac.meta?.security).toBeUndefined(); // nothing restricted left in it
    expect(JSON.stringify(prac)).not.toContain('inc-1');
    // the removal itself is kept, as a status entry from the incident's day
    const statuses = (prac.extension ?? [])
      .filter((e) => e.url === EXTENSIONS.coachStatus)
      .map((e) => e.extension?.map((x) => x.valueCode ?? x.valueDate));
    expect(statuses).toEqual([
      ['active', '2025-01-15'],
      ['removed', '2026-04-01'],
    ]);
    const back = importBundle(toTransactionBundle(run(data)));
    expect(back.success ? back.data : back.issues).toEqual(expectedRoundTrip(data));
    expect(back.issues.map((i) => [i.severity, i.code, i.location?.resourceType])).toContainEqual([
      'warning',
      'incomplete',
      'Practitioner',
    ]);
  });
});

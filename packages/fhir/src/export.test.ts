import type {
  CarePlan,
  Communication,
  Consent,
  DocumentReference,
  Encounter,
  EpisodeOfCare,
  Goal,
  Location,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Provenance,
  QuestionnaireResponse,
  Resource,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import type { ProgramData } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { toTransactionBundle } from './bundle';
import { CODES, EXTENSIONS, identifierSystem, PROFILES, SYSTEMS } from './codes';
import { exampleProgram } from './example';
import { type ExportOptions, exportProgram, localDateOf } from './export';
import { isUuid } from './ids';
import { importBundle } from './import';
import { expectedRoundTrip } from './roundtrip';
import { validateResource } from './validate';

function run(data: ProgramData = exampleProgram(), options: ExportOptions = {}): Resource[] {
  const r = exportProgram(data, options);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.resources;
}
const byType = <T extends Resource>(resources: Resource[], type: T['resourceType']): T[] =>
  resources.filter((r): r is T => r.resourceType === type);
/** The resource whose identifier in the program's system of `kind` has the value `value`. */
function record<T extends Resource>(
  resources: Resource[],
  type: T['resourceType'],
  kind: string,
  value: string,
): T {
  const system = identifierSystem('srp', kind as never);
  const found = byType<T>(resources, type).find((r) => {
    const ids = (r as { identifier?: unknown }).identifier;
    const list = Array.isArray(ids) ? ids : [ids];
    return list.some(
      (i: { system?: string; value?: string } | undefined) => i?.system === system && i.value === value,
    );
  });
  if (!found) throw new Error(`no ${type} ${kind} ${value}`);
  return found;
}
const refTo = (r: Resource) => `${r.resourceType}/${r.id}`;

describe('exportProgram', () => {
  it('exports the example program, every resource valid, ids stable UUIDs', () => {
    const a = exportProgram(exampleProgram());
    const b = exportProgram(exampleProgram());
    expect(a.success).toBe(true);
    expect(a).toEqual(b);
    if (!a.success) return;
    for (const r of a.resources) expect(isUuid(r.id as string)).toBe(true);
    expect(new Set(a.resources.map(refTo)).size).toBe(a.resources.length);
  });

  it('writes the program Organization with time zone, calendar and rule pack', () => {
    const org = byType<Organization>(run(), 'Organization').find((o) =>
      o.identifier?.some((i) => i.system === 'https://peer-recovery.dev/fhir/NamingSystem/program'),
    );
    expect(org?.name).toBe('Recovery Connect');
    expect(org?.extension).toContainEqual({
      url: EXTENSIONS.programTimeZone,
      valueCode: 'America/Los_Angeles',
    });
    expect(org?.extension).toContainEqual({
      url: EXTENSIONS.programRulePack,
      valueId: 'srp-recovery-connect',
    });
  });

  it('maps a peer to a US Core Patient with the program identifier, and absent name/gender to data-absent-reason', () => {
    const resources = run();
    const p1 = record<Patient>(resources, 'Patient', 'peer', 'peer-1');
    expect(p1.identifier).toEqual([{ system: identifierSystem('srp', 'peer'), value: 'peer-1' }]);
    expect(p1.name).toEqual([{ family: 'Doe', given: ['Alex'] }]);
    expect(p1.gender).toBe('female');
    expect(p1.birthDate).toBe('1990-04-02');
    expect(p1.meta?.profile).toEqual([PROFILES.usCorePatient]);
    const p2 = record<Patient>(resources, 'Patient', 'peer', 'peer-2');
    expect(p2.gender).toBe('unknown');
    expect(p2.name?.[0]?.extension?.[0]).toEqual({ url: EXTENSIONS.dataAbsentReason, valueCode: 'unknown' });
    expect(p2.meta?.profile).toEqual([PROFILES.usCorePatient]);
  });

  it('does not claim US Core Patient for a name with text only', () => {
    const data = exampleProgram();
    data.peers[0] = { ...(data.peers[0] as ProgramData['peers'][number]), name: { text: 'A. D.' } };
    const p1 = record<Patient>(run(data), 'Patient', 'peer', 'peer-1');
    expect(p1.name).toEqual([{ text: 'A. D.' }]);
    expect(p1.meta?.profile).toBeUndefined();
  });

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

  it('writes goals as separate Goal resources with lifecycle and achievement status', () => {
    const resources = run();
    const goal = (key: string) => record<Goal>(resources, 'Goal', 'goal', key);
    expect(goal('plan-1/g1')).toMatchObject({
      lifecycleStatus: 'active',
      description: { text: 'Attend a mutual-aid meeting weekly' },
    });
    expect(goal('plan-1/g1').achievementStatus?.coding?.[0]?.code).toBe('in-progress');
    expect(goal('plan-1/g3').lifecycleStatus).toBe('completed');
    expect(goal('plan-1/g3').achievementStatus?.coding?.[0]?.code).toBe('achieved');
    expect(goal('plan-1/g3').target).toEqual([{ dueDate: '2026-06-01' }]);
    expect(goal('plan-2/g5').achievementStatus?.coding?.[0]?.code).toBe('not-achieved');
    expect(goal('plan-2/g4').category?.[0]?.coding?.map((c) => c.code)).toEqual([
      'stability-in-housing',
      'housing-instability',
    ]);
    expect(goal('plan-1/g1').subject.reference).toBe(refTo(record(resources, 'Patient', 'peer', 'peer-1')));
    expect(goal('plan-1/g1').id).not.toBe(goal('plan-2/g1').id);
  });

  it('replaces goal descriptions with a placeholder when redactFreeText is set', () => {
    const resources = run(exampleProgram(), { redactFreeText: true });
    const g = record<Goal>(resources, 'Goal', 'goal', 'plan-2/g4');
    expect(g.description.text).toBe('Goal 2 of action plan version 2');
    expect(g.meta?.security).toContainEqual(expect.objectContaining({ code: 'REDACTED' }));
    expect(JSON.stringify(resources)).not.toContain('apartment');
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
  });

  it('uses the CMS place of service for a prison or jail, which RoleCode lacks', () => {
    const data = exampleProgram();
    data.contacts[0] = {
      ...(data.contacts[0] as ProgramData['contacts'][number]),
      location: 'correctional-facility',
    };
    const resources = run(data);
    const loc = record<Location>(resources, 'Location', 'location', 'correctional-facility');
    expect(loc.type?.[0]?.coding?.[0]).toEqual(
      expect.objectContaining({ system: SYSTEMS.cmsPos, code: '09' }),
    );
    expect(loc.mode).toBe('kind');
    expect(record<Encounter>(resources, 'Encounter', 'contact', 'c1').class.code).toBe('FLD');
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

  it('maps a message and its reply to Communications linked by inResponseTo', () => {
    const resources = run();
    const m1 = record<Communication>(resources, 'Communication', 'message', 'm1');
    const reply = record<Communication>(resources, 'Communication', 'message-reply', 'm1');
    expect(reply.inResponseTo?.[0]?.reference).toBe(refTo(m1));
    expect(m1.received).toBe('2026-03-06T18:30:00-08:00');
    expect(reply.sent).toBe('2026-03-09T09:15:00-07:00');
    expect(m1.medium?.[0]?.coding?.map((c) => c.code)).toEqual(['PHONE', 'voicemail']);
    expect(byType<Communication>(resources, 'Communication')).toHaveLength(3);
  });

  it('maps consents with scope, LOINC category, patient, 42 CFR Part 2 policy and recipient actor', () => {
    const resources = run();
    const roi = record<Consent>(resources, 'Consent', 'consent', 'cons-1');
    expect(roi.scope.coding?.[0]?.code).toBe('patient-privacy');
    expect(roi.category[0]?.coding?.[0]?.code).toBe('64292-6');
    expect(roi.patient?.reference).toBe(refTo(record(resources, 'Patient', 'peer', 'peer-1')));
    expect(roi.policyRule?.coding?.[0]?.code).toBe('42CFRPart2');
    expect(roi.provision?.actor?.[0]?.role.coding?.[0]?.code).toBe('IRCP');
    expect(roi.provision?.purpose?.map((p) => p.code)).toEqual(['discontinuation-notice', 'TREAT']);
    expect(roi.status).toBe('active');
    const conf = record<Consent>(resources, 'Consent', 'consent', 'cons-2');
    expect(conf.category[0]?.coding?.[0]?.code).toBe('59284-0');
    expect(conf.status).toBe('inactive');
    const before = run(exampleProgram(), { asOf: '2026-02-15T00:00:00Z' });
    expect(record<Consent>(before, 'Consent', 'consent', 'cons-2').status).toBe('active');
  });

  it('maps assessments to QuestionnaireResponses; a missing answer is an item without answer', () => {
    const qr = record<QuestionnaireResponse>(run(), 'QuestionnaireResponse', 'assessment', 'a1');
    expect(qr.questionnaire).toBe('https://peer-recovery.dev/fhir/Questionnaire/barc-10');
    expect(qr.item).toContainEqual({ linkId: '3' });
    expect(qr.item).toContainEqual({ linkId: 'x.1', answer: [{ valueDecimal: 2.5 }] });
  });

  it('labels substance-use-derived resources (ETH or SUD, R, 42CFRPart2) and not directory resources', () => {
    const resources = run();
    const codes = (r: Resource) => (r.meta?.security ?? []).map((s) => s.code);
    for (const r of resources) {
      if (
        ['Organization', 'Location', 'Practitioner', 'PractitionerRole', 'Questionnaire'].includes(
          r.resourceType,
        )
      )
        expect(codes(r)).toEqual([]);
      else expect(codes(r)).toEqual(['ETH', 'R', '42CFRPart2']);
    }
    const sud = run(exampleProgram(), { sensitivity: 'SUD', part2: false });
    expect(codes(record(sud, 'Patient', 'peer', 'peer-1'))).toEqual(['SUD', 'R']);
  });

  it('never puts a display (which could hold a name) on a reference', () => {
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.reference === 'string') expect(o.display).toBeUndefined();
        Object.values(o).forEach(walk);
      }
    };
    walk(run(exampleProgram(), { includeNotes: true }));
  });

  it('returns issues instead of resources for invalid input, without personal data', () => {
    const data = exampleProgram();
    const bad = {
      ...data,
      peers: [{ ...(data.peers[0] as object), birthDate: 'Alex Doe' }],
    } as unknown as ProgramData;
    const r = exportProgram(bad);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.issues)).not.toContain('Alex');
    expect(r.issues[0]).toEqual(
      expect.objectContaining({ severity: 'error', expression: 'peers[0].birthDate' }),
    );
  });

  it('refuses a blank goal description (blank FHIR strings are invalid) and reports it without the text', () => {
    const data = exampleProgram();
    const plan = data.plans[0] as ProgramData['plans'][number];
    data.plans[0] = { ...plan, goals: [{ id: 'g9', description: '   ', status: 'proposed' }] };
    const r = exportProgram(data);
    expect(r.success).toBe(false);
    expect(r.issues).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        expression: 'plans[0].goals[0].description',
        path: ['plans', 0, 'goals', 0, 'description'],
        message: 'plans[0].goals[0].description: must not be blank',
      },
    ]);
  });

  it('rejects an asOf without a zone', () => {
    expect(exportProgram(exampleProgram(), { asOf: '2026-03-01T00:00:00' }).success).toBe(false);
  });
});

describe('localDateOf', () => {
  it('reads the calendar date in the program time zone', () => {
    expect(localDateOf('2026-03-01T05:00:00Z', 'America/Los_Angeles')).toBe('2026-02-28');
    expect(localDateOf('2026-03-01T05:00:00Z', 'Asia/Kolkata')).toBe('2026-03-01');
  });
});

describe('exportProgram: plan activities, restricted coaches, attested recovery minimum', () => {
  const coachOf = (data: ProgramData) => data.coaches[0] as ProgramData['coaches'][number];
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

  it('labels a Practitioner with conduct incidents restricted (R), and only then', () => {
    const data = exampleProgram();
    expect(
      record<Practitioner>(run(data), 'Practitioner', 'coach', 'coach-1').meta?.security,
    ).toBeUndefined();
    data.coaches[0] = {
      ...coachOf(data),
      incidents: [{ id: 'inc-1', on: '2026-04-01', kind: 'boundary-violation' }],
    };
    const resources = run(data);
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
    expect(verified(run(data))).toBeUndefined();
    const resources = run(data, { asOf: '2026-03-01T05:00:00Z' }); // 2026-02-28 in Los Angeles
    expect(verified(resources)).toBe('2026-02-28');
    const text = JSON.stringify(resources);
    expect(text).not.toContain('2015-03-01');
    expect(text).not.toContain('2017-03-01');
    const back = importBundle(toTransactionBundle(resources));
    expect(back.success ? back.data : back.issues).toEqual(
      expectedRoundTrip(data, { asOf: '2026-03-01T05:00:00Z' }),
    );
    expect(back.success && back.data.coaches[0]?.recoveryMinimumVerifiedOn).toBe('2026-02-28');
  });

  it('keeps a verification recorded by asOf, attests nothing when the minimum is not met or the pack has none', () => {
    const asOf = '2026-03-01T00:00:00-08:00';
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
});

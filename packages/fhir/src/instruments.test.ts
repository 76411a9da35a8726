import type { Observation, Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import {
  barc10Instrument,
  hrqol4Instrument,
  type InstrumentDefinition,
  type ProgramData,
  withItemText,
} from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { toNdjson, toTransactionBundle } from './bundle';
import { CODES, EXTENSIONS, identifierSystem, SYSTEMS } from './codes';
import { type ExportOptions, exportProgram } from './export';
import { importBundle, importNdjson } from './import';
import {
  instrumentToQuestionnaire,
  instrumentTotalCode,
  QUESTIONNAIRE_IDENTIFIER_SYSTEM,
} from './instruments';
import { exampleProgram } from './testing/example';
import { expectedRoundTrip } from './testing/roundtrip';
import { validateResource } from './validate';

const range = (q: Questionnaire, linkId: string) => {
  const item = q.item?.find((i) => i.linkId === linkId);
  const value = (url: string) => item?.extension?.find((e) => e.url === url)?.valueInteger;
  return [value(EXTENSIONS.minValue), value(EXTENSIONS.maxValue)];
};

describe('instrumentToQuestionnaire', () => {
  it('makes a valid BARC-10 Questionnaire: canonical URL, version, ten integer items 1-6, neutral labels only', () => {
    const q = instrumentToQuestionnaire(barc10Instrument);
    expect(validateResource(q)).toEqual([]);
    expect(q.url).toBe('https://peer-recovery.dev/fhir/Questionnaire/barc-10');
    expect(q.version).toBe(barc10Instrument.version);
    expect(q.status).toBe('active');
    expect(q.name).toBe('BARC10');
    expect(q.item?.map((i) => i.linkId)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(q.item?.map((i) => i.text)).toEqual(barc10Instrument.items.map((i) => i.label));
    expect(q.item?.map((i) => i.text)).toEqual(Array.from({ length: 10 }, (_, i) => `BARC-10 item ${i + 1}`));
    for (const item of q.item ?? []) {
      expect(item.type).toBe('integer');
      expect(item.required).toBe(true);
      expect(range(q, item.linkId)).toEqual([1, 6]);
    }
    expect(q.identifier).toEqual([{ system: QUESTIONNAIRE_IDENTIFIER_SYSTEM, value: 'barc-10/1.0.0' }]);
    expect(q.meta).toBeUndefined();
  });

  it('uses program-supplied wording (withItemText) when given, else the label', () => {
    const licensed = withItemText(barc10Instrument, { '2': 'Wording from the program licence copy' });
    const q = instrumentToQuestionnaire(licensed);
    expect(q.item?.[1]?.text).toBe('Wording from the program licence copy');
    expect(q.item?.[0]?.text).toBe('BARC-10 item 1');
    expect(instrumentToQuestionnaire(barc10Instrument).item?.[1]?.text).toBe('BARC-10 item 2');
  });

  it('makes HRQOL-4: ranges, units in days (UCUM d), and required only for the items the total needs', () => {
    const q = instrumentToQuestionnaire(hrqol4Instrument);
    expect(validateResource(q)).toEqual([]);
    expect(q.name).toBe('HRQOL4');
    expect(range(q, '1')).toEqual([1, 5]);
    expect(range(q, '3')).toEqual([0, 30]);
    expect(q.item?.map((i) => i.required)).toEqual([false, true, true, false]);
    const unit = q.item?.[1]?.extension?.find((e) => e.url === EXTENSIONS.questionnaireUnit)?.valueCoding;
    expect(unit).toEqual({ system: SYSTEMS.ucum, code: 'd', display: 'days' });
    expect(q.item?.[0]?.extension?.some((e) => e.url === EXTENSIONS.questionnaireUnit)).toBe(false);
  });

  it('scopes id, identifier and tag to a program when one is given', () => {
    const a = instrumentToQuestionnaire(barc10Instrument, { programId: 'srp' });
    const b = instrumentToQuestionnaire(barc10Instrument, { programId: 'other' });
    expect(a.id).not.toBe(b.id);
    expect(a.url).toBe(b.url);
    expect(a.identifier?.[0]).toEqual({
      system: identifierSystem('srp', 'questionnaire'),
      value: 'barc-10/1.0.0',
    });
    expect(a.meta?.tag).toEqual([{ system: SYSTEMS.programTag, code: 'srp' }]);
  });

  it('names the local total code', () => {
    expect(instrumentTotalCode(barc10Instrument)).toEqual({
      system: 'https://peer-recovery.dev/fhir/CodeSystem/instrument-score',
      code: 'barc-10-total',
      display: 'BARC-10 total score',
    });
  });
});

// ---- in exportProgram ---------------------------------------------------------------------------------------

const BARC = { '1': 5, '2': 4, '3': 6, '4': 5, '5': 5, '6': 4, '7': 6, '8': 5, '9': 5, '10': 4 }; // total 49
function withAssessments(): ProgramData {
  const data = exampleProgram();
  return {
    ...data,
    assessments: [
      ...data.assessments, // a1: BARC-10 with an unknown item: invalid, no total
      { id: 'a2', enrolmentId: 'enr-1', instrument: 'barc-10', completedOn: '2026-03-01', answers: BARC },
      {
        id: 'a3',
        enrolmentId: 'enr-1',
        instrument: 'hrqol-4',
        completedOn: '2026-03-01',
        answers: { '1': 3, '2': 20, '3': 15, '4': null }, // min(30, 20 + 15) = 30
      },
      {
        id: 'a4',
        enrolmentId: 'enr-1',
        instrument: 'barc-10',
        completedOn: '2026-04-01',
        answers: { ...BARC, '7': null }, // incomplete
      },
      {
        id: 'a5',
        enrolmentId: 'enr-1',
        instrument: 'unknown-scale',
        completedOn: '2026-04-01',
        answers: { q: 1 },
      },
    ],
  };
}
function run(data: ProgramData, options: ExportOptions = {}): Resource[] {
  const r = exportProgram(data, options);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}
const ofType = <T extends Resource>(resources: Resource[], type: T['resourceType']): T[] =>
  resources.filter((r): r is T => r.resourceType === type);
const byIdentifier = <T extends Resource>(list: T[], kind: string, value: string): T | undefined =>
  list.find((r) => {
    const raw = (r as { identifier?: unknown }).identifier;
    const ids = (Array.isArray(raw) ? raw : [raw]) as ({ system?: string; value?: string } | undefined)[];
    return ids.some((i) => i?.system === identifierSystem('srp', kind as never) && i.value === value);
  });

describe('exportProgram with instruments', () => {
  it('emits one Questionnaire per known instrument used, and one Observation per scored total', () => {
    const resources = run(withAssessments());
    const questionnaires = ofType<Questionnaire>(resources, 'Questionnaire');
    expect(questionnaires.map((q) => q.url).sort()).toEqual([
      'https://peer-recovery.dev/fhir/Questionnaire/barc-10',
      'https://peer-recovery.dev/fhir/Questionnaire/hrqol-4',
    ]);
    const observations = ofType<Observation>(resources, 'Observation');
    expect(observations.map((o) => o.identifier?.[0]?.value).sort()).toEqual(['a2', 'a3']);
    const barc = byIdentifier(observations, 'assessment-score', 'a2') as Observation;
    const qr = byIdentifier(
      ofType<QuestionnaireResponse>(resources, 'QuestionnaireResponse'),
      'assessment',
      'a2',
    );
    const patient = byIdentifier(ofType(resources, 'Patient'), 'peer', 'peer-1');
    const episode = byIdentifier(ofType(resources, 'EpisodeOfCare'), 'enrolment', 'enr-1');
    expect(barc).toEqual(
      expect.objectContaining({
        status: 'final',
        valueInteger: 49,
        effectiveDateTime: '2026-03-01',
        subject: { reference: `Patient/${patient?.id}` },
        derivedFrom: [{ reference: `QuestionnaireResponse/${qr?.id}` }],
        extension: [
          { url: EXTENSIONS.episodeOfCare, valueReference: { reference: `EpisodeOfCare/${episode?.id}` } },
        ],
      }),
    );
    expect(barc.encounter).toBeUndefined();
    expect(barc.category?.[0]?.coding?.[0]).toEqual(
      expect.objectContaining({
        system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        code: 'survey',
      }),
    );
    expect(barc.code.coding?.[0]?.code).toBe('barc-10-total');
    expect(barc.meta?.security?.map((s) => s.code)).toEqual(['ETH', 'R', '42CFRPart2']);
    expect(byIdentifier(observations, 'assessment-score', 'a3')?.valueInteger).toBe(30);
    for (const r of [...questionnaires, ...observations]) expect(validateResource(r)).toEqual([]);
    expect(CODES.survey.code).toBe('survey');
  });

  it('writes whole-number answers as valueInteger (as the Questionnaire declares), others as valueDecimal', () => {
    const resources = run(withAssessments());
    const qrs = ofType<QuestionnaireResponse>(resources, 'QuestionnaireResponse');
    const a1 = byIdentifier(qrs, 'assessment', 'a1');
    expect(a1?.item).toContainEqual({ linkId: '1', answer: [{ valueInteger: 5 }] });
    expect(a1?.item).toContainEqual({ linkId: 'x.1', answer: [{ valueDecimal: 2.5 }] });
    expect(a1?.item).toContainEqual({ linkId: '3' });
  });

  it('emits neither with includeInstruments: false', () => {
    const resources = run(withAssessments(), { includeInstruments: false });
    expect(ofType(resources, 'Questionnaire')).toEqual([]);
    expect(ofType(resources, 'Observation')).toEqual([]);
    expect(ofType(resources, 'QuestionnaireResponse')).toHaveLength(5);
  });

  it("uses a program's own definitions (licensed wording, its own instrument)", () => {
    const mine: InstrumentDefinition = {
      id: 'unknown-scale',
      version: '2',
      abbreviation: 'US-1',
      title: 'A program scale',
      citation: 'Internal',
      license: 'Program-owned',
      items: [{ id: 'q', label: 'Scale item q', min: 0, max: 3 }],
      scoring: { kind: 'sum' },
      thresholds: [],
    };
    const licensed = withItemText(barc10Instrument, { '1': 'Licensed wording one' });
    const resources = run(withAssessments(), { instruments: [mine, licensed] });
    const qs = ofType<Questionnaire>(resources, 'Questionnaire');
    expect(qs).toHaveLength(3);
    expect(qs.find((q) => q.url?.endsWith('/barc-10'))?.item?.[0]?.text).toBe('Licensed wording one');
    const obs = byIdentifier(ofType<Observation>(resources, 'Observation'), 'assessment-score', 'a5');
    expect(obs?.valueInteger).toBe(1);
    expect(obs?.code.coding?.[0]?.code).toBe('unknown-scale-total');
  });

  it('keeps the import lossless: Questionnaires and Observations are ignored', () => {
    const data = withAssessments();
    const r = exportProgram(data);
    if (!r.success) throw new Error('export failed');
    expect(r.data.some((x) => x.resourceType === 'Observation')).toBe(true);
    const viaBundle = importBundle(toTransactionBundle(r.data));
    expect(viaBundle.success ? viaBundle.data : viaBundle.issues).toEqual(expectedRoundTrip(data));
    const viaNdjson = importNdjson(toNdjson(r.data));
    expect(viaNdjson.success ? viaNdjson.data : viaNdjson.issues).toEqual(expectedRoundTrip(data));
  });
});

import { fc, test } from '@fast-check/vitest';
import type { ProgramData } from '@peer-recovery/core';
import { arbProgramData as arbCoreProgramData, EVERY_VARIATION } from '@peer-recovery/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { toNdjson, toTransactionBundle } from './bundle';
import { exportProgram } from './export';
import { importBundle, importNdjson } from './import';
import { exampleProgram } from './testing/example';
import { expectedRoundTrip } from './testing/roundtrip';
import { preloadDefinitions, validateResources } from './validate';

const withoutRecoveryDates = (d: ProgramData): ProgramData => ({
  ...d,
  coaches: d.coaches.map(({ recoveryStartDate: _r, ...c }) => c),
});

describe('round trip domain -> FHIR -> domain', () => {
  // The FHIR definitions load once per process (about a second): setup, not part of the first property's runs.
  beforeAll(preloadDefinitions);

  // 30 programs of every variation through the reference validator (medplum's plus the explicit checks, about 2k
  // resources); the compiled validator's differential properties cover many more resources.
  test.prop([arbCoreProgramData(EVERY_VARIATION)], { numRuns: 30 })(
    'every exported resource is valid',
    (data) => {
      const r = exportProgram(data, { includeNotes: true, includeCoachRecords: true });
      expect(r.success ? [] : r.issues).toEqual([]);
      if (r.success) expect(validateResources(r.data).filter((i) => i.severity === 'error')).toEqual([]);
    },
  );

  test.prop([arbCoreProgramData(EVERY_VARIATION)], { numRuns: 50 })(
    'is lossless through a transaction bundle and through NDJSON (except the coach recovery date)',
    (data) => {
      const r = exportProgram(data, { includeNotes: true, includeCoachRecords: true });
      if (!r.success) throw new Error('export failed');
      const expected = withoutRecoveryDates(data);
      const viaBundle = importBundle(toTransactionBundle(r.data));
      const viaNdjson = importNdjson(toNdjson(r.data));
      expect(viaBundle.success && viaBundle.data).toEqual(expected);
      expect(viaNdjson.success && viaNdjson.data).toEqual(expected);
    },
  );

  test.prop([arbCoreProgramData()], { numRuns: 30 })(
    "is valid and lossless on the core package's realistic generated programs",
    (data) => {
      const r = exportProgram(data, { includeNotes: true, includeCoachRecords: true });
      expect(r.success ? [] : r.issues).toEqual([]);
      if (!r.success) return;
      const back = importNdjson(toNdjson(r.data));
      expect(back.success && back.data).toEqual(withoutRecoveryDates(data));
    },
  );

  test.prop([arbCoreProgramData(EVERY_VARIATION)], { numRuns: 30 })(
    'with default options drops exactly the note texts',
    (data) => {
      const r = exportProgram(data);
      if (!r.success) throw new Error('export failed');
      const back = importBundle(toTransactionBundle(r.data));
      expect(back.success && back.data).toEqual(expectedRoundTrip(data));
    },
  );

  test.prop([arbCoreProgramData(EVERY_VARIATION)], { numRuns: 30 })(
    'is deterministic and ignores the recovery date',
    (data) => {
      expect(exportProgram(data)).toEqual(exportProgram(withoutRecoveryDates(data)));
    },
  );
});

describe('expectedRoundTrip', () => {
  it('drops recovery dates, notes unless included, and empty name/telecom objects', () => {
    const d = exampleProgram();
    d.coaches[0] = { ...(d.coaches[0] as ProgramData['coaches'][number]), name: {}, telecom: {} };
    d.peers[1] = { ...(d.peers[1] as ProgramData['peers'][number]), name: {} };
    const e = expectedRoundTrip(d);
    expect(e.coaches[0]).not.toHaveProperty('recoveryStartDate');
    expect(e.coaches[0]).not.toHaveProperty('name');
    expect(e.coaches[0]).not.toHaveProperty('telecom');
    expect(e.peers[1]).not.toHaveProperty('name');
    expect(e.contacts[0]).not.toHaveProperty('note');
    expect(expectedRoundTrip(d, { includeNotes: true, includeCoachRecords: true }).contacts[0]?.note).toBe(
      d.contacts[0]?.note,
    );
    expect(expectedRoundTrip(d, { redactFreeText: true }).plans[1]?.goals[1]?.description).toBe(
      'Goal 2 of action plan version 2',
    );
    const r = exportProgram(d);
    expect(r.success && importBundle(toTransactionBundle(r.data))).toEqual(
      expect.objectContaining({ data: expectedRoundTrip(d) }),
    );
    expect(d.coaches[0]?.recoveryStartDate).toBe('2015-03-01');
  });

  it('turns a negative zero answer into zero, which is all JSON can carry', () => {
    const d = exampleProgram();
    d.assessments[0] = { ...(d.assessments[0] as ProgramData['assessments'][number]), answers: { '1': -0 } };
    const r = exportProgram(d);
    const back = r.success ? importNdjson(toNdjson(r.data)) : undefined;
    expect(back?.success && Object.is(back.data.assessments[0]?.answers['1'], 0)).toBe(true);
    expect(Object.is(expectedRoundTrip(d).assessments[0]?.answers['1'], 0)).toBe(true);
  });

  test.prop([arbCoreProgramData(EVERY_VARIATION)], { numRuns: 20 })(
    'with redactFreeText gives the placeholders back',
    (data) => {
      const r = exportProgram(data, { redactFreeText: true });
      if (!r.success) throw new Error('export failed');
      const back = importBundle(toTransactionBundle(r.data));
      expect(back.success && back.data).toEqual(expectedRoundTrip(data, { redactFreeText: true }));
    },
  );
});

describe('round trip with asOf', () => {
  test.prop(
    [
      arbCoreProgramData(EVERY_VARIATION),
      fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2035-12-31') }),
    ],
    {
      numRuns: 30,
    },
  )('gives back the data with the attested recovery minimum (expectedRoundTrip with asOf)', (data, when) => {
    const asOf = when.toISOString();
    const r = exportProgram(data, { asOf, includeNotes: true });
    if (!r.success) throw new Error('export failed');
    const back = importBundle(toTransactionBundle(r.data));
    expect(back.success ? back.data : back.issues).toEqual(
      expectedRoundTrip(data, { asOf, includeNotes: true }),
    );
    expect(JSON.stringify(r.data)).not.toMatch(/recoveryStartDate/);
  });
});

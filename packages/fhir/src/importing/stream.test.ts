import { fc, test } from '@fast-check/vitest';
import type { Resource } from '@medplum/fhirtypes';
import { arbProgramData, EVERY_VARIATION } from '@peer-recovery/core/testing';
import { describe, expect, it } from 'vitest';
import { toNdjson } from '../bundle';
import { exportProgram } from '../export';
import {
  type ImportOptions,
  importNdjson,
  importNdjsonStream,
  type NdjsonSource,
  ndjsonReadOrder,
} from '../import';
import { exampleProgram } from '../testing/example';

/** Sources that give each text in chunks cut at the given fractions (as bytes, so UTF-8 is split mid-character). */
function sourcesOf(files: ReadonlyMap<string, string>, cuts: readonly number[] = []): NdjsonSource[] {
  return [...files].map(([name, text]) => ({
    name,
    open: async function* () {
      const bytes = Buffer.from(text, 'utf8');
      const at = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
      let from = 0;
      for (const to of [...at, bytes.length]) {
        if (to > from) yield bytes.subarray(from, to);
        from = Math.max(from, to);
      }
    },
  }));
}

/** The files in the order the streaming import reads them, so that `importNdjson` reads them in the same order. */
const ordered = (files: ReadonlyMap<string, string>): Map<string, string> =>
  new Map(ndjsonReadOrder([...files.keys()]).map((k) => [k, files.get(k) as string]));

async function both(
  files: ReadonlyMap<string, string>,
  options: ImportOptions,
  cuts: readonly number[] = [],
) {
  const whole = importNdjson(ordered(files), options);
  const streamed = await importNdjsonStream(sourcesOf(files, cuts), options);
  return { whole, streamed };
}

/** An EHR's own resources (none a record of the program), written for this test. */
const FOREIGN: Record<string, unknown>[] = [
  { resourceType: 'Patient', id: 'ehr-p1', identifier: [{ system: 'http://ehr.example/mrn', value: 'M1' }] },
  {
    resourceType: 'Encounter',
    id: 'ehr-e1',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    subject: { reference: 'Patient/ehr-p1' },
  },
  { resourceType: 'Encounter', id: 'ehr-e2', status: 'cancelled' },
  { resourceType: 'Device', id: 'ehr-d1' },
  { resourceType: 'Communication', id: 'ehr-c1', status: 'completed', meta: { security: [{ code: 'R' }] } },
  {
    resourceType: 'Communication',
    id: 'other-c1',
    meta: { tag: [{ system: 'https://peer-recovery.dev/fhir/CodeSystem/program', code: 'other' }] },
  },
  {
    resourceType: 'Encounter',
    id: 'other-e1',
    identifier: [{ system: 'https://peer-recovery.example/NamingSystem/other/contact', value: 'c9' }],
  },
];

const STATUSES = ['finished', 'cancelled', 'planned', 'entered-in-error', 'unknown', 'in-progress', 'bogus'];

function filesOf(resources: readonly Record<string, unknown>[]): Map<string, string> {
  return toNdjson(resources as unknown as Resource[]);
}

describe('importNdjsonStream', () => {
  test.prop(
    [
      arbProgramData(EVERY_VARIATION),
      fc.boolean(),
      fc.constantFrom('all', 'problems'),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
    ],
    {
      numRuns: 40,
    },
  )(
    "gives importNdjson's result (data, issues, report) on generated programs, in any chunking",
    async (data, includeNotes, report, cuts) => {
      const r = exportProgram(data, { includeNotes, includeCoachRecords: true });
      if (!r.success) throw new Error('export failed');
      const { whole, streamed } = await both(toNdjson(r.data), { report }, cuts);
      expect(whole.success).toBe(true);
      expect(streamed).toEqual(whole);
    },
  );

  const own = (() => {
    const r = exportProgram(exampleProgram(), { includeNotes: true, includeCoachRecords: true });
    if (!r.success) throw new Error('export failed');
    return r.data as unknown as Record<string, unknown>[];
  })();
  const arbCase = fc.record({
    statuses: fc.array(fc.option(fc.constantFrom(...STATUSES), { nil: undefined }), {
      minLength: own.length,
      maxLength: own.length,
    }),
    dropPeriod: fc.array(fc.boolean(), { minLength: own.length, maxLength: own.length }),
    dropEpisode: fc.array(fc.boolean(), { minLength: own.length, maxLength: own.length }),
    dangle: fc.array(fc.boolean(), { minLength: own.length, maxLength: own.length }),
    foreign: fc.subarray(FOREIGN.map((_, i) => i)),
    strict: fc.boolean(),
    report: fc.constantFrom('all' as const, 'problems' as const),
    junk: fc.subarray(['not json {', '[1,2]', '{"id":"no-type"}'], { minLength: 0 }),
  });

  test.prop([arbCase], { numRuns: 40 })(
    "gives importNdjson's result with statuses, broken Encounters, foreign resources and bad lines",
    async ({ statuses, dropPeriod, dropEpisode, dangle, foreign, strict, report, junk }) => {
      const list = structuredClone(own).map((r, i) => {
        const s = statuses[i];
        if (s !== undefined && ['Encounter', 'CarePlan'].includes(r.resourceType as string)) r.status = s;
        if (s !== undefined && r.resourceType === 'Goal') r.lifecycleStatus = s;
        if (dropPeriod[i] && r.resourceType === 'Encounter') delete r.period;
        if (dropEpisode[i] && r.resourceType === 'EpisodeOfCare') delete r.period;
        // A reference that resolves to nothing: the contact cannot be built.
        if (dangle[i] && r.resourceType === 'Encounter')
          r.episodeOfCare = [{ reference: 'EpisodeOfCare/gone' }];
        return r;
      });
      const files = filesOf([
        ...list,
        ...foreign.map((i) => structuredClone(FOREIGN[i]) as Record<string, unknown>),
      ]);
      if (junk.length > 0) files.set('Encounter', `${files.get('Encounter') ?? ''}${junk.join('\n')}\n`);
      const { whole, streamed } = await both(files, { strict, report });
      expect(streamed).toEqual(whole);
    },
  );

  it('reads Encounters that come before the program Organization whole, with the same result', async () => {
    // Every Encounter file is read last whatever the order given; an export without the program is still reported.
    const files = filesOf(own.filter((r) => r.resourceType !== 'Organization'));
    const { whole, streamed } = await both(files, {});
    expect(whole.success).toBe(false);
    expect(streamed).toEqual(whole);
  });

  it('reports bytes that are not UTF-8 with the file, line and byte offset, and imports the other files', async () => {
    const files = filesOf(own);
    const enc = Buffer.from(files.get('Encounter') as string, 'utf8');
    const firstLine = enc.indexOf(0x0a) + 1;
    const bad = Buffer.from([0x7b, 0xff, 0x7d, 0x0a]);
    const sources = sourcesOf(files).map((s) =>
      s.name === 'Encounter'
        ? {
            name: s.name,
            open: async function* () {
              yield enc.subarray(0, firstLine);
              yield bad;
            },
          }
        : s,
    );
    const r = await importNdjsonStream(sources);
    expect(r.success).toBe(true);
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        // Message review (issue 9, section 7): the place is in expression and location, not repeated in the message.
        expression: 'Encounter line 2',
        message: expect.stringMatching(/^not valid UTF-8 \(byte offset \d+\); save the file as UTF-8$/),
        location: expect.objectContaining({ file: 'Encounter', line: 2 }),
      }),
    );
    if (r.success) expect(r.data.contacts).toHaveLength(1);
    expect(r.report?.byType.Encounter?.error).toBe(1);
  });

  it('ends with an issue naming the file when a source cannot be read', async () => {
    const sources: NdjsonSource[] = [
      ...sourcesOf(filesOf(own)),
      {
        name: 'Communication.ndjson',
        open: async function* () {
          yield '';
          throw new Error('EIO /private/path');
        },
      },
    ];
    const r = await importNdjsonStream(sources);
    expect(r.success).toBe(false);
    expect(r.issues).toContainEqual(
      expect.objectContaining({
        code: 'exception',
        // Message review (issue 9, section 7): the file is the expression; the message does not repeat it.
        expression: 'Communication.ndjson',
        message: 'the file could not be read',
      }),
    );
    expect(JSON.stringify(r.issues)).not.toContain('private');
  });

  it('orders files by what they refer to, Encounters last', () => {
    expect(
      ndjsonReadOrder([
        'Encounter.ndjson',
        'Communication.ndjson',
        'Patient.ndjson',
        'x.ndjson',
        'Organization.ndjson',
      ]),
    ).toEqual([
      'Organization.ndjson',
      'Patient.ndjson',
      'Communication.ndjson',
      'x.ndjson',
      'Encounter.ndjson',
    ]);
  });
});

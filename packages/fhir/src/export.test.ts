import { fc, test } from '@fast-check/vitest';
import type { Resource } from '@medplum/fhirtypes';
import type { ProgramData } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { record, refTo, run } from '../test/export-support';
import { exportProgram, localDateOf } from './export';
import { isUuid } from './ids';
import { exampleProgram } from './testing/example';

describe('exportProgram', () => {
  it('exports the example program, every resource valid, ids stable UUIDs', () => {
    const a = exportProgram(exampleProgram());
    const b = exportProgram(exampleProgram());
    expect(a.success).toBe(true);
    expect(a).toEqual(b);
    if (!a.success) return;
    for (const r of a.data) expect(isUuid(r.id as string)).toBe(true);
    expect(new Set(a.data.map(refTo)).size).toBe(a.data.length);
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

/** The calendar date of an instant in a zone as the runtime's Intl formats it: the reference. */
function intlDate(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/** An instant written with an offset of whole minutes (FHIR's `±HH:MM` or `Z`), for epoch milliseconds. */
function written(ms: number, offsetMinutes: number, fraction: boolean): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, fraction ? 23 : 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const m = Math.abs(offsetMinutes);
  const hhmm = `${String(Math.trunc(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${hhmm}`;
}

describe('localDateOf', () => {
  it('reads the calendar date in the program time zone', () => {
    expect(localDateOf('2026-03-01T05:00:00Z', 'America/Los_Angeles')).toBe('2026-02-28');
    expect(localDateOf('2026-03-01T05:00:00Z', 'Asia/Kolkata')).toBe('2026-03-01');
    // 23:30 local on the last day of a month, and the nights of the daylight-saving changes.
    expect(localDateOf('2026-01-31T23:30:00-08:00', 'America/Los_Angeles')).toBe('2026-01-31');
    expect(localDateOf('2026-03-08T09:59:59Z', 'America/Los_Angeles')).toBe('2026-03-08');
    expect(localDateOf('2026-11-01T08:30:00Z', 'America/Los_Angeles')).toBe('2026-11-01');
    expect(localDateOf('2024-02-29T23:59:59.999+14:00', 'Pacific/Kiritimati')).toBe('2024-02-29');
  });

  test.prop(
    [
      fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
      fc.constantFrom(
        'America/Los_Angeles',
        'America/New_York',
        'America/St_Johns',
        'Europe/London',
        'Australia/Lord_Howe',
        'Asia/Kathmandu',
        'Pacific/Chatham',
        'Pacific/Apia',
        'UTC',
      ),
      fc.integer({ min: -12 * 60, max: 14 * 60 }),
      fc.boolean(),
    ],
    { numRuns: 500 },
  )(
    'gives the date Intl gives, for any instant written with any offset, in any zone',
    (ms, zone, offset, fraction) => {
      const instant = written(ms, offset, fraction);
      expect(localDateOf(instant, zone)).toBe(intlDate(instant, zone));
    },
  );

  it('reads what Date reads but the core does not (a time without seconds) as before, and throws for what neither reads', () => {
    expect(localDateOf('2026-03-01T05:00Z', 'America/Los_Angeles')).toBe('2026-02-28');
    expect(() => localDateOf('soon', 'America/Los_Angeles')).toThrow(RangeError);
    expect(() => localDateOf('2026-03-01T05:00:00Z', 'Mars/Olympus')).toThrow(RangeError);
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { toEpoch, toLocalDate } from '../calendar/index';
import { fromDayNumber } from '../calendar/localDate';
import type { ProgramData } from '../model/domain';
import { generateProgramData } from '../synthetic/index';
import { createProgramBuilder, PROGRAM_RECORD_KINDS, type ProgramRecordKind } from './builder';
import { indexProgram } from './context';
import { evaluateProgram } from './evaluate';

/** Every record of a document as (kind, record) pairs, in document order within each kind. */
function records(data: ProgramData): [ProgramRecordKind, unknown][] {
  return PROGRAM_RECORD_KINDS.flatMap((kind) =>
    (data[kind] as unknown[]).map((r): [ProgramRecordKind, unknown] => [kind, r]),
  );
}

/** Interleaves the kinds in a random order while keeping each kind's own order (as a streaming reader might). */
function interleave(
  all: [ProgramRecordKind, unknown][],
  picks: readonly number[],
): [ProgramRecordKind, unknown][] {
  const queues = PROGRAM_RECORD_KINDS.map((k) => all.filter(([kind]) => kind === k));
  const out: [ProgramRecordKind, unknown][] = [];
  let p = 0;
  while (queues.some((q) => q.length > 0)) {
    const open = queues.filter((q) => q.length > 0);
    const q = open[(picks[p++ % Math.max(1, picks.length)] ?? 0) % open.length];
    const next = q?.shift();
    if (next) out.push(next);
  }
  return out;
}

const small = generateProgramData({ peers: 12, seed: 3, start: '2025-01-01', years: 2 });

describe('createProgramBuilder', () => {
  test.prop(
    [
      fc.integer({ min: 1, max: 1_000 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-06-30T00:00:00Z') }),
    ],
    { numRuns: 6 },
  )(
    'records added one at a time, kinds interleaved, evaluate exactly like the document',
    (seed, picks, asOf) => {
      const data = generateProgramData({ peers: 4, seed, start: '2025-01-01', years: 2 });
      const b = createProgramBuilder(data.program);
      if (!b.success) throw new Error('builder refused a valid program');
      for (const [kind, record] of interleave(records(data), picks)) {
        const r = b.data.add(kind, record as never);
        expect(r.success).toBe(true);
      }
      const built = b.data.build();
      if (!built.success) throw new Error('build failed');
      expect(built.issues).toEqual([]);
      expect(evaluateProgram(built.data, { asOf })).toEqual(evaluateProgram(data, { asOf }));
    },
  );

  it('parses each instant once at ingest: epoch ms and the local day in the program zone', () => {
    const index = indexProgram(small);
    for (const rec of index.enrolments.values())
      for (const c of rec.contacts) {
        expect(c.at).toBe(toEpoch(c.record.start));
        expect(fromDayNumber(c.day)).toBe(toLocalDate(c.record.start, small.program.timeZone));
      }
  });

  it('a 23:30-local contact on a month end lands on that local day, not the UTC one', () => {
    const b = createProgramBuilder({ ...small.program, timeZone: 'America/Los_Angeles' });
    if (!b.success) throw new Error('refused');
    const enrolment = small.enrolments[0];
    if (!enrolment) throw new Error('no enrolment');
    b.data.add('enrolments', enrolment);
    const contact = { ...small.contacts[0], enrolmentId: enrolment.id, start: '2026-01-31T23:30:00-08:00' };
    b.data.add('contacts', contact as ProgramData['contacts'][number]);
    const built = b.data.build();
    const c = built.success ? built.data.enrolments.get(enrolment.id)?.contacts[0] : undefined;
    expect(c && fromDayNumber(c.day)).toBe('2026-01-31');
  });

  it('an unreadable instant is an issue naming the field and position; the record is left out', () => {
    const b = createProgramBuilder(small.program);
    if (!b.success) throw new Error('refused');
    const first = small.contacts[0];
    const second = small.contacts[1];
    if (!first || !second) throw new Error('no contacts');
    expect(b.data.add('contacts', first)).toEqual({ success: true, data: 0, issues: [] });
    const bad = b.data.add('contacts', { ...second, start: '2026-02-31T10:00:00Z' });
    expect(bad.success).toBe(false);
    expect(bad.issues[0]).toMatchObject({
      code: 'invalid-instant',
      path: ['contacts', 1, 'start'],
      severity: 'error',
    });
    expect(bad.issues[0]?.message).not.toContain('2026');
    expect(b.data.counts().contacts).toBe(1);
    // Positions keep counting the records read, so later paths still point at the source.
    expect(b.data.add('contacts', second)).toMatchObject({ success: true, data: 2 });
  });

  it('records naming no enrolment or peer of the program are reported as warnings, never dropped silently', () => {
    const b = createProgramBuilder(small.program);
    if (!b.success) throw new Error('refused');
    const contact = small.contacts[0];
    const consent = small.consents[0];
    if (!contact || !consent) throw new Error('fixture lacks records');
    b.data.add('contacts', contact);
    b.data.add('consents', consent);
    const built = b.data.build();
    expect(built.success).toBe(true);
    expect(built.issues.map((i) => [i.code, i.path, i.severity])).toEqual([
      ['unknown-reference', ['contacts', 0, 'enrolmentId'], 'warning'],
      ['unknown-reference', ['consents', 0, 'peerId'], 'warning'],
    ]);
    for (const i of built.issues) expect(i.message).not.toContain(contact.enrolmentId);
  });

  it('an unknown time zone is refused as an issue, not thrown', () => {
    const r = createProgramBuilder({ ...small.program, timeZone: 'Mars/Olympus_Mons' });
    expect(r.success).toBe(false);
    expect(r.issues[0]?.path).toEqual(['program', 'timeZone']);
  });

  it('indexProgram keeps the document it indexed and its positions', () => {
    const index = indexProgram(small);
    expect(index.data).toBe(small);
    for (const rec of index.enrolments.values()) {
      expect(small.enrolments[rec.index]).toBe(rec.enrolment);
      if (rec.peer) expect(small.peers[rec.peerIndex]).toBe(rec.peer);
      for (const m of rec.messages) expect(small.messages[m.index]).toBe(m.record);
    }
  });
});

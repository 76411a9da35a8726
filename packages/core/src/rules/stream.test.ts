import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { ProgramData } from '../model/domain';
import type { DataIssue } from '../model/issues';
import { parseProgramData } from '../model/parse';
import { builtInPacks } from '../packs/builtin';
import { GENERATED_ENROLMENT_LISTS, generateProgramData, generateProgramParts } from '../synthetic/index';
import { PEER_RECORD_KINDS, type PeerRecordKind, type ProgramRecords } from './builder';
import { indexProgram } from './context';
import { type EnrolmentEvaluation, evaluateProgram } from './evaluate';
import { createProgramStreamEvaluator, type ProgramBatch } from './stream';

const packs = Object.values(builtInPacks);

/**
 * The batches of whole peers of a generated program, of `sizes[0]`, `sizes[1]`, ... peers (the sizes taken in turn
 * again until every peer is in a batch).
 */
function batchesOf(peers: number, seed: number, sizes: readonly number[]): ProgramBatch[] {
  const out: ProgramBatch[] = [];
  let batch: { [K in PeerRecordKind]: ProgramRecords[K][] } | undefined;
  let left = 0;
  for (const e of generateProgramParts({ peers, seed, start: '2025-01-01', years: 2 }).enrolments()) {
    if (batch === undefined || left === 0) {
      left = sizes[out.length % sizes.length] ?? 1;
      batch = Object.fromEntries(PEER_RECORD_KINDS.map((k) => [k, []])) as unknown as NonNullable<
        typeof batch
      >;
      out.push(batch);
    }
    batch.peers.push(e.peer);
    batch.enrolments.push(e.enrolment);
    for (const kind of GENERATED_ENROLMENT_LISTS)
      if (kind !== 'peers' && kind !== 'enrolments') (batch[kind] as unknown[]).push(...e[kind]);
    left--;
  }
  return out;
}

const headOf = (data: ProgramData) => ({
  program: data.program,
  organizations: data.organizations,
  coaches: data.coaches,
});

describe('createProgramStreamEvaluator', () => {
  test.prop(
    [
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 5, max: 12 }),
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-03-31T00:00:00Z') }),
      fc.constantFrom(undefined, ...packs),
    ],
    { numRuns: 8 },
  )(
    'batches of whole peers evaluate as the whole program does: every enrolment, coach, caseload and total',
    (seed, peers, sizes, asOf, pack) => {
      const data = generateProgramData({ peers, seed, start: '2025-01-01', years: 2 });
      const options = { asOf, ...(pack ? { pack } : {}) };
      const whole = evaluateProgram(data, options);
      if (!whole.success) throw new Error('evaluation failed');
      const ev = createProgramStreamEvaluator(headOf(data), options);
      if (!ev.success) throw new Error('stream evaluator failed');
      const evaluations: EnrolmentEvaluation[] = [];
      const batches = batchesOf(peers, seed, sizes);
      expect(batches.length).toBeGreaterThan(1);
      for (const batch of batches) {
        const r = ev.data.push(batch);
        if (!r.success) throw new Error(r.issues[0]?.message);
        expect(r.issues).toEqual([]);
        evaluations.push(...r.data);
      }
      expect(evaluations).toEqual(whole.data.enrolments);
      const { enrolments: _, ...summary } = whole.data;
      expect(ev.data.summary()).toEqual(summary);
      // Asked again, the summary is the same (it counts the coach findings on a copy of the totals).
      expect(ev.data.summary()).toEqual(summary);
    },
  );

  test.prop(
    [
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 3, max: 6 }),
      fc.integer({ min: 2, max: 4 }),
      fc.array(fc.tuple(fc.nat({ max: 39 }), fc.nat({ max: 3 })), { minLength: 97, maxLength: 97 }),
      fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2026-03-31T00:00:00Z') }),
    ],
    { numRuns: 20 },
  )(
    'whatever batch each record lands in, a batch is refused for split-batch issues only, and the accepted batches evaluate as the document they make',
    (seed, peers, batchCount, choices, asOf) => {
      const data = generateProgramData({ peers, seed, start: '2025-01-01', years: 1 });
      const options = { asOf };
      // Each enrolment (with its peer) goes to a batch; each record to its enrolment's batch, or, one time in 40, to
      // any batch.
      const choice = (i: number) => choices[i % choices.length] as [number, number];
      const groupOf = new Map(data.enrolments.map((e, i) => [e.id, choice(i)[1] % batchCount]));
      const peerGroup = new Map(data.enrolments.map((e) => [e.peerId, groupOf.get(e.id) ?? 0]));
      const batches = Array.from(
        { length: batchCount },
        () =>
          Object.fromEntries(PEER_RECORD_KINDS.map((k) => [k, []])) as unknown as {
            [K in PeerRecordKind]: ProgramRecords[K][];
          },
      );
      let n = 0;
      for (const kind of PEER_RECORD_KINDS)
        for (const record of data[kind] as readonly { id: string; enrolmentId?: string; peerId?: string }[]) {
          const [misplace, other] = choice(n++ * 7 + 3);
          const own =
            kind === 'peers'
              ? peerGroup.get(record.id)
              : kind === 'enrolments'
                ? groupOf.get(record.id)
                : kind === 'consents'
                  ? peerGroup.get(record.peerId ?? '')
                  : groupOf.get(record.enrolmentId ?? '');
          const target = misplace === 0 ? other % batchCount : (own ?? 0);
          const batch = batches[target];
          if (batch === undefined) throw new Error('no such batch');
          (batch[kind] as unknown[]).push(record);
        }
      const ev = createProgramStreamEvaluator(headOf(data), options);
      if (!ev.success) throw new Error('stream evaluator failed');
      const accepted: ProgramBatch[] = [];
      const evaluations: EnrolmentEvaluation[] = [];
      for (const batch of batches) {
        const r = ev.data.push(batch);
        if (r.success) {
          accepted.push(batch);
          evaluations.push(...r.data);
          expect(r.issues.every((i) => i.code === 'unknown-reference' && i.severity === 'warning')).toBe(
            true,
          );
        } else {
          expect(r.issues.length).toBeGreaterThan(0);
          expect(r.issues.every((i) => i.code === 'split-batch' && i.severity === 'error')).toBe(true);
        }
      }
      const made = {
        ...data,
        ...Object.fromEntries(PEER_RECORD_KINDS.map((k) => [k, accepted.flatMap((b) => b[k] as unknown[])])),
      } as ProgramData;
      const whole = evaluateProgram(made, options);
      if (!whole.success) throw new Error('evaluation failed');
      expect(evaluations).toEqual(whole.data.enrolments);
      const { enrolments: _, ...summary } = whole.data;
      expect(ev.data.summary()).toEqual(summary);
    },
  );

  const data = generateProgramData({ peers: 6, seed: 11, start: '2025-01-01', years: 1 });
  const options = { asOf: '2025-12-31' } as const;
  const [first, second] = batchesOf(6, 11, [3]) as [ProgramBatch, ProgramBatch];

  it('gives the summary of the batches pushed so far, and leaves its input as it was', () => {
    const ev = createProgramStreamEvaluator(headOf(data), options);
    if (!ev.success) throw new Error('failed');
    const before = structuredClone(first);
    expect(ev.data.push(first).success).toBe(true);
    expect(first).toEqual(before);
    const half: ProgramData = { ...data, ...first } as ProgramData;
    const whole = evaluateProgram(half, options);
    if (!whole.success) throw new Error('failed');
    const { enrolments: _, ...summary } = whole.data;
    expect(ev.data.summary()).toEqual(summary);
  });

  it('fails a batch whose records belong to an enrolment of an earlier batch, names the field, and changes nothing', () => {
    const ev = createProgramStreamEvaluator(headOf(data), options);
    if (!ev.success) throw new Error('failed');
    const moved = first.contacts?.at(-1);
    if (moved === undefined) throw new Error('no contact');
    const shortFirst = { ...first, contacts: first.contacts?.slice(0, -1) };
    expect(ev.data.push(shortFirst).success).toBe(true);
    const late = ev.data.push({ ...second, contacts: [moved, ...(second.contacts ?? [])] });
    expect(late.success).toBe(false);
    expect(late.issues).toEqual([
      expect.objectContaining({
        code: 'split-batch',
        severity: 'error',
        path: ['contacts', (first.contacts?.length ?? 0) - 1, 'enrolmentId'],
      }),
    ]);
    expect(late.issues[0]?.message).not.toContain(moved.enrolmentId);
    // Nothing of the failed batch was kept: the batch as it should be is accepted after it.
    expect(ev.data.push(second).success).toBe(true);
    expect(ev.data.summary().totals.enrolments).toBe(6);
  });

  it('fails a batch that brings the enrolment of records an earlier batch named, or repeats a peer or an enrolment', () => {
    const ev = createProgramStreamEvaluator(headOf(data), options);
    if (!ev.success) throw new Error('failed');
    const early = second.messages?.[0];
    if (early === undefined) throw new Error('no message');
    const r = ev.data.push({ ...first, messages: [...(first.messages ?? []), early] });
    // A record naming an enrolment the batch does not hold is a warning, as for a whole document.
    expect(r.success).toBe(true);
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'unknown-reference',
        severity: 'warning',
        path: ['messages', first.messages?.length, 'enrolmentId'],
      }),
    ]);
    const again = ev.data.push({ ...second, messages: second.messages?.slice(1) });
    expect(again.success).toBe(false);
    expect(again.issues.map((i) => [i.code, i.path])).toContainEqual([
      'split-batch',
      ['enrolments', 3, 'id'],
    ]);
    const repeated = ev.data.push({ peers: first.peers, enrolments: first.enrolments });
    expect(repeated.success).toBe(false);
    expect(repeated.issues.map((i) => i.path)).toEqual([
      ['peers', 3, 'id'],
      ['peers', 4, 'id'],
      ['peers', 5, 'id'],
      ['enrolments', 3, 'id'],
      ['enrolments', 4, 'id'],
      ['enrolments', 5, 'id'],
    ]);
    const later = second.enrolments?.[0];
    const earlierPeer = first.peers?.[0];
    if (later === undefined || earlierPeer === undefined) throw new Error('no enrolment');
    const orphanEnrolment = ev.data.push({
      enrolments: [{ ...later, id: 'enr-new', peerId: earlierPeer.id }],
    });
    expect(orphanEnrolment.issues.map((i) => [i.code, i.path])).toEqual([
      ['split-batch', ['enrolments', 3, 'peerId']],
    ]);
  });

  it('evaluates a peer with two enrolments, and batches in any order, as the document the batches make', () => {
    // Peer 2's enrolment (and consents) moved to peer 1: a re-enrolment. Batches of whole peers, the last first.
    const [p1, p2] = data.peers as [ProgramData['peers'][number], ProgramData['peers'][number]];
    const moved = (id: string) => (id === p2.id ? p1.id : id);
    const reenrolled: ProgramData = {
      ...data,
      peers: data.peers.filter((p) => p.id !== p2.id),
      enrolments: data.enrolments.map((e) => ({ ...e, peerId: moved(e.peerId) })),
      consents: data.consents.map((c) => ({ ...c, peerId: moved(c.peerId) })),
    };
    const batches = reenrolled.peers.toReversed().map((peer) => {
      const enrolments = reenrolled.enrolments.filter((e) => e.peerId === peer.id);
      const ids = new Set(enrolments.map((e) => e.id));
      const mine = <T extends { readonly enrolmentId: string }>(list: readonly T[]) =>
        list.filter((r) => ids.has(r.enrolmentId));
      return {
        peers: [peer],
        enrolments,
        plans: mine(reenrolled.plans),
        contacts: mine(reenrolled.contacts),
        messages: mine(reenrolled.messages),
        referrals: mine(reenrolled.referrals),
        consents: reenrolled.consents.filter((c) => c.peerId === peer.id),
        assessments: mine(reenrolled.assessments),
      };
    });
    expect(batches.at(-1)?.enrolments).toHaveLength(2);
    const concatenated = {
      ...reenrolled,
      ...Object.fromEntries(PEER_RECORD_KINDS.map((k) => [k, batches.flatMap((b) => b[k] as unknown[])])),
    } as ProgramData;
    const whole = evaluateProgram(concatenated, options);
    const ev = createProgramStreamEvaluator(headOf(reenrolled), options);
    if (!whole.success || !ev.success) throw new Error('failed');
    const evaluations = batches.flatMap((b) => {
      const r = ev.data.push(b);
      if (!r.success) throw new Error(r.issues[0]?.message);
      return r.data;
    });
    expect(evaluations).toEqual(whole.data.enrolments);
    const { enrolments: _, ...summary } = whole.data;
    expect(ev.data.summary()).toEqual(summary);
  });

  it('refuses options and heads the whole evaluation refuses', () => {
    expect(createProgramStreamEvaluator(headOf(data), { asOf: 'soon' as never }).success).toBe(false);
    const zone = createProgramStreamEvaluator(
      { ...headOf(data), program: { ...data.program, timeZone: 'Mars/Olympus' } },
      options,
    );
    expect(zone.issues[0]?.path).toEqual(['program', 'timeZone']);
    expect(indexProgram(data).enrolments.size).toBe(6);
  });
});

/** Issues in an order that does not depend on the order they were found in. */
const sorted = (issues: readonly DataIssue[]) =>
  issues.map((i) => `${i.pointer} ${i.code} ${i.severity} ${i.message}`).sort();

/** Ways a record read from outside can be wrong: schema issues, and one the integrity check finds. */
const MUTATIONS: readonly ((record: Record<string, unknown>) => unknown)[] = [
  () => null,
  (r) => ({ ...r, id: 42 }),
  (r) => {
    const { id: _, ...rest } = r;
    return rest;
  },
  (r) => ({ ...r, nickname: 'Jane Doe' }),
  (r) => ({ ...r, 'Jane Doe': 1 }),
  (r) => ({ ...r, enrolmentId: 'x'.repeat(5000) }),
  (r) => ('end' in r ? { ...r, end: '2000-01-01T00:00:00Z' } : 'Jane Doe'),
];

describe('ProgramStreamEvaluator.check', () => {
  test.prop(
    [
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 4, max: 9 }),
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
      fc.boolean(),
    ],
    { numRuns: 10 },
  )(
    'passes every batch of a valid program, giving its lists and the warnings parseProgramData gives the whole document, at the same paths',
    (seed, peers, sizes, fromJson) => {
      const data = JSON.parse(
        JSON.stringify(generateProgramData({ peers, seed, start: '2025-01-01', years: 2 })),
      ) as ProgramData;
      const whole = parseProgramData(structuredClone(data), { fromJson });
      if (!whole.success) throw new Error(whole.issues[0]?.message);
      const ev = createProgramStreamEvaluator(headOf(data), { asOf: '2026-12-31' });
      if (!ev.success) throw new Error('stream evaluator failed');
      const warnings: DataIssue[] = [];
      for (const batch of batchesOf(peers, seed, sizes)) {
        const read = JSON.parse(JSON.stringify(batch));
        const c = ev.data.check(read, { fromJson });
        if (!c.success) throw new Error(c.issues[0]?.message);
        expect(c.data).toEqual(read);
        warnings.push(...c.issues);
        expect(ev.data.push(c.data).success).toBe(true);
      }
      expect(sorted(warnings)).toEqual(sorted(whole.issues));
    },
  );

  test.prop(
    [
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 4, max: 8 }),
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
      fc.constantFrom(...PEER_RECORD_KINDS),
      fc.nat(),
      fc.nat({ max: MUTATIONS.length - 1 }),
      fc.boolean(),
    ],
    { numRuns: 40 },
  )(
    'finds in the batch that holds a wrong record the issues parseProgramData finds in the whole document, at the same paths, and passes the batches before it',
    (seed, peers, sizes, kind, pick, mutation, fromJson) => {
      const batches = batchesOf(peers, seed, sizes).map((b) => JSON.parse(JSON.stringify(b)));
      const lists = batches.map((b) => (b[kind] ?? []) as unknown[]);
      const total = lists.reduce((n, l) => n + l.length, 0);
      fc.pre(total > 0);
      // The record at position `pick % total` of its list over every batch: its batch, and its position in it.
      let at = pick % total;
      const target = lists.findIndex((l) => {
        if (at < l.length) return true;
        at -= l.length;
        return false;
      });
      const list = lists[target] as unknown[];
      list[at] = (MUTATIONS[mutation] as (r: Record<string, unknown>) => unknown)(
        list[at] as Record<string, unknown>,
      );
      const data = JSON.parse(
        JSON.stringify(generateProgramData({ peers, seed, start: '2025-01-01', years: 2 })),
      ) as ProgramData;
      const document = {
        ...data,
        ...Object.fromEntries(PEER_RECORD_KINDS.map((k) => [k, batches.flatMap((b) => b[k] ?? [])])),
      };
      const whole = parseProgramData(structuredClone(document), { fromJson });
      expect(whole.success).toBe(false);
      const ev = createProgramStreamEvaluator(headOf(data), { asOf: '2026-12-31' });
      if (!ev.success) throw new Error('stream evaluator failed');
      for (const [i, batch] of batches.entries()) {
        const c = ev.data.check(batch, { fromJson });
        if (i < target) {
          if (!c.success) throw new Error(c.issues[0]?.message);
          expect(ev.data.push(c.data).success).toBe(true);
          continue;
        }
        expect(c.success).toBe(false);
        expect(sorted(c.issues.filter((x) => x.severity === 'error'))).toEqual(
          sorted(whole.issues.filter((x) => x.severity === 'error')),
        );
        for (const issue of c.issues) expect(issue.message).not.toContain('Jane');
        break;
      }
    },
  );

  const data = generateProgramData({ peers: 4, seed: 5, start: '2025-01-01', years: 1 });
  const evaluator = () => {
    const ev = createProgramStreamEvaluator(headOf(data), { asOf: '2025-12-31' });
    if (!ev.success) throw new Error('failed');
    return ev.data;
  };

  it('refuses what is not a batch, naming the field, never throwing', () => {
    const ev = evaluator();
    for (const value of [null, [], 'contacts', 7])
      expect(ev.check(value).issues).toEqual([
        expect.objectContaining({ code: 'invalid-type', path: [], severity: 'error' }),
      ]);
    expect(ev.check({ contacts: null }).issues.map((i) => [i.code, i.pointer])).toEqual([
      ['invalid-type', 'contacts'],
    ]);
    expect(ev.check({ coaches: [] }).issues.map((i) => [i.code, i.pointer])).toEqual([
      ['unknown-field', 'coaches'],
    ]);
    expect(ev.check({ visits: [] }).issues.map((i) => [i.code, i.pointer])).toEqual([
      ['unknown-field', 'visits'],
    ]);
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error('Jane Doe');
        },
      },
    );
    const r = ev.check(trap);
    expect(r.issues.map((i) => i.code)).toEqual(['unreadable-input']);
    expect(r.issues[0]?.message).not.toContain('Jane');
    expect(ev.check({}).success).toBe(true);
  });

  it('counts positions over the batches pushed, not those only checked', () => {
    const ev = evaluator();
    const [first, second] = batchesOf(4, 5, [2]) as [ProgramBatch, ProgramBatch];
    const c1 = ev.check(first);
    if (!c1.success) throw new Error('failed');
    const broken = { ...second, contacts: [{ ...second.contacts?.[0], mode: 'telepathy' }] };
    expect(ev.check(broken).issues.map((i) => i.pointer)).toEqual(['contacts[0].mode']);
    expect(ev.push(c1.data).success).toBe(true);
    expect(ev.check(broken).issues.map((i) => i.pointer)).toEqual([
      `contacts[${first.contacts?.length}].mode`,
    ]);
  });
});

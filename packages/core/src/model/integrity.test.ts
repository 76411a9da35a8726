import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { PROGRAM_RECORD_KINDS } from '../rules/builder';
import { arbProgramData, EVERY_VARIATION } from '../testing/arbitraries';
import { ProgramData } from './domain';
import { integrityIssues } from './integrity';
import { referenceEnrolmentDates, referenceIntegrity } from './integrity.test-support';
import { checkEnrolmentDates, checkInputLimits, DEFAULT_INPUT_LIMITS } from './limits';
import { checkIntegrity, parseProgramData } from './parse';
import { Instant, LocalDate } from './primitives';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Place = { parent: Json[] | { [key: string]: Json }; key: string | number };

const INSTANT = (Instant as unknown as { _zod: { def: { pattern: RegExp } } })._zod.def.pattern;
const DATE = (LocalDate as unknown as { _zod: { def: { pattern: RegExp } } })._zod.def.pattern;
const isInstant = (s: string) => INSTANT.test(s);
const isDate = (s: string) => DATE.test(s);
const ID_KEYS = /^(id|replaces|[a-z]+Id)$/;

/** The kind of a string leaf that may be copied over another of the same kind without breaking the schema. */
function kindOf(
  key: string | number,
  parentKey: string | number | undefined,
  value: string,
): string | undefined {
  if (isInstant(value)) return 'instant';
  if (isDate(value)) return 'date';
  if ((typeof key === 'string' && ID_KEYS.test(key)) || parentKey === 'referralsMade') return 'id';
  return undefined;
}

/** The lists the integrity check reads (ids, order, periods, overlaps), the ones worth editing. */
const CHECKED_LISTS = new Set<string>([
  ...PROGRAM_RECORD_KINDS,
  'incidents',
  'statusHistory',
  'trainings',
  'coachAssignments',
  'stages',
  'holds',
  'referralsMade',
  'goals',
]);

/**
 * Every string leaf of a kind (`id`, `date`, `instant`) and every list, grouped by their field's name, so that each
 * field, however rare, is as likely to be edited as any other.
 */
function places(root: Json): { leaves: Map<string, Place[][]>; lists: Json[][][] } {
  const leaves = new Map<string, Map<string, Place[]>>();
  const lists = new Map<string, Json[][]>();
  const add = <T>(groups: Map<string, T[]>, name: string, item: T) => {
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [item]);
    else group.push(item);
  };
  const walk = (v: Json, parentKey: string | number | undefined) => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v) && CHECKED_LISTS.has(String(parentKey))) add(lists, String(parentKey), v);
    const entries: [string | number, Json][] = Array.isArray(v)
      ? v.map((x, i) => [i, x] as [number, Json])
      : Object.entries(v);
    for (const [k, x] of entries) {
      if (typeof x === 'string') {
        const kind = kindOf(k, parentKey, x);
        if (kind === undefined) continue;
        const groups = leaves.get(kind) ?? new Map<string, Place[]>();
        leaves.set(kind, groups);
        add(groups, typeof k === 'number' ? String(parentKey) : k, { parent: v, key: k });
      } else walk(x, typeof k === 'number' ? parentKey : k);
    }
  };
  walk(root, undefined);
  return {
    leaves: new Map([...leaves].map(([kind, groups]) => [kind, [...groups.values()]])),
    lists: [...lists.values()],
  };
}

/** The `at`-th of a list of groups: `at[0]` picks the group, `at[1]` one in it. */
function pick<T>(groups: readonly (readonly T[])[], at: readonly [number, number]): T | undefined {
  const group = groups[at[0] % Math.max(1, groups.length)];
  return group === undefined ? undefined : group[at[1] % group.length];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Valid instants close to each other, most written alike from the seconds on (the same fraction and offset), so
 * that both the text comparison and `Date.parse` decide; leap days, offsets at their ends, long fractions.
 */
const arbInstant = fc
  .tuple(
    fc.constantFrom('2024-02-28', '2024-02-29', '2024-03-01', '2026-12-31', '2027-01-01', '1900-01-01'),
    fc.constantFrom(0, 1, 12, 23),
    fc.constantFrom(0, 30, 59),
    fc.constantFrom(0, 1, 59),
    fc.constantFrom('', '', '.5', '.000', '.123', '.1234', '.999999999'),
    fc.constantFrom('Z', 'Z', '+00:00', '-00:00', '-08:00', '+14:00', '-12:00', '+05:45', '+23:59'),
  )
  .map(([d, h, m, s, f, z]) => `${d}T${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${f}${z}`);

type At = [number, number];
type Op =
  | { kind: 'copy'; of: 'id' | 'date' | 'instant'; from: At; to: At }
  | { kind: 'instant'; to: At; value: string }
  | { kind: 'instant-at'; to: At; date: At; days: number; time: string }
  | { kind: 'version'; plan: number; version: number }
  | {
      kind: 'period';
      enrolment: number;
      list: 'coachAssignments' | 'holds' | 'stages';
      from: At;
      to: At | null;
    }
  | { kind: 'duplicate' | 'swap' | 'delete'; list: At; b: number };

const arbAt: fc.Arbitrary<At> = fc.tuple(fc.nat(), fc.nat());
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('copy' as const),
    of: fc.constantFrom('id' as const, 'date' as const, 'instant' as const),
    from: arbAt,
    to: arbAt,
  }),
  fc.record({ kind: fc.constant('instant' as const), to: arbAt, value: arbInstant }),
  fc.record({
    kind: fc.constant('instant-at' as const),
    to: arbAt,
    date: arbAt,
    days: fc.integer({ min: -2, max: 2 }),
    time: arbInstant.map((s) => s.slice(10)),
  }),
  fc.record({
    kind: fc.constant('version' as const),
    plan: fc.nat(),
    version: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constant('period' as const),
    enrolment: fc.nat(),
    list: fc.constantFrom('coachAssignments' as const, 'holds' as const, 'stages' as const),
    from: arbAt,
    to: fc.option(arbAt),
  }),
  fc.record({
    kind: fc.constantFrom('duplicate' as const, 'swap' as const, 'delete' as const),
    list: arbAt,
    b: fc.nat(),
  }),
);

/**
 * The document with the edits applied: ids, dates and instants moved around, plan versions renumbered, records
 * repeated, moved and removed.
 */
function edited(doc: ProgramData, ops: readonly Op[]): string {
  const root = JSON.parse(JSON.stringify(doc)) as Json;
  for (const op of ops) {
    const { leaves, lists } = places(root);
    if (op.kind === 'period') {
      // A period from dates of the document, added at the end of an enrolment's list.
      const dates = leaves.get('date') ?? [];
      const dateAt = (at: At) => {
        const p = pick(dates, at);
        return p === undefined
          ? '2026-01-01'
          : ((p.parent as Record<string | number, Json>)[p.key] as string);
      };
      const enrolments = (root as { enrolments: Record<string, Json[]>[] }).enrolments;
      const e = enrolments[op.enrolment % Math.max(1, enrolments.length)];
      if (e === undefined) continue;
      const coachId = (root as { coaches: { id: string }[] }).coaches[0]?.id ?? 'c';
      const period: { [key: string]: Json } = { from: dateAt(op.from) };
      if (op.to !== null && op.list !== 'stages') period.to = dateAt(op.to);
      if (op.list === 'coachAssignments') period.coachId = coachId;
      else if (op.list === 'holds') period.reason = 'peer-request';
      else period.stage = 'initiation';
      e[op.list]?.push(period);
    } else if (op.kind === 'instant-at') {
      // An instant on (or a day or two from) a date of the document, such as an enrolment's first or last day.
      const date = pick(leaves.get('date') ?? [], op.date);
      const to = pick(leaves.get('instant') ?? [], op.to);
      if (date === undefined || to === undefined) continue;
      const day = (date.parent as Record<string | number, string>)[date.key] as string;
      const shifted = new Date(Date.parse(`${day}T00:00:00Z`) + op.days * 86_400_000)
        .toISOString()
        .slice(0, 10);
      (to.parent as Record<string | number, Json>)[to.key] = `${shifted}${op.time}`;
    } else if (op.kind === 'version') {
      const plans = (root as { plans: { version: number }[] }).plans;
      const plan = plans[op.plan % Math.max(1, plans.length)];
      if (plan !== undefined) plan.version = op.version;
    } else if (op.kind === 'copy' || op.kind === 'instant') {
      const of = leaves.get(op.kind === 'copy' ? op.of : 'instant') ?? [];
      const to = pick(of, op.to);
      const from = op.kind === 'copy' ? pick(of, op.from) : undefined;
      if (to === undefined) continue;
      const target = to.parent as Record<string | number, Json>;
      if (from === undefined) target[to.key] = op.kind === 'instant' ? op.value : (target[to.key] as Json);
      else target[to.key] = (from.parent as Record<string | number, Json>)[from.key] as Json;
    } else {
      const list = pick(lists, op.list);
      if (list === undefined || list.length === 0) continue;
      const a = op.list[1] % list.length;
      const b = op.b % (list.length + 1);
      if (op.kind === 'duplicate') list.splice(b, 0, JSON.parse(JSON.stringify(list[a])) as Json);
      else if (op.kind === 'swap') {
        const c = b % list.length;
        [list[a], list[c]] = [list[c] as Json, list[a] as Json];
      } else list.splice(a, 1);
    }
  }
  return JSON.stringify(root);
}

const arbDoc = arbProgramData({ ...EVERY_VARIATION, maxEnrolments: 4 });
const arbEdits = fc.array(arbOp, { minLength: 1, maxLength: 8 });

describe('the referential integrity check', () => {
  test.prop([arbDoc, arbEdits], { numRuns: 150 })(
    'finds the same issues, in the same order, as the reference on edited documents',
    (doc, ops) => {
      const data = JSON.parse(edited(doc, ops)) as ProgramData;
      const expected = referenceIntegrity(data);
      expect(checkIntegrity(data)).toEqual(expected);
      expect(integrityIssues(data, true)).toEqual(expected);
    },
  );

  test.prop([arbDoc, arbEdits], { numRuns: 100 })(
    'warns of the same records dated outside their enrolment as the reference',
    (doc, ops) => {
      const data = JSON.parse(edited(doc, ops)) as ProgramData;
      expect(checkEnrolmentDates(data)).toEqual(referenceEnrolmentDates(data));
    },
  );

  test.prop([arbDoc, arbEdits], { numRuns: 80 })(
    'gives parseProgramData the result the reference gives, from JSON or not',
    (doc, ops) => {
      const text = edited(doc, ops);
      const data = JSON.parse(text) as ProgramData;
      fc.pre(
        ProgramData.safeParse(data).success &&
          checkInputLimits(ProgramData, data, DEFAULT_INPUT_LIMITS).length === 0,
      );
      const issues = referenceIntegrity(data);
      const expected =
        issues.length > 0
          ? { success: false, issues }
          : { success: true, data, issues: checkEnrolmentDates(data) };
      expect(parseProgramData(JSON.parse(text), { fromJson: true })).toEqual(expected);
      expect(parseProgramData(JSON.parse(text))).toEqual(expected);
    },
  );

  const doc = fc.sample(arbProgramData({ maxEnrolments: 1 }), { seed: 5, numRuns: 1 })[0] as ProgramData;
  const enrolmentId = doc.enrolments[0]?.id ?? 'e';
  const contact: ProgramData['contacts'][number] = {
    id: 'c',
    enrolmentId,
    coachId: doc.coaches[0]?.id ?? 'c',
    start: '',
    end: '',
    mode: 'phone',
    location: 'remote',
    activities: [],
    progressNote: true,
    initiatedBy: 'coach',
  };
  const message: ProgramData['messages'][number] = { id: 'm', enrolmentId, receivedAt: '', channel: 'text' };
  test.prop([fc.array(fc.tuple(arbInstant, arbInstant), { minLength: 1, maxLength: 20 })], { numRuns: 300 })(
    'orders two valid instants as Date.parse does (contacts and messages)',
    (pairs) => {
      const data: ProgramData = {
        ...doc,
        contacts: pairs.map(([start, end], i) => ({ ...contact, id: `c${i}`, start, end })),
        messages: pairs.map(([receivedAt, repliedAt], i) => ({
          ...message,
          id: `m${i}`,
          receivedAt,
          repliedAt,
        })),
      };
      const reversed = pairs.flatMap(([a, b], i) => (Date.parse(b) < Date.parse(a) ? [i] : []));
      const found = integrityIssues(data, true).filter((i) => i.code === 'period-reversed');
      expect(found.filter((i) => i.path[0] === 'contacts').map((i) => i.path[1])).toEqual(reversed);
      expect(found.filter((i) => i.path[0] === 'messages').map((i) => i.path[1])).toEqual(reversed);
      expect(integrityIssues(data, true)).toEqual(referenceIntegrity(data));
    },
  );

  const shiftDays = (day: string, days: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  test.prop(
    [
      fc.constantFrom('UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Etc/GMT+12'),
      fc.constantFrom('2024-02-28', '2024-02-29', '2026-12-31', '2019-01-01'),
      fc.option(fc.integer({ min: 0, max: 3 })),
      fc.array(
        fc.tuple(
          fc.boolean(),
          fc.integer({ min: -2, max: 2 }),
          arbInstant.map((s) => s.slice(10)),
        ),
        { minLength: 1, maxLength: 12 },
      ),
    ],
    { numRuns: 300 },
  )(
    'warns of contacts and messages on the days around an enrolment as the reference, at any offset',
    (zone, enrolledOn, exitAfter, instants) => {
      const e = doc.enrolments[0] as ProgramData['enrolments'][number];
      const exitOn = exitAfter === null ? undefined : shiftDays(enrolledOn, exitAfter);
      const at = instants.map(
        ([fromExit, days, time]) => `${shiftDays(fromExit && exitOn ? exitOn : enrolledOn, days)}${time}`,
      );
      const data: ProgramData = {
        ...doc,
        program: { ...doc.program, timeZone: zone },
        enrolments: [
          {
            ...e,
            enrolledOn,
            ...(exitOn === undefined ? {} : { exit: { kind: 'completed', referralsMade: [], on: exitOn } }),
          },
        ],
        contacts: at.map((start, i) => ({ ...contact, enrolmentId: e.id, id: `c${i}`, start, end: start })),
        messages: at.map((receivedAt, i) => ({ ...message, enrolmentId: e.id, id: `m${i}`, receivedAt })),
      };
      expect(checkEnrolmentDates(data)).toEqual(referenceEnrolmentDates(data));
    },
  );

  it('finds a repeated id in a list that looks ascending under loose comparison (ids that are not strings)', () => {
    const doc = fc.sample(arbProgramData({ maxEnrolments: 1 }), { seed: 3, numRuns: 1 })[0] as ProgramData;
    const contact = doc.contacts[0];
    if (contact === undefined) throw new Error('the sample has no contact');
    // '10' < '9' < '9e-9' < 5 < '10', pair by pair: each is "greater" than the one before, yet '10' repeats.
    const ids = ['10', '9', '9e-9', 5, '10'] as unknown as string[];
    const data = { ...doc, contacts: ids.map((id) => ({ ...contact, id })) };
    const issues = checkIntegrity(data).filter((i) => i.code === 'duplicate-id');
    expect(issues.map((i) => i.pointer)).toEqual(['contacts[4].id']);
    expect(checkIntegrity(data)).toEqual(referenceIntegrity(data));
  });
});

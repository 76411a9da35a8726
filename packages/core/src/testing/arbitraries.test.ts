import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Coach, Contact, Enrolment, Message, Peer, PlanVersion, ProgramData } from '../model/domain';
import { parseProgramData } from '../model/parse';
import { HumanName, Instant, LocalDate } from '../model/primitives';
import {
  arbCoach,
  arbContact,
  arbEnrolment,
  arbHumanName,
  arbId,
  arbInstant,
  arbLocalDate,
  arbMessage,
  arbPeer,
  arbPlanChain,
  arbProgramData,
  EVERY_VARIATION,
  PROGRAM_DATA_WINDOW,
  PROGRAM_TIME_ZONES,
} from './arbitraries';
import { PROGRAM_SHAPES } from './shapes';

describe('primitive arbitraries', () => {
  test.prop([arbLocalDate()])('arbLocalDate gives calendar dates', (d) => {
    expect(LocalDate.safeParse(d).success).toBe(true);
  });

  test.prop([arbLocalDate({ min: '2024-02-28', max: '2024-03-01' })])(
    'arbLocalDate stays in its range',
    (d) => {
      expect(['2024-02-28', '2024-02-29', '2024-03-01']).toContain(d);
    },
  );

  test.prop([arbInstant()])('arbInstant without a zone gives instants', (i) => {
    expect(Instant.safeParse(i).success).toBe(true);
  });

  test.prop([fc.constantFrom(...PROGRAM_TIME_ZONES).chain((z) => fc.tuple(fc.constant(z), arbInstant(z)))])(
    'arbInstant in a zone carries the zone offset at that instant',
    ([zone, i]) => {
      expect(Instant.safeParse(i).success).toBe(true);
      const ms = Date.parse(i);
      const wall = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      })
        .format(new Date(ms))
        .replace(', ', 'T');
      expect(i.slice(0, 19)).toBe(wall);
      if (zone === 'UTC') expect(i.endsWith('Z')).toBe(true);
    },
  );

  test('a Los Angeles instant has -08:00 in winter and -07:00 in summer', () => {
    const jan = fc.sample(arbInstant('America/Los_Angeles', { min: '2026-01-15', max: '2026-01-15' }), 5);
    const jul = fc.sample(arbInstant('America/Los_Angeles', { min: '2026-07-15', max: '2026-07-15' }), 5);
    for (const i of jan) expect(i).toMatch(/^2026-01-15T.*-08:00$/);
    for (const i of jul) expect(i).toMatch(/^2026-07-15T.*-07:00$/);
  });

  test.prop([arbId('peer'), arbHumanName()])('arbId and arbHumanName', (id, name) => {
    expect(id).toMatch(/^peer-\d+$/);
    expect(HumanName.safeParse(name).success).toBe(true);
  });
});

describe('record arbitraries are schema-valid', () => {
  test.prop([arbCoach()])('arbCoach', (c) => {
    expect(Coach.safeParse(c).success).toBe(true);
    const froms = c.statusHistory.map((s) => s.from);
    expect(froms).toEqual([...froms].sort());
  });

  test.prop([arbPeer()])('arbPeer', (p) => {
    expect(Peer.safeParse(p).success).toBe(true);
    expect(p.birthDate !== undefined || p.ageBand !== undefined).toBe(true);
  });

  test.prop([arbEnrolment()])('arbEnrolment', (e) => {
    expect(Enrolment.safeParse(e).success).toBe(true);
  });

  test.prop([arbContact(), arbMessage()])('arbContact and arbMessage', (c, m) => {
    expect(Contact.safeParse(c).success).toBe(true);
    expect(Message.safeParse(m).success).toBe(true);
  });

  test.prop([arbPlanChain('enr-1', '2026-01-31')])('arbPlanChain is a chain', (plans) => {
    plans.forEach((p, i) => {
      expect(PlanVersion.safeParse(p).success).toBe(true);
      expect(p.version).toBe(i + 1);
      expect(p.replaces).toBe(i === 0 ? undefined : plans[i - 1]?.id);
    });
  });

  test.prop([
    arbPeer({
      id: fc.constant('peer-x'),
      birthDate: fc.constant(undefined),
      ageBand: fc.constant('18-25' as const),
    }),
  ])('overrides replace and remove fields', (p) => {
    expect(p.id).toBe('peer-x');
    expect('birthDate' in p).toBe(false);
    expect(p.ageBand).toBe('18-25');
  });
});

describe('arbProgramData', () => {
  test.prop([arbProgramData()], { numRuns: 200 })('produces documents that pass parseProgramData', (doc) => {
    const r = parseProgramData(doc);
    if (!r.success) expect(r.issues).toEqual([]);
    expect(r.success).toBe(true);
    expect(ProgramData.safeParse(doc).success).toBe(true);
  });

  test.prop([arbProgramData({ timeZone: 'America/New_York', minEnrolments: 2, maxEnrolments: 3 })])(
    'honours the options',
    (doc) => {
      expect(doc.program.timeZone).toBe('America/New_York');
      expect(doc.enrolments.length).toBeGreaterThanOrEqual(2);
      expect(doc.enrolments.length).toBeLessThanOrEqual(3);
      expect(parseProgramData(doc).success).toBe(true);
    },
  );

  test.prop([arbProgramData({ window: { min: '2024-01-01', max: '2024-12-31' } })])(
    'enrolments start in the window',
    (doc) => {
      for (const e of doc.enrolments) {
        expect(e.enrolledOn >= '2024-01-01' && e.enrolledOn <= '2024-12-31').toBe(true);
      }
    },
  );

  test('is realistic: over a sample, it produces the varied records rules need', () => {
    const docs = fc.sample(arbProgramData(), { numRuns: 200, seed: 42 });
    const all = <T>(f: (d: ProgramData) => readonly T[]) => docs.flatMap(f);
    expect(all((d) => d.plans).some((p) => p.version >= 3)).toBe(true);
    expect(all((d) => d.plans).some((p) => p.goals.length < 3)).toBe(true);
    expect(all((d) => d.contacts).some((c) => c.mode === 'in-person')).toBe(true);
    expect(all((d) => d.contacts).some((c) => c.mode !== 'in-person')).toBe(true);
    expect(all((d) => d.messages).some((m) => m.repliedAt === undefined)).toBe(true);
    expect(all((d) => d.enrolments).some((e) => e.holds.length > 0)).toBe(true);
    expect(all((d) => d.enrolments).some((e) => e.exit?.kind === 'discontinued')).toBe(true);
    expect(all((d) => d.enrolments).some((e) => (e.exit?.referralsMade.length ?? 0) > 0)).toBe(true);
    expect(all((d) => d.enrolments).some((e) => e.coachAssignments.length > 1)).toBe(true);
    expect(all((d) => d.coaches).some((c) => c.statusHistory.some((s) => s.status === 'removed'))).toBe(true);
    expect(all((d) => d.coaches).some((c) => c.statusHistory.some((s) => s.status === 'on-notice'))).toBe(
      true,
    );
    expect(all((d) => d.consents).some((c) => c.kind === 'release-of-information')).toBe(true);
    expect(new Set(docs.map((d) => d.program.timeZone)).size).toBeGreaterThan(3);
    for (const d of docs) {
      for (const e of d.enrolments) expect(e.enrolledOn >= PROGRAM_DATA_WINDOW.min).toBe(true);
    }
  });

  test.prop([arbProgramData(EVERY_VARIATION)], { numRuns: 150 })(
    'with every variation, produces documents that pass parseProgramData',
    (doc) => {
      const r = parseProgramData(doc);
      if (!r.success) expect(r.issues).toEqual([]);
      expect(r.success).toBe(true);
    },
  );

  test('with every variation, over a sample, shows every shape exchange tests need', () => {
    const docs = fc.sample(arbProgramData(EVERY_VARIATION), { numRuns: 300, seed: 42 });
    const missing = Object.entries(PROGRAM_SHAPES)
      .filter(([, has]) => !docs.some(has))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  test('without variations, ids are not reused, instants carry the zone offset and text is ASCII', () => {
    const docs = fc.sample(arbProgramData(), { numRuns: 100, seed: 7 });
    for (const name of ['id reused across record types', 'instant with milliseconds', 'text outside ASCII'])
      expect(docs.some(PROGRAM_SHAPES[name] as (d: ProgramData) => boolean)).toBe(false);
  });

  test('each variation can be turned on alone', () => {
    const has = (name: string) => PROGRAM_SHAPES[name] as (d: ProgramData) => boolean;
    const sample = (o: Parameters<typeof arbProgramData>[0]) =>
      fc.sample(arbProgramData(o), { numRuns: 50, seed: 3 });
    expect(sample({ reuseIds: true }).some(has('id reused across record types'))).toBe(true);
    expect(sample({ mixedOffsets: true }).some(has('instant with milliseconds'))).toBe(true);
    expect(sample({ anyScriptText: true }).some(has('text outside ASCII'))).toBe(true);
    expect(sample({ anyShapes: true }).some(has('message reply channel without reply'))).toBe(true);
    expect(sample({ reuseIds: true }).some(has('text outside ASCII'))).toBe(false);
  });
});

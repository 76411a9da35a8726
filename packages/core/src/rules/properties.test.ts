/**
 * Property tests of the rules engine over generated, schema-valid program documents (see `testing/arbitraries`):
 * determinism, totality, monotonicity, explanation consistency, order independence, privacy, and exact month and
 * daylight-saving boundaries.
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { addMonths } from '../calendar/index';
import type { Contact, PlanVersion, ProgramData } from '../model/domain';
import { parseProgramData } from '../model/parse';
import { Instant, LocalDate } from '../model/primitives';
import { builtInPacks, getBuiltInPack } from '../packs/builtin';
import type { RulePack } from '../packs/schema';
import { arbProgramData } from '../testing/arbitraries';
import { contact, enrolment, plan, programData } from '../testing/builders';
import type { AsOf } from './context';
import { evaluateCoach, evaluateProgram, type ProgramEvaluation } from './evaluate';
import { FINDING_CODES } from './messages';
import type { Finding } from './result';
import { runs } from './rules.test-support';

const DAY_MS = 86_400_000;
/**
 * Run parameters: `numRuns` runs, and at most 4 s including shrinking, inside vitest's default 5 s timeout (whole
 * program documents shrink slowly; an interrupted shrink still reports the counterexample found so far).
 */
const PACKS: readonly RulePack[] = Object.values(builtInPacks);

/** Generated program documents; their coaches' `core-training` is the training the built-in packs require. */
const arbData = (maxEnrolments = 3) => arbProgramData({ maxEnrolments, maxCoaches: 3, maxPeers: 3 });

const dateIn = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T23:59:59Z`), noInvalidDate: true });

/** An evaluation moment in any of the three accepted forms: calendar date, ISO instant, epoch milliseconds. */
function arbAsOf(min = '2018-06-01', max = '2029-06-30'): fc.Arbitrary<AsOf> {
  return fc.oneof(
    dateIn(min, max).map((d) => d.toISOString().slice(0, 10)),
    dateIn(min, max).map((d) => d.toISOString()),
    dateIn(min, max).map((d) => d.getTime()),
  );
}

function evaluate(data: ProgramData, asOf: AsOf, pack?: RulePack): ProgramEvaluation {
  const r = evaluateProgram(data, pack === undefined ? { asOf } : { asOf, pack });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

const allFindings = (ev: ProgramEvaluation): Finding[] => [
  ...ev.enrolments.flatMap((e) => e.findings),
  ...ev.coaches.flatMap((c) => c.findings),
];

const shuffle = <T>(g: fc.GeneratorValue, list: readonly T[]): T[] =>
  list.length < 2 ? [...list] : g(fc.shuffledSubarray, [...list], { minLength: list.length });

function expectValid(data: ProgramData): void {
  const parsed = parseProgramData(data);
  expect(parsed.success ? [] : parsed.issues).toEqual([]);
}

describe('determinism and totality', () => {
  test.prop([arbData(), arbAsOf()], runs(30))(
    'the same input gives deep-equal output, and the input is not modified',
    (data, asOf) => {
      const before = JSON.stringify(data);
      const first = evaluate(data, asOf);
      expect(JSON.stringify(data)).toBe(before);
      expect(evaluate(structuredClone(data), asOf)).toEqual(first);
    },
  );

  test.prop(
    [arbData(), dateIn('2000-01-01', '2040-12-31'), fc.constantFrom('date', 'instant', 'offset', 'ms')],
    runs(30),
  )(
    'evaluateProgram never throws on schema-valid data, for any asOf in 2000-2040 and every pack',
    (data, at, form) => {
      const asOf: AsOf =
        form === 'date'
          ? at.toISOString().slice(0, 10)
          : form === 'instant'
            ? at.toISOString()
            : form === 'offset'
              ? `${new Date(at.getTime() + 19_800_000).toISOString().slice(0, 19)}+05:30`
              : at.getTime();
      for (const pack of PACKS) {
        const r = evaluateProgram(data, { asOf, pack });
        expect(r.success).toBe(true);
        if (r.success) expect(r.data.enrolments).toHaveLength(data.enrolments.length);
      }
    },
  );
});

describe('explanations are consistent', () => {
  test.prop([arbData(), arbAsOf(), fc.constantFrom(...PACKS)], runs(40))(
    'fail iff a non-info finding; codes are known; messages are filled; dates are valid',
    (data, asOf, pack) => {
      const ev = evaluate(data, asOf, pack);
      const results = [...ev.enrolments, ...ev.coaches].flatMap((e) => e.results);
      for (const r of results) {
        expect(r.status === 'fail').toBe(r.findings.some((f) => f.severity !== 'info'));
        if (r.status === 'pending')
          expect(r.obligations.some((o) => o.status === 'open' || o.status === 'due-soon')).toBe(true);
        for (const f of r.findings) {
          expect(f.ruleId).toBe(r.ruleId);
          expect(f.code.startsWith(`${f.ruleId}.`)).toBe(true);
          expect(FINDING_CODES).toContain(f.code);
          expect(f.message).not.toMatch(/\{\w+\}/);
          expect(f.subject).toEqual(r.subject);
          if (f.dueOn !== undefined) expect(LocalDate.safeParse(f.dueOn).success).toBe(true);
        }
        for (const o of r.obligations) {
          expect(Instant.safeParse(o.dueAt).success).toBe(true);
          expect(new Date(o.dueAt).toISOString()).toBe(o.dueAt);
          expect(LocalDate.safeParse(o.dueOn).success).toBe(true);
          if (o.metAt !== undefined) expect(new Date(o.metAt).toISOString()).toBe(o.metAt);
          expect(o.ruleId).toBe(r.ruleId);
        }
      }
    },
  );
});

describe('monotonicity', () => {
  const missedMonths = (ev: ProgramEvaluation) =>
    new Set(
      ev.enrolments.flatMap((e) =>
        e.timeline
          .filter((o) => o.ruleId === 'in-person-contact' && o.status === 'missed')
          .map((o) => `${e.enrolmentId} ${o.id}`),
      ),
    );
  const contactFindings = (ev: ProgramEvaluation) =>
    ev.enrolments.flatMap((e) =>
      e.findings
        .filter((f) => f.ruleId === 'in-person-contact')
        .map((f) => `${e.enrolmentId} ${f.params.month}`),
    );

  test.prop(
    [
      arbData(),
      fc.nat(),
      fc.integer({ min: -3 * DAY_MS, max: 600 * DAY_MS }),
      fc.integer({ min: 0, max: 720 }),
      fc.boolean(),
    ],
    runs(40),
  )(
    'adding an in-person contact never adds a missed month nor an in-person-contact finding',
    (data, k, offset, days, recorded) => {
      const e = data.enrolments[k % data.enrolments.length];
      const coachId = data.coaches[0]?.id;
      if (e === undefined || coachId === undefined) return;
      const startMs = Date.parse(`${e.enrolledOn}T12:00:00Z`) + offset;
      const added: Contact = {
        ...contact({
          id: 'added-contact',
          enrolmentId: e.id,
          coachId,
          start: new Date(startMs).toISOString(),
        }),
        ...(recorded ? { recordedAt: new Date(startMs + DAY_MS).toISOString() } : {}),
      };
      const more = { ...data, contacts: [...data.contacts, added] };
      expectValid(more);
      const asOf = new Date(Date.parse(`${e.enrolledOn}T12:00:00Z`) + days * DAY_MS).toISOString();
      const before = evaluate(data, asOf);
      const after = evaluate(more, asOf);
      const missedBefore = missedMonths(before);
      for (const m of missedMonths(after)) expect(missedBefore).toContain(m);
      const findingsBefore = contactFindings(before);
      for (const f of contactFindings(after)) expect(findingsBefore).toContain(f);
    },
  );

  test.prop([arbData(), fc.nat(), fc.integer({ min: 0, max: 730 * DAY_MS }), arbAsOf()], runs(40))(
    'answering an unanswered message never increases the number of findings',
    (data, k, delay, asOf) => {
      if (data.messages.length === 0) return;
      const i = k % data.messages.length;
      const { repliedAt: _r, replyChannel: _c, ...unanswered } = data.messages[i]!;
      const without = { ...data, messages: data.messages.map((m, j) => (j === i ? unanswered : m)) };
      const repliedAt = new Date(Date.parse(unanswered.receivedAt) + delay).toISOString();
      const answered = {
        ...data,
        messages: data.messages.map((m, j) => (j === i ? { ...unanswered, repliedAt } : m)),
      };
      expectValid(answered);
      expect(allFindings(evaluate(answered, asOf)).length).toBeLessThanOrEqual(
        allFindings(evaluate(without, asOf)).length,
      );
    },
  );

  /** Adds a plan version signed `days` after the exit of the k-th exited enrolment (if any); returns that exit day. */
  function withPlanAfterExit(data: ProgramData, k: number, days: number): [ProgramData, string | undefined] {
    const exited = data.enrolments.filter((e) => e.exit !== undefined);
    const e = exited[k % Math.max(1, exited.length)];
    if (e?.exit === undefined) return [data, undefined];
    const own = data.plans.filter((p) => p.enrolmentId === e.id).sort((a, b) => a.version - b.version);
    const last = own[own.length - 1];
    const signed = new Date(Date.parse(`${e.exit.on}T18:00:00Z`) + days * DAY_MS).toISOString();
    const added = plan({
      id: `${e.id}-after-exit`,
      enrolmentId: e.id,
      version: (last?.version ?? 0) + 1,
      signedByPeerAt: signed,
      ...(last ? { replaces: last.id } : {}),
    });
    return [{ ...data, plans: [...data.plans, added] }, e.exit.on];
  }

  test.prop(
    [
      arbData(),
      dateIn('2018-06-01', '2029-06-30'),
      fc.integer({ min: 0, max: 800 * DAY_MS }),
      fc.option(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 60 }), fc.integer({ min: -40, max: 40 }))),
    ],
    runs(50),
  )(
    'a later asOf never turns a missed obligation into something else (data without recordedAt)',
    (generated, at, later, afterExit) => {
      const plain: ProgramData = {
        ...generated,
        plans: generated.plans.map(({ recordedAt: _, ...p }) => p),
        contacts: generated.contacts.map(({ recordedAt: _, ...c }) => c),
      };
      // sometimes: a plan signed after an enrolment ended, and a first asOf near that exit
      const [data, exitOn] = afterExit
        ? withPlanAfterExit(plain, afterExit[0], afterExit[1])
        : [plain, undefined];
      expectValid(data);
      const first =
        exitOn === undefined || !afterExit
          ? at.getTime()
          : Date.parse(`${exitOn}T12:00:00Z`) + afterExit[2] * DAY_MS;
      const early = evaluate(data, first);
      const late = evaluate(data, first + later);
      for (const e of early.enrolments) {
        const lateTimeline = late.enrolments.find((x) => x.enrolmentId === e.enrolmentId)?.timeline ?? [];
        for (const o of e.timeline.filter((x) => x.status === 'missed'))
          expect([o.id, lateTimeline.find((x) => x.id === o.id)?.status]).toEqual([o.id, 'missed']);
      }
    },
  );
});

describe('order independence', () => {
  /** What does not depend on list order: everything but `path`, which holds list indices. */
  const stripPath = ({ path: _, ...rest }: Finding) => JSON.stringify(rest);
  const sorted = (xs: string[]) => [...xs].sort();
  const byEnrolment = (ev: ProgramEvaluation, key: (f: Finding) => string) =>
    Object.fromEntries(ev.enrolments.map((e) => [e.enrolmentId, sorted(e.findings.map(key))]));
  const byCoach = (ev: ProgramEvaluation, key: (f: Finding) => string) =>
    Object.fromEntries(ev.coaches.map((c) => [c.coachId, sorted(c.findings.map(key))]));

  function shuffleTopLevel(g: fc.GeneratorValue, d: ProgramData): ProgramData {
    return {
      ...d,
      organizations: shuffle(g, d.organizations),
      coaches: shuffle(g, d.coaches),
      peers: shuffle(g, d.peers),
      enrolments: shuffle(g, d.enrolments),
      plans: shuffle(g, d.plans),
      contacts: shuffle(g, d.contacts),
      messages: shuffle(g, d.messages),
      referrals: shuffle(g, d.referrals),
      consents: shuffle(g, d.consents),
      assessments: shuffle(g, d.assessments),
    };
  }

  /** Also shuffles the nested lists whose order carries no meaning (histories, stages and holds must stay in order). */
  function shuffleNested(g: fc.GeneratorValue, d: ProgramData): ProgramData {
    return {
      ...d,
      program: {
        ...d.program,
        calendar: {
          ...d.program.calendar,
          weekendDays: shuffle(g, d.program.calendar.weekendDays),
          holidays: shuffle(g, d.program.calendar.holidays),
        },
      },
      coaches: d.coaches.map((c) => ({
        ...c,
        trainings: shuffle(g, c.trainings),
        incidents: shuffle(g, c.incidents),
        ...(c.commitment
          ? { commitment: { ...c.commitment, extensions: shuffle(g, c.commitment.extensions) } }
          : {}),
      })),
      peers: d.peers.map((p) => ({ ...p, populations: shuffle(g, p.populations) })),
      enrolments: d.enrolments.map((e) => ({
        ...e,
        coachAssignments: shuffle(g, e.coachAssignments),
        ...(e.exit ? { exit: { ...e.exit, referralsMade: shuffle(g, e.exit.referralsMade) } } : {}),
      })),
      plans: d.plans.map((p) => ({ ...p, goals: shuffle(g, p.goals) })),
      contacts: d.contacts.map((c) => ({ ...c, activities: shuffle(g, c.activities) })),
      consents: d.consents.map((c) => ({ ...c, purposes: shuffle(g, c.purposes) })),
    };
  }

  test.prop([arbData(4), arbAsOf(), fc.gen()], runs(30))(
    'shuffling every list gives the same findings (as a multiset), obligations and totals',
    (data, asOf, g) => {
      const base = evaluate(data, asOf);
      const top = shuffleTopLevel(g, data);
      expectValid(top);
      const shuffled = evaluate(top, asOf);
      // top-level lists: findings equal in everything but their path; timelines and totals equal
      expect(byEnrolment(shuffled, stripPath)).toEqual(byEnrolment(base, stripPath));
      expect(byCoach(shuffled, stripPath)).toEqual(byCoach(base, stripPath));
      const timelines = (ev: ProgramEvaluation) =>
        Object.fromEntries(ev.enrolments.map((e) => [e.enrolmentId, e.timeline]));
      expect(timelines(shuffled)).toEqual(timelines(base));
      expect(shuffled.totals).toEqual(base.totals);
      // nested lists too: which finding, about what, due when (a peer's first population is named in a param)
      const nested = shuffleNested(g, top);
      expectValid(nested);
      const key = (f: Finding) => `${f.code} ${f.subject.type}:${f.subject.id} ${f.dueOn ?? '-'}`;
      const deep = evaluate(nested, asOf);
      expect(byEnrolment(deep, key)).toEqual(byEnrolment(base, key));
      expect(byCoach(deep, key)).toEqual(byCoach(base, key));
    },
  );
});

describe('privacy', () => {
  const dayOf = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY_MS);
  const dateOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
  /**
   * Marker dates lie before every date the generated records or the evaluation can produce: the records start in
   * 2019, and coach histories reach back at most 1,560 days before that (to 2014-09), so a recovery date (and the
   * day 24 months later, when its minimum is met) ends by 2012-05-31 and a birth date by 2012-12-31.
   */
  const markerDays = (g: fc.GeneratorValue, n: number, min: string, max: string) =>
    g(() =>
      fc.uniqueArray(fc.integer({ min: dayOf(min), max: dayOf(max) }), { minLength: n, maxLength: n }),
    ).map(dateOf);
  const marker = (g: fc.GeneratorValue) => `pii-${g(fc.uuid)}`;

  test.prop([arbData(), arbAsOf('2019-01-01', '2028-12-31'), fc.gen()], runs(30))(
    'names, goals, notes, birth dates and recovery dates never appear in any result',
    (generated, asOf, g) => {
      const strings: string[] = [];
      const mark = () => {
        const m = marker(g);
        strings.push(m);
        return m;
      };
      const births = markerDays(g, generated.peers.length, '1930-01-01', '2012-12-31');
      const recoveries = markerDays(g, generated.coaches.length, '1950-01-01', '2012-05-31');
      const data: ProgramData = {
        ...generated,
        peers: generated.peers.map((p, i) => ({
          ...p,
          name: { given: [mark()], family: mark(), text: mark() },
          birthDate: births[i]!,
        })),
        coaches: generated.coaches.map((c, i) => ({
          ...c,
          name: { given: [mark()], family: mark() },
          recoveryStartDate: recoveries[i]!,
        })),
        plans: generated.plans.map((p) => ({
          ...p,
          goals: p.goals.map((goal) => ({ ...goal, description: mark() })),
        })),
        contacts: generated.contacts.map((c) => ({ ...c, note: mark() })),
      };
      expectValid(data);
      const dates = [...births, ...recoveries, ...recoveries.map((r) => addMonths(r, 24))];
      // The markers must not occur in the records' other fields, or a finding quoting such a field (an
      // extension's agreement day, say) would look like a leak.
      const rest = JSON.stringify({
        ...data,
        peers: data.peers.map(({ birthDate: _, ...p }) => p),
        coaches: data.coaches.map(({ recoveryStartDate: _, ...c }) => c),
      });
      for (const d of dates) expect(rest, 'a marker date occurs in a non-personal field').not.toContain(d);
      const ev = evaluate(data, asOf);
      for (const f of allFindings(ev)) {
        const shown = JSON.stringify([f.message, f.params, f.expected, f.found]);
        for (const m of [...strings, ...dates]) expect(shown).not.toContain(m);
      }
      const json = JSON.stringify(ev);
      for (const m of [...strings, ...dates]) expect(json).not.toContain(m);
      for (const c of data.coaches) {
        const r = evaluateCoach(data, c.id, { asOf });
        expect(r.success).toBe(true);
        const coachJson = JSON.stringify(r);
        for (const d of recoveries) expect(coachJson).not.toContain(d);
      }
    },
  );

  test.prop(
    [arbData(), dateIn('2019-01-01', '2028-12-31'), fc.nat(), fc.integer({ min: 0, max: 20_000 }), fc.gen()],
    runs(30),
  )(
    'a coach evaluation does not depend on the recovery date beyond meeting the minimum (nothing can leak it)',
    (data, at, k, back, g) => {
      const coachIndex = k % data.coaches.length;
      const asOfDate = at.toISOString().slice(0, 10);
      const months = Math.round(
        (getBuiltInPack(data.program.rulePack)?.rules['coach-eligibility'].minRecoveryYears.value ?? 0) * 12,
      );
      const meets = (r: string) => addMonths(r, months) <= asOfDate;
      const r1 = dateOf(dayOf(asOfDate) - back);
      // a recovery date on the same side of the minimum: earlier if r1 meets it, later (up to asOf) if not
      const r2 = meets(r1)
        ? dateOf(g(fc.integer, { min: dayOf('1950-01-01'), max: dayOf(r1) }))
        : dateOf(g(fc.integer, { min: dayOf(r1), max: dayOf(asOfDate) }));
      expect(meets(r2)).toBe(meets(r1));
      // Without a verification of the minimum: a later start voids one (continuing recovery, tested on its own),
      // so with one the date would matter on which side of the verification it falls.
      const withDate = (r: string): ProgramData => ({
        ...data,
        coaches: data.coaches.map((c, i) => {
          if (i !== coachIndex) return c;
          const { recoveryMinimumVerifiedOn: _, ...rest } = c;
          return { ...rest, recoveryStartDate: r };
        }),
      });
      expect(evaluate(withDate(r2), asOfDate)).toEqual(evaluate(withDate(r1), asOfDate));
    },
  );
});

describe('calendar boundaries', () => {
  const ZONES = [
    'America/Los_Angeles',
    'America/New_York',
    'America/Anchorage',
    'Pacific/Honolulu',
    'America/St_Johns',
    'America/Sao_Paulo',
    'Europe/London',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Asia/Tokyo',
    'Australia/Adelaide',
    'Pacific/Auckland',
    'Pacific/Chatham',
    'Pacific/Kiritimati',
    'UTC',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  const offsetText = (minutes: number) =>
    `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  /** The instant of a local wall time in a zone, written with the zone's offset at that instant. */
  function localInstant(
    zone: string,
    y: number,
    monthIndex: number,
    day: number,
    h: number,
    m: number,
    s = 0,
  ) {
    const t = new TZDate(y, monthIndex, day, h, m, s, zone);
    const ms = t.getTime();
    const offset = tzOffset(zone, new Date(ms));
    const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
    return { instant: `${wall}${offsetText(offset)}`, localDay: wall.slice(0, 10) };
  }
  const ym = (y: number, monthIndex: number) => {
    const d = new Date(Date.UTC(y, monthIndex, 1));
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
  };
  const lastDay = (y: number, monthIndex: number) => new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();

  test.prop(
    [fc.constantFrom(...ZONES), fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 0, max: 11 })],
    runs(60),
  )('a meeting at 23:30 local on the last day of a month counts for that month', (zone, year, month) => {
    const last = localInstant(zone, year, month, lastDay(year, month), 23, 30);
    const first = localInstant(zone, year, month + 2, 1, 0, 30);
    const [m0, m1, m2] = [ym(year, month), ym(year, month + 1), ym(year, month + 2)];
    expect(last.localDay.slice(0, 7)).toBe(m0);
    const base = programData();
    const data = programData({
      program: { ...base.program, timeZone: zone, calendar: { weekendDays: [0, 6], holidays: [] } },
      enrolments: [enrolment({ enrolledOn: `${m0}-01` })],
      contacts: [contact({ id: 'c1', start: last.instant }), contact({ id: 'c2', start: first.instant })],
    });
    expectValid(data);
    const asOf = `${m2}-${pad(lastDay(year, month + 2))}`;
    const ev = evaluate(data, asOf, builtInPacks['srp-recovery-connect']);
    const months = ev.enrolments[0]?.timeline
      .filter((o) => o.ruleId === 'in-person-contact')
      .map((o) => [o.id, o.status, o.count]);
    expect(months).toEqual([
      [`in-person-contact:${m0}`, 'met', 1],
      [`in-person-contact:${m1}`, 'missed', 0],
      [`in-person-contact:${m2}`, 'met', 1],
    ]);
  });

  const NY = 'America/New_York';
  /** Due days that are daylight-saving days in New York: 8 March 2026 (23 h) and 1 November 2026 (25 h). */
  const DST_DAYS = [
    {
      enrolledOn: '2026-02-06',
      v1Day: [2025, 11, 8] as const,
      due: [2026, 2, 8] as const,
      dueOn: '2026-03-08',
    },
    {
      enrolledOn: '2026-10-02',
      v1Day: [2026, 7, 1] as const,
      due: [2026, 10, 1] as const,
      dueOn: '2026-11-01',
    },
  ];

  test.prop(
    [
      fc.constantFrom(...DST_DAYS),
      fc.oneof(fc.constant(23 * 3600 + 59 * 60), fc.integer({ min: 0, max: 86_399 })),
    ],
    runs(40),
  )(
    'plans signed at any time up to 23:59:59 local on a DST due day are on time; one day later is late',
    (d, second) => {
      const hh = Math.floor(second / 3600);
      const mm = Math.floor((second % 3600) / 60);
      const ss = second % 60;
      const onTime = localInstant(NY, d.due[0], d.due[1], d.due[2], hh, mm, ss);
      const nextDay = localInstant(NY, d.due[0], d.due[1], d.due[2] + 1, hh, mm, ss);
      expect(onTime.localDay).toBe(d.dueOn);
      const v1 = localInstant(NY, d.v1Day[0], d.v1Day[1], d.v1Day[2], 10, 0).instant;
      const base = programData();
      const run = (first: string, second: string) => {
        const plans: PlanVersion[] = [
          plan({ id: 'p1', enrolmentId: 'enr-1', version: 1, signedByPeerAt: first }),
          plan({ id: 'p2', enrolmentId: 'enr-2', version: 1, signedByPeerAt: v1 }),
          plan({ id: 'p3', enrolmentId: 'enr-2', version: 2, replaces: 'p2', signedByPeerAt: second }),
        ];
        const data = programData({
          program: { ...base.program, timeZone: NY },
          enrolments: [
            enrolment({ enrolledOn: d.enrolledOn }),
            enrolment({ id: 'enr-2', enrolledOn: `${d.v1Day[0]}-${pad(d.v1Day[1] + 1)}-01` }),
          ],
          plans,
        });
        expectValid(data);
        const ev = evaluate(data, '2027-01-31', builtInPacks['srp-recovery-connect']);
        const first1 = ev.enrolments[0]?.timeline.find((o) => o.id === 'first-action-plan');
        const revision = ev.enrolments[1]?.timeline.find((o) => o.id === 'plan-revision:after-v1');
        const late = ev.enrolments.flatMap((e) =>
          e.findings.filter((f) => f.code === 'first-action-plan.late' || f.code === 'plan-revision.late'),
        );
        return { first1, revision, late };
      };
      const ok = run(onTime.instant, onTime.instant);
      expect([ok.first1?.dueOn, ok.first1?.status, ok.first1?.lateByDays]).toEqual([
        d.dueOn,
        'met',
        undefined,
      ]);
      expect([ok.revision?.dueOn, ok.revision?.status, ok.revision?.lateByDays]).toEqual([
        d.dueOn,
        'met',
        undefined,
      ]);
      expect(ok.late).toEqual([]);
      const late = run(nextDay.instant, nextDay.instant);
      expect(late.first1?.lateByDays).toBe(1);
      expect(late.revision?.lateByDays).toBe(1);
      expect(late.late.map((f) => f.found)).toEqual([
        { signedOn: nextDay.localDay, daysLate: 1 },
        { signedOn: nextDay.localDay, daysLate: 1 },
      ]);
    },
  );
});

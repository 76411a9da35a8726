import { tzOffset } from '@date-fns/tz';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it, vi } from 'vitest';
import type { ProgramData } from '../model/domain';
import { parseProgramData } from '../model/parse';
import { generateProgramData, SYNTHETIC_DEFAULTS, type SyntheticQuality } from './index';
import { addMonths, formatDay, parseDay } from './time';

const ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Santiago',
  'UTC',
] as const;
const QUALITIES: readonly SyntheticQuality[] = ['good', 'mixed', 'poor'];

const quality = fc.constantFrom(...QUALITIES);
const startDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Every instant string in the document, with where it was found. */
function instants(data: ProgramData): { where: string; value: string }[] {
  const out: { where: string; value: string }[] = [];
  const add = (where: string, value: string | undefined) => {
    if (value !== undefined) out.push({ where, value });
  };
  for (const c of data.contacts) {
    add(`${c.id}.start`, c.start);
    add(`${c.id}.end`, c.end);
    add(`${c.id}.recordedAt`, c.recordedAt);
  }
  for (const m of data.messages) {
    add(`${m.id}.receivedAt`, m.receivedAt);
    add(`${m.id}.repliedAt`, m.repliedAt);
  }
  for (const p of data.plans) {
    add(`${p.id}.signedByPeerAt`, p.signedByPeerAt);
    add(`${p.id}.signedByCoachAt`, p.signedByCoachAt);
    add(`${p.id}.recordedAt`, p.recordedAt);
  }
  return out;
}

/** Dates of events that happen in the enrolments (all must lie inside the period). */
function enrolmentEventDates(data: ProgramData): { where: string; value: string }[] {
  const out: { where: string; value: string }[] = [];
  const add = (where: string, value: string | undefined) => {
    if (value !== undefined) out.push({ where, value });
  };
  for (const e of data.enrolments) {
    add(`${e.id}.referredOn`, e.referredOn);
    add(`${e.id}.enrolledOn`, e.enrolledOn);
    for (const [k, v] of Object.entries(e.documents)) add(`${e.id}.documents.${k}`, v);
    for (const a of e.coachAssignments) {
      add(`${e.id}.assignment.from`, a.from);
      add(`${e.id}.assignment.to`, a.to);
    }
    for (const s of e.stages) add(`${e.id}.stage`, s.from);
    for (const h of e.holds) {
      add(`${e.id}.hold.from`, h.from);
      add(`${e.id}.hold.to`, h.to);
    }
    add(`${e.id}.exit.on`, e.exit?.on);
    add(`${e.id}.exit.notice`, e.exit?.referralSourceNoticeSentOn);
  }
  for (const p of data.plans) add(`${p.id}.createdOn`, p.createdOn);
  for (const r of data.referrals) add(`${r.id}.madeOn`, r.madeOn);
  for (const c of data.consents) {
    add(`${c.id}.signedOn`, c.signedOn);
    add(`${c.id}.period.start`, c.period.start);
    add(`${c.id}.revokedOn`, c.revokedOn);
  }
  for (const a of data.assessments) add(`${a.id}.completedOn`, a.completedOn);
  for (const i of instants(data)) out.push({ where: i.where, value: i.value.slice(0, 10) });
  return out;
}

/** Dates of coach events (they may precede the period, never follow it). */
function coachEventDates(data: ProgramData): { where: string; value: string }[] {
  const out: { where: string; value: string }[] = [];
  const add = (where: string, value: string | undefined) => {
    if (value !== undefined) out.push({ where, value });
  };
  for (const c of data.coaches) {
    for (const s of c.statusHistory) {
      add(`${c.id}.status`, s.from);
      add(`${c.id}.notice`, s.writtenNoticeOn);
    }
    for (const t of c.trainings) add(`${c.id}.training`, t.completedOn);
    add(`${c.id}.interview`, c.interview?.completedOn);
    add(`${c.id}.backgroundCheck`, c.backgroundCheck?.completedOn);
    for (const v of Object.values(c.agreements)) add(`${c.id}.agreement`, v);
    add(`${c.id}.commitment`, c.commitment?.startOn);
    for (const x of c.commitment?.extensions ?? []) add(`${c.id}.extension`, x.agreedOn);
    for (const i of c.incidents) add(`${c.id}.incident`, i.on);
  }
  return out;
}

function offsetMinutes(instant: string): number {
  const m = /([+-])(\d\d):(\d\d)$/.exec(instant);
  if (!m) return 0;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

const lastDayOf = (start: string, years: number): string =>
  formatDay(addMonths(parseDay(start), Math.max(1, Math.round(years * 12))) - 1);

const daysBetween = (from: string, to: string): number => parseDay(to) - parseDay(from);

function isSortedById(list: readonly { id: string }[]): boolean {
  for (let i = 1; i < list.length; i++)
    if ((list[i - 1] as { id: string }).id >= (list[i] as { id: string }).id) return false;
  return true;
}

/** Local dates of first plans signed more than 30 days after enrolment, and revisions signed after they were due. */
function latePlans(data: ProgramData): string[] {
  const enrolledOn = new Map(data.enrolments.map((e) => [e.id, e.enrolledOn]));
  const byId = new Map(data.plans.map((p) => [p.id, p]));
  const late: string[] = [];
  for (const p of data.plans) {
    if (p.signedByPeerAt === undefined) continue;
    const signed = p.signedByPeerAt.slice(0, 10);
    if (p.version === 1) {
      if (daysBetween(enrolledOn.get(p.enrolmentId) as string, signed) > 30) late.push(p.id);
    } else {
      const prev = byId.get(p.replaces as string)?.signedByPeerAt?.slice(0, 10);
      if (prev !== undefined && signed > formatDay(addMonths(parseDay(prev), 3))) late.push(p.id);
    }
  }
  return late;
}

describe('generateProgramData: determinism', () => {
  test.prop([fc.integer(), fc.integer({ min: 0, max: 12 }), quality, fc.constantFrom(...ZONES)], {
    numRuns: 25,
  })('the same options give deeply equal data', (seed, peers, q, timeZone) => {
    const options = { peers, seed, quality: q, timeZone, start: '2025-06-15', years: 1.5 };
    expect(generateProgramData(options)).toStrictEqual(generateProgramData(options));
  });

  test.prop([fc.integer(), fc.integer(), fc.integer({ min: 3, max: 10 })], { numRuns: 25 })(
    'different seeds give different data',
    (a, b, peers) => {
      fc.pre(a !== b);
      expect(generateProgramData({ peers, seed: a })).not.toEqual(generateProgramData({ peers, seed: b }));
    },
  );

  it('uses the high bits of large seeds', () => {
    expect(generateProgramData({ peers: 3, seed: 5 })).not.toEqual(
      generateProgramData({ peers: 3, seed: 5 + 2 ** 32 }),
    );
  });

  it('reads neither Math.random nor the clock', () => {
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now used');
    });
    try {
      expect(generateProgramData({ peers: 20, seed: 9 }).peers).toHaveLength(20);
    } finally {
      random.mockRestore();
      now.mockRestore();
    }
  });
});

describe('generateProgramData: validity', () => {
  test.prop(
    [
      fc.integer(),
      fc.integer({ min: 0, max: 25 }),
      startDate,
      fc.constantFrom(0.25, 0.5, 1, 1.5, 2, 3),
      fc.constantFrom(...ZONES),
      quality,
    ],
    { numRuns: 40 },
  )('passes parseProgramData (schema and integrity)', (seed, peers, start, years, timeZone, q) => {
    const data = generateProgramData({ peers, seed, start, years, timeZone, quality: q });
    const result = parseProgramData(data);
    expect(result.success ? [] : result.issues).toEqual([]);
    expect(data.peers).toHaveLength(peers);
    expect(data.enrolments).toHaveLength(peers);
  });

  test.prop([fc.integer(), startDate, fc.constantFrom(0.5, 1, 2), fc.constantFrom(...ZONES)], {
    numRuns: 25,
  })('writes every instant with the zone offset in force at that instant', (seed, start, years, timeZone) => {
    const data = generateProgramData({ peers: 12, seed, start, years, timeZone });
    const wrong = instants(data).filter(
      (i) => offsetMinutes(i.value) !== tzOffset(timeZone, new Date(i.value)),
    );
    expect(wrong).toEqual([]);
  });

  test.prop([fc.integer(), startDate, fc.constantFrom(0.25, 1, 2.5), quality], { numRuns: 25 })(
    'dates no record outside the period',
    (seed, start, years, q) => {
      const data = generateProgramData({ peers: 15, seed, start, years, quality: q });
      const last = lastDayOf(start, years);
      const outside = enrolmentEventDates(data).filter((d) => d.value < start || d.value > last);
      expect(outside).toEqual([]);
      expect(coachEventDates(data).filter((d) => d.value > last)).toEqual([]);
      for (const c of data.contacts) expect(Date.parse(c.end)).toBeGreaterThanOrEqual(Date.parse(c.start));
    },
  );

  test.prop([fc.integer(), fc.integer({ min: 0, max: 30 })], { numRuns: 20 })(
    'sorts every list by id',
    (seed, peers) => {
      const data = generateProgramData({ peers, seed });
      for (const key of [
        'organizations',
        'coaches',
        'peers',
        'enrolments',
        'plans',
        'contacts',
        'messages',
        'referrals',
        'consents',
        'assessments',
      ] as const) {
        expect(isSortedById(data[key]), key).toBe(true);
      }
    },
  );

  test.prop(
    [
      fc.oneof(fc.double(), fc.integer({ min: -5, max: 6 })),
      fc.oneof(fc.double(), fc.integer()),
      fc.option(fc.string(), { nil: undefined }),
      fc.option(fc.double(), { nil: undefined }),
      fc.option(fc.string(), { nil: undefined }),
      fc.option(fc.double(), { nil: undefined }),
      fc.option(fc.string(), { nil: undefined }),
    ],
    { numRuns: 40 },
  )(
    'never throws on odd options and still gives valid data',
    (peers, seed, start, years, timeZone, ratio, q) => {
      fc.pre(!(Number.isFinite(peers) && peers > 6));
      fc.pre(!(typeof years === 'number' && years > 3));
      const data = generateProgramData({
        peers,
        seed,
        start,
        years,
        timeZone,
        coachesPerPeers: ratio,
        quality: q as SyntheticQuality,
      });
      expect(parseProgramData(data).success).toBe(true);
    },
  );

  test.prop([fc.integer(), fc.integer({ min: 0, max: 20 }), quality], { numRuns: 15 })(
    'holds plain JSON values only (no undefined members): a JSON round trip changes nothing',
    (seed, peers, q) => {
      const data = generateProgramData({ peers, seed, quality: q });
      expect(JSON.parse(JSON.stringify(data))).toStrictEqual(data);
    },
  );

  it('replaces invalid options by the defaults', () => {
    const data = generateProgramData({
      peers: -4,
      seed: Number.NaN,
      start: '2025-02-30',
      timeZone: 'Mars/Olympus',
      quality: 'excellent' as SyntheticQuality,
    });
    expect(data.peers).toEqual([]);
    expect(data.program.timeZone).toBe(SYNTHETIC_DEFAULTS.timeZone);
    expect(data.coaches.length).toBe(3);
    expect(generateProgramData({ peers: 2.9, seed: 1 }).peers).toHaveLength(2);
  });

  it('writes the program header the brief asks for', () => {
    const data = generateProgramData({ peers: 1, seed: 1, timeZone: 'America/Chicago' });
    expect(data.format).toBe('peer-recovery/program-data@1');
    expect(data.program.rulePack).toBe('srp-recovery-connect');
    expect(data.program.timeZone).toBe('America/Chicago');
    expect(data.program.calendar).toEqual({ weekendDays: [0, 6], holidays: [], holidaySets: ['us-federal'] });
    expect(generateProgramData({ peers: 1, seed: 1 }).program.timeZone).toBe('America/Los_Angeles');
  });
});

describe('generateProgramData: plausibility', () => {
  test.prop([fc.integer(), fc.integer({ min: 50, max: 80 })], { numRuns: 8 })(
    'mixed quality with 50+ peers has late plans, and on-time ones',
    (seed, peers) => {
      const data = generateProgramData({ peers, seed, quality: 'mixed' });
      const late = latePlans(data);
      const signed = data.plans.filter((p) => p.signedByPeerAt !== undefined);
      expect(late.length).toBeGreaterThan(0);
      expect(late.length).toBeLessThan(signed.length / 2);
    },
  );

  it('plants more irregular records in poor quality than in good quality', () => {
    const good = generateProgramData({ peers: 300, seed: 11, quality: 'good' });
    const poor = generateProgramData({ peers: 300, seed: 11, quality: 'poor' });
    const rate = (d: ProgramData) => latePlans(d).length / d.plans.length;
    expect(rate(poor)).toBeGreaterThan(rate(good) * 2);
    const noNote = (d: ProgramData) => d.contacts.filter((c) => !c.progressNote).length / d.contacts.length;
    expect(noNote(poor)).toBeGreaterThan(noNote(good) * 2);
    const unreplied = (d: ProgramData) => d.messages.filter((m) => m.repliedAt === undefined).length;
    expect(unreplied(poor)).toBeGreaterThan(unreplied(good));
  });

  const big = generateProgramData({
    peers: 400,
    seed: 2024,
    start: '2025-01-01',
    years: 3,
    quality: 'mixed',
  });
  const enrolmentOf = new Map(big.enrolments.map((e) => [e.id, e]));

  it('staggers enrolments over the period, including month ends', () => {
    const months = new Set(big.enrolments.map((e) => e.enrolledOn.slice(0, 7)));
    expect(months.size).toBeGreaterThan(30);
    const monthEnds = big.enrolments.filter((e) => {
      const d = parseDay(e.enrolledOn);
      return formatDay(d + 1).slice(8) === '01';
    });
    expect(monthEnds.length).toBeGreaterThan(10);
  });

  it('moves stages forward: initiation, then stabilization, then maintenance', () => {
    const order = ['initiation', 'stabilization', 'maintenance'];
    for (const e of big.enrolments) {
      expect(e.stages.map((s) => s.stage)).toEqual(order.slice(0, e.stages.length));
      expect(e.stages[0]?.from).toBe(e.enrolledOn);
    }
    expect(big.enrolments.some((e) => e.stages.length === 3)).toBe(true);
  });

  it('dates contacts within the enrolment, outside holds, with the coach assigned that local day', () => {
    for (const c of big.contacts) {
      const e = enrolmentOf.get(c.enrolmentId);
      if (e === undefined) throw new Error('unknown enrolment');
      const day = c.start.slice(0, 10);
      expect(day >= e.enrolledOn).toBe(true);
      if (e.exit) expect(day <= e.exit.on).toBe(true);
      expect(e.holds.some((h) => day >= h.from && (h.to === undefined || day <= h.to))).toBe(false);
      const assigned = e.coachAssignments.find((a) => day >= a.from && (a.to === undefined || day <= a.to));
      expect(assigned?.coachId).toBe(c.coachId);
    }
  });

  it('meets in person more often in the first stage than later, mostly in the daytime', () => {
    const perStage = new Map<string, { contacts: number; months: Set<string> }>();
    for (const c of big.contacts) {
      if (c.mode !== 'in-person') continue;
      const e = enrolmentOf.get(c.enrolmentId);
      const day = c.start.slice(0, 10);
      const stage = [...(e?.stages ?? [])].reverse().find((s) => s.from <= day)?.stage ?? 'none';
      const entry = perStage.get(stage) ?? { contacts: 0, months: new Set<string>() };
      entry.contacts += 1;
      entry.months.add(`${c.enrolmentId}:${day.slice(0, 7)}`);
      perStage.set(stage, entry);
    }
    const rate = (s: string) => (perStage.get(s)?.contacts ?? 0) / (perStage.get(s)?.months.size ?? 1);
    expect(rate('initiation')).toBeGreaterThan(rate('maintenance'));
    const hours = big.contacts.map((c) => Number(c.start.slice(11, 13)));
    const evening = hours.filter((h) => h >= 20).length;
    expect(evening).toBeGreaterThan(0);
    expect(evening / hours.length).toBeLessThan(0.05);
  });

  it('has months with only remote contacts, and rare excluded activities', () => {
    const inPersonMonths = new Set<string>();
    const anyMonths = new Set<string>();
    for (const c of big.contacts) {
      const key = `${c.enrolmentId}:${c.start.slice(0, 7)}`;
      anyMonths.add(key);
      if (c.mode === 'in-person') inPersonMonths.add(key);
    }
    expect([...anyMonths].filter((k) => !inPersonMonths.has(k)).length).toBeGreaterThan(0);
    const excluded = big.contacts.filter((c) =>
      c.activities.some((a) =>
        [
          'giving-advice',
          'drug-testing',
          'doing-for-peer',
          'clinical-counseling',
          'diagnosis',
          'trauma-processing',
          'clinical-treatment',
        ].includes(a),
      ),
    );
    expect(excluded.length).toBeGreaterThan(0);
    expect(excluded.length / big.contacts.length).toBeLessThan(0.03);
    const advocacy = big.contacts.filter((c) => c.activities.includes('advocacy'));
    expect(advocacy.some((c) => c.actingOnBehalfWithPermission === true)).toBe(true);
    expect(advocacy.some((c) => c.actingOnBehalfWithPermission !== true)).toBe(true);
  });

  it('chains plan versions, signed in order, with tagged goals, some with two goals', () => {
    const byId = new Map(big.plans.map((p) => [p.id, p]));
    for (const p of big.plans) {
      if (p.version > 1) {
        const prev = byId.get(p.replaces as string);
        expect(prev?.version).toBe(p.version - 1);
        expect(prev?.signedByPeerAt).toBeDefined();
        if (p.signedByPeerAt)
          expect(Date.parse(p.signedByPeerAt)).toBeGreaterThan(Date.parse(prev?.signedByPeerAt ?? ''));
      }
      for (const g of p.goals) expect(g.outcome).toBeDefined();
    }
    expect(big.plans.some((p) => p.version === 1 && p.goals.length === 2)).toBe(true);
    expect(big.plans.some((p) => p.signedByPeerAt === undefined)).toBe(true);
    const withPlan = new Set(big.plans.map((p) => p.enrolmentId));
    expect(big.enrolments.some((e) => !withPlan.has(e.id))).toBe(true);
  });

  it('replies to most messages within a business day, late to some, never to a few', () => {
    const replied = big.messages.filter((m) => m.repliedAt !== undefined);
    expect(replied.length / big.messages.length).toBeGreaterThan(0.9);
    expect(replied.length).toBeLessThan(big.messages.length);
    const slow = replied.filter(
      (m) => Date.parse(m.repliedAt as string) - Date.parse(m.receivedAt) > 4 * 86_400_000,
    );
    expect(slow.length).toBeGreaterThan(0);
    expect(slow.length / replied.length).toBeLessThan(0.2);
  });

  it('has coaches who are applicants, who give written notice and who are removed, with peers reassigned or not', () => {
    const statuses = new Set(big.coaches.flatMap((c) => c.statusHistory.map((s) => s.status)));
    for (const s of ['applicant', 'active', 'on-notice', 'withdrawn', 'removed'])
      expect(statuses.has(s as never)).toBe(true);
    expect(big.coaches.some((c) => c.statusHistory.length === 1)).toBe(true);
    for (const c of big.coaches) {
      const removed = c.statusHistory.find((s) => s.status === 'removed');
      if (removed)
        expect(c.incidents.some((i) => i.kind === 'boundary-violation' && i.on <= removed.from)).toBe(true);
      const gone = c.statusHistory.find((s) => s.status === 'withdrawn' || s.status === 'removed');
      if (gone) {
        for (const e of big.enrolments) {
          for (const a of e.coachAssignments) {
            if (a.coachId === c.id) expect(a.to !== undefined && a.to < gone.from).toBe(true);
          }
        }
      }
    }
    const last = '2027-12-31';
    const expiring = big.coaches.filter(
      (c) =>
        c.backgroundCheck?.expiresOn !== undefined &&
        c.backgroundCheck.expiresOn <= last &&
        c.backgroundCheck.expiresOn >= '2025-01-01',
    );
    expect(expiring.length).toBeGreaterThan(0);
    const reassigned = big.enrolments.filter((e) => e.coachAssignments.length > 1);
    expect(reassigned.length).toBeGreaterThan(0);
    const stranded = big.enrolments.filter((e) => {
      const lastAssignment = e.coachAssignments[e.coachAssignments.length - 1];
      return lastAssignment?.to !== undefined && lastAssignment.to < (e.exit?.on ?? last);
    });
    expect(stranded.length).toBeGreaterThan(0);
  });

  it('discontinues some peers with continuity referrals and notices that follow consents', () => {
    const discontinued = big.enrolments.filter((e) => e.exit?.kind === 'discontinued');
    expect(discontinued.length).toBeGreaterThan(10);
    expect(discontinued.some((e) => (e.exit?.referralsMade.length ?? 0) > 0)).toBe(true);
    expect(discontinued.some((e) => (e.exit?.referralsMade.length ?? 0) === 0)).toBe(true);
    for (const e of discontinued) {
      for (const id of e.exit?.referralsMade ?? []) {
        expect(big.referrals.find((r) => r.id === id)?.forContinuity).toBe(true);
      }
    }
    expect(big.enrolments.some((e) => e.exit?.kind === 'completed')).toBe(true);
    expect(big.enrolments.some((e) => e.exit?.kind === 'transferred')).toBe(true);
    const noticed = discontinued.filter((e) => e.exit?.referralSourceNoticeSentOn !== undefined);
    expect(noticed.length).toBeGreaterThan(0);
    const good = generateProgramData({ peers: 400, seed: 2024, years: 3, quality: 'good' });
    for (const e of good.enrolments) {
      if (e.exit?.referralSourceNoticeSentOn === undefined) continue;
      const consent = good.consents.find(
        (c) =>
          c.peerId === e.peerId &&
          c.kind === 'release-of-information' &&
          c.recipientOrganizationId === e.referralSource?.organizationId &&
          c.purposes.includes('discontinuation-notice'),
      );
      expect(consent).toBeDefined();
    }
  });

  it('records a confidentiality consent when the form is done, and some releases of information', () => {
    for (const e of big.enrolments) {
      const confidentiality = big.consents.filter(
        (c) => c.enrolmentId === e.id && c.kind === 'confidentiality',
      );
      expect(confidentiality.length).toBe(e.documents.confidentialityForms === undefined ? 0 : 1);
    }
    expect(big.consents.some((c) => c.kind === 'release-of-information')).toBe(true);
    // Four intake documents and the written coach-peer contract: now and then one intake document is missing.
    expect(big.enrolments.some((e) => Object.keys(e.documents).length < 5)).toBe(true);
  });

  it('gives outcome answers in the instruments ranges, with a few missing', () => {
    const barc = big.assessments.filter((a) => a.instrument === 'barc-10');
    const hrqol = big.assessments.filter((a) => a.instrument === 'hrqol-4');
    expect(barc.length).toBeGreaterThan(big.enrolments.length);
    expect(hrqol.length).toBeGreaterThan(big.enrolments.length / 2);
    let missing = 0;
    for (const a of barc) {
      expect(Object.keys(a.answers)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
      for (const v of Object.values(a.answers)) {
        if (v === null) missing += 1;
        else expect(Number.isInteger(v) && v >= 1 && v <= 6).toBe(true);
      }
    }
    for (const a of hrqol) {
      expect(Object.keys(a.answers)).toEqual(['1', '2', '3', '4']);
      for (const [k, v] of Object.entries(a.answers)) {
        if (v === null) missing += 1;
        else if (k === '1') expect(v >= 1 && v <= 5).toBe(true);
        else expect(Number.isInteger(v) && v >= 0 && v <= 30).toBe(true);
      }
    }
    expect(missing).toBeGreaterThan(0);
    const firstByEnrolment = new Map<string, string>();
    for (const a of barc)
      if (!firstByEnrolment.has(a.enrolmentId)) firstByEnrolment.set(a.enrolmentId, a.completedOn);
    const baselines = [...firstByEnrolment].filter(
      ([id, on]) => daysBetween(enrolmentOf.get(id)?.enrolledOn ?? on, on) <= 14,
    );
    expect(baselines.length / big.enrolments.length).toBeGreaterThan(0.8);
  });

  it('uses peer ids like peer-00042 and fake names from the built-in lists', () => {
    expect(big.peers[41]?.id).toBe('peer-00042');
    expect(big.enrolments[41]?.peerId).toBe('peer-00042');
    for (const p of big.peers) {
      expect(p.birthDate !== undefined || p.ageBand !== undefined).toBe(true);
      expect(p.name?.given?.[0]).toMatch(/^[A-Z][a-z]+$/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { Peer, PROGRAM_DATA_FORMAT, type ProgramData } from './domain';
import { checkIntegrity, parseProgramData, parseProgramDataJson, parseWith } from './parse';

function base(): ProgramData {
  return {
    format: PROGRAM_DATA_FORMAT,
    program: {
      id: 'srp',
      name: 'Recovery Connect',
      timeZone: 'America/Los_Angeles',
      calendar: { weekendDays: [0, 6], holidays: [] },
      rulePack: 'srp-recovery-connect',
    },
    organizations: [
      { id: 'org-1', kind: 'hospital', name: 'County Hospital' },
      { id: 'org-2', kind: 'treatment-program', name: 'Harbor Treatment' },
    ],
    coaches: [
      {
        id: 'coach-1',
        recoveryStartDate: '2015-03-01',
        personalProgramAttested: true,
        trainings: [{ code: 'core-training', completedOn: '2025-01-10', expiresOn: '2027-01-10' }],
        interview: { completedOn: '2025-01-05' },
        backgroundCheck: { completedOn: '2025-01-06', expiresOn: '2027-01-06' },
        agreements: { volunteer: '2025-01-10', mentorship: '2025-01-10', guidelines: '2025-01-10' },
        commitment: { startOn: '2025-01-15', endOn: '2026-01-14', extensions: [] },
        statusHistory: [
          { status: 'applicant', from: '2025-01-02' },
          { status: 'active', from: '2025-01-15' },
        ],
        incidents: [],
      },
      {
        id: 'coach-2',
        personalProgramAttested: true,
        trainings: [],
        agreements: {},
        statusHistory: [{ status: 'active', from: '2025-06-01' }],
        incidents: [],
      },
    ],
    peers: [
      { id: 'peer-1', birthDate: '1990-05-17', populations: ['adult-substance-use-disorder'] },
      { id: 'peer-2', ageBand: '26-34', populations: ['adult-self-identified'] },
    ],
    enrolments: [
      {
        id: 'enr-1',
        peerId: 'peer-1',
        referralSource: { organizationId: 'org-1', kind: 'hospital' },
        enrolledOn: '2026-01-31',
        documents: { application: '2026-01-31' },
        coachAssignments: [
          { coachId: 'coach-1', from: '2026-01-31', to: '2026-03-31' },
          { coachId: 'coach-2', from: '2026-04-01', to: '2026-06-30' },
        ],
        stages: [
          { stage: 'initiation', from: '2026-01-31' },
          { stage: 'stabilization', from: '2026-04-15' },
        ],
        holds: [
          { from: '2026-03-01', to: '2026-03-10', reason: 'inpatient-treatment' },
          { from: '2026-05-01', to: '2026-05-01', reason: 'other' },
        ],
        exit: { on: '2026-06-30', kind: 'discontinued', reason: 'lost-contact', referralsMade: ['ref-1'] },
      },
      {
        id: 'enr-2',
        peerId: 'peer-2',
        enrolledOn: '2026-02-15',
        documents: {},
        coachAssignments: [{ coachId: 'coach-2', from: '2026-02-15' }],
        stages: [],
        holds: [],
      },
    ],
    plans: [
      {
        id: 'plan-1',
        enrolmentId: 'enr-1',
        version: 1,
        createdOn: '2026-02-10',
        signedByPeerAt: '2026-02-12T10:00:00-08:00',
        goals: [{ id: 'g1', description: 'Find stable housing', status: 'in-progress' }],
      },
      {
        id: 'plan-2',
        enrolmentId: 'enr-1',
        version: 2,
        replaces: 'plan-1',
        createdOn: '2026-05-10',
        goals: [],
      },
      { id: 'plan-3', enrolmentId: 'enr-2', version: 1, createdOn: '2026-02-20', goals: [] },
    ],
    contacts: [
      {
        id: 'c-1',
        enrolmentId: 'enr-1',
        coachId: 'coach-1',
        start: '2026-02-27T10:00:00-08:00',
        end: '2026-02-27T11:00:00-08:00',
        mode: 'in-person',
        location: 'recovery-center',
        activities: ['recovery-support'],
        progressNote: true,
        initiatedBy: 'coach',
      },
      {
        id: 'c-2',
        enrolmentId: 'enr-2',
        coachId: 'coach-2',
        start: '2026-03-02T10:00:00-08:00',
        end: '2026-03-02T10:00:00-08:00',
        mode: 'phone',
        location: 'remote',
        activities: [],
        progressNote: false,
        initiatedBy: 'peer',
      },
    ],
    messages: [
      {
        id: 'm-1',
        enrolmentId: 'enr-1',
        receivedAt: '2026-03-06T18:30:00-08:00',
        channel: 'voicemail',
        repliedAt: '2026-03-09T09:15:00-07:00',
      },
      { id: 'm-2', enrolmentId: 'enr-2', receivedAt: '2026-03-07T08:00:00Z', channel: 'text' },
    ],
    referrals: [
      { id: 'ref-1', enrolmentId: 'enr-1', kind: 'treatment', madeOn: '2026-06-28', forContinuity: true },
      { id: 'ref-2', enrolmentId: 'enr-2', kind: 'housing', madeOn: '2026-03-01' },
    ],
    consents: [
      {
        id: 'cons-1',
        peerId: 'peer-1',
        enrolmentId: 'enr-1',
        kind: 'release-of-information',
        recipientOrganizationId: 'org-1',
        purposes: ['discontinuation-notice'],
        signedOn: '2026-01-31',
        period: { start: '2026-01-31', end: '2027-01-31' },
      },
      {
        id: 'cons-2',
        peerId: 'peer-2',
        kind: 'confidentiality',
        purposes: [],
        signedOn: '2026-02-15',
        period: { start: '2026-02-15' },
      },
    ],
    assessments: [
      {
        id: 'a-1',
        enrolmentId: 'enr-1',
        instrument: 'barc-10',
        completedOn: '2026-02-01',
        answers: { '1': 5 },
      },
      { id: 'a-2', enrolmentId: 'enr-2', instrument: 'barc-10', completedOn: '2026-02-16', answers: {} },
    ],
  };
}

type Doc = ProgramData;
type Issue = readonly [string, (string | number)[]];

function integrity(mutate: (d: Doc) => void): Issue[] {
  const d = base();
  mutate(d);
  const r = parseProgramData(d);
  return r.success ? [] : r.issues.map((i) => [i.code, [...i.path]] as const);
}

const e0 = (d: Doc) => d.enrolments[0] as Doc['enrolments'][number];
const c0 = (d: Doc) => d.coaches[0] as Doc['coaches'][number];

describe('parseProgramData', () => {
  it('accepts a consistent document and returns it', () => {
    const r = parseProgramData(base());
    // ParseResult is the one Result shape (issue 9, section 2): `issues` is always there, empty without warnings.
    expect(r).toEqual({ success: true, data: base(), issues: [] });
    expect(checkIntegrity(base())).toEqual([]);
  });

  it('reports schema issues only, without integrity checks, when the schema fails', () => {
    const d = base() as unknown as { peers: unknown[]; enrolments: { peerId: string }[] };
    d.peers = [];
    (d.enrolments[0] as { peerId: string }).peerId = 'peer 1';
    const r = parseProgramData(d);
    expect(r.success === false && r.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['invalid-id', 'enrolments[0].peerId'],
    ]);
  });

  it('never mutates its input', () => {
    const deepFreeze = (v: unknown): unknown => {
      if (v !== null && typeof v === 'object') {
        for (const x of Object.values(v)) deepFreeze(x);
        Object.freeze(v);
      }
      return v;
    };
    const d = deepFreeze(base());
    const broken = deepFreeze({ ...base(), coaches: [...base().coaches].reverse(), peers: [] });
    expect(parseProgramData(d).success).toBe(true);
    expect(parseProgramData(broken).success).toBe(false);
    expect(d).toEqual(base());
  });

  describe('duplicate-id', () => {
    const lists = [
      'organizations',
      'coaches',
      'peers',
      'enrolments',
      'contacts',
      'messages',
      'referrals',
      'consents',
      'assessments',
    ] as const;
    it.each(lists)('in %s', (list) => {
      expect(
        integrity((d) => {
          const items = d[list] as unknown[];
          items.push(structuredClone(items[0]));
        }),
      ).toEqual([['duplicate-id', [list, 2, 'id']]]);
    });

    it('in plans (a copied version also repeats its version number)', () => {
      expect(integrity((d) => d.plans.push(structuredClone(d.plans[0] as Doc['plans'][number])))).toEqual([
        ['duplicate-id', ['plans', 3, 'id']],
        ['plan-chain-broken', ['plans', 3, 'version']],
      ]);
    });

    it('has a message without values', () => {
      const d = base();
      d.peers.push({ ...(d.peers[0] as Doc['peers'][number]) });
      const r = parseProgramData(d);
      expect(r.success === false && r.issues[0]?.message).toBe(
        'peers[2].id: duplicates the id of an earlier peers entry',
      );
    });
  });

  describe('unknown-reference', () => {
    const cases: [string, (d: Doc) => void, (string | number)[], string][] = [
      [
        'enrolment peer',
        (d) => {
          e0(d).peerId = 'nope';
        },
        ['enrolments', 0, 'peerId'],
        'peer',
      ],
      [
        'referral source organisation',
        (d) => {
          e0(d).referralSource = { organizationId: 'nope', kind: 'hospital' };
        },
        ['enrolments', 0, 'referralSource', 'organizationId'],
        'organization',
      ],
      [
        'assigned coach',
        (d) => {
          (e0(d).coachAssignments[1] as { coachId: string }).coachId = 'nope';
        },
        ['enrolments', 0, 'coachAssignments', 1, 'coachId'],
        'coach',
      ],
      [
        'continuity referral',
        (d) => void (e0(d).exit as { referralsMade: string[] }).referralsMade.push('nope'),
        ['enrolments', 0, 'exit', 'referralsMade', 1],
        'referral',
      ],
      [
        'plan enrolment',
        (d) => {
          (d.plans[2] as { enrolmentId: string }).enrolmentId = 'nope';
        },
        ['plans', 2, 'enrolmentId'],
        'enrolment',
      ],
      [
        'replaced plan',
        (d) => {
          (d.plans[1] as { replaces: string }).replaces = 'nope';
        },
        ['plans', 1, 'replaces'],
        'plan version',
      ],
      [
        'contact enrolment',
        (d) => {
          (d.contacts[0] as { enrolmentId: string }).enrolmentId = 'nope';
        },
        ['contacts', 0, 'enrolmentId'],
        'enrolment',
      ],
      [
        'contact coach',
        (d) => {
          (d.contacts[0] as { coachId: string }).coachId = 'nope';
        },
        ['contacts', 0, 'coachId'],
        'coach',
      ],
      [
        'message enrolment',
        (d) => {
          (d.messages[1] as { enrolmentId: string }).enrolmentId = 'nope';
        },
        ['messages', 1, 'enrolmentId'],
        'enrolment',
      ],
      [
        'referral enrolment',
        (d) => {
          (d.referrals[1] as { enrolmentId: string }).enrolmentId = 'nope';
        },
        ['referrals', 1, 'enrolmentId'],
        'enrolment',
      ],
      [
        'consent peer',
        (d) => {
          (d.consents[1] as { peerId: string }).peerId = 'nope';
        },
        ['consents', 1, 'peerId'],
        'peer',
      ],
      [
        'consent enrolment',
        (d) => {
          (d.consents[0] as { enrolmentId: string }).enrolmentId = 'nope';
        },
        ['consents', 0, 'enrolmentId'],
        'enrolment',
      ],
      [
        'consent recipient',
        (d) => {
          (d.consents[0] as { recipientOrganizationId: string }).recipientOrganizationId = 'nope';
        },
        ['consents', 0, 'recipientOrganizationId'],
        'organization',
      ],
      [
        'assessment enrolment',
        (d) => {
          (d.assessments[1] as { enrolmentId: string }).enrolmentId = 'nope';
        },
        ['assessments', 1, 'enrolmentId'],
        'enrolment',
      ],
    ];
    it.each(cases)('%s', (_label, mutate, path, what) => {
      expect(integrity(mutate)).toEqual([['unknown-reference', path]]);
      const d = base();
      mutate(d);
      const r = parseProgramData(d);
      expect(r.success === false && r.issues[0]?.message).toMatch(
        new RegExp(`: refers to no known ${what}$`),
      );
      expect(r.success === false && r.issues[0]?.message).not.toContain('nope');
    });
  });

  describe('period-reversed', () => {
    const cases: [string, (d: Doc) => void, (string | number)[]][] = [
      [
        'coach commitment',
        (d) => {
          (c0(d).commitment as { endOn: string }).endOn = '2025-01-14';
        },
        ['coaches', 0, 'commitment', 'endOn'],
      ],
      [
        'training expiry',
        (d) => {
          (c0(d).trainings[0] as { expiresOn: string }).expiresOn = '2025-01-09';
        },
        ['coaches', 0, 'trainings', 0, 'expiresOn'],
      ],
      [
        'background check expiry',
        (d) => {
          (c0(d).backgroundCheck as { expiresOn: string }).expiresOn = '2024-12-31';
        },
        ['coaches', 0, 'backgroundCheck', 'expiresOn'],
      ],
      [
        'coach assignment',
        (d) => {
          (e0(d).coachAssignments[0] as { to: string }).to = '2026-01-30';
        },
        ['enrolments', 0, 'coachAssignments', 0, 'to'],
      ],
      [
        'hold',
        (d) => {
          (e0(d).holds[0] as { to: string }).to = '2026-02-28';
        },
        ['enrolments', 0, 'holds', 0, 'to'],
      ],
      [
        'exit before enrolment',
        (d) => {
          (e0(d).exit as { on: string }).on = '2026-01-30';
        },
        ['enrolments', 0, 'exit', 'on'],
      ],
      [
        'contact end (earlier instant, later wall clock in another offset)',
        (d) => {
          (d.contacts[0] as { end: string }).end = '2026-02-27T18:30:00+01:00';
        },
        ['contacts', 0, 'end'],
      ],
      [
        'reply before the message',
        (d) => {
          (d.messages[0] as { repliedAt: string }).repliedAt = '2026-03-06T18:29:59-08:00';
        },
        ['messages', 0, 'repliedAt'],
      ],
      [
        'consent period',
        (d) => {
          (d.consents[0] as { period: { end: string } }).period.end = '2026-01-30';
        },
        ['consents', 0, 'period', 'end'],
      ],
    ];
    it.each(cases)('%s', (_label, mutate, path) => {
      expect(integrity(mutate)).toEqual([['period-reversed', path]]);
    });

    it('a period of one day or one instant is not reversed', () => {
      expect(
        integrity((d) => {
          (e0(d).holds[0] as { to: string }).to = '2026-03-01';
          (d.contacts[0] as { end: string }).end = '2026-02-27T19:00:00+01:00';
          (e0(d).exit as { on: string }).on = '2026-01-31';
        }).filter(([code]) => code === 'period-reversed'),
      ).toEqual([]);
    });
  });

  describe('overlapping-periods (coach assignments)', () => {
    const set =
      (...a: { coachId: string; from: string; to?: string }[]) =>
      (d: Doc) => {
        e0(d).coachAssignments = a;
      };
    const path = (j: number) => ['enrolments', 0, 'coachAssignments', j];

    it('an open assignment overlaps any later one', () => {
      expect(
        integrity(
          set({ coachId: 'coach-1', from: '2026-01-31' }, { coachId: 'coach-2', from: '2026-04-01' }),
        ),
      ).toEqual([['overlapping-periods', path(1)]]);
    });

    it('sharing a day overlaps; the next day does not', () => {
      expect(
        integrity(
          set(
            { coachId: 'coach-1', from: '2026-01-31', to: '2026-03-31' },
            { coachId: 'coach-2', from: '2026-03-31', to: '2026-04-30' },
          ),
        ),
      ).toEqual([['overlapping-periods', path(1)]]);
      expect(
        integrity(
          set(
            { coachId: 'coach-1', from: '2026-01-31', to: '2026-03-31' },
            { coachId: 'coach-2', from: '2026-04-01', to: '2026-04-30' },
          ),
        ),
      ).toEqual([]);
    });

    it('assignments nested in a long one all overlap it', () => {
      expect(
        integrity(
          set(
            { coachId: 'coach-1', from: '2026-01-31', to: '2026-06-30' },
            { coachId: 'coach-2', from: '2026-02-10', to: '2026-02-20' },
            { coachId: 'coach-2', from: '2026-03-01', to: '2026-03-10' },
          ),
        ),
      ).toEqual([
        ['overlapping-periods', path(1)],
        ['overlapping-periods', path(2)],
      ]);
    });

    it('records out of date order are compared in date order, and reported at their own index', () => {
      expect(
        integrity(
          set(
            { coachId: 'coach-2', from: '2026-04-01', to: '2026-04-30' },
            { coachId: 'coach-1', from: '2026-01-31', to: '2026-03-31' },
          ),
        ),
      ).toEqual([]);
      expect(
        integrity(
          set(
            { coachId: 'coach-2', from: '2026-03-15', to: '2026-04-30' },
            { coachId: 'coach-1', from: '2026-01-31', to: '2026-03-31' },
          ),
        ),
      ).toEqual([['overlapping-periods', path(0)]]);
    });

    it('two assignments from the same day: the later record is reported', () => {
      expect(
        integrity(
          set(
            { coachId: 'coach-1', from: '2026-01-31', to: '2026-02-28' },
            { coachId: 'coach-2', from: '2026-01-31', to: '2026-02-01' },
          ),
        ),
      ).toEqual([['overlapping-periods', path(1)]]);
    });
  });

  describe('not-in-order', () => {
    it('coach status history', () => {
      expect(integrity((d) => c0(d).statusHistory.reverse())).toEqual([
        ['not-in-order', ['coaches', 0, 'statusHistory', 1]],
      ]);
    });
    it('recovery stages', () => {
      expect(integrity((d) => e0(d).stages.reverse())).toEqual([
        ['not-in-order', ['enrolments', 0, 'stages', 1]],
      ]);
    });
    it('holds', () => {
      expect(integrity((d) => e0(d).holds.reverse())).toEqual([
        ['not-in-order', ['enrolments', 0, 'holds', 1]],
      ]);
    });
    it('equal dates are in order', () => {
      expect(
        integrity((d) => {
          (c0(d).statusHistory[1] as { from: string }).from = '2025-01-02';
        }),
      ).toEqual([]);
    });
  });

  describe('plan-chain-broken', () => {
    const p = (d: Doc, i: number) =>
      d.plans[i] as { version: number; replaces?: string; enrolmentId: string };

    it('a version after the first without replaces', () => {
      expect(integrity((d) => delete p(d, 1).replaces)).toEqual([
        ['plan-chain-broken', ['plans', 1, 'replaces']],
      ]);
    });
    it('a repeated version number (and a wrong predecessor)', () => {
      expect(
        integrity((d) => {
          p(d, 1).version = 1;
        }),
      ).toEqual([
        ['plan-chain-broken', ['plans', 1, 'version']],
        ['plan-chain-broken', ['plans', 1, 'replaces']],
      ]);
    });
    it('replaces a version that is not the one before', () => {
      expect(
        integrity((d) => {
          p(d, 1).version = 3;
        }),
      ).toEqual([['plan-chain-broken', ['plans', 1, 'replaces']]]);
    });
    it("replaces another enrolment's plan", () => {
      expect(
        integrity((d) => {
          p(d, 2).version = 2;
          p(d, 2).replaces = 'plan-1';
        }),
      ).toEqual([['plan-chain-broken', ['plans', 2, 'replaces']]]);
    });
    it('has messages without values', () => {
      const d = base();
      delete p(d, 1).replaces;
      const r = parseProgramData(d);
      expect(r.success === false && r.issues[0]?.message).toBe(
        'plans[1].replaces: is required for a version after the first',
      );
    });
  });

  it('reports several problems at once, in document order', () => {
    expect(
      integrity((d) => {
        (d.assessments[0] as { enrolmentId: string }).enrolmentId = 'nope';
        e0(d).peerId = 'nope';
        d.peers.push(structuredClone(d.peers[0] as Doc['peers'][number]));
      }),
    ).toEqual([
      ['duplicate-id', ['peers', 2, 'id']],
      ['unknown-reference', ['enrolments', 0, 'peerId']],
      ['unknown-reference', ['assessments', 0, 'enrolmentId']],
    ]);
  });
});

describe('parseProgramDataJson', () => {
  it.each([
    ['{', ' (line 1, column 2)', { line: 1, column: 2, byteOffset: 1 }],
    ['', ' (line 1, column 1)', { line: 1, column: 1, byteOffset: 0 }],
    ['undefined', '', undefined],
    ["{ 'a': 1 }", ' (line 1, column 3)', { line: 1, column: 3, byteOffset: 2 }],
    ['{"a":1,}', ' (line 1, column 8)', { line: 1, column: 8, byteOffset: 7 }],
    ['[1, 2', ' (line 1, column 6)', { line: 1, column: 6, byteOffset: 5 }],
    ['{\n  "é": 1,\n}', ' (line 3, column 1)', { line: 3, column: 1, byteOffset: 13 }],
  ])('reports invalid JSON %j with where the parser stopped', (text, where, location) => {
    expect(parseProgramDataJson(text)).toEqual({
      success: false,
      issues: [
        {
          code: 'invalid-json',
          path: [],
          pointer: '(root)',
          severity: 'error',
          message: `(root): is not valid JSON${where}`,
          ...(location === undefined ? {} : { location }),
        },
      ],
    });
  });

  it('says how to fix a byte-order mark', () => {
    const r = parseProgramDataJson('\uFEFF{"program":{}}');
    expect(r.success === false && r.issues[0]?.message).toBe(
      '(root): is not valid JSON: it starts with a byte-order mark (BOM); save it as UTF-8 without BOM',
    );
  });

  it('does not echo the text of broken JSON', () => {
    const r = parseProgramDataJson('{"peers":[{"name":{"family":"ZQ-Doe-secret"');
    expect(JSON.stringify(r)).not.toContain('ZQ-Doe-secret');
  });

  it('parses valid JSON', () => {
    // ParseResult is the one Result shape (issue 9, section 2): `issues` is always there, empty without warnings.
    expect(parseProgramDataJson(JSON.stringify(base()))).toEqual({ success: true, data: base(), issues: [] });
  });

  it('checks valid JSON like parseProgramData', () => {
    const r = parseProgramDataJson('null');
    expect(r.success === false && r.issues.map((i) => [i.code, i.pointer])).toEqual([
      ['invalid-type', '(root)'],
    ]);
    const d = base();
    e0(d).peerId = 'nope';
    const s = parseProgramDataJson(JSON.stringify(d));
    expect(s.success === false && s.issues.map((i) => i.code)).toEqual(['unknown-reference']);
  });
});

describe('parseWith', () => {
  it('returns the data on success', () => {
    const peer = { id: 'p1', ageBand: '18-25', populations: ['transitional-age-youth'] };
    // ParseResult is the one Result shape (issue 9, section 2): `issues` is always there, empty without warnings.
    expect(parseWith(Peer, peer)).toEqual({ success: true, data: peer, issues: [] });
  });
  it('returns issues on failure', () => {
    expect(parseWith(Peer, { id: 'p1', populations: [] })).toEqual({
      success: false,
      issues: [
        {
          code: 'too-small',
          path: ['populations'],
          pointer: 'populations',
          severity: 'error',
          message: 'populations: must be at least 1 item(s)',
        },
      ],
    });
  });
});

describe('integrity checks added for ordering, overlaps and ownership', () => {
  it.each([
    [
      'referred after enrolment',
      (d: ProgramData) => {
        d.enrolments[0]!.referredOn = '2026-02-01';
        d.enrolments[0]!.enrolledOn = '2026-01-31';
      },
      'not-in-order',
      'enrolments[0].enrolledOn',
    ],
    [
      'overlapping holds',
      (d: ProgramData) => {
        d.enrolments[0]!.holds = [
          { from: '2026-03-01', to: '2026-03-10', reason: 'other' },
          { from: '2026-03-05', to: '2026-03-20', reason: 'other' },
        ];
      },
      'overlapping-periods',
      'enrolments[0].holds[1]',
    ],
    [
      'consent revoked before signed',
      (d: ProgramData) => {
        d.consents[0]!.revokedOn = '2020-01-01';
      },
      'period-reversed',
      'consents[0].revokedOn',
    ],
    [
      'duplicate goal ids',
      (d: ProgramData) => {
        const g = d.plans[0]!.goals;
        g.push({ ...g[0]! });
      },
      'duplicate-id',
      'plans[0].goals[1].id',
    ],
  ])('%s', (_name, mutate, code, pointer) => {
    const d = base();
    mutate(d);
    const r = parseProgramData(d);
    expect(parseProgramData(base()).success).toBe(true);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues.map((i) => [i.code, i.pointer])).toContainEqual([code, pointer]);
  });
});

describe('free text must not be blank', () => {
  it('rejects a blank goal description, naming the field without echoing it', () => {
    const d = base();
    d.plans[0]!.goals[0]!.description = '   ';
    const r = parseProgramData(d);
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.issues.map((i) => [i.code, i.pointer, i.message])).toEqual([
        [
          'invalid-format',
          'plans[0].goals[0].description',
          'plans[0].goals[0].description: must not be blank',
        ],
      ]);
  });
});

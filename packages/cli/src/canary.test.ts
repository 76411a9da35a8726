/**
 * The canary suite: distinctive personal values (names, a note, a birth date, a recovery date, a goal, telecom) are
 * planted in a valid program and in invalid variants (each error next to a planted value), every command of the
 * command line runs on them, and no planted value may appear in standard output, standard error or any report file,
 * unless the command's documented opt-in (`--include-names`, `--include-notes`) asks for it, or the output is the
 * data itself (an export, an import, a push). See docs/security.md, "Canary suite".
 */

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FhirServer, startFhirServer } from '@peer-recovery/fhir/server';
import type { Command } from 'commander';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cli, type Run } from './cli.test-support';
import { buildProgram } from './program';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SAMPLE = join(ROOT, 'examples/sample-program/program.json');
const ASSESSMENTS = join(ROOT, 'examples/research-outcomes/assessments.csv');
const ASOF = '2026-11-20';

/** The planted values. Each is distinctive: it cannot appear in output by chance. */
const C = {
  given: 'Zyxandra',
  family: 'Quillfeather',
  coachGiven: 'Orvillea',
  coachFamily: 'Thistlewick',
  birthDate: '1931-04-05',
  recovery: '1977-07-13',
  note: 'ZQnote relapse near Marlowe bridge',
  goal: 'ZQgoal reconcile with Perpetua',
  phone: '+1-707-555-0177',
  email: 'orvillea.t@example.org',
} as const;
/** What is searched for: each planted value and its distinctive parts, and the dates in other spellings. */
const NEEDLES = [
  ...Object.values(C),
  'Marlowe',
  'Perpetua',
  '555-0177',
  '19310405',
  '19770713',
  '1931-02-30',
  '0931-04-05',
  '1977-13-13',
];
const NAMES = [C.given, C.family];

type Doc = Record<string, unknown> & {
  peers: Record<string, unknown>[];
  coaches: Record<string, unknown>[];
  contacts: Record<string, unknown>[];
  plans: { goals: Record<string, unknown>[] }[];
};

let dir: string;
let planted: Doc;
const leaks: string[] = [];
const covered = new Set<string>();

/** Records each needle found in `text` (allowing `allowed`), labelled with where it was seen. */
function scan(label: string, text: string, allowed: readonly string[] = []): void {
  for (const n of NEEDLES) if (!allowed.includes(n) && text.includes(n)) leaks.push(`${label}: ${n}`);
}

/** Runs a command, scans its output and the report files it wrote; returns the run. */
async function run(
  label: string,
  args: readonly string[],
  reports: readonly string[] = [],
  allowed: readonly string[] = [],
): Promise<Run> {
  covered.add(commandOf(args));
  const r = await cli(...args);
  scan(`${label} stdout`, r.out, allowed);
  scan(`${label} stderr`, r.err, allowed);
  for (const f of reports) {
    const text = await readFile(f, 'utf8').catch(() => '');
    scan(`${label} ${f.slice(dir.length + 1)}`, text, allowed);
  }
  return r;
}

function commandOf(args: readonly string[]): string {
  const [first, second] = args.filter((a) => !a.startsWith('--limit') && !a.includes('='));
  return first === 'packs' ? `packs ${second ?? 'list'}` : (first ?? '');
}

const p = (name: string) => join(dir, name);
async function write(name: string, body: string | Buffer): Promise<string> {
  await writeFile(p(name), body);
  return p(name);
}

function plant(doc: Doc): Doc {
  const d = structuredClone(doc);
  const peer = d.peers[0] as Record<string, unknown>;
  peer.name = { given: [C.given], family: C.family, text: `${C.given} ${C.family}` };
  peer.birthDate = C.birthDate;
  const coach = d.coaches[0] as Record<string, unknown>;
  coach.name = { given: [C.coachGiven], family: C.coachFamily };
  coach.telecom = { phone: C.phone, email: C.email };
  coach.recoveryStartDate = C.recovery;
  (d.contacts[0] as Record<string, unknown>).note = C.note;
  (d.plans[0]?.goals[0] as Record<string, unknown>).description = C.goal;
  return d;
}

/** Invalid programs: each breaks a field next to (or made of) a planted value. */
function variants(): [string, string | Buffer][] {
  const v = (change: (d: Doc) => void): string => {
    const d = structuredClone(planted);
    change(d);
    return JSON.stringify(d, null, 2);
  };
  const text = JSON.stringify(planted, null, 2);
  const at = text.indexOf(C.note);
  const nameAt = Buffer.from(text.slice(0, text.indexOf(C.family)), 'utf8').length;
  const bytes = Buffer.from(text, 'utf8');
  return [
    ['name-type', v((d) => ((d.peers[0]?.name as { given: unknown[] }).given = [C.given, 7]))],
    ['birth-impossible', v((d) => ((d.peers[0] as Record<string, unknown>).birthDate = '1931-02-30'))],
    ['birth-implausible', v((d) => ((d.peers[0] as Record<string, unknown>).birthDate = '0931-04-05'))],
    [
      'recovery-impossible',
      v((d) => ((d.coaches[0] as Record<string, unknown>).recoveryStartDate = '1977-13-13')),
    ],
    ['note-too-long', v((d) => ((d.contacts[0] as Record<string, unknown>).note = C.note.repeat(700)))],
    [
      'name-as-key',
      v((d) => ((d.peers[0] as Record<string, unknown>)[`${C.given} ${C.family}`] = C.birthDate)),
    ],
    ['goal-type', v((d) => ((d.plans[0]?.goals[0] as Record<string, unknown>).description = [C.goal]))],
    [
      'email-blank',
      v((d) => ((d.coaches[0] as Record<string, unknown>).telecom = { phone: C.phone, email: '' })),
    ],
    ['reference-near-note', v((d) => ((d.contacts[0] as Record<string, unknown>).coachId = 'coach-nobody'))],
    ['name-too-long', v((d) => ((d.peers[0]?.name as Record<string, unknown>).text = C.family.repeat(2000)))],
    ['json-cut-in-note', text.slice(0, at + 10)],
    [
      'json-bad-after-name',
      `${text.slice(0, text.indexOf(C.family) + C.family.length)}"x"${text.slice(text.indexOf(C.family) + C.family.length)}`,
    ],
    [
      'utf8-in-name',
      Buffer.concat([bytes.subarray(0, nameAt + 3), Buffer.from([0xff]), bytes.subarray(nameAt + 3)]),
    ],
    ['unknown-field-with-value', v((d) => (d.canary = { [C.given]: C.note }))],
  ];
}

/** A recording proxy in front of the embedded FHIR server; `mode` makes it answer as a failing server instead. */
interface Recorder {
  readonly url: string;
  readonly bodies: string[];
  mode: 'forward' | 'echo-400' | 'echo-500' | 'drop';
  close(): Promise<void>;
}

async function startRecorder(target: FhirServer): Promise<Recorder> {
  const bodies: string[] = [];
  const rec = { bodies, mode: 'forward' } as { -readonly [K in keyof Recorder]: Recorder[K] };
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    bodies.push(body.toString('utf8'));
    if (rec.mode === 'drop') {
      req.socket.destroy();
      return;
    }
    if (rec.mode !== 'forward') {
      // A careless server that quotes the request in its diagnostics, without quotation marks: the first
      // Patient of the bundle (a planted peer), as servers quote the resource they refuse.
      const text = body.toString('utf8');
      const at = Math.max(0, text.indexOf('"resourceType":"Patient"'));
      const quoted = text.slice(at, at + 2000).replace(/["']/g, ' ');
      res.writeHead(rec.mode === 'echo-400' ? 400 : 500, { 'content-type': 'application/fhir+json' });
      res.end(
        JSON.stringify({
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'error',
              code: 'invalid',
              details: { text: `cannot store ${quoted}` },
              diagnostics: quoted,
            },
          ],
        }),
      );
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string' && k !== 'host') headers[k] = v;
    const r = await fetch(`${target.url}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      ...(body.length > 0 ? { body } : {}),
      redirect: 'manual',
    });
    const out: Record<string, string> = {};
    r.headers.forEach((v, k) => {
      if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection') out[k] = v;
    });
    res.writeHead(r.status, out);
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rec.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  rec.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return rec;
}

let fhir: FhirServer;
let recorder: Recorder;
let programFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pr-canary-'));
  planted = plant(JSON.parse(await readFile(SAMPLE, 'utf8')) as Doc);
  programFile = await write('program.json', JSON.stringify(planted, null, 2));
  fhir = await startFhirServer({ port: 0 });
  recorder = await startRecorder(fhir);
});
afterAll(async () => {
  await recorder.close();
  await fhir.close();
  await rm(dir, { recursive: true, force: true });
});

// Each part runs within vitest's default timeout: the valid program's journey is split by command group.
describe('canary: no planted personal value leaves without an opt-in', () => {
  beforeEach(() => {
    leaks.length = 0;
  });

  it('the valid program, through check', async () => {
    const f = programFile;
    // check, in every format, to standard output and to a report file.
    for (const format of ['table', 'json', 'csv', 'html']) {
      await run(`check ${format}`, ['check', f, '--as-of', ASOF, '--format', format]);
      await run(
        `check ${format} -o`,
        ['check', f, '--as-of', ASOF, '--format', format, '-o', p(`report.${format}`)],
        [p(`report.${format}`)],
      );
    }
    await run('check --jobs 2', ['check', f, '--as-of', ASOF, '--format', 'json', '--jobs', '2']);
    // The opt-in shows the peer's name, and nothing else planted: the needles are live.
    const named = await run(
      'check html --include-names',
      ['check', f, '--as-of', ASOF, '--format', 'html', '--include-names'],
      [],
      NAMES,
    );
    expect(named.out).toContain(C.family);
    // The opt-in of check applies to names only: notes, dates and goals never appear.
    expect(leaks).toEqual([]);
  });

  it('the valid program, through export-fhir and import-fhir', async () => {
    const f = programFile;
    // export-fhir: the export is the data (names, birth date, goals); never the recovery date, notes only on opt-in.
    const data = [
      C.given,
      C.family,
      `${C.given} ${C.family}`,
      C.coachGiven,
      C.coachFamily,
      C.birthDate,
      C.goal,
      'Perpetua',
      C.phone,
      '555-0177',
      C.email,
    ];
    await run('export-fhir', ['export-fhir', f, '--as-of', ASOF, '-o', p('bundle.json')]);
    const bundle = await readFile(p('bundle.json'), 'utf8');
    expect(bundle).toContain(C.family);
    scan('export-fhir bundle.json', bundle, data);
    await run('export-fhir notes', [
      'export-fhir',
      f,
      '--as-of',
      ASOF,
      '--include-notes',
      '-o',
      p('notes.json'),
    ]);
    scan('export-fhir --include-notes', await readFile(p('notes.json'), 'utf8'), [
      ...data,
      C.note,
      'Marlowe',
    ]);
    await run('export-fhir redacted', [
      'export-fhir',
      f,
      '--as-of',
      ASOF,
      '--redact-free-text',
      '--out-dir',
      p('nd'),
    ]);
    for (const file of await readdir(p('nd')))
      scan(
        `export-fhir --redact-free-text ${file}`,
        await readFile(join(p('nd'), file), 'utf8'),
        data.filter((x) => !x.includes('Perpetua') && x !== C.goal),
      );
    await run(
      'export-fhir recipient',
      [
        'export-fhir',
        f,
        '--as-of',
        ASOF,
        '--recipient',
        'org-harborlight-treatment',
        '--purpose',
        'referral',
        '-o',
        p('referral.json'),
        '--disclosure-log',
        p('disclosures.log'),
      ],
      [p('disclosures.log')],
    );
    // Peer 1 (the planted one) has no consent for this recipient: none of their data goes.
    scan('export-fhir for a recipient', await readFile(p('referral.json'), 'utf8'), [
      C.coachGiven,
      C.coachFamily,
      C.phone,
      '555-0177',
      C.email,
    ]);

    // import-fhir: the ProgramData written is the data; the report and the terminal are not.
    await run(
      'import-fhir',
      ['import-fhir', p('notes.json'), '-o', p('imported.json'), '--import-report', p('import-report.json')],
      [p('import-report.json')],
    );
    await run('import-fhir ndjson', ['import-fhir', p('nd'), '-o', p('imported-nd.json')]);
    expect(leaks).toEqual([]);
  });

  it('the valid program, through push', async () => {
    const f = programFile;
    // push, to a recording server: the server gets the data; the terminal, report and log get ids.
    recorder.mode = 'forward';
    const push = await run(
      'push',
      [
        'push',
        f,
        '--server',
        recorder.url,
        '--override',
        'internal',
        '--as-of',
        ASOF,
        '--batch-size',
        '50',
        '--report',
        p('push-report.json'),
        '--disclosure-log',
        p('push.log'),
      ],
      [p('push-report.json'), p('push.log')],
    );
    expect(push.code).toBe(0);
    expect(recorder.bodies.join('\n')).toContain(C.family);
    await run('push consent', [
      'push',
      f,
      '--server',
      recorder.url,
      '--recipient',
      'org-harborlight-treatment',
      '--purpose',
      'referral',
      '--as-of',
      ASOF,
    ]);
    expect(leaks).toEqual([]);
  });

  it('the valid program, through the outcome, generate and packs commands', async () => {
    const f = programFile;
    // Outcome commands with the planted program as enrolments.
    const en = ['--enrolments', f, '--as-of', ASOF];
    await run('validate-outcomes', ['validate-outcomes', ASSESSMENTS, ...en]);
    await run('validate-outcomes json', ['validate-outcomes', ASSESSMENTS, ...en, '--format', 'json']);
    await run('summarize-outcomes', ['summarize-outcomes', ASSESSMENTS, ...en, '--group-by', 'coach']);
    await run('summarize-outcomes json', ['summarize-outcomes', ASSESSMENTS, ...en, '--format', 'json']);
    await run(
      'export-outcomes',
      ['export-outcomes', ASSESSMENTS, ...en, '--layout', 'wide', '-o', p('people.csv')],
      [p('people.csv')],
    );
    await run(
      'outcomes-to-fhir',
      [
        'outcomes-to-fhir',
        ASSESSMENTS,
        '--program',
        f,
        '--as-of',
        ASOF,
        '--only-outcomes',
        '-o',
        p('outcomes.json'),
      ],
      [p('outcomes.json')],
    );
    await run('outcomes-codebook', ['outcomes-codebook', '--format', 'markdown']);
    await run('generate', ['generate', '--peers', '3', '--seed', '5']);
    await run('packs list', ['packs', 'list']);
    await run('packs show', ['packs', 'show', 'srp-recovery-connect']);
    expect(leaks).toEqual([]);
  });

  it('invalid programs, through every command that reads one', async () => {
    for (const [name, body] of variants()) {
      const f = await write(`bad-${name}.json`, body);
      const runs: [string, string[], string[]][] = [
        ['check', ['check', f, '--as-of', ASOF, '--format', 'json'], []],
        [
          'export-fhir',
          ['export-fhir', f, '--as-of', ASOF, '--include-notes', '-o', p(`bad-${name}-bundle.json`)],
          [],
        ],
        ['import-fhir', ['import-fhir', f, '-o', p(`bad-${name}-imported.json`)], []],
        [
          'push',
          [
            'push',
            f,
            '--server',
            recorder.url,
            '--override',
            'internal',
            '--as-of',
            ASOF,
            '--report',
            p(`bad-${name}-push.json`),
          ],
          [p(`bad-${name}-push.json`)],
        ],
        ['validate-outcomes', ['validate-outcomes', ASSESSMENTS, '--enrolments', f, '--format', 'json'], []],
        ['summarize-outcomes', ['summarize-outcomes', ASSESSMENTS, '--enrolments', f, '--as-of', ASOF], []],
        ['export-outcomes', ['export-outcomes', ASSESSMENTS, '--enrolments', f, '--as-of', ASOF], []],
        ['outcomes-to-fhir', ['outcomes-to-fhir', ASSESSMENTS, '--program', f, '--as-of', ASOF], []],
        ['demo', ['demo', '--input', f, '--out-dir', p(`bad-${name}-demo`)], []],
      ];
      for (const [label, args, reports] of runs) {
        const r = await run(`${name}: ${label}`, args, reports);
        expect(r.code, `${name}: ${label}`).toBe(2);
        expect(r.err, `${name}: ${label}`).not.toBe('');
      }
    }
    expect(leaks).toEqual([]);
  });

  it('a record outside its enrolment is a warning that names the field only', async () => {
    const d = structuredClone(planted);
    Object.assign(d.contacts[0] as object, {
      start: '2020-01-01T10:00:00-08:00',
      end: '2020-01-01T11:00:00-08:00',
    });
    const f = await write('early.json', JSON.stringify(d));
    const r = await run('outside-enrolment: check', ['check', f, '--as-of', ASOF]);
    expect(r.err).toContain('contacts[0].start: the contact is before the enrolment starts');
    expect(leaks).toEqual([]);
  });

  it('invalid FHIR input, a failing server, a bad pack and bad outcome rows', async () => {
    // A Bundle with bad values next to (and made of) planted values.
    const bundle = JSON.parse(await readFile(p('notes.json'), 'utf8')) as {
      entry: { resource: Record<string, unknown> }[];
    };
    const patient = bundle.entry.find(
      (e) => e.resource.resourceType === 'Patient' && JSON.stringify(e.resource).includes(C.family),
    );
    expect(patient).toBeDefined();
    if (patient) {
      patient.resource.birthDate = '1931-02-30';
      patient.resource.gender = C.given;
      patient.resource[C.family] = C.note;
    }
    const bad = await write('bad-bundle.json', JSON.stringify(bundle));
    await run(
      'bad bundle: import-fhir',
      ['import-fhir', bad, '-o', p('bad-imported.json'), '--import-report', p('bad-import-report.json')],
      [p('bad-import-report.json')],
    );
    await run('bad bundle: import-fhir --strict', [
      'import-fhir',
      bad,
      '--strict',
      '-o',
      p('bad-imported2.json'),
    ]);
    await run('bad bundle: check', ['check', bad, '--as-of', ASOF]);
    // An NDJSON folder with a line that is not JSON, cut inside a name.
    await mkdir(p('bad-nd'), { recursive: true });
    for (const file of await readdir(p('nd'))) {
      const text = await readFile(join(p('nd'), file), 'utf8');
      const i = text.indexOf(C.family);
      await writeFile(
        join(p('bad-nd'), file),
        i < 0 ? text : `${text.slice(0, i + 3)}\n${text.slice(i + 3)}`,
      );
    }
    await run('bad ndjson: import-fhir', ['import-fhir', p('bad-nd'), '-o', p('bad-nd.json')]);
    await run('bad ndjson: export-fhir', ['export-fhir', p('bad-nd'), '-o', p('bad-nd-bundle.json')]);

    // Failing servers: one that quotes the request in its errors, one that fails, one that drops the connection.
    for (const mode of ['echo-400', 'echo-500', 'drop'] as const) {
      recorder.mode = mode;
      const r = await run(
        `push to a server that answers ${mode}`,
        [
          'push',
          programFile,
          '--server',
          recorder.url,
          '--override',
          'internal',
          '--as-of',
          ASOF,
          '--retries',
          '0',
          '--report',
          p(`push-${mode}.json`),
          '--disclosure-log',
          p(`push-${mode}.log`),
        ],
        [p(`push-${mode}.json`), p(`push-${mode}.log`)],
      );
      expect(r.code, mode).toBe(1);
    }
    recorder.mode = 'forward';

    // A rule pack with planted values in bad fields.
    const pack = await write(
      'bad-pack.json',
      JSON.stringify({ id: 'p', name: C.note, rules: { [C.given]: C.birthDate } }),
    );
    await run('bad pack: check --pack', ['check', programFile, '--as-of', ASOF, '--pack', pack]);

    // Outcome rows with planted values in bad cells and as a column name.
    const csv = await readFile(ASSESSMENTS, 'utf8');
    const [header, first, ...rest] = csv.split('\n');
    const cells = (first ?? '').split(',');
    const badRow = [
      `${C.given} ${C.family}`,
      cells[1],
      cells[2],
      `${C.birthDate}x`,
      C.goal.replace(/,/g, ' '),
      ...cells.slice(5),
    ].join(',');
    const rows = await write(
      'bad-rows.csv',
      [`${header},${C.family}`, `${badRow},${C.note}`, ...rest.map((r) => (r === '' ? r : `${r},`))].join(
        '\n',
      ),
    );
    const nd = await write(
      'bad-rows.ndjson',
      `${JSON.stringify({ assessment_id: C.given, enrolment_id: 'enr-001', instrument: C.family, completed_on: C.birthDate.replace('04', '13'), item_1: C.note })}\n{"assessment_id": "${C.family}\n`,
    );
    for (const file of [rows, nd]) {
      const label = file.endsWith('.csv') ? 'csv' : 'ndjson';
      await run(`bad rows ${label}: validate-outcomes`, [
        'validate-outcomes',
        file,
        '--enrolments',
        programFile,
        '--as-of',
        ASOF,
      ]);
      await run(`bad rows ${label}: validate-outcomes json`, [
        'validate-outcomes',
        file,
        '--enrolments',
        programFile,
        '--format',
        'json',
      ]);
      await run(`bad rows ${label}: summarize-outcomes`, [
        'summarize-outcomes',
        file,
        '--enrolments',
        programFile,
        '--as-of',
        ASOF,
        '--format',
        'json',
      ]);
      await run(
        `bad rows ${label}: export-outcomes`,
        ['export-outcomes', file, '--enrolments', programFile, '--as-of', ASOF, '-o', p(`rows-${label}.csv`)],
        [p(`rows-${label}.csv`)],
      );
      await run(
        `bad rows ${label}: outcomes-to-fhir`,
        [
          'outcomes-to-fhir',
          file,
          '--program',
          programFile,
          '--as-of',
          ASOF,
          '--only-outcomes',
          '-o',
          p(`rows-${label}.json`),
        ],
        [p(`rows-${label}.json`)],
      );
    }
    expect(leaks).toEqual([]);
  });

  it('serve: its error paths answer without any request value', async () => {
    await run('serve beyond loopback without a token', ['serve', '--host', '0.0.0.0', '--port', '0']);
    const send = async (method: string, path: string, body: unknown) => {
      const res = await fetch(`${fhir.url}${path}`, {
        method,
        headers: { 'content-type': 'application/fhir+json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      // Every error, and every OperationOutcome: a successful read returns the stored records (what the server is
      // for), and a search's self link repeats its query (as FHIR asks).
      const label = `serve ${method} ${path.replace(/[^A-Za-z/]/g, '')} (${res.status})`;
      if (res.status >= 400) scan(label, text);
      else {
        const body = JSON.parse(text) as { entry?: { resource?: { resourceType?: string } }[] };
        for (const e of body.entry ?? [])
          if (e.resource?.resourceType === 'OperationOutcome') scan(label, JSON.stringify(e.resource));
      }
      return res.status;
    };
    const patient = {
      resourceType: 'Patient',
      name: [{ family: C.family, given: [C.given] }],
      birthDate: '1931-02-30',
      gender: C.given,
    };
    expect(await send('POST', '/Patient', patient)).toBe(400);
    await send('POST', '/Patient', { ...patient, resourceType: C.family });
    await send('POST', `/${C.family}`, patient);
    await send('PUT', `/Patient/${C.given}`, {
      ...patient,
      id: 'other',
      birthDate: C.birthDate,
      gender: 'female',
    });
    await send('POST', '/Patient', `{"resourceType":"Patient","name":[{"family":"${C.family}"`);
    await send('POST', '/', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: patient, request: { method: 'POST', url: `Patient?name=${C.family}` } }],
    });
    await send('GET', `/Patient?name=${C.family}&birthdate=${C.birthDate}&${C.given}=1`, undefined);
    expect(leaks).toEqual([]);
  });

  it('covers every command of the command line', () => {
    const leaves: string[] = [];
    const walk = (cmd: Command, prefix: string) => {
      for (const sub of cmd.commands) {
        const name = `${prefix}${sub.name()}`;
        if (sub.commands.length > 0) walk(sub, `${name} `);
        else leaves.push(name);
      }
    };
    walk(buildProgram(), '');
    expect(leaves.filter((c) => !covered.has(c))).toEqual([]);
  });
});

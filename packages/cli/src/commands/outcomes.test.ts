import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../errors';
import { buildProgram } from '../program';
import {
  detectInputFormat,
  OUTCOMES_SUMMARY_FORMAT,
  OUTCOMES_VALIDATION_FORMAT,
  type OutcomesIo,
  runSummarizeOutcomes,
  runValidateOutcomes,
  type ValidateOutcomesOptions,
} from './outcomes';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SAMPLE = join(ROOT, 'examples/research-outcomes/assessments.csv');
const SAMPLE_README = join(ROOT, 'examples/research-outcomes/README.md');
const PROGRAM = join(ROOT, 'examples/sample-program/program.json');
const BIN = join(ROOT, 'packages/cli/src/bin.ts');

/** The issues planted in the sample, as listed in its README: [line, column, code, severity]. */
const PLANTED: readonly (readonly [number, string | null, string, string])[] = [
  [8, 'item_7', 'missing-item', 'warning'],
  [16, null, 'zero-based-scale', 'error'],
  [17, 'item_3', 'out-of-range', 'error'],
  [19, 'assessment_id', 'duplicate-id', 'error'],
  [20, 'completed_on', 'before-enrolment', 'error'],
  [21, 'completed_on', 'invalid-date', 'error'],
  [22, 'completed_on', 'out-of-window', 'error'],
  [23, 'instrument', 'unknown-instrument', 'error'],
  [24, 'completed_on', 'duplicate-response', 'error'],
];

interface JsonIssue {
  input: string;
  line: number;
  column: string | null;
  code: string;
  severity: string;
  message: string;
}

function capture(extra: Partial<OutcomesIo> = {}): { io: OutcomesIo; text: () => string } {
  let out = '';
  return {
    io: {
      write: (s) => {
        out += s;
      },
      progress: false,
      ...extra,
    },
    text: () => out,
  };
}

async function validateJson(
  options: Omit<ValidateOutcomesOptions, 'format'>,
  extra: Partial<OutcomesIo> = {},
) {
  const { io, text } = capture(extra);
  const code = await runValidateOutcomes({ ...options, format: 'json' }, io);
  const doc = JSON.parse(text()) as {
    format: string;
    asOf: string | null;
    issues: JsonIssue[];
    schedule: { id: string; version: string } | null;
    summaries: Record<string, Record<string, unknown>>;
    errors: number;
    warnings: number;
    ok: boolean;
  };
  return { code, doc, brief: doc.issues.map((i) => [i.line, i.column, i.code, i.severity] as const) };
}

const byLine = <T extends readonly [number, ...unknown[]]>(list: readonly T[]) =>
  [...list].sort((a, b) => a[0] - b[0]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peer-recovery-outcomes-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('validate-outcomes on the sample data set', () => {
  it('reports exactly the planted issues, and exits 1', async () => {
    const { code, doc, brief } = await validateJson({
      file: SAMPLE,
      enrolments: PROGRAM,
      asOf: '2026-11-20',
    });
    expect(code).toBe(EXIT.findings);
    expect(doc.format).toBe(OUTCOMES_VALIDATION_FORMAT);
    expect(byLine(brief)).toEqual(PLANTED);
    expect(doc.issues.every((i) => i.input === 'assessments')).toBe(true);
    expect(doc.summaries.assessments).toMatchObject({
      rows: 23,
      validRows: 15,
      rowsWithErrors: 8,
      rowsWithWarningsOnly: 1,
      errors: 8,
      warnings: 1,
    });
    expect(doc).toMatchObject({ errors: 8, warnings: 1, ok: false, schedule: { id: 'samhsa-suprt' } });
  });

  it('writes row issues in file order as it reads, then the end-of-file issues', async () => {
    const { brief } = await validateJson({ file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20' });
    const last = brief[brief.length - 1];
    expect(last?.[2]).toBe('out-of-window');
    const rowIssues = brief.slice(0, -1).map((b) => b[0]);
    expect(rowIssues).toEqual([...rowIssues].sort((a, b) => a - b));
  });

  it('matches the table of the sample README, line by line', async () => {
    const readme = await readFile(SAMPLE_README, 'utf8');
    const rows = readme
      .split('\n')
      .map((l) => /^\|\s*(\d+)\s*\|\s*(?:`([^`]+)`|-)\s*\|\s*`([a-z-]+)`\s*\|\s*(error|warning)\s*\|/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [Number(m[1]), m[2] ?? null, m[3], m[4]] as const);
    expect(rows).toEqual(PLANTED);
  });

  it('without enrolments, makes no check that needs intake dates', async () => {
    const { code, brief, doc } = await validateJson({ file: SAMPLE, asOf: '2026-11-20' });
    expect(code).toBe(EXIT.findings);
    expect(byLine(brief)).toEqual(
      PLANTED.filter(([, , c]) => c !== 'before-enrolment' && c !== 'out-of-window'),
    );
    expect(doc.schedule).toBeNull();
  });

  it('never writes a cell value of a row with issues into the output', async () => {
    const { doc } = await validateJson({ file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20' });
    const messages = doc.issues.map((i) => i.message).join('\n');
    for (const value of ['09/15/2026', 'phq-9', '2026-02-03', '32', 'asmt-012'])
      expect(messages).not.toContain(value);
  });

  it('reads the same data as NDJSON (numbers or text) and finds the same issues, one line earlier', async () => {
    const [head, ...lines] = (await readFile(SAMPLE, 'utf8')).trimEnd().split('\n');
    const names = (head ?? '').split(',');
    const ndjson = lines
      .map((l, i) => {
        const cells = l.split(',');
        const record = Object.fromEntries(
          names.map((n, j) => {
            const v = cells[j] ?? '';
            if (v === '') return [n, i % 2 === 0 ? null : ''];
            return [n, n.startsWith('item_') && i % 2 === 0 ? Number(v) : v];
          }),
        );
        return JSON.stringify(record);
      })
      .join('\n');
    const file = join(dir, 'assessments.ndjson');
    await writeFile(file, `${ndjson}\n`);
    const { brief, code } = await validateJson({ file, enrolments: PROGRAM, asOf: '2026-11-20' });
    expect(code).toBe(EXIT.findings);
    expect(byLine(brief)).toEqual(PLANTED.map(([line, ...rest]) => [line - 1, ...rest]));
  });

  it('prints a readable table with every issue and the summary', async () => {
    const { io, text } = capture();
    const code = await runValidateOutcomes(
      { file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20', format: 'table' },
      io,
    );
    expect(code).toBe(EXIT.findings);
    const out = text();
    for (const [line, column, c, severity] of PLANTED)
      expect(out).toMatch(new RegExp(`^${line}\\s+${column ?? '-'}\\s+${severity}\\s+${c}\\s+\\S`, 'm'));
    expect(out).toContain('23 row(s): 15 valid (1 with warnings only), 8 with errors');
    expect(out).toContain('8 error(s), 1 warning(s)');
  });
});

describe('validate-outcomes with enrolment and contact rows', () => {
  it('checks all three files and reports each issue with its input', async () => {
    const enrolments = join(dir, 'enrolments.csv');
    const contacts = join(dir, 'contacts.csv');
    const assessments = join(dir, 'small.csv');
    await writeFile(
      enrolments,
      'enrolment_id,peer_id,enrolled_on,exited_on\nenr-1,peer-1,2026-01-01,\nenr-2,peer-2,2026-03-01,2026-02-01\n',
    );
    await writeFile(
      contacts,
      'contact_id,enrolment_id,coach_id,start,end,mode,location\n' +
        'c1,enr-1,coach-1,2026-01-02T10:00:00-08:00,2026-01-02T11:00:00-08:00,in-person,recovery-center\n' +
        'c2,enr-2,coach-1,2026-01-02T10:00:00-08:00,2026-01-02T11:00:00-08:00,phone,telephonic\n',
    );
    await writeFile(
      assessments,
      'assessment_id,enrolment_id,instrument,completed_on,item_1,item_2,item_3,item_4\n' +
        'a1,enr-1,hrqol-4,2026-01-03,3,4,10,2\na2,enr-2,hrqol-4,2026-03-03,3,4,10,2\n',
    );
    const { brief, doc, code } = await validateJson({ file: assessments, enrolments, contacts });
    expect(code).toBe(EXIT.findings);
    expect(doc.issues.map((i) => [i.input, i.line, i.column, i.code])).toEqual([
      ['enrolments', 3, 'exited_on', 'period-reversed'],
      ['assessments', 3, 'enrolment_id', 'unknown-enrolment'],
      ['contacts', 3, 'location', 'invalid-code'],
      ['contacts', 3, 'enrolment_id', 'unknown-enrolment'],
    ]);
    expect(brief).toHaveLength(4);
    expect(Object.keys(doc.summaries)).toEqual(['enrolments', 'assessments', 'contacts']);
  });
});

describe('reading', () => {
  it('detects the row format from the extension, or takes --input-format', () => {
    expect(detectInputFormat('a.csv')).toBe('csv');
    expect(detectInputFormat('A.CSV')).toBe('csv');
    expect(detectInputFormat('a.ndjson')).toBe('ndjson');
    expect(detectInputFormat('a.jsonl')).toBe('ndjson');
    expect(detectInputFormat('-', 'ndjson')).toBe('ndjson');
    expect(detectInputFormat('a.txt', 'csv')).toBe('csv');
    expect(() => detectInputFormat('a.txt')).toThrow(CliError);
    expect(() => detectInputFormat('-')).toThrow(CliError);
  });

  it('counts lines across CRLF, empty lines and quoted cells spanning lines; rejects rows with extra fields', async () => {
    const file = join(dir, 'crlf.csv');
    const body = [
      'assessment_id,enrolment_id,instrument,completed_on,item_1,item_2,item_3,item_4',
      'a1,enr-1,hrqol-4,2026-01-03,3,4,10,2',
      '',
      '"a2",enr-1,"hrqol-4",2026-01-04,3,4,"10',
      '",2',
      'a3,enr-1,hrqol-4,2026-01-05,3,4,99,2',
      'a4,enr-1,hrqol-4,2026-01-06,3,4,10,2,1,2,3,4,5,6,7',
      'a5,enr-1,hrqol-4,2026-13-01,3,4',
    ].join('\r\n');
    await writeFile(file, `\uFEFF${body}\r\n`);
    const { brief, doc } = await validateJson({ file });
    expect(brief.map(([line, column, code]) => [line, column, code])).toEqual([
      [6, 'item_3', 'out-of-range'],
      [7, null, 'field-count'],
      [8, 'completed_on', 'invalid-date'],
      [8, 'item_3', 'missing-item'],
    ]);
    expect(doc.summaries.assessments).toMatchObject({ rows: 5, rowsWithErrors: 3 });
  });

  it('reads standard input with --input-format', async () => {
    const { Readable } = await import('node:stream');
    const stdin = Readable.from([Buffer.from(await readFile(SAMPLE))]);
    const { brief } = await validateJson({ file: '-', inputFormat: 'csv', asOf: '2026-11-20' }, { stdin });
    expect(brief.length).toBe(PLANTED.length - 2);
  });

  it('reports NDJSON lines that are not JSON or not objects, and a header missing a required column', async () => {
    const ndjson = join(dir, 'broken.ndjson');
    await writeFile(ndjson, '{"assessment_id":"a1"\n\n[1,2]\n');
    expect((await validateJson({ file: ndjson })).brief.map(([l, , c]) => [l, c])).toEqual([
      [1, 'invalid-json'],
      [3, 'invalid-record'],
    ]);
    const csv = join(dir, 'nodate.csv');
    await writeFile(
      csv,
      'assessment_id,enrolment_id,instrument,item_1,item_2,item_3,item_4\na1,enr-1,hrqol-4,3,4,10,2\n',
    );
    const r = await validateJson({ file: csv });
    expect(r.brief.map(([l, col, c]) => [l, col, c])).toEqual([[1, 'completed_on', 'missing-column']]);
    expect(r.doc.summaries.assessments).toMatchObject({ rows: 1, rowsWithErrors: 1 });
    expect(r.code).toBe(EXIT.findings);
  });

  it('stops with exit code 2 on unreadable input, before writing anything', async () => {
    const { io, text } = capture();
    await expect(
      runValidateOutcomes({ file: join(dir, 'missing.csv'), format: 'table' }, io),
    ).rejects.toMatchObject({
      exitCode: EXIT.badInput,
    });
    expect(text()).toBe('');
    const bad = join(dir, 'unclosed.csv');
    await writeFile(bad, 'assessment_id,enrolment_id\n"a1,enr-1\n');
    await expect(runValidateOutcomes({ file: bad, format: 'json' }, capture().io)).rejects.toBeInstanceOf(
      CliError,
    );
    await expect(
      runValidateOutcomes({ file: SAMPLE, format: 'json', asOf: '2026-02-30' }, capture().io),
    ).rejects.toMatchObject({ exitCode: EXIT.badInput });
  });
});

describe('large files', () => {
  it('validates a generated 50,000-row CSV in bounded memory', async () => {
    const enrolments = join(dir, 'big-enrolments.csv');
    const file = join(dir, 'big.csv');
    const people = 25_000;
    const e: string[] = ['enrolment_id,peer_id,enrolled_on,exited_on'];
    for (let i = 0; i < people; i++) e.push(`enr-${i},peer-${i},2025-01-01,`);
    await writeFile(enrolments, `${e.join('\n')}\n`);
    const rows: string[] = [
      'assessment_id,enrolment_id,instrument,completed_on,item_1,item_2,item_3,item_4,item_5,item_6,item_7,item_8,item_9,item_10',
    ];
    for (let i = 0; i < people; i++) {
      const answers = Array.from({ length: 10 }, (_, k) => 1 + ((i + k) % 6)).join(',');
      rows.push(`a${2 * i},enr-${i},barc-10,2025-01-0${1 + (i % 9)},${answers}`);
      rows.push(`a${2 * i + 1},enr-${i},barc-10,2025-07-0${1 + (i % 9)},${answers}`);
    }
    // One planted problem at the very end, to show the whole file was read.
    rows.push('a-last,enr-0,barc-10,2025-04-15,1,2,3,4,5,6,1,2,3,4');
    await writeFile(file, `${rows.join('\n')}\n`);

    // Measure what stays reachable: collect garbage before each sample (gc exposed at run time).
    let gc: () => void = () => undefined;
    try {
      setFlagsFromString('--expose-gc');
      const exposed: unknown = runInNewContext('gc');
      if (typeof exposed === 'function') gc = exposed as () => void;
    } catch {
      // Without gc the measure only gets looser (garbage counts too).
    }
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let calls = 0;
    const started = performance.now();
    const { code, brief, doc } = await validateJson(
      { file, enrolments },
      {
        onRows: (n) => {
          calls++;
          if (n % 10_000 !== 0) return;
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        },
      },
    );
    const ms = performance.now() - started;
    expect(doc.summaries.assessments).toMatchObject({ rows: 50_001, validRows: 50_000, rowsWithErrors: 1 });
    expect(brief).toEqual([[50_002, 'completed_on', 'out-of-window', 'error']]);
    expect(code).toBe(EXIT.findings);
    expect(calls).toBeGreaterThanOrEqual(50);
    expect((peak - before) / 2 ** 20).toBeLessThan(100);
    expect(ms).toBeLessThan(30_000);
  });
});

describe('summarize-outcomes', () => {
  it('summarizes the valid rows of the sample, every figure with its n', async () => {
    const { io, text } = capture();
    const code = await runSummarizeOutcomes(
      { file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20', format: 'json' },
      io,
    );
    expect(code).toBe(EXIT.ok);
    const doc = JSON.parse(text());
    expect(doc.format).toBe(OUTCOMES_SUMMARY_FORMAT);
    expect(doc.rows).toEqual({ read: 23, used: 16, leftOut: 7 });
    const barc = doc.summary.instruments.find((i: { instrumentId: string }) => i.instrumentId === 'barc-10');
    // Pairs: enr-001 31 -> 43 and enr-003 37 -> 48 (the 0-coded baseline of enr-005 is left out).
    expect(barc.responses).toMatchObject({ n: 9, scored: 8, incomplete: 1, invalid: 0 });
    expect(barc.change).toMatchObject({ n: 2, meanBaseline: 34, meanFollowUp: 45.5, meanChange: 11.5 });
    expect(barc.thresholds[0]).toMatchObject({ n: 2, notMetAtBaseline: 2, crossed: 1 });
    // Follow-ups due: enr-001, -002 (incomplete, but administered), -003 done; enr-004 and -006 missed.
    expect(barc.followUp).toMatchObject({
      n: 5,
      numerator: 3,
      denominator: 5,
      rate: 0.6,
      meetsTarget: false,
    });
  });

  it('prints n for every figure and no share over zero', async () => {
    const { io, text } = capture();
    await runSummarizeOutcomes(
      { file: SAMPLE, enrolments: PROGRAM, asOf: '2026-02-01', format: 'table' },
      io,
    );
    const out = text();
    expect(out).toContain('n=0 pairs');
    expect(out).toContain('no follow-up due yet (no rate)');
    expect(out).not.toMatch(/NaN|\b0 of 0 \(/);
  });

  it('without enrolments gives the response counts only', async () => {
    const { io, text } = capture();
    await runSummarizeOutcomes({ file: SAMPLE, asOf: '2026-11-20', format: 'json' }, io);
    const doc = JSON.parse(text());
    expect(doc.summary).toBeNull();
    expect(doc.responses).toEqual([
      { instrumentId: 'barc-10', abbreviation: 'BARC-10', n: 9, scored: 8, incomplete: 1 },
      { instrumentId: 'hrqol-4', abbreviation: 'HRQOL-4', n: 8, scored: 8, incomplete: 0 },
    ]);
  });
});

describe('the command line', () => {
  it('has --help with examples for both commands', async () => {
    for (const name of ['validate-outcomes', 'summarize-outcomes']) {
      const program = buildProgram();
      const command = program.commands.find((c) => c.name() === name);
      let out = '';
      command?.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
      await expect(program.parseAsync(['node', 'peer-recovery', name, '--help'])).rejects.toBeInstanceOf(
        CommanderError,
      );
      expect(out).toContain('Examples:');
      expect(out).toContain(`$ peer-recovery ${name} examples/research-outcomes/assessments.csv`);
      expect(out).toContain('--enrolments <file>');
    }
  });

  it('runs as a process: exit code 1 on the sample, 2 on a missing file', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--conditions=@peer-recovery/source', '--import', 'tsx', BIN, ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const sample = run(
      'validate-outcomes',
      'examples/research-outcomes/assessments.csv',
      '--enrolments',
      'examples/sample-program/program.json',
      '--as-of',
      '2026-11-20',
      '--format',
      'json',
    );
    expect(sample.status).toBe(EXIT.findings);
    expect(JSON.parse(sample.stdout).issues).toHaveLength(PLANTED.length);
    expect(sample.stderr).toBe('');
    const missing = run('validate-outcomes', 'no-such-file.csv');
    expect(missing.status).toBe(EXIT.badInput);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('no-such-file.csv: cannot read the file');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { CommanderError } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../errors';
import { buildProgram } from '../program';
import {
  detectInputFormat,
  OUTCOMES_SUMMARY_FORMAT,
  OUTCOMES_VALIDATION_FORMAT,
  type OutcomesIo,
  researchTablePieces,
  runExportOutcomes,
  runOutcomesCodebook,
  runOutcomesToFhir,
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
  // Memory and speed at 50,000 rows are measured by packages/cli/bench/outcomes.bench.ts; this checks that a file
  // of several thousand rows is read to its last line, with progress reported as it goes.
  it('validates a generated 5,000-row CSV to its last line, reporting progress every 1,000 rows', async () => {
    const enrolments = join(dir, 'big-enrolments.csv');
    const file = join(dir, 'big.csv');
    const people = 2_500;
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

    const seen: number[] = [];
    const { code, brief, doc } = await validateJson({ file, enrolments }, { onRows: (n) => seen.push(n) });
    expect(doc.summaries.assessments).toMatchObject({ rows: 5_001, validRows: 5_000, rowsWithErrors: 1 });
    expect(brief).toEqual([[5_002, 'completed_on', 'out-of-window', 'error']]);
    expect(code).toBe(EXIT.findings);
    for (const n of [1_000, 2_000, 3_000, 4_000, 5_000]) expect(seen).toContain(n);
    expect(seen.at(-1)).toBe(5_001);
  });
});

describe('summarize-outcomes', () => {
  it('summarizes the valid rows of the sample, every figure with its n', async () => {
    const { io, text } = capture();
    const code = await runSummarizeOutcomes(
      { file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20', format: 'json', minCell: 0 },
      io,
    );
    expect(code).toBe(EXIT.ok);
    const doc = JSON.parse(text());
    expect(doc.format).toBe(OUTCOMES_SUMMARY_FORMAT);
    // The 8 rows validate-outcomes flags as errors, the out-of-window row of line 22 included.
    expect(doc.rows).toEqual({ read: 23, used: 15, leftOut: 8 });
    const barc = doc.summary.instruments.find((i: { instrumentId: string }) => i.instrumentId === 'barc-10');
    // Pairs: enr-001 31 -> 43 and enr-003 37 -> 48 (the 0-coded baseline of enr-005 is left out).
    expect(barc.responses).toMatchObject({ n: 8, scored: 7, incomplete: 1, invalid: 0 });
    expect(barc.change).toMatchObject({ n: 2, meanBaseline: 34, meanFollowUp: 45.5, meanChange: 11.5 });
    expect(barc.thresholds[0]).toMatchObject({ n: 2, notMetAtBaseline: 2, crossed: 1 });
    // Follow-ups due: enr-001, -002 (incomplete, but administered), -003 done; enr-004 missed; enr-006's care
    // ended before its reassessment, which the closeout waives (enr-005's baseline is left out).
    expect(barc.followUp).toMatchObject({
      n: 4,
      numerator: 3,
      denominator: 4,
      rate: 0.75,
      meetsTarget: false,
    });
  });

  it('prints n for every figure and no share over zero', async () => {
    const { io, text } = capture();
    await runSummarizeOutcomes(
      { file: SAMPLE, enrolments: PROGRAM, asOf: '2026-02-01', format: 'table', minCell: 0 },
      io,
    );
    const out = text();
    expect(out).toContain('n=0 pairs');
    expect(out).toContain('no follow-up due yet (no rate)');
    expect(out).not.toMatch(/NaN|\b0 of 0 \(/);
  });

  it('without enrolments gives the response counts only', async () => {
    const { io, text } = capture();
    await runSummarizeOutcomes({ file: SAMPLE, asOf: '2026-11-20', format: 'json', minCell: 0 }, io);
    const doc = JSON.parse(text());
    expect(doc.summary).toBeNull();
    expect(doc.responses).toEqual([
      { instrumentId: 'barc-10', abbreviation: 'BARC-10', n: 9, scored: 8, incomplete: 1 },
      { instrumentId: 'hrqol-4', abbreviation: 'HRQOL-4', n: 8, scored: 8, incomplete: 0 },
    ]);
  });
});

describe('one validation for every outcome command', () => {
  const ISSUE_CODES_BY_LINE = async (options: Partial<ValidateOutcomesOptions> = {}) => {
    const {
      doc: { issues },
    } = await validateJson({ file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20', ...options });
    const rows = new Map<number, Set<string>>();
    for (const i of issues)
      if (i.severity === 'error') rows.set(i.line, new Set([...(rows.get(i.line) ?? []), i.code]));
    return rows;
  };

  it('summarize-outcomes leaves out exactly the rows validate-outcomes flags, and says why', async () => {
    for (const itemErrors of ['row', 'score'] as const) {
      const flagged = await ISSUE_CODES_BY_LINE({ itemErrors });
      const { io, text } = capture();
      await runSummarizeOutcomes(
        { file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20', format: 'json', minCell: 0, itemErrors },
        io,
      );
      const doc = JSON.parse(text());
      expect(doc.rows.leftOut).toBe(flagged.size);
      expect(doc.rows.read - doc.rows.used).toBe(flagged.size);
      const byCode: Record<string, number> = {};
      for (const codes of flagged.values()) for (const c of codes) byCode[c] = (byCode[c] ?? 0) + 1;
      expect(doc.excluded.byCode).toEqual(byCode);
    }
  });

  it('--item-errors score keeps a response with bad items as administered, without a score', async () => {
    const flagged = await ISSUE_CODES_BY_LINE({ itemErrors: 'score' });
    // Lines 16 (0-coded BARC-10) and 17 (HRQOL-4 item out of range) are no longer errors.
    expect(flagged.has(16)).toBe(false);
    expect(flagged.has(17)).toBe(false);
    const { io, text } = capture();
    await runSummarizeOutcomes(
      {
        file: SAMPLE,
        enrolments: PROGRAM,
        asOf: '2026-11-20',
        format: 'json',
        minCell: 0,
        itemErrors: 'score',
      },
      io,
    );
    const barc = JSON.parse(text()).summary.instruments.find(
      (i: { instrumentId: string }) => i.instrumentId === 'barc-10',
    );
    expect(barc.responses).toMatchObject({ n: 9, scored: 7, incomplete: 1, invalid: 1 });
    // enr-005 now has an administered (invalid) baseline: it joins the follow-up denominator; still no pair.
    expect(barc.change.n).toBe(2);
  });

  it('counts the people behind the rows left out', async () => {
    const { io, text } = capture();
    await runSummarizeOutcomes(
      { file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20', format: 'table', minCell: 0 },
      io,
    );
    expect(text()).toContain('left out by reason: before-enrolment 1, duplicate-id 1, duplicate-response 1');
    // Rows left out name enr-001 to enr-006; enr-005's two rows (0-coded BARC-10, HRQOL-4 out of range) are both out.
    expect(text()).toContain('enrolments named by rows left out: 6; left with no usable row: 1');
  });
});

/** The parts of a summary's JSON these tests read. */
interface Summary {
  responses: Record<string, unknown>;
  change: Record<string, unknown> & { n: number };
  thresholds: Record<string, unknown>[];
  followUp: Record<string, unknown>;
  groups: { change: { n: number } }[];
}

describe('summarize-outcomes options', () => {
  const run = async (extra: Record<string, unknown>) => {
    const { io, text } = capture();
    await runSummarizeOutcomes(
      { file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20', format: 'json', ...extra },
      io,
    );
    return JSON.parse(text());
  };
  const barcOf = (doc: { summary: { instruments: { instrumentId: string }[] } }) =>
    doc.summary.instruments.find((i) => i.instrumentId === 'barc-10') as unknown as Summary;

  it('suppresses cells under 11 by default, and shows them with --min-cell 0', async () => {
    const hidden = barcOf(await run({}));
    expect(hidden.change).toMatchObject({ n: null, meanChange: null, suppressed: true, minCell: 11 });
    expect(barcOf(await run({ minCell: 3 })).responses).toMatchObject({ n: 8 });
    expect(barcOf(await run({ minCell: 0 })).change).toMatchObject({ n: 2, meanChange: 11.5 });
    const { io, text } = capture();
    await runSummarizeOutcomes(
      { file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20', format: 'table' },
      io,
    );
    expect(text()).toContain('change from baseline  suppressed (fewer than 11)');
    expect(text()).not.toMatch(/\bnull\b|NaN/);
  });

  it('applies one suppression to the whole document: rows by reason, counts in shown cells, complements', async () => {
    const doc = await run({ minCell: 3 });
    // 8 rows left out, one per reason: each reason is a count of 1; 15 used stays (23 − 15 = 8 is not small).
    expect(doc.rows).toEqual({ read: 23, used: 15, leftOut: 8 });
    expect(Object.values(doc.excluded.byCode).every((v) => v === null)).toBe(true);
    expect(doc.excluded).toMatchObject({ enrolments: 6, enrolmentsWithoutUsableRow: null });
    const barc = barcOf(doc) as unknown as {
      responses: unknown;
      changeByPoint: { pointId: string; attrition: unknown }[];
    };
    // 7 complete and 1 incomplete of 8: the 1 goes, and the 7 with it (8 − 7 = 1).
    expect(barc.responses).toMatchObject({ n: 8, scored: null, incomplete: null, invalid: 0 });
    // 3 of 4 due follow-ups done: 3 is not small, but 4 − 3 = 1 missed is, so done and the rate go.
    expect(barc.changeByPoint.find((p) => p.pointId === 'reassessment-6m')?.attrition).toMatchObject({
      due: 4,
      done: null,
      rate: null,
      suppressedFields: expect.arrayContaining(['done', 'rate']),
      minCell: 3,
    });
    const { io, text } = capture();
    await runSummarizeOutcomes(
      { file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20', format: 'table', minCell: 3 },
      io,
    );
    expect(text()).toContain(
      'responses             n=8: suppressed complete, suppressed incomplete, 0 invalid',
    );
    expect(text()).toContain('suppressed of 4');
    expect(text()).toContain('left out by reason: before-enrolment suppressed,');
    expect(text()).not.toMatch(/\bnull\b|NaN|undefined/);
  });

  it('says loudly on standard error when suppression is off, and shows groups in the table', async () => {
    let notes = '';
    const { io, text } = capture({ note: (t) => (notes += t) });
    await runSummarizeOutcomes(
      {
        file: SAMPLE,
        enrolments: PROGRAM,
        asOf: '2026-11-20',
        format: 'table',
        minCell: 0,
        groupBy: 'coach',
      },
      io,
    );
    expect(notes).toContain('WARNING: --min-cell 0: small-cell suppression is OFF');
    expect(text()).not.toContain('WARNING');
    expect(text()).toMatch(/coach-01 +2: \+11\.5/);
    notes = '';
    await runSummarizeOutcomes({ file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20', format: 'json' }, io);
    expect(notes).toBe('');
  });

  it('takes thresholds, the follow-up target, grouping and a schedule file', async () => {
    // Pairs 31 -> 43 and 37 -> 48: with a threshold of 44 only the second crosses.
    const t = barcOf(await run({ minCell: 0, thresholds: { sustainedRemissionThreshold: 44 } }));
    expect(t.thresholds[0]).toMatchObject({ value: 44, crossed: 1, notMetAtBaseline: 2 });
    expect(barcOf(await run({ minCell: 0, followUpTarget: 0.5 })).followUp).toMatchObject({
      rate: 0.75,
      target: 0.5,
      meetsTarget: true,
    });
    const g = barcOf(await run({ minCell: 0, groupBy: 'coach' }));
    expect(g.groups.length).toBeGreaterThan(0);
    expect(g.groups.reduce((a, x) => a + x.change.n, 0)).toBe(2);
    const dir = await mkdtemp(join(tmpdir(), 'pr-sched-'));
    try {
      // A schedule with only a baseline (0-30 days) and a 1-year follow-up: no 6-month point, so no pairs as of now.
      const schedule = {
        id: 'one-year',
        version: '1',
        source: 'test',
        points: [
          {
            id: 'baseline',
            label: 'Baseline',
            anchor: 'intake',
            offsetDays: 0,
            windowBeforeDays: 0,
            windowAfterDays: 30,
            followUp: false,
          },
          {
            id: 'year',
            label: 'One year',
            anchor: 'intake',
            offsetDays: 365,
            windowBeforeDays: 30,
            windowAfterDays: 30,
            followUp: true,
          },
        ],
      };
      const file = join(dir, 'schedule.json');
      await writeFile(file, JSON.stringify(schedule));
      const doc = await run({ minCell: 0, schedule: file });
      expect(doc.summary.scheduleId).toBe('one-year');
      expect(barcOf(doc).change.n).toBe(0);
      await writeFile(
        file,
        JSON.stringify({ ...schedule, points: [{ ...schedule.points[0], windowAfterDays: -1 }] }),
      );
      await expect(run({ schedule: file })).rejects.toThrow(/--schedule: points\[0\]\.windowAfterDays/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a custom instrument definition file and refuses a broken one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pr-inst-'));
    try {
      const def = {
        id: 'barc-10',
        version: '2.0.0',
        abbreviation: 'BARC-10',
        title: 'BARC-10, program copy',
        citation: 'test',
        license: 'test',
        items: Array.from({ length: 10 }, (_, i) => ({
          id: String(i + 1),
          label: `Item ${i + 1}`,
          min: 0,
          max: 5,
        })),
        scoring: { kind: 'sum' },
        thresholds: [],
      };
      const file = join(dir, 'instruments.json');
      await writeFile(file, JSON.stringify([def]));
      // Coded 0-5, the row of line 16 is now valid.
      const flagged = await validateJson({
        file: SAMPLE,
        enrolments: PROGRAM,
        asOf: '2026-11-20',
        instruments: file,
      });
      expect(flagged.doc.issues.some((i) => i.line === 16)).toBe(false);
      await writeFile(file, JSON.stringify([{ ...def, items: [] }]));
      await expect(run({ instruments: file })).rejects.toThrow(/--instruments: \[0\]: .*no-items/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('export-outcomes and outcomes-codebook', () => {
  const exportText = async (layout: 'long' | 'wide', to: 'csv' | 'ndjson') => {
    const { io, text } = capture();
    let note = '';
    await runExportOutcomes(
      { file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20', layout, to },
      {
        ...io,
        note: (t) => {
          note += t;
        },
      },
    );
    return { out: text(), note };
  };

  it('long: one row per valid response with its schedule point; the note says what was left out', async () => {
    const { out, note } = await exportText('long', 'ndjson');
    const rows = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(15);
    const a3 = rows.find((r) => r.assessment_id === 'asmt-003');
    // enr-001 enrolled 2026-01-31; 2026-07-21 is day 171, the 6-month target is day 180.
    expect(a3).toMatchObject({
      enrolment_id: 'enr-001',
      peer_id: 'peer-001',
      status: 'complete',
      total: 43,
      schedule_point: 'reassessment-6m',
      days_from_target: -9,
      days_from_intake: 171,
    });
    expect(note).toContain('15 of 23 assessment row(s) used; 8 left out');
  });

  it('wide: one row per enrolment and instrument, baseline and follow-up side by side', async () => {
    const { out } = await exportText('wide', 'csv');
    const [head, ...lines] = out.trimEnd().split('\n');
    const cols = (head ?? '').split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    expect(rows).toHaveLength(12); // 6 enrolments x 2 instruments
    const e1 = rows.find((r) => r.enrolment_id === 'enr-001' && r.instrument === 'barc-10');
    expect(e1).toMatchObject({
      baseline_total: '31',
      reassessment_6m_total: '43',
      reassessment_6m_change: '12',
    });
    const e5 = rows.find((r) => r.enrolment_id === 'enr-005' && r.instrument === 'barc-10');
    expect(e5).toMatchObject({ baseline_status: 'missed', baseline_total: '' });
  });

  it('parquet: the same wide table, read back with hyparquet', async () => {
    const { parquetReadObjects } = await import('hyparquet');
    const out = join(dir, 'people.parquet');
    await runExportOutcomes(
      { file: SAMPLE, enrolments: PROGRAM, asOf: '2026-11-20', layout: 'wide', to: 'parquet', out },
      { ...capture().io, note: () => undefined },
    );
    const bytes = await readFile(out);
    const rows = await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    });
    expect(rows).toHaveLength(12);
    const e1 = rows.find((r) => r.enrolment_id === 'enr-001' && r.instrument === 'barc-10');
    expect(e1).toMatchObject({
      baseline_total: 31,
      reassessment_6m_total: 43,
      reassessment_6m_change: 12,
      exited_on: null,
    });
    await expect(
      runExportOutcomes({ file: SAMPLE, enrolments: PROGRAM, layout: 'wide', to: 'parquet' }, capture().io),
    ).rejects.toThrow(/pass -o/);
  });

  it('codebook: a REDCap data dictionary and Markdown', async () => {
    const { io, text } = capture();
    await runOutcomesCodebook({ format: 'redcap' }, io);
    expect(text().split('\n')[0]).toBe(
      'Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"Choices, Calculations, OR Slider Labels",Field Note,Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max,Identifier?,Branching Logic (Show field only if...),Required Field?,Custom Alignment,Question Number (surveys only),Matrix Group Name,Matrix Ranking?,Field Annotation',
    );
    const md = capture();
    await runOutcomesCodebook({ format: 'markdown' }, md.io);
    expect(md.text()).toContain('## HRQOL-4');
  });
});

describe('outcomes-to-fhir', () => {
  it('exports the valid rows as QuestionnaireResponse and Observation resources with the FHIR mapping', async () => {
    const { io, text } = capture();
    let note = '';
    const code = await runOutcomesToFhir(
      { file: SAMPLE, program: PROGRAM, asOf: '2026-11-20', onlyOutcomes: true },
      {
        ...io,
        note: (t) => {
          note += t;
        },
      },
    );
    expect(code).toBe(EXIT.ok);
    const bundle = JSON.parse(text());
    expect(bundle.resourceType).toBe('Bundle');
    const types = bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType);
    // The 15 rows the one validation keeps, each a QuestionnaireResponse; complete ones also give a total.
    expect(types.filter((t: string) => t === 'QuestionnaireResponse')).toHaveLength(15);
    expect(new Set(types)).toEqual(new Set(['QuestionnaireResponse', 'Observation']));
    expect(note).toContain('8 row(s) left out');
  });
});

describe('the walkthrough of docs/research.md', () => {
  it('shows the output the commands give on the REDCap example (the figures stay true)', async () => {
    const redcap = join(ROOT, 'examples/research-outcomes/redcap');
    const { io, text } = capture();
    await runSummarizeOutcomes(
      {
        file: join(redcap, 'redcap-export.csv'),
        enrolments: join(redcap, 'enrolments.csv'),
        mapping: join(redcap, 'mapping.json'),
        missingCodes: 'survey',
        asOf: '2026-11-20',
        format: 'table',
      },
      io,
    );
    const shown = text().replace(`${redcap}/`, '');
    const doc = await readFile(join(ROOT, 'docs/research.md'), 'utf8');
    const block =
      /<!-- walkthrough-summary:start -->\n```text\n([\s\S]*?)```\n<!-- walkthrough-summary:end -->/.exec(
        doc,
      );
    // To refresh the block after a deliberate change, paste the output of step 4 of the walkthrough.
    expect(block?.[1]).toBe(shown);
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

  // Each spawns the command line through tsx (it compiles the sources): one process per test.
  const runProcess = (...args: string[]) =>
    spawnSync(process.execPath, ['--conditions=@peer-recovery/source', '--import', 'tsx', BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });

  it('runs as a process: exit code 1 on the sample, with every planted issue as JSON', () => {
    const sample = runProcess(
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
  });

  it('runs as a process: exit code 2 on a missing file, naming it on standard error only', () => {
    const missing = runProcess('validate-outcomes', 'no-such-file.csv');
    expect(missing.status).toBe(EXIT.badInput);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('no-such-file.csv: cannot read the file');
  });
});

describe('researchTablePieces', () => {
  const value = fc.oneof(
    fc.constant(null),
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 6 }),
    fc.constantFrom('a,b', 'say "hi"', 'two\nlines', ' '),
  );
  // Row counts at and around the piece size (256) as well as any.
  const rowCount = fc.oneof(
    fc.constantFrom(0, 1, 255, 256, 257, 511, 512, 513),
    fc.integer({ min: 0, max: 700 }),
  );
  const table = fc.tuple(fc.integer({ min: 1, max: 4 }), rowCount).chain(([width, n]) => {
    const columns = Array.from({ length: width }, (_, i) => `c${i}`);
    return fc
      .array(fc.array(value, { minLength: width, maxLength: width }), { minLength: n, maxLength: n })
      .map((cells) => ({
        columns,
        rows: cells.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null]))),
      }));
  });

  test.prop([table], { numRuns: 40 })(
    'joined, are the whole table written at once (CSV with one header; NDJSON), at any number of rows',
    (t) => {
      const csv = [...researchTablePieces(t, 'csv')];
      expect(csv.join('')).toBe(
        stringify(
          t.rows.map((r) => t.columns.map((c) => r[c] ?? '')),
          { header: true, columns: t.columns },
        ),
      );
      expect(csv.length).toBe(Math.max(1, Math.ceil(t.rows.length / 256)));
      const ndjson = [...researchTablePieces(t, 'ndjson')].join('');
      expect(ndjson).toBe(t.rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
    },
  );
});

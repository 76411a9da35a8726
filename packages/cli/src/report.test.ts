import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import {
  evaluateProgram,
  type Finding,
  generateProgramData,
  type ProgramData,
  type ProgramEvaluation,
  parseProgramData,
} from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { renderCheck } from './commands/check';
import { writeOutput } from './io';
import {
  allFindings,
  enrolmentJson,
  formatCheckJson,
  formatCheckJsonPieces,
  formatFindingsCsv,
  formatFindingsCsvPieces,
  formatSummary,
} from './report';
import { table } from './style';

function evaluationOf(peers: number): ProgramEvaluation {
  const data = generateProgramData({ peers, seed: 11, start: '2025-01-01', years: 1 });
  const r = evaluateProgram(data, { asOf: '2025-12-31' });
  if (!r.success) throw new Error('evaluation failed');
  return r.data;
}

describe('check --format json in pieces', () => {
  it.each([0, 1, 300, 600])(
    '%i peers: the pieces join to formatCheckJson byte for byte, each holding at most 4 enrolments',
    (peers) => {
      const ev = evaluationOf(peers);
      const pieces = formatCheckJsonPieces(ev);
      expect(pieces.join('')).toBe(formatCheckJson(ev));
      const n = ev.enrolments.length;
      expect(pieces).toHaveLength(n === 0 ? 1 : Math.ceil(n / 4) + 2);
      // The enrolments' pieces (the first and last hold the rest of the document, coaches included).
      for (const piece of pieces.slice(1, -1))
        expect(piece.match(/^ {6}\{$/gm)?.length ?? 0).toBeLessThanOrEqual(4);
    },
  );

  it('the enrolments given as text, cut anywhere (as threads write them), give the same bytes', () => {
    const ev = evaluationOf(40);
    const cuts = [0, 1, 7, 8, 25, ev.enrolments.length];
    const parts = cuts.slice(1).map((to, i) => enrolmentJson(ev.enrolments.slice(cuts[i], to)));
    expect(formatCheckJsonPieces(ev, parts).join('')).toBe(formatCheckJson(ev));
    expect(formatCheckJsonPieces(ev, []).join('')).toBe(formatCheckJson({ ...ev, enrolments: [] }));
  });

  it('writeOutput writes the pieces of a file in order, atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pr-pieces-'));
    try {
      const ev = evaluationOf(300);
      const file = join(dir, 'check.json');
      await writeOutput(file, formatCheckJsonPieces(ev));
      expect(readFileSync(file, 'utf8')).toBe(formatCheckJson(ev));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The findings order and the CSV and table text as written before the reports read summaries (the reference). */
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
function referenceFindings(ev: ProgramEvaluation): Finding[] {
  return [...ev.enrolments.flatMap((e) => e.findings), ...ev.coaches.flatMap((c) => c.findings)].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.subject.id.localeCompare(b.subject.id) ||
      (a.dueOn ?? '').localeCompare(b.dueOn ?? '') ||
      a.code.localeCompare(b.code),
  );
}
const referenceCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
function referenceCsv(ev: ProgramEvaluation): string {
  const header = ['severity', 'subject_type', 'subject_id', 'rule', 'code', 'due_on', 'path', 'message'];
  const rows = referenceFindings(ev).map((f) =>
    [f.severity, f.subject.type, f.subject.id, f.ruleId, f.code, f.dueOn ?? '', f.path, f.message]
      .map(referenceCell)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

/** The findings and next actions sections of the table (no colours: the test's output is no terminal). */
function referenceSections(ev: ProgramEvaluation, max: number, nextDays: number): string {
  const out: string[] = [];
  const findings = referenceFindings(ev);
  out.push('', `Findings (${findings.length})`);
  if (findings.length === 0) out.push('none');
  else
    out.push(
      table(
        ['severity', 'subject', 'code', 'message'],
        findings
          .slice(0, max)
          .map((f) => [f.severity, `${f.subject.type} ${f.subject.id}`, f.code, f.message]),
      ),
    );
  if (findings.length > max)
    out.push(`... and ${findings.length - max} more (use --format json or csv for all)`);
  const horizon = Date.parse(ev.asOf) + nextDays * 86_400_000;
  const next = ev.enrolments
    .flatMap((e) => e.nextActions)
    .concat(ev.coaches.flatMap((c) => c.nextActions))
    .filter((o) => Date.parse(o.dueAt) <= horizon)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  out.push('', `Next actions (overdue, and due within ${nextDays} days): ${next.length}`);
  if (next.length > 0)
    out.push(
      table(
        ['due', 'status', 'subject', 'what'],
        next.slice(0, max).map((o) => [o.dueOn, o.status, `${o.subject.type} ${o.subject.id}`, o.label]),
      ),
    );
  return `${out.join('\n')}\n`;
}

/**
 * A generated program whose ids `localeCompare` orders otherwise than code units (upper and lower case, dots and
 * dashes), so that the order of findings by subject is tested.
 */
function programWithIds(peers: number, seed: number): ProgramData {
  const text = JSON.stringify(generateProgramData({ peers, seed, start: '2024-01-01', years: 3 }))
    .replace(/"enr-0*(\d+)"/g, (_, n: string) =>
      Number(n) % 4 === 0
        ? `"Enr-${n}"`
        : Number(n) % 4 === 1
          ? `"enr.${n}"`
          : Number(n) % 4 === 2
            ? `"ENR${n}"`
            : `"e-${n}.x"`,
    )
    .replace(/"coach-0*(\d+)"/g, (_, n: string) => (Number(n) % 2 === 1 ? `"Coach.${n}"` : `"coach-${n}"`));
  const r = parseProgramData(JSON.parse(text));
  if (!r.success) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return r.data;
}

function evaluated(data: ProgramData, asOf: string): ProgramEvaluation {
  const r = evaluateProgram(data, { asOf });
  if (!r.success) throw new Error('evaluation failed');
  return r.data;
}

describe('the reports read what they print', () => {
  test.prop(
    [
      fc.integer({ min: 0, max: 14 }),
      fc.integer({ min: 1, max: 10_000 }),
      fc.constantFrom('2024-03-31', '2025-06-30', '2026-12-31'),
    ],
    { numRuns: 12, interruptAfterTimeLimit: 4_000 },
  )(
    'CSV, table and findings equal the reference on evaluations not read, and on plain data',
    (peers, seed, asOf) => {
      const data = programWithIds(peers, seed);
      // The reference reads every list; JSON makes the plain data a `check --jobs` merge also gives.
      const plain = JSON.parse(JSON.stringify(evaluated(data, asOf))) as ProgramEvaluation;
      const csv = referenceCsv(plain);
      expect(formatFindingsCsv(evaluated(data, asOf))).toBe(csv);
      expect(formatFindingsCsvPieces(evaluated(data, asOf)).join('')).toBe(csv);
      expect(formatFindingsCsv(plain)).toBe(csv);
      expect(allFindings(evaluated(data, asOf))).toEqual(referenceFindings(plain));
      const table = formatSummary(data, plain, { maxFindings: 7, nextDays: 30 });
      expect(formatSummary(data, evaluated(data, asOf), { maxFindings: 7, nextDays: 30 })).toBe(table);
      expect(formatSummary(data, evaluated(data, asOf))).toBe(formatSummary(data, plain));
      expect(table.endsWith(referenceSections(plain, 7, 30))).toBe(true);
      // Every finding and every next action due within 60 days printed.
      const all = { maxFindings: 100_000, nextDays: 60 };
      expect(
        formatSummary(data, evaluated(data, asOf), all).endsWith(referenceSections(plain, 100_000, 60)),
      ).toBe(true);
    },
  );

  it('the CSV comes in pieces of as many lines as asked, quoting cells with a quote, a comma or a line feed', () => {
    const ev = evaluated(programWithIds(20, 5), '2026-12-31');
    const csv = formatFindingsCsv(ev);
    const lines = csv.split('\n').length - 2;
    expect(lines).toBeGreaterThan(250);
    const pieces = formatFindingsCsvPieces(ev, 100);
    expect(pieces.join('')).toBe(csv);
    expect(pieces).toHaveLength(Math.ceil(lines / 100));
    expect(pieces.map((p) => p.split('\n').length - 1)).toEqual(
      pieces.map((_, i) => (i === 0 ? 101 : i < pieces.length - 1 ? 100 : lines - 100 * i)),
    );
    expect(formatFindingsCsvPieces(ev)).toHaveLength(Math.ceil(lines / 512));
    expect(csv).toMatch(/,"[^"\n]*(""[^"\n]*)+"\n/);
  });

  it('check renders CSV and JSON as pieces made when iterated, leaving the evaluations unread', async () => {
    const data = programWithIds(30, 9);
    const ev = evaluated(data, '2026-12-31');
    const plain = JSON.parse(JSON.stringify(evaluated(data, '2026-12-31'))) as ProgramEvaluation;
    const csv = renderCheck(data, ev, { format: 'csv' });
    const json = renderCheck(data, ev, { format: 'json' });
    const text = (body: Iterable<string>) => [...body].join('');
    expect(text(csv.body)).toBe(referenceCsv(plain));
    expect(text(json.body)).toBe(formatCheckJson(plain));
    // Iterated again, the same text.
    expect(text(csv.body)).toBe(referenceCsv(plain));
    expect(text(json.body)).toBe(formatCheckJson(plain));
    for (const e of ev.enrolments)
      for (const key of ['results', 'timeline', 'findings', 'nextActions'])
        expect('get' in (Object.getOwnPropertyDescriptor(e, key) ?? {})).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'pr-pieces-'));
    try {
      await writeOutput(join(dir, 'check.json'), json.body);
      expect(readFileSync(join(dir, 'check.json'), 'utf8')).toBe(formatCheckJson(plain));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the table of a program with no findings and no next actions', () => {
    const data = programWithIds(0, 1);
    const ev = evaluated(data, '2024-03-31');
    expect(formatFindingsCsv({ ...ev, coaches: [] })).toBe(
      'severity,subject_type,subject_id,rule,code,due_on,path,message\n',
    );
    expect(formatSummary(data, { ...ev, coaches: [] })).toMatch(/Findings \(0\)\nnone\n/);
  });
});

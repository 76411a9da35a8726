import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateProgram, generateProgramData, type ProgramEvaluation } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { writeOutput } from './io';
import { enrolmentJson, formatCheckJson, formatCheckJsonPieces } from './report';

function evaluationOf(peers: number): ProgramEvaluation {
  const data = generateProgramData({ peers, seed: 11, start: '2025-01-01', years: 1 });
  const r = evaluateProgram(data, { asOf: '2025-12-31' });
  if (!r.success) throw new Error('evaluation failed');
  return r.data;
}

describe('check --format json in pieces', () => {
  it.each([0, 1, 300, 600])(
    '%i peers: the pieces join to formatCheckJson byte for byte, each holding at most 256 enrolments',
    (peers) => {
      const ev = evaluationOf(peers);
      const pieces = formatCheckJsonPieces(ev);
      expect(pieces.join('')).toBe(formatCheckJson(ev));
      const n = ev.enrolments.length;
      expect(pieces).toHaveLength(n === 0 ? 1 : Math.ceil(n / 256) + 2);
      for (const piece of pieces) expect(piece.match(/^ {6}\{$/gm)?.length ?? 0).toBeLessThanOrEqual(256);
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

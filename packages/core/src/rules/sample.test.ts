import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProgramData } from '../model/parse';
import { evaluateEnrollment, evaluateProgram } from './evaluate';

const root = new URL('../../../../examples/sample-program/', import.meta.url);
const parsed = parseProgramData(JSON.parse(readFileSync(new URL('program.json', root), 'utf8')));
if (!parsed.success) throw new Error('the sample program must parse');
const data = parsed.data;

/** The rows of the README's "Expected findings" table: severity, subject, code, path, message. */
function expectedRows(): string[][] {
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const section = readme.split('## Expected findings as of 2026-11-20')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| severity') && !l.startsWith('| ---'))
    .map((l) =>
      l
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.replaceAll('`', '').trim()),
    );
}

describe('the sample program', () => {
  it('gives exactly the findings its README lists', () => {
    const r = evaluateProgram(data, { asOf: '2026-11-20' });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const actual = [
      ...r.data.enrolments.flatMap((e) => e.findings),
      ...r.data.coaches.flatMap((c) => c.findings),
    ].map((f) => [f.severity, `${f.subject.type} ${f.subject.id}`, f.code, f.path, f.message]);
    const expected = expectedRows();
    expect(expected.length).toBe(20);
    expect(actual.sort()).toEqual(expected.sort());
  });
  it('shows the unassigned peer while the enrolment runs', () => {
    const r = evaluateEnrollment(data, 'enr-006', { asOf: '2026-08-01' });
    expect(r.success && r.data.findings.map((f) => f.code)).toContain(
      'coach-commitment.peer-needs-reassignment',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { formatImportCounts, ImportReportBuilder, summarizeImport } from './report';

describe('import report', () => {
  const entries = [
    { resourceType: 'Encounter', id: 'e1', where: 'Bundle.entry[0]', outcome: 'imported', into: 'contacts' },
    {
      resourceType: 'Encounter',
      id: 'e2',
      where: 'Bundle.entry[1]',
      outcome: 'skipped',
      reason: 'cancelled',
    },
    {
      resourceType: 'Observation',
      id: 'o1',
      where: 'Bundle.entry[2]',
      outcome: 'skipped',
      reason: 'not-supported',
    },
    { resourceType: 'Questionnaire', where: 'Bundle.entry[3]', outcome: 'derived' },
    { resourceType: 'Encounter', id: 'e3', where: 'Bundle.entry[4]', outcome: 'error' },
  ] as const;

  it('counts by type and in total', () => {
    const r = summarizeImport(entries);
    expect(r.total).toEqual({ read: 5, imported: 1, derived: 1, skipped: 2, error: 1 });
    expect(r.byType.Encounter).toEqual({ read: 3, imported: 1, derived: 0, skipped: 1, error: 1 });
    expect(formatImportCounts(r).split('\n')).toEqual([
      'Encounter: 3 read, 1 imported, 0 derived, 1 skipped, 1 in error',
      'Observation: 1 read, 0 imported, 0 derived, 1 skipped, 0 in error',
      'Questionnaire: 1 read, 0 imported, 1 derived, 0 skipped, 0 in error',
      'total: 5 read, 1 imported, 1 derived, 2 skipped, 1 in error',
    ]);
  });

  it('lists only problems when asked, and still counts everything', () => {
    const b = new ImportReportBuilder('problems');
    for (const e of entries) b.add(e);
    const r = b.report();
    expect(r.entries.map((e) => e.outcome)).toEqual(['skipped', 'skipped', 'error']);
    expect(r.total.read).toBe(5);
  });
});

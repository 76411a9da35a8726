/**
 * What an import did with each resource it read: imported (it became, or went into, a program record), derived
 * (written by the program from other records and recomputed on import, so nothing is lost), skipped (with a stable
 * reason) or in error (the resource could not be used; the rest of the import went on).
 *
 * @example
 * const o: ImportOutcome = 'skipped';
 */
export type ImportOutcome = 'imported' | 'derived' | 'skipped' | 'error';

/**
 * Why a resource was skipped, as a stable code (the message beside it is for people).
 *
 * - `foreign`: not a record of this program and not matched by the mapping profile.
 * - `other-program`: a record of another program in the same data.
 * - `not-supported`: a resource type the import does not read.
 * - `not-a-peer-contact`: an Encounter whose class, type, service type or participants the profile does not count.
 * - `not-about-a-peer`: an EHR resource whose subject is not a peer of the program.
 * - `cancelled`, `planned`, `entered-in-error`, `revoked`, `status-unknown`: the status says the event did not happen
 *   or the record is not in force (see docs/fhir.md, "Status semantics").
 * - `unreferenced`: a supporting resource (a Goal, a Provenance) that no imported record refers to.
 *
 * @example
 * const r: SkipReason = 'cancelled';
 */
export type SkipReason =
  | 'foreign'
  | 'other-program'
  | 'not-supported'
  | 'not-a-peer-contact'
  | 'not-about-a-peer'
  | 'cancelled'
  | 'planned'
  | 'entered-in-error'
  | 'revoked'
  | 'status-unknown'
  | 'unreferenced';

/**
 * One line of an {@link ImportReport}: the resource (type, id, where it was read) and what became of it. `into`
 * names the program list it went into (`contacts`, `plans` ...); `reason` and `message` say why it was skipped or in
 * error. Messages never hold a value from the data.
 *
 * @example
 * const e: ImportReportEntry = {
 *   resourceType: 'Encounter', id: 'enc-7', where: 'Encounter.ndjson line 7', outcome: 'skipped',
 *   reason: 'cancelled', message: 'Encounter.status is cancelled: not a contact held',
 * };
 */
export interface ImportReportEntry {
  readonly resourceType: string;
  readonly id?: string;
  readonly where: string;
  readonly outcome: ImportOutcome;
  readonly into?: string;
  readonly reason?: SkipReason;
  readonly message?: string;
}

/**
 * Counts of an {@link ImportReport} for one resource type, or for all of them.
 *
 * @example
 * const c: ImportCounts = { read: 3, imported: 1, derived: 0, skipped: 1, error: 1 };
 */
export interface ImportCounts {
  read: number;
  imported: number;
  derived: number;
  skipped: number;
  error: number;
}

/**
 * The per-resource report of an import: every resource read, with its outcome, and the counts by resource type.
 * Nothing read is left out: `total.read` is the number of resources (and unreadable lines or entries) seen.
 *
 * @example
 * const r = importBundle(bundle);
 * console.log(r.report.total.skipped, r.report.byType.Encounter?.imported);
 */
export interface ImportReport {
  readonly entries: readonly ImportReportEntry[];
  readonly byType: Readonly<Record<string, ImportCounts>>;
  readonly total: ImportCounts;
}

const zero = (): ImportCounts => ({ read: 0, imported: 0, derived: 0, skipped: 0, error: 0 });

/**
 * Which entries an import report lists: `all` (every resource, the default) or `problems` (skipped and in error
 * only; imported and derived resources are still counted). `problems` keeps the report small on Bulk exports of
 * millions of resources.
 *
 * @example
 * importBundle(bundle, { report: 'problems' });
 */
export type ReportDetail = 'all' | 'problems';

/**
 * Collects report entries one at a time, counting as it goes (internal to the importers).
 *
 * @example
 * const b = new ImportReportBuilder('all');
 * b.add({ resourceType: 'Patient', where: 'Bundle.entry[0]', outcome: 'imported', into: 'peers' });
 * b.report().total.imported; // 1
 */
export class ImportReportBuilder {
  private readonly entries: ImportReportEntry[] = [];
  private readonly byType: Record<string, ImportCounts> = {};
  private readonly total = zero();
  constructor(private readonly detail: ReportDetail = 'all') {}

  /** Counts an entry, and keeps it unless the detail is `problems` and it was imported or derived. */
  add(entry: ImportReportEntry): void {
    this.byType[entry.resourceType] ??= zero();
    const c = this.byType[entry.resourceType] as ImportCounts;
    c.read++;
    c[entry.outcome]++;
    this.total.read++;
    this.total[entry.outcome]++;
    if (this.detail === 'all' || entry.outcome === 'skipped' || entry.outcome === 'error')
      this.entries.push(entry);
  }

  /** The report so far. */
  report(): ImportReport {
    return { entries: this.entries, byType: this.byType, total: this.total };
  }
}

/**
 * Builds an {@link ImportReport} (counts by type and in total) from its entries.
 *
 * @example
 * summarizeImport([{ resourceType: 'Patient', where: 'Bundle.entry[0]', outcome: 'imported', into: 'peers' }]).total.imported; // 1
 */
export function summarizeImport(entries: readonly ImportReportEntry[]): ImportReport {
  const b = new ImportReportBuilder('all');
  for (const e of entries) b.add(e);
  return b.report();
}

/**
 * One line per resource type for a command-line summary, sorted by type, then the total.
 *
 * @example
 * formatImportCounts(report);
 * // 'Encounter: 12 read, 10 imported, 1 skipped, 1 in error\n...\ntotal: 40 read, 37 imported, 0 derived, 2 skipped, 1 in error'
 */
export function formatImportCounts(report: ImportReport): string {
  const line = (name: string, c: ImportCounts): string =>
    `${name}: ${c.read} read, ${c.imported} imported, ${c.derived} derived, ${c.skipped} skipped, ${c.error} in error`;
  return [
    ...Object.keys(report.byType)
      .sort()
      .map((t) => line(t, report.byType[t] as ImportCounts)),
    line('total', report.total),
  ].join('\n');
}

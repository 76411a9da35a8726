import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { formatSource, generateProgramData } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { main } from '../program';
import { escapeHtml } from './escape';
import { AS_OF, EXPECTED_GRID, evaluate, handBuiltProgram, MARKERS } from './fixtures.test-support';
import { renderHtmlReport } from './render';

const data = handBuiltProgram();
const ev = evaluate(data);
const report = renderHtmlReport(data, ev, {});
const named = renderHtmlReport(data, ev, { includeNames: true });

/** The grid cells of one enrolment's row: month -> { state, text, title }. */
function gridRow(doc: string, enrolmentId: string) {
  const row = new RegExp(`<tr data-enrolment="${enrolmentId}">(.*?)</tr>`, 's').exec(doc)?.[1] ?? '';
  const cells: Record<string, { cls: string; state: string; title: string; text: string }> = {};
  for (const m of row.matchAll(
    /<td class="s-([a-z-]+)" data-state="([a-z-]+)" data-month="(\d{4}-\d{2})" title="([^"]*)">([^<]*)<\/td>/g,
  ))
    cells[m[3] as string] = {
      cls: m[1] as string,
      state: m[2] as string,
      title: m[4] as string,
      text: m[5] as string,
    };
  return { row, cells };
}

/** Every start tag of a document (text is escaped, so a `<` always starts real markup). */
const tags = (doc: string) => doc.match(/<[a-zA-Z][^>]*>/g) ?? [];

/** The body of the section with an id. */
const section = (doc: string, id: string) =>
  new RegExp(`<section id="${id}"(.*?)</section>`, 's').exec(doc)?.[1] ?? '';

describe('renderHtmlReport: document', () => {
  it('is one HTML document with a language, a charset, a no-load security policy and inline style only', () => {
    expect(report.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(report).toContain('<meta charset="utf-8">');
    expect(report).toContain(
      `content="${escapeHtml("default-src 'none'; style-src 'unsafe-inline'; img-src data:;")}`,
    );
    expect(report.match(/<style>/g)).toHaveLength(1);
    expect(report.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('loads nothing: no scripts, links, images, frames; no src; only in-page hrefs; no URLs at all', () => {
    for (const doc of [report, named]) {
      expect(doc).not.toMatch(/<(script|link|img|iframe|object|embed|audio|video|source)\b/i);
      expect(tags(doc).filter((t) => /\ssrc\s*=/i.test(t))).toEqual([]);
      expect(doc).not.toMatch(/url\(|@import|@font-face/i);
      const hrefs = tags(doc).flatMap((t) => [...t.matchAll(/\shref\s*=\s*"([^"]*)"/gi)].map((m) => m[1]));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const h of hrefs) expect(h).toMatch(/^#[a-z-]+$/);
      expect(doc).not.toMatch(/https?:\/\//i);
    }
  });

  it('keeps an external URL in data as inert text, never as a resource', () => {
    const url = 'https://evil.example/x.js';
    const d = handBuiltProgram(`<script src="${url}"></script><img src="${url}">`);
    const doc = renderHtmlReport(d, evaluate(d), {});
    expect(doc).not.toMatch(/<(script|img)\b/i);
    expect(tags(doc).filter((t) => /\s(src|href)\s*=/i.test(t) && t.includes('evil'))).toEqual([]);
    expect(doc).toContain(escapeHtml(`<script src="${url}"></script>`));
  });

  it('is deterministic', () => {
    expect(renderHtmlReport(data, ev, {})).toBe(report);
  });
});

describe('renderHtmlReport: content', () => {
  it('shows the program, the as-of day, the pack and the totals in the header', () => {
    const header = /<header class="report">(.*?)<\/header>/s.exec(report)?.[1] ?? '';
    expect(header).toContain('<h1>Hand-built program</h1>');
    expect(header).toContain(`>${AS_OF}</time> (America/Los_Angeles)`);
    expect(header).toContain('<code>srp-recovery-connect</code>');
    const stat = (label: string) => new RegExp(`<dt>${label}</dt><dd>(\\d+)`).exec(header)?.[1];
    expect(stat('Enrolments')).toBe('2');
    expect(stat('Coaches')).toBe('2');
    expect(stat('Errors')).toBe(String(ev.totals.findingsBySeverity.error));
    expect(stat('Warnings')).toBe(String(ev.totals.findingsBySeverity.warning));
    expect(stat('Overdue')).toBe('2');
    expect(stat('Missed')).toBe('1');
  });

  it('draws the peer-by-month grid with the right state, symbol and tooltip in each cell', () => {
    const grid = /<table class="grid" id="in-person-grid">(.*?)<\/table>/s.exec(report)?.[1] ?? '';
    expect(grid).toContain('<caption id="grid-caption">In-person contact: 2 enrolments × 4 calendar months');
    expect([...grid.matchAll(/<th scope="col" data-month="(\d{4}-\d{2})"/g)].map((m) => m[1])).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ]);
    const symbols: Record<string, string> = { met: '✓', missed: '✗', pending: '…', 'not-applicable': '–' };
    for (const [enrolmentId, expected] of Object.entries(EXPECTED_GRID)) {
      const { row, cells } = gridRow(report, enrolmentId);
      expect(Object.fromEntries(Object.entries(cells).map(([m, c]) => [m, c.state]))).toEqual(expected);
      for (const c of Object.values(cells)) {
        expect(c.cls).toBe(c.state);
        expect(c.text).toBe(symbols[c.state]);
      }
      expect(row.match(/<td class="s-none"><\/td>/g)?.length ?? 0).toBe(4 - Object.keys(expected).length);
    }
    const enr1 = gridRow(report, 'enr-1').cells;
    expect(enr1['2026-02']?.title).toBe('2026-02: missed, 0/1 in-person meetings');
    expect(enr1['2026-01']?.title).toBe('2026-01: met, 1/1 in-person meetings');
    expect(enr1['2026-04']?.title).toBe('2026-04: pending (open), 0/1 in-person meetings');
    expect(gridRow(report, 'enr-1').row).toMatch(/<td class="total bad">1<\/td>$/);
    const legend = /<ul class="grid-legend"[^>]*>(.*?)<\/ul>/s.exec(report)?.[1] ?? '';
    for (const label of ['Met', 'Missed', 'Pending', 'Not applicable']) expect(legend).toContain(label);
  });

  it('has one caseload row per coach with the counts and eligibility', () => {
    const body = section(report, 'caseloads');
    const rows = [...body.matchAll(/<tr data-coach="([^"]+)">(.*?)<\/tr>/gs)];
    expect(rows.map((r) => r[1])).toEqual(['coach-1', 'coach-2']);
    const cells = [...(rows[0]?.[2] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) =>
      m[1]?.replace(/<[^>]+>/g, ''),
    );
    // status, peers, overdue plans, missed months, unanswered, awaiting, eligible, until, findings
    expect(cells.slice(0, 7)).toEqual(['active', '2', '1', '1', '1', '–', 'Yes']);
    expect(cells[7]).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(body).toContain('<caption>');
    expect(body).toContain('<th scope="col">Coach</th>');
  });

  it('lists the overdue first action plan with its due date and days late', () => {
    const body = section(report, 'overdue-plans');
    expect(body).toContain('(1)</span></h2>');
    expect(body).toContain('<span class="id">enr-1</span>');
    expect(body).toContain('<td class="date">2026-02-04</td><td class="num bad">65</td>');
    expect(body).not.toContain('enr-2');
  });

  it('lists the unanswered message with its reply due date and days late', () => {
    const body = section(report, 'unanswered');
    expect(body).toContain(
      '<span class="id">m1</span></td><td>voicemail</td><td class="date">2026-04-01</td>',
    );
    expect(body).toContain('<td class="date">2026-04-02</td><td class="num bad">8</td>');
  });

  it('lists every finding with severity, code, message, due date and its source citation', () => {
    const body = section(report, 'findings');
    const rows = [...body.matchAll(/<tr data-severity="([a-z]+)">(.*?)<\/tr>/gs)];
    const all = [...ev.enrolments.flatMap((e) => e.findings), ...ev.coaches.flatMap((c) => c.findings)];
    expect(rows).toHaveLength(all.length);
    expect(all.length).toBe(3);
    for (const f of all) {
      const row = rows.find((r) => (r[2] ?? '').includes(escapeHtml(f.message)))?.[2] ?? '';
      expect(row).toContain(escapeHtml(formatSource(f.source)));
      expect(row.replace(/<[^>]+>/g, '')).toContain(f.code);
      if (f.dueOn) expect(row).toContain(`<td class="date">${f.dueOn}</td>`);
    }
    expect(rows.map((r) => r[1])).toEqual(['error', 'error', 'warning']);
  });

  it('has accessible tables and charts', () => {
    const tables = report.match(/<table\b/g)?.length ?? 0;
    expect(report.match(/<caption\b/g)?.length).toBe(tables);
    expect(report).not.toMatch(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/);
    expect(report.match(/<svg [^>]*role="img" aria-labelledby="[^"]+"/g)).toHaveLength(2);
    expect(report).toContain('@media print');
  });

  it('says so instead of drawing an empty grid or tables', () => {
    const d = handBuiltProgram();
    const empty = { ...d, enrolments: [], plans: [], contacts: [], messages: [] };
    const doc = renderHtmlReport(empty, evaluate(empty), {});
    expect(doc).toContain('No in-person contact obligations as of 2026-04-10.');
    expect(doc).toContain('No overdue plans.');
    expect(doc).toContain('No unanswered messages.');
    expect(doc).toContain('No findings.');
    expect(doc).not.toContain('id="in-person-grid"');
  });

  it('renders a generated program with one grid cell per in-person obligation', () => {
    const g = generateProgramData({ peers: 25, seed: 11, start: '2025-03-01', years: 2 });
    const gev = evaluate(g, '2026-06-15');
    const doc = renderHtmlReport(g, gev, {});
    const expected = gev.enrolments.flatMap((e) =>
      e.timeline.filter((o) => o.ruleId === 'in-person-contact'),
    );
    expect(expected.length).toBeGreaterThan(50);
    expect(doc.match(/ data-state="/g)).toHaveLength(expected.length);
    expect(doc.match(/ data-state="missed"/g)?.length ?? 0).toBe(
      expected.filter((o) => o.status === 'missed').length,
    );
    for (const p of g.peers) if (p.name?.family) expect(doc).not.toContain(p.name.family);
  });
});

describe('renderHtmlReport: escaping', () => {
  it('escapes a <script> in the program name', () => {
    const d = handBuiltProgram('<script>alert("owned")</script> & Co');
    const doc = renderHtmlReport(d, evaluate(d), {});
    expect(doc).not.toMatch(/<script/i);
    expect(doc).toContain('<h1>&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; Co</h1>');
    expect(doc).toContain(
      '<title>&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; Co — compliance',
    );
  });

  test.prop([fc.string({ unit: 'binary', minLength: 1, maxLength: 60 })], { numRuns: 40 })(
    'a program name only ever appears escaped, and changes nothing else',
    (s) => {
      const name = `PNAME{${s}}`;
      const d = handBuiltProgram(name);
      const e = evaluate(d);
      const doc = renderHtmlReport(d, e, {});
      const baseline = renderHtmlReport(handBuiltProgram('PLACEHOLDER'), e, {});
      expect(doc.split(escapeHtml(name)).join('PLACEHOLDER')).toBe(baseline);
    },
  );
});

describe('renderHtmlReport: privacy', () => {
  const never = [MARKERS.birthDate, MARKERS.recoveryDate, MARKERS.note, MARKERS.goal, MARKERS.coachName];
  const names = [MARKERS.peerName1, MARKERS.peerFamily1, MARKERS.peerName2];

  it('shows no personal name without includeNames', () => {
    for (const marker of [...names, ...never]) expect(report).not.toContain(marker);
    expect(report).toContain('Peers are shown by program id only');
  });

  it('shows the peer name next to the program id with includeNames, and still nothing else personal', () => {
    for (const marker of never) expect(named).not.toContain(marker);
    const row = gridRow(named, 'enr-1').row;
    expect(row).toContain(
      `<th scope="row"><span class="id">enr-1</span> <span class="sub">peer-1</span> <span class="name">${MARKERS.peerName1} ${MARKERS.peerFamily1}</span></th>`,
    );
    expect(gridRow(named, 'enr-2').row).toContain(`<span class="name">${MARKERS.peerName2}</span>`);
    expect(section(named, 'overdue-plans')).toContain(MARKERS.peerFamily1);
    expect(named).toContain('Peer names are shown in this report');
  });

  it('is what `check --format html` writes, names only with --include-names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'peer-recovery-html-'));
    const saved = process.exitCode;
    try {
      const input = join(dir, 'program.json');
      await writeFile(input, JSON.stringify(data));
      const run = async (extra: string[]) => {
        const out = join(dir, `report-${extra.length}.html`);
        const code = await main([
          'node',
          'peer-recovery',
          'check',
          input,
          '--format',
          'html',
          '--as-of',
          AS_OF,
          '-o',
          out,
          ...extra,
        ]);
        return { code, body: await readFile(out, 'utf8') };
      };
      const plain = await run([]);
      expect(plain.code).toBe(1);
      expect(plain.body).toBe(report);
      const withNames = await run(['--include-names']);
      expect(withNames.body).toBe(named);
    } finally {
      process.exitCode = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });
});

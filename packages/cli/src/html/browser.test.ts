import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateProgramData, type ProgramEvaluation } from '@peer-recovery/core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_GRID, evaluate, handBuiltProgram, MARKERS } from './fixtures.test-support';
import { renderHtmlReport } from './render';

/**
 * The report in a real browser: headless Chromium (through playwright-core) opens it from a file: URL, and the
 * DOM, the styles and the network are checked. In CI (CI=true) a missing Chromium FAILS the run; locally it skips
 * with a message.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const IN_CI = ['true', '1', 'yes'].includes((process.env.CI ?? '').toLowerCase());
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SKIP = !HAVE_CHROMIUM && !IN_CI;
if (SKIP)
  console.warn(
    `[html report] SKIPPED the browser test: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH). With CI=true it fails instead.`,
  );

/** Without the background-networking flags Chromium floods refused connections on this kind of machine. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The one browser global a page callback uses (the project compiles without the DOM library). */
interface BrowserGlobals {
  getComputedStyle(element: unknown): { backgroundColor: string };
}

interface Opened {
  readonly page: Page;
  readonly requests: string[];
  readonly problems: string[];
}

describe.skipIf(SKIP)(`HTML report in headless Chromium (${CHROMIUM})`, () => {
  let browser: Browser | undefined;
  let dir = '';

  beforeAll(async () => {
    if (!HAVE_CHROMIUM)
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install it or set CHROMIUM_PATH. CI=true is set, so this test must not skip.`,
      );
    // Inside vitest's default hook timeout (10 s): a headless launch takes about a second.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 8_000 });
    dir = await mkdtemp(join(tmpdir(), 'peer-recovery-report-'));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  async function open(html: string, file: string): Promise<Opened> {
    if (!browser) throw new Error('no browser');
    const path = join(dir, file);
    await writeFile(path, html, 'utf8');
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
    return { page, requests, problems };
  }

  function expectOffline(o: Opened): void {
    expect(o.requests.length).toBeGreaterThan(0);
    for (const url of o.requests) expect(url).toMatch(/^(file|data):/);
    expect(o.problems).toEqual([]);
  }

  it('shows the hand-built program: headings, grid cells and their colours, caseloads; loads nothing', async () => {
    const data = handBuiltProgram();
    const o = await open(renderHtmlReport(data, evaluate(data), {}), 'hand-built.html');
    const { page } = o;
    expect(await page.locator('h1').textContent()).toBe('Hand-built program');
    expect(await page.locator('h2').allTextContents()).toEqual([
      'At a glance',
      'Coach caseloads (2)',
      'Overdue plans (1)',
      'Unanswered messages (1)',
      'In-person contact by peer and month',
      'All findings (3)',
    ]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    const cells = page.locator('#in-person-grid td[data-state]');
    expect(await cells.count()).toBe(6);
    const seen = await page.$$eval('#in-person-grid tbody tr', (rows) =>
      rows.map((tr) => ({
        enrolment: tr.getAttribute('data-enrolment'),
        cells: [...tr.querySelectorAll('td[data-state]')].map((td) => ({
          month: td.getAttribute('data-month'),
          state: td.getAttribute('data-state'),
          text: td.textContent,
          title: td.getAttribute('title'),
          background: (globalThis as unknown as BrowserGlobals).getComputedStyle(td).backgroundColor,
        })),
      })),
    );
    expect(seen.map((r) => r.enrolment)).toEqual(['enr-1', 'enr-2']);
    for (const row of seen) {
      const expected = EXPECTED_GRID[row.enrolment ?? ''] ?? {};
      expect(Object.fromEntries(row.cells.map((c) => [c.month, c.state]))).toEqual(expected);
    }
    const flat = seen.flatMap((r) => r.cells);
    const byState = (s: string) => flat.filter((c) => c.state === s);
    expect(byState('met').map((c) => c.text)).toEqual(['✓', '✓']);
    expect(byState('missed').map((c) => c.text)).toEqual(['✗']);
    expect(byState('pending').map((c) => c.text)).toEqual(['…', '…']);
    expect(byState('not-applicable').map((c) => c.text)).toEqual(['–']);
    expect(byState('missed')[0]?.title).toBe('2026-02: missed, 0/1 in-person meetings');
    // Each state has its own, non-transparent colour, the same for every cell of that state.
    const colour = new Map<string, Set<string>>();
    for (const c of flat)
      colour.set(c.state ?? '', (colour.get(c.state ?? '') ?? new Set()).add(c.background));
    expect([...colour.values()].every((s) => s.size === 1)).toBe(true);
    const distinct = new Set([...colour.values()].map((s) => [...s][0]));
    expect(distinct.size).toBe(4);
    expect(distinct.has('rgba(0, 0, 0, 0)')).toBe(false);

    expect(await page.locator('#caseload-table tbody tr').count()).toBe(2);
    expect(await page.locator('#caseload-table tbody tr').first().locator('th').textContent()).toBe(
      'coach-1',
    );
    expect(await page.locator('#overdue-plans-table tbody tr').count()).toBe(1);
    expect(await page.locator('#unanswered-table tbody tr').count()).toBe(1);
    expect(await page.locator('#findings-table tbody tr').count()).toBe(3);
    expect(await page.locator('svg[role="img"]').count()).toBe(2);
    expect(await page.locator('svg[role="img"] rect[fill^="#"]').count()).toBeGreaterThan(0);
    const body = await page.content();
    for (const marker of Object.values(MARKERS)) expect(body).not.toContain(marker);
    expectOffline(o);
  });

  it('shows peer names only with includeNames', async () => {
    const data = handBuiltProgram();
    const o = await open(renderHtmlReport(data, evaluate(data), { includeNames: true }), 'names.html');
    expect(await o.page.locator('#in-person-grid tbody tr').first().locator('th').textContent()).toBe(
      `enr-1 peer-1 ${MARKERS.peerName1} ${MARKERS.peerFamily1}`,
    );
    const body = await o.page.content();
    for (const marker of [MARKERS.birthDate, MARKERS.note, MARKERS.goal, MARKERS.recoveryDate])
      expect(body).not.toContain(marker);
    expectOffline(o);
  });

  it('renders a generated program faithfully and saves a screenshot to out/report-screenshot.png', async () => {
    const data = generateProgramData({ peers: 14, seed: 5, start: '2025-09-01', years: 2 });
    const ev: ProgramEvaluation = evaluate(data, '2026-08-20');
    const o = await open(renderHtmlReport(data, ev, {}), 'generated.html');
    const { page } = o;
    const obligations = ev.enrolments.flatMap((e) =>
      e.timeline.filter((x) => x.ruleId === 'in-person-contact'),
    );
    expect(await page.locator('#in-person-grid td[data-state]').count()).toBe(obligations.length);
    expect(await page.locator('#in-person-grid td[data-state="missed"]').count()).toBe(
      obligations.filter((x) => x.status === 'missed').length,
    );
    expect(await page.locator('#caseload-table tbody tr').count()).toBe(ev.coaches.length);
    const findings =
      ev.enrolments.reduce((n, e) => n + e.findings.length, 0) +
      ev.coaches.reduce((n, c) => n + c.findings.length, 0);
    expect(await page.locator('#findings-table tbody tr').count()).toBe(findings);
    expect(await page.locator('h1').textContent()).toBe(data.program.name);
    const body = await page.content();
    for (const p of data.peers) if (p.name?.family) expect(body).not.toContain(p.name.family);
    const out = join(REPO_ROOT, 'out');
    await mkdir(out, { recursive: true });
    const shot = await page.screenshot({ path: join(out, 'report-screenshot.png'), fullPage: true });
    expect(shot.byteLength).toBeGreaterThan(10_000);
    expectOffline(o);
  });
});

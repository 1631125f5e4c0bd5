/**
 * The UI at national scale, measured in Chromium (issue 20): a national database (4,300 units × 20 periods, see
 * ./national.ts) plus a NEW period in which every unit is missing, served by the local web door with the built
 * renderer (out/renderer), opened by Playwright in /usr/bin/chromium.
 *
 * Figures:
 * - dashboardNationalMs: from navigation to "ready" on Tổng quan, ready being the period's completeness figures
 *   (the "Chưa nộp" card showing every unit) and the late list's first rows visible; median of RUNS cold loads
 *   (a new page each time, so nothing is cached in the page);
 * - uiHeapMB: the page's used JS heap after the dashboard is ready and a forced garbage collection (CDP
 *   HeapProfiler.collectGarbage, then Runtime.getHeapUsage), the largest of the runs;
 * - dashboardDomNodes / dashboardListRows: elements in the document, and rows (list items, table rows) in it;
 * - drawerNationalMs / drawerDomRows: Tổng hợp of the 2026 6-month period (every unit reported), one figure's
 *   drill-down drawer: from the click to its first rows visible, and the rows in the drawer's DOM.
 *
 * `npx tsx scripts/bench/ui.ts` runs it alone; scripts/bench.ts calls `benchUi`. It needs /usr/bin/chromium (or
 * CHROMIUM) and the built renderer (`npx electron-vite build`): without them `uiBenchMissing` says which.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { updateSettings } from '../../src/main/services/settings';
import { startWebHost } from '../../src/main/hosts/web/server';
import { createPeriod } from '../../src/main/services/periods';
import { buildNationalDb, NATIONAL_UNITS } from './national';

const ROOT = resolve(__dirname, '../..');
const STATIC_DIR = join(ROOT, 'out/renderer');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const RUNS = 3;

export interface UiFigures {
  dashboardNationalMs: number;
  uiHeapMB: number;
  dashboardDomNodes: number;
  dashboardListRows: number;
  drawerNationalMs: number;
  drawerDomRows: number;
  dashboardRuns: number[];
}

/** Why the UI bench cannot run here (null when it can). */
export function uiBenchMissing(): string | null {
  if (!existsSync(CHROMIUM)) return `không có Chromium (${CHROMIUM})`;
  if (!existsSync(join(STATIC_DIR, 'index.html')))
    return 'chưa dựng giao diện (out/renderer/index.html): chạy `npx electron-vite build`';
  return null;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

/** Rows a list or table put in the document (antd List items, table body rows, virtual-list rows). */
const ROWS_SELECTOR = '.ant-list-item, .ant-table-tbody > tr.ant-table-row, .ant-table-tbody-virtual .ant-table-row';

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/** Opens the dashboard and waits until ready; the time from navigation. */
async function dashboardOnce(browser: Browser, url: string, expected: number) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const missingText = expected.toLocaleString('vi-VN');
  const t0 = performance.now();
  await page.goto(url);
  // ready: the "Chưa nộp" figure shows every unit, and the late list's first row (a unit link) is visible
  await page.waitForFunction(
    (n) => {
      const stat = [...document.querySelectorAll('.ant-statistic')].find(
        (el) => el.querySelector('.ant-statistic-title')?.textContent === 'Chưa nộp',
      );
      if (stat?.querySelector('.ant-statistic-content')?.textContent?.trim() !== n) return false;
      const card = [...document.querySelectorAll('.ant-card')].find((el) =>
        el.querySelector('.ant-card-head-title')?.textContent?.startsWith('Đơn vị chưa nộp hoặc nộp trễ'),
      );
      const first = card?.querySelector('a[href^="#/don-vi/"]');
      return !!first && (first as HTMLElement).offsetParent !== null;
    },
    missingText,
    { timeout: 120_000, polling: 'raf' },
  );
  const ms = performance.now() - t0;
  const heap = await heapMB(page);
  const dom = await page.evaluate(
    (sel) => ({ nodes: document.getElementsByTagName('*').length, rows: document.querySelectorAll(sel).length }),
    ROWS_SELECTOR,
  );
  await context.close();
  return { ms, heap, ...dom };
}

/** Tổng hợp → one figure's drill-down drawer: the time from the click to its first rows, and its DOM rows. */
async function drawerOnce(browser: Browser, url: string, periodId: number) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.addInitScript((id) => window.sessionStorage.setItem('bdg.periodId', String(id)), periodId);
  await page.goto(url.replace(/#.*$/, '') + '#/tong-hop');
  const button = page.locator('button.clickable-num').first();
  await button.waitFor({ timeout: 120_000 });
  const t0 = performance.now();
  await button.click();
  await page.locator('.ant-drawer .ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 120_000 });
  const ms = performance.now() - t0;
  const rows = await page.locator('.ant-drawer').evaluate((el, sel) => el.querySelectorAll(sel).length, ROWS_SELECTOR);
  await context.close();
  return { ms, rows };
}

/**
 * Builds the national database in `dir` (or a temporary one), adds the new period, serves it and measures.
 * `say` gets progress lines.
 */
export async function benchUi(opts: { dir?: string; say?: (s: string) => void } = {}): Promise<UiFigures> {
  const say = opts.say ?? ((s: string) => void process.stderr.write(`${s}\n`));
  const missing = uiBenchMissing();
  if (missing) throw new Error(missing);
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'bdg-bench-ui-'));
  say(`Giao diện ở quy mô cả nước: ${NATIONAL_UNITS.toLocaleString('vi-VN')} đơn vị…`);
  const built = buildNationalDb(join(dir, 'ui-national.sqlite'));
  const { ctx } = built;
  let browser: Browser | null = null;
  const web = await (async () => {
    updateSettings(ctx.db, { setupDone: true, province: 'Tỉnh Thử', officer: 'Cán bộ thử' });
    // the new period: nothing received yet, every unit missing
    createPeriod(ctx.db, { year: 2027, kind: 'half_year' });
    return startWebHost({ ctx, staticDir: STATIC_DIR });
  })();
  try {
    say(`  nạp xong trong ${round(built.seedSeconds)} s; mở Chromium`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    // one warm-up load (the server's first answers, the browser's caches of the script)
    await dashboardOnce(browser, web.url, built.units.length);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await dashboardOnce(browser, web.url, built.units.length));
    await drawerOnce(browser, web.url, built.target);
    const drawers = [];
    for (let i = 0; i < RUNS; i++) drawers.push(await drawerOnce(browser, web.url, built.target));
    return {
      dashboardNationalMs: round(median(runs.map((r) => r.ms))),
      uiHeapMB: round(Math.max(...runs.map((r) => r.heap))),
      dashboardDomNodes: Math.max(...runs.map((r) => r.nodes)),
      dashboardListRows: Math.max(...runs.map((r) => r.rows)),
      drawerNationalMs: round(median(drawers.map((r) => r.ms))),
      drawerDomRows: Math.max(...drawers.map((r) => r.rows)),
      dashboardRuns: runs.map((r) => round(r.ms)),
    };
  } finally {
    await browser?.close();
    await web.close();
    ctx.close();
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const missing = uiBenchMissing();
  if (missing) {
    console.log(`Bỏ qua số đo giao diện: ${missing}.`);
  } else {
    benchUi()
      .then((f) => {
        const targets: Record<string, [number, string]> = {
          dashboardNationalMs: [1500, 'ms'],
          uiHeapMB: [100, 'MB'],
        };
        for (const [k, v] of Object.entries(f)) {
          const t = targets[k];
          const shown = Array.isArray(v) ? v.join(' ') : String(v);
          console.log(
            `${k.padEnd(22)} ${shown.padEnd(16)} ${t ? `≤ ${t[0]} ${t[1]} ${(v as number) <= t[0] ? 'đạt' : 'CHƯA ĐẠT'}` : ''}`,
          );
        }
        if (process.argv.includes('--json')) console.log(JSON.stringify(f));
      })
      .catch((e: unknown) => {
        console.error(e);
        process.exit(1);
      });
  }
}

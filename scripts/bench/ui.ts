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
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { updateSettings } from '../../src/main/services/settings';
import { startWebHost } from '../../src/main/hosts/web/server';
import { createContext, type Ctx } from '../../src/main/api/context';
import { createPeriod } from '../../src/main/services/periods';
import { buildNationalDb, NATIONAL_UNITS } from './national';
import { median, round } from './util';

const ROOT = resolve(__dirname, '../..');
// BDG_UI_STATIC: another built renderer (e.g. main's out/renderer) to compare two builds in the same conditions
const STATIC_DIR = process.env.BDG_UI_STATIC ? resolve(process.env.BDG_UI_STATIC) : join(ROOT, 'out/renderer');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const RUNS = 3;
const SMALL_UNITS = 120;

export interface UiFigures {
  dashboardNationalMs: number;
  uiHeapMB: number;
  dashboardDomNodes: number;
  dashboardListRows: number;
  drawerNationalMs: number;
  drawerDomRows: number;
  dashboardRuns: number[];
  /** the median run's phases: navigation → first API call, → last answer, → ready (ms) */
  dashboardPhases: { script: number; api: number; render: number };
  /** the median run's API calls: op → time (ms), answer size (bytes) */
  dashboardOps: Record<string, { ms: number; bytes: number }>;
  /** the same dashboard with 120 units, measured in the same run, and the national one's ratio to it */
  dashboard120Ms: number;
  dashboardScaleRatio: number;
  drawer120Ms: number;
  uiHeap120MB: number;
}

/** Why the UI bench cannot run here (null when it can). */
export function uiBenchMissing(): string | null {
  if (!existsSync(CHROMIUM)) return `không có Chromium (${CHROMIUM})`;
  if (!existsSync(join(STATIC_DIR, 'index.html')))
    return 'chưa dựng giao diện (out/renderer/index.html): chạy `npx electron-vite build`';
  return null;
}

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
export async function dashboardOnce(browser: Browser, url: string, expected: number) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    // the page's CSP forbids the string probes below; the app itself runs the same
    bypassCSP: true,
  });
  const page = await context.newPage();
  const missingText = expected.toLocaleString('vi-VN');
  // each API call's time (request sent → answer read) and size, to tell the server's share from the page's
  const ops = new Map<string, { ms: number; bytes: number }>();
  const started = new Map<object, number>();
  let firstApi = Infinity;
  let lastApi = 0;
  page.on('request', (r) => {
    if (!r.url().includes('/api/')) return;
    const t = performance.now();
    started.set(r, t);
    firstApi = Math.min(firstApi, t);
  });
  page.on('requestfinished', (r) => {
    const t = started.get(r);
    if (t === undefined) return;
    const end = performance.now();
    lastApi = Math.max(lastApi, end);
    const op = r.url().replace(/^.*\/api\//, '');
    void r.sizes().then((z) => ops.set(op, { ms: end - t, bytes: z.responseBodySize }));
  });
  // the page's main-thread work until ready (CDP Performance: TaskDuration), less swayed by other load than the time
  const perf = await context.newCDPSession(page);
  await perf.send('Performance.enable');
  const t0 = performance.now();
  await page.goto(url);
  // ready: the "Chưa nộp" figure shows every unit, and the late list's first row (a unit link) is visible
  // (strings: scripts are type-checked without the DOM library)
  await page.waitForFunction(
    `(() => {
      const stat = [...document.querySelectorAll('.ant-statistic')].find(
        (el) => el.querySelector('.ant-statistic-title')?.textContent === 'Chưa nộp',
      );
      if (stat?.querySelector('.ant-statistic-content')?.textContent?.trim() !== ${JSON.stringify(missingText)}) return false;
      const card = [...document.querySelectorAll('.ant-card')].find((el) =>
        el.querySelector('.ant-card-head-title')?.textContent?.startsWith('Đơn vị chưa nộp hoặc nộp trễ'),
      );
      const first = card?.querySelector('a[href^="#/don-vi/"]');
      return !!first && first.offsetParent !== null;
    })()`,
    undefined,
    { timeout: 120_000, polling: 'raf' },
  );
  const ms = performance.now() - t0;
  const { metrics } = (await perf.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  const taskMs = (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  await perf.detach();
  // the answers the page had when it became ready (later calls, e.g. for other cards, are not in the phases)
  const apiEnd = lastApi;
  const heap = await heapMB(page);
  const dom = (await page.evaluate(
    `({ nodes: document.getElementsByTagName('*').length, rows: document.querySelectorAll(${JSON.stringify(ROWS_SELECTOR)}).length })`,
  )) as { nodes: number; rows: number };
  await context.close();
  // the phases: the page's script (navigation → first API call), the answers (→ the last one), the rendering
  const phases = { script: firstApi - t0, api: apiEnd - firstApi, render: t0 + ms - apiEnd };
  return { ms, taskMs, heap, ...dom, ops, phases };
}

/** Tổng hợp → one figure's drill-down drawer: the time from the click to its first rows, and its DOM rows. */
async function drawerOnce(browser: Browser, url: string, periodId: number) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    // the page's CSP forbids the string probes below; the app itself runs the same
    bypassCSP: true,
  });
  const page = await context.newPage();
  await page.addInitScript(`window.sessionStorage.setItem('bdg.periodId', '${periodId}')`);
  await page.goto(url.replace(/#.*$/, '') + '#/tong-hop');
  const button = page.locator('button.clickable-num').first();
  await button.waitFor({ timeout: 120_000 });
  const t0 = performance.now();
  await button.click();
  await page.locator('.ant-drawer .ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 120_000 });
  const ms = performance.now() - t0;
  const rows = await page.locator('.ant-drawer').locator(ROWS_SELECTOR).count();
  await context.close();
  return { ms, rows };
}

interface Seeded {
  ctx: Ctx;
  units: number;
  target: number;
  seedSeconds: number;
}

/**
 * A database of `units` units (20 periods) plus the new period with every unit missing, at `path`; opened again
 * when `reuse` and it is there (a database an earlier run built).
 */
function seedDb(path: string, units: number, reuse: boolean): Seeded {
  if (reuse && existsSync(path)) {
    const ctx = createContext(path, { today: () => '2026-06-10' });
    const row = (sql: string) => (ctx.raw.prepare(sql).get() as { n: number }).n;
    return {
      ctx,
      units: row('SELECT COUNT(*) AS n FROM units'),
      target: row("SELECT id AS n FROM periods WHERE year = 2026 AND kind = 'half_year'"),
      seedSeconds: 0,
    };
  }
  const built = buildNationalDb(path, { units });
  updateSettings(built.ctx.db, { setupDone: true, province: 'Tỉnh Thử', officer: 'Cán bộ thử' });
  // the new period: nothing received yet, every unit missing
  createPeriod(built.ctx.db, { year: 2027, kind: 'half_year' });
  return { ctx: built.ctx, units: built.units.length, target: built.target, seedSeconds: built.seedSeconds };
}

/**
 * A copy of an existing national database (`scripts/bench/national.ts`'s, e.g. /work/bdb/n.sqlite) at `path`,
 * given the app's settings and the new period (every unit missing) as `seedDb` gives a built one; the source is
 * only read (copied), never opened.
 */
function seedFromCopy(source: string, path: string): Seeded {
  copyFileSync(source, path);
  const ctx = createContext(path, { today: () => '2026-06-10' });
  const row = (sql: string) => (ctx.raw.prepare(sql).get() as { n: number } | undefined)?.n;
  updateSettings(ctx.db, { setupDone: true, province: 'Tỉnh Thử', officer: 'Cán bộ thử' });
  if (!row("SELECT id AS n FROM periods WHERE year = 2027 AND kind = 'half_year'"))
    createPeriod(ctx.db, { year: 2027, kind: 'half_year' });
  return {
    ctx,
    units: row('SELECT COUNT(*) AS n FROM units')!,
    target: row("SELECT id AS n FROM periods WHERE year = 2026 AND kind = 'half_year'")!,
    seedSeconds: 0,
  };
}

/** Serves `seeded` and measures the dashboard (one warm-up load, then RUNS) and the drawer. */
async function measure(browser: Browser, seeded: Seeded) {
  const web = await startWebHost({ ctx: seeded.ctx, staticDir: STATIC_DIR });
  try {
    await dashboardOnce(browser, web.url, seeded.units);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await dashboardOnce(browser, web.url, seeded.units));
    await drawerOnce(browser, web.url, seeded.target);
    const drawers = [];
    for (let i = 0; i < RUNS; i++) drawers.push(await drawerOnce(browser, web.url, seeded.target));
    const mid = [...runs].sort((a, b) => a.ms - b.ms)[runs.length >> 1]!;
    return {
      ms: round(median(runs.map((r) => r.ms))),
      heap: round(Math.max(...runs.map((r) => r.heap))),
      nodes: Math.max(...runs.map((r) => r.nodes)),
      rows: Math.max(...runs.map((r) => r.rows)),
      drawerMs: round(median(drawers.map((r) => r.ms))),
      drawerRows: Math.max(...drawers.map((r) => r.rows)),
      runs: runs.map((r) => round(r.ms)),
      phases: { script: round(mid.phases.script), api: round(mid.phases.api), render: round(mid.phases.render) },
      ops: Object.fromEntries([...mid.ops].map(([k, v]) => [k, { ms: round(v.ms), bytes: v.bytes }])),
    };
  } finally {
    await web.close();
  }
}

/**
 * Builds the national database in `dir` (or a temporary one) and a 120-unit one beside it (the same screens on
 * the same machine in the same minute: the ratio tells what the national scale costs, whatever the machine's
 * load), each with the new period, serves them and measures. `keep`: a folder where the databases stay, reused
 * by the next run. `say` gets progress lines.
 */
export async function benchUi(
  opts: { dir?: string; keep?: string; db?: string; say?: (s: string) => void } = {},
): Promise<UiFigures> {
  const say = opts.say ?? ((s: string) => void process.stderr.write(`${s}\n`));
  const missing = uiBenchMissing();
  if (missing) throw new Error(missing);
  const dir = opts.keep ?? opts.dir ?? mkdtempSync(join(tmpdir(), 'bdg-bench-ui-'));
  mkdirSync(dir, { recursive: true });
  say(`Giao diện ở quy mô cả nước: ${NATIONAL_UNITS.toLocaleString('vi-VN')} đơn vị…`);
  const national = opts.db
    ? seedFromCopy(opts.db, join(dir, 'ui-national.sqlite'))
    : seedDb(join(dir, 'ui-national.sqlite'), NATIONAL_UNITS, !!opts.keep);
  const small = seedDb(join(dir, 'ui-120.sqlite'), SMALL_UNITS, !!opts.keep);
  let browser: Browser | null = null;
  try {
    say(`  nạp xong trong ${round(national.seedSeconds + small.seedSeconds)} s; mở Chromium`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    const a = await measure(browser, small);
    const b = await measure(browser, national);
    return {
      dashboardNationalMs: b.ms,
      uiHeapMB: b.heap,
      dashboardDomNodes: b.nodes,
      dashboardListRows: b.rows,
      drawerNationalMs: b.drawerMs,
      drawerDomRows: b.drawerRows,
      dashboardRuns: b.runs,
      dashboardPhases: b.phases,
      dashboardOps: b.ops,
      dashboard120Ms: a.ms,
      dashboardScaleRatio: round(b.ms / a.ms, 2),
      drawer120Ms: a.drawerMs,
      uiHeap120MB: a.heap,
    };
  } finally {
    await browser?.close();
    national.ctx.close();
    small.ctx.close();
    if (!opts.dir && !opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const missing = uiBenchMissing();
  if (missing) {
    console.log(`Bỏ qua số đo giao diện: ${missing}.`);
  } else {
    const arg = (name: string) => {
      const at = process.argv.indexOf(name);
      return at > 0 ? resolve(process.argv[at + 1]!) : undefined;
    };
    // --keep DIR: the databases stay in DIR for the next run; --db FILE: the national database is a copy of FILE
    const keep = arg('--keep');
    const db = arg('--db');
    benchUi({ ...(keep ? { keep } : {}), ...(db ? { db } : {}) })
      .then((f) => {
        const targets: Record<string, [number, string]> = {
          dashboardNationalMs: [1500, 'ms'],
          uiHeapMB: [100, 'MB'],
        };
        for (const [k, v] of Object.entries(f)) {
          const t = targets[k];
          const shown = Array.isArray(v)
            ? v.join(' ')
            : typeof v === 'object'
              ? Object.entries(v as Record<string, number | { ms: number; bytes: number }>)
                  .map(([op, x]) => (typeof x === 'number' ? `${op} ${x} ms` : `${op} ${x.ms} ms ${x.bytes} B`))
                  .join('; ')
              : String(v);
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

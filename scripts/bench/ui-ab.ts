/**
 * Two builds of the renderer compared in the same minutes (issue 20): Tổng quan at national scale loaded cold from
 * each in turn, ROUNDS times (A, B, A, B…, after one warm-up load each), as ui.ts measures it (`dashboardOnce`);
 * prints each build's runs and median, and the page's main-thread work until ready (CDP TaskDuration). On a shared machine only such alternated runs tell two builds apart.
 *
 *   npx tsx scripts/bench/ui-ab.ts DB A_DIR B_DIR [ROUNDS]
 * DB: a national database with its new period (ui.ts --keep DIR leaves DIR/ui-national.sqlite), opened, not
 * changed; A_DIR, B_DIR: built renderers (out/renderer, or a copy of another build's).
 */
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createContext } from '../../src/main/api/context';
import { startWebHost } from '../../src/main/hosts/web/server';
import { dashboardOnce } from './ui';
import { median, round } from './util';

async function main() {
  const [db, a, b, n] = process.argv.slice(2);
  if (!db || !a || !b) throw new Error('npx tsx scripts/bench/ui-ab.ts DB A_DIR B_DIR [ROUNDS]');
  const rounds = Number(n ?? 8);
  const ctx = createContext(resolve(db), { today: () => '2026-06-10' });
  const units = (ctx.raw.prepare('SELECT COUNT(*) AS n FROM units').get() as { n: number }).n;
  const hosts = [
    await startWebHost({ ctx, staticDir: resolve(a) }),
    await startWebHost({ ctx, staticDir: resolve(b) }),
  ];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const runs: number[][] = [[], []];
    const tasks: number[][] = [[], []];
    for (const h of hosts) await dashboardOnce(browser, h.url, units);
    for (let r = 0; r < rounds; r++)
      for (const i of r % 2 ? [1, 0] : [0, 1]) {
        const once = await dashboardOnce(browser, hosts[i]!.url, units);
        runs[i]!.push(round(once.ms));
        tasks[i]!.push(round(once.taskMs));
      }
    for (const [i, name] of [a, b].entries())
      console.log(
        `${name}: median ${round(median(runs[i]!))} ms (runs ${runs[i]!.join(' ')}); ` +
          `main thread until ready: median ${round(median(tasks[i]!))} ms (${tasks[i]!.join(' ')})`,
      );
  } finally {
    await browser.close();
    for (const h of hosts) await h.close();
    ctx.close();
  }
}
void main();

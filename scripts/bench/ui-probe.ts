/**
 * A probe for the dashboard's time (issue 20), beside ui.ts: three loads of Tổng quan on a copy of a national
 * database with a new period (every unit missing), each with Chromium's main-thread figures and the style tags the
 * page wrote; for the third, the resource timings, a CPU profile (its heaviest functions by self time, the profile
 * in OUT/dash.cpuprofile) and a screenshot (OUT/shot-$SHOT.png).
 *
 *   npx tsx scripts/bench/ui-probe.ts NATIONAL.sqlite [OUT]      (the built renderer: npx electron-vite build)
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createContext } from '../../src/main/api/context';
import { startWebHost } from '../../src/main/hosts/web/server';
import { createPeriod } from '../../src/main/services/periods';
import { updateSettings } from '../../src/main/services/settings';

const ROOT = resolve(__dirname, '../..');

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}
/** The `n` largest entries of a time table, one `ms name` line each. */
const top = (m: Map<string, number>, n: number): string =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${Math.round(v)} ${k}`)
    .join('\n');

async function main() {
  const src = process.argv[2]!;
  const out = process.argv[3] ?? join(tmpdir(), 'bdg-ui-probe');
  mkdirSync(out, { recursive: true });
  const path = join(out, 'probe.sqlite');
  copyFileSync(src, path);
  const ctx = createContext(path, { today: () => '2026-06-10' });
  updateSettings(ctx.db, { setupDone: true, province: 'Tỉnh Thử', officer: 'Cán bộ thử' });
  createPeriod(ctx.db, { year: 2027, kind: 'half_year' });
  const web = await startWebHost({ ctx, staticDir: join(ROOT, 'out/renderer') });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
      bypassCSP: true,
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    const t0 = performance.now();
    await page.goto(web.url);
    await page.locator('[data-testid="late-list"] a[href^="#/don-vi/"]').first().waitFor({ timeout: 120000 });
    const ms = performance.now() - t0;
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: Array<{ name: string; value: number }>;
    };
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const cpu = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration']
      .map((k) => `${k} ${Math.round(m[k]! * 1000)}`)
      .join(' ');
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const entries = (await page.evaluate(
      `performance.getEntries().map(e => ({ n: e.name.replace(/^.*\\//, '').slice(0, 40), t: e.entryType, s: Math.round(e.startTime), d: Math.round(e.duration), rs: Math.round(e.responseStart || 0) }))`,
    )) as Array<Record<string, unknown>>;
    const styles = await page.evaluate(
      `[...document.querySelectorAll('style')].map((s) => (s.getAttribute('data-css-hash') ?? '') + ':' + s.innerHTML.slice(0, 60)).join('\\n')`,
    );
    if (run === 2) {
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(out, `shot-${process.env.SHOT ?? 'x'}.png`), fullPage: true });
    }
    console.log(`run ${run}: ${Math.round(ms)} ms; ${cpu}; style tags:\n${styles}`);
    if (run === 2) {
      for (const e of entries) console.log(JSON.stringify(e));
      writeFileSync(join(out, 'dash.cpuprofile'), JSON.stringify(profile));
      // self time per function (top 25), and per url
      const self = new Map<string, number>();
      const byUrl = new Map<string, number>();
      const dt = profile.timeDeltas;
      const idToNode = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples.forEach((id: number, i: number) => {
        const n = idToNode.get(id)!;
        const f = n.callFrame;
        const k = `${f.functionName || '(anon)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber}`;
        self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
        const u = f.url.replace(/^.*\//, '') || f.functionName;
        byUrl.set(u, (byUrl.get(u) ?? 0) + (dt[i] ?? 0) / 1000);
      });
      console.log(top(byUrl, 10));
      console.log('--');
      console.log(top(self, 25));
    }
    await context.close();
  }
  await browser.close();
  await web.close();
  ctx.close();
}
void main();

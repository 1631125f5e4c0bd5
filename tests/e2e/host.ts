/**
 * Starts the web door IN-PROCESS on a fresh temporary database: the same handlers, the built renderer.
 * Each spec file gets its own host (beforeAll) so specs never see each other's data.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { createContext, type Ctx } from '../../src/main/api/context';
import { startWebHost, type WebHost } from '../../src/main/hosts/web/server';
import type { Input, OpName, Output } from '../../src/shared/contract';
import type { Result } from '../../src/shared/result';
import { fromWire, toWire } from '../../src/shared/wire';

export const ROOT = resolve(__dirname, '../..');
export const STATIC_DIR = join(ROOT, 'out/renderer');
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

export interface TestHost {
  dir: string;
  dbPath: string;
  ctx: Ctx;
  web: WebHost;
  /** the URL with the token, as printed by `bdg serve` */
  url: string;
  origin: string;
  token: string;
  /** calls the API over HTTP like the renderer does; throws on an error Result */
  call<K extends OpName>(op: K, input: Input<K>): Promise<Output<K>>;
  close(): Promise<void>;
}

// the host's "today" is this process's local date: the same time zone as the browser (playwright.config.ts)
process.env.TZ = 'Asia/Ho_Chi_Minh';

export async function startHost(opts: { province?: string; today?: string } = {}): Promise<TestHost> {
  if (!existsSync(join(STATIC_DIR, 'index.html'))) {
    throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` first.');
  }
  const dir = mkdtempSync(join(tmpdir(), 'bdg-e2e-'));
  const dbPath = join(dir, 'e2e.sqlite');
  const ctx = createContext(dbPath, {
    ...(opts.province ? { province: opts.province } : {}),
    ...(opts.today ? { today: () => opts.today! } : {}),
  });
  const web = await startWebHost({ ctx, staticDir: STATIC_DIR });
  const call = async <K extends OpName>(op: K, input: Input<K>): Promise<Output<K>> => {
    const res = await fetch(`${web.origin}/api/${op}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${web.token}` },
      body: JSON.stringify(toWire(input)),
    });
    const r = fromWire(await res.json()) as Result<Output<K>>;
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.data;
  };
  return {
    dir,
    dbPath,
    ctx,
    web,
    url: web.url,
    origin: web.origin,
    token: web.token,
    call,
    async close() {
      await web.close();
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Collects console errors and page errors so a spec can assert there were none. Playwright itself tries to run
 * its helper in every frame, which Chromium reports for our script-less sandboxed print frames
 * (microsoft/playwright#33343); that one message is not the app's and is ignored.
 */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/.test(m.text())) return;
    errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

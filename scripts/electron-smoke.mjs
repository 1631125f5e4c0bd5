/* global window */
// Smoke test of the packaged app (Windows packaging machine only): launch it with Playwright's _electron,
// wait for the window, check the title and that window.api answers app.info, then quit.
import { _electron as electron } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const exe = process.argv[2];
if (!exe) {
  console.error('Cách dùng: node scripts/electron-smoke.mjs <đường dẫn tới bao-cao-bdg.exe>');
  process.exit(2);
}
const appData = mkdtempSync(join(tmpdir(), 'bdg-smoke-'));
const app = await electron.launch({ executablePath: exe, env: { ...process.env, APPDATA: appData } });
try {
  const win = await app.firstWindow();
  await win.waitForLoadState('domcontentloaded');
  const title = await win.title();
  const info = await win.evaluate(() => window.api['app.info']({}));
  if (!info.ok) throw new Error(`app.info lỗi: ${info.error.message}`);
  const hasNode = await win.evaluate(
    () => typeof window.require !== 'undefined' || typeof window.process !== 'undefined',
  );
  if (hasNode) throw new Error('Trang giao diện truy cập được Node: cấu hình bảo mật sai');
  console.log(`OK: "${title}", cơ sở dữ liệu ${info.data.dbPath}, lược đồ ${info.data.schemaVersion}`);
} finally {
  await app.close();
}

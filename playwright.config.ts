import { defineConfig } from '@playwright/test';

/**
 * The browser runs in Vietnam's time zone (`timezoneId` below), so the web host the specs start in the test
 * process must too: its "today" (ctx.today(), receipt dates, "a date in the future") is the process's local date.
 * Without this, from 17:00 UTC the browser's today is a day after the host's and every default receipt date is
 * refused as a date in the future. Set before the workers start, which inherit it.
 */
export const TEST_TIME_ZONE = 'Asia/Ho_Chi_Minh';
process.env.TZ = TEST_TIME_ZONE;

/**
 * End-to-end tests: the built renderer (out/renderer) served by the web door, driven in Debian's Chromium.
 * Each spec starts its own host on a fresh temporary database (tests/e2e/host.ts).
 * Build first: `npx electron-vite build` (or `npx vite build -c src/renderer/vite.config.ts`).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/artifacts',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: TEST_TIME_ZONE,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});

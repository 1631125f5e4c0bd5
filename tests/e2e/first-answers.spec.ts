/**
 * The first screen's answers (issue 20): first-answers.js, a classic script at the top of index.html, asks for the
 * settings, the app's info, the period list and, on Tổng quan, the current period's completeness figures before
 * the app's own script has arrived; the app then takes those answers instead of asking again. Here the app's
 * script is held back (a Playwright route) to see what was asked without it, then let through: the dashboard
 * shows the figures and each operation was asked for once.
 */
import { expect, test, type Page } from '@playwright/test';
import { startHost, watchConsole, type TestHost } from './host';
import { seed } from './seed';

let host: TestHost;
let expected = 0;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  host = await startHost();
  const { units } = await seed(host, { submissions: 1 });
  expected = units.length;
});

test.afterAll(async () => {
  await host?.close();
});

/** Holds the app's module script (assets/index-*.js) until `release` is called; the API calls seen, in order. */
async function holdAppScript(page: Page) {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/')) asked.push(r.url().replace(/^.*\/api\//, ''));
  });
  let release!: () => void;
  const released = new Promise<void>((ok) => (release = ok));
  let held = 0;
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    held++;
    await released;
    await route.continue();
  });
  return { asked, release, held: () => held };
}

const count = (list: string[], op: string) => list.filter((x) => x === op).length;

test("Tổng quan's answers are asked for before the app's script has arrived, and each only once", async ({ page }) => {
  const errors = watchConsole(page);
  const h = await holdAppScript(page);
  await page.goto(host.url, { waitUntil: 'commit' });
  // the app's script is held: whatever is asked now was asked by first-answers.js
  await expect.poll(() => h.held()).toBe(1);
  await expect.poll(() => [...h.asked].sort()).toEqual(['app.info', 'periods.list', 'settings.get', 'status.get']);
  expect(await page.locator('#root').innerHTML()).toBe('');
  h.release();
  const missing = page
    .locator('.ant-statistic')
    .filter({ has: page.locator('.ant-statistic-title', { hasText: /^Chưa nộp$/ }) });
  await expect(missing.locator('.ant-statistic-content')).toHaveText(String(expected - 1));
  await expect(page.getByTestId('late-list').locator('a[href^="#/don-vi/"]').first()).toBeVisible();
  // the dashboard's own calls came after (the app's), and none of the first four was asked again
  await expect.poll(() => count(h.asked, 'consolidation.get')).toBe(1);
  await page.waitForLoadState('networkidle');
  for (const op of ['settings.get', 'app.info', 'periods.list', 'status.get']) expect(count(h.asked, op), op).toBe(1);
  expect(errors).toEqual([]);
});

test('on another screen the script asks for no figures, and the screen works', async ({ page }) => {
  const errors = watchConsole(page);
  const h = await holdAppScript(page);
  await page.goto(host.url.replace(/#.*$/, '') + '#/don-vi', { waitUntil: 'commit' });
  await expect.poll(() => h.held()).toBe(1);
  await expect.poll(() => [...h.asked].sort()).toEqual(['app.info', 'periods.list', 'settings.get']);
  h.release();
  await expect(page.getByRole('heading', { name: 'Đơn vị', exact: true })).toBeVisible();
  await page.waitForLoadState('networkidle');
  for (const op of ['settings.get', 'app.info', 'periods.list']) expect(count(h.asked, op), op).toBe(1);
  expect(count(h.asked, 'status.get')).toBe(0);
  expect(errors).toEqual([]);
});

test('a wrong token: the script keeps nothing and the app shows its own message', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(host.url.replace(/token=[^&#]+/, 'token=sai-ma'));
  await expect(page.getByText('Thiếu hoặc sai mã truy cập', { exact: false })).toBeVisible();
  // the 401s of the script and of the app are the browser's own console lines, nothing else
  expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
});

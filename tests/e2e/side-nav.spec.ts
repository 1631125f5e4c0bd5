/**
 * The main navigation (components/SideNav.tsx, plain links in place of antd's Menu, issue 20): a menu of
 * menuitem links with one tab stop (the current screen's, marked aria-current), arrows/Home/End moving between
 * the items, Enter following the focused one; a submission's page keeps "Nhập báo cáo" marked.
 */
import { expect, test } from '@playwright/test';
import { startHost, watchConsole, type TestHost } from './host';
import { seed } from './seed';

let host: TestHost;
let submissionId = 0;

test.beforeAll(async () => {
  host = await startHost();
  const { results } = await seed(host, { submissions: 1 });
  const first = results[0] as { submissionId?: number | null };
  submissionId = first.submissionId ?? 0;
});

test.afterAll(async () => {
  await host?.close();
});

test('the navigation: one tab stop, arrows move, Enter opens, the current screen is marked', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  const items = nav.getByRole('menuitem');
  await expect(items).toHaveCount(12);
  const current = nav.locator('[aria-current="page"]');
  await expect(current).toHaveText('Tổng quan');
  // one tab stop: the current item
  await expect(nav.locator('[role="menuitem"][tabindex="0"]')).toHaveCount(1);
  await current.focus();
  await page.keyboard.press('ArrowDown');
  await expect(nav.getByRole('menuitem', { name: 'Đơn vị' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(nav.getByRole('menuitem', { name: 'Cài đặt' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(nav.getByRole('menuitem', { name: 'Tổng quan' })).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Cài đặt' })).toBeVisible();
  await expect(current).toHaveText('Cài đặt');
  await expect(nav.getByRole('menuitem', { name: 'Cài đặt' })).toHaveAttribute('tabindex', '0');
  await nav.getByRole('menuitem', { name: 'Tổng hợp' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tổng hợp' })).toBeVisible();
  expect(submissionId).toBeGreaterThan(0);
  await page.goto(host.url.replace(/#.*$/, '') + `#/bao-cao/${submissionId}`);
  await expect(current).toHaveText('Nhập báo cáo');
  expect(errors).toEqual([]);
});

/** The demo: from the first-run screen, open the sample province, see living figures, and go back. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SCREENSHOTS, startHost, type TestHost } from './host';

let host: TestHost;

test.beforeAll(async () => {
  host = await startHost({ today: '2026-11-22' });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

test.afterAll(async () => {
  await host?.close();
});

test('the demo opens from the first run, shows figures, and leaves the real database untouched', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: /Chào mừng/ })).toBeVisible();
  await page.getByRole('button', { name: 'Xem bản trình diễn' }).click();
  await page.getByRole('button', { name: 'Mở bản trình diễn' }).click();
  // the sample province is built through the real pipeline: templates, filled forms, imports
  await expect(page.getByText('Bản trình diễn – dữ liệu mẫu')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
  await expect(page.getByText('Tỉnh Hoa Ban').first()).toBeVisible();
  // the current period has reports received and units still missing, with their contacts
  const received = page.locator('.ant-card').filter({ hasText: 'Đã nhận' }).first();
  await expect(received).toBeVisible();
  await expect(received).not.toContainText(/^Đã nhận\s*0$/);
  await expect(page.getByText('Chưa nộp').first()).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '30-trinh-dien-tong-quan.png'), fullPage: true });
  const info = await host.call('app.info', {});
  expect(info).toMatchObject({ demo: true, canLeaveDemo: true });
  const status = await host.call('status.get', { periodId: (await host.call('periods.list', {}))[0]!.id });
  expect(status.received).toBeGreaterThan(0);

  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('menuitem', { name: 'Tổng hợp' }).click();
  await expect(page.getByRole('heading', { name: 'Tổng hợp' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '31-trinh-dien-tong-hop.png'), fullPage: true });

  // back to the officer's own (still empty) database
  await page.getByRole('button', { name: 'Quay về dữ liệu của tôi' }).click();
  await expect(page.getByRole('heading', { name: /Chào mừng/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Bản trình diễn – dữ liệu mẫu')).toHaveCount(0);
  expect(await host.call('units.list', {})).toEqual([]);
  expect(await host.call('app.info', {})).toMatchObject({ demo: false, dbPath: host.dbPath });
});

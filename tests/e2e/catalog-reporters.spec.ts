/**
 * Danh mục (issue 16): who reports each "chuyên ngành" row, shown with the province's matching unit and changed
 * on the screen; targets carry their wording and "chưa xác minh".
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SCREENSHOTS, startHost, watchConsole, type TestHost } from './host';
import { nav, pickOption } from './helpers';
import { seed } from './seed';

let host: TestHost;
let page: Page;
let errors: string[];
let units: Array<{ code: string; name: string }>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  host = await startHost();
  ({ units } = await seed(host, { submissions: 0 }));
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  errors = watchConsole(page);
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.close();
});

test('a chuyên ngành row names its unit; the officer picks another one', async () => {
  const yTe = units.find((u) => /^Sở Y tế/.test(u.name));
  const taiChinh = units.find((u) => /^Sở Tài chính/.test(u.name));
  expect(yTe && taiChinh, 'the Lào Cai list has Sở Y tế and Sở Tài chính').toBeTruthy();
  await nav(page, 'Danh mục chỉ tiêu');
  await page.getByRole('textbox', { name: 'Tìm chỉ tiêu' }).fill('SINH_SONG');
  const row = page.getByRole('row').filter({ hasText: 'SINH_SONG' });
  await expect(row).toContainText(`${yTe!.name} (${yTe!.code})`);
  await page.screenshot({ path: join(SCREENSHOTS, 'catalog-reporters-list.png') });
  await row.getByRole('button', { name: 'Chọn đơn vị báo cáo SINH_SONG' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Hiện là: Sở Y tế');
  const reporter = dialog.getByRole('combobox', { name: 'Đơn vị báo cáo chỉ tiêu này' });
  await reporter.fill('Tài chính');
  await pickOption(page, reporter, `${taiChinh!.name} (${taiChinh!.code})`);
  await expect(dialog).toContainText(taiChinh!.name);
  await page.keyboard.press('Escape'); // closes the list, not the dialog
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'catalog-reporters-modal.png') });
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(taiChinh!.name);
  const c = await host.call('catalog.get', {});
  expect(c.dataElements.find((d) => d.code === 'SINH_SONG')!.reporterUnits).toEqual(['vai-tro:y_te', taiChinh!.code]);
  expect(errors).toEqual([]);
});

test('targets show "khoảng 99%" and "chưa xác minh"; the legal bases are listed', async () => {
  await page.getByRole('tab', { name: /Chỉ tiêu tính toán/ }).click();
  await expect(page.getByRole('row').filter({ hasText: 'CL.M5.2A' })).toContainText('khoảng 99%');
  await expect(page.getByRole('row').filter({ hasText: 'CL.M4.3' })).toContainText('chưa xác minh');
  await page.screenshot({ path: join(SCREENSHOTS, 'catalog-targets.png') });
  await page.getByRole('tab', { name: 'Căn cứ pháp lý' }).click();
  await expect(page.getByText(/276\/2026\/NĐ-CP/)).toBeVisible();
  expect(errors).toEqual([]);
});

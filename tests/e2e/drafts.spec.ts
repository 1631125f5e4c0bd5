/** Nothing typed is lost: drafts survive moving between screens; Escape claims no save; calendars leave buttons free. */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { nav } from './helpers';
import { SCREENSHOTS, startHost, type TestHost } from './host';
import { seed } from './seed';

let host: TestHost;
let page: Page;

test.beforeAll(async ({ browser }) => {
  host = await startHost();
  await seed(host, { submissions: 1 });
  page = await browser.newPage();
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  await host?.close();
});

test('"Số văn bản" survives going to another screen and back', async () => {
  await nav(page, 'Xuất báo cáo');
  await page.getByLabel('Số văn bản:').fill('125');
  await nav(page, 'Tổng quan');
  await nav(page, 'Xuất báo cáo');
  await expect(page.getByLabel('Số văn bản:')).toHaveValue('125');
});

test('the period form keeps what was typed while away; Escape in a date claims no save', async () => {
  await nav(page, 'Kỳ báo cáo');
  const name = page.getByLabel('Tên kỳ');
  await name.fill('Báo cáo năm – bản sửa');
  await nav(page, 'Đơn vị');
  await nav(page, 'Kỳ báo cáo');
  await expect(page.getByLabel('Tên kỳ')).toHaveValue('Báo cáo năm – bản sửa');
  await expect(page.getByText('Có thay đổi chưa lưu.')).toBeVisible();
  await page.getByRole('button', { name: 'Bỏ thay đổi' }).click();
  await expect(page.getByText('Có thay đổi chưa lưu.')).toBeHidden();

  // a deadline typed then taken back with Escape: saving must not claim it was saved
  const deadline = page.getByLabel('Hạn nộp');
  const before = await deadline.inputValue();
  await deadline.click();
  await deadline.fill('31/12/2099');
  await deadline.press('Escape');
  await expect(deadline).toHaveValue(before);
  await page.getByRole('button', { name: 'Lưu thông tin kỳ' }).click();
  await expect(page.getByText('Không có thay đổi nào cần lưu.')).toBeVisible();
  await expect(page.getByText('Đã lưu thông tin kỳ báo cáo.')).toHaveCount(0);
  expect((await host.call('periods.list', {}))[0]!.deadline).not.toBe('2099-12-31');
});

test('the calendar in a dialog does not cover its buttons: the first click on "Ghi nhận" works', async () => {
  await nav(page, 'Đơn vị');
  await page.getByRole('button', { name: 'Sáp nhập, chia tách' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sáp nhập, chia tách đơn vị' });
  await expect(dialog).toBeVisible();
  const units = await host.call('units.list', {});
  const pick = async (label: string, name: string) => {
    await dialog.getByLabel(label).click();
    await page.keyboard.type(name.slice(0, 12));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
  };
  await pick('Đơn vị cũ', units[0]!.name);
  await pick('Đơn vị mới (kế thừa)', units[1]!.name);
  const date = dialog.getByLabel('Có hiệu lực từ ngày');
  await date.click();
  await expect(page.locator('.ant-picker-dropdown:visible')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'drafts-lich-trong-hop-thoai.png') });
  // the open calendar lies over nothing of the footer
  const cal = (await page.locator('.ant-picker-dropdown:visible').boundingBox())!;
  const ok = (await dialog.getByRole('button', { name: 'Ghi nhận' }).boundingBox())!;
  const overlaps =
    cal.x < ok.x + ok.width && ok.x < cal.x + cal.width && cal.y < ok.y + ok.height && ok.y < cal.y + cal.height;
  expect(overlaps).toBe(false);
  await date.fill('01/07/2025');
  await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Đã ghi nhận 1 liên kết/)).toBeVisible();
});

/**
 * Issue 16: from Xuất báo cáo, the officer downloads the report draft and the reminder as Word files, with the
 * number she typed kept while she visits another screen; beside the letter, the units' addresses as mail links
 * and the Zalo message. The downloaded .docx files are read back with mammoth.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';
import mammoth from 'mammoth';
import { nav } from './helpers';
import { SCREENSHOTS, startHost, watchConsole, type TestHost } from './host';
import { seed } from './seed';

let host: TestHost;
let page: Page;
let errors: string[];

test.beforeAll(async ({ browser }) => {
  host = await startHost();
  await seed(host, { submissions: 3 });
  await host.call('settings.update', { officerPhone: '0214 3840 123', officerEmail: 'an.tv@laocai.gov.vn' });
  page = await browser.newPage();
  errors = watchConsole(page);
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  await host?.close();
});

async function docxText(download: Download): Promise<string> {
  const bytes = readFileSync(await download.path());
  return (await mammoth.extractRawText({ buffer: bytes })).value.replace(/\n+/g, '\n');
}

test('the report draft (.docx) carries the number typed, kept across screens', async () => {
  await nav(page, 'Xuất báo cáo');
  await page.getByLabel('Số văn bản:').fill('5');
  await nav(page, 'Tổng quan');
  await nav(page, 'Xuất báo cáo');
  await expect(page.getByLabel('Số văn bản:')).toHaveValue('5');
  await page.getByRole('tab', { name: 'Dự thảo báo cáo (Word)' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải dự thảo báo cáo (.docx)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const t = await docxText(download);
  expect(t).toContain('Số: 05/BC-BVSTBPN');
  expect(t).toContain('Kính gửi: Bộ Nội vụ.');
  expect(t).toContain('- Như trên;');
  expect(t).toMatch(/tổng hợp từ \d+\/\d+ đơn vị/);
  await page.screenshot({ path: join(SCREENSHOTS, 'documents-1-du-thao-word.png') });
});

test('the reminder: number typed and kept, .docx downloaded, mail links and the Zalo message beside it', async () => {
  await page.getByRole('tab', { name: 'Văn bản đôn đốc' }).click();
  await page.getByLabel('Số công văn đôn đốc').fill('231');
  await nav(page, 'Đơn vị');
  await nav(page, 'Xuất báo cáo');
  await page.getByRole('tab', { name: 'Văn bản đôn đốc' }).click();
  await expect(page.getByLabel('Số công văn đôn đốc')).toHaveValue('231');
  await page.getByRole('button', { name: 'Soạn văn bản đôn đốc' }).click();
  const frame = page.frameLocator('iframe.print-frame');
  await expect(frame.locator('body')).toContainText('Số: 231/BVSTBPN-VP');
  await expect(frame.locator('body')).toContainText('điện thoại 0214 3840 123');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải về (.docx)' }).click(),
  ]);
  const t = await docxText(download);
  expect(t).toContain('Số: 231/');
  expect(t).toContain('Số: 231/BVSTBPN-VP');
  expect(t).toContain('Nơi nhận:\n- Như trên;\n- Lưu: VT, VP.');
  expect(t).not.toContain('Thường trực Tỉnh ủy');
  // beside the letter: the units' addresses, each a mail link, and the message for Zalo
  const list = page.getByRole('list', { name: 'Địa chỉ thư điện tử của các đơn vị' });
  const status = await host.call('status.get', { periodId: (await host.call('periods.list', {}))[0]!.id });
  const named = status.units.filter((u) => (u.status === 'missing' || u.status === 'returned') && u.email);
  expect(named.length).toBeGreaterThan(0);
  await expect(list.getByRole('link')).toHaveCount(named.length);
  const first = list.getByRole('link').first();
  await expect(first).toHaveAttribute('href', /^mailto:[^@]+@/);
  await expect(page.getByRole('button', { name: 'Sao chép tất cả địa chỉ thư điện tử' })).toBeVisible();
  await expect(page.getByLabel('Tin nhắn ngắn gửi Zalo')).toHaveValue(/đề nghị các đơn vị chưa gửi báo cáo/);
  await page.screenshot({ path: join(SCREENSHOTS, 'documents-2-don-doc.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('Cài đặt: the officer’s phone and the reminder’s nơi nhận are edited there and used by the letter', async () => {
  await nav(page, 'Cài đặt');
  await page.getByLabel('Điện thoại liên hệ').fill('0214 3840 999');
  await page.getByRole('button', { name: 'Thêm nơi nhận' }).nth(1).click();
  await page.getByLabel('Nơi nhận văn bản đôn đốc thứ 1', { exact: true }).fill('Sở Nội vụ (để báo cáo)');
  await expect(page.getByText(/Để trống thì dùng “Ban Vì sự tiến bộ phụ nữ/)).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'documents-3-cai-dat.png'), fullPage: true });
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await expect(page.getByText('Đã lưu cài đặt.')).toBeVisible();
  const periodId = (await host.call('periods.list', {}))[0]!.id;
  const r = await host.call('reports.reminder', { periodId });
  expect(r.text).toContain('điện thoại 0214 3840 999');
  expect(r.text).toContain('Nơi nhận:\n- Như trên;\n- Sở Nội vụ (để báo cáo);\n- Lưu: VT, VP.');
  expect(errors).toEqual([]);
});

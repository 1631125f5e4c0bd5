/**
 * (b) The whole job, through the UI only: first run → unit list import with preview → a period → templates →
 * 10 filled files (one bad, one late) → dashboard → a correction with a reason → consolidated figures → exports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect, test, type Page } from '@playwright/test';
import type { CatalogView } from '../../src/shared/contract';
import { SCREENSHOTS, startHost, watchConsole, type TestHost } from './host';
import { fillDate, fillTemplate, isoToVi, nav, pickOption } from './helpers';
import { SHARED_FIXTURES } from '../helpers/shared';

const FIXTURE = join(SHARED_FIXTURES, 'don-vi-lao-cai.xlsx');

let host: TestHost;
let page: Page;
let errors: string[];
let catalog: CatalogView;
const templates = new Map<string, Buffer>();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  // the server's day is after this year's deadline, so the late file (deadline + 5 days) is in the past, as a
  // receipt date must be (a future one needs a reason)
  host = await startHost({ today: `${new Date().getFullYear()}-12-20` });
  catalog = await host.call('catalog.get', {});
  const context = await browser.newContext({ acceptDownloads: true });
  page = await context.newPage();
  errors = watchConsole(page);
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.close();
});

test('first run', async () => {
  await page.goto(host.url);
  await page.getByLabel('Tỉnh, thành phố').fill('Tỉnh Lào Cai');
  await page.getByLabel(/Cơ quan chủ quản/).fill('UBND TỈNH LÀO CAI');
  await page.getByLabel('Họ và tên cán bộ phụ trách').fill('Nguyễn Thị Hoa');
  await page.getByLabel('Họ và tên cán bộ phụ trách').press('Enter');
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  const s = await host.call('settings.get', {});
  expect(s).toMatchObject({ setupDone: true, province: 'Tỉnh Lào Cai', officer: 'Nguyễn Thị Hoa' });
});

test('import the unit list through the preview', async () => {
  await nav(page, 'Đơn vị');
  await page.getByRole('button', { name: 'Nhập danh sách từ Excel' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Nhập danh sách đơn vị từ Excel' });
  await dialog.getByTestId('unit-import-input').setInputFiles(FIXTURE);
  await expect(dialog.getByText(/Xem trước: 42 thêm mới/)).toBeVisible();
  // nothing written yet
  expect(await host.call('units.list', {})).toHaveLength(0);
  await page.screenshot({ path: join(SCREENSHOTS, '10-don-vi-xem-truoc.png') });
  await dialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(dialog.getByText(/Đã nhập xong: 42 thêm mới/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Đóng' }).first().click();
  await expect(page.getByText('42 / 42 đơn vị')).toBeVisible();
  // diacritic-insensitive search
  await page.getByLabel('Tìm đơn vị').fill('cam duong');
  await expect(page.getByRole('link', { name: 'Phường Cam Đường' })).toBeVisible();
  await expect(page.getByText('1 / 42 đơn vị')).toBeVisible();
  await page.getByLabel('Tìm đơn vị').fill('');
  await page.screenshot({ path: join(SCREENSHOTS, '11-don-vi.png') });
});

test('create a period and see the defaults the server computed', async () => {
  await nav(page, 'Kỳ báo cáo');
  await page.getByRole('button', { name: 'Tạo kỳ báo cáo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tạo kỳ báo cáo' });
  await dialog.getByRole('radio', { name: 'Năm', exact: true }).check();
  await dialog.getByRole('button', { name: 'Tạo kỳ' }).click();
  const done = page.getByRole('dialog').filter({ hasText: 'Đã tạo kỳ' });
  await expect(done).toBeVisible();
  const year = new Date().getFullYear();
  await expect(done.getByText(`15/12/${year - 1}`)).toBeVisible();
  await expect(done.getByText(`10/12/${year}`)).toBeVisible();
  await expect(done.getByText('42', { exact: true })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '12-ky-bao-cao-da-tao.png') });
  await done.getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByRole('combobox', { name: 'Kỳ báo cáo đang làm việc' })).toBeVisible();
  await expect(page.getByRole('banner').getByText(`Năm ${year}`)).toBeVisible();
});

test('export the templates (zip download)', async () => {
  await page.getByRole('tab', { name: 'Mẫu biểu gửi đơn vị' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải mẫu biểu (.zip)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const zip = await JSZip.loadAsync(readFileSync(await download.path()));
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir) templates.set(name, await entry.async('nodebuffer'));
  }
  expect(templates.size).toBe(43); // 42 units + the generic copy
  await page.screenshot({ path: join(SCREENSHOTS, '13-ky-bao-cao-mau-bieu.png') });
});

const tplFor = (code: string): Buffer => {
  const hit = [...templates.entries()].find(([n]) => n.includes(code));
  if (!hit) throw new Error(`no template for ${code}`);
  return hit[1];
};

test('import 10 filled files: eight accepted and one rejected in one batch, then a late one', async () => {
  const a = await fillTemplate(tplFor('LCA-S01'), catalog, { base: 100 });
  const b = await fillTemplate(tplFor('LCA-S02'), catalog, { base: 200 });
  const bad = await fillTemplate(tplFor('LCA-S03'), catalog, { base: 50, breakFemale: ['TT_LUOT'] });
  // six more departments, 10 people each
  const more = await Promise.all(
    ['LCA-S05', 'LCA-S06', 'LCA-S07', 'LCA-S08', 'LCA-S09', 'LCA-S10'].map(async (code) => ({
      name: `${code.toLowerCase()}.xlsx`,
      buffer: await fillTemplate(tplFor(code), catalog, { base: 10 }),
    })),
  );
  await nav(page, 'Nhập báo cáo');
  const mime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  await page
    .getByTestId('import-files-input')
    .setInputFiles([
      { name: 'so-noi-vu.xlsx', mimeType: mime, buffer: a },
      { name: 'so-tai-chinh.xlsx', mimeType: mime, buffer: b },
      { name: 'so-loi.xlsx', mimeType: mime, buffer: bad },
      ...more.map((f) => ({ ...f, mimeType: mime })),
      { name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải Excel') },
    ]);
  await expect(page.getByText('Bỏ qua 1 tệp không phải Excel')).toBeVisible();
  await page.getByRole('button', { name: 'Nhập 9 tệp' }).click();
  await expect(page.getByText('Đã nhận: 8')).toBeVisible();
  await expect(page.getByText('Bị từ chối: 1')).toBeVisible();
  const badRow = page.getByRole('row').filter({ hasText: 'so-loi.xlsx' });
  await expect(badRow.getByText('Bị từ chối')).toBeVisible();
  await expect(badRow.getByText(/Số nữ không được lớn hơn tổng số/)).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await page.screenshot({ path: join(SCREENSHOTS, '14-nhap-bao-cao-ket-qua.png'), fullPage: true });

  // a late file: received after the deadline
  const period = (await host.call('periods.list', {}))[0]!;
  const lateDay = new Date(`${period.deadline}T00:00:00Z`);
  lateDay.setUTCDate(lateDay.getUTCDate() + 5);
  const lateIso = lateDay.toISOString().slice(0, 10);
  const late = await fillTemplate(tplFor('LCA-S04'), catalog, { base: 10 });
  await fillDate(page, 'Ngày nhận', isoToVi(lateIso));
  await page.getByTestId('import-files-input').setInputFiles([{ name: 'so-tre.xlsx', mimeType: mime, buffer: late }]);
  await page.getByRole('button', { name: 'Nhập 1 tệp' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'so-tre.xlsx' }).getByText('Đã nhận')).toBeVisible();
  const status = await host.call('status.get', { periodId: period.id });
  // the refused file (Sở Tư pháp): it did send, and is asked to send again (returned), apart from the 32 missing
  expect(status).toMatchObject({ expected: 42, received: 9, onTime: 8, late: 1, missing: 32, returned: 1 });
});

test('the dashboard shows the received count and names the missing units', async () => {
  await nav(page, 'Tổng quan');
  const stat = (t: string) => page.locator('.ant-statistic').filter({ hasText: t }).locator('.ant-statistic-content');
  await expect(stat('Đã nhận')).toHaveText('9');
  await expect(stat('Chưa nộp')).toHaveText('32');
  await expect(stat('Trễ hạn')).toHaveText('1');
  await expect(page.getByText('Đơn vị chưa nộp hoặc nộp trễ (33)')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Phường Cam Đường' })).toBeVisible();
  await expect(page.getByText('Tệp nhập gần đây')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '15-tong-quan-co-so-lieu.png'), fullPage: true });
});

test('open a submission and correct a value with a reason', async () => {
  const period = (await host.call('periods.list', {}))[0]!;
  const subs = await host.call('submissions.list', { periodId: period.id });
  const s01 = subs.find((s) => s.unitCode === 'LCA-S01')!;
  await page.goto(`${host.origin}/#/bao-cao/${s01.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Báo cáo đơn vị' })).toBeVisible();
  await page
    .getByRole('button', { name: /^Sửa Số lượt người tham dự tuyên truyền về bình đẳng giới – Tổng số: 100/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Sửa số liệu' });
  await dialog.getByRole('spinbutton', { name: 'Giá trị mới' }).fill('150');
  // the reason is mandatory
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog.getByText('Cần ghi lý do sửa')).toBeVisible();
  await dialog.getByLabel('Lý do sửa').fill('Đơn vị báo lại qua điện thoại');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /Tổng số: 150$/ })).toBeVisible();
  const auditRow = page.getByRole('row').filter({ hasText: 'Đơn vị báo lại qua điện thoại' });
  await expect(
    auditRow.getByText('Sửa “Số lượt người tham dự tuyên truyền về bình đẳng giới” (tổng số) từ 100 thành 150', {
      exact: false,
    }),
  ).toBeVisible();
  // the technical detail is folded away until asked for
  await expect(auditRow.getByText('Loại thay đổi')).toBeHidden();
  await auditRow.getByText('Chi tiết').click();
  await expect(auditRow.getByText('Loại thay đổi')).toBeVisible();
  await expect(auditRow.getByText('Nguyễn Thị Hoa')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '16-bao-cao-don-vi.png') });
});

test('consolidated figures match the files and the correction', async () => {
  await nav(page, 'Tổng hợp');
  // TT_LUOT.total: 150 (corrected S01) + 200 (S02) + 10 (late S04) + 6 × 10 (S05–S10); the rejected file counts for nothing
  const cell = page.getByRole('button', {
    name: /^Số lượt người tham dự tuyên truyền về bình đẳng giới – Tổng số: 420\./,
  });
  await expect(cell).toBeVisible();
  const period = (await host.call('periods.list', {}))[0]!;
  const c = await host.call('consolidation.get', { periodId: period.id });
  expect(c.values.find((v) => v.code === 'TT_LUOT' && v.cell === 'total')).toMatchObject({ value: 420, units: 9 });
  expect(c.values.find((v) => v.code === 'TT_LUOT' && v.cell === 'female')).toMatchObject({
    value: 40 + 80 + 4 + 6 * 4,
  });
  await page.screenshot({ path: join(SCREENSHOTS, '17-tong-hop.png') });
  await cell.click();
  const drawer = page.getByRole('dialog').filter({ hasText: 'đơn vị báo cáo; cộng lại' });
  await expect(drawer.getByText('9 đơn vị báo cáo; cộng lại: 420')).toBeVisible();
  await expect(drawer.getByRole('link', { name: 'Sở Nội vụ' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '18-tong-hop-chi-tiet.png') });
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
});

test('export the workbook and the print view', async () => {
  await nav(page, 'Xuất báo cáo');
  await page.getByLabel('Số văn bản:').fill('125');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải báo cáo Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  expect(wb.worksheets.length).toBeGreaterThan(0);

  await page.getByRole('tab', { name: 'Bản in' }).click();
  await page.getByRole('button', { name: 'Xem bản in' }).click();
  const frame = page.frameLocator('iframe.print-frame');
  await expect(frame.locator('body')).toContainText('UBND TỈNH LÀO CAI');
  await expect(frame.locator('body')).toContainText('125');
  await expect(page.getByRole('button', { name: 'In', exact: true })).toBeEnabled();
  await page.screenshot({ path: join(SCREENSHOTS, '19-xuat-bao-cao-ban-in.png') });

  await page.getByRole('tab', { name: 'Văn bản đôn đốc' }).click();
  await page.getByRole('button', { name: 'Soạn văn bản đôn đốc' }).click();
  await expect(
    page.getByText('Văn bản gửi 33 đơn vị: 32 đơn vị chưa nộp, 1 đơn vị cần gửi lại báo cáo.'),
  ).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '20-van-ban-don-doc.png') });
  expect(errors).toEqual([]);
});

test('a second file from the same unit becomes revision 2; compare, ask for more, approve', async () => {
  const b2 = await fillTemplate(tplFor('LCA-S02'), catalog, { base: 250 });
  await nav(page, 'Nhập báo cáo');
  await fillDate(page, 'Ngày nhận', isoToVi(new Date().toISOString().slice(0, 10)));
  await page.getByTestId('import-files-input').setInputFiles([
    {
      name: 'so-tai-chinh-bo-sung.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: b2,
    },
  ]);
  await page.getByRole('button', { name: 'Nhập 1 tệp' }).click();
  const row = page.getByRole('row').filter({ hasText: 'so-tai-chinh-bo-sung.xlsx' });
  await expect(row.getByText('Lần 2')).toBeVisible();
  await row.getByRole('link', { name: 'Xem báo cáo' }).click();
  await expect(page.getByText('Sở Tài chính · Năm')).toBeVisible();
  await pickOption(page, page.getByRole('combobox', { name: 'So sánh với:' }), 'Lần 1');
  await expect(page.getByText(/\d+ ô khác nhau/)).toBeVisible();
  await expect(page.locator('td.cell-changed').first()).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '21-bao-cao-so-sanh-lan-nop.png') });

  await page.getByRole('button', { name: 'Cần bổ sung' }).click();
  const ask = page.getByRole('dialog', { name: 'Yêu cầu đơn vị bổ sung' });
  await ask.getByRole('button', { name: 'Lưu' }).click();
  await expect(ask.getByText('Hãy ghi rõ đơn vị cần bổ sung gì')).toBeVisible();
  await ask.getByLabel('Đơn vị cần bổ sung gì?').fill('Thiếu số liệu mục III');
  await ask.getByRole('button', { name: 'Lưu' }).click();
  await expect(ask).toBeHidden();
  await expect(page.locator('.ant-descriptions').getByText('Cần bổ sung')).toBeVisible();
  await page.getByRole('button', { name: 'Duyệt' }).click();
  await page
    .getByRole('dialog')
    .filter({ hasText: 'Duyệt báo cáo này?' })
    .getByRole('button', { name: 'Duyệt' })
    .click();
  await expect(page.locator('.ant-descriptions').getByText('Đã duyệt')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Thiếu số liệu mục III' })).toBeVisible();
});

test('closing the period first says what it still lacks; "Hủy" leaves it open', async () => {
  await nav(page, 'Kỳ báo cáo');
  await page
    .getByRole('button', { name: /^Khóa sổ kỳ / })
    .first()
    .click();
  const confirm = page.getByRole('dialog').filter({ hasText: /Khóa sổ kỳ “/ });
  await expect(confirm.getByText('Kỳ này còn:')).toBeVisible();
  const gaps = confirm.getByTestId('close-period-gaps');
  await expect(gaps).toContainText(/\d+\/\d+ đơn vị chưa nộp báo cáo/);
  await expect(gaps).toContainText('đơn vị đã gửi nhưng tệp bị trả lại');
  await page.screenshot({ path: join(SCREENSHOTS, '22-khoa-so-con-thieu.png') });
  await confirm.getByRole('button', { name: 'Hủy' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('button', { name: /^Khóa sổ kỳ / }).first()).toBeVisible();
});

test('keyboard: Enter saves the unit form, Esc closes a dialog', async () => {
  await nav(page, 'Đơn vị');
  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm đơn vị' });
  await expect(dialog.getByLabel('Mã đơn vị')).toBeFocused();
  await dialog.getByLabel('Mã đơn vị').fill('LCA-X99');
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Tên đơn vị')).toBeFocused();
  await page.keyboard.type('Xã Bản Xèo');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await page.getByLabel('Tìm đơn vị').fill('ban xeo');
  await expect(page.getByRole('link', { name: 'Xã Bản Xèo' })).toBeVisible();
  await page.getByRole('button', { name: 'Sáp nhập, chia tách' }).click();
  const link = page.getByRole('dialog', { name: 'Sáp nhập, chia tách đơn vị' });
  await expect(link).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(link).toBeHidden();
  expect(errors).toEqual([]);
});

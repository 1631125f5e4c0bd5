/**
 * The unit register as officers keep it (issue 15), on the screens: a messy list imported through the
 * column-mapping preview, a re-import with one change unticked, the list exported to Excel and printed, the
 * sample list downloaded, and a merged unit inactive on the list, the filter and its page. Screenshots; axe clean.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { ROOT, SCREENSHOTS, startHost, watchConsole, type TestHost } from './host';
import { noToasts, pickOption } from './helpers';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const MESSY = join(ROOT, 'tests/fixtures/units/libreoffice/thieu-cot-ten.xlsx');
const MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let host: TestHost;
let page: Page;
let errors: string[];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  host = await startHost({ today: '2026-06-05' });
  await host.call('settings.update', {
    setupDone: true,
    province: 'Tỉnh Hoa Ban',
    officer: 'Nguyễn Thu Trang',
    agencyParent: 'UBND tỉnh Hoa Ban',
    agencyName: 'Ban Vì sự tiến bộ phụ nữ',
    placeName: 'Hoa Ban',
  });
  // axe is injected as a script tag, which the app's CSP forbids (see a11y.spec.ts)
  page = await (await browser.newContext({ bypassCSP: true, acceptDownloads: true })).newPage();
  errors = watchConsole(page);
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  await page.goto(`${host.origin}/#/don-vi`);
  await expect(page.getByRole('heading', { level: 1, name: 'Đơn vị', exact: true })).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.close();
});

async function axeClean(what: string): Promise<void> {
  await noToasts(page);
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await page.waitForTimeout(300);
  await page.addScriptTag({ path: AXE });
  const r = (await page.evaluate(`window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  })`)) as {
    violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
  };
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad,
    `${what}: ${bad.map((v) => `${v.id} ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n')}`,
  ).toEqual([]);
}

async function choose(label: string, option: string): Promise<void> {
  await pickOption(page, page.getByRole('combobox', { name: label }), new RegExp(`^${option}$`));
}

test('a messy list: the preview names the missing column and asks which column is which', async () => {
  await page.getByRole('button', { name: 'Nhập danh sách từ Excel' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Nhập danh sách đơn vị từ Excel' });
  await dialog.getByTestId('unit-import-input').setInputFiles(MESSY);
  await expect(dialog.getByText(/Không nhận ra cột "Tên đơn vị"/)).toBeVisible();
  // the columns with their first values, a drop-down each
  await expect(dialog.getByRole('row').filter({ hasText: 'Cơ sở' })).toContainText('Sở Nội vụ · Sở Y tế · Tỉnh đoàn');
  await expect(dialog.getByRole('button', { name: 'Xác nhận nhập' })).toBeDisabled();
  await page.screenshot({ path: join(SCREENSHOTS, 'units-01-chon-cot.png') });
  await axeClean('column mapping');

  await choose('Cột C (Cơ sở) là', 'Tên đơn vị');
  await choose('Cột D (Phụ trách) là', 'Người đầu mối');
  await dialog.getByRole('button', { name: 'Đọc lại theo cách chọn này' }).click();
  await expect(dialog.getByText(/Xem trước: 3 thêm mới/)).toBeVisible();
  expect(await host.call('units.list', {})).toHaveLength(0); // nothing written yet
  await page.screenshot({ path: join(SCREENSHOTS, 'units-02-xem-truoc.png') });
  await dialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(dialog.getByText(/Đã nhập xong: 3 thêm mới/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Đóng', exact: true }).last().click();
  const units = await host.call('units.list', {});
  expect(units.map((u) => `${u.code} ${u.name} ${u.contact}`).sort()).toEqual([
    'D01 Tỉnh đoàn Đỗ Minh Tâm',
    'S01 Sở Nội vụ Nguyễn Thị Hoa',
    'S02 Sở Y tế Lê Văn Bình',
  ]);
});

test('re-import: each change listed before → after; the unticked one is not written, nothing is wiped', async () => {
  const s02 = (await host.call('units.list', {})).find((u) => u.code === 'S02')!;
  await host.call('units.save', {
    id: s02.id,
    code: s02.code,
    name: s02.name,
    kind: s02.kind,
    contact: s02.contact,
    phone: s02.phone,
    email: 'syt@hoaban.gov.vn',
  });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(['Mã', 'Tên đơn vị', 'Người đầu mối', 'Điện thoại', 'Thư điện tử']);
  ws.addRow(['s01', 'Sở Nội vụ', 'Nguyễn Thị Hoa', '0912999999', null]);
  ws.addRow([' s02 ', 'Sở Y tế', 'Trần Văn Mới', null, null]);
  ws.addRow(['D01', 'Tỉnh đoàn', null, null, null]);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());

  await page.getByRole('button', { name: 'Nhập danh sách từ Excel' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Nhập danh sách đơn vị từ Excel' });
  await dialog.getByTestId('unit-import-input').setInputFiles({ name: 'ds-moi.xlsx', mimeType: MIME, buffer: bytes });
  await expect(dialog.getByText(/Xem trước: 0 thêm mới, 2 cập nhật, 1 không đổi/)).toBeVisible();
  const contactChange = dialog.getByRole('checkbox', { name: /Người đầu mối: Lê Văn Bình → Trần Văn Mới/ });
  const phoneChange = dialog.getByRole('checkbox', { name: /Điện thoại: 0912345678 → 0912999999/ });
  await expect(contactChange).toBeChecked();
  await expect(phoneChange).toBeChecked();
  await contactChange.uncheck();
  await expect(contactChange).not.toBeChecked();
  await page.screenshot({ path: join(SCREENSHOTS, 'units-03-nhap-lai-bo-chon.png') });
  await axeClean('re-import preview');
  await dialog.getByRole('button', { name: 'Xác nhận nhập' }).click();
  await expect(dialog.getByText(/Đã nhập xong/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Đóng', exact: true }).last().click();
  const after = new Map((await host.call('units.list', {})).map((u) => [u.code, u]));
  expect(after.get('S01')!.phone).toBe('0912999999');
  expect(after.get('S02')).toMatchObject({ contact: 'Lê Văn Bình', email: 'syt@hoaban.gov.vn', phone: '0912000111' });
  expect(after.size).toBe(3);
});

test('the sample list downloads from the import dialog and reads cleanly', async () => {
  await page.getByRole('button', { name: 'Nhập danh sách từ Excel' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Nhập danh sách đơn vị từ Excel' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Tải danh sách mẫu' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('danh-sach-don-vi-mau.xlsx');
  const bytes = readFileSync(await download.path());
  const r = await host.call('units.import', { file: { name: 'mau.xlsx', bytes }, dryRun: true });
  expect(r).toMatchObject({ needsMapping: false, errors: [], notices: [] });
  expect(r.links).toHaveLength(1);
  await page.keyboard.press('Escape');
});

test('a merger: the old unit is inactive on the list, the filter and its page the day after', async () => {
  const units = new Map((await host.call('units.list', {})).map((u) => [u.code, u]));
  await host.call('units.link', {
    predecessorIds: [units.get('S02')!.id],
    successorIds: [units.get('S01')!.id],
    effectiveDate: '2026-01-01',
  });
  await page.reload();
  // the row of Sở Y tế itself (Sở Nội vụ's row says "Kế thừa: Sở Y tế")
  const syt = () => page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Sở Y tế', exact: true }) });
  const row = syt();
  await expect(page.getByRole('row').filter({ hasText: 'Kế thừa: Sở Y tế' })).toBeVisible();
  await expect(row.getByText('Hết hiệu lực từ 01/01/2026')).toBeVisible();
  await expect(row.getByText('Đang hoạt động')).toHaveCount(0);
  await expect(page.getByText('3 / 3 đơn vị')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Chỉ đơn vị đang hoạt động' }).check();
  await expect(page.getByText('2 / 3 đơn vị')).toBeVisible();
  await expect(syt()).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'units-04-loc-dang-hoat-dong.png') });
  await page.getByRole('checkbox', { name: 'Chỉ đơn vị đang hoạt động' }).uncheck();
  await page.getByRole('link', { name: 'Sở Y tế' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sở Y tế' })).toBeVisible();
  await expect(page.getByText('Hết hiệu lực từ 01/01/2026')).toBeVisible();
  await expect(page.getByText('Đang hoạt động')).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, 'units-05-trang-don-vi.png') });
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Đơn vị', exact: true })).toBeVisible();
});

test('the list to Excel and to print (A4, NĐ 30 header)', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('danh-sach-don-vi-2026-06-05.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const texts: string[] = [];
  ws.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
  expect(texts).toEqual(
    expect.arrayContaining(['DANH SÁCH ĐƠN VỊ THÀNH VIÊN', 'Tên đơn vị', 'Sở Nội vụ', 'Nguyễn Thị Hoa']),
  );

  await page.getByRole('button', { name: 'In danh sách' }).click();
  const dialog = page.getByRole('dialog', { name: 'In danh sách đơn vị' });
  const frame = page.frameLocator('iframe[title="Bản in: Danh sách đơn vị thành viên"]');
  await expect(frame.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeVisible();
  await expect(frame.getByText('DANH SÁCH ĐƠN VỊ THÀNH VIÊN')).toBeVisible();
  await expect(frame.getByText('Hết hiệu lực từ 01/01/2026; sáp nhập vào Sở Nội vụ')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'In' })).toBeEnabled();
  await page.screenshot({ path: join(SCREENSHOTS, 'units-06-ban-in.png') });
  await axeClean('print dialog');
  await page.keyboard.press('Escape');

  // the printed page itself, as A4 PDF, to look at
  const doc = await host.call('units.printHtml', {});
  const pdfPage = await page.context().newPage();
  await pdfPage.setContent(doc.html);
  const pdf = join(SCREENSHOTS, 'units-ban-in.pdf');
  writeFileSync(pdf, await pdfPage.pdf({ format: 'A4', preferCSSPageSize: true }));
  await pdfPage.close();
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(SCREENSHOTS, 'units-ban-in')]);
  } catch {
    // pdftoppm is only for looking at the page; the checks above do not need it
  }
  expect(errors).toEqual([]);
});

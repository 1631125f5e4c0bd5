/**
 * Intake you can trust, on the screens (issue 13): a grey-cell value set apart ("không được tính") in the results
 * and on the submission; a new revision that would blank figures refused (BLANKING), then confirmed with
 * "Vẫn nhập…" and imported as revision 2; a generic copy left unidentified and two files of one unit as duplicates.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import type { CatalogView } from '../../src/shared/contract';
import type { CellKey, DataElement } from '../../src/shared/domain/catalog';
import type { Period } from '../../src/shared/domain/records';
import { SCREENSHOTS, startHost, watchConsole, type TestHost } from './host';
import { fillDate, fillTemplate, isoToVi, nav, pickOption } from './helpers';
import { seed } from './seed';

const MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CELL_HEADER: Record<CellKey, string> = { total: 'Tổng số', female: 'Nữ', male: 'Nam', value: 'Số liệu' };

let host: TestHost;
let page: Page;
let errors: string[];
let catalog: CatalogView;
let period: Period;
const templates = new Map<string, Uint8Array>();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  host = await startHost();
  ({ period, catalog } = await seed(host, { submissions: 0 }));
  const { files } = await host.call('templates.export', { periodId: period.id });
  for (const f of files) templates.set(f.unit ?? '', f.bytes);
  page = await (await browser.newContext()).newPage();
  errors = watchConsole(page);
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.close();
});

const tpl = (unit: string) => {
  const t = templates.get(unit);
  if (!t) throw new Error(`no template for "${unit}"`);
  return t;
};

/**
 * Opens a filled form and calls `edit` for each row that holds a catalogue code, with the columns of the header
 * ("Tổng số", "Nữ", "Nam", "Số liệu"); returns the saved bytes.
 */
async function editForm(
  bytes: Buffer,
  edit: (row: ExcelJS.Row, el: DataElement, cols: Partial<Record<CellKey, number>>) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden')!;
  const elements = new Map(catalog.dataElements.map((e) => [e.code, e]));
  let header = 0;
  const byLabel: Record<string, number> = {};
  ws.eachRow((row, r) => {
    if (header) return;
    const labels: Record<string, number> = {};
    row.eachCell((cell, c) => (labels[String(cell.value ?? '').trim()] = c));
    if (labels['Mã số']) {
      header = r;
      Object.assign(byLabel, labels);
    }
  });
  if (!header) throw new Error('no "Mã số" header row');
  const cols: Partial<Record<CellKey, number>> = {};
  for (const [k, label] of Object.entries(CELL_HEADER)) if (byLabel[label]) cols[k as CellKey] = byLabel[label];
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const el = elements.get(String(row.getCell(byLabel['Mã số']!).value ?? '').trim());
    if (el) edit(row, el, cols);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importFiles(files: Array<{ name: string; buffer: Buffer }>) {
  await page.getByTestId('import-files-input').setInputFiles(files.map((f) => ({ ...f, mimeType: MIME })));
  await page.getByRole('button', { name: `Nhập ${files.length} tệp` }).click();
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByRole('button', { name: 'Nhập tệp' })).toBeVisible();
}

/** the result row whose "Tệp" cell is exactly this file (another row's message may name it too) */
const rowOf = (file: string) =>
  page.getByRole('row').filter({ has: page.getByRole('cell', { name: file, exact: true }) });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let grey: { name: string; header: string };

test('a value typed into a grey cell is listed apart: "không được tính"', async () => {
  const filled = await fillTemplate(tpl('LCA-S01'), catalog, { base: 100 });
  const other = await fillTemplate(tpl('LCA-S02'), catalog, { base: 200 });
  // Sở Tài chính writes a number into the first cell of its form that does not apply (grey)
  let written = false;
  const withGrey = await editForm(other, (row, el, cols) => {
    if (written || el.type === 'text') return;
    const k = (Object.keys(cols) as CellKey[]).find((c) => !el.cells.includes(c));
    if (!k) return;
    row.getCell(cols[k]!).value = 7;
    grey = { name: el.name, header: CELL_HEADER[k] };
    written = true;
  });
  expect(written).toBe(true);

  await nav(page, 'Nhập báo cáo');
  await importFiles([
    { name: 'so-noi-vu.xlsx', buffer: filled },
    { name: 'so-tai-chinh-o-xam.xlsx', buffer: withGrey },
  ]);
  await expect(page.getByText('Đã nhận: 2')).toBeVisible();
  const row = rowOf('so-tai-chinh-o-xam.xlsx');
  await expect(row.getByText('Đã nhận', { exact: true })).toBeVisible();
  const block = row.getByRole('group', { name: 'Ô không áp dụng, không được tính' });
  await expect(block).toBeVisible();
  await expect(block.getByText('Ô không áp dụng, không được tính (1)')).toBeVisible();
  await expect(block.getByText(new RegExp(`${escape(grey.name)}.*"${grey.header}" ghi "7"`))).toBeVisible();
  // the other file has no such block
  await expect(rowOf('so-noi-vu.xlsx').getByRole('group', { name: 'Ô không áp dụng, không được tính' })).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, '40-nhap-o-xam-khong-tinh.png'), fullPage: true });

  // the submission shows it in its own block, not among the warnings
  await row.getByRole('link', { name: 'Xem báo cáo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Báo cáo đơn vị' })).toBeVisible();
  const alert = page.getByRole('alert').filter({ hasText: 'Ô không áp dụng, không được tính (1)' });
  await expect(alert).toBeVisible();
  await expect(alert.getByText(new RegExp(`${escape(grey.name)}.*"${grey.header}" ghi "7"`))).toBeVisible();
  await expect(
    page.getByRole('alert').filter({ hasText: 'cảnh báo khi kiểm tra số liệu' }).filter({ hasText: 'nền xám' }),
  ).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, '41-bao-cao-o-xam.png') });
});

test('a revision that would blank figures is refused, then "Vẫn nhập…" imports it as revision 2', async () => {
  const full = await fillTemplate(tpl('LCA-S01'), catalog, { base: 100 });
  // the second version leaves empty every cell of two counted rows: the first one by sex (Tổng số / Nữ / Nam)
  // and the first one with a single figure (Số liệu)
  const removed: Array<{ name: string; cell: CellKey }> = [];
  const cleared = new Set<string>();
  let bySex = false;
  let single = false;
  const second = await editForm(full, (row, el, cols) => {
    if (el.type !== 'integer' && el.type !== 'decimal') return;
    const sex = el.cells.includes('female');
    if (sex ? bySex : single) return;
    if (sex) bySex = true;
    else single = true;
    cleared.add(el.code);
    for (const cell of el.cells) {
      if (!cols[cell]) continue;
      row.getCell(cols[cell]).value = null;
      removed.push({ name: el.name, cell });
    }
  });
  expect(cleared.size).toBe(2);

  // received two days ago by USB: the file sent again keeps the batch's receipt
  const day = new Date();
  day.setDate(day.getDate() - 2);
  const receivedAt = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  await nav(page, 'Nhập báo cáo');
  await fillDate(page, 'Ngày nhận', isoToVi(receivedAt));
  await pickOption(page, page.getByRole('combobox', { name: 'Hình thức nhận' }), 'USB / thiết bị nhớ');
  await importFiles([{ name: 'so-noi-vu-ban-sua.xlsx', buffer: second }]);
  const row = rowOf('so-noi-vu-ban-sua.xlsx');
  await expect(row.getByText('Bị từ chối', { exact: true })).toBeVisible();
  await expect(
    row.getByText(new RegExp(`Bản gửi mới để trống ${removed.length} ô mà lần gửi thứ 1 có số liệu`)),
  ).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '42-nhap-de-trong-bi-tu-choi.png'), fullPage: true });
  // nothing written yet
  const before = await host.call('submissions.list', { periodId: period.id });
  expect(before.filter((s) => s.unitCode === 'LCA-S01').map((s) => s.revision)).toEqual([1]);

  await row.getByRole('button', { name: 'Vẫn nhập…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Vẫn nhập tệp này?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(`${removed.length} ô`, { exact: true })).toBeVisible();
  const cells = dialog.locator('.ant-table-row');
  await expect(cells).toHaveCount(removed.length);
  for (const r of removed) {
    const line = cells.filter({ hasText: r.name }).filter({ hasText: CELL_HEADER[r.cell] });
    await expect(line.first()).toBeVisible();
    await expect(line.first()).toContainText(r.cell === 'female' ? '40' : r.cell === 'male' ? '60' : '100');
  }
  await expect(
    dialog.getByText('Các ô này sẽ để trống trong bản mới; số liệu cũ vẫn xem được ở lần gửi trước.'),
  ).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '43-van-nhap-xac-nhan.png') });

  await dialog.getByRole('button', { name: 'Vẫn nhập' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText('Đã nhận', { exact: true })).toBeVisible();
  await expect(row.getByText('Lần 2')).toBeVisible();
  await expect(row.getByRole('button', { name: 'Vẫn nhập…' })).toHaveCount(0);
  await expect(page.getByText('Đã nhận: 1')).toBeVisible();
  await expect(page.getByText('Bị từ chối: 0')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '44-van-nhap-da-nhan.png'), fullPage: true });

  const after = await host.call('submissions.list', { periodId: period.id });
  const s01 = after.filter((s) => s.unitCode === 'LCA-S01').sort((a, b) => b.revision - a.revision);
  expect(s01.map((s) => s.revision)).toEqual([2, 1]);
  const detail = await host.call('submissions.get', { id: s01[0]!.id });
  expect(detail.values.length).toBeGreaterThan(0);
  for (const code of cleared) expect(detail.values.filter((v) => v.element === code)).toEqual([]);
  expect(s01[0]).toMatchObject({ channel: 'usb', receivedAt, fileName: 'so-noi-vu-ban-sua.xlsx' });
});

test('a generic copy is unidentified; two files of one unit are duplicates; each explained', async () => {
  const generic = await fillTemplate(tpl(''), catalog, { base: 10 });
  const a = await fillTemplate(tpl('LCA-S03'), catalog, { base: 10 });
  const b = await fillTemplate(tpl('LCA-S03'), catalog, { base: 20 });
  await nav(page, 'Nhập báo cáo');
  await importFiles([
    { name: 'bao-cao.xlsx', buffer: generic },
    { name: 'so-3.xlsx', buffer: a },
    { name: 'so-3-ban-sua.xlsx', buffer: b },
  ]);
  await expect(page.getByText('Chưa rõ đơn vị: 1')).toBeVisible();
  await expect(page.getByText('Trùng đơn vị trong đợt: 2')).toBeVisible();
  await expect(page.getByText('Đã nhận: 0')).toBeVisible();
  await expect(rowOf('bao-cao.xlsx').getByText(/^Tệp chưa rõ đơn vị: chưa ghi gì/)).toBeVisible();
  for (const f of ['so-3.xlsx', 'so-3-ban-sua.xlsx']) {
    const r = rowOf(f);
    await expect(r.getByText('Trùng đơn vị trong đợt', { exact: true })).toBeVisible();
    await expect(r.getByText(/^Hai tệp của cùng một đơn vị: .*hãy nhập riêng tệp đúng/)).toBeVisible();
  }
  await page.screenshot({ path: join(SCREENSHOTS, '45-nhap-chua-ro-va-trung.png'), fullPage: true });
  const subs = await host.call('submissions.list', { periodId: period.id });
  expect(subs.filter((s) => s.unitCode === 'LCA-S03')).toEqual([]);
  expect(errors).toEqual([]);
});

test('a receipt date in the future asks for a reason, and imports with it', async () => {
  const file = await fillTemplate(tpl('LCA-S05'), catalog, { base: 10 });
  await nav(page, 'Nhập báo cáo');
  const future = new Date();
  future.setDate(future.getDate() + 3);
  const iso = `${future.getFullYear()}-${String(future.getMonth() + 1).padStart(2, '0')}-${String(future.getDate()).padStart(2, '0')}`;
  await fillDate(page, 'Ngày nhận', isoToVi(iso));
  await page.getByTestId('import-files-input').setInputFiles([{ name: 'so-5.xlsx', buffer: file, mimeType: MIME }]);
  await page.getByRole('button', { name: 'Nhập 1 tệp' }).click();
  const ask = page.getByRole('dialog', { name: 'Ngày nhận khác thường' });
  await expect(ask).toBeVisible();
  await expect(ask.getByText(/là ngày trong tương lai/)).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, '46-ngay-nhan-can-ly-do.png') });
  await ask.getByLabel('Lý do (ghi vào nhật ký thay đổi)').fill('Văn thư đóng dấu đến trước, ngày theo công văn');
  await ask.getByRole('button', { name: 'Nhập với lý do này' }).click();
  await expect(rowOf('so-5.xlsx').getByText('Đã nhận')).toBeVisible();
  const subs = await host.call('submissions.list', { periodId: period.id });
  expect(subs.find((s) => s.unitCode === 'LCA-S05')).toMatchObject({ receivedAt: iso });
});

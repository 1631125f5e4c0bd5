/**
 * Layouts on the screens (issue 17): a province's own form, written by hand, mapped in the review screen (a row
 * accepted, one changed through the searchable select, one cleared, one mapped to a new local element), saved;
 * a folder of files in that layout imported on Nhập báo cáo with “Đọc theo mẫu biểu”; the previous year's period
 * (filled first through the API) shown beside on Tổng hợp. Screenshots; axe-core finds no serious or critical
 * violation on the new screens.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { CatalogView } from '../../src/shared/contract';
import type { Period, Unit } from '../../src/shared/domain/records';
import { fillTemplate, nav, noToasts, pickOption, pickPeriod } from './helpers';
import { ROOT, SCREENSHOTS, startHost, watchConsole, type TestHost } from './host';
import { provinceForm } from './layout-forms';
import { UNIT_FIXTURE } from './seed';

const MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const LAYOUT_NAME = 'Biểu số liệu của tỉnh';

test.use({ bypassCSP: true, viewport: { width: 1600, height: 1000 } });
test.describe.configure({ mode: 'serial', timeout: 240_000 });

let host: TestHost;
let page: Page;
let errors: string[];
let catalog: CatalogView;
let lastYear: Period;
/** the three units that reported last year (and send the province's form this year) */
let senders: Unit[];

async function axe(p: Page): Promise<string[]> {
  await noToasts(p);
  await expect(p.locator('.ant-spin-spinning')).toHaveCount(0);
  await p.waitForTimeout(300);
  await p.addScriptTag({ path: AXE });
  const r = (await p.evaluate(`window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  })`)) as { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> };
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `layouts-${name}.png`), fullPage: true });

/** the proposal row of the form's row `n` */
const proposal = (n: number) =>
  page
    .getByRole('region', { name: 'Đề xuất ghép chỉ tiêu' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: String(n), exact: true }) });

test.beforeAll(async ({ browser }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  host = await startHost({ province: 'Tỉnh Hoa Ban', today: '2026-12-10' });
  await host.call('settings.update', {
    setupDone: true,
    province: 'Tỉnh Hoa Ban',
    agencyParent: 'UBND TỈNH HOA BAN',
    officer: 'Nguyễn Thị Hoa',
    placeName: 'Hoa Ban',
  });
  await host.call('units.import', { file: { name: 'don-vi.xlsx', bytes: new Uint8Array(readFileSync(UNIT_FIXTURE)) } });
  catalog = await host.call('catalog.get', {});
  // last year, in the app's own form: three units, Tổng số 100 / 200 / 300
  lastYear = await host.call('periods.create', { year: 2025, kind: 'year' });
  const { files } = await host.call('templates.export', { periodId: lastYear.id });
  const units = await host.call('units.list', {});
  const forms = files.filter((f) => f.unit).slice(0, 3);
  senders = forms.map((f) => units.find((u) => u.code === f.unit)!);
  for (const [i, f] of forms.entries()) {
    const bytes = await fillTemplate(f.bytes, catalog, { base: 100 * (i + 1) });
    const r = await host.call('imports.file', {
      periodId: lastYear.id,
      file: { name: f.name, bytes: new Uint8Array(bytes) },
      receivedAt: '2025-12-10',
    });
    expect(r.status).toBe('accepted');
  }
  page = await (await browser.newContext({ bypassCSP: true, viewport: { width: 1600, height: 1000 } })).newPage();
  errors = watchConsole(page);
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.close();
});

test('a province form mapped in the review screen: a row accepted, one changed, one cleared, one a new element', async () => {
  await nav(page, 'Mẫu biểu của tỉnh');
  await expect(page.getByText('Chưa có mẫu biểu nào')).toBeVisible();
  await page.getByRole('button', { name: 'Thêm mẫu biểu' }).click();
  await page
    .getByTestId('layout-file-input')
    .setInputFiles({ name: 'bieu-so-lieu-tinh.xlsx', mimeType: MIME, buffer: await provinceForm(null, null) });

  // the form as it looks: its header rows shown as headers, the columns by letter with their roles
  const form = page.getByRole('region', { name: 'Mẫu biểu như trong tệp' });
  await expect(form.getByRole('row').filter({ hasText: 'Trong đó: Nữ' })).toHaveClass(/layout-preview-header/);
  await expect(form.getByRole('columnheader', { name: 'D Tổng số' })).toBeVisible();
  await expect(form.getByRole('columnheader', { name: 'E Nữ' })).toBeVisible();
  await expect(page.getByText('đọc từ ô A3 của mẫu')).toBeVisible();
  await expect(page.getByText('“BIỂU SỐ LIỆU VỀ BÌNH ĐẲNG GIỚI NĂM 2026” (ô A2)')).toBeVisible();

  // the proposals beside: a sure match, one to review, rows with no match left unmapped
  await expect(proposal(8)).toContainText('Số lượt người tham dự tuyên truyền về bình đẳng giới (TT_LUOT)');
  await expect(proposal(8)).toContainText('Chắc chắn');
  await expect(proposal(12)).toContainText('Cần xem lại');
  await expect(proposal(12)).toContainText('(CB_BDG)');
  for (const n of [14, 15, 16]) await expect(proposal(n)).toContainText('Không khớp');
  await shot('01-xem-lai');
  expect(await axe(page)).toEqual([]);

  // accept: the row to review is right
  await proposal(12).getByRole('button', { name: 'Xác nhận dòng 12' }).click();
  await expect(proposal(12)).toContainText('Đã xác nhận');
  // the row shown in the form is marked
  await expect(form.getByRole('row').filter({ hasText: 'Cán bộ phụ trách công tác VSTBPN' })).toHaveClass(
    /layout-preview-focus/,
  );

  // change: an unmatched row mapped through the select, searched without diacritics
  const select = proposal(14).getByRole('combobox', { name: /Chỉ tiêu cho dòng 14/ });
  await select.click();
  await select.fill('dai bieu hoi dong');
  // the one element found, picked with the keyboard
  await expect(page.locator('.ant-select-item-option:visible')).toHaveText([
    'Số đại biểu Hội đồng nhân dân (khóa hiện tại) (DBHDND)',
  ]);
  await select.press('Enter');
  await expect(proposal(14)).toContainText('Số đại biểu Hội đồng nhân dân (khóa hiện tại) (DBHDND)');
  await expect(proposal(14)).toContainText('Đã xác nhận');

  // clear: the "Trong đó" row is not wanted
  await proposal(10).getByRole('button', { name: 'Bỏ ghép dòng 10' }).click();
  await expect(proposal(10)).toContainText('Không khớp');
  await expect(proposal(10)).toContainText('Chưa ghép');

  // a new local element for the province-only row, then selected
  await proposal(16).getByRole('button', { name: 'Ghép dòng 16 với chỉ tiêu mới của tỉnh' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm chỉ tiêu thu thập của tỉnh' });
  await expect(dialog.getByLabel('Tên chỉ tiêu')).toHaveValue('Số câu lạc bộ dân vũ của tỉnh');
  await dialog.getByLabel('Mã số').fill('clb_danvu');
  await dialog.getByLabel('Đơn vị tính').fill('câu lạc bộ');
  await dialog.getByRole('checkbox', { name: 'Tổng số', exact: true }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Nữ', exact: true }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Số liệu', exact: true }).check();
  await shot('02-chi-tieu-moi');
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(proposal(16)).toContainText('Số câu lạc bộ dân vũ của tỉnh (CLB_DANVU)');
  await expect(proposal(16)).toContainText('Đã xác nhận');

  // the sure ones at once; the filter shows what is left to review
  await page.getByRole('button', { name: /Xác nhận các dòng chắc chắn/ }).click();
  const region = page.getByRole('region', { name: 'Đề xuất ghép chỉ tiêu' });
  await region.getByText(/^Cần xem lại \(\d+\)$/).click();
  await expect(region.getByRole('row').filter({ hasText: 'Tháng hành động' })).toBeVisible();
  await expect(region.getByRole('row').filter({ hasText: 'tuyên truyền về bình đẳng giới' })).toHaveCount(0);
  await region.getByText(/^Tất cả \(\d+\)$/).click();

  // a name is required, said in Vietnamese; nothing saved
  await page.getByLabel('Tên mẫu biểu').fill('   ');
  await page.getByRole('button', { name: 'Lưu mẫu biểu' }).click();
  await expect(page.getByText('Nhập tên mẫu biểu để lưu')).toBeVisible();
  expect((await host.call('layouts.list', {})).layouts).toHaveLength(0);
  await shot('03-truoc-khi-luu');
  expect(await axe(page)).toEqual([]);

  await page.getByLabel('Tên mẫu biểu').fill(LAYOUT_NAME);
  await page.getByRole('button', { name: 'Lưu mẫu biểu' }).click();
  await expect(page.getByText(`Đã lưu mẫu biểu “${LAYOUT_NAME}”.`)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: LAYOUT_NAME });
  await expect(row).toContainText('Nhập báo cáo');

  // saved as reviewed: accepted, changed, cleared, new; the others as proposed
  const [saved] = (await host.call('layouts.list', {})).layouts;
  const stored = await host.call('layouts.get', { id: saved!.id });
  const codes = Object.fromEntries(stored.definition.rows.map((r) => [r.row, r.code]));
  expect(codes).toEqual({
    7: 'TT_CUOC',
    8: 'TT_LUOT',
    9: 'TAPHUAN_LOP',
    10: null,
    11: 'CBCCVC',
    12: 'CB_BDG',
    13: 'THD_KEHOACH',
    14: 'DBHDND',
    15: null,
    16: 'CLB_DANVU',
  });
  expect(stored.definition.columns).toMatchObject({ total: 'D', female: 'E' });
  await expect(row).toContainText(String(saved!.rows));
  await shot('04-danh-sach');
  expect(await axe(page)).toEqual([]);
});

test('a folder of files in that layout imported with “Đọc theo mẫu biểu”', async () => {
  // this year's period, made after the new element so its form has it
  const period = await host.call('periods.create', { year: 2026, kind: 'year' });
  const dir = join(host.dir, 'thu-muc-bao-cao');
  mkdirSync(dir);
  for (const [i, u] of senders.entries())
    writeFileSync(join(dir, `bao-cao-${i + 1}.xlsx`), await provinceForm(u.name, 1000 * (i + 1)));
  await page.reload();
  await pickPeriod(page, period.label);
  await nav(page, 'Nhập báo cáo');
  const layoutBox = page.getByRole('combobox', { name: 'Đọc theo mẫu biểu' });
  await pickOption(page, layoutBox, LAYOUT_NAME);
  await page.getByTestId('import-folder-input').setInputFiles(dir);
  await page.getByRole('button', { name: 'Nhập 3 tệp' }).click();
  await expect(page.getByRole('progressbar').first()).toHaveAttribute('aria-valuenow', '100');
  for (const u of senders) {
    await expect(page.getByRole('row').filter({ hasText: u.name }).getByText('Đã nhận')).toBeVisible();
  }
  await shot('05-nhap-theo-mau');
  expect(await axe(page)).toEqual([]);
  const c = await host.call('consolidation.get', { periodId: period.id });
  const v = (code: string, cell: string) => c.values.find((x) => x.code === code && x.cell === cell)?.value;
  expect(v('TT_LUOT', 'total')).toBe(6000);
  expect(v('TT_LUOT', 'female')).toBe(3600);
  expect(v('TT_CUOC', 'value')).toBe(600);
  expect(v('DBHDND', 'female')).toBe(36);
  expect(v('CLB_DANVU', 'value')).toBe(12);
  expect(v('THD_KEHOACH', 'value')).toBe(3); // "x" is Có, three units
  expect(v('TAPHUAN_LUOT', 'total')).toBeUndefined(); // the cleared row is not read
});

test('Tổng hợp: the same period last year beside, and the change (So với cùng kỳ)', async () => {
  await nav(page, 'Tổng hợp');
  await expect(page.getByRole('columnheader', { name: 'Cùng kỳ năm trước' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Số lượt người tham dự tuyên truyền về bình đẳng giới' });
  // last year 100 + 200 + 300; this year 1.000 + 2.000 + 3.000: ten times as many
  await expect(row.getByRole('cell', { name: '600', exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: '+900%' })).toBeVisible();
  await shot('06-tong-hop');
  expect(await axe(page)).toEqual([]);
  expect(errors).toEqual([]);
});

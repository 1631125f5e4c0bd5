/**
 * The year's plan on the screens (issue 18): import a plan list, pick the unit for a name that matched none,
 * export the templates (each unit's form with its tasks), import filled files, see the task screen and a unit's
 * tasks on its page. Screenshots; axe-core finds no serious or critical violation on the new screens.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect, test, type Page } from '@playwright/test';
import type { CatalogView } from '../../src/shared/contract';
import type { Period, Unit } from '../../src/shared/domain/records';
import { fillTasks, taskRowsOf } from '../helpers/plan';
import { ROOT, SCREENSHOTS, startHost, watchConsole, type TestHost } from './host';
import { fillTemplate, nav, noToasts, pickOption } from './helpers';
import { seed } from './seed';

const MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

test.use({ bypassCSP: true });
test.describe.configure({ mode: 'serial', timeout: 60_000 });

let host: TestHost;
let page: Page;
let errors: string[];
let catalog: CatalogView;
let period: Period;
let units: Unit[];
const templates = new Map<string, Buffer>();

async function axe(p: Page): Promise<string[]> {
  await noToasts(p);
  await p.addScriptTag({ path: AXE });
  const r = (await p.evaluate(`window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  })`)) as { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> };
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function planList(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kế hoạch');
  ws.addRow(['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn', 'Sản phẩm']);
  ws.addRow(['I', 'CÔNG TÁC TUYÊN TRUYỀN', '', '', '', '']);
  ws.addRow([
    '1',
    'Tuyên truyền Luật Bình đẳng giới',
    'Sở Nội vụ',
    'Sở Tài chính; Sở Tài chánh',
    '30/6/2026',
    'Tin bài',
  ]);
  ws.addRow(['II', 'KIỆN TOÀN BỘ MÁY', '', '', '', '']);
  ws.addRow(['2', 'Kiện toàn Ban Vì sự tiến bộ của phụ nữ', 'Sở Tài chính', '', 'Quý III', 'Quyết định']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test.beforeAll(async ({ browser }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  host = await startHost();
  ({ period, catalog, units } = await seed(host, { submissions: 0 }));
  page = await (await browser.newContext()).newPage();
  errors = watchConsole(page);
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.close();
});

const unit = (code: string) => units.find((u) => u.code === code)!;

test('import a plan list: tasks by section, the misspelt unit kept to resolve', async () => {
  await nav(page, 'Kế hoạch năm');
  await page
    .getByTestId('plan-file')
    .setInputFiles([{ name: 'ke-hoach.xlsx', mimeType: MIME, buffer: await planList() }]);
  await expect(page.getByText('Đã nhập 2 nhiệm vụ, 3 lượt giao cho đơn vị')).toBeVisible();
  await expect(page.getByText('“Sở Tài chánh” chưa khớp đơn vị nào', { exact: false })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Tuyên truyền Luật Bình đẳng giới', exact: false })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'plan-01-nhap-ke-hoach.png'), fullPage: true });
  expect(await axe(page)).toEqual([]);
});

test('resolve the unmatched name: pick the unit it meant', async () => {
  const target = unit('LCA-S03');
  const picker = page.getByRole('combobox', { name: 'Chọn đơn vị cho “Sở Tài chánh”' });
  await picker.click();
  await picker.fill(target.name.replace(/^Sở /, ''));
  await pickOption(page, picker, `${target.name} (${target.code})`);
  await expect(page.getByText('chưa khớp danh sách đơn vị')).toHaveCount(0);
  await expect(
    page.getByRole('cell', { name: new RegExp(`Sở Tài chính, ${target.name}|${target.name}, Sở Tài chính`) }),
  ).toBeVisible();
  const plan = await host.call('plan.get', { year: period.year });
  expect(plan.tasks[0]!.partners.map((u) => u.code).sort()).toEqual(['LCA-S02', 'LCA-S03']);
  await page.screenshot({ path: join(SCREENSHOTS, 'plan-02-da-chon-don-vi.png'), fullPage: true });
});

test('export the templates: each unit has its own tasks, an unassigned unit none', async () => {
  await nav(page, 'Kỳ báo cáo');
  await page.getByRole('tab', { name: 'Mẫu biểu gửi đơn vị' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải mẫu biểu (.zip)' }).click(),
  ]);
  const zip = await JSZip.loadAsync(readFileSync(await download.path()));
  for (const [name, entry] of Object.entries(zip.files))
    if (!entry.dir) templates.set(name, await entry.async('nodebuffer'));
  const tpl = (code: string) => [...templates.entries()].find(([n]) => n.includes(code))![1];
  const plan = await host.call('plan.get', { year: period.year });
  const [t1, t2] = plan.tasks;
  expect((await taskRowsOf(tpl('LCA-S01'))).map((r) => [r.code, r.role])).toEqual([[`NV:${t1!.id}`, 'Chủ trì']]);
  expect((await taskRowsOf(tpl('LCA-S02'))).map((r) => [r.code, r.role])).toEqual([
    [`NV:${t1!.id}`, 'Phối hợp'],
    [`NV:${t2!.id}`, 'Chủ trì'],
  ]);
  expect(await taskRowsOf(tpl('LCA-S04'))).toEqual([]);
});

test('import filled files and see the results per task and on the unit page', async () => {
  const plan = await host.call('plan.get', { year: period.year });
  const [t1, t2] = plan.tasks;
  const tpl = (code: string) => [...templates.entries()].find(([n]) => n.includes(code))![1];
  const s01 = await fillTasks(await fillTemplate(tpl('LCA-S01'), catalog, { base: 100 }), {
    [t1!.id]: { status: 'x', result: 'Đăng 12 tin bài trên cổng thông tin', activities: 12 },
  });
  const s02 = await fillTasks(await fillTemplate(tpl('LCA-S02'), catalog, { base: 50 }), {
    [t1!.id]: { status: 'đang thực hiện' },
    [t2!.id]: { status: 'Đã hoàn thành', result: 'Quyết định kiện toàn số 15/QĐ-UBND' },
  });
  await nav(page, 'Nhập báo cáo');
  await page.getByTestId('import-files-input').setInputFiles([
    { name: 'so-noi-vu.xlsx', mimeType: MIME, buffer: s01 },
    { name: 'so-tai-chinh.xlsx', mimeType: MIME, buffer: s02 },
  ]);
  await page.getByRole('button', { name: 'Nhập 2 tệp' }).click();
  await expect(page.getByText(/Đã nhận/).first()).toBeVisible({ timeout: 30_000 });

  await nav(page, 'Kế hoạch năm');
  await page.getByRole('tab', { name: 'Kết quả thực hiện' }).click();
  const row1 = page.getByRole('row', { name: /Tuyên truyền Luật Bình đẳng giới/ });
  // S01 done, S02 in progress, S03 (resolved partner) sent nothing
  await expect(row1.getByRole('cell')).toContainText(['', '1', 'Tuyên truyền Luật Bình đẳng giới', '1', '1', '0', '1']);
  await row1.getByRole('button', { name: /Mở rộng|Expand/ }).click();
  await expect(page.getByRole('cell', { name: 'Đăng 12 tin bài trên cổng thông tin', exact: true })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'plan-03-ket-qua-nhiem-vu.png'), fullPage: true });
  expect(await axe(page)).toEqual([]);

  await pickOption(page, page.getByRole('combobox', { name: 'Lọc theo tình trạng' }), 'Đã hoàn thành');
  await expect(page.getByRole('row', { name: /Kiện toàn Ban/ })).toBeVisible();

  await page.goto(`${host.url.split('#')[0]}#/don-vi/${unit('LCA-S02').id}`);
  await expect(page.getByText(`Nhiệm vụ Kế hoạch năm ${period.year}`, { exact: false })).toContainText(
    'hoàn thành 1/2',
  );
  await expect(page.getByRole('cell', { name: 'Quyết định kiện toàn số 15/QĐ-UBND', exact: true })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'plan-04-don-vi-nhiem-vu.png'), fullPage: true });
  expect(await axe(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('the paper-entry form shows a unit’s tasks after its figures; a status is picked with the keyboard', async () => {
  const plan = await host.call('plan.get', { year: period.year });
  const t1 = plan.tasks[0]!;
  // a unit given the first task that has not reported yet
  const name = [...t1.lead, ...t1.partners].find((u) => u.code !== 'LCA-S01' && u.code !== 'LCA-S02')!.name;
  await nav(page, 'Báo cáo giấy');
  const picker = page.getByRole('combobox', { name: 'Đơn vị gửi báo cáo' });
  await picker.fill(name);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Mẫu biểu của ${name}`)).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Kết quả thực hiện nhiệm vụ được giao (Kế hoạch năm)' }),
  ).toBeVisible();
  const status = page.getByRole('radiogroup', { name: new RegExp(`${t1.title}.*tình trạng`) });
  await expect(status).toBeVisible();
  await status.getByRole('radio').first().focus();
  await page.keyboard.press('3');
  await expect(status.getByRole('radio', { name: /Chưa thực hiện/ })).toBeChecked();
  await page.keyboard.press('1');
  await expect(status.getByRole('radio', { name: /Đã hoàn thành/ })).toBeChecked();
  await status.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'plan-05-nhap-giay-nhiem-vu.png') });
  expect(await axe(page)).toEqual([]);
  expect(errors).toEqual([]);
});

/**
 * Long lists on the screens (issue 20): with 600 units in the register (300 reported, 300 missing), no screen puts
 * more than a page of rows in the document. The dashboard's late list shows its first rows and "Xem tất cả (n)"
 * opens the whole list a page at a time with a search that ignores diacritics; the drill-down drawer of Tổng hợp
 * is paginated and searchable; the reminder's e-mail addresses are paginated. axe finds no serious or critical
 * violation on the dashboard, the dialog and the drawer.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { getCatalog } from '../../src/main/services/catalog';
import { unitFigures } from '../../src/main/demo/data';
import { createPeriod } from '../../src/main/services/periods';
import { rowsByKind, seedSubmissions, seedUnits } from '../../scripts/bench/national';
import { ROOT, SCREENSHOTS, startHost, watchConsole, type TestHost } from './host';
import { formatNumber } from '../../src/shared/text/vi';
import { nav, noToasts } from './helpers';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const UNITS = 600;
const REPORTED = 300;
/** the largest page any list of the app shows (the units register: 50 a page) */
const MAX_PAGE = 50;
/** a row of a list or table (the catalogue's own tables are bounded by the catalogue: only units' rows count) */
const ROWS =
  '.ant-list-item, .ant-table-tbody > tr.ant-table-row, .ant-transfer-list-content-item, li:has(> a[href^="mailto:"])';
/** every seeded unit is named "Đơn vị thử n", but one ("Xã Đắk Hà Thượng") */
const UNIT_NAME = /Đơn vị thử \d|Đắk Hà Thượng/;

let host: TestHost;
let page: Page;
let errors: string[];
let period: number;

test.describe.configure({ mode: 'serial' });
test.use({ bypassCSP: true });

test.beforeAll(async ({ browser }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  host = await startHost({ today: '2026-08-01' });
  await host.call('settings.update', {
    setupDone: true,
    province: 'Tỉnh Lào Cai',
    agencyParent: 'UBND TỈNH LÀO CAI',
    officer: 'Nguyễn Thị Hoa',
    placeName: 'Lào Cai',
  });
  // 600 units straight into SQLite (the bench's seeding), each with an address; one with a name full of marks
  const { ctx } = host;
  const units = seedUnits(ctx, UNITS);
  ctx.raw.prepare("UPDATE units SET email = 'donvi' || id || '@laocai.gov.vn'").run();
  ctx.raw
    .prepare("UPDATE units SET name = 'Xã Đắk Hà Thượng', search_key = 'xa dak ha thuong' WHERE id = ?")
    .run(units[REPORTED + 7]!.id);
  const p = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
  period = p.id;
  const catalog = getCatalog(ctx.db);
  const keep = rowsByKind(ctx);
  const reported = units.slice(0, REPORTED);
  seedSubmissions(ctx, p.id, reported, (i) =>
    unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 1000 + (i % 120)).filter((v) =>
      keep.get(reported[i]!.kind)!.has(v.element),
    ),
  );
  const context = await browser.newContext();
  page = await context.newPage();
  errors = watchConsole(page);
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
  await host?.close();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}
async function axe(include?: string): Promise<string[]> {
  await noToasts(page);
  await page.addScriptTag({ path: AXE });
  const target = include ? JSON.stringify({ include: [[include]] }) : 'document';
  const result = (await page.evaluate(`window.axe.run(${target}, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  })`)) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const rowsIn = (selector = 'body') =>
  page
    .locator(selector)
    .first()
    .evaluate(
      (el, [sel, name]) => [...el.querySelectorAll(sel)].filter((r) => new RegExp(name).test(r.textContent)).length,
      [ROWS, UNIT_NAME.source] as const,
    );

test('the dashboard shows the first late units and "Xem tất cả" opens the whole list a page at a time', async () => {
  await nav(page, 'Tổng quan');
  const stat = (t: string) => page.locator('.ant-statistic').filter({ hasText: t }).locator('.ant-statistic-content');
  await expect(stat('Chưa nộp')).toHaveText('300');
  await expect(page.getByText('Đơn vị chưa nộp hoặc nộp trễ (300)')).toBeVisible();
  const late = page.getByTestId('late-list');
  await expect(late.locator('.ant-list-item')).toHaveCount(10);
  const before = await rowsIn();
  expect(before).toBeLessThanOrEqual(MAX_PAGE);
  await page.screenshot({ path: join(SCREENSHOTS, 'scale-1-tong-quan.png'), fullPage: true });
  expect(await axe()).toEqual([]);

  await late.getByRole('button', { name: 'Xem tất cả (300)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Đơn vị chưa nộp hoặc nộp trễ (300)' });
  const all = dialog.getByTestId('preview-list-all');
  await expect(all.locator('.ant-list-item')).toHaveCount(20);
  await expect(dialog.getByText('1–20 / 300')).toBeVisible();
  const firstPage = await all.locator('.ant-list-item a').first().textContent();
  await dialog.getByRole('listitem', { name: '2' }).click();
  await expect(dialog.getByText('21–40 / 300')).toBeVisible();
  await expect(all.locator('.ant-list-item')).toHaveCount(20);
  expect(await all.locator('.ant-list-item a').first().textContent()).not.toBe(firstPage);
  // the dialog adds one page of rows, no more
  expect(await rowsIn('.ant-modal')).toBe(20);
  expect(await rowsIn()).toBe(before + 20);
  // the search ignores diacritics and case
  await dialog.getByLabel('Tìm đơn vị').fill('DAK HA');
  await expect(all.locator('.ant-list-item')).toHaveCount(1);
  await expect(all.getByRole('link', { name: 'Xã Đắk Hà Thượng' })).toBeVisible();
  await expect(dialog.getByText('1 đơn vị khớp với “DAK HA”')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'scale-2-xem-tat-ca.png') });
  expect(await axe('.ant-modal')).toEqual([]);
  await dialog.getByLabel('Tìm đơn vị').fill('');
  await expect(all.locator('.ant-list-item')).toHaveCount(20);
  await dialog
    .getByRole('button', { name: 'Close' })
    .or(dialog.getByRole('button', { name: 'Đóng' }))
    .click();
  await expect(dialog).toBeHidden();
});

test('the drill-down drawer of Tổng hợp is paginated and searchable', async () => {
  await nav(page, 'Tổng hợp');
  await page.locator('button.clickable-num').first().click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.getByText(/đơn vị báo cáo; cộng lại/)).toBeVisible();
  // the figure drilled, by the drawer's title (“name – cell”), and the server's rows for it
  const title = (await drawer.locator('.ant-drawer-title').textContent())!;
  const cat = await host.call('catalog.get', {});
  const el = cat.dataElements.find((e) => title.startsWith(`${e.name} – `))!;
  const cell = ({ 'Tổng số': 'total', Nữ: 'female', Nam: 'male', 'Số liệu': 'value' } as const)[
    title.slice(el.name.length + 3) as 'Tổng số'
  ];
  const drill = await host.call('consolidation.drill', { periodId: period, element: el.code, cell });
  const n = drill.rows.length;
  expect(n).toBeGreaterThan(60);
  await expect(drawer.getByText(`${formatNumber(n)} đơn vị báo cáo; cộng lại`)).toBeVisible();
  await expect(drawer.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(20);
  await expect(drawer.getByText(`1–20 / ${formatNumber(n)} đơn vị`)).toBeVisible();
  await drawer.getByRole('listitem', { name: '3' }).click();
  await expect(drawer.getByText(`41–60 / ${formatNumber(n)} đơn vị`)).toBeVisible();
  await expect(drawer.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(20);
  // the search ignores diacritics: “don vi thu 17” finds “Đơn vị thử 17”, “… 170” … among the reporting units
  await drawer.getByLabel('Tìm đơn vị').fill('don vi thu 17');
  const hits = drill.rows.filter((r) => r.unitName.includes('17')).length;
  expect(hits).toBeGreaterThan(0);
  await expect(drawer.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(hits);
  await expect(drawer.getByRole('link', { name: 'Đơn vị thử 17', exact: true })).toBeVisible();
  // the drawer's one page, and the page behind it holds no unit's row
  expect(await rowsIn('.ant-drawer')).toBe(hits);
  expect(await rowsIn()).toBe(hits);
  await page.screenshot({ path: join(SCREENSHOTS, 'scale-3-chi-tiet.png') });
  expect(await axe('.ant-drawer')).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(drawer.getByText(/đơn vị báo cáo; cộng lại/)).toBeHidden();
});

test('no screen renders more than a page of rows', async () => {
  const screens: Array<[string, () => Promise<void>]> = [
    ['Tổng quan', async () => void (await expect(page.getByTestId('late-list')).toBeVisible())],
    ['Đơn vị', async () => void (await expect(page.getByText('Đơn vị thử 1', { exact: true })).toBeVisible())],
    // the inbox lists what came in as files or paper (import_attempts); the seeded reports were written straight
    // into SQLite, so its table is empty here: wait for the screen itself (an earlier screen's rows must not count)
    [
      'Hồ sơ đã nhận',
      async () => {
        await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ đã nhận' })).toBeVisible();
        await expect(page.getByRole('main').getByRole('table')).toBeVisible();
      },
    ],
    ['Tổng hợp', async () => void (await expect(page.locator('button.clickable-num').first()).toBeVisible())],
    ['Kế hoạch', async () => void (await expect(page.getByRole('heading', { level: 1 })).toBeVisible())],
  ];
  for (const [label, ready] of screens) {
    await nav(page, label);
    await ready();
    const n = await rowsIn();
    expect(n, `${label}: ${n} rows`).toBeLessThanOrEqual(MAX_PAGE);
  }
  // Kỳ báo cáo → the period's units to report (a transfer of 600)
  await nav(page, 'Kỳ báo cáo');
  await page.getByRole('tab', { name: 'Đơn vị phải báo cáo (600)' }).click();
  await expect(page.locator('.ant-transfer-list-content-item').first()).toBeVisible();
  expect(await rowsIn()).toBeLessThanOrEqual(2 * 20 + MAX_PAGE);
  // the reminder: 300 units' addresses, a page at a time
  await nav(page, 'Xuất báo cáo');
  await page.getByRole('tab', { name: 'Văn bản đôn đốc' }).click();
  await page.getByRole('button', { name: 'Soạn văn bản đôn đốc' }).click();
  const list = page.getByRole('list', { name: 'Địa chỉ thư điện tử của các đơn vị' });
  await expect(list.getByRole('link')).toHaveCount(50);
  await page.getByRole('listitem', { name: '6' }).click();
  await expect(list.getByRole('link')).toHaveCount(50);
  await expect(list.getByRole('link').first()).toHaveAttribute('href', /^mailto:donvi\d+@laocai\.gov\.vn$/);
  await page.screenshot({ path: join(SCREENSHOTS, 'scale-4-don-doc.png'), fullPage: true });
  expect(errors).toEqual([]);
});

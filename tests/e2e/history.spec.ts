/**
 * Issue 17, history: last year's 6-month period typed in this year (no receipt dates) shows its units as
 * "Nhập bổ sung (không xét hạn)", not late; this year's Tổng hợp shows the previous-year column and the change
 * (not marked: the same units both years), and its indicators' assessments "tạm tính" (4 of the expected units).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fillTemplate, noToasts, pickPeriod } from './helpers';
import { ROOT, SCREENSHOTS, startHost, type TestHost } from './host';
import { UNIT_FIXTURE } from './seed';
import { readFileSync } from 'node:fs';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

async function axeSerious(page: Page): Promise<string[]> {
  await noToasts(page);
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(`window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  })`)) as { violations: Array<{ id: string; impact: string | null }> };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

test.use({ bypassCSP: true });

let host: TestHost;
let p2025: { id: number };
let p2026: { id: number };

test.beforeAll(async () => {
  test.setTimeout(240_000);
  host = await startHost({ today: '2026-06-05' });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await host.call('settings.update', {
    setupDone: true,
    province: 'Tỉnh Lào Cai',
    agencyParent: 'UBND TỈNH LÀO CAI',
    officer: 'Nguyễn Thị Hoa',
    placeName: 'Lào Cai',
  });
  await host.call('units.import', {
    file: { name: 'don-vi.xlsx', bytes: new Uint8Array(readFileSync(UNIT_FIXTURE)) },
  });
  const catalog = await host.call('catalog.get', {});
  const fill = async (periodId: number, n: number, base: number) => {
    const { files } = await host.call('templates.export', { periodId });
    for (const [i, f] of files
      .filter((x) => x.unit)
      .slice(0, n)
      .entries()) {
      const bytes = await fillTemplate(f.bytes, catalog, { base: base * (i + 1) });
      await host.call('imports.file', { periodId, file: { name: f.name, bytes: new Uint8Array(bytes) } });
    }
  };
  // 2025 typed in a year later, without receipt dates: history
  p2025 = await host.call('periods.create', { year: 2025, kind: 'half_year' });
  await fill(p2025.id, 4, 80);
  // 2026 sent on time
  p2026 = await host.call('periods.create', { year: 2026, kind: 'half_year' });
  await fill(p2026.id, 4, 100);
});

test.afterAll(async () => {
  await host?.close();
});

test('last year typed in shows as history on Tổng quan; this year’s Tổng hợp compares with it', async ({ page }) => {
  test.setTimeout(180_000);
  const s = await host.call('status.get', { periodId: p2025.id });
  expect(s).toMatchObject({ received: 4, history: 4, late: 0, onTime: 0 });

  await page.goto(host.url);
  await pickPeriod(page, '6 tháng đầu năm 2025');
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
  const card = page.locator('.ant-card').filter({ hasText: 'Nhập bổ sung (không xét hạn)' }).first();
  await expect(card).toBeVisible();
  await expect(card).toContainText('4');
  await expect(
    page
      .locator('.ant-card')
      .filter({ hasText: /^Trễ hạn/ })
      .first(),
  ).toContainText('0');
  await page.screenshot({ path: join(SCREENSHOTS, '60-lich-su-tong-quan.png'), fullPage: true });
  expect(await axeSerious(page)).toEqual([]);

  await pickPeriod(page, '6 tháng đầu năm 2026');
  // Tổng quan of 2026, 4 of the expected units in: the strategy table's assessments are provisional, and say why
  const expected = (await host.call('status.get', { periodId: p2026.id })).expected;
  expect(expected).toBeGreaterThan(4);
  const why = `Số liệu tổng hợp từ 4/${expected} đơn vị đã gửi báo cáo: kết quả đánh giá là tạm tính.`;
  await expect(page.getByText(why)).toBeVisible();
  await expect(page.getByText(/^(Chưa đạt|Đạt) \(tạm tính\)$/).first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('menuitem', { name: 'Tổng hợp' }).click();
  await expect(page.getByRole('heading', { name: 'Tổng hợp' })).toBeVisible();
  await expect(page.getByText('so sánh với kỳ “6 tháng đầu năm 2025”')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Cùng kỳ năm trước' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'So với cùng kỳ' })).toBeVisible();
  // the figures of both years: 2026 filled at base 100, 2025 at base 80, so a change of +25% shows
  await expect(page.getByRole('cell', { name: '+25%' }).first()).toBeVisible();
  // the same 4 units both years: no change is marked as comparing different coverages
  await expect(page.getByText(/\(\*\*\)/)).toHaveCount(0);
  await page.screenshot({ path: join(SCREENSHOTS, '61-lich-su-tong-hop-cung-ky.png'), fullPage: true });
  expect(await axeSerious(page)).toEqual([]);
  // the same on the indicators' tab, as in the documents
  await page.getByRole('tab', { name: 'Chỉ tiêu' }).click();
  await expect(page.getByText(/^(Chưa đạt|Đạt) \(tạm tính\)$/).first()).toBeVisible();
  await expect(page.getByText(why)).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
});

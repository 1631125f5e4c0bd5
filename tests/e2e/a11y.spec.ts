/**
 * (c) axe-core on every screen: no serious or critical violations (WCAG 2.1 A/AA rules).
 * The app's CSP (script-src 'self') forbids the inline <script> that page.addScriptTag({ path }) creates, so this
 * spec alone runs with bypassCSP; the CSP itself is exercised by the other specs.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT, SCREENSHOTS, startHost, watchConsole, type TestHost } from './host';
import { seed, UNIT_FIXTURE } from './seed';
import { noToasts } from './helpers';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

async function axe(page: Page): Promise<AxeViolation[]> {
  await noToasts(page);
  await page.addScriptTag({ path: AXE });
  // a string, because tests/e2e is type-checked without the DOM lib
  const result = (await page.evaluate(`window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  })`)) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describe(vs: AxeViolation[]): string {
  return vs
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `   ${n.target.join(' ')} – ${n.failureSummary ?? ''}`)
          .join('\n')}`,
    )
    .join('\n');
}

test.use({ bypassCSP: true });

let host: TestHost;
let seeded: Awaited<ReturnType<typeof seed>>;

test.beforeAll(async () => {
  host = await startHost();
  seeded = await seed(host, { submissions: 3 });
});

test.afterAll(async () => {
  await host?.close();
});

test('the welcome form has no serious accessibility violations', async ({ page }) => {
  const fresh = await startHost();
  try {
    await page.goto(fresh.url);
    await expect(page.getByRole('heading', { name: /Chào mừng/ })).toBeVisible();
    const v = await axe(page);
    expect(v, describe(v)).toEqual([]);
  } finally {
    await fresh.close();
  }
});

test('every screen has no serious accessibility violations', async ({ page }) => {
  const errors = watchConsole(page);
  const sub = seeded.results.find((r) => r.submissionId)!;
  const unit = seeded.units[0]!;
  const screens: Array<[string, string]> = [
    ['#/', 'Tổng quan'],
    ['#/don-vi', 'Đơn vị'],
    [`#/don-vi/${unit.id}`, unit.name],
    ['#/ky-bao-cao', 'Kỳ báo cáo'],
    ['#/nhap-bao-cao', 'Nhập báo cáo'],
    [`#/bao-cao/${sub.submissionId}`, 'Báo cáo đơn vị'],
    ['#/tong-hop', 'Tổng hợp'],
    ['#/xuat-bao-cao', 'Xuất báo cáo'],
    ['#/danh-muc', 'Danh mục chỉ tiêu'],
    ['#/cai-dat', 'Cài đặt'],
  ];
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  const failures: string[] = [];
  for (const [hash, heading] of screens) {
    await page.goto(`${host.origin}/${hash}`);
    await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.screenshot({
      path: join(
        SCREENSHOTS,
        `a11y-${String(screens.findIndex(([h]) => h === hash)).padStart(2, '0')}-du-lieu-${hash.replace(/[#/]+/g, '-').replace(/^-|-$/g, '') || 'tong-quan'}.png`,
      ),
    });
    const v = await axe(page);
    if (v.length) failures.push(`${hash}\n${describe(v)}`);
  }
  expect(failures, failures.join('\n\n')).toEqual([]);
  expect(errors).toEqual([]);
});

test('dialogs, drawers and tabs have no serious accessibility violations', async ({ page }) => {
  const failures: string[] = [];
  const check = async (what: string) => {
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
    await page.waitForTimeout(300); // let dialogs and tabs finish their open animation
    const v = await axe(page);
    if (v.length) failures.push(`${what}\n${describe(v)}`);
  };
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();

  await page.goto(`${host.origin}/#/don-vi`);
  await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(page.getByRole('dialog', { name: 'Thêm đơn vị' })).toBeVisible();
  await check('Thêm đơn vị');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Nhập danh sách từ Excel' }).click();
  await page.getByTestId('unit-import-input').setInputFiles(UNIT_FIXTURE);
  await expect(page.getByText(/Xem trước:/)).toBeVisible();
  await check('Nhập danh sách – xem trước');
  await page.keyboard.press('Escape');

  await page.goto(`${host.origin}/#/ky-bao-cao`);
  for (const tab of ['Mẫu biểu gửi đơn vị', 'Đơn vị phải báo cáo (42)', 'Số liệu cấp tỉnh']) {
    await page.getByRole('tab', { name: tab }).click();
    await check(`Kỳ báo cáo › ${tab}`);
  }
  await page.getByRole('button', { name: 'Tạo kỳ báo cáo' }).click();
  await expect(page.getByRole('dialog', { name: 'Tạo kỳ báo cáo' })).toBeVisible();
  await check('Tạo kỳ báo cáo');
  await page.keyboard.press('Escape');

  await page.goto(`${host.origin}/#/tong-hop`);
  for (const tab of ['Theo loại đơn vị', 'Chỉ tiêu']) {
    await page.getByRole('tab', { name: tab }).click();
    await check(`Tổng hợp › ${tab}`);
  }
  await page.getByRole('tab', { name: 'Số liệu tổng hợp' }).click();
  await page.getByRole('button', { name: /^Số lượt người tham dự tuyên truyền về bình đẳng giới – Tổng số/ }).click();
  await expect(page.getByText(/đơn vị báo cáo; cộng lại/)).toBeVisible();
  await check('Tổng hợp › chi tiết');
  await page.keyboard.press('Escape');

  await page.goto(`${host.origin}/#/xuat-bao-cao`);
  await page.getByRole('tab', { name: 'Bản in' }).click();
  await page.getByRole('button', { name: 'Xem bản in' }).click();
  await expect(page.locator('iframe.print-frame')).toBeVisible();
  await check('Xuất báo cáo › Bản in');
  await page.getByRole('tab', { name: 'Văn bản đôn đốc' }).click();
  await page.getByRole('button', { name: 'Soạn văn bản đôn đốc' }).click();
  await expect(page.getByText(/Văn bản gửi \d+ đơn vị/)).toBeVisible();
  await check('Xuất báo cáo › Văn bản đôn đốc');

  await page.goto(`${host.origin}/#/danh-muc`);
  for (const tab of ['Chỉ tiêu tính toán', 'Quy tắc kiểm tra']) {
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    await check(`Danh mục › ${tab}`);
  }
  await page.getByRole('button', { name: 'Thêm chỉ tiêu tính toán' }).click();
  await expect(page.getByRole('dialog', { name: 'Thêm chỉ tiêu tính toán của tỉnh' })).toBeVisible();
  await check('Thêm chỉ tiêu tính toán');
  await page.keyboard.press('Escape');

  const sub = seeded.results.find((r) => r.submissionId)!;
  await page.goto(`${host.origin}/#/bao-cao/${sub.submissionId}`);
  await page
    .getByRole('button', { name: /^Sửa Số lượt người tham dự tuyên truyền về bình đẳng giới – Tổng số/ })
    .click();
  await expect(page.getByRole('dialog', { name: 'Sửa số liệu' })).toBeVisible();
  await check('Sửa số liệu');
  await page.keyboard.press('Escape');

  expect(failures, failures.join('\n\n')).toEqual([]);
});

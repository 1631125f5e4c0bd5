/**
 * (c) axe-core on every screen: no serious or critical violations (WCAG 2.1 A/AA rules).
 * The app's CSP (script-src 'self') forbids the inline <script> that page.addScriptTag({ path }) creates, so this
 * spec alone runs with bypassCSP; the CSP itself is exercised by the other specs.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT, SCREENSHOTS, startHost, watchConsole, type TestHost } from './host';
import { seed } from './seed';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    return w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
  });
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

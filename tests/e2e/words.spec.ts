/**
 * Screens in the officer's words (issue 21): a walk of every screen, tab and dialog, of a seeded province, a fresh
 * one and the demo, failing on any visible catalogue/indicator code without its name on the same screen, an internal
 * id, JSON, or an English word from the list below (units' own codes like "LCA-S01" are allowed). Chart labels count:
 * charts render as SVG, their <text> is read with the page. Each screen is photographed at 1366×768 and checked with
 * axe (no serious or critical violation); axe needs bypassCSP, as in a11y.spec.ts.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { CatalogView } from '../../src/shared/contract';
import { ROOT, SCREENSHOTS, startHost, watchConsole } from './host';
import { seed } from './seed';
import { noToasts } from './helpers';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

/** machine words the officer must never read (whole words, case-sensitive) */
const ENGLISH = [
  'undefined',
  'null',
  'NaN',
  'Infinity',
  'true',
  'false',
  'object Object',
  'Loading',
  'Error',
  'Submit',
  'Cancel',
  'Save',
  'Delete',
  'Search',
  'Settings',
  'Dashboard',
  'Upload',
  'Download',
  'period',
  'submission',
  'received',
  'needs_fix',
  'approved',
  'on_time',
  'missing',
  'closed',
  'count_yes',
  'count_reported',
  'female',
  'male',
  'total',
  'KAD',
  'SHA-256',
  'sha256',
  'schema',
  'migration',
  'rowid',
  'province_value',
  'data_element',
];

const INTERNAL_ID = /\b(periodId|submissionId|unitId|entityId|templateId|element|cell)\s*[:=]/;
const JSON_LIKE = /\{\s*"[^"]+"\s*:|\[\s*\{\s*"/;

test.use({ bypassCSP: true, actionTimeout: 15_000 });

interface Known {
  /** code → the texts that name it (one of them must be on the screen) */
  names: Map<string, string[]>;
}

function known(catalog: CatalogView): Known {
  const names = new Map<string, string[]>();
  const add = (code: string | null | undefined, name: string) => {
    if (!code || code.length < 3 || !/[A-Z]/.test(code)) return;
    names.set(code, [...(names.get(code) ?? []), name]);
  };
  for (const e of catalog.dataElements) {
    add(e.code, e.name);
    add(e.strategyCode, e.name);
  }
  for (const i of catalog.indicators) add(i.code, i.name);
  for (const r of catalog.validationRules) add(r.code, r.message);
  return { names };
}

async function screenText(page: Page): Promise<string> {
  // a string, because tests/e2e is type-checked without the DOM lib
  return (await page.evaluate(`(() => {
    const svg = [...document.querySelectorAll('svg text')].map((t) => t.textContent).join('\\n');
    return document.body.innerText + '\\n' + svg;
  })()`)) as string;
}

function problems(text: string, k: Known): string[] {
  const out: string[] = [];
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const [code, names] of k.names) {
    if (!new RegExp(`(^|[^A-Za-z0-9_.])${esc(code)}($|[^A-Za-z0-9_])`).test(text)) continue;
    if (!names.some((n) => text.includes(n))) out.push(`code without its name: ${code}`);
  }
  // a formula written with codes, e.g. "LDQL.female / LDQL.total"
  const formula = /\b[A-Z][A-Z0-9_]+\.(total|female|male|value)\b/.exec(text);
  if (formula) out.push(`formula with codes: ${formula[0]}`);
  const id = INTERNAL_ID.exec(text);
  if (id) out.push(`internal id: ${id[0]}`);
  const json = JSON_LIKE.exec(text);
  if (json) out.push(`JSON: ${text.slice(json.index, json.index + 60)}`);
  for (const w of ENGLISH)
    if (new RegExp(`(^|[^\\p{L}\\p{N}_-])${esc(w)}($|[^\\p{L}\\p{N}_-])`, 'u').test(text))
      out.push(`English word: ${w}`);
  return out;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

async function axe(page: Page): Promise<string[]> {
  await noToasts(page);
  await page.addScriptTag({ path: AXE });
  const r = (await page.evaluate(`window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  })`)) as { violations: AxeViolation[] };
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} – ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

class Walk {
  failures: string[] = [];
  n = 0;
  constructor(
    private page: Page,
    private k: Known,
    private prefix: string,
  ) {}

  async check(what: string) {
    await expect(this.page.locator('.ant-spin-spinning')).toHaveCount(0);
    await this.page.waitForTimeout(350); // dialogs, tabs and charts finish their animation
    const slug = what
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase();
    await this.page.screenshot({
      path: join(SCREENSHOTS, `words-${this.prefix}-${String(++this.n).padStart(2, '0')}-${slug}.png`),
    });
    for (const p of problems(await screenText(this.page), this.k)) this.failures.push(`${this.prefix} › ${what}: ${p}`);
    for (const v of await axe(this.page)) this.failures.push(`${this.prefix} › ${what}: axe ${v}`);
  }

  async screen(hash: string, heading: string | RegExp) {
    await this.page.goto(`${this.page.url().split('#')[0]}${hash}`);
    await expect(this.page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
    await this.page.waitForLoadState('networkidle');
    await this.check(typeof heading === 'string' ? heading : hash);
  }

  async tabs(names: Array<string | RegExp>, where: string) {
    for (const t of names) {
      await this.page.getByRole('tab', { name: t }).first().click();
      await this.check(`${where} › ${String(t)}`);
    }
  }

  async dialog(button: string | RegExp, name: string | RegExp) {
    await this.page.getByRole('button', { name: button }).first().click();
    await expect(this.page.getByRole('dialog', { name })).toBeVisible();
    await this.check(`hộp thoại ${String(name)}`);
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByRole('dialog', { name })).toBeHidden();
  }
}

/** Every screen, tab and dialog of a province that has a period (and, when given, a submission). */
async function walkAll(w: Walk, page: Page, opts: { submissionId?: number; unitId?: number; units: boolean }) {
  await w.screen('#/', 'Tổng quan');
  await w.screen('#/don-vi', 'Đơn vị');
  await w.dialog('Thêm đơn vị', 'Thêm đơn vị');
  if (opts.units) await w.dialog('Sáp nhập, chia tách', 'Sáp nhập, chia tách đơn vị');
  if (opts.unitId) await w.screen(`#/don-vi/${opts.unitId}`, /./);
  await w.screen('#/ky-bao-cao', 'Kỳ báo cáo');
  if (await page.getByRole('tab', { name: 'Thông tin kỳ' }).count())
    await w.tabs(['Mẫu biểu gửi đơn vị', /^Đơn vị phải báo cáo/, 'Số liệu cấp tỉnh', 'Thông tin kỳ'], 'Kỳ báo cáo');
  await w.dialog('Tạo kỳ báo cáo', 'Tạo kỳ báo cáo');
  await w.screen('#/nhap-bao-cao', 'Nhập báo cáo');
  if (opts.submissionId) {
    await w.screen(`#/bao-cao/${opts.submissionId}`, 'Báo cáo đơn vị');
    // a figure's own "Sửa …" button (not "Sửa ngày nhận", the received-date correction)
    const editValue = page.getByRole('button', { name: /^Sửa (?!ngày nhận)/ });
    if (await editValue.count()) {
      await editValue.first().click();
      await expect(page.getByRole('dialog', { name: 'Sửa số liệu' })).toBeVisible();
      await w.check('hộp thoại Sửa số liệu');
      await page.keyboard.press('Escape');
    }
    if (await page.getByRole('button', { name: 'Cần bổ sung' }).isEnabled()) await w.dialog('Cần bổ sung', /bổ sung/i);
  }
  await w.screen('#/tong-hop', 'Tổng hợp');
  if (await page.getByRole('tab').count()) {
    await w.tabs(['Theo loại đơn vị', 'Chỉ tiêu', 'Số liệu tổng hợp'], 'Tổng hợp');
    const drill = page.locator('button.clickable-num').first();
    if (await drill.count()) {
      await drill.click();
      await expect(page.getByText(/đơn vị báo cáo; cộng lại/)).toBeVisible();
      await w.check('Tổng hợp › chi tiết theo đơn vị');
      await page.keyboard.press('Escape');
    }
  }
  await w.screen('#/xuat-bao-cao', 'Xuất báo cáo');
  if (await page.getByRole('tab', { name: 'Bản in' }).count()) {
    await page.getByRole('tab', { name: 'Bản in' }).click();
    await page.getByRole('button', { name: 'Xem bản in' }).click();
    await expect(page.locator('iframe.print-frame')).toBeVisible();
    await w.check('Xuất báo cáo › Bản in');
    await page.getByRole('tab', { name: 'Văn bản đôn đốc' }).click();
    await page.getByRole('button', { name: 'Soạn văn bản đôn đốc' }).click();
    await expect(page.getByText(/Văn bản gửi \d+ đơn vị/)).toBeVisible();
    await w.check('Xuất báo cáo › Văn bản đôn đốc');
  }
  await w.screen('#/danh-muc', 'Danh mục chỉ tiêu');
  await w.tabs([/^Chỉ tiêu tính toán/, /^Quy tắc kiểm tra/], 'Danh mục');
  await page.getByRole('tab', { name: /^Chỉ tiêu tính toán/ }).click();
  await w.dialog('Thêm chỉ tiêu tính toán', 'Thêm chỉ tiêu tính toán của tỉnh');
  await page
    .getByRole('button', { name: /^Đặt mục tiêu của tỉnh cho/ })
    .first()
    .click();
  await expect(page.getByRole('dialog', { name: /^Mục tiêu của tỉnh/ })).toBeVisible();
  await w.check('hộp thoại Mục tiêu của tỉnh');
  await page.keyboard.press('Escape');
  await page
    .getByRole('tab', { name: /^Chỉ tiêu/ })
    .first()
    .click();
  await w.screen('#/cai-dat', 'Cài đặt');
  await page.getByText('Thông tin kỹ thuật').click();
  await w.check('Cài đặt › Thông tin kỹ thuật');
}

test('a seeded province reads in the officer’s words, charts and change log included', async ({ page }) => {
  test.setTimeout(300_000);
  const host = await startHost();
  try {
    const errors = watchConsole(page);
    const s = await seed(host, { submissions: 3 });
    const sub = s.results.find((r) => r.submissionId)!;
    // a correction and a "cần bổ sung" so the change log and the dashboard have them
    const detail = await host.call('submissions.get', { id: sub.submissionId! });
    const v = detail.values.find((x) => x.value.state === 'number')!;
    await host.call('submissions.correct', {
      id: sub.submissionId!,
      element: v.element,
      cell: v.cell,
      value: { state: 'number', value: 21 },
      reason: 'Đơn vị gọi điện đính chính',
    });
    const other = s.results.filter((r) => r.submissionId)[1]!;
    await host.call('submissions.setStatus', { id: other.submissionId!, status: 'needs_fix', reason: 'Thiếu biểu 2' });

    await page.goto(host.url);
    await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
    const w = new Walk(page, known(s.catalog), 'du-lieu');
    await walkAll(w, page, { submissionId: sub.submissionId!, unitId: s.units[0]!.id, units: true });

    // the dashboard shows the "Cần bổ sung" state; the change log reads as sentences
    await page.goto(`${host.origin}/#/`);
    await expect(page.getByText(/Báo cáo cần bổ sung \(1\)/)).toBeVisible();
    await page.goto(`${host.origin}/#/bao-cao/${sub.submissionId}`);
    await expect(page.getByText(/^Nhập báo cáo của .+, lần 1, \d+ số liệu, kỳ .+, từ tệp “.+”$/)).toBeVisible();
    await expect(page.getByText(/^Sửa “.+” .*thành 21 — lý do: Đơn vị gọi điện đính chính$/)).toBeVisible();
    expect(w.failures, w.failures.join('\n')).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await host.close();
  }
});

test('a fresh province reads in the officer’s words, first steps in the order of the work', async ({ page }) => {
  test.setTimeout(240_000);
  const host = await startHost();
  try {
    const catalog = await host.call('catalog.get', {});
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: /Chào mừng/ })).toBeVisible();
    const w = new Walk(page, known(catalog), 'moi');
    await w.check('Chào mừng');
    await host.call('settings.update', { setupDone: true, province: 'Tỉnh Gia Lai', officer: 'Trần Thị Mai' });
    await page.reload();
    await expect(page.getByText('Bắt đầu công việc')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Mở danh sách đơn vị' })).toBeVisible();
    await walkAll(w, page, { units: false });
    expect(w.failures, w.failures.join('\n')).toEqual([]);
  } finally {
    await host.close();
  }
});

test('the demo reads in the officer’s words', async ({ page }) => {
  test.setTimeout(300_000);
  const host = await startHost();
  try {
    await host.call('app.demo', { open: true });
    const catalog = await host.call('catalog.get', {});
    const periods = await host.call('periods.list', {});
    const subs = await host.call('submissions.list', { periodId: periods[0]!.id });
    const units = await host.call('units.list', {});
    await page.goto(host.url);
    await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
    const w = new Walk(page, known(catalog), 'trinh-dien');
    await walkAll(w, page, { submissionId: subs[0]?.id, unitId: units[0]?.id, units: true });
    expect(w.failures, w.failures.join('\n')).toEqual([]);
  } finally {
    await host.close();
  }
});

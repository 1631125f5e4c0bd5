/** (a) Foundation: the shell loads, every navigation item opens its screen, the API wants its token. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SCREENSHOTS, startHost, watchConsole, type TestHost } from './host';

const SCREENS = [
  { label: 'Tổng quan', hash: '#/', heading: 'Tổng quan', shot: '01-tong-quan' },
  { label: 'Đơn vị', hash: '#/don-vi', heading: 'Đơn vị', shot: '02-don-vi' },
  { label: 'Kỳ báo cáo', hash: '#/ky-bao-cao', heading: 'Kỳ báo cáo', shot: '03-ky-bao-cao' },
  { label: 'Nhập báo cáo', hash: '#/nhap-bao-cao', heading: 'Nhập báo cáo', shot: '04-nhap-bao-cao' },
  { label: 'Tổng hợp', hash: '#/tong-hop', heading: 'Tổng hợp', shot: '05-tong-hop' },
  { label: 'Xuất báo cáo', hash: '#/xuat-bao-cao', heading: 'Xuất báo cáo', shot: '06-xuat-bao-cao' },
  { label: 'Danh mục chỉ tiêu', hash: '#/danh-muc', heading: 'Danh mục chỉ tiêu', shot: '07-danh-muc' },
  { label: 'Cài đặt', hash: '#/cai-dat', heading: 'Cài đặt', shot: '08-cai-dat' },
];

let host: TestHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  host = await startHost();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

test.afterAll(async () => {
  await host?.close();
});

test('the API refuses a request without the token (401)', async ({ request }) => {
  const res = await request.post(`${host.origin}/api/app.info`, { data: {} });
  expect(res.status()).toBe(401);
  const body = (await res.json()) as { ok: boolean; error: { message: string } };
  expect(body.ok).toBe(false);
  expect(body.error.message).toContain('mã truy cập');
  const wrong = await request.post(`${host.origin}/api/app.info`, {
    data: {},
    headers: { Authorization: 'Bearer sai-ma' },
  });
  expect(wrong.status()).toBe(401);
});

test('first run shows the welcome form, then the shell', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: /Chào mừng/ })).toBeVisible();
  // the token left the address bar
  expect(page.url()).not.toContain('token=');
  await page.screenshot({ path: join(SCREENSHOTS, '00-chao-mung.png'), fullPage: true });
  await page.getByLabel('Tỉnh, thành phố').fill('Tỉnh Lào Cai');
  await page.getByLabel(/Cơ quan chủ quản/).fill('UBND TỈNH LÀO CAI');
  await page.getByLabel('Họ và tên cán bộ phụ trách').fill('Nguyễn Thị Hoa');
  await page.getByRole('button', { name: 'Bắt đầu sử dụng' }).click();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  await expect(page.getByRole('banner').getByText('Tỉnh Lào Cai')).toBeVisible();
  expect(errors).toEqual([]);
});

test('every navigation item opens its screen', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(host.url);
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await expect(nav).toBeVisible();
  for (const s of SCREENS) {
    await nav.getByRole('menuitem', { name: s.label }).click();
    await expect(page).toHaveURL(new RegExp(`${s.hash.replace(/[/#]/g, (c) => `\\${c}`)}$`));
    await expect(page.getByRole('heading', { level: 1, name: s.heading, exact: true })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(SCREENSHOTS, `${s.shot}.png`) });
    // no English accessible names (antd icons are named "down", "close"… by default)
    const english = await page.evaluate(`[...document.querySelectorAll('[aria-label]')]
      .filter((el) => !el.closest('[aria-hidden="true"]'))
      .map((el) => el.getAttribute('aria-label'))
      .filter((l) => /^[a-z]+(-[a-z]+)*$/.test(l))`);
    expect(english, `${s.label}: English aria-labels`).toEqual([]);
  }
  expect(errors).toEqual([]);
});

test('the units screen shows the empty state', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('menuitem', { name: 'Đơn vị' }).click();
  await expect(page.getByText('Chưa có đơn vị nào.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nhập danh sách từ Excel' }).first()).toBeVisible();
});

test('a reload keeps working without the token in the address bar', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
});

/** UI helpers shared by the specs. */
import ExcelJS from 'exceljs';
import { expect, type Page } from '@playwright/test';
import type { CatalogView } from '../../src/shared/contract';

export async function nav(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('menuitem', { name: label }).click();
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
}

/**
 * Chooses the working period in the header's list ("Kỳ báo cáo đang làm việc") by its label: the list opened with
 * a click, then arrow keys from the active option to the wanted one and Enter, as a keyboard user does. A mouse
 * click on the option could miss it (CI at dfa0e0b: the page scrolled by one row while the list was placed again,
 * and the list stayed open on the old choice), so no position is raced. Ends when the list has closed on the
 * choice and the choice is the one shown.
 */
export async function pickPeriod(page: Page, label: string): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Kỳ báo cáo đang làm việc' });
  await box.click();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const titles = await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
  const target = titles.findIndex((t) => t.startsWith(label));
  expect(target, `"${label}" among ${titles.join(' | ')}`).toBeGreaterThanOrEqual(0);
  const list = (await box.getAttribute('aria-controls')) ?? 'period-select_list';
  const active = Number(/_(\d+)$/.exec((await box.getAttribute('aria-activedescendant')) ?? '')?.[1] ?? 0);
  const key = target > active ? 'ArrowDown' : 'ArrowUp';
  for (let n = Math.abs(target - active); n > 0; n--) await box.press(key);
  await expect(box).toHaveAttribute('aria-activedescendant', `${list}_${target}`);
  await box.press('Enter');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box.locator('..')).toContainText(label);
}

/** Types a date (dd/mm/yyyy) into an antd DatePicker found by its label and confirms with Enter. */
export async function fillDate(page: Page, label: string | RegExp, ddmmyyyy: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Enter');
  await expect(input).toHaveValue(ddmmyyyy);
}

export interface FillPlan {
  /** base number written in "Tổng số" and "Số liệu" */
  base: number;
  /** element codes whose "Nữ" is made larger than "Tổng số" (a blocking error) */
  breakFemale?: string[];
}

/**
 * Fills an exported template like a unit would: finds the header row with "Mã số", then for every row whose
 * "Mã số" holds a catalogue code writes numbers in "Tổng số" / "Nữ" / "Nam" / "Số liệu" (only the cells the
 * element has), "Có" for yes/no and a sentence for text.
 */
export async function fillTemplate(bytes: Buffer | Uint8Array, catalog: CatalogView, plan: FillPlan): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden')!;
  const elements = new Map(catalog.dataElements.map((e) => [e.code, e]));
  let headerRow = 0;
  const col: Record<string, number> = {};
  ws.eachRow((row, r) => {
    if (headerRow) return;
    row.eachCell((cell, c) => {
      if (String(cell.value ?? '').trim() === 'Mã số') headerRow = r;
      col[String(cell.value ?? '').trim()] = c;
    });
    if (!headerRow) for (const k of Object.keys(col)) delete col[k];
  });
  if (!headerRow) throw new Error('no "Mã số" header row');
  const codeCol = col['Mã số']!;
  const cellCol = { total: col['Tổng số'], female: col['Nữ'], male: col['Nam'], value: col['Số liệu'] };
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const code = String(row.getCell(codeCol).value ?? '').trim();
    const el = elements.get(code);
    if (!el) continue;
    const female = Math.round(plan.base * 0.4);
    for (const cell of el.cells) {
      const c = cellCol[cell];
      if (!c) continue;
      let v: string | number;
      if (el.type === 'yesno') v = 'Có';
      else if (el.type === 'text') v = `Đơn vị đã triển khai đầy đủ (${code}).`;
      else if (cell === 'female') v = plan.breakFemale?.includes(code) ? plan.base * 5 : female;
      else if (cell === 'male') v = plan.base - female;
      else v = plan.base;
      row.getCell(c).value = v;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function isoToVi(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

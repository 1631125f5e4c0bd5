/** UI helpers shared by the specs. */
import ExcelJS from 'exceljs';
import { expect, type Locator, type Page } from '@playwright/test';
import type { CatalogView } from '../../src/shared/contract';

export async function nav(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('menuitem', { name: label }).click();
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
}

/**
 * Chooses an option of an antd Select (`box`, its combobox) as a keyboard user does: the list opened with a click
 * (unless a search typed into it already opened it), then ArrowDown until the active option is the wanted one (its
 * text starts with `wanted`, or matches it), and Enter. A mouse click on the option could miss it (CI at dfa0e0b:
 * the page scrolled by one row while the list was placed again, and the list stayed open on the old choice), so no
 * position is raced. Each key press is waited for (the active option's id changes); the options are walked at most
 * once round (the list wraps), and a wanted option not among them fails naming the ones seen. Ends when the list
 * has closed.
 */
export async function pickOption(page: Page, box: Locator, wanted: string | RegExp): Promise<void> {
  if ((await box.getAttribute('aria-expanded')) !== 'true') await box.click();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const list = await box.getAttribute('aria-controls');
  expect(list, 'the combobox names its list').toBeTruthy();
  const popup = page.locator(`.ant-select-dropdown:has([id="${list}"])`);
  const matches = (t: string): boolean => (typeof wanted === 'string' ? t.startsWith(wanted) : wanted.test(t));
  const seen: string[] = [];
  const start = await box.getAttribute('aria-activedescendant');
  for (;;) {
    const active = popup.locator('.ant-select-item-option-active');
    await expect(active).toHaveCount(1);
    const text = (await active.locator('.ant-select-item-option-content').innerText()).trim();
    if (matches(text)) break;
    seen.push(text);
    const before = await box.getAttribute('aria-activedescendant');
    await box.press('ArrowDown');
    await expect(box).not.toHaveAttribute('aria-activedescendant', before ?? '');
    const now = await box.getAttribute('aria-activedescendant');
    const roundDone = now === start || seen.length > 500;
    expect(roundDone ? null : now, `"${String(wanted)}" among ${seen.join(' | ')}`).not.toBeNull();
  }
  await box.press('Enter');
  await expect(page.locator(`[id="${list}"]`)).toBeHidden();
}

/**
 * Chooses the working period in the header's list ("Kỳ báo cáo đang làm việc") by its label (pickOption), and
 * checks that the choice is the one shown.
 */
export async function pickPeriod(page: Page, label: string): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Kỳ báo cáo đang làm việc' });
  await pickOption(page, box, label);
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

/**
 * Before an axe audit: no toast ("Đã lưu…") still on screen. A toast fading out is not the screen audited, and axe
 * measures its half-faded text's contrast (a fresh-clone CI failed once on one). Toasts last 3 s; none stays.
 */
export async function noToasts(page: Page): Promise<void> {
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
}

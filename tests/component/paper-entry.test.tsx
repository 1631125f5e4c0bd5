/**
 * The paper-entry form (Nhập báo cáo giấy) on the real catalogue: Enter moves to the next cell down the form in the
 * template's order (Có/Không included, cells that do not apply skipped), C / K answer a yes/no row, vi-VN numbers are
 * read as an import reads them, and a validation rule of the catalogue (Nữ ≤ Tổng số) shows its message as she types
 * and blocks the save until it is fixed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntryForm, EntryFormRow } from '../../src/shared/contract/inbox';
import type { Catalog, DataElement } from '../../src/shared/domain/catalog';
import { EntryEditor } from '../../src/renderer/src/pages/entry';
import { readCell, toEntered, readDraft } from '../../src/renderer/src/pages/entry/values';

afterEach(cleanup);

const catalog = JSON.parse(readFileSync(join(__dirname, '../../resources/catalog.json'), 'utf8')) as Catalog;
const elements = new Map<string, DataElement>(catalog.dataElements.map((e) => [e.code, e]));
const sectionName = new Map(catalog.sections.map((s) => [s.code, s.name]));

const rowOf = (code: string): EntryFormRow => {
  const e = elements.get(code)!;
  return {
    element: e.code,
    name: e.name,
    section: e.section,
    sectionName: sectionName.get(e.section) ?? e.section,
    type: e.type,
    unit: e.unit,
    cells: e.cells,
  };
};

// a yes/no row, a by-sex row with a rule (R01: TT_LUOT Nữ ≤ Tổng số), a decimal, a text
const ROWS = ['THD_KEHOACH', 'TT_LUOT', 'KINHPHI', 'TXT_KETQUA'].map(rowOf);
const FORM: EntryForm = {
  periodId: 1,
  unit: { id: 7, code: 'LCA-S01', name: 'Sở Nội vụ', kind: 'so_nganh' },
  rows: ROWS,
  current: {},
  currentRevision: null,
};

function renderEditor() {
  return render(
    <ConfigProvider locale={viVN}>
      <App>
        <QueryClientProvider client={new QueryClient()}>
          <MemoryRouter>
            <EntryEditor form={FORM} rules={catalog.validationRules} elements={elements} onSaved={() => undefined} />
          </MemoryRouter>
        </QueryClientProvider>
      </App>
    </ConfigProvider>,
  );
}

const focusedCell = () => document.activeElement?.closest('[data-entry-cell]')?.getAttribute('data-entry-cell');

describe('paper entry form', () => {
  it('Enter walks the cells down the form in the template order, and C answers Có', async () => {
    renderEditor();
    const order = ROWS.flatMap((r) => r.cells.map((c) => `${r.element}:${c}`));
    // TT_LUOT has no "Nam" cell: its grey cell is not a stop
    expect(screen.getAllByLabelText('Ô không áp dụng').length).toBeGreaterThan(0);
    expect(order).toEqual([
      'THD_KEHOACH:value',
      'TT_LUOT:total',
      'TT_LUOT:female',
      'KINHPHI:value',
      'TXT_KETQUA:value',
    ]);
    const yes = screen.getByRole('radio', { name: 'Có' });
    yes.focus();
    expect(focusedCell()).toBe(order[0]);
    fireEvent.keyDown(yes, { key: 'c' });
    await waitFor(() => expect((screen.getByRole('radio', { name: 'Có' }) as HTMLInputElement).checked).toBe(true));
    for (const next of order.slice(1)) {
      fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
      expect(focusedCell()).toBe(next);
    }
    // Enter on the last cell goes to the save button
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(document.activeElement?.textContent).toContain('Lưu báo cáo');
  });

  it('a rule error of the catalogue shows as she types and blocks the save until fixed', async () => {
    renderEditor();
    const total = screen.getByRole('textbox', { name: /Số lượt người tham dự.* – Tổng số$/ });
    const female = screen.getByRole('textbox', { name: /Số lượt người tham dự.* – Nữ$/ });
    fireEvent.change(total, { target: { value: '1.200' } });
    fireEvent.change(female, { target: { value: '5.000' } });
    await waitFor(() => expect(screen.getByText(/lỗi cần sửa trước khi lưu/)).toBeTruthy());
    expect(screen.getByText(/Nữ = 5\.000, Tổng số = 1\.200/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /Lưu báo cáo/ }).hasAttribute('disabled')).toBe(true);
    fireEvent.change(female, { target: { value: '480' } });
    await waitFor(() => expect(screen.queryByText(/lỗi cần sửa trước khi lưu/)).toBeNull());
    expect(screen.getByRole('button', { name: /Lưu báo cáo/ }).hasAttribute('disabled')).toBe(false);
  });

  it('reads cells as an import reads them: 1.234, 12,5, KAD, a US-style number refused with both readings', () => {
    const int = rowOf('TT_LUOT');
    const dec = rowOf('KINHPHI');
    expect(readCell(int, '1.234')).toEqual({ value: { state: 'number', value: 1234 }, problem: null });
    expect(readCell(dec, '12,5')).toEqual({ value: { state: 'number', value: 12.5 }, problem: null });
    expect(readCell(int, 'kad').value).toEqual({ state: 'na' });
    expect(readCell(int, '12,5').problem).toMatch(/./); // not a whole number
    expect(readCell(dec, '1,234.5').problem).toMatch(/kiểu Việt Nam.*1\.234,5/);
    expect(readCell(int, 'mười').problem).toMatch(/không phải con số/);
    const { values } = readDraft(ROWS, {
      THD_KEHOACH: { value: 'Không' },
      TT_LUOT: { total: '1.200', female: '480' },
      TXT_KETQUA: { value: 'Đã làm.' },
    });
    expect(toEntered(values)).toEqual({
      THD_KEHOACH: { value: false },
      TT_LUOT: { total: 1200, female: 480 },
      TXT_KETQUA: { value: 'Đã làm.' },
    });
  });
});

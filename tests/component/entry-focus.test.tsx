/**
 * Paper entry, keyboard only: "c" on a yes/no cell checks "Có" and puts the focus on it, but never takes the focus
 * back from the next cell when Tab or Enter got there first (a fast typist, a busy machine): what she types next
 * goes into the cell she sees. (CI caught it once in Chromium under load: the focus pulled back to "Có" after Tab.)
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntryFormRow } from '../../src/shared/contract/inbox';
import type { CellKey } from '../../src/shared/domain/catalog';
import { EntryGrid } from '../../src/renderer/src/pages/entry/EntryGrid';
import type { Draft } from '../../src/renderer/src/pages/entry/values';

afterEach(cleanup);

const row = (element: string, name: string, type: EntryFormRow['type']): EntryFormRow => ({
  element,
  name,
  section: 'I',
  sectionName: 'I. Công tác chỉ đạo',
  type,
  unit: type === 'yesno' ? 'có/không' : 'cuộc',
  cells: ['value'],
});
const ROWS = [
  row('THD_KEHOACH', 'Đơn vị có ban hành kế hoạch', 'yesno'),
  row('TT_CUOC', 'Số cuộc tuyên truyền', 'integer'),
];

function Form() {
  const [draft, setDraft] = useState<Draft>({});
  const onChange = (element: string, cell: CellKey, raw: string) =>
    setDraft((d) => ({ ...d, [element]: { ...d[element], [cell]: raw } }));
  return <EntryGrid rows={ROWS} draft={draft} onChange={onChange} problems={new Map()} flagged={new Map()} />;
}

/** lets the choice's deferred focus run */
const afterTimers = () => act(() => new Promise<void>((r) => setTimeout(r, 20)));

describe('yes/no cell and the focus', () => {
  it('"c" checks Có and focuses it when the focus stays in the cell', async () => {
    render(<Form />);
    const radios = screen.getAllByRole('radio');
    radios[2]!.focus(); // "Không áp dụng", say: the key decides
    fireEvent.keyDown(radios[2]!, { key: 'c' });
    await afterTimers();
    const yes = screen.getByRole('radio', { name: 'Có' }) as HTMLInputElement;
    expect(yes.checked).toBe(true);
    expect(document.activeElement).toBe(yes);
  });

  it('does not take the focus back from the next cell reached before the render', async () => {
    render(<Form />);
    const first = screen.getAllByRole('radio')[0]!;
    first.focus();
    fireEvent.keyDown(first, { key: 'c' });
    // Tab, handled by the browser before the deferred focus runs: the next cell has the focus
    const next = screen.getByRole('textbox', { name: 'Số cuộc tuyên truyền – Số liệu' });
    next.focus();
    await afterTimers();
    expect((screen.getByRole('radio', { name: 'Có' }) as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(next);
  });
});

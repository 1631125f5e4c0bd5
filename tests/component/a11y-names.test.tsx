/**
 * Names for what antd leaves unnamed (renderer a11y.ts): a Select's open list (rc-select's `role="listbox"` has no
 * name, so a screen reader announced an unnamed list) takes its combobox's name, from the Form.Item's label or the
 * Select's own aria-label; an icon-only button's English icon name becomes Vietnamese.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Button, Form, Select } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hideIconNames } from '../../src/renderer/src/a11y';

beforeAll(() => hideIconNames(document));
afterEach(cleanup);

const OPTIONS = [
  { value: 'S01', label: 'Sở Nội vụ' },
  { value: 'S02', label: 'Sở Y tế' },
];

async function openList(combobox: HTMLElement): Promise<HTMLElement> {
  fireEvent.mouseDown(combobox);
  return waitFor(() => {
    const list = document.getElementById(`${combobox.id}_list`);
    if (!list) throw new Error('the list is not open');
    return list;
  });
}

describe("a Select's open list has its combobox's name", () => {
  it("from the Form.Item's label", async () => {
    render(
      <Form>
        <Form.Item label="Đơn vị gửi báo cáo" name="unit">
          <Select options={OPTIONS} />
        </Form.Item>
      </Form>,
    );
    const list = await openList(screen.getByRole('combobox', { name: 'Đơn vị gửi báo cáo' }));
    expect(list.getAttribute('role')).toBe('listbox');
    await waitFor(() => expect(list.getAttribute('aria-label')).toBe('Đơn vị gửi báo cáo'));
  });

  it("from the Select's own aria-label", async () => {
    render(<Select aria-label="Kỳ báo cáo" options={OPTIONS} />);
    const list = await openList(screen.getByRole('combobox', { name: 'Kỳ báo cáo' }));
    await waitFor(() => expect(list.getAttribute('aria-label')).toBe('Kỳ báo cáo'));
  });
});

describe('icons', () => {
  it("an icon-only button's English icon name is said in Vietnamese", async () => {
    render(<Button icon={<CloseOutlined />} />);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Đóng' })).toBeTruthy());
  });
});

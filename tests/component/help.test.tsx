/** A short help per screen, one click away. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PageHeader } from '../../src/renderer/src/components/common';
import { HELP } from '../../src/renderer/src/help';

const SCREENS = [
  'Tổng quan',
  'Đơn vị',
  'Thông tin đơn vị',
  'Kỳ báo cáo',
  'Nhập báo cáo',
  'Báo cáo đơn vị',
  'Tổng hợp',
  'Xuất báo cáo',
  'Danh mục chỉ tiêu',
  'Cài đặt',
];

describe('help per screen', () => {
  it('has what-and-next for every screen', () => {
    for (const s of SCREENS) {
      expect(HELP[s]?.what.length, s).toBeGreaterThan(20);
      expect(HELP[s]?.next.length, s).toBeGreaterThan(0);
    }
  });

  it('opens from the page header in one click', async () => {
    render(<PageHeader title="Nhập báo cáo" />);
    fireEvent.click(screen.getByRole('button', { name: 'Trợ giúp: Nhập báo cáo' }));
    await waitFor(() => expect(screen.getByText('Việc tiếp theo')).toBeTruthy());
    expect(screen.getByText(HELP['Nhập báo cáo']!.what)).toBeTruthy();
  });
});

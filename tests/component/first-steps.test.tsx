/** One word per thing: the first steps follow the order of the work; a closed period is "Đã khóa sổ". */
import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { FirstSteps } from '../../src/renderer/src/components/common';
import { PERIOD_STATUS_LABEL } from '../../src/renderer/src/labels';

describe('first steps', () => {
  it('lists đơn vị → kỳ báo cáo → mẫu biểu → nhập báo cáo and starts with the units', () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
    render(
      <QueryClientProvider client={qc}>
        <MemoryRouter>
          <FirstSteps />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const text = document.body.textContent ?? '';
    const order = ['Lập danh sách đơn vị', 'Tạo kỳ báo cáo', 'Gửi mẫu biểu', 'Nhập báo cáo'].map((t) =>
      text.indexOf(t),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // with no unit yet, the next thing to do is the unit list, not a period
    expect(screen.getByRole('button', { name: 'Mở danh sách đơn vị' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Tạo kỳ báo cáo' })).toBeNull();
  });

  it('names a closed period with the lock verb', () => {
    expect(PERIOD_STATUS_LABEL.closed).toBe('Đã khóa sổ');
  });
});

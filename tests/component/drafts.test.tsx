/** Nothing typed is lost: drafts survive leaving a screen, per period, until saved or discarded; no false "Đã lưu". */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { afterEach, describe, expect, it } from 'vitest';
import type { Period } from '../../src/shared/domain/records';
import { PeriodInfo } from '../../src/renderer/src/pages/periods/PeriodInfo';
import { readDraft, useDraft } from '../../src/renderer/src/state/drafts';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

function DocNumber({ periodId }: { periodId: number }) {
  const [v, set, clear] = useDraft(`export.docNumber:${periodId}`, '');
  return (
    <>
      <input aria-label="Số văn bản" value={v} onChange={(e) => set(e.target.value)} />
      <button onClick={clear}>Xóa</button>
    </>
  );
}

const period = (id: number): Period => ({
  id,
  year: 2026,
  kind: 'half_year',
  label: `Kỳ ${id}`,
  dataFrom: '2026-01-01',
  dataTo: '2026-06-30',
  deadline: '2026-07-15',
  templateId: 1,
  templateCode: 'BC-BDG-DV',
  templateVersion: 1,
  status: 'open',
  expected: 3,
  note: null,
});

function wrap(node: React.ReactNode) {
  const qc = new QueryClient();
  return (
    <QueryClientProvider client={qc}>
      <ConfigProvider locale={viVN}>
        <App>{node}</App>
      </ConfigProvider>
    </QueryClientProvider>
  );
}

describe('drafts', () => {
  it('keeps "Số văn bản" across leaving and coming back, per period, until cleared', () => {
    const first = render(<DocNumber periodId={1} />);
    fireEvent.change(screen.getByLabelText('Số văn bản'), { target: { value: '125' } });
    first.unmount(); // she goes to another screen
    const again = render(<DocNumber periodId={1} />);
    expect((screen.getByLabelText('Số văn bản') as HTMLInputElement).value).toBe('125');
    again.unmount();
    // another period has its own draft
    const other = render(<DocNumber periodId={2} />);
    expect((screen.getByLabelText('Số văn bản') as HTMLInputElement).value).toBe('');
    other.unmount();
    render(<DocNumber periodId={1} />);
    fireEvent.click(screen.getByText('Xóa'));
    expect((screen.getByLabelText('Số văn bản') as HTMLInputElement).value).toBe('');
    expect(readDraft('export.docNumber:1')).toBeUndefined();
  });

  it('keeps the period form while away; "Bỏ thay đổi" takes it back', async () => {
    const first = render(wrap(<PeriodInfo period={period(7)} />));
    fireEvent.change(screen.getByLabelText('Tên kỳ'), { target: { value: 'Sơ kết 6 tháng 2026' } });
    await waitFor(() => expect(screen.getByText('Có thay đổi chưa lưu.')).toBeTruthy());
    first.unmount();
    render(wrap(<PeriodInfo period={period(7)} />));
    expect((screen.getByLabelText('Tên kỳ') as HTMLInputElement).value).toBe('Sơ kết 6 tháng 2026');
    fireEvent.click(screen.getByRole('button', { name: 'Bỏ thay đổi' }));
    await waitFor(() => expect((screen.getByLabelText('Tên kỳ') as HTMLInputElement).value).toBe('Kỳ 7'));
    expect(readDraft('period.info:7')).toBeUndefined();
  });

  it('never says "Đã lưu" when nothing changed', async () => {
    render(wrap(<PeriodInfo period={period(8)} />));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu thông tin kỳ' }));
    await waitFor(() => expect(screen.getByText('Không có thay đổi nào cần lưu.')).toBeTruthy());
    expect(screen.queryByText('Đã lưu thông tin kỳ báo cáo.')).toBeNull();
  });
});

/** The import results: the new statuses counted and explained, grey-cell values apart, "Vẫn nhập…" for BLANKING. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src/shared/domain/report';
import { ImportResults, type ResultRow } from '../../src/renderer/src/pages/import/ImportResults';

const base = (file: string, over: Partial<ImportResult>): ResultRow => ({
  key: file,
  file,
  status: 'accepted',
  unit: null,
  unitName: null,
  revision: null,
  submissionId: null,
  errors: [],
  warnings: [],
  ...over,
});

const ROWS: ResultRow[] = [
  base('so-noi-vu.xlsx', {
    unit: 'LCA-S01',
    unitName: 'Sở Nội vụ',
    revision: 1,
    submissionId: 1,
    warnings: [{ code: 'RULE', message: 'Một cảnh báo thường.' }],
    notCounted: [{ code: 'VALUE_IN_GREY_CELL', message: 'Ô không áp dụng (nền xám) được ghi số liệu: X, dòng 12.' }],
  }),
  base('khong-ro.xlsx', {
    status: 'unidentified',
    errors: [{ code: 'UNKNOWN_UNIT', message: 'Không xác định được đơn vị gửi báo cáo.' }],
  }),
  base('a.xlsx', { status: 'duplicate', unit: 'LCA-S02', unitName: 'Sở Tài chính', duplicateOf: ['b.xlsx'] }),
  base('b.xlsx', { status: 'duplicate', unit: 'LCA-S02', unitName: 'Sở Tài chính', duplicateOf: ['a.xlsx'] }),
  base('so-noi-vu-lan-2.xlsx', {
    status: 'rejected',
    unit: 'LCA-S01',
    unitName: 'Sở Nội vụ',
    errors: [{ code: 'BLANKING', message: 'Bản gửi mới để trống 2 ô mà lần gửi thứ 1 có số liệu.' }],
    blanked: [
      { element: 'TT_LUOT', name: 'Số lượt người tham dự tuyên truyền', cell: 'female', previous: '40' },
      { element: 'TT_SO', name: 'Số cuộc tuyên truyền', cell: 'value', previous: '1.234' },
    ],
  }),
];

function renderResults(onImportAgain: (key: string) => Promise<ImportResult>) {
  return render(
    <ConfigProvider locale={viVN}>
      <App>
        <MemoryRouter>
          <ImportResults results={ROWS} done={5} total={5} running={false} onImportAgain={onImportAgain} />
        </MemoryRouter>
      </App>
    </ConfigProvider>,
  );
}

afterEach(cleanup);

describe('ImportResults', () => {
  it('counts and explains every status, and sets grey-cell values apart from the warnings', () => {
    renderResults(() => Promise.reject(new Error('not called')));
    expect(screen.getByText('Đã nhận: 1')).toBeTruthy();
    expect(screen.getByText('Bị từ chối: 1')).toBeTruthy();
    expect(screen.getByText('Không thay đổi: 0')).toBeTruthy();
    expect(screen.getByText('Chưa rõ đơn vị: 1')).toBeTruthy();
    expect(screen.getByText('Trùng đơn vị trong đợt: 2')).toBeTruthy();
    expect(screen.getByText(/^Tệp chưa rõ đơn vị: chưa ghi gì/)).toBeTruthy();
    expect(screen.getAllByText(/^Hai tệp của cùng một đơn vị: .*hãy nhập riêng tệp đúng/)).toHaveLength(2);
    const block = screen.getByRole('group', { name: 'Ô không áp dụng, không được tính' });
    expect(within(block).getByText(/dòng 12/)).toBeTruthy();
    expect(within(block).queryByText('Một cảnh báo thường.')).toBeNull();
    expect(screen.getByText('Một cảnh báo thường.')).toBeTruthy();
    // only the BLANKING refusal offers "Vẫn nhập…"
    expect(screen.getAllByRole('button', { name: 'Vẫn nhập…' })).toHaveLength(1);
  });

  it('"Vẫn nhập…" lists the cells, and confirming imports that one file again', async () => {
    const asked: string[] = [];
    renderResults((key) => {
      asked.push(key);
      return Promise.resolve({ ...ROWS[4]!, status: 'accepted', revision: 2, submissionId: 2, errors: [] });
    });
    fireEvent.click(screen.getByRole('button', { name: 'Vẫn nhập…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Vẫn nhập tệp này?')).toBeTruthy();
    expect(within(dialog).getByText('Số lượt người tham dự tuyên truyền')).toBeTruthy();
    expect(within(dialog).getByText('Nữ')).toBeTruthy();
    expect(within(dialog).getByText('1.234')).toBeTruthy();
    expect(
      within(dialog).getByText('Các ô này sẽ để trống trong bản mới; số liệu cũ vẫn xem được ở lần gửi trước.'),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vẫn nhập' }));
    await waitFor(() => expect(asked).toEqual(['so-noi-vu-lan-2.xlsx']));
  });
});

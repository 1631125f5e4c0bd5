/**
 * The form as it looks in the file: its rows (the title, the header rows shown as headers, the data rows) and
 * columns by letter, each figure column headed by the role the layout gives it. The row chosen in the proposals
 * is shown (its page opened) and marked.
 */
import { Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { LayoutColumns, LayoutPreviewRow, LayoutSuggestion } from '../../../../shared/contract/layouts';
import { formatNumber } from '../../../../shared/text/vi';
import { roleOf } from './review';

const PAGE = 25;

export function FormPreview({
  suggestion,
  columns,
  focusRow,
}: {
  suggestion: LayoutSuggestion;
  columns: LayoutColumns;
  focusRow: number | null;
}) {
  const { preview, headerRows } = suggestion;
  const [page, setPage] = useState(1);
  useEffect(() => {
    if (focusRow === null) return;
    const i = preview.rows.findIndex((r) => r.row === focusRow);
    if (i >= 0) setPage(Math.floor(i / PAGE) + 1);
  }, [focusRow, preview.rows]);
  const isHeader = (r: LayoutPreviewRow) => headerRows.includes(r.row);
  return (
    <section aria-label="Mẫu biểu như trong tệp">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        Trang tính “{suggestion.sheet}”, dòng tiêu đề bảng: {headerRows.join(', ')}. Hiện{' '}
        {formatNumber(preview.rows.length)} dòng đầu của mẫu.
      </Typography.Paragraph>
      <Table<LayoutPreviewRow>
        size="small"
        bordered
        rowKey="row"
        dataSource={preview.rows}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
        rowClassName={(r) =>
          [isHeader(r) ? 'layout-preview-header' : '', r.row === focusRow ? 'layout-preview-focus' : '']
            .filter(Boolean)
            .join(' ')
        }
        columns={[
          {
            title: 'Dòng',
            dataIndex: 'row',
            width: 56,
            align: 'right',
            fixed: 'left',
          },
          ...preview.columns.map((col) => {
            const role = roleOf(columns, col);
            return {
              key: col,
              title: (
                <span>
                  {col}
                  {role ? (
                    <Tag color="blue" style={{ marginInlineStart: 6 }}>
                      {role}
                    </Tag>
                  ) : null}
                </span>
              ),
              render: (_: unknown, r: LayoutPreviewRow) => {
                const t = r.cells[col] ?? '';
                return isHeader(r) ? <strong>{t}</strong> : t;
              },
              onCell: () => ({ style: { maxWidth: 360, whiteSpace: 'normal' as const } }),
            };
          }),
        ]}
      />
    </section>
  );
}

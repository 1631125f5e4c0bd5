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
  // the label column wide, the others as narrow as figures
  const labelColumn = (suggestion as { labelColumn?: unknown }).labelColumn;
  const widthOf = (col: string) => (col === labelColumn ? 200 : 72);
  // a title line above the table (one cell written) reads across the form, as in the merged cells of the file
  const firstHeader = Math.min(...headerRows);
  const titleCol = (r: LayoutPreviewRow): string | null => {
    if (r.row >= firstHeader) return null;
    const written = preview.columns.filter((c) => (r.cells[c] ?? '').trim());
    return written.length === 1 ? written[0]! : null;
  };
  return (
    // the form may be wider than its pane: the pane scrolls, and takes the focus so the keyboard can scroll it
    <section aria-label="Mẫu biểu như trong tệp" tabIndex={0} style={{ overflowX: 'auto' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        Trang tính “{suggestion.sheet}”, dòng tiêu đề bảng: {headerRows.join(', ')}. Hiện{' '}
        {formatNumber(preview.rows.length)} dòng đầu của mẫu.
      </Typography.Paragraph>
      <Table<LayoutPreviewRow>
        size="small"
        bordered
        rowKey="row"
        dataSource={preview.rows}
        tableLayout="fixed"
        style={{ minWidth: 52 + preview.columns.reduce((w, c) => w + widthOf(c), 0) }}
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
            width: 52,
            align: 'right',
          },
          ...preview.columns.map((col) => {
            const role = roleOf(columns, col);
            return {
              key: col,
              title: (
                <span>
                  {col}
                  {role ? (
                    <Tag color="blue" style={{ display: 'table', marginTop: 2 }}>
                      {role}
                    </Tag>
                  ) : null}
                </span>
              ),
              render: (_: unknown, r: LayoutPreviewRow) => {
                const t = r.cells[col] ?? '';
                return isHeader(r) ? <strong>{t}</strong> : t;
              },
              width: widthOf(col),
              onCell: (r: LayoutPreviewRow) => {
                const t = titleCol(r);
                if (!t) return {};
                const at = preview.columns.indexOf(t);
                const here = preview.columns.indexOf(col);
                return { colSpan: here < at ? 1 : here === at ? preview.columns.length - at : 0 };
              },
            };
          }),
        ]}
      />
    </section>
  );
}

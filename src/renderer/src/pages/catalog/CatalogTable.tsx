/** A catalogue list (elements, indicators, rules): small, keyed by code, 20 rows a page. */
import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { PAGE_OF_20 } from '../../components/common';

export function CatalogTable<T extends { code: string }>({
  rows,
  columns,
}: {
  rows: T[];
  columns: TableColumnsType<T>;
}) {
  return <Table<T> size="small" rowKey="code" dataSource={rows} pagination={PAGE_OF_20} columns={columns} />;
}

/** A catalogue code, small and grey beside the name it belongs to (never alone). */
export function CodeNote({ code }: { code: string }) {
  return (
    <Typography.Text type="secondary" className="code-note">
      {code}
    </Typography.Text>
  );
}

/**
 * The "Chỉ tiêu" column: the name with its code small and grey beside it, marked "Của tỉnh" when the province added
 * it, then what `after` adds.
 */
export function nameColumn<T extends { code: string; name: string; local?: boolean }>(after: (row: T) => ReactNode) {
  return {
    title: 'Chỉ tiêu',
    dataIndex: 'name',
    render: (name: string, row: T) => (
      <>
        {name} <CodeNote code={row.code} />
        {row.local ? (
          <Tag color="purple" style={{ marginInlineStart: 6 }}>
            Của tỉnh
          </Tag>
        ) : null}
        {after(row)}
      </>
    ),
  };
}

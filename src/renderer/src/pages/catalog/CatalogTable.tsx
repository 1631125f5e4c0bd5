/** A catalogue list (elements, indicators, rules): small, keyed by code, 20 rows a page. */
import { Table, Tag, type TableColumnsType } from 'antd';
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

/** The "Chỉ tiêu" column: the name, marked "Của tỉnh" when the province added it, then what `after` adds. */
export function nameColumn<T extends { name: string; local?: boolean }>(after: (row: T) => ReactNode) {
  return {
    title: 'Chỉ tiêu',
    dataIndex: 'name',
    render: (name: string, row: T) => (
      <>
        {name}
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

/** A form-like sheet of rows (section headings and figures): small, bordered, sticky header, not paged. */
import { Table, type TableProps } from 'antd';

export function SheetTable<R extends { key: string }>({
  rows,
  columns,
  rowClassName,
}: {
  rows: R[];
  columns: NonNullable<TableProps<R>['columns']>;
  rowClassName?: (r: R) => string;
}) {
  return (
    <Table<R>
      size="small"
      bordered
      rowKey="key"
      pagination={false}
      dataSource={rows}
      columns={columns}
      rowClassName={rowClassName}
      sticky
      tableLayout="fixed"
    />
  );
}

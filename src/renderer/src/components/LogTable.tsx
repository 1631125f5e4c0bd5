/** Entries listed by time (the audit log, the recent imports): small, keyed by id, the moment first. */
import { Table, type TableColumnsType } from 'antd';
import { formatDateTime } from '../../../shared/text/vi';
import { PAGE_OF_20 } from './common';

export function LogTable<T extends { id: number; at: string }>({
  rows,
  columns,
  loading,
  empty,
  paged,
}: {
  rows: T[];
  /** the columns after "Thời điểm" */
  columns: TableColumnsType<T>;
  loading?: boolean;
  empty: string;
  /** 20 entries a page (otherwise all on one) */
  paged?: boolean;
}) {
  return (
    <Table<T>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={rows}
      pagination={paged ? PAGE_OF_20 : false}
      locale={{ emptyText: empty }}
      columns={[
        { title: 'Thời điểm', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
        ...columns,
      ]}
    />
  );
}

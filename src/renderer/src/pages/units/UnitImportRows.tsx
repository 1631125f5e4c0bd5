/** A unit-list import row by row (new, updated, unchanged, error), then the rows skipped without a unit. */
import { Alert, Table, Tag, Typography } from 'antd';
import type { UnitImportResult } from '../../../../shared/contract';
import type { UnitKind } from '../../../../shared/domain/catalog';
import { UNIT_KIND_LABEL } from '../../labels';

const ACTION_LABEL: Record<string, { text: string; color: string }> = {
  new: { text: 'Thêm mới', color: 'green' },
  update: { text: 'Cập nhật', color: 'blue' },
  same: { text: 'Không đổi', color: 'default' },
  error: { text: 'Lỗi', color: 'red' },
};

export function UnitImportRows({ result }: { result: UnitImportResult }) {
  const others = result.errors.filter((e) => !result.rows.some((r) => r.row === e.row));
  return (
    <>
      <Table
        size="small"
        rowKey={(r) => `${r.row}-${r.code}`}
        dataSource={result.rows}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: 'Dòng', dataIndex: 'row', width: 70 },
          { title: 'Mã', dataIndex: 'code', width: 110 },
          { title: 'Tên đơn vị', dataIndex: 'name' },
          {
            title: 'Loại',
            dataIndex: 'kind',
            width: 170,
            render: (k: UnitKind | null) => (k ? UNIT_KIND_LABEL[k] : ''),
          },
          {
            title: 'Kết quả',
            dataIndex: 'action',
            width: 260,
            render: (a: string, r) => (
              <>
                <Tag color={ACTION_LABEL[a]?.color}>{ACTION_LABEL[a]?.text ?? a}</Tag>
                {r.message ? (
                  <Typography.Text type="danger" style={{ display: 'block' }}>
                    {r.message}
                  </Typography.Text>
                ) : null}
              </>
            ),
          },
        ]}
      />
      {others.length ? (
        <Alert
          type="warning"
          style={{ marginTop: 12 }}
          title="Các dòng khác bị bỏ qua"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {others.map((e) => (
                <li key={e.row}>{e.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </>
  );
}

/** The register as a table: name (with merger links), kind, contact, state, edit and stop/restart. */
import { Button, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { UnitKind } from '../../../../shared/domain/catalog';
import type { Unit } from '../../../../shared/domain/records';
import { compareVi } from '../../../../shared/text/vi';
import { UNIT_KIND_LABEL } from '../../labels';
import { UnitStateTag } from './UnitState';

export function UnitsTable({
  rows,
  units,
  loading,
  onEdit,
  onToggleActive,
}: {
  rows: Unit[];
  /** the whole register, to name merger links */
  units: Unit[];
  loading: boolean;
  onEdit: (u: Unit) => void;
  onToggleActive: (u: Unit) => void;
}) {
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const names = (ids: number[]) => ids.map((id) => byId.get(id)?.name ?? `#${id}`).join(', ');
  return (
    <Table<Unit>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      scroll={{ x: 1040 }}
      locale={{ emptyText: 'Không có đơn vị nào khớp với điều kiện tìm' }}
      columns={[
        { title: 'Mã', dataIndex: 'code', width: 105, sorter: (a, b) => compareVi(a.code, b.code) },
        {
          title: 'Tên đơn vị',
          dataIndex: 'name',
          sorter: (a, b) => compareVi(a.name, b.name),
          render: (_: unknown, u) => (
            <Space orientation="vertical" size={0}>
              <Link to={`/don-vi/${u.id}`}>{u.name}</Link>
              {u.successorIds.length ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  Đã sáp nhập vào: {names(u.successorIds)}
                </Typography.Text>
              ) : null}
              {u.predecessorIds.length ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  Kế thừa: {names(u.predecessorIds)}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        {
          title: 'Loại',
          dataIndex: 'kind',
          width: 170,
          render: (k: UnitKind) => UNIT_KIND_LABEL[k],
          sorter: (a, b) => compareVi(UNIT_KIND_LABEL[a.kind], UNIT_KIND_LABEL[b.kind]),
        },
        {
          title: 'Liên hệ',
          width: 270,
          render: (_: unknown, u) => (
            <div style={{ fontSize: 13, lineHeight: 1.45 }}>
              {u.contact ? (
                <div>
                  {u.contact}
                  {u.position ? <Typography.Text type="secondary">, {u.position}</Typography.Text> : null}
                </div>
              ) : null}
              {u.phone ? <div>{u.phone}</div> : null}
              {u.email ? <div style={{ wordBreak: 'break-all' }}>{u.email}</div> : null}
              {!u.contact && !u.phone && !u.email ? <Typography.Text type="secondary">Chưa có</Typography.Text> : null}
            </div>
          ),
        },
        {
          title: 'Trạng thái',
          width: 170,
          render: (_: unknown, u) => <UnitStateTag unit={u} />,
        },
        {
          title: 'Thao tác',
          width: 150,
          fixed: 'right',
          render: (_: unknown, u) => (
            <Space size={4}>
              <Button size="small" onClick={() => onEdit(u)} aria-label={`Sửa ${u.name}`}>
                Sửa
              </Button>
              <Button
                size="small"
                danger={u.active}
                onClick={() => onToggleActive(u)}
                aria-label={`${u.active ? 'Ngừng theo dõi' : 'Kích hoạt'} ${u.name}`}
              >
                {u.active ? 'Ngừng' : 'Kích hoạt'}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}

/** The data elements units report: searchable, filtered by section. */
import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { CatalogView } from '../../../../shared/contract';
import type { CellKey, DataElement } from '../../../../shared/domain/catalog';
import { matchesSearch } from '../../../../shared/text/vi';
import { useOp } from '../../api/client';
import { CELL_LABEL, VALUE_TYPE_LABEL } from '../../labels';
import { reportersText } from './reporters';
import { isUnverified, UNVERIFIED_LABEL } from './targets';
import { ReportersModal } from './ReportersModal';
import { CatalogTable, nameColumn } from './CatalogTable';

const columns = (
  units: Array<{ code: string; name: string; kind: string }>,
  edit: (e: DataElement) => void,
): TableColumnsType<DataElement> => [
  nameColumn<DataElement>((e) => (
    <>
      {e.sensitive ? (
        <Tag color="volcano" style={{ marginInlineStart: 6 }}>
          Nhạy cảm
        </Tag>
      ) : null}
      {Object.entries(e.targets ?? {})
        .filter(([, t]) => isUnverified(t))
        .map(([y]) => (
          <Tag key={y} color="gold" style={{ marginInlineStart: 6 }}>
            Mục tiêu {y} {UNVERIFIED_LABEL}
          </Tag>
        ))}
    </>
  )),
  { title: 'Mục', dataIndex: 'section', width: 60 },
  { title: 'Đơn vị tính', dataIndex: 'unit', width: 110 },
  { title: 'Kiểu', dataIndex: 'type', width: 110, render: (t: DataElement['type']) => VALUE_TYPE_LABEL[t] },
  {
    title: 'Ô số liệu',
    dataIndex: 'cells',
    width: 150,
    render: (cells: CellKey[]) => cells.map((c) => CELL_LABEL[c]).join(', '),
  },
  {
    title: 'Đơn vị báo cáo',
    width: 260,
    render: (_: unknown, e) => (
      <Flex vertical gap={4} align="start">
        <span>{reportersText(e, units)}</span>
        {e.collectedFrom === 'units' ? (
          <Button size="small" onClick={() => edit(e)} aria-label={`Chọn đơn vị báo cáo ${e.code}`}>
            Chọn đơn vị
          </Button>
        ) : null}
      </Flex>
    ),
  },
];

export function ElementsTab({ catalog }: { catalog: CatalogView }) {
  const [q, setQ] = useState('');
  const [section, setSection] = useState<string>('all');
  const [editing, setEditing] = useState<DataElement | null>(null);
  const units = useOp('units.list', { activeOnly: true });
  const rows = useMemo(
    () =>
      catalog.dataElements.filter(
        (e) => (section === 'all' || e.section === section) && matchesSearch(`${e.code} ${e.name}`, q),
      ),
    [catalog, q, section],
  );
  return (
    <>
      <Flex gap={12} style={{ marginBottom: 12 }} wrap>
        <Input
          allowClear
          prefix={<SearchOutlined aria-hidden />}
          aria-label="Tìm chỉ tiêu"
          placeholder="Tìm theo mã hoặc tên"
          style={{ width: 320 }}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <Select
          aria-label="Lọc theo mục"
          style={{ width: 420 }}
          value={section}
          onChange={setSection}
          options={[
            { value: 'all', label: 'Tất cả các mục' },
            ...catalog.sections.map((s) => ({ value: s.code, label: `${s.code}. ${s.name}` })),
          ]}
        />
      </Flex>
      <CatalogTable rows={rows} columns={columns(units.data ?? [], setEditing)} />
      {editing ? <ReportersModal element={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

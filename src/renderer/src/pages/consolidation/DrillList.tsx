/** One consolidated figure taken apart: each unit's value, with the sum. */
import { Input, Table, Typography, type TableColumnsType } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { DrillRow } from '../../../../shared/contract';
import type { CellKey, DataElement, UnitKind } from '../../../../shared/domain/catalog';
import { compareVi, formatNumber } from '../../../../shared/text/vi';
import { useUnitSearch } from '../../components/useUnitSearch';
import { useOp } from '../../api/client';
import { ErrorBox, Loading } from '../../components/common';
import { UNIT_KIND_LABEL } from '../../labels';

function shown(r: DrillRow): string {
  if (r.na) return 'Không áp dụng';
  if (typeof r.value === 'boolean') return r.value ? 'Có' : 'Không';
  if (typeof r.value === 'number') return formatNumber(r.value, 4);
  return r.value ?? '';
}

const COLUMNS: TableColumnsType<DrillRow> = [
  {
    title: 'Đơn vị',
    dataIndex: 'unitName',
    render: (v: string, r) => <Link to={`/bao-cao/${r.submissionId}`}>{v}</Link>,
  },
  { title: 'Loại', dataIndex: 'kind', width: 170, render: (k: UnitKind) => UNIT_KIND_LABEL[k] },
  { title: 'Giá trị', width: 120, align: 'right', render: (_: unknown, r) => shown(r) },
];

const drillRowText = (r: DrillRow): string => r.unitName;

/** rows a page: the drawer never holds every unit of the country */
export const DRILL_PAGE = 20;

export function DrillList({ periodId, element, cell }: { periodId: number; element: DataElement; cell: CellKey }) {
  const q = useOp('consolidation.drill', { periodId, element: element.code, cell });
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const deferred = useDeferredValue(query);
  const sorted = useMemo(() => {
    const rows = [...(q.data?.rows ?? [])].sort((a, b) => compareVi(a.unitName, b.unitName));
    const sum = rows.reduce((s, r) => s + (typeof r.value === 'number' ? r.value : r.value === true ? 1 : 0), 0);
    return { rows, sum };
  }, [q.data]);
  const shown = useUnitSearch(sorted.rows, drillRowText, deferred);
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorBox error={q.error} />;
  const { rows, sum } = sorted;
  return (
    <>
      <Typography.Paragraph>
        {formatNumber(rows.length)} đơn vị báo cáo; cộng lại: <strong>{formatNumber(sum, 4)}</strong>
        {element.type === 'yesno' ? ' đơn vị trả lời “Có”' : ` ${element.unit}`}.
      </Typography.Paragraph>
      {rows.length > DRILL_PAGE ? (
        <Input.Search
          allowClear
          aria-label="Tìm đơn vị"
          placeholder="Tìm đơn vị (gõ có dấu hay không dấu đều được)"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setPage(1);
          }}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      <Table<DrillRow>
        size="small"
        rowKey="submissionId"
        dataSource={shown}
        columns={COLUMNS}
        locale={{ emptyText: 'Không có đơn vị nào khớp với từ tìm kiếm.' }}
        pagination={{
          current: page,
          pageSize: DRILL_PAGE,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (total, [a, b]) => `${formatNumber(a)}–${formatNumber(b)} / ${formatNumber(total)} đơn vị`,
        }}
      />
    </>
  );
}

/** Each element's main figure by kind of unit, beside the province's total. */
import { Empty, Typography } from 'antd';
import { useMemo } from 'react';
import type { Consolidation } from '../../../../shared/domain/report';
import { formatNumber } from '../../../../shared/text/vi';
import { SheetTable } from '../../components/SheetTable';
import { UNIT_KIND_LABEL } from '../../labels';
import type { CatalogIndex } from '../../state/catalog';
import { figureColumn, mainValue, toMap, useRows, type Row } from './rows';

export function ByKind({ c, index }: { c: Consolidation; index: CatalogIndex }) {
  const rows = useRows(index);
  const kinds = c.byKind.map((k) => k.kind);
  const maps = useMemo(() => new Map(c.byKind.map((k) => [k.kind, toMap(k.values)])), [c.byKind]);
  const total = useMemo(() => toMap(c.values), [c.values]);
  if (!kinds.length) return <Empty description="Chưa có số liệu." />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        Mỗi ô là số liệu chính của chỉ tiêu (tổng số, hoặc số liệu khi chỉ tiêu không chia theo giới).
      </Typography.Paragraph>
      <SheetTable<Row>
        rows={rows}
        columns={[
          {
            title: 'Chỉ tiêu',
            onCell: (r) => (r.section ? { colSpan: kinds.length + 2 } : {}),
            render: (_: unknown, r) =>
              r.section ? (
                <Typography.Text strong>{r.section}</Typography.Text>
              ) : (
                <>
                  {r.element!.name}
                  <Typography.Text type="secondary"> ({r.element!.unit})</Typography.Text>
                </>
              ),
          },
          ...kinds.map((k) =>
            figureColumn(UNIT_KIND_LABEL[k], 130, (el) => {
              const x = mainValue(maps.get(k), el);
              return x ? formatNumber(x.value) : '—';
            }),
          ),
          figureColumn('Toàn tỉnh', 120, (el) => {
            const x = mainValue(total, el);
            return x ? <strong>{formatNumber(x.value)}</strong> : '—';
          }),
        ]}
      />
    </>
  );
}

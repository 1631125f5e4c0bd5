/** Tổng hợp: consolidated figures by section (Tổng số / Nữ / Nam / tỷ lệ nữ), drill-down, by kind, indicators. */
import { Alert, Drawer, Tabs } from 'antd';
import { useState } from 'react';
import type { CellKey, DataElement } from '../../../../shared/domain/catalog';
import { formatNumber } from '../../../../shared/text/vi';
import { useOp } from '../../api/client';
import { ErrorBox, Loading, PeriodPage } from '../../components/common';
import { CELL_LABEL } from '../../labels';
import { useCatalog } from '../../state/catalog';
import { ByKind } from './ByKind';
import { DrillList } from './DrillList';
import { IndicatorsTab } from './IndicatorsTab';
import { Texts } from './Texts';
import { ValuesTable } from './ValuesTable';

export function ConsolidationPage() {
  return (
    <PeriodPage
      title="Tổng hợp"
      sub={(period) =>
        `Kỳ báo cáo: ${period.label}. Số liệu lấy từ lần nộp mới nhất của mỗi đơn vị; tỷ lệ được tính lại từ tổng, không lấy trung bình.`
      }
    >
      {(id) => <ConsolidationBody periodId={id} />}
    </PeriodPage>
  );
}

function ConsolidationBody({ periodId }: { periodId: number }) {
  const q = useOp('consolidation.get', { periodId });
  const { index } = useCatalog();
  const [drill, setDrill] = useState<{ element: DataElement; cell: CellKey } | null>(null);
  if (q.isLoading || !index) return <Loading />;
  if (q.error || !q.data) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`${formatNumber(c.reporting.received)}/${formatNumber(c.reporting.expected)} đơn vị đã báo cáo (${formatNumber(c.reporting.onTime)} đúng hạn${c.reporting.history ? `, ${formatNumber(c.reporting.history)} nhập bổ sung không xét hạn` : ''})${c.previous ? `; so sánh với kỳ “${c.previous.label}”` : ''}.`}
      />
      <Tabs
        items={[
          {
            key: 'values',
            label: 'Số liệu tổng hợp',
            children: <ValuesTable c={c} index={index} onDrill={(element, cell) => setDrill({ element, cell })} />,
          },
          { key: 'kind', label: 'Theo loại đơn vị', children: <ByKind c={c} index={index} /> },
          { key: 'indicators', label: 'Chỉ tiêu', children: <IndicatorsTab c={c} index={index} /> },
          {
            key: 'texts',
            label: `Ý kiến của đơn vị (${formatNumber(c.texts.length)})`,
            children: <Texts c={c} index={index} />,
          },
        ]}
      />
      <Drawer
        open={!!drill}
        onClose={() => setDrill(null)}
        size={640}
        title={drill ? `${drill.element.name} – ${CELL_LABEL[drill.cell]}` : ''}
        destroyOnHidden
      >
        {drill ? <DrillList periodId={periodId} element={drill.element} cell={drill.cell} /> : null}
      </Drawer>
    </>
  );
}

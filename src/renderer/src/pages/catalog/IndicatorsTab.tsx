/** The computed indicators: their formula, national targets, the province's own targets (editable). */
import { Button, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { CatalogView } from '../../../../shared/contract';
import type { Indicator } from '../../../../shared/domain/catalog';
import { formulaWords } from '../../../../shared/text/formula';
import { formatNumber } from '../../../../shared/text/vi';
import { CatalogTable, nameColumn } from './CatalogTable';
import { TargetModal } from './TargetModal';
import { isUnverified, targetStr, UNVERIFIED_LABEL } from './targets';

const YEARS = ['2025', '2030'];

export function IndicatorsTab({ catalog }: { catalog: CatalogView }) {
  const [editing, setEditing] = useState<Indicator | null>(null);
  const names = useMemo(() => new Map(catalog.dataElements.map((e) => [e.code, e.name])), [catalog]);
  const nameOf = (code: string) => names.get(code);
  const columns: TableColumnsType<Indicator> = [
    nameColumn<Indicator>((i) => (
      <div style={{ fontSize: 12, color: '#595959' }}>
        = {formulaWords(i.numerator, nameOf)} ÷ {formulaWords(i.denominator, nameOf)}
        {i.factor !== 1 ? ` × ${formatNumber(i.factor)}` : ''}
        {i.note ? <div style={{ fontStyle: 'italic' }}>Ghi chú: {i.note}</div> : null}
      </div>
    )),
    ...YEARS.map((y) => ({
      title: `Mục tiêu ${y} (quốc gia)`,
      width: 130,
      render: (_: unknown, i: Indicator) => (
        <>
          {targetStr(i.targets[y], i.unit)}
          {isUnverified(i.targets[y]) ? (
            <Tag color="gold" style={{ marginInlineStart: 6 }} title="Giá trị chưa đối chiếu được với văn bản gốc">
              {UNVERIFIED_LABEL}
            </Tag>
          ) : null}
        </>
      ),
    })),
    {
      title: 'Mục tiêu của tỉnh',
      width: 190,
      render: (_: unknown, i: Indicator) => {
        const pt = catalog.provinceTargets[i.code];
        const entries = pt ? Object.entries(pt).sort(([a], [b]) => a.localeCompare(b)) : [];
        return entries.length ? entries.map(([y, t]) => <div key={y}>{`${y}: ${targetStr(t, i.unit)}`}</div>) : '—';
      },
    },
    {
      title: '',
      width: 120,
      render: (_: unknown, i: Indicator) => (
        <Button size="small" onClick={() => setEditing(i)} aria-label={`Đặt mục tiêu của tỉnh cho ${i.name}`}>
          Đặt mục tiêu
        </Button>
      ),
    },
  ];

  return (
    <>
      <CatalogTable rows={catalog.indicators} columns={columns} />
      {editing ? <TargetModal catalog={catalog} indicator={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

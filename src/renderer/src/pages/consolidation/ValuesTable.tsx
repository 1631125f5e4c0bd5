/**
 * The province's figures per element: Tổng số / Nữ / Nam, the women's share, units reporting, last year. When last
 * year's figure comes from a different number of units than this period's (units still to report, units merged),
 * the change is marked (**) and the table says, as the documents do, that it is only indicative.
 */
import { Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { CellKey, DataElement } from '../../../../shared/domain/catalog';
import type { Consolidation } from '../../../../shared/domain/report';
import { coverageDiffers as countsDiffer } from '../../../../shared/rules/coverage';
import { COVERAGE_NOTE } from '../../../../shared/text/labels';
import { formatNumber } from '../../../../shared/text/vi';
import { SheetTable } from '../../components/SheetTable';
import { CELL_LABEL } from '../../labels';
import type { CatalogIndex } from '../../state/catalog';
import { figureColumn, mainValue, toMap, useRows, vkey, type Row, type VMap } from './rows';

export function ValuesTable({
  c,
  index,
  onDrill,
}: {
  c: Consolidation;
  index: CatalogIndex;
  onDrill: (el: DataElement, cell: CellKey) => void;
}) {
  const rows = useRows(index);
  const v = useMemo(() => toMap(c.values), [c.values]);
  const prev = useMemo(() => (c.previous ? toMap(c.previous.values) : null), [c.previous]);
  const shares = useMemo(() => new Map(c.femaleShares.map((s) => [s.code, s.percent])), [c.femaleShares]);
  const NCOLS = 7 + (prev ? 2 : 0);
  /** the units an element's figures come from in a period (the most over its cells, as "Số đơn vị báo cáo") */
  const unitsIn = (m: VMap, el: DataElement) =>
    Math.max(0, ...el.cells.map((cell) => m.get(vkey(el.code, cell))?.units ?? 0));
  /** both periods have the element's figure, from different numbers of units (a province figure has no units) */
  const coverageDiffers = (el: DataElement): boolean =>
    !!prev &&
    el.collectedFrom !== 'province' &&
    mainValue(v, el) !== undefined &&
    countsDiffer(unitsIn(v, el), unitsIn(prev, el), mainValue(prev, el)?.value);
  const anyDiffers = rows.some((r) => r.element && coverageDiffers(r.element));

  const figure = (el: DataElement, cell: CellKey) => {
    if (!el.cells.includes(cell)) return null;
    const x = v.get(vkey(el.code, cell));
    if (!x) return <span aria-label="Chưa có số liệu">—</span>;
    const text = el.type === 'yesno' ? `${formatNumber(x.value)} đơn vị trả lời Có` : formatNumber(x.value);
    if (el.collectedFrom === 'province') return text;
    return (
      <button
        type="button"
        className="clickable-num"
        onClick={() => onDrill(el, cell)}
        aria-label={`${el.name} – ${CELL_LABEL[cell]}: ${text}. Xem các đơn vị`}
      >
        {text}
      </button>
    );
  };

  const table = (
    <SheetTable<Row>
      rows={rows}
      columns={[
        {
          title: 'Chỉ tiêu',
          onCell: (r) => (r.section ? { colSpan: NCOLS } : {}),
          render: (_: unknown, r) =>
            r.section ? (
              <Typography.Text strong>{r.section}</Typography.Text>
            ) : r.element ? (
              <>
                {r.element.name}
                <Typography.Text type="secondary"> ({r.element.unit})</Typography.Text>
                {r.element.collectedFrom === 'province' ? <Tag style={{ marginInlineStart: 6 }}>Cấp tỉnh</Tag> : null}
              </>
            ) : null,
        },
        ...(['total', 'female', 'male'] as CellKey[]).map((cell) =>
          figureColumn(CELL_LABEL[cell], 105, (el) => figure(el, cell)),
        ),
        figureColumn('Tỷ lệ nữ', 85, (el) => {
          if (!el.cells.includes('female')) return null;
          const p = shares.get(el.code);
          return p === undefined ? '—' : `${formatNumber(p, 1)}%`;
        }),
        figureColumn(CELL_LABEL.value, 105, (el) => figure(el, 'value')),
        figureColumn('Số đơn vị báo cáo', 100, (el) => {
          const n = unitsIn(v, el);
          if (!n) return '—';
          if (!prev || !coverageDiffers(el)) return formatNumber(n);
          return (
            <>
              {formatNumber(n)}
              <br />
              <Typography.Text type="secondary">(cùng kỳ: {formatNumber(unitsIn(prev, el))})</Typography.Text>
            </>
          );
        }),
        ...(prev
          ? [
              figureColumn('Cùng kỳ năm trước', 110, (el) => {
                const x = mainValue(prev, el);
                return x ? formatNumber(x.value) : '—';
              }),
              figureColumn('So với cùng kỳ', 110, (el) => {
                const change = changeText(mainValue(v, el)?.value, mainValue(prev, el)?.value);
                return coverageDiffers(el) ? `${change} (**)` : change;
              }),
            ]
          : []),
      ]}
    />
  );
  if (!anyDiffers) return table;
  return (
    <>
      {table}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        (**) {COVERAGE_NOTE}
      </Typography.Paragraph>
    </>
  );
}

/** The change from last year's figure: "+12,5%" (or "+3" when last year's was 0); "—" when either is missing. */
export function changeText(now: number | undefined, before: number | undefined): string {
  if (now === undefined || before === undefined) return '—';
  if (before === 0) return now === 0 ? '0' : `${now > 0 ? '+' : ''}${formatNumber(now)}`;
  const pct = ((now - before) * 100) / Math.abs(before);
  return `${pct > 0 ? '+' : ''}${formatNumber(pct, 1)}%`;
}

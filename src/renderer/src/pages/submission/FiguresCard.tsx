/**
 * The submission's figures as the form: warnings and corrections marked per cell, a cell opens its correction;
 * another revision can be shown beside each figure, with the number of cells that differ.
 */
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Card, Flex, Select, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { SubmissionDetail } from '../../../../shared/contract';
import { CELL_KEYS, type CellKey, type DataElement } from '../../../../shared/domain/catalog';
import type { AuditEntry, CellValue, Finding, Period } from '../../../../shared/domain/records';
import { formatDate, formatNumber } from '../../../../shared/text/vi';
import { useOp } from '../../api/client';
import { SheetTable } from '../../components/SheetTable';
import { cellKey, sameValue, valueMap, valueText } from '../../components/values';
import { CELL_LABEL } from '../../labels';
import type { CatalogIndex } from '../../state/catalog';
import { formRows, type FormRow } from './formRows';

export function FiguresCard({
  detail,
  index,
  period,
  values,
  audit,
  editable,
  onEdit,
}: {
  detail: SubmissionDetail;
  index: CatalogIndex;
  period: Period | null;
  values: Map<string, CellValue>;
  audit: AuditEntry[];
  editable: boolean;
  onEdit: (element: DataElement, cell: CellKey) => void;
}) {
  const s = detail.submission;
  const [compareId, setCompareId] = useState<number | null>(null);
  const other = useOp('submissions.get', { id: compareId ?? 0 }, { enabled: compareId !== null });
  const otherValues = useMemo(() => (other.data ? valueMap(other.data.values) : null), [other.data]);
  const findingsByCell = useMemo(() => {
    const m = new Map<string, Finding[]>();
    for (const f of detail.findings) {
      if (!f.element) continue;
      const keys = f.cell ? [cellKey(f.element, f.cell)] : CELL_KEYS.map((c) => cellKey(f.element!, c));
      for (const k of keys) m.set(k, [...(m.get(k) ?? []), f]);
    }
    return m;
  }, [detail.findings]);
  const corrected = useMemo(() => {
    const set = new Set<string>();
    for (const e of audit) {
      const a = e.after as { element?: string; cell?: CellKey } | null;
      if (e.action === 'correct' && a?.element && a.cell) set.add(cellKey(a.element, a.cell));
    }
    return set;
  }, [audit]);
  const rows = useMemo(() => formRows(index, period, detail.values), [index, period, detail.values]);
  const usedCells = useMemo(() => CELL_KEYS.filter((c) => rows.some((r) => r.element?.cells.includes(c))), [rows]);
  const changed = (k: string) => (otherValues ? !sameValue(values.get(k), otherValues.get(k)) : false);
  const diffCount = useMemo(() => {
    if (!otherValues) return 0;
    let n = 0;
    for (const r of rows)
      for (const c of r.element?.cells ?? []) {
        const k = cellKey(r.element!.code, c);
        if (!sameValue(values.get(k), otherValues.get(k))) n++;
      }
    return n;
  }, [rows, values, otherValues]);

  const figure = (el: DataElement, cell: CellKey) => {
    const k = cellKey(el.code, cell);
    const v = values.get(k);
    const text = valueText(v) || '—';
    const fs = findingsByCell.get(k);
    const body = editable ? (
      <button
        type="button"
        className="clickable-num"
        aria-label={`Sửa ${el.name} – ${CELL_LABEL[cell]}: ${valueText(v) || 'trống'}`}
        onClick={() => onEdit(el, cell)}
        style={{ textAlign: el.type === 'text' ? 'left' : 'right', whiteSpace: 'pre-wrap' }}
      >
        {text}
      </button>
    ) : (
      <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>
    );
    return (
      <div>
        {fs ? (
          <Tooltip title={fs.map((f) => f.message).join('\n')}>
            <ExclamationCircleOutlined
              style={{ color: '#ad6800', marginInlineEnd: 4 }}
              aria-label={`Cảnh báo: ${fs.map((f) => f.message).join('; ')}`}
            />
          </Tooltip>
        ) : null}
        {body}
        {otherValues ? (
          <div style={{ fontSize: 12, color: '#595959' }} title="Giá trị ở lần nộp đang so sánh">
            {valueText(otherValues.get(k)) || '—'}
          </div>
        ) : null}
      </div>
    );
  };

  const hide = (r: FormRow) => (r.kind === 'section' ? { colSpan: 0 } : {});
  const columns = [
    {
      title: 'STT',
      width: 56,
      onCell: (r: FormRow) => (r.kind === 'section' ? { colSpan: 2 + usedCells.length } : {}),
      render: (_: unknown, r: FormRow) =>
        r.kind === 'section' ? <Typography.Text strong>{r.sectionName}</Typography.Text> : r.stt,
    },
    {
      title: 'Chỉ tiêu',
      onCell: hide,
      render: (_: unknown, r: FormRow) =>
        r.element ? (
          <>
            {r.element.name}
            <Typography.Text type="secondary"> ({r.element.unit})</Typography.Text>
          </>
        ) : null,
    },
    ...usedCells.map((cell) => ({
      title: CELL_LABEL[cell],
      width: 130,
      align: 'right' as const,
      onCell: (r: FormRow) => {
        if (r.kind === 'section') return { colSpan: 0 };
        const el = r.element!;
        if (!el.cells.includes(cell)) return { style: { background: '#f5f5f5' } };
        const k = cellKey(el.code, cell);
        const cls = changed(k)
          ? 'cell-changed'
          : findingsByCell.has(k)
            ? 'cell-warning'
            : corrected.has(k)
              ? 'cell-corrected'
              : '';
        return { className: cls };
      },
      render: (_: unknown, r: FormRow) => (r.element?.cells.includes(cell) ? figure(r.element, cell) : null),
    })),
  ];

  return (
    <Card
      size="small"
      title="Số liệu báo cáo"
      extra={
        detail.revisions.length > 1 ? (
          <Flex align="center" gap={8}>
            <label htmlFor="compare-rev">So sánh với:</label>
            <Select
              id="compare-rev"
              allowClear
              placeholder="Chọn lần nộp khác"
              style={{ width: 260 }}
              value={compareId ?? undefined}
              onChange={(v?: number) => setCompareId(v ?? null)}
              options={detail.revisions
                .filter((r) => r.id !== s.id)
                .map((r) => ({ value: r.id, label: `Lần ${r.revision} – nhận ${formatDate(r.receivedAt)}` }))}
            />
            {otherValues ? (
              <Tag color={diffCount ? 'gold' : 'green'}>
                {diffCount ? `${formatNumber(diffCount)} ô khác nhau` : 'Không khác nhau'}
              </Tag>
            ) : null}
          </Flex>
        ) : null
      }
    >
      {editable ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          Bấm vào một số liệu để sửa (phải ghi lý do). Ô nền vàng nhạt có cảnh báo; ô nền xanh đã được sửa.
        </Typography.Paragraph>
      ) : null}
      <SheetTable<FormRow>
        rows={rows}
        columns={columns}
        rowClassName={(r) => (r.kind === 'section' ? 'section-row' : '')}
      />
    </Card>
  );
}

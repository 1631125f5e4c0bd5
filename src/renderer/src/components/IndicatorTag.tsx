import { Tag } from 'antd';
import type { IndicatorResult } from '../../../shared/domain/report';
import { PROVISIONAL } from '../../../shared/text/labels';
import { formatNumber } from '../../../shared/text/vi';
import { OP_LABEL } from '../labels';

/**
 * Đạt / Chưa đạt; "(tạm tính)" when the figure comes from part of the units expected (shared/rules/coverage.ts),
 * as the documents write it.
 */
export function MetTag({ met, provisional = false }: { met: boolean | null; provisional?: boolean }) {
  if (met === null) return <Tag>Chưa đủ số liệu</Tag>;
  const tail = provisional ? ` (${PROVISIONAL})` : '';
  return met ? <Tag color="green">{`Đạt${tail}`}</Tag> : <Tag color="red">{`Chưa đạt${tail}`}</Tag>;
}

export function targetText(t: IndicatorResult['target'], unit = ''): string {
  if (!t) return '';
  const u = unit === '%' ? '%' : unit ? ` ${unit}` : '';
  return `${OP_LABEL[t.op] ?? t.op} ${formatNumber(t.value)}${u} (${t.year}${t.source === 'province' ? ', tỉnh' : ''})`;
}

import { Tag } from 'antd';
import type { IndicatorResult } from '../../../shared/domain/report';
import { formatNumber } from '../../../shared/text/vi';
import { OP_LABEL } from '../labels';

export function MetTag({ met }: { met: boolean | null }) {
  if (met === null) return <Tag>Chưa đủ số liệu</Tag>;
  return met ? <Tag color="green">Đạt</Tag> : <Tag color="red">Chưa đạt</Tag>;
}

export function targetText(t: IndicatorResult['target'], unit = ''): string {
  if (!t) return '';
  const u = unit === '%' ? '%' : unit ? ` ${unit}` : '';
  return `${OP_LABEL[t.op] ?? t.op} ${formatNumber(t.value)}${u} (${t.year}${t.source === 'province' ? ', tỉnh' : ''})`;
}

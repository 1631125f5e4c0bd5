/** Targets as the catalogue screen writes them: "≥ 60%". */
import type { CompareOp, Target } from '../../../../shared/domain/catalog';
import { formatNumber } from '../../../../shared/text/vi';
import { OP_LABEL } from '../../labels';

const OPS: CompareOp[] = ['>=', '>', '<=', '<', '=='];
export const OP_OPTIONS = OPS.map((o) => ({ value: o, label: OP_LABEL[o] }));

export function targetStr(t: Target | undefined, unit: string): string {
  if (!t) return '—';
  return `${OP_LABEL[t.op]} ${formatNumber(t.value)}${unit === '%' ? '%' : ''}`;
}

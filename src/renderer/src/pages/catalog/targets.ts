/** Targets as the catalogue screen writes them: "≥ 60%". */
import type { CompareOp, Target } from '../../../../shared/domain/catalog';
import { formatNumber } from '../../../../shared/text/vi';
import { OP_LABEL } from '../../labels';

const OPS: CompareOp[] = ['>=', '>', '<=', '<', '=='];
export const OP_OPTIONS = OPS.map((o) => ({ value: o, label: OP_LABEL[o] }));

export function targetStr(t: Target | undefined, unit: string): string {
  if (!t) return '—';
  if (t.wording) return t.wording;
  return `${OP_LABEL[t.op]} ${formatNumber(t.value)}${unit === '%' ? '%' : ''}`;
}

/** "chưa xác minh" when the target of that year was not checked against the text. */
export const UNVERIFIED_LABEL = 'chưa xác minh';
export const isUnverified = (t: Target | undefined): boolean => t?.verified === 'unverified';

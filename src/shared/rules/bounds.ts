/**
 * The range a figure may take, wherever it comes from (an imported cell, a correction, a paper entry, a province
 * value): counts are whole numbers from 0 to 1.000.000.000, decimals up to 1.000.000.000.000 in size; negative
 * only where the catalogue allows it. Nothing outside (and no Infinity or NaN) reaches the database.
 */
import type { DataElement } from '../domain/catalog';
import { formatNumber } from '../text/vi';

export const MAX_COUNT = 1_000_000_000;
export const MAX_DECIMAL = 1_000_000_000_000;

export type BoundsProblem = { code: 'OUT_OF_RANGE' | 'TYPE_NEGATIVE' | 'TYPE_NOT_INTEGER'; message: string };

/** Why `n` cannot be a figure of `d`, in Vietnamese, or null when it can. Only for integer and decimal elements. */
export function boundsProblem(
  d: Pick<DataElement, 'type' | 'unit' | 'allowNegative'>,
  n: number,
): BoundsProblem | null {
  if (!Number.isFinite(n)) {
    return { code: 'OUT_OF_RANGE', message: 'giá trị không phải là một con số hữu hạn. Hãy ghi lại con số.' };
  }
  const max = d.type === 'integer' ? MAX_COUNT : MAX_DECIMAL;
  if (Math.abs(n) > max) {
    return {
      code: 'OUT_OF_RANGE',
      message:
        `ô ghi ${formatNumber(n, 6)}, vượt quá giới hạn ${formatNumber(max)} của chỉ tiêu` +
        `${d.type === 'integer' ? ' đếm' : ''}. Hãy kiểm tra lại con số (có thể gõ thừa chữ số).`,
    };
  }
  if (n < 0 && !d.allowNegative) {
    return {
      code: 'TYPE_NEGATIVE',
      message: `ô ghi số âm (${formatNumber(n, 6)}). Số liệu không được âm, hãy kiểm tra lại.`,
    };
  }
  if (d.type === 'integer' && Math.abs(n - Math.round(n)) > 1e-9) {
    return {
      code: 'TYPE_NOT_INTEGER',
      message:
        `ô ghi ${formatNumber(n, 6)} trong khi chỉ tiêu đếm bằng số nguyên (${d.unit || 'số nguyên'}). ` +
        'Hãy ghi số nguyên; lưu ý dấu chấm là dấu phân cách hàng nghìn, dấu phẩy là dấu thập phân.',
    };
  }
  return null;
}

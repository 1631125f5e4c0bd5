/** Showing stored values in Vietnamese (audit entries: shared/text/audit.ts). */
import type { CellKey } from '../../../shared/domain/catalog';
import type { CellValue, StoredValue } from '../../../shared/domain/records';
import { formatNumber } from '../../../shared/text/vi';

export function valueText(v: CellValue | null | undefined): string {
  if (!v) return '';
  switch (v.state) {
    case 'number':
      return formatNumber(v.value, 4);
    case 'yesno':
      return v.value ? 'Có' : 'Không';
    case 'text':
      return v.value;
    case 'na':
      return 'Không áp dụng';
  }
}

export const cellKey = (element: string, cell: CellKey) => `${element}|${cell}`;

export function valueMap(values: StoredValue[]): Map<string, CellValue> {
  return new Map(values.map((v) => [cellKey(v.element, v.cell), v.value]));
}

export function sameValue(a: CellValue | null | undefined, b: CellValue | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

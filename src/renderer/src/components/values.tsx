/** Showing stored values and audit entries in Vietnamese. */
import type { CellKey } from '../../../shared/domain/catalog';
import type { AuditEntry, CellValue, StoredValue } from '../../../shared/domain/records';
import { formatNumber } from '../../../shared/text/vi';
import { CELL_LABEL } from '../labels';

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

function isCellChange(x: unknown): x is { element: string; cell: CellKey; value: CellValue | null } {
  return !!x && typeof x === 'object' && 'element' in x && 'cell' in x && 'value' in x;
}

/** A short readable text for an audit before/after value. */
export function auditText(x: unknown, elementName?: (code: string) => string): string {
  if (x === null || x === undefined) return '';
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return formatNumber(x);
  if (typeof x === 'boolean') return x ? 'Có' : 'Không';
  if (isCellChange(x)) {
    const name = elementName ? elementName(x.element) : x.element;
    return `${name} – ${CELL_LABEL[x.cell] ?? x.cell}: ${x.value ? valueText(x.value) : '(để trống)'}`;
  }
  const s = JSON.stringify(x);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

export const AUDIT_ACTIONS: Record<string, string> = {
  create: 'Tạo mới',
  update: 'Cập nhật',
  correct: 'Sửa số liệu',
  status: 'Đổi trạng thái',
  import: 'Nhập tệp',
  link: 'Sáp nhập, chia tách',
  set: 'Đặt',
  clear: 'Xóa',
  set_expected: 'Đổi danh sách đơn vị',
  close: 'Khóa sổ',
  reopen: 'Mở lại',
  activate: 'Kích hoạt',
  deactivate: 'Ngừng theo dõi',
  new_version: 'Tạo phiên bản mới',
  seed: 'Khởi tạo',
  upgrade: 'Nâng cấp',
  error: 'Lỗi',
};

export function auditAction(e: AuditEntry): string {
  return AUDIT_ACTIONS[e.action] ?? e.action;
}

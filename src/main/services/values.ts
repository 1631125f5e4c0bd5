/**
 * The value codec: a cell value (a number, an explicit 0, Có/Không, a text, "không áp dụng") to and from its
 * stored row (state, num, text), and the check that a value fits its data element's type.
 */
import { eq } from 'drizzle-orm';
import type { CellKey } from '../../shared/domain/catalog';
import type { CellValue } from '../../shared/domain/records';
import { boundsProblem } from '../../shared/rules/bounds';
import { AppError } from '../../shared/result';
import type { Db } from '../db/open';
import * as t from '../db/schema';

/** A stored value's columns (submission_values, province_values). */
export interface ValueRow {
  state: string;
  num: number | null;
  text: string | null;
}

export function rowToCellValue(r: ValueRow): CellValue {
  switch (r.state) {
    case 'number':
      return { state: 'number', value: r.num ?? 0 };
    case 'yesno':
      return { state: 'yesno', value: (r.num ?? 0) !== 0 };
    case 'text':
      return { state: 'text', value: r.text ?? '' };
    default:
      return { state: 'na' };
  }
}

export function cellValueToRow(v: CellValue): ValueRow {
  switch (v.state) {
    case 'number':
      return { state: 'number', num: v.value, text: null };
    case 'yesno':
      return { state: 'yesno', num: v.value ? 1 : 0, text: null };
    case 'text':
      return { state: 'text', num: null, text: v.value };
    case 'na':
      return { state: 'na', num: null, text: null };
  }
}

export function checkValueType(type: string, name: string, v: CellValue): void {
  const bad = (what: string) => {
    throw new AppError('invalid_input', `Giá trị không hợp lệ cho "${name}": ${what}.`);
  };
  if (v.state === 'na') return;
  if (type === 'integer' || type === 'decimal') {
    if (v.state !== 'number') bad('cần một số');
    else {
      // the same bounds as an imported cell (0 ≤ count ≤ 10^9, decimals to 10^12; nothing non-finite)
      const problem = boundsProblem({ type, unit: '', allowNegative: false }, v.value);
      if (problem) bad(problem.message.replace(/^ô ghi /, 'đã ghi '));
    }
  } else if (type === 'yesno' && v.state !== 'yesno') bad('cần Có hoặc Không');
  else if (type === 'text' && v.state !== 'text') bad('cần văn bản');
}

/** One value edit: which element and cell, and the value (null clears it). */
export interface ValueEdit {
  element: string;
  cell: CellKey;
  value: CellValue | null;
}

/**
 * The data element an edited value belongs to, after the checks every value edit makes: the element exists,
 * passes the caller's own check, has the cell (`noCell` names the refusal), and the value fits its type.
 */
export function elementForEdit(
  db: Db,
  edit: ValueEdit,
  noCell: (name: string) => string,
  check?: (el: typeof t.dataElements.$inferSelect) => void,
): typeof t.dataElements.$inferSelect {
  const el = db.select().from(t.dataElements).where(eq(t.dataElements.code, edit.element)).get();
  if (!el) throw new AppError('not_found', `Không có chỉ tiêu "${edit.element}".`);
  check?.(el);
  if (!(el.cells as string[]).includes(edit.cell)) throw new AppError('invalid_input', noCell(el.name));
  if (edit.value) checkValueType(el.type, el.name, edit.value);
  return el;
}

/**
 * What the figure columns of the ministry's blank appendix mean (issue 17, part 4), read from the table's header
 * (table.ts found it): the province's result ("Kết quả", "Thực hiện", "Số liệu"), the target ("Chỉ tiêu",
 * "Mục tiêu", "Kế hoạch"), the same period of the previous year ("Cùng kỳ năm trước", "Năm trước") or a data
 * element's cell ("Tổng số", "Nữ", "Nam"). A comparison column ("So với cùng kỳ", "So sánh", "Tăng/giảm") is
 * left without a role: the ministry computes it (usually a formula), the app never writes it. A header the words
 * do not say is left without a role too: never a guess. Pure.
 */
import type { AppendixColumnRole, LayoutSuggestion } from '../../../shared/contract/layouts';
import { cleanText, searchKey } from '../../../shared/text/vi';
import { cellText, type GridSheet } from '../grid';
import { colName, headerKind, type FoundTable } from './table';

export interface AppendixColumn {
  column: string;
  role: AppendixColumnRole;
}

/** The role one header text names, or null (a comparison, a note, words that say nothing sure). */
export function appendixRole(raw: string): AppendixColumnRole | null {
  const k = searchKey(raw)
    .replace(/[:.()%]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!k) return null;
  // a comparison or a change is computed from the others, never written
  if (/\b(so voi|so sanh|tang giam|tang\/giam|chenh lech|dat bao nhieu|ty le dat|muc do dat)\b/.test(k)) return null;
  if (/^(stt|tt|ghi chu|don vi tinh|dvt|ma|ma so)\b/.test(k)) return null;
  if (/\b(cung ky|nam truoc|ky truoc)\b/.test(k)) return 'previous';
  if (/\b(chi tieu|muc tieu|ke hoach)\b/.test(k)) return 'target';
  const kind = headerKind(raw);
  if (kind === 'female' || kind === 'male' || kind === 'total') return kind;
  if (/\b(ket qua|thuc hien|so lieu)\b/.test(k)) return 'result';
  if (kind === 'value') return 'value';
  return null;
}

const text = (sheet: GridSheet, r: number, c: number): string => cleanText(cellText(sheet.get(r, c)) ?? '');

/**
 * The appendix's columns and their roles, left to right. For a two-row header the lowest row's words decide
 * ("Số liệu" over "Tổng số": total); a column whose lower cell says nothing takes the upper one's. The label
 * column is never a figure column (its "Chỉ tiêu" header names the rows, not a target).
 */
export function appendixColumns(table: FoundTable): AppendixColumn[] {
  const { sheet, headerRows } = table;
  const out: AppendixColumn[] = [];
  const seen = new Set<AppendixColumnRole>();
  for (let c = 1; c <= sheet.colCount; c++) {
    if (c === table.labelColumn || sheet.colHidden(c)) continue;
    const parts = headerRows.map((r) => text(sheet, r, c)).filter(Boolean);
    if (parts.length === 0) continue;
    const role =
      appendixRole(parts[parts.length - 1]!) ??
      (parts.length > 1 && parts[0] !== parts[parts.length - 1] ? appendixRole(parts.join(' ')) : null);
    if (!role) continue;
    // two columns saying the same (two "Kết quả"): only the first is proposed, the officer picks the other herself
    if (seen.has(role)) continue;
    seen.add(role);
    out.push({ column: colName(c), role });
  }
  return out;
}

const ROMAN = /^(?=[IVXLC])(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})[.)]?$/;

/**
 * A heading row of the appendix ("I | CÁC CHỈ TIÊU CỦA CHIẾN LƯỢC…"): a Roman numeral or a capital letter in a
 * column left of the label, or a label written in capitals. The ministry's appendices number their sections in
 * the STT column, so the label alone does not say it; a heading is never matched to a figure.
 */
export function isHeadingRow(sheet: GridSheet, row: number, labelColumn: number): boolean {
  for (let c = 1; c < labelColumn; c++) {
    const t = text(sheet, row, c);
    if (t && (ROMAN.test(t) || /^[A-Z][.)]?$/.test(t))) return true;
  }
  const label = text(sheet, row, labelColumn);
  const letters = label.replace(/[^\p{L}]/gu, '');
  return letters.length >= 8 && label === label.toLocaleUpperCase('vi') && /\s/.test(label.trim());
}

/** The layout helper's suggestion made an appendix's: its columns' roles, its heading rows left unmapped. */
export function forAppendix(table: FoundTable, suggestion: LayoutSuggestion): LayoutSuggestion {
  const rows = suggestion.rows.map((r) =>
    r.code && isHeadingRow(table.sheet, r.row, table.labelColumn)
      ? { ...r, code: null, kind: undefined, name: null, confidence: Math.min(r.confidence, 0.3) }
      : r,
  );
  return { ...suggestion, rows: rows.map(dropUndefinedKind), appendixColumns: appendixColumns(table) };
}

function dropUndefinedKind<T extends { kind?: unknown }>(r: T): T {
  if (r.kind !== undefined) return r;
  const { kind: _kind, ...rest } = r;
  void _kind;
  return rest as T;
}

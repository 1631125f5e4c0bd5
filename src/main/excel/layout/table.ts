/**
 * Finding the table of a form the app did not generate (issue 17): its header rows (one, or two like "Số liệu"
 * merged over "Tổng số | Trong đó: Nữ"), which column is the label and which holds Tổng số / Nữ / Nam / a single
 * value (by the header's words), and the data rows below it (section headings and footers set apart). Also the
 * cells above the table that name the unit ("Đơn vị báo cáo: …") and the period ("Biểu số liệu năm 2024"). Pure.
 */
import type { LayoutColumns } from '../../../shared/contract/layouts';
import { cleanText, parseViNumber, searchKey } from '../../../shared/text/vi';
import { colName } from '../form-header';
import { cellText, type Grid, type GridSheet } from '../grid';
import { isSectionNumbering, normaliseLabel } from './match';

export type ColumnRole = keyof LayoutColumns;

export interface TableRow {
  row: number;
  label: string;
  /** a section heading ("I. …" with no figure): not a data row */
  section: boolean;
}

export interface FoundTable {
  sheet: GridSheet;
  headerRows: number[];
  columns: LayoutColumns;
  /** 1-based column of the labels */
  labelColumn: number;
  /** the figure columns in sheet order (1-based) */
  figureColumns: number[];
  rows: TableRow[];
}

/** the column letters "D" → 4 */
export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
export { colName };

/** the cell address "B4" → [row, col] */
export function parseCell(address: string): [number, number] | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(address.toUpperCase());
  return m ? [Number(m[2]), colNumber(m[1]!)] : null;
}

const text = (sheet: GridSheet, r: number, c: number): string => cleanText(cellText(sheet.get(r, c)) ?? '');

type HeaderKind = ColumnRole | 'label' | 'skip';

/** What a header cell's words say the column is. */
export function headerKind(raw: string): HeaderKind | null {
  const nfc = raw.normalize('NFC').toLowerCase();
  const k = searchKey(raw).replace(/[:.]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!k) return null;
  if (/^(stt|tt|so tt|so thu tu)$/.test(k)) return 'skip';
  if (/^(dvt|don vi tinh|don vi|dv tinh)$/.test(k)) return 'skip';
  if (/^(ghi chu|ma|ma so|ma chi tieu|nguon|nguon so lieu)\b/.test(k)) return 'skip';
  // a share ("Tỷ lệ nữ (%)") or a comparison is not a cell of the element
  if (/\b(ty le|so sanh|tang giam|cung ky)\b|%/.test(k)) return 'skip';
  const words = nfc.split(/[^\p{L}]+/u);
  if (words.includes('nữ')) return 'female';
  if (words.includes('nam')) return 'male';
  if (/\btong so\b|^tong$|^tong cong$|^cong$|\btong\b/.test(k)) return 'total';
  if (/\b(so luong|gia tri|ket qua|so lieu|thuc hien|so bao cao)\b/.test(k)) return 'value';
  if (/\b(noi dung|chi tieu|danh muc|hang muc|linh vuc)\b|^ten\b/.test(k)) return 'label';
  return null;
}

const ROLE_ORDER: ColumnRole[] = ['total', 'female', 'male', 'value'];

/** how many distinct figure roles a row's cells name, and whether one names the label column */
function rowRoles(sheet: GridSheet, r: number): { roles: number; label: boolean } {
  const seen = new Set<HeaderKind>();
  for (let c = 1; c <= sheet.colCount; c++) {
    const m = sheet.mergedFrom(r, c);
    if (m && m[0] === r) continue; // the rest of a horizontal merge
    const kind = headerKind(text(sheet, r, c));
    if (kind) seen.add(kind);
  }
  return { roles: ROLE_ORDER.filter((x) => seen.has(x)).length, label: seen.has('label') };
}

/** A cell spanning several columns (a "Số liệu" over "Tổng số | Nữ"), or a merge reaching down into row `below`. */
function isUpperHeader(sheet: GridSheet, r: number, below: number): boolean {
  let any = false;
  for (let c = 1; c <= sheet.colCount; c++) {
    const m = sheet.mergeOf(r, c);
    if (m && m[0] === r && (m[3] > m[1] || m[2] >= below)) any = true;
  }
  if (!any) return false;
  // the upper row must itself read as header words, not a title
  for (let c = 1; c <= sheet.colCount; c++) {
    if (headerKind(text(sheet, r, c))) return true;
  }
  return false;
}

const FOOTER = /^(nguoi lap|thu truong|xac nhan|lanh dao|tm\b|t\/m|ngay\s*\.*\s*thang|ky ten|ghi chu\s*:|noi nhan)/;

/** a numbering row under the header ("(1) (2) (3)", "A B 1 2") */
function isNumberingRow(sheet: GridSheet, r: number): boolean {
  let cells = 0;
  for (let c = 1; c <= sheet.colCount; c++) {
    const t = text(sheet, r, c);
    if (!t) continue;
    cells++;
    if (!/^\(?[0-9A-Za-z]{1,2}\)?(=\(?\d\)?[+-]\(?\d\)?)?$/.test(t)) return false;
  }
  return cells >= 2;
}

/** Has the row a figure (a number, or a text that reads as one or as Có/x) in the figure columns? */
function hasFigure(sheet: GridSheet, r: number, cols: number[]): boolean {
  return cols.some((c) => {
    const v = sheet.get(r, c);
    if (v.kind === 'number' || v.kind === 'bool') return true;
    if (v.kind !== 'text') return false;
    const t = cleanText(v.value);
    return parseViNumber(t) !== null || /^(x|có|co|không|khong)$/i.test(t);
  });
}

/** The table of one sheet, or null when no row reads as a header with a figure column. */
export function findSheetTable(sheet: GridSheet): FoundTable | null {
  const last = Math.min(sheet.rowCount, 40);
  let best: { r: number; roles: number; label: boolean } | null = null;
  for (let r = 1; r <= last; r++) {
    if (sheet.rowHidden(r)) continue;
    const { roles, label } = rowRoles(sheet, r);
    if (roles === 0) continue;
    const score = roles + (label ? 0.5 : 0);
    if (!best || score > best.roles + (best.label ? 0.5 : 0)) best = { r, roles, label };
  }
  if (!best) return null;
  const roleRow = best.r;
  const headerRows = roleRow > 1 && isUpperHeader(sheet, roleRow - 1, roleRow) ? [roleRow - 1, roleRow] : [roleRow];

  // each column's header text: the header rows' texts, top to bottom
  const columns: LayoutColumns = { total: null, female: null, male: null, value: null };
  let labelColumn: number | null = null;
  const figureColumns: number[] = [];
  for (let c = 1; c <= sheet.colCount; c++) {
    if (sheet.colHidden(c)) continue;
    const parts = headerRows.map((r) => text(sheet, r, c)).filter(Boolean);
    const lower = parts.length > 1 ? parts[parts.length - 1]! : null;
    // the lowest row decides ("Số liệu" over "Tổng số": total); a column of the upper row alone keeps its word
    const kind = headerKind(lower ?? parts[0] ?? '') ?? (parts.length > 1 ? headerKind(parts.join(' ')) : null);
    if (!kind || kind === 'skip') continue;
    if (kind === 'label') {
      labelColumn ??= c;
      continue;
    }
    figureColumns.push(c);
    if (columns[kind] === null) columns[kind] = colName(c);
  }
  const top = headerRows[headerRows.length - 1]! + 1;
  if (labelColumn === null) labelColumn = guessLabelColumn(sheet, top, figureColumns);
  if (labelColumn === null) return null;

  const rows: TableRow[] = [];
  for (let r = top; r <= sheet.rowCount; r++) {
    if (r === top && isNumberingRow(sheet, r)) continue;
    const m = sheet.mergeOf(r, labelColumn);
    // a title or footer merged across the figure columns is not a row
    if (m && figureColumns.some((c) => c >= m[1] && c <= m[3])) continue;
    const label = text(sheet, r, labelColumn);
    if (!label) continue;
    if (FOOTER.test(searchKey(label))) break;
    if (!normaliseLabel(label)) continue;
    // "I." in the label, or in the numbering column left of it ("I" | "CÔNG TÁC CHỈ ĐẠO"), with no figure
    const stt = labelColumn > 1 ? text(sheet, r, labelColumn - 1) : '';
    const numbered =
      isSectionNumbering(label) || (!!stt && isSectionNumbering(`${stt.replace(/[.)]$/, '')}. ${label}`));
    const section = numbered && !hasFigure(sheet, r, figureColumns);
    rows.push({ row: r, label, section });
  }
  return { sheet, headerRows, columns, labelColumn, figureColumns: figureColumns.sort((a, b) => a - b), rows };
}

/** Without a "Nội dung" header: the column left of the figures with the most words in it. */
function guessLabelColumn(sheet: GridSheet, top: number, figureColumns: number[]): number | null {
  const firstFigure = Math.min(...figureColumns, sheet.colCount + 1);
  let best: { c: number; n: number } | null = null;
  for (let c = 1; c < firstFigure; c++) {
    let n = 0;
    for (let r = top; r <= Math.min(sheet.rowCount, top + 200); r++) {
      const t = text(sheet, r, c);
      if (t.length > 6 && /\p{L}/u.test(t)) n++;
    }
    if (n > 0 && (!best || n > best.n)) best = { c, n };
  }
  return best?.c ?? null;
}

/** The table of a workbook: the first visible sheet with one (a hidden sheet only when no visible one has). */
export function findTable(grid: Grid, sheetName?: string): FoundTable | null {
  const named = sheetName ? grid.sheets.find((s) => s.name === sheetName) : undefined;
  if (named) {
    const t = findSheetTable(named);
    if (t) return t;
  }
  const ordered = [
    ...grid.sheets.filter((s) => s.state === 'visible'),
    ...grid.sheets.filter((s) => s.state !== 'visible'),
  ];
  let best: FoundTable | null = null;
  for (const s of ordered) {
    const t = findSheetTable(s);
    if (t && (!best || t.rows.length > best.rows.length)) best = t;
    if (t && s.state === 'visible' && t.rows.length >= 3) return t;
  }
  return best;
}

/** a header cell naming the unit ("Đơn vị báo cáo: Sở Y tế", "Tên đơn vị: …"), never "Đơn vị tính" */
const UNIT_LABEL =
  /^(don vi bao cao|ten don vi|don vi gui bao cao|don vi thuc hien|co quan bao cao|ten co quan|co quan|don vi)\s*[:.-]?\s*/;

/** The unit's name as a header cell holds it (its label and dots removed); '' when the cell has none. */
export function unitNameFromCell(raw: string): string {
  const t = cleanText(raw);
  const k = searchKey(t);
  const m = UNIT_LABEL.exec(k);
  // searchKey keeps the length of the text (one letter per letter): the same slice of the original
  const rest = m ? t.slice(m[0].length) : t;
  return cleanText(rest.replace(/^[\s:.\-–]+/, '').replace(/[.…_]{2,}/g, ' '));
}

/** Where the unit is named above the table: the cell holding the name (or the label cell when blank). */
export function findUnitCell(sheet: GridSheet, lastRow: number): { cell: string; name: string } | null {
  for (let r = 1; r <= Math.min(lastRow, 30); r++) {
    for (let c = 1; c <= sheet.colCount; c++) {
      if (sheet.mergedFrom(r, c)) continue;
      const t = text(sheet, r, c);
      if (!t) continue;
      const k = searchKey(t);
      if (!UNIT_LABEL.test(k) || /^don vi tinh/.test(k)) continue;
      const inline = unitNameFromCell(t);
      if (inline) return { cell: `${colName(c)}${r}`, name: inline };
      for (let c2 = c + 1; c2 <= sheet.colCount; c2++) {
        const m = sheet.mergedFrom(r, c2);
        if (m && m[1] <= c) continue;
        const v = unitNameFromCell(text(sheet, r, c2));
        if (v) return { cell: `${colName(c2)}${r}`, name: v };
      }
      return { cell: `${colName(c)}${r}`, name: '' };
    }
  }
  return null;
}

export interface PeriodFound {
  year: number;
  kind: 'half_year' | 'year';
  text: string;
}

/** "6 tháng đầu năm 2025", "Biểu số liệu năm 2024", "năm 2024": the period a title names. */
export function periodFromText(raw: string): PeriodFound | null {
  const t = cleanText(raw);
  const k = searchKey(t);
  const y = /\bnam\s+(20\d{2})\b/.exec(k) ?? /\b(20\d{2})\b/.exec(k);
  if (!y) return null;
  const year = Number(y[1]);
  if (year < 2000 || year > 2100) return null;
  const half = /\b6 thang\b|\bsau thang\b/.test(k);
  if (!half && !/\bnam\s+20\d{2}\b/.test(k) && !/\bky\b|\bbao cao\b|\bso lieu\b/.test(k)) return null;
  return { year, kind: half ? 'half_year' : 'year', text: t };
}

/** The title cell above the table that names a period. */
export function findPeriodCell(sheet: GridSheet, lastRow: number): { cell: string; period: PeriodFound } | null {
  for (let r = 1; r <= Math.min(lastRow, 30); r++) {
    for (let c = 1; c <= sheet.colCount; c++) {
      if (sheet.mergedFrom(r, c)) continue;
      const t = text(sheet, r, c);
      if (!t || t.length > 300) continue;
      // a date line ("…, ngày 05 tháng 7 năm 2025") is not the period
      if (/\bngay\b.*\bthang\b/.test(searchKey(t))) continue;
      const p = periodFromText(t);
      if (p) return { cell: `${colName(c)}${r}`, period: p };
    }
  }
  return null;
}

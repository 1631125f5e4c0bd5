/**
 * Reads a filled form by a saved layout (issue 17) into the same `ParsedForm` the app's own form reader gives, so
 * the file then goes through the same checks, the same transaction and the same inbox.
 *
 * A file whose layout drifted is matched again: the table's columns are re-found by their header words, each
 * mapped row by its label (the same after normalisation, anywhere in the label column); a mapped label that is not
 * in the file is an error naming the row. A one-figure element (a count, a yes/no, an amount) reads the table's
 * first figure column unless the layout row names its column; in a yes/no row "x"/"Có" is Có, blank or "Không" is
 * Không. Read in the calling thread (the layout's reading is light; the workbook is loaded by grid.ts, which
 * guards the file's size and structure the same way). Pure.
 */
import type { LayoutColumns, LayoutDefinition, LayoutRow } from '../../../shared/contract/layouts';
import type { CellKey, DataElement } from '../../../shared/domain/catalog';
import type { Finding, StoredValue } from '../../../shared/domain/records';
import { cleanText } from '../../../shared/text/vi';
import { NO_IDENTITY, type FormIdentity } from '../form-identity';
import type { FormCatalog, ParsedForm } from '../form-reader';
import { toValue, type Where } from '../form-values';
import { cellText, type Grid, type GridSheet } from '../grid';
import { normaliseLabel } from './match';
import {
  colName,
  colNumber,
  findPeriodCell,
  findSheetTable,
  findUnitCell,
  parseCell,
  periodFromText,
  unitNameFromCell,
  type FoundTable,
  type PeriodFound,
} from './table';

export interface LayoutReading {
  parsed: ParsedForm;
  /** the unit's name as the layout's unit source gives it (the header cell's or the sheet's), or null */
  unitText: string | null;
  period: PeriodFound | null;
}

const ROLES: Array<keyof LayoutColumns> = ['total', 'female', 'male', 'value'];
const text = (sheet: GridSheet, r: number, c: number): string => cleanText(cellText(sheet.get(r, c)) ?? '');

/** The sheet of the layout: by its name, else the visible sheet where most mapped labels are found. */
function pickSheet(grid: Grid, def: LayoutDefinition, units: string[]): GridSheet | null {
  const named = grid.sheets.find((s) => s.name === def.sheet);
  if (named) return named;
  const wanted = new Set(def.rows.filter((r) => r.code).map((r) => normaliseLabel(r.label, units)));
  let best: { sheet: GridSheet; n: number } | null = null;
  for (const sheet of grid.sheets.filter((s) => s.state === 'visible')) {
    const t = findSheetTable(sheet);
    if (!t) continue;
    const n = t.rows.filter((r) => wanted.has(normaliseLabel(r.label, units))).length;
    if (n > 0 && (!best || n > best.n)) best = { sheet, n };
  }
  return best?.sheet ?? null;
}

/** the columns to read: each role the layout reads, re-found by its header words when the file has it */
function columnsOf(def: LayoutDefinition, table: FoundTable | null): LayoutColumns {
  const out: LayoutColumns = { total: null, female: null, male: null, value: null };
  for (const k of ROLES) {
    if (!def.columns[k]) continue;
    out[k] = table?.columns[k] ?? def.columns[k];
  }
  return out;
}

export function readByLayout(
  grid: Grid,
  fileName: string,
  def: LayoutDefinition & { labelColumn?: unknown },
  layoutName: string,
  catalog: FormCatalog,
): LayoutReading {
  const units = [...new Set(catalog.dataElements.map((d) => d.unit).filter((u): u is string => !!u))];
  const findings: Finding[] = [];
  const identity: FormIdentity = { source: 'header', ...NO_IDENTITY };
  const empty = (f: Finding): LayoutReading => ({
    parsed: { format: grid.format, identity, rowsSeen: {}, values: [], findings: [f] },
    unitText: null,
    period: null,
  });
  const sheet = pickSheet(grid, def, units);
  if (!sheet) {
    return empty({
      code: 'LAYOUT_NO_SHEET',
      severity: 'error',
      message:
        `Tệp "${fileName}" không có trang tính "${def.sheet}" của mẫu biểu "${layoutName}", cũng không trang nào có các ` +
        'dòng của mẫu. Có thể đơn vị đã gửi một mẫu khác. Hãy kiểm tra tệp, hoặc chọn đúng mẫu biểu khi nhập.',
    });
  }
  const table = findSheetTable(sheet);
  const labelCol =
    table?.labelColumn ??
    (typeof def.labelColumn === 'string' && /^[A-Z]{1,3}$/.test(def.labelColumn) ? colNumber(def.labelColumn) : 2);
  const top = table ? table.headerRows[table.headerRows.length - 1]! + 1 : Math.max(...def.headerRows) + 1;
  const columns = columnsOf(def, table);
  const figureCols = ROLES.map((k) => columns[k])
    .filter((c): c is string => !!c)
    .map(colNumber)
    .sort((a, b) => a - b);
  const firstFigure = figureCols[0] ?? null;

  // the file's labels, normalised, with their rows (in order)
  const labelRows = new Map<string, number[]>();
  for (let r = top; r <= sheet.rowCount; r++) {
    const t = text(sheet, r, labelCol);
    if (!t) continue;
    const k = normaliseLabel(t, units);
    if (!k) continue;
    const list = labelRows.get(k);
    if (list) list.push(r);
    else labelRows.set(k, [r]);
  }

  const byCode = new Map(catalog.dataElements.map((d) => [d.code, d]));
  const label = (k: CellKey): string => catalog.cellLabels[k];
  const where: Where = (d, row, k) =>
    `Dòng "${d.code}" (${d.name}${d.unit ? `, ${d.unit}` : ''}; dòng ${row} trong tệp)` +
    (k ? `, cột "${label(k)}"` : '');
  const values: StoredValue[] = [];
  // the rows the layout does not map are not on this form (as on a paper entry): not "missing" from it
  const rowsSeen: Record<string, number> = Object.fromEntries(catalog.dataElements.map((d) => [d.code, 0]));
  const mapped = new Set<string>();
  const missingCols = new Map<CellKey, string[]>();
  let typed = 0;
  const occurrences = new Map<string, number>();
  for (const lr of def.rows) {
    const k = normaliseLabel(lr.label, units);
    const nth = occurrences.get(k) ?? 0;
    occurrences.set(k, nth + 1);
    if (!lr.code || lr.kind === 'indicator') continue;
    const d = byCode.get(lr.code);
    if (!d) {
      findings.push({
        code: 'UNKNOWN_CODE',
        severity: 'error',
        message:
          `Mẫu biểu "${layoutName}" gán dòng "${lr.label}" cho mã "${lr.code}", nhưng danh mục không còn chỉ tiêu này. ` +
          'Hãy mở mẫu biểu ngoài, gán lại dòng đó rồi nhập lại.',
      });
      continue;
    }
    const r = labelRows.get(k)?.[nth];
    if (r === undefined) {
      findings.push({
        code: 'LAYOUT_ROW_GONE',
        severity: 'error',
        element: d.code,
        message:
          `Không thấy dòng "${lr.label}" (${d.name}) trong tệp: mẫu biểu "${layoutName}" đọc chỉ tiêu này từ dòng đó ` +
          `(dòng ${lr.row} khi lập mẫu), có thể đơn vị đã xóa hoặc sửa tên dòng. Hãy đề nghị đơn vị giữ nguyên các ` +
          'dòng của mẫu biểu rồi gửi lại, hoặc lập lại mẫu biểu ngoài từ tệp mới.',
      });
      continue;
    }
    if (mapped.has(d.code)) continue; // saving refuses a code on two rows
    mapped.add(d.code);
    rowsSeen[d.code] = r;
    typed += readRow(sheet, r, d, lr, { columns, firstFigure, figureCols, where, findings, values, missingCols });
  }
  for (const [k, names] of missingCols) {
    findings.push({
      code: 'LAYOUT_NO_COLUMN',
      severity: 'warning',
      cell: k,
      message:
        `Mẫu biểu "${layoutName}" không có cột "${label(k)}" nên ô "${label(k)}" của ${names.length} dòng không được ` +
        `đọc (${names.slice(0, 5).join('; ')}${names.length > 5 ? '; …' : ''}): coi như đơn vị không báo cáo ô này.`,
    });
  }
  if (typed === 0 && !findings.some((f) => f.severity === 'error')) {
    findings.push({
      code: 'EMPTY_FORM',
      severity: 'error',
      message:
        'Biểu chưa điền số liệu nào (mọi ô số liệu đều để trống). Nếu đơn vị gửi nhầm mẫu trắng, hãy đề nghị điền ' +
        'số liệu rồi gửi lại; chỉ tiêu không có số liệu thì ghi 0, không áp dụng thì ghi KAD.',
    });
  }

  const headerLast = (table?.headerRows[0] ?? Math.min(...def.headerRows)) - 1;
  const period = periodOf(sheet, def, headerLast);
  if (period) {
    identity.periodYear = period.year;
    identity.periodLabel = period.text;
    // "năm 2025" alone may head a half-year's report too: only "6 tháng" says the kind for sure
    identity.periodKind = period.kind === 'half_year' ? 'half_year' : null;
  }
  const unitText = unitTextOf(sheet, def, headerLast);
  identity.visibleUnitName = unitText;
  identity.unitName = unitText;
  return {
    parsed: { format: grid.format, identity, rowsSeen, values, findings },
    unitText,
    period,
  };
}

interface RowContext {
  columns: LayoutColumns;
  firstFigure: number | null;
  figureCols: number[];
  where: Where;
  findings: Finding[];
  values: StoredValue[];
  missingCols: Map<CellKey, string[]>;
}

/** One mapped row's values; returns how many cells the unit typed (a blank yes/no read as Không not counted). */
function readRow(sheet: GridSheet, r: number, d: DataElement, lr: LayoutRow, cx: RowContext): number {
  let typed = 0;
  const single = d.type === 'text' || (d.cells.length === 1 && d.cells[0] === 'value');
  if (single) {
    const col = lr.column ? colNumber(lr.column) : cx.firstFigure;
    if (col === null) return 0;
    const raw = sheet.get(r, col);
    const v = toValue(d, raw, r, 'value', cx.where, cx.findings);
    if (v) {
      cx.values.push({ element: d.code, cell: 'value', value: v });
      typed++;
    } else if (d.type === 'yesno' && raw.kind === 'blank' && !raw.formula) {
      // a ticked form: the box left empty means Không
      cx.values.push({ element: d.code, cell: 'value', value: { state: 'yesno', value: false } });
    }
    for (const c of cx.figureCols) if (c !== col) greyCell(sheet, r, c, d, cx);
    return typed;
  }
  const used = new Set<number>();
  for (const k of d.cells) {
    const letters = cx.columns[k] ?? (k === 'total' ? cx.columns.value : null);
    if (!letters) {
      const list = cx.missingCols.get(k) ?? [];
      list.push(d.name);
      cx.missingCols.set(k, list);
      continue;
    }
    const col = colNumber(letters);
    used.add(col);
    const v = toValue(d, sheet.get(r, col), r, k, cx.where, cx.findings);
    if (v) {
      cx.values.push({ element: d.code, cell: k, value: v });
      typed++;
    }
  }
  for (const c of cx.figureCols) if (!used.has(c)) greyCell(sheet, r, c, d, cx);
  return typed;
}

/** A figure in a column that does not apply to the element: set apart, not counted (as the app's own form). */
function greyCell(sheet: GridSheet, r: number, c: number, d: DataElement, cx: RowContext): void {
  const raw = sheet.get(r, c);
  if (raw.kind === 'blank') return;
  cx.findings.push({
    code: 'VALUE_IN_GREY_CELL',
    severity: 'warning',
    element: d.code,
    message:
      `Ô không áp dụng được ghi số liệu, không được tính: ${d.name} (${d.code}), dòng ${r}, cột ${colName(c)} ghi ` +
      `"${cellText(raw) ?? ''}". Nếu đơn vị điền nhầm cột, hãy đề nghị chuyển sang đúng cột.`,
  });
}

function periodOf(sheet: GridSheet, def: LayoutDefinition, headerLast: number): PeriodFound | null {
  const at = def.period.cell ? parseCell(def.period.cell) : null;
  const p = at ? periodFromText(text(sheet, at[0], at[1])) : null;
  return p ?? findPeriodCell(sheet, headerLast)?.period ?? null;
}

function unitTextOf(sheet: GridSheet, def: LayoutDefinition, headerLast: number): string | null {
  if (def.unit.source === 'sheet') return sheet.name;
  if (def.unit.source !== 'cell') return null;
  // the "Đơn vị báo cáo:" line found by its words (rows inserted above the table move it), else the cell itself
  const found = findUnitCell(sheet, headerLast);
  if (found) return found.name || null;
  const at = def.unit.cell ? parseCell(def.unit.cell) : null;
  return (at && unitNameFromCell(text(sheet, at[0], at[1]))) || null;
}

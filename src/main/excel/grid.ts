/**
 * A read-only grid of raw cell values, the same for .xlsx (fast-grid.ts, exceljs when the fast reader declines a
 * file) and legacy .xls (@e965/xlsx, values, number formats and column/row visibility).
 * Formulas are read through their cached result (0, FALSE and "" are results too); merged cells give the master's
 * value; numbers shown in per cent carry `percent`; hidden columns and rows are reported; rich text and hyperlinks
 * are flattened; every string is normalised with cleanText (NFC, NBSP…).
 */
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { AppError } from '../../shared/result';
import { cleanText } from '../../shared/text/vi';
import { EMPTY_TEXT_RESULT, ensureExcelJsPatched } from './exceljs-patch';
import { inspectBytes, LIMITS } from './file-guard';
import { FastGridUnsupported, formulaCell, isFastPart, isPercentFormat, markPercent, readFastGrid } from './fast-grid';
import {
  BLANK,
  NOT_A_NUMBER,
  isoDate,
  makeSheet,
  text,
  type Grid,
  type GridSheet,
  type RawCell,
  type SheetState,
} from './grid-model';

export type { Grid, GridSheet, RawCell, SheetState } from './grid-model';
export { cellText } from './grid-model';

/** Converts an exceljs cell value (not a formula) into a RawCell. */
function fromPlain(v: unknown): RawCell {
  if (v === null || v === undefined) return BLANK;
  // a number that is not finite ("Infinity", "NaN" written by a tool) is an error, never a silent blank
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', value: v } : NOT_A_NUMBER;
  if (typeof v === 'string') return text(v);
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? BLANK : { kind: 'date', value: isoDate(v) };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return { kind: 'error', value: o.error };
    if (Array.isArray(o.richText)) {
      return text(
        (o.richText as Array<{ text?: unknown }>).map((r) => (typeof r.text === 'string' ? r.text : '')).join(''),
      );
    }
    if ('hyperlink' in o || 'text' in o) {
      const t = o.text;
      if (typeof t === 'string') return text(t);
      if (t && typeof t === 'object') return fromPlain(t);
      return BLANK;
    }
  }
  return BLANK;
}

/** The grid cell of an exceljs cell (a merged slave reads its master), `percent` from the cell's number format. */
function fromExcelJsCell(cell: ExcelJS.Cell): RawCell {
  const src = cell.isMerged && cell.master !== cell ? cell.master : cell;
  let raw: RawCell;
  if (src.type === ExcelJS.ValueType.Formula) {
    // the value getter keeps only truthy parts; the formula texts are fine from it, the result is read from the
    // model (cell.result), which keeps 0, FALSE and ""
    const v = src.value as { formula?: unknown; sharedFormula?: unknown };
    const f = typeof v.formula === 'string' ? v.formula : typeof v.sharedFormula === 'string' ? v.sharedFormula : '';
    const r: unknown = src.result;
    if (!f) raw = BLANK;
    else if (r === undefined || r === null) {
      raw = (src.model as unknown as Record<string, unknown>)[EMPTY_TEXT_RESULT]
        ? BLANK
        : { kind: 'blank', formula: f };
    } else raw = formulaCell(fromPlain(r), typeof r === 'string', f);
  } else raw = fromPlain(src.value);
  return isPercentFormat(src.numFmt) ? markPercent(raw) : raw;
}

const UNREADABLE = (fileName: string): string =>
  `Không đọc được nội dung tệp "${fileName}" dù tệp có dạng Excel (tệp có thể được tạo bằng phần mềm khác hoặc ` +
  'bị hỏng một phần). Hãy đề nghị đơn vị mở tệp bằng Excel, chọn Lưu thành (Save As) kiểu "Excel Workbook ' +
  '(*.xlsx)" rồi gửi lại.';

async function loadXlsx(bytes: Uint8Array, fileName: string): Promise<GridSheet[]> {
  ensureExcelJsPatched();
  const wb = new ExcelJS.Workbook();
  try {
    // validations and conditional formats are not needed to read values, and huge validation ranges make exceljs
    // expand them cell by cell (exceljs #1842): skip them.
    await wb.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
      {
        ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'picture', 'drawing', 'tableParts'],
      } as unknown as ExcelJS.XlsxReadOptions,
    );
  } catch (e) {
    throw new AppError('bad_file', UNREADABLE(fileName), { cause: e instanceof Error ? e.message : String(e) });
  }
  const out: GridSheet[] = [];
  for (const ws of wb.worksheets) {
    const cells = new Map<number, RawCell>();
    let rows = 0;
    let cols = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r > LIMITS.maxRows) return;
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (c > LIMITS.maxCols) return;
        let raw: RawCell;
        try {
          raw = fromExcelJsCell(cell);
        } catch {
          raw = BLANK;
        }
        if (raw.kind === 'blank' && !raw.formula) return;
        cells.set(r * 1024 + c, raw);
        if (r > rows) rows = r;
        if (c > cols) cols = c;
      });
    });
    // merged ranges: slaves that exceljs did not report still give the master's value
    const merges = (ws as unknown as { _merges?: Record<string, { model: MergeModel }> })._merges ?? {};
    const slaves = new Map<number, [number, number]>();
    for (const m of Object.values(merges)) {
      const { top, left, bottom, right } = m.model;
      const master = cells.get(top * 1024 + left);
      for (let r = top; r <= Math.min(bottom, LIMITS.maxRows); r++) {
        for (let c = left; c <= Math.min(right, LIMITS.maxCols); c++) {
          if (r === top && c === left) continue;
          slaves.set(r * 1024 + c, [top, left]);
          if (master) cells.set(r * 1024 + c, master);
          else cells.delete(r * 1024 + c);
        }
      }
      if (!master) continue;
      rows = Math.max(rows, Math.min(bottom, LIMITS.maxRows));
      cols = Math.max(cols, Math.min(right, LIMITS.maxCols));
    }
    // hidden columns and rows, inside the form limits (exceljs has laid the <col> ranges out already)
    const hiddenCols = new Set<number>();
    for (let c = 1; c <= LIMITS.maxCols; c++) {
      const col = ws.getColumn(c);
      if (col.hidden || col.width === 0) hiddenCols.add(c);
    }
    const hiddenRows = new Set<number>();
    for (let r = 1; r <= Math.min(ws.rowCount, LIMITS.maxRows); r++) {
      if (ws.findRow(r)?.hidden) hiddenRows.add(r);
    }
    const state: SheetState = ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible';
    out.push(makeSheet(cleanText(ws.name), state, cells, rows, cols, slaves, { cols: hiddenCols, rows: hiddenRows }));
  }
  return out;
}

interface MergeModel {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function loadXls(bytes: Uint8Array, fileName: string): GridSheet[] {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: 'array',
      cellDates: true,
      cellFormula: false,
      cellHTML: false,
      // column widths and visibility (<ColInfo>) and number formats (cell.z) are only read with cellStyles
      cellStyles: true,
      sheetRows: LIMITS.maxRows + 1,
      WTF: false,
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(msg)) {
      throw new AppError(
        'bad_file',
        `Tệp "${fileName}" có mật khẩu mở, chương trình không đọc được. Hãy đề nghị đơn vị gỡ mật khẩu, ` +
          'lưu dưới dạng .xlsx rồi gửi lại.',
      );
    }
    throw new AppError('bad_file', UNREADABLE(fileName), { cause: msg });
  }
  const out: GridSheet[] = [];
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    if (!ws) return;
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden ?? 0;
    const state: SheetState = hidden === 2 ? 'veryHidden' : hidden === 1 ? 'hidden' : 'visible';
    const cells = new Map<number, RawCell>();
    let rows = 0;
    let cols = 0;
    const ref = ws['!ref'];
    if (ref) {
      const range = XLSX.utils.decode_range(ref);
      if (range.e.r + 1 > LIMITS.maxRows) {
        throw new AppError(
          'bad_file',
          `Trang tính "${name}" trong tệp "${fileName}" có quá nhiều dòng (hơn ${LIMITS.maxRows.toLocaleString('vi-VN')}). ` +
            'Hãy dùng đúng mẫu biểu, xóa các dòng thừa rồi gửi lại.',
        );
      }
      for (let r = range.s.r; r <= range.e.r; r++) {
        for (let c = range.s.c; c <= Math.min(range.e.c, LIMITS.maxCols - 1); c++) {
          const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
          if (!cell) continue;
          let raw: RawCell = BLANK;
          switch (cell.t) {
            case 'n':
              raw =
                typeof cell.v === 'number'
                  ? Number.isFinite(cell.v)
                    ? { kind: 'number', value: cell.v }
                    : NOT_A_NUMBER
                  : BLANK;
              if (typeof cell.z === 'string' && isPercentFormat(cell.z)) raw = markPercent(raw);
              break;
            case 's':
              raw = text(String(cell.v ?? ''));
              break;
            case 'b':
              raw = { kind: 'bool', value: Boolean(cell.v) };
              break;
            case 'e':
              raw = { kind: 'error', value: cell.w ?? '#N/A' };
              break;
            case 'd':
              raw = cell.v instanceof Date ? { kind: 'date', value: isoDate(cell.v) } : BLANK;
              break;
            default:
              raw = BLANK;
          }
          if (raw.kind === 'blank') continue;
          cells.set((r + 1) * 1024 + (c + 1), raw);
          rows = Math.max(rows, r + 1);
          cols = Math.max(cols, c + 1);
        }
      }
    }
    const slaves = new Map<number, [number, number]>();
    for (const m of ws['!merges'] ?? []) {
      const master = cells.get((m.s.r + 1) * 1024 + (m.s.c + 1));
      for (let r = m.s.r; r <= Math.min(m.e.r, LIMITS.maxRows - 1); r++) {
        for (let c = m.s.c; c <= Math.min(m.e.c, LIMITS.maxCols - 1); c++) {
          if (r === m.s.r && c === m.s.c) continue;
          slaves.set((r + 1) * 1024 + (c + 1), [m.s.r + 1, m.s.c + 1]);
          if (!master) {
            cells.delete((r + 1) * 1024 + (c + 1));
            continue;
          }
          cells.set((r + 1) * 1024 + (c + 1), master);
          rows = Math.max(rows, r + 1);
          cols = Math.max(cols, c + 1);
        }
      }
    }
    // hidden columns (ColInfo: hidden, or width 0) and rows (hidden or height 0: one flag in BIFF), in the limits
    const hiddenCols = new Set<number>();
    (ws['!cols'] ?? []).slice(0, LIMITS.maxCols).forEach((col, i) => {
      if (col && (col.hidden || col.width === 0)) hiddenCols.add(i + 1);
    });
    const hiddenRows = new Set<number>();
    (ws['!rows'] ?? []).slice(0, LIMITS.maxRows).forEach((row, i) => {
      if (row?.hidden) hiddenRows.add(i + 1);
    });
    out.push(makeSheet(cleanText(name), state, cells, rows, cols, slaves, { cols: hiddenCols, rows: hiddenRows }));
  });
  return out;
}

export interface LoadGridOptions {
  /**
   * 'auto' (default): the fast reader for .xlsx/.xlsm, exceljs when the fast reader meets something it does not
   * handle with certainty (decided per file). 'exceljs': exceljs only. 'fast': the fast reader only, throwing
   * FastGridUnsupported instead of falling back (tests).
   */
  reader?: 'auto' | 'exceljs' | 'fast';
}

/** How many .xlsx files each reader read in this process, and why the last fallback happened (diagnostics, bench). */
export const readerStats = { fast: 0, exceljs: 0, lastFallback: '' };

/** Checks the bytes (file-guard), then reads every sheet into a grid of raw values. */
export async function loadGrid(bytes: Uint8Array, fileName: string, options: LoadGridOptions = {}): Promise<Grid> {
  const reader = options.reader ?? 'auto';
  const info = inspectBytes(bytes, fileName, reader === 'exceljs' ? {} : { keep: isFastPart });
  let sheets: GridSheet[] | null = null;
  if (info.format === 'xls') sheets = loadXls(bytes, fileName);
  else if (info.parts) {
    try {
      sheets = readFastGrid(info.parts);
      readerStats.fast++;
    } catch (e) {
      // 'fast' never answers for the fast reader's own failures: whoever asked decides (exceljs, elsewhere)
      if (reader === 'fast') throw e instanceof FastGridUnsupported ? e : new FastGridUnsupported(String(e));
      // not understood with certainty (or an unexpected failure): exceljs decides, as it did before
      readerStats.lastFallback = e instanceof Error ? e.message : String(e);
    }
  }
  if (!sheets) {
    if (reader === 'fast') throw new FastGridUnsupported('no fast-readable parts');
    sheets = await loadXlsx(bytes, fileName);
    readerStats.exceljs++;
  }
  if (sheets.length === 0) {
    throw new AppError(
      'bad_file',
      `Tệp "${fileName}" không có trang tính nào. Hãy yêu cầu đơn vị gửi lại đúng mẫu biểu.`,
    );
  }
  return { format: info.format, hasMacros: info.hasMacros, notes: info.notes, sheets };
}

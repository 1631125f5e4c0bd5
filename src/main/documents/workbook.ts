/**
 * The ministry report as an .xlsx workbook laid out as a Vietnamese administrative document (NĐ 30/2020/NĐ-CP):
 * sheet "Báo cáo" (header, title, short narrative, signature, nơi nhận) and one sheet per appendix.
 *
 * Every text that came from a unit is written as a plain string cell (a shared string: the writer has no formulas),
 * so "=HYPERLINK(…)" or "+cmd" stays inert text.
 *
 * Written by documents/xlsx-writer.ts (exceljs's worksheet API and output, without its per-cell style cost: issue
 * 20, ~400k styled cells nationally); tests/integration/documents/workbook-equality.test.ts proves the same file
 * as the exceljs writer it replaced.
 */
import * as X from './xlsx-writer';
import { CELL_KEYS } from '../../shared/domain/catalog';
import { provisionalNote } from '../../shared/text/labels';
import { formatDate } from '../../shared/text/vi';
import { needsQuotePrefix } from './quote-prefix';
import { writePlanAppendix } from './plan-appendix';
import { linesOf, textPt } from './workbook-lines';
import { figureAt, figureTableOf, type FigureTable } from './workbook-figures';
import { cleanText, sortedTextRows, sortedUnitIndexes, unitNameRanks, type ViRanks } from './workbook-order';
import {
  agencyInSentence,
  APPENDIX,
  appendixName,
  attachedLine,
  changeText,
  COVERAGE_NOTE,
  docNumberLine,
  elementSections,
  figureColumnParts,
  periodPhrase,
  REPORT_ADDRESSEE,
  reportRecipientLines,
  hasSensitive,
  indicatorRows,
  kindName,
  narrative,
  placeDateLine,
  QUOC_HIEU,
  reportSummary,
  SENSITIVE_MARK,
  signerLines,
  STATUS_TEXT,
  suppressed,
  TIEU_NGU,
  type ReportModel,
  flaggedStatus,
} from './model';

const FONT = 'Times New Roman';
const INT_FMT = '#,##0';
/**
 * The width of an STT column that numbers `count` rows: its narrowest width up to 999 rows, wider once the last
 * number has a thousands separator (at width 5, "4.300" in 12 pt printed as "###" in the national Phụ lục V).
 */
const sttWidth = (count: number, narrowest: number): number =>
  Math.max(narrowest, Math.trunc(count).toLocaleString('en-US').length + 2);
const DEC_FMT = '#,##0.0#';
/** NĐ 30 margins in inches: top/bottom 20 mm, left 30 mm, right 15 mm. */
const MARGINS = { top: 0.79, bottom: 0.79, left: 1.18, right: 0.59, header: 0.3, footer: 0.3 };
/** Page numbers centred at the top, Times New Roman 13, none on page 1. */
const HEADER_FOOTER = { differentFirst: true, firstHeader: '', oddHeader: '&C&"Times New Roman,Regular"&13&P' };

type Sheet = X.Worksheet;
type Cell = X.Cell;

interface FontOpts {
  size?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** One font object per distinct font, shared by the cells (never changed in place: a new size is a new object). */
const FONTS = new Map<number, Array<Readonly<Partial<X.Font>> | undefined>>();
function font(o: FontOpts = {}): Partial<X.Font> {
  const size = o.size ?? 13;
  let bySize = FONTS.get(size);
  if (!bySize) FONTS.set(size, (bySize = []));
  const key = (o.bold ? 4 : 0) + (o.italic ? 2 : 0) + (o.underline ? 1 : 0);
  let f = bySize[key];
  if (!f) {
    f = Object.freeze({
      name: FONT,
      size,
      bold: !!o.bold,
      italic: !!o.italic,
      ...(o.underline ? { underline: true } : {}),
    });
    bySize[key] = f;
  }
  return f;
}

/**
 * Writes a string that can never become a formula: stored as text, and quote-prefixed when it starts like one
 * (= + - @ tab CR), so editing the cell in Excel (F2, Enter) keeps it text.
 */
function text(cell: Cell, s: string, o: FontOpts = {}): Cell {
  const value = cleanText(String(s));
  cell.value = value;
  cell.font = font(o);
  if (needsQuotePrefix(value)) cell.style.quotePrefix = true;
  return cell;
}

function num(cell: Cell, n: number | null | undefined, fmt = INT_FMT, o: FontOpts = {}): Cell {
  if (n === null || n === undefined || !Number.isFinite(n)) cell.value = null;
  else {
    cell.value = n;
    cell.numFmt = Number.isInteger(n) && fmt === INT_FMT ? INT_FMT : fmt;
  }
  cell.font = font(o);
  return cell;
}

const thin: Partial<X.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * Column widths: the unit is a digit of the default font (Calibri 11). LibreOffice prints a column of width w
 * as 5,55 × w pt (measured: 10 → 55,5 pt, 20 → 111 pt), a little more than Excel's (7w + 5) px.
 */
const PT_PER_CHAR = 5.55;
const colPt = (w: number) => w * PT_PER_CHAR;
const PT_PER_MM = 72 / 25.4;
const widthForMm = (millimetres: number) => (millimetres * PT_PER_MM) / PT_PER_CHAR;
/** The printable width and height (pt) inside NĐ 30's margins. */
const PRINTABLE = {
  portrait: { w: (210 - 30 - 15) * PT_PER_MM, h: (297 - 20 - 20) * PT_PER_MM },
  landscape: { w: (297 - 30 - 15) * PT_PER_MM, h: (210 - 20 - 20) * PT_PER_MM },
};
/** The smallest text in a table is 12 pt: printed at 84 % or more it stays ≥ 10 pt (NĐ 30 readability). */
export const TABLE_FONT = 12;
export const MIN_EFFECTIVE_PT = 10;
const MIN_SCALE = Math.ceil((MIN_EFFECTIVE_PT / TABLE_FONT) * 100);

function linesFor(s: string, size: number, widthPt: number, bold = false): number {
  return linesOf(s, size, widthPt, bold);
}

const rangeWidthPt = (ws: Sheet, from: number, to: number) => {
  let w = 0;
  for (let c = from; c <= to; c++) w += colPt(ws.getColumn(c).width ?? 9);
  return w;
};

/** A merged line of text across columns `from`–`to`, the row as tall as its wrapped lines. */
function line(
  ws: Sheet,
  row: number,
  from: number,
  to: number,
  s: string,
  o: FontOpts & { align?: 'left' | 'center' | 'right' | 'justify'; wrap?: boolean } = {},
): Cell {
  if (to > from) ws.mergeCells(row, from, row, to);
  const c = text(ws.getCell(row, from), s, o);
  const wrap = o.wrap ?? true;
  c.alignment = { horizontal: o.align ?? 'left', vertical: 'top', wrapText: wrap };
  const size = o.size ?? 13;
  const width = rangeWidthPt(ws, from, to);
  const lines = wrap ? linesFor(s, size, width, o.bold) : 1;
  ws.getRow(row).height = Math.max(ws.getRow(row).height ?? 0, lines * size * 1.2 + 3);
  return c;
}

/** A note under a table: italic, 12 pt, across `cols` columns. */
function note(ws: Sheet, row: number, cols: number, s: string): void {
  line(ws, row, 1, cols, s, { italic: true, size: TABLE_FONT });
}

function setupSheet(ws: Sheet, landscape: boolean) {
  ws.pageSetup = {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    margins: MARGINS,
    fitToPage: false,
    scale: 100,
    horizontalCentered: false,
    firstPageNumber: 1,
  };
  ws.headerFooter = { ...HEADER_FOOTER };
  ws.properties.defaultRowHeight = 18;
}

/**
 * The print scale: 100 % when the columns fit the page width, else the scale that makes them fit, never below the
 * one keeping 12 pt table text at 10 pt (wider sheets are split instead, see Phụ lục V).
 */
function fitScale(ws: Sheet, cols: number): number {
  const page = PRINTABLE[ws.pageSetup.orientation === 'landscape' ? 'landscape' : 'portrait'];
  const scale = Math.min(100, Math.floor((page.w / rangeWidthPt(ws, 1, cols)) * 100));
  ws.pageSetup.scale = Math.max(MIN_SCALE, scale);
  return ws.pageSetup.scale;
}

/** Each row as tall as its most wrapped cell (merged cells count over their whole width). */
function fitWrappedRows(ws: Sheet, fromRow: number, toRow: number) {
  // exceljs computes columnCount by visiting every row: read once (the loop below adds no column), not per cell,
  // which made Phụ lục V of 4,300 units quadratic (minutes)
  const columns = ws.columnCount;
  // a cell that is no merge's master is its column's width (rangeWidthPt of one column, read once per column)
  const own: number[] = [];
  for (let c = 1; c <= columns; c++) own[c] = rangeWidthPt(ws, c, c);
  const mergedWidth = (cell: Cell, c: number): number => {
    if (cell.mergeCount === 0 && c <= columns) return own[c]!;
    let to = c;
    while (to < columns && ws.getCell(cell.row, to + 1).master === cell) to++;
    return rangeWidthPt(ws, c, to);
  };
  for (let r = fromRow; r <= toRow; r++) {
    const row = ws.getRow(r);
    if (row.isFilled) continue; // its height set by TableRow.put, the same way
    let height = 18;
    row.eachCell((cell, c) => {
      if (cell.isMerged && cell.master !== cell) return;
      const size = cell.font?.size ?? TABLE_FONT;
      const v = cell.value ?? '';
      height = Math.max(height, linesOf(v, size, mergedWidth(cell, c), !!cell.font?.bold) * size * 1.2 + 4);
    });
    row.height = height;
  }
}

/** The appendix heading: "Phụ lục I", title, "(Kèm theo Báo cáo số … ngày … tháng … năm … của …)", the mark. */
function appendixHeading(
  ws: Sheet,
  model: ReportModel,
  n: number,
  title: string,
  cols: number,
  sensitive: boolean,
): number {
  line(ws, 1, 1, cols, appendixName(n), { bold: true, align: 'center', size: 14 });
  line(ws, 2, 1, cols, title.toLocaleUpperCase('vi'), { bold: true, align: 'center', size: 13 });
  line(ws, 3, 1, cols, attachedLine(model), { italic: true, align: 'center', size: 13 });
  let r = 4;
  if (sensitive) {
    // framed, 13 pt bold caps, the frame round the words: the middle columns about as wide as the mark
    const mark = SENSITIVE_MARK.toLocaleUpperCase('vi');
    const need = textPt(mark, 13, true) + 16;
    let [from, to] = [Math.ceil(cols / 2), Math.ceil(cols / 2)];
    while (rangeWidthPt(ws, from, to) < need && (from > 1 || to < cols)) {
      if (to < cols) to++;
      if (rangeWidthPt(ws, from, to) < need && from > 1) from--;
    }
    const c = line(ws, r, from, to, mark, { bold: true, align: 'center', size: 13, wrap: false });
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    for (let x = from; x <= to; x++) ws.getCell(r, x).border = thin;
    ws.getRow(r).height = 22;
    r++;
  }
  return r + 1;
}

/** A new sheet, set up for printing; its heading is written once the columns have their widths. */
function appendixSheet(
  wb: X.Workbook,
  model: ReportModel,
  n: number,
  o: { title: string; cols: number; landscape: boolean; sensitive?: boolean; name?: string; widths: number[] },
): { ws: Sheet; hr: number } {
  const ws = wb.addWorksheet(o.name ?? appendixName(n));
  setupSheet(ws, o.landscape);
  o.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return { ws, hr: appendixHeading(ws, model, n, o.title, o.cols, o.sensitive ?? false) };
}

/** Prints from A1 to column `cols` of row `lastRow`, repeating the header rows `hr`–`lastHeaderRow` on every page. */
function printRange(ws: Sheet, cols: number, lastRow: number, hr: number, lastHeaderRow = hr): void {
  ws.pageSetup.printArea = `A1:${ws.getColumn(cols).letter}${lastRow}`;
  ws.pageSetup.printTitlesRow = `${hr}:${lastHeaderRow}`;
  const scale = fitScale(ws, cols);
  // the heading above the table prints at its NĐ 30 size (Phụ lục 14 pt, the rest 13 pt) whatever the scale
  if (scale < 100)
    for (let r = 1; r < hr; r++) {
      const row = ws.getRow(r);
      row.eachCell((c) => {
        if (c.isMerged && c.master !== c) return; // a merged cell's parts share the master's font
        if (c.font?.size) c.font = { ...c.font, size: Math.round(((c.font.size * 100) / scale) * 2) / 2 };
      });
      if (row.height) row.height = (row.height * 100) / scale;
    }
}

function headerRow(ws: Sheet, r: number, labels: string[]) {
  labels.forEach((l, i) => {
    const c = text(ws.getCell(r, i + 1), l, { bold: true, size: TABLE_FONT });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = thin;
  });
}

/** a table cell's alignment, one shared object per horizontal alignment (never changed in place) */
const TABLE_ALIGN = new Map<string, Partial<X.Alignment>>();
function tableAlignment(horizontal: NonNullable<X.Alignment['horizontal']>): Partial<X.Alignment> {
  let a = TABLE_ALIGN.get(horizontal);
  if (!a) TABLE_ALIGN.set(horizontal, (a = Object.freeze({ vertical: 'middle', wrapText: true, horizontal })));
  return a;
}

/** Borders and table alignment on rows r1–r2 (a row given whole, TableRow, has its own already). */
function borderRange(ws: Sheet, r1: number, r2: number, cols: number) {
  for (let r = r1; r <= r2; r++) {
    if (ws.getRow(r).isFilled) continue;
    for (let c = 1; c <= cols; c++) {
      const cell = ws.getCell(r, c);
      cell.border = thin;
      cell.alignment = tableAlignment(
        typeof cell.value === 'number' || cell.value === '<5' ? 'right' : (cell.alignment?.horizontal ?? 'left'),
      );
      if (!cell.font) cell.font = font({ size: TABLE_FONT });
    }
  }
}

/*
 * Table rows given whole (X.Row.fill, issue 20: the national Phụ lục III, V and VI have ~420,000 cells): each value
 * with the style text()/num() and then borderRange give it, the row as tall as fitWrappedRows makes it.
 */

/** The styles of a table's cells in one font, as text()/num() then borderRange leave them (frozen, shared). */
class TableLook {
  /** text, left-aligned; the same quote-prefixed; "<5", right-aligned; an empty cell */
  readonly left: X.Style;
  readonly quoted: X.Style;
  readonly right: X.Style;
  readonly empty: X.Style;
  private readonly numbers = new Map<string, X.Style>();

  constructor(readonly font: Partial<X.Font>) {
    this.left = this.style('left', undefined, false);
    this.quoted = this.style('left', undefined, true);
    this.right = this.style('right', undefined, false);
    this.empty = this.left;
  }
  private style(horizontal: 'left' | 'right', numFmt: string | undefined, quotePrefix: boolean): X.Style {
    return Object.freeze({
      font: this.font,
      ...(numFmt !== undefined ? { numFmt } : {}),
      ...(quotePrefix ? { quotePrefix: true } : {}),
      border: thin,
      alignment: tableAlignment(horizontal),
    });
  }
  /** a number in format `fmt`, right-aligned */
  number(fmt: string): X.Style {
    let st = this.numbers.get(fmt);
    if (!st) this.numbers.set(fmt, (st = this.style('right', fmt, false)));
    return st;
  }
}
const LOOKS = new Map<Partial<X.Font>, TableLook>();
function tableLook(o: FontOpts): TableLook {
  const f = font(o);
  let look = LOOKS.get(f);
  if (!look) LOOKS.set(f, (look = new TableLook(f)));
  return look;
}

/** A row of table cells built up, then given to the sheet in one piece (`put`). */
class TableRow {
  readonly values: X.CellValue[];
  readonly styles: X.Style[];
  private n = 0;
  constructor(width: number) {
    this.values = new Array<X.CellValue>(width).fill(null);
    this.styles = new Array<X.Style>(width);
  }
  /** text(): cleaned, quote-prefixed when it starts like a formula; right-aligned only when it reads "<5" */
  text(s: string, look: TableLook): void {
    const value = cleanText(String(s));
    this.values[this.n] = value;
    this.styles[this.n++] = value === '<5' ? look.right : needsQuotePrefix(value) ? look.quoted : look.left;
  }
  /** num(): a finite number right-aligned in its format, else an empty cell */
  num(n: number | null | undefined, fmt: string, look: TableLook): void {
    if (n === null || n === undefined || !Number.isFinite(n)) return this.empty(look);
    this.values[this.n] = n;
    this.styles[this.n++] = look.number(Number.isInteger(n) && fmt === INT_FMT ? INT_FMT : fmt);
  }
  /** a cell with no value, in the table's font and border */
  empty(look: TableLook): void {
    this.values[this.n] = null;
    this.styles[this.n++] = look.empty;
  }
  /** Row `r` of the sheet becomes this row, as tall as its most wrapped cell (fitWrappedRows' heights). */
  put(ws: Sheet, r: number, cols: TableColumns): void {
    if (this.n !== this.values.length)
      throw new Error(`workbook: row ${r} has ${this.n} of ${this.values.length} cells`);
    let height = 18;
    const { values, styles } = this;
    let f: Partial<X.Font> | undefined;
    let bounds: readonly number[] = [];
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === null) continue;
      const font = styles[i]!.font!;
      if (font !== f) bounds = cols.oneLine((f = font));
      const size = font.size ?? TABLE_FONT;
      // an integer short enough for its column takes one line (what linesOf would count, without the count)
      const b = bounds[i + 1]!;
      const lines =
        typeof v === 'number' && v < b && v > -b && Number.isInteger(v)
          ? 1
          : linesOf(v, size, cols.widths[i + 1]!, !!font.bold);
      height = Math.max(height, lines * size * 1.2 + 4);
    }
    const row = ws.getRow(r);
    row.fill(values, styles);
    row.height = height;
  }
}

/** The columns of a table given row by row (TableRow): their widths and which integers fit them on one line. */
class TableColumns {
  /** each column's width in pt, 1-based (fitWrappedRows' width of a cell no merge covers) */
  readonly widths: number[] = [];
  private readonly bounds = new Map<Partial<X.Font>, number[]>();

  constructor(ws: Sheet, cols: number) {
    for (let c = 1; c <= cols; c++) this.widths[c] = rangeWidthPt(ws, c, c);
  }

  /**
   * Per column, the bound B below which an integer n (-B < n < B) always takes one line in that font: its text
   * (a "-" and at most C - 1 digits, C characters, each at most 0,52 em wide: charEm) is narrower than the
   * column's usable width (countLines: max(10, width - 6)), with 0,1 % to spare for rounding.
   */
  oneLine(f: Partial<X.Font>): readonly number[] {
    let b = this.bounds.get(f);
    if (!b) {
      b = [];
      const perChar = 0.52 * (f.size ?? TABLE_FONT) * (f.bold ? 1.05 : 1) * 1.06;
      for (let c = 1; c < this.widths.length; c++) {
        const chars = Math.floor((Math.max(10, this.widths[c]! - 6) * 0.999) / perChar);
        b[c] = chars >= 2 ? 10 ** Math.min(15, chars - 1) : 0;
      }
      this.bounds.set(f, b);
    }
    return b;
  }
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Rows r1–r2 go on one page: when they would cross a page end (row heights are set, so the spreadsheet prints
 * them as given), a page break goes before r1. The sheet is printed at `scale` %.
 */
function keepTogether(ws: Sheet, r1: number, r2: number, pageHeightPt: number, scale = 100) {
  const h = (r: number) => (ws.getRow(r).height ?? 15) * (scale / 100);
  let y = 0;
  for (let r = 1; r < r1; r++) {
    if (y + h(r) > pageHeightPt) y = 0;
    y += h(r);
  }
  let block = 0;
  for (let r = r1; r <= r2; r++) block += h(r);
  if (y + block > pageHeightPt && block <= pageHeightPt) ws.getRow(r1 - 1).addPageBreak();
}

function mainSheet(wb: X.Workbook, model: ReportModel) {
  const ws = wb.addWorksheet('Báo cáo');
  setupSheet(ws, false);
  const COLS = 7;
  // A–D: the agency (66 mm; C carries the short rule under its name, 22 mm centred under it); E–G: Quốc hiệu and
  // Tiêu ngữ (96 mm; F carries the rule under the Tiêu ngữ, as long as "Độc lập - Tự do - Hạnh phúc" at 13 pt
  // bold: 56 mm). A (12,7 mm) is the paragraphs' indent: a cell cannot indent its first line, so the body runs in
  // B–G. 162 mm in all, inside the 165 mm between the margins.
  [12.7, 10.3, 22, 21, 20, 56, 20].forEach((w, i) => (ws.getColumn(i + 1).width = widthForMm(w)));
  const s = model.settings;
  line(ws, 1, 1, 4, s.agencyParent.toLocaleUpperCase('vi'), { size: 12, align: 'center' });
  line(ws, 1, 5, 7, QUOC_HIEU, { size: 12, bold: true, align: 'center', wrap: false });
  line(ws, 2, 1, 4, s.agencyName.toLocaleUpperCase('vi'), { size: 12, bold: true, align: 'center' });
  line(ws, 2, 5, 7, TIEU_NGU, { size: 13, bold: true, align: 'center', wrap: false });
  ws.getRow(3).height = 8;
  ws.getCell(3, 3).border = { top: { style: 'thin' } };
  ws.getCell(3, 6).border = { top: { style: 'thin' } };
  // Số and the date on one row, same size: one baseline
  line(ws, 4, 1, 4, docNumberLine(s.docNumberPattern, model.docNumber), { size: 13, align: 'center' });
  line(ws, 4, 5, 7, placeDateLine(s.placeName, model.today), { size: 13, italic: true, align: 'center' });
  ws.getCell(4, 1).alignment = { horizontal: 'center', vertical: 'bottom', wrapText: true };
  ws.getCell(4, 5).alignment = { horizontal: 'center', vertical: 'bottom', wrapText: true };
  ws.getRow(5).height = 12;
  line(ws, 6, 1, COLS, 'BÁO CÁO', { size: 14, bold: true, align: 'center' });
  line(ws, 7, 1, COLS, reportSummary(model), { size: 14, bold: true, align: 'center' });
  ws.getRow(8).height = 6;
  ws.getCell(8, 4).border = { top: { style: 'thin' } };
  ws.getCell(8, 5).border = { top: { style: 'thin' } };
  line(ws, 9, 1, COLS, `Kính gửi: ${REPORT_ADDRESSEE}.`, { size: 14, align: 'center' });
  ws.getRow(10).height = 8;

  let r = 11;
  const para = (t: string, o: FontOpts = {}) => {
    line(ws, r++, 2, COLS, t, { align: 'justify', ...o });
  };
  const n = narrative(model);
  para('I. TÌNH HÌNH THU THẬP BÁO CÁO', { bold: true });
  n.reporting.forEach((t) => para(t));
  para('II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', { bold: true });
  n.indicators.forEach((t) => para(t));
  n.closing.forEach((t) => para(t));
  const lastPara = r;
  para(
    `Trên đây là báo cáo kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ ${periodPhrase(
      model.period.label,
    )} của ${agencyInSentence(s)}, kính báo cáo ${REPORT_ADDRESSEE}./.`,
  );
  ws.getRow(r).height = 10;
  r++;

  // signature (right) and nơi nhận (left) side by side, each line its own row
  const sig = signerLines(s.signer);
  const recips = reportRecipientLines(s);
  const start = r;
  line(ws, r, 1, 4, 'Nơi nhận:', { size: 12, bold: true, italic: true });
  let sr = r;
  if (sig.authority) line(ws, sr++, 5, 7, sig.authority, { size: 13, bold: true, align: 'center' });
  if (sig.title) line(ws, sr++, 5, 7, sig.title, { size: 13, bold: true, align: 'center' });
  let lr = r + 1;
  for (const rl of recips) line(ws, lr++, 1, 4, rl, { size: 11 });
  // room for the signature and seal: about 25 mm below the title
  const nameRow = Math.max(sr + 1, lr);
  let room = 0;
  for (let x = sr; x < nameRow; x++) room += ws.getRow(x).height ?? 15;
  // spread over the rows beside the nơi nhận list, so the list keeps an even spacing
  if (room < 72)
    for (let x = sr; x < nameRow; x++) ws.getRow(x).height = (ws.getRow(x).height ?? 15) + (72 - room) / (nameRow - sr);
  line(ws, nameRow, 5, 7, sig.name, { size: 13, bold: true, align: 'center' });
  const last = Math.max(nameRow, lr - 1, start);
  keepTogether(ws, lastPara, last, PRINTABLE.portrait.h);
  ws.pageSetup.printArea = `A1:G${last}`;
}

function appendix1(wb: X.Workbook, model: ReportModel) {
  const COLS = 9;
  const { ws, hr } = appendixSheet(wb, model, APPENDIX.indicators, {
    title: `Kết quả thực hiện các chỉ tiêu ${model.period.label.toLocaleLowerCase('vi')}`,
    cols: COLS,
    landscape: true,
    // a code never wraps inside itself: Mã as wide as the longest code (12 pt caps ≈ 1,3 width units a letter)
    widths: (() => {
      const code = Math.min(
        40,
        Math.max(10, ...indicatorRows(model).map((x) => textPt(x.code, TABLE_FONT, false) / PT_PER_CHAR + 1.5)),
      );
      return [code, 30, 10, 10, 14, 13, 12, 14, 9];
    })(),
  });
  const prevLabel = model.consolidation.previous?.label ?? 'Cùng kỳ năm trước';
  const rows = indicatorRows(model);
  const provisional = rows.some((x) => x.provisional && x.met !== null);
  const differs = rows.some((x) => x.coverageDiffers);
  headerRow(ws, hr, [
    'Mã',
    'Tên chỉ tiêu',
    'Đơn vị tính',
    'Kết quả',
    'Mục tiêu',
    provisional ? 'Đánh giá (*)' : 'Đánh giá',
    `Cùng kỳ (${prevLabel})`,
    'Tăng/giảm',
    'Số đơn vị',
  ]);
  let r = hr + 1;
  let group = '';
  const groupRows: number[] = [];
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      ws.mergeCells(r, 1, r, COLS);
      text(
        ws.getCell(r, 1),
        group === 'strategy'
          ? 'A. Chỉ tiêu Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030'
          : 'B. Các tỷ lệ khác',
        { bold: true, size: TABLE_FONT },
      );
      groupRows.push(r);
      r++;
    }
    const f = { size: TABLE_FONT };
    text(ws.getCell(r, 1), row.code, f);
    text(ws.getCell(r, 2), row.name, f);
    text(ws.getCell(r, 3), row.unit, f);
    num(ws.getCell(r, 4), row.value, DEC_FMT, { ...f, bold: true });
    text(ws.getCell(r, 5), row.targetText, f);
    text(ws.getCell(r, 6), row.metText, { ...f, bold: row.met === false });
    num(ws.getCell(r, 7), row.previous, DEC_FMT, f);
    text(ws.getCell(r, 8), `${changeText(row)}${row.coverageDiffers ? ' (**)' : ''}`, f);
    text(
      ws.getCell(r, 9),
      row.units === null
        ? 'cấp tỉnh'
        : `${row.units}/${row.expected}${row.coverageDiffers ? `\n(cùng kỳ: ${row.previousUnits})` : ''}`,
      f,
    );
    r++;
  }
  borderRange(ws, hr + 1, r - 1, COLS);
  fitWrappedRows(ws, hr, r - 1);
  let last = r - 1;
  const notes = [
    provisional ? `(*) ${provisionalNote(model.status.received, model.status.expected)}` : '',
    differs ? `(**) ${COVERAGE_NOTE}` : '',
  ].filter(Boolean);
  for (const t of notes) note(ws, ++last, COLS, t);
  printRange(ws, COLS, last, hr);
  keepSectionRows(ws, groupRows, hr, 'landscape');
}

/**
 * A section row never ends a page: when one would be the last row on its page, a break goes before it. Pages are
 * counted from the set row heights at the sheet's scale; the repeated header rows count on every page after the
 * first.
 */
function keepSectionRows(ws: Sheet, rows: number[], hr: number, o: 'portrait' | 'landscape', lastHeaderRow = hr) {
  const scale = (ws.pageSetup.scale ?? 100) / 100;
  const pageH = PRINTABLE[o].h;
  const h = (r: number) => (ws.getRow(r).height ?? 15) * scale;
  let titles = 0;
  for (let r = hr; r <= lastHeaderRow; r++) titles += h(r);
  const breakBefore = new Set<number>();
  let y = 0;
  const last = ws.rowCount;
  // the estimate can be a few points off the spreadsheet's own pagination: a section row that ends within SLACK of
  // a page end, or whose next row does, starts the next page instead (a break too many only leaves white space)
  const SLACK = 14;
  for (let r = 1; r <= last; r++) {
    if (rows.includes(r) && r > 1 && y + h(r) + h(r + 1) > pageH - SLACK) {
      breakBefore.add(r);
      y = titles;
    } else if (y + h(r) > pageH) y = titles;
    y += h(r);
  }
  for (const r of breakBefore) ws.getRow(r - 1).addPageBreak();
}

function appendix2(wb: X.Workbook, model: ReportModel) {
  const COLS = 8;
  const { ws, hr } = appendixSheet(wb, model, APPENDIX.elements, {
    title: `Số liệu tổng hợp ${model.period.label.toLocaleLowerCase('vi')}`,
    cols: COLS,
    landscape: true,
    widths: [6, 52, 18, 13, 13, 13, 13, 14],
  });
  const anySensitive = hasSensitive(model);
  const L = model.catalog.cellLabels;
  headerRow(ws, hr, [
    'STT',
    'Chỉ tiêu',
    'Đơn vị tính',
    L.total,
    L.female,
    L.male,
    L.value,
    `Số đơn vị báo cáo (trên ${model.status.expected})`,
  ]);
  let r = hr + 1;
  let stt = 0;
  const groupRows: number[] = [];
  for (const sec of elementSections(model)) {
    ws.mergeCells(r, 1, r, COLS);
    text(ws.getCell(r, 1), `${sec.section.code}. ${sec.section.name}`, { bold: true, size: TABLE_FONT });
    groupRows.push(r);
    r++;
    for (const row of sec.rows) {
      stt++;
      const f = { size: TABLE_FONT };
      num(ws.getCell(r, 1), stt, INT_FMT, f);
      ws.getCell(r, 1).alignment = { horizontal: 'center' };
      text(ws.getCell(r, 2), `${row.element.name}${row.element.sensitive ? ' (*)' : ''}`, f);
      const yesno = row.element.type === 'yesno';
      text(
        ws.getCell(r, 3),
        yesno ? (row.province ? 'có (1) / không (0)' : 'số đơn vị trả lời "Có"') : row.element.unit,
        f,
      );
      CELL_KEYS.forEach((cell, i) => {
        num(ws.getCell(r, 4 + i), row.cells[cell], row.element.type === 'decimal' ? DEC_FMT : INT_FMT, f);
      });
      if (row.province) text(ws.getCell(r, 8), 'Số liệu cấp tỉnh', { ...f, italic: true });
      else num(ws.getCell(r, 8), row.units, INT_FMT, f);
      r++;
    }
  }
  borderRange(ws, hr + 1, r - 1, COLS);
  fitWrappedRows(ws, hr, r - 1);
  let last = r - 1;
  if (anySensitive) {
    note(
      ws,
      ++last,
      COLS,
      `(*) Số liệu nhạy cảm về bạo lực trên cơ sở giới: ${SENSITIVE_MARK.toLocaleLowerCase('vi')}.`,
    );
  }
  printRange(ws, COLS, last, hr);
  keepSectionRows(ws, groupRows, hr, 'landscape');
}

function appendix3(wb: X.Workbook, model: ReportModel) {
  const COLS = 6;
  const { ws, hr } = appendixSheet(wb, model, APPENDIX.reporting, {
    title: `Tình hình gửi báo cáo của các đơn vị (hạn gửi ${formatDate(model.status.deadline)})`,
    cols: COLS,
    landscape: false,
    widths: [sttWidth(model.status.units.length, 6), 30, 20, 13, 13, 8],
  });
  headerRow(ws, hr, ['STT', 'Đơn vị', 'Loại đơn vị', 'Tình trạng', 'Ngày nhận', 'Lần gửi']);
  let r = hr + 1;
  const f = { size: TABLE_FONT };
  const own = new TableColumns(ws, COLS);
  const look = tableLook(f);
  const flagged = tableLook({ ...f, bold: true });
  model.status.units.forEach((u, i) => {
    const row = new TableRow(COLS);
    row.num(i + 1, INT_FMT, look);
    row.text(u.name, look);
    row.text(kindName(model, u.kind), look);
    row.text(STATUS_TEXT[u.status], flaggedStatus(u.status) ? flagged : look);
    row.text(formatDate(u.receivedAt), look);
    row.num(u.revision, INT_FMT, look);
    row.put(ws, r, own);
    r++;
  });
  const s = model.status;
  ws.mergeCells(r, 1, r, 3);
  text(ws.getCell(r, 1), 'Cộng', { bold: true, size: TABLE_FONT });
  text(
    ws.getCell(r, 4),
    `Đã gửi ${s.received}/${s.expected}: đúng hạn ${s.onTime}, muộn ${s.late}` +
      `${s.history ? `, nhập bổ sung ${s.history}` : ''}; chưa gửi ${s.missing}`,
    {
      bold: true,
      size: TABLE_FONT,
    },
  );
  ws.mergeCells(r, 4, r, 6);
  borderRange(ws, hr + 1, r, COLS);
  fitWrappedRows(ws, hr, r);
  printRange(ws, COLS, r, hr);
}

function appendix4(wb: X.Workbook, model: ReportModel) {
  const kinds = model.consolidation.byKind;
  const COLS = 2 + kinds.length;
  const { ws, hr } = appendixSheet(wb, model, APPENDIX.byKind, {
    title: 'Số liệu theo loại đơn vị',
    cols: COLS,
    landscape: true,
    sensitive: hasSensitive(model),
    widths: [Math.max(50, 84 - 4 * kinds.length), 14, ...kinds.map(() => 16)],
  });
  headerRow(ws, hr, ['Chỉ tiêu', 'Đơn vị tính', ...kinds.map((k) => kindName(model, k.kind))]);
  let r = hr + 1;
  const L = model.catalog.cellLabels;
  const f = { size: TABLE_FONT };
  const groupRows: number[] = [r];
  ws.mergeCells(r, 1, r, COLS);
  text(ws.getCell(r, 1), 'A. Các tỷ lệ (tính lại từ tử số và mẫu số của từng loại đơn vị)', {
    bold: true,
    size: TABLE_FONT,
  });
  r++;
  for (const ind of model.catalog.indicators) {
    const vals = kinds.map((k) => k.indicators.find((i) => i.code === ind.code)?.value ?? null);
    if (vals.every((v) => v === null)) continue;
    text(ws.getCell(r, 1), ind.name, f);
    text(ws.getCell(r, 2), ind.unit, f);
    vals.forEach((v, i) => num(ws.getCell(r, 3 + i), v, DEC_FMT, f));
    r++;
  }
  groupRows.push(r);
  ws.mergeCells(r, 1, r, COLS);
  text(ws.getCell(r, 1), 'B. Số liệu tổng hợp', { bold: true, size: TABLE_FONT });
  r++;
  for (const part of figureColumnParts(model, Number.MAX_SAFE_INTEGER))
    for (const { element, cell } of part) {
      const vals = kinds.map((k) => k.values.find((v) => v.code === element.code && v.cell === cell)?.value ?? null);
      if (vals.every((v) => v === null)) continue;
      text(
        ws.getCell(r, 1),
        `${element.name}${cell === 'value' ? '' : ` – ${L[cell].toLocaleLowerCase('vi')}`}${element.sensitive ? ' (*)' : ''}`,
        f,
      );
      text(ws.getCell(r, 2), element.type === 'yesno' ? 'số đơn vị "Có"' : element.unit, f);
      vals.forEach((v, i) => {
        const c = ws.getCell(r, 3 + i);
        const s = v === null ? null : suppressed(v, element.sensitive, model.includeSensitive);
        if (typeof s === 'string') text(c, s, f);
        else num(c, s, element.type === 'decimal' ? DEC_FMT : INT_FMT, f);
      });
      r++;
    }
  borderRange(ws, hr + 1, r - 1, COLS);
  fitWrappedRows(ws, hr, r - 1);
  const last = r;
  note(
    ws,
    last,
    COLS,
    `(*) Số liệu nhạy cảm: ${SENSITIVE_MARK.toLocaleLowerCase('vi')}` +
      (model.includeSensitive ? '.' : '; các số từ 1 đến 4 được ghi "<5" để tránh nhận diện cá nhân.'),
  );
  printRange(ws, COLS, last, hr);
  keepSectionRows(ws, groupRows, hr, 'landscape');
}

/**
 * Phụ lục V, figures by unit: 79 figure columns cannot be read on one A4 width (1,4 pt), so the columns are split
 * into sheets "Phụ lục V (1)", "(2)", … of at most FIGURES_PER_PAGE figure columns (an element's cells together),
 * each with the unit columns, landscape, at a scale that keeps 12 pt text ≥ 10 pt.
 */
/** Longest element name in a per-unit header cell before it is cut (given in full under the table). */
const HEADER_CHARS = 60;

function appendix5(wb: X.Workbook, model: ReportModel, figures: FigureTable, ranks: ViRanks) {
  const parts = figureColumnParts(model);
  const L = model.catalog.cellLabels;
  // the units in sortedUnits' order (by name, then code)
  const named = figures.units;
  const units = sortedUnitIndexes(figures, ranks);
  // each column's key in the table (-1: no unit has a value of it)
  const keyOf = new Map<string, number>();
  figures.keys.forEach(({ element, cell }, k) => {
    const id = `${element}\u0000${cell}`;
    if (!keyOf.has(id)) keyOf.set(id, k);
  });
  const width = figures.keys.length;
  parts.forEach((cols, pi) => {
    const COLS = 2 + cols.length;
    const { ws, hr } = appendixSheet(wb, model, APPENDIX.byUnit, {
      name: `${appendixName(APPENDIX.byUnit)} (${pi + 1})`,
      title: `Số liệu chi tiết theo đơn vị (phần ${pi + 1}/${parts.length})`,
      cols: COLS,
      landscape: true,
      sensitive: hasSensitive(model),
      widths: [sttWidth(units.length, 5), 25, ...cols.map(() => 9.5)],
    });
    const h2 = hr + 1;
    ['STT', 'Đơn vị'].forEach((l, i) => {
      ws.mergeCells(hr, i + 1, h2, i + 1);
      const c = text(ws.getCell(hr, i + 1), l, { bold: true, size: TABLE_FONT });
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    let c = 3;
    const legend: string[] = [];
    for (const el of new Set(cols.map((x) => x.element))) {
      const n = cols.filter((x) => x.element === el).length;
      if (n > 1) ws.mergeCells(hr, c, hr, c + n - 1);
      // a long name would make the repeated header row fill the page: cut, and given in full under the table
      legend.push(el.name);
      const short =
        el.name.length > HEADER_CHARS ? `${el.name.slice(0, HEADER_CHARS).replace(/\s+\S*$/, '')}…` : el.name;
      const label = `(${legend.length}) ${short}${el.sensitive ? ' (*)' : ''}`;
      const h = text(ws.getCell(hr, c), label, { bold: true, size: TABLE_FONT });
      h.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cols
        .filter((x) => x.element === el)
        .forEach(({ cell }, i) => {
          const x = text(ws.getCell(h2, c + i), L[cell], { bold: true, size: TABLE_FONT });
          x.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        });
      c += n;
    }
    let r = h2 + 1;
    const f = { size: TABLE_FONT };
    const own = new TableColumns(ws, COLS);
    const look = tableLook(f);
    const colKeys = cols.map(({ element, cell }) => keyOf.get(`${element.code}\u0000${cell}`) ?? -1);
    units.forEach((u, i) => {
      const row = new TableRow(COLS);
      row.num(i + 1, INT_FMT, look);
      row.text(named[u]!.unitName, look);
      const base = u * width;
      cols.forEach(({ element }, j) => {
        const k = colKeys[j]!;
        const v = k < 0 ? null : figureAt(figures, base + k, element, model.includeSensitive);
        if (typeof v === 'number') row.num(v, element.type === 'decimal' ? DEC_FMT : INT_FMT, look);
        else if (v !== null) row.text(v, look);
        else row.empty(look);
      });
      row.put(ws, r, own);
      r++;
    });
    borderRange(ws, hr, r - 1, COLS);
    fitWrappedRows(ws, hr, r - 1);
    ws.getRow(h2).height = 20;
    note(
      ws,
      r,
      COLS,
      `(*) Số liệu nhạy cảm: ${SENSITIVE_MARK.toLocaleLowerCase('vi')}` +
        (model.includeSensitive ? '.' : '; các số từ 1 đến 4 được ghi "<5".') +
        ' KAD: không áp dụng; ô trống: đơn vị không báo cáo.',
    );
    let last = r;
    legend.forEach((name, i) => {
      if (name.length > HEADER_CHARS) note(ws, ++last, COLS, `(${i + 1}) ${name}`);
    });
    ws.views = [{ state: 'frozen', xSplit: 2, ySplit: h2 }];
    printRange(ws, COLS, last, hr, h2);
    // the notes go with the last rows, never alone under a repeated header
    keepTogether(ws, Math.max(h2 + 1, r - 2), last, PRINTABLE.landscape.h, ws.pageSetup.scale);
  });
}

function appendix6(wb: X.Workbook, model: ReportModel, ranks: ViRanks) {
  const COLS = 4;
  const { ws, hr } = appendixSheet(wb, model, APPENDIX.texts, {
    title: 'Ý kiến đánh giá và kiến nghị của các đơn vị',
    cols: COLS,
    landscape: false,
    widths: [6, 20, 18, 44],
  });
  headerRow(ws, hr, ['STT', 'Đơn vị', 'Nội dung', 'Ý kiến của đơn vị']);
  let r = hr + 1;
  const f = { size: TABLE_FONT };
  const own = new TableColumns(ws, COLS);
  const look = tableLook(f);
  sortedTextRows(model, ranks).forEach((t, i) => {
    const row = new TableRow(COLS);
    row.num(i + 1, INT_FMT, look);
    row.text(t.unitName, look);
    row.text(t.item, look);
    row.text(t.text, look);
    row.put(ws, r, own);
    r++;
  });
  if (r === hr + 1) {
    ws.mergeCells(r, 1, r, COLS);
    text(ws.getCell(r, 1), 'Không có đơn vị nào gửi ý kiến.', { italic: true, size: TABLE_FONT });
    r++;
  }
  borderRange(ws, hr + 1, r - 1, COLS);
  fitWrappedRows(ws, hr, r - 1);
  printRange(ws, COLS, r - 1, hr);
}

/**
 * The workbook of `model`. `figures`: the units' figures of Phụ lục V as a table (services/reports-figures.ts reads
 * it lean); without it, the table of `model.byUnit`.
 */
export async function buildMinistryWorkbook(model: ReportModel, figures?: FigureTable): Promise<Buffer> {
  const wb = new X.Workbook();
  wb.creator = model.settings.agencyName || 'Báo cáo BĐG';
  wb.title = `Báo cáo ${model.period.label}`;
  wb.created = new Date(`${model.today}T00:00:00Z`);
  wb.modified = wb.created;
  mainSheet(wb, model);
  appendix1(wb, model);
  appendix2(wb, model);
  appendix3(wb, model);
  appendix4(wb, model);
  const table = figures ?? figureTableOf(model.byUnit);
  const ranks = unitNameRanks(model, table);
  appendix5(wb, model, table, ranks);
  appendix6(wb, model, ranks);
  writePlanAppendix(wb, model);
  return wb.writeBuffer();
}

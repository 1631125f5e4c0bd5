/**
 * A small .xlsx writer for the ministry workbook (issue 20: the national workbook has ~400k styled cells, and
 * exceljs took 12 s to write them, most of it serialising every cell's style to XML to find its style id).
 *
 * It keeps the part of exceljs's worksheet API that documents/workbook.ts and plan-appendix.ts use, with exceljs's
 * own semantics (a merged cell shares its master's style object and writes its value to the master; `eachCell`
 * visits the cells that are not empty; `rowCount`/`columnCount` count as exceljs does), and writes the same
 * SpreadsheetML exceljs 4.4 writes for it: shared strings, one `<xf>` per distinct style (found from a short key,
 * not from its XML), the numFmt/font/border/alignment tables, `quotePrefix` on the xfs that need it, merges, column
 * widths, row heights, frozen panes, page setup, header/footer, row breaks, the print areas and print titles as
 * defined names. The parts are deflated by Node's zlib and put in the ZIP container by fflate (a `ZipInputFile`
 * carrying the already deflated bytes). Pure: no services, no database.
 */
import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
// @ts-expect-error -- untyped CommonJS module of exceljs 4.4.0 (pinned in package.json): the theme exceljs writes
import THEME_XML from 'exceljs/lib/xlsx/xml/theme1.js';

export interface Font {
  name?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}
export interface Alignment {
  horizontal?: 'left' | 'center' | 'right' | 'justify';
  vertical?: 'top' | 'middle' | 'bottom';
  wrapText?: boolean;
}
export interface BorderSide {
  style: 'thin';
}
export interface Borders {
  top?: BorderSide;
  left?: BorderSide;
  bottom?: BorderSide;
  right?: BorderSide;
}
export interface Style {
  font?: Partial<Font>;
  alignment?: Partial<Alignment>;
  border?: Partial<Borders>;
  numFmt?: string;
  quotePrefix?: boolean;
}
export type CellValue = string | number | null;

export interface PageSetup {
  paperSize?: number;
  orientation?: 'portrait' | 'landscape';
  margins?: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  fitToPage?: boolean;
  fitToWidth?: number;
  fitToHeight?: number;
  scale?: number;
  horizontalCentered?: boolean;
  firstPageNumber?: number;
  printArea?: string;
  printTitlesRow?: string;
}
export interface HeaderFooter {
  differentFirst?: boolean;
  firstHeader?: string;
  oddHeader?: string;
}
export interface FrozenView {
  state: 'frozen';
  xSplit: number;
  ySplit: number;
}

const LETTERS: string[] = [];
/** "A", "B", … "AA" for a 1-based column number */
export function columnLetter(c: number): string {
  let s = LETTERS[c];
  if (s) return s;
  s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  LETTERS[c] = s;
  return s;
}

export class Cell {
  style: Style = {};
  private own: CellValue = null;
  /** set on the cells a merge covers, except its top-left one */
  private masterCell: Cell | undefined;
  /** how many cells this one is the master of */
  mergeCount = 0;

  constructor(
    readonly row: number,
    readonly col: number,
  ) {}

  get value(): CellValue {
    return this.masterCell ? this.masterCell.value : this.own;
  }
  set value(v: CellValue | undefined) {
    if (this.masterCell) this.masterCell.value = v;
    else this.own = v === undefined ? null : v;
  }
  /** empty: no value and not part of a merge (exceljs's Null type) */
  get isNull(): boolean {
    return !this.masterCell && this.own === null;
  }
  get isSlave(): boolean {
    return !!this.masterCell;
  }
  get isMerged(): boolean {
    return this.mergeCount > 0 || !!this.masterCell;
  }
  get master(): Cell {
    return this.masterCell ?? this;
  }
  merge(master: Cell): void {
    this.masterCell = master;
    this.own = null;
    this.style = master.style;
    master.mergeCount++;
  }

  get font(): Partial<Font> | undefined {
    return this.style.font;
  }
  set font(f: Partial<Font> | undefined) {
    this.style.font = f;
  }
  get alignment(): Partial<Alignment> | undefined {
    return this.style.alignment;
  }
  set alignment(a: Partial<Alignment> | undefined) {
    this.style.alignment = a;
  }
  get border(): Partial<Borders> | undefined {
    return this.style.border;
  }
  set border(b: Partial<Borders> | undefined) {
    this.style.border = b;
  }
  get numFmt(): string | undefined {
    return this.style.numFmt;
  }
  set numFmt(f: string | undefined) {
    this.style.numFmt = f;
  }
}

export class Row {
  height: number | undefined;
  readonly cells: Array<Cell | undefined> = [];
  /** a row given whole (`fill`): its values and styles, column 1 on, and no Cell objects */
  private filled: { values: readonly CellValue[]; styles: readonly Style[] } | undefined;

  constructor(
    private readonly ws: Worksheet,
    readonly number: number,
  ) {}

  getCell(c: number): Cell {
    this.ws.assertOpen();
    if (this.filled) throw new Error(`xlsx-writer: row ${this.number} was filled whole, it has no cells`);
    let cell = this.cells[c - 1];
    if (!cell) cell = this.cells[c - 1] = new Cell(this.number, c);
    return cell;
  }
  /**
   * The whole row at once, without a Cell per value (issue 20: a national Phụ lục V has ~340,000): `values[i]` and
   * `styles[i]` are column i + 1's, written as a cell with that value and style would be. Styles are shared by the
   * cells that look alike; a frozen one is looked up once. Only on a row no cell was asked of, and no merge covers.
   */
  fill(values: readonly CellValue[], styles: readonly Style[]): void {
    this.ws.assertOpen();
    if (this.cells.length || this.filled) throw new Error(`xlsx-writer: row ${this.number} already has cells`);
    if (values.length !== styles.length) throw new Error('xlsx-writer: one style per value');
    this.filled = { values, styles };
  }
  /** @internal for the writer: what `fill` was given */
  get filledCells(): { values: readonly CellValue[]; styles: readonly Style[] } | undefined {
    return this.filled;
  }
  /** the row was given whole (`fill`) */
  get isFilled(): boolean {
    return this.filled !== undefined;
  }
  /** the cells that are not empty (merged ones included), with their column number */
  eachCell(fn: (cell: Cell, col: number) => void): void {
    if (this.filled) throw new Error(`xlsx-writer: row ${this.number} was filled whole, it has no cells`);
    const cells = this.cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell && !cell.isNull) fn(cell, i + 1);
    }
  }
  get hasValues(): boolean {
    if (this.filled) return this.filled.values.some((v) => v !== null);
    return this.cells.some((c) => c && !c.isNull);
  }
  /** the last column asked for (or filled) */
  get width(): number {
    return this.filled ? this.filled.values.length : this.cells.length;
  }
  /** a manual page break after this row */
  addPageBreak(): void {
    this.ws.rowBreaks.push(this.number);
  }
}

export class Column {
  width: number | undefined;
  constructor(readonly number: number) {}
  get letter(): string {
    return columnLetter(this.number);
  }
}

export class Worksheet {
  pageSetup: PageSetup = {};
  headerFooter: HeaderFooter = {};
  properties: { defaultRowHeight?: number } = {};
  views: FrozenView[] = [];
  readonly rowBreaks: number[] = [];
  private readonly rows: Array<Row | undefined> = [];
  private readonly columns: Array<Column | undefined> = [];
  /** master cell → its range [top, left, bottom, right] */
  readonly merges = new Map<Cell, [number, number, number, number]>();

  /**
   * set once the sheet is written (Workbook.addWorksheet of the next one): nothing may change it any more (its
   * rows, columns, merges and settings refuse; a Cell object kept from before is not watched: the documents never
   * keep one past their sheet)
   */
  private written = false;

  constructor(readonly name: string) {}

  /** throws once the sheet is written (a change would not be in the file) */
  assertOpen(): void {
    if (this.written) throw new Error(`xlsx-writer: sheet "${this.name}" is already written`);
  }

  getRow(r: number): Row {
    this.assertOpen();
    let row = this.rows[r - 1];
    if (!row) row = this.rows[r - 1] = new Row(this, r);
    return row;
  }
  getCell(r: number, c: number): Cell {
    return this.getRow(r).getCell(c);
  }
  getColumn(c: number): Column {
    this.assertOpen();
    let col = this.columns[c - 1];
    if (!col) col = this.columns[c - 1] = new Column(c);
    return col;
  }
  mergeCells(top: number, left: number, bottom: number, right: number): void {
    this.assertOpen();
    for (const [, [t, l, b, r]] of this.merges)
      if (t <= bottom && b >= top && l <= right && r >= left) throw new Error('Cannot merge already merged cells');
    const master = this.getCell(top, left);
    for (let i = top; i <= bottom; i++)
      for (let j = left; j <= right; j++) if (i > top || j > left) this.getCell(i, j).merge(master);
    this.merges.set(master, [top, left, bottom, right]);
  }
  /** the last row that exists (exceljs: a row exists once asked for) */
  get rowCount(): number {
    let n = this.rows.length;
    while (n > 0 && this.rows[n - 1] === undefined) n--;
    return n;
  }
  /** the widest row among those with a value, counted to its last cell asked for (as exceljs counts) */
  get columnCount(): number {
    let max = 0;
    for (const row of this.rows) if (row && row.hasValues) max = Math.max(max, row.width);
    return max;
  }
  /** @internal for the writer */
  allRows(): ReadonlyArray<Row | undefined> {
    return this.rows;
  }
  /** @internal for the writer */
  allColumns(): ReadonlyArray<Column | undefined> {
    return this.columns;
  }
  /**
   * @internal for the writer: the sheet is written; its settings are frozen (a change throws) and its rows let go
   * (what keeps the heap small: a national Phụ lục V part is ~60,000 cells).
   */
  seal(): void {
    this.written = true;
    this.rows.length = 0;
    this.merges.clear();
    Object.freeze(this.pageSetup);
    Object.freeze(this.headerFooter);
    Object.freeze(this.properties);
    Object.freeze(this.views);
    Object.freeze(this.rowBreaks);
    Object.freeze(this);
  }
}

/**
 * The workbook. Its sheets are written in order, each as soon as the next one is added (issue 20): a sheet is
 * finished by then (the documents build one sheet after the other), so its XML is made, handed to zlib (which
 * deflates it on libuv's thread pool while the next sheet is built) and its rows let go; a written sheet can no
 * longer change (Worksheet.seal). Style and shared-string ids are given in the order exceljs gives them: sheet by
 * sheet, row by row, cell by cell.
 */
export class Workbook {
  creator = '';
  title = '';
  created = new Date();
  modified = new Date();
  /**
   * zlib level 2. Nationally (19,4 MB of XML; CPU of the zlib threads): level 6 ~300 ms, 1,86 MB; level 3 ~120 ms,
   * 2,15 MB; level 2 ~80 ms, 2,22 MB; level 1 no faster, 2,35 MB. On a busy 2-core machine the deflating competes
   * with the sheets being built, so the cheapest level that still compresses ~9:1.
   */
  readonly level = 2;
  readonly worksheets: Worksheet[] = [];
  private readonly styles = new Styles();
  private readonly strings = new SharedStrings();
  /** each written sheet's part, deflating */
  private readonly written: Array<Promise<Deflated>> = [];

  addWorksheet(name: string): Worksheet {
    this.writeSheets();
    const ws = new Worksheet(name);
    this.worksheets.push(ws);
    return ws;
  }

  /** writes the sheets not yet written */
  private writeSheets(): void {
    for (let i = this.written.length; i < this.worksheets.length; i++) {
      const ws = this.worksheets[i]!;
      const part = deflatePart(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(ws, this.styles, this.strings), this.level);
      // awaited in writeBuffer; an error is reported there, not as an unhandled rejection meanwhile
      part.catch(() => undefined);
      this.written.push(part);
      ws.seal();
    }
  }

  /** The .xlsx file (the last sheet written now; the workbook is done). */
  async writeBuffer(): Promise<Buffer> {
    this.writeSheets();
    const others = workbookParts(this, this.styles, this.strings);
    const files = await Promise.all([
      ...others.map(([name, xml]) => deflatePart(name, xml, this.level)),
      ...this.written,
    ]);
    return zipFiles(files);
  }
}

// --- SpreadsheetML ------------------------------------------------------------------------------------------------

const EXCELJS_DEFAULT_WIDTH = 9;
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
// exceljs's own pattern (utils.js xmlEncode): the control characters XML 1.0 cannot hold are the point
// eslint-disable-next-line no-control-regex
const ESCAPE = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
// eslint-disable-next-line no-control-regex
const ESCAPE_ALL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
/** exceljs's xmlEncode: the five entities, control characters other than tab, LF and CR dropped */
export function xmlEscape(s: string): string {
  return ESCAPE.test(s) ? s.replace(ESCAPE_ALL, (ch) => ENTITY[ch] ?? '') : s;
}

/** The number formats Excel knows by id (those exceljs maps to a built-in id). */
const BUILTIN_FMT: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};

const EMPTY_BORDER = '<border><left/><right/><top/><bottom/><diagonal/></border>';
const DEFAULT_FONT =
  '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';

class Styles {
  private readonly fontXml: string[] = [DEFAULT_FONT];
  private readonly fontByXml = new Map<string, number>([[DEFAULT_FONT, 0]]);
  private readonly borderXml: string[] = [EMPTY_BORDER];
  private readonly borderByXml = new Map<string, number>([[EMPTY_BORDER, 0]]);
  private readonly alignXml: string[] = [];
  private readonly alignByXml = new Map<string, number>();
  /** the id of each font, border and alignment object seen (the cells share them) */
  private readonly fontOf = new Map<object, number>();
  private readonly borderOf = new Map<object, number>();
  private readonly alignOf = new Map<object, number>();
  private readonly numFmts = new Map<string, number>();
  /** xf by a number made of its parts' ids */
  private readonly xfs = new Map<number, number>([[0, 0]]);
  private readonly xfXml: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];

  private static intern(xml: string, list: string[], byXml: Map<string, number>): number {
    let id = byXml.get(xml);
    if (id === undefined) {
      id = list.length;
      byXml.set(xml, id);
      list.push(xml);
    }
    return id;
  }

  private font(f: Partial<Font>): number {
    let id = this.fontOf.get(f);
    if (id !== undefined) return id;
    const xml =
      '<font>' +
      (f.bold ? '<b/>' : '') +
      (f.italic ? '<i/>' : '') +
      (f.underline ? '<u/>' : '') +
      (f.size !== undefined ? `<sz val="${f.size}"/>` : '') +
      (f.name !== undefined ? `<name val="${xmlEscape(f.name)}"/>` : '') +
      '</font>';
    id = Styles.intern(xml, this.fontXml, this.fontByXml);
    this.fontOf.set(f, id);
    return id;
  }

  private border(b: Partial<Borders>): number {
    let id = this.borderOf.get(b);
    if (id !== undefined) return id;
    const side = (tag: string, s: BorderSide | undefined) => (s ? `<${tag} style="${s.style}"/>` : `<${tag}/>`);
    const xml = `<border>${side('left', b.left)}${side('right', b.right)}${side('top', b.top)}${side('bottom', b.bottom)}<diagonal/></border>`;
    id = Styles.intern(xml, this.borderXml, this.borderByXml);
    this.borderOf.set(b, id);
    return id;
  }

  private alignment(a: Partial<Alignment>): number {
    let id = this.alignOf.get(a);
    if (id !== undefined) return id;
    const xml =
      (a.horizontal ? ` horizontal="${a.horizontal}"` : '') +
      (a.vertical ? ` vertical="${a.vertical === 'middle' ? 'center' : a.vertical}"` : '') +
      (a.wrapText ? ' wrapText="1"' : '');
    id = Styles.intern(xml, this.alignXml, this.alignByXml);
    this.alignOf.set(a, id);
    return id;
  }

  private numFmt(code: string): number {
    const builtin = BUILTIN_FMT[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  private last: { font: unknown; border: unknown; alignment: unknown; numFmt: unknown; qp: unknown; id: number } = {
    font: undefined,
    border: undefined,
    alignment: undefined,
    numFmt: undefined,
    qp: undefined,
    id: 0,
  };

  /** the xf of each frozen style seen (a filled row's styles: shared, never changed) */
  private readonly frozen = new WeakMap<Style, number>();

  /**
   * The xf index of a cell's style (0 for none); a run of cells with the same parts as the last costs no lookup,
   * nor does a frozen style seen before.
   */
  id(style: Style): number {
    const held = this.frozen.get(style);
    if (held !== undefined) return held;
    const l = this.last;
    if (
      style.font === l.font &&
      style.border === l.border &&
      style.alignment === l.alignment &&
      style.numFmt === l.numFmt &&
      style.quotePrefix === l.qp
    )
      return l.id;
    const id = this.lookup(style);
    if (Object.isFrozen(style)) this.frozen.set(style, id);
    this.last = {
      font: style.font,
      border: style.border,
      alignment: style.alignment,
      numFmt: style.numFmt,
      qp: style.quotePrefix,
      id,
    };
    return id;
  }

  private lookup(style: Style): number {
    const numFmtId = style.numFmt ? this.numFmt(style.numFmt) : 0;
    const fontId = style.font ? this.font(style.font) + 1 : 0;
    const borderId = style.border ? this.border(style.border) + 1 : 0;
    const alignId = style.alignment ? this.alignment(style.alignment) + 1 : 0;
    const qp = style.quotePrefix ? 1 : 0;
    // each part below 2^10 (a workbook has a few dozen of each)
    const key = (((numFmtId * 1024 + fontId) * 1024 + borderId) * 1024 + alignId) * 2 + qp;
    let id = this.xfs.get(key);
    if (id === undefined) {
      if (fontId >= 1024 || borderId >= 1024 || alignId >= 1024 || numFmtId >= 1024)
        throw new Error('xlsx-writer: too many distinct fonts, borders, alignments or number formats');
      id = this.xfXml.length;
      this.xfs.set(key, id);
      const alignment = alignId ? this.alignXml[alignId - 1]! : '';
      this.xfXml.push(
        `<xf numFmtId="${numFmtId}" fontId="${fontId ? fontId - 1 : 0}" fillId="0" borderId="${borderId ? borderId - 1 : 0}"${qp ? ' quotePrefix="1"' : ''} xfId="0"` +
          (numFmtId ? ' applyNumberFormat="1"' : '') +
          (fontId ? ' applyFont="1"' : '') +
          (borderId ? ' applyBorder="1"' : '') +
          (alignId ? ' applyAlignment="1"' : '') +
          (alignment ? `><alignment${alignment}/></xf>` : '/>'),
      );
    }
    return id;
  }

  xml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`);
    return (
      XML_HEAD +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">' +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${this.fontXml.length}" x14ac:knownFonts="1">${this.fontXml.join('')}</fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      `<borders count="${this.borderXml.length}">${this.borderXml.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfXml.length}">${this.xfXml.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>' +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext><ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst></styleSheet>'
    );
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly parts: string[] = [];
  count = 0;

  id(s: string): number {
    this.count++;
    let id = this.index.get(s);
    if (id === undefined) {
      id = this.parts.length;
      this.index.set(s, id);
      // exceljs: xml:space="preserve" when the text starts or ends with a space or holds a line break
      this.parts.push(
        /^\s|\n|\s$/.test(s)
          ? `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`
          : `<si><t>${xmlEscape(s)}</t></si>`,
      );
    }
    return id;
  }

  xml(): string {
    return (
      XML_HEAD +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.parts.length}">` +
      this.parts.join('') +
      '</sst>'
    );
  }
}

const WORKSHEET_OPEN =
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">';

const CELL_OPEN: string[] = [];
/** '<c r="B' for column 2 */
const cellOpen = (c: number): string => CELL_OPEN[c] ?? (CELL_OPEN[c] = `<c r="${columnLetter(c)}`);
const STYLE_ATTR: string[] = [];
/** ' s="5"' for xf 5 */
const styleAttr = (s: number): string => STYLE_ATTR[s] ?? (STYLE_ATTR[s] = ` s="${s}"`);

const attr = (name: string, v: unknown) => (v === undefined || v === null ? '' : ` ${name}="${v}"`);

/** A sheet's XML in pieces: the rows go to bytes as they are written, so no string outlives its few rows. */
function sheetXml(ws: Worksheet, styles: Styles, strings: SharedStrings): Buffer[] {
  const out: string[] = [XML_HEAD, WORKSHEET_OPEN];
  const ps = ws.pageSetup;
  if (ps.fitToPage) out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');

  // cells first: the dimension, the merges in the order their covered cells come
  const rows: Buffer[] = [];
  const pieces: string[] = [];
  let pending = '';
  const merges = new Set<Cell>();
  let minR = 0;
  let maxR = 0;
  let minC = 0;
  let maxC = 0;
  for (const row of ws.allRows()) {
    if (!row) continue;
    const r = row.number;
    const filled = row.filledCells;
    if (filled) {
      // as the loop below writes a row whose every column has a cell, none merged
      const { values, styles: own } = filled;
      // the row's pieces joined once (a flat string: no rope of small ones for Buffer.from to walk)
      const rr = `${r}"`;
      let k = 0;
      for (let i = 0; i < values.length; i++) {
        const c = i + 1;
        const v = values[i]!;
        const s = styles.id(own[i]!);
        if (v !== null) {
          if (!minR) minR = r;
          maxR = r;
          if (!minC || c < minC) minC = c;
          if (c > maxC) maxC = c;
        } else {
          if (s) {
            pieces[k++] = cellOpen(c);
            pieces[k++] = rr;
            pieces[k++] = styleAttr(s);
            pieces[k++] = '/>';
          }
          continue;
        }
        pieces[k++] = cellOpen(c);
        pieces[k++] = rr;
        if (s) pieces[k++] = styleAttr(s);
        if (typeof v === 'number') {
          pieces[k++] = '><v>';
          pieces[k++] = String(v);
        } else {
          pieces[k++] = ' t="s"><v>';
          pieces[k++] = String(strings.id(v));
        }
        pieces[k++] = '</v></c>';
      }
      pieces.length = k;
      const xml = pieces.join('');
      if (!row.height && !values.length) continue;
      pending +=
        `<row r="${r}"${row.height ? ` ht="${row.height}" customHeight="1"` : ''}${values.length ? ` spans="1:${values.length}"` : ''} x14ac:dyDescent="0.25"` +
        (xml ? `>${xml}</row>` : '/>');
      if (pending.length > 1 << 16) {
        rows.push(Buffer.from(pending, 'utf8'));
        pending = '';
      }
      continue;
    }
    let cellsXml = '';
    let lo = 0;
    let hi = 0;
    const cells = row.cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (!cell) continue;
      const c = i + 1;
      if (!lo) lo = c;
      hi = c;
      if (!cell.isNull) {
        if (!minR) minR = r;
        maxR = r;
        if (!minC || c < minC) minC = c;
        if (c > maxC) maxC = c;
      }
      const s = styles.id(cell.style);
      if (cell.isSlave) {
        merges.add(cell.master);
        cellsXml += s ? `<c r="${columnLetter(c)}${r}" s="${s}"/>` : `<c r="${columnLetter(c)}${r}"/>`;
        continue;
      }
      const v = cell.value;
      if (v === null) {
        if (s) cellsXml += `<c r="${columnLetter(c)}${r}" s="${s}"/>`;
        continue;
      }
      const sa = s ? ` s="${s}"` : '';
      cellsXml +=
        typeof v === 'number'
          ? `<c r="${columnLetter(c)}${r}"${sa}><v>${v}</v></c>`
          : `<c r="${columnLetter(c)}${r}"${sa} t="s"><v>${strings.id(v)}</v></c>`;
    }
    if (!row.height && !lo) continue;
    pending +=
      `<row r="${r}"${row.height ? ` ht="${row.height}" customHeight="1"` : ''}${lo ? ` spans="${lo}:${hi}"` : ''} x14ac:dyDescent="0.25"` +
      (cellsXml ? `>${cellsXml}</row>` : '/>');
    if (pending.length > 1 << 16) {
      rows.push(Buffer.from(pending, 'utf8'));
      pending = '';
    }
  }
  if (pending) rows.push(Buffer.from(pending, 'utf8'));
  out.push(`<dimension ref="${minR ? `${columnLetter(minC)}${minR}:${columnLetter(maxC)}${maxR}` : 'A1'}"/>`);
  for (const v of ws.views) {
    const topLeft = `${columnLetter(v.xSplit + 1)}${v.ySplit + 1}`;
    out.push(
      `<sheetViews><sheetView workbookViewId="0"><pane xSplit="${v.xSplit}" ySplit="${v.ySplit}" topLeftCell="${topLeft}" activePane="bottomRight" state="frozen"/><selection pane="bottomRight"/></sheetView></sheetViews>`,
    );
    break;
  }
  out.push(
    `<sheetFormatPr${attr('defaultRowHeight', ws.properties.defaultRowHeight ?? 15)} outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"${ws.properties.defaultRowHeight !== undefined ? ' customHeight="1"' : ''}/>`,
  );
  // columns: runs of equal width, as exceljs groups them
  const cols: string[] = [];
  let run: { min: number; max: number; width: number } | null = null;
  const flush = () => {
    if (run) cols.push(`<col min="${run.min}" max="${run.max}" width="${run.width}" customWidth="1"/>`);
    run = null;
  };
  ws.allColumns().forEach((col, i) => {
    // exceljs takes width 9 for its default and writes no <col> for it: so here (the sheet's look unchanged)
    if (!col || col.width === undefined || col.width === EXCELJS_DEFAULT_WIDTH) return flush();
    if (run && run.width === col.width && run.max === i) run.max = i + 1;
    else {
      flush();
      run = { min: i + 1, max: i + 1, width: col.width };
    }
  });
  flush();
  if (cols.length) out.push(`<cols>${cols.join('')}</cols>`);
  const head = Buffer.from(out.join('') + (rows.length ? '<sheetData>' : '<sheetData/>'), 'utf8');
  out.length = 0;
  if (rows.length) out.push('</sheetData>');
  if (merges.size) {
    out.push(`<mergeCells count="${merges.size}">`);
    for (const m of merges) {
      const [t, l, b, r] = ws.merges.get(m)!;
      out.push(`<mergeCell ref="${columnLetter(l)}${t}:${columnLetter(r)}${b}"/>`);
    }
    out.push('</mergeCells>');
  }
  if (ps.horizontalCentered) out.push('<printOptions horizontalCentered="1"/>');
  const m = ps.margins;
  if (m)
    out.push(
      `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`,
    );
  const setup =
    attr('paperSize', ps.paperSize) +
    attr('orientation', ps.orientation) +
    attr('scale', ps.scale) +
    attr('fitToWidth', ps.fitToWidth) +
    attr('fitToHeight', ps.fitToHeight) +
    attr('firstPageNumber', ps.firstPageNumber) +
    (ps.firstPageNumber ? ' useFirstPageNumber="1"' : '');
  if (setup) out.push(`<pageSetup${setup}/>`);
  const hf = ws.headerFooter;
  if (hf.differentFirst || hf.oddHeader)
    out.push(
      `<headerFooter${hf.differentFirst ? ' differentFirst="1"' : ''}>` +
        (hf.oddHeader ? `<oddHeader>${xmlEscape(hf.oddHeader)}</oddHeader>` : '') +
        (hf.firstHeader ? `<firstHeader>${xmlEscape(hf.firstHeader)}</firstHeader>` : '') +
        '</headerFooter>',
    );
  if (ws.rowBreaks.length)
    out.push(
      `<rowBreaks count="${ws.rowBreaks.length}" manualBreakCount="${ws.rowBreaks.length}">` +
        ws.rowBreaks.map((id) => `<brk id="${id}" max="16838" man="1"/>`).join('') +
        '</rowBreaks>',
    );
  out.push('</worksheet>');
  return [head, ...rows, Buffer.from(out.join(''), 'utf8')];
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}/, '');
}

/** every part of the package but the sheets (written already, Workbook.writeSheets), name → XML */
function workbookParts(wb: Workbook, styles: Styles, strings: SharedStrings): Array<[string, string]> {
  const sheets = wb.worksheets.map((_, i) => i);
  const n = sheets.length;
  const names = wb.worksheets.map((ws) => xmlEscape(ws.name));

  const defined: string[] = [];
  wb.worksheets.forEach((ws, i) => {
    const name = xmlEscape(`'${ws.name}'`);
    const { printArea, printTitlesRow } = ws.pageSetup;
    if (printArea)
      for (const area of printArea.split('&&')) {
        const [a, b] = area.split(':');
        defined.push(`<definedName name="_xlnm.Print_Area" localSheetId="${i}">${name}!$${a}:$${b}</definedName>`);
      }
    if (printTitlesRow) {
      const [a, b] = printTitlesRow.split(':');
      defined.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${name}!$${a}:$${b}</definedName>`);
    }
  });

  const parts: Array<[string, string]> = [];
  parts.push([
    '[Content_Types].xml',
    XML_HEAD +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      `<Override PartName="/xl/theme/theme1.xml" ContentType="${CT}.theme+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>` +
      `<Default Extension="vml" ContentType="${CT}.vmlDrawing"/>` +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/></Types>`,
  ]);
  parts.push([
    '_rels/.rels',
    XML_HEAD +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  ]);
  parts.push([
    'docProps/app.xml',
    XML_HEAD +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${names.map((s) => `<vt:lpstr>${s}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
      '<Company></Company><Manager></Manager><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>',
  ]);
  parts.push([
    'docProps/core.xml',
    XML_HEAD +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:creator>${xmlEscape(wb.creator)}</dc:creator><dc:title>${xmlEscape(wb.title)}</dc:title><dc:subject></dc:subject><dc:description></dc:description><cp:keywords></cp:keywords><cp:category></cp:category><cp:lastModifiedBy>Unknown</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${iso(wb.created)}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso(wb.modified)}</dcterms:modified></cp:coreProperties>`,
  ]);
  parts.push([
    'xl/_rels/workbook.xml.rels',
    XML_HEAD +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/theme" Target="theme/theme1.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
      sheets
        .map((_, i) => `<Relationship Id="rId${i + 4}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('') +
      '</Relationships>',
  ]);
  parts.push([
    'xl/workbook.xml',
    XML_HEAD +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/>' +
      `<sheets>${names.map((s, i) => `<sheet sheetId="${i + 1}" name="${s}" state="visible" r:id="rId${i + 4}"/>`).join('')}</sheets>` +
      (defined.length ? `<definedNames>${defined.join('')}</definedNames>` : '') +
      '<calcPr calcId="171027"/></workbook>',
  ]);
  parts.push(['xl/theme/theme1.xml', THEME_XML as string]);
  parts.push(['xl/styles.xml', styles.xml()]);
  parts.push(['xl/sharedStrings.xml', strings.xml()]);
  return parts;
}

/** A part already deflated by zlib, handed to fflate's ZIP writer as it is (method 8). */
class Deflated implements ZipInputFile {
  readonly compression = 8;
  ondata?: ZipInputFile['ondata'];

  constructor(
    readonly filename: string,
    readonly size: number,
    readonly crc: number,
    private readonly bytes: Uint8Array,
  ) {}
  send(): void {
    this.ondata!(null, this.bytes, true);
  }
}

const deflateRawAsync = promisify(deflateRaw);

/** zlib deflates on libuv's thread pool, so a sheet is compressed while the next one is written. */
async function deflatePart(name: string, xml: string | Buffer[], level: number): Promise<Deflated> {
  const raw = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : Buffer.concat(xml);
  const crc = crc32(raw);
  return new Deflated(name, raw.length, crc, await deflateRawAsync(raw, { level }));
}

/** the ZIP container of the deflated parts, in their order */
function zipFiles(files: Deflated[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((err, chunk, final) => {
      if (err) return reject(err);
      chunks.push(chunk);
      if (final) resolve(Buffer.concat(chunks));
    });
    try {
      for (const file of files) {
        zip.add(file);
        file.send();
      }
      zip.end();
    } catch (e) {
      reject(e);
    }
  });
}

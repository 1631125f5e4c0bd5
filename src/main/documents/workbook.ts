/**
 * The ministry report as an .xlsx workbook laid out as a Vietnamese administrative document (NĐ 30/2020/NĐ-CP):
 * sheet "Báo cáo" (header, title, short narrative, signature, nơi nhận) and one sheet per appendix.
 *
 * Every text that came from a unit is written as a plain string cell (exceljs writes strings as shared strings;
 * only `{ formula }` objects become formulas), so "=HYPERLINK(…)" or "+cmd" stays inert text.
 */
import ExcelJS from 'exceljs';
import { CELL_KEYS } from '../../shared/domain/catalog';
import { formatDate } from '../../shared/text/vi';
import { quoteIfFormulaLike } from './quote-prefix';
import { writePlanAppendix } from './plan-appendix';
import {
  changeText,
  cleanForDocument,
  docNumberLine,
  elementSections,
  figureColumns,
  hasSensitive,
  indicatorRows,
  kindName,
  narrative,
  placeDateLine,
  QUOC_HIEU,
  recipientLines,
  reportSummary,
  SENSITIVE_MARK,
  signerLines,
  sortedUnits,
  STATUS_TEXT,
  suppressed,
  textRows,
  TIEU_NGU,
  unitFigure,
  type ReportModel,
} from './model';

const FONT = 'Times New Roman';
const INT_FMT = '#,##0';
const DEC_FMT = '#,##0.0#';
/** NĐ 30 margins in inches: top/bottom 20 mm, left 30 mm, right 15 mm. */
const MARGINS = { top: 0.79, bottom: 0.79, left: 1.18, right: 0.59, header: 0.3, footer: 0.3 };
/** Page numbers centred at the top, Times New Roman 13, none on page 1. */
const HEADER_FOOTER = { differentFirst: true, firstHeader: '', oddHeader: '&C&"Times New Roman,Regular"&13&P' };

type Sheet = ExcelJS.Worksheet;
type Cell = ExcelJS.Cell;

interface FontOpts {
  size?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

function font(o: FontOpts = {}): Partial<ExcelJS.Font> {
  return {
    name: FONT,
    size: o.size ?? 13,
    bold: !!o.bold,
    italic: !!o.italic,
    ...(o.underline ? { underline: true } : {}),
  };
}

/**
 * Writes a string that can never become a formula: stored as text, and quote-prefixed when it starts like one
 * (= + - @ tab CR), so editing the cell in Excel (F2, Enter) keeps it text.
 */
function text(cell: Cell, s: string, o: FontOpts = {}): Cell {
  const value = cleanForDocument(String(s));
  cell.value = value;
  cell.font = font(o);
  quoteIfFormulaLike(cell, value);
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

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** A merged line of text across columns `from`–`to`, with an estimated height when it wraps. */
function line(
  ws: Sheet,
  row: number,
  from: number,
  to: number,
  s: string,
  o: FontOpts & { align?: 'left' | 'center' | 'right' | 'justify'; indent?: boolean; wrapWidth?: number } = {},
): Cell {
  if (to > from) ws.mergeCells(row, from, row, to);
  const c = text(ws.getCell(row, from), o.indent ? `      ${s}` : s, o);
  c.alignment = { horizontal: o.align ?? 'left', vertical: 'top', wrapText: true };
  const width = o.wrapWidth ?? 90;
  const lines = Math.max(1, Math.ceil((s.length * ((o.size ?? 13) / 13)) / width));
  ws.getRow(row).height = Math.max(ws.getRow(row).height ?? 0, lines * ((o.size ?? 13) * 1.35));
  return c;
}

/** A note under a table: italic, 11 pt, across `cols` columns. */
function note(ws: Sheet, row: number, cols: number, s: string, wrapWidth?: number): void {
  line(ws, row, 1, cols, s, { italic: true, size: 11, ...(wrapWidth ? { wrapWidth } : {}) });
}

function setupSheet(ws: Sheet, landscape: boolean, titleRows?: string) {
  ws.pageSetup = {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    margins: MARGINS,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  ws.headerFooter = { ...HEADER_FOOTER };
  ws.properties.defaultRowHeight = 18;
}

function estimateWidths(ws: Sheet, fromRow: number, min: number[], max: number[]) {
  const widths = min.slice();
  ws.eachRow((row, r) => {
    if (r < fromRow) return;
    row.eachCell((cell, c) => {
      if (cell.isMerged && cell.master !== cell) return;
      const v = cell.value;
      const s = typeof v === 'number' ? String(Math.round(v * 100) / 100).length + 2 : String(v ?? '').length;
      const i = c - 1;
      widths[i] = Math.min(max[i] ?? 60, Math.max(widths[i] ?? 6, s + 2));
    });
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

function fitWrappedRows(ws: Sheet, fromRow: number, toRow: number) {
  for (let r = fromRow; r <= toRow; r++) {
    const row = ws.getRow(r);
    let lines = 1;
    row.eachCell((cell, c) => {
      if (cell.isMerged && cell.master !== cell) return;
      const w = ws.getColumn(c).width ?? 10;
      const s = String(cell.value ?? '');
      const size = (cell.font?.size ?? 12) / 12;
      lines = Math.max(
        lines,
        s.split('\n').reduce((a, part) => a + Math.max(1, Math.ceil((part.length * size) / w)), 0),
      );
    });
    row.height = Math.max(18, lines * 15.5);
  }
}

/** The appendix heading: "Phụ lục N", title, "(Kèm theo Báo cáo số … ngày …)", optional restriction mark. */
function appendixHeading(
  ws: Sheet,
  model: ReportModel,
  n: number,
  title: string,
  cols: number,
  sensitive: boolean,
): number {
  line(ws, 1, 1, cols, `Phụ lục ${n}`, { bold: true, align: 'center', size: 13, wrapWidth: 200 });
  line(ws, 2, 1, cols, title.toLocaleUpperCase('vi'), { bold: true, align: 'center', size: 13, wrapWidth: 140 });
  const no = docNumberLine(model.settings.docNumberPattern, model.docNumber).replace(/^Số: /, '');
  line(
    ws,
    3,
    1,
    cols,
    `(Kèm theo Báo cáo số ${no} ngày ${formatDate(model.today)} của ${model.settings.agencyName || 'Ban Vì sự tiến bộ phụ nữ'})`,
    { italic: true, align: 'center', size: 12, wrapWidth: 160 },
  );
  let r = 4;
  if (sensitive) {
    line(ws, r, 1, cols, SENSITIVE_MARK.toLocaleUpperCase('vi'), { bold: true, align: 'center', size: 12 });
    r++;
  }
  return r + 1;
}

/** A new sheet "Phụ lục n", set up for printing, with its heading; returns the sheet and the table's header row. */
function appendixSheet(
  wb: ExcelJS.Workbook,
  model: ReportModel,
  n: number,
  o: { title: string; cols: number; landscape: boolean; sensitive?: boolean },
): { ws: Sheet; hr: number } {
  const ws = wb.addWorksheet(`Phụ lục ${n}`);
  setupSheet(ws, o.landscape);
  return { ws, hr: appendixHeading(ws, model, n, o.title, o.cols, o.sensitive ?? false) };
}

/** Prints from A1 to column `cols` of row `lastRow`, repeating the header rows `hr`–`lastHeaderRow` on every page. */
function printRange(ws: Sheet, cols: number, lastRow: number, hr: number, lastHeaderRow = hr): void {
  ws.pageSetup.printArea = `A1:${ws.getColumn(cols).letter}${lastRow}`;
  ws.pageSetup.printTitlesRow = `${hr}:${lastHeaderRow}`;
}

function headerRow(ws: Sheet, r: number, labels: string[]) {
  labels.forEach((l, i) => {
    const c = text(ws.getCell(r, i + 1), l, { bold: true, size: 12 });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = thin;
  });
}

function borderRange(ws: Sheet, r1: number, r2: number, cols: number) {
  for (let r = r1; r <= r2; r++)
    for (let c = 1; c <= cols; c++) {
      const cell = ws.getCell(r, c);
      cell.border = thin;
      cell.alignment = {
        vertical: 'middle',
        wrapText: true,
        horizontal:
          typeof cell.value === 'number' || cell.value === '<5' ? 'right' : (cell.alignment?.horizontal ?? 'left'),
      };
      if (!cell.font) cell.font = font({ size: 12 });
    }
}

// ---------------------------------------------------------------------------------------------------------------

function mainSheet(wb: ExcelJS.Workbook, model: ReportModel) {
  const ws = wb.addWorksheet('Báo cáo');
  setupSheet(ws, false);
  const COLS = 6;
  for (let c = 1; c <= COLS; c++) ws.getColumn(c).width = 14;
  ws.getColumn(1).width = 13;
  const s = model.settings;
  // header: agency (left, A–C) | Quốc hiệu, Tiêu ngữ (right, D–F)
  line(ws, 1, 1, 3, s.agencyParent.toLocaleUpperCase('vi'), { size: 12, align: 'center', wrapWidth: 50 });
  line(ws, 1, 4, 6, QUOC_HIEU, { size: 12, bold: true, align: 'center', wrapWidth: 60 });
  line(ws, 2, 1, 3, s.agencyName.toLocaleUpperCase('vi'), { size: 12, bold: true, align: 'center', wrapWidth: 40 });
  line(ws, 2, 4, 6, TIEU_NGU, { size: 13, bold: true, align: 'center', wrapWidth: 60 });
  // short rules under the agency name and the Tiêu ngữ
  ws.getRow(3).height = 6;
  ws.getCell(3, 2).border = { top: { style: 'thin' } };
  ws.getCell(3, 5).border = { top: { style: 'thin' } };
  line(ws, 4, 1, 3, docNumberLine(s.docNumberPattern, model.docNumber), { size: 13, align: 'center' });
  line(ws, 4, 4, 6, placeDateLine(s.placeName, model.today), {
    size: 13,
    italic: true,
    align: 'center',
    wrapWidth: 45,
  });
  ws.getRow(5).height = 12;
  line(ws, 6, 1, COLS, 'BÁO CÁO', { size: 14, bold: true, align: 'center' });
  line(ws, 7, 1, COLS, reportSummary(model), { size: 14, bold: true, align: 'center', wrapWidth: 75 });
  ws.getRow(8).height = 6;
  ws.getCell(8, 3).border = { top: { style: 'thin' } };
  ws.getCell(8, 4).border = { top: { style: 'thin' } };

  let r = 9;
  const para = (t: string, o: FontOpts = {}) => {
    line(ws, r++, 1, COLS, t, { align: 'justify', indent: true, wrapWidth: 82, ...o });
  };
  const n = narrative(model);
  para('I. TÌNH HÌNH THU THẬP BÁO CÁO', { bold: true });
  n.reporting.forEach((t) => para(t));
  para('II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', { bold: true });
  n.indicators.forEach((t) => para(t));
  n.closing.forEach((t) => para(t));
  r++;

  // signature (right) and nơi nhận (left) side by side
  const sig = signerLines(s.signer);
  const recips = recipientLines(s.recipients);
  const start = r;
  line(ws, r, 1, 3, 'Nơi nhận:', { size: 12, bold: true, italic: true });
  let sr = r;
  if (sig.authority) line(ws, sr++, 4, 6, sig.authority, { size: 13, bold: true, align: 'center', wrapWidth: 40 });
  if (sig.title) line(ws, sr++, 4, 6, sig.title, { size: 13, bold: true, align: 'center', wrapWidth: 40 });
  let lr = r + 1;
  for (const rl of recips) line(ws, lr++, 1, 3, rl, { size: 11, wrapWidth: 48 });
  sr += 4; // room for the signature and seal
  line(ws, sr, 4, 6, sig.name, { size: 13, bold: true, align: 'center' });
  const last = Math.max(sr, lr - 1, start);
  ws.pageSetup.printArea = `A1:F${last}`;
}

function appendix1(wb: ExcelJS.Workbook, model: ReportModel) {
  const COLS = 9;
  const { ws, hr } = appendixSheet(wb, model, 1, {
    title: `Kết quả thực hiện các chỉ tiêu ${model.period.label.toLocaleLowerCase('vi')}`,
    cols: COLS,
    landscape: true,
  });
  const prevLabel = model.consolidation.previous?.label ?? 'Cùng kỳ năm trước';
  headerRow(ws, hr, [
    'Mã',
    'Tên chỉ tiêu',
    'Đơn vị tính',
    'Kết quả',
    'Mục tiêu',
    'Đánh giá',
    `Cùng kỳ (${prevLabel})`,
    'Tăng/giảm',
    'Tử số / Mẫu số',
  ]);
  let r = hr + 1;
  const rows = indicatorRows(model);
  let group = '';
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      ws.mergeCells(r, 1, r, COLS);
      text(
        ws.getCell(r, 1),
        group === 'strategy'
          ? 'A. Chỉ tiêu Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030'
          : 'B. Các tỷ lệ khác',
        {
          bold: true,
          size: 12,
        },
      );
      r++;
    }
    text(ws.getCell(r, 1), row.code, { size: 12 });
    text(ws.getCell(r, 2), row.name, { size: 12 });
    text(ws.getCell(r, 3), row.unit, { size: 12 });
    num(ws.getCell(r, 4), row.value, DEC_FMT, { size: 12, bold: true });
    text(ws.getCell(r, 5), row.targetText, { size: 12 });
    text(ws.getCell(r, 6), row.metText, { size: 12, bold: row.met === false });
    num(ws.getCell(r, 7), row.previous, DEC_FMT, { size: 12 });
    text(ws.getCell(r, 8), changeText(row), { size: 12 });
    text(
      ws.getCell(r, 9),
      row.numerator !== null || row.denominator !== null
        ? `${row.numerator === null ? '–' : row.numerator.toLocaleString('vi-VN')} / ${row.denominator === null ? '–' : row.denominator.toLocaleString('vi-VN')}`
        : '',
      { size: 12 },
    );
    r++;
  }
  borderRange(ws, hr + 1, r - 1, COLS);
  estimateWidths(ws, hr, [10, 30, 8, 10, 14, 10, 12, 12, 14], [12, 60, 16, 12, 20, 10, 16, 16, 22]);
  fitWrappedRows(ws, hr, r - 1);
  printRange(ws, COLS, r - 1, hr);
}

function appendix2(wb: ExcelJS.Workbook, model: ReportModel) {
  const COLS = 8;
  const { ws, hr } = appendixSheet(wb, model, 2, {
    title: `Số liệu tổng hợp ${model.period.label.toLocaleLowerCase('vi')}`,
    cols: COLS,
    landscape: true,
  });
  const anySensitive = hasSensitive(model);
  const L = model.catalog.cellLabels;
  headerRow(ws, hr, ['STT', 'Chỉ tiêu', 'Đơn vị tính', L.total, L.female, L.male, L.value, 'Số đơn vị báo cáo']);
  let r = hr + 1;
  let stt = 0;
  for (const sec of elementSections(model)) {
    ws.mergeCells(r, 1, r, COLS);
    text(ws.getCell(r, 1), `${sec.section.code}. ${sec.section.name}`, { bold: true, size: 12 });
    r++;
    for (const row of sec.rows) {
      stt++;
      num(ws.getCell(r, 1), stt, INT_FMT, { size: 12 });
      ws.getCell(r, 1).alignment = { horizontal: 'center' };
      text(ws.getCell(r, 2), `${row.element.name}${row.element.sensitive ? ' (*)' : ''}`, { size: 12 });
      const yesno = row.element.type === 'yesno';
      text(
        ws.getCell(r, 3),
        yesno ? (row.province ? 'có (1) / không (0)' : 'số đơn vị trả lời "Có"') : row.element.unit,
        {
          size: 12,
        },
      );
      CELL_KEYS.forEach((cell, i) => {
        const v = row.cells[cell];
        num(ws.getCell(r, 4 + i), v, row.element.type === 'decimal' ? DEC_FMT : INT_FMT, { size: 12 });
      });
      if (row.province) text(ws.getCell(r, 8), 'Số liệu cấp tỉnh', { size: 12, italic: true });
      else num(ws.getCell(r, 8), row.units, INT_FMT, { size: 12 });
      r++;
    }
  }
  borderRange(ws, hr + 1, r - 1, COLS);
  if (anySensitive) {
    note(
      ws,
      r + 1,
      COLS,
      `(*) Số liệu nhạy cảm về bạo lực trên cơ sở giới: ${SENSITIVE_MARK.toLocaleLowerCase('vi')}.`,
    );
  }
  estimateWidths(ws, hr, [6, 40, 12, 11, 11, 11, 11, 11], [6, 70, 22, 14, 14, 14, 14, 12]);
  fitWrappedRows(ws, hr, r - 1);
  printRange(ws, COLS, r + 1, hr);
}

function appendix3(wb: ExcelJS.Workbook, model: ReportModel) {
  const COLS = 6;
  const { ws, hr } = appendixSheet(wb, model, 3, {
    title: `Tình hình gửi báo cáo của các đơn vị (hạn gửi ${formatDate(model.status.deadline)})`,
    cols: COLS,
    landscape: false,
  });
  headerRow(ws, hr, ['STT', 'Đơn vị', 'Loại đơn vị', 'Tình trạng', 'Ngày nhận', 'Lần gửi']);
  let r = hr + 1;
  model.status.units.forEach((u, i) => {
    num(ws.getCell(r, 1), i + 1, INT_FMT, { size: 12 });
    text(ws.getCell(r, 2), u.name, { size: 12 });
    text(ws.getCell(r, 3), kindName(model, u.kind), { size: 12 });
    text(ws.getCell(r, 4), STATUS_TEXT[u.status], { size: 12, bold: u.status !== 'on_time' });
    text(ws.getCell(r, 5), formatDate(u.receivedAt), { size: 12 });
    num(ws.getCell(r, 6), u.revision, INT_FMT, { size: 12 });
    r++;
  });
  const s = model.status;
  ws.mergeCells(r, 1, r, 3);
  text(ws.getCell(r, 1), 'Cộng', { bold: true, size: 12 });
  text(
    ws.getCell(r, 4),
    `Đã gửi ${s.received}/${s.expected}: đúng hạn ${s.onTime}, muộn ${s.late}; chưa gửi ${s.missing}`,
    {
      bold: true,
      size: 12,
    },
  );
  ws.mergeCells(r, 4, r, 6);
  borderRange(ws, hr + 1, r, COLS);
  estimateWidths(ws, hr, [6, 30, 20, 11, 12, 8], [6, 45, 30, 12, 12, 8]);
  fitWrappedRows(ws, hr, r);
  printRange(ws, COLS, r, hr);
}

function appendix4(wb: ExcelJS.Workbook, model: ReportModel) {
  const kinds = model.consolidation.byKind;
  const COLS = 3 + kinds.length;
  const { ws, hr } = appendixSheet(wb, model, 4, {
    title: 'Số liệu theo loại đơn vị',
    cols: COLS,
    landscape: true,
    sensitive: hasSensitive(model),
  });
  headerRow(ws, hr, ['Mã', 'Chỉ tiêu', 'Đơn vị tính', ...kinds.map((k) => kindName(model, k.kind))]);
  let r = hr + 1;
  const L = model.catalog.cellLabels;
  ws.mergeCells(r, 1, r, COLS);
  text(ws.getCell(r, 1), 'A. Các tỷ lệ (tính lại từ tử số và mẫu số của từng loại đơn vị)', { bold: true, size: 12 });
  r++;
  for (const ind of model.catalog.indicators) {
    const vals = kinds.map((k) => k.indicators.find((i) => i.code === ind.code)?.value ?? null);
    if (vals.every((v) => v === null)) continue;
    text(ws.getCell(r, 1), ind.code, { size: 12 });
    text(ws.getCell(r, 2), ind.name, { size: 12 });
    text(ws.getCell(r, 3), ind.unit, { size: 12 });
    vals.forEach((v, i) => num(ws.getCell(r, 4 + i), v, DEC_FMT, { size: 12 }));
    r++;
  }
  ws.mergeCells(r, 1, r, COLS);
  text(ws.getCell(r, 1), 'B. Số liệu tổng hợp', { bold: true, size: 12 });
  r++;
  for (const { element, cell } of figureColumns(model)) {
    const vals = kinds.map((k) => k.values.find((v) => v.code === element.code && v.cell === cell)?.value ?? null);
    if (vals.every((v) => v === null)) continue;
    text(ws.getCell(r, 1), element.code, { size: 12 });
    text(
      ws.getCell(r, 2),
      `${element.name}${cell === 'value' ? '' : ` – ${L[cell].toLocaleLowerCase('vi')}`}${element.sensitive ? ' (*)' : ''}`,
      {
        size: 12,
      },
    );
    text(ws.getCell(r, 3), element.type === 'yesno' ? 'số đơn vị "Có"' : element.unit, { size: 12 });
    vals.forEach((v, i) => {
      const c = ws.getCell(r, 4 + i);
      const s = v === null ? null : suppressed(v, element.sensitive, model.includeSensitive);
      if (typeof s === 'string') text(c, s, { size: 12 });
      else num(c, s, element.type === 'decimal' ? DEC_FMT : INT_FMT, { size: 12 });
    });
    r++;
  }
  borderRange(ws, hr + 1, r - 1, COLS);
  note(
    ws,
    r + 1,
    COLS,
    `(*) Số liệu nhạy cảm: ${SENSITIVE_MARK.toLocaleLowerCase('vi')}` +
      (model.includeSensitive ? '.' : '; các số từ 1 đến 4 được ghi "<5" để tránh nhận diện cá nhân.'),
  );
  estimateWidths(ws, hr, [10, 40, 10, ...kinds.map(() => 14)], [12, 70, 20, ...kinds.map(() => 22)]);
  fitWrappedRows(ws, hr, r - 1);
  printRange(ws, COLS, r + 1, hr);
}

function appendix5(wb: ExcelJS.Workbook, model: ReportModel) {
  const cols = figureColumns(model);
  const COLS = 3 + cols.length;
  const { ws, hr } = appendixSheet(wb, model, 5, {
    title: 'Số liệu chi tiết theo đơn vị',
    cols: Math.min(COLS, 12),
    landscape: true,
    sensitive: hasSensitive(model),
  });
  const L = model.catalog.cellLabels;
  // two header rows: element, then cell
  const h2 = hr + 1;
  ['STT', 'Đơn vị', 'Loại đơn vị'].forEach((l, i) => {
    ws.mergeCells(hr, i + 1, h2, i + 1);
    const c = text(ws.getCell(hr, i + 1), l, { bold: true, size: 12 });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  let c = 4;
  for (const el of new Set(cols.map((x) => x.element))) {
    const n = el.cells.length;
    if (n > 1) ws.mergeCells(hr, c, hr, c + n - 1);
    const h = text(ws.getCell(hr, c), `${el.name}${el.sensitive ? ' (*)' : ''}`, { bold: true, size: 11 });
    h.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    el.cells.forEach((cell, i) => {
      const x = text(ws.getCell(h2, c + i), L[cell], { bold: true, size: 11 });
      x.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    c += n;
  }
  let r = h2 + 1;
  sortedUnits(model).forEach((u, i) => {
    num(ws.getCell(r, 1), i + 1, INT_FMT, { size: 12 });
    text(ws.getCell(r, 2), u.unitName, { size: 12 });
    text(ws.getCell(r, 3), kindName(model, u.kind), { size: 12 });
    cols.forEach(({ element, cell }, j) => {
      const v = unitFigure(u.values, element, cell, model.includeSensitive);
      const target = ws.getCell(r, 4 + j);
      if (typeof v === 'number') num(target, v, element.type === 'decimal' ? DEC_FMT : INT_FMT, { size: 12 });
      else if (v !== null) text(target, v, { size: 12 });
      else target.font = font({ size: 12 });
    });
    r++;
  });
  borderRange(ws, hr, r - 1, COLS);
  note(
    ws,
    r + 1,
    Math.min(COLS, 12),
    `(*) Số liệu nhạy cảm: ${SENSITIVE_MARK.toLocaleLowerCase('vi')}` +
      (model.includeSensitive ? '.' : '; các số từ 1 đến 4 được ghi "<5".') +
      ' KAD: không áp dụng; ô trống: đơn vị không báo cáo.',
    200,
  );
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 30;
  ws.getColumn(3).width = 22;
  for (let j = 4; j <= COLS; j++) ws.getColumn(j).width = 12;
  ws.getRow(hr).height = 90;
  ws.getRow(h2).height = 18;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: h2 }];
  printRange(ws, COLS, r + 1, hr, h2);
  ws.pageSetup.printTitlesColumn = 'A:B';
}

function appendix6(wb: ExcelJS.Workbook, model: ReportModel) {
  const COLS = 4;
  const { ws, hr } = appendixSheet(wb, model, 6, {
    title: 'Ý kiến đánh giá và kiến nghị của các đơn vị',
    cols: COLS,
    landscape: false,
  });
  headerRow(ws, hr, ['STT', 'Đơn vị', 'Nội dung', 'Ý kiến của đơn vị']);
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 22;
  ws.getColumn(3).width = 20;
  ws.getColumn(4).width = 60;
  let r = hr + 1;
  textRows(model).forEach((t, i) => {
    num(ws.getCell(r, 1), i + 1, INT_FMT, { size: 12 });
    text(ws.getCell(r, 2), t.unitName, { size: 12 });
    text(ws.getCell(r, 3), t.item, { size: 12 });
    text(ws.getCell(r, 4), t.text, { size: 12 });
    r++;
  });
  if (r === hr + 1) {
    ws.mergeCells(r, 1, r, COLS);
    text(ws.getCell(r, 1), 'Không có đơn vị nào gửi ý kiến.', { italic: true, size: 12 });
    r++;
  }
  borderRange(ws, hr + 1, r - 1, COLS);
  fitWrappedRows(ws, hr, r - 1);
  printRange(ws, COLS, r - 1, hr);
}

export async function buildMinistryWorkbook(model: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = model.settings.agencyName || 'Báo cáo BĐG';
  wb.title = `Báo cáo ${model.period.label}`;
  wb.created = new Date(`${model.today}T00:00:00Z`);
  wb.modified = wb.created;
  mainSheet(wb, model);
  appendix1(wb, model);
  appendix2(wb, model);
  appendix3(wb, model);
  appendix4(wb, model);
  appendix5(wb, model);
  appendix6(wb, model);
  writePlanAppendix(wb, model);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

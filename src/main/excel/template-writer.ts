/**
 * Writes the reporting form that a member unit fills in: one protected, print-ready sheet "Báo cáo" with the
 * input cells unlocked and tinted, and a hidden "_meta" sheet that identifies template, period and unit.
 * The layout both this writer and the reader rely on (sheet names, labels, meta keys) is in form-layout.ts.
 */
import ExcelJS from 'exceljs';
import type { CellKey, DataElement, Section, UnitKind } from '../../shared/domain/catalog';
import type { Period } from '../../shared/domain/records';
import { formatDate } from '../../shared/text/vi';
import {
  FIRST_VALUE_COL,
  FORM_SHEET,
  formColumns,
  formSectionNumbers,
  HEADER_LABELS,
  META_KEYS,
  META_SHEET,
  structureFingerprint,
  TABLE_NAME,
  templateRowsFor,
  type MetaKey,
} from './form-layout';
import {
  BLACK_PIXEL_PNG,
  BORDER,
  colLetter,
  colOf,
  colWidthPt,
  colWidthPtWide,
  font,
  fullLine,
  GREY_FILL,
  HEAD_FILL,
  headerAgency,
  infoLine,
  INPUT_FILL,
  inputFormat,
  lineHeightPt,
  linesIn,
  placeName,
  ptToColWidth,
  put,
  SECTION_FILL,
  SIZE,
  splitRow,
  textWidthPt,
  validationFor,
  type CellLook,
  type FormSheet,
  type HeaderUnit,
} from './template-style';
import { writeTaskMeta, writeTaskSection, type TemplateTask } from './template-tasks';

export interface TemplateInput {
  catalog: { sections: Section[]; cellLabels: Record<CellKey, string>; dataElements: DataElement[] };
  template: { code: string; version: number; name: string; rows: string[] };
  period: Pick<Period, 'id' | 'year' | 'kind' | 'label' | 'dataFrom' | 'dataTo' | 'deadline'>;
  /**
   * null = the generic copy (any unit; the unit writes its name and code). The unit is the form's author: its
   * name heads the form; its rows are the ones it reports (form-layout templateRowsFor).
   */
  unit: (HeaderUnit & { kind: UnitKind }) | null;
  province: string;
  /** the province's place name for the date line (settings), e.g. "Gia Lai" */
  placeName?: string;
  /** the Ban's cơ quan chủ quản line (settings, e.g. "UBND TỈNH GIA LAI") */
  agencyParent?: string;
  agencyName: string;
  appVersion: string;
  /** this database's random identity (settings), so a form from another database is recognised */
  databaseId?: string;
  /** the year's plan tasks given to this unit (template-tasks.ts); none → the form is as without a plan */
  tasks?: TemplateTask[];
}

/** Where the data rows ended up, for the conditional formatting and the print setup. */
interface DataRows {
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  /** rows with Tổng số and Nữ or Nam */
  sexRows: number[];
  /** section heading rows (never the last row of a printed page) */
  sectionRows: number[];
}

const CENTER: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle' };
/** The header's sizes (NĐ 30/2020 Phụ lục I): agency lines and Quốc hiệu 13, Tiêu ngữ 14 */
const HEAD_SIZE = 13;
const MOTTO_SIZE = 14;
const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';
/** A4 landscape inside the margins below (mm → pt), with 3 % kept free for rounding in Excel and LibreOffice */
const PAGE = { widthPt: ((297 - 30 - 15) / 25.4) * 72 * 0.97, heightPt: ((210 - 2 * 20.07) / 25.4) * 72 * 0.95 };
const EMU_PER_PT = 12700;

const HELP = [
  'Hướng dẫn điền:',
  '1. Chỉ nhập số vào các ô nền vàng; không ghi đơn vị tính, không ghi dấu %. Ô nền xám là ô không cần điền.',
  '2. Không có số liệu thì để trống; số liệu bằng không thì ghi 0; chỉ tiêu không áp dụng với đơn vị thì ghi ' +
    '"KAD" hoặc "Không áp dụng".',
  '3. Câu hỏi Có/Không: ghi "Có" hoặc "Không" (chọn trong danh sách).',
  '4. Không sửa cột "Mã số"; không thêm, xóa hoặc đổi thứ tự dòng; không đổi tên, không thêm trang tính.',
];

/** Builds the .xlsx form for one unit (or the generic copy) and returns its bytes. */
export async function buildTemplateWorkbook(input: TemplateInput): Promise<Buffer> {
  const { catalog, template, unit } = input;
  const rows = templateRowsFor(template, catalog.dataElements, unit);
  const { cellKeys, headers } = formColumns(catalog.cellLabels);
  const generatedAt = new Date();
  const wb = newWorkbook(input, generatedAt);
  const ws = wb.addWorksheet(FORM_SHEET, {
    properties: { tabColor: { argb: 'FF1F4E79' }, defaultRowHeight: 18 },
  });
  const f: FormSheet = { ws, cellKeys, nCols: headers.length, last: colLetter(headers.length), r: 1 };

  setColumnWidths(f, rows, headers);
  writeTitleBlock(wb, f, input);
  const headerRow = writeTableHeader(f, headers);
  const data = writeDataRows(f, headerRow, rows, catalog.sections);
  let paged = data; // the rows the page breaks keep whole: the figures, then the plan's tasks if any
  if (input.tasks?.length) {
    writeTaskSection(f, input.tasks);
    paged = { ...data, lastDataRow: f.r - 1 };
  }
  const signatureRow = writeSignatureLines(f);
  highlightSexOverTotal(f, data);
  setupPrint(wb, f, data, input);
  keepPagesWhole(f, paged, signatureRow);
  await protectForm(ws);
  await writeMetaSheet(wb, metaValues(input, rows, generatedAt));
  if (input.tasks?.length) writeTaskMeta(wb, input.tasks);

  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function newWorkbook(input: TemplateInput, generatedAt: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = input.agencyName;
  wb.lastModifiedBy = input.agencyName;
  wb.title = `${input.template.name} - ${input.period.label}`;
  wb.subject = input.template.code;
  wb.company = input.province;
  wb.created = generatedAt;
  wb.modified = generatedAt;
  return wb;
}

/**
 * Column widths that fit A4 landscape at 100 % (no shrinking: the header keeps its 13–14 pt): codes and units
 * sized to their printed text, value columns wide enough that the header's right half (column D to the end)
 * holds the Quốc hiệu on one line, the names (column C, wrapping) get the rest. Sets f.split to D.
 */
function setColumnWidths(f: FormSheet, rows: DataElement[], headers: string[]): void {
  const pad = 9;
  const codePt = Math.max(60, ...rows.map((r) => textWidthPt(r.code, SIZE) + pad));
  const unitPt = Math.min(90, Math.max(60, ...rows.map((r) => textWidthPt(r.unit, SIZE) + pad)));
  const valueHeads = headers.slice(FIRST_VALUE_COL - 1);
  const valuePts = valueHeads.map((h) => Math.max(62, textWidthPt(h, SIZE, true) + pad));
  // the right half of the header (D…last) holds the Quốc hiệu at 13 pt bold with room to spare
  const rightNeed = textWidthPt(QUOC_HIEU, HEAD_SIZE, true) * 1.08 + 2 * pad;
  const rightHave = unitPt + valuePts.reduce((a, b) => a + b, 0);
  if (rightHave < rightNeed) {
    const extra = (rightNeed - rightHave) / valuePts.length;
    for (let i = 0; i < valuePts.length; i++) valuePts[i]! += extra;
  }
  const widths = [26, codePt, 0, unitPt, ...valuePts].map((pt) => ptToColWidth(pt));
  const used = widths.reduce((a, b) => a + colWidthPtWide(b), 0);
  widths[2] = Math.max(30, Math.floor((PAGE.widthPt - used) / colWidthPtWide(1)));
  widths.forEach((w, i) => {
    const col = f.ws.getColumn(i + 1);
    col.width = w;
    col.font = font();
  });
  f.split = 4;
}

/** The printed width of columns from..to (1-based, inclusive), in points. */
function spanPt(f: FormSheet, from: number, to: number): number {
  let w = 0;
  for (let c = from; c <= to; c++) w += colWidthPt(f.ws.getColumn(c).width ?? 9);
  return w;
}

/**
 * A rule drawn as a stretched black pixel (an Excel cell border cannot be as long as a text): `widthPt` long,
 * centred on columns from..to, `dyPt` below the top of row `row`. Its start is placed with a column width between
 * Excel's and LibreOffice's (they differ by 6 %), so it sits centred within a few points in both.
 */
function drawRule(
  wb: ExcelJS.Workbook,
  f: FormSheet,
  row: number,
  from: number,
  to: number,
  widthPt: number,
  dyPt: number,
): void {
  const id = wb.addImage({ base64: BLACK_PIXEL_PNG, extension: 'png' });
  const colPt = (c: number): number => ((colWidthPt(1) + colWidthPtWide(1)) / 2) * (f.ws.getColumn(c).width ?? 9);
  let x = -widthPt / 2;
  for (let c = 1; c <= to; c++) x += c < from ? colPt(c) : colPt(c) / 2;
  let col = 0;
  while (col < f.nCols && x >= colPt(col + 1)) {
    x -= colPt(col + 1);
    col++;
  }
  const px = (pt: number): number => Math.max(1, Math.round(pt / 0.75));
  f.ws.addImage(id, {
    tl: {
      nativeCol: col,
      nativeColOff: Math.round(x * EMU_PER_PT),
      nativeRow: row - 1,
      nativeRowOff: Math.round(dyPt * EMU_PER_PT),
    } as unknown as ExcelJS.Anchor,
    ext: { width: px(widthPt), height: 1 },
    editAs: 'oneCell',
  });
}

/**
 * The header as NĐ 30/2020 Phụ lục I lays it out, the unit being the author: cơ quan chủ quản and the unit's
 * name (bold, a short rule under it) | Quốc hiệu and Tiêu ngữ (a rule as long as the text under it); "Số: …/…" |
 * "…, ngày … tháng … năm …" on one line; "BÁO CÁO" and its trích yếu; the identity lines and the instructions.
 */
function writeTitleBlock(wb: ExcelJS.Workbook, f: FormSheet, input: TemplateInput): void {
  const { period, unit } = input;
  const split = f.split ?? 5;
  const leftPt = spanPt(f, 1, split - 1);
  const centred: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
  const head = unit
    ? headerAgency(unit, input.province, input.agencyParent)
    : { parent: '(TÊN CƠ QUAN CHỦ QUẢN)', own: '(TÊN ĐƠN VỊ BÁO CÁO)', parentBold: false };
  const r1 = f.r;
  splitRow(
    f,
    { value: head.parent, font: font({ size: HEAD_SIZE, bold: head.parentBold }), alignment: centred },
    { value: QUOC_HIEU, font: font({ bold: true, size: HEAD_SIZE }), alignment: { ...centred, wrapText: false } },
  );
  splitRow(
    f,
    { value: head.own, font: font({ size: HEAD_SIZE, bold: true }), alignment: centred },
    { value: TIEU_NGU, font: font({ bold: true, size: MOTTO_SIZE }), alignment: { ...centred, wrapText: false } },
  );
  // the unit may correct its header lines (a body not under the UBND tỉnh names its own chủ quản)
  for (const r of [r1, r1 + 1]) put(f.ws.getCell(r, 1), { protection: { locked: false } });
  const lh = lineHeightPt(HEAD_SIZE);
  f.ws.getRow(r1).height = Math.max(1, linesIn(head.parent, leftPt, HEAD_SIZE, head.parentBold)) * lh + 3;
  f.ws.getRow(r1 + 1).height = Math.max(linesIn(head.own, leftPt, HEAD_SIZE, true) * lh, lineHeightPt(MOTTO_SIZE)) + 3;
  f.ws.getRow(f.r).height = 10;
  const ownPt = Math.min(leftPt - 20, textWidthPt(head.own, HEAD_SIZE, true));
  drawRule(wb, f, f.r, 1, split - 1, Math.max(40, ownPt / 3), 1);
  drawRule(wb, f, f.r, split, f.nCols, textWidthPt(TIEU_NGU, MOTTO_SIZE, true), 1);
  f.r++;
  splitRow(
    f,
    { value: 'Số: ……/BC-……', font: font({ size: HEAD_SIZE }), alignment: centred },
    {
      value: `${placeName(unit, input.province, input.placeName)}, ngày …… tháng …… năm ${period.year}`,
      font: font({ size: HEAD_SIZE, italic: true }),
      alignment: centred,
    },
  );
  f.ws.getRow(f.r - 1).height = lh + 4;
  for (const c of [1, split]) put(f.ws.getCell(f.r - 1, c), { protection: { locked: false } });
  f.ws.getRow(f.r).height = 10;
  f.r++;
  fullLine(f, 'BÁO CÁO', { bold: true, size: MOTTO_SIZE, align: 'center', height: lineHeightPt(MOTTO_SIZE) + 4 });
  const summary = trichYeu(input.template.name, period.label);
  const fullPt = spanPt(f, 1, f.nCols);
  fullLine(f, summary, {
    bold: true,
    size: HEAD_SIZE,
    align: 'center',
    height: linesIn(summary, fullPt * 0.9, HEAD_SIZE, true) * lh + 4,
  });
  f.ws.getRow(f.r).height = 10;
  f.r++;

  const info = (label: string, value: string, isInput: boolean): void => {
    infoLine(f, label, value, isInput);
    f.ws.getRow(f.r - 1).height = lineHeightPt() + 5;
  };
  info(HEADER_LABELS.period, period.label, false);
  info(HEADER_LABELS.window, `${formatDate(period.dataFrom)} – ${formatDate(period.dataTo)}`, false);
  info(HEADER_LABELS.deadline, formatDate(period.deadline), false);
  info(HEADER_LABELS.unitName, unit ? unit.name : '', !unit);
  info(HEADER_LABELS.unitCode, unit ? unit.code : '', !unit);
  f.ws.getRow(f.r).height = 8;
  f.r++;

  HELP.forEach((h, i) =>
    fullLine(f, h, {
      italic: i > 0,
      bold: i === 0,
      height: linesIn(h, fullPt, SIZE, i === 0) * lineHeightPt() + 4,
    }),
  );
  f.ws.getRow(f.r).height = 8;
  f.r++;
}

/** "Báo cáo kết quả … (đơn vị thành viên)" + "6 tháng đầu năm 2026" → "Kết quả … 6 tháng đầu năm 2026". */
function trichYeu(templateName: string, periodLabel: string): string {
  const body = templateName
    .replace(/^báo cáo\s+/iu, '')
    .replace(/\s*\([^)]*\)\s*$/u, '')
    .trim();
  const first = body.charAt(0).toLocaleUpperCase('vi-VN') + body.slice(1);
  const when = periodLabel.charAt(0).toLocaleLowerCase('vi-VN') + periodLabel.slice(1);
  return `${first} ${when}`;
}

/** The table's header row; returns its row number. */
function writeTableHeader(f: FormSheet, headers: string[]): number {
  const headerRow = f.r;
  headers.forEach((h, i) =>
    put(f.ws.getCell(headerRow, i + 1), {
      value: h,
      font: font({ bold: true }),
      fill: HEAD_FILL,
      border: BORDER,
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    }),
  );
  f.ws.getRow(headerRow).height = 30;
  f.r++;
  return headerRow;
}

/**
 * One row per element, under a heading row per section; input cells unlocked, validated and tinted. Sections are
 * numbered I, II, III… as they appear on this unit's form (no gap where a section has no row for the unit).
 */
function writeDataRows(f: FormSheet, headerRow: number, rows: DataElement[], sections: Section[]): DataRows {
  const sectionName = new Map(sections.map((s) => [s.code, s.name]));
  const numbers = formSectionNumbers(rows);
  const namePt = spanPt(f, 3, 3);
  let currentSection: string | null = null;
  let stt = 0;
  const firstDataRow = f.r;
  const sexRows: number[] = [];
  const sectionRows: number[] = [];
  for (const d of rows) {
    if (d.section !== currentSection) {
      currentSection = d.section;
      stt = 0;
      sectionRows.push(f.r);
      writeSectionRow(f, numbers.get(d.section) ?? '', sectionName.get(d.section) ?? d.section);
    }
    stt++;
    const row = f.ws.getRow(f.r);
    const fixed: Array<string | number> = [stt, d.code, d.name, d.unit];
    fixed.forEach((v, i) =>
      put(row.getCell(i + 1), {
        value: v,
        font: font(),
        border: BORDER,
        alignment: { horizontal: i === 2 ? 'left' : 'center', vertical: 'middle', wrapText: i === 2 || i === 3 },
      }),
    );
    if (d.type === 'text') writeTextCells(f, row);
    else {
      writeValueCells(f, row, d);
      const lines = Math.max(linesIn(d.name, namePt), linesIn(d.unit, spanPt(f, 4, 4)));
      row.height = Math.max(20, lines * lineHeightPt() + 6);
      if (d.cells.includes('total') && (d.cells.includes('female') || d.cells.includes('male'))) sexRows.push(f.r);
    }
    f.r++;
  }
  return { headerRow, firstDataRow, lastDataRow: f.r - 1, sexRows, sectionRows };
}

/** A section heading: its number on this form in STT, the name merged from column C to the end. */
function writeSectionRow(f: FormSheet, numeral: string, name: string): void {
  const { ws, r, nCols } = f;
  ws.getCell(r, 1).value = numeral;
  ws.mergeCells(r, 3, r, nCols);
  ws.getCell(r, 3).value = name;
  for (let c = 1; c <= nCols; c++) {
    put(ws.getCell(r, c), {
      font: font({ bold: true }),
      fill: SECTION_FILL,
      border: BORDER,
      alignment: { horizontal: c === 1 ? 'center' : 'left', vertical: 'middle', wrapText: c === 3 },
    });
  }
  ws.getRow(r).height = Math.max(20, linesIn(name, spanPt(f, 3, nCols), SIZE, true) * lineHeightPt() + 6);
  f.r++;
}

/** A text element: one tall input cell merged across the value columns. */
function writeTextCells(f: FormSheet, row: ExcelJS.Row): void {
  f.ws.mergeCells(f.r, FIRST_VALUE_COL, f.r, f.nCols);
  for (let c = FIRST_VALUE_COL; c <= f.nCols; c++) {
    put(row.getCell(c), { border: BORDER, fill: INPUT_FILL, font: font(), protection: { locked: false } });
  }
  put(row.getCell(FIRST_VALUE_COL), {
    numFmt: '@',
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true },
  });
  row.height = 90;
}

/** The element's cells are input cells (with their format and validation); the other value cells are grey. */
function writeValueCells(f: FormSheet, row: ExcelJS.Row, d: DataElement): void {
  for (const k of f.cellKeys) {
    const cell = put(row.getCell(colOf(f, k)), {
      border: BORDER,
      font: font(),
      alignment: { horizontal: 'center', vertical: 'middle' },
    });
    if (d.cells.includes(k)) {
      put(cell, { fill: INPUT_FILL, protection: { locked: false }, numFmt: inputFormat(d) });
      const v = validationFor(d);
      if (v) cell.dataValidation = v;
    } else {
      put(cell, { fill: GREY_FILL, protection: { locked: true } });
    }
  }
}

/**
 * Who filled it in and who signs (the unit is the author): NGƯỜI LẬP BIỂU | THỦ TRƯỞNG ĐƠN VỊ, after one blank
 * row, with room for the signature and the name. Returns the first row of the block.
 */
function writeSignatureLines(f: FormSheet): number {
  const first = f.r;
  f.ws.getRow(f.r).height = 12;
  f.r++;
  const bold = (value: string): CellLook => ({ value, font: font({ bold: true, size: HEAD_SIZE }), alignment: CENTER });
  const italic = (value: string): CellLook => ({ value, font: font({ italic: true }), alignment: CENTER });
  splitRow(f, bold('NGƯỜI LẬP BIỂU'), bold('THỦ TRƯỞNG ĐƠN VỊ'));
  f.ws.getRow(f.r - 1).height = lineHeightPt(HEAD_SIZE) + 4;
  splitRow(f, italic('(Ký, ghi rõ họ tên)'), italic('(Ký tên, đóng dấu)'));
  f.ws.getRow(f.r - 1).height = lineHeightPt() + 4;
  f.ws.getRow(f.r).height = 64; // the signatures
  f.r++;
  return first;
}

/** Red fill where Nữ or Nam is greater than Tổng số. */
function highlightSexOverTotal(f: FormSheet, data: DataRows): void {
  const { cellKeys } = f;
  if (data.sexRows.length === 0 || !cellKeys.includes('total')) return;
  const first = data.firstDataRow;
  const t = colLetter(colOf(f, 'total'));
  for (const k of ['female', 'male'] as const) {
    if (!cellKeys.includes(k)) continue;
    const col = colLetter(colOf(f, k));
    f.ws.addConditionalFormatting({
      ref: `${col}${first}:${col}${data.lastDataRow}`,
      rules: [
        {
          type: 'expression',
          priority: k === 'female' ? 1 : 2,
          formulae: [`AND(ISNUMBER(${col}${first}),ISNUMBER(${t}${first}),${col}${first}>${t}${first})`],
          style: {
            fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFF9999' } },
            font: { color: { argb: 'FF9C0006' }, bold: true },
          },
        },
      ],
    });
  }
}

/** The table's defined name, frozen header, A4 landscape with NĐ 30 margins, page numbers and a footer. */
function setupPrint(wb: ExcelJS.Workbook, f: FormSheet, data: DataRows, input: TemplateInput): void {
  const { ws, last } = f;
  const { headerRow } = data;
  wb.definedNames.add(`'${FORM_SHEET}'!$A$${headerRow}:$${last}$${data.lastDataRow}`, TABLE_NAME);
  ws.views = [
    {
      state: 'frozen',
      xSplit: 0,
      ySplit: headerRow,
      topLeftCell: `A${headerRow + 1}`,
      activeCell: `A${headerRow + 1}`,
    },
  ];
  // 100 %, not "fit to width": the columns are sized to the page (setColumnWidths), so the header prints at its
  // 13–14 pt, and the manual page breaks (keepPagesWhole) are kept (a fit-to setting makes Excel ignore them)
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: false,
    scale: 100,
    horizontalCentered: true,
    printTitlesRow: `${headerRow}:${headerRow}`,
    printArea: `A1:${last}${f.r - 1}`,
    // Nghị định 30/2020: top/bottom 20 mm, left 30 mm, right 15 mm (inches)
    margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = {
    differentFirst: true,
    firstHeader: '',
    oddHeader: '&C&"Times New Roman,Regular"&13&P',
    oddFooter: `&L&"Times New Roman,Italic"&9${input.template.code} v${input.template.version} – ${input.period.label}`,
  };
}

/**
 * Page breaks placed by the rows' heights, so that no printed page holds only the repeated table header, a
 * section heading never ends a page, and the signature block stays with the last rows of the table.
 */
function keepPagesWhole(f: FormSheet, data: DataRows, signatureRow: number): void {
  const height = (r: number): number => f.ws.getRow(r).height ?? 18;
  const sections = new Set(data.sectionRows);
  const headerPt = height(data.headerRow);
  let used = 0;
  for (let r = 1; r <= data.headerRow; r++) used += height(r);
  const breaks: number[] = []; // a page starts at each of these rows
  const startPage = (r: number): void => {
    breaks.push(r);
    used = headerPt;
  };
  for (let r = data.firstDataRow; r <= data.lastDataRow; r++) {
    if (used + height(r) > PAGE.heightPt) {
      // a section heading moves to the next page with its first row
      const start = sections.has(r - 1) && r - 1 > data.firstDataRow ? r - 1 : r;
      startPage(start);
      for (let k = start; k < r; k++) used += height(k);
    }
    used += height(r);
  }
  let sig = 0;
  for (let r = signatureRow; r < f.r; r++) sig += height(r);
  // the signature stays on a page with the table's last two rows (and their heading)
  let start = Math.max(data.firstDataRow + 1, data.lastDataRow - 1);
  if (sections.has(start - 1)) start--;
  const lastBreak = breaks[breaks.length - 1] ?? 0;
  if (used + sig > PAGE.heightPt) {
    if (start > lastBreak) breaks.push(start);
  } else if (lastBreak > start && (breaks[breaks.length - 2] ?? 0) < start) {
    // the last page would start with the very last row: start it one row earlier
    breaks[breaks.length - 1] = start;
  }
  for (const r of breaks) f.ws.getRow(r - 1).addPageBreak();
}

/** Only the unlocked (input) cells can be edited; rows and columns can be resized, not inserted or deleted. */
async function protectForm(ws: ExcelJS.Worksheet): Promise<void> {
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: false,
    insertRows: false,
    insertColumns: false,
    deleteRows: false,
    deleteColumns: false,
    sort: false,
    autoFilter: false,
    spinCount: 1000,
  });
}

function metaValues(input: TemplateInput, rows: DataElement[], generatedAt: Date): Record<MetaKey, string> {
  const { template, period, unit } = input;
  return {
    templateCode: template.code,
    templateVersion: String(template.version),
    periodId: String(period.id),
    periodLabel: period.label,
    periodYear: String(period.year),
    periodKind: period.kind,
    databaseId: input.databaseId ?? '',
    unitCode: unit ? unit.code : '',
    unitName: unit ? unit.name : '',
    unitKind: unit ? unit.kind : '',
    province: input.province,
    fingerprint: structureFingerprint(rows),
    rows: rows.map((d) => d.code).join(','),
    generatedAt: generatedAt.toISOString(),
    appVersion: input.appVersion,
  };
}

/** The hidden, protected identification sheet: key in A, value (as text) in B. */
async function writeMetaSheet(wb: ExcelJS.Workbook, values: Record<MetaKey, string>): Promise<void> {
  const meta = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  meta.getColumn(1).width = 18;
  meta.getColumn(2).width = 80;
  META_KEYS.forEach((k, i) => {
    meta.getCell(i + 1, 1).value = k;
    put(meta.getCell(i + 1, 2), { value: values[k], numFmt: '@' });
  });
  await meta.protect('', { selectLockedCells: true, selectUnlockedCells: true, spinCount: 1000 });
}

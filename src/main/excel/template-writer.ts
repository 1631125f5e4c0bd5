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
  HEADER_LABELS,
  META_KEYS,
  META_SHEET,
  structureFingerprint,
  TABLE_NAME,
  templateRowsFor,
  type MetaKey,
} from './form-layout';
import {
  BORDER,
  colLetter,
  colOf,
  font,
  fullLine,
  GREY_FILL,
  HEAD_FILL,
  infoLine,
  INPUT_FILL,
  inputFormat,
  put,
  SECTION_FILL,
  SIZE,
  splitRow,
  validationFor,
  widthOf,
  type CellLook,
  type FormSheet,
} from './template-style';
import { writeTaskMeta, writeTaskSection, type TemplateTask } from './template-tasks';

export interface TemplateInput {
  catalog: { sections: Section[]; cellLabels: Record<CellKey, string>; dataElements: DataElement[] };
  template: { code: string; version: number; name: string; rows: string[] };
  period: Pick<Period, 'id' | 'year' | 'kind' | 'label' | 'dataFrom' | 'dataTo' | 'deadline'>;
  /** null = the generic copy (any unit; the unit writes its name and code) */
  unit: { code: string; name: string; kind: UnitKind } | null;
  province: string;
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
}

const ROMAN = /^(I|II|III|IV|V|VI|VII|VIII|IX|X)$/;
const CENTER: Partial<ExcelJS.Alignment> = { horizontal: 'center' };

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
  const rows = templateRowsFor(template, catalog.dataElements, unit ? unit.kind : null);
  const { cellKeys, headers } = formColumns(catalog.cellLabels);
  const generatedAt = new Date();
  const wb = newWorkbook(input, generatedAt);
  const ws = wb.addWorksheet(FORM_SHEET, {
    properties: { tabColor: { argb: 'FF1F4E79' }, defaultRowHeight: 18 },
  });
  const f: FormSheet = { ws, cellKeys, nCols: headers.length, last: colLetter(headers.length), r: 1 };

  const nameWidth = setColumnWidths(f, rows, catalog.cellLabels);
  writeTitleBlock(f, input);
  const headerRow = writeTableHeader(f, headers);
  const data = writeDataRows(f, headerRow, rows, catalog.sections, nameWidth);
  if (input.tasks?.length) writeTaskSection(f, input.tasks);
  writeSignatureLines(f);
  highlightSexOverTotal(f, data);
  setupPrint(wb, f, data, input);
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

/** Names wrap in column C, the other columns are sized to their content. Returns the width of column C. */
function setColumnWidths(f: FormSheet, rows: DataElement[], cellLabels: Record<CellKey, string>): number {
  const nameWidth = Math.min(60, Math.max(40, ...rows.map((r) => Math.ceil(widthOf(r.name) / 2))));
  const codeWidth = Math.max(12, ...rows.map((r) => widthOf(r.code) + 2));
  const unitWidth = Math.max(11, Math.min(16, ...rows.map((r) => widthOf(r.unit) + 2)));
  const valueWidths = f.cellKeys.map((k) => Math.max(11, widthOf(cellLabels[k]) + 4));
  [6, codeWidth, nameWidth, unitWidth, ...valueWidths].forEach((w, i) => {
    const col = f.ws.getColumn(i + 1);
    col.width = w;
    col.font = font();
  });
  return nameWidth;
}

/** National header (agency | Quốc hiệu), the form's title, the identity lines and the filling instructions. */
function writeTitleBlock(f: FormSheet, input: TemplateInput): void {
  const { period, unit } = input;
  const centred: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle' };
  const nationalLine = (left: string, right: string, leftBold: boolean): void =>
    splitRow(
      f,
      { value: left, font: font({ bold: leftBold }), alignment: { ...centred, wrapText: true } },
      {
        value: right,
        font: font({ bold: true, size: right.startsWith('CỘNG') ? SIZE : SIZE + 1 }),
        alignment: centred,
      },
    );
  nationalLine(input.province.toUpperCase(), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', false);
  nationalLine(input.agencyName.toUpperCase(), 'Độc lập - Tự do - Hạnh phúc', true);
  f.ws.getRow(2).height = 32;
  f.r++;
  fullLine(f, input.template.name.toUpperCase(), { bold: true, size: 13, align: 'center', height: 36 });

  infoLine(f, HEADER_LABELS.period, period.label, false);
  infoLine(f, HEADER_LABELS.window, `${formatDate(period.dataFrom)} – ${formatDate(period.dataTo)}`, false);
  infoLine(f, HEADER_LABELS.deadline, formatDate(period.deadline), false);
  infoLine(f, HEADER_LABELS.unitName, unit ? unit.name : '', !unit);
  infoLine(f, HEADER_LABELS.unitCode, unit ? unit.code : '', !unit);
  f.r++;

  HELP.forEach((h, i) => fullLine(f, h, { italic: i > 0, bold: i === 0, height: i === 2 ? 32 : undefined }));
  f.r++;
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

/** One row per element, under a heading row per section; input cells unlocked, validated and tinted. */
function writeDataRows(
  f: FormSheet,
  headerRow: number,
  rows: DataElement[],
  sections: Section[],
  nameWidth: number,
): DataRows {
  const sectionName = new Map(sections.map((s) => [s.code, s.name]));
  let currentSection: string | null = null;
  let stt = 0;
  const firstDataRow = f.r;
  const sexRows: number[] = [];
  for (const d of rows) {
    if (d.section !== currentSection) {
      currentSection = d.section;
      stt = 0;
      writeSectionRow(f, d.section, sectionName.get(d.section) ?? d.section);
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
      const lines = Math.ceil(widthOf(d.name) / (nameWidth - 2));
      row.height = Math.max(20, lines * 16 + 4);
      if (d.cells.includes('total') && (d.cells.includes('female') || d.cells.includes('male'))) sexRows.push(f.r);
    }
    f.r++;
  }
  return { headerRow, firstDataRow, lastDataRow: f.r - 1, sexRows };
}

/** A section heading: Roman numeral in STT (when it is one), the name merged from column C to the end. */
function writeSectionRow(f: FormSheet, code: string, name: string): void {
  const { ws, r, nCols } = f;
  ws.getCell(r, 1).value = ROMAN.test(code) ? code : '';
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

/** Who filled it in and who signs: NGƯỜI LẬP BIỂU | THỦ TRƯỞNG ĐƠN VỊ, after one blank row. */
function writeSignatureLines(f: FormSheet): void {
  f.r++;
  const bold = (value: string): CellLook => ({ value, font: font({ bold: true }), alignment: CENTER });
  const italic = (value: string): CellLook => ({ value, font: font({ italic: true }), alignment: CENTER });
  splitRow(f, bold('NGƯỜI LẬP BIỂU'), bold('THỦ TRƯỞNG ĐƠN VỊ'));
  splitRow(f, italic('(Ký, ghi rõ họ tên)'), italic('(Ký tên, đóng dấu)'));
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
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
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

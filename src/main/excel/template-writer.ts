/**
 * Writes the reporting form that a member unit fills in: one protected, print-ready sheet "Báo cáo" with the
 * input cells unlocked and tinted, and a hidden "_meta" sheet that identifies template, period and unit.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { CellKey, DataElement, PeriodKind, Section, UnitKind } from '../../shared/domain/catalog';
import { CELL_KEYS } from '../../shared/domain/catalog';
import { formatDate } from '../../shared/text/vi';

export interface TemplateInput {
  catalog: { sections: Section[]; cellLabels: Record<CellKey, string>; dataElements: DataElement[] };
  template: { code: string; version: number; name: string; rows: string[] };
  period: {
    id: number;
    year: number;
    kind: PeriodKind;
    label: string;
    dataFrom: string;
    dataTo: string;
    deadline: string;
  };
  /** null = the generic copy (any unit; the unit writes its name and code) */
  unit: { code: string; name: string; kind: UnitKind } | null;
  province: string;
  agencyName: string;
  appVersion: string;
}

export const FORM_SHEET = 'Báo cáo';
export const META_SHEET = '_meta';
export const TABLE_NAME = 'BangSoLieu';

/** Fixed column labels before the value columns (the value columns are the catalogue's cell labels). */
export const FIXED_HEADERS = { stt: 'STT', code: 'Mã số', name: 'Chỉ tiêu', unit: 'Đơn vị tính' } as const;

/** Labels of the identity lines above the table (the form reader falls back on them without _meta). */
export const HEADER_LABELS = {
  period: 'Kỳ báo cáo:',
  window: 'Thời gian lấy số liệu:',
  deadline: 'Hạn gửi báo cáo:',
  unitName: 'Đơn vị báo cáo:',
  unitCode: 'Mã đơn vị:',
} as const;

export const META_KEYS = [
  'templateCode',
  'templateVersion',
  'periodId',
  'periodLabel',
  'periodYear',
  'periodKind',
  'unitCode',
  'unitName',
  'unitKind',
  'province',
  'fingerprint',
  'rows',
  'generatedAt',
  'appVersion',
] as const;

const FONT = 'Times New Roman';
const SIZE = 12;
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9C4' } };
const GREY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * The rows of a template that a unit fills: unit-collected elements, in template order; for a unit only those its
 * kind reports. Unknown codes are skipped.
 */
export function templateRowsFor(
  template: { rows: string[] },
  dataElements: DataElement[],
  unitKind: UnitKind | null,
): DataElement[] {
  const byCode = new Map(dataElements.map((d) => [d.code, d]));
  const out: DataElement[] = [];
  for (const code of template.rows) {
    const d = byCode.get(code);
    if (!d || d.collectedFrom !== 'units') continue;
    if (unitKind !== null && !d.reportedBy.includes(unitKind)) continue;
    out.push(d);
  }
  return out;
}

/** sha256 of the codes, cells and types of the rows, first 16 hex digits. */
export function structureFingerprint(rows: DataElement[]): string {
  const text = rows.map((r) => `${r.code}|${r.cells.join(',')}|${r.type}`).join('\n');
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

function colLetter(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const ROMAN = /^(I|II|III|IV|V|VI|VII|VIII|IX|X)$/;

function validationFor(d: DataElement): ExcelJS.DataValidation | null {
  const common = { allowBlank: true, showErrorMessage: true, showInputMessage: false, errorStyle: 'warning' };
  switch (d.type) {
    case 'integer':
      return {
        ...common,
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Số liệu không hợp lệ',
        error:
          'Chỉ nhập số nguyên không âm (ví dụ 12), không ghi chữ, không ghi dấu %. Nếu chỉ tiêu không áp dụng với ' +
          'đơn vị, ghi KAD rồi chọn "Yes/Có" để giữ.',
      } as ExcelJS.DataValidation;
    case 'decimal':
      return {
        ...common,
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Số liệu không hợp lệ',
        error:
          'Chỉ nhập số không âm (ví dụ 12,5), không ghi chữ, không ghi đơn vị tính. Nếu chỉ tiêu không áp dụng với ' +
          'đơn vị, ghi KAD rồi chọn "Yes/Có" để giữ.',
      } as ExcelJS.DataValidation;
    case 'yesno':
      return {
        ...common,
        type: 'list',
        formulae: ['"Có,Không"'],
        errorTitle: 'Chọn Có hoặc Không',
        error: 'Chỉ ghi "Có" hoặc "Không" (chọn trong danh sách).',
      } as ExcelJS.DataValidation;
    default:
      return null;
  }
}

function widthOf(s: string): number {
  return [...s].length;
}

/** Builds the .xlsx form for one unit (or the generic copy) and returns its bytes. */
export async function buildTemplateWorkbook(input: TemplateInput): Promise<Buffer> {
  const { catalog, template, period, unit } = input;
  const rows = templateRowsFor(template, catalog.dataElements, unit ? unit.kind : null);
  const fingerprint = structureFingerprint(rows);
  const cellKeys = CELL_KEYS.filter((k) => k in catalog.cellLabels) as CellKey[];
  const headers = [
    FIXED_HEADERS.stt,
    FIXED_HEADERS.code,
    FIXED_HEADERS.name,
    FIXED_HEADERS.unit,
    ...cellKeys.map((k) => catalog.cellLabels[k]),
  ];
  const nCols = headers.length;
  const firstValueCol = 5;
  const colOf = (k: CellKey): number => firstValueCol + cellKeys.indexOf(k);
  const last = colLetter(nCols);

  const wb = new ExcelJS.Workbook();
  wb.creator = input.agencyName;
  wb.lastModifiedBy = input.agencyName;
  wb.title = `${template.name} - ${period.label}`;
  wb.subject = template.code;
  wb.company = input.province;
  const generatedAt = new Date();
  wb.created = generatedAt;
  wb.modified = generatedAt;

  const ws = wb.addWorksheet(FORM_SHEET, {
    properties: { tabColor: { argb: 'FF1F4E79' }, defaultRowHeight: 18 },
  });
  const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT, size: SIZE, ...extra });

  // widths: names wrap in column C, others sized to their content
  const nameWidth = Math.min(60, Math.max(40, ...rows.map((r) => Math.ceil(widthOf(r.name) / 2))));
  const codeWidth = Math.max(12, ...rows.map((r) => widthOf(r.code) + 2));
  const unitWidth = Math.max(11, Math.min(16, ...rows.map((r) => widthOf(r.unit) + 2)));
  const widths = [
    6,
    codeWidth,
    nameWidth,
    unitWidth,
    ...cellKeys.map((k) => Math.max(11, widthOf(catalog.cellLabels[k]) + 4)),
  ];
  widths.forEach((w, i) => {
    const col = ws.getColumn(i + 1);
    col.width = w;
    col.font = font();
  });

  let r = 1;
  const line = (
    text: string,
    opts: { bold?: boolean; italic?: boolean; size?: number; align?: 'left' | 'center'; height?: number } = {},
  ): number => {
    ws.mergeCells(`A${r}:${last}${r}`);
    const c = ws.getCell(`A${r}`);
    c.value = text;
    c.font = font({ bold: opts.bold, italic: opts.italic, size: opts.size ?? SIZE });
    c.alignment = { horizontal: opts.align ?? 'left', vertical: 'middle', wrapText: true };
    if (opts.height) ws.getRow(r).height = opts.height;
    return r++;
  };

  // national header: agency on the left, Quốc hiệu on the right
  const split = 4;
  const pair = (left: string, right: string, leftBold: boolean): void => {
    ws.mergeCells(`A${r}:${colLetter(split)}${r}`);
    ws.mergeCells(`${colLetter(split + 1)}${r}:${last}${r}`);
    const a = ws.getCell(`A${r}`);
    a.value = left;
    a.font = font({ bold: leftBold });
    a.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    const b = ws.getCell(`${colLetter(split + 1)}${r}`);
    b.value = right;
    b.font = font({ bold: true, size: right.startsWith('CỘNG') ? SIZE : SIZE + 1 });
    b.alignment = { horizontal: 'center', vertical: 'middle' };
    r++;
  };
  pair(input.province.toUpperCase(), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', false);
  pair(input.agencyName.toUpperCase(), 'Độc lập - Tự do - Hạnh phúc', true);
  ws.getRow(2).height = 32;
  r++;
  line(template.name.toUpperCase(), { bold: true, size: 13, align: 'center', height: 36 });

  const info = (label: string, value: string, input?: boolean): number => {
    ws.mergeCells(`A${r}:B${r}`);
    ws.mergeCells(`C${r}:${last}${r}`);
    const a = ws.getCell(`A${r}`);
    a.value = label;
    a.font = font({ bold: true });
    a.alignment = { horizontal: 'left', vertical: 'middle' };
    const c = ws.getCell(`C${r}`);
    c.value = value;
    c.font = font({ bold: !input });
    c.alignment = { horizontal: 'left', vertical: 'middle' };
    if (input) {
      c.fill = INPUT_FILL;
      c.protection = { locked: false };
      c.numFmt = '@';
      c.border = { bottom: { style: 'dotted', color: { argb: 'FF7F7F7F' } } };
    }
    return r++;
  };
  info(HEADER_LABELS.period, period.label);
  info(HEADER_LABELS.window, `${formatDate(period.dataFrom)} – ${formatDate(period.dataTo)}`);
  info(HEADER_LABELS.deadline, formatDate(period.deadline));
  info(HEADER_LABELS.unitName, unit ? unit.name : '', !unit);
  info(HEADER_LABELS.unitCode, unit ? unit.code : '', !unit);
  r++;

  const help = [
    'Hướng dẫn điền:',
    '1. Chỉ nhập số vào các ô nền vàng; không ghi đơn vị tính, không ghi dấu %. Ô nền xám là ô không cần điền.',
    '2. Không có số liệu thì để trống; số liệu bằng không thì ghi 0; chỉ tiêu không áp dụng với đơn vị thì ghi ' +
      '"KAD" hoặc "Không áp dụng".',
    '3. Câu hỏi Có/Không: ghi "Có" hoặc "Không" (chọn trong danh sách).',
    '4. Không sửa cột "Mã số"; không thêm, xóa hoặc đổi thứ tự dòng; không đổi tên, không thêm trang tính.',
  ];
  help.forEach((h, i) => line(h, { italic: i > 0, bold: i === 0, height: i === 2 ? 32 : undefined }));
  r++;

  // table header
  const headerRow = r;
  headers.forEach((h, i) => {
    const c = ws.getCell(headerRow, i + 1);
    c.value = h;
    c.font = font({ bold: true });
    c.fill = HEAD_FILL;
    c.border = BORDER;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  ws.getRow(headerRow).height = 30;
  r++;

  const sectionName = new Map(catalog.sections.map((s) => [s.code, s.name]));
  let currentSection: string | null = null;
  let stt = 0;
  const firstDataRow = r;
  const sexRows: number[] = [];

  for (const d of rows) {
    if (d.section !== currentSection) {
      currentSection = d.section;
      stt = 0;
      const a = ws.getCell(r, 1);
      a.value = ROMAN.test(d.section) ? d.section : '';
      ws.mergeCells(r, 3, r, nCols);
      const n = ws.getCell(r, 3);
      n.value = sectionName.get(d.section) ?? d.section;
      for (let c = 1; c <= nCols; c++) {
        const cell = ws.getCell(r, c);
        cell.font = font({ bold: true });
        cell.fill = SECTION_FILL;
        cell.border = BORDER;
        cell.alignment = { horizontal: c === 1 ? 'center' : 'left', vertical: 'middle', wrapText: c === 3 };
      }
      r++;
    }
    stt++;
    const row = ws.getRow(r);
    const fixed: Array<string | number> = [stt, d.code, d.name, d.unit];
    fixed.forEach((v, i) => {
      const c = row.getCell(i + 1);
      c.value = v;
      c.font = font();
      c.border = BORDER;
      c.alignment = {
        horizontal: i === 2 ? 'left' : 'center',
        vertical: 'middle',
        wrapText: i === 2 || i === 3,
      };
    });
    if (d.type === 'text') {
      ws.mergeCells(r, firstValueCol, r, nCols);
      for (let c = firstValueCol; c <= nCols; c++) {
        const cell = row.getCell(c);
        cell.border = BORDER;
        cell.fill = INPUT_FILL;
        cell.font = font();
        cell.protection = { locked: false };
      }
      const m = row.getCell(firstValueCol);
      m.numFmt = '@';
      m.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
      row.height = 90;
    } else {
      for (const k of cellKeys) {
        const cell = row.getCell(colOf(k));
        cell.border = BORDER;
        cell.font = font();
        cell.alignment = { horizontal: 'center', vertical: 'middle' };
        if (d.cells.includes(k)) {
          cell.fill = INPUT_FILL;
          cell.protection = { locked: false };
          cell.numFmt = d.type === 'integer' ? '#,##0' : d.type === 'decimal' ? 'General' : '@';
          const v = validationFor(d);
          if (v) cell.dataValidation = v;
        } else {
          cell.fill = GREY_FILL;
          cell.protection = { locked: true };
        }
      }
      const lines = Math.ceil(widthOf(d.name) / (nameWidth - 2));
      row.height = Math.max(20, lines * 16 + 4);
      if (d.cells.includes('total') && (d.cells.includes('female') || d.cells.includes('male'))) sexRows.push(r);
    }
    r++;
  }
  const lastDataRow = r - 1;

  // footer: who filled it in
  r++;
  ws.mergeCells(`A${r}:${colLetter(split)}${r}`);
  ws.mergeCells(`${colLetter(split + 1)}${r}:${last}${r}`);
  ws.getCell(`A${r}`).value = 'NGƯỜI LẬP BIỂU';
  ws.getCell(`${colLetter(split + 1)}${r}`).value = 'THỦ TRƯỞNG ĐƠN VỊ';
  for (const c of [`A${r}`, `${colLetter(split + 1)}${r}`]) {
    ws.getCell(c).font = font({ bold: true });
    ws.getCell(c).alignment = { horizontal: 'center' };
  }
  r++;
  ws.mergeCells(`A${r}:${colLetter(split)}${r}`);
  ws.mergeCells(`${colLetter(split + 1)}${r}:${last}${r}`);
  ws.getCell(`A${r}`).value = '(Ký, ghi rõ họ tên)';
  ws.getCell(`${colLetter(split + 1)}${r}`).value = '(Ký tên, đóng dấu)';
  for (const c of [`A${r}`, `${colLetter(split + 1)}${r}`]) {
    ws.getCell(c).font = font({ italic: true });
    ws.getCell(c).alignment = { horizontal: 'center' };
  }

  // red fill where Nữ or Nam is greater than Tổng số
  if (sexRows.length > 0 && cellKeys.includes('total')) {
    const t = colLetter(colOf('total'));
    for (const k of ['female', 'male'] as const) {
      if (!cellKeys.includes(k)) continue;
      const col = colLetter(colOf(k));
      ws.addConditionalFormatting({
        ref: `${col}${firstDataRow}:${col}${lastDataRow}`,
        rules: [
          {
            type: 'expression',
            priority: k === 'female' ? 1 : 2,
            formulae: [
              `AND(ISNUMBER(${col}${firstDataRow}),ISNUMBER(${t}${firstDataRow}),${col}${firstDataRow}>${t}${firstDataRow})`,
            ],
            style: {
              fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFF9999' } },
              font: { color: { argb: 'FF9C0006' }, bold: true },
            },
          },
        ],
      });
    }
  }

  wb.definedNames.add(`'${FORM_SHEET}'!$A$${headerRow}:$${last}$${lastDataRow}`, TABLE_NAME);

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
    printArea: `A1:${last}${r}`,
    // Nghị định 30/2020: top/bottom 20 mm, left 30 mm, right 15 mm (inches)
    margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = {
    differentFirst: true,
    firstHeader: '',
    oddHeader: '&C&"Times New Roman,Regular"&13&P',
    oddFooter: `&L&"Times New Roman,Italic"&9${template.code} v${template.version} – ${period.label}`,
  };
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

  // hidden identification sheet
  const meta = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  meta.getColumn(1).width = 18;
  meta.getColumn(2).width = 80;
  const metaValues: Record<(typeof META_KEYS)[number], string> = {
    templateCode: template.code,
    templateVersion: String(template.version),
    periodId: String(period.id),
    periodLabel: period.label,
    periodYear: String(period.year),
    periodKind: period.kind,
    unitCode: unit ? unit.code : '',
    unitName: unit ? unit.name : '',
    unitKind: unit ? unit.kind : '',
    province: input.province,
    fingerprint,
    rows: rows.map((d) => d.code).join(','),
    generatedAt: generatedAt.toISOString(),
    appVersion: input.appVersion,
  };
  META_KEYS.forEach((k, i) => {
    meta.getCell(i + 1, 1).value = k;
    const v = meta.getCell(i + 1, 2);
    v.value = metaValues[k];
    v.numFmt = '@';
  });
  await meta.protect('', { selectLockedCells: true, selectUnlockedCells: true, spinCount: 1000 });

  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

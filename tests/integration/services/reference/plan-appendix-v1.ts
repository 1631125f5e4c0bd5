/**
 * THE REFERENCE, NOT THE APP: src/main/documents/plan-appendix.ts as it was before issue 20 (main at 6ef6502,
 * verbatim on exceljs, imports repointed), called by reference/workbook-v1.ts.
 */
/**
 * The ministry workbook's appendix "Kết quả thực hiện nhiệm vụ theo Kế hoạch": per task (under its section), the
 * lead units and how many units reported it done, in progress, not done or nothing. One call from
 * workbook.ts; writes nothing when the year has no plan. Pure exceljs, laid out like the other appendices
 * (A4 landscape, NĐ 30 margins, Times New Roman, page numbers from page 2).
 */
import type ExcelJS from 'exceljs';
import { formatDate } from '../../../../src/shared/text/vi';
import { docNumberLine, type ReportModel } from '../../../../src/main/documents/model';
import { needsQuotePrefix } from '../../../../src/main/documents/quote-prefix';

export const PLAN_APPENDIX_TITLE = 'Kết quả thực hiện nhiệm vụ theo Kế hoạch';
const HEADERS = [
  'STT',
  'Nhiệm vụ',
  'Đơn vị chủ trì',
  'Thời hạn',
  'Đã hoàn thành',
  'Đang thực hiện',
  'Chưa thực hiện',
  'Chưa báo cáo',
];
const WIDTHS = [7, 58, 30, 12, 12, 12, 12, 12];
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const font = (o: { bold?: boolean; italic?: boolean; size?: number } = {}): Partial<ExcelJS.Font> => ({
  name: 'Times New Roman',
  size: o.size ?? 12,
  bold: !!o.bold,
  italic: !!o.italic,
});

function put(cell: ExcelJS.Cell, value: string | number, o: { bold?: boolean; italic?: boolean; size?: number } = {}) {
  cell.value = value;
  cell.font = font(o);
  if (typeof value === 'string' && needsQuotePrefix(value))
    cell.style = { ...cell.style, quotePrefix: true } as ExcelJS.Style;
  return cell;
}

/** Adds the appendix as the next "Phụ lục n" sheet; nothing when there are no tasks. */
export function writePlanAppendix(wb: ExcelJS.Workbook, model: ReportModel): void {
  const tasks = model.planTasks ?? [];
  if (!tasks.length) return;
  const n = wb.worksheets.filter((w) => /^Phụ lục \d+$/.test(w.name)).length + 1;
  const ws = wb.addWorksheet(`Phụ lục ${n}`);
  const cols = HEADERS.length;
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    margins: { top: 0.79, bottom: 0.79, left: 1.18, right: 0.59, header: 0.3, footer: 0.3 },
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
  };
  ws.headerFooter = { differentFirst: true, firstHeader: '', oddHeader: '&C&"Times New Roman,Regular"&13&P' };
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const line = (r: number, text: string, o: { bold?: boolean; italic?: boolean; size?: number }) => {
    ws.mergeCells(r, 1, r, cols);
    put(ws.getCell(r, 1), text, o).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  line(1, `Phụ lục ${n}`, { bold: true, size: 13 });
  line(2, PLAN_APPENDIX_TITLE.toLocaleUpperCase('vi'), { bold: true, size: 13 });
  const no = docNumberLine(model.settings.docNumberPattern, model.docNumber).replace(/^Số: /, '');
  line(
    3,
    `(Kèm theo Báo cáo số ${no} ngày ${formatDate(model.today)} của ${model.settings.agencyName || 'Ban Vì sự tiến bộ phụ nữ'})`,
    { italic: true },
  );
  const hr = 5;
  HEADERS.forEach((h, i) => {
    const c = put(ws.getCell(hr, i + 1), h, { bold: true });
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = THIN;
  });
  ws.getRow(hr).height = 32;
  let r = hr + 1;
  let section: string | null = null;
  for (const t of tasks) {
    if (t.section !== section) {
      section = t.section;
      ws.mergeCells(r, 1, r, cols);
      const c = put(ws.getCell(r, 1), section, { bold: true });
      c.alignment = { vertical: 'middle', wrapText: true };
      for (let k = 1; k <= cols; k++) ws.getCell(r, k).border = THIN;
      r++;
    }
    const lead = t.answers
      .filter((a) => a.role === 'lead')
      .map((a) => a.unitName)
      .join('; ');
    const values: Array<string | number> = [
      t.stt ?? '',
      t.title,
      lead || '—',
      t.due ? formatDate(t.due) : '',
      t.done,
      t.inProgress,
      t.notDone,
      t.notReported,
    ];
    values.forEach((v, i) => {
      const c = put(ws.getCell(r, i + 1), v);
      c.border = THIN;
      c.alignment = {
        vertical: 'middle',
        wrapText: i === 1 || i === 2,
        horizontal: typeof v === 'number' ? 'right' : i === 0 || i === 3 ? 'center' : 'left',
      };
      if (typeof v === 'number') c.numFmt = '#,##0';
    });
    r++;
  }
  ws.pageSetup.printArea = `A1:${ws.getColumn(cols).letter}${r - 1}`;
  ws.pageSetup.printTitlesRow = `${hr}:${hr}`;
}

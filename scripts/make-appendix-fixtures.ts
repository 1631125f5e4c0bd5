/**
 * Writes the ministry-like blank appendix of tests/fixtures/appendix/ (committed, so CI needs no LibreOffice):
 * `phu-luc-bo.xlsx` as exceljs writes it, and `phu-luc-bo-libreoffice.xlsx`, the same re-saved by LibreOffice
 * (`soffice --headless --convert-to xlsx`). It is written by hand, the way the ministry's own appendices look, not
 * derived from the app's template: a merged title block, a two-row header ("Số liệu" over "Tổng số | Trong đó:
 * Nữ"), bold fonts, borders, column widths, number formats, a formula column (so với cùng kỳ = F/H×100) and a SUM
 * row, rows naming indicators and data elements in the ministry's words, a province-only row with no catalogue
 * match, a cell the ministry pre-filled ("—"), print settings (A4 landscape, print titles, footer) and a second
 * sheet of instructions.
 *
 *   npx tsx scripts/make-appendix-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { libreOfficeResave } from './soffice';

const OUT = resolve(__dirname, '../tests/fixtures/appendix');
export const APPENDIX_SHEET = 'Phụ lục II';

const thin: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const box: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
  name: 'Times New Roman',
  size: 12,
  ...extra,
});

/** [STT, label, unit of measure] of the table's rows from row 7; null label: an empty spacer */
const ROWS: Array<{ stt: string; label: string; unit: string; section?: boolean; sum?: boolean; prefilled?: string }> =
  [
    { stt: 'I', label: 'CÁC CHỈ TIÊU CỦA CHIẾN LƯỢC QUỐC GIA VỀ BÌNH ĐẲNG GIỚI', unit: '', section: true },
    { stt: '1', label: 'Tỷ lệ nữ giữ chức vụ lãnh đạo, quản lý', unit: '%', prefilled: '—' },
    {
      stt: '2',
      label: 'Tỷ lệ cơ quan quản lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt là nữ',
      unit: '%',
    },
    {
      stt: '3',
      label: 'Tỷ lệ đài phát thanh và đài truyền hình ở địa phương có chuyên mục, chuyên đề về BĐG',
      unit: '%',
    },
    {
      stt: '4',
      label: 'Nội dung về giới, bình đẳng giới được đưa vào chương trình giảng dạy trong hệ thống giáo dục',
      unit: 'Có/Không',
    },
    { stt: 'II', label: 'KẾT QUẢ CÔNG TÁC BÌNH ĐẲNG GIỚI VÀ VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ', unit: '', section: true },
    { stt: '5', label: 'Số lượt người tham dự tuyên truyền về bình đẳng giới', unit: 'Lượt người' },
    { stt: '6', label: 'Số lượt người được tập huấn về giới, lồng ghép giới', unit: 'Lượt người' },
    { stt: '', label: 'Cộng (tuyên truyền và tập huấn)', unit: 'Lượt người', sum: true },
    { stt: '7', label: 'Số lớp tập huấn, bồi dưỡng về giới, lồng ghép giới', unit: 'Lớp' },
    { stt: '8', label: 'Số cán bộ, công chức, viên chức, người lao động (CB/CC/VC)', unit: 'Người' },
    { stt: '9', label: 'Số câu lạc bộ "Gia đình hạnh phúc" do tỉnh tự xây dựng', unit: 'Câu lạc bộ' },
  ];

export async function buildAppendix(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bộ Nội vụ';
  const ws = wb.addWorksheet(APPENDIX_SHEET, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '5:6',
    },
    headerFooter: { oddFooter: '&CTrang &P/&N' },
    views: [{ state: 'frozen', ySplit: 6 }],
  });
  const widths = [6, 58, 12, 12, 12, 13, 12, 13, 12];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  const title = (r: number, text: string, f: Partial<ExcelJS.Font>) => {
    ws.mergeCells(r, 1, r, 9);
    const c = ws.getCell(r, 1);
    c.value = text;
    c.font = font(f);
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  title(1, 'Phụ lục II', { bold: true });
  title(2, 'KẾT QUẢ THỰC HIỆN MỤC TIÊU QUỐC GIA VỀ BÌNH ĐẲNG GIỚI CỦA TỈNH', { bold: true, size: 14 });
  title(3, '(Kèm theo Công văn số …/BNV-BĐG ngày … tháng … năm … của Bộ Nội vụ)', { italic: true });
  ws.getRow(2).height = 30;

  // two-row header: STT, Nội dung, ĐVT, "Số liệu" over Tổng số | Trong đó: Nữ, then four columns over two rows
  const head = (r1: number, c1: number, r2: number, c2: number, text: string) => {
    if (r1 !== r2 || c1 !== c2) ws.mergeCells(r1, c1, r2, c2);
    const c = ws.getCell(r1, c1);
    c.value = text;
  };
  head(5, 1, 6, 1, 'STT');
  head(5, 2, 6, 2, 'Nội dung');
  head(5, 3, 6, 3, 'Đơn vị tính');
  head(5, 4, 5, 5, 'Số liệu');
  head(6, 4, 6, 4, 'Tổng số');
  head(6, 5, 6, 5, 'Trong đó: Nữ');
  head(5, 6, 6, 6, 'Kết quả thực hiện');
  head(5, 7, 6, 7, 'Mục tiêu');
  head(5, 8, 6, 8, 'Cùng kỳ năm trước');
  head(5, 9, 6, 9, 'So với cùng kỳ (%)');
  for (const r of [5, 6]) {
    for (let c = 1; c <= 9; c++) {
      const cell = ws.getCell(r, c);
      cell.font = font({ bold: true });
      cell.border = box;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    }
  }
  ws.getRow(6).height = 32;

  const first = 7;
  let resultCol = 'F';
  ROWS.forEach((row, i) => {
    const r = first + i;
    const cells = ws.getRow(r);
    cells.getCell(1).value = row.stt || null;
    cells.getCell(2).value = row.label;
    cells.getCell(3).value = row.unit || null;
    // a label longer than the column wraps onto a second line: the row is as tall as the ministry's
    if (row.label.length > 48) cells.height = 32;
    for (let c = 1; c <= 9; c++) {
      const cell = cells.getCell(c);
      cell.border = box;
      cell.font = font({ bold: !!row.section || !!row.sum });
      cell.alignment = c === 2 ? { vertical: 'middle', wrapText: true } : { horizontal: 'center', vertical: 'middle' };
      if (c === 4 || c === 5) cell.numFmt = '#,##0';
      if (c === 6 || c === 8) cell.numFmt = '#,##0.0';
      if (c === 7) cell.numFmt = '0';
      if (c === 9) cell.numFmt = '0.0';
    }
    if (row.section) {
      // section I (indicators) shows its result in F; section II (data elements) in D (Tổng số)
      resultCol = row.stt === 'I' ? 'F' : 'D';
      return;
    }
    if (row.sum) {
      cells.getCell(4).value = { formula: `SUM(D${r - 2}:D${r - 1})`, result: 0 };
      cells.getCell(5).value = { formula: `SUM(E${r - 2}:E${r - 1})`, result: 0 };
      return;
    }
    // so với cùng kỳ: the result over the same period of the previous year, blank when either is missing
    const f = `${resultCol}${r}`;
    cells.getCell(9).value = {
      formula: `IF(AND(ISNUMBER(${f}),ISNUMBER(H${r}),H${r}<>0),${f}/H${r}*100,"")`,
      result: '',
    };
    if (row.prefilled) cells.getCell(7).value = row.prefilled;
  });
  const foot = first + ROWS.length + 1;
  ws.getCell(foot, 2).value = 'NGƯỜI LẬP BIỂU';
  ws.getCell(foot, 2).font = font({ bold: true });
  ws.mergeCells(foot, 6, foot, 9);
  ws.getCell(foot, 6).value = 'THỦ TRƯỞNG CƠ QUAN';
  ws.getCell(foot, 6).font = font({ bold: true });
  ws.getCell(foot, 6).alignment = { horizontal: 'center' };

  const guide = wb.addWorksheet('Hướng dẫn');
  guide.getColumn(1).width = 100;
  [
    'Hướng dẫn điền Phụ lục II',
    '1. Số liệu tính từ ngày 01/01 đến hết kỳ báo cáo.',
    '2. Tỷ lệ tính theo %, làm tròn một chữ số thập phân.',
    '3. Cột "So với cùng kỳ" tự tính, không điền.',
  ].forEach((t, i) => {
    guide.getCell(i + 1, 1).value = t;
    guide.getCell(i + 1, 1).font = font({ bold: i === 0 });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, 'phu-luc-bo.xlsx');
  writeFileSync(path, await buildAppendix());
  libreOfficeResave(path, join(OUT, 'phu-luc-bo-libreoffice.xlsx'));
  console.log(`Đã ghi ${path} và bản LibreOffice.`);
}

if (process.argv[1]?.endsWith('make-appendix-fixtures.ts')) void main();

/**
 * Generates the unit lists of tests/fixtures/units/ (committed, so CI needs no LibreOffice): each list as exceljs
 * writes it (exceljs/) and as LibreOffice re-saves it (libreoffice/, `soffice --headless --convert-to xlsx`).
 * The lists are the kinds officers really keep (issue 15): a title block and no codes, a "Khối" column, a merged
 * two-row header, extra columns, the 2024 list with the 2025 mergers, a list whose name column is not recognised.
 *
 *   npx tsx scripts/make-unit-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { libreOfficeResave } from './soffice';

const OUT = resolve(__dirname, '../tests/fixtures/units');

type Cell = string | number | Date | null;

function sheet(wb: ExcelJS.Workbook, name = 'Danh sách'): ExcelJS.Worksheet {
  return wb.addWorksheet(name);
}

function title(ws: ExcelJS.Worksheet, lines: string[], width: number): void {
  lines.forEach((t, i) => {
    ws.mergeCells(i + 1, 1, i + 1, width);
    ws.getCell(i + 1, 1).value = t;
    ws.getCell(i + 1, 1).font = { bold: true };
  });
}

function rows(ws: ExcelJS.Worksheet, from: number, data: Cell[][]): void {
  data.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v !== null) ws.getCell(from + i, j + 1).value = v;
    });
  });
}

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

const LISTS: Record<string, (wb: ExcelJS.Workbook) => void> = {
  // her list: title block, STT, "Tên cơ quan, đơn vị" (with a line break), "Người đầu mối", no code, no kind
  'tieu-de-khong-ma': (wb) => {
    const ws = sheet(wb);
    title(ws, ['ỦY BAN NHÂN DÂN TỈNH HOA BAN', 'DANH SÁCH CƠ QUAN, ĐƠN VỊ THÀNH VIÊN BAN VÌ SỰ TIẾN BỘ PHỤ NỮ'], 7);
    rows(ws, 4, [
      ['STT', 'Tên cơ quan,\nđơn vị', 'NGƯỜI ĐẦU MỐI', 'Chức vụ', 'Số điện thoại', 'Thư điện tử', 'Ghi chú'],
      [1, 'Sở Nội vụ', 'Nguyễn Thị Hoa', 'Phó Giám đốc', '0912345678', 'snv@hoaban.gov.vn', 'Cơ quan thường trực'],
      [2, 'Sở Y tế', 'Lê Văn Bình', 'Trưởng phòng', 912000111, null, null],
      [3, 'Công an tỉnh', null, null, null, null, null],
      [4, 'Văn phòng UBND tỉnh', 'Trần Thu Hà', null, null, 'vp@hoaban.gov.vn', null],
      [5, 'Ủy ban MTTQ Việt Nam tỉnh', null, null, null, null, null],
      [6, 'Hội Liên hiệp Phụ nữ tỉnh', 'Phạm Thị Lan', 'Chủ tịch', null, null, null],
      [7, 'Tỉnh đoàn', null, null, null, null, null],
      [8, 'UBND phường Bắc Sơn', 'Hoàng Văn Nam', null, '0203840111', null, null],
      [9, 'Ủy ban nhân dân xã Hòa Bình', null, null, null, null, null],
      [10, 'Đặc khu Cô Tô', null, null, null, null, null],
      [11, 'Quỹ Hỗ trợ nông dân', null, null, null, null, 'Không rõ loại'],
    ]);
  },
  // a "Khối" kind column, codes typed in every variant
  khoi: (wb) => {
    const ws = sheet(wb);
    rows(ws, 1, [
      ['Mã số', 'Tên đơn vị', 'Khối', 'Điện thoại'],
      ['lca-s01', 'Sở Nội vụ', 'Khối sở, ngành', '0912000001'],
      ['LCA S05', 'Sở Y tế', 'Khối sở, ngành', '0912000005'],
      ['LCA–S03', 'Sở Tư pháp', 'Khối sở, ngành', '0912000003'],
      ['LCA-D01', 'Hội Nông dân tỉnh', 'Khối đoàn thể', null],
      ['LCA-X001', 'Phường Cam Đường', 'Khối xã, phường', '0214000001'],
    ]);
  },
  // the same list later: one phone changed, one left empty, a code written differently
  'khoi-sua': (wb) => {
    const ws = sheet(wb);
    rows(ws, 1, [
      ['Mã số', 'Tên đơn vị', 'Khối', 'Điện thoại'],
      ['LCA-S01', 'Sở Nội vụ', 'Khối sở, ngành', '0912999999'],
      ['lca s05', 'Sở Y tế', 'Khối sở, ngành', null],
      ['LCA—S03', 'Sở Tư pháp', 'Khối sở, ngành', '0912000003'],
      ['LCA-D01', 'Hội Nông dân tỉnh', 'Khối đoàn thể', null],
      ['LCA-X001', 'Phường Cam Đường', 'Khối xã, phường', '0214000001'],
    ]);
  },
  // a merged two-row header: "Cán bộ đầu mối" over three columns, "Hiệu lực" over two, the rest merged down
  'hai-dong': (wb) => {
    const ws = sheet(wb);
    title(ws, ['DANH SÁCH ĐƠN VỊ BÁO CÁO NĂM 2026'], 8);
    rows(ws, 3, [
      ['STT', 'Mã đơn vị', 'TÊN ĐƠN VỊ', 'Cán bộ đầu mối', null, null, 'Hiệu lực', null],
      [null, null, null, 'Họ và tên', 'Chức vụ', 'Di động', 'Từ ngày', 'Đến ngày'],
      [1, 'S01', 'Sở Nội vụ', 'Nguyễn Thị Hoa', 'Phó Giám đốc', '0912345678', null, null],
      [2, 'S02', 'Sở Ngoại vụ', 'Vũ Văn Long', 'Chánh Văn phòng', '0912345679', null, d('2025-12-31')],
      [3, 'X001', 'Phường Bắc Sơn', 'Lê Thị Thu', 'Công chức', '0912345680', '01/07/2025', null],
    ]);
    for (const c of [1, 2, 3]) ws.mergeCells(3, c, 4, c);
    ws.mergeCells(3, 4, 3, 6);
    ws.mergeCells(3, 7, 3, 8);
  },
  // columns the app does not know: kept as notes
  'cot-them': (wb) => {
    const ws = sheet(wb);
    rows(ws, 1, [
      ['Mã', 'Tên đơn vị', 'Loại', 'Địa chỉ', 'Số cán bộ nữ', 'Trang thông tin', 'Ghi chú'],
      ['S01', 'Sở Nội vụ', 'Sở, ban, ngành', 'Số 1 Trần Phú', 12, 'snv.hoaban.gov.vn', 'Thường trực'],
      ['D01', 'Hội Liên hiệp Phụ nữ tỉnh', 'Đoàn thể', null, 30, null, null],
    ]);
  },
  // the 2024 list with the 2025 mergers and their successors
  'sap-nhap-2025': (wb) => {
    const ws = sheet(wb);
    title(ws, ['DANH SÁCH ĐƠN VỊ NĂM 2024 VÀ ĐƠN VỊ KẾ THỪA SAU SẮP XẾP 2025'], 7);
    rows(ws, 3, [
      ['STT', 'Mã', 'Tên đơn vị', 'Loại', 'Hiệu lực từ', 'Hết hiệu lực', 'Sáp nhập vào'],
      [1, 'S01', 'Sở Nội vụ', 'Sở, ban, ngành', null, null, null],
      [2, 'S02', 'Sở Lao động - Thương binh và Xã hội', 'Sở, ban, ngành', null, '28/02/2025', 'Sở Nội vụ'],
      [3, 'S03', 'Sở Ngoại vụ', 'Sở, ban, ngành', null, d('2025-12-31'), 'Văn phòng UBND tỉnh'],
      [4, 'S04', 'Văn phòng UBND tỉnh', 'Sở, ban, ngành', null, null, null],
      [5, 'X01', 'Xã Tân An', 'Xã', null, '30/06/2025', 'X10'],
      [6, 'X02', 'Xã Tân Bình', 'Xã', null, '30/06/2025', 'Phường Tân Phú'],
      [7, 'X03', 'Thị trấn Tân Phú', 'Xã', null, '30/06/2025', 'Phường Tân Phú'],
      [8, 'X10', 'Phường Tân Phú', 'Phường', '01/07/2025', null, null],
    ]);
  },
  // the name column is not recognised ("Cơ sở"): the preview asks, --columns name=C answers
  'thieu-cot-ten': (wb) => {
    const ws = sheet(wb);
    title(ws, ['Danh sách liên hệ các cơ sở'], 5);
    rows(ws, 3, [
      ['STT', 'Mã', 'Cơ sở', 'Phụ trách', 'ĐT'],
      [1, 'S01', 'Sở Nội vụ', 'Nguyễn Thị Hoa', '0912345678'],
      [2, 'S02', 'Sở Y tế', 'Lê Văn Bình', '0912000111'],
      [3, 'D01', 'Tỉnh đoàn', 'Đỗ Minh Tâm', null],
    ]);
  },
};

async function main(): Promise<void> {
  mkdirSync(join(OUT, 'exceljs'), { recursive: true });
  mkdirSync(join(OUT, 'libreoffice'), { recursive: true });
  for (const [name, build] of Object.entries(LISTS)) {
    const wb = new ExcelJS.Workbook();
    build(wb);
    const path = join(OUT, 'exceljs', `${name}.xlsx`);
    writeFileSync(path, new Uint8Array(await wb.xlsx.writeBuffer()));
    libreOfficeResave(path, join(OUT, 'libreoffice', `${name}.xlsx`));
    console.log(name);
  }
}

void main();

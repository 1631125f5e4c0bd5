/** Plan helpers for tests: a register that the plan fixture names, and filling a form's task rows like a unit. */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { UnitKind } from '../../src/shared/domain/catalog';
import { FORM_SHEET } from '../../src/main/excel/form-layout';

export const PLAN_FIXTURE = join(__dirname, '..', 'fixtures', 'plan', 'ke-hoach-2026-libreoffice.xlsx');

/** The units the fixture's plan names (and one closed in 2025 that group phrases must not reach in 2026). */
export const PLAN_UNITS: Array<[string, string, UnitKind, string?]> = [
  ['S01', 'Sở Nội vụ', 'so_nganh'],
  ['S02', 'Sở Y tế', 'so_nganh'],
  ['S03', 'Sở Văn hóa, Thể thao và Du lịch', 'so_nganh'],
  ['S04', 'Sở Tư pháp', 'so_nganh'],
  ['B01', 'Báo và Phát thanh, Truyền hình tỉnh', 'khac'],
  ['D01', 'Hội Liên hiệp Phụ nữ tỉnh', 'doan_the'],
  ['D02', 'Tỉnh đoàn', 'doan_the'],
  ['X01', 'Phường Cam Đường', 'xa'],
  ['X02', 'Xã Bảo Thắng', 'xa'],
  ['H01', 'UBND huyện Bảo Yên', 'xa', '2025-06-30'],
];

export interface TaskFill {
  status?: string;
  result?: string;
  activities?: number | string;
}

/** Fills the task rows of an exported form (by the row's code `NV:<id>` and the section's column labels). */
export async function fillTasks(bytes: Uint8Array, fill: Record<number, TaskFill>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(FORM_SHEET)!;
  let header = 0;
  const cols: Record<string, number> = {};
  ws.eachRow((row, r) => {
    if (header) return;
    row.eachCell((cell) => {
      if (cell.value === 'Tình trạng') header = r;
    });
    if (header) row.eachCell((cell, c) => (cols[String(cell.value)] = c));
  });
  if (!header) throw new Error('Biểu không có phần nhiệm vụ');
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const m = /^NV:(\d+)$/.exec(String(ws.getCell(r, cols['Mã số']!).value ?? ''));
    const f = m ? fill[Number(m[1])] : undefined;
    if (!f) continue;
    if (f.status !== undefined) ws.getCell(r, cols['Tình trạng']!).value = f.status;
    if (f.result !== undefined) ws.getCell(r, cols['Kết quả thực hiện']!).value = f.result;
    if (f.activities !== undefined) ws.getCell(r, cols['Số hoạt động']!).value = f.activities;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The task rows of a form as a unit sees them: code → role label. */
export async function taskRowsOf(bytes: Uint8Array): Promise<Array<{ code: string; role: string; title: string }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(FORM_SHEET)!;
  const out: Array<{ code: string; role: string; title: string }> = [];
  ws.eachRow((row) => {
    const code = String(row.getCell(2).value ?? '');
    if (/^NV:\d+$/.test(code))
      out.push({ code, role: String(row.getCell(4).value), title: String(row.getCell(3).value) });
  });
  return out;
}

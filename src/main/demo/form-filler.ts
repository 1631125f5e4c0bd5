/**
 * Fills a generated form the way a unit would, cell by cell, by `Mã số` and column label. Used by the demo,
 * the benchmark and tests; units themselves fill the forms in Excel.
 */
import ExcelJS from 'exceljs';
import { ensureExcelJsPatched } from '../excel/exceljs-patch';
import type { CellKey } from '../../shared/domain/catalog';
import { FIXED_HEADERS, FORM_SHEET } from '../excel/form-layout';

export type FillValue = number | string | boolean | { formula: string; result: number };
export type FormFill = Record<string, Partial<Record<CellKey, FillValue>>>;

export async function fillForm(
  template: Uint8Array,
  fill: FormFill,
  cellLabels: Record<CellKey, string>,
): Promise<Buffer> {
  ensureExcelJsPatched(); // read as the app reads (the same wrapped parsers, whichever ran first)
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(FORM_SHEET);
  if (!ws) throw new Error('Không thấy trang biểu mẫu');
  let headerRow = 0;
  let codeCol = 0;
  ws.eachRow((row, r) => {
    if (headerRow) return;
    row.eachCell((cell, c) => {
      if (!headerRow && cell.value === FIXED_HEADERS.code) {
        headerRow = r;
        codeCol = c;
      }
    });
  });
  if (!headerRow) throw new Error('Không thấy dòng tiêu đề của bảng');
  const cols = new Map<CellKey, number>();
  ws.getRow(headerRow).eachCell((cell, c) => {
    for (const k of Object.keys(cellLabels) as CellKey[]) if (cell.value === cellLabels[k]) cols.set(k, c);
  });
  const rows = new Map<string, number>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, codeCol).value;
    if (typeof v === 'string' && v) rows.set(v, r);
  }
  for (const [code, cells] of Object.entries(fill)) {
    const r = rows.get(code);
    if (!r) continue;
    for (const [k, v] of Object.entries(cells) as Array<[CellKey, FillValue]>) {
      const c = cols.get(k);
      if (!c) continue;
      const target = ws.getCell(r, c);
      target.value = typeof v === 'boolean' ? (v ? 'Có' : 'Không') : v;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

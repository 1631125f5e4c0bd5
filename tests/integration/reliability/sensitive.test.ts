/**
 * Sensitive data (issue point 7): violence counts are flagged `sensitive: true` in the catalogue; the ministry
 * workbook (dispatch 'reports.workbook') shows a unit's count of 1–4 as "<5" in the per-unit sheet and marks the
 * sheet, and shows the real count only when includeSensitive is asked for.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { getCatalog } from '../../../src/main/services/catalog';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { smallProvince } from '../../helpers/province';

/** The per-unit sheet (Phụ lục V is split in parts of at most 12 figure columns) whose header names `element`. */
async function sheetOf(bytes: Uint8Array, element: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets.find((w) => w.name.startsWith('Phụ lục V (') && texts(w).some((t) => t.includes(element)));
  if (!ws) throw new Error(`no sheet with ${element}; sheets: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

function texts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => out.push(String(c.text ?? ''))));
  return out;
}

/** The value in the row of `unitName` under the column whose header starts with `header`. */
function cellFor(ws: ExcelJS.Worksheet, unitName: string, header: string): unknown {
  let col = 0;
  let unitRow = 0;
  ws.eachRow((row, r) =>
    row.eachCell((c, ci) => {
      const t = String(c.text ?? '');
      if (!col && t.replace(/^\(\d+\) /, '').startsWith(header)) col = ci;
      if (!unitRow && t === unitName) unitRow = r;
    }),
  );
  if (!col || !unitRow) throw new Error(`column "${header}" or row "${unitName}" not found`);
  return ws.getCell(unitRow, col).value;
}

describe('sensitive counts in the ministry workbook', () => {
  it('a unit count of 3 is "<5" per unit and marked; includeSensitive shows 3', async () => {
    const { ctx, period, importAs } = smallProvince();
    try {
      const catalog = getCatalog(ctx.db);
      const el = catalog.dataElements.find((e) => e.code === 'BLGD_VU')!;
      expect(el.sensitive).toBe(true);
      // every violence count is flagged sensitive
      for (const e of catalog.dataElements.filter((x) => /^(BLGD|NBBL|NGBL|NNMB)_/.test(x.code)))
        expect(e.sensitive, e.code).toBe(true);
      const values = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 42).filter(
        (v) => !catalog.dataElements.find((e) => e.code === v.element)?.sensitive,
      );
      values.push({ element: 'BLGD_VU', cell: 'value', value: { state: 'number', value: 3 } });
      const r = await importAs('X01', toFill(values));
      expect(r.status, JSON.stringify(r.errors)).toBe('accepted');
      const r2 = await importAs(
        'X02',
        toFill([
          ...unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 43).filter(
            (v) => !catalog.dataElements.find((e) => e.code === v.element)?.sensitive,
          ),
          { element: 'BLGD_VU', cell: 'value', value: { state: 'number', value: 12 } },
        ]),
      );
      expect(r2.status, JSON.stringify(r2.errors)).toBe('accepted');

      const plain = await dispatch(ctx, 'reports.workbook', { periodId: period.id });
      expect(plain.ok, JSON.stringify(plain)).toBe(true);
      const bytes = (plain as { data: { bytes: Uint8Array } }).data.bytes;
      const ws = await sheetOf(bytes, el.name);
      expect(cellFor(ws, 'Phường Cam Đường', el.name)).toBe('<5');
      // 12 is not small enough to identify anyone: shown
      expect(cellFor(ws, 'Xã Bảo Thắng', el.name)).toBe(12);
      const all = texts(ws).join('\n');
      expect(all).toContain(`${el.name} (*)`);
      expect(all).toMatch(/Số liệu nhạy cảm/);
      expect(all).toContain('các số từ 1 đến 4 được ghi "<5"');
      const withSensitive = await dispatch(ctx, 'reports.workbook', { periodId: period.id, includeSensitive: true });
      expect(withSensitive.ok).toBe(true);
      const ws2 = await sheetOf((withSensitive as { data: { bytes: Uint8Array } }).data.bytes, el.name);
      expect(cellFor(ws2, 'Phường Cam Đường', el.name)).toBe(3);
      expect(texts(ws2).join('\n')).not.toContain('được ghi "<5"');
    } finally {
      ctx.dispose();
    }
  });
});

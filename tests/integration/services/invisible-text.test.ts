/**
 * Issue 19, finding 7: a unit's text with bidi controls is stored without them, and the officer is told (a
 * warning on the import result); a unit name saved with them is stored clean.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { smallProvince } from '../../helpers/province';

describe('invisible format characters on the way in', () => {
  it('a text cell keeps its words, loses the bidi override, and the result warns', async () => {
    const { ctx, importAs } = smallProvince();
    try {
      const r = await importAs('S01', { VB_BANHANH: { value: 3 }, TXT_KETQUA: { value: 'Xã \u202Egnp.exe' } });
      expect(r.status).toBe('accepted');
      expect(r.warnings.map((w) => w.code)).toContain('INVISIBLE_CHARS');
      expect(r.warnings.find((w) => w.code === 'INVISIBLE_CHARS')!.message).toMatch(/ký tự ẩn/);
      const stored = ctx.raw.prepare("SELECT text AS t FROM submission_values WHERE text LIKE 'Xã%'").all() as Array<{
        t: string;
      }>;
      expect(stored.map((s) => s.t)).toEqual(['Xã gnp.exe']);
    } finally {
      ctx.dispose();
    }
  });

  it('units.save stores a name without bidi controls', async () => {
    const { ctx } = smallProvince();
    try {
      const r = await dispatch(ctx, 'units.save', { code: 'X9', name: 'Xã \u202Egnp.exe\u2069', kind: 'xa' });
      expect(r.ok && (r.data as { name: string }).name).toBe('Xã gnp.exe');
    } finally {
      ctx.dispose();
    }
  });

  it('units.import: a name with a bidi override is stored clean, and the row is reported', async () => {
    const { ctx } = smallProvince();
    try {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Đơn vị');
      ws.addRow(['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị']);
      ws.addRow(['X9', 'Xã \u202Egnp.exe', 'UBND xã, phường']);
      ws.addRow(['X8', 'Xã Bảo Yên', 'UBND xã, phường']);
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const r = await dispatch(ctx, 'units.import', { file: { name: 'don-vi.xlsx', bytes } });
      if (!r.ok) throw new Error(r.error.message);
      const data = r.data as { imported: number; warnings?: Array<{ row: number; message: string }> };
      expect(data.imported).toBe(2);
      expect(data.warnings).toEqual([{ row: 2, message: expect.stringMatching(/ký tự ẩn/) }]);
      const list = await dispatch(ctx, 'units.list', {});
      if (!list.ok) throw new Error(list.error.message);
      expect((list.data as Array<{ code: string; name: string }>).find((u) => u.code === 'X9')!.name).toBe(
        'Xã gnp.exe',
      );
    } finally {
      ctx.dispose();
    }
  });
});

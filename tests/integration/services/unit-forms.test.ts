/**
 * The unit forms (issue 16, point 6): who reports what, the header with the unit as author, continuous section
 * numbers, file names; each form re-read cell by cell with exceljs, filled with exceljs, imported and consolidated.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { FORM_SHEET, templateRowsFor } from '../../../src/main/excel/form-layout';
import { buildTemplateWorkbook } from '../../../src/main/excel/template-writer';
import { getCatalog } from '../../../src/main/services/catalog';
import { periodConsolidation } from '../../../src/main/services/consolidation';
import { importFile } from '../../../src/main/services/imports';
import { createPeriod } from '../../../src/main/services/periods';
import { getSettings, updateSettings } from '../../../src/main/services/settings';
import { exportTemplates, templateFileName } from '../../../src/main/services/templates';
import { addUnits } from '../../helpers/province';
import { tmpCtx } from '../../helpers/tmp';

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

const UNITS: Array<[string, string, 'so_nganh' | 'xa' | 'doan_the']> = [
  ['S04', 'Sở Y tế', 'so_nganh'],
  ['S09', 'Sở Tư pháp', 'so_nganh'],
  ['S02', 'Sở Tài chính', 'so_nganh'],
  ['X20', 'Xã Ia Grai', 'xa'],
];
const CHUYEN_NGANH_Y_TE = ['SINH_SONG', 'TUVONG_ME', 'SINH_ME_15_19', 'PN_15_19', 'CSYT_LGBT', 'CSTGXH', 'CSTGXH_BLG'];

function setup() {
  const ctx = tmpCtx({ today: () => '2026-12-10' });
  cleanup.push(() => ctx.dispose());
  updateSettings(ctx.db, { province: 'Tỉnh Gia Lai' });
  addUnits(ctx, UNITS);
  const period = createPeriod(ctx.db, { year: 2026, kind: 'year' });
  return { ctx, period };
}

interface ReadBack {
  ws: ExcelJS.Worksheet;
  headerRow: number;
  /** code → row */
  rows: Map<string, number>;
  /** the numerals in column A of the section rows, in order */
  sections: string[];
  texts: string[];
}

async function readBack(bytes: Uint8Array): Promise<ReadBack> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(FORM_SHEET)!;
  let headerRow = 0;
  const rows = new Map<string, number>();
  const sections: string[] = [];
  const texts: string[] = [];
  ws.eachRow((row, r) => {
    row.eachCell((c) => {
      if (typeof c.value === 'string' && !c.isMerged) texts.push(c.value);
      else if (typeof c.value === 'string' && c.master === c) texts.push(c.value);
    });
    if (!headerRow && row.getCell(1).value === 'STT') headerRow = r;
    else if (headerRow && r > headerRow) {
      const code = row.getCell(2).isMerged ? null : row.getCell(2).value;
      if (typeof code === 'string' && code) rows.set(code, r);
      else if (row.getCell(3).isMerged && !row.getCell(1).isMerged && typeof row.getCell(1).value === 'string')
        sections.push(String(row.getCell(1).value));
    }
  });
  return { ws, headerRow, rows, sections, texts };
}

describe('unit forms: who reports what', () => {
  it('Sở Y tế has its own "chuyên ngành" rows, Sở Tư pháp and the commune none; every row read back cell by cell', async () => {
    const { ctx, period } = setup();
    const catalog = getCatalog(ctx.db);
    const tpl = catalog.templates[0]!;
    const files = await exportTemplates(ctx.db, period.id);
    const byUnit = new Map(files.map((f) => [f.unit, f]));
    for (const [code, name, kind] of UNITS) {
      const f = byUnit.get(code)!;
      const back = await readBack(f.bytes);
      const expected = templateRowsFor(tpl, catalog.dataElements, { code, name, kind });
      // every row, in order, with its name, unit and STT; nothing else
      expect([...back.rows.keys()], code).toEqual(expected.map((d) => d.code));
      for (const d of expected) {
        const r = back.rows.get(d.code)!;
        expect(back.ws.getCell(r, 3).value, `${code} ${d.code}`).toBe(d.name);
        expect(back.ws.getCell(r, 4).value, `${code} ${d.code}`).toBe(d.unit);
      }
      // sections numbered I, II, III… without a gap
      const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];
      expect(back.sections, code).toEqual(roman.slice(0, back.sections.length));
      // the unit is the author and signs
      const all = back.texts.join('\n');
      expect(all).toContain('THỦ TRƯỞNG ĐƠN VỊ');
      expect(all).toContain('Số: ……/BC-……');
      expect(all).toMatch(/ngày …… tháng …… năm 2026/);
      expect(all).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(all).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(all).not.toContain('BAN VÌ SỰ TIẾN BỘ PHỤ NỮ');
    }
    const yTe = await readBack(byUnit.get('S04')!.bytes);
    for (const c of CHUYEN_NGANH_Y_TE) expect(yTe.rows.has(c), c).toBe(true);
    expect(yTe.rows.has('DN_TONG')).toBe(false);
    expect(yTe.rows.has('HS_DTTS_TH')).toBe(false);
    expect(yTe.sections).toEqual(['I', 'II', 'III', 'IV', 'V']);
    expect(yTe.ws.getCell(1, 1).value).toBe('UBND TỈNH GIA LAI');
    expect(yTe.ws.getCell(2, 1).value).toBe('SỞ Y TẾ');

    const tuPhap = await readBack(byUnit.get('S09')!.bytes);
    const sectionV = catalog.dataElements.filter((d) => d.section === 'V').map((d) => d.code);
    expect(sectionV.length).toBeGreaterThanOrEqual(18);
    for (const c of sectionV) expect(tuPhap.rows.has(c), c).toBe(false);
    expect(tuPhap.texts).not.toContain('Số liệu chuyên ngành');
    expect(tuPhap.sections).toEqual(['I', 'II', 'III', 'IV']); // I, II, III and VI (Đánh giá chung) → IV

    const taiChinh = await readBack(byUnit.get('S02')!.bytes);
    expect([...taiChinh.rows.keys()].filter((c) => sectionV.includes(c))).toEqual(['DN_TONG', 'DN_CHUNU']);

    const xa = await readBack(byUnit.get('X20')!.bytes);
    for (const c of sectionV) expect(xa.rows.has(c), c).toBe(false);
    expect(xa.ws.getCell(1, 1).value).toBe('ỦY BAN NHÂN DÂN');
    expect(xa.ws.getCell(2, 1).value).toBe('XÃ IA GRAI');
    expect(xa.sections).toEqual(['I', 'II', 'III', 'IV', 'V']); // I–IV and VI → V
  });

  it('file names carry the unit name in ASCII and its code; unique and Windows-safe', async () => {
    const { ctx, period } = setup();
    const files = await exportTemplates(ctx.db, period.id);
    const names = files.map((f) => f.name);
    expect(names).toContain('BC-BDG-Nam-2026_So-Y-te_S04.xlsx');
    expect(names).toContain('BC-BDG-Nam-2026_So-Tu-phap_S09.xlsx');
    expect(names).toContain('BC-BDG-Nam-2026_Xa-Ia-Grai_X20.xlsx');
    expect(names).toContain('BC-BDG-Nam-2026_mau-chung.xlsx');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*\.xlsx$/);
    expect(templateFileName('BC-BDG-DV', '6 tháng đầu năm 2026', { code: 'X/07', name: 'Phường Đống Đa: "mới"' })).toBe(
      'BC-BDG-6-thang-dau-nam-2026_Phuong-Dong-Da-moi_X-07.xlsx',
    );
  });

  it('a filled form imports and consolidates: Sở Y tế alone brings the births; an old all-rows form still imports', async () => {
    const { ctx, period } = setup();
    const catalog = getCatalog(ctx.db);
    const files = await exportTemplates(ctx.db, period.id);
    const fill = async (bytes: Uint8Array, values: Record<string, Record<number, number>>): Promise<Buffer> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      const ws = wb.getWorksheet(FORM_SHEET)!;
      ws.eachRow((row) => {
        const v = values[String(row.getCell(2).value)];
        if (v) for (const [col, n] of Object.entries(v)) row.getCell(Number(col)).value = n;
      });
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    // columns: E Tổng số, F Nữ, G Nam, H Số liệu
    const yTe = await fill(files.find((f) => f.unit === 'S04')!.bytes, {
      SINH_SONG: { 5: 1000, 6: 480, 7: 520 },
      CB_BDG: { 5: 3, 6: 2 },
    });
    // imported under the name it was sent with (the unit's name and code in the file name agree with the form)
    const yTeName = files.find((f) => f.unit === 'S04')!.name;
    const r1 = await importFile(ctx, { periodId: period.id, file: { name: yTeName, bytes: yTe } });
    expect(r1.status, JSON.stringify(r1.errors)).toBe('accepted');
    expect(r1.warnings.map((w) => w.code)).not.toContain('ROW_NOT_FOR_UNIT');

    // a form written before "who reports what" (every so_nganh row) for Sở Tài chính: still imports, and the
    // rows that are not its own are set apart, not counted
    const settings = getSettings(ctx.db);
    const oldCatalog = {
      ...catalog,
      dataElements: catalog.dataElements.map((d) => ({ ...d, reporterUnits: undefined })),
    };
    const oldBytes = await buildTemplateWorkbook({
      catalog: oldCatalog,
      template: {
        code: catalog.templates[0]!.code,
        version: catalog.templates[0]!.version,
        name: 'x',
        rows: catalog.templates[0]!.rows,
      },
      period: { ...period, kind: 'year' },
      unit: { code: 'S02', name: 'Sở Tài chính', kind: 'so_nganh' },
      province: settings.province,
      agencyName: settings.agencyName,
      appVersion: '0.9.0',
    });
    const oldBack = await readBack(oldBytes);
    expect(oldBack.rows.has('SINH_SONG')).toBe(true);
    const taiChinh = await fill(oldBytes, {
      SINH_SONG: { 5: 77, 6: 40, 7: 37 },
      DN_TONG: { 8: 500 },
      DN_CHUNU: { 8: 140 },
    });
    const r2 = await importFile(ctx, { periodId: period.id, file: { name: 'tai-chinh.xlsx', bytes: taiChinh } });
    expect(r2.status, JSON.stringify(r2.errors)).toBe('accepted');
    expect(r2.warnings.map((w) => w.code)).toContain('ROW_NOT_FOR_UNIT');

    const c = periodConsolidation(ctx.db, period.id);
    const value = (code: string, cell: string) => c.values.find((v) => v.code === code && v.cell === cell);
    expect(value('SINH_SONG', 'total')).toMatchObject({ value: 1000, units: 1 });
    expect(value('DN_TONG', 'value')).toMatchObject({ value: 500, units: 1 });
    expect(value('CB_BDG', 'female')).toMatchObject({ value: 2, units: 1 });
  });
});

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/shared/domain/catalog';
import { buildTemplateWorkbook, type TemplateInput } from '../../../src/main/excel/template-writer';
import { META_KEYS, structureFingerprint, templateRowsFor } from '../../../src/main/excel/form-layout';
import { readForm } from '../../../src/main/excel/form-reader';

const ROOT = resolve(__dirname, '../../..');
const catalog = JSON.parse(readFileSync(join(ROOT, 'resources/catalog.json'), 'utf8')) as Catalog;
const template = catalog.templates[0]!;
const input = (unit: TemplateInput['unit']): TemplateInput => ({
  catalog,
  template,
  period: {
    id: 7,
    year: 2026,
    kind: 'half_year',
    label: '6 tháng đầu năm 2026',
    dataFrom: '2025-12-15',
    dataTo: '2026-06-14',
    deadline: '2026-06-20',
  },
  unit,
  province: 'Tỉnh Lào Cai',
  agencyName: 'Ban Vì sự tiến bộ của phụ nữ tỉnh Lào Cai',
  appVersion: '9.9.9',
});
const UNIT = { code: 'LCA-S04', name: 'Sở Y tế', kind: 'so_nganh' as const };

describe('templateRowsFor / structureFingerprint', () => {
  it('keeps unit-collected rows, filtered by kind, in template order', () => {
    const all = templateRowsFor(template, catalog.dataElements, null);
    expect(all.map((d) => d.code)).toEqual(
      template.rows.filter((c) => catalog.dataElements.find((d) => d.code === c)?.collectedFrom === 'units'),
    );
    const xa = templateRowsFor(template, catalog.dataElements, 'xa');
    expect(xa.every((d) => d.reportedBy.includes('xa'))).toBe(true);
    expect(xa.some((d) => d.code === 'SINH_SONG')).toBe(false);
    expect(xa.some((d) => d.code === 'DCTC')).toBe(true);
    expect(templateRowsFor(template, catalog.dataElements, 'khac')).toEqual([]);
  });
  it('is 16 hex digits, stable, and changes with the structure', () => {
    const a = structureFingerprint(templateRowsFor(template, catalog.dataElements, 'xa'));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(structureFingerprint(templateRowsFor(template, catalog.dataElements, 'xa'))).toBe(a);
    expect(structureFingerprint(templateRowsFor(template, catalog.dataElements, 'so_nganh'))).not.toBe(a);
  });
});

describe('buildTemplateWorkbook', () => {
  let bytes: Buffer;
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  let headerRow = 0;
  const rowOf = (code: string): number => {
    for (let r = headerRow + 1; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === code) return r;
    throw new Error(code);
  };
  beforeAll(async () => {
    bytes = await buildTemplateWorkbook(input(UNIT));
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    ws = wb.worksheets[0]!;
    ws.eachRow((row, r) => {
      if (!headerRow && row.getCell(1).value === 'STT') headerRow = r;
    });
  });

  it('has the form sheet first and a hidden _meta with every key', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Báo cáo', '_meta']);
    expect(ws.state).toBe('visible');
    const meta = wb.getWorksheet('_meta')!;
    expect(meta.state).toBe('hidden');
    const kv = new Map<string, string>();
    meta.eachRow((row) => kv.set(String(row.getCell(1).value), String(row.getCell(2).value ?? '')));
    for (const k of META_KEYS) expect(kv.has(k), k).toBe(true);
    expect(kv.get('templateCode')).toBe('BC-BDG-DV');
    expect(kv.get('periodId')).toBe('7');
    expect(kv.get('unitCode')).toBe('LCA-S04');
    expect(kv.get('appVersion')).toBe('9.9.9');
    const rows = templateRowsFor(template, catalog.dataElements, UNIT);
    expect(kv.get('rows')).toBe(rows.map((d) => d.code).join(','));
    expect(kv.get('fingerprint')).toBe(structureFingerprint(rows));
  });

  it('has the exact table header and one row per element with its code', () => {
    expect(headerRow).toBeGreaterThan(5);
    const labels = [1, 2, 3, 4, 5, 6, 7, 8].map((c) => ws.getCell(headerRow, c).value);
    expect(labels).toEqual(['STT', 'Mã số', 'Chỉ tiêu', 'Đơn vị tính', 'Tổng số', 'Nữ', 'Nam', 'Số liệu']);
    for (const d of templateRowsFor(template, catalog.dataElements, UNIT)) {
      expect(ws.getCell(rowOf(d.code), 3).value).toBe(d.name);
    }
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && texts.push(c.value)));
    const all = texts.join('\n');
    expect(all).toContain('Sở Y tế');
    expect(all).toContain('LCA-S04');
    expect(all).toContain('15/12/2025 – 14/06/2026');
    expect(all).toContain('20/06/2026');
    expect(all).toContain('KAD');
    expect(all).toContain('Không áp dụng');
    expect(all).toMatch(/Có.*Không/);
  });

  it('is protected; input cells unlocked and tinted; grey cells locked', () => {
    const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean; hashValue?: string } }).sheetProtection;
    expect(protection?.sheet).toBe(true);
    expect(protection?.hashValue).toBeUndefined(); // no password
    const r = rowOf('CBCCVC'); // total + female
    const total = ws.getCell(r, 5);
    const male = ws.getCell(r, 7);
    expect(total.protection?.locked).toBe(false);
    expect((total.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF9C4');
    expect(male.protection?.locked).not.toBe(false);
    expect((male.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD9D9D9');
    expect(ws.getCell(r, 2).protection?.locked).not.toBe(false); // code column stays locked
  });

  it('validates by type', () => {
    const dv = (code: string, col: number) => ws.getCell(rowOf(code), col).dataValidation;
    expect(dv('CBCCVC', 5)).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', showErrorMessage: true });
    expect(dv('KINHPHI', 8)).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual' });
    expect(dv('THD_KEHOACH', 8)).toMatchObject({ type: 'list', formulae: ['"Có,Không"'] });
    expect(dv('CBCCVC', 5)?.error).toMatch(/số nguyên/);
    expect(ws.getCell(rowOf('TXT_KETQUA'), 5).dataValidation).toBeUndefined();
  });

  it('merges the text rows into one tall input cell', () => {
    const r = rowOf('TXT_KETQUA');
    expect(ws.getCell(r, 8).isMerged).toBe(true);
    expect(ws.getCell(r, 8).master.address).toBe(ws.getCell(r, 5).address);
    expect(ws.getRow(r).height).toBeGreaterThanOrEqual(60);
  });

  it('flags Nữ/Nam > Tổng số with conditional formatting', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toMatch(/<conditionalFormatting sqref="F\d+:F\d+">/);
    expect(xml).toMatch(/<conditionalFormatting sqref="G\d+:G\d+">/);
    expect(xml).toMatch(/F\d+&gt;E\d+/);
  });

  it('is print-ready: A4 at 100 % (columns sized to the page), print titles, margins, Times New Roman', () => {
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToPage).toBe(false);
    expect(ws.pageSetup.scale).toBe(100);
    expect(ws.pageSetup.printTitlesRow).toBe(`${headerRow}:${headerRow}`);
    expect(ws.pageSetup.margins?.left).toBeCloseTo(1.18, 2);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
    let cells = 0;
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.value === null || c.value === undefined || c.isMerged) return;
        cells++;
        expect(c.font?.name, c.address).toBe('Times New Roman');
        expect(c.font?.size ?? 0).toBeGreaterThanOrEqual(12);
      }),
    );
    expect(cells).toBeGreaterThan(100);
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(30);
  });

  it('the generic copy has every unit row and an empty unit code, and reads back its unit from the header', async () => {
    const generic = await buildTemplateWorkbook(input(null));
    const parsed = await readForm(generic, 'chung.xlsx', catalog);
    expect(parsed.identity.source).toBe('meta');
    expect(parsed.identity.unitCode).toBeNull();
    expect(Object.keys(parsed.rowsSeen)).toEqual(
      templateRowsFor(template, catalog.dataElements, null).map((d) => d.code),
    );
    expect(parsed.values).toEqual([]);
    // a blank form is not a report (intake issue, case 1): the only finding says so
    expect(parsed.findings.map((f) => f.code)).toEqual(['EMPTY_FORM']);
  });
});

describe('after a LibreOffice round trip (committed fixture)', () => {
  it('keeps protection, unlocked input cells and the hidden _meta sheet (raw XML: LibreOffice writes "true"/"false")', async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(ROOT, 'tests/fixtures/xlsx/so-y-te-libreoffice.xlsx')));
    const book = await zip.file('xl/workbook.xml')!.async('string');
    expect(book).toMatch(/<sheet name="_meta"[^>]*state="hidden"/);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toMatch(/<sheetProtection[^>]*sheet="(true|1)"/);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(styles).toMatch(/<protection locked="(false|0)"/);
    expect(styles).toContain('Times New Roman');
  });
});

/**
 * Generates the Excel fixtures in tests/fixtures/xlsx/ (committed, so CI needs no LibreOffice):
 * - templates from buildTemplateWorkbook, filled the way units fill them, with a manifest of the exact values
 *   the reader must return;
 * - copies re-saved by LibreOffice (xlsx and xls) when `soffice` is available;
 * - hostile and broken files in bad/.
 *
 *   npx tsx scripts/make-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import * as XLSX from '@e965/xlsx';
import type { Catalog, CellKey, UnitKind } from '../src/shared/domain/catalog';
import type { CellValue, StoredValue } from '../src/shared/domain/records';
import { FORM_SHEET, META_SHEET } from '../src/main/excel/form-layout';
import { buildTemplateWorkbook, type TemplateInput } from '../src/main/excel/template-writer';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'tests/fixtures/xlsx');
const BAD = join(OUT, 'bad');
const catalog = JSON.parse(readFileSync(join(ROOT, 'resources/catalog.json'), 'utf8')) as Catalog;
const template = catalog.templates[0]!;

export const PERIOD = {
  id: 1,
  year: 2026,
  kind: 'half_year' as const,
  label: '6 tháng đầu năm 2026',
  dataFrom: '2025-12-15',
  dataTo: '2026-06-14',
  deadline: '2026-06-20',
};
const PROVINCE = 'Tỉnh Lào Cai';
const AGENCY = 'Ban Vì sự tiến bộ của phụ nữ tỉnh Lào Cai';

type Input =
  | number
  | string
  | { formula: string; result?: number | { error: string } }
  | { rich: string[] }
  /** a formula over this row's cells: `{row}` is replaced by the row number, letters by the labelled columns */
  | { rowFormula: (col: (k: CellKey) => string, row: number) => string; result: number };

interface Fill {
  code: string;
  cell: CellKey;
  input: Input;
  /** what the reader must return; undefined = nothing (blank or refused) */
  expect?: CellValue;
  /** the element the value is read under when the row's code was changed */
  as?: string;
}

interface FormSpec {
  file: string;
  unit: { code: string; name: string; kind: UnitKind } | null;
  fills: Fill[];
  /** header lines typed by the unit on the generic copy */
  headerUnit?: { code: string; name: string };
  swap?: [string, string];
  deleteRow?: string;
  renameCode?: Array<[string, string]>;
  dropMeta?: boolean;
  identity: Record<string, unknown>;
  findings: Array<{ code: string; severity: 'error' | 'warning'; element?: string; cell?: CellKey }>;
  libreOffice?: Array<'xlsx' | 'xls'>;
}

const n = (value: number): CellValue => ({ state: 'number', value });
const yes: CellValue = { state: 'yesno', value: true };
const no: CellValue = { state: 'yesno', value: false };
const na: CellValue = { state: 'na' };
const t = (value: string): CellValue => ({ state: 'text', value });

const SO_Y_TE = { code: 'LCA-S04', name: 'Sở Y tế', kind: 'so_nganh' as const };
const HOI_PN = { code: 'LCA-D02', name: 'Hội Liên hiệp Phụ nữ tỉnh', kind: 'doan_the' as const };
const CAM_DUONG = { code: 'LCA-X001', name: 'Phường Cam Đường', kind: 'xa' as const };
const BAO_THANG = { code: 'LCA-X005', name: 'Xã Bảo Thắng', kind: 'xa' as const };

const soYTeFills: Fill[] = [
  { code: 'VB_BANHANH', cell: 'value', input: 3, expect: n(3) },
  { code: 'THD_KEHOACH', cell: 'value', input: 'Có', expect: yes },
  { code: 'TT_CUOC', cell: 'value', input: '1.234', expect: n(1234) },
  { code: 'TT_LUOT', cell: 'total', input: 1500, expect: n(1500) },
  { code: 'TT_LUOT', cell: 'female', input: ' 820\u00a0', expect: n(820) },
  { code: 'TAPHUAN_LOP', cell: 'value', input: 0, expect: n(0) },
  { code: 'TAPHUAN_LUOT', cell: 'total', input: { formula: '120+35', result: 155 }, expect: n(155) },
  { code: 'TAPHUAN_LUOT', cell: 'female', input: 90, expect: n(90) },
  { code: 'KINHPHI', cell: 'value', input: '12,5', expect: n(12.5) },
  { code: 'TOCHUC_TONG', cell: 'value', input: 'KAD', expect: na },
  { code: 'CBCCVC', cell: 'total', input: 250, expect: n(250) },
  { code: 'CBCCVC', cell: 'female', input: 140, expect: n(140) },
  { code: 'LDQL', cell: 'total', input: 30, expect: n(30) },
  { code: 'LDQL', cell: 'female', input: '12', expect: n(12) },
  {
    code: 'SINH_SONG',
    cell: 'total',
    input: { rowFormula: (c, r) => `${c('female')}${r}+${c('male')}${r}`, result: 5000 },
    expect: n(5000),
  },
  { code: 'SINH_SONG', cell: 'female', input: 2400, expect: n(2400) },
  { code: 'SINH_SONG', cell: 'male', input: 2600, expect: n(2600) },
  { code: 'TUVONG_ME', cell: 'value', input: 0, expect: n(0) },
  { code: 'PN_15_19', cell: 'value', input: '12.345', expect: n(12345) },
  { code: 'CSYT_LGBT', cell: 'value', input: 'Không áp dụng', expect: na },
  { code: 'THACSI', cell: 'total', input: '1 234', expect: n(1234) },
  { code: 'THACSI', cell: 'female', input: 702, expect: n(702) },
  { code: 'DN_TONG', cell: 'value', input: { rich: ['4', '5'] }, expect: n(45) },
  { code: 'HS_DTTS_TH', cell: 'total', input: 300, expect: n(300) },
  { code: 'HS_DTTS_TH', cell: 'female', input: 150, expect: n(150) },
  {
    code: 'TXT_KETQUA',
    cell: 'value',
    input: 'Tổ chức 12 hội nghị\u00a0 tuyên truyền  về bình đẳng giới.',
    expect: t('Tổ chức 12 hội nghị tuyên truyền về bình đẳng giới.'),
  },
];

const SPECS: FormSpec[] = [
  {
    file: 'so-y-te.xlsx',
    unit: SO_Y_TE,
    fills: soYTeFills,
    identity: { source: 'meta', unitCode: 'LCA-S04', unitName: 'Sở Y tế', periodId: 1, templateCode: 'BC-BDG-DV' },
    findings: [],
    libreOffice: ['xlsx', 'xls'],
  },
  {
    file: 'so-y-te-khong-meta.xlsx',
    unit: SO_Y_TE,
    fills: soYTeFills,
    dropMeta: true,
    identity: {
      source: 'header',
      unitCode: 'LCA-S04',
      unitName: 'Sở Y tế',
      periodId: null,
      periodLabel: '6 tháng đầu năm 2026',
      periodYear: 2026,
      templateCode: null,
    },
    findings: [],
    libreOffice: ['xlsx'],
  },
  {
    file: 'hoi-phu-nu.xlsx',
    unit: HOI_PN,
    swap: ['CBCCVC', 'LDQL'],
    fills: [
      { code: 'VB_BANHANH', cell: 'value', input: 2, expect: n(2) },
      { code: 'THD_KEHOACH', cell: 'value', input: 'có', expect: yes },
      { code: 'TT_CUOC', cell: 'value', input: 15, expect: n(15) },
      { code: 'TT_LUOT', cell: 'total', input: '2.500', expect: n(2500) },
      { code: 'TT_LUOT', cell: 'female', input: '2.100', expect: n(2100) },
      { code: 'TAPHUAN_LOP', cell: 'value', input: 4, expect: n(4) },
      { code: 'TAPHUAN_LUOT', cell: 'total', input: 200, expect: n(200) },
      { code: 'TAPHUAN_LUOT', cell: 'female', input: 180, expect: n(180) },
      { code: 'KINHPHI', cell: 'value', input: '150,75', expect: n(150.75) },
      { code: 'TOCHUC_TONG', cell: 'value', input: 0, expect: n(0) },
      { code: 'CBCCVC', cell: 'total', input: 60, expect: n(60) },
      { code: 'CBCCVC', cell: 'female', input: 45, expect: n(45) },
      { code: 'LDQL', cell: 'total', input: 10, expect: n(10) },
      { code: 'LDQL', cell: 'female', input: 6, expect: n(6) },
      { code: 'CAPUY', cell: 'total', input: 25, expect: n(25) },
      { code: 'CAPUY', cell: 'female', input: 9, expect: n(9) },
      {
        code: 'TXT_KIENNGHI',
        cell: 'value',
        input: 'Đề nghị tăng kinh phí cho công tác bình đẳng giới'.normalize('NFD'),
        expect: t('Đề nghị tăng kinh phí cho công tác bình đẳng giới'),
      },
    ],
    identity: { source: 'meta', unitCode: 'LCA-D02', unitName: 'Hội Liên hiệp Phụ nữ tỉnh', periodId: 1 },
    findings: [],
    libreOffice: ['xlsx'],
  },
  {
    file: 'phuong-cam-duong.xlsx',
    unit: CAM_DUONG,
    deleteRow: 'NNMB_HOTRO',
    fills: [
      { code: 'VB_BANHANH', cell: 'value', input: '2\u00a0', expect: n(2) },
      { code: 'THD_KEHOACH', cell: 'value', input: 'x', expect: yes },
      { code: 'CQ_TONG', cell: 'value', input: 1, expect: n(1) },
      { code: 'CQ_LDCC_NU', cell: 'value', input: 0, expect: n(0) },
      { code: 'DBHDND', cell: 'total', input: 30, expect: n(30) },
      { code: 'DBHDND', cell: 'female', input: 9, expect: n(9) },
      { code: 'CAPUY', cell: 'total', input: 'KAD', expect: na },
      { code: 'BLGD_VU', cell: 'value', input: 3, expect: n(3) },
      { code: 'BLGD_VU_XULY', cell: 'value', input: 3, expect: n(3) },
      { code: 'BLGD_NANNHAN', cell: 'total', input: 3, expect: n(3) },
      { code: 'BLGD_NANNHAN', cell: 'female', input: 3, expect: n(3) },
      { code: 'BLGD_NGUOIGAY', cell: 'total', input: 3, expect: n(3) },
      { code: 'BLGD_NGUOIGAY', cell: 'female', input: 0, expect: n(0) },
      { code: 'DCTC', cell: 'value', input: 2, expect: n(2) },
      { code: 'DCTC_LUOT', cell: 'total', input: 5, expect: n(5) },
      { code: 'DCTC_LUOT', cell: 'female', input: 5, expect: n(5) },
      { code: 'TINBAI_BDG', cell: 'value', input: 16, expect: n(16) },
      { code: 'XA_DU4TINBAI', cell: 'value', input: 'KHÔNG', expect: no },
      { code: 'HUONGUOC_TONG', cell: 'value', input: 12, expect: n(12) },
      { code: 'HUONGUOC_KPBDX', cell: 'value', input: 12, expect: n(12) },
      { code: 'NTM_18_6', cell: 'value', input: 'Có', expect: yes },
    ],
    identity: { source: 'meta', unitCode: 'LCA-X001', unitName: 'Phường Cam Đường', periodId: 1 },
    findings: [{ code: 'MISSING_ROW', severity: 'warning', element: 'NNMB_HOTRO' }],
    libreOffice: ['xlsx'],
  },
  {
    file: 'xa-bao-thang-loi.xlsx',
    unit: BAO_THANG,
    renameCode: [
      ['TOCHUC_PHOBIEN', 'TOCHUC_PB'],
      ['TINBAI_BDG', 'HUONGUOC_TONG'],
    ],
    fills: [
      { code: 'VB_BANHANH', cell: 'value', input: { formula: '1/0', result: { error: '#DIV/0!' } } },
      { code: 'THD_KEHOACH', cell: 'value', input: 'chưa' },
      { code: 'TT_CUOC', cell: 'value', input: 'khoảng 20' },
      { code: 'TT_LUOT', cell: 'total', input: '2,5' },
      { code: 'TT_LUOT', cell: 'female', input: 1, expect: n(1) },
      { code: 'TAPHUAN_LOP', cell: 'value', input: -2 },
      { code: 'TOCHUC_TONG', cell: 'value', input: { formula: 'E10*2' } },
      // the row whose code was changed to TOCHUC_PB
      { code: 'TOCHUC_PHOBIEN', cell: 'value', input: 5 },
      { code: 'CQ_TONG', cell: 'value', input: 1, expect: n(1) },
      { code: 'DBHDND', cell: 'total', input: 20, expect: n(20) },
      { code: 'DBHDND', cell: 'female', input: 6, expect: n(6) },
      { code: 'DBHDND', cell: 'male', input: 5 },
      { code: 'BLGD_VU', cell: 'value', input: '—' },
      // TINBAI_BDG's row now says HUONGUOC_TONG (first occurrence wins); the real HUONGUOC_TONG row is a duplicate
      { code: 'TINBAI_BDG', cell: 'value', input: 7, expect: n(7), as: 'HUONGUOC_TONG' },
      { code: 'HUONGUOC_TONG', cell: 'value', input: 9 },
    ],
    identity: { source: 'meta', unitCode: 'LCA-X005', unitName: 'Xã Bảo Thắng', periodId: 1 },
    findings: [
      { code: 'CELL_ERROR', severity: 'error', element: 'VB_BANHANH', cell: 'value' },
      { code: 'TYPE_YESNO', severity: 'error', element: 'THD_KEHOACH', cell: 'value' },
      { code: 'TYPE_TEXT_IN_NUMBER', severity: 'error', element: 'TT_CUOC', cell: 'value' },
      { code: 'TYPE_NOT_INTEGER', severity: 'error', element: 'TT_LUOT', cell: 'total' },
      { code: 'TYPE_NEGATIVE', severity: 'error', element: 'TAPHUAN_LOP', cell: 'value' },
      { code: 'FORMULA_NO_RESULT', severity: 'error', element: 'TOCHUC_TONG', cell: 'value' },
      { code: 'UNKNOWN_CODE', severity: 'error' },
      { code: 'VALUE_IN_GREY_CELL', severity: 'warning', element: 'DBHDND', cell: 'male' },
      { code: 'DASH_AS_BLANK', severity: 'warning', element: 'BLGD_VU', cell: 'value' },
      { code: 'DUPLICATE_CODE', severity: 'error', element: 'HUONGUOC_TONG' },
      { code: 'MISSING_ROW', severity: 'warning', element: 'TOCHUC_PHOBIEN' },
      { code: 'MISSING_ROW', severity: 'warning', element: 'TINBAI_BDG' },
    ],
  },
  {
    file: 'ban-chung-so-tai-chinh.xlsx',
    unit: null,
    headerUnit: { code: 'LCA-S02', name: 'Sở Tài chính' },
    fills: [
      { code: 'VB_BANHANH', cell: 'value', input: 4, expect: n(4) },
      { code: 'THD_KEHOACH', cell: 'value', input: 'Không', expect: no },
      { code: 'CBCCVC', cell: 'total', input: 180, expect: n(180) },
      { code: 'CBCCVC', cell: 'female', input: 95, expect: n(95) },
      { code: 'KINHPHI', cell: 'value', input: '35,5', expect: n(35.5) },
      { code: 'DN_TONG', cell: 'value', input: '1.205', expect: n(1205) },
      { code: 'DN_CHUNU', cell: 'value', input: 310, expect: n(310) },
    ],
    identity: { source: 'meta', unitCode: 'LCA-S02', unitName: 'Sở Tài chính', periodId: 1 },
    findings: [],
    libreOffice: ['xlsx'],
  },
];

function templateInput(unit: FormSpec['unit']): TemplateInput {
  return {
    catalog,
    template,
    period: PERIOD,
    unit,
    province: PROVINCE,
    agencyName: AGENCY,
    appVersion: '0.1.0',
  };
}

function colLetter(c: number): string {
  let s = '';
  while (c > 0) {
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
    c = Math.floor((c - 1) / 26);
  }
  return s;
}

async function fillForm(spec: FormSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildTemplateWorkbook(templateInput(spec.unit))) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(FORM_SHEET)!;
  let headerRow = 0;
  const cols: Partial<Record<CellKey, number>> = {};
  ws.eachRow((row, r) => {
    if (headerRow) return;
    if (row.getCell(2).value === 'Mã số') headerRow = r;
  });
  if (!headerRow) throw new Error('header not found');
  for (const k of ['total', 'female', 'male', 'value'] as CellKey[]) {
    for (let c = 1; c <= 20; c++) if (ws.getCell(headerRow, c).value === catalog.cellLabels[k]) cols[k] = c;
  }
  const rowOf = (code: string): number => {
    for (let r = headerRow + 1; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === code) return r;
    throw new Error(`row ${code} not in ${spec.file}`);
  };
  const colName = (k: CellKey): string => colLetter(cols[k]!);
  for (const f of spec.fills) {
    const r = rowOf(f.code);
    const cell = ws.getCell(r, cols[f.cell]!);
    const i = f.input;
    if (typeof i === 'number' || typeof i === 'string') cell.value = i;
    else if ('rich' in i) cell.value = { richText: i.rich.map((text, k) => ({ text, font: { bold: k === 0 } })) };
    else if ('rowFormula' in i) cell.value = { formula: i.rowFormula(colName, r), result: i.result };
    else
      cell.value =
        i.result === undefined
          ? { formula: i.formula, result: undefined }
          : ({ formula: i.formula, result: i.result } as ExcelJS.CellFormulaValue);
  }
  if (spec.headerUnit) {
    for (let r = 1; r < headerRow; r++) {
      const label = ws.getCell(r, 1).value;
      if (label === 'Đơn vị báo cáo:') ws.getCell(r, 3).value = spec.headerUnit.name;
      if (label === 'Mã đơn vị:') ws.getCell(r, 3).value = spec.headerUnit.code;
    }
  }
  for (const [from, to] of spec.renameCode ?? []) ws.getCell(rowOf(from), 2).value = to;
  if (spec.swap) {
    const a = rowOf(spec.swap[0]);
    const b = rowOf(spec.swap[1]);
    for (let c = 1; c <= 8; c++) {
      const ca = ws.getCell(a, c);
      const cb = ws.getCell(b, c);
      const [va, sa] = [ca.value, { ...ca.style }];
      ca.value = cb.value;
      ca.style = { ...cb.style };
      cb.value = va;
      cb.style = sa;
    }
  }
  if (spec.deleteRow) {
    // as Excel does it: merges below the deleted row move up with it (exceljs leaves them in place)
    const del = rowOf(spec.deleteRow);
    const below = (ws.model.merges ?? []).filter((m) => Number(/\d+/.exec(m)![0]) > del);
    below.forEach((m) => ws.unMergeCells(m));
    ws.spliceRows(del, 1);
    for (const m of below) ws.mergeCells(m.replace(/\d+/g, (x) => String(Number(x) - 1)));
  }
  if (spec.dropMeta) wb.removeWorksheet(wb.getWorksheet(META_SHEET)!.id);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

function libreOfficeConvert(src: string, ext: 'xlsx' | 'xls', outName: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'bdg-lo-'));
  const base = 'in';
  copyFileSync(src, join(dir, `${base}.xlsx`));
  const filter = ext === 'xlsx' ? 'xlsx:Calc MS Excel 2007 XML' : 'xls:MS Excel 97';
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      filter,
      '--outdir',
      join(dir, 'out'),
      join(dir, `${base}.xlsx`),
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  copyFileSync(join(dir, 'out', `${base}.${ext}`), join(OUT, outName));
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A zip holding a minimal but valid xlsx whose only sheet XML is `sheetXml` (exported for the hostile corpus):
 * `extra` adds or replaces parts, `workbookXml` replaces xl/workbook.xml.
 */
export function minimalXlsx(
  sheetXml: Uint8Array | string,
  opts: { level?: 0 | 1 | 6 | 9; extra?: Record<string, Uint8Array>; workbookXml?: string } = {},
): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      opts.workbookXml ??
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Báo cáo" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': typeof sheetXml === 'string' ? strToU8(sheetXml) : sheetXml,
    ...opts.extra,
  };
  return zipSync(files, { level: opts.level ?? 9 });
}

const SHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** A sheet with `rows` rows of 3 numbers, with or without a <dimension>. Exported for tests (generated at run time). */
export function manyRowsXlsx(rows: number, withDimension: boolean): Uint8Array {
  const parts: string[] = [SHEET_OPEN];
  if (withDimension) parts.push(`<dimension ref="A1:C${rows}"/>`);
  parts.push('<sheetData>');
  for (let r = 1; r <= rows; r++)
    parts.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><v>1</v></c><c r="C${r}"><v>2</v></c></row>`);
  parts.push('</sheetData></worksheet>');
  return minimalXlsx(parts.join(''), { level: 1 });
}

/** A zip bomb: a sheet of `mb` megabytes of spaces (compresses about 1000:1). */
export function zipBomb(mb: number, lie: boolean): Uint8Array {
  const size = mb * 1024 * 1024;
  const xml = new Uint8Array(size).fill(0x20);
  const head = strToU8(`${SHEET_OPEN}<sheetData>`);
  xml.set(head, 0);
  const tail = strToU8('</sheetData></worksheet>');
  xml.set(tail, size - tail.length);
  const zip = minimalXlsx(xml);
  if (!lie) return zip;
  // declare a tiny uncompressed size in the central directory and the local header of the sheet
  const b = new Uint8Array(zip);
  const name = strToU8('xl/worksheets/sheet1.xml');
  for (let i = 0; i < b.length - 46; i++) {
    const sig = b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
    if (sig === 0x02014b50 || sig === 0x04034b50) {
      const nameAt = sig === 0x02014b50 ? i + 46 : i + 30;
      const sizeAt = sig === 0x02014b50 ? i + 24 : i + 22;
      if (name.every((c, k) => b[nameAt + k] === c)) {
        b[sizeAt] = 0x00;
        b[sizeAt + 1] = 0x10;
        b[sizeAt + 2] = 0;
        b[sizeAt + 3] = 0;
      }
    }
  }
  return b;
}

/** OLE2 compound file with the streams Office writes for a password-protected (encrypted) .xlsx. */
function encryptedStandIn(): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  const info = new Uint8Array(64);
  info.set([4, 0, 4, 0, 0x40, 0, 0, 0]); // agile encryption version 4.4
  info.set(strToU8('<?xml version="1.0"?><encryption/>').subarray(0, 56), 8);
  XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', info);
  XLSX.CFB.utils.cfb_add(
    cfb,
    'EncryptedPackage',
    new Uint8Array(4096).map((_, i) => (i * 97) & 0xff),
  );
  return new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

async function main(): Promise<void> {
  mkdirSync(BAD, { recursive: true });
  const soffice = hasSoffice();
  const manifest: {
    period: typeof PERIOD;
    forms: Array<{
      file: string;
      format: 'xlsx' | 'xls';
      madeBy: 'exceljs' | 'libreoffice';
      identity: Record<string, unknown>;
      values: StoredValue[];
      findings: FormSpec['findings'];
    }>;
    templates: Array<{ file: string; unitCode: string | null; unitKind: UnitKind | null }>;
    bad: Array<{ file: string; what: string }>;
  } = { period: PERIOD, forms: [], templates: [], bad: [] };

  // blank templates: the generic copy and one per kind
  for (const unit of [null, SO_Y_TE, HOI_PN, CAM_DUONG]) {
    const file = `mau-${unit ? unit.code : 'chung'}.xlsx`;
    writeFileSync(join(OUT, file), await buildTemplateWorkbook(templateInput(unit)));
    manifest.templates.push({ file, unitCode: unit?.code ?? null, unitKind: unit?.kind ?? null });
  }

  for (const spec of SPECS) {
    const buf = await fillForm(spec);
    writeFileSync(join(OUT, spec.file), buf);
    const values: StoredValue[] = spec.fills
      .filter((f) => f.expect)
      .map((f) => ({ element: f.as ?? f.code, cell: f.cell, value: f.expect! }));
    const entry = { identity: spec.identity, values, findings: spec.findings };
    manifest.forms.push({ file: spec.file, format: 'xlsx', madeBy: 'exceljs', ...entry });
    if (soffice) {
      for (const ext of spec.libreOffice ?? []) {
        const out = spec.file.replace(/\.xlsx$/, `-libreoffice.${ext}`);
        libreOfficeConvert(join(OUT, spec.file), ext, out);
        manifest.forms.push({ file: out, format: ext, madeBy: 'libreoffice', ...entry });
      }
    } else {
      for (const ext of spec.libreOffice ?? []) {
        const out = spec.file.replace(/\.xlsx$/, `-libreoffice.${ext}`);
        if (existsSync(join(OUT, out)))
          manifest.forms.push({ file: out, format: ext, madeBy: 'libreoffice', ...entry });
        else console.warn(`soffice not found: ${out} not regenerated`);
      }
    }
  }

  const bad = (file: string, bytes: Uint8Array | string, what: string): void => {
    writeFileSync(join(BAD, file), bytes);
    manifest.bad.push({ file: `bad/${file}`, what });
  };
  bad('rong.xlsx', new Uint8Array(0), 'empty file');
  bad('csv-doi-ten.xlsx', 'Mã số,Tổng số,Nữ\r\nCBCCVC,250,140\r\n', 'CSV renamed to .xlsx');
  bad('html-doi-ten.xls', '<html><body><table><tr><td>Mã số</td></tr></table></body></html>', 'HTML saved as .xls');
  const good = readFileSync(join(OUT, 'so-y-te.xlsx'));
  bad('cat-ngang.xlsx', good.subarray(0, Math.floor(good.length / 2)), 'truncated zip');
  const crc = new Uint8Array(good);
  // flip a byte inside the first entry's compressed data: CRC or inflate must fail
  crc[200] = crc[200]! ^ 0xff;
  bad('hong-crc.xlsx', crc, 'corrupt data (CRC)');
  bad(
    'khong-phai-excel.xlsx',
    zipSync({ 'word/document.xml': strToU8('<w:document/>') }),
    'zip without xl/workbook.xml',
  );
  bad('mat-khau.xlsx', encryptedStandIn(), 'OLE2 with EncryptionInfo/EncryptedPackage (password-protected .xlsx)');
  bad('bom-nen.xlsx', zipBomb(100, false), 'zip bomb: 100 MB sheet, sizes declared');
  bad('bom-nen-khai-sai.xlsx', zipBomb(100, true), 'zip bomb: 100 MB sheet, sizes declared as 4 KB');
  bad(
    'qua-nhieu-dong-khai-bao.xlsx',
    minimalXlsx(`${SHEET_OPEN}<dimension ref="A1:C200000"/><sheetData/></worksheet>`),
    'dimension 200,000 rows',
  );

  // the 200,000-row sheet is generated at test time (manyRowsXlsx), it is too big to commit
  writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`fixtures written to ${OUT} (${manifest.forms.length} forms, ${manifest.bad.length} bad files)`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(__filename)) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

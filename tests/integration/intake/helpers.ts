/**
 * Shared pieces of the intake acceptance tests (issue 13): a small province with the units the issue names, the
 * app's own exported forms edited with exceljs the way a clerk would, a LibreOffice re-save, and imports through
 * the contract (`dispatch`), so the doors' shapes are what is tested.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { createContext, type Ctx } from '../../../src/main/api/context';
import { fillForm, type FormFill } from '../../../src/main/demo/form-filler';
import { FIXED_HEADERS, FORM_SHEET, META_SHEET, templateRowsFor } from '../../../src/main/excel/form-layout';
import { getCatalog } from '../../../src/main/services/catalog';
import { createPeriod } from '../../../src/main/services/periods';
import { exportTemplates } from '../../../src/main/services/templates';
import { submissionValues } from '../../../src/main/services/submissions';
import type { CellKey, UnitKind } from '../../../src/shared/domain/catalog';
import type { Period, StoredValue } from '../../../src/shared/domain/records';
import type { ImportResult } from '../../../src/shared/domain/report';
import { addUnits, expectOnlyInbox } from '../../helpers/province';
import { tmpCtx, tmpDir } from '../../helpers/tmp';

export type { FormFill };

/** The units the cases speak of (codes as in the Lào Cai register). */
export const UNITS: Array<[string, string, UnitKind]> = [
  ['LCA-S01', 'Sở Nội vụ', 'so_nganh'],
  ['LCA-S02', 'Sở Tài chính', 'so_nganh'],
  ['LCA-S03', 'Sở Y tế', 'so_nganh'],
  ['LCA-D01', 'Hội Liên hiệp Phụ nữ tỉnh', 'doan_the'],
  ['LCA-X01', 'Phường Cam Đường', 'xa'],
];

/** What an import answers, with the fields issue 13 adds (absent until implemented). */
export type IntakeResult = Omit<ImportResult, 'status'> & {
  status: ImportResult['status'] | 'unidentified' | 'duplicate';
  blanked?: Array<{ element: string; cell: string; [k: string]: unknown }>;
  notCounted?: Array<{ code: string; message: string; [k: string]: unknown }>;
};

export type TestCtx = Ctx & { dir: string; dispose(): void };

const cleanups: Array<() => void> = [];
/** Runs (and forgets) every cleanup registered by the helpers; call it in afterEach. */
export function cleanup(): void {
  while (cleanups.length) {
    try {
      cleanups.pop()!();
    } catch {
      // a cleanup must not hide the test's own failure
    }
  }
}

export interface Province {
  ctx: TestCtx;
  period: Period;
  ids: Map<string, number>;
  /** the exported form of one unit, filled with `fill` (the app's own filler) */
  form(unit: string, fill?: FormFill, periodId?: number): Promise<{ name: string; bytes: Buffer }>;
  /** the generic copy (exported with unit null), filled with `fill` */
  generic(fill?: FormFill, periodId?: number): Promise<{ name: string; bytes: Buffer }>;
}

/** A fresh database with the five units and the period "6 tháng đầu năm 2026" (id 1). */
export function province(opts: { kind?: 'half_year' | 'year'; year?: number } = {}): Province {
  const ctx = tmpCtx({ today: () => '2026-06-05' });
  cleanups.push(() => ctx.dispose());
  const ids = addUnits(ctx, UNITS);
  const period = createPeriod(ctx.db, { year: opts.year ?? 2026, kind: opts.kind ?? 'half_year' });
  return {
    ctx,
    period,
    ids,
    async form(unit, fill = {}, periodId = period.id) {
      const f = (await exportTemplates(ctx.db, periodId, [unit]))[0]!;
      return { name: f.name, bytes: await fillForm(f.bytes, fill, getCatalog(ctx.db).cellLabels) };
    },
    async generic(fill = {}, periodId = period.id) {
      const f = (await exportTemplates(ctx.db, periodId)).find((x) => x.unit === null)!;
      return { name: f.name, bytes: await fillForm(f.bytes, fill, getCatalog(ctx.db).cellLabels) };
    },
  };
}

/** A second core on a copy of this database file (same database identity, same periods): a twin to compare with. */
export function cloneCtx(ctx: TestCtx): TestCtx {
  ctx.raw.pragma('wal_checkpoint(TRUNCATE)');
  const dir = tmpDir('bdg-intake-');
  const path = join(dir, 'copy.sqlite');
  copyFileSync(ctx.dbPath, path);
  const copy = createContext(path, { today: ctx.today });
  const out = Object.assign(copy, {
    dir,
    dispose() {
      copy.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
  cleanups.push(() => out.dispose());
  return out;
}

// ---------------------------------------------------------------------------------------------- the contract

export async function importOne(
  ctx: Ctx,
  periodId: number,
  file: { name: string; bytes: Uint8Array },
  extra: Record<string, unknown> = {},
): Promise<IntakeResult> {
  const r = await dispatch(ctx, 'imports.file', { periodId, file, ...extra });
  if (!r.ok) throw new Error(`imports.file failed: ${JSON.stringify(r.error)}`);
  return r.data as IntakeResult;
}

export async function importBatch(
  ctx: Ctx,
  periodId: number,
  files: Array<{ name: string; bytes: Uint8Array }>,
  extra: Record<string, unknown> = {},
): Promise<IntakeResult[]> {
  const r = await dispatch(ctx, 'imports.batch', { periodId, files, ...extra });
  if (!r.ok) throw new Error(`imports.batch failed: ${JSON.stringify(r.error)}`);
  return (r.data as { results: IntakeResult[] }).results;
}

export const codes = (list: Array<{ code: string }> | undefined): string[] => (list ?? []).map((m) => m.code);
export const messages = (list: Array<{ message: string }> | undefined): string =>
  (list ?? []).map((m) => m.message).join('\n');

/**
 * Nothing written but the inbox: no figure, submission, finding or audit row moved; each file sent is recorded
 * as exactly one inbox entry (`import_attempts`, with its original in `files`, stored once per content).
 */
export function expectNothingWritten(ctx: Ctx, before: Record<string, number>, files = 1): void {
  expectOnlyInbox(ctx, before, files);
}

/** A refusal: the status is not accepted/unchanged, `code` is among the errors, nothing was written. */
export function expectRefused(
  ctx: Ctx,
  before: Record<string, number>,
  r: IntakeResult,
  code: string | string[],
  status: IntakeResult['status'] = 'rejected',
): void {
  const want = Array.isArray(code) ? code : [code];
  expect(r.status, messages(r.errors)).toBe(status);
  expect(r.revision).toBeNull();
  expect(r.submissionId).toBeNull();
  expect(
    codes(r.errors).some((c) => want.includes(c)),
    `errors ${JSON.stringify(codes(r.errors))} should include ${want.join(' or ')}`,
  ).toBe(true);
  expectNothingWritten(ctx, before);
}

export function expectAccepted(r: IntakeResult): void {
  expect(r.status, `${messages(r.errors)}`).toBe('accepted');
  expect(r.errors).toEqual([]);
  expect(r.submissionId).not.toBeNull();
}

const key = (v: StoredValue) => `${v.element}.${v.cell}`;
export const sortValues = (list: StoredValue[]): StoredValue[] =>
  [...list].sort((a, b) => key(a).localeCompare(key(b)));
export const storedOf = (ctx: Ctx, submissionId: number): StoredValue[] =>
  sortValues(submissionValues(ctx.db, submissionId));
/** One stored value as a plain number (or the value object when not a number), for short assertions. */
export function valueOf(list: StoredValue[], element: string, cell: CellKey): unknown {
  const v = list.find((x) => x.element === element && x.cell === cell)?.value;
  if (!v) return undefined;
  return v.state === 'number' ? v.value : v;
}
export const num = (element: string, cell: CellKey, value: number): StoredValue => ({
  element,
  cell,
  value: { state: 'number', value },
});

/** The latest revision's values of a unit in a period (none: []). */
export function latestValues(ctx: Ctx, periodId: number, unitCode: string): StoredValue[] {
  const row = ctx.raw
    .prepare(
      `SELECT s.id FROM submissions s JOIN units u ON u.id = s.unit_id
       WHERE s.period_id = ? AND u.code = ? ORDER BY s.revision DESC LIMIT 1`,
    )
    .get(periodId, unitCode) as { id: number } | undefined;
  return row ? storedOf(ctx, row.id) : [];
}

export function submissionsOf(ctx: Ctx, periodId: number, unitCode: string): number {
  return (
    ctx.raw
      .prepare(
        'SELECT count(*) n FROM submissions s JOIN units u ON u.id = s.unit_id WHERE s.period_id = ? AND u.code = ?',
      )
      .get(periodId, unitCode) as { n: number }
  ).n;
}

// ---------------------------------------------------------------------------------------------- the workbook

/** Where things are on the form sheet: the header row, the "Mã số" column, the value columns, each code's row. */
export interface FormMap {
  ws: ExcelJS.Worksheet;
  headerRow: number;
  codeCol: number;
  cols: Record<CellKey, number>;
  rows: Map<string, number>;
  /** the cell of an element's value column */
  cell(element: string, k: CellKey): ExcelJS.Cell;
}

const LABELS: Record<CellKey, string> = { total: 'Tổng số', female: 'Nữ', male: 'Nam', value: 'Số liệu' };

export function locate(ws: ExcelJS.Worksheet): FormMap {
  let headerRow = 0;
  let codeCol = 0;
  for (let r = 1; r <= ws.rowCount && !headerRow; r++) {
    ws.getRow(r).eachCell((c, col) => {
      if (!headerRow && c.value === FIXED_HEADERS.code) {
        headerRow = r;
        codeCol = col;
      }
    });
  }
  if (!headerRow) throw new Error(`no header on sheet ${ws.name}`);
  const cols = {} as Record<CellKey, number>;
  ws.getRow(headerRow).eachCell((c, col) => {
    for (const k of Object.keys(LABELS) as CellKey[]) if (c.value === LABELS[k] && !cols[k]) cols[k] = col;
  });
  const rows = new Map<string, number>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, codeCol).value;
    if (typeof v === 'string' && /^[A-Za-z][A-Za-z0-9_]+$/.test(v.trim())) rows.set(v.trim().toUpperCase(), r);
  }
  return {
    ws,
    headerRow,
    codeCol,
    cols,
    rows,
    cell(element, k) {
      const r = rows.get(element);
      if (!r) throw new Error(`no row ${element}`);
      return ws.getCell(r, cols[k]);
    },
  };
}

export async function loadBook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}
export async function saveBook(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Opens the file, lets `edit` change it (the form sheet located), saves it: what a clerk does in Excel. */
export async function editForm(
  bytes: Uint8Array,
  edit: (form: FormMap, wb: ExcelJS.Workbook) => void | Promise<void>,
): Promise<Buffer> {
  const wb = await loadBook(bytes);
  await edit(locate(wb.getWorksheet(FORM_SHEET)!), wb);
  return saveBook(wb);
}

/**
 * A cell's value as it is (exceljs's `cell.value` getter drops a formula's cached result when it is 0: a copy made
 * through it would lose `<v>0</v>`).
 */
export function valueCopy(cell: ExcelJS.Cell): ExcelJS.CellValue {
  const v = cell.value;
  if (v && typeof v === 'object' && 'formula' in v) {
    const model = cell.model as { result?: unknown };
    return { ...v, result: model.result } as ExcelJS.CellValue;
  }
  return v;
}

/** A visible copy of a sheet (values, styles, merges, widths), as "Move or Copy… → Create a copy" makes. */
export function copySheet(wb: ExcelJS.Workbook, src: ExcelJS.Worksheet, name: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  src.columns.forEach((col, i) => {
    const c = ws.getColumn(i + 1);
    if (col.width) c.width = col.width;
    if (col.hidden) c.hidden = true;
  });
  src.eachRow({ includeEmpty: true }, (row, r) => {
    const to = ws.getRow(r);
    if (row.height) to.height = row.height;
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const t = to.getCell(c);
      if (!cell.isMerged || cell.master === cell) t.value = valueCopy(cell);
      t.style = JSON.parse(JSON.stringify(cell.style)) as Partial<ExcelJS.Style>;
    });
  });
  for (const range of Object.keys((src as unknown as { _merges: Record<string, unknown> })._merges)) {
    const m = (src as unknown as { _merges: Record<string, { range: string }> })._merges[range]!;
    ws.mergeCells(m.range);
  }
  return ws;
}

/** The meta sheet removed (a tool that keeps only the visible sheet, or a clerk who deleted it). */
export function dropMeta(wb: ExcelJS.Workbook): void {
  const meta = wb.getWorksheet(META_SHEET);
  if (meta) wb.removeWorksheet(meta.id);
}

/**
 * Inserts one column at `at` on the form sheet (everything from `at` moves one column right: values, styles,
 * merges, widths), as Excel's "Insert column" does. exceljs's spliceColumns does not move merges.
 */
export function insertColumn(ws: ExcelJS.Worksheet, at: number): void {
  const merges = Object.values((ws as unknown as { _merges: Record<string, { model: Range }> })._merges).map((m) => ({
    ...m.model,
  }));
  for (const m of merges) ws.unMergeCells(m.top, m.left, m.bottom, m.right);
  const last = ws.columnCount;
  const widths: Array<number | undefined> = [];
  for (let c = 1; c <= last; c++) widths[c] = ws.getColumn(c).width;
  for (let r = 1; r <= ws.rowCount; r++) {
    for (let c = last; c >= at; c--) {
      const from = ws.getCell(r, c);
      const to = ws.getCell(r, c + 1);
      to.value = valueCopy(from);
      to.style = JSON.parse(JSON.stringify(from.style)) as Partial<ExcelJS.Style>;
      to.dataValidation = from.dataValidation;
    }
    const fresh = ws.getCell(r, at);
    fresh.value = null;
    fresh.dataValidation = undefined as unknown as ExcelJS.DataValidation;
  }
  for (let c = last; c >= at; c--) ws.getColumn(c + 1).width = widths[c];
  for (const m of merges) {
    const shift = (c: number) => (c >= at ? c + 1 : c);
    ws.mergeCells(m.top, shift(m.left), m.bottom, m.left < at && m.right >= at ? m.right + 1 : shift(m.right));
  }
}
interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

// ---------------------------------------------------------------------------------------------- re-typed forms

export interface RetypedOptions {
  /** the "Kỳ báo cáo:" line; null: no such line */
  periodLabel: string | null;
  unitName: string | null;
  unitCode: string | null;
  /** header as one row (Tổng số | Nữ | Nam | Số liệu) or two ("Số liệu" merged over Tổng số | Nữ | Nam) */
  header: 'one-row' | 'two-row';
  /** the rows, in order, with what the clerk typed; an element with the single cell `value` is typed under
   * "Tổng số" on a two-row header (there is no "Số liệu" column there) */
  rows: Array<{ code: string; name: string; unit: string; typed: Partial<Record<CellKey, ExcelJS.CellValue>> }>;
}

/** A form a clerk re-typed in a fresh workbook: no _meta sheet, own title lines, own header. */
export async function retypedForm(o: RetypedOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.getColumn(3).width = 60;
  let r = 1;
  ws.getCell(r++, 1).value = 'UBND TỈNH LÀO CAI';
  ws.getCell(r++, 1).value = 'BÁO CÁO KẾT QUẢ CÔNG TÁC BÌNH ĐẲNG GIỚI';
  if (o.periodLabel !== null) ws.getCell(r++, 1).value = `Kỳ báo cáo: ${o.periodLabel}`;
  if (o.unitName !== null) ws.getCell(r++, 1).value = `Đơn vị báo cáo: ${o.unitName}`;
  if (o.unitCode !== null) ws.getCell(r++, 1).value = `Mã đơn vị: ${o.unitCode}`;
  r++;
  const fixed = ['STT', 'Mã số', 'Chỉ tiêu', 'Đơn vị tính'];
  let cols: Partial<Record<CellKey, number>>;
  if (o.header === 'two-row') {
    fixed.forEach((h, i) => {
      ws.getCell(r, i + 1).value = h;
      ws.mergeCells(r, i + 1, r + 1, i + 1);
    });
    ws.getCell(r, 5).value = 'Số liệu';
    ws.mergeCells(r, 5, r, 7);
    ['Tổng số', 'Nữ', 'Nam'].forEach((h, i) => (ws.getCell(r + 1, 5 + i).value = h));
    cols = { total: 5, female: 6, male: 7, value: 5 };
    r += 2;
  } else {
    [...fixed, 'Tổng số', 'Nữ', 'Nam', 'Số liệu'].forEach((h, i) => (ws.getCell(r, i + 1).value = h));
    cols = { total: 5, female: 6, male: 7, value: 8 };
    r++;
  }
  o.rows.forEach((row, i) => {
    ws.getCell(r, 1).value = i + 1;
    ws.getCell(r, 2).value = row.code;
    ws.getCell(r, 3).value = row.name;
    ws.getCell(r, 4).value = row.unit;
    for (const [k, v] of Object.entries(row.typed) as Array<[CellKey, ExcelJS.CellValue]>) {
      ws.getCell(r, cols[k]!).value = v;
    }
    r++;
  });
  r++;
  ws.getCell(r, 1).value = 'NGƯỜI LẬP BIỂU';
  ws.getCell(r, 5).value = 'THỦ TRƯỞNG ĐƠN VỊ';
  return saveBook(wb);
}

/** The rows of a unit kind's form, as the catalogue has them (code, name, unit). */
export function formRows(
  ctx: Ctx,
  kind: UnitKind,
): Array<{ code: string; name: string; unit: string; cells: CellKey[]; type: string }> {
  const c = getCatalog(ctx.db);
  return templateRowsFor(c.templates[0]!, c.dataElements, kind).map((d) => ({
    code: d.code,
    name: d.name,
    unit: d.unit,
    cells: d.cells,
    type: d.type,
  }));
}

// ---------------------------------------------------------------------------------------------- LibreOffice

let sofficeChecked: boolean | null = null;
/** Whether `soffice` can run here (the LibreOffice parts are skipped, with a message, when it cannot). */
export function hasSoffice(): boolean {
  if (sofficeChecked === null) {
    try {
      execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
      sofficeChecked = true;
    } catch {
      sofficeChecked = false;
      console.warn('soffice (LibreOffice) is not installed: the LibreOffice re-save parts of these tests are skipped.');
    }
  }
  return sofficeChecked;
}

/** The file opened and saved again by LibreOffice Calc (headless, its own throw-away profile). */
export function resaveWithLibreOffice(bytes: Uint8Array, name = 'bao-cao.xlsx'): Buffer {
  const dir = join(tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  const inDir = join(dir, 'in');
  const outDir = join(dir, 'out');
  mkdirSync(inDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  try {
    writeFileSync(join(inDir, name), bytes);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        outDir,
        join(inDir, name),
      ],
      { stdio: 'ignore', timeout: 180_000 },
    );
    const out = readdirSync(outDir).find((f) => f.endsWith('.xlsx'));
    if (!out || !existsSync(join(outDir, out))) throw new Error('LibreOffice wrote no file');
    return readFileSync(join(outDir, out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of one part of an .xlsx (to check what a producer really wrote). */
export async function xlsxPart(bytes: Uint8Array, test: RegExp): Promise<string> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => test.test(n));
  const parts = await Promise.all(names.map((n) => zip.file(n)!.async('string')));
  return parts.join('\n');
}

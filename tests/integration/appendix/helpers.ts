/**
 * Shared pieces of the appendix tests (issue 17, part 4): a province with imported figures for 6 tháng đầu năm
 * 2026 and the same period of 2025, the ministry-like blank appendix of tests/fixtures/appendix (written by hand
 * with exceljs, and re-saved by LibreOffice), and a reader of the raw parts of an .xlsx to compare a filled copy
 * with its blank cell by cell.
 */
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import type { Ctx } from '../../../src/main/api/context';
import { createPeriod } from '../../../src/main/services/periods';
import type { LayoutDefinition, LayoutSuggestion } from '../../../src/shared/contract/layouts';
import { expectAccepted, importOne, province, type FormFill, type Province } from '../intake/helpers';

export const FIXTURES = join(__dirname, '../../fixtures/appendix');
export const BLANKS = ['phu-luc-bo.xlsx', 'phu-luc-bo-libreoffice.xlsx'] as const;
export const SHEET = 'Phụ lục II';
export const blank = (name: string): Buffer => readFileSync(join(FIXTURES, name));

export async function call<T>(ctx: Ctx, op: string, input: unknown): Promise<T> {
  const r = await dispatch(ctx, op as never, input);
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
  return r.data as T;
}

/** Each unit's figures: the 2026 ones, and 2025's (without LDQL: that previous figure is missing). */
function figures(i: number, year: number): FormFill {
  const k = year === 2026 ? 1 : 0.8;
  const n = (x: number) => Math.round(x * k);
  const fill: FormFill = {
    TT_LUOT: { total: n(120 + 10 * i), female: n(70 + 5 * i) },
    TAPHUAN_LUOT: { total: n(45 + i), female: n(30 + i) },
    TAPHUAN_LOP: { value: 2 + i },
    CBCCVC: { total: n(300 + 20 * i), female: n(160 + 9 * i) },
    CQ_TONG: { value: 3 },
    CQ_LDCC_NU: { value: i % 2 },
    DAI_TONG: { value: 2 },
    DAI_CHUYENMUC: { value: i % 3 === 0 ? 2 : 1 },
  };
  if (year === 2026) fill.LDQL = { total: 20 + i, female: 7 + i };
  return fill;
}

export interface Figures extends Province {
  previousPeriodId: number;
}

/** The province of the intake tests with both periods imported and the province's own yes/no entered. */
export async function provinceWithFigures(): Promise<Figures> {
  const p = province({ year: 2026, kind: 'half_year' });
  const prev = createPeriod(p.ctx.db, { year: 2025, kind: 'half_year' });
  const units = [...p.ids.keys()];
  for (const [periodId, year] of [
    [prev.id, 2025],
    [p.period.id, 2026],
  ] as const) {
    for (const [i, unit] of units.entries()) {
      expectAccepted(await importOne(p.ctx, periodId, await p.form(unit, figures(i, year), periodId)));
    }
    await call(p.ctx, 'periods.setProvinceValue', {
      id: periodId,
      element: 'GD_NOIDUNG_GIOI',
      cell: 'value',
      value: { state: 'yesno', value: year === 2026 },
    });
  }
  return { ...p, previousPeriodId: prev.id };
}

/** What she saves after reviewing the suggestion: the suggestion without its preview, with her changes. */
export function reviewed(s: LayoutSuggestion, change: (d: LayoutDefinition) => void = () => {}): LayoutDefinition {
  const { preview: _p, unitFound: _u, periodFound: _f, ...definition } = s;
  void [_p, _u, _f];
  const d = JSON.parse(JSON.stringify(definition)) as LayoutDefinition;
  change(d);
  return d;
}

// ---------------------------------------------------------------------------------------------- raw parts

/** Every entry of the zip in its order (a folder entry as an empty buffer, its name ending in "/"). */
export async function parts(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) {
    out.set(name, zip.files[name]!.dir ? Buffer.alloc(0) : Buffer.from(await zip.file(name)!.async('uint8array')));
  }
  return out;
}

export interface SheetCells {
  /** the text before <sheetData> and after </sheetData> */
  outside: string;
  /** each row's start tag, by row number */
  rows: Map<number, string>;
  /** each cell's XML, by address */
  cells: Map<string, string>;
}

export function sheetCells(xml: string): SheetCells {
  const open = /<sheetData\b[^>]*>/.exec(xml)!;
  const close = xml.indexOf('</sheetData>');
  const inner = xml.slice(open.index + open[0].length, close);
  const rows = new Map<number, string>();
  for (const m of inner.matchAll(/<row\b[^>]*>/g)) rows.set(Number(/\sr="(\d+)"/.exec(m[0])![1]), m[0]);
  const cells = new Map<string, string>();
  for (const m of inner.matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g))
    cells.set(/\sr="([A-Z]+\d+)"/.exec(m[0])![1]!, m[0]);
  return { outside: xml.slice(0, open.index) + xml.slice(close), rows, cells };
}

export const styleOf = (cellXml: string | undefined): string | null => /\ss="(\d+)"/.exec(cellXml ?? '')?.[1] ?? null;

/** A written cell's value as the XML holds it: a number `<v>`, or an inline string. */
export function valueOf(cellXml: string): number | string | null {
  if (/t="inlineStr"/.test(cellXml)) return /<t[^>]*>([\s\S]*?)<\/t>/.exec(cellXml)![1]!;
  const v = /<v>([^<]*)<\/v>/.exec(cellXml);
  if (!v) return null;
  expect(cellXml, 'a number cell has no type, or t="n"').not.toMatch(/\st="(?!n")/);
  return Number(v[1]);
}

/** The sheet entry of the appendix sheet (both producers name it xl/worksheets/sheet1.xml). */
export const SHEET_PART = 'xl/worksheets/sheet1.xml';

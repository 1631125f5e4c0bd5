/**
 * How the reporting form's cells and lines look and what they accept: fonts, fills, borders, the data validation
 * of an input cell, and the merged lines of the title block. Used by template-writer.ts.
 */
import type ExcelJS from 'exceljs';
import type { CellKey, DataElement } from '../../shared/domain/catalog';
import { FIRST_VALUE_COL } from './form-layout';

export const FONT = 'Times New Roman';
export const SIZE = 12;
/** input cells (yellow) */
export const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9C4' } };
/** cells that do not apply to a row (grey) */
export const GREY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
export const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
export const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The form's font (Times New Roman 12) with some changes. */
export const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
  name: FONT,
  size: SIZE,
  ...extra,
});

/** What a step sets on a cell; only the given properties are set. */
export type CellLook = Partial<
  Pick<ExcelJS.Cell, 'value' | 'font' | 'fill' | 'border' | 'alignment' | 'protection' | 'numFmt' | 'dataValidation'>
>;

/** Sets the given properties on a cell (through exceljs's setters). */
export function put(cell: ExcelJS.Cell, look: CellLook): ExcelJS.Cell {
  return Object.assign(cell, look);
}

/** 1 → A, 27 → AA. */
export function colLetter(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Length in characters (code points), for column widths and row heights. */
export function widthOf(s: string): number {
  return [...s].length;
}

/** The number format of an input cell of this element. */
export function inputFormat(d: DataElement): string {
  return d.type === 'integer' ? '#,##0' : d.type === 'decimal' ? 'General' : '@';
}

/** The data validation of an input cell: whole or decimal ≥ 0, or the Có/Không list; none for text. */
export function validationFor(d: DataElement): ExcelJS.DataValidation | null {
  const common = { allowBlank: true, showErrorMessage: true, showInputMessage: false, errorStyle: 'warning' };
  switch (d.type) {
    case 'integer':
      return {
        ...common,
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Số liệu không hợp lệ',
        error:
          'Chỉ nhập số nguyên không âm (ví dụ 12), không ghi chữ, không ghi dấu %. Nếu chỉ tiêu không áp dụng với ' +
          'đơn vị, ghi KAD rồi chọn "Yes/Có" để giữ.',
      } as ExcelJS.DataValidation;
    case 'decimal':
      return {
        ...common,
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Số liệu không hợp lệ',
        error:
          'Chỉ nhập số không âm (ví dụ 12,5), không ghi chữ, không ghi đơn vị tính. Nếu chỉ tiêu không áp dụng với ' +
          'đơn vị, ghi KAD rồi chọn "Yes/Có" để giữ.',
      } as ExcelJS.DataValidation;
    case 'yesno':
      return {
        ...common,
        type: 'list',
        formulae: ['"Có,Không"'],
        errorTitle: 'Chọn Có hoặc Không',
        error: 'Chỉ ghi "Có" hoặc "Không" (chọn trong danh sách).',
      } as ExcelJS.DataValidation;
    default:
      return null;
  }
}

/** The form sheet being written, its value columns and the next row to write: what every step shares. */
export interface FormSheet {
  ws: ExcelJS.Worksheet;
  cellKeys: CellKey[];
  nCols: number;
  /** the letter of the last column */
  last: string;
  /** the next row to write */
  r: number;
  /** the first column of the right half of the header and signature rows (default: E) */
  split?: number;
}

/** The national header and the signature lines split the width here: columns A–D | E–last. */
const SPLIT = 4;
/** The column of a value cell. */
export const colOf = (f: FormSheet, k: CellKey): number => FIRST_VALUE_COL + f.cellKeys.indexOf(k);

/** A row split in two merged halves, A–(split-1) and split–last (A–D | E–last unless the sheet says). */
export function splitRow(f: FormSheet, left: CellLook, right: CellLook): void {
  const { ws, r, last } = f;
  const split = f.split ?? SPLIT + 1;
  ws.mergeCells(`A${r}:${colLetter(split - 1)}${r}`);
  ws.mergeCells(`${colLetter(split)}${r}:${last}${r}`);
  put(ws.getCell(`A${r}`), left);
  put(ws.getCell(`${colLetter(split)}${r}`), right);
  f.r++;
}

/** A line of text merged across the whole width. */
export function fullLine(
  f: FormSheet,
  text: string,
  opts: { bold?: boolean; italic?: boolean; size?: number; align?: 'left' | 'center'; height?: number } = {},
): void {
  const { ws, r } = f;
  ws.mergeCells(`A${r}:${f.last}${r}`);
  put(ws.getCell(`A${r}`), {
    value: text,
    font: font({ bold: opts.bold, italic: opts.italic, size: opts.size ?? SIZE }),
    alignment: { horizontal: opts.align ?? 'left', vertical: 'middle', wrapText: true },
  });
  if (opts.height) ws.getRow(r).height = opts.height;
  f.r++;
}

/** "Label: value" (A–B | C–last); an input line is unlocked, tinted and text-formatted. */
export function infoLine(f: FormSheet, label: string, value: string, input: boolean): void {
  const { ws, r } = f;
  ws.mergeCells(`A${r}:B${r}`);
  ws.mergeCells(`C${r}:${f.last}${r}`);
  const left: Partial<ExcelJS.Alignment> = { horizontal: 'left', vertical: 'middle' };
  put(ws.getCell(`A${r}`), { value: label, font: font({ bold: true }), alignment: left });
  const c = put(ws.getCell(`C${r}`), { value, font: font({ bold: !input }), alignment: { ...left } });
  if (input) {
    put(c, {
      fill: INPUT_FILL,
      protection: { locked: false },
      numFmt: '@',
      border: { bottom: { style: 'dotted', color: { argb: 'FF7F7F7F' } } },
    });
  }
  f.r++;
}

// ------------------------------------------------------------------------------------------ measuring text

/**
 * Advance widths of Times New Roman (= Liberation Serif, metric-compatible; the Adobe Times AFM values) in
 * thousandths of an em, for the letters of the form's texts; a Vietnamese letter measures as its base letter.
 */
const TIMES: Record<'regular' | 'bold', Record<string, number>> = {
  regular: widthTable(
    ' 250 - 333 _ 500 . 250 , 250 : 278 / 278 ( 333 ) 333 % 833 … 1000',
    'A722B667C667D722E611F556G722H722I333J389K722L611M889N722O722P556Q722R667S556T611U722V722W944X722Y722Z611',
    'a444b500c444d500e444f333g500h500i278j278k500l278m778n500o500p500q500r333s389t278u500v500w722x500y500z444',
  ),
  bold: widthTable(
    ' 250 - 333 _ 500 . 250 , 250 : 333 / 278 ( 333 ) 333 % 1000 … 1000',
    'A722B667C722D722E667F611G778H778I389J500K778L667M944N722O778P611Q778R722S556T667U722V722W1000X722Y722Z667',
    'a500b556c444d556e444f333g500h556i278j333k556l278m833n556o500p556q556r444s389t333u556v500w722x500y500z444',
  ),
};

function widthTable(punct: string, upper: string, lower: string): Record<string, number> {
  const out: Record<string, number> = {};
  const p = punct.split(' ');
  out[' '] = Number(p[1]);
  for (let i = 2; i + 1 < p.length; i += 2) out[p[i]!] = Number(p[i + 1]);
  for (const m of `${upper}${lower}`.matchAll(/([A-Za-z])(\d+)/g)) out[m[1]!] = Number(m[2]);
  for (let d = 0; d <= 9; d++) out[String(d)] = 500;
  return out;
}

/** The printed width of a text in points (Times New Roman at `size`). */
export function textWidthPt(text: string, size: number, bold = false): number {
  const table = TIMES[bold ? 'bold' : 'regular'];
  let w = 0;
  for (const ch of text) {
    const base = ch
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace('đ', 'd')
      .replace('Đ', 'D');
    w += table[base] ?? (base === base.toUpperCase() ? 722 : 500);
  }
  return (w / 1000) * size;
}

/**
 * Excel column width (characters of the default font) to points: 7 px each at 96 dpi in Excel (5,25 pt), about
 * 5,6 pt in LibreOffice (measured on its PDF). What must fit inside a cell is sized with Excel's narrower
 * columns, what must fit on the page with LibreOffice's wider ones.
 */
export const colWidthPt = (w: number): number => w * 5.25;
export const colWidthPtWide = (w: number): number => w * 5.6;
export const ptToColWidth = (pt: number): number => Math.ceil((pt / 5.25) * 4) / 4;

/** How many lines a text wraps to in a cell `widthPt` wide (2 pt padding each side, some slack for word breaks). */
export function linesIn(text: string, widthPt: number, size = SIZE, bold = false): number {
  const avail = Math.max(10, widthPt - 5);
  let lines = 0;
  for (const para of text.split('\n')) {
    let line = 0;
    lines++;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const w = textWidthPt(word, size, bold);
      const sp = textWidthPt(' ', size, bold);
      if (line > 0 && line + sp + w > avail) {
        lines++;
        line = w;
      } else line += (line > 0 ? sp : 0) + w;
      while (line > avail) {
        lines++;
        line -= avail;
      }
    }
  }
  return lines;
}

/** Line height of Times New Roman in LibreOffice and Excel, in points. */
export const lineHeightPt = (size = SIZE): number => size * 1.18;

// ------------------------------------------------------------------------------------------ header parts

/** A 1×1 black PNG: drawn, stretched, as the rule under Tiêu ngữ and the agency name (NĐ 30/2020 Phụ lục I). */
export const BLACK_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==';

/** The unit in the form's header: who writes and signs it. */
export interface HeaderUnit {
  code: string;
  name: string;
  kind: string;
  /** the cơ quan chủ quản line when the register has one */
  parentAgency?: string | null;
}

const vnUpper = (s: string): string => s.toLocaleUpperCase('vi-VN');

/**
 * The two left lines of the header (NĐ 30/2020 ô 2): the cơ quan chủ quản and the unit's own name. A commune's
 * "UBND xã X" reads "ỦY BAN NHÂN DÂN" / "XÃ X" (both bold); a provincial department's chủ quản is "UBND TỈNH …";
 * a body not under the provincial People's Committee (Party, police, army, mass organisations…) gets none
 * (the unit may type it: the cell is not locked).
 */
export function headerAgency(
  unit: HeaderUnit,
  province: string,
  /** the Ban's own cơ quan chủ quản line (settings), also the provincial departments' when set */
  provinceParent = '',
): { parent: string; own: string; parentBold: boolean } {
  const name = unit.name.trim();
  if (unit.parentAgency) return { parent: vnUpper(unit.parentAgency), own: vnUpper(name), parentBold: false };
  const ubnd = /^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+/iu.exec(name);
  if (ubnd) return { parent: 'ỦY BAN NHÂN DÂN', own: vnUpper(name.slice(ubnd[0].length)), parentBold: true };
  if (unit.kind === 'xa') return { parent: 'ỦY BAN NHÂN DÂN', own: vnUpper(name), parentBold: true };
  const underProvince =
    unit.kind === 'so_nganh' && /^(sở|văn phòng ủy ban|văn phòng ubnd|ban quản lý|thanh tra tỉnh)(\s|$)/iu.test(name);
  const parent = !underProvince
    ? ''
    : provinceParent.trim()
      ? vnUpper(provinceParent.trim())
      : province
        ? `UBND ${vnUpper(province)}`
        : '';
  return { parent, own: vnUpper(name), parentBold: false };
}

/**
 * The place name of the date line for a provincial unit: the one in settings (the province's place name), else the
 * province without "Tỉnh"/"Thành phố"; a commune writes its own (dots).
 */
export function placeName(unit: HeaderUnit | null, province: string, setting = ''): string {
  if (!unit || unit.kind === 'xa') return '……';
  return setting.trim() || province.replace(/^(tỉnh|thành phố)\s+/iu, '').trim() || '……';
}

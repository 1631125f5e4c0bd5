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
}

/** The national header and the signature lines split the width here: columns A–D | E–last. */
const SPLIT = 4;
/** The column of a value cell. */
export const colOf = (f: FormSheet, k: CellKey): number => FIRST_VALUE_COL + f.cellKeys.indexOf(k);

/** A row split in two merged halves, A–D and E–last. */
export function splitRow(f: FormSheet, left: CellLook, right: CellLook): void {
  const { ws, r, last } = f;
  ws.mergeCells(`A${r}:${colLetter(SPLIT)}${r}`);
  ws.mergeCells(`${colLetter(SPLIT + 1)}${r}:${last}${r}`);
  put(ws.getCell(`A${r}`), left);
  put(ws.getCell(`${colLetter(SPLIT + 1)}${r}`), right);
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

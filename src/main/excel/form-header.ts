/**
 * The table header of a filled form: the "Mã số" column and the value columns by their labels (the catalogue's,
 * and the other ways units write them), in one header row or two ("Số liệu" over "Tổng số | Nữ | Nam").
 */
import type { CellKey } from '../../shared/domain/catalog';
import { CELL_KEYS } from '../../shared/domain/catalog';
import { searchKey } from '../../shared/text/vi';
import { FIXED_HEADERS } from './form-layout';
import { cellText, type GridSheet } from './grid';

export interface HeaderInfo {
  /** the last header row (data rows start below it) */
  row: number;
  codeCol: number;
  nameCol: number | null;
  cols: Partial<Record<CellKey, number>>;
  /** every column each value label was found in (more than one: ambiguous) */
  allCols: Partial<Record<CellKey, number[]>>;
}

/** Other ways units write the value columns' labels (after "Trong đó:" and a unit in brackets are dropped). */
const LABEL_SYNONYMS: Record<CellKey, string[]> = {
  total: ['tong so', 'tong', 'tong cong', 'so luong'],
  female: ['nu', 'so nu', 'phu nu'],
  male: ['nam', 'so nam'],
  value: ['so lieu', 'gia tri', 'ket qua'],
};

/** label keys of short cell texts, kept (a pure function: the same headings come back in every form) */
const labelKeys = new Map<string, string>();
const LABEL_KEYS_MAX = 20_000;

const labelKey = (t: string): string => {
  let k = labelKeys.get(t);
  if (k === undefined) {
    k = searchKey(t)
      .replace(/\(.*\)$/, '')
      .replace(/[:.*]+$/, '')
      .replace(/^trong do[:,]?\s*/, '')
      .trim();
    if (t.length <= 200) {
      if (labelKeys.size >= LABEL_KEYS_MAX) labelKeys.clear();
      labelKeys.set(t, k);
    }
  }
  return k;
};

/** the label map of each catalogue's labels object, built once while the object lives (it is never changed) */
const labelMaps = new WeakMap<Record<CellKey, string>, Map<string, CellKey>>();

function labelMap(cellLabels: Record<CellKey, string>): Map<string, CellKey> {
  const held = labelMaps.get(cellLabels);
  if (held) return held;
  const labelKeys = new Map<string, CellKey>();
  for (const k of CELL_KEYS) if (cellLabels[k]) labelKeys.set(labelKey(cellLabels[k]), k);
  for (const k of CELL_KEYS) for (const syn of LABEL_SYNONYMS[k]) if (!labelKeys.has(syn)) labelKeys.set(syn, k);
  labelMaps.set(cellLabels, labelKeys);
  return labelKeys;
}

/** The value labels of one header row; a label merged across several columns is a group heading ("Số liệu"). */
function rowLabels(sheet: GridSheet, r: number, labelKeys: Map<string, CellKey>, into: HeaderInfo['allCols']): void {
  for (let c = 1; c <= sheet.colCount; c++) {
    if (sheet.mergedFrom(r, c)) continue;
    const t = cellText(sheet.get(r, c));
    if (!t) continue;
    const key = labelKeys.get(labelKey(t));
    if (!key) continue;
    const m = sheet.mergeOf(r, c);
    if (m && m[3] > m[1]) continue; // a heading over several columns
    (into[key] ??= []).push(c);
  }
}

/**
 * Finds the table header: a row with a "Mã số" cell and value-column labels in that row or, for a two-row
 * header ("Số liệu" over "Tổng số | Nữ | Nam"), in the row below.
 */
export function findHeader(sheet: GridSheet, cellLabels: Record<CellKey, string>): HeaderInfo | null {
  const codeKey = searchKey(FIXED_HEADERS.code);
  const nameKey = searchKey(FIXED_HEADERS.name);
  const labelKeys = labelMap(cellLabels);
  const maxRow = Math.min(sheet.rowCount, 200);
  for (let r = 1; r <= maxRow; r++) {
    let codeCol = 0;
    let nameCol: number | null = null;
    for (let c = 1; c <= sheet.colCount; c++) {
      if (sheet.mergedFrom(r, c)) continue;
      const t = cellText(sheet.get(r, c));
      if (!t) continue;
      const k = labelKey(t);
      if (k === codeKey || k === 'ma' || k === 'ma chi tieu') codeCol ||= c;
      else if (k === nameKey || k === 'ten chi tieu' || k === 'noi dung') nameCol ??= c;
    }
    if (!codeCol) continue;
    const allCols: HeaderInfo['allCols'] = {};
    rowLabels(sheet, r, labelKeys, allCols);
    let row = r;
    if (r < sheet.rowCount) {
      const below: HeaderInfo['allCols'] = {};
      rowLabels(sheet, r + 1, labelKeys, below);
      const belowCode = cellText(sheet.get(r + 1, codeCol));
      // the row below is a second header row when it holds labels and no code of its own
      if (Object.keys(below).length > 0 && (!belowCode || sheet.mergedFrom(r + 1, codeCol))) {
        for (const k of CELL_KEYS) if (below[k]) (allCols[k] ??= []).push(...below[k]);
        row = r + 1;
      }
    }
    if (Object.keys(allCols).length === 0) continue;
    const cols: HeaderInfo['cols'] = {};
    for (const k of CELL_KEYS) {
      const list = allCols[k];
      if (list?.length) cols[k] = list.find((c) => !sheet.colHidden(c)) ?? list[0];
    }
    return { row, codeCol, nameCol, cols, allCols };
  }
  return null;
}

/** Excel's column letters (1 → A, 28 → AB). */
export function colName(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The grid model shared by the readers (exceljs, the fast .xlsx reader, @e965/xlsx for .xls): raw cell kinds,
 * sheets, and the small helpers that turn values into RawCells the same way whichever reader ran.
 */
import { cleanText, hasInvisible } from '../../shared/text/vi';

export type RawCell =
  | { kind: 'blank'; /** set when the cell holds a formula without a cached result */ formula?: string }
  | {
      kind: 'number';
      value: number;
      /** set when the number is the cached result of a formula that reads ANOTHER workbook ([1]Sheet1!A1) */
      externalFormula?: string;
      /** set when the cell's number format shows it as a percentage (0.12 displayed "12%") */
      percent?: true;
    }
  | {
      kind: 'text';
      value: string;
      /** set when cleanText removed invisible format characters (bidi controls…) the cell held: the officer is told */
      invisible?: true;
    }
  | { kind: 'bool'; value: boolean }
  | { kind: 'error'; value: string }
  | { kind: 'date'; value: string };

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface GridSheet {
  name: string;
  state: SheetState;
  rowCount: number;
  colCount: number;
  /** 1-based row and column, like Excel. Outside the used range: blank. */
  get(row: number, col: number): RawCell;
  /** For a non-master cell of a merged range: the master's [row, col]; otherwise null. */
  mergedFrom(row: number, col: number): [number, number] | null;
  /** The merged range a cell belongs to (master or not), as [top, left, bottom, right]; otherwise null. */
  mergeOf(row: number, col: number): [number, number, number, number] | null;
  /** true for a hidden column (or one of width 0) */
  colHidden(col: number): boolean;
  /** true for a hidden row (or one of height 0) */
  rowHidden(row: number): boolean;
}

export interface Grid {
  format: 'xlsx' | 'xls';
  hasMacros: boolean;
  notes: string[];
  sheets: GridSheet[];
}

export const BLANK: RawCell = Object.freeze({ kind: 'blank' }) as RawCell;
/** A stored number that is not finite (a tool wrote "Infinity" or "NaN"): read as Excel's #NUM! error. */
export const NOT_A_NUMBER: RawCell = Object.freeze({ kind: 'error', value: '#NUM!' }) as RawCell;

export function makeSheet(
  name: string,
  state: SheetState,
  cells: Map<number, RawCell>,
  rows: number,
  cols: number,
  slaves: Map<number, [number, number]>,
  hidden: { cols?: ReadonlySet<number>; rows?: ReadonlySet<number> } = {},
): GridSheet {
  // the merged ranges, by master: built once on first use (most sheets have a few dozen merges)
  let ranges: Map<number, [number, number, number, number]> | null = null;
  const rangeOf = (master: number): [number, number, number, number] | null => {
    if (!ranges) {
      ranges = new Map();
      for (const [slave, [mr, mc]] of slaves) {
        const r = Math.floor(slave / 1024);
        const c = slave % 1024;
        const key = mr * 1024 + mc;
        const cur = ranges.get(key) ?? [mr, mc, mr, mc];
        ranges.set(key, [cur[0], cur[1], Math.max(cur[2], r), Math.max(cur[3], c)]);
      }
    }
    return ranges.get(master) ?? null;
  };
  return {
    mergeOf(row: number, col: number): [number, number, number, number] | null {
      const m = slaves.get(row * 1024 + col);
      return rangeOf(m ? m[0] * 1024 + m[1] : row * 1024 + col);
    },
    colHidden(col: number): boolean {
      return hidden.cols?.has(col) ?? false;
    },
    rowHidden(row: number): boolean {
      return hidden.rows?.has(row) ?? false;
    },
    mergedFrom(row: number, col: number): [number, number] | null {
      return slaves.get(row * 1024 + col) ?? null;
    },
    name,
    state,
    rowCount: rows,
    colCount: cols,
    get(row: number, col: number): RawCell {
      if (row < 1 || col < 1 || row > rows || col > cols) return BLANK;
      return cells.get(row * 1024 + col) ?? BLANK;
    },
  };
}

export function text(s: string): RawCell {
  const t = cleanText(s);
  if (!t) return BLANK;
  // only a text cleanText changed can have held one (the common cell pays nothing)
  return t !== s && hasInvisible(s) ? { kind: 'text', value: t, invisible: true } : { kind: 'text', value: t };
}

export function isoDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** [1]Sheet1!A1 (an external link index) or [other.xlsx]Sheet1!A1 / 'C:\\path\\[other.xlsx]Sheet1'!A1 */
export const EXTERNAL_REF = /\[\d+\]|\[[^\]]+\.(xls[xmb]?|ods|csv)\]/i;

/** The text a person sees in a cell (numbers as JavaScript prints them, booleans as TRUE/FALSE); null when blank. */
export function cellText(c: RawCell): string | null {
  switch (c.kind) {
    case 'text':
    case 'error':
    case 'date':
      return c.value;
    case 'number':
      return String(c.value);
    case 'bool':
      return c.value ? 'TRUE' : 'FALSE';
    default:
      return null;
  }
}

/**
 * The units' figures of the ministry workbook's Phụ lục V as a table of columns (issue 20): per unit and (element,
 * cell) key, a state byte, a number and, for the rare text, a string, instead of ~217,000 StoredValue objects
 * nationally (each two JS objects, kept per period: their allocation and the collector's copying of them were a
 * good part of the workbook's first call). services/reports-figures.ts reads it from the database in one query;
 * `figureTableOf` makes it of a model's StoredValues (any other caller, and the tests' reference path), so the
 * sheet is written by one code path either way. Pure: no services, no database.
 */
import type { CellKey, DataElement, UnitKind } from '../../shared/domain/catalog';
import type { StoredValue } from '../../shared/domain/records';
import { cleanForDocument, suppressed } from './model';

/** a key's state for a unit: no value, or rowToCellValue's four states */
export const FIGURE = { none: 0, number: 1, yesno: 2, na: 3, text: 4 } as const;

export interface FigureTable {
  units: ReadonlyArray<{ unitCode: string; unitName: string; kind: UnitKind }>;
  /** the (element, cell) keys that have a value for some unit, in the order first met */
  keys: ReadonlyArray<{ element: string; cell: CellKey }>;
  /** unit u's value of key k is at u * keys.length + k: its FIGURE state */
  states: Uint8Array;
  /** the number of a `number` state, 1 or 0 for `yesno` (true or false) */
  nums: Float64Array;
  /** the text of a `text` state, by index */
  texts: Map<number, string>;
}

/** The (element, cell) keys of a table, numbered as first met. */
export class FigureKeys {
  readonly keys: Array<{ element: string; cell: CellKey }> = [];
  private readonly byElement = new Map<string, Map<string, number>>();

  key(element: string, cell: CellKey): number {
    let m = this.byElement.get(element);
    if (!m) this.byElement.set(element, (m = new Map()));
    let k = m.get(cell);
    if (k === undefined) {
      k = this.keys.length;
      m.set(cell, k);
      this.keys.push({ element, cell });
    }
    return k;
  }
}

/** A table of `units` × `keys` with no value yet (`putFigure` fills it). */
export function emptyFigureTable(units: FigureTable['units'], keys: FigureTable['keys']): FigureTable {
  const n = units.length * keys.length;
  return { units, keys, states: new Uint8Array(n), nums: new Float64Array(n), texts: new Map() };
}

/** Unit `u`'s value of key `k`; the first one put wins (as a search of the unit's values finds the first). */
export function putFigure(t: FigureTable, u: number, k: number, state: number, num: number, text?: string): void {
  const at = u * t.keys.length + k;
  if (t.states[at] !== FIGURE.none) return;
  t.states[at] = state;
  t.nums[at] = num;
  if (state === FIGURE.text) t.texts.set(at, text ?? '');
}

/** The table of a model's per-unit StoredValues (ReportModel['byUnit']). */
export function figureTableOf(
  byUnit: ReadonlyArray<{ unitCode: string; unitName: string; kind: UnitKind; values: readonly StoredValue[] }>,
): FigureTable {
  const keys = new FigureKeys();
  for (const u of byUnit) for (const v of u.values) keys.key(v.element, v.cell);
  const t = emptyFigureTable(
    byUnit.map(({ unitCode, unitName, kind }) => ({ unitCode, unitName, kind })),
    keys.keys,
  );
  byUnit.forEach((u, i) => {
    for (const { element, cell, value } of u.values) {
      const k = keys.key(element, cell);
      switch (value.state) {
        case 'number':
          putFigure(t, i, k, FIGURE.number, value.value);
          break;
        case 'yesno':
          putFigure(t, i, k, FIGURE.yesno, value.value ? 1 : 0);
          break;
        case 'text':
          putFigure(t, i, k, FIGURE.text, 0, value.value);
          break;
        case 'na':
          putFigure(t, i, k, FIGURE.na, 0);
          break;
      }
    }
  });
  return t;
}

/** The StoredValues of unit `u` in the table (in key order). */
export function storedValuesOf(t: FigureTable, u: number): StoredValue[] {
  const width = t.keys.length;
  const out: StoredValue[] = [];
  for (let k = 0; k < width; k++) {
    const at = u * width + k;
    const { element, cell } = t.keys[k]!;
    switch (t.states[at]) {
      case FIGURE.number:
        out.push({ element, cell, value: { state: 'number', value: t.nums[at]! } });
        break;
      case FIGURE.yesno:
        out.push({ element, cell, value: { state: 'yesno', value: t.nums[at] !== 0 } });
        break;
      case FIGURE.text:
        out.push({ element, cell, value: { state: 'text', value: t.texts.get(at) ?? '' } });
        break;
      case FIGURE.na:
        out.push({ element, cell, value: { state: 'na' } });
        break;
    }
  }
  return out;
}

/** storedFigure (documents/model.ts) of the table's value at `at`: number, "Có"/"Không", "KAD", "<5" or blank. */
export function figureAt(
  t: FigureTable,
  at: number,
  element: DataElement,
  includeSensitive: boolean,
): number | string | null {
  switch (t.states[at]) {
    case FIGURE.number:
      return suppressed(t.nums[at]!, element.sensitive, includeSensitive);
    case FIGURE.yesno:
      return t.nums[at] !== 0 ? 'Có' : 'Không';
    case FIGURE.na:
      return 'KAD';
    case FIGURE.text:
      return cleanForDocument(t.texts.get(at) ?? '', 500);
    default:
      return null;
  }
}

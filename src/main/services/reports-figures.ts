/**
 * The per-unit figures of the ministry workbook (Phụ lục V) in one lean read (issue 20). The workbook prints, for
 * each unit's latest revision, the values of the figure elements only (no free-text answer: those come from the
 * consolidation's texts, Phụ lục VI); reading every value of a national period as objects (unitValues: ~217,000
 * rows, one JS array and six JS values each) was ~0,6 s of the workbook's first call. Here SQLite hands the
 * figure values over as five JSON arrays in one row (one column each: revision, element, cell, state, number or
 * text), which JSON.parse reads natively, short strings interned; they are put in a table of columns
 * (documents/workbook-figures.ts: a state byte and a number per unit and key, no object per value).
 *
 * The same units as unitValues (the period's latest revisions: consolidation's latestOf, kept per period) and, per
 * unit, the same values of those elements (rowToCellValue); tests/integration/documents/workbook-equality.test.ts
 * compares the workbook written from it with the one written from unitValues. Kept per period like unitValues
 * (db/read-cache.ts periodCachedRead: dropped by any write to the period's submissions or values, and by any change
 * to units, whose codes, names and kinds it carries), keyed by the elements asked for; callers never change it.
 */
import type { UnitKind } from '../../shared/domain/catalog';
import type { StoredValue } from '../../shared/domain/records';
import type { CellKey } from '../../shared/domain/catalog';
import type { Db } from '../db/open';
import { preparedOnce } from '../db/prepared';
import { periodCachedRead } from '../db/read-cache';
import { emptyFigureTable, FIGURE, FigureKeys, storedValuesOf, type FigureTable } from '../documents/workbook-figures';
import { latestOf } from './consolidation';

export interface UnitFigures {
  unitCode: string;
  unitName: string;
  kind: UnitKind;
  values: StoredValue[];
}

/**
 * The values of the given revisions (a JSON array of ids) as 5 arrays, texts only of the given elements (a JSON
 * array of codes): the free-text answers are left out in SQLite, the few other values of elements not asked for
 * in JS (an IN test on every row cost more than the rows it saves).
 */
const FIGURES_SQL =
  'SELECT json_group_array(v.submission_id), json_group_array(v.element), json_group_array(v.cell), ' +
  "json_group_array(v.state), json_group_array(CASE v.state WHEN 'text' THEN v.text ELSE v.num END) " +
  'FROM submission_values v WHERE v.submission_id IN (SELECT value FROM json_each(?)) ' +
  "AND (v.state <> 'text' OR v.element IN (SELECT value FROM json_each(?)))";

/**
 * Every unit that reported in the period (its latest revision, in the order of unitValues), with its values of
 * `elements` only, as a table (documents/workbook-figures.ts). Kept per period; callers never change it.
 */
export function figureTable(db: Db, periodId: number, elements: readonly string[]): FigureTable {
  const raw = (db as Partial<Db>).$client;
  if (!raw) return readFigureTable(db, periodId, elements);
  const key = `figureTable:${periodId}:${elements.join(',')}`;
  return periodCachedRead(raw, periodId, key, () => readFigureTable(db, periodId, elements), { bounded: true });
}

/**
 * The same as StoredValues (what unitValues gives of those elements), in the order of unitValues; values within
 * a unit in no particular order (each element and cell is there once).
 */
export function unitFigures(db: Db, periodId: number, elements: readonly string[]): UnitFigures[] {
  const t = figureTable(db, periodId, elements);
  return t.units.map((u, i) => ({ ...u, values: storedValuesOf(t, i) }));
}

/** rowToCellValue's states as FIGURE states (any other: 'na') */
const STATE = new Map<string, number>([
  ['number', FIGURE.number],
  ['yesno', FIGURE.yesno],
  ['text', FIGURE.text],
]);

function readFigureTable(db: Db, periodId: number, elements: readonly string[]): FigureTable {
  const latest = latestOf(db, periodId);
  const units = latest.rows.map(([, , code, name, kind]) => ({
    unitCode: code,
    unitName: name,
    kind: kind as UnitKind,
  }));
  if (units.length === 0 || elements.length === 0) return emptyFigureTable(units, []);
  const raw = db.$client;
  const [ids, els, cells, states, vals] = (
    preparedOnce(raw, FIGURES_SQL, () => raw.prepare(FIGURES_SQL).raw(true)).get(
      latest.ids,
      JSON.stringify(elements),
    ) as string[]
  ).map((json) => JSON.parse(json) as unknown[]) as [
    number[],
    string[],
    CellKey[],
    string[],
    Array<number | string | null>,
  ];
  const unitOf = new Map<number, number>();
  latest.rows.forEach(([id], i) => unitOf.set(id, i));
  const wanted = new Set(elements);
  // first the keys (a row of a value not asked for: -1), then the table of their number
  const keys = new FigureKeys();
  const keyAt = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) keyAt[i] = wanted.has(els[i]!) ? keys.key(els[i]!, cells[i]!) : -1;
  const t = emptyFigureTable(units, keys.keys);
  const width = keys.keys.length;
  let lastId = -1;
  let base = 0;
  for (let i = 0; i < ids.length; i++) {
    const k = keyAt[i]!;
    if (k < 0) continue;
    const id = ids[i]!;
    if (id !== lastId) {
      lastId = id;
      base = unitOf.get(id)! * width;
    }
    const at = base + k;
    // each (revision, element, cell) once: the table's cell is still empty
    const v = vals[i]!;
    const state = STATE.get(states[i]!) ?? FIGURE.na;
    t.states[at] = state;
    if (state === FIGURE.number) t.nums[at] = (v as number | null) ?? 0;
    else if (state === FIGURE.yesno) t.nums[at] = ((v as number | null) ?? 0) !== 0 ? 1 : 0;
    else if (state === FIGURE.text) t.texts.set(at, (v as string | null) ?? '');
  }
  return t;
}

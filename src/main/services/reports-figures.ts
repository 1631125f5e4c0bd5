/**
 * The per-unit figures of the ministry workbook (Phụ lục V) in one lean read (issue 20). The workbook prints, for
 * each unit's latest revision, the values of the figure elements only (no free-text answer: those come from the
 * consolidation's texts, Phụ lục VI); reading every value of a national period as objects (unitValues: ~217,000
 * rows, one JS array and six JS values each) was ~0,6 s of the workbook's first call. Here SQLite hands the
 * figure values over one row per revision: its layout (element, cell and state of each value, as one string; the
 * ~120 distinct layouts of a national period split once each) and its values as one JSON array, which JSON.parse
 * reads natively (GROUPED_SQL; a code holding the layout's separators is read as five JSON arrays of every value
 * instead, FIGURES_SQL); they are put in a table of columns (documents/workbook-figures.ts: a state byte and a
 * number per unit and key, no object per value).
 *
 * The same units as unitValues (the period's latest revisions: consolidation's latestOf, kept per period) and, per
 * unit, the same values of those elements (rowToCellValue); tests/integration/documents/workbook-equality.test.ts
 * compares the workbook written from it with the one written from unitValues. Kept per period like unitValues
 * (db/read-cache.ts periodCachedRead: computed again after any change to units, whose codes, names and kinds it
 * carries), keyed by the elements asked for; after a write to the period's submissions or values (an import, a
 * correction, a withdrawal) brought up to date from the write's log instead: only the units the write named are
 * read again (updateFigureTable; the same test compares the workbook after each). Callers never change it.
 */
import type { UnitKind } from '../../shared/domain/catalog';
import type { StoredValue } from '../../shared/domain/records';
import type { CellKey } from '../../shared/domain/catalog';
import type { Db } from '../db/open';
import { preparedOnce } from '../db/prepared';
import { periodCachedRead, type PeriodChanges } from '../db/read-cache';
import {
  emptyFigureTable,
  FIGURE,
  FigureKeys,
  putFigure,
  storedValuesOf,
  type FigureTable,
} from '../documents/workbook-figures';
import { changedUnits, latestOf } from './consolidation';

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

/** A kept table with the revision each of its rows was read from (latestOf's ids, in its order). */
interface KeptTable {
  table: FigureTable;
  ids: number[];
}

/**
 * Every unit that reported in the period (its latest revision, in the order of unitValues), with its values of
 * `elements` only, as a table (documents/workbook-figures.ts). Kept per period, brought up to date after a write
 * to the period (updateFigureTable); callers never change it.
 */
export function figureTable(db: Db, periodId: number, elements: readonly string[]): FigureTable {
  const raw = (db as Partial<Db>).$client;
  if (!raw) return readFigureTable(db, periodId, elements).table;
  const key = `figureTable:${periodId}:${elements.join(',')}`;
  return periodCachedRead(raw, periodId, key, () => readFigureTable(db, periodId, elements), {
    bounded: true,
    update: (kept, changes) => updateFigureTable(db, periodId, elements, kept, changes),
  }).table;
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

/**
 * The figure values of some revisions, read: `number` numbers the keys of the elements asked for (in `keys`, as
 * first met), then `fill` puts the values into a table of those keys (`rowOf`: a revision's row).
 */
interface Reading {
  number(keys: FigureKeys, wanted: ReadonlySet<string>): void;
  fill(t: FigureTable, rowOf: ReadonlyMap<number, number>): void;
}

/** Unit `u`'s value of key `k` as rowToCellValue reads the row's state and number or text (putFigure). */
function put(t: FigureTable, u: number, k: number, state: number, v: number | string | null | undefined): void {
  if (state === FIGURE.text) putFigure(t, u, k, state, 0, (v as string | null) ?? '');
  else if (state === FIGURE.yesno) putFigure(t, u, k, state, ((v as number | null) ?? 0) !== 0 ? 1 : 0);
  else putFigure(t, u, k, state, state === FIGURE.number ? ((v as number | null) ?? 0) : 0);
}

/**
 * The values of the given revisions, one row per revision: its id, its layout (each value's element, cell and
 * state, joined by the control characters US and RS, which no code holds) and its values as a JSON array in the
 * same order. A national period's 4,300 revisions have ~120 layouts: each is split and numbered once, and only
 * the numbers are parsed per revision (about a third less than FIGURES_SQL's five arrays of every value).
 */
const GROUPED_SQL =
  'SELECT v.submission_id, group_concat(v.element || char(31) || v.cell || char(31) || v.state, char(30)), ' +
  "json_group_array(CASE v.state WHEN 'text' THEN v.text ELSE v.num END) " +
  'FROM submission_values v WHERE v.submission_id IN (SELECT value FROM json_each(?)) ' +
  "AND (v.state <> 'text' OR v.element IN (SELECT value FROM json_each(?))) GROUP BY v.submission_id";

interface Layout {
  elements: string[];
  cells: CellKey[];
  states: Uint8Array;
  /** each value's key (-1: an element not asked for), once numbered */
  keys: Int32Array;
}

/** GROUPED_SQL's rows read, or null if one does not split as it should (then: readColumns). */
function readGrouped(db: Db, ids: string, elements: string): Reading | null {
  const raw = db.$client;
  const rows = preparedOnce(raw, GROUPED_SQL, () => raw.prepare(GROUPED_SQL).raw(true)).all(ids, elements) as Array<
    [number, string, string]
  >;
  const layouts = new Map<string, Layout>();
  const read: Array<[number, Layout, Array<number | string | null>]> = [];
  for (const [id, joined, json] of rows) {
    let layout = layouts.get(joined);
    if (!layout) {
      const parts = joined.split('\u001e');
      layout = {
        elements: [],
        cells: [],
        states: new Uint8Array(parts.length),
        keys: new Int32Array(parts.length).fill(-1),
      };
      for (let i = 0; i < parts.length; i++) {
        const f = parts[i]!.split('\u001f');
        if (f.length !== 3) return null;
        layout.elements.push(f[0]!);
        layout.cells.push(f[1]! as CellKey);
        layout.states[i] = STATE.get(f[2]!) ?? FIGURE.na;
      }
      layouts.set(joined, layout);
    }
    const vals = JSON.parse(json) as Array<number | string | null>;
    if (vals.length !== layout.states.length) return null;
    read.push([id, layout, vals]);
  }
  return {
    number(keys, wanted) {
      for (const l of layouts.values())
        for (let i = 0; i < l.keys.length; i++)
          if (wanted.has(l.elements[i]!)) l.keys[i] = keys.key(l.elements[i]!, l.cells[i]!);
    },
    fill(t, rowOf) {
      for (const [id, l, vals] of read) {
        const u = rowOf.get(id)!;
        const { keys, states } = l;
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          if (k >= 0) put(t, u, k, states[i]!, vals[i]);
        }
      }
    },
  };
}

/** FIGURES_SQL's five columns of every value: the way that holds whatever a code is made of. */
function readColumns(db: Db, ids: string, elements: string): Reading {
  const raw = db.$client;
  const [subs, els, cells, states, vals] = (
    preparedOnce(raw, FIGURES_SQL, () => raw.prepare(FIGURES_SQL).raw(true)).get(ids, elements) as string[]
  ).map((json) => JSON.parse(json) as unknown[]) as [
    number[],
    string[],
    CellKey[],
    string[],
    Array<number | string | null>,
  ];
  const keyAt = new Int32Array(subs.length).fill(-1);
  return {
    number(keys, wanted) {
      for (let i = 0; i < subs.length; i++) if (wanted.has(els[i]!)) keyAt[i] = keys.key(els[i]!, cells[i]!);
    },
    fill(t, rowOf) {
      let lastId = -1;
      let u = 0;
      for (let i = 0; i < subs.length; i++) {
        const k = keyAt[i]!;
        if (k < 0) continue;
        const id = subs[i]!;
        if (id !== lastId) {
          lastId = id;
          u = rowOf.get(id)!;
        }
        put(t, u, k, STATE.get(states[i]!) ?? FIGURE.na, vals[i]);
      }
    },
  };
}

/** The units' lines of latestOf's rows. */
const unitsOf = (rows: ReturnType<typeof latestOf>['rows']): FigureTable['units'] =>
  rows.map(([, , code, name, kind]) => ({ unitCode: code, unitName: name, kind: kind as UnitKind }));

/** How the figures of this process were read (the tests tell the two ways apart): grouped, or by columns. */
export const figureReads = { grouped: 0, columns: 0 };

/** The figure values of some revisions (a JSON array of ids), of `elements` (texts only of those). */
function readFigures(db: Db, ids: string, elements: readonly string[]): Reading {
  const asked = JSON.stringify(elements);
  const grouped = readGrouped(db, ids, asked);
  if (grouped) {
    figureReads.grouped++;
    return grouped;
  }
  figureReads.columns++;
  return readColumns(db, ids, asked);
}

function readFigureTable(db: Db, periodId: number, elements: readonly string[]): KeptTable {
  const latest = latestOf(db, periodId);
  const units = unitsOf(latest.rows);
  const ids = latest.rows.map((r) => r[0]);
  if (units.length === 0 || elements.length === 0) return { table: emptyFigureTable(units, []), ids };
  const read = readFigures(db, latest.ids, elements);
  const rowOf = new Map<number, number>();
  ids.forEach((id, i) => rowOf.set(id, i));
  // first the keys, then the table of their number
  const keys = new FigureKeys();
  read.number(keys, new Set(elements));
  const t = emptyFigureTable(units, keys.keys);
  read.fill(t, rowOf);
  return { table: t, ids };
}

/**
 * The kept table after a write to the period (db/read-cache.ts's log): the period's latest revisions now
 * (latestOf, itself brought up to date), the rows of revisions kept and of units the write did not name copied,
 * the others read again (their keys not yet in the table numbered after the kept ones: a key of no unit's value
 * stays, all blank, as the sheet writes a column no unit has). A new table: the kept one is not changed.
 */
function updateFigureTable(
  db: Db,
  periodId: number,
  elements: readonly string[],
  kept: KeptTable,
  changes: PeriodChanges,
): KeptTable | null {
  if (kept.table.keys.length === 0) return null;
  const changed = new Set(changedUnits(db.$client, changes));
  const latest = latestOf(db, periodId);
  const ids = latest.rows.map((r) => r[0]);
  const keptRow = new Map<number, number>();
  kept.ids.forEach((id, i) => keptRow.set(id, i));
  // each revision's row now; of those kept and not named by the write, the row they were in
  const rowOf = new Map<number, number>();
  const copied = new Map<number, number>();
  const again: number[] = [];
  latest.rows.forEach(([id, unit], i) => {
    rowOf.set(id, i);
    const r = keptRow.get(id);
    if (r === undefined || changed.has(unit)) again.push(id);
    else copied.set(r, i);
  });
  const keys = new FigureKeys();
  for (const { element, cell } of kept.table.keys) keys.key(element, cell);
  const read = again.length ? readFigures(db, JSON.stringify(again), elements) : null;
  read?.number(keys, new Set(elements));
  const t = emptyFigureTable(unitsOf(latest.rows), keys.keys);
  const from = kept.table;
  const w0 = from.keys.length;
  const w = t.keys.length;
  for (const [r, i] of copied) {
    t.states.set(from.states.subarray(r * w0, (r + 1) * w0), i * w);
    t.nums.set(from.nums.subarray(r * w0, (r + 1) * w0), i * w);
  }
  for (const [at, text] of from.texts) {
    const i = copied.get(Math.floor(at / w0));
    if (i !== undefined) t.texts.set(i * w + (at % w0), text);
  }
  read?.fill(t, rowOf);
  return { table: t, ids };
}

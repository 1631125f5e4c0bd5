/**
 * The per-unit figures of the ministry workbook (Phụ lục V) in one lean read (issue 20). The workbook prints, for
 * each unit's latest revision, the values of the figure elements only (no free-text answer: those come from the
 * consolidation's texts, Phụ lục VI); reading every value of a national period as objects (unitValues: ~217,000
 * rows, one JS array and six JS values each) was ~0,6 s of the workbook's first call. Here SQLite hands the
 * figure values over as five JSON arrays in one row (one column each: revision, element, cell, state, number or
 * text), which JSON.parse reads natively, short strings interned.
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
import { latestOf } from './consolidation';
import { rowToCellValue } from './values';

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
 * Every unit that reported in the period (its latest revision), with its values of `elements` only, in the order
 * of unitValues (values within a unit in no particular order: each element and cell is there once).
 */
export function unitFigures(db: Db, periodId: number, elements: readonly string[]): readonly UnitFigures[] {
  const raw = (db as Partial<Db>).$client;
  if (!raw) return readUnitFigures(db, periodId, elements);
  const key = `unitFigures:${periodId}:${elements.join(',')}`;
  return periodCachedRead(raw, periodId, key, () => readUnitFigures(db, periodId, elements), { bounded: true });
}

function readUnitFigures(db: Db, periodId: number, elements: readonly string[]): UnitFigures[] {
  const latest = latestOf(db, periodId);
  const units: UnitFigures[] = latest.rows.map(([, , code, name, kind]) => ({
    unitCode: code,
    unitName: name,
    kind: kind as UnitKind,
    values: [],
  }));
  if (units.length === 0 || elements.length === 0) return units;
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
  const bySubmission = new Map<number, StoredValue[]>();
  latest.rows.forEach(([id], i) => bySubmission.set(id, units[i]!.values));
  const wanted = new Set(elements);
  for (let i = 0; i < ids.length; i++) {
    if (!wanted.has(els[i]!)) continue;
    const v = vals[i]!;
    const state = states[i]!;
    bySubmission.get(ids[i]!)!.push({
      element: els[i]!,
      cell: cells[i]!,
      value: rowToCellValue(
        state === 'text'
          ? { state, num: null, text: v as string | null }
          : { state, num: v as number | null, text: null },
      ),
    });
  }
  return units;
}

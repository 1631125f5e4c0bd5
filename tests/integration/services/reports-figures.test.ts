/**
 * Issue 20: the ministry workbook's per-unit figures (services/reports-figures.ts) read grouped by revision (one
 * layout string per revision, its values as one JSON array) are what the code before read (every latest value
 * of the elements asked for); a code holding the layout's separators is read the other way, by columns, and is
 * right too; after a write to one unit, the rows copied from the kept table keep their texts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../../src/main/api/context';
import { updateCounts } from '../../../src/main/db/read-cache';
import { figureReads, unitFigures } from '../../../src/main/services/reports-figures';
import type { StoredValue } from '../../../src/shared/domain/records';
import { closeFixtures, currentOf, fixtureCtx } from '../../helpers/fixture-db';
import * as ref from './reference/consolidation-v1';

/** the fixture's open period (2025, year) */
const P = 2;
afterEach(closeFixtures);

const sorted = (units: readonly { unitCode: string; unitName: string; kind: string; values: StoredValue[] }[]) =>
  units.map((u) => ({
    ...u,
    values: [...u.values].sort((a, b) => `${a.element}.${a.cell}`.localeCompare(`${b.element}.${b.cell}`)),
  }));
const truth = (ctx: Ctx, elements: string[]) =>
  sorted(
    ref.unitValues(ctx.db, P).map((u) => ({
      unitCode: u.unitCode,
      unitName: u.unitName,
      kind: u.kind,
      values: u.values.filter((v) => elements.includes(v.element)),
    })),
  );
const figureCodes = (ctx: Ctx) =>
  ctx.raw
    .prepare("SELECT code FROM data_elements WHERE type IN ('integer', 'decimal', 'yesno')")
    .pluck()
    .all() as string[];

describe("the workbook's per-unit figures", () => {
  it('read grouped by revision: every latest value of the elements asked for, as the code before', () => {
    const ctx = fixtureCtx();
    const elements = figureCodes(ctx);
    expect(elements.length).toBeGreaterThan(10);
    const before = { ...figureReads };
    const got = sorted(unitFigures(ctx.db, P, elements));
    expect(figureReads.grouped).toBe(before.grouped + 1);
    expect(figureReads.columns).toBe(before.columns);
    expect(got.length).toBeGreaterThan(3);
    expect(got).toEqual(truth(ctx, elements));
  });

  it("a code holding the layout's separators: read by columns, still every value", () => {
    const ctx = fixtureCtx();
    const odd = ['X\u001fY', 'R\u001eS'];
    const id = currentOf(ctx, 'LC-X02');
    const put = ctx.raw.prepare("INSERT INTO submission_values VALUES (?, ?, 'value', 'number', ?, NULL)");
    put.run(id, odd[0], 7);
    put.run(id, odd[1], 8);
    const elements = [...figureCodes(ctx), ...odd];
    const before = { ...figureReads };
    const got = sorted(unitFigures(ctx.db, P, elements));
    expect(got).toEqual(truth(ctx, elements));
    expect(figureReads.columns).toBe(before.columns + 1);
    const unit = got.find((u) => u.values.some((v) => v.element === odd[0]))!;
    expect(unit.values.filter((v) => odd.includes(v.element)).map((v) => v.value)).toEqual([
      { state: 'number', value: 8 },
      { state: 'number', value: 7 },
    ]);
  });

  it("after a write to another unit, a kept unit's text in a figure column is kept with its row", () => {
    const ctx = fixtureCtx();
    const elements = figureCodes(ctx);
    // a figure written as a text by a unit (the sheet prints it as it is)
    const x02 = currentOf(ctx, 'LC-X02');
    const cell = ctx.raw
      .prepare(
        "SELECT element, cell FROM submission_values WHERE submission_id = ? AND state = 'number' " +
          'ORDER BY element, cell LIMIT 1',
      )
      .get(x02) as { element: string; cell: string };
    ctx.raw
      .prepare(
        "UPDATE submission_values SET state = 'text', num = NULL, text = 'khoảng 40 người' " +
          'WHERE submission_id = ? AND element = ? AND cell = ?',
      )
      .run(x02, cell.element, cell.cell);
    expect(sorted(unitFigures(ctx.db, P, elements))).toEqual(truth(ctx, elements));
    // a write to another unit of the period: the kept table brought up to date, LC-X02's row copied
    const n = updateCounts.get('figureTable') ?? 0;
    ctx.raw
      .prepare("UPDATE submission_values SET num = num + 1 WHERE submission_id = ? AND state = 'number'")
      .run(currentOf(ctx, 'LC-S03'));
    const got = sorted(unitFigures(ctx.db, P, elements));
    expect(updateCounts.get('figureTable')).toBe(n + 1);
    expect(got).toEqual(truth(ctx, elements));
    expect(got.find((u) => u.unitCode === 'LC-X02')!.values).toContainEqual({
      ...cell,
      value: { state: 'text', value: 'khoảng 40 người' },
    });
  });
});

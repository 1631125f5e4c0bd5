import { expect } from 'vitest';
import { join } from 'node:path';
/** Builds a small province in a real SQLite file: units, a period, generated forms filled like units fill them. */
import { readFileSync } from 'node:fs';
import type { UnitKind } from '../../src/shared/domain/catalog';
import type { StoredValue } from '../../src/shared/domain/records';
import type { Ctx } from '../../src/main/api/context';
import { fillForm, type FormFill } from '../../src/main/demo/form-filler';
import { getCatalog } from '../../src/main/services/catalog';
import { importFile } from '../../src/main/services/imports';
import { createPeriod } from '../../src/main/services/periods';
import { exportTemplates } from '../../src/main/services/templates';
import { saveUnit } from '../../src/main/services/units';
import { unitFigures } from '../../src/main/demo/data';
import { callOp } from './fixture-db';
import { tmpCtx } from './tmp';
import { SHARED_FIXTURES } from './shared';

export const LAO_CAI_UNITS = join(SHARED_FIXTURES, 'don-vi-lao-cai.xlsx');
export const unitListBytes = (path = LAO_CAI_UNITS) => ({ name: path.split('/').pop()!, bytes: readFileSync(path) });

export function addUnits(ctx: Ctx, list: Array<[string, string, UnitKind]>): Map<string, number> {
  const ids = new Map<string, number>();
  for (const [code, name, kind] of list) ids.set(code, saveUnit(ctx.db, { code, name, kind }).id);
  return ids;
}

/** The exported form of one unit, filled with `fill`. */
export async function filledForm(
  ctx: Ctx,
  periodId: number,
  unitCode: string,
  fill: FormFill,
): Promise<{ name: string; bytes: Buffer }> {
  const files = await exportTemplates(ctx.db, periodId, [unitCode]);
  const f = files[0]!;
  return { name: f.name, bytes: await fillForm(f.bytes, fill, getCatalog(ctx.db).cellLabels) };
}

/**
 * A unit's form filled with the demo's figures of `seed`, imported through the dispatcher (blanks allowed, a
 * receipt date if given); it must be accepted.
 */
export async function importSeededForm(
  ctx: Ctx,
  periodId: number,
  unitCode: string,
  seed: number,
  receivedAt?: string,
): Promise<void> {
  const c = getCatalog(ctx.db);
  const figures = unitFigures(c.dataElements, c.validationRules, c.cellLabels, seed, c.indicators);
  const file = await filledForm(ctx, periodId, unitCode, fillOf(figures));
  const r = await callOp<{ status: string }>(ctx, 'imports.file', {
    periodId,
    file,
    ...(receivedAt ? { receivedAt } : {}),
    allowBlanking: true,
  });
  expect(r.status).toBe('accepted');
}

export function fillOf(values: StoredValue[]): FormFill {
  const fill: FormFill = {};
  for (const v of values) {
    const row = (fill[v.element] ??= {});
    if (v.value.state === 'na') row[v.cell] = 'Không áp dụng';
    else row[v.cell] = v.value.value;
  }
  return fill;
}

export function smallProvince() {
  const ctx = tmpCtx({ today: () => '2026-06-05' });
  const ids = addUnits(ctx, [
    ['S01', 'Sở Nội vụ', 'so_nganh'],
    ['S02', 'Sở Y tế', 'so_nganh'],
    ['D01', 'Hội Liên hiệp Phụ nữ tỉnh', 'doan_the'],
    ['X01', 'Phường Cam Đường', 'xa'],
    ['X02', 'Xã Bảo Thắng', 'xa'],
  ]);
  const period = createPeriod(ctx.db, { year: 2026, kind: 'half_year' });
  const importAs = async (unitCode: string, fill: FormFill, receivedAt?: string) => {
    const f = await filledForm(ctx, period.id, unitCode, fill);
    return importFile(ctx, { periodId: period.id, file: f, ...(receivedAt ? { receivedAt } : {}) });
  };
  return { ctx, ids, period, importAs };
}

/** Every table's row count: "nothing written" means these do not change. */
export function tableCounts(ctx: Ctx): Record<string, number> {
  const tables = ctx.raw
    .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    .all() as Array<{ name: string }>;
  const out: Record<string, number> = {};
  for (const { name } of tables)
    out[name] = (ctx.raw.prepare(`SELECT count(*) n FROM "${name}"`).get() as { n: number }).n;
  return out;
}

/**
 * A refused (or unchanged) file since `before`: no figure, submission, finding or audit row moved, and the inbox
 * grew by exactly `entries` entries (import_attempts), with at most that many originals stored (files; the same
 * bytes are stored once).
 */
export function expectOnlyInbox(ctx: Ctx, before: Record<string, number>, entries = 1): void {
  const after = tableCounts(ctx);
  const { import_attempts: a0 = 0, files: f0 = 0, ...restBefore } = before;
  const { import_attempts: a1 = 0, files: f1 = 0, ...restAfter } = after;
  expect(restAfter, 'nothing but the inbox changed').toEqual(restBefore);
  expect(a1 - a0, 'inbox entries added').toBe(entries);
  expect(f1 - f0, 'originals stored').toBeGreaterThanOrEqual(0);
  expect(f1 - f0, 'originals stored').toBeLessThanOrEqual(entries);
}

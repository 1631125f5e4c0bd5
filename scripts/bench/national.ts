/**
 * A database as a ministry would hold it, for the bench (and for anyone measuring at national scale): 4,300 units
 * (every commune and the provincial units; the first 300 are departments and mass organisations) and 20 periods
 * (ten years, 2017–2026, 6-month and annual), one accepted revision per unit and period with the demo figures of
 * its kind, seeded straight into SQLite (the import path is measured elsewhere). The original files are empty
 * placeholders unless `originalBytes` is given (a size in bytes, random-looking content per file).
 */
import { randomBytes } from 'node:crypto';
import type { UnitKind } from '../../src/shared/domain/catalog';
import type { StoredValue } from '../../src/shared/domain/records';
import { createContext, type Ctx } from '../../src/main/api/context';
import { templateRowsFor } from '../../src/main/excel/form-layout';
import { getCatalog } from '../../src/main/services/catalog';
import { unitFigures } from '../../src/main/demo/data';
import { createPeriod } from '../../src/main/services/periods';
import { cellValueToRow } from '../../src/main/services/values';

export const NATIONAL_UNITS = 4300;
export const NATIONAL_YEARS = Array.from({ length: 10 }, (_, i) => 2017 + i);
const PROVINCIAL = 300;

export interface SeededUnit {
  id: number;
  code: string;
  kind: UnitKind;
}

export function kindOf(i: number, n: number): UnitKind {
  // at national scale almost every unit is a commune; the first 300 are the provinces' own units
  if (n > 1000 && i >= PROVINCIAL) return 'xa';
  return i % 4 === 0 ? 'so_nganh' : i % 4 === 1 ? 'doan_the' : 'xa';
}
export const codeOf = (i: number, n: number): string =>
  `BM-${kindOf(i, n) === 'xa' ? 'X' : kindOf(i, n) === 'so_nganh' ? 'S' : 'D'}${i + 1}`;

/** Units straight into SQLite (the bench's fast path; the UI uses units.save). */
export function seedUnits(ctx: Ctx, n: number): SeededUnit[] {
  const ins = ctx.raw.prepare(
    'INSERT INTO units (code, name, kind, search_key, sort_order) VALUES (?, ?, ?, ?, ?) RETURNING id',
  );
  const out: SeededUnit[] = [];
  ctx.raw.transaction(() => {
    for (let i = 0; i < n; i++) {
      const code = codeOf(i, n);
      const kind = kindOf(i, n);
      const { id } = ins.get(code, `Đơn vị thử ${i + 1}`, kind, `don vi thu ${i + 1}`, i + 1) as { id: number };
      out.push({ id, code, kind });
    }
  })();
  return out;
}

/**
 * One accepted revision per unit with the given figures, straight into SQLite; its original is `originalBytes`
 * bytes long (0: an empty placeholder), different for every file.
 */
export function seedSubmissions(
  ctx: Ctx,
  periodId: number,
  units: Array<{ id: number; kind: UnitKind }>,
  figures: (i: number) => StoredValue[],
  originalBytes = 0,
): void {
  const file = ctx.raw.prepare('INSERT OR IGNORE INTO files (sha256, size, bytes) VALUES (?, ?, ?)');
  const sub = ctx.raw.prepare(
    'INSERT INTO submissions (period_id, unit_id, revision, received_at, file_name, sha256) VALUES (?, ?, 1, ?, ?, ?) RETURNING id',
  );
  const val = ctx.raw.prepare(
    'INSERT INTO submission_values (submission_id, element, cell, state, num, text) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const filler = originalBytes > 0 ? randomBytes(originalBytes) : Buffer.alloc(0);
  ctx.raw.transaction(() => {
    units.forEach((u, i) => {
      const sha = `seed-${periodId}-${u.id}`;
      let bytes = filler;
      if (originalBytes > 0) {
        // a different file each time (the first bytes say whose it is), the rest shared filler
        bytes = Buffer.from(filler);
        bytes.write(`${sha};`, 0, 'utf8');
      }
      file.run(sha, bytes.length, bytes);
      const { id } = sub.get(periodId, u.id, '2026-01-05', `seed-${u.id}.xlsx`, sha) as { id: number };
      for (const v of figures(i)) {
        const r = cellValueToRow(v.value);
        val.run(id, v.element, v.cell, r.state, r.num, r.text);
      }
    });
  })();
}

/** The element codes of the form each kind of unit fills (the latest template's rows for that kind). */
export function rowsByKind(ctx: Ctx): Map<UnitKind, Set<string>> {
  const catalog = getCatalog(ctx.db);
  const tpl = ctx.raw.prepare('SELECT rows FROM templates ORDER BY id DESC LIMIT 1').get() as
    { rows: string } | undefined;
  const template = { rows: tpl ? (JSON.parse(tpl.rows) as string[]) : catalog.dataElements.map((e) => e.code) };
  const out = new Map<UnitKind, Set<string>>();
  for (const k of ['so_nganh', 'doan_the', 'xa', 'khac'] as UnitKind[]) {
    out.set(k, new Set(templateRowsFor(template, catalog.dataElements, k).map((e) => e.code)));
  }
  return out;
}

export interface NationalDb {
  ctx: Ctx;
  units: SeededUnit[];
  /** `${year}-${kind}` → period id */
  periods: Map<string, number>;
  /** the 2026 6-month period */
  target: number;
  seedSeconds: number;
}

/**
 * Builds the national database at `path` (which must not exist): `units` units, 20 periods, the demo figures
 * (120 different fillings, reused round-robin). ~25 s for 4,300 units on this machine.
 */
export function buildNationalDb(
  path: string,
  opts: { units?: number; years?: number[]; originalBytes?: number; today?: string } = {},
): NationalDb {
  const n = opts.units ?? NATIONAL_UNITS;
  const ctx = createContext(path, { today: () => opts.today ?? '2026-06-10' });
  const t0 = performance.now();
  const catalog = getCatalog(ctx.db);
  const fillings = Array.from({ length: 120 }, (_, i) =>
    unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 1000 + i),
  );
  const units = seedUnits(ctx, n);
  const periods = new Map<string, number>();
  let target = 0;
  for (const year of opts.years ?? NATIONAL_YEARS) {
    for (const kind of ['half_year', 'year'] as const) {
      const id = createPeriod(ctx.db, { year, kind }).id;
      periods.set(`${year}-${kind}`, id);
      if (year === 2026 && kind === 'half_year') target = id;
      // the rows of the form the period's template gives each kind
      const keep = rowsByKind(ctx);
      seedSubmissions(
        ctx,
        id,
        units,
        (i) => fillings[i % fillings.length]!.filter((v) => keep.get(units[i]!.kind)!.has(v.element)),
        opts.originalBytes ?? 0,
      );
    }
  }
  return { ctx, units, periods, target, seedSeconds: (performance.now() - t0) / 1000 };
}

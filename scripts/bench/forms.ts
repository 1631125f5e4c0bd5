/**
 * The bench's filled forms, for the parts that import them (scripts/bench/peak-rss.ts, the import profile): `n`
 * units seeded like the bench's (scripts/bench/national.ts), the 20 periods of ten years, the app's own forms
 * exported for the 2026 6-month period (exportTemplates) and filled the way units fill them (demo figures, fillForm).
 * `freshDatabase` makes a database the forms can be imported into: the same units, periods and identity.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx } from '../../src/main/api/context';
import { createContext } from '../../src/main/api/context';
import { toFill, unitFigures } from '../../src/main/demo/data';
import { fillForm } from '../../src/main/demo/form-filler';
import { readForm } from '../../src/main/excel/form-reader';
import { getCatalog } from '../../src/main/services/catalog';
import { createPeriod } from '../../src/main/services/periods';
import { databaseId, setMeta } from '../../src/main/services/settings';
import { exportTemplates } from '../../src/main/services/templates';
import { seedUnits, type SeededUnit } from './national';

/**
 * A folder of the bench's forms (written by `npx tsx scripts/bench.ts --only-import --dump=DIR`), in name order,
 * with the database identity they carry and the catalogue (of a fresh database made in `tmp` and closed): what the
 * probes need to import them again with `freshDatabase(path, files.length, identity)`.
 */
export async function dumpedForms(
  dir: string,
  tmp: string,
): Promise<{
  files: Array<{ name: string; bytes: Uint8Array }>;
  identity: string;
  catalog: ReturnType<typeof getCatalog>;
}> {
  const files = readdirSync(dir)
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
  const setup = freshDatabase(join(tmp, 'setup.sqlite'), files.length);
  try {
    const catalog = getCatalog(setup.ctx.db);
    const identity = (await readForm(files[0]!.bytes, files[0]!.name, catalog)).identity.databaseId!;
    return { files, identity, catalog };
  } finally {
    setup.ctx.close();
  }
}

const YEARS = Array.from({ length: 10 }, (_, i) => 2017 + i);

export function freshDatabase(
  path: string,
  n: number,
  identity?: string,
): { ctx: Ctx; units: SeededUnit[]; target: number } {
  const ctx = createContext(path, { today: () => '2026-06-10' });
  if (identity) setMeta(ctx.db, 'databaseId', identity);
  const units = seedUnits(ctx, n);
  let target = 0;
  for (const year of YEARS) {
    for (const kind of ['half_year', 'year'] as const) {
      const id = createPeriod(ctx.db, { year, kind }).id;
      if (year === 2026 && kind === 'half_year') target = id;
    }
  }
  return { ctx, units, target };
}

/** `n` filled forms (unit i filled with the demo figures of seed 1000 + i % 120) and the database identity. */
export async function benchForms(
  path: string,
  n: number,
): Promise<{ files: Array<{ name: string; bytes: Uint8Array }>; identity: string }> {
  const { ctx, units, target } = freshDatabase(path, n);
  try {
    const catalog = getCatalog(ctx.db);
    const fillings = Array.from({ length: Math.min(n, 120) }, (_, i) =>
      toFill(unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 1000 + i)),
    );
    const byCode = new Map(units.map((u, i) => [u.code, i]));
    const files: Array<{ name: string; bytes: Uint8Array }> = [];
    for (const f of (await exportTemplates(ctx.db, target)).filter((x) => x.unit !== null)) {
      const i = byCode.get(f.unit!)!;
      files.push({ name: f.name, bytes: await fillForm(f.bytes, fillings[i % fillings.length]!, catalog.cellLabels) });
    }
    return { files, identity: databaseId(ctx.db)! };
  } finally {
    ctx.close();
  }
}

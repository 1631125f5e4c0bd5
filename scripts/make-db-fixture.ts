/**
 * Writes tests/fixtures/db/v<version>.sqlite: a database made by THIS release through the services, with realistic
 * data (units with a merger, a closed and an open period, imported reports with a revision and a correction,
 * a rejected attempt, province values and targets, settings, audit), plus v<version>.json describing every
 * table (row count and a digest of its rows). Commit both once per release; the migration test opens a copy of
 * every committed fixture with the current code and checks nothing was lost.
 *
 *   npx tsx scripts/make-db-fixture.ts            (refuses to overwrite an existing fixture)
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createContext } from '../src/main/api/context';
import { fillForm } from '../src/main/demo/form-filler';
import { getCatalog } from '../src/main/services/catalog';
import { toFill, unitFigures } from '../src/main/demo/data';
import { importFile } from '../src/main/services/imports';
import { createPeriod, setPeriodStatus, setProvinceValue } from '../src/main/services/periods';
import { updateSettings } from '../src/main/services/settings';
import { correctValue, latestSubmissions } from '../src/main/services/submissions';
import { exportTemplates } from '../src/main/services/templates';
import { linkUnits, saveUnit } from '../src/main/services/units';
import { APP_VERSION } from '../src/main/version';
import type { UnitKind } from '../src/shared/domain/catalog';

const ROOT = resolve(__dirname, '..');
export const DB_FIXTURE_DIR = join(ROOT, 'tests/fixtures/db');

export interface TableDigest {
  rows: number;
  sha256: string;
}

/** Every table's row count and a digest of its rows in primary-key order (columns by name, sorted). */
export function describeTables(raw: Database.Database): Record<string, TableDigest> {
  const tables = raw
    .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>;
  const out: Record<string, TableDigest> = {};
  for (const { name } of tables) {
    const rows = tableRows(raw, name);
    const h = createHash('sha256');
    for (const r of rows) h.update(JSON.stringify(r, Object.keys(r).sort()) + '\n');
    out[name] = { rows: rows.length, sha256: h.digest('hex') };
  }
  return out;
}

/** The rows of a table, ordered by rowid (or by every column for a WITHOUT ROWID table), blobs as hex. */
export function tableRows(raw: Database.Database, table: string): Array<Record<string, unknown>> {
  const cols = (raw.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((c) => c.name);
  let rows: Array<Record<string, unknown>>;
  try {
    rows = raw.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Array<Record<string, unknown>>;
  } catch {
    rows = raw.prepare(`SELECT * FROM "${table}" ORDER BY ${cols.map((c) => `"${c}"`).join(', ')}`).all() as Array<
      Record<string, unknown>
    >;
  }
  return rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (const c of cols) {
      const v = r[c];
      o[c] = Buffer.isBuffer(v) ? `hex:${v.toString('hex')}` : typeof v === 'bigint' ? String(v) : v;
    }
    return o;
  });
}

const UNITS: Array<[string, string, UnitKind]> = [
  ['LC-S01', 'Sở Nội vụ', 'so_nganh'],
  ['LC-S02', 'Sở Y tế', 'so_nganh'],
  ['LC-S03', 'Sở Giáo dục và Đào tạo', 'so_nganh'],
  ['LC-D01', 'Hội Liên hiệp Phụ nữ tỉnh', 'doan_the'],
  ['LC-D02', 'Liên đoàn Lao động tỉnh', 'doan_the'],
  ['LC-X01', 'Phường Cam Đường', 'xa'],
  ['LC-X02', 'Xã Bảo Thắng', 'xa'],
  ['LC-X03', 'Xã Tả Van', 'xa'],
];
const OLD: Array<[string, string]> = [
  ['LC-C01', 'Xã Cam Đường (cũ)'],
  ['LC-C02', 'Xã Tả Phời (cũ)'],
];

export async function makeDbFixture(outPath: string): Promise<Record<string, TableDigest>> {
  const work = mkdtempSync(join(tmpdir(), 'bdg-dbfix-'));
  const dbPath = join(work, 'f.sqlite');
  const ctx = createContext(dbPath, { province: 'Tỉnh Lào Cai', today: () => '2025-12-20' });
  try {
    updateSettings(ctx.db, {
      setupDone: true,
      province: 'Tỉnh Lào Cai',
      agencyParent: 'UBND TỈNH LÀO CAI',
      agencyName: 'BAN VÌ SỰ TIẾN BỘ PHỤ NỮ TỈNH',
      placeName: 'Lào Cai',
      signer: { authority: 'KT.', authorityTitle: 'TRƯỞNG BAN', title: 'PHÓ TRƯỞNG BAN', name: 'Nguyễn Thị Hoa' },
      officer: 'Trần Thu Hằng',
      backupKeep: 20,
    });
    const ids = new Map<string, number>();
    for (const [code, name, kind] of UNITS) {
      ids.set(code, saveUnit(ctx.db, { code, name, kind, email: `${code.toLowerCase()}@laocai.gov.vn` }).id);
    }
    for (const [code, name] of OLD) ids.set(code, saveUnit(ctx.db, { code, name, kind: 'xa' }).id);
    linkUnits(
      ctx.db,
      OLD.map(([c]) => ids.get(c)!),
      [ids.get('LC-X01')!],
      '2025-07-01',
    );
    const catalog = getCatalog(ctx.db);
    const importPeriod = async (periodId: number, codes: string[], seed: number, receivedAt: string) => {
      const files = await exportTemplates(ctx.db, periodId, codes);
      for (const [i, f] of files.entries()) {
        const values = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, seed + i);
        const bytes = await fillForm(f.bytes, toFill(values), catalog.cellLabels);
        const r = await importFile(ctx, { periodId, file: { name: f.name, bytes }, receivedAt, batchId: 'fixture' });
        if (r.status !== 'accepted') throw new Error(`${f.name}: ${r.errors.map((e) => e.message).join('; ')}`);
      }
    };
    const h1 = createPeriod(ctx.db, { year: 2025, kind: 'half_year' });
    await importPeriod(h1.id, ['LC-S01', 'LC-S02', 'LC-D01', 'LC-C01', 'LC-C02'], 10, '2025-06-10');
    setProvinceValue(ctx.db, { id: h1.id, element: 'DANSO', cell: 'total', value: { state: 'number', value: 742000 } });
    setPeriodStatus(ctx.db, h1.id, 'closed');

    const y = createPeriod(ctx.db, { year: 2025, kind: 'year' });
    await importPeriod(y.id, ['LC-S01', 'LC-S03', 'LC-D02', 'LC-X01', 'LC-X02'], 40, '2025-12-05');
    // a second revision from one unit
    await importPeriod(y.id, ['LC-S01'], 77, '2025-12-12');
    // a rejected file: leaves nothing behind
    await importFile(ctx, { periodId: y.id, file: { name: 'rong.xlsx', bytes: new Uint8Array(0) } });
    // an officer's correction
    const first = latestSubmissions(ctx.db, y.id).find((s) => s.unitId === ids.get('LC-S03'));
    if (first) {
      correctValue(ctx.db, {
        id: first.id,
        element: 'CBCCVC',
        cell: 'female',
        value: { state: 'number', value: 123 },
        reason: 'Đơn vị gọi điện đính chính số liệu',
      });
    }
    setProvinceValue(ctx.db, { id: y.id, element: 'DANSO', cell: 'total', value: { state: 'number', value: 745100 } });
    setProvinceValue(ctx.db, {
      id: y.id,
      element: 'DANSO',
      cell: 'female',
      value: { state: 'number', value: 367900 },
    });
    ctx.raw.pragma('wal_checkpoint(TRUNCATE)');
    mkdirSync(resolve(outPath, '..'), { recursive: true });
    rmSync(outPath, { force: true });
    ctx.raw.prepare('VACUUM INTO ?').run(outPath);
  } finally {
    ctx.close();
    rmSync(work, { recursive: true, force: true });
  }
  // one self-contained file, no WAL
  const out = new Database(outPath);
  out.pragma('journal_mode = DELETE');
  const tables = describeTables(out);
  out.close();
  return tables;
}

async function main(): Promise<void> {
  const name = `v${APP_VERSION}`;
  const out = join(DB_FIXTURE_DIR, `${name}.sqlite`);
  if (existsSync(out) && !process.argv.includes('--force')) {
    console.error(`${out} exists: a fixture describes a past release and is never regenerated (use --force).`);
    process.exit(1);
  }
  const tables = await makeDbFixture(out);
  writeFileSync(
    join(DB_FIXTURE_DIR, `${name}.json`),
    JSON.stringify({ release: APP_VERSION, madeBy: 'scripts/make-db-fixture.ts', tables }, null, 2) + '\n',
  );
  console.log(
    `${out}: ${Object.entries(tables)
      .map(([t, d]) => `${t}=${d.rows}`)
      .join(' ')}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(__filename)) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

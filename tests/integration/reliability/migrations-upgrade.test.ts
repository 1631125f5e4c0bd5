/**
 * Migrations (issue point 4): every committed database of an earlier release (tests/fixtures/db/v*.sqlite, made by
 * scripts/make-db-fixture.ts) opens with the current code and upgrades with every row intact; a future migration
 * that fails halfway leaves the database file exactly as it was and says so in Vietnamese.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeTables, tableRows } from '../../../scripts/make-db-fixture';
import { createContext } from '../../../src/main/api/context';
import { dispatch } from '../../../src/main/api/dispatch';
import { listBackups } from '../../../src/main/db/snapshot';
import { migrations, schemaVersion } from '../../../src/main/db/migrate';
import type { BundledMigration } from '../../../src/main/db/migrations/types';
import { openDatabase } from '../../../src/main/db/open';
import { backupDirFor } from '../../../src/main/paths';
import { AppError } from '../../../src/shared/result';
import { tmpDir } from '../../helpers/tmp';

const FIX = resolve(__dirname, '../../fixtures/db');
const fixtures = readdirSync(FIX)
  .filter((n) => /^v\d+\.\d+\.\d+\.sqlite$/.test(n))
  .sort();
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function snapshot(path: string): Record<string, Array<Record<string, unknown>>> {
  const raw = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = raw
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as Array<{ name: string }>;
    return Object.fromEntries(tables.map(({ name }) => [name, tableRows(raw, name)]));
  } finally {
    raw.close();
  }
}

/** Every row of `before` is in `after` with the same values in the columns `before` had (new columns allowed). */
function expectRowsKept(
  before: Record<string, Array<Record<string, unknown>>>,
  after: Record<string, Array<Record<string, unknown>>>,
): void {
  for (const [table, rows] of Object.entries(before)) {
    expect(after[table], `table ${table} is gone`).toBeDefined();
    const got = after[table]!;
    // the migration bookkeeping gains one row per migration applied by the upgrade; every other table is unchanged
    if (table === '__drizzle_migrations') expect(got.length, `rows of ${table}`).toBeGreaterThanOrEqual(rows.length);
    else expect(got.length, `rows of ${table}`).toBe(rows.length);
    // compared as sets of rows in one canonical order: a table rebuilt WITHOUT ROWID (migration 0002) returns its
    // rows in primary-key order, not in insertion order, and the row ids are columns anyway
    const canonical = (list: Array<Record<string, unknown>>, cols: string[]) =>
      list.map((r) => JSON.stringify(cols.map((c) => r[c] ?? null))).sort();
    if (rows.length === 0) continue;
    const cols = Object.keys(rows[0]!);
    const want = canonical(rows, cols);
    const have = canonical(got, cols);
    want.forEach((row, i) => expect(have[i], `${table} row ${i + 1}`).toBe(row));
  }
}

describe('databases of earlier releases', () => {
  it('there is at least one committed fixture, with its description', () => {
    expect(fixtures).toContain('v0.1.0.sqlite');
    for (const f of fixtures) expect(existsSync(join(FIX, f.replace(/\.sqlite$/, '.json')))).toBe(true);
  });

  for (const name of fixtures) {
    it(`${name}: the fixture is as committed, then a copy opens, upgrades and keeps every row`, async () => {
      const original = join(FIX, name);
      const originalSha = sha(original);
      const described = JSON.parse(readFileSync(original.replace(/\.sqlite$/, '.json'), 'utf8')) as {
        tables: ReturnType<typeof describeTables>;
      };
      const ro = new Database(original, { readonly: true, fileMustExist: true });
      expect(describeTables(ro)).toEqual(described.tables);
      ro.close();
      // realistic content, not an empty shell
      expect(described.tables.submissions!.rows).toBeGreaterThan(5);
      expect(described.tables.submission_values!.rows).toBeGreaterThan(100);
      expect(described.tables.files!.rows).toBeGreaterThan(5);

      const dir = tmpDir();
      const copy = join(dir, 'bao-cao-bdg.sqlite');
      copyFileSync(original, copy);
      const before = snapshot(copy);
      const db = openDatabase(copy);
      try {
        expect(db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.raw.pragma('foreign_key_check')).toEqual([]);
        expect(schemaVersion(db.raw).count).toBe(migrations.length);
      } finally {
        db.close();
      }
      expectRowsKept(before, snapshot(copy));
      // a migration that ran took its backup first
      if (migrations.length > before.__drizzle_migrations!.length) {
        expect(listBackups(backupDirFor(copy)).some((b) => b.reason.startsWith('truoc-nang-cap'))).toBe(true);
      }
      // the app works on it: the whole stack over the upgraded data
      const ctx = createContext(copy);
      try {
        const periods = await dispatch(ctx, 'periods.list', {});
        expect(periods.ok).toBe(true);
        for (const p of (periods.ok ? periods.data : []) as Array<{ id: number }>) {
          const c = await dispatch(ctx, 'consolidation.get', { periodId: p.id });
          expect(c.ok, JSON.stringify(c)).toBe(true);
        }
        const check = await dispatch(ctx, 'db.check', {});
        expect(check).toEqual({ ok: true, data: { integrity: 'ok', foreignKeys: 'ok' } });
      } finally {
        ctx.close();
      }
      expect(sha(original), 'the committed fixture must never be modified').toBe(originalSha);
    });
  }
});

describe('a future migration that fails halfway', () => {
  it('leaves the file byte for byte and row for row as before, and says so in Vietnamese', () => {
    const dir = tmpDir();
    const path = join(dir, 'bao-cao-bdg.sqlite');
    copyFileSync(join(FIX, fixtures.at(-1)!), path);
    // bring it to the current schema (WAL header etc.) and close cleanly
    openDatabase(path).close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const fileBefore = sha(path);
    const rowsBefore = snapshot(path);

    const halfway: BundledMigration = {
      idx: migrations.length,
      tag: '9999_hong_giua_chung',
      when: Date.now(),
      hash: 'test-fails-halfway',
      sql: [
        'ALTER TABLE units ADD COLUMN ghi_chu text;',
        "UPDATE units SET name = name || ' (đã đổi)';",
        'DELETE FROM submission_values;',
        'CREATE TABLE bang_moi (id integer primary key);',
        'INSERT INTO bang_khong_ton_tai VALUES (1);',
        'DROP TABLE units;',
      ].join('--> statement-breakpoint\n'),
    };
    migrations.push(halfway);
    let err: unknown;
    try {
      openDatabase(path);
    } catch (e) {
      err = e;
    } finally {
      migrations.pop();
    }
    expect(err).toBeInstanceOf(AppError);
    const msg = (err as AppError).message;
    expect(msg).toMatch(/Không nâng cấp được cơ sở dữ liệu/);
    expect(msg).toMatch(/vẫn giữ nguyên như trước khi nâng cấp/);
    expect(msg).not.toMatch(/no such table|SqliteError/);
    // the failed open released the file (no connection left holding it, no WAL behind)
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(sha(path)).toBe(fileBefore);
    expect(snapshot(path)).toEqual(rowsBefore);
    // the backup taken before the attempt holds the same rows
    const pre = listBackups(backupDirFor(path)).find((b) => b.reason.startsWith('truoc-nang-cap'));
    expect(pre).toBeDefined();
    expectRowsKept(rowsBefore, snapshot(pre!.path));
    // and the current release still opens it
    const again = openDatabase(path);
    expect(again.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
    expect(snapshot(path)).toEqual(rowsBefore);
  });
});

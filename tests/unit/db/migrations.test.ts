import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMigrationBundle } from '../../../scripts/bundle-migrations';
import { listBackups } from '../../../src/main/db/snapshot';
import { applyMigrations, migrations, pendingMigrations, schemaVersion } from '../../../src/main/db/migrate';
import type { BundledMigration } from '../../../src/main/db/migrations/types';
import { openDatabase } from '../../../src/main/db/open';
import { backupDirFor } from '../../../src/main/paths';
import { tmpDir } from '../../helpers/tmp';

const root = join(__dirname, '../../..');

describe('migrations', () => {
  it('the bundled migrations match drizzle/ (run npm run db:generate after a schema change)', () => {
    const current = readFileSync(join(root, 'src/main/db/migrations/bundle.ts'), 'utf8');
    expect(current).toBe(buildMigrationBundle(root));
  });

  it('journal timestamps strictly increase and tags are unique', () => {
    const whens = migrations.map((m) => m.when);
    expect([...whens].sort((a, b) => a - b)).toEqual(whens);
    expect(new Set(whens).size).toBe(whens.length);
    expect(new Set(migrations.map((m) => m.tag)).size).toBe(migrations.length);
  });

  it('no generated SQL drops a table that another references with ON DELETE CASCADE', () => {
    const all = migrations.map((m) => m.sql).join('\n');
    expect(all).not.toMatch(/ON DELETE CASCADE/i);
  });

  it('applies to an empty database with WAL and foreign keys on', () => {
    const dir = tmpDir();
    const db = openDatabase(join(dir, 'a.sqlite'));
    expect(db.migrated).toEqual(migrations.map((m) => m.tag));
    expect(db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db.raw).count).toBe(migrations.length);
    db.close();
    const again = openDatabase(join(dir, 'a.sqlite'));
    expect(again.migrated).toEqual([]);
    again.close();
  });

  it('applies by identity: a migration with an OLDER timestamp than the newest applied is still applied', () => {
    const raw = new Database(':memory:');
    const late: BundledMigration = {
      idx: 0,
      tag: '0000_late',
      when: 2000,
      hash: 'h-late',
      sql: 'CREATE TABLE late_t (id integer);',
    };
    const early: BundledMigration = {
      idx: 1,
      tag: '0001_early',
      when: 1000,
      hash: 'h-early',
      sql: 'CREATE TABLE early_t (id integer);',
    };
    expect(applyMigrations(raw, [late])).toEqual(['0000_late']);
    // drizzle's watermark would skip "early" (1000 < 2000); identity does not
    expect(pendingMigrations(raw, [late, early]).map((m) => m.tag)).toEqual(['0001_early']);
    expect(applyMigrations(raw, [late, early])).toEqual(['0001_early']);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name='early_t'").get()).toBeTruthy();
  });

  it('a failing migration rolls back completely and says so in Vietnamese', () => {
    const raw = new Database(':memory:');
    const ok: BundledMigration = { idx: 0, tag: '0000_ok', when: 1, hash: 'a', sql: 'CREATE TABLE t (id integer);' };
    const bad: BundledMigration = {
      idx: 1,
      tag: '0001_bad',
      when: 2,
      hash: 'b',
      sql: 'ALTER TABLE t ADD COLUMN x integer;--> statement-breakpoint\nINSERT INTO missing_table VALUES (1);',
    };
    applyMigrations(raw, [ok]);
    expect(() => applyMigrations(raw, [ok, bad])).toThrow(/Không nâng cấp được cơ sở dữ liệu/);
    const cols = raw.prepare('PRAGMA table_info(t)').all() as Array<{ name: string }>;
    expect(cols.map((c) => c.name)).toEqual(['id']);
    expect(pendingMigrations(raw, [ok, bad]).map((m) => m.tag)).toEqual(['0001_bad']);
  });

  it('a table rebuild with foreign keys off does not cascade and is checked', () => {
    const raw = new Database(':memory:');
    raw.pragma('foreign_keys = ON');
    const base: BundledMigration = {
      idx: 0,
      tag: '0000',
      when: 1,
      hash: 'x0',
      sql: 'CREATE TABLE p (id integer primary key);--> statement-breakpoint\nCREATE TABLE c (id integer primary key, p integer references p(id) on delete cascade);',
    };
    applyMigrations(raw, [base]);
    raw.exec('INSERT INTO p VALUES (1); INSERT INTO c VALUES (10, 1);');
    const rebuild: BundledMigration = {
      idx: 1,
      tag: '0001',
      when: 2,
      hash: 'x1',
      sql: 'PRAGMA foreign_keys=OFF;--> statement-breakpoint\nCREATE TABLE __new_p (id integer primary key, name text);--> statement-breakpoint\nINSERT INTO __new_p (id) SELECT id FROM p;--> statement-breakpoint\nDROP TABLE p;--> statement-breakpoint\nALTER TABLE __new_p RENAME TO p;--> statement-breakpoint\nPRAGMA foreign_keys=ON;',
    };
    applyMigrations(raw, [base, rebuild]);
    expect(raw.prepare('SELECT count(*) n FROM c').get()).toEqual({ n: 1 });
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('0002 rebuilds submission_values WITHOUT ROWID and keeps every value of an older database', () => {
    const dir = tmpDir();
    const path = join(dir, 'v.sqlite');
    const raw = new Database(path);
    raw.pragma('foreign_keys = ON');
    const upTo0001 = migrations.filter((m) => m.tag < '0002');
    expect(upTo0001.map((m) => m.tag)).toEqual(['0000_init', '0001_consolidation_index']);
    applyMigrations(raw, upTo0001);
    raw.exec(`
      INSERT INTO templates (id, code, version, name, period_kinds, rows) VALUES (1, 'BDG-DV', 1, 'Mẫu', '[]', '[]');
      INSERT INTO periods (id, year, kind, label, data_from, data_to, deadline, template_id)
        VALUES (1, 2026, 'half_year', '6 tháng đầu năm 2026', '2025-12-15', '2026-06-14', '2026-06-10', 1);
      INSERT INTO units (id, code, name, search_key, kind, sort_order) VALUES (1, 'X1', 'Xã Một', 'xa mot', 'xa', 1);
      INSERT INTO files (sha256, size, bytes) VALUES ('h1', 1, x'00'), ('h2', 1, x'01');
      INSERT INTO submissions (id, period_id, unit_id, revision, received_at, file_name, sha256)
        VALUES (1, 1, 1, 1, '2026-06-01', 'a.xlsx', 'h1'), (2, 1, 1, 2, '2026-06-02', 'b.xlsx', 'h2');
      UPDATE submissions SET superseded_by = 2 WHERE id = 1;
    `);
    const ins = raw.prepare(
      'INSERT INTO submission_values (submission_id, element, cell, state, num, text) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const rows: Array<[number, string, string, string, number | null, string | null]> = [
      [2, 'DE01', 'total', 'number', 1234.5, null],
      [2, 'DE01', 'female', 'number', 0, null],
      [2, 'DE02', 'value', 'yesno', 1, null],
      [2, 'DE03', 'value', 'text', null, 'Ghi chú có dấu: Đắk Lắk'],
      [2, 'DE04', 'total', 'na', null, null],
      [1, 'DE01', 'total', 'number', 1000, null],
    ];
    for (const r of rows) ins.run(...r);
    const all = 'SELECT submission_id, element, cell, state, num, text FROM submission_values ORDER BY 1, 2, 3';
    const before = raw.prepare(all).all();
    raw.close();

    const db = openDatabase(path);
    expect(db.migrated).toEqual(migrations.filter((m) => m.tag >= '0002').map((m) => m.tag));
    expect(db.raw.prepare(all).all()).toEqual(before);
    const ddl = db.raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'submission_values'").get() as {
      sql: string;
    };
    expect(ddl.sql).toMatch(/WITHOUT ROWID\s*$/);
    expect(
      db.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'submission_values'").all(),
    ).toEqual([]);
    expect(db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.raw.pragma('foreign_key_check')).toEqual([]);
    // the primary key and the foreign key still hold
    expect(() =>
      db.raw.prepare('INSERT INTO submission_values VALUES (2, ?, ?, ?, ?, ?)').run('DE01', 'total', 'number', 1, null),
    ).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db.raw
        .prepare('INSERT INTO submission_values VALUES (99, ?, ?, ?, ?, ?)')
        .run('DE01', 'total', 'number', 1, null),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('takes a backup before upgrading an existing database', () => {
    const dir = tmpDir();
    const path = join(dir, 'b.sqlite');
    // an "older release": only the first migration applied, plus data
    const raw = new Database(path);
    applyMigrations(raw, migrations.slice(0, 1));
    raw.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'giữ nguyên')").run();
    raw.close();
    const fake: BundledMigration = {
      idx: 99,
      tag: '9999_test',
      when: Date.now(),
      hash: 'test-extra',
      sql: 'CREATE TABLE extra_t (id integer);',
    };
    migrations.push(fake);
    try {
      const db = openDatabase(path);
      expect(db.migrated).toContain('9999_test');
      expect(db.raw.prepare("SELECT value FROM settings WHERE key='marker'").get()).toEqual({ value: 'giữ nguyên' });
      db.close();
      const backups = listBackups(backupDirFor(path));
      expect(backups.some((b) => b.name.includes('truoc-nang-cap'))).toBe(true);
    } finally {
      migrations.pop();
    }
    expect(existsSync(backupDirFor(path))).toBe(true);
    expect(readdirSync(backupDirFor(path)).length).toBeGreaterThan(0);
  });
});

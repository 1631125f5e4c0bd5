/**
 * Applies bundled migrations by identity (hash), not by drizzle's timestamp watermark, so a migration merged
 * out of order is never skipped. Each migration runs in its own transaction; one that turns foreign keys off
 * gets them turned off *before* BEGIN (SQLite ignores the pragma inside a transaction), is checked with
 * foreign_key_check, and only then committed. A failure rolls back and leaves the database as it was.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/result';
import { migrations as bundled } from './migrations/bundle';
import type { BundledMigration } from './migrations/types';

const TABLE = '__drizzle_migrations';

export function ensureMigrationTable(raw: BetterSqlite3.Database): void {
  raw.exec(
    `CREATE TABLE IF NOT EXISTS "${TABLE}" (id INTEGER PRIMARY KEY AUTOINCREMENT, hash text NOT NULL, created_at numeric)`,
  );
}

export function appliedHashes(raw: BetterSqlite3.Database): Set<string> {
  ensureMigrationTable(raw);
  const rows = raw.prepare(`SELECT hash FROM "${TABLE}"`).all() as Array<{ hash: string }>;
  return new Set(rows.map((r) => r.hash));
}

export function pendingMigrations(raw: BetterSqlite3.Database, list: BundledMigration[] = bundled): BundledMigration[] {
  const done = appliedHashes(raw);
  return list.filter((m) => !done.has(m.hash));
}

export function applyMigrations(raw: BetterSqlite3.Database, list: BundledMigration[] = bundled): string[] {
  const pending = pendingMigrations(raw, list);
  const applied: string[] = [];
  for (const m of pending) {
    const fkOff = /PRAGMA\s+foreign_keys\s*=\s*(OFF|0)/i.test(m.sql);
    const statements = m.sql
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && !/^PRAGMA\s+foreign_keys\s*=/i.test(s));
    if (fkOff) raw.pragma('foreign_keys = OFF');
    try {
      raw.exec('BEGIN IMMEDIATE');
      try {
        for (const s of statements) raw.exec(s);
        if (fkOff) {
          const bad = raw.pragma('foreign_key_check') as unknown[];
          if (bad.length > 0) throw new Error(`foreign_key_check: ${bad.length} dòng vi phạm khóa ngoại`);
        }
        raw.prepare(`INSERT INTO "${TABLE}" (hash, created_at) VALUES (?, ?)`).run(m.hash, m.when);
        raw.exec('COMMIT');
      } catch (e) {
        raw.exec('ROLLBACK');
        throw new AppError(
          'internal',
          `Không nâng cấp được cơ sở dữ liệu (bước ${m.tag}). Cơ sở dữ liệu vẫn giữ nguyên như trước khi nâng cấp; ` +
            'hãy gửi thông báo này cho bộ phận kỹ thuật.',
          { migration: m.tag, cause: e instanceof Error ? e.message : String(e) },
        );
      }
    } finally {
      if (fkOff) raw.pragma('foreign_keys = ON');
    }
    applied.push(m.tag);
  }
  return applied;
}

export function schemaVersion(
  raw: BetterSqlite3.Database,
  list: BundledMigration[] = bundled,
): { tag: string; count: number } {
  const done = appliedHashes(raw);
  const appliedList = list.filter((m) => done.has(m.hash));
  const last = appliedList[appliedList.length - 1];
  return { tag: last ? last.tag : 'none', count: done.size };
}

export { bundled as migrations };

/**
 * The WAL tracker (issue 20, db/chunk-backup.ts): a backup after a backup on the same connection hashes only the
 * chunks holding a page written to the WAL since, and takes the others' hashes from the previous manifest. Each
 * case a change could slip past the shortcut is here: a write after the backup (ours, of every kind), a
 * checkpoint between backups (ours, another connection's), another connection's write, another connection's
 * commit between the listing of the WAL and the checkpoint, a restart of the connection or of the process, a
 * replaced file. After each, the backup rebuilds the database BYTE-EQUAL to the live one (its pages as SQLite
 * sees them: `serialize()`), and says whether it took the shortcut (`hashed.tracked`); one restores through the
 * real op and compares every table and every original.
 */
import Database from 'better-sqlite3';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext, type Ctx } from '../../../src/main/api/context';
import { dispatch } from '../../../src/main/api/dispatch';
import { materializeBackup, walTracked, writeChunkBackup } from '../../../src/main/db/chunk-backup';
import { moveOriginalsOut, referencedPacks } from '../../../src/main/db/originals-store';
import { takeBackup } from '../../../src/main/services/backups';
import { getCatalog } from '../../../src/main/services/catalog';
import { saveUnit } from '../../../src/main/services/units';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { filledForm } from '../../helpers/province';
import { tmpDir } from '../../helpers/tmp';
import { buildNationalDb } from '../../../scripts/bench/national';

/** A database of some size: 120 units, 2 periods of figures with their originals (~100 chunks). */
function province(): { ctx: Ctx; units: Array<{ code: string }>; target: number } {
  const nat = buildNationalDb(join(tmpDir(), 'tinh.sqlite'), { units: 120, years: [2026], originalBytes: 3000 });
  return { ctx: nat.ctx, units: nat.units, target: nat.target };
}

/** Takes a backup and checks it rebuilds the live database byte for byte; returns what it hashed. */
function exactBackup(ctx: Ctx) {
  const b = takeBackup(ctx, 'thu-cong');
  const file = join(tmpDir(), 'dung-lai.sqlite');
  materializeBackup(ctx.backupDir, b.name, file);
  const rebuilt = readFileSync(file);
  const live = ctx.raw.serialize();
  expect(rebuilt.length).toBe(live.length);
  // byte-equal (compared as a whole; the index of the first differing byte helps when it is not)
  expect(rebuilt.equals(live) ? -1 : rebuilt.findIndex((x, i) => x !== live[i])).toBe(-1);
  return { ...b.hashed!, name: b.name };
}

const other = (ctx: Ctx) => {
  const db = new Database(ctx.dbPath);
  db.pragma('busy_timeout = 5000');
  return db;
};

/** A unit written by SQL (another connection, or ours without the services). */
const insertUnit = (db: Database.Database, code: string) =>
  db
    .prepare('INSERT INTO units (code, name, kind, search_key, sort_order) VALUES (?, ?, ?, ?, ?)')
    .run(code, `Đơn vị ${code}`, 'xa', `don vi ${code.toLowerCase()}`, 9000);

/** A row in another table than units (other pages than a unit's). */
const setting = (db: Database.Database, key: string) =>
  db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, 'x'.repeat(200));

describe('backups that hash only what changed (the WAL tracker)', () => {
  it('writes after a backup (ours, of every kind): the next backup hashes only their chunks and is exact', async () => {
    const { ctx, units, target } = province();
    try {
      const first = exactBackup(ctx);
      expect(first.tracked).toBe(false);
      expect(walTracked(ctx.raw)).toBe(true);
      // while tracked, our connection does not checkpoint by itself (the next backup's checkpoint does)
      expect(ctx.raw.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      // nothing written: an empty WAL proves nothing (a checkpoint may have emptied it), so every chunk is
      // hashed; the tracking goes on from it
      expect(exactBackup(ctx)).toMatchObject({ tracked: false });
      expect(walTracked(ctx.raw)).toBe(true);
      // a unit (a few pages)
      saveUnit(ctx.db, { code: 'X901', name: 'Xã Mới', kind: 'xa' });
      const small = exactBackup(ctx);
      expect(small.tracked).toBe(true);
      expect(small.chunks).toBeGreaterThan(0);
      expect(small.chunks).toBeLessThan(small.of / 4);
      // a file imported through the real op (its batch takes its own tracked backup first, moves its original
      // out after), a deletion, an update of many rows
      const c = getCatalog(ctx.db);
      const f = await filledForm(
        ctx,
        target,
        units[3]!.code,
        toFill(unitFigures(c.dataElements, c.validationRules, c.cellLabels, 77)),
      );
      const r = await dispatch(ctx, 'imports.batch', { periodId: target, files: [f], allowBlanking: true });
      expect(r.ok && (r.data as { results: Array<{ status: string }> }).results.map((x) => x.status)).toEqual([
        'accepted',
      ]);
      ctx.raw.prepare("DELETE FROM units WHERE code = 'X901'").run();
      ctx.raw.prepare("UPDATE units SET name = name || ' (sửa)' WHERE kind = 'xa'").run();
      const mixed = exactBackup(ctx);
      expect(mixed.tracked).toBe(true);
      expect(mixed.chunks).toBeLessThan(mixed.of);
      // a VACUUM rewrites every page through the WAL: every chunk hashed, still through the tracker
      ctx.raw.exec('VACUUM');
      const all = exactBackup(ctx);
      expect(all.tracked).toBe(true);
      expect(all.chunks).toBe(all.of);
    } finally {
      ctx.close();
    }
  });

  it('a checkpoint between backups (ours or another connection’s) is noticed: the next backup hashes everything', () => {
    const { ctx } = province();
    const db = other(ctx);
    try {
      exactBackup(ctx);
      // ours: a write, a checkpoint that restarts the WAL, a write elsewhere (the first one's pages left the WAL)
      setting(ctx.raw, 'thu.mot');
      ctx.raw.pragma('wal_checkpoint(TRUNCATE)');
      saveUnit(ctx.db, { code: 'X902', name: 'Xã Hai', kind: 'xa' });
      expect(exactBackup(ctx).tracked).toBe(false);
      // another connection's: it checkpoints everything, then our next write restarts the WAL
      setting(ctx.raw, 'thu.hai');
      db.pragma('wal_checkpoint(PASSIVE)');
      saveUnit(ctx.db, { code: 'X904', name: 'Xã Bốn', kind: 'xa' });
      expect(exactBackup(ctx).tracked).toBe(false);
      // its automatic checkpoint after its own commits (here after every page)
      db.pragma('wal_autocheckpoint = 1');
      setting(db, 'thu.ba');
      insertUnit(db, 'X906');
      expect(exactBackup(ctx).tracked).toBe(false);
      // and after each, the tracking starts again
      saveUnit(ctx.db, { code: 'X907', name: 'Xã Bảy', kind: 'xa' });
      expect(exactBackup(ctx).tracked).toBe(true);
    } finally {
      db.close();
      ctx.close();
    }
  });

  it('another connection’s commit (between backups, or between the listing of the WAL and the checkpoint): everything hashed, exact', () => {
    const { ctx } = province();
    const db = other(ctx);
    try {
      exactBackup(ctx);
      saveUnit(ctx.db, { code: 'X900', name: 'Xã Không', kind: 'xa' });
      expect(exactBackup(ctx).tracked).toBe(true);
      // its frames are in the WAL too, but the first frame it writes into an emptied WAL may pick new salts:
      // data_version says another connection committed, and the tracker does not hold
      insertUnit(db, 'X901');
      saveUnit(ctx.db, { code: 'X902', name: 'Xã Hai', kind: 'xa' });
      expect(exactBackup(ctx).tracked).toBe(false);
      saveUnit(ctx.db, { code: 'X903', name: 'Xã Ba', kind: 'xa' });
      expect(exactBackup(ctx).tracked).toBe(true);
      // a commit by another connection after the WAL was listed, before the checkpoint copies it into the file
      saveUnit(ctx.db, { code: 'X904', name: 'Xã Bốn', kind: 'xa' });
      const b = writeChunkBackup(
        ctx.raw,
        ctx.dbPath,
        ctx.backupDir,
        'sao-luu-20990101-000000-000-khe-ho.json',
        { reason: 'khe-ho', identity: { databaseId: null, province: '' } },
        undefined,
        { beforeCheckpoint: () => insertUnit(db, 'X905') },
      );
      expect(b.hashed.tracked).toBe(false);
      const file = join(tmpDir(), 'khe-ho.sqlite');
      materializeBackup(ctx.backupDir, b.name, file);
      expect(readFileSync(file).equals(ctx.raw.serialize())).toBe(true);
      const rebuilt = new Database(file, { readonly: true });
      const codes = "SELECT count(*) AS n FROM units WHERE code IN ('X901', 'X902', 'X903', 'X904', 'X905')";
      expect(rebuilt.prepare(codes).get()).toEqual({ n: 5 });
      rebuilt.close();
    } finally {
      db.close();
      ctx.close();
    }
  });

  it('a restart between backups (the connection reopened, the process started again, the file replaced): everything hashed, exact', async () => {
    const { ctx: first } = province();
    const path = first.dbPath;
    let ctx = first;
    try {
      exactBackup(ctx);
      saveUnit(ctx.db, { code: 'X901', name: 'Xã Một', kind: 'xa' });
      // the connection reopened (as after a restore): a new connection, no tracker
      ctx.reopen();
      expect(walTracked(ctx.raw)).toBe(false);
      saveUnit(ctx.db, { code: 'X902', name: 'Xã Hai', kind: 'xa' });
      expect(exactBackup(ctx).tracked).toBe(false);
      // the process started again: closed (its last connection checkpoints and deletes the WAL), opened again
      saveUnit(ctx.db, { code: 'X903', name: 'Xã Ba', kind: 'xa' });
      ctx.close();
      ctx = createContext(path);
      // its first backup hashes everything; with the WAL empty (deleted at the close) it first gives the WAL a
      // header (a write that changes no row) so that the tracking can start from it
      expect(exactBackup(ctx).tracked).toBe(false);
      expect(walTracked(ctx.raw)).toBe(true);
      saveUnit(ctx.db, { code: 'X904', name: 'Xã Bốn', kind: 'xa' });
      expect(exactBackup(ctx).tracked).toBe(true);
      saveUnit(ctx.db, { code: 'X905', name: 'Xã Năm', kind: 'xa' });
      const tracked = exactBackup(ctx);
      expect(tracked.tracked).toBe(true);
      // restored from the tracked backup through the real op: every table as it was, the file replaced (a new
      // inode), the connection reopened
      const before = ctx.raw.prepare('SELECT code, name FROM units ORDER BY code').all();
      saveUnit(ctx.db, { code: 'X906', name: 'Xã Sáu', kind: 'xa' });
      const r = await dispatch(ctx, 'backup.restore', { name: tracked.name });
      expect(r.ok).toBe(true);
      expect(ctx.raw.prepare('SELECT code, name FROM units ORDER BY code').all()).toEqual(before);
      saveUnit(ctx.db, { code: 'X907', name: 'Xã Bảy', kind: 'xa' });
      expect(exactBackup(ctx).tracked).toBe(false);
    } finally {
      ctx.close();
      rmSync(path, { force: true });
    }
  });

  it('the packs the rows reference (kept between backups) follow every change: ours, a rollback, another connection’s, DDL', () => {
    const { ctx } = province();
    const db = other(ctx);
    try {
      const truth = () =>
        new Set(
          (
            ctx.raw.prepare('SELECT DISTINCT pack FROM files WHERE pack IS NOT NULL').all() as Array<{ pack: string }>
          ).map((r) => r.pack),
        );
      moveOriginalsOut(ctx.raw, ctx.dbPath);
      const packs = referencedPacks(ctx.raw);
      expect(packs.size).toBeGreaterThan(0);
      expect(packs).toEqual(truth());
      const [one] = [...packs];
      // ours
      ctx.raw.prepare("UPDATE files SET pack = 'a'||pack WHERE pack = ?").run(one);
      expect(referencedPacks(ctx.raw)).toEqual(truth());
      expect(referencedPacks(ctx.raw).has(one!)).toBe(false);
      // a rolled-back change (the set before it, again)
      const before = referencedPacks(ctx.raw);
      try {
        ctx.raw.transaction(() => {
          ctx.raw.prepare('UPDATE files SET pack = NULL').run();
          expect(referencedPacks(ctx.raw).size).toBe(0);
          throw new Error('bỏ');
        })();
      } catch {
        // rolled back
      }
      expect(referencedPacks(ctx.raw)).toEqual(before);
      // another connection's
      db.prepare("UPDATE files SET pack = 'b'||pack WHERE pack = 'a'||?").run(one);
      expect(referencedPacks(ctx.raw)).toEqual(truth());
      expect(referencedPacks(ctx.raw).has(`ba${one}`)).toBe(true);
      // DDL by ours (a table recreated with other rows under the same name)
      ctx.raw.exec('CREATE TABLE files_cu AS SELECT * FROM files; DELETE FROM files_cu WHERE pack IS NOT NULL');
      ctx.raw.pragma('foreign_keys = OFF');
      ctx.raw.exec('ALTER TABLE files RENAME TO files_moi; ALTER TABLE files_cu RENAME TO files');
      expect(referencedPacks(ctx.raw)).toEqual(new Set());
      ctx.raw.exec('DROP TABLE files; ALTER TABLE files_moi RENAME TO files');
      ctx.raw.pragma('foreign_keys = ON');
      expect(referencedPacks(ctx.raw)).toEqual(truth());
      expect(truth().size).toBe(packs.size);
    } finally {
      db.close();
      ctx.close();
    }
  });
});

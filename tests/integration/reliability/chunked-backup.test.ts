/**
 * Backups that cost what changed (issue 20): originals moved out of the database into content-addressed packs,
 * backups as chunk manifests. Restore is exact (every table's rows, every original byte-equal through the real
 * ops); a small change writes a few chunks; rotation keeps what kept backups need and removes the rest; the move
 * is crash-safe; a damaged pack is detected or recovered; an exported copy is self-contained.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { createContext, type Ctx } from '../../../src/main/api/context';
import { chunksDir, readManifest } from '../../../src/main/db/chunk-backup';
import {
  backupOriginalsDir,
  fileSha256,
  moveOriginalsOut,
  originalsDirFor,
} from '../../../src/main/db/originals-store';
import { takeBackup } from '../../../src/main/services/backups';
import { sha256 } from '../../../src/main/services/imports';
import { getCatalog } from '../../../src/main/services/catalog';
import { updateSettings } from '../../../src/main/services/settings';
import { saveUnit } from '../../../src/main/services/units';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { filledForm, smallProvince } from '../../helpers/province';
import { tmpDir } from '../../helpers/tmp';
import { buildNationalDb } from '../../../scripts/bench/national';

type P = ReturnType<typeof smallProvince>;

async function form(p: P, code: string, seed: number) {
  const c = getCatalog(p.ctx.db);
  return filledForm(
    p.ctx,
    p.period.id,
    code,
    toFill(unitFigures(c.dataElements, c.validationRules, c.cellLabels, seed)),
  );
}

async function ok<T>(ctx: Ctx, name: string, input: unknown): Promise<T> {
  const r = await dispatch(ctx, name as never, input as never);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.data as T;
}

async function batch(p: P, files: Array<{ name: string; bytes: Uint8Array }>) {
  const r = await ok<{ results: Array<{ status: string }> }>(p.ctx, 'imports.batch', {
    periodId: p.period.id,
    files,
    allowBlanking: true,
  });
  return r.results.map((x) => x.status);
}

/** Every table's rows (blobs as hex), each table sorted: two databases are equal when these are. */
function dump(ctx: Ctx, skip: string[] = []): Record<string, string[]> {
  const tables = ctx.raw
    .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>;
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    if (skip.includes(name)) continue;
    out[name] = (ctx.raw.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>)
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? `hex:${v.toString('hex')}` : v)))
      .sort();
  }
  return out;
}

/** Every original, downloaded through the real ops: each submission's and each inbox entry's. */
async function originals(ctx: Ctx): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const subs = ctx.raw.prepare('SELECT id FROM submissions ORDER BY id').all() as Array<{ id: number }>;
  for (const { id } of subs) {
    const f = await ok<{ name: string; bytes: Uint8Array }>(ctx, 'submissions.original', { id });
    out.set(`s${id}`, `${f.name}:${Buffer.from(f.bytes).toString('hex')}`);
  }
  const entries = ctx.raw
    .prepare('SELECT a.id FROM import_attempts a JOIN files f ON f.sha256 = a.sha256 ORDER BY a.id')
    .all() as Array<{ id: number }>;
  for (const { id } of entries) {
    const f = await ok<{ name: string; bytes: Uint8Array }>(ctx, 'inbox.original', { id });
    out.set(`e${id}`, `${f.name}:${Buffer.from(f.bytes).toString('hex')}`);
  }
  return out;
}

const packed = (ctx: Ctx) =>
  ctx.raw.prepare('SELECT count(*) AS n FROM files WHERE pack IS NOT NULL AND length(bytes) = 0').get() as {
    n: number;
  };

describe('chunked backups and the originals store', () => {
  it('restore from a new backup is exact: every table, every original byte-equal (missing packs put back)', async () => {
    const p = smallProvince();
    try {
      expect(await batch(p, [await form(p, 'S01', 1), await form(p, 'S02', 2), await form(p, 'X01', 3)])).toEqual([
        'accepted',
        'accepted',
        'accepted',
      ]);
      // the batch's originals left the database (moved after the batch)
      expect(packed(p.ctx).n).toBe(3);
      const b = await ok<{ name: string; size: number; label: string }>(p.ctx, 'backup.create', {});
      expect(b.name).toMatch(/^sao-luu-.*-thu-cong\.json$/);
      expect(b.label).toBe('Sao lưu thủ công');
      const tables = dump(p.ctx);
      const files = await originals(p.ctx);
      expect(files.size).toBe(6);
      // the list says what the backup holds logically: the database and the originals it needs
      const m = readManifest(join(p.ctx.backupDir, b.name));
      expect(b.size).toBe(m.dbSize + m.originalsBytes);
      expect(m.originalsBytes).toBeGreaterThan(0);

      // changes after the backup: another batch (a revision, a new unit's file), a unit
      expect(await batch(p, [await form(p, 'S01', 9), await form(p, 'D01', 4)])).toEqual(['accepted', 'accepted']);
      saveUnit(p.ctx.db, { code: 'X09', name: 'Xã Mới', kind: 'xa' });
      expect(dump(p.ctx)).not.toEqual(tables);
      // the live originals store lost (a new PC, a deleted folder): the restore puts back what it needs
      rmSync(originalsDirFor(p.ctx.dbPath), { recursive: true, force: true });

      const r = await ok<{ keptAs: string }>(p.ctx, 'backup.restore', { name: b.name });
      expect(existsSync(r.keptAs)).toBe(true);
      // the restore itself put back every pack the restored database references (before any read)
      const live = originalsDirFor(p.ctx.dbPath);
      expect(m.originalPacks.length).toBeGreaterThan(0);
      for (const pack of m.originalPacks) expect(existsSync(join(live, pack)), pack).toBe(true);
      expect(dump(p.ctx)).toEqual(tables);
      expect(await originals(p.ctx)).toEqual(files);
      expect(await ok<{ integrity: string }>(p.ctx, 'db.check', {})).toEqual({ integrity: 'ok', foreignKeys: 'ok' });

      // a new PC: a fresh database beside the same backups folder, no originals store at all
      const path = p.ctx.dbPath;
      p.ctx.close();
      for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true });
      rmSync(live, { recursive: true, force: true });
      const fresh = createContext(path);
      try {
        await ok(fresh, 'backup.restore', { name: b.name });
        for (const pack of m.originalPacks) expect(existsSync(join(live, pack)), pack).toBe(true);
        expect(dump(fresh)).toEqual(tables);
        expect(await originals(fresh)).toEqual(files);
      } finally {
        fresh.close();
      }
    } finally {
      p.ctx.dispose();
    }
  });

  it('a backup after a small change writes only a few chunks; after a batch, its one new original pack', async () => {
    // a database with some years in it (150 units, 4 periods, their figures and originals)
    const nat = buildNationalDb(join(tmpDir(), 'nam.sqlite'), { units: 150, years: [2025, 2026], originalBytes: 4000 });
    const ctx = nat.ctx;
    try {
      const first = takeBackup(ctx, 'thu-cong');
      const m = readManifest(first.path);
      const total = Math.ceil(m.dbSize / m.chunkSize);
      expect(total).toBeGreaterThan(30);
      // the first backup writes everything: every chunk (but repeated ones), the one pack of the originals
      expect(first.written!.chunks).toBeGreaterThan(total / 2);
      expect(first.written!.originalPacks).toBe(1);
      saveUnit(ctx.db, { code: 'X09', name: 'Xã Mới', kind: 'xa' });
      const small = takeBackup(ctx, 'thu-cong');
      expect(small.written!.chunks).toBeGreaterThan(0);
      expect(small.written!.chunks).toBeLessThanOrEqual(4);
      expect(small.written!.originalPacks).toBe(0);
      // nothing changed: nothing written
      expect(takeBackup(ctx, 'thu-cong').written).toEqual({ chunks: 0, bytes: 0, originalPacks: 0, originalBytes: 0 });
      // a batch: a few chunks and its one new original pack
      const c = getCatalog(ctx.db);
      const code = nat.units[0]!.code;
      const f = await filledForm(
        ctx,
        nat.target,
        code,
        toFill(unitFigures(c.dataElements, c.validationRules, c.cellLabels, 7)),
      );
      const r = await ok<{ results: Array<{ status: string }> }>(ctx, 'imports.batch', {
        periodId: nat.target,
        files: [f],
        allowBlanking: true,
      });
      expect(r.results.map((x) => x.status)).toEqual(['accepted']);
      const after = takeBackup(ctx, 'thu-cong');
      expect(after.written!.originalPacks).toBe(1);
      expect(after.written!.chunks).toBeLessThan(total / 4);
    } finally {
      ctx.close();
    }
  });

  it('rotation removes unreferenced chunk and original packs and keeps what kept backups need', async () => {
    const p = smallProvince();
    try {
      updateSettings(p.ctx.db, { backupKeep: 2 });
      const made: string[] = [];
      const states: Array<Record<string, string[]>> = [];
      for (const [i, code] of ['S01', 'S02', 'D01', 'X01'].entries()) {
        expect(await batch(p, [await form(p, code, 10 + i)])).toEqual(['accepted']);
        saveUnit(p.ctx.db, { code: `X9${i}`, name: `Xã thử ${i}`, kind: 'xa' });
        // before the third backup every page is rewritten (a VACUUM), so the first two rounds' packs hold
        // nothing a later backup needs: which packs a small change leaves referenced depends on the page layout
        if (i === 2) p.ctx.raw.exec('VACUUM');
        made.push(takeBackup(p.ctx, 'thu-cong', 2).name);
        states.push(dump(p.ctx));
      }
      const kept = readdirSync(p.ctx.backupDir).filter((n) => n.endsWith('.json'));
      // the newest two: the last manual backup and the backup before the last batch
      expect(kept).toHaveLength(2);
      expect(kept).toContain(made[3]);
      expect(kept.find((n) => n !== made[3])).toMatch(/truoc-nhap-bao-cao/);
      const needChunks = new Set(kept.flatMap((n) => readManifest(join(p.ctx.backupDir, n)).chunkPacks));
      const needOriginals = new Set(kept.flatMap((n) => readManifest(join(p.ctx.backupDir, n)).originalPacks));
      const chunkFiles = readdirSync(chunksDir(p.ctx.backupDir));
      const originalFiles = readdirSync(backupOriginalsDir(p.ctx.backupDir));
      // exactly what the kept backups need (the live database needs no pack they lack)
      expect(new Set(chunkFiles)).toEqual(needChunks);
      expect(new Set(originalFiles)).toEqual(needOriginals);
      // four backups wrote four chunk packs: the rotated ones' own chunks are gone
      expect(chunkFiles.length).toBeLessThan(4);
      expect(needChunks.size).toBeLessThan(4);
      // the oldest kept backup still restores exactly, originals included
      // (taken before the 4th batch: the state after the 3rd round)
      const oldest = kept.sort()[0]!;
      const liveFiles = await originals(p.ctx);
      await ok(p.ctx, 'backup.restore', { name: oldest });
      expect(dump(p.ctx)).toEqual(states[2]);
      const restored = await originals(p.ctx);
      for (const [k, v] of restored) expect(liveFiles.get(k), k).toBe(v);
    } finally {
      p.ctx.dispose();
    }
  });

  it('the move is crash-safe: a pack written without its transaction leaves the original in the database, the orphan is collected later', async () => {
    const p = smallProvince();
    try {
      const f1 = await form(p, 'S01', 1);
      await ok(p.ctx, 'imports.file', { periodId: p.period.id, file: f1 });
      const crash = () => {
        throw new Error('killed before the transaction');
      };
      expect(() => moveOriginalsOut(p.ctx.raw, p.ctx.dbPath, { beforeCommit: crash })).toThrow(/killed/);
      const dir = originalsDirFor(p.ctx.dbPath);
      const orphans = readdirSync(dir);
      expect(orphans).toHaveLength(1);
      expect(packed(p.ctx).n).toBe(0);
      const sub = p.ctx.raw.prepare('SELECT id FROM submissions').get() as { id: number };
      const got = await ok<{ bytes: Uint8Array }>(p.ctx, 'submissions.original', { id: sub.id });
      expect(Buffer.from(got.bytes).equals(f1.bytes)).toBe(true);
      // another file arrives; the next move writes another pack (two originals), the young orphan stays
      await ok(p.ctx, 'imports.file', { periodId: p.period.id, file: await form(p, 'S02', 2) });
      const young = moveOriginalsOut(p.ctx.raw, p.ctx.dbPath);
      expect(young.moved).toBe(2);
      expect(young.orphansRemoved).toEqual([]);
      expect(readdirSync(dir).sort()).toEqual([...orphans, ...young.packs].sort());
      // once old enough, the orphan is collected by the next move; the referenced pack stays
      const old = new Date(Date.now() - 3600_000);
      utimesSync(join(dir, orphans[0]!), old, old);
      utimesSync(join(dir, young.packs[0]!), old, old);
      const later = moveOriginalsOut(p.ctx.raw, p.ctx.dbPath);
      expect(later.orphansRemoved).toEqual(orphans);
      expect(readdirSync(dir)).toEqual(young.packs);
      const again = await ok<{ bytes: Uint8Array }>(p.ctx, 'submissions.original', { id: sub.id });
      expect(Buffer.from(again.bytes).equals(f1.bytes)).toBe(true);
    } finally {
      p.ctx.dispose();
    }
  });

  it("the move writes a batch's originals from the bytes it holds only when they are them (same length, same SHA-256)", async () => {
    const p = smallProvince();
    try {
      const f1 = await form(p, 'S01', 1);
      const f2 = await form(p, 'S02', 2);
      for (const f of [f1, f2]) await ok(p.ctx, 'imports.file', { periodId: p.period.id, file: f });
      // a held copy that is not the original (same length, one byte changed) must not be written for it
      const tampered = Uint8Array.from(f2.bytes);
      tampered[100] = tampered[100]! ^ 0xff;
      const known = new Map<string, Uint8Array>([
        [sha256(f1.bytes), f1.bytes],
        [sha256(f2.bytes), tampered],
      ]);
      const moved = moveOriginalsOut(p.ctx.raw, p.ctx.dbPath, { known });
      expect(moved.moved).toBe(2);
      // the pack is what the database held, in its order: the originals themselves
      const pack = readFileSync(join(originalsDirFor(p.ctx.dbPath), moved.packs[0]!));
      expect(pack.equals(Buffer.concat([f1.bytes, f2.bytes]))).toBe(true);
      const subs = p.ctx.raw.prepare('SELECT id FROM submissions ORDER BY id').all() as Array<{ id: number }>;
      const back = await Promise.all(
        subs.map((x) => ok<{ bytes: Uint8Array }>(p.ctx, 'submissions.original', { id: x.id })),
      );
      // both originals download byte-equal (each submission's bytes are one of the two, and both are there)
      expect(back.map((b) => sha256(b.bytes)).sort()).toEqual([sha256(f1.bytes), sha256(f2.bytes)].sort());
    } finally {
      p.ctx.close();
    }
  });

  it('a damaged pack is detected (clear error naming the file) or recovered from the backups folder', async () => {
    const p = smallProvince();
    try {
      const f1 = await form(p, 'S01', 1);
      await ok(p.ctx, 'imports.file', { periodId: p.period.id, file: f1 });
      const moved = moveOriginalsOut(p.ctx.raw, p.ctx.dbPath);
      const pack = join(originalsDirFor(p.ctx.dbPath), moved.packs[0]!);
      const good = readFileSync(pack);
      const bad = Buffer.from(good);
      const mid = Math.floor(bad.length / 2);
      bad[mid] = bad[mid]! ^ 0xff;
      writeFileSync(pack, bad);
      const sub = p.ctx.raw.prepare('SELECT id, file_name AS name FROM submissions').get() as {
        id: number;
        name: string;
      };
      const r = await dispatch(p.ctx, 'submissions.original', { id: sub.id });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toContain(`Tệp gốc "${sub.name}" bị hỏng`);
        expect(r.error.message).toMatch(/khôi phục/);
      }
      // with a backup holding the pack, the read recovers it and repairs the live store
      writeFileSync(pack, good);
      takeBackup(p.ctx, 'thu-cong');
      writeFileSync(pack, bad);
      const back = await ok<{ bytes: Uint8Array }>(p.ctx, 'submissions.original', { id: sub.id });
      expect(Buffer.from(back.bytes).equals(f1.bytes)).toBe(true);
      expect(`${fileSha256(pack)}.pack`).toBe(moved.packs[0]);
      // a damaged chunk of a backup: its restore is refused and the live database is untouched
      const b = takeBackup(p.ctx, 'thu-cong');
      const m = readManifest(b.path);
      const chunk = join(chunksDir(p.ctx.backupDir), m.chunkPacks[0]!);
      const c = readFileSync(chunk);
      // a byte near the end of a page (cell content or unused space: SQLite alone might not notice)
      c[c.length - 1] = c[c.length - 1]! ^ 0xff;
      writeFileSync(chunk, c);
      const before = dump(p.ctx);
      const refused = await dispatch(p.ctx, 'backup.restore', { name: b.name });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.message).toMatch(/bị hỏng .*nên chưa khôi phục/);
      expect(dump(p.ctx)).toEqual(before);
    } finally {
      p.ctx.dispose();
    }
  });

  it('an exported copy is one self-contained .sqlite: restored elsewhere it is exact, its originals moved out later', async () => {
    const p = smallProvince();
    try {
      expect(await batch(p, [await form(p, 'S01', 1), await form(p, 'X02', 2)])).toEqual(['accepted', 'accepted']);
      expect(packed(p.ctx).n).toBe(2);
      const tables = dump(p.ctx, ['files']);
      const files = await originals(p.ctx);
      const copy = await ok<{ name: string; bytes: Uint8Array }>(p.ctx, 'backup.export', {});
      const path = join(p.ctx.dir, 'ban-sao.sqlite');
      writeFileSync(path, copy.bytes);
      const db = new Database(path, { readonly: true });
      const rows = db.prepare('SELECT size, length(bytes) AS len, pack FROM files').all() as Array<{
        size: number;
        len: number;
        pack: string | null;
      }>;
      db.close();
      expect(rows.length).toBe(2);
      for (const r of rows) expect(r).toEqual({ size: r.size, len: r.size, pack: null });
      // restored where neither the originals store nor the backups folder exists
      saveUnit(p.ctx.db, { code: 'X09', name: 'Xã Mới', kind: 'xa' });
      rmSync(originalsDirFor(p.ctx.dbPath), { recursive: true, force: true });
      rmSync(p.ctx.backupDir, { recursive: true, force: true });
      await ok(p.ctx, 'backup.restoreFile', { file: { name: 'ban-sao.sqlite', bytes: readFileSync(path) } });
      expect(dump(p.ctx, ['files'])).toEqual(tables);
      expect(await originals(p.ctx)).toEqual(files);
      expect(packed(p.ctx).n).toBe(0);
      expect(moveOriginalsOut(p.ctx.raw, p.ctx.dbPath).moved).toBe(2);
      expect(await originals(p.ctx)).toEqual(files);
    } finally {
      p.ctx.dispose();
    }
  });
});

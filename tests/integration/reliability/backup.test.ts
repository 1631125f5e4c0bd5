/**
 * Backups (issue point 2): before every import batch, before every migration, once a day (rotated to
 * settings.backupKeep); restore from the CLI checks the copy first and keeps the replaced database; a corrupt
 * backup is refused with the live database untouched; `bdg check` reports a damaged database.
 */
import Database from 'better-sqlite3';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/main/api/context';
import { dispatch } from '../../../src/main/api/dispatch';
import { backupSync, listBackups, verifyBackup } from '../../../src/main/db/snapshot';
import { materializeBackup } from '../../../src/main/db/chunk-backup';
import { backupDirFor } from '../../../src/main/paths';
import { DAILY_BACKUP_MARKER, maybeDailyBackup } from '../../../src/main/services/backups';
import { getMeta, updateSettings } from '../../../src/main/services/settings';
import { saveUnit } from '../../../src/main/services/units';
import { getCatalog } from '../../../src/main/services/catalog';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { filledForm, smallProvince } from '../../helpers/province';
import { tmpDir } from '../../helpers/tmp';
import { cli } from '../../helpers/cli';

const VI = /[ạảãàáâậầấẩẫăắằặẳẵêềếểễệôồốổỗộơờớởỡợưừứửữựđ]/i;

/** The database file a backup holds: a `.sqlite` copy itself, a chunked backup rebuilt from its chunks. */
function imageOf(path: string): string {
  if (!path.endsWith('.json')) return path;
  const target = join(tmpDir(), 'image.sqlite');
  materializeBackup(dirname(path), basename(path), target);
  return target;
}

function unitCodes(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT code FROM units ORDER BY code').all() as Array<{ code: string }>).map((r) => r.code);
  } finally {
    db.close();
  }
}

describe('daily backup', () => {
  it('takes one backup a day, remembered in the settings table, and rotates to settings.backupKeep', () => {
    const dir = tmpDir();
    let day = '2026-03-01';
    const ctx = createContext(join(dir, 'd.sqlite'), { today: () => day });
    try {
      saveUnit(ctx.db, { code: 'S01', name: 'Sở Nội vụ', kind: 'so_nganh' });
      const first = maybeDailyBackup(ctx);
      expect(first).not.toBeNull();
      expect(first!.reason).toBe('hang-ngay');
      expect(getMeta(ctx.db, DAILY_BACKUP_MARKER)).toBe('2026-03-01');
      // the same day again: nothing
      expect(maybeDailyBackup(ctx)).toBeNull();
      expect(listBackups(ctx.backupDir)).toHaveLength(1);
      // the copy holds the data and is a valid backup
      const image = imageOf(first!.path);
      verifyBackup(image);
      expect(unitCodes(image)).toEqual(['S01']);

      updateSettings(ctx.db, { backupKeep: 3 });
      const made: string[] = [first!.name];
      for (let d = 2; d <= 6; d++) {
        day = `2026-03-0${d}`;
        const b = maybeDailyBackup(ctx);
        expect(b, day).not.toBeNull();
        made.push(b!.name);
      }
      const kept = listBackups(ctx.backupDir).map((b) => b.name);
      expect(kept).toHaveLength(3);
      // the newest three survive
      expect(kept.sort()).toEqual(made.slice(-3).sort());
    } finally {
      ctx.close();
    }
  });

  it('keeps 30 by default', () => {
    const dir = tmpDir();
    let n = 0;
    const ctx = createContext(join(dir, 'k.sqlite'), {
      today: () => `2026-${String(1 + Math.floor(n / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    });
    try {
      for (n = 0; n < 33; n++) expect(maybeDailyBackup(ctx)).not.toBeNull();
      expect(listBackups(ctx.backupDir)).toHaveLength(30);
    } finally {
      ctx.close();
    }
  });

  it('is never taken for the demo database', () => {
    const ctx = createContext(join(tmpDir(), 'demo.sqlite'), { demo: true });
    try {
      expect(maybeDailyBackup(ctx)).toBeNull();
      expect(existsSync(ctx.backupDir)).toBe(false);
    } finally {
      ctx.close();
    }
  });

  it('two backups in the same millisecond with the same reason do not collide', () => {
    const ctx = createContext(join(tmpDir(), 'c.sqlite'));
    try {
      const names = new Set<string>();
      for (let i = 0; i < 5; i++) names.add(backupSync(ctx.raw, ctx.backupDir, 'thu-cong').name);
      expect(names.size).toBe(5);
    } finally {
      ctx.close();
    }
  });

  it('`bdg serve` takes the daily backup when it starts (call site in worker/core.ts, used by serve.ts)', () => {
    // serve.ts and the core worker open their core with openCore, which takes the backup
    const core = readFileSync(join(__dirname, '../../../src/main/worker/core.ts'), 'utf8');
    expect(core).toMatch(/maybeDailyBackup\(ctx\)/);
    const src = readFileSync(join(__dirname, '../../../src/main/hosts/cli/serve.ts'), 'utf8');
    expect(src).toMatch(/openCore\(/);
    const worker = readFileSync(join(__dirname, '../../../src/main/worker/core-worker.ts'), 'utf8');
    expect(worker).toMatch(/openCore\(/);
  });
});

describe('backup before each import batch', () => {
  it('one backup per batch, taken before the first write; none for a batch that writes nothing', async () => {
    const { ctx, period } = smallProvince();
    try {
      const catalog = getCatalog(ctx.db);
      const files = [];
      for (const [i, code] of ['S01', 'S02', 'X01'].entries()) {
        const values = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 500 + i);
        files.push(await filledForm(ctx, period.id, code, toFill(values)));
      }
      const bad = { name: 'rong.xlsx', bytes: new Uint8Array(0) };
      const r0 = await dispatch(ctx, 'imports.file', { periodId: period.id, file: bad, batchId: 'lo-0' });
      expect(r0.ok && (r0.data as { status: string }).status).toBe('rejected');
      expect(listBackups(ctx.backupDir)).toHaveLength(0);
      for (const f of files) {
        const r = await dispatch(ctx, 'imports.file', { periodId: period.id, file: f, batchId: 'lo-1' });
        expect(r.ok && (r.data as { status: string }).status).toBe('accepted');
      }
      const after1 = listBackups(ctx.backupDir);
      expect(after1.map((b) => b.reason)).toEqual(['truoc-nhap-bao-cao']);
      // the backup was taken before the first file of the batch: it holds no submission
      const b = new Database(imageOf(after1[0]!.path), { readonly: true });
      expect(b.prepare('SELECT count(*) n FROM submissions').get()).toEqual({ n: 0 });
      b.close();
      const again = await filledForm(
        ctx,
        period.id,
        'S01',
        toFill(unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 999)),
      );
      // a revision with other figures (some cells now blank: confirmed, as the officer would)
      await dispatch(ctx, 'imports.file', { periodId: period.id, file: again, batchId: 'lo-2', allowBlanking: true });
      expect(listBackups(ctx.backupDir)).toHaveLength(2);
    } finally {
      ctx.dispose();
    }
  });
});

describe('restore from the CLI', () => {
  async function prepared() {
    const dir = tmpDir();
    const db = join(dir, 'live.sqlite');
    expect((await cli(['init', '--db', db, '--province', 'Tỉnh Lào Cai'])).code).toBe(0);
    const ctx = createContext(db);
    saveUnit(ctx.db, { code: 'S01', name: 'Sở Nội vụ', kind: 'so_nganh' });
    ctx.close();
    const b = await cli(['backup', '--db', db, '--json']);
    expect(b.code).toBe(0);
    const backupPath = (JSON.parse(b.out) as { path: string }).path;
    // after the backup the officer adds another unit
    const ctx2 = createContext(db);
    saveUnit(ctx2.db, { code: 'S02', name: 'Sở Y tế', kind: 'so_nganh' });
    ctx2.close();
    return { dir, db, backupPath };
  }

  it('restores a good backup and keeps the replaced database', async () => {
    const { db, backupPath } = await prepared();
    expect(unitCodes(db)).toEqual(['S01', 'S02']);
    const r = await cli(['restore', '--db', db, '--from', backupPath, '--json']);
    expect(r.code, r.err).toBe(0);
    const { keptAs } = JSON.parse(r.out) as { keptAs: string };
    expect(unitCodes(db)).toEqual(['S01']);
    expect(existsSync(keptAs)).toBe(true);
    expect(unitCodes(keptAs)).toEqual(['S01', 'S02']);
    const check = await cli(['check', '--db', db, '--json']);
    expect(JSON.parse(check.out)).toEqual({ integrity: 'ok', foreignKeys: 'ok' });
  });

  it('refuses a corrupt backup in Vietnamese and leaves the live database untouched', async () => {
    const { dir, db } = await prepared();
    // fold the WAL so the file bytes are the whole database
    const w = new Database(db);
    w.pragma('wal_checkpoint(TRUNCATE)');
    w.close();
    const liveBefore = readFileSync(db);
    const bads: Array<[string, Buffer]> = [
      ['rac.sqlite', Buffer.from('đây không phải cơ sở dữ liệu '.repeat(500))],
      ['cut.sqlite', liveBefore.subarray(0, Math.floor(liveBefore.length / 3))],
      ['empty.sqlite', Buffer.alloc(0)],
    ];
    // a valid SQLite file that is not ours
    const foreign = join(dir, 'foreign.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE x (a)');
    f.close();
    const paths = bads.map(([n, bytes]) => {
      const p = join(dir, n);
      writeFileSync(p, bytes);
      return p;
    });
    paths.push(foreign);
    // a backup with a damaged page in the middle
    const damaged = join(dir, 'damaged.sqlite');
    writeFileSync(damaged, liveBefore);
    corruptIndexPage(damaged);
    paths.push(damaged);
    for (const p of paths) {
      const r = await cli(['restore', '--db', db, '--from', p, '--json']);
      expect(r.code, p).toBe(1);
      const msg = (JSON.parse(r.out) as { error: { message: string } }).error.message;
      expect(msg, p).toMatch(/bị hỏng hoặc không phải cơ sở dữ liệu của ứng dụng, nên chưa khôi phục/);
      expect(msg).toMatch(VI);
      expect(readFileSync(db).equals(liveBefore), p).toBe(true);
    }
    expect(unitCodes(db)).toEqual(['S01', 'S02']);
    // no "kept" copy was made for a refused restore
    expect(readdirSync(backupDirFor(db)).filter((n) => n.includes('truoc-khoi-phuc'))).toEqual([]);
  });

  it('restores over a damaged live database (the usual reason to restore), keeping the damaged copy', async () => {
    const { db, backupPath } = await prepared();
    const w = new Database(db);
    w.pragma('wal_checkpoint(TRUNCATE)');
    w.close();
    writeFileSync(db, Buffer.from('hỏng hoàn toàn '.repeat(4000)));
    const r = await cli(['restore', '--db', db, '--from', backupPath, '--json']);
    expect(r.code, r.err).toBe(0);
    const { keptAs } = JSON.parse(r.out) as { keptAs: string };
    expect(readFileSync(keptAs).toString('utf8')).toContain('hỏng hoàn toàn');
    expect(unitCodes(db)).toEqual(['S01']);
  });

  it('the backup handler refuses a corrupt file and keeps the live database usable', async () => {
    const dir = tmpDir();
    const ctx = createContext(join(dir, 'h.sqlite'));
    try {
      saveUnit(ctx.db, { code: 'S01', name: 'Sở Nội vụ', kind: 'so_nganh' });
      mkdirSync(ctx.backupDir, { recursive: true });
      writeFileSync(join(ctx.backupDir, 'sao-luu-20260101-000000-000-hong.sqlite'), 'rác'.repeat(3000));
      const r = await dispatch(ctx, 'backup.restore', { name: 'sao-luu-20260101-000000-000-hong.sqlite' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/nên chưa khôi phục/);
      const list = await dispatch(ctx, 'units.list', {});
      expect(list.ok && (list.data as unknown[]).length).toBe(1);
    } finally {
      ctx.close();
    }
  });
});

/** Overwrites the middle of the largest index's root page: the file opens, integrity_check fails. */
export function corruptIndexPage(path: string): void {
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const idx = db
    .prepare(
      "SELECT name, rootpage FROM sqlite_master WHERE type='index' AND rootpage > 1 AND tbl_name='units' ORDER BY rootpage DESC",
    )
    .all() as Array<{ name: string; rootpage: number }>;
  db.close();
  if (!idx.length) throw new Error('no index to corrupt');
  const fd = openSync(path, 'r+');
  try {
    const at = (idx[0]!.rootpage - 1) * pageSize;
    // keep the page header, break the cells
    writeSync(fd, Buffer.alloc(pageSize - 16, 0x5a), 0, pageSize - 16, at + 16);
  } finally {
    closeSync(fd);
  }
}

describe('bdg check', () => {
  it('reports a damaged database and exits non-zero', async () => {
    const dir = tmpDir();
    const db = join(dir, 'check.sqlite');
    expect((await cli(['init', '--db', db])).code).toBe(0);
    const ctx = createContext(db);
    for (let i = 0; i < 40; i++) saveUnit(ctx.db, { code: `X${i}`, name: `Xã số ${i}`, kind: 'xa' });
    ctx.close();
    const ok = await cli(['check', '--db', db, '--json']);
    expect(ok.code).toBe(0);
    corruptIndexPage(db);
    const r = await cli(['check', '--db', db, '--json']);
    expect(r.code).not.toBe(0);
    const out = r.out.trim();
    expect(out).not.toBe('');
    const parsed = JSON.parse(out) as { integrity?: string; error?: { message: string } };
    if (parsed.integrity !== undefined) expect(parsed.integrity).not.toBe('ok');
    else expect(parsed.error!.message).toMatch(VI);
    const human = await cli(['check', '--db', db]);
    expect(human.code).not.toBe(0);
    expect(human.out + human.err).toMatch(/Có vấn đề|Không mở được/);
  });

  it('reports a file that is not a database at all, in Vietnamese, exit 1', async () => {
    const db = join(tmpDir(), 'rac.sqlite');
    writeFileSync(db, 'không phải cơ sở dữ liệu '.repeat(1000));
    const r = await cli(['check', '--db', db, '--json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as { error: { message: string } }).error.message).toMatch(/Không mở được cơ sở dữ liệu/);
  });
});

describe('bdg backup', () => {
  it('rotates to settings.backupKeep and refuses to overwrite an existing --out file, in Vietnamese', async () => {
    const dir = tmpDir();
    const db = join(dir, 'b.sqlite');
    expect((await cli(['init', '--db', db])).code).toBe(0);
    const ctx = createContext(db);
    updateSettings(ctx.db, { backupKeep: 2 });
    ctx.close();
    for (let i = 0; i < 4; i++) expect((await cli(['backup', '--db', db, '--json'])).code).toBe(0);
    expect(listBackups(backupDirFor(db))).toHaveLength(2);
    const out = join(dir, 'ban-sao.sqlite');
    expect((await cli(['backup', '--db', db, '--out', out])).code).toBe(0);
    const before = readFileSync(out);
    const again = await cli(['backup', '--db', db, '--out', out, '--json']);
    expect(again.code).toBe(1);
    expect((JSON.parse(again.out) as { error: { message: string } }).error.message).toMatch(/đã có/);
    expect(readFileSync(out).equals(before)).toBe(true);
  });
});

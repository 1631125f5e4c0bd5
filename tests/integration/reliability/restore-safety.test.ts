/**
 * Issue 19, findings 2 and 6: a restore copies a consistent snapshot of the copy (its -wal included) and swaps it
 * in atomically; backups are written to a temporary file, flushed and renamed (`--out` too); what a killed run
 * leaves (`*.tmp`, a torn `--out` with its `-journal`, `*.khoi-phuc.tmp`) is cleaned on the next start and never
 * blocks the next backup; a backup of another province or database asks for confirmation (`--force`).
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/main/api/context';
import { dispatch } from '../../../src/main/api/dispatch';
import { backupDirFor } from '../../../src/main/paths';
import { saveUnit } from '../../../src/main/services/units';
import { tmpDir } from '../../helpers/tmp';
import { cli } from '../../helpers/cli';

function unitCodes(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT code FROM units ORDER BY code').all() as Array<{ code: string }>).map((r) => r.code);
  } finally {
    db.close();
  }
}

/** a DEAD process id (a killed run's), for leftover names */
function deadPid(): number {
  for (let pid = 999_999; pid > 900_000; pid--) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
  throw new Error('no free pid');
}

async function liveWith(units: string[], province = 'Tỉnh Lào Cai') {
  const dir = tmpDir();
  const db = join(dir, 'live.sqlite');
  expect((await cli(['init', '--db', db, '--province', province])).code).toBe(0);
  const ctx = createContext(db);
  for (const code of units) saveUnit(ctx.db, { code, name: `Đơn vị ${code}`, kind: 'so_nganh' });
  ctx.close();
  return { dir, db };
}

describe('finding 2: restoring a copy whose last changes are still in its -wal', () => {
  it('keeps them (the copy is snapshotted with its WAL, not just its main file)', async () => {
    const { dir, db } = await liveWith(['S01']);
    // the "old PC": the database open, its last change only in the WAL, files copied without a clean shutdown
    const ctx = createContext(db);
    ctx.raw.pragma('wal_autocheckpoint = 0');
    saveUnit(ctx.db, { code: 'S02', name: 'Sở Y tế', kind: 'so_nganh' });
    const oldPc = join(dir, 'may-cu');
    mkdirSync(oldPc);
    const copy = join(oldPc, 'bao-cao-bdg.sqlite');
    copyFileSync(db, copy);
    copyFileSync(`${db}-wal`, `${copy}-wal`);
    expect(unitCodes(copy)).toEqual(['S01', 'S02']); // what a reader of the copy sees
    saveUnit(ctx.db, { code: 'S03', name: 'Sở Tư pháp', kind: 'so_nganh' });
    ctx.close();

    const r = await cli(['restore', '--db', db, '--from', copy, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(unitCodes(db)).toEqual(['S01', 'S02']);
    expect(JSON.parse((await cli(['check', '--db', db, '--json'])).out)).toEqual({
      integrity: 'ok',
      foreignKeys: 'ok',
    });
    // the copy itself was only read
    expect(existsSync(`${copy}-wal`)).toBe(true);
  });
});

describe('finding 6: backups and restores leave nothing that blocks the next run', () => {
  it('a killed backup --out (its temporary file, or an older torn file with its -journal) never blocks the next', async () => {
    const { dir, db } = await liveWith(['S01']);
    const out = join(dir, 'usb', 'sao-luu.sqlite');
    mkdirSync(join(dir, 'usb'));
    // an older version killed mid-copy: a torn file at --out and its journal
    writeFileSync(out, Buffer.alloc(4096, 1));
    writeFileSync(`${out}-journal`, Buffer.alloc(512, 2));
    // this version killed mid-copy: its temporary file
    const leftover = `${out}.${deadPid()}.tmp`;
    writeFileSync(leftover, Buffer.alloc(8192, 3));
    const r = await cli(['backup', '--db', db, '--out', out, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(unitCodes(out)).toEqual(['S01']);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(`${out}-journal`)).toBe(false);
    expect(r.err).toMatch(/dở dang/);
    // a whole file at --out is still never overwritten
    const again = await cli(['backup', '--db', db, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/đã có/);
  });

  it('a killed restore or upload (*.khoi-phuc.tmp, *.tai-len.tmp) and a killed backup (*.tmp) are removed on the next start', async () => {
    const { db } = await liveWith(['S01']);
    const pid = deadPid();
    const backups = backupDirFor(db);
    mkdirSync(backups, { recursive: true });
    const old = (Date.now() - 2 * 3600_000) / 1000;
    const leftovers = [
      `${db}.khoi-phuc.tmp`, // an older version's name (no pid): removed when over an hour old
      `${db}.tai-len.tmp`,
      `${db}.khoi-phuc.${pid}.tmp`,
      `${db}.tai-len.${pid}.tmp`,
      `${db}.tai-len.${pid}.tmp-wal`,
      join(backups, 'sao-luu-20260101-000000-000-thu-cong.sqlite.tmp'),
      join(backups, `sao-luu-20260101-000000-000-thu-cong.sqlite.${pid}.tmp`),
    ];
    for (const f of leftovers) {
      writeFileSync(f, Buffer.alloc(16384, 7));
      utimesSync(f, old, old);
    }
    // a temporary file of a process still running (this one) is left alone
    const mine = `${db}.khoi-phuc.${process.pid}.tmp`;
    writeFileSync(mine, 'x');
    const r = await cli(['units', 'list', '--db', db, '--json']);
    expect(r.code, r.err).toBe(0);
    for (const f of leftovers) expect(existsSync(f), f).toBe(false);
    expect(existsSync(mine)).toBe(true);
    // and the next backup works
    expect((await cli(['backup', '--db', db])).code).toBe(0);
    expect(readdirSync(backups).filter((n) => /^sao-luu-.*\.(sqlite|json)$/.test(n))).toHaveLength(1);
  });

  it('a backup of another province asks for confirmation; --force restores it', async () => {
    const live = await liveWith(['S01', 'S02'], 'Tỉnh Lào Cai');
    const other = await liveWith(['X01'], 'Tỉnh Yên Bái');
    const otherCopy = join(other.dir, 'yen-bai.sqlite');
    expect((await cli(['backup', '--db', other.db, '--out', otherCopy])).code).toBe(0);

    const refused = await cli(['restore', '--db', live.db, '--from', otherCopy, '--json']);
    expect(refused.code).toBe(1);
    const msg = (JSON.parse(refused.out) as { error: { message: string } }).error.message;
    expect(msg).toMatch(/Tỉnh Yên Bái/);
    expect(msg).toMatch(/Tỉnh Lào Cai/);
    expect(msg).toMatch(/--force/);
    expect(unitCodes(live.db)).toEqual(['S01', 'S02']);
    const bdir = backupDirFor(live.db);
    expect(existsSync(bdir) ? readdirSync(bdir).filter((n) => n.includes('truoc-khoi-phuc')) : []).toEqual([]);

    const forced = await cli(['restore', '--db', live.db, '--from', otherCopy, '--force', '--json']);
    expect(forced.code, forced.err).toBe(0);
    expect(unitCodes(live.db)).toEqual(['X01']);
  });

  it('another database of the SAME province (another identity) asks too, through the contract; a fresh one does not', async () => {
    const live = await liveWith(['S01'], 'Tỉnh Lào Cai');
    const twin = await liveWith(['T01'], 'Tỉnh Lào Cai');
    const twinCtx = createContext(twin.db);
    const exported = await dispatch(twinCtx, 'backup.export', {});
    twinCtx.close();
    if (!exported.ok) throw new Error(exported.error.message);
    const bytes = (exported.data as { bytes: Uint8Array }).bytes;
    const ctx = createContext(live.db);
    try {
      const r = await dispatch(ctx, 'backup.restoreFile', { file: { name: 'twin.sqlite', bytes } });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('conflict');
        expect((r.error.details as { needsConfirmation: boolean }).needsConfirmation).toBe(true);
      }
      const ok = await dispatch(ctx, 'backup.restoreFile', { file: { name: 'twin.sqlite', bytes }, force: true });
      expect(ok.ok).toBe(true);
      expect(unitCodes(live.db)).toEqual(['T01']);
    } finally {
      ctx.close();
    }
    // a freshly initialised database (no unit, no report) has nothing to lose: no question
    const fresh = join(tmpDir(), 'moi.sqlite');
    expect((await cli(['init', '--db', fresh, '--province', 'Tỉnh Lào Cai'])).code).toBe(0);
    const out = join(tmpDir(), 'lc.sqlite');
    expect((await cli(['backup', '--db', live.db, '--out', out])).code).toBe(0);
    const r = await cli(['restore', '--db', fresh, '--from', out]);
    expect(r.code, r.err).toBe(0);
  });
});

/** The core worker (issue point 8) under plain Node: the same handlers as every door, on a real temp database. */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreWorker, type CoreClient } from '../../../src/main/worker/client';
import { listBackups } from '../../../src/main/db/snapshot';
import { backupDirFor } from '../../../src/main/paths';
import { tmpDir } from '../../helpers/tmp';
import type { CatalogView } from '../../../src/shared/contract';
import type { StatusReport } from '../../../src/shared/domain/report';
import { fillForm } from '../../../src/main/demo/form-filler';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { migrations } from '../../../src/main/db/migrate';

const ROOT = resolve(__dirname, '../../..');
const ENTRY = join(ROOT, 'src/main/worker/core-worker.ts');
/**
 * Node 20 ignores `--import tsx` in a worker's execArgv ("Unknown file extension .ts"), so the worker is started
 * from a two-line CommonJS bootstrap that registers tsx's require hook, then loads the real entry. The options
 * go through startCoreWorker's WorkerOptions, exactly as the Electron door passes its own.
 */
const TSX_CJS = require.resolve('tsx/cjs', { paths: [ROOT] });
const BOOT = `require(${JSON.stringify(TSX_CJS)}); require(${JSON.stringify(ENTRY)});`;
const start = (dbPath: string) => startCoreWorker(BOOT, { dbPath }, { eval: true });
const VI = /[ạảãàáâậầấẩẫăắằặẳẵêềếểễệôồốổỗộơờớởỡợưừứửữựđ]/i;

describe('core worker (worker_threads, plain Node)', () => {
  const dbPath = join(tmpDir(), 'worker.sqlite');
  let core: CoreClient;
  beforeAll(async () => {
    core = start(dbPath);
    await core.ready;
  });
  afterAll(async () => {
    await core?.terminate();
  });

  it('answers app.info on its database', async () => {
    const r = await core.call('app.info', {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const info = r.data as { dbPath: string; schemaVersion: string; demo: boolean };
    expect(info.dbPath).toBe(dbPath);
    expect(info.schemaVersion).toBe(migrations[migrations.length - 1]!.tag);
    expect(info.demo).toBe(false);
  });

  it('took the daily backup when it opened the database', () => {
    expect(listBackups(backupDirFor(dbPath)).map((b) => b.reason)).toEqual(['hang-ngay']);
  });

  it('saves and lists units, in order, across concurrent calls', async () => {
    const [a, b] = await Promise.all([
      core.call('units.save', { code: 'S01', name: 'Sở Nội vụ', kind: 'so_nganh' }),
      core.call('units.save', { code: 'X01', name: 'Phường Cam Đường', kind: 'xa' }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const list = await core.call('units.list', {});
    expect(list.ok).toBe(true);
    if (list.ok) expect((list.data as Array<{ code: string }>).map((u) => u.code).sort()).toEqual(['S01', 'X01']);
  });

  it('a failing call is a Result with a Vietnamese message, and the worker keeps serving', async () => {
    const dup = await core.call('units.save', { code: '', name: 'x', kind: 'khong-co' });
    expect(dup.ok).toBe(false);
    if (!dup.ok) {
      expect(dup.error.code).toBe('invalid_input');
      expect(dup.error.message).toMatch(VI);
    }
    const unknown = await core.call('shell.exec', { cmd: 'rm -rf /' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.code).toBe('unknown_operation');
      expect(unknown.error.message).toMatch(/Không có thao tác/);
    }
    const missing = await core.call('periods.get', { id: 9999 });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(VI);
    const again = await core.call('units.list', {});
    expect(again.ok).toBe(true);
  });

  it('imports a batch of filled forms in the worker, pushing one progress event per file as it is answered', async () => {
    const codes = ['W01', 'W02', 'W03', 'W04', 'W05', 'W06'];
    for (const [i, code] of codes.entries()) {
      const r = await core.call('units.save', { code, name: `Xã thử ${i + 1}`, kind: i % 2 ? 'xa' : 'so_nganh' });
      expect(r.ok).toBe(true);
    }
    const period = await core.call('periods.create', { year: 2025, kind: 'year' });
    expect(period.ok).toBe(true);
    if (!period.ok) return;
    const periodId = (period.data as { id: number }).id;
    const cat = await core.call('catalog.get', {});
    const exp = await core.call('templates.export', { periodId, unitCodes: codes });
    expect(cat.ok && exp.ok).toBe(true);
    if (!cat.ok || !exp.ok) return;
    const catalog = cat.data as CatalogView;
    const files = await Promise.all(
      (exp.data as { files: Array<{ name: string; bytes: Uint8Array }> }).files.map(async (f, i) => ({
        name: f.name,
        bytes: await fillForm(
          f.bytes,
          toFill(unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 50 + i)),
          catalog.cellLabels,
        ),
      })),
    );
    expect(files).toHaveLength(codes.length);

    const seen: string[] = [];
    core.onEvent((event, payload) => {
      if (event === 'import.progress') seen.push((payload as { file: string; batchId: string }).file);
    });
    const answered: string[] = [];
    const results = await Promise.all(
      files.map((f) =>
        core.call('imports.file', { periodId, file: f, receivedAt: '2025-12-01', batchId: 'lo-1' }).then((r) => {
          // the worker posts a file's progress event before its answer, on the same port: the event is already here
          expect(seen).toContain(f.name);
          answered.push(f.name);
          return r;
        }),
      ),
    );
    for (const r of results) {
      expect(r.ok).toBe(true);
      if (r.ok) expect((r.data as { status: string }).status).toBe('accepted');
    }
    expect([...seen].sort()).toEqual(files.map((f) => f.name).sort());
    expect(answered).toHaveLength(files.length);
    const status = await core.call('status.get', { periodId });
    expect(status.ok).toBe(true);
    if (status.ok) {
      const rows = (status.data as StatusReport).units.filter((u) => codes.includes(u.unit));
      expect(rows).toHaveLength(codes.length);
      expect(rows.every((u) => u.receivedAt === '2025-12-01')).toBe(true);
    }
  });

  it('pending calls get a Vietnamese Result when the worker stops', async () => {
    const other = start(join(tmpDir(), 'w2.sqlite'));
    await other.ready;
    const p = other.call('units.list', {});
    await other.terminate();
    const r = await p;
    if (!r.ok) expect(r.error.message).toMatch(VI);
    // a call after the worker stopped must answer, not hang forever
    const late = await Promise.race([
      other.call('units.list', {}),
      new Promise<'hang'>((res) => setTimeout(() => res('hang'), 5000)),
    ]);
    expect(late).not.toBe('hang');
    if (late !== 'hang') {
      expect(late.ok).toBe(false);
      if (!late.ok) expect(late.error.message).toMatch(/đã dừng/);
    }
  });

  it('a database that cannot be opened rejects ready with the Vietnamese message', async () => {
    const dir = tmpDir();
    const bad = join(dir, 'rac.sqlite');
    writeFileSync(bad, 'không phải cơ sở dữ liệu '.repeat(500));
    const w = start(bad);
    await expect(w.ready).rejects.toThrow(/Không mở được cơ sở dữ liệu/);
    const r = await w.call('units.list', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(VI);
    await w.terminate();
  });
});

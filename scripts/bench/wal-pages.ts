/**
 * WAL pages per imported file (issue 20): `npx tsx scripts/bench/wal-pages.ts [--files=N]`. Builds the bench's
 * units and periods, fills N forms (default 40), imports them into a fresh database through the dispatcher
 * ('imports.file', one batchId, as the bench does) with the WAL never checkpointed, then reads the WAL file
 * itself: its frames (4 KiB pages, each written and fsynced), grouped by commit, and each page named by the
 * table or index that owns it now (SQLite's dbstat). Prints one JSON object: frames per accepted file and the
 * pages of a typical file's commits by owner; also the CPU and wall milliseconds per imported file.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type Ctx } from '../../src/main/api/context';
import { fillForm } from '../../src/main/demo/form-filler';
import { toFill, unitFigures } from '../../src/main/demo/data';
import { shutdownParsePool } from '../../src/main/excel/parse-pool';
import { getCatalog } from '../../src/main/services/catalog';
import { createPeriod } from '../../src/main/services/periods';
import { databaseId, setMeta } from '../../src/main/services/settings';
import { exportTemplates } from '../../src/main/services/templates';
import type { ImportResult } from '../../src/shared/domain/report';
import { seedUnits } from './national';
import { call } from './util';

const N = Number(process.argv.find((a) => a.startsWith('--files='))?.slice(8) ?? 40);
const UNITS = 120;

function fresh(path: string, identity?: string): { ctx: Ctx; target: number } {
  const ctx = createContext(path, { today: () => '2026-06-10' });
  if (identity) setMeta(ctx.db, 'databaseId', identity);
  seedUnits(ctx, UNITS);
  let target = 0;
  for (let year = 2017; year <= 2026; year++)
    for (const kind of ['half_year', 'year'] as const) {
      const id = createPeriod(ctx.db, { year, kind }).id;
      if (year === 2026 && kind === 'half_year') target = id;
    }
  return { ctx, target };
}

/** The WAL's frames: page number and whether the frame commits a transaction. */
function walFrames(path: string, pageSize: number): Array<{ page: number; commit: boolean }> {
  const b = readFileSync(path);
  const out: Array<{ page: number; commit: boolean }> = [];
  for (let p = 32; p + 24 + pageSize <= b.length; p += 24 + pageSize)
    out.push({ page: b.readUInt32BE(p), commit: b.readUInt32BE(p + 4) !== 0 });
  return out;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bdg-wal-'));
  const setup = fresh(join(dir, 'setup.sqlite'));
  const catalog = getCatalog(setup.ctx.db);
  const identity = databaseId(setup.ctx.db) ?? undefined;
  const units = setup.ctx.raw.prepare('SELECT id, code FROM units ORDER BY id').all() as Array<{ code: string }>;
  const byCode = new Map(units.map((u, i) => [u.code, i]));
  const exported = (await exportTemplates(setup.ctx.db, setup.target)).filter((f) => f.unit !== null).slice(0, N);
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const f of exported) {
    const i = byCode.get(f.unit!)!;
    const fig = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 1000 + i);
    files.push({ name: f.name, bytes: await fillForm(f.bytes, toFill(fig), catalog.cellLabels) });
  }
  setup.ctx.close();

  const path = join(dir, 'import.sqlite');
  const { ctx, target } = fresh(path, identity);
  ctx.raw.pragma('wal_checkpoint(TRUNCATE)');
  ctx.raw.pragma('wal_autocheckpoint = 0');
  const pageSize = ctx.raw.pragma('page_size', { simple: true }) as number;
  // the first file takes the batch's backup (it may checkpoint): import it, then start counting
  const batchId = `wal-${Date.now()}`;
  const one = (f: { name: string; bytes: Uint8Array }) =>
    call<ImportResult>(ctx, 'imports.file', {
      periodId: target,
      file: f,
      receivedAt: '2026-06-05',
      batchId,
    });
  await one(files[0]!);
  ctx.raw.pragma('wal_checkpoint(TRUNCATE)');
  let accepted = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const f of files.slice(1)) if ((await one(f)).status === 'accepted') accepted++;
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;

  const frames = walFrames(`${path}-wal`, pageSize);
  const owner = new Map<number, string>();
  const kind = new Map<number, string>();
  for (const r of ctx.raw.prepare('SELECT name, pageno, pagetype FROM dbstat').all() as Array<{
    name: string;
    pageno: number;
    pagetype: string;
  }>) {
    owner.set(r.pageno, r.name);
    kind.set(r.pageno, r.pagetype);
  }
  // the same pages by the kind of B-tree page they are now (leaf, internal, overflow)
  const byType: Record<string, number> = {};
  for (const f of frames) {
    const k = f.page === 1 ? 'page 1' : `${owner.get(f.page) ?? 'free/other'} ${kind.get(f.page) ?? ''}`.trim();
    byType[k] = (byType[k] ?? 0) + 1;
  }
  const commits: Array<Record<string, number>> = [];
  let cur: Record<string, number> = {};
  for (const f of frames) {
    const name = f.page === 1 ? 'page 1' : (owner.get(f.page) ?? 'free/other');
    cur[name] = (cur[name] ?? 0) + 1;
    if (f.commit) {
      commits.push(cur);
      cur = {};
    }
  }
  const total: Record<string, number> = {};
  for (const c of commits) for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;
  const perFile = Object.fromEntries(
    Object.entries(total)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k, Math.round((v / accepted) * 100) / 100]),
  );
  console.log(
    JSON.stringify({
      files: files.length - 1,
      accepted,
      commits: commits.length,
      commitsPerFile: Math.round((commits.length / accepted) * 100) / 100,
      framesPerFile: Math.round((frames.length / accepted) * 100) / 100,
      // the whole import of a file through the dispatcher (reading too), CPU of the process and wall time
      cpuMsPerFile: Math.round(((cpu.user + cpu.system) / 1000 / accepted) * 100) / 100,
      wallMsPerFile: Math.round((wallMs / accepted) * 100) / 100,
      perFile,
      perFileByType: Object.fromEntries(
        Object.entries(byType)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, Math.round((v / accepted) * 100) / 100]),
      ),
    }),
  );
  ctx.close();
  await shutdownParsePool();
}

void main();

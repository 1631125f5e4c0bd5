/**
 * Backups that cost what changed (issue 20), measured:
 * - backupMs: the backup before a batch on a 10-year database (150 units × 20 periods, originals of 16 KB), taken
 *   after a batch of 120 new submissions (their originals moved out at the batch's end, as imports.batch does);
 *   the median of BATCHES rounds. The first backup of the database (which moves 3,000 originals out and VACUUMs
 *   once) is printed apart.
 * - backupDiskRatio: the disk used by the backups folder after 30 backups with a batch between each, over the live
 *   data (the database file with its WAL, and the originals store).
 * - backupNationalMs: the same backup after a batch on 4,300 units × 20 periods with originals (86k originals,
 *   ~1,4 GB); its first full backup apart (backupNationalFirstMs).
 * - chunk sizes 16/64/256 KiB: the bytes a backup after one batch writes and its time (printed, to choose).
 * Run alone: `npx tsx scripts/bench/backup.ts [--national] [--db <national.sqlite>]`: `--db` reuses a national
 * database built by scripts/bench/national.ts (with originals), copied into the bench's own temporary folder (the
 * given file is never written), instead of building one (~2 min).
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type Ctx } from '../../src/main/api/context';
import { writeChunkBackup } from '../../src/main/db/chunk-backup';
import { moveOriginalsOut, originalsDirFor } from '../../src/main/db/originals-store';
import { unitFigures } from '../../src/main/demo/data';
import { takeBackup } from '../../src/main/services/backups';
import { getCatalog } from '../../src/main/services/catalog';
import { createPeriod } from '../../src/main/services/periods';
import { buildNationalDb, rowsByKind, seedSubmissions, type NationalDb } from './national';
import { median, round } from './util';

const ORIGINAL_BYTES = 16_000;
const BATCH = 120;
const BATCHES = 5;
const DISK_BACKUPS = 30;

function duBytes(path: string): number {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.blocks * 512;
  return readdirSync(path).reduce((s, n) => s + duBytes(join(path, n)), 0);
}

/** A batch of `n` new submissions with their originals in a new period (seeded; the import is measured elsewhere). */
export function batchMaker(nat: NationalDb) {
  const ctx = nat.ctx;
  const catalog = getCatalog(ctx.db);
  const fillings = Array.from({ length: 20 }, (_, i) =>
    unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, 5000 + i),
  );
  const keep = rowsByKind(ctx);
  // the first year after the database's last one (a reused database may hold later periods)
  let year = ((ctx.raw.prepare('SELECT max(year) AS y FROM periods').get() as { y: number | null }).y ?? 2026) + 1;
  let half = true;
  return (n = BATCH) => {
    const p = createPeriod(ctx.db, { year, kind: half ? 'half_year' : 'year' });
    if (!half) year++;
    half = !half;
    const units = nat.units.slice(0, n);
    seedSubmissions(
      ctx,
      p.id,
      units,
      (i) => fillings[i % fillings.length]!.filter((v) => keep.get(units[i]!.kind)!.has(v.element)),
      ORIGINAL_BYTES,
    );
    // the batch's end moves its originals out (imports.batch does), before the next batch's backup
    moveOriginalsOut(ctx.raw, ctx.dbPath);
  };
}

let lastHashed = '';

function timedBackup(ctx: Ctx): number {
  const t = performance.now();
  const b = takeBackup(ctx, 'truoc-nhap-bao-cao', 30);
  const ms = performance.now() - t;
  if (b.hashed) lastHashed = `${b.hashed.chunks}/${b.hashed.of}${b.hashed.tracked ? ' (WAL tracker)' : ''}`;
  return ms;
}

export interface BackupBench {
  backupMs: number;
  backupFirstMs: number;
  backupRuns: number[];
  backupDiskRatio: number;
  backupDiskMB: number;
  liveMB: number;
  chunkSizes: Record<string, { ms: number; writtenKB: number }>;
  backupNationalMs?: number;
  backupNationalFirstMs?: number;
  backupNationalRuns?: number[];
  /** chunks the last national backup read and hashed, of the image's (the others' hashes reused) */
  backupNationalHashed?: string;
}

/** A copy of a national database built earlier (its WAL too), opened in `dir`; its units read back. */
function reuseNationalDb(from: string, dir: string): NationalDb {
  const path = join(dir, 'ca-nuoc.sqlite');
  for (const ext of ['', '-wal']) if (existsSync(from + ext)) copyFileSync(from + ext, path + ext);
  const ctx = createContext(path, { today: () => '2026-06-10' });
  const units = ctx.raw
    .prepare('SELECT id, code, kind FROM units ORDER BY sort_order, id')
    .all() as NationalDb['units'];
  return { ctx, units, periods: new Map(), target: 0, seedSeconds: 0 };
}

export function benchBackup(opts: { national?: boolean; db?: string; say?: (s: string) => void } = {}): BackupBench {
  const say = opts.say ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'bdg-bench-backup-'));
  try {
    say('Sao lưu: CSDL 10 năm, 150 đơn vị, tệp gốc 16 KB…');
    const nat = buildNationalDb(join(dir, 'tinh.sqlite'), { units: 150, originalBytes: ORIGINAL_BYTES });
    const ctx = nat.ctx;
    let out: BackupBench;
    try {
      const nextBatch = batchMaker(nat);
      let t = performance.now();
      takeBackup(ctx, 'truoc-nhap-bao-cao', 30);
      const backupFirstMs = performance.now() - t;
      const runs: number[] = [];
      for (let i = 0; i < BATCHES; i++) {
        nextBatch();
        runs.push(timedBackup(ctx));
      }
      // chunk sizes: a full backup into a folder of its own, one batch, the backup after it
      const chunkSizes: BackupBench['chunkSizes'] = {};
      nextBatch();
      const dirs = [16, 64, 256].map((k) => {
        const d = join(dir, `chunks-${k}`);
        writeChunkBackup(
          ctx.raw,
          ctx.dbPath,
          d,
          `sao-luu-00000000-000000-000-a.json`,
          {
            reason: 'a',
            identity: { databaseId: null, province: '' },
          },
          k * 1024,
        );
        return d;
      });
      nextBatch();
      [16, 64, 256].forEach((k, i) => {
        t = performance.now();
        const r = writeChunkBackup(
          ctx.raw,
          ctx.dbPath,
          dirs[i]!,
          `sao-luu-00000000-000000-001-b.json`,
          {
            reason: 'b',
            identity: { databaseId: null, province: '' },
          },
          k * 1024,
        );
        chunkSizes[`${k}KiB`] = { ms: round(performance.now() - t), writtenKB: Math.round(r.written.bytes / 1024) };
      });
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
      // disk: 30 backups with a batch between each (rotation keeps 30)
      for (let i = 0; i < DISK_BACKUPS; i++) {
        nextBatch();
        takeBackup(ctx, 'truoc-nhap-bao-cao', 30);
      }
      const backupsBytes = duBytes(ctx.backupDir);
      const live = duBytes(ctx.dbPath) + duBytes(`${ctx.dbPath}-wal`) + duBytes(originalsDirFor(ctx.dbPath));
      out = {
        backupMs: round(median(runs)),
        backupFirstMs: round(backupFirstMs),
        backupRuns: runs.map((x) => round(x)),
        backupDiskRatio: round(backupsBytes / live, 2),
        backupDiskMB: round(backupsBytes / 1e6),
        liveMB: round(live / 1e6),
        chunkSizes,
      };
    } finally {
      ctx.close();
    }
    if (opts.national) {
      say('Sao lưu: CSDL cả nước, 4.300 đơn vị × 20 kỳ, tệp gốc 16 KB (~1,4 GB)…');
      const big = opts.db
        ? reuseNationalDb(opts.db, dir)
        : buildNationalDb(join(dir, 'ca-nuoc.sqlite'), { originalBytes: ORIGINAL_BYTES });
      try {
        say(`  nạp xong trong ${round(big.seedSeconds)} s`);
        const nextBatch = batchMaker(big);
        const t = performance.now();
        takeBackup(big.ctx, 'truoc-nhap-bao-cao', 30);
        out.backupNationalFirstMs = round(performance.now() - t);
        say(`  bản sao lưu đầu tiên (chuyển 86 nghìn tệp gốc ra kho, VACUUM một lần): ${out.backupNationalFirstMs} ms`);
        const runs: number[] = [];
        for (let i = 0; i < 3; i++) {
          nextBatch();
          runs.push(timedBackup(big.ctx));
        }
        out.backupNationalRuns = runs.map((x) => round(x));
        out.backupNationalHashed = lastHashed;
        say(`  sau mỗi lô: đọc và băm ${lastHashed} khối`);
        out.backupNationalMs = round(median(runs));
      } finally {
        big.ctx.close();
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('backup.ts')) {
  const at = process.argv.indexOf('--db');
  const db = at > 0 ? process.argv[at + 1] : undefined;
  const r = benchBackup({ national: process.argv.includes('--national') || !!db, db, say: (s) => console.error(s) });
  console.log(JSON.stringify(r, null, 2));
}

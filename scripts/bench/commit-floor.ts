/**
 * The commit of one accepted file against the floor's per-file transaction (issue 20), side by side:
 * `npx tsx scripts/bench/commit-floor.ts [--files=N] [--rounds=R] [--tracked]`.
 *
 * N filled forms (default 120) are checked once per round into a fresh database (`checkFile`, not timed); then, in
 * alternated order round by round, (a) our `commitChecked` of each checked file (the statements, the values'
 * parameters, the one transaction and its COMMIT) and (b) the floor's transaction alone on the same files, as
 * scripts/bench/floor.ts writes it (the original in a files-like table, as many values as we stored in a WITHOUT
 * ROWID table, WAL, synchronous=FULL), into a fresh database of its own. Both keep SQLite's automatic checkpoints.
 * `--tracked`: the read cache's TEMP change-log triggers are installed first (as after any consolidation read).
 * `BDG_EXPERIMENT_SQL=…`: SQL run on our side's database before its commits (to try an index or a pragma).
 * Prints one JSON object: per file, the medians over rounds of the wall and CPU milliseconds of each side and
 * their ratio, with every round's figures.
 */
import type Database from 'better-sqlite3';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type Ctx } from '../../src/main/api/context';
import { periodCachedRead } from '../../src/main/db/read-cache';
import { fillForm } from '../../src/main/demo/form-filler';
import { toFill, unitFigures } from '../../src/main/demo/data';
import { shutdownParsePool } from '../../src/main/excel/parse-pool';
import { getCatalog } from '../../src/main/services/catalog';
import { checkFile, commitChecked, type Checked } from '../../src/main/services/imports/file';
import { sha256 } from '../../src/main/services/imports/commit';
import { createPeriod } from '../../src/main/services/periods';
import { databaseId, setMeta } from '../../src/main/services/settings';
import { exportTemplates } from '../../src/main/services/templates';
import { openFloorDb } from './floor';
import { seedUnits } from './national';
import { median, round } from './util';

const arg = (name: string, d: number): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? d);
const N = arg('files', 120);
const ROUNDS = arg('rounds', 6);
const TRACKED = process.argv.includes('--tracked');
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

interface Side {
  wallMs: number;
  cpuMs: number;
  /** WAL frames (pages written) per file, in the round run with automatic checkpoints off (`pages`) */
  frames?: number;
}

/** Automatic checkpoints off and the WAL emptied, before the timed part of a `pages` round. */
function walStart(db: Database.Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
}

/** The frames in the WAL of the database at `path`, per file. */
function walFrames(path: string, db: Database.Database, files: number): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const size = statSync(`${path}-wal`).size;
  return Math.round(((size - 32) / (24 + pageSize) / files) * 100) / 100;
}

/** Our side: every file checked (not timed), then each accepted one committed (timed). Returns the value counts. */
async function ours(
  dir: string,
  run: number,
  identity: string | undefined,
  files: Array<{ name: string; bytes: Uint8Array }>,
  pages = false,
): Promise<Side & { counts: number[] }> {
  const path = join(dir, `ours-${run}.sqlite`);
  const { ctx, target } = fresh(path, identity);
  try {
    if (TRACKED) periodCachedRead(ctx.raw, target, 'bench:tracked', () => 0);
    if (process.env.BDG_EXPERIMENT_SQL) ctx.raw.exec(process.env.BDG_EXPERIMENT_SQL);
    const checked: Checked[] = [];
    for (const f of files) checked.push(await checkFile(ctx, { periodId: target, file: f, receivedAt: '2026-06-05' }));
    const commits = checked.filter((c): c is Extract<Checked, { kind: 'commit' }> => c.kind === 'commit');
    if (commits.length !== files.length) throw new Error(`only ${commits.length} of ${files.length} files accepted`);
    if (pages) walStart(ctx.raw);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const c of commits) commitChecked(ctx, c);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const frames = pages ? walFrames(path, ctx.raw, commits.length) : undefined;
    const countOf = ctx.raw.prepare(
      'SELECT count(*) FROM submission_values v JOIN submissions s ON s.id = v.submission_id WHERE s.sha256 = ?',
    );
    const counts = files.map((f) => countOf.pluck().get(sha256(f.bytes)) as number);
    return { wallMs: wall / commits.length, cpuMs: (cpu.user + cpu.system) / 1000 / commits.length, counts, frames };
  } finally {
    ctx.close();
  }
}

/** The floor's transaction alone (scripts/bench/floor.ts: same pragmas, tables, statements), reading done before. */
function floorTx(path: string, files: Array<{ bytes: Uint8Array }>, counts: number[], pages = false): Side {
  const { db, commit } = openFloorDb(path);
  // what the floor reads before its transaction (not timed here): the hash and some cells
  const ready = files.map((f) => ({ sha: sha256(f.bytes), cells: [['A1', 1]] as Array<[string, number]> }));
  if (pages) walStart(db);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  files.forEach((file, i) => {
    const n = counts[i] ?? 0;
    const bytes = file.bytes;
    const { sha, cells } = ready[i]!;
    commit(i, sha, bytes, cells, n);
  });
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const frames = pages ? walFrames(path, db, files.length) : undefined;
  db.close();
  return { wallMs: wall / files.length, cpuMs: (cpu.user + cpu.system) / 1000 / files.length, frames };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bdg-commit-floor-'));
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

  // a warm-up round of ours (not counted) gives the number of values stored for each file
  const { counts } = await ours(dir, -1, identity, files);
  floorTx(join(dir, 'floor-warm.sqlite'), files, counts);
  const our: Side[] = [];
  const floor: Side[] = [];
  for (let run = 0; run < ROUNDS; run++) {
    // alternated: ours first in even rounds, the floor first in odd ones
    if (run % 2 === 1) floor.push(floorTx(join(dir, `floor-${run}.sqlite`), files, counts));
    our.push(await ours(dir, run, identity, files));
    if (run % 2 === 0) floor.push(floorTx(join(dir, `floor-${run}.sqlite`), files, counts));
  }
  // pages written per file, automatic checkpoints off (not timed with the rounds)
  const oursFrames = (await ours(dir, -2, identity, files, true)).frames;
  const floorFrames = floorTx(join(dir, 'floor-pages.sqlite'), files, counts, true).frames;
  const med = (xs: Side[], k: 'wallMs' | 'cpuMs'): number => median(xs.map((x) => x[k]));
  console.log(
    JSON.stringify({
      files: files.length,
      rounds: ROUNDS,
      tracked: TRACKED,
      oursWallMs: round(med(our, 'wallMs'), 3),
      floorWallMs: round(med(floor, 'wallMs'), 3),
      wallRatio: round(med(our, 'wallMs') / med(floor, 'wallMs'), 2),
      oursCpuMs: round(med(our, 'cpuMs'), 3),
      floorCpuMs: round(med(floor, 'cpuMs'), 3),
      cpuRatio: round(med(our, 'cpuMs') / med(floor, 'cpuMs'), 2),
      oursFramesPerFile: oursFrames,
      floorFramesPerFile: floorFrames,
      oursWallRuns: our.map((x) => round(x.wallMs, 2)),
      floorWallRuns: floor.map((x) => round(x.wallMs, 2)),
    }),
  );
  await shutdownParsePool();
}

void main();

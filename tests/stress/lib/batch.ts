/**
 * A real 40-file import batch for the crash-safety tests: a database file with units and a period, and one
 * generated, filled form per unit (exportTemplates + fillForm + unitFigures), with the exact figures each unit
 * sent. `runImport` spawns the real CLI (`node --import tsx src/main/hosts/cli/main.ts import … --json`) and can
 * SIGKILL it at a chosen moment; `checkDatabase` proves what is stored is whole.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { createContext } from '../../../src/main/api/context';
import { listBackups, verifyBackup } from '../../../src/main/db/snapshot';
import { materializeBackup } from '../../../src/main/db/chunk-backup';
import { readPacked } from '../../../src/main/db/originals-store';
import { fillForm } from '../../../src/main/demo/form-filler';
import { templateRowsFor } from '../../../src/main/excel/form-layout';
import { backupDirFor } from '../../../src/main/paths';
import { getCatalog } from '../../../src/main/services/catalog';
import { rng, toFill, unitFigures } from '../../../src/main/demo/data';
import { createPeriod } from '../../../src/main/services/periods';
import { cellValueToRow } from '../../../src/main/services/values';
import { updateSettings } from '../../../src/main/services/settings';
import { exportTemplates } from '../../../src/main/services/templates';
import { saveUnit } from '../../../src/main/services/units';
import type { UnitKind } from '../../../src/shared/domain/catalog';

export const ROOT = resolve(__dirname, '../../..');

export { rng };

/** A seed from BDG_STRESS_SEED, or a fresh one; always printed so a failure can be replayed. */
export function seedFromEnv(label: string): number {
  const env = process.env.BDG_STRESS_SEED;
  const seed = env && /^\d+$/.test(env) ? Number(env) : Math.floor(Math.random() * 2 ** 31);
  console.log(`[${label}] seed=${seed} (replay: BDG_STRESS_SEED=${seed})`);
  return seed;
}

export interface Batch {
  /** the prepared database before any import (copy it for each run) */
  pristine: string;
  filesDir: string;
  periodId: number;
  files: string[];
  /** unit code → "element.cell" → "state|num|text" exactly as stored */
  expected: Map<string, Map<string, string>>;
  /** unit code → sha256 of the file it sent */
  fileSha: Map<string, string>;
}

const KINDS: UnitKind[] = ['so_nganh', 'so_nganh', 'doan_the', 'xa', 'xa'];

export const rowKey = (r: { state: string; num: number | null; text: string | null }) =>
  `${r.state}|${r.num ?? ''}|${r.text ?? ''}`;

export async function prepareBatch(dir: string, n: number, seed: number): Promise<Batch> {
  mkdirSync(dir, { recursive: true });
  const pristine = join(dir, 'pristine.sqlite');
  const filesDir = join(dir, 'files');
  mkdirSync(filesDir, { recursive: true });
  const ctx = createContext(pristine, { province: 'Tỉnh Lào Cai', today: () => '2026-06-05' });
  const expected = new Map<string, Map<string, string>>();
  const fileSha = new Map<string, string>();
  const files: string[] = [];
  let periodId: number;
  try {
    updateSettings(ctx.db, { setupDone: true, province: 'Tỉnh Lào Cai' });
    const codes: string[] = [];
    const kinds = new Map<string, UnitKind>();
    for (let i = 0; i < n; i++) {
      const kind = KINDS[i % KINDS.length]!;
      const code = `KT-${String(i + 1).padStart(2, '0')}`;
      saveUnit(ctx.db, { code, name: `Đơn vị thử số ${i + 1}`, kind });
      codes.push(code);
      kinds.set(code, kind);
    }
    periodId = createPeriod(ctx.db, { year: 2026, kind: 'half_year' }).id;
    const catalog = getCatalog(ctx.db);
    const tpl = catalog.templates[0]!;
    const exported = await exportTemplates(ctx.db, periodId, codes);
    for (const [i, f] of exported.entries()) {
      const code = f.unit!;
      const values = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, seed + i * 7919);
      const bytes = await fillForm(f.bytes, toFill(values), catalog.cellLabels);
      const path = join(filesDir, `${String(i + 1).padStart(2, '0')}-${f.name}`);
      writeFileSync(path, bytes);
      files.push(path);
      fileSha.set(code, createHash('sha256').update(bytes).digest('hex'));
      const onForm = new Set(templateRowsFor(tpl, catalog.dataElements, kinds.get(code)!).map((e) => e.code));
      const m = new Map<string, string>();
      for (const v of values)
        if (onForm.has(v.element)) m.set(`${v.element}.${v.cell}`, rowKey(cellValueToRow(v.value)));
      expected.set(code, m);
    }
    ctx.raw.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    ctx.close();
  }
  return { pristine, filesDir, periodId: periodId!, files, expected, fileSha };
}

/** A fresh copy of the prepared database (and an empty backups folder) for one run. */
export function freshCopy(batch: Batch, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'bao-cao-bdg.sqlite');
  copyFileSync(batch.pristine, db);
  return db;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  killed: boolean;
  /** how many "Đang nhập k/n" lines had appeared when it ended */
  progress: number;
  /** ms from spawn to the first progress line, and to the end */
  firstFileAt: number | null;
  endedAt: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `bdg import` on the batch. With `kill`, sends SIGKILL `kill.ms` milliseconds after the progress line of
 * file `kill.file` (1-based) appears on stderr.
 */
export function runImport(
  dbPath: string,
  batch: Batch,
  kill?: { file: number; ms: number; phase: 'read' | 'write' },
  timeoutMs = 300_000,
): Promise<RunResult> {
  return new Promise((resolveP, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/main/hosts/cli/main.ts',
        'import',
        '--db',
        dbPath,
        '--period',
        String(batch.periodId),
        batch.filesDir,
        '--json',
      ],
      { cwd: ROOT, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let progress = 0;
    let killed = false;
    const t0 = Date.now();
    let firstFileAt: number | null = null;
    let timer: NodeJS.Timeout | undefined;
    const hang = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bdg import did not finish within ${timeoutMs} ms (hang)`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // the batch reads every file ("Đang đọc k/n"), then writes them ("Đang nhập k/n"); a kill aims at one phase
      if (firstFileAt === null && /Đang đọc \d+\//.test(stderr)) firstFileAt = Date.now() - t0;
      const verb = kill?.phase === 'read' ? 'Đang đọc' : 'Đang nhập';
      const seen = [...stderr.matchAll(new RegExp(`${verb} (\\d+)/`, 'g'))].map((m) => Number(m[1]));
      progress = seen.length ? Math.max(...seen) : 0;
      if (kill && !timer && !killed && progress >= kill.file) {
        timer = setTimeout(() => {
          killed = child.kill('SIGKILL');
        }, kill.ms);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(hang);
      if (timer) clearTimeout(timer);
      resolveP({
        code,
        signal,
        killed: killed && signal === 'SIGKILL',
        progress,
        firstFileAt,
        endedAt: Date.now() - t0,
        stdout,
        stderr,
      });
    });
  });
}

export interface DbState {
  submissions: number;
  units: string[];
}

/**
 * What a crash may leave: nothing, or whole submissions. Checks integrity, foreign keys, one revision per unit,
 * every value of each stored submission exactly as the unit sent it, the archived file, the import attempt,
 * and that every file in the backups folder is a whole, valid backup.
 */
export function checkDatabase(dbPath: string, batch: Batch, label: string): DbState {
  const db = new Database(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    expect(db.pragma('integrity_check', { simple: true }), `${label}: integrity_check`).toBe('ok');
    expect(db.pragma('foreign_key_check'), `${label}: foreign_key_check`).toEqual([]);
    const subs = db
      .prepare(
        'SELECT s.id, s.sha256, s.revision, s.superseded_by AS sup, u.code FROM submissions s JOIN units u ON u.id = s.unit_id WHERE s.period_id = ?',
      )
      .all(batch.periodId) as Array<{ id: number; sha256: string; revision: number; sup: number | null; code: string }>;
    const units = subs.map((s) => s.code);
    expect(new Set(units).size, `${label}: one submission per unit (no duplicate from a replay)`).toBe(units.length);
    const valueStmt = db.prepare(
      'SELECT element, cell, state, num, text FROM submission_values WHERE submission_id = ?',
    );
    const fileStmt = db.prepare(
      'SELECT sha256, size, length(bytes) AS len, pack, pack_offset AS offset FROM files WHERE sha256 = ?',
    );
    const attemptStmt = db.prepare(
      "SELECT count(*) AS n FROM import_attempts WHERE submission_id = ? AND status = 'accepted'",
    );
    for (const s of subs) {
      expect(s.revision, `${label}: ${s.code} revision`).toBe(1);
      expect(s.sup, `${label}: ${s.code} superseded`).toBeNull();
      const want = batch.expected.get(s.code)!;
      const got = new Map(
        (
          valueStmt.all(s.id) as Array<{
            element: string;
            cell: string;
            state: string;
            num: number | null;
            text: string | null;
          }>
        ).map((r) => [`${r.element}.${r.cell}`, rowKey(r)]),
      );
      expect(got.size, `${label}: ${s.code} has ALL of its ${want.size} values`).toBe(want.size);
      expect(Object.fromEntries(got), `${label}: ${s.code} values`).toEqual(Object.fromEntries(want));
      expect(s.sha256, `${label}: ${s.code} file hash`).toBe(batch.fileSha.get(s.code));
      const f = fileStmt.get(s.sha256) as
        { sha256: string; size: number; len: number; pack: string | null; offset: number | null } | undefined;
      expect(f, `${label}: ${s.code} archived file`).toBeDefined();
      if (f!.pack === null) expect(f!.len).toBe(f!.size);
      // moved out to the originals store: whole and checked against its hash
      else
        expect(
          readPacked(dbPath, backupDirFor(dbPath), { ...f!, pack: f!.pack, offset: f!.offset ?? 0 }, s.code).length,
        ).toBe(f!.size);
      expect((attemptStmt.get(s.id) as { n: number }).n, `${label}: ${s.code} import attempt`).toBe(1);
    }
    // nothing dangling: values, attempts and files only for stored submissions
    const orphanValues = db
      .prepare('SELECT count(*) AS n FROM submission_values WHERE submission_id NOT IN (SELECT id FROM submissions)')
      .get() as { n: number };
    expect(orphanValues.n, `${label}: orphan values`).toBe(0);
    const attempts = db
      .prepare("SELECT count(*) AS n FROM import_attempts WHERE status = 'accepted' AND period_id = ?")
      .get(batch.periodId) as { n: number };
    expect(attempts.n, `${label}: accepted attempts = submissions`).toBe(subs.length);
    const files = db.prepare('SELECT count(*) AS n FROM files').get() as { n: number };
    expect(files.n, `${label}: archived files = submissions`).toBe(subs.length);
    return { submissions: subs.length, units };
  } finally {
    db.close();
    for (const b of listBackups(backupDirFor(dbPath))) {
      if (!b.name.endsWith('.json')) verifyBackup(b.path);
      else {
        // a chunked backup: rebuilt from its chunks (each checked), then checked like a copy
        const image = `${b.path}.kiem-tra.sqlite`;
        try {
          materializeBackup(backupDirFor(dbPath), b.name, image);
          verifyBackup(image, b.name);
        } finally {
          for (const f of [image, `${image}-wal`, `${image}-shm`]) rmSync(f, { force: true });
        }
      }
    }
    // no half-written backup under a backup's name (a kill may leave a *.tmp, never listed)
    const bdir = backupDirFor(dbPath);
    const leftovers = (existsSync(bdir) ? readdirSync(bdir, { withFileTypes: true }) : []).filter(
      // a killed backup leaves its temporary copy (and that copy's journal), cleaned on a later start
      (e) => e.isFile() && !/^sao-luu-.*\.(sqlite|json)$/.test(e.name) && !/\.tmp(-journal|-wal|-shm)?$/.test(e.name),
    );
    expect(
      leftovers.map((e) => e.name),
      `${label}: stray files in backups`,
    ).toEqual([]);
  }
}

/** A completed batch: every unit stored once with exactly its figures. */
export function expectComplete(dbPath: string, batch: Batch, label: string): void {
  const st = checkDatabase(dbPath, batch, label);
  expect(st.submissions, `${label}: all units stored`).toBe(batch.expected.size);
}

export function parseResults(stdout: string): Array<{ status: string; file: string }> {
  const line = stdout.trim().split('\n').filter(Boolean).at(-1) ?? '{}';
  return (JSON.parse(line) as { results?: Array<{ status: string; file: string }> }).results ?? [];
}

export interface KillLoopStats {
  seed: number;
  files: number;
  kills: number;
  killedMidBatch: number;
  finishedBeforeKill: number;
  /** submissions found whole after each kill */
  storedAfterKill: number[];
}

/**
 * The crash-safety loop: a reference run must store every figure exactly; then `kills` times, a fresh copy of the
 * database is imported into and SIGKILLed at a seeded random moment inside the batch; what is left must be whole
 * (checkDatabase), and re-running the batch must complete it with exact figures.
 */
export async function killLoop(dir: string, files: number, kills: number, seed: number): Promise<KillLoopStats> {
  const batch = await prepareBatch(join(dir, 'batch'), files, seed);
  const refDb = freshCopy(batch, join(dir, 'reference'));
  const ref = await runImport(refDb, batch);
  expect(ref.code, ref.stderr).toBe(0);
  const refResults = parseResults(ref.stdout);
  expect(refResults.map((r) => r.status)).toEqual(Array(files).fill('accepted'));
  expectComplete(refDb, batch, `seed ${seed}: reference run`);
  const perFile = Math.max(20, (ref.endedAt - (ref.firstFileAt ?? 0)) / files);
  const rand = rng(seed ^ 0x5eed);
  const stats: KillLoopStats = {
    seed,
    files,
    kills,
    killedMidBatch: 0,
    finishedBeforeKill: 0,
    storedAfterKill: [],
  };
  for (let i = 0; i < kills; i++) {
    // half the kills while the files are read and checked, half while they are written
    const phase = rand() < 0.5 ? ('read' as const) : ('write' as const);
    const kill = { file: 1 + Math.floor(rand() * files), ms: Math.floor((rand() * perFile * 1.1) / 2), phase };
    const label = `seed ${seed}, kill ${i + 1}/${kills} (${kill.ms} ms after file ${kill.file} started to ${phase === 'read' ? 'be read' : 'be written'})`;
    const db = freshCopy(batch, join(dir, 'run'));
    const r = await runImport(db, batch, kill);
    if (r.killed) stats.killedMidBatch++;
    else {
      expect(r.code, `${label}: ${r.stderr}`).toBe(0);
      stats.finishedBeforeKill++;
    }
    const st = checkDatabase(db, batch, `${label}, after the kill`);
    stats.storedAfterKill.push(st.submissions);
    const again = await runImport(db, batch);
    expect(again.code, `${label}: re-run: ${again.stderr}`).toBe(0);
    const statuses = parseResults(again.stdout).map((x) => x.status);
    expect(
      statuses.filter((s) => s === 'rejected'),
      `${label}: re-run rejected some`,
    ).toEqual([]);
    expect(statuses.filter((s) => s === 'unchanged').length, `${label}: re-run skips what was stored`).toBe(
      st.submissions,
    );
    expectComplete(db, batch, `${label}, after the re-run`);
  }
  console.log(
    `[kill loop] seed=${seed} files=${files} kills=${kills} killed mid-batch=${stats.killedMidBatch} ` +
      `finished first=${stats.finishedBeforeKill} stored after kill=${stats.storedAfterKill.join(',')}`,
  );
  return stats;
}

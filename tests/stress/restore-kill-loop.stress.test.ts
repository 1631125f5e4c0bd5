/**
 * Issue 19, the kill loop over the database file itself: `bdg backup --out`, `bdg restore --from` and the
 * migration upgrade of an earlier release's database (tests/fixtures/db/v0.1.0.sqlite, opened by `bdg check`),
 * each SIGKILLed at a seeded random moment, 24 times by default (BDG_STRESS_FILE_KILLS). After every kill: the
 * database opens, is whole (integrity and foreign keys ok) and equal to before or after the operation; `--out` is
 * absent or a whole copy; and the same operation run again, uncut, succeeds (nothing left behind blocks it).
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/main/api/context';
import { verifyBackup } from '../../src/main/db/snapshot';
import { saveUnit } from '../../src/main/services/units';
import { tmpDir } from '../helpers/tmp';
import { rng, ROOT, seedFromEnv } from './lib/batch';

const KILLS = Number(process.env.BDG_STRESS_FILE_KILLS ?? 24);
const FIXTURE = resolve(__dirname, '../fixtures/db/v0.1.0.sqlite');

function bdg(
  args: string[],
  killAfterMs: number | null,
): Promise<{ code: number | null; killed: boolean; ms: number }> {
  return new Promise((resolveP, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/hosts/cli/main.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let killed = false;
    const timer =
      killAfterMs === null
        ? null
        : setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, killAfterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      if (killAfterMs === null && code !== 0) reject(new Error(`bdg ${args.join(' ')} failed: ${stderr}`));
      // a kill that came after the process ended did not cut anything
      resolveP({ code, killed: killed && code === null, ms: Date.now() - started });
    });
  });
}

function state(path: string): { units: string[]; integrity: string; fk: number } {
  const db = new Database(path, { readonly: true });
  try {
    return {
      units: (db.prepare('SELECT code FROM units ORDER BY code').all() as Array<{ code: string }>).map((r) => r.code),
      integrity: String(db.pragma('integrity_check', { simple: true })),
      fk: (db.pragma('foreign_key_check') as unknown[]).length,
    };
  } finally {
    db.close();
  }
}

/** Opens the database the way a door does (leftovers swept, migrations applied) and closes it. */
function reopen(path: string): void {
  createContext(path).close();
}

function copyDb(from: string, to: string): void {
  for (const ext of ['-wal', '-shm', '']) {
    rmSync(to + ext, { force: true });
    if (existsSync(from + ext)) copyFileSync(from + ext, to + ext);
  }
}

describe('SIGKILL loop over backup --out, restore and the migration upgrade', () => {
  it(`${KILLS} kills: the database is always whole and before-or-after; nothing blocks the next run`, async () => {
    const seed = seedFromEnv('file-kill-loop');
    const next = rng(seed);
    const dir = tmpDir('bdg-file-kill-');

    // state A: units S01…S40; the backup to restore: state B (S01 only)
    const pristine = join(dir, 'pristine.sqlite');
    const ctx = createContext(pristine, { province: 'Tỉnh Lào Cai' });
    saveUnit(ctx.db, { code: 'S01', name: 'Sở 1', kind: 'so_nganh' });
    const backupB = join(dir, 'ban-B.sqlite');
    ctx.raw.prepare('VACUUM INTO ?').run(backupB);
    for (let i = 2; i <= 40; i++)
      saveUnit(ctx.db, { code: `S${String(i).padStart(2, '0')}`, name: `Sở ${i}`, kind: 'so_nganh' });
    ctx.close();
    const A = state(pristine).units;
    const B = state(backupB).units;

    const live = join(dir, 'live', 'bao-cao-bdg.sqlite');
    mkdirSync(join(dir, 'live'));
    const outDir = join(dir, 'usb');
    mkdirSync(outDir);

    // how long an uncut run takes, to spread the kills over it (lowered by every run that ends before its kill: a
    // figure taken while the machine was busier, e.g. beside the other stress files, would put kills past the end)
    copyDb(pristine, live);
    const full = {
      backup: (await bdg(['backup', '--db', live, '--out', join(outDir, 'do.sqlite')], null)).ms,
      restore: (await bdg(['restore', '--db', live, '--from', backupB], null)).ms,
      upgrade: 0,
    };
    copyDb(FIXTURE, live);
    full.upgrade = (await bdg(['check', '--db', live, '--json'], null)).ms;
    const fixtureUnitsAfter = state(live).units;

    const cut = { backup: 0, restore: 0, upgrade: 0 };
    const runs = { backup: 0, restore: 0, upgrade: 0 };
    for (let k = 0; k < KILLS; k++) {
      const op = (['backup', 'restore', 'upgrade'] as const)[k % 3]!;
      runs[op]++;
      // most of an uncut run is starting Node; the work itself is its last part: the kills lean towards it
      const at = Math.floor(full[op] * (0.55 + 0.55 * next()));
      if (op === 'backup') {
        copyDb(pristine, live);
        const out = join(outDir, `sao-luu-${k}.sqlite`);
        const r = await bdg(['backup', '--db', live, '--out', out], at);
        if (r.killed) cut.backup++;
        else full.backup = Math.min(full.backup, r.ms); // ended first: the machine is quicker now
        if (existsSync(out)) {
          verifyBackup(out);
          expect(state(out).units).toEqual(A);
        }
        reopen(live);
        expect(state(live)).toEqual({ units: A, integrity: 'ok', fk: 0 });
        // again, uncut, to the same place (a whole file there is refused: then to a new name)
        await bdg(['backup', '--db', live, '--out', existsSync(out) ? `${out}.2` : out], null);
        expect(readdirSync(outDir).filter((n) => n.startsWith(`sao-luu-${k}.sqlite.`) && n.endsWith('.tmp'))).toEqual(
          [],
        );
      } else if (op === 'restore') {
        copyDb(pristine, live);
        const r = await bdg(['restore', '--db', live, '--from', backupB], at);
        if (r.killed) cut.restore++;
        else full.restore = Math.min(full.restore, r.ms); // ended first: the machine is quicker now
        reopen(live);
        const s = state(live);
        expect(s.integrity).toBe('ok');
        expect(s.fk).toBe(0);
        expect([A, B]).toContainEqual(s.units);
        await bdg(['restore', '--db', live, '--from', backupB], null);
        expect(state(live).units).toEqual(B);
        expect(readdirSync(join(dir, 'live')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      } else {
        copyDb(FIXTURE, live);
        const before = state(live).units;
        const r = await bdg(['check', '--db', live, '--json'], at);
        if (r.killed) cut.upgrade++;
        else full.upgrade = Math.min(full.upgrade, r.ms); // ended first: the machine is quicker now
        const s = state(live);
        expect(s.integrity).toBe('ok');
        expect([before, fixtureUnitsAfter]).toContainEqual(s.units);
        await bdg(['check', '--db', live, '--json'], null);
        expect(state(live)).toEqual({ units: fixtureUnitsAfter, integrity: 'ok', fk: 0 });
      }
    }
    console.log(
      `[file-kill-loop] seed=${seed} kills=${KILLS} runs=${JSON.stringify(runs)} killed before the end=${JSON.stringify(cut)} ` +
        `full run ms=${JSON.stringify(full)}`,
    );
    expect(cut.backup + cut.restore + cut.upgrade).toBeGreaterThanOrEqual(Math.ceil(KILLS * 0.5));
  });
});

/**
 * Issue 19, finding 1 and "one database, one owner": `bdg restore` while `bdg serve` had the same database open
 * exited 0, the host went on writing to the old, unlinked file, and what it accepted was gone. Now the door that
 * opens a database holds `<db>.lock` (pid, door, time); every other process is refused with a message naming it;
 * a lock whose process is gone is taken over. The cross-process test: a web host and two CLI processes on one
 * database: only the first may write, the others get the message; after the first exits, the next takes over.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/main/api/context';
import { runCli } from '../../../src/main/hosts/cli/run';
import { AppError } from '../../../src/shared/result';
import { tmpDir } from '../../helpers/tmp';

const ROOT = resolve(__dirname, '../../..');

function bdg(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/hosts/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: '1', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  return { child, done, out: () => stdout, err: () => stderr };
}

async function inProcess(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

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

describe('one database, one owner', () => {
  it('a web host owns the database: restore, imports and a second host from other processes are refused; after it dies the next takes over', async () => {
    const dir = tmpDir();
    const db = join(dir, 'tinh.sqlite');
    expect((await inProcess(['init', '--db', db, '--province', 'Tỉnh Lào Cai'])).code).toBe(0);
    const backup = join(dir, 'ban-sao.sqlite');
    expect((await inProcess(['backup', '--db', db, '--out', backup])).code).toBe(0);
    const staticDir = join(dir, 'ui');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Báo cáo BĐG</title>');

    const host = bdg(['serve', '--db', db, '--no-open'], { BDG_RENDERER_DIR: staticDir });
    try {
      const url = await new Promise<URL>((resolveP, reject) => {
        const t = setInterval(() => {
          const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(host.out());
          if (m) {
            clearInterval(t);
            resolveP(new URL(m[0]));
          }
        }, 50);
        void host.done.then((c) => reject(new Error(`serve exited ${c}: ${host.err()}`)));
      });
      const call = async (op: string, body: unknown) =>
        (await (
          await fetch(`${url.origin}/api/${op}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${url.searchParams.get('token')}` },
            body: JSON.stringify(body),
          })
        ).json()) as { ok: boolean; data?: unknown };

      // the owner writes
      expect((await call('units.save', { code: 'S01', name: 'Sở Nội vụ', kind: 'so_nganh' })).ok).toBe(true);

      // two CLI processes: a restore (finding 1) and a write; and a second web host
      const restore = bdg(['restore', '--db', db, '--from', backup, '--json']);
      const write = bdg(['period', 'create', '--db', db, '--year', '2026', '--kind', 'half_year', '--json']);
      const second = bdg(['serve', '--db', db, '--no-open'], { BDG_RENDERER_DIR: staticDir });
      // a second host that starts would serve forever: it is stopped after 20 s and counted as started
      const secondEnd = Promise.race([
        second.done,
        new Promise<string>((r) =>
          setTimeout(() => {
            second.child.kill('SIGKILL');
            r('started and kept running');
          }, 20_000),
        ),
      ]);
      const [rc, wc, sc] = await Promise.all([restore.done, write.done, secondEnd]);
      for (const [name, code, p] of [
        ['restore', rc, restore],
        ['period create', wc, write],
        ['serve', sc, second],
      ] as const) {
        expect(code, `${name}: ${p.err()}`).toBe(1);
        expect(p.err(), name).toMatch(
          new RegExp(
            `đang được mở trong Báo cáo BĐG trên trình duyệt \\(bdg serve\\) khác \\(tiến trình ${host.child.pid}, từ \\d\\d:\\d\\d`,
          ),
        );
        expect(p.err(), name).not.toMatch(/tệp bị hỏng|khôi phục từ/);
      }
      // the lock names the owner
      const lock = JSON.parse(readFileSync(`${db}.lock`, 'utf8')) as { pid: number; door: string; since: string };
      expect(lock).toMatchObject({ pid: host.child.pid, door: 'web' });
      // in this process too (the test is another process than the host)
      expect(() => createContext(db)).toThrow(AppError);

      // nothing was replaced: the host still sees its write, and keeps writing to the same file
      expect((await call('units.list', {})).data).toEqual([expect.objectContaining({ code: 'S01' })]);
      expect((await call('units.save', { code: 'S02', name: 'Sở Y tế', kind: 'so_nganh' })).ok).toBe(true);
    } finally {
      host.child.kill('SIGKILL');
      await host.done;
    }
    // the owner is gone (killed: its lock is stale); the next CLI takes over and finds every accepted write
    expect(existsSync(`${db}.lock`)).toBe(true);
    const list = bdg(['units', 'list', '--db', db, '--json']);
    expect(await list.done, list.err()).toBe(0);
    expect((JSON.parse(list.out()) as { units: Array<{ code: string }> }).units.map((u) => u.code)).toEqual([
      'S01',
      'S02',
    ]);
    expect(existsSync(`${db}.lock`)).toBe(false); // released when it ended
    const restored = await inProcess(['restore', '--db', db, '--from', backup, '--json']);
    expect(restored.code, restored.err).toBe(0);
  });

  it('takes over a stale lock (dead process, or unreadable), shares it within a process, releases it on close', () => {
    const db = join(tmpDir(), 'l.sqlite');
    writeFileSync(
      `${db}.lock`,
      JSON.stringify({ pid: deadPid(), door: 'electron', host: hostname(), since: new Date().toISOString() }),
    );
    const a = createContext(db, { door: 'cli' });
    expect(JSON.parse(readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, door: 'cli' });
    const b = createContext(db); // the same process: shared
    a.close();
    expect(existsSync(`${db}.lock`)).toBe(true);
    b.close();
    expect(existsSync(`${db}.lock`)).toBe(false);
    writeFileSync(`${db}.lock`, 'rác');
    const c = createContext(db);
    expect(JSON.parse(readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    c.close();
  });
});

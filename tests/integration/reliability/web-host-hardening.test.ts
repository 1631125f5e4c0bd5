/**
 * Web door (issue point 6), what tests/integration/doors/web-host.test.ts does not cover: unreachable from
 * other interfaces, token only in the Authorization header, Origin "null" and other ports refused, Host tricks
 * refused, no CORS preflight, a chunked body over the limit refused, and the token never written anywhere but the
 * one URL line `bdg serve` prints on stdout (nothing on stderr, nothing through the server's log).
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startWebHost, type WebHost } from '../../../src/main/hosts/web/server';
import { runCli } from '../../../src/main/hosts/cli/run';
import { tmpCtx, tmpDir } from '../../helpers/tmp';

const ROOT = resolve(__dirname, '../../..');

function raw(
  port: number,
  opts: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    chunks?: Buffer[];
    host?: string;
  },
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolveP, reject) => {
    const req = request(
      { host: opts.host ?? '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolveP({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (opts.chunks) {
      for (const c of opts.chunks) req.write(c);
    } else if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('web door hardening', () => {
  const ctx = tmpCtx();
  const staticDir = tmpDir();
  const logged: string[] = [];
  let host: WebHost;
  beforeAll(async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Báo cáo BĐG</title>');
    host = await startWebHost({ ctx, staticDir, log: (l) => logged.push(l) });
  });
  afterAll(async () => {
    await host.close();
    ctx.dispose();
  });
  const auth = () => ({ 'content-type': 'application/json', authorization: `Bearer ${host.token}` });

  it('cannot be reached through any non-loopback interface of this machine', async () => {
    const addrs = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const a of addrs) {
      await expect(raw(host.port, { host: a, path: '/' }), a).rejects.toThrow(/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/);
    }
    await expect(raw(host.port, { host: '::1', path: '/' })).rejects.toThrow();
  });

  it('takes the token only from the Authorization header, never from the query string or a cookie', async () => {
    const q = await raw(host.port, {
      method: 'POST',
      path: `/api/units.list?token=${host.token}`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(q.status).toBe(401);
    const cookie = await raw(host.port, {
      method: 'POST',
      path: '/api/units.list',
      headers: { 'content-type': 'application/json', cookie: `token=${host.token}` },
      body: '{}',
    });
    expect(cookie.status).toBe(401);
    const basic = await raw(host.port, {
      method: 'POST',
      path: '/api/units.list',
      headers: { 'content-type': 'application/json', authorization: `Basic ${host.token}` },
      body: '{}',
    });
    expect(basic.status).toBe(401);
    // a token of the right length but one character off
    const off = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    const near = await raw(host.port, {
      method: 'POST',
      path: '/api/units.list',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${off}` },
      body: '{}',
    });
    expect(near.status).toBe(401);
  });

  it('refuses Origin "null", other ports and look-alike hosts; Host must be the loopback name with our port', async () => {
    for (const origin of [
      'null',
      `http://127.0.0.1:${host.port + 1}`,
      `https://127.0.0.1:${host.port}`,
      'http://localhost.evil.example',
    ]) {
      const r = await raw(host.port, {
        method: 'POST',
        path: '/api/units.list',
        headers: { ...auth(), origin },
        body: '{}',
      });
      expect(r.status, origin).toBe(403);
    }
    for (const h of [
      `127.0.0.1.nip.io:${host.port}`,
      `localhost:${host.port + 1}`,
      '127.0.0.1',
      `evil.example`,
      `127.0.0.1:${host.port}@evil.example`,
    ]) {
      const r = await raw(host.port, { path: '/', headers: { host: h } });
      expect(r.status, h).toBe(421);
    }
  });

  it('answers no CORS preflight and sends no Access-Control-Allow-* header, even for an allowed origin', async () => {
    const pre = await raw(host.port, {
      method: 'OPTIONS',
      path: '/api/units.list',
      headers: {
        origin: host.origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(pre.status).toBe(405);
    const ok = await raw(host.port, {
      method: 'POST',
      path: '/api/units.list',
      headers: { ...auth(), origin: host.origin },
      body: '{}',
    });
    expect(ok.status).toBe(200);
    for (const r of [pre, ok]) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('refuses a chunked body over the limit (no Content-Length to trust) and stays up', async () => {
    const chunk = Buffer.alloc(4 * 1024 * 1024, 0x20);
    const n = Math.ceil(MAX_BODY_BYTES / chunk.length) + 1;
    const r = await raw(host.port, {
      method: 'POST',
      path: '/api/units.list',
      headers: { ...auth(), 'transfer-encoding': 'chunked' },
      chunks: Array(n).fill(chunk),
    }).catch((e: Error) => ({ status: -1, headers: {}, body: e.message }));
    // either the 413 answer arrives, or the server cut the connection while we were still sending
    if (r.status !== -1) {
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).error.message).toMatch(/quá lớn/);
    } else expect(r.body).toMatch(/EPIPE|ECONNRESET|socket hang up/);
    const after = await raw(host.port, { method: 'POST', path: '/api/units.list', headers: auth(), body: '{}' });
    expect(after.status).toBe(200);
  });

  it('refuses a wrong content type on the API (a form post cannot reach it)', async () => {
    const r = await raw(host.port, {
      method: 'POST',
      path: '/api/units.list',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(r.status).toBe(415);
  });

  it("never passes the token to the server's log", async () => {
    await raw(host.port, { path: `/?token=${host.token}` });
    await raw(host.port, { method: 'POST', path: '/api/khong-co', headers: auth(), body: '{}' });
    await raw(host.port, {
      method: 'POST',
      path: '/api/units.list',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sai' },
      body: '{}',
    });
    for (const l of logged) expect(l).not.toContain(host.token);
  });
});

describe('`bdg serve` output', () => {
  it('prints the token only in the one URL line on stdout, never on stderr', async () => {
    const db = join(tmpDir(), 'serve.sqlite');
    expect(await runCli(['init', '--db', db], { out: () => undefined, err: () => undefined })).toBe(0);
    const staticDir = tmpDir();
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Báo cáo BĐG</title>');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main/hosts/cli/main.ts', 'serve', '--db', db, '--no-open'],
      {
        cwd: ROOT,
        env: { ...process.env, CI: '1', BDG_RENDERER_DIR: staticDir, BDG_DEBUG: '1' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    try {
      const url = await new Promise<string>((resolveP, reject) => {
        const t = setInterval(() => {
          const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(stdout);
          if (m) {
            clearInterval(t);
            resolveP(m[0]);
          }
        }, 50);
        child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${stderr}`)));
      });
      const u = new URL(url);
      const token = u.searchParams.get('token')!;
      expect(token.length).toBeGreaterThanOrEqual(20);
      // traffic of every kind, including failures that an error log might echo
      const post = (op: string, headers: Record<string, string>, body = '{}') =>
        fetch(`${u.origin}/api/${op}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
      await fetch(url);
      await fetch(`${u.origin}/khong-co.js?token=${token}`);
      await post('units.list', { authorization: `Bearer ${token}` });
      await post('units.save', { authorization: `Bearer ${token}` }, '{"code": 1}');
      await post('units.list', { authorization: `Bearer ${token}` }, '{không phải json');
      await post('khong-co', { authorization: `Bearer ${token}` });
      await post('units.list', { authorization: 'Bearer sai' });
      await post('units.list', { authorization: `Bearer ${token}`, origin: 'http://evil.example' });
    } finally {
      child.kill('SIGTERM');
    }
    await closed;
    const token = new URL(/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(stdout)![0]).searchParams.get('token')!;
    const outLines = stdout.split('\n').filter((l) => l.includes(token));
    expect(outLines).toHaveLength(1);
    expect(outLines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(stderr).not.toContain(token);
    // stderr does say where the app runs, without the token
    expect(stderr).toMatch(/đang chạy tại http:\/\/127\.0\.0\.1:\d+ /);
  });
});

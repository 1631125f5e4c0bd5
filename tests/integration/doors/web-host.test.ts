import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isAllowedHost,
  isAllowedOrigin,
  resolveStatic,
  startWebHost,
  type WebHost,
  MAX_BODY_BYTES,
} from '../../../src/main/hosts/web/server';
import { createEventHub } from '../../../src/main/hosts/events';
import { toWire, fromWire } from '../../../src/shared/wire';
import { tmpCtx, tmpDir } from '../../helpers/tmp';

function raw(
  host: WebHost,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('local web host', () => {
  const ctx = tmpCtx();
  let host: WebHost;
  const staticDir = tmpDir();
  beforeAll(async () => {
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Báo cáo BĐG</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    host = await startWebHost({ ctx, staticDir });
  });
  afterAll(async () => {
    await host.close();
    ctx.dispose();
  });
  const api = (op: string, body: unknown, headers: Record<string, string> = {}) =>
    raw(host, {
      method: 'POST',
      path: `/api/${op}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, ...headers },
      body: JSON.stringify(toWire(body)),
    });

  it('listens on loopback only and prints a URL carrying the token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect((host.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('refuses an API call without the token with 401, and with a wrong token', async () => {
    const r = await raw(host, {
      method: 'POST',
      path: '/api/app.info',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error.message).toMatch(/mã truy cập/);
    const wrong = await api('app.info', {}, { authorization: 'Bearer sai' });
    expect(wrong.status).toBe(401);
  });

  it('answers app.info and units.list with the token', async () => {
    const info = await api('app.info', {});
    expect(info.status).toBe(200);
    const data = JSON.parse(info.body);
    expect(data.ok).toBe(true);
    expect(data.data.dbPath).toBe(ctx.dbPath);
    expect(data.data.schemaVersion).toMatch(/^\d{4}_\w+$/);
    const units = JSON.parse((await api('units.list', {})).body);
    expect(units).toEqual({ ok: true, data: [] });
  });

  it('validates input with the contract schema and answers in Vietnamese', async () => {
    const r = JSON.parse((await api('units.save', { code: '', name: 'x', kind: 'khong-co' })).body);
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).toMatch(/không hợp lệ/);
    const unknown = await api('shell.exec', {});
    expect(unknown.status).toBe(404);
  });

  it('carries files as bytes', async () => {
    const r = JSON.parse(
      (await api('units.import', { file: { name: 'rong.xlsx', bytes: new Uint8Array(0) }, dryRun: true })).body,
    );
    expect(r.ok).toBe(false);
    expect(r.error.message).toMatch(/rỗng|Tệp/);
  });

  it('checks Host and Origin (DNS rebinding), sends no CORS headers', async () => {
    const rebinding = await raw(host, { path: '/', headers: { host: `evil.example:${host.port}` } });
    expect(rebinding.status).toBe(421);
    const cross = await api('app.info', {}, { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const ok = await raw(host, { path: '/' });
    expect(ok.headers['access-control-allow-origin']).toBeUndefined();
    expect(String(ok.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(isAllowedHost(`localhost:${host.port}`, host.port)).toBe(true);
    expect(isAllowedHost(`127.0.0.1:1`, host.port)).toBe(false);
    expect(isAllowedOrigin(undefined, host.port)).toBe(true);
  });

  it('limits the request size', async () => {
    const r = await raw(host, {
      method: 'POST',
      path: '/api/app.info',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${host.token}`,
        'content-length': String(MAX_BODY_BYTES + 1),
      },
    });
    expect(r.status).toBe(413);
  });

  it('serves the renderer, falls back to the shell for routes and never leaves the folder', async () => {
    expect((await raw(host, { path: '/' })).body).toContain('Báo cáo BĐG');
    expect((await raw(host, { path: '/assets/app.js' })).status).toBe(200);
    expect((await raw(host, { path: '/don-vi' })).body).toContain('Báo cáo BĐG');
    expect((await raw(host, { path: '/../../etc/passwd' })).body).not.toContain('root:');
    expect((await raw(host, { path: '/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(400);
    expect(resolveStatic(staticDir, '/..%2f..%2fetc%2fpasswd')).toBeNull();
  });

  it('wire encoding round-trips bytes and drops prototype keys', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 128, 7]);
    const back = fromWire(JSON.parse(JSON.stringify(toWire({ f: { bytes } })))) as { f: { bytes: Uint8Array } };
    expect([...back.f.bytes]).toEqual([...bytes]);
    const polluted = fromWire(JSON.parse('{"__proto__": {"x": 1}, "a": 1}')) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(polluted.a).toBe(1);
  });
});

/** Opens GET /api/events; resolves once the stream is open, collecting every `data:` line as it arrives. */
function openEvents(host: WebHost, headers: Record<string, string>) {
  const events: Array<{ event: string; payload: Record<string, unknown> }> = [];
  let buffered = '';
  let onData = () => {};
  return new Promise<{
    status: number;
    headers: Record<string, unknown>;
    events: typeof events;
    waitFor: (n: number) => Promise<void>;
    ended: Promise<void>;
    close: () => void;
  }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method: 'GET', path: '/api/events', headers }, (res) => {
      const ended = new Promise<void>((r) => res.on('close', () => r()));
      res.on('data', (c: Buffer) => {
        buffered += c.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const l of lines)
          if (l.startsWith('data: ')) events.push(fromWire(JSON.parse(l.slice(6))) as (typeof events)[number]);
        onData();
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        waitFor: (n) =>
          new Promise<void>((r) => {
            onData = () => events.length >= n && r();
            onData();
          }),
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web host delivers the core events', () => {
  const events = createEventHub();
  const ctx = tmpCtx({ emit: events.emit });
  let host: WebHost;
  beforeAll(async () => {
    const staticDir = tmpDir();
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Báo cáo BĐG</title>');
    host = await startWebHost({ ctx, staticDir, events });
  });
  afterAll(async () => {
    await host.close();
    ctx.dispose();
  });
  const auth = () => ({ authorization: `Bearer ${host.token}` });
  const api = async (op: string, body: unknown) =>
    JSON.parse(
      (
        await raw(host, {
          method: 'POST',
          path: `/api/${op}`,
          headers: { 'content-type': 'application/json', ...auth() },
          body: JSON.stringify(toWire(body)),
        })
      ).body,
    ) as { ok: boolean; data: Record<string, unknown> };

  it('refuses the event stream without the token, or with a wrong one (401)', async () => {
    const none = await raw(host, { path: '/api/events' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.message).toMatch(/mã truy cập/);
    const wrong = await raw(host, { path: '/api/events', headers: { authorization: 'Bearer sai' } });
    expect(wrong.status).toBe(401);
  });

  it('a batch import through POST /api/imports.batch sends, per file, a "read" event and then its answer', async () => {
    const period = await api('periods.create', { year: 2026, kind: 'year' });
    expect(period.ok).toBe(true);
    const stream = await openEvents(host, auth());
    expect(stream.status).toBe(200);
    expect(String(stream.headers['content-type'])).toMatch(/^text\/event-stream/);
    const files = ['mot.xlsx', 'hai.xlsx', 'ba.xlsx'].map((name) => ({ name, bytes: new Uint8Array([1, 2, 3]) }));
    const batch = await api('imports.batch', { periodId: period.data.id, files, batchId: 'lo-1' });
    expect(batch.ok).toBe(true);
    await stream.waitFor(6);
    expect(stream.events.map((e) => e.event)).toEqual(Array(6).fill('import.progress'));
    const payloads = stream.events.map((e) => e.payload as { phase: string });
    expect(payloads.filter((p) => p.phase === 'read')).toEqual(
      files.map((f, index) => expect.objectContaining({ batchId: 'lo-1', index, total: 3, file: f.name })),
    );
    expect(payloads.filter((p) => p.phase === 'done')).toEqual(
      files.map((f, index) =>
        expect.objectContaining({ batchId: 'lo-1', index, total: 3, file: f.name, status: 'rejected' }),
      ),
    );
    stream.close();
  });

  it('ends the open streams when the host stops', async () => {
    const stream = await openEvents(host, auth());
    await host.close();
    await stream.ended;
    host = await startWebHost({ ctx, staticDir: tmpDir(), events });
  });
});

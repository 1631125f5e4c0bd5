/**
 * Issue 19, finding 8: a new tab of the web door opened without `?token=` showed only "Không tải được dữ liệu".
 * Now the page opened with the token leaves a session cookie (its own random value, HttpOnly, SameSite=Strict),
 * and the app shell asked for with that cookie but no token is redirected to the same address with the token.
 * The protection is not weakened: the API still takes the token only from the Authorization header, a wrong or
 * missing cookie gets the plain shell, a wrong token sets no cookie, and nothing reaches the host's log.
 */
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, startWebHost, type WebHost } from '../../../src/main/hosts/web/server';
import { tmpCtx, tmpDir } from '../../helpers/tmp';

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolveP, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolveP({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

describe('web door: a new tab finds its way in without the token in the address', () => {
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

  const sessionFrom = (setCookie: string | string[] | undefined): string | null => {
    const line = [setCookie ?? []].flat().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    return line ? line.split(';')[0]! : null;
  };

  it('the first tab (with ?token=) gets an HttpOnly, SameSite=Strict session cookie that is not the token', async () => {
    const first = await get(host.port, `/?token=${host.token}`);
    expect(first.status).toBe(200);
    const line = [first.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(line).toBeDefined();
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).not.toContain(host.token);
  });

  it('a new tab with the cookie is sent to the same address with the token; the API still refuses the cookie', async () => {
    const cookie = sessionFrom((await get(host.port, `/?token=${host.token}`)).headers['set-cookie'])!;
    const tab = await get(host.port, '/bao-cao?ky=3', { cookie });
    expect(tab.status).toBe(302);
    const to = new URL(String(tab.headers.location), host.origin);
    expect(to.pathname).toBe('/bao-cao');
    expect(to.searchParams.get('ky')).toBe('3');
    expect(to.searchParams.get('token')).toBe(host.token);
    const root = await get(host.port, '/', { cookie });
    expect(root.status).toBe(302);

    const api = await get(host.port, '/api/units.list', { cookie, 'content-type': 'application/json' }, 'POST', '{}');
    expect(api.status).toBe(401);
    expect(logged.join('\n')).not.toContain(host.token);
  });

  it('no cookie, a wrong cookie or a wrong token: the plain shell, no cookie, no redirect', async () => {
    expect((await get(host.port, '/')).status).toBe(200);
    expect((await get(host.port, '/', { cookie: `${SESSION_COOKIE}=sai` })).status).toBe(200);
    expect((await get(host.port, '/', { cookie: `token=${host.token}` })).status).toBe(200);
    const wrong = await get(host.port, '/?token=sai');
    expect(wrong.status).toBe(200);
    expect(sessionFrom(wrong.headers['set-cookie'])).toBeNull();
    // assets are never redirected
    writeFileSync(join(staticDir, 'app.js'), '1');
    const cookie = sessionFrom((await get(host.port, `/?token=${host.token}`)).headers['set-cookie'])!;
    expect((await get(host.port, '/app.js', { cookie })).status).toBe(200);
  });
});

/** The browser's window.api over HTTP: token handling, wire encoding, error envelopes. */
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApi, takeToken, TOKEN_KEY } from '../../src/renderer/src/api/http';
import { fromWire, toWire } from '../../src/shared/wire';

type Call = { url: string; init: RequestInit };

function fakeFetch(reply: (c: Call) => { status: number; body: unknown } | Error) {
  const calls: Call[] = [];
  const fn = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const c = { url: String(url), init: init ?? {} };
    calls.push(c);
    const r = reply(c);
    if (r instanceof Error) throw r;
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return { fn, calls };
}

afterEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('takeToken', () => {
  it('takes ?token= from the address, keeps it for this tab and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/?token=abc123&x=1#/don-vi');
    expect(takeToken()).toBe('abc123');
    expect(window.sessionStorage.getItem(TOKEN_KEY)).toBe('abc123');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#/don-vi');
    // after a reload the stored token is used
    expect(takeToken()).toBe('abc123');
  });

  it('returns null when there is no token anywhere', () => {
    expect(takeToken()).toBeNull();
  });
});

describe('createHttpApi', () => {
  it('posts one operation with the bearer token and wire-encoded bytes', async () => {
    const { fn, calls } = fakeFetch(() => ({
      status: 200,
      body: toWire({ ok: true, data: { name: 'a.xlsx', bytes: new Uint8Array([7, 8, 9]) } }),
    }));
    const api = createHttpApi({ token: 't0k', fetch: fn });
    const r = await api['submissions.original']({ id: 5 });
    expect(calls[0]!.url).toBe('/api/submissions.original');
    expect(calls[0]!.init.method).toBe('POST');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer t0k');
    expect(r.ok).toBe(true);
    if (r.ok) expect(Array.from(r.data.bytes)).toEqual([7, 8, 9]);

    await api['units.import']({ file: { name: 'x.xlsx', bytes: new Uint8Array([1, 2, 3]) }, dryRun: true });
    const sent = fromWire(JSON.parse(String(calls[1]!.init.body))) as { file: { bytes: Uint8Array } };
    expect(Array.from(sent.file.bytes)).toEqual([1, 2, 3]);
  });

  it('passes the server error envelope through (Vietnamese message), 401 becomes unauthorized', async () => {
    const { fn } = fakeFetch(() => ({
      status: 401,
      body: { ok: false, error: { code: 'unauthorized', message: 'Thiếu hoặc sai mã truy cập.' } },
    }));
    const r = await createHttpApi({ token: 'sai', fetch: fn })['app.info']({});
    expect(r).toEqual({ ok: false, error: { code: 'unauthorized', message: 'Thiếu hoặc sai mã truy cập.' } });
  });

  it('never throws: network failures and non-JSON answers become Vietnamese errors', async () => {
    const down = await createHttpApi({ token: 't', fetch: fakeFetch(() => new TypeError('Failed to fetch')).fn })[
      'app.info'
    ]({});
    expect(down.ok).toBe(false);
    if (!down.ok) expect(down.error.message).toMatch(/Không kết nối được/);

    const html = (async () => new Response('<html>', { status: 502 })) as typeof fetch;
    const bad = await createHttpApi({ token: 't', fetch: html })['app.info']({});
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/mã 502/);
  });

  it('refuses to call without a token, with a message telling how to open the app', async () => {
    const { fn, calls } = fakeFetch(() => ({ status: 200, body: { ok: true, data: {} } }));
    const r = await createHttpApi({ token: null, fetch: fn })['app.info']({});
    expect(calls).toHaveLength(0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/\?token=/);
  });

  it('has a local event emitter and says it is the web door', () => {
    const api = createHttpApi({ token: 't', fetch: fakeFetch(() => ({ status: 200, body: {} })).fn });
    expect(api.host.kind).toBe('web');
    const off = api.on('import.progress', () => undefined);
    expect(typeof off).toBe('function');
    off();
    expect(() => api.on('khong-co' as 'import.progress', () => undefined)).toThrow();
  });
});

/**
 * window.api for a plain browser (the local web host): one function per contract operation, each a
 * `POST /api/<op>` with the per-launch token. Bytes travel as {"$bytes": base64} (shared/wire.ts).
 * `on(event, cb)` reads the host's event stream (`GET /api/events`, the same token), opened for the first listener.
 * In Electron the preload provides window.api and none of this runs.
 */
// the names alone (no zod schemas): the first script stays small; the core validates every input
import type { Api } from '../../../shared/contract';
import { API_EVENTS, OP_NAME_LIST, type ApiEvent } from '../../../shared/contract/names';
import type { Result } from '../../../shared/result';
import { fromWire, toWire } from '../../../shared/wire';

export const TOKEN_KEY = 'bdg.token';

const NETWORK_MESSAGE =
  'Không kết nối được với ứng dụng (máy chủ cục bộ đã dừng?). Hãy kiểm tra cửa sổ dòng lệnh rồi mở lại đường dẫn.';
const TOKEN_MESSAGE =
  'Thiếu hoặc sai mã truy cập. Hãy mở ứng dụng bằng đường dẫn đầy đủ (có ?token=…) in ra khi khởi động.';

/**
 * Takes the token from `?token=` (then keeps it in sessionStorage and removes it from the address bar),
 * or from sessionStorage after a reload.
 */
export function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const params = new URLSearchParams(loc.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    try {
      storage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // storage may be unavailable; the token still works for this page
    }
    params.delete('token');
    const rest = params.toString();
    const clean = `${loc.pathname}${rest ? `?${rest}` : ''}${loc.hash}`;
    try {
      window.history.replaceState(window.history.state, '', clean);
    } catch {
      // ignore: only cosmetic
    }
    return fromUrl;
  }
  try {
    return storage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export interface HttpApiOptions {
  token: string | null;
  /** defaults to '' (same origin) */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export function createHttpApi(opts: HttpApiOptions): Api {
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => window.fetch(input, init));
  const base = opts.baseUrl ?? '';
  const listeners = new Map<ApiEvent, Set<(payload: unknown) => void>>();
  const stream = eventStream(
    (signal) => doFetch(`${base}/api/events`, { headers: { Authorization: `Bearer ${opts.token}` }, signal }),
    (event, payload) => {
      for (const cb of listeners.get(event) ?? []) cb(payload);
    },
  );

  async function call(op: string, input: unknown): Promise<Result<unknown>> {
    if (!opts.token) return { ok: false, error: { code: 'unauthorized', message: TOKEN_MESSAGE } };
    let res: Response;
    try {
      res = await doFetch(`${base}/api/${encodeURIComponent(op)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${opts.token}` },
        body: JSON.stringify(toWire(input ?? {})),
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: NETWORK_MESSAGE } };
    }
    let body: unknown;
    try {
      body = fromWire(await res.json());
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: `Máy chủ cục bộ trả lời không hợp lệ (mã ${res.status}). Hãy thử lại.` },
      };
    }
    if (body && typeof body === 'object' && 'ok' in body) {
      const r = body as Result<unknown>;
      if (!r.ok && res.status === 401) return { ok: false, error: { ...r.error, code: 'unauthorized' } };
      return r;
    }
    return {
      ok: false,
      error: { code: 'internal', message: `Máy chủ cục bộ trả lời không hợp lệ (mã ${res.status}).` },
    };
  }

  const api: Record<string, unknown> = {};
  for (const op of OP_NAME_LIST) api[op] = (input: unknown) => call(op, input);
  api.on = (event: ApiEvent, cb: (payload: unknown) => void) => {
    if (!(API_EVENTS as readonly string[]).includes(event)) throw new Error(`Sự kiện không hợp lệ: ${String(event)}`);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(cb);
    if (opts.token) stream.open();
    return () => {
      set.delete(cb);
      if ([...listeners.values()].every((s) => s.size === 0)) stream.close();
    };
  };
  api.host = { kind: 'web' };
  return api as unknown as Api;
}

/**
 * The core's events over the web door: `GET /api/events`, a text/event-stream with one
 * `data: {"event","payload"}` line per event, read with fetch (EventSource cannot send the token). Opened for the
 * first listener and closed with the last; a stream that ended (the host stopped) is opened again by the next one.
 */
function eventStream(
  connect: (signal: AbortSignal) => Promise<Response>,
  deliver: (event: ApiEvent, payload: unknown) => void,
) {
  let running: AbortController | null = null;
  return {
    open() {
      if (running) return;
      const ctl = (running = new AbortController());
      void readEvents(connect, ctl.signal, deliver).finally(() => {
        if (running === ctl) running = null;
      });
    },
    close() {
      running?.abort();
      running = null;
    },
  };
}

async function readEvents(
  connect: (signal: AbortSignal) => Promise<Response>,
  signal: AbortSignal,
  deliver: (event: ApiEvent, payload: unknown) => void,
): Promise<void> {
  try {
    const res = await connect(signal);
    if (!res.ok || !res.body) return;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('data:')) continue;
        try {
          const msg = fromWire(JSON.parse(line.slice('data:'.length))) as { event?: unknown; payload?: unknown };
          if ((API_EVENTS as readonly unknown[]).includes(msg.event)) deliver(msg.event as ApiEvent, msg.payload);
        } catch {
          // a malformed line is skipped
        }
      }
    }
  } catch {
    // closed by the last listener, or the host stopped
  }
}

/** Installs the HTTP client as window.api unless a preload already provided one. */
export function installHttpApi(): Api {
  const w = window as unknown as { api?: Api };
  if (w.api) return w.api;
  const api = createHttpApi({ token: takeToken() });
  w.api = api;
  return api;
}

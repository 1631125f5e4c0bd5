/**
 * The local web door: serves the built renderer and the contract on 127.0.0.1 only.
 *   POST /api/<operation>   body: JSON (bytes as {"$bytes": base64}), header Authorization: Bearer <token>
 *   GET  /api/events        the core's events (import progress) as a text/event-stream, one `data: <json>` line
 *                           ({"event","payload"}) per event; the same token
 * A random token is made per launch; the printed URL carries it (?token=…) so a browser can open the app; a new tab
 * of that browser gets back in through a session cookie (shellWithoutToken), never accepted by the API itself.
 * Host and Origin are checked (no DNS rebinding), no CORS, request bodies are size-limited, the token is
 * never logged.
 * Every request passes one outer guard (`guarded`): whatever a request makes the handler throw, the host answers
 * 400 or 500 with a Vietnamese JSON error and keeps serving; a malformed request line or header gets 400 too.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { CSP } from '../../../shared/csp';
import { fromWire, toWire } from '../../../shared/wire';
import { dispatch } from '../../api/dispatch';
import type { Ctx } from '../../api/context';
import { resolveInside } from '../../paths';
import type { EventHub } from '../events';

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface WebHostOptions {
  ctx: Ctx;
  /** the built renderer (out/renderer) */
  staticDir: string;
  port?: number;
  token?: string;
  log?: (line: string) => void;
  /** where the ctx's events arrive (the hub whose `emit` the ctx was made with); GET /api/events streams them */
  events?: Pick<EventHub, 'subscribe'>;
}

export interface WebHost {
  server: Server;
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(text);
}

const BAD_REQUEST = {
  ok: false,
  error: { code: 'invalid_input', message: 'Yêu cầu không hợp lệ (đường dẫn, tiêu đề hoặc nội dung sai dạng).' },
} as const;
const SERVER_ERROR = {
  ok: false,
  error: {
    code: 'internal',
    message: 'Lỗi máy chủ nội bộ khi xử lý yêu cầu. Dữ liệu chưa bị thay đổi; hãy thử lại.',
  },
} as const;

/** An error a request caused by its own shape (a malformed %-encoding, say): 400, not 500. */
class BadRequest extends Error {}

/**
 * The outer guard's answer to anything a request made the handler throw: 400 for a malformed request, 500 for the
 * rest; when the answer had already begun, the connection is cut instead (a half-sent body cannot be repaired).
 */
function answerFailure(req: IncomingMessage, res: ServerResponse, e: unknown, log?: (line: string) => void): void {
  const bad = e instanceof BadRequest || e instanceof URIError;
  // the path and method only: never a header (the token travels in one)
  log?.(
    `web: ${bad ? 400 : 500} ${req.method ?? '?'} ${(req.url ?? '').split('?')[0]!.slice(0, 200)}: ${e instanceof Error ? e.name : typeof e}`,
  );
  if (res.headersSent || res.writableEnded) {
    res.destroy();
    return;
  }
  try {
    send(res, bad ? 400 : 500, bad ? BAD_REQUEST : SERVER_ERROR);
  } catch {
    res.destroy();
  }
}

/** The operation name of `/api/<name>`, or BadRequest when its %-encoding is malformed. */
function operationName(url: string): string {
  try {
    return decodeURIComponent(url.slice('/api/'.length).split('?')[0]!);
  } catch {
    throw new BadRequest('malformed operation name');
  }
}

export const SESSION_COOKIE = 'bdg_phien';

/** Does the Cookie header carry our session cookie with this launch's value? */
function hasSession(cookie: string | undefined, session: string): boolean {
  if (!cookie) return false;
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    if (sameToken(part.slice(eq + 1).trim(), session)) return true;
  }
  return false;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Answers 401 (and returns false) unless the request carries the per-launch token. */
function authorized(req: IncomingMessage, res: ServerResponse, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  if (m && sameToken(m[1]!, token)) return true;
  send(res, 401, {
    ok: false,
    error: {
      code: 'unauthorized',
      message: 'Thiếu hoặc sai mã truy cập. Hãy mở ứng dụng bằng đường dẫn in ra khi khởi động.',
    },
  });
  return false;
}

/**
 * Opens an event stream on `res`: every event from `events` becomes one `data:` line. Its closer stays in
 * `open` while the stream lives, for the host to end it when it stops.
 */
function openEventStream(res: ServerResponse, events: WebHostOptions['events'], open: Set<() => void>): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  // the socket goes with the stream: a closing host must not wait for an idle keep-alive connection
  res.setHeader('Connection', 'close');
  res.flushHeaders();
  // a comment line, so the client knows the stream is open before the first event
  res.write(': ok\n\n');
  const unsubscribe =
    events?.subscribe((event, payload) => {
      res.write(`data: ${JSON.stringify(toWire({ event, payload }))}\n\n`);
    }) ?? (() => undefined);
  const close = () => {
    if (!open.delete(close)) return;
    unsubscribe();
    res.end();
  };
  open.add(close);
  res.on('close', close);
}

/** Only the loopback names with our port are accepted as Host (DNS-rebinding guard). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true; // same-origin navigations and non-browser clients send none
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Resolves a URL path inside `root`, refusing anything that escapes it. */
export function resolveStatic(root: string, urlPath: string): string | null {
  return resolveInside(root, urlPath.split('?')[0]!.split('#')[0]!);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) throw Object.assign(new Error('too large'), { status: 413 });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  /** the session cookie's value (per launch, not the token): lets a new tab of the same browser in */
  const session = randomBytes(24).toString('base64url');
  let port = opts.port ?? 0;
  /** the open event streams, ended when the host closes (server.close waits for every connection) */
  const streams = new Set<() => void>();

  /**
   * A new tab of the same browser (no ?token= in its address) finds its way in: the page opened with the token
   * gets a session cookie (a random value of its own, not the token: HttpOnly, SameSite=Strict, so another site
   * can neither read it nor send it), and the app shell asked for WITH that cookie but without the token is
   * redirected to the same address with the token, which the renderer takes and removes from the address bar.
   * The API still takes the token only from the Authorization header. Returns true when it answered (redirect).
   */
  const shellWithoutToken = (req: IncomingMessage, res: ServerResponse, url: string): boolean => {
    let parsed: URL;
    try {
      parsed = new URL(url, 'http://127.0.0.1');
    } catch {
      return false;
    }
    const given = parsed.searchParams.get('token');
    if (given !== null) {
      if (sameToken(given, token))
        res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`);
      return false;
    }
    if (!hasSession(req.headers.cookie, session)) return false;
    parsed.searchParams.set('token', token);
    res.statusCode = 302;
    res.setHeader('Location', `${parsed.pathname}${parsed.search}`);
    res.end();
    return true;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    securityHeaders(res);
    if (!isAllowedHost(req.headers.host, port)) {
      send(res, 421, { ok: false, error: { code: 'unauthorized', message: 'Tên máy chủ không hợp lệ.' } });
      return;
    }
    if (!isAllowedOrigin(req.headers.origin, port)) {
      send(res, 403, { ok: false, error: { code: 'unauthorized', message: 'Nguồn gọi không được phép.' } });
      return;
    }
    const url = req.url ?? '/';
    if (url.split('?')[0] === '/api/events' && req.method === 'GET') {
      if (authorized(req, res, token)) openEventStream(res, opts.events, streams);
      return;
    }
    if (url.startsWith('/api/')) {
      if (req.method === 'OPTIONS') {
        res.statusCode = 405;
        res.end();
        return;
      }
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        send(res, 405, { ok: false, error: { code: 'invalid_input', message: 'Chỉ chấp nhận POST.' } });
        return;
      }
      if (!authorized(req, res, token)) return;
      const ct = req.headers['content-type'] ?? '';
      if (!ct.startsWith('application/json')) {
        send(res, 415, { ok: false, error: { code: 'invalid_input', message: 'Nội dung phải là JSON.' } });
        return;
      }
      const name = operationName(url);
      readBody(req)
        .then((body) => {
          let input: unknown;
          try {
            input = body.length ? fromWire(JSON.parse(body.toString('utf8'))) : {};
          } catch {
            send(res, 400, {
              ok: false,
              error: { code: 'invalid_input', message: 'Dữ liệu gửi lên không phải JSON hợp lệ.' },
            });
            return;
          }
          // writes are serialised by dispatch itself, the same for every door
          return dispatch(opts.ctx, name, input).then((result) => {
            const status = result.ok ? 200 : result.error.code === 'unknown_operation' ? 404 : 200;
            send(res, status, toWire(result));
          });
        })
        .catch((e: unknown) => {
          if ((e as { status?: number } | null)?.status === 413) {
            // the rest of the body is not read: close the connection instead of reusing it
            res.setHeader('Connection', 'close');
            res.on('finish', () => req.destroy());
            send(res, 413, {
              ok: false,
              error: {
                code: 'invalid_input',
                message: `Dữ liệu gửi lên quá lớn (tối đa ${MAX_BODY_BYTES / 1024 / 1024} MB một lần). Hãy nhập ít tệp hơn mỗi lần.`,
              },
            });
          } else {
            answerFailure(req, res, e, opts.log);
          }
        })
        .catch((e: unknown) => answerFailure(req, res, e, opts.log));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405;
      res.end();
      return;
    }
    const file = resolveStatic(opts.staticDir, url);
    if (!file) {
      res.statusCode = 400;
      res.end('Đường dẫn không hợp lệ');
      return;
    }
    let target = file;
    if (!existsSync(target) || !statSync(target).isFile()) {
      // client-side routes fall back to the app shell
      if (extname(url.split('?')[0]!) === '') target = join(resolve(opts.staticDir), 'index.html');
      else {
        res.statusCode = 404;
        res.end('Không tìm thấy');
        return;
      }
    }
    if (!existsSync(target)) {
      res.statusCode = 503;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Chưa dựng giao diện. Hãy chạy "npm run build" rồi mở lại.');
      return;
    }
    if (target === join(resolve(opts.staticDir), 'index.html') && shellWithoutToken(req, res, url)) return;
    res.statusCode = 200;
    res.setHeader('Content-Type', MIME[extname(target)] ?? 'application/octet-stream');
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(target);
    stream.on('error', (e) => answerFailure(req, res, e, opts.log));
    stream.pipe(res);
  };

  const server = createServer((req, res) => {
    // the one outer guard: no request, however malformed, takes the host down
    try {
      handle(req, res);
    } catch (e) {
      answerFailure(req, res, e, opts.log);
    }
  });
  // a request line or header Node's parser cannot read: a plain 400 in Vietnamese JSON, then the socket closes
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify(BAD_REQUEST);
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  return new Promise((resolveP, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      const origin = `http://127.0.0.1:${port}`;
      resolveP({
        server,
        origin,
        url: `${origin}/?token=${token}`,
        token,
        port,
        close: () =>
          new Promise<void>((r) => {
            for (const close of [...streams]) close();
            server.close(() => r());
          }),
      });
    });
  });
}

/** The `app://app/` scheme serving the built renderer, with a path-traversal guard and the CSP header. */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { resolveInside } from '../../paths';
import { CSP } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
};

/** Maps an app:// URL to a file inside `root`; null when the URL leaves the root or is not ours. */
export function resolveAppPath(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'app:' || u.host !== 'app') return null;
  return resolveInside(root, u.pathname);
}

/** The handler given to protocol.handle('app', …). GET only. */
export function appProtocolHandler(root: string) {
  return async (request: { url: string; method: string }): Promise<Response> => {
    if (request.method !== 'GET') return new Response('Không được phép', { status: 405 });
    const file = resolveAppPath(root, request.url);
    if (!file) return new Response('Không tìm thấy', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CSP,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      // client-side routes fall back to the shell
      if (extname(file) === '') {
        const body = await readFile(resolve(root, 'index.html'));
        return new Response(body, {
          status: 200,
          headers: { 'Content-Type': MIME['.html']!, 'Content-Security-Policy': CSP },
        });
      }
      return new Response('Không tìm thấy', { status: 404 });
    }
  };
}

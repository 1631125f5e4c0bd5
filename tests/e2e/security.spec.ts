/**
 * The renderer cannot reach Node, arbitrary operations, file:// or remote URLs (issue point 5), shown in real
 * Chromium on the built renderer served by the web door: the CSP blocks remote and file fetches and injected
 * inline scripts (a securitypolicyviolation event fires for each), 'unsafe-eval' is absent, there is no require/process,
 * and the API answers only contract operations with the token.
 * The page's own scripts run as strings (page.evaluate) because this folder is type-checked without the DOM lib.
 */
import { expect, test, type Page } from '@playwright/test';
import { startHost, type TestHost } from './host';

let host: TestHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.close();
});

interface Probe {
  ok: boolean;
  error: string | null;
  violations: Array<{ directive: string; blocked: string }>;
}

/** Runs `body` (an async expression) in the page and reports whether it succeeded and which CSP violations fired. */
async function probe(page: Page, body: string): Promise<Probe> {
  return (await page.evaluate(`(async () => {
    const violations = [];
    const onViolation = (e) => violations.push({ directive: e.effectiveDirective || e.violatedDirective, blocked: String(e.blockedURI) });
    document.addEventListener('securitypolicyviolation', onViolation);
    let ok = false;
    let error = null;
    try {
      await (async () => { ${body} })();
      ok = true;
    } catch (e) {
      error = String(e && e.message ? e.message : e);
    }
    // violation events are dispatched asynchronously
    await new Promise((r) => setTimeout(r, 300));
    document.removeEventListener('securitypolicyviolation', onViolation);
    return { ok, error, violations };
  })()`)) as Probe;
}

test.describe('renderer sandbox under the CSP (web door, real Chromium)', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(host.url);
    await expect(page.locator('#root')).not.toBeEmpty();
  });

  test('the page is served with the CSP header', async ({ request }) => {
    const res = await request.get(`${host.origin}/`);
    const csp = res.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });

  test("fetch('https://example.com') fails and fires securitypolicyviolation (connect-src)", async ({ page }) => {
    const p = await probe(page, "await fetch('https://example.com/');");
    expect(p.ok).toBe(false);
    expect(p.violations).toContainEqual(
      expect.objectContaining({ directive: 'connect-src', blocked: expect.stringContaining('example.com') }),
    );
  });

  test("fetch('file:///etc/passwd') fails and fires securitypolicyviolation", async ({ page }) => {
    const p = await probe(page, "const r = await fetch('file:///etc/passwd'); await r.text();");
    expect(p.ok).toBe(false);
    expect(p.violations.length).toBeGreaterThan(0);
    expect(p.violations[0]!.directive).toBe('connect-src');
  });

  test('XMLHttpRequest and WebSocket to remote hosts are blocked too', async ({ page }) => {
    const xhr = await probe(
      page,
      "await new Promise((res, rej) => { const x = new XMLHttpRequest(); x.open('GET', 'https://example.com/'); x.onload = res; x.onerror = () => rej(new Error('blocked')); x.send(); });",
    );
    expect(xhr.ok).toBe(false);
    expect(xhr.violations.some((v) => v.directive === 'connect-src')).toBe(true);
    const ws = await probe(page, "new WebSocket('wss://example.com/');");
    expect(ws.violations.some((v) => v.directive === 'connect-src')).toBe(true);
  });

  test('window.require, process, module and Buffer are undefined', async ({ page }) => {
    const types = await page.evaluate(
      '({ require: typeof window.require, process: typeof process, module: typeof module, Buffer: typeof Buffer, nodeRequire: typeof globalThis.require })',
    );
    expect(types).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      nodeRequire: 'undefined',
    });
  });

  test('an injected inline script is blocked (script-src), and so are inline handlers and remote scripts', async ({
    page,
  }) => {
    const inline = await probe(
      page,
      "const s = document.createElement('script'); s.textContent = 'window.__pwned = 1;'; document.head.appendChild(s);",
    );
    expect(inline.violations.some((v) => v.directive.startsWith('script-src'))).toBe(true);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');

    const handler = await probe(
      page,
      'const d = document.createElement(\'div\'); d.innerHTML = \'<img src="data:,x" onerror="window.__pwned2 = 1">\'; document.body.appendChild(d); await new Promise((r) => setTimeout(r, 200));',
    );
    expect(handler.violations.some((v) => v.directive.startsWith('script-src'))).toBe(true);
    expect(await page.evaluate('typeof window.__pwned2')).toBe('undefined');

    // eval is not probed here: code sent through the DevTools protocol (page.evaluate) is exempt from the CSP's
    // eval check, so it would prove nothing; the header test above shows 'unsafe-eval' is absent.

    const remote = await probe(
      page,
      "const s = document.createElement('script'); s.src = 'https://example.com/x.js'; document.head.appendChild(s); await new Promise((r) => setTimeout(r, 200));",
    );
    expect(remote.violations.some((v) => v.blocked.includes('example.com'))).toBe(true);
  });

  test('the API answers contract operations only, and only with the token', async ({ page }) => {
    const token = host.token;
    const r = (await page.evaluate(`(async () => {
      const call = async (op, auth) => {
        const res = await fetch('/api/' + op, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: 'Bearer ${token}' } : {}) }, body: '{}' });
        return res.status;
      };
      return { unknown: await call('shell.exec', true), noToken: await call('units.list', false), ok: await call('units.list', true) };
    })()`)) as { unknown: number; noToken: number; ok: number };
    expect(r).toEqual({ unknown: 404, noToken: 401, ok: 200 });
  });
});

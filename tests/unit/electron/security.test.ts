import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createMainWindowOptions,
  isTrustedSender,
  isTrustedUrl,
  navigationGuard,
  permissionCheckHandler,
  permissionRequestHandler,
  shouldOpenExternally,
  trustedOrigins,
  webviewGuard,
  windowOpenHandler,
  CSP,
} from '../../../src/main/hosts/electron/security';
import { appProtocolHandler, resolveAppPath } from '../../../src/main/hosts/electron/protocol';
import { buildMenuTemplate } from '../../../src/main/hosts/electron/menu';

describe('hardened BrowserWindow options (checklist 2–4, 6, 8–10)', () => {
  const o = createMainWindowOptions('/app/preload.js');
  const wp = o.webPreferences!;
  it('isolates and sandboxes the renderer, without Node', () => {
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.webviewTag).toBe(false);
  });
  it('keeps web security on and experimental features off', () => {
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.experimentalFeatures).toBe(false);
    expect(wp).not.toHaveProperty('enableBlinkFeatures');
    expect(wp.preload).toBe('/app/preload.js');
  });
});

describe('CSP (checklist 7)', () => {
  it('allows only our own scripts, no eval, no remote connections', () => {
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).toContain("connect-src 'self'");
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).toContain("frame-ancestors 'none'");
  });
  it('is also in the renderer page as a meta tag', () => {
    const html = readFileSync(join(__dirname, '../../../src/renderer/index.html'), 'utf8');
    expect(html).toContain('Content-Security-Policy');
    expect(html).toContain("script-src 'self'");
  });
});

describe('navigation and new windows (checklist 13–15)', () => {
  const origins = trustedOrigins(undefined);
  it('trusts only app://app', () => {
    expect(isTrustedUrl('app://app/index.html', origins)).toBe(true);
    expect(isTrustedUrl('https://evil.example/', origins)).toBe(false);
    expect(isTrustedUrl('file:///etc/passwd', origins)).toBe(false);
    expect(isTrustedUrl('app://other/index.html', origins)).toBe(false);
    expect(isTrustedUrl('not a url', origins)).toBe(false);
  });
  it('trusts the dev server only when set and only on loopback', () => {
    expect(trustedOrigins('http://localhost:5173')).toContain('http://localhost:5173');
    expect(trustedOrigins('http://evil.example:5173')).not.toContain('http://evil.example:5173');
  });
  it('prevents navigation away from the app', () => {
    const guard = navigationGuard(origins);
    let prevented = 0;
    const ev = { preventDefault: () => void prevented++ };
    guard(ev, 'app://app/#/don-vi');
    expect(prevented).toBe(0);
    guard(ev, 'https://example.com');
    guard(ev, 'file:///C:/Windows/win.ini');
    expect(prevented).toBe(2);
  });
  it('denies every new window; only allow-listed https links go to the browser', () => {
    const opened: string[] = [];
    const h = windowOpenHandler((u) => opened.push(u));
    expect(h({ url: 'https://vbpl.vn/van-ban' })).toEqual({ action: 'deny' });
    expect(h({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(h({ url: 'http://vbpl.vn/' })).toEqual({ action: 'deny' });
    expect(h({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://vbpl.vn/van-ban']);
    expect(shouldOpenExternally('https://user:pw@vbpl.vn/')).toBe(false);
  });
  it('blocks webviews', () => {
    let prevented = false;
    webviewGuard()({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('permissions (checklist 5)', () => {
  it('denies everything but sanitized clipboard writes', () => {
    const req = permissionRequestHandler();
    const results: Record<string, boolean> = {};
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
    ]) {
      req(null, p, (g) => (results[p] = g));
    }
    expect(results).toEqual({
      media: false,
      geolocation: false,
      notifications: false,
      openExternal: false,
      'clipboard-read': false,
      'clipboard-sanitized-write': true,
    });
    expect(permissionCheckHandler()(null, 'camera')).toBe(false);
  });
});

describe('IPC sender check (checklist 17)', () => {
  const origins = trustedOrigins(undefined);
  it('accepts only the top frame of our page', () => {
    expect(isTrustedSender({ senderFrame: { url: 'app://app/index.html', parent: null } }, origins)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'app://app/index.html', parent: {} } }, origins)).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/' } }, origins)).toBe(false);
    expect(isTrustedSender({ senderFrame: null }, origins)).toBe(false);
    expect(isTrustedSender({}, origins)).toBe(false);
  });
});

describe('app:// protocol path guard (checklist 18)', () => {
  const root = join(__dirname, '../../../src/renderer');
  it('maps app URLs inside the root', () => {
    expect(resolveAppPath(root, 'app://app/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://app/assets/x.js')).toBe(join(root, 'assets/x.js'));
  });
  it('refuses traversal, other hosts and other schemes', () => {
    // the URL parser already folds ../ and %2e%2e/ back into the root
    expect(resolveAppPath(root, 'app://app/../../package.json')).toBe(join(root, 'package.json'));
    expect(resolveAppPath(root, 'app://app/%2e%2e/%2e%2e/package.json')).toBe(join(root, 'package.json'));
    // an encoded slash survives the parser: the guard must catch it
    expect(resolveAppPath(root, 'app://app/..%2f..%2f..%2fpackage.json')).toBeNull();
    expect(resolveAppPath(root, 'app://app/..%5c..%5cpackage.json')).not.toMatch(/^\/work\/main\/package\.json$/);
    expect(resolveAppPath(root, 'app://app/..%2f..%2fpackage.json')).toBeNull();
    expect(resolveAppPath(root, 'app://app/a%00b')).toBeNull();
    expect(resolveAppPath(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppPath(root, 'file:///etc/passwd')).toBeNull();
  });
  it('serves GET only, with the CSP header', async () => {
    const h = appProtocolHandler(root);
    const ok = await h({ url: 'app://app/index.html', method: 'GET' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Security-Policy')).toBe(CSP);
    expect((await h({ url: 'app://app/index.html', method: 'POST' })).status).toBe(405);
    expect((await h({ url: 'app://app/../package.json', method: 'GET' })).status).toBe(404);
  });
});

describe('Vietnamese menu', () => {
  it('has Vietnamese labels and hides developer tools in packaged builds', () => {
    const noop = () => undefined;
    const actions = {
      navigate: noop,
      reload: noop,
      toggleDevTools: noop,
      quit: noop,
      about: noop,
      openDataFolder: noop,
    };
    const packaged = buildMenuTemplate(actions, { packaged: true });
    expect(packaged.map((m) => m.label)).toEqual(['Tệp', 'Sửa', 'Đi tới', 'Xem', 'Trợ giúp']);
    const flat = JSON.stringify(packaged);
    expect(flat).not.toContain('Công cụ nhà phát triển');
    expect(JSON.stringify(buildMenuTemplate(actions, { packaged: false }))).toContain('Công cụ nhà phát triển');
  });
});

/**
 * Electron checklist items not covered by tests/unit/electron (issue point 5): packaging (fuses, asar, native
 * module unpacked, Electron pinned 45.x), the preload build (CJS, dependencies bundled), the window wiring in
 * main.ts, and what the renderer can reach through the preload: contract channels only, no ipcRenderer, no
 * event object (its .sender IS ipcRenderer), no Node.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OP_NAMES } from '../../../src/shared/contract';
import { createPreloadApi, HOST_CHANNELS, type IpcRendererLike } from '../../../src/main/hosts/electron/preload-api';
import { navigationGuard, trustedOrigins, windowOpenHandler } from '../../../src/main/hosts/electron/security';

const ROOT = resolve(__dirname, '../../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

/**
 * Enough YAML for electron-builder.yml (no YAML library is a direct dependency): top-level scalars, and one level
 * of nested mapping or list under a key. Unknown shapes are kept as raw strings, so a check on them fails loudly.
 */
function loadYaml(text: string): Record<string, unknown> {
  const scalar = (v: string): unknown => {
    const t = v.replace(/\s+#.*$/, '').trim();
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (/^-?\d+$/.test(t)) return Number(t);
    return t.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');
  };
  const out: Record<string, unknown> = {};
  let key: string | null = null;
  for (const line of text.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const top = /^([\w-]+):\s*(.*)$/.exec(line);
    if (top) {
      key = top[1]!;
      out[key] = top[2] ? scalar(top[2]) : undefined;
      continue;
    }
    if (!key) continue;
    const item = /^ {2}- (.*)$/.exec(line);
    const sub = /^ {2}([\w-]+):\s*(.*)$/.exec(line);
    if (item) out[key] = [...((out[key] as unknown[] | undefined) ?? []), scalar(item[1]!)];
    else if (sub)
      out[key] = { ...((out[key] as Record<string, unknown> | undefined) ?? {}), [sub[1]!]: scalar(sub[2]!) };
  }
  return out;
}

describe('packaging (electron-builder.yml, package.json)', () => {
  const cfg = loadYaml(read('electron-builder.yml'));
  it('sets the security fuses', () => {
    expect(cfg.electronFuses).toEqual(
      expect.objectContaining({
        runAsNode: false,
        enableCookieEncryption: true,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        grantFileProtocolExtraPrivileges: false,
      }),
    );
  });
  it('packs into asar and unpacks native modules (better-sqlite3 .node)', () => {
    expect(cfg.asar).toBe(true);
    const unpack = cfg.asarUnpack as string[];
    expect(unpack).toContain('**/*.node');
    expect(unpack.some((p) => p.startsWith('node_modules/better-sqlite3'))).toBe(true);
    expect(cfg.npmRebuild).toBe(true);
  });
  it('ships only the build output, not sources, tests or scripts', () => {
    const files = cfg.files as string[];
    expect(files).toContain('out/**');
    for (const x of ['!src/**', '!tests/**', '!scripts/**']) expect(files).toContain(x);
  });
  it('installs per user without elevation', () => {
    const nsis = cfg.nsis as Record<string, unknown>;
    expect(nsis.perMachine).toBe(false);
    expect(nsis.allowElevation).toBe(false);
    expect(nsis.deleteAppDataOnUninstall).toBe(false);
  });
  it('pins Electron 45.x and better-sqlite3 12.x exactly (no ^ or ~)', () => {
    const pkg = JSON.parse(read('package.json')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.devDependencies.electron).toMatch(/^45\.\d+\.\d+$/);
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^12\.\d+\.\d+$/);
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version: string }> };
    expect(lock.packages['node_modules/electron']?.version).toBe(pkg.devDependencies.electron);
  });
});

describe('build (electron.vite.config.ts)', () => {
  it('builds the preload as one CommonJS file with its dependencies bundled (sandboxed preload)', async () => {
    const mod = (await import('../../../electron.vite.config')) as { default: Record<string, unknown> };
    const cfg = mod.default as {
      preload: { build: { externalizeDeps?: boolean; rollupOptions: { output: { format: string } } } };
      main: { build: { rollupOptions: { input: Record<string, string> } } };
    };
    expect(cfg.preload.build.externalizeDeps).toBe(false);
    expect(cfg.preload.build.rollupOptions.output.format).toBe('cjs');
    expect(Object.keys(cfg.main.build.rollupOptions.input)).toEqual(expect.arrayContaining(['index', 'core-worker']));
  });
});

describe('main.ts wiring (the binary cannot run here: the source is checked)', () => {
  const main = read('src/main/hosts/electron/main.ts');
  it('guards every web contents: navigation, redirects, new windows, webviews', () => {
    expect(main).toMatch(/app\.on\('web-contents-created'/);
    expect(main).toMatch(/contents\.on\('will-navigate', navigationGuard\(\)\)/);
    expect(main).toMatch(/contents\.on\('will-redirect', navigationGuard\(\)\)/);
    expect(main).toMatch(/contents\.on\('will-attach-webview', webviewGuard\(\)\)/);
    expect(main).toMatch(/setWindowOpenHandler\(windowOpenHandler\(/);
  });
  it('sets the permission handlers, the app:// protocol and the hardened window options', () => {
    expect(main).toMatch(/setPermissionRequestHandler\(permissionRequestHandler\(\)\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(permissionCheckHandler\(\)\)/);
    expect(main).toMatch(/protocol\.handle\(APP_SCHEME/);
    expect(main).toMatch(/new BrowserWindow\(createMainWindowOptions\(/);
    // the page is loaded from app://, never file://
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
  });
  it('the host channels check their sender', () => {
    const handlers = [
      ...main.matchAll(
        /ipcMain\.handle\(HOST_CHANNELS\.\w+, async \(event[^)]*\) => \{\n\s+if \(!isTrustedSender\(event\)/g,
      ),
    ];
    expect(handlers).toHaveLength(Object.keys(HOST_CHANNELS).length);
  });
});

describe('what the renderer can reach through window.api', () => {
  function recordingIpc() {
    const channels: string[] = [];
    const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
    const ipc: IpcRendererLike & { sendSync?: unknown } = {
      invoke: async (channel: string) => {
        channels.push(channel);
        return { ok: true, data: null };
      },
      on: (channel, l) => void listeners.set(channel, l),
      removeListener: (channel) => void listeners.delete(channel),
    };
    return { ipc, channels, listeners };
  }

  it('only contract channels (app:<operation>) and the two host channels can be invoked', async () => {
    const { ipc, channels } = recordingIpc();
    const api = createPreloadApi(ipc) as Record<string, unknown>;
    for (const op of OP_NAMES) await (api[op] as (i: unknown) => Promise<unknown>)({});
    const host = api.host as Record<string, unknown>;
    await (host.saveFilesToFolder as (f: unknown[]) => Promise<unknown>)([]);
    await (host.printToPdf as (h: string) => Promise<unknown>)('<p>x</p>');
    const allowed = new Set([...OP_NAMES.map((o) => `app:${o}`), ...Object.values(HOST_CHANNELS)]);
    expect(channels.every((c) => allowed.has(c))).toBe(true);
    expect(new Set(channels).size).toBe(allowed.size);
    // there is no function taking a channel name
    for (const [k, v] of Object.entries(api)) {
      if (typeof v === 'function' && k !== 'on')
        expect((v as (...a: unknown[]) => unknown).length, k).toBeLessThanOrEqual(1);
    }
  });

  it('exposes no ipcRenderer, require, process or Buffer, at any depth', () => {
    const { ipc } = recordingIpc();
    const api = createPreloadApi(ipc);
    const seen = new Set<unknown>();
    const walk = (o: unknown, path: string) => {
      if (o === null || typeof o !== 'object' || seen.has(o)) return;
      seen.add(o);
      expect(o, path).not.toBe(ipc);
      for (const [k, v] of Object.entries(o)) {
        expect(['ipcRenderer', 'require', 'process', 'Buffer', 'invoke', 'send', 'sendSync', 'electron']).not.toContain(
          k,
        );
        expect(v, `${path}.${k}`).not.toBe(ipc);
        walk(v, `${path}.${k}`);
      }
    };
    walk(api, 'api');
  });

  it('event callbacks get the payload only, never the IPC event (whose .sender is ipcRenderer)', () => {
    const { ipc, listeners } = recordingIpc();
    const api = createPreloadApi(ipc) as { on: (e: string, cb: (...a: unknown[]) => void) => () => void };
    const got: unknown[][] = [];
    api.on('import.progress', (...args) => got.push(args));
    const listener = [...listeners.values()][0]!;
    listener({ sender: ipc, senderFrame: {} }, { file: 'a.xlsx' });
    expect(got).toEqual([[{ file: 'a.xlsx' }]]);
    expect(() => api.on('app:units.list', () => undefined)).toThrow();
  });

  it('the preload exposes only window.api', () => {
    const preload = read('src/main/hosts/electron/preload.ts');
    const exposes = [...preload.matchAll(/exposeInMainWorld\('(\w+)'/g)].map((m) => m[1]);
    expect(exposes).toEqual(['api']);
    // ipcRenderer is handed to the builder, never exposed itself
    expect(preload).toMatch(/exposeInMainWorld\('api', createPreloadApi\(ipcRenderer\)\)/);
  });
});

describe('navigation and window-open guards refuse file:// and remote URLs', () => {
  const origins = trustedOrigins(undefined);
  it('will-navigate is prevented for every way out', () => {
    const guard = navigationGuard(origins);
    const out = [
      'file:///etc/passwd',
      'file:///C:/Windows/System32/drivers/etc/hosts',
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'app://app.evil.example/',
      'app://evil/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'blob:app://app/1234',
      'chrome://settings',
      'devtools://devtools/bundled/inspector.html',
    ];
    for (const url of out) {
      let prevented = false;
      guard({ preventDefault: () => (prevented = true) }, url);
      expect(prevented, url).toBe(true);
    }
  });
  it('window.open never opens a window, and only allow-listed https links reach the browser', () => {
    const opened: string[] = [];
    const h = windowOpenHandler((u) => opened.push(u));
    for (const url of ['file:///etc/passwd', 'https://example.com', 'app://app/index.html', 'http://moha.gov.vn/']) {
      expect(h({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual([]);
  });
});

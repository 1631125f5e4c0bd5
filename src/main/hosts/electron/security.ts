/**
 * Electron security policies as small functions, so each checklist item is unit-tested without the binary
 * (ENGINEERING.md §2.1, §7.6).
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { CSP } from '../../../shared/csp';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://app';

/** Hosts whose links may open in the user's browser (government portals); everything else is dropped. */
export const EXTERNAL_ALLOWLIST = [
  'moha.gov.vn',
  'www.moha.gov.vn',
  'vbpl.vn',
  'thuvienphapluat.vn',
  'chinhphu.vn',
  'vanban.chinhphu.vn',
];

export function createMainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 800,
    minWidth: 1100,
    minHeight: 640,
    show: false,
    title: 'Báo cáo BĐG',
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: !isPackagedEnv(),
    },
  };
}

function isPackagedEnv(): boolean {
  return process.env.NODE_ENV === 'production' || process.env.BDG_PACKAGED === '1';
}

/** The dev server URL is trusted only when electron-vite set it, and only that exact origin. */
export function trustedOrigins(devUrl: string | undefined = process.env.ELECTRON_RENDERER_URL): string[] {
  const list = [APP_ORIGIN];
  if (devUrl) {
    try {
      const u = new URL(devUrl);
      if ((u.hostname === 'localhost' || u.hostname === '127.0.0.1') && u.protocol === 'http:') list.push(u.origin);
    } catch {
      // ignore a malformed value
    }
  }
  return list;
}

/** scheme://host[:port]; computed by hand because Node's URL gives non-special schemes (app:) the origin "null". */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (!u.host) return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export function isTrustedUrl(url: string, origins: string[] = trustedOrigins()): boolean {
  try {
    const o = originOf(url);
    return o !== null && origins.includes(o);
  } catch {
    return false;
  }
}

/** will-navigate / will-redirect: stay inside the app. */
export function navigationGuard(origins: string[] = trustedOrigins()) {
  return (event: { preventDefault: () => void }, url: string): void => {
    if (!isTrustedUrl(url, origins)) event.preventDefault();
  };
}

/** Only https links to allow-listed hosts go to the user's browser. */
export function shouldOpenExternally(url: string, allow: string[] = EXTERNAL_ALLOWLIST): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && allow.includes(u.hostname) && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** setWindowOpenHandler: never a new Electron window; allow-listed links open in the browser. */
export function windowOpenHandler(openExternal: (url: string) => unknown, allow: string[] = EXTERNAL_ALLOWLIST) {
  return (details: { url: string }): { action: 'deny' } => {
    if (shouldOpenExternally(details.url, allow)) void openExternal(details.url);
    return { action: 'deny' };
  };
}

/** Permissions the app may use; everything else is refused. */
export const PERMISSIONS: Record<string, boolean> = {
  'clipboard-sanitized-write': true,
};

export function permissionRequestHandler() {
  return (_wc: unknown, permission: string, callback: (granted: boolean) => void): void => {
    callback(PERMISSIONS[permission] === true);
  };
}

export function permissionCheckHandler() {
  return (_wc: unknown, permission: string): boolean => PERMISSIONS[permission] === true;
}

/** will-attach-webview: never. */
export function webviewGuard() {
  return (event: { preventDefault: () => void }): void => event.preventDefault();
}

/** IPC sender check: the top frame of our own page, nothing else. */
export function isTrustedSender(
  event: { senderFrame?: { url: string; parent?: unknown } | null },
  origins: string[] = trustedOrigins(),
): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent) return false;
  return isTrustedUrl(frame.url, origins);
}

export { CSP };

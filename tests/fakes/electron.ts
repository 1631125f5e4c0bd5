/**
 * A small stand-in for the `electron` module: the Electron binary cannot be downloaded here, so vitest aliases
 * `electron` to this file. It records what the glue code asks of Electron, so tests can assert on it.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (event: any, ...args: any[]) => unknown;

class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** test helper: simulate ipcRenderer.invoke from a frame */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(event, ...args);
  }
}

export const ipcMain = new FakeIpcMain();

export const exposed: Record<string, unknown> = {};
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    exposed[key] = api;
  },
};

export const invoked: Array<{ channel: string; args: unknown[] }> = [];
export const ipcRenderer = {
  listeners: new Map<string, Set<Listener>>(),
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    invoked.push({ channel, args });
    return { ok: true, data: { channel, args } };
  },
  on(channel: string, l: Listener) {
    (this.listeners.get(channel) ?? this.listeners.set(channel, new Set()).get(channel)!).add(l);
  },
  removeListener(channel: string, l: Listener) {
    this.listeners.get(channel)?.delete(l);
  },
};

const userData = mkdtempSync(join(tmpdir(), 'fake-electron-'));
export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getPath: (name: string) => join(userData, name),
  getVersion: () => '0.0.0-test',
  requestSingleInstanceLock: () => true,
  whenReady: () => new Promise<void>(() => undefined),
  quit: () => undefined,
});

export const shell = {
  opened: [] as string[],
  openExternal: async (url: string) => void shell.opened.push(url),
  openPath: async () => '',
};
export const dialog = {
  showErrorBox: () => undefined,
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
};
export const protocol = {
  privileged: [] as unknown[],
  registerSchemesAsPrivileged(list: unknown[]) {
    this.privileged.push(...list);
  },
  handle: () => undefined,
};
export const session = {
  defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined },
};
export class BrowserWindow {
  constructor(public options: unknown) {}
}
export const Menu = { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => undefined };

export default { ipcMain, ipcRenderer, contextBridge, app, shell, dialog, protocol, session, BrowserWindow, Menu };

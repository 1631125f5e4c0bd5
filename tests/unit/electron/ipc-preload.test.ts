import { describe, expect, it } from 'vitest';
import { OP_NAMES } from '../../../src/shared/contract';
import { registerIpc } from '../../../src/main/hosts/electron/ipc';
import { createPreloadApi } from '../../../src/main/hosts/electron/preload-api';
import { ipcMain, ipcRenderer, exposed, invoked } from '../../fakes/electron';

describe('preload API shape (checklist 20)', () => {
  it('exposes exactly one function per contract entry plus on() and host, never ipcRenderer', async () => {
    await import('../../../src/main/hosts/electron/preload');
    const api = exposed.api as Record<string, unknown>;
    expect(api).toBeDefined();
    const keys = Object.keys(api).sort();
    expect(keys).toEqual([...OP_NAMES, 'on', 'host'].sort());
    for (const op of OP_NAMES) expect(typeof api[op]).toBe('function');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(JSON.stringify(Object.keys(api))).not.toContain('process');
  });
  it('each function invokes its own channel', async () => {
    const api = createPreloadApi(ipcRenderer) as Record<string, (i: unknown) => Promise<unknown>>;
    await api['units.list']!({ q: 'x' });
    expect(invoked.at(-1)).toEqual({ channel: 'app:units.list', args: [{ q: 'x' }] });
  });
  it('on() accepts only the fixed event list and returns an unsubscribe', () => {
    const api = createPreloadApi(ipcRenderer) as { on: (e: string, cb: () => void) => () => void };
    const off = api.on('import.progress', () => undefined);
    expect(ipcRenderer.listeners.get('event:import.progress')?.size).toBe(1);
    off();
    expect(ipcRenderer.listeners.get('event:import.progress')?.size).toBe(0);
    expect(() => api.on('anything-else', () => undefined)).toThrow();
  });
});

describe('registerIpc: sender check and results', () => {
  it('registers one channel per operation, refuses untrusted senders, forwards trusted calls', async () => {
    const calls: Array<[string, unknown]> = [];
    const channels = registerIpc(ipcMain, async (op, input) => {
      calls.push([op, input]);
      return { ok: true, data: 'done' };
    });
    expect(channels).toHaveLength(OP_NAMES.length);
    const good = { senderFrame: { url: 'app://app/index.html', parent: null } };
    const bad = { senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await ipcMain.invoke('app:units.list', good, {})).toEqual({ ok: true, data: 'done' });
    const refused = (await ipcMain.invoke('app:units.list', bad, {})) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('unauthorized');
    expect(calls).toEqual([['units.list', {}]]);
    await expect(ipcMain.invoke('app:shell.exec', good, {})).rejects.toThrow();
  });
});

/**
 * Builds `window.api` from the contract: one function per operation, each invoking its own channel.
 * Never exposes ipcRenderer, process or arbitrary channels.
 */
import { API_EVENTS, OP_NAME_LIST, type ApiEvent } from '../../../shared/contract/names';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void;
}

export const CHANNEL_PREFIX = 'app:';
export const EVENT_PREFIX = 'event:';
export const HOST_CHANNELS = { saveFiles: 'host:saveFilesToFolder', printToPdf: 'host:printToPdf' } as const;

export function createPreloadApi(ipc: IpcRendererLike): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const op of OP_NAME_LIST) {
    api[op] = (input: unknown) => ipc.invoke(CHANNEL_PREFIX + op, input ?? {});
  }
  api.on = (event: ApiEvent, cb: (payload: unknown) => void) => {
    if (!(API_EVENTS as readonly string[]).includes(event)) throw new Error(`Sự kiện không hợp lệ: ${String(event)}`);
    const listener = (_e: unknown, payload: unknown) => cb(payload);
    ipc.on(EVENT_PREFIX + event, listener);
    return () => ipc.removeListener(EVENT_PREFIX + event, listener);
  };
  api.host = {
    kind: 'electron',
    saveFilesToFolder: (files: Array<{ name: string; bytes: Uint8Array }>) =>
      ipc.invoke(HOST_CHANNELS.saveFiles, files),
    printToPdf: (html: string) => ipc.invoke(HOST_CHANNELS.printToPdf, html),
  };
  return api;
}

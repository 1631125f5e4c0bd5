/**
 * IPC: one channel per contract entry ("app:<operation>"). Every call is checked for its sender, validated
 * by the core (dispatch validates with the contract's schema), and answered with a Result; nothing throws.
 */
import { OP_NAMES } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { CHANNEL_PREFIX } from './preload-api';
import { isTrustedSender } from './security';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
}
export interface IpcEventLike {
  senderFrame?: { url: string; parent?: unknown } | null;
}

export type Caller = (op: string, input: unknown) => Promise<Result<unknown>>;

export function registerIpc(
  ipcMain: IpcMainLike,
  call: Caller,
  trusted: (e: IpcEventLike) => boolean = isTrustedSender,
): string[] {
  const channels: string[] = [];
  for (const op of OP_NAMES) {
    const channel = CHANNEL_PREFIX + op;
    ipcMain.handle(channel, async (event, input) => {
      if (!trusted(event)) {
        return {
          ok: false,
          error: { code: 'unauthorized', message: 'Yêu cầu không đến từ cửa sổ của ứng dụng.' },
        } satisfies Result<never>;
      }
      return call(op, input);
    });
    channels.push(channel);
  }
  return channels;
}

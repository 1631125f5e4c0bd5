/** Starts the core worker and turns calls into promises of Results. */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Result } from '../../shared/result';
import type { FromWorker, WorkerData } from './protocol';

export interface CoreClient {
  call(op: string, input: unknown): Promise<Result<unknown>>;
  onEvent(cb: (event: string, payload: unknown) => void): void;
  ready: Promise<void>;
  terminate(): Promise<number>;
}

export function startCoreWorker(
  entry: string,
  data: WorkerData,
  options: Omit<WorkerOptions, 'workerData'> = {},
): CoreClient {
  const worker = new Worker(entry, { ...options, workerData: data });
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners: Array<(event: string, payload: unknown) => void> = [];
  let readyResolve!: () => void;
  let readyReject!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    readyResolve = res;
    readyReject = rej;
  });
  // once the worker is gone, a new call must answer at once instead of waiting for a reply that never comes
  let stopped: string | null = null;
  const failAll = (message: string) => {
    for (const [, resolve] of pending) resolve({ ok: false, error: { code: 'internal', message } });
    pending.clear();
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'ready') readyResolve();
    else if (m.type === 'fatal') readyReject(new Error(m.message));
    else if (m.type === 'reply') {
      const r = pending.get(m.id);
      pending.delete(m.id);
      r?.(m.result);
    } else if (m.type === 'event') for (const l of listeners) l(m.event, m.payload);
  });
  worker.on('error', (e) => {
    readyReject(e);
    stopped ??= 'Bộ xử lý dữ liệu gặp sự cố và đã dừng. Dữ liệu đã lưu không bị ảnh hưởng; hãy khởi động lại ứng dụng.';
    failAll('Bộ xử lý dữ liệu gặp sự cố và đã dừng. Dữ liệu đã lưu không bị ảnh hưởng; hãy khởi động lại ứng dụng.');
  });
  worker.on('exit', () => {
    stopped ??= 'Bộ xử lý dữ liệu đã dừng. Hãy khởi động lại ứng dụng.';
    readyReject(new Error(stopped));
    failAll(stopped);
  });
  return {
    ready,
    call(op, input) {
      const id = nextId++;
      if (stopped) return Promise.resolve({ ok: false, error: { code: 'internal', message: stopped } });
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ type: 'call', id, op, input });
      });
    },
    onEvent(cb) {
      listeners.push(cb);
    },
    terminate: () => worker.terminate(),
  };
}

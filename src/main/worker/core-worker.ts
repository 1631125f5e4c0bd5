/**
 * The core worker: owns the database connection and runs the same handlers as every door, off the Electron
 * main thread so a long import never freezes the window. Plain Node (worker_threads); no Electron import.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch } from '../api/dispatch';
import { openCore } from './core';
import type { FromWorker, ToWorker, WorkerData } from './protocol';

const port = parentPort;
if (!port) throw new Error('core-worker must run inside a worker thread');

const post = (m: FromWorker) => port.postMessage(m);
const core = openCore((workerData as WorkerData).dbPath, {
  door: 'electron',
  emit: (event, payload) => post({ type: 'event', event, payload }),
  onBackupError: (message) => console.error('daily backup failed:', message),
});
const ctx = core.then(
  (c) => {
    post({ type: 'ready' });
    return c;
  },
  (e: unknown) => {
    post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
    return null;
  },
);

// calls reach dispatch in the order they came (writes are serialised by dispatch itself); reads answer at once
port.on('message', (m: ToWorker) => {
  if (m.type !== 'call') return;
  void ctx.then(async (c) => {
    const result = c
      ? await dispatch(c, m.op, m.input)
      : { ok: false as const, error: { code: 'internal' as const, message: 'Không mở được cơ sở dữ liệu.' } };
    post({ type: 'reply', id: m.id, result });
  });
});

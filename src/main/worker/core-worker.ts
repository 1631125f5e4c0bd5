/**
 * The core worker: owns the database connection and runs the same handlers as every door, off the Electron
 * main thread so a long import never freezes the window. Plain Node (worker_threads); no Electron import.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createContext, type Ctx } from '../api/context';
import { dispatch } from '../api/dispatch';
import { maybeDailyBackup } from '../services/backups';
import type { FromWorker, ToWorker, WorkerData } from './protocol';

const port = parentPort;
if (!port) throw new Error('core-worker must run inside a worker thread');

const post = (m: FromWorker) => port.postMessage(m);
let ctx: Ctx | null = null;
try {
  ctx = createContext((workerData as WorkerData).dbPath, {
    emit: (event, payload) => post({ type: 'event', event, payload }),
  });
  try {
    maybeDailyBackup(ctx);
  } catch (e) {
    // a failed backup must not keep the officer out of the app; the next start tries again
    console.error('daily backup failed:', e instanceof Error ? e.message : String(e));
  }
  post({ type: 'ready' });
} catch (e) {
  post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
}

// writes are serialised by dispatch itself (the same for every door); reads answer at once
port.on('message', (m: ToWorker) => {
  if (m.type !== 'call') return;
  void (async () => {
    const result = ctx
      ? await dispatch(ctx, m.op, m.input)
      : { ok: false as const, error: { code: 'internal' as const, message: 'Không mở được cơ sở dữ liệu.' } };
    post({ type: 'reply', id: m.id, result });
  })();
});

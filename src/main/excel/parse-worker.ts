/**
 * The parse worker: everything that touches the bytes of an uploaded workbook (file guard, zip, XML, exceljs or
 * the .xls reader, and the readers of forms, layouts, unit lists and plans: read-jobs.ts) runs here, in a worker thread with a memory limit, so that a hostile file
 * can only kill this thread, never the database owner. Started and restarted by parse-pool.ts; no database,
 * no Electron. Entry for the Electron build: `parse-worker` in electron.vite.config.ts.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../shared/result';
import type { ParseReply, ParseRequest } from './parse-pool';
import { runReadJob } from './read-jobs';

const port = parentPort;
if (!port) throw new Error('parse-worker must run inside a worker thread');

port.on('message', (m: ParseRequest) => {
  if (m.type !== 'parse') return;
  void runReadJob(m.job, m.bytes, m.fileName).then(
    (result) => port.postMessage({ type: 'done', id: m.id, result } satisfies ParseReply),
    (e: unknown) => {
      const reply: ParseReply =
        e instanceof AppError
          ? { type: 'failed', id: m.id, appError: e.toData() }
          : { type: 'failed', id: m.id, appError: null, message: e instanceof Error ? e.message : String(e) };
      port.postMessage(reply);
    },
  );
});
port.postMessage({ type: 'ready' } satisfies ParseReply);

/**
 * The parse worker: everything that touches the bytes of an uploaded workbook (file guard, zip, XML, exceljs or
 * the .xls reader, and the readers of forms, layouts, unit lists and plans: read-jobs.ts) runs here, in a worker thread with a memory limit, so that a hostile file
 * can only kill this thread, never the database owner. Started and restarted by parse-pool.ts; no database,
 * no Electron. Entry for the Electron build: `parse-worker` in electron.vite.config.ts.
 *
 * Jobs are read one at a time, in the order they came (the pool may send the next while this one is read; its
 * time limit counts from the `at` of the reply before it). A form's catalogue comes once, then by its id.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../shared/result';
import type { FormCatalog } from './form-reader';
import { CATALOGS_KEPT, type ParseReply, type ParseRequest } from './parse-pool';
import { runReadJob, type ReadJob } from './read-jobs';

const port = parentPort;
if (!port) throw new Error('parse-worker must run inside a worker thread');

const catalogs = new Map<number, FormCatalog>();

/** The job with its catalogue (sent with it, or kept from an earlier job). */
function withCatalog(m: ParseRequest): ReadJob {
  if (!m.catalog) return m.job;
  if (m.catalog.value) {
    catalogs.set(m.catalog.id, m.catalog.value);
    if (catalogs.size > CATALOGS_KEPT) catalogs.delete(catalogs.keys().next().value!);
  }
  const catalog = catalogs.get(m.catalog.id);
  if (!catalog) throw new Error(`catalogue ${m.catalog.id} not sent`);
  return { ...m.job, args: { ...m.job.args, catalog } } as ReadJob;
}

async function run(m: ParseRequest): Promise<void> {
  try {
    const result = await runReadJob(withCatalog(m), m.bytes, m.fileName);
    port!.postMessage({ type: 'done', id: m.id, at: Date.now(), result } satisfies ParseReply);
  } catch (e) {
    const at = Date.now();
    const reply: ParseReply =
      e instanceof AppError
        ? { type: 'failed', id: m.id, at, appError: e.toData() }
        : { type: 'failed', id: m.id, at, appError: null, message: e instanceof Error ? e.message : String(e) };
    port!.postMessage(reply);
  }
}

let chain: Promise<void> = Promise.resolve();
port.on('message', (m: ParseRequest) => {
  if (m.type !== 'parse') return;
  chain = chain.then(() => run(m));
});
port.postMessage({ type: 'ready' } satisfies ParseReply);

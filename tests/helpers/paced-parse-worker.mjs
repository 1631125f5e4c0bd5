/**
 * A parse worker whose reading time is set by the test, not by the machine's load: it speaks the pool's protocol
 * (parse-pool.ts: ParseRequest in, ParseReply out, `at` = when it finished), reads nothing, and holds its thread
 * for the milliseconds in the file's name ("cham-1500.xlsx") before answering with the file's name as its
 * result. Its thread is blocked (Atomics.wait), not waiting on a timer, so the next
 * job sent ahead waits behind it exactly as behind a real read. Used only by tests/integration/excel/parse-pool.test.ts.
 */
import { parentPort } from 'node:worker_threads';

const port = parentPort;
if (!port) throw new Error('paced-parse-worker must run inside a worker thread');
const cell = new Int32Array(new SharedArrayBuffer(4));

port.on('message', (m) => {
  if (m.type !== 'parse') return;
  const ms = Number(/(\d+)\.xlsx$/.exec(m.fileName)?.[1] ?? 0);
  Atomics.wait(cell, 0, 0, ms);
  port.postMessage({ type: 'done', id: m.id, at: Date.now(), result: { read: m.fileName } });
});
port.postMessage({ type: 'ready' });

/**
 * A child process for tests/integration/excel/parse-pool.test.ts: starts the parse workers ahead (as a batch does)
 * and, when asked, reads one form in a worker; then ends its work. The process must exit by itself: a worker
 * started and left idle must not keep it alive (it kept `bdg import` from exiting).
 */
import { readFileSync } from 'node:fs';
import { parseForm, parsePoolCapacity, warmParsePool } from '../../src/main/excel/parse-pool';
import { createContext } from '../../src/main/api/context';
import { getCatalog } from '../../src/main/services/catalog';

void (async () => {
  const [mode, file] = process.argv.slice(2);
  const ctx = createContext(':memory:', {});
  const catalog = getCatalog(ctx.db);
  warmParsePool();
  // wait until the worker is ready (it answers 'ready'), as a batch's later files find it
  for (let i = 0; i < 600 && parsePoolCapacity() === 0; i++) await new Promise((r) => setTimeout(r, 50));
  if (mode === 'read' && file) await parseForm(new Uint8Array(readFileSync(file)), 'mau.xlsx', catalog, {}, 'worker');
  ctx.close();
  process.stdout.write(`ready=${parsePoolCapacity() > 0}\n`);
})();

/**
 * Probe (not part of the bench): CPU of reading the bench's forms in this thread vs in a parse worker (the main
 * thread waits idle, so the process's CPU is the worker's), alternating.
 *   npx tsx scripts/bench/probe-read.ts [DIR] [ROUNDS]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext } from '../../src/main/api/context';
import { getCatalog } from '../../src/main/services/catalog';
import { configureParsePool, parseForm, shutdownParsePool, warmParsePool } from '../../src/main/excel/parse-pool';
import { median, round } from './util';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '/work/bdb/files120';
  const rounds = Number(process.argv[3] ?? 3);
  const young = process.env.YOUNG ? Number(process.env.YOUNG) : undefined;
  const files = readdirSync(dir)
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
  const ctx = createContext(':memory:', {});
  const catalog = getCatalog(ctx.db);
  warmParsePool();
  for (const f of files.slice(0, 20)) await parseForm(f.bytes, f.name, catalog, {}, 'worker');
  const out: Record<string, number[]> = { here: [], worker: [], workerPar: [] };
  for (let r = 0; r < rounds; r++) {
    for (const via of ['auto', 'worker', 'par'] as const) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      if (via === 'par') await Promise.all(files.map((f) => parseForm(f.bytes, f.name, catalog, {}, 'worker')));
      else for (const f of files) await parseForm(f.bytes, f.name, catalog, {}, via);
      const c = process.cpuUsage(c0);
      const wall = performance.now() - t0;
      out[via === 'auto' ? 'here' : via === 'worker' ? 'worker' : 'workerPar']!.push(
        (c.user + c.system) / 1000 / files.length,
      );
      console.error(via, round(wall), 'ms wall', round((c.user + c.system) / 1000), 'ms cpu');
    }
  }
  console.log(
    JSON.stringify({
      young,
      ...Object.fromEntries(Object.entries(out).map(([k, v]) => [k + 'CpuMsPerFile', round(median(v), 3)])),
    }),
  );
  ctx.close();
  await shutdownParsePool();
  void configureParsePool;
}
void main();

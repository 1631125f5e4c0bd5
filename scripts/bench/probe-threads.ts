/**
 * Probe (not part of the bench, issue 20): do two threads read the forms faster than one on this machine? Reads the
 * bench's forms (written by `npx tsx scripts/bench.ts --only-import --dump=DIR`) three ways, alternating round by
 * round: all in this thread (`main`), all in the parse worker while this thread waits (`worker`, up to four jobs
 * asked at once), and half in each at the same time (`both`). Wall milliseconds for all the files, medians of the
 * rounds after the first; on a machine whose two cores really run two threads at once, `both` is about half of
 * `main`. The worker is bundled as the app runs it (scripts/build-cli.mjs), so tsx does not compile it.
 *   npx tsx scripts/bench/probe-threads.ts [DIR] [ROUNDS]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureParsePool, parseForm, shutdownParsePool, warmParsePool } from '../../src/main/excel/parse-pool';
import { readForm } from '../../src/main/excel/form-reader';
import { dumpedForms } from './forms';
import { median, now, round } from './util';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '/work/bdb/files120';
  const rounds = Number(process.argv[3] ?? 9);
  const tmp = mkdtempSync(join(tmpdir(), 'probe-'));
  const { files, catalog } = await dumpedForms(dir, tmp);
  // into out/, so that the bundle finds node_modules (as the bench's worker)
  const workerDir = join(__dirname, '..', '..', 'out', `probe-threads-${process.pid}`);
  const { buildCli } = (await import(join(__dirname, '..', 'build-cli.mjs'))) as {
    buildCli: (outDir: string) => Promise<string>;
  };
  await buildCli(workerDir);
  configureParsePool({ entry: join(workerDir, 'parse-worker.js') });
  warmParsePool();
  await parseForm(files[0]!.bytes, files[0]!.name, catalog, {}, 'worker');
  const here = async (list: typeof files): Promise<void> => {
    for (const f of list) await readForm(f.bytes, f.name, catalog);
  };
  const there = async (list: typeof files, lanes: number): Promise<void> => {
    let k = 0;
    const lane = async (): Promise<void> => {
      while (k < list.length) {
        const f = list[k++]!;
        await parseForm(f.bytes, f.name, catalog, {}, 'worker');
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
  };
  const half = Math.floor(files.length / 2);
  const runs: Record<'main' | 'worker' | 'both', () => Promise<unknown>> = {
    main: () => here(files),
    worker: () => there(files, 4),
    both: () => Promise.all([there(files.slice(0, half), 2), here(files.slice(half))]),
  };
  const out: Record<string, number[]> = { main: [], worker: [], both: [] };
  for (let r = 0; r < rounds; r++) {
    const order = Object.keys(runs) as Array<keyof typeof runs>;
    for (const k of r % 2 ? order.reverse() : order) {
      const t0 = now();
      await runs[k]();
      out[k]!.push(now() - t0);
    }
  }
  const result = Object.fromEntries(Object.entries(out).map(([k, v]) => [`${k}Ms`, round(median(v.slice(1)))]));
  console.log(JSON.stringify({ files: files.length, ...result }));
  await shutdownParsePool();
  rmSync(tmp, { recursive: true, force: true });
  rmSync(workerDir, { recursive: true, force: true });
}
void main();

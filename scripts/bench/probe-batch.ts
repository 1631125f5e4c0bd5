/**
 * Probe (not part of the bench): imports.batch vs imports.file on a folder of the bench's forms (written by
 * `npx tsx scripts/bench.ts --only-import --dump=DIR`), alternating, each into a fresh database; prints the wall,
 * the process's CPU (workers included) and this thread's CPU (Linux /proc, 10 ms ticks: the batch's critical
 * path, less sensitive to other load than the wall) of each run, and their medians.
 *   npx tsx scripts/bench/probe-batch.ts DIR [ROUNDS] [batch|file|both]
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
/** this thread's CPU ms (Linux: /proc/self/task/PID/stat utime + stime, 10 ms ticks) */
const mainCpu = (): number => {
  const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shutdownParsePool, parseForm, warmParsePool } from '../../src/main/excel/parse-pool';
import { dumpedForms, freshDatabase } from './forms';
import { call, median, now, round } from './util';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '/work/bdb/files120';
  const rounds = Number(process.argv[3] ?? 3);
  const mode = process.argv[4] ?? 'both';
  const tmp = mkdtempSync(join(tmpdir(), 'probe-'));
  const { files, identity, catalog } = await dumpedForms(dir, tmp);
  await parseForm(files[0]!.bytes, files[0]!.name, catalog);
  warmParsePool();
  await parseForm(files[0]!.bytes, files[0]!.name, catalog, {}, 'worker');
  const out: Record<string, number[]> = {
    batch: [],
    file: [],
    batchCpu: [],
    fileCpu: [],
    batchMainCpu: [],
    fileMainCpu: [],
  };
  let k = 0;
  for (let r = 0; r < rounds; r++) {
    for (const m of ['batch', 'file']) {
      if (mode !== 'both' && mode !== m) continue;
      const { ctx, target } = freshDatabase(join(tmp, `db-${k++}.sqlite`), files.length, identity);
      const c0 = process.cpuUsage();
      const m0 = mainCpu();
      const t0 = now();
      let accepted = 0;
      if (m === 'batch') {
        const res = await call<{ results: Array<{ status: string }> }>(ctx, 'imports.batch', {
          periodId: target,
          files,
          receivedAt: '2026-06-05',
        });
        accepted = res.results.filter((x) => x.status === 'accepted').length;
      } else {
        for (const f of files) {
          const x = await call<{ status: string }>(ctx, 'imports.file', {
            periodId: target,
            file: f,
            receivedAt: '2026-06-05',
            batchId: `b-${k}`,
          });
          if (x.status === 'accepted') accepted++;
        }
      }
      const wall = now() - t0;
      const cpu = process.cpuUsage(c0);
      out[`${m}MainCpu`]!.push(mainCpu() - m0);
      out[m]!.push(wall);
      out[`${m}Cpu`]!.push((cpu.user + cpu.system) / 1000);
      console.error(
        `${m}: ${round(wall)} ms wall, ${round((cpu.user + cpu.system) / 1000)} ms cpu, ${accepted} accepted`,
      );
      ctx.close();
    }
  }
  console.log(JSON.stringify(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, round(median(v))]))));
  await shutdownParsePool();
  rmSync(tmp, { recursive: true, force: true });
}
void main();

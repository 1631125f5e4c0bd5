/**
 * Probe (not part of the bench, issue 20): how near the floor could the import get if reading overlapped writing?
 * `imports.batch` reads and checks every file before it writes any (one unit, one file: a later file may name the
 * unit of an earlier one). This probe measures an UPPER BOUND of overlapping: the same files written as each is
 * checked, while the parse worker reads the next ones (at most 8 ahead, the batch's READ_AHEAD; this thread reads
 * none), with NO one-unit-one-file rule and no duplicate handling at all: a design that kept the rule (a pass over
 * every file for its unit first) could only be slower. Alternated with `imports.batch` and with the floor
 * (scripts/bench/floor.ts, the values each run stored), each run into a fresh database; and with reading alone
 * (`readMs`: every file read by the app's reader, half in the worker and half in this thread at once, nothing
 * checked or written: the least any import with this reader spends before its writes). Prints the medians.
 *   npx tsx scripts/bench/probe-pipeline.ts DIR [ROUNDS]
 * DIR: the bench's forms, written by `npx tsx scripts/bench.ts --only-import --dump=DIR`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportResult } from '../../src/shared/domain/report';
import type { Ctx } from '../../src/main/api/context';
import { readForm } from '../../src/main/excel/form-reader';
import { parseForm, shutdownParsePool, warmParsePool } from '../../src/main/excel/parse-pool';
import { moveAfterBatch } from '../../src/main/services/backups';
import {
  checkFile,
  commitChecked,
  readFile,
  recordAnswer,
  registerFor,
  type FileRead,
} from '../../src/main/services/imports/file';
import { floorRun } from './floor';
import { dumpedForms, freshDatabase } from './forms';
import { call, median, now, round } from './util';

type File = { name: string; bytes: Uint8Array };

/** Every file checked and written in turn while the worker reads ahead; no one-unit-one-file rule (upper bound). */
async function overlapped(ctx: Ctx, files: File[], periodId: number, batchId: string): Promise<ImportResult[]> {
  const register = registerFor(ctx.raw);
  const input = (i: number) => ({ periodId, file: files[i]!, receivedAt: '2026-06-05', batchId });
  const reads: Array<Promise<FileRead>> = [];
  const ahead = (upTo: number): void => {
    for (let j = reads.length; j < Math.min(upTo, files.length); j++) {
      const p = readFile(ctx, input(j), 'worker');
      p.catch(() => undefined);
      reads.push(p);
    }
  };
  const results: ImportResult[] = [];
  for (let i = 0; i < files.length; i++) {
    ahead(i + 8);
    const c = await checkFile(ctx, input(i), register, () => reads[i]!);
    results.push(
      c.kind === 'commit' ? commitChecked(ctx, c) : recordAnswer(ctx, input(i), files[i]!, c.result, c.sha256),
    );
  }
  if (results.some((r) => r.status === 'accepted')) moveAfterBatch(ctx);
  return results;
}

/** Every file read, the odd ones in the worker, the even ones here meanwhile; nothing checked or written. */
async function readAll(files: File[], catalog: Parameters<typeof readForm>[2]): Promise<void> {
  const there = Promise.all(
    files.filter((_, i) => i % 2 === 1).map((f) => parseForm(f.bytes, f.name, catalog, {}, 'worker')),
  );
  for (const f of files.filter((_, i) => i % 2 === 0)) {
    await readForm(f.bytes, f.name, catalog);
    await new Promise((resolve) => setImmediate(resolve)); // the worker's answers come in
  }
  await there;
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '/work/bdb/files120';
  const rounds = Number(process.argv[3] ?? 5);
  const tmp = mkdtempSync(join(tmpdir(), 'probe-pipeline-'));
  const { files, identity, catalog } = await dumpedForms(dir, tmp);
  warmParsePool();
  await parseForm(files[0]!.bytes, files[0]!.name, catalog, {}, 'worker');
  const out: Record<'batch' | 'overlapped' | 'floor' | 'read', number[]> = {
    batch: [],
    overlapped: [],
    floor: [],
    read: [],
  };
  let k = 0;
  for (let r = 0; r < rounds; r++) {
    const t = now();
    await readAll(files, catalog);
    out.read.push(now() - t);
    for (const mode of ['batch', 'overlapped'] as const) {
      const { ctx, target } = freshDatabase(join(tmp, `db-${k++}.sqlite`), files.length, identity);
      const t0 = now();
      const results =
        mode === 'batch'
          ? (
              await call<{ results: ImportResult[] }>(ctx, 'imports.batch', {
                periodId: target,
                files,
                receivedAt: '2026-06-05',
              })
            ).results
          : await overlapped(ctx, files, target, `probe-${k}`);
      const ms = now() - t0;
      out[mode].push(ms);
      const accepted = results.filter((x) => x.status === 'accepted').length;
      if (mode === 'batch') {
        const countOf = ctx.raw.prepare('SELECT count(*) AS n FROM submission_values WHERE submission_id = ?');
        const counts = results.map((x) =>
          x.status === 'accepted' ? (countOf.get(x.submissionId) as { n: number }).n : 0,
        );
        out.floor.push(floorRun(join(tmp, `floor-${k}.sqlite`), files, counts) * 1000);
      }
      console.error(`${mode}: ${round(ms)} ms, ${accepted} accepted`);
      ctx.close();
    }
  }
  const m = (xs: number[]): number => round(median(xs));
  const floor = median(out.floor);
  console.log(
    JSON.stringify({
      batchMs: m(out.batch),
      overlappedMs: m(out.overlapped),
      floorMs: m(out.floor),
      readMs: m(out.read),
      batchFloorRatio: round(median(out.batch) / floor, 2),
      overlappedFloorRatio: round(median(out.overlapped) / floor, 2),
      readFloorRatio: round(median(out.read) / floor, 2),
      runs: Object.fromEntries(Object.entries(out).map(([key, v]) => [key, v.map((x) => round(x))])),
    }),
  );
  await shutdownParsePool();
  rmSync(tmp, { recursive: true, force: true });
}
void main();

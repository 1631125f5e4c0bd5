/**
 * Probe (not part of the bench): the batch's fixed costs on the bench's forms — the register (cold, then kept),
 * the pre-batch backup, moving the batch's originals out after it — each timed alone, median of ROUNDS.
 *   npx tsx scripts/bench/probe-fixed.ts [DIR] [ROUNDS]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readForm } from '../../src/main/excel/form-reader';
import { shutdownParsePool } from '../../src/main/excel/parse-pool';
import { backupBeforeBatch, moveAfterBatch } from '../../src/main/services/backups';
import { getCatalog } from '../../src/main/services/catalog';
import { registerFor } from '../../src/main/services/imports/file';
import { freshDatabase } from './forms';
import { call, median, now, round } from './util';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '/work/bdb/files120';
  const rounds = Number(process.argv[3] ?? 3);
  const files = readdirSync(dir)
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
  const tmp = mkdtempSync(join(tmpdir(), 'probe-fixed-'));
  const setup = freshDatabase(join(tmp, 'setup.sqlite'), files.length);
  const identity = (await readForm(files[0]!.bytes, files[0]!.name, getCatalog(setup.ctx.db))).identity.databaseId!;
  setup.ctx.close();
  const t: Record<string, number[]> = {
    registerCold: [],
    registerKept: [],
    backupFresh: [],
    backupAfter: [],
    move: [],
    importFile120: [],
  };
  for (let r = 0; r < rounds; r++) {
    const { ctx, target } = freshDatabase(join(tmp, `db-${r}.sqlite`), files.length, identity);
    let t0 = now();
    registerFor(ctx.raw);
    t.registerCold!.push(now() - t0);
    t0 = now();
    registerFor(ctx.raw);
    t.registerKept!.push(now() - t0);
    // the pre-batch backup of the bench's batch: the fresh database's first
    t0 = now();
    backupBeforeBatch(ctx);
    t.backupFresh!.push(now() - t0);
    // the originals of 120 accepted files in the database (imports.file does not move them out)
    t0 = now();
    for (const f of files) await call(ctx, 'imports.file', { periodId: target, file: f, receivedAt: '2026-06-05' });
    t.importFile120!.push(now() - t0);
    t0 = now();
    moveAfterBatch(ctx);
    t.move!.push(now() - t0);
    // the next batch's backup: what the last one wrote (its originals already moved out)
    t0 = now();
    backupBeforeBatch(ctx);
    t.backupAfter!.push(now() - t0);
    ctx.close();
  }
  console.log(JSON.stringify(Object.fromEntries(Object.entries(t).map(([k, v]) => [k + 'Ms', round(median(v), 2)]))));
  await shutdownParsePool();
  rmSync(tmp, { recursive: true, force: true });
}
void main();
